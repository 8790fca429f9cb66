/** Small pieces every page uses: state and severity tags, deadlines (red when overdue), body and person pickers. */
import { useQuery } from '@tanstack/react-query';
import { Button, Result, Select, Tag, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import {
  RECORD_STATUS_LABELS,
  RECORD_TYPE_LABELS,
  SANCTION_LABELS,
  SEVERITY_LABELS,
  type RecordStatus,
  type Severity,
} from '@chengxin/contract';
import type { PickerProps } from '@chengxin/ui';
import { client, useTRPC } from './api';
import { useLang } from './i18n';
import { navigate } from './router';

const STATUS_COLORS: Record<RecordStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  approved: 'cyan',
  published: 'red',
  expired: 'default',
  repaired: 'green',
  revoked: 'default',
  archived: 'default',
  withdrawn: 'default',
};

export function StatusTag({ status }: { status: string }) {
  const { l } = useLang();
  const label = RECORD_STATUS_LABELS[status as RecordStatus];
  return <Tag color={STATUS_COLORS[status as RecordStatus] ?? 'default'}>{label ? l(label) : status}</Tag>;
}

export function SeverityTag({ severity }: { severity: string }) {
  const { l } = useLang();
  const color = severity === 'serious' ? 'red' : severity === 'ordinary' ? 'orange' : 'gold';
  return <Tag color={color}>{l(SEVERITY_LABELS[severity as Severity]) || severity}</Tag>;
}

export const sanctionLabel = (s: string | null, lang: 'zh' | 'en') =>
  s ? (SANCTION_LABELS[s as keyof typeof SANCTION_LABELS]?.[lang] ?? s) : '';

/** Record type labels: kernel types from the kernel's table, plugin types from the rule list the server sends. */
export function useTypeLabel(): (key: string) => string {
  const trpc = useTRPC();
  const { lang } = useLang();
  const rules = useQuery({ ...trpc.kernel.rules.list.queryOptions(), staleTime: Infinity });
  return (key: string) => {
    const own = RECORD_TYPE_LABELS[key as keyof typeof RECORD_TYPE_LABELS];
    if (own) return own[lang];
    const t = rules.data?.recordTypes.find((r) => r.key === key);
    return t ? (lang === 'zh' ? t.labelZh : t.labelEn) : key;
  };
}

/** A deadline, red with the number of working days late when overdue. */
export function Deadline({ due, overdue, late }: { due: string | null; overdue: boolean; late?: number }) {
  const { lang, t } = useLang();
  if (!due) return <span>—</span>;
  if (!overdue) return <span>{due}</span>;
  return (
    // The date and the lateness on lines of their own when the column is narrow: never running into the next column.
    <span className="cx-overdue" data-overdue="true" style={{ display: 'inline-block', minWidth: 96 }}>
      <span style={{ whiteSpace: 'nowrap' }}>{due}</span>{' '}
      <span style={{ whiteSpace: 'nowrap' }}>
        · {t('overdue')}
        {late ? (lang === 'zh' ? ` ${late} 个工作日` : ` ${late} wd`) : ''}
      </span>
    </span>
  );
}

export function PageTitle({ children, extra }: { children: ReactNode; extra?: ReactNode }) {
  return (
    <div
      style={{
        display: 'flex',
        justifyContent: 'space-between',
        alignItems: 'center',
        marginBottom: 12,
        gap: 12,
        flexWrap: 'wrap',
      }}
    >
      <Typography.Title level={4} className="cx-page-title" style={{ margin: 0 }}>
        {children}
      </Typography.Title>
      {extra}
    </div>
  );
}

/** A body's name by its id (grant tags, token scopes); the id only while it loads. */
export function OrgName({ id }: { id: string }) {
  const trpc = useTRPC();
  const org = useQuery({ ...trpc.kernel.orgs.get.queryOptions({ id }), staleTime: 300_000 });
  return <>{org.data?.name ?? '…'}</>;
}

