/**
 * Registering the integrity file's subjects from the console: a new body under a parent in the caller's scope (its
 * 统一社会信用代码 checked by the server, the message next to the field), a civil servant with their post, and an
 * appointment (a post in a body from a start date, optionally ended on a date).
 *
 * Registering a person never tells whether the ID number is on file elsewhere: kernel.persons.create answers the same
 * for a new number and for one registered outside the caller's scope (a city-wide registrar merges those later), and
 * this screen says only 已登记 with the masked number — it asks no other question about the number first.
 */
import { App as AntApp, Button, Checkbox, DatePicker, Drawer, Form, Input, Modal, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { z } from 'zod';
import { appointInput, ORG_KIND_LABELS, ORG_LEVEL_LABELS, orgCreateInput, personCreateInput } from '@chengxin/contract';
import { SchemaForm, fieldsOf, messageOf, type JsonSchema } from '@chengxin/ui';
import { client } from '../api';
import { OrgPicker, pickers } from '../common';
import { useLang } from '../i18n';
import { navigate } from '../router';

const ORG_OPTION_LABELS = { ...ORG_LEVEL_LABELS, ...ORG_KIND_LABELS };

export function OrgCreateDrawer({
  open,
  parentId,
  onClose,
  onCreated,
}: {
  open: boolean;
  parentId?: string | null | undefined;
  onClose: () => void;
  onCreated: (org: { id: string; name: string; parentId: string | null }) => void;
}) {
  const { t, lang } = useLang();
  const zh = lang === 'zh';
  const { message, modal } = AntApp.useApp();
  const fields = useMemo(
    () =>
      fieldsOf(
        z.toJSONSchema(orgCreateInput, { io: 'input' }) as JsonSchema,
        {
          parentId: {
            label: { zh: '上级单位', en: 'Parent body' },
            widget: 'org',
            order: 1,
            help: { zh: '只能在您管辖范围内的单位之下新建', en: 'Only under a body in your scope' },
          },
          name: { label: { zh: '单位名称', en: 'Name' }, order: 2 },
          shortName: { label: { zh: '简称', en: 'Short name' }, order: 3 },
          uscc: {
            label: { zh: '统一社会信用代码', en: 'Unified social credit code' },
            order: 4,
            help: { zh: '18位，按GB 32100校验', en: '18 characters, checked per GB 32100' },
          },
          level: { label: { zh: '层级', en: 'Level' }, order: 5 },
          kind: { label: { zh: '类别', en: 'Kind' }, order: 6 },
          areaCode: { label: { zh: '行政区划代码（6位）', en: 'Area code (6 digits)' }, order: 7 },
        },
        { optionLabels: ORG_OPTION_LABELS },
      ),
    [],
  );
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={zh ? '新建单位' : 'New body'}
      size="large"
      destroyOnHidden
      data-testid="org-create"
    >
      <SchemaForm
        fields={fields}
        lang={lang}
        pickers={pickers}
        initialValues={parentId ? { parentId } : {}}
        submitText={t('create')}
        onSubmit={async (input) => {
          const r = await client.kernel.orgs.create.mutate(input as z.input<typeof orgCreateInput>);
          onCreated({ id: r.org.id, name: r.org.name, parentId: r.org.parentId ?? null });
          void message.success(zh ? `已新建单位：${r.org.name}` : `Created ${r.org.name}`);
          if (r.warnings.length)
            modal.warning({
              title: zh ? '已新建，请核对以下提示' : 'Created; please check',
              content: r.warnings.map((w) => (zh ? w.messageZh : w.messageEn)).join('；'),
            });
        }}
      />
    </Drawer>
  );
}

/** The person's own fields and their first post, one flat form (the server's `tenure.` issues land on these fields). */
const registerForm = z.object({
  name: personCreateInput.shape.name,
  idNumber: personCreateInput.shape.idNumber,
  orgId: appointInput.shape.orgId,
  postTitle: appointInput.shape.postTitle,
  principal: appointInput.shape.principal,
  startDate: appointInput.shape.startDate,
});

export function PersonCreateDrawer({
  open,
  orgId,
  onClose,
  onCreated,
}: {
  open: boolean;
  orgId?: string | undefined;
  onClose: () => void;
  onCreated?: (person: { id: string; name: string }) => void;
}) {
  const { t, lang } = useLang();
  const zh = lang === 'zh';
  const { message } = AntApp.useApp();
  const [done, setDone] = useState<{ id: string; name: string; masked: string } | null>(null);
  const fields = useMemo(
    () =>
      fieldsOf(z.toJSONSchema(registerForm, { io: 'input' }) as JsonSchema, {
        name: { label: { zh: '姓名', en: 'Name' }, order: 1 },
        idNumber: {
          label: { zh: '公民身份号码', en: 'Citizen ID number' },
          order: 2,
          help: {
            zh: '18位，按GB 11643校验；加密保存，页面只显示脱敏号码',
            en: 'Checked per GB 11643; stored encrypted',
          },
        },
        orgId: { label: { zh: '任职单位', en: 'Body' }, widget: 'org', order: 3 },
        postTitle: { label: { zh: '职务', en: 'Post' }, order: 4 },
        principal: { label: { zh: '主要负责人', en: 'Principal' }, order: 5 },
        startDate: { label: { zh: '任职日期', en: 'Start date' }, order: 6 },
      }),
    [],
  );
  return (
    <Drawer
      open={open}
      onClose={() => {
        setDone(null);
        onClose();
      }}
      title={zh ? '登记公务员' : 'Register a civil servant'}
      size="large"
      destroyOnHidden
    >
      {done ? (
        <div data-testid="person-registered">
          <Typography.Paragraph>
            {zh ? `已登记：${done.name}（${done.masked}）` : `Registered: ${done.name} (${done.masked})`}
          </Typography.Paragraph>
          <Button type="primary" onClick={() => navigate(`/files/person/${done.id}`)}>
            {t('openFile')}
          </Button>{' '}
          <Button onClick={() => setDone(null)}>{zh ? '继续登记' : 'Register another'}</Button>
        </div>
      ) : (
        <SchemaForm
          fields={fields}
          lang={lang}
          pickers={pickers}
          initialValues={orgId ? { orgId } : {}}
          issuePrefix="tenure."
          submitText={zh ? '登记' : 'Register'}
          onSubmit={async (input) => {
            const v = input as z.output<typeof registerForm>;
            const p = await client.kernel.persons.create.mutate({
              name: v.name,
              idNumber: v.idNumber,
              tenure: {
                orgId: v.orgId,
                postTitle: v.postTitle,
                principal: v.principal ?? false,
                startDate: v.startDate,
              },
            });
            setDone({ id: p.id, name: p.name, masked: p.idNumberMasked });
            void message.success(zh ? `已登记：${p.name}` : `Registered ${p.name}`);
            onCreated?.({ id: p.id, name: p.name });
          }}
        />
      )}
    </Drawer>
  );
}

