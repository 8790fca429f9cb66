/**
 * A plugin's page, drawn from its declarative descriptor (imported lazily with the plugin's admin module): a table
 * over its list procedure with a create form and row actions, or a report with parameters. Forms come from the
 * manifest as JSON Schema and go through the one generic renderer.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App as AntApp,
  Alert,
  Button,
  Card,
  Descriptions,
  Drawer,
  InputNumber,
  Result,
  Select,
  Skeleton,
  Space,
  Table,
  Tag,
  Tooltip,
} from 'antd';
import { useMemo, useState } from 'react';
import type { AdminPage, ReportColumn, ReportFormat } from '@chengxin/plugin-sdk/admin';
import {
  CursorTable,
  SchemaForm,
  fieldsOf,
  messageOf,
  type FieldModel,
  type JsonSchema,
  type UiHint,
} from '@chengxin/ui';
import { callByPath, useTRPC } from '../api';
import { Forbidden, PageTitle, pickers, yuan } from '../common';
import { useLang } from '../i18n';
import { ADMIN_MODULES } from '../mount';
import { saveBlob } from './Runs';

type Row = Record<string, unknown> & { id?: string };
const STATE_COLORS: Record<string, string> = {
  ok: 'green',
  pending: 'blue',
  late: 'orange',
  breach: 'red',
  not_applicable: 'default',
  unknown: 'default',
};
const STATE_LABELS: Record<string, { zh: string; en: string }> = {
  ok: { zh: '按时', en: 'On time' },
  pending: { zh: '未到期', en: 'Not yet due' },
  late: { zh: '逾期完成', en: 'Done late' },
  breach: { zh: '逾期未完成', en: 'Overdue' },
  not_applicable: { zh: '不适用', en: 'N/A' },
  unknown: { zh: '无法判断（缺少数据）', en: 'Unknown (data missing)' },
  // Promise and commitment progress.
  kept: { zh: '已兑现', en: 'Kept' },
  partly_kept: { zh: '部分兑现', en: 'Partly kept' },
  broken: { zh: '未兑现', en: 'Broken' },
  changed_lawfully: { zh: '依法变更', en: 'Changed lawfully' },
};
const PROGRESS_COLORS: Record<string, string> = {
  kept: 'green',
  partly_kept: 'orange',
  broken: 'red',
  changed_lawfully: 'blue',
};

const get = (row: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), row);

export default function PluginPage({ pluginId, pagePath }: { pluginId: string; pagePath: string }) {
  const trpc = useTRPC();
  const { lang } = useLang();
  const manifests = useQuery(trpc.kernel.plugins.list.queryOptions());
  const manifest = manifests.data?.find((p) => p.id === pluginId);
  const entry = manifest?.nav.find((n) => n.path === pagePath);
  const page = useQuery({
    queryKey: ['plugin-page', pluginId, pagePath],
    queryFn: async () => {
      const admin = await ADMIN_MODULES[pluginId]!();
      return (await admin.pages[pagePath]!()).default;
    },
    enabled: !!entry && pluginId in ADMIN_MODULES,
    staleTime: Infinity,
  });
  if (manifests.error) return <Result status="error" title={messageOf(manifests.error, lang)} />;
  if (!manifests.data) return <Skeleton active />;
  // The manifest lists only the menu entries the caller may open.
  if (!manifest || !entry) return <Forbidden />;
  if (page.error) return <Result status="error" title={messageOf(page.error, lang)} />;
  if (!page.data) return <Skeleton active />;
  return page.data.kind === 'table' ? (
    <TablePage key={pagePath} pluginId={pluginId} page={page.data} forms={manifest.forms} />
  ) : (
    <ReportPage key={pagePath} page={page.data} />
  );
}

type Forms = Record<
  string,
  { title: { zh: string; en: string }; schema: Record<string, unknown>; ui: Record<string, unknown> }
>;

/** A row action's form: the required id field the row supplies (`contractId`) is filled from the row, not asked for. */
function formFields(form: Forms[string], forRow: boolean): { fields: FieldModel[]; idField: string | null } {
  const all = fieldsOf(form.schema as JsonSchema, form.ui as Record<string, UiHint>);
  const idField = forRow
    ? (all.find(
        (f) =>
          f.required &&
          /Id$/.test(f.path) &&
          f.widget !== 'org' &&
          f.widget !== 'person' &&
          !(form.ui as Record<string, UiHint>)[f.path]?.label,
      )?.path ?? null)
    : null;
  return { fields: idField ? all.filter((f) => f.path !== idField) : all, idField };
}

