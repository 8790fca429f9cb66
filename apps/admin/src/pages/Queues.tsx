/** The other due-process queues: complaints, credit repairs, rectifications, inspections — each with its deadlines. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App as AntApp,
  Alert,
  Button,
  Card,
  Checkbox,
  Input,
  Modal,
  Radio,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { messageOf } from '@chengxin/ui';
import { client, useTRPC } from '../api';
import { Deadline, Forbidden, OrgName, OrgPicker, PageTitle, useTypeLabel } from '../common';
import {
  COMPLAINT_CATEGORY_LABELS,
  COMPLAINT_STATUS_LABELS,
  INSPECTION_STATUS_LABELS,
  RECTIFICATION_STATUS_LABELS,
  REPAIR_STATUS_LABELS,
} from '@chengxin/contract';
import { useLang } from '../i18n';
import {
  ListTable,
  FilterSelect,
  ListFilterBar,
  OpenClosedFilter,
  statusOf,
  useListFilters,
  useRecordTypeOptions,
  type ListFilters,
} from '../lists';
import { Link, navigate } from '../router';
import { useSession } from '../session';

type Kind = 'complaints' | 'repairs' | 'rectifications' | 'inspections';
const PERMISSION: Record<Kind, string> = {
  complaints: 'kernel.complaints.read',
  repairs: 'kernel.repairs.read',
  rectifications: 'kernel.rectifications.read',
  inspections: 'kernel.supervision.read',
};

export default function QueuesPage({ kind }: { kind: Kind }) {
  const { can } = useSession();
  const { t } = useLang();
  if (!(kind in PERMISSION)) return <Forbidden />;
  if (!can(PERMISSION[kind])) return <Forbidden />;
  return (
    <div>
      <PageTitle>{t(kind)}</PageTitle>
      <Card size="small">
        {kind === 'complaints' ? (
          <Complaints />
        ) : kind === 'repairs' ? (
          <Repairs />
        ) : kind === 'rectifications' ? (
          <Rectifications />
        ) : (
          <Inspections />
        )}
      </Card>
    </div>
  );
}

type ComplaintRow = Awaited<ReturnType<typeof client.kernel.complaints.page.query>>['items'][number];
type RepairRow = Awaited<ReturnType<typeof client.kernel.repairs.page.query>>['items'][number];
type RectificationRow = Awaited<ReturnType<typeof client.kernel.rectifications.page.query>>['items'][number];
const COMPLAINT_STATES = ['received', 'accepted', 'not_ours', 'duplicate', 'closed'] as const;
const REPAIR_STATES = ['under_review', 'approved', 'rejected', 'promise_broken', 'cancelled'] as const;
const RECTIFICATION_STATES = ['awaiting_explanation', 'in_progress', 'completed', 'verified', 'cancelled'] as const;

/** The overdue-only switch, kept in the URL. */
function OverdueSwitch({ filters }: { filters: ListFilters }) {
  const { lang } = useLang();
  return (
    <label style={{ marginLeft: 12 }}>
      <Switch
        size="small"
        checked={filters.get('overdue') === '1'}
        onChange={(v) => filters.set({ overdue: v ? '1' : undefined })}
      />{' '}
      {lang === 'zh' ? '只看逾期' : 'Overdue only'}
    </label>
  );
}

const yes = (zh: boolean, v: boolean | null | undefined) => (v ? (zh ? '是' : 'yes') : '');

