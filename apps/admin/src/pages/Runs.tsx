/**
 * 评价结果: the runs with their state; a run's page ranks the bodies (数据不足 for those under the minimum sample), with
 * last year's score and rank, the change, third-party scores beside, a bar chart of the scores; a body's breakdown per
 * indicator and the records and cases behind each (cursor-paginated); review with a note by a second person, publish,
 * and the CSV/XLSX export.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Drawer,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { ORG_LEVEL_LABELS } from '@chengxin/contract';
import { CursorTable, EChart, messageOf, type ChartOption } from '@chengxin/ui';
import { client, useTRPC } from '../api';
import { PageTitle } from '../common';
import { useLang } from '../i18n';
import { Link, navigate } from '../router';
import { useSession } from '../session';
import { RunButton } from './Schemes';

type Run = Awaited<ReturnType<typeof client.kernel.evaluation.runs.get.query>>;
type Score = Run['scores'][number];
type Breakdown = Score['breakdown'][number];
type Contribution = Awaited<ReturnType<typeof client.kernel.evaluation.runs.contributions.query>>['items'][number];
type RunStatus = Run['status'];

export const RUN_STATUS_LABELS: Record<RunStatus, { zh: string; en: string; color: string }> = {
  computed: { zh: '待审核', en: 'Computed', color: 'processing' },
  reviewed: { zh: '已审核', en: 'Reviewed', color: 'cyan' },
  published: { zh: '已公布', en: 'Published', color: 'green' },
  superseded: { zh: '已替代', en: 'Superseded', color: 'default' },
};

export function RunStatusTag({ status }: { status: RunStatus }) {
  const { lang } = useLang();
  const s = RUN_STATUS_LABELS[status];
  return <Tag color={s.color}>{s[lang]}</Tag>;
}

const fmt = (v: number | null | undefined, digits = 2) => (v === null || v === undefined ? '—' : v.toFixed(digits));

export function RunsPage() {
  const { lang, l } = useLang();
  const { can } = useSession();
  const [status, setStatus] = useState<RunStatus | undefined>(undefined);
  const [schemeId, setSchemeId] = useState<string | undefined>(undefined);
  const schemes = useQuery({
    queryKey: ['schemes-all'],
    queryFn: () => client.kernel.evaluation.schemes.list.query({}),
    enabled: can('kernel.evaluation.manage'),
  });

  return (
    <div>
      <PageTitle
        extra={
          can('kernel.evaluation.manage') ? (
            <Space>
              <Select
                id="run-scheme"
                style={{ width: 360 }}
                placeholder={lang === 'zh' ? '选择方案' : 'Choose a scheme'}
                value={schemeId}
                onChange={setSchemeId}
                options={(schemes.data ?? []).map((s) => ({
                  value: s.id,
                  label: `${s.year} ${l(ORG_LEVEL_LABELS[s.level])} · ${s.name} v${s.version}`,
                }))}
              />
              {schemeId && <RunButton schemeId={schemeId} />}
            </Space>
          ) : null
        }
      >
        {lang === 'zh' ? '评价结果' : 'Evaluation results'}
      </PageTitle>
      <Card size="small">
        <Select
          allowClear
          placeholder={lang === 'zh' ? '状态' : 'Status'}
          style={{ width: 140, marginBottom: 12 }}
          value={status}
          onChange={setStatus}
          options={(Object.keys(RUN_STATUS_LABELS) as RunStatus[]).map((s) => ({
            value: s,
            label: RUN_STATUS_LABELS[s][lang],
          }))}
        />
        <CursorTable<Omit<Run, 'scores'>>
          lang={lang}
          reload={status}
          rowKey={(r) => r.id}
          fetchPage={(cursor) =>
            client.kernel.evaluation.runs.list.query({
              limit: 20,
              ...(status ? { status } : {}),
              ...(cursor ? { cursor } : {}),
            })
          }
          onRow={(r) => ({ onClick: () => navigate(`/evaluation/runs/${r.id}`), style: { cursor: 'pointer' } })}
          columns={[
            { title: lang === 'zh' ? '年度' : 'Year', dataIndex: 'year', width: 70 },
            {
              title: lang === 'zh' ? '层级' : 'Level',
              dataIndex: 'level',
              width: 90,
              render: (v: Run['level']) => l(ORG_LEVEL_LABELS[v]),
            },
            {
              title: lang === 'zh' ? '方案' : 'Scheme',
              dataIndex: 'schemeName',
              render: (v: string, r) => (
                <Link to={`/evaluation/runs/${r.id}`}>
                  {v} v{r.schemeVersion}
                </Link>
              ),
            },
            {
              title: lang === 'zh' ? '状态' : 'Status',
              dataIndex: 'status',
              width: 90,
              render: (v: RunStatus) => <RunStatusTag status={v} />,
            },
            {
              title: lang === 'zh' ? '参评 / 排名' : 'Bodies / ranked',
              key: 'n',
              width: 110,
              render: (_: unknown, r) => `${r.bodies} / ${r.ranked}`,
            },
            {
              title: lang === 'zh' ? '计算时间' : 'Computed',
              dataIndex: 'computedAt',
              width: 170,
              render: (v: string) => new Date(v).toLocaleString('zh-CN', { hour12: false }),
            },
          ]}
        />
      </Card>
    </div>
  );
}

export function RunPage({ id }: { id: string }) {
  const trpc = useTRPC();
  const { lang, l, t } = useLang();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const run = useQuery(trpc.kernel.evaluation.runs.get.queryOptions({ id }));
  const [body, setBody] = useState<Score | null>(null);
  const [reviewOpen, setReviewOpen] = useState(false);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries();

  const review = useMutation({
    mutationFn: () => client.kernel.evaluation.runs.review.mutate({ runId: id, note }),
    onSuccess: () => {
      setReviewOpen(false);
      setError(null);
      setDone(lang === 'zh' ? '已审核' : 'Reviewed');
      void refresh();
    },
    onError: (e) => {
      setReviewOpen(false);
      setError(messageOf(e, lang));
    },
  });
  const publish = useMutation({
    mutationFn: () => client.kernel.evaluation.runs.publish.mutate({ runId: id }),
    onSuccess: () => {
      setError(null);
      setDone(lang === 'zh' ? '已公布' : 'Published');
      void refresh();
    },
    onError: (e) => setError(messageOf(e, lang)),
  });
  const download = async (format: 'csv' | 'xlsx') => {
    try {
      const file = await client.kernel.evaluation.runs.export.query({ runId: id, format });
      const bytes =
        file.encoding === 'base64'
          ? Uint8Array.from(atob(file.content), (c) => c.charCodeAt(0))
          : new TextEncoder().encode(file.content);
      saveBlob(new Blob([bytes], { type: file.contentType }), file.filename);
    } catch (e) {
      setError(messageOf(e, lang));
    }
  };

  const chart: ChartOption | null = useMemo(() => {
    const ranked = (run.data?.scores ?? [])
      .filter((s) => s.score !== null)
      .sort((a, b) => (b.score ?? 0) - (a.score ?? 0));
    if (!ranked.length) return null;
    const short = (n: string) => n.replace('天津市', '').replace('人民政府', '');
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 40, right: 16, top: 16, bottom: 64 },
      xAxis: { type: 'category', data: ranked.map((s) => short(s.orgName)), axisLabel: { rotate: 35, interval: 0 } },
      yAxis: { type: 'value', min: 0, max: 100 },
      series: [
        {
          type: 'bar',
          name: lang === 'zh' ? '得分' : 'Score',
          data: ranked.map((s) => Math.round((s.score ?? 0) * 100) / 100),
          itemStyle: { color: '#1677ff' },
        },
      ],
    };
  }, [run.data, lang]);

  if (run.error) return <Alert type="error" showIcon title={messageOf(run.error, lang)} />;
  if (!run.data) return <Card loading />;
  const r = run.data;
  const rows = [...r.scores].sort(
    (a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || a.orgName.localeCompare(b.orgName, 'zh'),
  );
  const sources = [...new Set(r.scores.flatMap((s) => s.external.map((x) => x.source)))];

  return (
    <div>
      <PageTitle
        extra={
          <Space wrap>
            {can('kernel.evaluation.review') && r.status === 'computed' && (
              <Button type="primary" onClick={() => setReviewOpen(true)}>
                {lang === 'zh' ? '审核' : 'Review'}
              </Button>
            )}
            {can('kernel.evaluation.review') && r.status === 'reviewed' && (
              // Publishing puts every body's score and rank on the public site: ask first.
              <Popconfirm
                title={lang === 'zh' ? '公布本次评价结果？' : 'Publish this run?'}
                description={
                  lang === 'zh'
                    ? '公布后各单位得分和排名将在门户网站“诚信评价”栏目公开。'
                    : "Every body's score and rank appears on the public site."
                }
                okText={lang === 'zh' ? '公布' : 'Publish'}
                cancelText={t('cancel')}
                onConfirm={() => publish.mutate()}
              >
                <Button type="primary" danger loading={publish.isPending}>
                  {lang === 'zh' ? '公布' : 'Publish'}
                </Button>
              </Popconfirm>
            )}
            {can('kernel.evaluation.manage') && (
              <Button onClick={() => void download('csv')}>{lang === 'zh' ? '导出 CSV' : 'Export CSV'}</Button>
            )}
            {can('kernel.evaluation.manage') && (
              <Button onClick={() => void download('xlsx')}>{lang === 'zh' ? '导出 XLSX' : 'Export XLSX'}</Button>
            )}
            <Button onClick={() => navigate('/evaluation/runs')}>{lang === 'zh' ? '返回' : 'Back'}</Button>
          </Space>
        }
      >
        {r.year} {l(ORG_LEVEL_LABELS[r.level])} · {r.schemeName} v{r.schemeVersion} <RunStatusTag status={r.status} />
      </PageTitle>
      {error && (
        <Alert
          type="error"
          showIcon
          title={error}
          style={{ marginBottom: 12 }}
          role="alert"
          closable={{ onClose: () => setError(null) }}
        />
      )}
      {done && (
        <Alert
          type="success"
          showIcon
          title={done}
          style={{ marginBottom: 12 }}
          closable={{ onClose: () => setDone(null) }}
        />
      )}
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[
            {
              key: 'bodies',
              label: lang === 'zh' ? '参评 / 排名' : 'Bodies / ranked',
              children: `${r.bodies} / ${r.ranked}`,
            },
            {
              key: 'computed',
              label: lang === 'zh' ? '计算时间' : 'Computed',
              children: new Date(r.computedAt).toLocaleString('zh-CN', { hour12: false }),
            },
            {
              key: 'digest',
              label: lang === 'zh' ? '输入摘要' : 'Inputs digest',
              children: <Typography.Text code>{r.inputsDigest.slice(0, 16)}</Typography.Text>,
            },
            ...(r.reviewNote
              ? [{ key: 'note', label: lang === 'zh' ? '审核意见' : 'Review note', children: r.reviewNote }]
              : []),
            ...(r.publishedAt
              ? [
                  {
                    key: 'pub',
                    label: lang === 'zh' ? '公布时间' : 'Published',
                    children: new Date(r.publishedAt).toLocaleString('zh-CN', { hour12: false }),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {chart && (
        <Card size="small" title={lang === 'zh' ? '得分' : 'Scores'} style={{ marginBottom: 12 }}>
          <EChart option={chart} height={240} label={lang === 'zh' ? '各单位得分' : 'Scores by body'} />
        </Card>
      )}
      <Card size="small" title={lang === 'zh' ? '排名' : 'Ranking'}>
        <Table<Score>
          size="small"
          rowKey="orgId"
          dataSource={rows}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          onRow={(s) => ({ onClick: () => setBody(s), style: { cursor: 'pointer' } })}
          columns={[
            {
              title: lang === 'zh' ? '名次' : 'Rank',
              dataIndex: 'rank',
              width: 70,
              render: (v: number | null) => v ?? '—',
            },
            {
              title: lang === 'zh' ? '单位' : 'Body',
              dataIndex: 'orgName',
              render: (v: string) => <a className="cx-body-link">{v}</a>,
            },
            {
              title: lang === 'zh' ? '得分' : 'Score',
              dataIndex: 'score',
              width: 90,
              render: (v: number | null, s) =>
                s.status === 'insufficient' ? <Tag>{lang === 'zh' ? '数据不足' : 'Too little data'}</Tag> : fmt(v),
            },
            { title: lang === 'zh' ? '样本' : 'Sample', dataIndex: 'sample', width: 70 },
            {
              title: lang === 'zh' ? '上年得分' : 'Last year',
              dataIndex: 'previousScore',
              width: 90,
              render: (v: number | null) => fmt(v),
            },
            {
              title: lang === 'zh' ? '上年名次' : 'Last rank',
              dataIndex: 'previousRank',
              width: 90,
              render: (v: number | null) => v ?? '—',
            },
            {
              title: lang === 'zh' ? '变化' : 'Change',
              key: 'change',
              width: 120,
              render: (_: unknown, s) => <Change score={s} />,
            },
            ...sources.map((source) => ({
              title: source,
              key: `ext:${source}`,
              width: 140,
              render: (_: unknown, s: Score) => {
                const x = s.external.find((e) => e.source === source);
                return x ? [x.score !== null ? fmt(x.score, 1) : null, x.grade].filter(Boolean).join(' · ') : '—';
              },
            })),
          ]}
        />
      </Card>
      <Drawer
        open={!!body}
        onClose={() => setBody(null)}
        size="large"
        title={body ? `${body.orgName} · ${lang === 'zh' ? '得分明细' : 'Breakdown'}` : ''}
        destroyOnHidden
      >
        {body && <BodyBreakdown runId={id} score={body} />}
      </Drawer>
      <Modal
        open={reviewOpen}
        title={lang === 'zh' ? '审核评价结果' : 'Review the result'}
        onCancel={() => setReviewOpen(false)}
        okText={lang === 'zh' ? '审核通过' : 'Approve'}
        cancelText={lang === 'zh' ? '取消' : 'Cancel'}
        confirmLoading={review.isPending}
        okButtonProps={{ disabled: note.trim().length < 2 }}
        onOk={() => review.mutate()}
      >
        <Form layout="vertical">
          <Form.Item label={lang === 'zh' ? '审核意见' : 'Note'} required>
            <Input.TextArea id="review-note" rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}

function Change({ score: s }: { score: Score }) {
  const { lang } = useLang();
  if (s.score === null || s.previousScore === null) return <span>—</span>;
  const d = s.score - s.previousScore;
  const rank = s.rank !== null && s.previousRank !== null ? s.previousRank - s.rank : null;
  const color = d > 0 ? '#389e0d' : d < 0 ? '#cf1322' : undefined;
  return (
    <span style={{ color }}>
      {d > 0 ? '+' : ''}
      {d.toFixed(2)}
      {rank !== null && rank !== 0
        ? lang === 'zh'
          ? `（${rank > 0 ? '↑' : '↓'}${Math.abs(rank)}）`
          : ` (${rank > 0 ? '↑' : '↓'}${Math.abs(rank)})`
        : ''}
    </span>
  );
}

function BodyBreakdown({ runId, score }: { runId: string; score: Score }) {
  const { lang } = useLang();
  const [indicator, setIndicator] = useState<string | null>(null);
  return (
    <div>
      <Descriptions
        size="small"
        column={3}
        style={{ marginBottom: 12 }}
        items={[
          {
            key: 's',
            label: lang === 'zh' ? '得分' : 'Score',
            children:
              score.status === 'insufficient' ? (lang === 'zh' ? '数据不足' : 'Too little data') : fmt(score.score),
          },
          { key: 'r', label: lang === 'zh' ? '名次' : 'Rank', children: score.rank ?? '—' },
          { key: 'n', label: lang === 'zh' ? '样本' : 'Sample', children: score.sample },
        ]}
      />
      <EChart
        height={Math.max(160, score.breakdown.length * 30 + 40)}
        label={lang === 'zh' ? '各指标计入分' : 'Points per indicator'}
        option={{
          tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
          grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
          xAxis: { type: 'value' },
          yAxis: { type: 'category', inverse: true, data: score.breakdown.map((b) => b.labelZh) },
          series: [
            {
              name: lang === 'zh' ? '计入分' : 'Points',
              type: 'bar',
              label: { show: true, position: 'right', formatter: (p: { value: number }) => fmt(p.value) },
              itemStyle: { color: '#b71c1c' },
              data: score.breakdown.map((b) => (b.contribution === null ? 0 : Number(b.contribution.toFixed(2)))),
            },
          ],
        }}
      />
      <Table<Breakdown>
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={score.breakdown}
        scroll={{ x: 'max-content' }}
        className="cx-breakdown"
        onRow={(b) => ({
          onClick: () => setIndicator(b.key),
          style: { cursor: 'pointer', background: b.key === indicator ? '#e6f4ff' : undefined },
        })}
        columns={[
          { title: lang === 'zh' ? '指标' : 'Indicator', dataIndex: 'labelZh' },
          {
            title: lang === 'zh' ? '值' : 'Value',
            dataIndex: 'value',
            render: (v: number | null, b) => (v === null ? '—' : `${fmt(v, 3).replace(/\.?0+$/, '')} ${b.unit}`),
          },
          { title: lang === 'zh' ? '指标得分' : 'Score', dataIndex: 'score', render: (v: number | null) => fmt(v, 1) },
          { title: lang === 'zh' ? '权重' : 'Weight', dataIndex: 'weight' },
          {
            title: lang === 'zh' ? '计入分' : 'Points',
            dataIndex: 'contribution',
            render: (v: number | null) => fmt(v),
          },
          {
            title: lang === 'zh' ? '依据' : 'Evidence',
            dataIndex: 'evidence',
            render: (v: string) => (
              <span style={{ whiteSpace: 'normal', display: 'inline-block', maxWidth: 260 }}>{v}</span>
            ),
          },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {lang === 'zh' ? '所依据的记录和办理事项' : 'Records and cases behind the score'}
        {indicator ? ` · ${score.breakdown.find((b) => b.key === indicator)?.labelZh ?? indicator}` : ''}
      </Typography.Title>
      {!indicator && (
        <Typography.Text type="secondary">
          {lang === 'zh' ? '点击上表中的指标查看' : 'Click an indicator above'}
        </Typography.Text>
      )}
      {indicator && (
        <CursorTable<Contribution>
          lang={lang}
          reload={indicator}
          rowKey={(c) => `${c.entity}:${c.entityId}:${c.indicator}`}
          fetchPage={(cursor) =>
            client.kernel.evaluation.runs.contributions.query({
              runId,
              orgId: score.orgId,
              indicator,
              limit: 20,
              ...(cursor ? { cursor } : {}),
            })
          }
          columns={[
            {
              title: lang === 'zh' ? '类别' : 'Kind',
              dataIndex: 'entity',
              width: 90,
              render: (v: string) => <Tag>{v}</Tag>,
            },
            {
              title: lang === 'zh' ? '摘要' : 'Summary',
              dataIndex: 'summary',
              render: (v: string, c) => (c.entity === 'record' ? <Link to={`/records/${c.entityId}`}>{v}</Link> : v),
            },
            { title: lang === 'zh' ? '计量' : 'Amount', dataIndex: 'amount', width: 80 },
            {
              title: lang === 'zh' ? '日期' : 'Date',
              dataIndex: 'date',
              width: 110,
              render: (v: string | null) => v ?? '—',
            },
          ]}
        />
      )}
    </div>
  );
}

/** Saves a blob as a download. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
