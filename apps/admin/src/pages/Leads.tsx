/**
 * 线索研判: leads from monitoring feeds (court lists, news monitoring, third parties) — figures per source, a file
 * import, and the queue where an officer dismisses a lead with a reason, merges a duplicate, names the body of a
 * free-text lead, or turns it into a draft record (which then goes to submission and review like any draft).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App as AntApp,
  Alert,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Modal,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import {
  LEAD_SOURCE_KIND_LABELS,
  LEAD_SOURCE_KINDS,
  LEAD_STATUS_LABELS,
  LEAD_STATUSES,
  LEAD_COLUMNS,
} from '@chengxin/contract/leads';
import { SEVERITY_LABELS } from '@chengxin/contract';
import { messageOf } from '@chengxin/ui';
import { client, useTRPC } from '../api';
import { OrgPicker, PageTitle, useTypeLabel } from '../common';
import { useLang } from '../i18n';
import { navigate } from '../router';
import { useSession } from '../session';

type Status = (typeof LEAD_STATUSES)[number];
type Lead = Awaited<ReturnType<typeof client.kernel.leads.list.query>>['items'][number];
type Acting = { lead: Lead; step: 'dismiss' | 'merge' | 'resolve' | 'record' } | null;

export default function LeadsPage() {
  const trpc = useTRPC();
  const { l, lang } = useLang();
  const { can } = useSession();
  const zh = lang === 'zh';
  const [status, setStatus] = useState<Status>('new');
  const [acting, setActing] = useState<Acting>(null);
  const list = useQuery(trpc.kernel.leads.list.queryOptions({ status, limit: 200 }));
  const figures = useQuery(trpc.kernel.leads.figures.queryOptions({}));
  const triage = can('kernel.leads.triage');
  return (
    <div>
      <PageTitle extra={can('kernel.leads.submit') ? <ImportButton /> : null}>
        {zh ? '监测线索研判' : 'Leads from monitoring'}
      </PageTitle>
      <Card size="small" title={zh ? '各来源统计' : 'By source'} style={{ marginBottom: 12 }}>
        <Table
          size="small"
          rowKey="source"
          loading={figures.isPending}
          dataSource={figures.data ?? []}
          pagination={false}
          columns={[
            { title: zh ? '来源' : 'Source', dataIndex: 'source' },
            {
              title: zh ? '来源类型' : 'Kind',
              dataIndex: 'sourceKind',
              render: (k: (typeof LEAD_SOURCE_KINDS)[number]) => l(LEAD_SOURCE_KIND_LABELS[k]),
            },
            { title: zh ? '收到' : 'Received', dataIndex: 'received' },
            { title: zh ? '待研判' : 'Open', dataIndex: 'open' },
            { title: zh ? '已排除' : 'Dismissed', dataIndex: 'dismissed' },
            { title: zh ? '已合并' : 'Merged', dataIndex: 'merged' },
            { title: zh ? '转为记录' : 'Into records', dataIndex: 'converted' },
            { title: zh ? '其中已审核通过' : 'Of which approved', dataIndex: 'standing' },
          ]}
        />
      </Card>
      <Card size="small">
        <Segmented
          style={{ marginBottom: 12 }}
          value={status}
          onChange={(v) => setStatus(v as Status)}
          options={LEAD_STATUSES.map((s) => ({ value: s, label: l(LEAD_STATUS_LABELS[s]) }))}
        />
        {list.error && <Alert type="error" showIcon title={messageOf(list.error, lang)} />}
        <Table
          size="small"
          rowKey="id"
          loading={list.isPending}
          dataSource={list.data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          expandable={{
            expandedRowRender: (x: Lead) => (
              <Space direction="vertical" size={2}>
                <Typography.Text>{x.allegation}</Typography.Text>
                {x.link && (
                  <a href={x.link} target="_blank" rel="noreferrer noopener">
                    {x.link}
                  </a>
                )}
                {x.documents.map((d, i) => (
                  <Typography.Text key={i} type="secondary">
                    {zh ? '材料：' : 'Document: '}
                    {d.link ? (
                      <a href={d.link} target="_blank" rel="noreferrer noopener">
                        {d.title}
                      </a>
                    ) : (
                      d.title
                    )}
                  </Typography.Text>
                ))}
                {x.dismissReason && (
                  <Typography.Text type="secondary">
                    {zh ? '排除理由：' : 'Reason: '}
                    {x.dismissReason}
                  </Typography.Text>
                )}
              </Space>
            ),
          }}
          columns={[
            { title: zh ? '来源' : 'Source', dataIndex: 'source' },
            { title: zh ? '来源编号' : 'Source id', dataIndex: 'sourceId' },
            {
              title: zh ? '涉及单位' : 'Body',
              key: 'org',
              render: (_, x: Lead) =>
                x.orgName ?? (
                  <Space size={4}>
                    <span>{x.orgText}</span>
                    <Tag color="orange">{zh ? '待确定单位' : 'To resolve'}</Tag>
                  </Space>
                ),
            },
            { title: zh ? '反映问题' : 'Allegation', dataIndex: 'allegation', ellipsis: true, width: 280 },
            { title: zh ? '发生日期' : 'Occurred', dataIndex: 'occurredOn', render: (d: string | null) => d ?? '—' },
            { title: zh ? '收到时间' : 'Received', dataIndex: 'receivedAt', render: (d: string) => d.slice(0, 10) },
            {
              title: zh ? '状态' : 'Status',
              key: 'status',
              render: (_, x: Lead) => (
                <Space size={4}>
                  <Tag>{l(LEAD_STATUS_LABELS[x.status])}</Tag>
                  {x.duplicates > 0 && (
                    <Tag color="blue">{zh ? `合并${x.duplicates}条` : `${x.duplicates} merged`}</Tag>
                  )}
                  {x.recordId && (
                    <Button size="small" type="link" onClick={() => navigate(`/records/${x.recordId}`)}>
                      {zh ? '查看草稿' : 'Draft'}
                    </Button>
                  )}
                </Space>
              ),
            },
            ...(triage && status === 'new'
              ? [
                  {
                    title: zh ? '研判' : 'Triage',
                    key: 'act',
                    render: (_: unknown, x: Lead) => (
                      <Space size={4} wrap>
                        {!x.orgId && (
                          <Button size="small" onClick={() => setActing({ lead: x, step: 'resolve' })}>
                            {zh ? '确定单位' : 'Resolve'}
                          </Button>
                        )}
                        <Button
                          size="small"
                          type="primary"
                          disabled={!x.orgId}
                          onClick={() => setActing({ lead: x, step: 'record' })}
                        >
                          {zh ? '转为记录草稿' : 'Draft record'}
                        </Button>
                        <Button size="small" onClick={() => setActing({ lead: x, step: 'merge' })}>
                          {zh ? '合并' : 'Merge'}
                        </Button>
                        <Button size="small" danger onClick={() => setActing({ lead: x, step: 'dismiss' })}>
                          {zh ? '排除' : 'Dismiss'}
                        </Button>
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {acting && <TriageDialog acting={acting} onClose={() => setActing(null)} />}
    </div>
  );
}

function TriageDialog({ acting, onClose }: { acting: NonNullable<Acting>; onClose: () => void }) {
  const { lang, t } = useLang();
  const zh = lang === 'zh';
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const typeLabel = useTypeLabel();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { lead, step } = acting;
  const [orgId, setOrgId] = useState<string | undefined>();
  const others = useQuery({
    queryKey: ['leads-merge-targets', lead.id],
    queryFn: () => client.kernel.leads.list.query({ limit: 200 }),
    enabled: step === 'merge',
  });
  const submit = async () => {
    setError(null);
    // A field left empty is shown at the field by the form; nothing is sent.
    const v = (await form.validateFields().catch(() => null)) as Record<string, string> | null;
    if (!v) return;
    setBusy(true);
    try {
      if (step === 'dismiss') await client.kernel.leads.dismiss.mutate({ id: lead.id, reason: v['reason']! });
      if (step === 'merge') await client.kernel.leads.merge.mutate({ id: lead.id, intoId: v['intoId']! });
      if (step === 'resolve') {
        if (!orgId) throw new Error(zh ? '请选择单位' : 'Choose the body');
        await client.kernel.leads.resolve.mutate({ id: lead.id, orgId });
      }
      if (step === 'record') {
        const made = await client.kernel.leads.toRecord.mutate({
          id: lead.id,
          record: {
            typeKey: v['typeKey']!,
            severity: v['severity'] as 'minor' | 'ordinary' | 'serious',
            facts: v['facts']!,
            legalBasis: v['legalBasis']!,
            decisionNo: v['decisionNo']!,
            decisionDate: (v['decisionDate'] as unknown as { format: (f: string) => string }).format('YYYY-MM-DD'),
            issuingAuthority: v['issuingAuthority']!,
            disclosureScope: 'public',
            payload: {},
          },
        });
        navigate(`/records/${made.recordId}`);
      }
      void message.success(t('done'));
      await queryClient.invalidateQueries();
      onClose();
    } catch (e) {
      setError(messageOf(e, lang));
    } finally {
      setBusy(false);
    }
  };
  const title = {
    dismiss: zh ? '排除线索' : 'Dismiss the lead',
    merge: zh ? '合并到另一条线索' : 'Merge into another lead',
    resolve: zh ? '确定涉及的单位' : 'Resolve the body',
    record: zh ? '转为信用记录草稿' : 'Turn into a draft record',
  }[step];
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={busy}
      okText={t('decide')}
      cancelText={t('cancel')}
      width={step === 'record' ? 640 : 480}
    >
      <Typography.Paragraph type="secondary">
        {lead.source} · {lead.sourceId} · {lead.orgName ?? lead.orgText}
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          facts: lead.allegation,
          severity: 'ordinary',
          typeKey: lead.sourceKind === 'court' ? 'judicial_judgment' : 'administrative_penalty',
        }}
      >
        {step === 'dismiss' && (
          <Form.Item name="reason" label={zh ? '排除理由' : 'Reason'} rules={[{ required: true, min: 2 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        )}
        {step === 'merge' && (
          <Form.Item name="intoId" label={zh ? '重复于' : 'Duplicate of'} rules={[{ required: true }]}>
            <Select
              showSearch
              optionFilterProp="label"
              options={(others.data?.items ?? [])
                .filter((x) => x.id !== lead.id && (x.status === 'new' || x.status === 'converted'))
                .map((x) => ({ value: x.id, label: `${x.source} ${x.sourceId} ${x.orgName ?? x.orgText}` }))}
            />
          </Form.Item>
        )}
        {step === 'resolve' && (
          <Form.Item label={zh ? '涉及单位' : 'Body'} required htmlFor="lead-org">
            <OrgPicker id="lead-org" value={orgId} onChange={setOrgId} />
          </Form.Item>
        )}
        {step === 'record' && (
          <>
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              title={
                zh
                  ? '生成的是草稿：线索的链接和材料随附于记录，须提交、审核后方可公示。'
                  : 'A draft only: the lead’s link and documents go with it; it is published only after submission and review.'
              }
            />
            <Form.Item name="typeKey" label={zh ? '记录类型' : 'Type'} rules={[{ required: true }]}>
              <Select
                options={['judicial_judgment', 'administrative_penalty', 'accountability'].map((k) => ({
                  value: k,
                  label: typeLabel(k),
                }))}
              />
            </Form.Item>
            <Form.Item name="severity" label={zh ? '严重程度' : 'Severity'} rules={[{ required: true }]}>
              <Select
                options={(['minor', 'ordinary', 'serious'] as const).map((s) => ({
                  value: s,
                  label: SEVERITY_LABELS[s][lang],
                }))}
              />
            </Form.Item>
            <Form.Item name="facts" label={zh ? '事实' : 'Facts'} rules={[{ required: true }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
            <Form.Item name="legalBasis" label={zh ? '依据' : 'Legal basis'} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
            <Space style={{ width: '100%' }} size={12}>
              <Form.Item name="decisionNo" label={zh ? '文书号' : 'Decision no.'} rules={[{ required: true }]}>
                <Input />
              </Form.Item>
              <Form.Item name="decisionDate" label={zh ? '决定日期' : 'Decision date'} rules={[{ required: true }]}>
                <DatePicker />
              </Form.Item>
            </Space>
            <Form.Item name="issuingAuthority" label={zh ? '作出机关' : 'Authority'} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
          </>
        )}
      </Form>
      {error && (
        <Typography.Text type="danger" role="alert">
          {error}
        </Typography.Text>
      )}
    </Modal>
  );
}

/** A feed delivered as a file: CSV or XLSX with the default headings (or mapped ones). */
function ImportButton() {
  const { lang, t, l } = useLang();
  const zh = lang === 'zh';
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const run = async () => {
    setError(null);
    const v = (await form.validateFields().catch(() => null)) as {
      source: string;
      sourceKind: (typeof LEAD_SOURCE_KINDS)[number];
    } | null;
    if (!v) return;
    if (!file) return setError(zh ? '请选择文件' : 'Choose a file');
    setBusy(true);
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      const out = await client.kernel.leads.import.mutate({
        format: file.name.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv',
        contentBase64: btoa(binary),
        source: v.source,
        sourceKind: v.sourceKind,
        columns: {},
      });
      void message.success(
        zh
          ? `共${out.rows}行，新增${out.created}条，已有${out.unchanged}条`
          : `${out.created} new, ${out.unchanged} held`,
      );
      await queryClient.invalidateQueries();
      setOpen(false);
    } catch (e) {
      setError(messageOf(e, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button onClick={() => setOpen(true)}>{zh ? '导入线索文件' : 'Import a lead file'}</Button>
      {open && (
        <Modal
          open
          title={zh ? '导入线索文件（CSV/XLSX）' : 'Import leads (CSV/XLSX)'}
          onCancel={() => setOpen(false)}
          onOk={() => void run()}
          confirmLoading={busy}
          okText={t('decide')}
          cancelText={t('cancel')}
        >
          <Typography.Paragraph type="secondary">
            {zh ? '表头：' : 'Headings: '}
            {Object.values(LEAD_COLUMNS).join('、')}
          </Typography.Paragraph>
          <Form form={form} layout="vertical" initialValues={{ sourceKind: 'court' }}>
            <Form.Item name="source" label={zh ? '来源名称' : 'Source'} rules={[{ required: true, min: 1 }]}>
              <Input placeholder={zh ? '如：中国裁判文书网监测' : 'e.g. court judgment monitoring'} />
            </Form.Item>
            <Form.Item name="sourceKind" label={zh ? '来源类型' : 'Kind'} rules={[{ required: true }]}>
              <Select options={LEAD_SOURCE_KINDS.map((k) => ({ value: k, label: l(LEAD_SOURCE_KIND_LABELS[k]) }))} />
            </Form.Item>
            <input
              type="file"
              accept=".csv,.xlsx"
              aria-label={zh ? '线索文件' : 'Lead file'}
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          </Form>
          {error && (
            <Typography.Text type="danger" role="alert">
              {error}
            </Typography.Text>
          )}
        </Modal>
      )}
    </>
  );
}
