/**
 * 双公示报送: the batches for the credit platform (kernel.exchange.export.*) per channel — take the next batch (an
 * unacknowledged one is served again unchanged), download any batch again by its number, and acknowledge one the
 * platform has received with its SHA-256 (the checksum of what was downloaded, filled in here).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Alert, Button, Card, Popconfirm, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { messageOf } from '@chengxin/ui';
import { client, useTRPC } from '../api';
import { PageTitle } from '../common';
import { useLang } from '../i18n';

type Channel = 'public' | 'government';

function save(name: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([type.startsWith('text/csv') ? '\ufeff' : '', text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export default function PlatformPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { t, lang } = useLang();
  const { message } = AntApp.useApp();
  const zh = lang === 'zh';
  const [channel, setChannel] = useState<Channel>('public');
  const [busy, setBusy] = useState(false);
  const batches = useQuery(trpc.kernel.exchange.export.batches.queryOptions({ channel }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.kernel.exchange.export.pathKey() });
  const act = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await fn();
      await refresh();
    } catch (e) {
      void message.error(messageOf(e, lang));
    } finally {
      setBusy(false);
    }
  };
  const download = (batchNo: number, format: 'json' | 'csv') =>
    act(async () => {
      const b = await client.kernel.exchange.export.get.query({ channel, batchNo, format });
      save(
        `${channel}-${batchNo}.${format}`,
        b.payload,
        format === 'csv' ? 'text/csv;charset=utf-8' : 'application/json',
      );
    });
  return (
    <div>
      <PageTitle
        extra={
          <Space wrap>
            <Segmented
              value={channel}
              onChange={(v) => setChannel(v as Channel)}
              options={[
                { value: 'public', label: zh ? '向社会公示' : 'Public' },
                { value: 'government', label: zh ? '政务共享' : 'Government' },
              ]}
            />
            <Button
              type="primary"
              loading={busy}
              onClick={() =>
                void act(async () => {
                  const b = await client.kernel.exchange.export.next.mutate({ channel, format: 'json', limit: 1000 });
                  if (!b) return void message.info(zh ? '没有待报送的数据' : 'Nothing to send');
                  save(`${channel}-${b.batch.batchNo}.json`, b.payload, 'application/json');
                  void message.success(
                    zh
                      ? `第 ${b.batch.batchNo} 批，${b.batch.itemCount} 条`
                      : `Batch ${b.batch.batchNo}: ${b.batch.itemCount}`,
                  );
                })
              }
            >
              {zh ? '取下一批' : 'Next batch'}
            </Button>
          </Space>
        }
      >
        {t('platform')}
      </PageTitle>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title={
          zh
            ? '未确认的批次再次取数时原样重发；平台接收后请“确认接收”，确认后下一批从其后开始。'
            : 'An unacknowledged batch is served again unchanged; acknowledge it once the platform has it.'
        }
      />
      <Card size="small">
        <Table
          size="small"
          rowKey="batchNo"
          loading={batches.isPending}
          dataSource={batches.data ?? []}
          pagination={{ pageSize: 20, showTotal: (n) => (zh ? `共 ${n} 批` : `${n} batches`) }}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: zh ? '批次号' : 'Batch', dataIndex: 'batchNo' },
            { title: zh ? '条数' : 'Items', dataIndex: 'itemCount' },
            {
              title: zh ? '序号范围' : 'Sequence',
              key: 'seq',
              render: (_, b) => `${b.fromSeq}–${b.toSeq}`,
            },
            {
              title: zh ? '生成时间' : 'Created',
              dataIndex: 'createdAt',
              render: (v: string) => new Date(v).toLocaleString('zh-CN', { hour12: false }),
            },
            { title: zh ? '取数次数' : 'Served', dataIndex: 'servedCount' },
            {
              title: 'SHA-256（JSON）',
              dataIndex: 'sha256Json',
              render: (v: string) => (
                <Typography.Text code copyable={{ text: v }} style={{ fontSize: 11 }}>
                  {v.slice(0, 16)}…
                </Typography.Text>
              ),
            },
            {
              title: t('status'),
              dataIndex: 'acknowledged',
              render: (v: boolean) =>
                v ? (
                  <Tag color="green">{zh ? '已确认接收' : 'Acknowledged'}</Tag>
                ) : (
                  <Tag color="orange">{zh ? '待确认' : 'Pending'}</Tag>
                ),
            },
            {
              title: zh ? '操作' : 'Actions',
              key: 'a',
              render: (_, b) => (
                <Space size={4}>
                  <Button size="small" onClick={() => void download(b.batchNo, 'json')}>
                    JSON
                  </Button>
                  <Button size="small" onClick={() => void download(b.batchNo, 'csv')}>
                    CSV
                  </Button>
                  {!b.acknowledged && (
                    <Popconfirm
                      title={zh ? `确认平台已接收第 ${b.batchNo} 批？` : `Acknowledge batch ${b.batchNo}?`}
                      description={zh ? '确认后不再重发该批次。' : 'It will not be served again.'}
                      okText={zh ? '确认接收' : 'Acknowledge'}
                      cancelText={t('cancel')}
                      onConfirm={() =>
                        act(() =>
                          client.kernel.exchange.export.ack.mutate({
                            channel,
                            batchNo: b.batchNo,
                            sha256: b.sha256Json,
                          }),
                        )
                      }
                    >
                      <Button size="small" type="primary">
                        {zh ? '确认接收' : 'Acknowledge'}
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
