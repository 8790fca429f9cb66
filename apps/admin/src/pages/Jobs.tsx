/**
 * 后台任务 (kernel.jobs.list / retry): the recent jobs of the queue — the daily job, plugin scans, checkpoint signing,
 * the mail outbox, export preparation — with their state, attempts and a failure's error; a failed job has a 重试
 * button (audited). Refreshes itself every few seconds.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import {
  BACKGROUND_JOB_KIND_LABELS,
  BACKGROUND_JOB_KINDS,
  BACKGROUND_JOB_STATE_LABELS,
  BACKGROUND_JOB_STATES,
  type BackgroundJobKind,
  type BackgroundJobState,
} from '@chengxin/contract';
import { messageOf } from '@chengxin/ui';
import { client, useTRPC } from '../api';
import { PageTitle } from '../common';
import { useLang } from '../i18n';

const STATE_COLORS: Record<BackgroundJobState, string> = {
  created: 'default',
  retry: 'orange',
  active: 'blue',
  completed: 'green',
  cancelled: 'default',
  failed: 'red',
};
const time = (d: string | null) => (d ? dayjs(d).format('YYYY-MM-DD HH:mm:ss') : '—');

export default function JobsPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { l, lang, t } = useLang();
  const { message } = AntApp.useApp();
  const zh = lang === 'zh';
  const [kind, setKind] = useState<BackgroundJobKind | undefined>();
  const [state, setState] = useState<BackgroundJobState | undefined>();
  const jobs = useQuery({
    ...trpc.kernel.jobs.list.queryOptions({ limit: 100, ...(kind ? { kind } : {}), ...(state ? { state } : {}) }),
    refetchInterval: 3000,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.kernel.jobs.list.queryKey() });

  return (
    <div>
      <PageTitle>{zh ? '后台任务' : 'Background jobs'}</PageTitle>
      {jobs.data && !jobs.data.enabled && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={zh ? '本服务进程未运行后台任务队列。' : 'No background job queue runs in this server process.'}
        />
      )}
      <Card size="small">
        <Space style={{ marginBottom: 12 }} wrap>
          <Select
            allowClear
            style={{ width: 280 }}
            id="job-kind"
            placeholder={zh ? '任务类型' : 'Kind'}
            aria-label={zh ? '任务类型' : 'Kind'}
            value={kind}
            onChange={setKind}
            options={BACKGROUND_JOB_KINDS.map((k) => ({ value: k, label: l(BACKGROUND_JOB_KIND_LABELS[k]) }))}
          />
          <Select
            allowClear
            style={{ width: 160 }}
            id="job-state"
            placeholder={zh ? '状态' : 'State'}
            aria-label={zh ? '状态' : 'State'}
            value={state}
            onChange={setState}
            options={BACKGROUND_JOB_STATES.map((s) => ({ value: s, label: l(BACKGROUND_JOB_STATE_LABELS[s]) }))}
          />
        </Space>
        <Table
          size="small"
          rowKey="id"
          loading={jobs.isPending}
          dataSource={jobs.data?.items ?? []}
          pagination={{ pageSize: 20, showTotal: (n) => (zh ? `共 ${n} 个` : `${n} in all`) }}
          scroll={{ x: 'max-content' }}
          columns={[
            {
              title: zh ? '任务' : 'Job',
              dataIndex: 'kind',
              render: (k: BackgroundJobKind) => l(BACKGROUND_JOB_KIND_LABELS[k]),
            },
            {
              title: t('status'),
              dataIndex: 'state',
              render: (s: BackgroundJobState) => <Tag color={STATE_COLORS[s]}>{l(BACKGROUND_JOB_STATE_LABELS[s])}</Tag>,
            },
            {
              title: zh ? '尝试次数' : 'Attempts',
              key: 'attempts',
              render: (_, r) => `${r.attempts} / ${r.maxAttempts}`,
            },
            { title: zh ? '创建时间' : 'Created', dataIndex: 'createdAt', render: time },
            { title: zh ? '开始时间' : 'Started', dataIndex: 'startedAt', render: time },
            { title: zh ? '结束时间' : 'Finished', dataIndex: 'completedAt', render: time },
            { title: zh ? '下次运行' : 'Next attempt', dataIndex: 'runAfter', render: time },
            {
              title: zh ? '失败原因' : 'Error',
              dataIndex: 'error',
              render: (e: string | null) =>
                e ? (
                  <Typography.Text type="danger" style={{ maxWidth: 360 }} ellipsis={{ tooltip: e }}>
                    {e}
                  </Typography.Text>
                ) : (
                  '—'
                ),
            },
            {
              title: zh ? '操作' : 'Actions',
              key: 'a',
              render: (_, r) =>
                r.state === 'failed' && (
                  <Button
                    size="small"
                    onClick={async () => {
                      try {
                        await client.kernel.jobs.retry.mutate({ kind: r.kind, id: r.id });
                        void message.success(zh ? '已重新排队' : 'Queued again');
                        void refresh();
                      } catch (e) {
                        void message.error(messageOf(e, lang));
                      }
                    }}
                  >
                    {zh ? '重试' : 'Retry'}
                  </Button>
                ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
