/**
 * Record entry for every record type, kernel or plugin, through the one generic form renderer: the kernel's record
 * content schema and, for a plugin type, the plugin's payload schema from its manifest, both as JSON Schema. Saved as a
 * draft; the record page submits it.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Form, Radio, Row, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { type RecordCreateInput } from '@chengxin/contract';
import { SchemaForm, type JsonSchema } from '@chengxin/ui';
import { recordFields } from '../records/record-form';
import { client, useTRPC } from '../api';
import { OrgPicker, PageTitle, PersonPicker, pickers, useTypeLabel } from '../common';
import { useLang } from '../i18n';
import { navigate, useLocation } from '../router';

export default function RecordNewPage() {
  const trpc = useTRPC();
  const { t, l, lang } = useLang();
  const typeLabel = useTypeLabel();
  const rules = useQuery({ ...trpc.kernel.rules.list.queryOptions(), staleTime: Infinity });
  const plugins = useQuery(trpc.kernel.plugins.list.queryOptions());
  const [typeKey, setTypeKey] = useState<string>('administrative_penalty');
  // Opened from an integrity file ("录入记录"): the file's body or person comes preselected.
  const { query } = useLocation();
  const [kind, setKind] = useState<'org' | 'person'>(query.get('kind') === 'person' ? 'person' : 'org');
  const [subjectId, setSubjectId] = useState<string | undefined>(query.get('subject') ?? undefined);
  // Opened from an accepted complaint: the draft's subject is the complaint's, and the two are linked.
  const complaintId = query.get('complaint') ?? undefined;
  const complaint = useQuery({
    ...trpc.kernel.complaints.get.queryOptions({ id: complaintId ?? '' }),
    enabled: !!complaintId,
  });
  const [subjectError, setSubjectError] = useState<string | null>(null);

  const type = rules.data?.recordTypes.find((r) => r.key === typeKey);
  const pluginType = plugins.data
    ?.flatMap((p) => p.recordTypes.map((rt) => ({ ...rt, plugin: p })))
    .find((rt) => rt.key === typeKey);
  const allowedKinds = (type?.subjects ?? ['org', 'person']) as ('org' | 'person')[];
  const effectiveKind = allowedKinds.includes(kind) ? kind : allowedKinds[0]!;

  const fields = useMemo(
    () => recordFields(typeKey, !!type?.sanction, pluginType?.payloadSchema as JsonSchema | undefined),
    [typeKey, type, pluginType],
  );

  const typeOptions = (rules.data?.recordTypes ?? [])
    .filter((r) => r.owner === 'kernel' || plugins.data?.some((p) => p.id === r.owner && p.setting.enabled))
    .map((r) => ({
      value: r.key,
      label: `${typeLabel(r.key)}${r.owner === 'kernel' ? '' : `（${l(plugins.data?.find((p) => p.id === r.owner)?.label)}）`}`,
    }));

  return (
    <div>
      <PageTitle>{t('newRecord')}</PageTitle>
      <Row gutter={12}>
        <Col xs={24} xl={16}>
          <Card size="small">
            <SchemaForm
              key={typeKey}
              fields={fields}
              lang={lang}
              pickers={pickers}
              submitText={t('saveDraft')}
              fixed={{ typeKey }}
              check={() => {
                if (subjectId || complaintId) return true;
                setSubjectError(lang === 'zh' ? '请选择记录主体' : 'Choose the subject');
                return false;
              }}
              before={
                <>
                  <Form.Item label={t('recordType')} required htmlFor="record-type">
                    <Select
                      id="record-type"
                      showSearch
                      optionFilterProp="label"
                      value={typeKey}
                      onChange={(v: string) => {
                        setTypeKey(v);
                        setSubjectId(undefined);
                      }}
                      options={typeOptions}
                    />
                  </Form.Item>
                  {complaint.data && (
                    <Alert
                      type="info"
                      showIcon
                      style={{ marginBottom: 12 }}
                      data-testid="from-complaint"
                      title={
                        lang === 'zh'
                          ? `由投诉举报 ${complaint.data.receiptCode} 生成草稿，记录主体为被投诉单位，保存后两者互相关联。`
                          : `A draft from complaint ${complaint.data.receiptCode}; its subject is the body complained about.`
                      }
                    />
                  )}
                  {!complaintId && (
                    <Form.Item
                      label={t('subject')}
                      required
                      validateStatus={subjectError ? 'error' : undefined}
                      help={subjectError ?? undefined}
                      htmlFor="record-subject"
                    >
                      <Radio.Group
                        value={effectiveKind}
                        onChange={(e) => {
                          setKind(e.target.value as 'org' | 'person');
                          setSubjectId(undefined);
                        }}
                        style={{ marginBottom: 8 }}
                        options={allowedKinds.map((k) => ({ value: k, label: k === 'org' ? t('org') : t('person') }))}
                      />
                      {effectiveKind === 'org' ? (
                        <OrgPicker
                          id="record-subject"
                          value={subjectId}
                          onChange={(v) => {
                            setSubjectId(v);
                            setSubjectError(null);
                          }}
                        />
                      ) : (
                        <PersonPicker
                          id="record-subject"
                          value={subjectId}
                          onChange={(v) => {
                            setSubjectId(v);
                            setSubjectError(null);
                          }}
                        />
                      )}
                    </Form.Item>
                  )}
                </>
              }
              onSubmit={async (input) => {
                if (complaintId) {
                  const made = await client.kernel.complaints.toRecord.mutate({
                    id: complaintId,
                    record: input as Omit<RecordCreateInput, 'subject'>,
                  });
                  navigate(`/records/${made.recordId}`);
                  return;
                }
                const subject =
                  effectiveKind === 'org'
                    ? { kind: 'org' as const, orgId: subjectId! }
                    : { kind: 'person' as const, personId: subjectId! };
                const created = await client.kernel.records.create.mutate({
                  ...(input as Omit<RecordCreateInput, 'subject'>),
                  subject,
                });
                navigate(`/records/${created.id}`);
              }}
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={lang === 'zh' ? '说明' : 'Notes'}>
            <Typography.Paragraph type="secondary">
              {lang === 'zh'
                ? '保存后为草稿，可在记录页提交审核。影响期、公示期由系统按规则表计算，并列明法律依据。'
                : 'Saved as a draft; submit it from the record page. Impact and publication periods are computed from the rule tables, with their legal sources.'}
            </Typography.Paragraph>
            {pluginType && (
              <Alert type="info" showIcon title={`${l(pluginType.plugin.label)}：${l(pluginType.label)}`} />
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
