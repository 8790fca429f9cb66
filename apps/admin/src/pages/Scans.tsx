/**
 * 规则扫描: each plugin's rules run for the caller's own subtree (kernel.plugins.scanSubtree) — the same scan the
 * server's daily job runs for the city, here only for the bodies and persons in scope. A scan never records anything
 * by itself: what it found becomes draft records, listed here with links, for an officer to check and submit.
 */
import { useQuery } from '@tanstack/react-query';
import { App as AntApp, Alert, Button, Card, Col, Popconfirm, Row, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { z } from 'zod';
import type { pluginsScanSubtreeOutput } from '@chengxin/contract';
import { messageOf } from '@chengxin/ui';
import { client, useTRPC } from '../api';
import { PageTitle, SeverityTag, StatusTag, useTypeLabel } from '../common';
import { useLang } from '../i18n';
import { Link } from '../router';
import { useSession } from '../session';

type ScanResult = z.output<typeof pluginsScanSubtreeOutput>;

export default function ScansPage() {
  const trpc = useTRPC();
  const { t, l, lang } = useLang();
  const zh = lang === 'zh';
  const { me } = useSession();
  const { message } = AntApp.useApp();
  const typeLabel = useTypeLabel();
  const plugins = useQuery(trpc.kernel.plugins.list.queryOptions());
  const [running, setRunning] = useState<string | null>(null);
  const [results, setResults] = useState<Record<string, ScanResult>>({});
  const cityWide = me?.grants.some((g) => g.scopeOrgId === null);
  const withRules = (plugins.data ?? []).filter((p) => p.rules.length > 0);

  const run = async (pluginId: string) => {
    setRunning(pluginId);
    try {
      const r = await client.kernel.plugins.scanSubtree.mutate({ pluginId });
      setResults((m) => ({ ...m, [pluginId]: r }));
      void message.success(
        zh
          ? `扫描完成：新生成草稿 ${r.draftsCreated} 条，此前已提出 ${r.alreadyProposed} 条`
          : `Scan done: ${r.draftsCreated} new drafts, ${r.alreadyProposed} proposed before`,
      );
    } catch (e) {
      void message.error(messageOf(e, lang));
    } finally {
      setRunning(null);
    }
  };

  return (
    <div>
      <PageTitle>{zh ? '规则扫描' : 'Rule scans'}</PageTitle>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title={
          zh
            ? `系统每天对全市自动扫描一次；这里可随时对${cityWide ? '全市' : '本辖区'}运行一次。扫描只生成草稿记录，须由录入员核实、补全决定书文号后提交审核。`
            : `The server scans the whole city every day; here you can scan ${cityWide ? 'the city' : 'your subtree'} now. A scan only proposes drafts, which an officer checks and submits.`
        }
      />
      <Row gutter={[12, 12]}>
        {withRules.map((p) => {
          const r = results[p.id];
          return (
            <Col span={24} key={p.id}>
              <Card
                size="small"
                title={l(p.label)}
                data-testid={`scan-${p.id}`}
                extra={
                  <Popconfirm
                    title={
                      zh
                        ? `对${cityWide ? '全市' : '本辖区'}运行“${l(p.label)}”的规则扫描？`
                        : `Run the ${l(p.label)} scan?`
                    }
                    description={zh ? '发现的问题只生成草稿，不会直接提交或公示。' : 'Findings become drafts only.'}
                    okText={zh ? '运行' : 'Run'}
                    cancelText={t('cancel')}
                    onConfirm={() => run(p.id)}
                  >
                    <Button type="primary" loading={running === p.id} disabled={!!running && running !== p.id}>
                      {zh ? '运行扫描' : 'Run scan'}
                    </Button>
                  </Popconfirm>
                }
              >
                <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                  {zh ? '规则：' : 'Rules: '}
                  {p.rules.map((x) => (zh ? x.summaryZh : x.summaryEn)).join('；')}
                </Typography.Paragraph>
                {r && (
                  <>
                    <Space style={{ marginBottom: 8 }} wrap>
                      <Tag color="blue">{zh ? `扫描日 ${r.day}` : `Day ${r.day}`}</Tag>
                      <Tag color="green">
                        {zh ? `新生成草稿 ${r.draftsCreated} 条` : `${r.draftsCreated} new drafts`}
                      </Tag>
                      <Tag>{zh ? `此前已提出 ${r.alreadyProposed} 条` : `${r.alreadyProposed} proposed before`}</Tag>
                    </Space>
                    <Table
                      size="small"
                      rowKey="recordId"
                      dataSource={r.drafts}
                      pagination={{ pageSize: 10 }}
                      scroll={{ x: 'max-content' }}
                      locale={{ emptyText: zh ? '本辖区未发现问题' : 'Nothing found in your scope' }}
                      columns={[
                        {
                          title: zh ? '主体' : 'Subject',
                          key: 's',
                          render: (_, d) => <Link to={`/files/${d.subjectKind}/${d.subjectId}`}>{d.subjectName}</Link>,
                        },
                        { title: zh ? '类型' : 'Type', dataIndex: 'typeKey', render: (v: string) => typeLabel(v) },
                        {
                          title: zh ? '严重程度' : 'Severity',
                          dataIndex: 'severity',
                          render: (v: string) => <SeverityTag severity={v} />,
                        },
                        { title: zh ? '日期' : 'Date', dataIndex: 'decisionDate' },
                        {
                          title: zh ? '事实' : 'Facts',
                          dataIndex: 'facts',
                          render: (v: string) => (
                            <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0, maxWidth: 420 }}>
                              {v}
                            </Typography.Paragraph>
                          ),
                        },
                        { title: t('status'), dataIndex: 'status', render: (v: string) => <StatusTag status={v} /> },
                        {
                          title: zh ? '本次' : 'This run',
                          dataIndex: 'created',
                          render: (v: boolean) =>
                            v ? (
                              <Tag color="green">{zh ? '新生成' : 'New'}</Tag>
                            ) : (
                              <Tag>{zh ? '此前已提出' : 'Earlier'}</Tag>
                            ),
                        },
                        {
                          title: zh ? '操作' : 'Actions',
                          key: 'a',
                          render: (_, d) => (
                            <Link to={`/records/${d.recordId}`}>{zh ? '打开记录' : 'Open record'}</Link>
                          ),
                        },
                      ]}
                    />
                  </>
                )}
              </Card>
            </Col>
          );
        })}
      </Row>
    </div>
  );
}
