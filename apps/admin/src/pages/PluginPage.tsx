/**
 * A plugin's page, drawn from its declarative descriptor (imported lazily with the plugin's admin module): a table
 * over its list procedure with a create form and row actions, or a report with parameters. Forms come from the
 * manifest as JSON Schema and go through the one generic renderer.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Alert, Button, Card, Drawer, InputNumber, Result, Skeleton, Space, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import type { AdminPage } from '@chengxin/plugin-sdk/admin';
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
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [reload, setReload] = useState(0);
  const [form, setForm] = useState<{ key: string; procedure: string; row: Row | null; title: string } | null>(null);
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
        if (c.format === 'state')
          return <Tag color={STATE_COLORS[String(v)] ?? 'default'}>{STATE_LABELS[String(v)]?.[lang] ?? String(v)}</Tag>;
        return typeof v === 'object' ? JSON.stringify(v) : String(v);
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
        <CursorTable<Row>
          lang={lang}
          reload={reload}
          rowKey={(r) => String(r.id ?? JSON.stringify(r))}
          columns={columns}
          fetchPage={async (cursor) => {
            const out = await callByPath(page.procedure, 'query', { limit: 20, ...(cursor ? { cursor } : {}) });
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

function ReportPage({ page }: { page: Extract<AdminPage, { kind: 'report' }> }) {
  const { l, lang, t } = useLang();
  const [year, setYear] = useState(new Date().getFullYear() - 1);
  const params = Object.fromEntries(page.params.map((p) => [p, p === 'year' ? year : undefined]));
  const report = useQuery({
    queryKey: ['plugin-report', page.procedure, params],
    queryFn: () => callByPath(page.procedure, 'query', params),
  });
  const rows: Row[] = Array.isArray(report.data)
    ? (report.data as Row[])
    : report.data && typeof report.data === 'object' && Array.isArray((report.data as { items?: unknown }).items)
      ? (report.data as { items: Row[] }).items
      : [];
  const keys = rows[0]
    ? Object.keys(rows[0])
        .filter((k) => typeof rows[0]![k] !== 'object' || rows[0]![k] === null)
        .slice(0, 10)
    : [];
  return (
    <div>
      <PageTitle
        extra={
          page.params.includes('year') && (
            <Space>
              <span>{lang === 'zh' ? '年度' : 'Year'}</span>
              <InputNumber aria-label="year" value={year} min={2000} max={2100} onChange={(v) => v && setYear(v)} />
            </Space>
          )
        }
      >
        {l(page.title)}
      </PageTitle>
      <Card size="small">
        {report.error && <Alert type="error" showIcon title={messageOf(report.error, lang)} />}
        {report.isPending ? (
          <Skeleton active />
        ) : rows.length || Array.isArray(report.data) ? (
          <Table
            size="small"
            rowKey={(r) => String(r.id ?? r['orgId'] ?? JSON.stringify(r))}
            dataSource={rows}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            scroll={{ x: 'max-content' }}
            columns={keys.map((k) => ({
              title: k,
              dataIndex: k,
              render: (v: unknown) => (v === null || v === undefined ? '—' : String(v)),
            }))}
          />
        ) : (
          <pre style={{ whiteSpace: 'pre-wrap', fontSize: 12 }}>{JSON.stringify(report.data, null, 2)}</pre>
        )}
        <div style={{ marginTop: 8 }}>
          <Button onClick={() => void report.refetch()}>{t('search')}</Button>
        </div>
      </Card>
    </div>
  );
}
