/**
 * The audit log (hash-chained, newest first, cursor pages), the query log, and verification of the whole chain. Both
 * logs are searched (actor, object id, action) and filtered (actions and object types by their Chinese labels, days)
 * by the server, with the total and an Excel export of what is filtered; the filters are in the URL.
 */
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Descriptions, Input, Select, Space, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { SimpleList, messageOf } from '@chengxin/ui';
import { client } from '../api';
import { PageTitle } from '../common';
import { ACCESS_LOG_ACTIONS, AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS } from '@chengxin/contract';
import { ListTable, useListFilters, type ListFilters } from '../lists';
import { navigate } from '../router';
import { useLang } from '../i18n';
import { useSession } from '../session';

interface Entry {
  seq: number;
  at: string;
  actorName: string | null;
  action: string;
  entity: string;
  entityId: string;
  hash: string;
  redacted: boolean;
  detail: Record<string, unknown>;
}
interface Access {
  id: number;
  at: string;
  actorName: string;
  action: string;
  subjectKind: string;
  subjectId: string;
}

export default function AuditPage() {
  const { t, lang } = useLang();
  const { can } = useSession();
  const filters = useListFilters('/audit', []);
  const verify = useMutation({ mutationFn: () => client.kernel.audit.verify.mutate() });

  return (
    <div>
      <PageTitle
        extra={
          can('kernel.audit.verify') && (
            <Button type="primary" loading={verify.isPending} onClick={() => verify.mutate()}>
              {t('verifyChain')}
            </Button>
          )
        }
      >
        {t('audit')}
      </PageTitle>
      {verify.error && (
        <Alert type="error" showIcon title={messageOf(verify.error, lang)} style={{ marginBottom: 12 }} />
      )}
      {verify.data && (
        <Card size="small" style={{ marginBottom: 12 }} data-testid="verify-result">
          <Alert
            type={verify.data.ok ? 'success' : 'error'}
            showIcon
            title={
              verify.data.ok
                ? lang === 'zh'
                  ? '审计链完整：每条记录、每个签名检查点均校验通过'
                  : 'The chain is intact: every entry and signed checkpoint verified'
                : lang === 'zh'
                  ? '审计链校验未通过'
                  : 'The chain does not verify'
            }
          />
          <Descriptions
            size="small"
            column={4}
            style={{ marginTop: 8 }}
            items={[
              { key: 'e', label: lang === 'zh' ? '条目' : 'Entries', children: verify.data.entries },
              { key: 'c', label: lang === 'zh' ? '检查点' : 'Checkpoints', children: verify.data.checkpoints },
              { key: 'r', label: lang === 'zh' ? '核对记录' : 'Records checked', children: verify.data.recordsChecked },
              {
                key: 'h',
                label: lang === 'zh' ? '链头' : 'Head',
                children: (
                  <Typography.Text code>
                    {verify.data.headSeq} · {verify.data.headHash.slice(0, 16)}…
                  </Typography.Text>
                ),
              },
            ]}
          />
          {verify.data.problems.length > 0 && (
            <SimpleList
              items={verify.data.problems}
              rowKey={(p, i) => `${p.seq ?? ''}${i}`}
              render={(p) => (
                <span>
                  #{p.seq ?? '—'} {lang === 'zh' ? p.messageZh : p.messageEn}
                </span>
              )}
            />
          )}
        </Card>
      )}
      <Tabs
        destroyOnHidden
        activeKey={filters.get('tab') === 'access' ? 'access' : 'audit'}
        // Each log has its own filters: changing the tab starts from none.
        onChange={(k) => navigate(k === 'access' ? '/audit?tab=access' : '/audit', true)}
        items={[
          {
            key: 'audit',
            label: lang === 'zh' ? '审计日志' : 'Audit log',
            children: <AuditEntries filters={filters} />,
          },
          {
            key: 'access',
            label: lang === 'zh' ? '查询日志' : 'Query log',
            children: <AccessLog filters={filters} />,
          },
        ]}
      />
    </div>
  );
}

const when = (x: string) => new Date(x).toLocaleString('zh-CN', { hour12: false });

