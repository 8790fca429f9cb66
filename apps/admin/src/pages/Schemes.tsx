/**
 * 评价方案: the schemes by year and level (every save is a new version), and a new scheme from the suggested template —
 * one row per indicator with its weight, scale (linear best/worst or bands), parameters with their defaults. The API's
 * field errors (`indicators.2.weight`, `name`) are shown next to the field they name.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ORG_LEVEL_LABELS } from '@chengxin/contract';
import { issuesOf, messageOf } from '@chengxin/ui';
import { client, useTRPC } from '../api';
import { PageTitle } from '../common';
import { useLang } from '../i18n';
import { navigate } from '../router';
import { can, useSession } from '../session';

type Level = 'city' | 'district' | 'street';
type SchemeInput = Awaited<ReturnType<typeof client.kernel.evaluation.schemes.template.query>>;
type Indicator = SchemeInput['indicators'][number];
type Scheme = Awaited<ReturnType<typeof client.kernel.evaluation.schemes.list.query>>[number];

const LEVELS: Level[] = ['district', 'street', 'city'];
const thisYear = new Date().getFullYear();

/** "0:100; 3:60; 6:0" ⇄ bands. */
const bandsText = (bands: { from: number; score: number }[]) => bands.map((b) => `${b.from}:${b.score}`).join('; ');
const parseBands = (text: string) =>
  text
    .split(/[;；]/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => {
      const [from, score] = p.split(/[:：]/).map((x) => Number(x.trim()));
      return { from: from ?? NaN, score: score ?? NaN };
    });

export default function SchemesPage() {
  const trpc = useTRPC();
  const { me } = useSession();
  const { lang, l } = useLang();
  const [year, setYear] = useState<number | undefined>(undefined);
  const [level, setLevel] = useState<Level | undefined>(undefined);
  const [editing, setEditing] = useState<{ year: number; level: Level } | null>(null);
  const schemes = useQuery(
    trpc.kernel.evaluation.schemes.list.queryOptions({ ...(year ? { year } : {}), ...(level ? { level } : {}) }),
  );
  const manage = can(me, 'kernel.evaluation.manage');

  return (
    <div>
      <PageTitle
        extra={
          manage && !editing ? (
            <Button type="primary" onClick={() => setEditing({ year: year ?? thisYear, level: level ?? 'district' })}>
              {lang === 'zh' ? '新建方案' : 'New scheme'}
            </Button>
          ) : null
        }
      >
        {lang === 'zh' ? '评价方案' : 'Evaluation schemes'}
      </PageTitle>
      {editing ? (
        <SchemeEditor year={editing.year} level={editing.level} onDone={() => setEditing(null)} />
      ) : (
        <Card size="small">
          <Space style={{ marginBottom: 12 }}>
            <InputNumber
              id="scheme-year"
              placeholder={lang === 'zh' ? '年度' : 'Year'}
              min={2000}
              max={2100}
              value={year}
              onChange={(v) => setYear(v ?? undefined)}
            />
            <Select
              id="scheme-level"
              allowClear
              placeholder={lang === 'zh' ? '层级' : 'Level'}
              style={{ width: 140 }}
              value={level}
              onChange={setLevel}
              options={LEVELS.map((v) => ({ value: v, label: l(ORG_LEVEL_LABELS[v]) }))}
            />
          </Space>
          {schemes.error && (
            <Alert type="error" showIcon title={messageOf(schemes.error, lang)} style={{ marginBottom: 12 }} />
          )}
          <Table<Scheme>
            size="small"
            rowKey="id"
            loading={schemes.isPending}
            dataSource={schemes.data ?? []}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            columns={[
              { title: lang === 'zh' ? '年度' : 'Year', dataIndex: 'year', width: 80 },
              {
                title: lang === 'zh' ? '层级' : 'Level',
                dataIndex: 'level',
                width: 100,
                render: (v: Level) => <Tag>{l(ORG_LEVEL_LABELS[v])}</Tag>,
              },
              { title: lang === 'zh' ? '名称' : 'Name', dataIndex: 'name' },
              {
                title: lang === 'zh' ? '版本' : 'Version',
                dataIndex: 'version',
                width: 70,
                render: (v: number) => `v${v}`,
              },
              {
                title: lang === 'zh' ? '指标' : 'Indicators',
                key: 'n',
                width: 80,
                render: (_: unknown, s) => s.indicators.length,
              },
              { title: lang === 'zh' ? '最小样本' : 'Min sample', dataIndex: 'minSample', width: 90 },
              {
                title: lang === 'zh' ? '保存时间' : 'Saved',
                dataIndex: 'createdAt',
                width: 170,
                render: (v: string) => new Date(v).toLocaleString('zh-CN', { hour12: false }),
              },
              ...(manage
                ? [
                    {
                      title: '',
                      key: 'run',
                      width: 110,
                      render: (_: unknown, s: Scheme) => <RunButton schemeId={s.id} />,
                    },
                  ]
                : []),
            ]}
          />
        </Card>
      )}
    </div>
  );
}

