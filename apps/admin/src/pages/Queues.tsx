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
  Segmented,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { messageOf } from '@chengxin/ui';
import { client, useTRPC } from '../api';
import { Deadline, Forbidden, OrgName, OrgPicker, PageTitle } from '../common';
import {
  COMPLAINT_STATUS_LABELS,
  INSPECTION_STATUS_LABELS,
  RECTIFICATION_STATUS_LABELS,
  REPAIR_STATUS_LABELS,
} from '@chengxin/contract';
import { useLang } from '../i18n';
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

function OpenClosed({ value, onChange, closed }: { value: string; onChange: (v: string) => void; closed: string }) {
  const { lang } = useLang();
  return (
    <Segmented
      style={{ marginBottom: 12 }}
      value={value}
      onChange={(v) => onChange(String(v))}
      options={[
        { value: 'open', label: lang === 'zh' ? '未结' : 'Open' },
        { value: closed, label: lang === 'zh' ? '已结' : 'Closed' },
      ]}
    />
  );
}

function Complaints() {
  const trpc = useTRPC();
  const { t, lang } = useLang();
  const { can } = useSession();
  const [status, setStatus] = useState('open');
  const [acting, setActing] = useState<{ id: string; step: 'triage' | 'close' | 'resolve' } | null>(null);
  const [unresolved, setUnresolved] = useState(false);
  const zh = lang === 'zh';
  const list = useQuery(
    trpc.kernel.complaints.list.queryOptions({
      status: status as 'open' | 'closed',
      ...(unresolved ? { bodyUnresolved: true } : {}),
      limit: 200,
    }),
  );
  const handler = can('kernel.complaints.handle');
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <OpenClosed value={status} onChange={setStatus} closed="closed" />
        <Checkbox checked={unresolved} onChange={(e) => setUnresolved(e.target.checked)}>
          {zh ? '只看待确定被投诉单位的' : 'Body to be determined only'}
        </Checkbox>
      </Space>
      {list.error && <Alert type="error" showIcon title={messageOf(list.error, lang)} />}
      <Table
        size="small"
        scroll={{ x: 'max-content' }}
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        expandable={{
          expandRowByClick: false,
          rowExpandable: () => true,
          expandedRowRender: (c) => <ComplaintDetail complaint={c} />,
        }}
        columns={[
          { title: lang === 'zh' ? '回执码' : 'Receipt', dataIndex: 'receiptCode' },
          { title: lang === 'zh' ? '承办单位' : 'Handled by', dataIndex: 'handlingOrgName' },
          {
            title: zh ? '被投诉单位' : 'About',
            key: 'about',
            render: (_, c) =>
              c.aboutOrgId ? (
                <OrgName id={c.aboutOrgId} />
              ) : c.bodyUnresolved ? (
                <Space size={4} wrap>
                  <span>{c.aboutText}</span>
                  <Tag color="orange">{zh ? '待确定被投诉单位' : 'Body to be determined'}</Tag>
                  {handler && (c.status === 'received' || c.status === 'accepted') && (
                    <Button size="small" onClick={() => setActing({ id: c.id, step: 'resolve' })}>
                      {zh ? '确定被投诉单位' : 'Determine body'}
                    </Button>
                  )}
                </Space>
              ) : (
                '—'
              ),
          },
          { title: lang === 'zh' ? '内容' : 'Content', dataIndex: 'content', ellipsis: true, width: 320 },
          {
            title: lang === 'zh' ? '受理期限' : 'Triage by',
            key: 'triage',
            render: (_, c) => (
              <Deadline due={c.triageDue} overdue={c.overdue && c.status === 'received'} late={c.workingDaysLate} />
            ),
          },
          {
            title: t('deadline'),
            key: 'due',
            render: (_, c) => (
              <Deadline due={c.handleDue} overdue={c.overdue && c.status !== 'received'} late={c.workingDaysLate} />
            ),
          },
          {
            title: t('status'),
            dataIndex: 'status',
            render: (s: string) => (
              <Tag>{(COMPLAINT_STATUS_LABELS as Record<string, { zh: string; en: string }>)[s]?.[lang] ?? s}</Tag>
            ),
          },
          ...(can('kernel.complaints.handle')
            ? [
                {
                  title: zh ? '办理' : 'Handle',
                  key: 'act',
                  render: (
                    _: unknown,
                    c: { id: string; status: string; recordId: string | null; aboutOrgId: string | null },
                  ) => (
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
          choices={[
            { value: 'accept', label: zh ? '受理' : 'Accept' },
            { value: 'not_ours', label: zh ? '不属本单位职责' : 'Not ours' },
          ]}
          run={(decision, note) =>
            client.kernel.complaints.triage.mutate({ id: acting.id, decision: decision as 'accept' | 'not_ours', note })
          }
        />
      )}
      {acting?.step === 'resolve' && (
        <ResolveBody complaint={(list.data ?? []).find((c) => c.id === acting.id)!} onClose={() => setActing(null)} />
      )}
      {acting?.step === 'close' && (
        <Decide
          title={zh ? '办结' : 'Close'}
          reasonLabel={zh ? '办理结果' : 'Outcome'}
          onClose={() => setActing(null)}
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

type ComplaintRow = NonNullable<Awaited<ReturnType<typeof client.kernel.complaints.list.query>>>[number];

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
function ResolveBody({ complaint, onClose }: { complaint: ComplaintRow; onClose: () => void }) {
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
  const trpc = useTRPC();
  const { t, lang } = useLang();
  const { can } = useSession();
  const [status, setStatus] = useState('open');
  const [acting, setActing] = useState<string | null>(null);
  const zh = lang === 'zh';
  const list = useQuery(trpc.kernel.repairs.list.queryOptions({ status: status as 'open' | 'decided', limit: 200 }));
  return (
    <>
      <OpenClosed value={status} onChange={setStatus} closed="decided" />
      {list.error && <Alert type="error" showIcon title={messageOf(list.error, lang)} />}
      <Table
        size="small"
        scroll={{ x: 'max-content' }}
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          {
            title: t('org'),
            dataIndex: 'orgName',
            render: (v: string, r) => <Link to={`/records/${r.recordId}`}>{v}</Link>,
          },
          { title: lang === 'zh' ? '申请人' : 'Applicant', dataIndex: 'applicantName' },
          { title: lang === 'zh' ? '申请日期' : 'Filed', dataIndex: 'filedOn' },
          {
            title: t('deadline'),
            key: 'due',
            render: (_, r) => <Deadline due={r.decideDue} overdue={r.overdue} late={r.workingDaysLate} />,
          },
          {
            title: t('status'),
            dataIndex: 'status',
            render: (s: string) => (
              <Tag>{(REPAIR_STATUS_LABELS as Record<string, { zh: string; en: string }>)[s]?.[lang] ?? s}</Tag>
            ),
          },
          ...(can('kernel.repairs.decide')
            ? [
                {
                  title: zh ? '办理' : 'Handle',
                  key: 'act',
                  render: (_: unknown, r: { id: string; status: string }) =>
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
  const trpc = useTRPC();
  const { t, lang } = useLang();
  const [status, setStatus] = useState('open');
  const list = useQuery(
    trpc.kernel.rectifications.list.queryOptions({ status: status as 'open' | 'closed', limit: 200 }),
  );
  return (
    <>
      <OpenClosed value={status} onChange={setStatus} closed="closed" />
      {list.error && <Alert type="error" showIcon title={messageOf(list.error, lang)} />}
      <Table
        size="small"
        scroll={{ x: 'max-content' }}
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          {
            title: t('org'),
            dataIndex: 'orgName',
            render: (v: string, r) => (r.recordId ? <Link to={`/records/${r.recordId}`}>{v}</Link> : v),
          },
          {
            title: lang === 'zh' ? '书面说明期限' : 'Explain by',
            key: 'e',
            render: (_, r) => (
              <Deadline
                due={r.explanationDue}
                overdue={r.overdue && r.status === 'awaiting_explanation'}
                late={r.workingDaysLate}
              />
            ),
          },
          {
            title: lang === 'zh' ? '整改完成期限' : 'Complete by',
            key: 'c',
            render: (_, r) => (
              <Deadline
                due={r.completionDue}
                overdue={r.overdue && r.status === 'in_progress'}
                late={r.workingDaysLate}
              />
            ),
          },
          {
            title: t('status'),
            dataIndex: 'status',
            render: (s: string) => (
              <Tag>{(RECTIFICATION_STATUS_LABELS as Record<string, { zh: string; en: string }>)[s]?.[lang] ?? s}</Tag>
            ),
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
}: {
  title: string;
  choices: { value: string; label: string }[];
  reasonLabel: string;
  run: (choice: string, reason: string) => Promise<unknown>;
  onClose: () => void;
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
