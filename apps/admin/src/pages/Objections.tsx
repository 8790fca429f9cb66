/**
 * The objection queue: open first, by deadline, overdue in red; searched, filtered and sorted by the server
 * (kernel.objections.page, keyset pages, the total), the filters in the URL, and an Excel export of what is filtered.
 */
import { Card, Switch, Tag } from 'antd';
import { OBJECTION_STATUS_LABELS } from '@chengxin/contract';
import { client } from '../api';
import { Deadline, PageTitle, useTypeLabel } from '../common';
import { useLang } from '../i18n';
import {
  ListTable,
  FilterSelect,
  ListFilterBar,
  OpenClosedFilter,
  statusOf,
  useListFilters,
  useRecordTypeOptions,
} from '../lists';
import { Link } from '../router';

export const OBJECTION_STATUS = {
  under_review: { zh: '审查中', en: 'Under review' },
  extended: { zh: '已延期', en: 'Extended' },
  decided: { zh: '已决定', en: 'Decided' },
} as const;
export const OBJECTION_OUTCOME = {
  upheld: { zh: '维持', en: 'Upheld' },
  corrected: { zh: '更正', en: 'Corrected' },
  revoked: { zh: '撤销', en: 'Revoked' },
} as const;

type Row = Awaited<ReturnType<typeof client.kernel.objections.page.query>>['items'][number];
const STATES = ['under_review', 'extended', 'decided'] as const;

export default function ObjectionsPage() {
  const { t, l, lang } = useLang();
  const zh = lang === 'zh';
  const filters = useListFilters('/objections', ['filedOn', 'decideDue', 'org']);
  const typeLabel = useTypeLabel();
  const types = useRecordTypeOptions();
  const channel = filters.get('channel');
  const input = {
    ...statusOf(filters, 'decided' as const),
    ...filters.common(STATES),
    ...(filters.get('overdue') === '1' ? { overdueOnly: true } : {}),
    ...(filters.get('type') ? { typeKey: filters.get('type')! } : {}),
    ...(channel === 'direct' || channel === 'exchange' ? { channel: channel as 'direct' | 'exchange' } : {}),
  };
  const fetchPage = (limit: number) => (cursor: string | undefined) =>
    client.kernel.objections.page.query({ ...input, limit, ...(cursor ? { cursor } : {}) });
  const outcome = (o: Row) => (o.outcome ? l(OBJECTION_OUTCOME[o.outcome]) : '');
  return (
    <div>
      <PageTitle>{t('objections')}</PageTitle>
      <Card size="small">
        <div style={{ marginBottom: 12 }}>
          <OpenClosedFilter filters={filters} closed={{ value: 'decided', label: zh ? '已决定' : 'Decided' }} />{' '}
          <label style={{ marginLeft: 12 }}>
            <Switch
              size="small"
              checked={filters.get('overdue') === '1'}
              onChange={(v) => filters.set({ overdue: v ? '1' : undefined })}
            />{' '}
            {zh ? '只看逾期' : 'Overdue only'}
          </label>
        </div>
        <ListFilterBar
          filters={filters}
          placeholder={zh ? '单位、决定文号、申请人或异议理由' : 'Body, decision no., applicant or reasons'}
          states={STATES.map((s) => ({ value: s, label: l(OBJECTION_STATUS_LABELS[s]) }))}
        >
          <FilterSelect filters={filters} name="type" label={t('recordType')} options={types} width={200} />
          <FilterSelect
            filters={filters}
            name="channel"
            label={zh ? '来源' : 'Source'}
            options={[
              { value: 'direct', label: zh ? '本平台登记' : 'Filed here' },
              { value: 'exchange', label: zh ? '数据交换接收' : 'Through the exchange' },
            ]}
          />
        </ListFilterBar>
        <ListTable<Row>
          reload={JSON.stringify(input)}
          rowKey={(o) => o.id}
          onSort={filters.onSort}
          fetchPage={fetchPage}
          exportName={t('objections')}
          exportColumns={[
            { title: t('org'), value: (o) => o.orgName, width: 30 },
            { title: zh ? '决定文号' : 'Decision no.', value: (o) => o.recordDecisionNo, width: 24 },
            { title: zh ? '申请人' : 'Applicant', value: (o) => o.applicantName, width: 24 },
            { title: zh ? '异议理由' : 'Reasons', value: (o) => o.reasons, width: 40 },
            { title: zh ? '登记日期' : 'Filed', value: (o) => o.filedOn, width: 12 },
            { title: t('deadline'), value: (o) => o.decideDue, width: 12 },
            { title: zh ? '逾期' : 'Overdue', value: (o) => (o.overdue ? (zh ? '是' : 'yes') : ''), width: 8 },
            { title: t('status'), value: (o) => l(OBJECTION_STATUS_LABELS[o.status]), width: 12 },
            { title: zh ? '结果' : 'Outcome', value: outcome, width: 12 },
            { title: zh ? '异议编号' : 'Objection id', value: (o) => o.id, width: 38 },
          ]}
          columns={[
            {
              title: t('org'),
              ...filters.sortable('org'),
              render: (_: unknown, o: Row) => <Link to={`/objections/${o.id}`}>{o.orgName}</Link>,
            },
            { title: zh ? '决定文号' : 'Decision no.', key: 'no', render: (_: unknown, o: Row) => o.recordDecisionNo },
            {
              title: t('recordType'),
              key: 'type',
              render: (_: unknown, o: Row) => (o.recordTypeKey ? typeLabel(o.recordTypeKey) : '—'),
            },
            { title: zh ? '申请人' : 'Applicant', key: 'applicant', render: (_: unknown, o: Row) => o.applicantName },
            {
              title: zh ? '登记日期' : 'Filed',
              ...filters.sortable('filedOn'),
              render: (_: unknown, o: Row) => o.filedOn,
            },
            {
              title: t('deadline'),
              ...filters.sortable('decideDue'),
              render: (_: unknown, o: Row) => (
                <Deadline due={o.decideDue} overdue={o.overdue} late={o.workingDaysLate} />
              ),
            },
            {
              title: t('status'),
              key: 'status',
              render: (_: unknown, o: Row) => (
                <Tag color={o.status === 'decided' ? 'default' : 'processing'}>{l(OBJECTION_STATUS[o.status])}</Tag>
              ),
            },
            { title: zh ? '结果' : 'Outcome', key: 'outcome', render: (_: unknown, o: Row) => outcome(o) || '—' },
          ]}
        />
      </Card>
    </div>
  );
}
