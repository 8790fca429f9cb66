/**
 * The records list's search and filters, kept in the URL (`/records?q=…&status=published`) so a dashboard figure can
 * link to the list behind it and the back button returns to the same view; the server applies all of them
 * (kernel.records.list), with the column sort and the total.
 */
import { Button, Checkbox, DatePicker, Input, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import {
  RECORD_STATUS_LABELS,
  RECORD_STATUSES,
  RECORD_TYPE_LABELS,
  SEVERITIES,
  SEVERITY_LABELS,
  type RecordStatus,
  type Severity,
} from '@chengxin/contract';
import type { ServerSort } from '@chengxin/ui';
import { useTRPC } from '../api';
import { OrgPicker } from '../common';
import { useLang } from '../i18n';
import { navigate, useLocation } from '../router';

export interface RecordFilterValues {
  q?: string;
  status?: RecordStatus[];
  typeKey?: string;
  severity?: Severity;
  subjectKind?: 'org' | 'person';
  orgId?: string;
  subtree?: boolean;
  decidedFrom?: string;
  decidedTo?: string;
  source?: 'manual' | 'imported';
  sort?: 'decisionDate' | '-decisionDate' | 'subject' | '-subject' | 'updatedAt' | '-updatedAt';
}

const SORT_KEYS = new Set(['decisionDate', 'subject', 'updatedAt']);
/** The records table's column keys and the list's sort keys they stand for. */
const COLUMN_SORT: Record<string, string> = { date: 'decisionDate', subject: 'subject' };

/** The filters read from the URL; `fixed` ones (a queue's own status) are not the user's to change. */
export function useRecordFilters(base: string, fixed: Partial<RecordFilterValues> = {}) {
  const { query } = useLocation();
  const get = (k: string) => query.get(k) ?? undefined;
  const sort = get('sort');
  const values: RecordFilterValues = {
    q: get('q'),
    status: query.getAll('status').filter((s): s is RecordStatus => RECORD_STATUSES.includes(s as RecordStatus)),
    typeKey: get('type'),
    severity: SEVERITIES.includes(get('severity') as Severity) ? (get('severity') as Severity) : undefined,
    subjectKind: get('kind') === 'org' || get('kind') === 'person' ? (get('kind') as 'org' | 'person') : undefined,
    orgId: get('org'),
    subtree: get('subtree') === '1',
    decidedFrom: get('from'),
    decidedTo: get('to'),
    source: get('source') === 'manual' || get('source') === 'imported' ? (get('source') as 'manual') : undefined,
    sort: sort && SORT_KEYS.has(sort.replace(/^-/, '')) ? (sort as RecordFilterValues['sort']) : undefined,
    ...fixed,
  };
  const set = (next: Partial<RecordFilterValues>) => {
    const v = { ...values, ...next };
    const p = new URLSearchParams();
    if (v.q) p.set('q', v.q);
    if (!fixed.status) for (const s of v.status ?? []) p.append('status', s);
    if (v.typeKey) p.set('type', v.typeKey);
    if (v.severity) p.set('severity', v.severity);
    if (v.subjectKind) p.set('kind', v.subjectKind);
    if (v.orgId) p.set('org', v.orgId);
    if (v.orgId && v.subtree) p.set('subtree', '1');
    if (v.decidedFrom) p.set('from', v.decidedFrom);
    if (v.decidedTo) p.set('to', v.decidedTo);
    if (v.source) p.set('source', v.source);
    if (v.sort) p.set('sort', v.sort);
    const qs = p.toString();
    navigate(qs ? `${base}?${qs}` : base, true);
  };
  /** The input of kernel.records.list for these filters. */
  const input = {
    ...(values.q ? { q: values.q } : {}),
    ...(values.status?.length ? { status: values.status } : {}),
    ...(values.typeKey ? { typeKey: values.typeKey } : {}),
    ...(values.severity ? { severity: values.severity } : {}),
    ...(values.subjectKind ? { subjectKind: values.subjectKind } : {}),
    ...(values.orgId ? { orgId: values.orgId, subtree: !!values.subtree } : {}),
    ...(values.decidedFrom ? { decidedFrom: values.decidedFrom } : {}),
    ...(values.decidedTo ? { decidedTo: values.decidedTo } : {}),
    ...(values.source ? { source: values.source } : {}),
    ...(values.sort ? { sort: values.sort } : {}),
  };
  const onSort = (s: ServerSort | null) => {
    const key = s ? (COLUMN_SORT[s.key] ?? s.key) : null;
    set({
      sort:
        s && key && SORT_KEYS.has(key)
          ? ((s.order === 'descend' ? `-${key}` : key) as RecordFilterValues['sort'])
          : undefined,
    });
  };
  /** antd's sortOrder for a column key, so the header shows the URL's sort. */
  const sortOrder = (key: string) =>
    values.sort === key ? ('ascend' as const) : values.sort === `-${key}` ? ('descend' as const) : null;
  return { values, set, input, onSort, sortOrder };
}

export function RecordFilterBar({
  filters,
  hideStatus,
}: {
  filters: ReturnType<typeof useRecordFilters>;
  hideStatus?: boolean;
}) {
  const trpc = useTRPC();
  const { t, l, lang } = useLang();
  const zh = lang === 'zh';
  const { values, set } = filters;
  const rules = useQuery({ ...trpc.kernel.rules.list.queryOptions(), staleTime: Infinity });
  const types = [
    ...Object.entries(RECORD_TYPE_LABELS).map(([value, label]) => ({ value, label: l(label) })),
    ...(rules.data?.recordTypes ?? [])
      .filter((r) => !(r.key in RECORD_TYPE_LABELS))
      .map((r) => ({ value: r.key, label: zh ? r.labelZh : r.labelEn })),
  ];
  return (
    <Space wrap style={{ marginBottom: 12 }} className="cx-filters">
      <Input.Search
        key={values.q ?? ''}
        id="filter-q"
        allowClear
        defaultValue={values.q}
        placeholder={zh ? '单位、姓名、决定文号或事实' : 'Body, name, decision no. or facts'}
        aria-label={t('search')}
        onSearch={(v) => set({ q: v.trim() || undefined })}
        style={{ width: 260 }}
      />
      {!hideStatus && (
        <Select
          id="filter-status"
          mode="multiple"
          allowClear
          placeholder={t('status')}
          aria-label={t('status')}
          style={{ minWidth: 180 }}
          value={values.status}
          onChange={(v: RecordStatus[]) => set({ status: v })}
          options={RECORD_STATUSES.map((s) => ({ value: s, label: l(RECORD_STATUS_LABELS[s]) }))}
        />
      )}
      <Select
        id="filter-type"
        allowClear
        showSearch
        optionFilterProp="label"
        placeholder={t('recordType')}
        aria-label={t('recordType')}
        style={{ width: 200 }}
        value={values.typeKey}
        onChange={(v: string | undefined) => set({ typeKey: v })}
        options={types}
      />
      <Select
        id="filter-severity"
        allowClear
        placeholder={t('severity')}
        aria-label={t('severity')}
        style={{ width: 120 }}
        value={values.severity}
        onChange={(v: Severity | undefined) => set({ severity: v })}
        options={SEVERITIES.map((s) => ({ value: s, label: l(SEVERITY_LABELS[s]) }))}
      />
      <Select
        id="filter-kind"
        allowClear
        placeholder={zh ? '主体类型' : 'Subject kind'}
        aria-label={zh ? '主体类型' : 'Subject kind'}
        style={{ width: 120 }}
        value={values.subjectKind}
        onChange={(v: 'org' | 'person' | undefined) => set({ subjectKind: v })}
        options={[
          { value: 'org', label: zh ? '单位' : 'Body' },
          { value: 'person', label: zh ? '公务员' : 'Person' },
        ]}
      />
      <span style={{ display: 'inline-flex', gap: 6, alignItems: 'center' }}>
        <span style={{ width: 220, display: 'inline-block' }}>
          <OrgPicker
            id="filter-org"
            value={values.orgId}
            onChange={(v) => set({ orgId: v, subtree: v ? values.subtree : false })}
            placeholder={zh ? '所属单位' : 'Body'}
          />
        </span>
        <Checkbox
          id="filter-subtree"
          checked={!!values.subtree}
          disabled={!values.orgId}
          onChange={(e) => set({ subtree: e.target.checked })}
        >
          {zh ? '含下级' : 'and below'}
        </Checkbox>
      </span>
      <DatePicker.RangePicker
        id="filter-decided"
        aria-label={t('decisionDate')}
        placeholder={[zh ? '决定日期起' : 'Decided from', zh ? '决定日期止' : 'to']}
        value={
          values.decidedFrom || values.decidedTo
            ? [values.decidedFrom ? dayjs(values.decidedFrom) : null, values.decidedTo ? dayjs(values.decidedTo) : null]
            : null
        }
        allowEmpty={[true, true]}
        onChange={(r) =>
          set({
            decidedFrom: r?.[0]?.format('YYYY-MM-DD') ?? undefined,
            decidedTo: r?.[1]?.format('YYYY-MM-DD') ?? undefined,
          })
        }
      />
      <Select
        id="filter-source"
        allowClear
        placeholder={zh ? '来源' : 'Source'}
        aria-label={zh ? '来源' : 'Source'}
        style={{ width: 140 }}
        value={values.source}
        onChange={(v: 'manual' | 'imported' | undefined) => set({ source: v })}
        options={[
          { value: 'manual', label: zh ? '本平台录入' : 'Entered here' },
          { value: 'imported', label: zh ? '外部系统导入' : 'Imported' },
        ]}
      />
      <Button
        onClick={() =>
          set({
            q: undefined,
            status: [],
            typeKey: undefined,
            severity: undefined,
            subjectKind: undefined,
            orgId: undefined,
            subtree: false,
            decidedFrom: undefined,
            decidedTo: undefined,
            source: undefined,
            sort: undefined,
          })
        }
      >
        {zh ? '清除条件' : 'Clear'}
      </Button>
    </Space>
  );
}
