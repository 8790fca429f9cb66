/**
 * 我的消息: the messages the server already sends a user (deadline reminders, outcomes, overdue summaries —
 * kernel.notifications.*), unread first to mark read one by one or all at once; a message about a record or a case
 * opens it.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Badge, Button, Card, Segmented, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { messageOf } from '@chengxin/ui';
import { client, useTRPC } from '../api';
import { PageTitle } from '../common';
import { useLang } from '../i18n';
import { Link } from '../router';

/** Where a message's subject opens in the console. */
const LINKS: Record<string, (id: string) => string> = {
  record: (id) => `/records/${id}`,
  credit_record: (id) => `/records/${id}`,
  objection: (id) => `/objections/${id}`,
  complaint: () => '/queues/complaints',
  repair: () => '/queues/repairs',
  rectification: () => '/queues/rectifications',
};

export default function InboxPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { t, lang } = useLang();
  const { message } = AntApp.useApp();
  const zh = lang === 'zh';
  const [unreadOnly, setUnreadOnly] = useState(true);
  const list = useQuery(trpc.kernel.notifications.list.queryOptions({ unreadOnly, limit: 200 }));
  const mark = async (ids: string[] | 'all') => {
    try {
      await client.kernel.notifications.markRead.mutate({ ids });
      await queryClient.invalidateQueries({ queryKey: trpc.kernel.notifications.pathKey() });
    } catch (e) {
      void message.error(messageOf(e, lang));
    }
  };
  return (
    <div>
      <PageTitle
        extra={
          <Space>
            <Segmented
              value={unreadOnly ? 'unread' : 'all'}
              onChange={(v) => setUnreadOnly(v === 'unread')}
              options={[
                { value: 'unread', label: zh ? '未读' : 'Unread' },
                { value: 'all', label: zh ? '全部' : 'All' },
              ]}
            />
            <Button onClick={() => void mark('all')}>{zh ? '全部标为已读' : 'Mark all read'}</Button>
          </Space>
        }
      >
        {t('inbox')}
      </PageTitle>
      <Card size="small">
        <Table
          size="small"
          rowKey="id"
          loading={list.isPending}
          dataSource={list.data ?? []}
          pagination={{ pageSize: 20, showTotal: (n) => (zh ? `共 ${n} 条` : `${n} in all`) }}
          locale={{ emptyText: zh ? '没有消息' : 'No messages' }}
          columns={[
            {
              title: zh ? '时间' : 'When',
              dataIndex: 'createdAt',
              width: 170,
              render: (v: string) => new Date(v).toLocaleString('zh-CN', { hour12: false }),
            },
            {
              title: zh ? '消息' : 'Message',
              key: 'm',
              render: (_, n) => {
                const to = n.entity && n.entityId ? LINKS[n.entity]?.(n.entityId) : undefined;
                return (
                  <div>
                    <Badge status={n.readAt ? 'default' : 'processing'} />{' '}
                    {to ? <Link to={to}>{n.titleZh}</Link> : <strong>{n.titleZh}</strong>}
                    <Typography.Paragraph type="secondary" style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
                      {n.bodyZh}
                    </Typography.Paragraph>
                  </div>
                );
              },
            },
            {
              title: zh ? '操作' : 'Action',
              key: 'a',
              width: 110,
              render: (_, n) =>
                !n.readAt && (
                  <Button size="small" onClick={() => void mark([n.id])}>
                    {zh ? '标为已读' : 'Mark read'}
                  </Button>
                ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
