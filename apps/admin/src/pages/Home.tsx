/** 工作台: my tasks with their deadlines, counts by state, file coverage, recent activity and two charts. */
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Progress, Row, Statistic, Table, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { RECORD_STATUS_LABELS, RECORD_STATUSES, SEVERITIES, SEVERITY_LABELS } from '@chengxin/contract';
import { DISTINCT_COLORS, EChart, SimpleList, messageOf, type ChartOption } from '@chengxin/ui';
import { useTRPC } from '../api';
import { Deadline, PageTitle, useTypeLabel } from '../common';
import { useLang } from '../i18n';
import { Link, navigate } from '../router';
import { useSession } from '../session';

const SEVERITY_COLORS = { minor: '#fadb14', ordinary: '#fa8c16', serious: '#cf1322' } as const;

interface Task {
  key: string;
  kind: string;
  title: string;
  due: string | null;
  overdue: boolean;
  late: number;
  to: string;
}

export function HomePage() {
  const trpc = useTRPC();
  const { can, me } = useSession();
  const { t, l, lang } = useLang();
  const typeLabel = useTypeLabel();
  const year = new Date().getFullYear();
  const overview = useQuery({
    ...trpc.kernel.console.overview.queryOptions({ months: 12 }),
    enabled: can('kernel.records.read'),
  });
  const activity = useQuery({
    ...trpc.kernel.console.activity.queryOptions({ limit: 8 }),
    enabled: can('kernel.records.read'),
  });
  const coverage = useQuery({
    ...trpc.kernel.coverage.files.queryOptions({ year: year - 1 }),
    enabled: can('kernel.coverage.read'),
  });
  const toReview = useQuery({
    ...trpc.kernel.records.list.queryOptions({ status: ['submitted'], limit: 10 }),
    enabled: can('kernel.records.review'),
  });
  const drafts = useQuery({
    ...trpc.kernel.records.list.queryOptions({ status: ['draft'], limit: 10 }),
    enabled: can('kernel.records.write') && !can('kernel.records.review'),
  });
  const objections = useQuery({
    ...trpc.kernel.objections.list.queryOptions({ status: 'open', limit: 20 }),
    enabled: can('kernel.objections.decide'),
  });
  const complaints = useQuery({
    ...trpc.kernel.complaints.list.queryOptions({ status: 'open', limit: 20 }),
    enabled: can('kernel.complaints.handle'),
  });
  const repairs = useQuery({
    ...trpc.kernel.repairs.list.queryOptions({ status: 'open', limit: 20 }),
    enabled: can('kernel.repairs.decide'),
  });
  const rectifications = useQuery({
    ...trpc.kernel.rectifications.list.queryOptions({ status: 'open', limit: 20 }),
    enabled: can('kernel.rectifications.file') || can('kernel.rectifications.verify'),
  });

  const tasks: Task[] = useMemo(() => {
    const list: Task[] = [];
    for (const o of objections.data ?? [])
      list.push({
        key: `o${o.id}`,
        kind: t('objections'),
        title: `${o.orgName}：${o.applicantName}`,
        due: o.decideDue,
        overdue: o.overdue,
        late: o.workingDaysLate,
        to: `/objections/${o.id}`,
      });
    for (const c of complaints.data ?? [])
      list.push({
        key: `c${c.id}`,
        kind: t('complaints'),
        title: `${c.receiptCode} ${c.handlingOrgName ?? ''}`,
        due: c.status === 'received' ? c.triageDue : c.handleDue,
        overdue: c.overdue,
        late: c.workingDaysLate,
        // The queue filtered to this complaint (its receipt code), whatever its state.
        to: `/queues/complaints?status=all&q=${encodeURIComponent(c.receiptCode)}`,
      });
    for (const r of repairs.data ?? [])
      list.push({
        key: `r${r.id}`,
        kind: t('repairs'),
        title: `${r.orgName}：${r.applicantName}`,
        due: r.decideDue,
        overdue: r.overdue,
        late: r.workingDaysLate,
        to: `/records/${r.recordId}`,
      });
    for (const r of rectifications.data ?? [])
      list.push({
        key: `z${r.id}`,
        kind: t('rectifications'),
        title: r.orgName,
        due: r.status === 'awaiting_explanation' ? r.explanationDue : r.completionDue,
        overdue: r.overdue,
        late: r.workingDaysLate,
        to: `/queues/rectifications?status=all&q=${encodeURIComponent(r.recordDecisionNo ?? r.orgName)}`,
      });
    for (const r of toReview.data?.items ?? [])
      list.push({
        key: `s${r.id}`,
        kind: t('review'),
        title: `${r.personName ?? r.orgName}：${typeLabel(r.typeKey)}`,
        due: null,
        overdue: false,
        late: 0,
        to: `/records/${r.id}`,
      });
    for (const r of drafts.data?.items ?? [])
      list.push({
        key: `d${r.id}`,
        kind: lang === 'zh' ? '草稿' : 'Draft',
        title: `${r.personName ?? r.orgName}：${typeLabel(r.typeKey)}`,
        due: null,
        overdue: false,
        late: 0,
        to: `/records/${r.id}`,
      });
    return list.sort(
      (a, b) => Number(b.overdue) - Number(a.overdue) || (a.due ?? '9999').localeCompare(b.due ?? '9999'),
    );
  }, [
    objections.data,
    complaints.data,
    repairs.data,
    rectifications.data,
    toReview.data,
    drafts.data,
    lang,
    t,
    typeLabel,
  ]);

  const districtChart: ChartOption | null = useMemo(() => {
    const o = overview.data;
    if (!o) return null;
    // Every district in the legend, each its own colour (16 districts; ECharts' default palette repeats after nine).
    const top = o.byDistrict;
    return {
      color: DISTINCT_COLORS,
      tooltip: { trigger: 'axis' },
      legend: { type: 'plain', bottom: 0, itemWidth: 12, itemHeight: 8, textStyle: { fontSize: 11 } },
      grid: { left: 40, right: 16, top: 16, bottom: 28 + Math.ceil(top.length / 6) * 18 },
      xAxis: { type: 'category', data: o.months },
      yAxis: { type: 'value', minInterval: 1 },
      series: top.map((d) => ({
        name: d.orgName.replace('天津市', '').replace('人民政府', ''),
        type: 'bar',
        stack: 'all',
        data: d.counts,
      })),
    };
  }, [overview.data]);
  const severityChart: ChartOption | null = useMemo(() => {
    const o = overview.data;
    if (!o) return null;
    return {
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: ['40%', '70%'],
          data: SEVERITIES.map((s) => ({
            name: SEVERITY_LABELS[s][lang],
            value: o.bySeverity.find((x) => x.severity === s)?.count ?? 0,
            itemStyle: { color: SEVERITY_COLORS[s] },
          })),
        },
      ],
    };
  }, [overview.data, lang]);

  const count = (status: string) => overview.data?.byStatus.find((s) => s.status === status)?.count ?? 0;
  const total = coverage.data?.total;
  const percent = (v: number | null | undefined) => (v === null || v === undefined ? 0 : Math.round(v * 1000) / 10);

  return (
    <div>
      <PageTitle>{lang === 'zh' ? `${me?.displayName}，您好` : `Welcome, ${me?.displayName}`}</PageTitle>
      {overview.error && (
        <Alert type="error" showIcon title={messageOf(overview.error, lang)} style={{ marginBottom: 12 }} />
      )}
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('myTasks')} styles={{ body: { padding: 0 } }}>
            <Table<Task>
              size="small"
              rowKey="key"
              dataSource={tasks}
              pagination={{ pageSize: 6, size: 'small', hideOnSinglePage: true }}
              locale={{ emptyText: lang === 'zh' ? '暂无待办' : 'Nothing to do' }}
              onRow={(r) => ({ onClick: () => navigate(r.to), style: { cursor: 'pointer' } })}
              columns={[
                {
                  title: lang === 'zh' ? '类别' : 'Kind',
                  dataIndex: 'kind',
                  width: 100,
                  render: (k: string) => <Tag>{k}</Tag>,
                },
                {
                  title: lang === 'zh' ? '事项' : 'Item',
                  dataIndex: 'title',
                  render: (v: string, r) => <Link to={r.to}>{v}</Link>,
                },
                {
                  title: t('deadline'),
                  dataIndex: 'due',
                  width: 240,
                  render: (_: unknown, r) => <Deadline due={r.due} overdue={r.overdue} late={r.late} />,
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('countsByState')}>
            <Row gutter={[8, 8]}>
              {RECORD_STATUSES.map((s) => (
                <Col span={6} key={s}>
                  {/* Each figure opens the list behind it. */}
                  <Link to={`/records?status=${s}`} className="cx-figure-link">
                    <Statistic
                      title={RECORD_STATUS_LABELS[s][lang]}
                      value={count(s)}
                      styles={{ content: { fontSize: 20 } }}
                    />
                  </Link>
                </Col>
              ))}
            </Row>
          </Card>
          {can('kernel.coverage.read') && (
            <Card size="small" title={`${t('coverage')}（${year - 1}）`} style={{ marginTop: 12 }}>
              <Row gutter={12}>
                <Col span={12}>
                  <Typography.Text>{lang === 'zh' ? '单位' : 'Bodies'}</Typography.Text>
                  <Progress percent={percent(total?.bodyShare)} size="small" />
                  <Typography.Text type="secondary">
                    {total ? `${total.bodiesWithFile} / ${total.bodies}` : '…'}
                  </Typography.Text>
                </Col>
                <Col span={12}>
                  <Typography.Text>{lang === 'zh' ? '公务员' : 'Civil servants'}</Typography.Text>
                  <Progress percent={percent(total?.personShare)} size="small" />
                  <Typography.Text type="secondary">
                    {total ? `${total.personsWithFile} / ${total.persons}` : '…'}
                  </Typography.Text>
                </Col>
              </Row>
            </Card>
          )}
        </Col>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('byDistrictMonth')}>
            {districtChart && (
              <EChart
                option={districtChart}
                height={340}
                label={t('byDistrictMonth')}
                onClick={(e) => {
                  const d = overview.data?.byDistrict[e.seriesIndex ?? -1];
                  if (d?.orgId) navigate(`/records?org=${d.orgId}&subtree=1`);
                }}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('severityMix')}>
            {severityChart && (
              <EChart
                option={severityChart}
                height={340}
                label={t('severityMix')}
                onClick={(e) => {
                  const s = SEVERITIES[e.dataIndex];
                  if (s) navigate(`/records?severity=${s}`);
                }}
              />
            )}
          </Card>
        </Col>
        <Col span={24}>
          <Card size="small" title={t('recentActivity')}>
            <SimpleList
              items={activity.data ?? []}
              rowKey={(a, i) => `${a.recordId}${a.at}${i}`}
              render={(a) => (
                <>
                  <Typography.Text type="secondary" style={{ width: 150, flex: 'none' }}>
                    {new Date(a.at).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { hour12: false })}
                  </Typography.Text>
                  <span style={{ flex: 1 }}>
                    {a.actorName ?? (lang === 'zh' ? '系统' : 'system')} ·{' '}
                    {l(RECORD_STATUS_LABELS[a.toStatus as keyof typeof RECORD_STATUS_LABELS]) || a.toStatus} ·{' '}
                    <Link to={`/records/${a.recordId}`}>
                      {a.personName ?? a.orgName} — {typeLabel(a.typeKey)}
                    </Link>
                    {a.reason ? <Typography.Text type="secondary">（{a.reason}）</Typography.Text> : null}
                  </span>
                </>
              )}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
