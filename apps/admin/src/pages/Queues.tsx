/** The other due-process queues: complaints, credit repairs, rectifications, inspections — each with its deadlines. */
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Segmented, Table, Tag } from 'antd';
import { useState } from 'react';
import { messageOf } from '@chengxin/ui';
import { useTRPC } from '../api';
import { Deadline, Forbidden, PageTitle } from '../common';
import { useLang } from '../i18n';
import { Link } from '../router';
import { useSession } from '../session';

type Kind = 'complaints' | 'repairs' | 'rectifications' | 'inspections';
const PERMISSION: Record<Kind, string> = { complaints: 'kernel.complaints.read', repairs: 'kernel.repairs.read', rectifications: 'kernel.rectifications.read', inspections: 'kernel.supervision.read' };

export default function QueuesPage({ kind }: { kind: Kind }) {
  const { can } = useSession();
  const { t } = useLang();
  if (!(kind in PERMISSION)) return <Forbidden />;
  if (!can(PERMISSION[kind])) return <Forbidden />;
  return (
    <div>
      <PageTitle>{t(kind)}</PageTitle>
      <Card size="small">{kind === 'complaints' ? <Complaints /> : kind === 'repairs' ? <Repairs /> : kind === 'rectifications' ? <Rectifications /> : <Inspections />}</Card>
    </div>
  );
}

function OpenClosed({ value, onChange, closed }: { value: string; onChange: (v: string) => void; closed: string }) {
  const { lang } = useLang();
  return <Segmented style={{ marginBottom: 12 }} value={value} onChange={(v) => onChange(String(v))} options={[{ value: 'open', label: lang === 'zh' ? '未结' : 'Open' }, { value: closed, label: lang === 'zh' ? '已结' : 'Closed' }]} />;
}

function Complaints() {
  const trpc = useTRPC();
  const { t, lang } = useLang();
  const [status, setStatus] = useState('open');
  const list = useQuery(trpc.kernel.complaints.list.queryOptions({ status: status as 'open' | 'closed', limit: 200 }));
  return (
    <>
      <OpenClosed value={status} onChange={setStatus} closed="closed" />
      {list.error && <Alert type="error" showIcon title={messageOf(list.error, lang)} />}
      <Table size="small" rowKey="id" loading={list.isPending} dataSource={list.data ?? []} pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: lang === 'zh' ? '回执码' : 'Receipt', dataIndex: 'receiptCode' },
          { title: lang === 'zh' ? '承办单位' : 'Handled by', dataIndex: 'handlingOrgName' },
          { title: lang === 'zh' ? '内容' : 'Content', dataIndex: 'content', ellipsis: true, width: 320 },
          { title: lang === 'zh' ? '受理期限' : 'Triage by', key: 'triage', render: (_, c) => <Deadline due={c.triageDue} overdue={c.overdue && c.status === 'received'} late={c.workingDaysLate} /> },
          { title: t('deadline'), key: 'due', render: (_, c) => <Deadline due={c.handleDue} overdue={c.overdue && c.status !== 'received'} late={c.workingDaysLate} /> },
          { title: t('status'), dataIndex: 'status', render: (s: string) => <Tag>{s}</Tag> },
        ]} />
    </>
  );
}

function Repairs() {
  const trpc = useTRPC();
  const { t, lang } = useLang();
  const [status, setStatus] = useState('open');
  const list = useQuery(trpc.kernel.repairs.list.queryOptions({ status: status as 'open' | 'decided', limit: 200 }));
  return (
    <>
      <OpenClosed value={status} onChange={setStatus} closed="decided" />
      {list.error && <Alert type="error" showIcon title={messageOf(list.error, lang)} />}
      <Table size="small" rowKey="id" loading={list.isPending} dataSource={list.data ?? []} pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('org'), dataIndex: 'orgName', render: (v: string, r) => <Link to={`/records/${r.recordId}`}>{v}</Link> },
          { title: lang === 'zh' ? '申请人' : 'Applicant', dataIndex: 'applicantName' },
          { title: lang === 'zh' ? '申请日期' : 'Filed', dataIndex: 'filedOn' },
          { title: t('deadline'), key: 'due', render: (_, r) => <Deadline due={r.decideDue} overdue={r.overdue} late={r.workingDaysLate} /> },
          { title: t('status'), dataIndex: 'status', render: (s: string) => <Tag>{s}</Tag> },
        ]} />
    </>
  );
}

function Rectifications() {
  const trpc = useTRPC();
  const { t, lang } = useLang();
  const [status, setStatus] = useState('open');
  const list = useQuery(trpc.kernel.rectifications.list.queryOptions({ status: status as 'open' | 'closed', limit: 200 }));
  return (
    <>
      <OpenClosed value={status} onChange={setStatus} closed="closed" />
      {list.error && <Alert type="error" showIcon title={messageOf(list.error, lang)} />}
      <Table size="small" rowKey="id" loading={list.isPending} dataSource={list.data ?? []} pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('org'), dataIndex: 'orgName', render: (v: string, r) => (r.recordId ? <Link to={`/records/${r.recordId}`}>{v}</Link> : v) },
          { title: lang === 'zh' ? '书面说明期限' : 'Explain by', key: 'e', render: (_, r) => <Deadline due={r.explanationDue} overdue={r.overdue && r.status === 'awaiting_explanation'} late={r.workingDaysLate} /> },
          { title: lang === 'zh' ? '整改完成期限' : 'Complete by', key: 'c', render: (_, r) => <Deadline due={r.completionDue} overdue={r.overdue && r.status === 'in_progress'} late={r.workingDaysLate} /> },
          { title: t('status'), dataIndex: 'status', render: (s: string) => <Tag>{s}</Tag> },
        ]} />
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
      <Table size="small" rowKey="id" loading={list.isPending} dataSource={list.data ?? []} pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: lang === 'zh' ? '督导任务' : 'Inspection', dataIndex: 'title' },
          { title: t('org'), dataIndex: 'targetOrgName' },
          { title: lang === 'zh' ? '下达日期' : 'Issued', dataIndex: 'issuedOn' },
          { title: t('deadline'), dataIndex: 'dueOn' },
          { title: lang === 'zh' ? '发现问题' : 'Findings', key: 'f', render: (_, i) => i.findings.length },
          { title: t('status'), dataIndex: 'status', render: (s: string) => <Tag>{s}</Tag> },
        ]} />
    </>
  );
}
