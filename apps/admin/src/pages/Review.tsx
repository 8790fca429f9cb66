/**
 * The review queue: submitted records to approve or reject, approved ones to publish — one at a time from the record
 * page, or several at once here (all or nothing, a reason for each action, one audit entry per record).
 */
import { App as AntApp, Button, Card, Input, Modal, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { CursorTable, messageOf } from '@chengxin/ui';
import { client } from '../api';
import { PageTitle } from '../common';
import { useLang } from '../i18n';
import { useRecordExport, useSortableRecordColumns, type RecordRow } from './Records';
import { RecordFilterBar, useRecordFilters } from './RecordFilters';

type Bulk = 'approve' | 'reject' | 'publish';

export default function ReviewPage() {
  const { t, lang } = useLang();
  const { message } = AntApp.useApp();
  const [tab, setTab] = useState<'submitted' | 'approved'>('submitted');
  // The queue's own state is fixed by the tab; search, filters and sort are the reviewer's (kept in the URL).
  const filters = useRecordFilters('/review', { status: [tab] });
  const columns = useSortableRecordColumns(filters);
  const exporter = useRecordExport();
  const [selected, setSelected] = useState<string[]>([]);
  const [reload, setReload] = useState(0);
  const [action, setAction] = useState<Bulk | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async () => {
    if (!reason.trim()) return setError(t('reasonRequired'));
    setBusy(true);
    try {
      const r = await client.kernel.console.reviewMany.mutate({
        action: action!,
        recordIds: selected,
        reason: reason.trim(),
      });
      void message.success(lang === 'zh' ? `${t(action!)}：${r.moved} 条` : `${t(action!)}: ${r.moved}`);
      setAction(null);
      setReason('');
      setSelected([]);
      setReload((x) => x + 1);
    } catch (e) {
      setError(messageOf(e, lang));
    } finally {
      setBusy(false);
    }
  };

  const buttons: Bulk[] = tab === 'submitted' ? ['approve', 'reject'] : ['publish'];
  return (
    <div>
      <PageTitle>{t('review')}</PageTitle>
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(k) => {
            setTab(k as 'submitted' | 'approved');
            setSelected([]);
          }}
          items={[
            { key: 'submitted', label: lang === 'zh' ? '待审核' : 'Submitted' },
            { key: 'approved', label: lang === 'zh' ? '待公示' : 'Approved' },
          ]}
        />
        <RecordFilterBar filters={filters} hideStatus />
        <Space style={{ marginBottom: 12 }}>
          {buttons.map((b) => (
            <Button
              key={b}
              type={b === 'reject' ? 'default' : 'primary'}
              disabled={selected.length === 0}
              onClick={() => {
                setAction(b);
                setError(null);
              }}
            >
              {lang === 'zh' ? '批量' : 'Bulk '}
              {t(b)}
              {selected.length ? `（${selected.length}）` : ''}
            </Button>
          ))}
        </Space>
        <CursorTable<RecordRow>
          lang={lang}
          reload={`${JSON.stringify(filters.input)}${reload}`}
          rowKey={(r) => r.id}
          columns={columns}
          onSort={filters.onSort}
          extra={
            <Button loading={exporter.busy} onClick={() => void exporter.run(filters.input, t('review'))}>
              {t('exportExcel')}
            </Button>
          }
          rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)) }}
          fetchPage={(cursor) =>
            client.kernel.records.list.query({
              ...filters.input,
              limit: 20,
              ...(cursor ? { cursor } : {}),
            }) as Promise<{ items: RecordRow[]; nextCursor: string | null; total?: number }>
          }
        />
      </Card>
      <Modal
        open={!!action}
        title={action ? `${t(action)}（${selected.length}）` : ''}
        onCancel={() => setAction(null)}
        onOk={run}
        confirmLoading={busy}
        okText={action ? t(action) : ''}
        cancelText={t('cancel')}
        destroyOnHidden
      >
        <label htmlFor="bulk-reason">{t('reason')} *</label>
        <Input.TextArea
          id="bulk-reason"
          rows={3}
          value={reason}
          onChange={(e) => {
            setReason(e.target.value);
            setError(null);
          }}
          status={error ? 'error' : undefined}
        />
        {error && (
          <Typography.Text type="danger" role="alert">
            {error}
          </Typography.Text>
        )}
      </Modal>
    </div>
  );
}