/** The filters both logs share: words, actions (Chinese labels), a day range; the input both procedures take. */
function LogFilterBar({
  filters,
  placeholder,
  actions,
  children,
}: {
  filters: ListFilters;
  placeholder: string;
  actions: readonly string[];
  children?: ReactNode;
}) {
  const { t, lang } = useLang();
  const zh = lang === 'zh';
  const from = filters.get('from');
  const to = filters.get('to');
  return (
    <Space wrap style={{ marginBottom: 12 }} className="cx-filters">
      <Input.Search
        key={filters.get('q') ?? ''}
        id="filter-q"
        allowClear
        defaultValue={filters.get('q')}
        placeholder={placeholder}
        aria-label={t('search')}
        onSearch={(v) => filters.set({ q: v.trim() || undefined })}
        style={{ width: 300 }}
      />
      <Select
        id="filter-action"
        mode="multiple"
        allowClear
        showSearch
        optionFilterProp="label"
        placeholder={zh ? '操作' : 'Action'}
        aria-label={zh ? '操作' : 'Action'}
        style={{ minWidth: 220 }}
        value={filters.getAll('action')}
        onChange={(v: string[]) => filters.set({ action: v })}
        options={actions.map((a) => ({ value: a, label: AUDIT_ACTION_LABELS[a]?.[lang] ?? a }))}
      />
      {children}
      <DatePicker.RangePicker
        id="filter-days"
        aria-label={zh ? '日期' : 'Date'}
        placeholder={[zh ? '日期起' : 'From', zh ? '日期止' : 'to']}
        value={from || to ? [from ? dayjs(from) : null, to ? dayjs(to) : null] : null}
        allowEmpty={[true, true]}
        onChange={(r) =>
          filters.set({
            from: r?.[0]?.format('YYYY-MM-DD') ?? undefined,
            to: r?.[1]?.format('YYYY-MM-DD') ?? undefined,
          })
        }
      />
      <Button
        onClick={() =>
          filters.set({ q: undefined, action: [], entity: undefined, kind: undefined, from: undefined, to: undefined })
        }
      >
        {zh ? '清除条件' : 'Clear'}
      </Button>
    </Space>
  );
}

/** The input both log procedures take from the URL's filters. */
function logInput(filters: ListFilters) {
  const day = (k: string) => {
    const v = filters.get(k);
    return v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined;
  };
  const actions = filters.getAll('action');
  return {
    ...(filters.get('q') ? { q: filters.get('q')! } : {}),
    ...(actions.length ? { actions } : {}),
    ...(day('from') ? { from: day('from')! } : {}),
    ...(day('to') ? { to: day('to')! } : {}),
  };
}

function AuditEntries({ filters }: { filters: ListFilters }) {
  const { lang } = useLang();
  const zh = lang === 'zh';
  const entity = filters.get('entity');
  const input = { ...logInput(filters), ...(entity ? { entity } : {}) };
  const fetchPage = (limit: number) => (cursor: string | undefined) =>
    client.kernel.audit.entries.query({ ...input, limit, ...(cursor ? { cursor } : {}) });
  const actor = (e: Entry) => e.actorName ?? (zh ? '系统' : 'system');
  const action = (e: Entry) => AUDIT_ACTION_LABELS[e.action]?.[lang] ?? e.action;
  const entityLabel = (e: Entry) => AUDIT_ENTITY_LABELS[e.entity]?.[lang] ?? e.entity;
  return (
    <Card size="small">
      <LogFilterBar
        filters={filters}
        placeholder={zh ? '操作人、对象编号或操作' : 'Actor, object id or action'}
        actions={Object.keys(AUDIT_ACTION_LABELS)}
      >
        <Select
          id="filter-entity"
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={zh ? '对象类型' : 'Object type'}
          aria-label={zh ? '对象类型' : 'Object type'}
          style={{ width: 180 }}
          value={entity}
          onChange={(v: string | undefined) => filters.set({ entity: v })}
          options={Object.entries(AUDIT_ENTITY_LABELS).map(([value, label]) => ({ value, label: label[lang] }))}
        />
      </LogFilterBar>
      <ListTable<Entry>
        reload={JSON.stringify(input)}
        rowKey={(e) => String(e.seq)}
        fetchPage={fetchPage}
        exportName={zh ? '审计日志' : 'Audit log'}
        exportColumns={[
          { title: zh ? '序号' : 'Seq', value: (e) => e.seq, width: 10 },
          { title: zh ? '时间' : 'When', value: (e) => when(e.at), width: 20 },
          { title: zh ? '操作人' : 'Actor', value: actor, width: 16 },
          { title: zh ? '操作' : 'Action', value: action, width: 22 },
          { title: zh ? '对象类型' : 'Object type', value: entityLabel, width: 16 },
          { title: zh ? '对象编号' : 'Object id', value: (e) => e.entityId, width: 38 },
          {
            title: zh ? '摘要' : 'Detail',
            value: (e) => (e.redacted ? (zh ? '（已脱敏）' : '(redacted)') : JSON.stringify(e.detail)),
            width: 60,
          },
          { title: zh ? '哈希' : 'Hash', value: (e) => e.hash, width: 66 },
        ]}
        columns={[
          { title: '#', dataIndex: 'seq', width: 70 },
          { title: zh ? '时间' : 'When', dataIndex: 'at', render: when },
          { title: zh ? '操作人' : 'Actor', key: 'actor', render: (_, e) => actor(e) },
          {
            title: zh ? '操作' : 'Action',
            dataIndex: 'action',
            render: (v: string) =>
              AUDIT_ACTION_LABELS[v] ? (
                <Tag>{AUDIT_ACTION_LABELS[v][lang]}</Tag>
              ) : (
                <Typography.Text code>{v}</Typography.Text>
              ),
          },
          {
            title: zh ? '对象' : 'Entity',
            key: 'e',
            render: (_, e) => <FullId prefix={entityLabel(e)} id={e.entityId} />,
          },
          {
            title: zh ? '摘要' : 'Detail',
            key: 'd',
            render: (_, e) => (
              <Typography.Text
                type="secondary"
                code
                style={{ fontSize: 12 }}
                ellipsis={{ tooltip: JSON.stringify(e.detail) }}
              >
                {e.redacted ? (zh ? '（已脱敏）' : '(redacted)') : JSON.stringify(e.detail).slice(0, 80)}
              </Typography.Text>
            ),
          },
          {
            title: zh ? '哈希' : 'Hash',
            dataIndex: 'hash',
            render: (h: string) => (
              <Typography.Text code style={{ fontSize: 11 }} copyable={{ text: h }} title={h}>
                {h.slice(0, 12)}
              </Typography.Text>
            ),
          },
        ]}
      />
    </Card>
  );
}

