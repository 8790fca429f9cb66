/** Records with filters (server-side, cursor pages); officers select drafts and submit them together. */
import { App as AntApp, Button, Card, Select, Space } from 'antd';
import { useState } from 'react';
import {
  RECORD_STATUS_LABELS,
  RECORD_STATUSES,
  SEVERITIES,
  SEVERITY_LABELS,
  type RecordStatus,
  type Severity,
} from '@chengxin/contract';
import { CursorTable, messageOf } from '@chengxin/ui';
import { client } from '../api';
import { PageTitle, SeverityTag, StatusTag, useTypeLabel } from '../common';
import { useLang } from '../i18n';
import { Link, navigate } from '../router';
import { useSession } from '../session';

export interface RecordRow {
  id: string;
  status: string;
  typeKey: string;
  orgName: string;
  personName: string | null;
  disputed: boolean;
  current: { severity: string; decisionNo: string; decisionDate: string };
}

export function useRecordColumns() {
  const { t, lang } = useLang();
  const typeLabel = useTypeLabel();
  return [
    {
      title: t('subject'),
      key: 'subject',
      render: (_: unknown, r: RecordRow) => (
        <Link to={`/records/${r.id}`}>{r.personName ? `${r.personName}（${r.orgName}）` : r.orgName}</Link>
      ),
    },
    { title: t('recordType'), key: 'type', render: (_: unknown, r: RecordRow) => typeLabel(r.typeKey) },
    {
      title: t('severity'),
      key: 'severity',
      render: (_: unknown, r: RecordRow) => <SeverityTag severity={r.current.severity} />,
    },
    {
      title: lang === 'zh' ? '决定文号' : 'Decision no.',
      key: 'no',
      render: (_: unknown, r: RecordRow) => r.current.decisionNo,
    },
    { title: t('decisionDate'), key: 'date', render: (_: unknown, r: RecordRow) => r.current.decisionDate },
    { title: t('status'), key: 'status', render: (_: unknown, r: RecordRow) => <StatusTag status={r.status} /> },
  ];
}

export default function RecordsPage() {
  const { t, l, lang } = useLang();
  const { can } = useSession();
  const { message } = AntApp.useApp();
  const columns = useRecordColumns();
  const [status, setStatus] = useState<RecordStatus[]>([]);
  const [severity, setSeverity] = useState<Severity | undefined>();
  const [selected, setSelected] = useState<string[]>([]);
  const [reload, setReload] = useState(0);
  const [busy, setBusy] = useState(false);
  const filters = { status, severity };

  const submitMany = async () => {
    setBusy(true);
    try {
      const r = await client.kernel.console.submitMany.mutate({ recordIds: selected });
      void message.success(lang === 'zh' ? `已提交 ${r.moved} 条` : `${r.moved} submitted`);
      setSelected([]);
      setReload((x) => x + 1);
    } catch (e) {
      void message.error(messageOf(e, lang));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <PageTitle
        extra={
          can('kernel.records.write') && (
            <Button type="primary" onClick={() => navigate('/records/new')}>
              {t('newRecord')}
            </Button>
          )
        }
      >
        {t('records')}
      </PageTitle>
      <Card size="small">
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            mode="multiple"
            allowClear
            placeholder={t('status')}
            style={{ minWidth: 220 }}
            value={status}
            onChange={(v: RecordStatus[]) => setStatus(v)}
            aria-label={t('status')}
            options={RECORD_STATUSES.map((s) => ({ value: s, label: l(RECORD_STATUS_LABELS[s]) }))}
          />
          <Select
            allowClear
            placeholder={t('severity')}
            style={{ width: 140 }}
            value={severity}
            onChange={(v: Severity | undefined) => setSeverity(v)}
            aria-label={t('severity')}
            options={SEVERITIES.map((s) => ({ value: s, label: l(SEVERITY_LABELS[s]) }))}
          />
          {can('kernel.records.write') && (
            <Button disabled={selected.length === 0} loading={busy} onClick={submitMany}>
              {t('submit')}
              {selected.length ? `（${t('selected')} ${selected.length}）` : ''}
            </Button>
          )}
        </Space>
        <CursorTable<RecordRow>
          lang={lang}
          reload={JSON.stringify(filters) + reload}
          rowKey={(r) => r.id}
          columns={columns}
          rowSelection={
            can('kernel.records.write')
              ? {
                  selectedRowKeys: selected,
                  onChange: (keys) => setSelected(keys.map(String)),
                  getCheckboxProps: (r) => ({ disabled: r.status !== 'draft' }),
                }
              : undefined
          }
          fetchPage={(cursor) =>
            client.kernel.records.list.query({
              limit: 20,
              ...(status.length ? { status } : {}),
              ...(severity ? { severity } : {}),
              ...(cursor ? { cursor } : {}),
            }) as Promise<{ items: RecordRow[]; nextCursor: string | null }>
          }
        />
      </Card>
    </div>
  );
}