/** 任职: a post in a body from a date; an end date (离任) when the appointment is already over. */
export function AppointDialog({
  open,
  personId,
  personName,
  onClose,
  onDone,
}: {
  open: boolean;
  personId: string;
  personName: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t, lang } = useLang();
  const zh = lang === 'zh';
  const { message } = AntApp.useApp();
  const [orgId, setOrgId] = useState<string | undefined>();
  const [postTitle, setPostTitle] = useState('');
  const [principal, setPrincipal] = useState(false);
  const [startDate, setStartDate] = useState<string | undefined>();
  const [endDate, setEndDate] = useState<string | undefined>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const required = zh ? '必填' : 'Required';
  const submit = async () => {
    const e: Record<string, string> = {};
    if (!orgId) e['orgId'] = zh ? '请选择任职单位' : 'Choose the body';
    if (!postTitle.trim()) e['postTitle'] = zh ? '请填写职务' : 'Enter the post';
    if (!startDate) e['startDate'] = zh ? '请选择任职日期' : 'Choose the start date';
    if (startDate && endDate && endDate < startDate)
      e['endDate'] = zh ? '离任日期不能早于任职日期' : 'The end date cannot be before the start date';
    setErrors(e);
    if (Object.keys(e).length) return;
    setBusy(true);
    try {
      let field = '';
      try {
        const p = await client.kernel.persons.appoint.mutate({
          personId,
          orgId: orgId!,
          postTitle: postTitle.trim(),
          principal,
          startDate: startDate!,
        });
        if (endDate) {
          field = 'endDate';
          const tenure = p.tenures.find(
            (x) => x.orgId === orgId && x.postTitle === postTitle.trim() && x.startDate === startDate && !x.endDate,
          );
          if (tenure) await client.kernel.persons.endTenure.mutate({ tenureId: tenure.id, endDate });
        }
      } catch (err) {
        const f = (err as { data?: { field?: string | null } }).data?.field ?? '';
        const key = ['orgId', 'postTitle', 'startDate', 'endDate'].includes(f) ? f : field || 'form';
        setErrors({ [key]: messageOf(err, lang) });
        return;
      }
      void message.success(zh ? `已登记任职：${personName}` : `Appointment registered for ${personName}`);
      onDone();
    } finally {
      setBusy(false);
    }
  };
  const item = (key: string) => ({
    validateStatus: errors[key] ? ('error' as const) : undefined,
    help: errors[key],
  });
  return (
    <Modal
      open={open}
      title={`${zh ? '登记任职' : 'Appointment'}：${personName}`}
      onCancel={onClose}
      okText={t('save')}
      cancelText={t('cancel')}
      confirmLoading={busy}
      onOk={() => void submit()}
      destroyOnHidden
    >
      <Form layout="vertical">
        <Form.Item label={zh ? '任职单位' : 'Body'} required htmlFor="appoint-org" {...item('orgId')}>
          <OrgPicker id="appoint-org" value={orgId} onChange={setOrgId} />
        </Form.Item>
        <Form.Item label={zh ? '职务' : 'Post'} required htmlFor="appoint-post" {...item('postTitle')}>
          <Input id="appoint-post" maxLength={100} value={postTitle} onChange={(e) => setPostTitle(e.target.value)} />
        </Form.Item>
        <Form.Item {...item('principal')}>
          <Checkbox checked={principal} onChange={(e) => setPrincipal(e.target.checked)}>
            {zh ? '主要负责人' : 'Principal'}
          </Checkbox>
        </Form.Item>
        <Form.Item label={zh ? '任职日期' : 'Start date'} required htmlFor="appoint-start" {...item('startDate')}>
          <DatePicker
            id="appoint-start"
            style={{ width: '100%' }}
            value={startDate ? dayjs(startDate) : null}
            onChange={(d) => setStartDate(d ? d.format('YYYY-MM-DD') : undefined)}
            placeholder={required}
          />
        </Form.Item>
        <Form.Item
          label={zh ? '离任日期（仍在任则不填）' : 'End date (blank while in post)'}
          htmlFor="appoint-end"
          {...item('endDate')}
        >
          <DatePicker
            id="appoint-end"
            style={{ width: '100%' }}
            value={endDate ? dayjs(endDate) : null}
            onChange={(d) => setEndDate(d ? d.format('YYYY-MM-DD') : undefined)}
          />
        </Form.Item>
        {errors['form'] && <Typography.Text type="danger">{errors['form']}</Typography.Text>}
      </Form>
    </Modal>
  );
}