/** Search bodies by name or credit code (server-side, in scope). */
export function OrgPicker({ value, onChange, id, placeholder }: PickerProps & { placeholder?: string }) {
  const { lang } = useLang();
  const [q, setQ] = useState('');
  const [labels, setLabels] = useState<Record<string, string>>({});
  const found = useQuery({
    queryKey: ['org-picker', q],
    queryFn: () => client.kernel.orgs.search.query({ q, limit: 20 }),
    enabled: q.trim().length > 0,
  });
  const options = (found.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }));
  // A value set from outside (a link from an integrity file, a saved filter) shows the body's name, not its id.
  const given = useQuery({
    queryKey: ['org-picker-name', value],
    queryFn: () => client.kernel.orgs.get.query({ id: value! }),
    enabled: !!value && !labels[value] && !options.some((o) => o.value === value),
    staleTime: 300_000,
  });
  if (value && !options.some((o) => o.value === value))
    options.unshift({ value, label: labels[value] ?? given.data?.name ?? '…' });
  return (
    <Select
      id={id}
      showSearch
      allowClear
      value={value}
      aria-label={placeholder ?? (lang === 'zh' ? '输入单位名称查找' : 'Type a body name')}
      placeholder={placeholder ?? (lang === 'zh' ? '输入单位名称查找' : 'Type a body name')}
      filterOption={false}
      onSearch={setQ}
      loading={found.isFetching}
      options={options}
      style={{ width: '100%' }}
      notFoundContent={q ? undefined : null}
      onChange={(v: string | undefined) => {
        const picked = options.find((o) => o.value === v);
        if (picked && v) setLabels((m) => ({ ...m, [v]: picked.label }));
        onChange(v);
      }}
    />
  );
}

/** Search civil servants by name (ID numbers stay masked). */
export function PersonPicker({ value, onChange, id }: PickerProps) {
  const { lang } = useLang();
  const [q, setQ] = useState('');
  const [labels, setLabels] = useState<Record<string, string>>({});
  const found = useQuery({
    queryKey: ['person-picker', q],
    queryFn: () => client.kernel.persons.search.query({ q, limit: 20 }),
    enabled: q.trim().length > 0,
  });
  const options = (found.data?.items ?? []).map((p) => ({
    value: p.id,
    label: `${p.name}（${p.orgName ?? ''} ${p.postTitle ?? ''}）`,
  }));
  const given = useQuery({
    queryKey: ['person-picker-name', value],
    queryFn: () => client.kernel.persons.get.query({ id: value! }),
    enabled: !!value && !labels[value] && !options.some((o) => o.value === value),
    staleTime: 300_000,
  });
  if (value && !options.some((o) => o.value === value))
    options.unshift({ value, label: labels[value] ?? given.data?.name ?? '…' });
  return (
    <Select
      id={id}
      showSearch
      allowClear
      value={value}
      placeholder={lang === 'zh' ? '输入姓名查找' : 'Type a name'}
      filterOption={false}
      onSearch={setQ}
      loading={found.isFetching}
      options={options}
      style={{ width: '100%' }}
      onChange={(v: string | undefined) => {
        const picked = options.find((o) => o.value === v);
        if (picked && v) setLabels((m) => ({ ...m, [v]: picked.label }));
        onChange(v);
      }}
    />
  );
}

export const pickers = {
  org: (p: PickerProps) => <OrgPicker {...p} />,
  person: (p: PickerProps) => <PersonPicker {...p} />,
};

/** 分 → 元 with two decimals. */
export const yuan = (fen: number) =>
  (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function Forbidden() {
  const { t } = useLang();
  return (
    <Result
      status="403"
      title={t('forbidden')}
      subTitle={t('forbiddenText')}
      extra={<Button onClick={() => navigate('/')}>{t('home')}</Button>}
    />
  );
}
