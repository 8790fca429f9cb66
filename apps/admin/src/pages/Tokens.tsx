/**
 * API tokens for integrators (kernel.tokens.*): issue one with a role, a body scope (an explicit 全市 choice or one
 * body), optional plugins, an expiry and a rate limit; the secret is shown once with a copy button; list; revoke after
 * a confirmation (a revoked token stops working at once).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { messageOf } from '@chengxin/ui';
import { client, useTRPC } from '../api';
import { OrgName, OrgPicker, PageTitle } from '../common';
import { useLang } from '../i18n';

interface TokenForm {
  name: string;
  role: string;
  scope: 'city' | 'org';
  scopeOrgId?: string;
  plugins?: string[];
  expiresAt: Dayjs;
  ratePerMinute?: number;
}

/** The body picker inside an antd Form.Item (which passes value and onChange). */
function FormOrgPicker(p: { id: string; value?: string; onChange?: (v: string | undefined) => void }) {
  return <OrgPicker id={p.id} value={p.value} onChange={(v) => p.onChange?.(v)} />;
}

export default function TokensPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { t, l, lang } = useLang();
  const { message } = AntApp.useApp();
  const tokens = useQuery(trpc.kernel.tokens.list.queryOptions());
  const roles = useQuery(trpc.kernel.roles.list.queryOptions());
  const plugins = useQuery(trpc.kernel.plugins.list.queryOptions());
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<TokenForm>();
  const scope = Form.useWatch('scope', form);
  const zh = lang === 'zh';
  const roleName = (key: string) => {
    const r = roles.data?.find((x) => x.key === key);
    return r ? (zh ? r.nameZh : r.nameEn) : key;
  };
  const pluginName = (id: string) => {
    const p = plugins.data?.find((x) => x.id === id);
    return p ? l(p.label) : id;
  };
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.kernel.tokens.list.queryKey() });

  const create = async (v: TokenForm) => {
    setError(null);
    try {
      const r = await client.kernel.tokens.create.mutate({
        name: v.name,
        role: v.role,
        scopeOrgId: v.scope === 'org' ? (v.scopeOrgId ?? null) : null,
        plugins: v.plugins?.length ? v.plugins : null,
        expiresAt: v.expiresAt.endOf('day').format('YYYY-MM-DDTHH:mm:ssZ'),
        ...(v.ratePerMinute ? { ratePerMinute: v.ratePerMinute } : {}),
      });
      setCreating(false);
      setSecret(r.token);
      form.resetFields();
      void refresh();
    } catch (e) {
      setError(messageOf(e, lang));
    }
  };

  return (
    <div>
      <PageTitle
        extra={
          <Button type="primary" onClick={() => setCreating(true)}>
            {zh ? '签发令牌' : 'Issue a token'}
          </Button>
        }
      >
        {t('tokens')}
      </PageTitle>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title={
          zh
            ? '外部系统以 Authorization: Bearer 令牌 调用 /trpc 与 /api/v1；令牌只在签发时显示一次，吊销后立即失效。'
            : 'Integrators send Authorization: Bearer <token> to /trpc and /api/v1; the token is shown once, revoking ends it at once.'
        }
      />
      <Card size="small">
        <Table
          size="small"
          rowKey="id"
          loading={tokens.isPending}
          dataSource={tokens.data ?? []}
          pagination={{ pageSize: 20, showTotal: (n) => (zh ? `共 ${n} 个` : `${n} in all`) }}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: zh ? '名称' : 'Name', dataIndex: 'name' },
            {
              title: zh ? '令牌前缀' : 'Prefix',
              dataIndex: 'prefix',
              render: (p: string) => <Typography.Text code>{p}…</Typography.Text>,
            },
            { title: zh ? '角色' : 'Role', dataIndex: 'role', render: (r: string) => roleName(r) },
            {
              title: zh ? '单位范围' : 'Scope',
              dataIndex: 'scopeOrgId',
              render: (id: string | null) => (id ? <OrgName id={id} /> : t('wholeCity')),
            },
            {
              title: zh ? '插件范围' : 'Plugins',
              dataIndex: 'plugins',
              render: (ps: string[] | null) => (ps ? ps.map(pluginName).join('、') : zh ? '全部' : 'All'),
            },
            { title: zh ? '每分钟调用上限' : 'Calls/min', dataIndex: 'ratePerMinute' },
            {
              title: zh ? '有效期至' : 'Expires',
              dataIndex: 'expiresAt',
              render: (d: string) => dayjs(d).format('YYYY-MM-DD HH:mm'),
            },
            {
              title: zh ? '最近使用' : 'Last used',
              dataIndex: 'lastUsedAt',
              render: (d: string | null) => (d ? dayjs(d).format('YYYY-MM-DD HH:mm') : '—'),
            },
            {
              title: t('status'),
              key: 'state',
              render: (_, r) =>
                r.revokedAt ? (
                  <Tag>{zh ? '已吊销' : 'Revoked'}</Tag>
                ) : dayjs(r.expiresAt).isBefore(dayjs()) ? (
                  <Tag color="orange">{zh ? '已过期' : 'Expired'}</Tag>
                ) : (
                  <Tag color="green">{zh ? '有效' : 'Active'}</Tag>
                ),
            },
            {
              title: zh ? '操作' : 'Actions',
              key: 'a',
              render: (_, r) =>
                !r.revokedAt && (
                  <Popconfirm
                    title={zh ? `吊销令牌“${r.name}”？` : `Revoke “${r.name}”?`}
                    description={
                      zh
                        ? '吊销后使用该令牌的外部系统立即无法调用，且不能恢复。'
                        : 'Systems using it stop at once; this cannot be undone.'
                    }
                    okText={zh ? '吊销' : 'Revoke'}
                    okButtonProps={{ danger: true }}
                    cancelText={t('cancel')}
                    onConfirm={async () => {
                      try {
                        await client.kernel.tokens.revoke.mutate({ id: r.id });
                        void message.success(t('done'));
                        void refresh();
                      } catch (e) {
                        void message.error(messageOf(e, lang));
                      }
                    }}
                  >
                    <Button size="small" danger>
                      {zh ? '吊销' : 'Revoke'}
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </Card>
      <Modal
        open={creating}
        title={zh ? '签发接口令牌' : 'Issue an API token'}
        okText={zh ? '签发' : 'Issue'}
        cancelText={t('cancel')}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
        <Form<TokenForm>
          form={form}
          layout="vertical"
          onFinish={(v) => void create(v)}
          initialValues={{ scope: undefined, expiresAt: dayjs().add(1, 'year'), ratePerMinute: 600 }}
        >
          <Form.Item
            label={zh ? '名称（对接的系统）' : 'Name (the integrating system)'}
            name="name"
            rules={[{ required: true, message: zh ? '请填写名称' : 'Give a name' }]}
          >
            <Input id="token-name" maxLength={100} />
          </Form.Item>
          <Form.Item
            label={zh ? '角色' : 'Role'}
            name="role"
            rules={[{ required: true, message: zh ? '请选择角色' : 'Choose a role' }]}
          >
            <Select
              id="token-role"
              options={(roles.data ?? []).map((r) => ({ value: r.key, label: zh ? r.nameZh : r.nameEn }))}
            />
          </Form.Item>
          <Form.Item
            label={zh ? '单位范围' : 'Scope'}
            name="scope"
            rules={[{ required: true, message: zh ? '请选择“全市”或限定单位' : 'Choose whole city or one body' }]}
          >
            <Radio.Group
              id="token-scope"
              options={[
                { value: 'city', label: t('wholeCity') },
                { value: 'org', label: zh ? '限定单位（含下级）' : 'One body and below' },
              ]}
            />
          </Form.Item>
          {scope === 'org' && (
            <Form.Item
              label={zh ? '限定的单位' : 'Body'}
              name="scopeOrgId"
              rules={[{ required: true, message: zh ? '请选择单位' : 'Choose the body' }]}
            >
              <FormOrgPicker id="token-org" />
            </Form.Item>
          )}
          <Form.Item label={zh ? '插件范围（不选为全部）' : 'Plugins (none chosen: all)'} name="plugins">
            <Select
              id="token-plugins"
              mode="multiple"
              allowClear
              options={(plugins.data ?? []).map((p) => ({ value: p.id, label: l(p.label) }))}
            />
          </Form.Item>
          <Space size={16} wrap>
            <Form.Item
              label={zh ? '有效期至' : 'Expires on'}
              name="expiresAt"
              rules={[{ required: true, message: zh ? '请选择有效期' : 'Choose the expiry' }]}
            >
              <DatePicker id="token-expires" disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
            </Form.Item>
            <Form.Item label={zh ? '每分钟调用上限' : 'Calls per minute'} name="ratePerMinute">
              <InputNumber id="token-rate" min={1} max={100000} />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
      <Modal
        open={!!secret}
        title={zh ? '令牌已签发' : 'Token issued'}
        closable={false}
        maskClosable={false}
        footer={
          <Button type="primary" onClick={() => setSecret(null)}>
            {zh ? '我已妥善保存' : 'I have stored it'}
          </Button>
        }
      >
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={
            zh
              ? '令牌只显示这一次，关闭后无法再查看；请复制后交给对接系统妥善保存。'
              : 'Shown only now; copy it and give it to the integrating system.'
          }
        />
        <Typography.Paragraph copyable={{ text: secret ?? '' }} code data-testid="token-secret">
          {secret}
        </Typography.Paragraph>
      </Modal>
    </div>
  );
}