function AccessLog({ filters }: { filters: ListFilters }) {
  const { lang } = useLang();
  const zh = lang === 'zh';
  const kind = filters.get('kind');
  const input = {
    ...logInput(filters),
    ...(kind === 'org' || kind === 'person' ? { subjectKind: kind as 'org' | 'person' } : {}),
  };
  const fetchPage = (limit: number) => (cursor: string | undefined) =>
    client.kernel.audit.accessLog.query({ ...input, limit, ...(cursor ? { cursor } : {}) });
  const kindLabel = (a: Access) => (a.subjectKind === 'person' ? (zh ? '人员' : 'Person') : zh ? '单位' : 'Body');
  const action = (a: Access) => AUDIT_ACTION_LABELS[a.action]?.[lang] ?? a.action;
  return (
    <Card size="small">
      <LogFilterBar
        filters={filters}
        placeholder={zh ? '查询人、对象编号或操作' : 'Who, object id or action'}
        actions={ACCESS_LOG_ACTIONS}
      >
        <Select
          id="filter-kind"
          allowClear
          placeholder={zh ? '对象类型' : 'Object type'}
          aria-label={zh ? '对象类型' : 'Object type'}
          style={{ width: 120 }}
          value={kind}
          onChange={(v: string | undefined) => filters.set({ kind: v })}
          options={[
            { value: 'org', label: zh ? '单位' : 'Body' },
            { value: 'person', label: zh ? '人员' : 'Person' },
          ]}
        />
      </LogFilterBar>
      <ListTable<Access>
        reload={JSON.stringify(input)}
        rowKey={(a) => String(a.id)}
        fetchPage={fetchPage}
        exportName={zh ? '查询日志' : 'Query log'}
        exportColumns={[
          { title: zh ? '时间' : 'When', value: (a) => when(a.at), width: 20 },
          { title: zh ? '查询人' : 'Who', value: (a) => a.actorName, width: 16 },
          { title: zh ? '操作' : 'Action', value: action, width: 22 },
          { title: zh ? '对象类型' : 'Object type', value: kindLabel, width: 10 },
          { title: zh ? '对象编号' : 'Object id', value: (a) => a.subjectId, width: 38 },
        ]}
        columns={[
          { title: zh ? '时间' : 'When', dataIndex: 'at', render: when },
          {
            title: zh ? '查询人（账号）' : 'Who (account)',
            key: 'actor',
            // The account's login name, an identifier like an id: set in the monospace style the ids use.
            render: (_: unknown, a: Access) => <span className="mono">{a.actorName}</span>,
          },
          {
            title: zh ? '操作' : 'Action',
            dataIndex: 'action',
            render: (v: string) => AUDIT_ACTION_LABELS[v]?.[lang] ?? <Typography.Text code>{v}</Typography.Text>,
          },
          {
            title: zh ? '对象' : 'Subject',
            key: 's',
            render: (_, a) => <FullId prefix={kindLabel(a)} id={a.subjectId} />,
          },
        ]}
      />
    </Card>
  );
}

/** A full identifier (never cut short: people compare and search them) with a copy button. */
function FullId({ prefix, id }: { prefix: string; id: string }) {
  return (
    <span>
      {prefix}{' '}
      <Typography.Text className="cx-ellipsis-id" copyable={{ text: id }}>
        {id}
      </Typography.Text>
    </span>
  );
}
