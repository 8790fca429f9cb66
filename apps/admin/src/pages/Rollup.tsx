/**
 * 逐级汇总: the caller's subtree rolled up — records by state and severity, overdue cases and file coverage, in total and
 * per body directly below the root (or per body). A row opens the roll-up of that body's own subtree.
 */
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  InputNumber,
  Progress,
  Row,
  Segmented,
  Space,
  Statistic,
  Table,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { RECORD_STATUS_LABELS, RECORD_STATUSES, SEVERITIES, SEVERITY_LABELS } from '@chengxin/contract';
import { EChart, messageOf, type ChartOption } from '@chengxin/ui';
import { client, useTRPC } from '../api';
import { PageTitle } from '../common';
import { useLang } from '../i18n';

type Rollup = Awaited<ReturnType<typeof client.kernel.rollups.subtree.query>>;
type RollupRow = Rollup['rows'][number];

const SEVERITY_COLORS = { minor: '#d4b106', ordinary: '#fa8c16', serious: '#cf1322' } as const;
const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
const overdueOf = (o: RollupRow['overdue']) => o.objections + o.complaints + o.repairs + o.rectifications;

export default function RollupPage() {
  const trpc = useTRPC();
  const { lang, l } = useLang();
  const [trail, setTrail] = useState<{ id: string; name: string }[]>([]);
  const [groupBy, setGroupBy] = useState<'child' | 'org'>('child');
  // Coverage is of a completed year (annual assessments are in by then): the previous year, as on the dashboard.
  const [year, setYear] = useState<number>(new Date().getFullYear() - 1);
  const root = trail.at(-1)?.id;
  const data = useQuery(trpc.kernel.rollups.subtree.queryOptions({ groupBy, year, ...(root ? { orgId: root } : {}) }));
  const d = data.data;
  const zh = lang === 'zh';
  // Records per body below, stacked by severity; and each body's coverage — charts of the table underneath.
  const chartRows = useMemo(() => (d?.rows ?? []).filter((r) => r.orgId !== root).slice(0, 40), [d, root]);
  const recordsChart: ChartOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { bottom: 0 },
      grid: { left: 48, right: 16, top: 16, bottom: 90 },
      xAxis: {
        type: 'category',
        data: chartRows.map((r) => r.orgName.replace('天津市', '').replace('人民政府', '')),
        axisLabel: { rotate: 40, fontSize: 11 },
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: SEVERITIES.map((s) => ({
        name: l(SEVERITY_LABELS[s]),
        type: 'bar',
        stack: 'records',
        itemStyle: { color: SEVERITY_COLORS[s] },
        data: chartRows.map((r) => r.bySeverity[s] ?? 0),
      })),
    }),
    [chartRows, l],
  );
  const coverageChart: ChartOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (v === null ? '—' : `${String(v)}%`) },
      legend: { bottom: 0 },
      grid: { left: 48, right: 16, top: 16, bottom: 90 },
      xAxis: {
        type: 'category',
        data: chartRows.map((r) => r.orgName.replace('天津市', '').replace('人民政府', '')),
        axisLabel: { rotate: 40, fontSize: 11 },
      },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        { name: zh ? '单位覆盖' : 'Bodies', type: 'bar', data: chartRows.map((r) => pct(r.coverage.bodyShare)) },
        { name: zh ? '人员覆盖' : 'Persons', type: 'bar', data: chartRows.map((r) => pct(r.coverage.personShare)) },
      ],
    }),
    [chartRows, zh],
  );

  return (
    <div>
      <PageTitle
        extra={
          <Space>
            <InputNumber
              placeholder={lang === 'zh' ? '年度' : 'Year'}
              min={2000}
              max={2100}
              value={year}
              aria-label={lang === 'zh' ? '覆盖率年度' : 'Coverage year'}
              onChange={(v) => v && setYear(v)}
            />
            <Segmented
              value={groupBy}
              onChange={(v) => setGroupBy(v as 'child' | 'org')}
              options={[
                { value: 'child', label: lang === 'zh' ? '按下级' : 'By child' },
                { value: 'org', label: lang === 'zh' ? '按单位' : 'By body' },
              ]}
            />
          </Space>
        }
      >
        {lang === 'zh' ? '逐级汇总' : 'Roll-up'}
      </PageTitle>
      <Space style={{ marginBottom: 12 }} wrap>
        <Button size="small" type={trail.length ? 'link' : 'text'} onClick={() => setTrail([])}>
          {lang === 'zh' ? '本级辖区' : 'My scope'}
        </Button>
        {trail.map((t, i) => (
          <Button
            key={t.id}
            size="small"
            type={i === trail.length - 1 ? 'text' : 'link'}
            onClick={() => setTrail(trail.slice(0, i + 1))}
          >
            / {t.name}
          </Button>
        ))}
      </Space>
      {data.error && <Alert type="error" showIcon title={messageOf(data.error, lang)} style={{ marginBottom: 12 }} />}
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            title={
              lang === 'zh'
                ? `记录状态（${d?.year ?? ''}，截至 ${d?.asOf ?? ''}）`
                : `Records by state (${d?.year ?? ''}, as of ${d?.asOf ?? ''})`
            }
            loading={data.isPending}
          >
            <Row gutter={[8, 8]}>
              {RECORD_STATUSES.map((s) => (
                <Col span={6} key={s}>
                  <Statistic
                    title={l(RECORD_STATUS_LABELS[s])}
                    value={d?.total.byStatus[s] ?? 0}
                    styles={{ content: { fontSize: 18 } }}
                  />
                </Col>
              ))}
            </Row>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            title={lang === 'zh' ? '严重程度、逾期与覆盖率' : 'Severity, overdue, coverage'}
            loading={data.isPending}
          >
            <Row gutter={[8, 8]}>
              {SEVERITIES.map((s) => (
                <Col span={8} key={s}>
                  <Statistic
                    title={l(SEVERITY_LABELS[s])}
                    value={d?.total.bySeverity[s] ?? 0}
                    styles={{ content: { fontSize: 18 } }}
                  />
                </Col>
              ))}
              <Col span={8}>
                <Statistic
                  title={lang === 'zh' ? '逾期办理事项' : 'Overdue cases'}
                  value={d ? overdueOf(d.total.overdue) : 0}
                  styles={{ content: { fontSize: 18, color: d && overdueOf(d.total.overdue) ? '#cf1322' : undefined } }}
                />
              </Col>
              <Col span={8}>
                <Typography.Text>{lang === 'zh' ? `单位覆盖（${year}年）` : `Bodies (${year})`}</Typography.Text>
                <Progress size="small" percent={pct(d?.total.coverage.bodyShare ?? null) ?? 0} />
              </Col>
              <Col span={8}>
                <Typography.Text>{lang === 'zh' ? `人员覆盖（${year}年）` : `Persons (${year})`}</Typography.Text>
                <Progress
                  size="small"
                  percent={pct(d?.total.coverage.personShare ?? null) ?? 0}
                  data-testid="rollup-person-coverage"
                />
              </Col>
            </Row>
          </Card>
        </Col>
        {chartRows.length > 0 && (
          <>
            <Col xs={24} xl={12}>
              <Card size="small" title={zh ? '各单位记录数（按严重程度）' : 'Records per body by severity'}>
                <EChart option={recordsChart} height={300} label={zh ? '各单位记录数' : 'Records per body'} />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card size="small" title={zh ? `各单位档案覆盖率（${year}年）` : `Coverage per body (${year})`}>
                <EChart option={coverageChart} height={300} label={zh ? '各单位档案覆盖率' : 'Coverage per body'} />
              </Card>
            </Col>
          </>
        )}
        <Col span={24}>
          <Card size="small" title={lang === 'zh' ? '下级明细' : 'Per body'}>
            <Table<RollupRow>
              size="small"
              rowKey="orgId"
              loading={data.isFetching}
              dataSource={d?.rows ?? []}
              pagination={{ pageSize: 30, hideOnSinglePage: true }}
              scroll={{ x: 'max-content' }}
              onRow={(r) => ({
                onClick: () => {
                  if (r.orgId !== root) setTrail([...trail, { id: r.orgId, name: r.orgName }]);
                },
                style: { cursor: 'pointer' },
              })}
              columns={[
                { title: lang === 'zh' ? '单位' : 'Body', dataIndex: 'orgName', render: (v: string) => <a>{v}</a> },
                { title: lang === 'zh' ? '单位数' : 'Bodies', dataIndex: 'bodies', width: 70 },
                { title: lang === 'zh' ? '记录' : 'Records', dataIndex: 'records', width: 70 },
                ...(['published', 'submitted'] as const).map((s) => ({
                  title: l(RECORD_STATUS_LABELS[s]),
                  key: s,
                  width: 80,
                  render: (_: unknown, r: RollupRow) => r.byStatus[s] ?? 0,
                })),
                ...SEVERITIES.map((s) => ({
                  title: l(SEVERITY_LABELS[s]),
                  key: `sev:${s}`,
                  width: 80,
                  render: (_: unknown, r: RollupRow) => r.bySeverity[s] ?? 0,
                })),
                {
                  title: lang === 'zh' ? '逾期事项' : 'Overdue',
                  key: 'overdue',
                  width: 80,
                  render: (_: unknown, r) => {
                    const n = overdueOf(r.overdue);
                    return <span style={{ color: n ? '#cf1322' : undefined }}>{n}</span>;
                  },
                },
                {
                  title: lang === 'zh' ? '单位覆盖' : 'Body cov.',
                  key: 'cb',
                  width: 90,
                  render: (_: unknown, r) =>
                    pct(r.coverage.bodyShare) === null ? '—' : `${pct(r.coverage.bodyShare)}%`,
                },
                {
                  title: lang === 'zh' ? '人员覆盖' : 'Person cov.',
                  key: 'cp',
                  width: 90,
                  render: (_: unknown, r) =>
                    pct(r.coverage.personShare) === null ? '—' : `${pct(r.coverage.personShare)}%`,
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
