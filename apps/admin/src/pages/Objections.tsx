/** The objection queue: open first, by deadline, overdue in red; filters by state and overdue. */
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Segmented, Space, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { messageOf } from '@chengxin/ui';
import { useTRPC } from '../api';
import { Deadline, PageTitle } from '../common';
import { useLang } from '../i18n';
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

export default function ObjectionsPage() {
  const trpc = useTRPC();
  const { t, l, lang } = useLang();
  const [status, setStatus] = useState<'open' | 'decided'>('open');
  const [overdueOnly, setOverdueOnly] = useState(false);
  const list = useQuery(trpc.kernel.objections.list.queryOptions({ status, overdueOnly, limit: 200 }));
  return (
    <div>
      <PageTitle>{t('objections')}</PageTitle>
      <Card size="small">
        <Space style={{ marginBottom: 12 }} wrap>
          <Segmented
            value={status}
            onChange={(v) => setStatus(v as 'open' | 'decided')}
            options={[
              { value: 'open', label: lang === 'zh' ? '未结' : 'Open' },
              { value: 'decided', label: lang === 'zh' ? '已决定' : 'Decided' },
            ]}
          />
          <label>
            <Switch size="small" checked={overdueOnly} onChange={setOverdueOnly} />{' '}
            {lang === 'zh' ? '只看逾期' : 'Overdue only'}
          </label>
        </Space>
        {list.error && <Alert type="error" showIcon title={messageOf(list.error, lang)} />}
        <Table
          size="small"
          rowKey="id"
          loading={list.isPending}
          dataSource={list.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            {
              title: t('org'),
              dataIndex: 'orgName',
              render: (v: string, o) => <Link to={`/objections/${o.id}`}>{v}</Link>,
            },
            { title: lang === 'zh' ? '申请人' : 'Applicant', dataIndex: 'applicantName' },
            { title: lang === 'zh' ? '登记日期' : 'Filed', dataIndex: 'filedOn' },
            {
              title: t('deadline'),
              key: 'due',
              render: (_, o) => <Deadline due={o.decideDue} overdue={o.overdue} late={o.workingDaysLate} />,
            },
            {
              title: t('status'),
              key: 'status',
              render: (_, o) => (
                <Tag color={o.status === 'decided' ? 'default' : 'processing'}>{l(OBJECTION_STATUS[o.status])}</Tag>
              ),
            },
            {
              title: lang === 'zh' ? '结果' : 'Outcome',
              key: 'outcome',
              render: (_, o) => (o.outcome ? l(OBJECTION_OUTCOME[o.outcome]) : '—'),
            },
          ]}
        />
      </Card>
    </div>
  );
}
