/**
 * 公开通报批评: the list (notices to withdraw first), drafting by the level above on the body's published records, and
 * the notice page with its steps — submit, a second person's review (approve or return with a note), publish (on the
 * portal and the body's integrity page, rectification opened), withdraw with a reason.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Drawer, Form, Input, Modal, Select, Space, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { NOTICE_STATUS_LABELS, type NoticeStatus } from '@chengxin/contract';
import { messageOf } from '@chengxin/ui';
import { useTRPC } from '../api';
import { OrgPicker, PageTitle } from '../common';
import { useLang } from '../i18n';
import { Link } from '../router';
import { can, useSession } from '../session';

const STATUS_COLOR: Record<NoticeStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  approved: 'cyan',
  published: 'red',
  withdrawn: 'default',
};

export default function NoticesPage() {
  const trpc = useTRPC();
  const { lang } = useLang();
  const { me } = useSession();
  const [flaggedOnly, setFlaggedOnly] = useState(false);
  const [status, setStatus] = useState<NoticeStatus | undefined>();
  const [drafting, setDrafting] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const list = useQuery(trpc.kernel.notices.list.queryOptions({ flaggedOnly, status, limit: 200 }));
  return (
    <div>
      <PageTitle
        extra={
          can(me, 'kernel.notices.draft') && (
            <Button type="primary" onClick={() => setDrafting(true)} data-testid="notice-new">
              起草通报
            </Button>
          )
        }
      >
        公开通报批评
      </PageTitle>
      <Card size="small">
        <Space style={{ marginBottom: 12 }} wrap>
          <Select
            allowClear
            placeholder="全部状态"
            style={{ width: 160 }}
            value={status}
            onChange={(v: NoticeStatus | undefined) => setStatus(v)}
            options={Object.entries(NOTICE_STATUS_LABELS).map(([value, label]) => ({ value, label }))}
          />
          <label>
            <Switch size="small" checked={flaggedOnly} onChange={setFlaggedOnly} /> 只看须撤回的
          </label>
        </Space>
        {list.error && <Alert type="error" showIcon title={messageOf(list.error, lang)} />}
        <Table
          size="small"
          rowKey="id"
          loading={list.isPending}
          dataSource={list.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            {
              title: '标题',
              dataIndex: 'title',
              render: (v: string, n) => (
                <a onClick={() => setOpen(n.id)} data-testid="notice-open">
                  {v}
                </a>
              ),
            },
            { title: '被通报单位', dataIndex: 'targetName' },
            { title: '作出单位', dataIndex: 'issuerName' },
            {
              title: '状态',
              key: 'status',
              render: (_, n) => (
                <Space size={4} wrap>
                  <Tag color={STATUS_COLOR[n.status]}>{n.statusZh}</Tag>
                  {n.flagZh && <Tag color="error">{n.flagZh}</Tag>}
                  {n.status === 'published' && !n.flagZh && !n.onPortal && <Tag>内部通报（不在门户公开）</Tag>}
                </Space>
              ),
            },
            { title: '整改期限', dataIndex: 'rectificationDue' },
            { title: '发布日期', dataIndex: 'publishedOn', render: (v: string | null) => v ?? '—' },
          ]}
        />
      </Card>
      {drafting && (
        <DraftNotice onClose={() => setDrafting(false)} onDone={(id) => (setDrafting(false), setOpen(id))} />
      )}
      {open && <NoticeDrawer id={open} onClose={() => setOpen(null)} />}
    </div>
  );
}

interface DraftValues {
  issuerOrgId: string;
  targetOrgId: string;
  title: string;
  documentNo?: string;
  recordIds: string[];
  facts: string;
  rectificationDemand: string;
  rectificationDue: string;
}

function DraftNotice({ onClose, onDone }: { onClose: () => void; onDone: (id: string) => void }) {
  const trpc = useTRPC();
  const { lang } = useLang();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<DraftValues>();
  const target = Form.useWatch('targetOrgId', form);
  const records = useQuery({
    ...trpc.kernel.records.list.queryOptions({
      orgId: target ?? '00000000-0000-0000-0000-000000000000',
      subjectKind: 'org',
      status: ['published'],
      limit: 100,
    }),
    enabled: Boolean(target),
  });
  const draft = useMutation(
    trpc.kernel.notices.draft.mutationOptions({
      onSuccess: (n) => {
        void queryClient.invalidateQueries({ queryKey: trpc.kernel.notices.list.queryKey() });
        onDone(n.id);
      },
    }),
  );
  const fieldError = (name: string) =>
    draft.error && (draft.error.data as { field?: string } | undefined)?.field?.startsWith(name)
      ? messageOf(draft.error, lang)
      : undefined;
  return (
    <Modal
      open
      width={720}
      title="起草公开通报批评"
      okText="保存草稿"
      cancelText="取消"
      confirmLoading={draft.isPending}
      onCancel={onClose}
      onOk={() => void form.validateFields().then((v) => draft.mutate(v))}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title="通报由被通报单位的上级政府（或其直属信用主管部门）作出，依据该单位正在公示的失信记录（《天津市人民政府关于加强政务诚信建设的实施意见》二.4）。"
      />
      {draft.error && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={messageOf(draft.error, lang)} />}
      <Form form={form} layout="vertical" data-testid="notice-form">
        <Form.Item name="targetOrgId" label="被通报单位" rules={[{ required: true, message: '请选择被通报单位' }]}>
          <OrgPicker id="targetOrgId" value={undefined} onChange={() => undefined} placeholder="输入单位名称查找" />
        </Form.Item>
        <Form.Item
          name="issuerOrgId"
          label="作出通报的单位"
          rules={[{ required: true, message: '请选择作出单位' }]}
          validateStatus={fieldError('issuerOrgId') ? 'error' : undefined}
          help={fieldError('issuerOrgId')}
        >
          <OrgPicker
            id="issuerOrgId"
            value={undefined}
            onChange={() => undefined}
            placeholder="上级政府或其信用主管部门"
          />
        </Form.Item>
        <Form.Item
          name="recordIds"
          label="依据的失信记录（正在公示）"
          rules={[{ required: true, message: '至少选择一条失信记录' }]}
          validateStatus={fieldError('recordIds') ? 'error' : undefined}
          help={fieldError('recordIds')}
        >
          <Select
            mode="multiple"
            loading={records.isFetching}
            placeholder={target ? '选择记录' : '请先选择被通报单位'}
            options={(records.data?.items ?? [])
              .filter((r) => r.polarity === 'dishonesty')
              .map((r) => ({ value: r.id, label: `${r.current.decisionNo}（${r.current.decisionDate}）` }))}
          />
        </Form.Item>
        <Form.Item name="title" label="标题" rules={[{ required: true, message: '请填写标题' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="documentNo" label="文号">
          <Input maxLength={100} placeholder="如：河西政通〔2026〕1号" />
        </Form.Item>
        <Form.Item name="facts" label="通报事实" rules={[{ required: true, message: '请填写通报事实' }]}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        <Form.Item name="rectificationDemand" label="整改要求" rules={[{ required: true, message: '请填写整改要求' }]}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item
          name="rectificationDue"
          label="整改期限"
          rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: '请按YYYY-MM-DD填写日期' }]}
          validateStatus={fieldError('rectificationDue') ? 'error' : undefined}
          help={fieldError('rectificationDue')}
        >
          <Input placeholder="YYYY-MM-DD" style={{ width: 200 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function NoticeDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const trpc = useTRPC();
  const { lang } = useLang();
  const { me } = useSession();
  const queryClient = useQueryClient();
  const notice = useQuery(trpc.kernel.notices.get.queryOptions({ id }));
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const done = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.kernel.notices.get.queryKey({ id }) });
    void queryClient.invalidateQueries({ queryKey: trpc.kernel.notices.list.queryKey() });
  };
  const submit = useMutation(trpc.kernel.notices.submit.mutationOptions({ onSuccess: done }));
  const review = useMutation(trpc.kernel.notices.review.mutationOptions({ onSuccess: done }));
  const publish = useMutation(trpc.kernel.notices.publish.mutationOptions({ onSuccess: done }));
  const withdraw = useMutation(trpc.kernel.notices.withdraw.mutationOptions({ onSuccess: done }));
  const error = submit.error ?? review.error ?? publish.error ?? withdraw.error;
  const n = notice.data;
  return (
    <Drawer open width={720} title={n?.title ?? '通报'} onClose={onClose} data-testid="notice-drawer">
      {notice.error && <Alert type="error" showIcon title={messageOf(notice.error, lang)} />}
      {error && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={messageOf(error, lang)} />}
      {n && (
        <>
          {n.flagZh && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={n.flagZh} />}
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label="状态">
              <Tag color={STATUS_COLOR[n.status]} data-testid="notice-status">
                {n.statusZh}
              </Tag>
              {n.onPortal && <Tag color="blue">已在门户公开</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label="被通报单位">{n.targetName}</Descriptions.Item>
            <Descriptions.Item label="作出单位">{n.issuerName}</Descriptions.Item>
            <Descriptions.Item label="文号">{n.documentNo ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="依据记录">
              {n.records.map((r) => (
                <div key={r.id}>
                  <Link to={`/records/${r.id}`}>{r.decisionNo}</Link>（{r.decisionDate}）
                </div>
              ))}
            </Descriptions.Item>
            <Descriptions.Item label="通报事实">{n.facts}</Descriptions.Item>
            <Descriptions.Item label="整改要求">{n.rectificationDemand}</Descriptions.Item>
            <Descriptions.Item label="整改期限">{n.rectificationDue}</Descriptions.Item>
            <Descriptions.Item label="起草">{n.draftedOn}</Descriptions.Item>
            {n.reviewedOn && (
              <Descriptions.Item label="复核">
                {n.reviewedOn}：{n.reviewNote}
              </Descriptions.Item>
            )}
            {n.publishedOn && <Descriptions.Item label="发布日期">{n.publishedOn}</Descriptions.Item>}
            {n.rectificationId && (
              <Descriptions.Item label="限期整改">
                <Link to="/queues/rectifications">已启动限期整改</Link>
              </Descriptions.Item>
            )}
            {n.withdrawnOn && (
              <Descriptions.Item label="撤回">
                {n.withdrawnOn}：{n.withdrawReason}
              </Descriptions.Item>
            )}
          </Descriptions>
          <div style={{ marginTop: 16 }}>
            {n.status === 'draft' && can(me, 'kernel.notices.draft') && (
              <Button type="primary" loading={submit.isPending} onClick={() => submit.mutate({ id })}>
                提交复核
              </Button>
            )}
            {n.status === 'submitted' && can(me, 'kernel.notices.review') && (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Input.TextArea
                  rows={2}
                  placeholder="复核意见（必填）"
                  value={note}
                  onChange={(e) => setNote(e.target.value)}
                  data-testid="notice-review-note"
                />
                <Space>
                  <Button
                    type="primary"
                    loading={review.isPending}
                    onClick={() => review.mutate({ id, approve: true, note })}
                  >
                    复核同意
                  </Button>
                  <Button loading={review.isPending} onClick={() => review.mutate({ id, approve: false, note })}>
                    退回修改
                  </Button>
                </Space>
              </Space>
            )}
            {n.status === 'approved' && can(me, 'kernel.notices.review') && (
              <Button type="primary" danger loading={publish.isPending} onClick={() => publish.mutate({ id })}>
                发布通报
              </Button>
            )}
            {n.status === 'published' && can(me, 'kernel.notices.review') && (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Input.TextArea
                  rows={2}
                  placeholder="撤回理由（必填）"
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                />
                <Button danger loading={withdraw.isPending} onClick={() => withdraw.mutate({ id, reason })}>
                  撤回通报
                </Button>
              </Space>
            )}
          </div>
        </>
      )}
    </Drawer>
  );
}
