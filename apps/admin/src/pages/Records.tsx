/**
 * Records with search and filters kept in the URL (server-side, cursor pages), column sorts, the total and an Excel
 * export of what is filtered; officers select drafts and submit them together.
 */
import { App as AntApp, Button, Card, Space } from 'antd';
import { useState } from 'react';
import { RECORD_STATUS_LABELS, SEVERITY_LABELS, type RecordStatus, type Severity } from '@chengxin/contract';
import { CursorTable, messageOf } from '@chengxin/ui';
import { client } from '../api';
import { PageTitle, SeverityTag, StatusTag, useTypeLabel } from '../common';
import { useLang } from '../i18n';
import { Link, navigate } from '../router';
import { useSession } from '../session';
import { EXPORT_MAX_ROWS, exportToExcel } from '../export';
import { RecordFilterBar, useRecordFilters } from './RecordFilters';

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

/** Record columns with the server-side sorts the list offers (subject, decision date). */
export function useSortableRecordColumns(filters: ReturnType<typeof useRecordFilters>) {
  return useRecordColumns().map((c) =>
    c.key === 'subject' || c.key === 'date'
      ? {
          ...c,
          sorter: true,
          sortOrder: filters.sortOrder(c.key === 'date' ? 'decisionDate' : 'subject'),
          sortDirections: ['ascend' as const, 'descend' as const],
        }
      : c,
  );
}

/** The Excel export of a records list under its filters (every page, up to the export cap). */
export function useRecordExport() {
  const { t, l, lang } = useLang();
  const typeLabel = useTypeLabel();
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  const zh = lang === 'zh';
  const run = async (input: object, name: string) => {
    setBusy(true);
    try {
      const r = await exportToExcel<RecordRow>({
        fileName: `${name}-${new Date().toISOString().slice(0, 10)}.xlsx`,
        sheetName: name,
        fetchPage: (cursor) =>
          client.kernel.records.list.query({ ...input, limit: 200, ...(cursor ? { cursor } : {}) }) as Promise<{
            items: RecordRow[];
            nextCursor: string | null;
          }>,
        columns: [
          { title: zh ? '主体' : 'Subject', value: (r) => r.personName ?? r.orgName, width: 24 },
          { title: zh ? '所属单位' : 'Body', value: (r) => r.orgName, width: 30 },
          { title: t('recordType'), value: (r) => typeLabel(r.typeKey), width: 20 },
          { title: t('severity'), value: (r) => l(SEVERITY_LABELS[r.current.severity as Severity]), width: 10 },
          { title: zh ? '决定文号' : 'Decision no.', value: (r) => r.current.decisionNo, width: 24 },
          { title: t('decisionDate'), value: (r) => r.current.decisionDate, width: 12 },
          { title: t('status'), value: (r) => l(RECORD_STATUS_LABELS[r.status as RecordStatus]), width: 10 },
          { title: zh ? '记录编号' : 'Record id', value: (r) => r.id, width: 38 },
        ],
      });
      void message.success(
        zh
          ? `已导出 ${r.rows} 条${r.truncated ? `（单次最多 ${EXPORT_MAX_ROWS} 条）` : ''}`
          : `${r.rows} exported${r.truncated ? ` (at most ${EXPORT_MAX_ROWS})` : ''}`,
      );
    } catch (e) {
      void message.error(messageOf(e, lang));
    } finally {
      setBusy(false);
    }
  };
  return { run, busy };
}

export default function RecordsPage() {
  const { t, lang } = useLang();
  const { can } = useSession();
  const { message } = AntApp.useApp();
  const filters = useRecordFilters('/records');
  const columns = useSortableRecordColumns(filters);
  const exporter = useRecordExport();
  const [selected, setSelected] = useState<string[]>([]);
  const [reload, setReload] = useState(0);
  const [busy, setBusy] = useState(false);

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
        <RecordFilterBar filters={filters} />
        {can('kernel.records.write') && (
          <Space style={{ marginBottom: 12 }}>
            <Button disabled={selected.length === 0} loading={busy} onClick={submitMany}>
              {t('submit')}
              {selected.length ? `（${t('selected')} ${selected.length}）` : ''}
            </Button>
          </Space>
        )}
        <CursorTable<RecordRow>
          lang={lang}
          reload={JSON.stringify(filters.input) + reload}
          rowKey={(r) => r.id}
          columns={columns}
          onSort={filters.onSort}
          extra={
            <Button loading={exporter.busy} onClick={() => void exporter.run(filters.input, t('records'))}>
              {t('exportExcel')}
            </Button>
          }
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
              ...filters.input,
              ...(cursor ? { cursor } : {}),
            }) as Promise<{ items: RecordRow[]; nextCursor: string | null; total?: number }>
          }
        />
      </Card>
    </div>
  );
}