function Complaints() {
  const { t, l, lang } = useLang();
  const { can } = useSession();
  const filters = useListFilters('/queues/complaints', ['filedOn', 'handleDue', 'org']);
  const [acting, setActing] = useState<{ id: string; step: 'triage' | 'close' } | null>(null);
  const [resolving, setResolving] = useState<ComplaintRow | null>(null);
  const [reload, setReload] = useState(0);
  const zh = lang === 'zh';
  const handler = can('kernel.complaints.handle');
  const category = filters.get('category');
  const anonymous = filters.get('anonymous');
  const input = {
    ...statusOf(filters, 'closed' as const),
    ...filters.common(COMPLAINT_STATES),
    ...(filters.get('overdue') === '1' ? { overdueOnly: true } : {}),
    ...(category && category in COMPLAINT_CATEGORY_LABELS
      ? { category: category as keyof typeof COMPLAINT_CATEGORY_LABELS }
      : {}),
    ...(anonymous === 'yes' ? { anonymous: true } : anonymous === 'no' ? { anonymous: false } : {}),
    ...(filters.get('unresolved') === '1' ? { bodyUnresolved: true } : {}),
  };
  const fetchPage = (limit: number) => (cursor: string | undefined) =>
    client.kernel.complaints.page.query({ ...input, limit, ...(cursor ? { cursor } : {}) });
  const statusLabel = (s: string) => l(COMPLAINT_STATUS_LABELS[s as (typeof COMPLAINT_STATES)[number]]);
  return (
    <>
      <div style={{ marginBottom: 12 }}>
        <OpenClosedFilter filters={filters} closed={{ value: 'closed', label: zh ? '已结' : 'Closed' }} />
        <OverdueSwitch filters={filters} />
        <Checkbox
          style={{ marginLeft: 12 }}
          checked={filters.get('unresolved') === '1'}
          onChange={(e) => filters.set({ unresolved: e.target.checked ? '1' : undefined })}
        >
          {zh ? '只看待确定被投诉单位的' : 'Body to be determined only'}
        </Checkbox>
      </div>
      <ListFilterBar
        filters={filters}
        placeholder={zh ? '回执码、承办单位、被投诉对象或内容' : 'Receipt, body, about or content'}
        states={COMPLAINT_STATES.map((s) => ({ value: s, label: statusLabel(s) }))}
        orgLabel={zh ? '承办单位' : 'Handled by'}
      >
        <FilterSelect
          filters={filters}
          name="category"
          label={zh ? '类别' : 'Category'}
          width={190}
          options={Object.entries(COMPLAINT_CATEGORY_LABELS).map(([value, label]) => ({ value, label: l(label) }))}
        />
        <FilterSelect
          filters={filters}
          name="anonymous"
          label={zh ? '署名' : 'Named'}
          width={120}
          options={[
            { value: 'yes', label: zh ? '匿名' : 'Anonymous' },
            { value: 'no', label: zh ? '署名' : 'Named' },
          ]}
        />
      </ListFilterBar>
      <ListTable<ComplaintRow>
        reload={JSON.stringify(input) + reload}
        rowKey={(c) => c.id}
        onSort={filters.onSort}
        fetchPage={fetchPage}
        expandable={{ expandedRowRender: (c) => <ComplaintDetail complaint={c} /> }}
        exportName={t('complaints')}
        exportColumns={[
          { title: zh ? '回执码' : 'Receipt', value: (c) => c.receiptCode, width: 20 },
          {
            title: zh ? '类别' : 'Category',
            value: (c) => l(COMPLAINT_CATEGORY_LABELS[c.category as keyof typeof COMPLAINT_CATEGORY_LABELS]) ?? '',
            width: 18,
          },
          { title: zh ? '承办单位' : 'Handled by', value: (c) => c.handlingOrgName, width: 30 },
          { title: zh ? '被投诉对象' : 'About', value: (c) => c.aboutText, width: 24 },
          { title: zh ? '内容' : 'Content', value: (c) => c.content, width: 50 },
          { title: zh ? '登记日期' : 'Filed', value: (c) => c.filedOn, width: 12 },
          { title: zh ? '受理期限' : 'Triage by', value: (c) => c.triageDue, width: 12 },
          { title: t('deadline'), value: (c) => c.handleDue, width: 12 },
          { title: zh ? '逾期' : 'Overdue', value: (c) => yes(zh, c.overdue), width: 8 },
          { title: t('status'), value: (c) => statusLabel(c.status), width: 12 },
          { title: zh ? '办理结果' : 'Outcome', value: (c) => c.outcome, width: 30 },
        ]}
        columns={[
          { title: zh ? '回执码' : 'Receipt', key: 'receipt', render: (_: unknown, c: ComplaintRow) => c.receiptCode },
          {
            title: zh ? '承办单位' : 'Handled by',
            ...filters.sortable('org'),
            render: (_: unknown, c: ComplaintRow) => c.handlingOrgName,
          },
          {
            title: zh ? '被投诉单位' : 'About',
            key: 'about',
            render: (_: unknown, c: ComplaintRow) =>
              c.aboutOrgId ? (
                <OrgName id={c.aboutOrgId} />
              ) : c.bodyUnresolved ? (
                <Space size={4} wrap>
                  <span>{c.aboutText}</span>
                  <Tag color="orange">{zh ? '待确定被投诉单位' : 'Body to be determined'}</Tag>
                  {handler && (c.status === 'received' || c.status === 'accepted') && (
                    <Button size="small" onClick={() => setResolving(c)}>
                      {zh ? '确定被投诉单位' : 'Determine body'}
                    </Button>
                  )}
                </Space>
              ) : (
                '—'
              ),
          },
          {
            title: zh ? '内容' : 'Content',
            key: 'content',
            ellipsis: true,
            width: 320,
            render: (_: unknown, c: ComplaintRow) => c.content,
          },
          {
            title: zh ? '登记日期' : 'Filed',
            ...filters.sortable('filedOn'),
            render: (_: unknown, c: ComplaintRow) => c.filedOn,
          },
          {
            title: zh ? '受理期限' : 'Triage by',
            key: 'triage',
            render: (_: unknown, c: ComplaintRow) => (
              <Deadline due={c.triageDue} overdue={c.overdue && c.status === 'received'} late={c.workingDaysLate} />
            ),
          },
          {
            title: t('deadline'),
            ...filters.sortable('handleDue'),
            render: (_: unknown, c: ComplaintRow) => (
              <Deadline due={c.handleDue} overdue={c.overdue && c.status !== 'received'} late={c.workingDaysLate} />
            ),
          },
          {
            title: t('status'),
            key: 'status',
            render: (_: unknown, c: ComplaintRow) => <Tag>{statusLabel(c.status)}</Tag>,
          },
          ...(can('kernel.complaints.handle')
            ? [
                {
                  title: zh ? '办理' : 'Handle',
                  key: 'act',
                  render: (_: unknown, c: ComplaintRow) => (
                    <Space size={4}>
                      {c.status === 'received' && (
                        <Button size="small" onClick={() => setActing({ id: c.id, step: 'triage' })}>
                          {zh ? '受理' : 'Triage'}
                        </Button>
                      )}
                      {c.status === 'accepted' && (
                        <Button size="small" onClick={() => setActing({ id: c.id, step: 'close' })}>
                          {zh ? '办结' : 'Close'}
                        </Button>
                      )}
                      {c.status === 'accepted' && !c.recordId && c.aboutOrgId && can('kernel.records.write') && (
                        <Button size="small" onClick={() => navigate(`/records/new?complaint=${c.id}`)}>
                          {zh ? '生成记录草稿' : 'Draft a record'}
                        </Button>
                      )}
                      {c.recordId && <Link to={`/records/${c.recordId}`}>{zh ? '查看记录' : 'Record'}</Link>}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {acting?.step === 'triage' && (
        <Decide
          title={zh ? '受理投诉举报' : 'Triage'}
          reasonLabel={zh ? '说明' : 'Note'}
          onClose={() => setActing(null)}
          onDone={() => setReload((x) => x + 1)}
          choices={[
            { value: 'accept', label: zh ? '受理' : 'Accept' },
            { value: 'not_ours', label: zh ? '不属本单位职责' : 'Not ours' },
          ]}
          run={(decision, note) =>
            client.kernel.complaints.triage.mutate({ id: acting.id, decision: decision as 'accept' | 'not_ours', note })
          }
        />
      )}
      {resolving && (
        <ResolveBody complaint={resolving} onClose={() => setResolving(null)} onDone={() => setReload((x) => x + 1)} />
      )}
      {acting?.step === 'close' && (
        <Decide
          title={zh ? '办结' : 'Close'}
          reasonLabel={zh ? '办理结果' : 'Outcome'}
          onClose={() => setActing(null)}
          onDone={() => setReload((x) => x + 1)}
          choices={[
            { value: 'yes', label: zh ? '情况属实' : 'Substantiated' },
            { value: 'no', label: zh ? '情况不属实' : 'Not substantiated' },
          ]}
          run={(v, outcome) =>
            client.kernel.complaints.close.mutate({ id: acting.id, outcome, substantiated: v === 'yes' })
          }
        />
      )}
    </>
  );
}

/** A complaint's words and the files sent with it (thumbnails and links through the authenticated file route). */
function ComplaintDetail({ complaint: c }: { complaint: ComplaintRow }) {
  const { lang } = useLang();
  const zh = lang === 'zh';
  const href = (a: { id: string }) => `/files/complaints/${c.id}/attachments/${a.id}`;
  return (
    <div style={{ maxWidth: 900 }}>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{c.content}</Typography.Paragraph>
      <Typography.Text strong>{zh ? '附件' : 'Attachments'}</Typography.Text>
      {c.attachments.length === 0 ? (
        <Typography.Paragraph type="secondary">{zh ? '无附件' : 'None'}</Typography.Paragraph>
      ) : (
        <Space wrap size={12} style={{ display: 'flex', marginTop: 8 }} className="cx-complaint-attachments">
          {c.attachments.map((a) =>
            a.contentType.startsWith('image/') ? (
              <a key={a.id} href={href(a)} target="_blank" rel="noopener noreferrer" title={a.filename}>
                <img
                  src={href(a)}
                  alt={a.filename}
                  style={{ width: 96, height: 96, objectFit: 'cover', border: '1px solid #d9d9d9', borderRadius: 4 }}
                />
              </a>
            ) : (
              <a key={a.id} href={href(a)} download={a.filename}>
                {a.filename}（PDF，{Math.max(1, Math.round(a.size / 1024))} KB）
              </a>
            ),
          )}
        </Space>
      )}
    </div>
  );
}

/** 确定被投诉单位: a body from the org tree for a complaint that named it only in words. */
function ResolveBody({
  complaint,
  onClose,
  onDone,
}: {
  complaint: ComplaintRow;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t, lang } = useLang();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const zh = lang === 'zh';
  const [orgId, setOrgId] = useState<string | undefined>();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ok = async () => {
    if (!orgId) return setError(zh ? '请选择被投诉单位' : 'Choose the body');
    setBusy(true);
    try {
      await client.kernel.complaints.resolveBody.mutate({
        id: complaint.id,
        orgId,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      void message.success(t('done'));
      await queryClient.invalidateQueries();
      onDone();
      onClose();
    } catch (e) {
      setError(messageOf(e, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={zh ? '确定被投诉单位' : 'Determine the body complained about'}
      onCancel={onClose}
      onOk={ok}
      confirmLoading={busy}
      okText={zh ? '确定并转交该单位办理' : 'Confirm and route'}
      cancelText={t('cancel')}
    >
      <Typography.Paragraph>
        {zh ? '投诉人描述：' : 'As described: '}
        <Typography.Text strong>{complaint?.aboutText}</Typography.Text>
      </Typography.Paragraph>
      <div>
        <label htmlFor="resolve-org">{zh ? '被投诉单位' : 'Body'} *</label>
      </div>
      <OrgPicker
        id="resolve-org"
        value={orgId}
        onChange={(v) => {
          setOrgId(v);
          setError(null);
        }}
      />
      <div style={{ marginTop: 12 }}>
        <label htmlFor="resolve-note">{zh ? '说明（可选）' : 'Note (optional)'}</label>
      </div>
      <Input.TextArea id="resolve-note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
      {error && <Alert style={{ marginTop: 12 }} type="error" showIcon title={error} />}
    </Modal>
  );
}

function Repairs() {
  const { t, l, lang } = useLang();
  const { can } = useSession();
  const filters = useListFilters('/queues/repairs', ['filedOn', 'decideDue', 'org']);
  const types = useRecordTypeOptions();
  const typeLabel = useTypeLabel();
  const [acting, setActing] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const zh = lang === 'zh';
  const input = {
    ...statusOf(filters, 'decided' as const),
    ...filters.common(REPAIR_STATES),
    ...(filters.get('type') ? { typeKey: filters.get('type')! } : {}),
  };
  const fetchPage = (limit: number) => (cursor: string | undefined) =>
    client.kernel.repairs.page.query({ ...input, limit, ...(cursor ? { cursor } : {}) });
  const statusLabel = (s: string) => l(REPAIR_STATUS_LABELS[s as (typeof REPAIR_STATES)[number]]);
  return (
    <>
      <div style={{ marginBottom: 12 }}>
        <OpenClosedFilter filters={filters} closed={{ value: 'decided', label: zh ? '已结' : 'Closed' }} />
      </div>
      <ListFilterBar
        filters={filters}
        placeholder={zh ? '单位、决定文号、申请人或决定理由' : 'Body, decision no., applicant or reason'}
        states={REPAIR_STATES.map((s) => ({ value: s, label: statusLabel(s) }))}
        dateLabel={[zh ? '申请日期起' : 'Filed from', zh ? '申请日期止' : 'to']}
      >
        <FilterSelect filters={filters} name="type" label={t('recordType')} options={types} width={200} />
      </ListFilterBar>
      <ListTable<RepairRow>
        reload={JSON.stringify(input) + reload}
        rowKey={(r) => r.id}
        onSort={filters.onSort}
        fetchPage={fetchPage}
        exportName={t('repairs')}
        exportColumns={[
          { title: t('org'), value: (r) => r.orgName, width: 30 },
          { title: zh ? '决定文号' : 'Decision no.', value: (r) => r.recordDecisionNo, width: 24 },
          {
            title: t('recordType'),
            value: (r) => (r.recordTypeKey ? typeLabel(r.recordTypeKey) : ''),
            width: 20,
          },
          { title: zh ? '申请人' : 'Applicant', value: (r) => r.applicantName, width: 24 },
          { title: zh ? '申请日期' : 'Filed', value: (r) => r.filedOn, width: 12 },
          { title: t('deadline'), value: (r) => r.decideDue, width: 12 },
          { title: zh ? '逾期' : 'Overdue', value: (r) => yes(zh, r.overdue), width: 8 },
          { title: t('status'), value: (r) => statusLabel(r.status), width: 14 },
          { title: zh ? '决定理由' : 'Reason', value: (r) => r.decisionReason, width: 30 },
          { title: zh ? '申请编号' : 'Application id', value: (r) => r.id, width: 38 },
        ]}
        columns={[
          {
            title: t('org'),
            ...filters.sortable('org'),
            render: (_: unknown, r: RepairRow) => <Link to={`/records/${r.recordId}`}>{r.orgName}</Link>,
          },
          {
            title: zh ? '决定文号' : 'Decision no.',
            key: 'no',
            render: (_: unknown, r: RepairRow) => r.recordDecisionNo,
          },
          {
            title: t('recordType'),
            key: 'type',
            render: (_: unknown, r: RepairRow) => (r.recordTypeKey ? typeLabel(r.recordTypeKey) : '—'),
          },
          {
            title: zh ? '申请人' : 'Applicant',
            key: 'applicant',
            render: (_: unknown, r: RepairRow) => r.applicantName,
          },
          {
            title: zh ? '申请日期' : 'Filed',
            ...filters.sortable('filedOn'),
            render: (_: unknown, r: RepairRow) => r.filedOn,
          },
          {
            title: t('deadline'),
            ...filters.sortable('decideDue'),
            render: (_: unknown, r: RepairRow) => (
              <Deadline due={r.decideDue} overdue={r.overdue} late={r.workingDaysLate} />
            ),
          },
          {
            title: t('status'),
            key: 'status',
            render: (_: unknown, r: RepairRow) => <Tag>{statusLabel(r.status)}</Tag>,
          },
          ...(can('kernel.repairs.decide')
            ? [
                {
                  title: zh ? '办理' : 'Handle',
                  key: 'act',
                  render: (_: unknown, r: RepairRow) =>
                    r.status === 'under_review' && (
                      <Button size="small" onClick={() => setActing(r.id)}>
                        {t('decide')}
                      </Button>
                    ),
                },
              ]
            : []),
        ]}
      />
      {acting && (
        <Decide
          title={zh ? '信用修复决定' : 'Decide the repair'}
          reasonLabel={t('reason')}
          onClose={() => setActing(null)}
          onDone={() => setReload((x) => x + 1)}
          choices={[
            { value: 'approve', label: zh ? '批准（提前停止公示）' : 'Approve (end publication early)' },
            { value: 'reject', label: zh ? '驳回' : 'Reject' },
          ]}
          run={(v, reason) => client.kernel.repairs.decide.mutate({ id: acting, approve: v === 'approve', reason })}
        />
      )}
    </>
  );
}

function Rectifications() {
  const { t, l, lang } = useLang();
  const filters = useListFilters('/queues/rectifications', ['requiredOn', 'explanationDue', 'org']);
  const zh = lang === 'zh';
  const origin = filters.get('origin');
  const input = {
    ...statusOf(filters, 'closed' as const),
    ...filters.common(RECTIFICATION_STATES),
    ...(filters.get('overdue') === '1' ? { overdueOnly: true } : {}),
    ...(origin === 'record' || origin === 'finding' ? { origin: origin as 'record' | 'finding' } : {}),
  };
  const fetchPage = (limit: number) => (cursor: string | undefined) =>
    client.kernel.rectifications.page.query({ ...input, limit, ...(cursor ? { cursor } : {}) });
  const statusLabel = (s: string) => l(RECTIFICATION_STATUS_LABELS[s as (typeof RECTIFICATION_STATES)[number]]);
  return (
    <>
      <div style={{ marginBottom: 12 }}>
        <OpenClosedFilter filters={filters} closed={{ value: 'closed', label: zh ? '已结' : 'Closed' }} />
        <OverdueSwitch filters={filters} />
      </div>
      <ListFilterBar
        filters={filters}
        placeholder={zh ? '单位、决定文号、书面说明或整改方案' : 'Body, decision no., explanation or plan'}
        states={RECTIFICATION_STATES.map((s) => ({ value: s, label: statusLabel(s) }))}
        dateLabel={[zh ? '下达日期起' : 'Required from', zh ? '下达日期止' : 'to']}
      >
        <FilterSelect
          filters={filters}
          name="origin"
          label={zh ? '来源' : 'Source'}
          options={[
            { value: 'record', label: zh ? '失信记录' : 'Dishonesty record' },
            { value: 'finding', label: zh ? '督导发现问题' : 'Inspection finding' },
          ]}
        />
      </ListFilterBar>
      <ListTable<RectificationRow>
        reload={JSON.stringify(input)}
        rowKey={(r) => r.id}
        onSort={filters.onSort}
        fetchPage={fetchPage}
        exportName={t('rectifications')}
        exportColumns={[
          { title: t('org'), value: (r) => r.orgName, width: 30 },
          { title: zh ? '决定文号' : 'Decision no.', value: (r) => r.recordDecisionNo, width: 24 },
          {
            title: zh ? '来源' : 'Source',
            value: (r) =>
              r.recordId ? (zh ? '失信记录' : 'Dishonesty record') : zh ? '督导发现问题' : 'Inspection finding',
            width: 14,
          },
          { title: zh ? '下达日期' : 'Required on', value: (r) => r.requiredOn, width: 12 },
          { title: zh ? '书面说明期限' : 'Explain by', value: (r) => r.explanationDue, width: 12 },
          { title: zh ? '整改完成期限' : 'Complete by', value: (r) => r.completionDue, width: 12 },
          { title: zh ? '逾期' : 'Overdue', value: (r) => yes(zh, r.overdue), width: 8 },
          { title: t('status'), value: (r) => statusLabel(r.status), width: 16 },
          { title: zh ? '整改编号' : 'Rectification id', value: (r) => r.id, width: 38 },
        ]}
        columns={[
          {
            title: t('org'),
            ...filters.sortable('org'),
            render: (_: unknown, r: RectificationRow) =>
              r.recordId ? <Link to={`/records/${r.recordId}`}>{r.orgName}</Link> : r.orgName,
          },
          {
            title: zh ? '决定文号' : 'Decision no.',
            key: 'no',
            render: (_: unknown, r: RectificationRow) => r.recordDecisionNo ?? (zh ? '督导发现问题' : 'Finding'),
          },
          {
            title: zh ? '下达日期' : 'Required on',
            ...filters.sortable('requiredOn'),
            render: (_: unknown, r: RectificationRow) => r.requiredOn,
          },
          {
            title: zh ? '书面说明期限' : 'Explain by',
            ...filters.sortable('explanationDue'),
            render: (_: unknown, r: RectificationRow) => (
              <Deadline
                due={r.explanationDue}
                overdue={r.overdue && r.status === 'awaiting_explanation'}
                late={r.workingDaysLate}
              />
            ),
          },
          {
            title: zh ? '整改完成期限' : 'Complete by',
            key: 'c',
            render: (_: unknown, r: RectificationRow) => (
              <Deadline
                due={r.completionDue}
                overdue={r.overdue && r.status === 'in_progress'}
                late={r.workingDaysLate}
              />
            ),
          },
          {
            title: t('status'),
            key: 'status',
            render: (_: unknown, r: RectificationRow) => <Tag>{statusLabel(r.status)}</Tag>,
          },
        ]}
      />
    </>
  );
}

function Inspections() {
  const trpc = useTRPC();
  const { t, lang } = useLang();
  const list = useQuery(trpc.kernel.supervision.inspections.queryOptions({ limit: 100 }));
  return (
    <>
      {list.error && <Alert type="error" showIcon title={messageOf(list.error, lang)} />}
      <Table
        size="small"
        scroll={{ x: 'max-content' }}
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: lang === 'zh' ? '督导任务' : 'Inspection', dataIndex: 'title' },
          { title: t('org'), dataIndex: 'targetOrgName' },
          { title: lang === 'zh' ? '下达日期' : 'Issued', dataIndex: 'issuedOn' },
          { title: t('deadline'), dataIndex: 'dueOn' },
          { title: lang === 'zh' ? '发现问题' : 'Findings', key: 'f', render: (_, i) => i.findings.length },
          {
            title: t('status'),
            dataIndex: 'status',
            render: (s: string) => (
              <Tag>{(INSPECTION_STATUS_LABELS as Record<string, { zh: string; en: string }>)[s]?.[lang] ?? s}</Tag>
            ),
          },
        ]}
      />
    </>
  );
}

/**
 * A decision on a case: one choice and a written reason (the API refuses a decision without one), sent by `run`; the
 * server's message is shown in the dialog when it refuses.
 */
function Decide({
  title,
  choices,
  reasonLabel,
  run,
  onClose,
  onDone,
}: {
  title: string;
  choices: { value: string; label: string }[];
  reasonLabel: string;
  run: (choice: string, reason: string) => Promise<unknown>;
  onClose: () => void;
  /** After a decision: the list reloads its page. */
  onDone?: () => void;
}) {
  const { t, lang } = useLang();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [choice, setChoice] = useState(choices[0]!.value);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ok = async () => {
    if (reason.trim().length < 2) return setError(t('reasonRequired'));
    setBusy(true);
    try {
      await run(choice, reason.trim());
      void message.success(t('done'));
      await queryClient.invalidateQueries();
      onDone?.();
      onClose();
    } catch (e) {
      setError(messageOf(e, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={ok}
      confirmLoading={busy}
      okText={t('decide')}
      cancelText={t('cancel')}
    >
      <Radio.Group
        value={choice}
        onChange={(e) => setChoice(e.target.value as string)}
        options={choices}
        style={{ marginBottom: 12 }}
      />
      <div>
        <label htmlFor="case-reason">{reasonLabel} *</label>
      </div>
      <Input.TextArea
        id="case-reason"
        rows={3}
        value={reason}
        onChange={(e) => {
          setReason(e.target.value);
          setError(null);
        }}
      />
      {error && (
        <Typography.Text type="danger" role="alert">
          {error}
        </Typography.Text>
      )}
    </Modal>
  );
}
