/**
 * What the console's case lists and logs share (objections, complaints, repairs, rectifications, the audit and query
 * logs): filters kept in the URL (so a dashboard figure or a colleague's link opens the same view), the column sort
 * sent to the server, the common filter bar, and the Excel export of exactly what is filtered (export.ts pages the
 * same procedure, so scope and filters are the server's). The records list and the review queue have their own
 * (RecordFilters.tsx) because their filters are the records'.
 */
import { useQuery } from '@tanstack/react-query';
import { App as AntApp, Button, Checkbox, DatePicker, Input, Segmented, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { useState, type ReactNode } from 'react';
import { CursorTable, messageOf, type CursorPage, type CursorTableProps, type ServerSort } from '@chengxin/ui';
import { RECORD_TYPE_LABELS } from '@chengxin/contract';
import { useTRPC } from './api';
import { OrgPicker } from './common';
import { EXPORT_MAX_ROWS, exportToExcel, type ExportColumn } from './export';
import { useLang } from './i18n';
import { navigate, useLocation } from './router';

export type ListParams = Record<string, string | string[] | undefined>;

/**
 * A list's filters in the URL: `get`/`getAll` read them, `set` changes some (and returns to the first page: the table
 * reloads when the input changes), `sort` is the server's order (`key` or `-key`, only keys the list offers).
 */
export function useListFilters<K extends string>(base: string, sorts: readonly K[]) {
  const { query } = useLocation();
  const get = (k: string) => query.get(k) ?? undefined;
  const getAll = (k: string) => query.getAll(k);
  const set = (next: ListParams) => {
    const p = new URLSearchParams(query);
    for (const [k, v] of Object.entries(next)) {
      p.delete(k);
      if (Array.isArray(v)) for (const x of v) p.append(k, x);
      else if (v) p.set(k, v);
    }
    const qs = p.toString();
    navigate(qs ? `${base}?${qs}` : base, true);
  };
  const clear = () => navigate(base, true);
  const raw = get('sort');
  const sort = raw && sorts.includes(raw.replace(/^-/, '') as K) ? (raw as K | `-${K}`) : undefined;
  const onSort = (s: ServerSort | null) =>
    set({ sort: s && sorts.includes(s.key as K) ? (s.order === 'descend' ? `-${s.key}` : s.key) : undefined });
  /** antd's sortOrder for a column key, so the header shows the URL's order. */
  const sortOrder = (key: string) =>
    sort === key ? ('ascend' as const) : sort === `-${key}` ? ('descend' as const) : null;
  /** A column sorted by the server under `key`. */
  const sortable = (key: string) => ({
    key,
    sorter: true,
    sortOrder: sortOrder(key),
    sortDirections: ['ascend' as const, 'descend' as const],
  });
  const date = (k: string) => {
    const v = get(k);
    return v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined;
  };
  /** The input every case list takes: words, body (and below), day range, states, order. */
  const common = <S extends string>(states: readonly S[]) => {
    const chosen = getAll('state').filter((s): s is S => states.includes(s as S));
    const org = get('org');
    return {
      ...(get('q') ? { q: get('q')! } : {}),
      ...(org ? { orgId: org, subtree: get('subtree') === '1' } : {}),
      ...(date('from') ? { filedFrom: date('from')! } : {}),
      ...(date('to') ? { filedTo: date('to')! } : {}),
      ...(chosen.length ? { states: chosen } : {}),
      ...(sort ? { sort } : {}),
    };
  };
  return { get, getAll, set, clear, sort, onSort, sortable, common, key: query.toString() };
}

export type ListFilters = ReturnType<typeof useListFilters<string>>;

/** The filter bar: words, states, body with its subtree, a day range, the list's own choices, and clear. */
export function ListFilterBar({
  filters,
  placeholder,
  states,
  dateLabel,
  orgLabel,
  children,
}: {
  filters: ListFilters;
  placeholder: string;
  states?: { value: string; label: string }[];
  dateLabel?: [string, string];
  orgLabel?: string;
  children?: ReactNode;
}) {
  const { t, lang } = useLang();
  const zh = lang === 'zh';
  const { get, getAll, set } = filters;
  const from = get('from');
  const to = get('to');
  return (
    <Space wrap style={{ marginBottom: 12 }} className="cx-filters">
      <Input.Search
        key={get('q') ?? ''}
        id="filter-q"
        allowClear
        defaultValue={get('q')}
        placeholder={placeholder}
        aria-label={t('search')}
        onSearch={(v) => set({ q: v.trim() || undefined })}
        style={{ width: 280 }}
      />
      {states && (
        <Select
          id="filter-state"
          mode="multiple"
          allowClear
          placeholder={t('status')}
          aria-label={t('status')}
          style={{ minWidth: 180 }}
          value={getAll('state')}
          onChange={(v: string[]) => set({ state: v })}
          options={states}
        />
      )}
      {children}
      <span style={{ display: 'inline-flex', gap: 6, alignItems: 'center' }}>
        <span style={{ width: 220, display: 'inline-block' }}>
          <OrgPicker
            id="filter-org"
            value={get('org')}
            onChange={(v) => set({ org: v, subtree: v ? get('subtree') : undefined })}
            placeholder={orgLabel ?? (zh ? '所属单位' : 'Body')}
          />
        </span>
        <Checkbox
          id="filter-subtree"
          checked={get('subtree') === '1'}
          disabled={!get('org')}
          onChange={(e) => set({ subtree: e.target.checked ? '1' : undefined })}
        >
          {zh ? '含下级' : 'and below'}
        </Checkbox>
      </span>
      <DatePicker.RangePicker
        id="filter-days"
        aria-label={dateLabel?.[0] ?? (zh ? '日期' : 'Date')}
        placeholder={dateLabel ?? [zh ? '登记日期起' : 'Filed from', zh ? '登记日期止' : 'to']}
        value={from || to ? [from ? dayjs(from) : null, to ? dayjs(to) : null] : null}
        allowEmpty={[true, true]}
        onChange={(r) =>
          set({ from: r?.[0]?.format('YYYY-MM-DD') ?? undefined, to: r?.[1]?.format('YYYY-MM-DD') ?? undefined })
        }
      />
      <Button onClick={filters.clear}>{zh ? '清除条件' : 'Clear'}</Button>
    </Space>
  );
}

/** A single choice kept in the URL under `name` (a type, a channel, a category…). */
export function FilterSelect({
  filters,
  name,
  label,
  options,
  width = 150,
}: {
  filters: ListFilters;
  name: string;
  label: string;
  options: { value: string; label: string }[];
  width?: number;
}) {
  return (
    <Select
      id={`filter-${name}`}
      allowClear
      placeholder={label}
      aria-label={label}
      style={{ width }}
      value={filters.get(name)}
      onChange={(v: string | undefined) => filters.set({ [name]: v })}
      options={options}
    />
  );
}

/** The export button's work: every page of the list under its filters, as an .xlsx with these columns. */
export function useListExport() {
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  const zh = lang === 'zh';
  const run = async <T,>(
    name: string,
    columns: ExportColumn<T>[],
    fetchPage: (cursor: string | undefined) => Promise<CursorPage<T>>,
  ) => {
    setBusy(true);
    try {
      const r = await exportToExcel<T>({
        fileName: `${name}-${new Date().toISOString().slice(0, 10)}.xlsx`,
        sheetName: name,
        columns,
        fetchPage,
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

/** The export button beside a list's pager. */
export function ExportButton({ busy, onClick }: { busy: boolean; onClick: () => void }) {
  const { t } = useLang();
  return (
    <Button loading={busy} onClick={onClick}>
      {t('exportExcel')}
    </Button>
  );
}

/**
 * A list page's table: pages of 20 through `fetchPage`, and beside the pager 导出Excel of every page under the same
 * filters (200 a request) with `exportColumns` — so an export is exactly what the table lists.
 */
export function ListTable<T extends object>({
  fetchPage,
  exportName,
  exportColumns,
  ...table
}: Omit<CursorTableProps<T>, 'fetchPage' | 'extra' | 'lang'> & {
  fetchPage: (limit: number) => (cursor: string | undefined) => Promise<CursorPage<T>>;
  exportName: string;
  exportColumns: ExportColumn<T>[];
}) {
  const { lang } = useLang();
  const exporter = useListExport();
  return (
    <CursorTable<T>
      {...table}
      lang={lang}
      fetchPage={fetchPage(20)}
      extra={
        <ExportButton
          busy={exporter.busy}
          onClick={() => void exporter.run<T>(exportName, exportColumns, fetchPage(200))}
        />
      }
    />
  );
}

/** The record types as choices: the kernel's, then the plugins' (from the rule table). */
export function useRecordTypeOptions() {
  const trpc = useTRPC();
  const { l, lang } = useLang();
  const rules = useQuery({ ...trpc.kernel.rules.list.queryOptions(), staleTime: Infinity });
  return [
    ...Object.entries(RECORD_TYPE_LABELS).map(([value, label]) => ({ value, label: l(label) })),
    ...(rules.data?.recordTypes ?? [])
      .filter((r) => !(r.key in RECORD_TYPE_LABELS))
      .map((r) => ({ value: r.key, label: lang === 'zh' ? r.labelZh : r.labelEn })),
  ];
}

/** Open / closed / all, kept in the URL as `status` (the queue opens on the open cases). */
export function OpenClosedFilter({
  filters,
  closed,
}: {
  filters: ListFilters;
  closed: { value: string; label: string };
}) {
  const { lang } = useLang();
  return (
    <Segmented
      value={filters.get('status') ?? 'open'}
      onChange={(v) => filters.set({ status: String(v) })}
      options={[
        { value: 'open', label: lang === 'zh' ? '未结' : 'Open' },
        closed,
        { value: 'all', label: lang === 'zh' ? '全部' : 'All' },
      ]}
    />
  );
}

/** The `status` input of a queue from the URL: open by default, none for all. */
export function statusOf<S extends string>(filters: ListFilters, closed: S): { status?: 'open' | S } {
  const v = filters.get('status') ?? 'open';
  return v === 'all' ? {} : v === closed ? { status: closed } : { status: 'open' };
}
