/**
 * One credit record: its current content, the lifecycle actions the caller may take (a reason asked for each review
 * action), version history with the diff between consecutive versions, the events, and filing an objection.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App as AntApp,
  Alert,
  Button,
  Card,
  Descriptions,
  Drawer,
  Input,
  Modal,
  Result,
  Skeleton,
  Space,
  Table,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { z } from 'zod';
import { objectionFileInput } from '@chengxin/contract';
import {
  DISCLOSURE_LABELS,
  OBJECTION_STATUS_LABELS,
  POLARITY_LABELS,
  RECORD_ACTION_LABELS,
  RECORD_STATUS_LABELS,
} from '@chengxin/contract';
import { PAYLOAD_LABELS, ProposalCompare, SectorFacts } from '../records/RecordFacts';
import { RecordEdit } from '../records/RecordEdit';
import { SchemaForm, diffVersions, errorData, fieldsOf, messageOf, type JsonSchema } from '@chengxin/ui';
import { client, useTRPC } from '../api';
import { Forbidden, PageTitle, SeverityTag, StatusTag, sanctionLabel, useTypeLabel } from '../common';
import { useLang } from '../i18n';
import { Link, navigate } from '../router';
import { useSession } from '../session';

type Action = 'submit' | 'approve' | 'reject' | 'publish' | 'revoke' | 'withdraw';
const ACTIONS: { action: Action; from: string[]; permission: string; reasonRequired: boolean }[] = [
  { action: 'submit', from: ['draft'], permission: 'kernel.records.write', reasonRequired: false },
  { action: 'withdraw', from: ['draft'], permission: 'kernel.records.write', reasonRequired: true },
  { action: 'approve', from: ['submitted'], permission: 'kernel.records.review', reasonRequired: true },
  { action: 'reject', from: ['submitted'], permission: 'kernel.records.review', reasonRequired: true },
  { action: 'publish', from: ['approved'], permission: 'kernel.records.review', reasonRequired: true },
  { action: 'revoke', from: ['approved', 'published'], permission: 'kernel.records.review', reasonRequired: true },
];

const FIELD_LABELS: Record<string, { zh: string; en: string }> = {
  severity: { zh: '严重程度', en: 'Severity' },
  facts: { zh: '失信事实', en: 'Facts' },
  legalBasis: { zh: '法律依据', en: 'Legal basis' },
  decisionNo: { zh: '决定文号', en: 'Decision no.' },
  decisionDate: { zh: '决定日期', en: 'Decision date' },
  effectiveDate: { zh: '生效日期', en: 'Effective' },
  issuingAuthority: { zh: '作出决定机关', en: 'Issuing authority' },
  disclosureScope: { zh: '公开范围', en: 'Disclosure' },
  sanctionType: { zh: '处分种类', en: 'Sanction' },
  impactStart: { zh: '影响期起', en: 'Impact from' },
  impactEnd: { zh: '影响期止', en: 'Impact until' },
  publicationStart: { zh: '公示起', en: 'Published from' },
  publicationMinEnd: { zh: '最短公示期满', en: 'Min. publication end' },
  publicationMaxEnd: { zh: '最长公示期满', en: 'Max. publication end' },
  rules: { zh: '适用规则', en: 'Rules' },
};

export default function RecordPage({ id }: { id: string }) {
  const { t } = useLang();
  return (
    <div>
      <PageTitle extra={<Button onClick={() => window.history.back()}>{t('back')}</Button>}>{t('records')}</PageTitle>
      <RecordDetail id={id} />
    </div>
  );
}

export function RecordDetail({ id, compact }: { id: string; compact?: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const { t, l, lang } = useLang();
  const { can } = useSession();
  const typeLabel = useTypeLabel();
  const record = useQuery(trpc.kernel.records.get.queryOptions({ id }));
  const objections = useQuery({
    ...trpc.kernel.objections.list.queryOptions({ recordId: id, limit: 20 }),
    enabled: can('kernel.objections.read'),
  });
  const [pending, setPending] = useState<Action | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [objecting, setObjecting] = useState(false);
  const [editing, setEditing] = useState(false);
  const refresh = () => queryClient.invalidateQueries();
  const move = useMutation({
    mutationFn: ({ action, reason: why }: { action: Action; reason: string }) =>
      action === 'reject' || action === 'revoke' || action === 'withdraw'
        ? client.kernel.records[action].mutate({ recordId: id, reason: why })
        : client.kernel.records[action].mutate({ recordId: id, ...(why ? { reason: why } : {}) }),
    onSuccess: () => {
      setPending(null);
      setReason('');
      void message.success(t('done'));
      void refresh();
    },
    onError: (e) => setReasonError(messageOf(e, lang)),
  });
  const objectionFields = useMemo(
    () =>
      fieldsOf(
        z.toJSONSchema(objectionFileInput, { io: 'input' }) as JsonSchema,
        {
          applicantKind: { label: { zh: '申请人类别', en: 'Applicant' }, order: 1 },
          applicantName: { label: { zh: '申请人名称', en: 'Applicant name' }, order: 2 },
          applicantContact: { label: { zh: '联系方式', en: 'Contact' }, order: 3 },
          reasons: { label: { zh: '异议理由', en: 'Reasons' }, widget: 'textarea', order: 4 },
        },
        {
          hide: ['recordId', 'evidence'],
          optionLabels: {
            subject: { zh: '信用主体本人', en: 'The subject' },
            agent: { zh: '委托代理人', en: 'An agent' },
          },
        },
      ),
    [],
  );

  if (record.error)
    return errorData(record.error)?.httpStatus === 403 ? (
      <Forbidden />
    ) : (
      <Result status="error" title={messageOf(record.error, lang)} />
    );
  if (!record.data) return <Skeleton active />;
  const r = record.data;
  const v = r.current;
  const available = ACTIONS.filter((a) => a.from.includes(r.status) && can(a.permission));
  const versions = [...r.versions].sort((a, b) => b.version - a.version);

  const confirm = () => {
    const rule = ACTIONS.find((a) => a.action === pending)!;
    if (rule.reasonRequired && !reason.trim()) return setReasonError(t('reasonRequired'));
    setReasonError(null);
    move.mutate({ action: pending!, reason: reason.trim() });
  };

  return (
    <div>
      <Card
        size="small"
        title={
          <Space wrap>
            {r.personName ?? r.orgName} · {typeLabel(r.typeKey)} <StatusTag status={r.status} />
            {r.disputed && <Tag color="orange">{lang === 'zh' ? '异议处理中' : 'Disputed'}</Tag>}
          </Space>
        }
        extra={
          !compact && (
            <Space wrap>
              {r.status === 'draft' && can('kernel.records.write') && (
                <Button onClick={() => setEditing(true)}>{t('editRecord')}</Button>
              )}
              {available.map((a) => (
                <Button
                  key={a.action}
                  type={
                    a.action === 'reject' || a.action === 'revoke' || a.action === 'withdraw' ? 'default' : 'primary'
                  }
                  danger={a.action === 'revoke' || a.action === 'withdraw'}
                  onClick={() => {
                    setPending(a.action);
                    setReasonError(null);
                  }}
                >
                  {t(a.action)}
                </Button>
              ))}
              {['approved', 'published', 'expired', 'repaired'].includes(r.status) &&
                !r.disputed &&
                can('kernel.objections.file') && (
                  <Button onClick={() => setObjecting(true)}>{t('fileObjection')}</Button>
                )}
              {r.polarity === 'dishonesty' &&
                ['approved', 'published', 'expired', 'repaired'].includes(r.status) &&
                can('kernel.selfCorrections.file') && (
                  <Button
                    onClick={() => navigate(`/self-corrections?recordId=${r.id}`)}
                    data-testid="self-correction-new"
                  >
                    申请主动自新
                  </Button>
                )}
            </Space>
          )
        }
      >
        <ProposalCompare payload={v.payload} current={v} />
        <Descriptions
          size="small"
          column={compact ? 1 : 2}
          items={[
            {
              key: 'subject',
              label: t('subject'),
              children: r.personId ? (
                <Link to={`/files/person/${r.personId}`}>
                  {r.personName}（{r.orgName}）
                </Link>
              ) : (
                <Link to={`/files/org/${r.orgId}`}>{r.orgName}</Link>
              ),
            },
            { key: 'polarity', label: lang === 'zh' ? '性质' : 'Polarity', children: l(POLARITY_LABELS[r.polarity]) },
            { key: 'severity', label: t('severity'), children: <SeverityTag severity={v.severity} /> },
            {
              key: 'sanction',
              label: FIELD_LABELS['sanctionType']![lang],
              children: sanctionLabel(v.sanctionType, lang) || '—',
            },
            { key: 'no', label: FIELD_LABELS['decisionNo']![lang], children: v.decisionNo },
            { key: 'date', label: t('decisionDate'), children: v.decisionDate },
            { key: 'auth', label: FIELD_LABELS['issuingAuthority']![lang], children: v.issuingAuthority },
            {
              key: 'disc',
              label: FIELD_LABELS['disclosureScope']![lang],
              children: l(DISCLOSURE_LABELS[v.disclosureScope]),
            },
            {
              key: 'impact',
              label: lang === 'zh' ? '影响期' : 'Impact period',
              children: v.impactStart ? `${v.impactStart} – ${v.impactEnd ?? ''}` : '—',
            },
            {
              key: 'pub',
              label: lang === 'zh' ? '公示期' : 'Publication',
              children: v.publicationStart
                ? `${v.publicationStart} – ${v.publicationMinEnd ?? ''} / ${v.publicationMaxEnd ?? ''}`
                : '—',
            },
            { key: 'facts', label: FIELD_LABELS['facts']![lang], span: compact ? 1 : 2, children: v.facts },
            { key: 'basis', label: FIELD_LABELS['legalBasis']![lang], span: compact ? 1 : 2, children: v.legalBasis },
            ...(Object.keys(v.payload).some((k) => !['$v', 'proposedBy'].includes(k))
              ? [
                  {
                    key: 'payload',
                    label:
                      r.typeKey === 'administrative_penalty'
                        ? lang === 'zh'
                          ? '处罚信息'
                          : 'Penalty'
                        : lang === 'zh'
                          ? '行业数据'
                          : 'Sector facts',
                    span: compact ? 1 : 2,
                    children: <SectorFacts typeKey={r.typeKey} payload={v.payload} />,
                  },
                ]
              : []),
            {
              key: 'rules',
              label: FIELD_LABELS['rules']![lang],
              span: compact ? 1 : 2,
              children: v.rules.map((x) => (
                <div key={x.ruleId} style={{ fontSize: 12 }}>
                  {lang === 'zh' ? x.summaryZh : x.summaryEn} — {x.source.law}
                  {x.source.article}
                </div>
              )),
            },
          ]}
        />
      </Card>
      <Tabs
        style={{ marginTop: 8 }}
        items={[
          {
            key: 'versions',
            label: `${t('versions')}（${versions.length}）`,
            children: (
              <Timeline
                items={versions.map((ver) => {
                  const previous = r.versions.find((x) => x.version === ver.version - 1);
                  const changes = previous
                    ? diffVersions(
                        previous as unknown as Record<string, unknown>,
                        ver as unknown as Record<string, unknown>,
                        ['version', 'createdAt', 'createdBy', 'reason'],
                      )
                    : [];
                  return {
                    key: ver.version,
                    content: (
                      <div data-testid={`version-${ver.version}`}>
                        <Typography.Text strong>
                          {lang === 'zh' ? `第 ${ver.version} 版` : `Version ${ver.version}`}
                        </Typography.Text>
                        <Typography.Text type="secondary">
                          {' '}
                          · {new Date(ver.createdAt).toLocaleString('zh-CN', { hour12: false })}
                          {ver.reason ? ` · ${ver.reason}` : ''}
                        </Typography.Text>
                        {previous && (
                          <Table
                            size="small"
                            pagination={false}
                            rowKey="path"
                            style={{ marginTop: 6 }}
                            dataSource={changes}
                            locale={{ emptyText: lang === 'zh' ? '内容无变化' : 'No change' }}
                            columns={[
                              {
                                title: lang === 'zh' ? '字段' : 'Field',
                                dataIndex: 'path',
                                width: 140,
                                render: (p: string) =>
                                  FIELD_LABELS[p]?.[lang] ??
                                  (p.startsWith('payload.') ? PAYLOAD_LABELS[p.slice(8)]?.[lang] : undefined) ??
                                  (p === 'payload' ? (lang === 'zh' ? '行业数据' : 'Payload') : p),
                              },
                              {
                                title: lang === 'zh' ? '更正前' : 'Before',
                                dataIndex: 'before',
                                render: (x: unknown) => <span className="cx-diff-before">{show(x)}</span>,
                              },
                              {
                                title: lang === 'zh' ? '更正后' : 'After',
                                dataIndex: 'after',
                                render: (x: unknown) => <span className="cx-diff-after">{show(x)}</span>,
                              },
                            ]}
                          />
                        )}
                      </div>
                    ),
                  };
                })}
              />
            ),
          },
          {
            key: 'events',
            label: t('events'),
            children: (
              <Table
                size="small"
                rowKey={(e) => `${e.at}${e.action}`}
                pagination={false}
                dataSource={r.events}
                columns={[
                  {
                    title: lang === 'zh' ? '时间' : 'When',
                    dataIndex: 'at',
                    render: (x: string) => new Date(x).toLocaleString('zh-CN', { hour12: false }),
                  },
                  {
                    title: lang === 'zh' ? '操作' : 'Action',
                    dataIndex: 'action',
                    render: (a: string) => RECORD_ACTION_LABELS[a as keyof typeof RECORD_ACTION_LABELS]?.[lang] ?? a,
                  },
                  {
                    title: t('status'),
                    render: (_, e) =>
                      `${e.fromStatus ? (RECORD_STATUS_LABELS[e.fromStatus as keyof typeof RECORD_STATUS_LABELS]?.[lang] ?? e.fromStatus) : '—'} → ${RECORD_STATUS_LABELS[e.toStatus as keyof typeof RECORD_STATUS_LABELS]?.[lang] ?? e.toStatus}`,
                  },
                  { title: t('reason'), dataIndex: 'reason' },
                ]}
              />
            ),
          },
          {
            key: 'objections',
            label: t('objections'),
            children: (
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={objections.data ?? []}
                columns={[
                  {
                    title: lang === 'zh' ? '申请人' : 'Applicant',
                    dataIndex: 'applicantName',
                    render: (x: string, o) => <Link to={`/objections/${o.id}`}>{x}</Link>,
                  },
                  { title: lang === 'zh' ? '登记日期' : 'Filed', dataIndex: 'filedOn' },
                  {
                    title: t('status'),
                    dataIndex: 'status',
                    render: (x: string) =>
                      OBJECTION_STATUS_LABELS[x as keyof typeof OBJECTION_STATUS_LABELS]?.[lang] ?? x,
                  },
                  { title: lang === 'zh' ? '结果' : 'Outcome', dataIndex: 'outcome' },
                ]}
              />
            ),
          },
        ]}
      />
      <Modal
        open={!!pending}
        title={pending ? t(pending) : ''}
        onCancel={() => setPending(null)}
        onOk={confirm}
        confirmLoading={move.isPending}
        okText={pending ? t(pending) : ''}
        cancelText={t('cancel')}
        okButtonProps={{ danger: pending === 'revoke' }}
        destroyOnHidden
      >
        {pending === 'revoke' && (
          // Revoking cannot be undone: it is said before the reason is asked for.
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title={
              lang === 'zh'
                ? '撤销不可恢复：记录立即从门户网站和开放数据撤下，并通知已报送的平台。'
                : 'Revoking cannot be undone: the record leaves the public site and open data at once.'
            }
          />
        )}
        <label htmlFor="transition-reason">
          {t('reason')}
          {pending && ACTIONS.find((a) => a.action === pending)?.reasonRequired ? ' *' : ''}
        </label>
        <Input.TextArea
          id="transition-reason"
          rows={3}
          value={reason}
          onChange={(e) => {
            setReason(e.target.value);
            setReasonError(null);
          }}
          status={reasonError ? 'error' : undefined}
        />
        {reasonError && (
          <Typography.Text type="danger" role="alert">
            {reasonError}
          </Typography.Text>
        )}
      </Modal>
      <Drawer
        open={editing}
        onClose={() => setEditing(false)}
        title={lang === 'zh' ? '编辑草稿' : 'Edit draft'}
        size="large"
        destroyOnHidden
      >
        {editing && (
          <RecordEdit
            record={r}
            onDone={() => {
              setEditing(false);
              void message.success(t('done'));
              void refresh();
            }}
          />
        )}
      </Drawer>
      <Modal
        open={objecting}
        title={t('fileObjection')}
        footer={null}
        onCancel={() => setObjecting(false)}
        destroyOnHidden
        width={640}
      >
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={lang === 'zh' ? '登记后该记录即时标注“异议处理中”。' : 'The record is marked disputed at once.'}
        />
        <SchemaForm
          fields={objectionFields}
          lang={lang}
          fixed={{ recordId: id }}
          submitText={t('fileObjection')}
          onSubmit={async (input) => {
            const o = await client.kernel.objections.file.mutate(input as z.input<typeof objectionFileInput>);
            setObjecting(false);
            void refresh();
            navigate(`/objections/${o.id}`);
          }}
        />
      </Modal>
    </div>
  );
}

const show = (x: unknown) =>
  x === null || x === undefined ? '—' : typeof x === 'object' ? JSON.stringify(x) : String(x);