function TablePage({
  pluginId,
  page,
  forms,
}: {
  pluginId: string;
  page: Extract<AdminPage, { kind: 'table' }>;
  forms: Forms;
}) {
  const { l, lang, t } = useLang();
  const { message, modal } = AntApp.useApp();
  const rules = useQuery({ ...useTRPC().kernel.rules.list.queryOptions(), staleTime: Infinity });
  const queryClient = useQueryClient();
  const [reload, setReload] = useState(0);
  /** A likely duplicate (same values in the page's duplicate fields): the user confirms before it is created. */
  const confirmNotDuplicate = async (input: Record<string, unknown>): Promise<boolean> => {
    const check = page.duplicateCheck;
    const q = check ? input[check.search] : undefined;
    if (!check || typeof q !== 'string' || !q.trim()) return true;
    const norm = (v: unknown) =>
      String(v ?? '')
        .trim()
        .toLowerCase();
    const out = await callByPath(page.procedure, 'query', { limit: 50, q: q.trim() });
    const rows = Array.isArray(out) ? (out as Row[]) : (out as { items: Row[] }).items;
    const twin = rows.find((r) => check.fields.every((f) => norm(get(r, f)) === norm(input[f])));
    if (!twin) return true;
    return modal.confirm({
      title: lang === 'zh' ? '可能重复录入' : 'Possible duplicate',
      content:
        lang === 'zh'
          ? `已有${l(check.label)}：“${String(twin[check.search] ?? '')}”。确认不是重复录入后再保存。`
          : `There is already ${l(check.label)}: "${String(twin[check.search] ?? '')}". Save only if it is not a duplicate.`,
      okText: lang === 'zh' ? '仍然保存' : 'Save anyway',
      cancelText: lang === 'zh' ? '返回修改' : 'Go back',
    });
  };
  const [form, setForm] = useState<{ key: string; procedure: string; row: Row | null; title: string } | null>(null);
  const [filters, setFilters] = useState<Record<string, string | boolean>>({});
  const createProcedure = page.createProcedure ?? page.procedure.replace(/\.list$/, '.create');
  const active = form ? forms[form.key] : undefined;
  const model = useMemo(() => (active ? formFields(active, !!form?.row) : null), [active, form]);

  const columns = [
    ...page.columns.map((c) => ({
      title: l(c.label),
      key: c.key,
      render: (_: unknown, row: Row) => {
        const v = get(row, c.key);
        if (v === null || v === undefined) return '—';
        if (c.format === 'money' && typeof v === 'number') return `${yuan(v)} ${lang === 'zh' ? '元' : 'CNY'}`;
        // A list of plugin rule ids (breaches, flags): each as the rule's short Chinese summary, the full one on hover.
        if (Array.isArray(v))
          return v.length ? (
            <Space size={2} wrap>
              {v.map((x) => {
                const rule = rules.data?.pluginRules.find((r) => r.ruleId === x);
                const text = rule
                  ? lang === 'zh'
                    ? rule.summaryZh
                    : rule.summaryEn
                  : (c.labels?.[String(x)]?.[lang] ??
                    STATE_LABELS[String(x)]?.[lang] ??
                    (lang === 'zh' ? '其他' : 'Other'));
                return (
                  <Tooltip key={String(x)} title={text}>
                    <Tag color="orange">{text.length > 14 ? `${text.slice(0, 14)}…` : text}</Tag>
                  </Tooltip>
                );
              })}
            </Space>
          ) : (
            '—'
          );
        if (c.labels) return c.labels[String(v)]?.[lang] ?? (lang === 'zh' ? '其他' : 'Other');
        if (c.format === 'state')
          return (
            <Tag color={STATE_COLORS[String(v)] ?? PROGRESS_COLORS[String(v)] ?? 'default'}>
              {STATE_LABELS[String(v)]?.[lang] ?? (lang === 'zh' ? '其他' : 'Other')}
            </Tag>
          );
        if (typeof v === 'boolean') return v ? (lang === 'zh' ? '是' : 'Yes') : lang === 'zh' ? '否' : 'No';
        return typeof v === 'object' ? '—' : String(v);
      },
    })),
    ...(page.rowActions?.length
      ? [
          {
            title: lang === 'zh' ? '操作' : 'Actions',
            key: '_actions',
            render: (_: unknown, row: Row) => (
              <Space size={4} wrap>
                {page.rowActions!.map((a) => (
                  <Button
                    key={a.form}
                    size="small"
                    onClick={() => setForm({ key: a.form, procedure: a.procedure, row, title: l(a.label) })}
                  >
                    {l(a.label)}
                  </Button>
                ))}
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <div>
      <PageTitle
        extra={
          page.createForm &&
          forms[page.createForm] && (
            <Button
              type="primary"
              onClick={() =>
                setForm({
                  key: page.createForm!,
                  procedure: createProcedure,
                  row: null,
                  title: l(forms[page.createForm!]!.title),
                })
              }
            >
              {l(forms[page.createForm]!.title)}
            </Button>
          )
        }
      >
        {l(page.title)}
      </PageTitle>
      <Card size="small">
        {page.filters?.length ? (
          <Space wrap style={{ marginBottom: 12 }}>
            {page.filters.map((f) => (
              <Space key={f.param} size={4}>
                <label htmlFor={`filter-${f.param}`}>{l(f.label)}</label>
                <Select
                  id={`filter-${f.param}`}
                  allowClear
                  style={{ minWidth: 200 }}
                  placeholder={lang === 'zh' ? '全部' : 'All'}
                  value={
                    f.options.findIndex((o) => o.value === filters[f.param]) >= 0
                      ? f.options.findIndex((o) => o.value === filters[f.param])
                      : undefined
                  }
                  options={f.options.map((o, i) => ({ value: i, label: l(o.label) }))}
                  onChange={(i: number | undefined) => {
                    setFilters(({ [f.param]: _old, ...rest }) =>
                      i === undefined ? rest : { ...rest, [f.param]: f.options[i]!.value },
                    );
                    setReload((x) => x + 1);
                  }}
                />
              </Space>
            ))}
          </Space>
        ) : null}
        <CursorTable<Row>
          lang={lang}
          reload={reload}
          rowKey={(r) => String(r.id ?? JSON.stringify(r))}
          columns={columns}
          fetchPage={async (cursor) => {
            const out = await callByPath(page.procedure, 'query', {
              limit: 20,
              ...filters,
              ...(cursor ? { cursor } : {}),
            });
            return Array.isArray(out)
              ? { items: out as Row[], nextCursor: null }
              : (out as { items: Row[]; nextCursor: string | null });
          }}
        />
      </Card>
      <Drawer open={!!form} onClose={() => setForm(null)} title={form?.title} size="large" destroyOnHidden>
        {form && model && (
          <SchemaForm
            key={`${form.key}${String(form.row?.id ?? '')}`}
            fields={model.fields}
            lang={lang}
            pickers={pickers}
            submitText={t('save')}
            fixed={model.idField && form.row?.id ? { [model.idField]: form.row.id } : {}}
            onSubmit={async (input) => {
              if (!form.row && !(await confirmNotDuplicate(input))) return;
              await callByPath(form.procedure, 'mutate', input);
              void message.success(t('done'));
              setForm(null);
              setReload((x) => x + 1);
              void queryClient.invalidateQueries();
            }}
          />
        )}
        {form && !active && <Alert type="error" showIcon title={`${pluginId}: ${form.key}`} />}
      </Drawer>
    </div>
  );
}

/** A report value as people read it: 元 from fen, dates, percentages, 是/否. */
function formatValue(v: unknown, format: ReportFormat | undefined, lang: 'zh' | 'en'): string {
  if (v === null || v === undefined || v === '') return '—';
  switch (format) {
    case 'money':
      return typeof v === 'number' ? `${yuan(v)} ${lang === 'zh' ? '元' : 'CNY'}` : String(v);
    case 'percent':
      return typeof v === 'number' ? `${Number(v.toFixed(2))}%` : String(v);
    case 'number':
      return typeof v === 'number' ? v.toLocaleString('zh-CN') : String(v);
    case 'yesno':
      return v ? (lang === 'zh' ? '是' : 'Yes') : lang === 'zh' ? '否' : 'No';
    default:
      return typeof v === 'object' ? '—' : String(v);
  }
}

/** A table of the report as CSV with Chinese headings (what people open in a spreadsheet), values as shown. */
function downloadCsv(name: string, columns: ReportColumn[], rows: Row[], lang: 'zh' | 'en') {
  const cell = (x: string) => {
    const safe = /^[=+\-@]/.test(x) ? `'${x}` : x;
    return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
  };
  const lines = [
    columns.map((c) => cell(c.label[lang])).join(','),
    ...rows.map((r) =>
      columns
        .map((c) =>
          // Money as a plain number of 元, so the spreadsheet can add it up.
          cell(
            c.format === 'money'
              ? String((Number(get(r, c.key)) || 0) / 100)
              : formatValue(get(r, c.key), c.format, lang),
          ),
        )
        .join(','),
    ),
  ];
  const blob = new Blob(['\ufeff', lines.join('\r\n'), '\r\n'], { type: 'text/csv;charset=utf-8' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `${name}.csv`;
  a.click();
  URL.revokeObjectURL(a.href);
}

function ReportPage({ page }: { page: Extract<AdminPage, { kind: 'report' }> }) {
  const { l, lang, t } = useLang();
  const [year, setYear] = useState(new Date().getFullYear() - 1);
  const params = Object.fromEntries(page.params.map((p) => [p, p === 'year' ? year : undefined]));
  const report = useQuery({
    queryKey: ['plugin-report', page.procedure, params],
    queryFn: () => callByPath(page.procedure, 'query', params),
  });
  const view = page.view;
  const [fileError, setFileError] = useState<string | null>(null);
  const download = async () => {
    setFileError(null);
    try {
      const f = (await callByPath(page.file!.procedure, 'query', params)) as {
        filename: string;
        contentType: string;
        content: string;
        encoding: 'utf8' | 'base64';
      };
      const body = f.encoding === 'base64' ? Uint8Array.from(atob(f.content), (c) => c.charCodeAt(0)) : f.content;
      saveBlob(new Blob([body], { type: f.contentType }), f.filename);
    } catch (e) {
      setFileError(messageOf(e, lang));
    }
  };
  return (
    <div>
      <PageTitle
        extra={
          <Space>
            {page.params.includes('year') && (
              <>
                <label htmlFor="report-year">{lang === 'zh' ? '年度' : 'Year'}</label>
                <InputNumber id="report-year" value={year} min={2000} max={2100} onChange={(v) => v && setYear(v)} />
              </>
            )}
            {page.file && <Button onClick={() => void download()}>{l(page.file.label)}</Button>}
          </Space>
        }
      >
        {l(page.title)}
      </PageTitle>
      <Card size="small">
        {report.error && <Alert type="error" showIcon title={messageOf(report.error, lang)} />}
        {fileError && <Alert type="error" showIcon role="alert" title={fileError} style={{ marginBottom: 8 }} />}
        {report.isPending ? (
          <Skeleton active />
        ) : !view ? (
          <Alert type="info" showIcon title={lang === 'zh' ? '该报表未定义展示方式' : 'This report has no view'} />
        ) : (
          <>
            {view.facts && (
              <Descriptions
                size="small"
                column={{ xs: 1, md: 2, xl: 4 }}
                style={{ marginBottom: 12 }}
                items={view.facts.map((f) => ({
                  key: f.key,
                  label: l(f.label),
                  children: formatValue(get(report.data, f.key), f.format, lang),
                }))}
              />
            )}
            {view.tables.map((tb) => {
              const rows = ((tb.rows ? get(report.data, tb.rows) : report.data) ?? []) as Row[];
              const totals = tb.totals?.length
                ? Object.fromEntries(
                    tb.totals.map((x) => [
                      x.key,
                      x.sum
                        ? rows.reduce((s, r) => s + (Number(get(r, x.key)) || 0), 0)
                        : get(report.data, x.from ?? x.key),
                    ]),
                  )
                : null;
              return (
                <div key={tb.rows || 'rows'} style={{ marginBottom: 16 }}>
                  <Space style={{ marginBottom: 8, justifyContent: 'space-between', width: '100%' }}>
                    <strong>{tb.title ? l(tb.title) : ''}</strong>
                    {tb.exportName && (
                      <Button
                        size="small"
                        disabled={rows.length === 0}
                        onClick={() => downloadCsv(`${tb.exportName}-${year}`, tb.columns, rows, lang)}
                      >
                        {lang === 'zh' ? '导出（CSV）' : 'Export (CSV)'}
                      </Button>
                    )}
                  </Space>
                  <Table
                    size="small"
                    rowKey={(r) =>
                      String(r.id ?? r['contractId'] ?? r['orgId'] ?? r['buyerOrgId'] ?? JSON.stringify(r))
                    }
                    dataSource={rows}
                    pagination={{ pageSize: 20, hideOnSinglePage: true }}
                    scroll={{ x: 'max-content' }}
                    columns={tb.columns.map((c) => ({
                      title: l(c.label),
                      key: c.key,
                      align: c.format && c.format !== 'text' && c.format !== 'date' ? ('right' as const) : undefined,
                      render: (_: unknown, r: Row) => formatValue(get(r, c.key), c.format, lang),
                    }))}
                    summary={() =>
                      totals && rows.length ? (
                        <Table.Summary.Row>
                          {tb.columns.map((c, i) => (
                            <Table.Summary.Cell key={c.key} index={i} align={c.key in totals ? 'right' : undefined}>
                              {i === 0 ? (
                                <strong>{lang === 'zh' ? '合计' : 'Total'}</strong>
                              ) : c.key in totals ? (
                                <strong>{formatValue(totals[c.key], c.format, lang)}</strong>
                              ) : null}
                            </Table.Summary.Cell>
                          ))}
                        </Table.Summary.Row>
                      ) : null
                    }
                  />
                </div>
              );
            })}
          </>
        )}
        <div style={{ marginTop: 8 }}>
          <Button onClick={() => void report.refetch()}>{t('search')}</Button>
        </div>
      </Card>
    </div>
  );
}