/** Starts a run for a scheme and opens it. */
export function RunButton({ schemeId }: { schemeId: string }) {
  const { lang } = useLang();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const start = useMutation({
    mutationFn: () => client.kernel.evaluation.runs.start.mutate({ schemeId }),
    onSuccess: (run) => {
      void queryClient.invalidateQueries();
      navigate(`/evaluation/runs/${run.id}`);
    },
    onError: (e) => setError(messageOf(e, lang)),
  });
  return (
    <span>
      <Button size="small" loading={start.isPending} onClick={() => start.mutate()}>
        {lang === 'zh' ? '计算评价' : 'Run'}
      </Button>
      {error && (
        <Typography.Text type="danger" role="alert">
          {' '}
          {error}
        </Typography.Text>
      )}
    </span>
  );
}

function SchemeEditor({
  year: initialYear,
  level: initialLevel,
  onDone,
}: {
  year: number;
  level: Level;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const { lang, l } = useLang();
  const queryClient = useQueryClient();
  const [year, setYear] = useState(initialYear);
  const [level, setLevel] = useState<Level>(initialLevel);
  const catalogue = useQuery(trpc.kernel.evaluation.schemes.indicators.queryOptions());
  const template = useQuery(trpc.kernel.evaluation.schemes.template.queryOptions({ year, level }));
  const [draft, setDraft] = useState<SchemeInput | null>(null);
  const [bands, setBands] = useState<Record<number, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!template.data) return;
    setDraft({ ...template.data, year, level });
    setBands(
      Object.fromEntries(
        template.data.indicators.map((i, n) => [n, i.scale.kind === 'bands' ? bandsText(i.scale.bands) : '0:100; 5:0']),
      ),
    );
  }, [template.data]);

  const save = useMutation({
    mutationFn: (input: SchemeInput) => client.kernel.evaluation.schemes.save.mutate(input),
    onSuccess: () => {
      void queryClient.invalidateQueries();
      onDone();
    },
    onError: (e) => {
      setError(messageOf(e, lang));
      setErrors(Object.fromEntries(issuesOf(e).map((i) => [i.field, lang === 'zh' ? i.messageZh : i.messageEn])));
    },
  });

  if (!draft) return <Card size="small" loading />;
  const info = (key: string) => catalogue.data?.find((c) => c.key === key);
  const setIndicator = (n: number, change: Partial<Indicator>) =>
    setDraft(
      (d) => d && { ...d, indicators: d.indicators.map((x, i) => (i === n ? ({ ...x, ...change } as Indicator) : x)) },
    );
  const err = (path: string) => errors[path];
  const item = (path: string) => ({
    validateStatus: err(path) ? ('error' as const) : undefined,
    help: err(path),
    'data-field': path,
  });
  const totalWeight = draft.indicators.reduce((s, i) => s + (Number(i.weight) || 0), 0);

  const submit = () => {
    setErrors({});
    setError(null);
    const indicators = draft.indicators.map((ind, n) =>
      ind.scale.kind === 'bands'
        ? { ...ind, scale: { kind: 'bands' as const, bands: parseBands(bands[n] ?? '') } }
        : ind,
    );
    save.mutate({ ...draft, year, level, indicators });
  };

  return (
    <Card
      size="small"
      title={lang === 'zh' ? '新建评价方案（自建议模板）' : 'New scheme (from the suggested template)'}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title={
          lang === 'zh'
            ? '模板中的权重和计分方法为建议值；保存后生成新版本，计算时使用。'
            : 'The template holds suggestions; saving makes a new version that runs use.'
        }
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />}
      <Form layout="inline" style={{ marginBottom: 12, rowGap: 8 }}>
        <Form.Item label={lang === 'zh' ? '年度' : 'Year'} {...item('year')}>
          <InputNumber id="scheme-form-year" min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} />
        </Form.Item>
        <Form.Item label={lang === 'zh' ? '层级' : 'Level'} {...item('level')}>
          <Select
            id="scheme-form-level"
            style={{ width: 120 }}
            value={level}
            onChange={setLevel}
            options={LEVELS.map((v) => ({ value: v, label: l(ORG_LEVEL_LABELS[v]) }))}
          />
        </Form.Item>
        <Form.Item label={lang === 'zh' ? '名称' : 'Name'} {...item('name')}>
          <Input
            id="scheme-name"
            style={{ width: 320 }}
            value={draft.name}
            onChange={(e) => setDraft({ ...draft, name: e.target.value })}
          />
        </Form.Item>
        <Form.Item label={lang === 'zh' ? '最小样本' : 'Min sample'} {...item('minSample')}>
          <InputNumber
            id="scheme-minSample"
            min={0}
            value={draft.minSample}
            onChange={(v) => setDraft({ ...draft, minSample: v ?? 0 })}
          />
        </Form.Item>
      </Form>
      <Table<Indicator & { n: number }>
        size="small"
        rowKey="key"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={draft.indicators.map((x, n) => ({ ...x, n }))}
        footer={() =>
          lang === 'zh' ? `权重合计 ${totalWeight}（按比例折算）` : `Weights total ${totalWeight} (used as shares)`
        }
        columns={[
          {
            title: lang === 'zh' ? '指标' : 'Indicator',
            key: 'key',
            render: (_: unknown, r) => {
              const c = info(r.key);
              return (
                <div style={{ maxWidth: 260 }} data-field={`indicators.${r.n}.key`}>
                  <div>{c ? (lang === 'zh' ? c.labelZh : c.labelEn) : r.key}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {c
                      ? `${c.unit} · ${c.better === 'higher' ? (lang === 'zh' ? '越高越好' : 'higher is better') : lang === 'zh' ? '越低越好' : 'lower is better'}`
                      : ''}
                  </Typography.Text>
                  {err(`indicators.${r.n}.key`) && (
                    <div className="ant-form-item-explain-error" style={{ color: '#ff4d4f' }}>
                      {err(`indicators.${r.n}.key`)}
                    </div>
                  )}
                </div>
              );
            },
          },
          {
            title: lang === 'zh' ? '权重' : 'Weight',
            key: 'weight',
            width: 110,
            render: (_: unknown, r) => (
              <Form.Item style={{ margin: 0 }} {...item(`indicators.${r.n}.weight`)}>
                <InputNumber
                  id={`weight-${r.n}`}
                  aria-label={`weight ${r.key}`}
                  value={r.weight}
                  onChange={(v) => setIndicator(r.n, { weight: v ?? 0 })}
                />
              </Form.Item>
            ),
          },
          {
            title: lang === 'zh' ? '计分方法' : 'Scale',
            key: 'scale',
            render: (_: unknown, r) => (
              <Space align="start" wrap>
                <Select
                  style={{ width: 100 }}
                  value={r.scale.kind}
                  aria-label={`scale ${r.key}`}
                  onChange={(kind) =>
                    setIndicator(r.n, {
                      scale:
                        kind === 'linear'
                          ? { kind: 'linear', best: 0, worst: 10 }
                          : { kind: 'bands', bands: parseBands(bands[r.n] ?? '') },
                    })
                  }
                  options={[
                    { value: 'linear', label: lang === 'zh' ? '线性' : 'Linear' },
                    { value: 'bands', label: lang === 'zh' ? '分档' : 'Bands' },
                  ]}
                />
                {r.scale.kind === 'linear' ? (
                  <>
                    <Form.Item
                      style={{ margin: 0 }}
                      label={lang === 'zh' ? '满分值' : 'Best'}
                      {...item(`indicators.${r.n}.scale.best`)}
                    >
                      <InputNumber
                        style={{ width: 90 }}
                        value={r.scale.best}
                        onChange={(v) =>
                          r.scale.kind === 'linear' && setIndicator(r.n, { scale: { ...r.scale, best: v ?? 0 } })
                        }
                      />
                    </Form.Item>
                    <Form.Item
                      style={{ margin: 0 }}
                      label={lang === 'zh' ? '零分值' : 'Worst'}
                      {...item(`indicators.${r.n}.scale.worst`)}
                    >
                      <InputNumber
                        style={{ width: 90 }}
                        value={r.scale.worst}
                        onChange={(v) =>
                          r.scale.kind === 'linear' && setIndicator(r.n, { scale: { ...r.scale, worst: v ?? 0 } })
                        }
                      />
                    </Form.Item>
                  </>
                ) : (
                  <Form.Item
                    style={{ margin: 0 }}
                    {...item(`indicators.${r.n}.scale.bands`)}
                    extra={lang === 'zh' ? '起点:得分；…' : 'from:score; …'}
                  >
                    <Input
                      style={{ width: 200 }}
                      value={bands[r.n] ?? ''}
                      onChange={(e) => setBands((b) => ({ ...b, [r.n]: e.target.value }))}
                    />
                  </Form.Item>
                )}
              </Space>
            ),
          },
          {
            title: lang === 'zh' ? '参数' : 'Parameters',
            key: 'params',
            render: (_: unknown, r) => {
              const specs = info(r.key)?.params ?? {};
              const names = Object.keys(specs);
              if (!names.length) return '—';
              return (
                <div style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
                  {names.map((name) => (
                    <Form.Item
                      key={name}
                      style={{ margin: 0 }}
                      label={specs[name]!.labelZh}
                      {...item(`indicators.${r.n}.params.${name}`)}
                    >
                      <InputNumber
                        style={{ width: 90 }}
                        value={r.params?.[name] ?? specs[name]!.default}
                        placeholder={String(specs[name]!.default)}
                        onChange={(v) =>
                          setIndicator(r.n, { params: { ...r.params, [name]: v ?? specs[name]!.default } })
                        }
                      />
                    </Form.Item>
                  ))}
                </div>
              );
            },
          },
        ]}
      />
      <Space style={{ marginTop: 12 }}>
        <Button type="primary" loading={save.isPending} onClick={submit}>
          {lang === 'zh' ? '保存方案' : 'Save scheme'}
        </Button>
        <Button onClick={onDone}>{lang === 'zh' ? '取消' : 'Cancel'}</Button>
      </Space>
    </Card>
  );
}
