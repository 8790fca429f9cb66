/** The audit log (hash-chained, newest first, cursor pages), the query log, and verification of the whole chain. */
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Input, Space, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { CursorTable, SimpleList, messageOf } from '@chengxin/ui';
import { client } from '../api';
import { PageTitle } from '../common';
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS } from '@chengxin/contract';
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
  const [entity, setEntity] = useState('');
  const verify = useMutation({ mutationFn: () => client.kernel.audit.verify.mutate() });
  const when = (x: string) => new Date(x).toLocaleString('zh-CN', { hour12: false });

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
        items={[
          {
            key: 'audit',
            label: lang === 'zh' ? '审计日志' : 'Audit log',
            children: (
              <Card size="small">
                <Space style={{ marginBottom: 12 }}>
                  <Input.Search
                    allowClear
                    placeholder={lang === 'zh' ? '按对象类型筛选，如 credit_record' : 'Entity, e.g. credit_record'}
                    onSearch={(v) => setEntity(v.trim())}
                    aria-label="entity"
                    style={{ width: 320 }}
                  />
                </Space>
                <CursorTable<Entry>
                  lang={lang}
                  reload={entity}
                  rowKey={(e) => String(e.seq)}
                  fetchPage={(cursor) =>
                    client.kernel.audit.entries.query({
                      limit: 20,
                      ...(entity ? { entity } : {}),
                      ...(cursor ? { cursor } : {}),
                    })
                  }
                  columns={[
                    { title: '#', dataIndex: 'seq', width: 70 },
                    { title: lang === 'zh' ? '时间' : 'When', dataIndex: 'at', render: when },
                    {
                      title: lang === 'zh' ? '操作人' : 'Actor',
                      dataIndex: 'actorName',
                      render: (v: string | null) => v ?? (lang === 'zh' ? '系统' : 'system'),
                    },
                    {
                      title: lang === 'zh' ? '操作' : 'Action',
                      dataIndex: 'action',
                      render: (v: string) =>
                        AUDIT_ACTION_LABELS[v] ? (
                          <Tag>{AUDIT_ACTION_LABELS[v][lang]}</Tag>
                        ) : (
                          <Typography.Text code>{v}</Typography.Text>
                        ),
                    },
                    {
                      title: lang === 'zh' ? '对象' : 'Entity',
                      key: 'e',
                      render: (_, e) => (
                        <FullId prefix={AUDIT_ENTITY_LABELS[e.entity]?.[lang] ?? e.entity} id={e.entityId} />
                      ),
                    },
                    {
                      title: lang === 'zh' ? '摘要' : 'Detail',
                      key: 'd',
                      render: (_, e) => (
                        <Typography.Text
                          type="secondary"
                          code
                          style={{ fontSize: 12 }}
                          ellipsis={{ tooltip: JSON.stringify(e.detail) }}
                        >
                          {e.redacted
                            ? lang === 'zh'
                              ? '（已脱敏）'
                              : '(redacted)'
                            : JSON.stringify(e.detail).slice(0, 80)}
                        </Typography.Text>
                      ),
                    },
                    {
                      title: lang === 'zh' ? '哈希' : 'Hash',
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
            ),
          },
          {
            key: 'access',
            label: lang === 'zh' ? '查询日志' : 'Query log',
            children: (
              <Card size="small">
                <CursorTable<Access>
                  lang={lang}
                  rowKey={(a) => String(a.id)}
                  fetchPage={(cursor) =>
                    client.kernel.audit.accessLog.query({ limit: 20, ...(cursor ? { cursor } : {}) })
                  }
                  columns={[
                    { title: lang === 'zh' ? '时间' : 'When', dataIndex: 'at', render: when },
                    { title: lang === 'zh' ? '查询人' : 'Who', dataIndex: 'actorName' },
                    {
                      title: lang === 'zh' ? '操作' : 'Action',
                      dataIndex: 'action',
                      render: (v: string) =>
                        AUDIT_ACTION_LABELS[v]?.[lang] ?? <Typography.Text code>{v}</Typography.Text>,
                    },
                    {
                      title: lang === 'zh' ? '对象' : 'Subject',
                      key: 's',
                      render: (_, a) => (
                        <FullId
                          prefix={
                            a.subjectKind === 'person'
                              ? lang === 'zh'
                                ? '人员'
                                : 'Person'
                              : lang === 'zh'
                                ? '单位'
                                : 'Body'
                          }
                          id={a.subjectId}
                        />
                      ),
                    },
                  ]}
                />
              </Card>
            ),
          },
        ]}
      />
    </div>
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
