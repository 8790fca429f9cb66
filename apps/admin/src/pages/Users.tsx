/** Users in the administrator's scope, their grants (role + body scope + plugin scope), and the roles with permissions. */
import { useQuery } from '@tanstack/react-query';
import {
  App as AntApp,
  Button,
  Card,
  Drawer,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Space,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { z } from 'zod';
import { userCreateInput } from '@chengxin/contract';
import { CursorTable, SchemaForm, fieldsOf, messageOf, type JsonSchema } from '@chengxin/ui';
import { client, useTRPC } from '../api';
import { OrgName, OrgPicker, PageTitle, pickers } from '../common';
import { useLang } from '../i18n';
import { RolesTab } from './Roles';

interface User {
  id: string;
  username: string;
  displayName: string;
  orgId: string | null;
  disabled: boolean;
  lockedUntil: string | null;
  grants: { id: string; role: string; scopeOrgId: string | null; plugins: string[] | null }[];
}

export default function UsersPage() {
  const trpc = useTRPC();
  const { t, lang } = useLang();
  const { message, modal } = AntApp.useApp();
  const plugins = useQuery(trpc.kernel.plugins.list.queryOptions());
  const pluginName = (id: string) => {
    const p = plugins.data?.find((x) => x.id === id);
    return p ? (lang === 'zh' ? p.label.zh : p.label.en) : id;
  };
  const [resetting, setResetting] = useState<User | null>(null);
  const [newPassword, setNewPassword] = useState('');
  const [resetError, setResetError] = useState<string | null>(null);
  const [grantScope, setGrantScope] = useState<'city' | 'org' | undefined>();
  const [grantPlugins, setGrantPlugins] = useState<string[]>([]);
  const roles = useQuery(trpc.kernel.roles.list.queryOptions());
  const [q, setQ] = useState('');
  const [reload, setReload] = useState(0);
  const [creating, setCreating] = useState(false);
  const [granting, setGranting] = useState<User | null>(null);
  const [grantRole, setGrantRole] = useState<string | undefined>();
  const [grantOrg, setGrantOrg] = useState<string | undefined>();
  const [grantError, setGrantError] = useState<string | null>(null);
  const roleName = (key: string) => {
    const r = roles.data?.find((x) => x.key === key);
    return r ? (lang === 'zh' ? r.nameZh : r.nameEn) : key;
  };
  const createFields = useMemo(
    () =>
      fieldsOf(
        z.toJSONSchema(userCreateInput, { io: 'input' }) as JsonSchema,
        {
          username: { label: { zh: '用户名', en: 'Username' }, order: 1 },
          displayName: { label: { zh: '姓名', en: 'Display name' }, order: 2 },
          password: { label: { zh: '初始密码（至少10位）', en: 'Initial password (10+)' }, order: 3 },
          orgId: { label: { zh: '所在单位', en: 'Body' }, widget: 'org', order: 4 },
          email: { label: { zh: '电子邮箱', en: 'Email' }, order: 5 },
        },
        { hide: ['grants'] },
      ),
    [],
  );

  const act = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      void message.success(t('done'));
      setReload((x) => x + 1);
    } catch (e) {
      void message.error(messageOf(e, lang));
    }
  };

  return (
    <div>
      <PageTitle
        extra={
          <Button type="primary" onClick={() => setCreating(true)}>
            {t('create')}
          </Button>
        }
      >
        {t('users')}
      </PageTitle>
      <Tabs
        items={[
          {
            key: 'users',
            label: lang === 'zh' ? '用户' : 'Users',
            children: (
              <Card size="small">
                <Input.Search
                  allowClear
                  placeholder={lang === 'zh' ? '用户名或姓名' : 'Username or name'}
                  onSearch={(v) => setQ(v.trim())}
                  style={{ maxWidth: 360, marginBottom: 12 }}
                  aria-label={t('search')}
                />
                <CursorTable<User>
                  lang={lang}
                  reload={`${q}${reload}`}
                  rowKey={(u) => u.id}
                  fetchPage={(cursor) =>
                    client.kernel.users.list.query({ q, limit: 20, ...(cursor ? { cursor } : {}) })
                  }
                  columns={[
                    {
                      title: lang === 'zh' ? '用户名' : 'Username',
                      dataIndex: 'username',
                      // A login name is an identifier people type: shown as one.
                      render: (u: string) => <Typography.Text code>{u}</Typography.Text>,
                    },
                    { title: lang === 'zh' ? '姓名' : 'Name', dataIndex: 'displayName' },
                    {
                      title: lang === 'zh' ? '授权' : 'Grants',
                      key: 'grants',
                      render: (_, u) => (
                        <Space size={4} wrap>
                          {u.grants.map((g) => (
                            <Tag
                              key={g.id}
                              closable
                              closeIcon={<span aria-label={lang === 'zh' ? '撤销授权' : 'Revoke grant'}>×</span>}
                              onClose={(e) => {
                                e.preventDefault();
                                // Revoking a grant takes effect at once: ask first, naming what is revoked.
                                modal.confirm({
                                  title: lang === 'zh' ? '撤销该授权？' : 'Revoke this grant?',
                                  content: `${u.displayName}：${roleName(g.role)}`,
                                  okText: lang === 'zh' ? '撤销' : 'Revoke',
                                  okButtonProps: { danger: true },
                                  cancelText: t('cancel'),
                                  onOk: () => act(() => client.kernel.users.revokeGrant.mutate({ grantId: g.id })),
                                });
                              }}
                            >
                              {roleName(g.role)}（{g.scopeOrgId ? <OrgName id={g.scopeOrgId} /> : t('wholeCity')}）
                              {g.plugins ? ` · ${g.plugins.map(pluginName).join('、')}` : ''}
                            </Tag>
                          ))}
                        </Space>
                      ),
                    },
                    {
                      title: t('status'),
                      key: 'state',
                      render: (_, u) =>
                        u.disabled ? (
                          <Tag>{lang === 'zh' ? '已停用' : 'Disabled'}</Tag>
                        ) : u.lockedUntil ? (
                          <Tag color="orange">{lang === 'zh' ? '已锁定' : 'Locked'}</Tag>
                        ) : (
                          <Tag color="green">{lang === 'zh' ? '正常' : 'Active'}</Tag>
                        ),
                    },
                    {
                      title: lang === 'zh' ? '操作' : 'Actions',
                      key: 'a',
                      render: (_, u) => (
                        <Space size={4}>
                          <Button
                            size="small"
                            onClick={() => {
                              setGranting(u);
                              setGrantRole(undefined);
                              setGrantOrg(undefined);
                              setGrantScope(undefined);
                              setGrantPlugins([]);
                              setGrantError(null);
                            }}
                          >
                            {lang === 'zh' ? '授权' : 'Grant'}
                          </Button>
                          <Popconfirm
                            title={
                              u.disabled
                                ? lang === 'zh'
                                  ? '启用该用户？'
                                  : 'Enable?'
                                : lang === 'zh'
                                  ? '停用该用户？'
                                  : 'Disable?'
                            }
                            onConfirm={() =>
                              act(() => client.kernel.users.update.mutate({ id: u.id, disabled: !u.disabled }))
                            }
                          >
                            <Button size="small">{u.disabled ? t('enable') : t('disable')}</Button>
                          </Popconfirm>
                          <Button
                            size="small"
                            onClick={() => {
                              setResetting(u);
                              setNewPassword('');
                              setResetError(null);
                            }}
                          >
                            {lang === 'zh' ? '重置密码' : 'Reset password'}
                          </Button>
                          <Popconfirm
                            title={
                              lang === 'zh' ? `让 ${u.displayName} 在所有设备上退出登录？` : 'Sign out everywhere?'
                            }
                            okText={lang === 'zh' ? '强制下线' : 'Sign out'}
                            cancelText={t('cancel')}
                            onConfirm={() =>
                              act(async () => {
                                const r = await client.kernel.users.revokeSessions.mutate({ id: u.id });
                                void message.info(lang === 'zh' ? `已结束 ${r.revoked} 个会话` : `${r.revoked} ended`);
                              })
                            }
                          >
                            <Button size="small">{lang === 'zh' ? '强制下线' : 'Sign out'}</Button>
                          </Popconfirm>
                          {u.lockedUntil && (
                            <Button
                              size="small"
                              onClick={() =>
                                void act(() => client.kernel.users.update.mutate({ id: u.id, unlock: true }))
                              }
                            >
                              {lang === 'zh' ? '解锁' : 'Unlock'}
                            </Button>
                          )}
                        </Space>
                      ),
                    },
                  ]}
                />
              </Card>
            ),
          },
          {
            key: 'roles',
            label: lang === 'zh' ? '角色与权限' : 'Roles',
            children: <RolesTab />,
          },
        ]}
      />
      <Drawer open={creating} onClose={() => setCreating(false)} title={t('create')} size="large" destroyOnHidden>
        <SchemaForm
          fields={createFields}
          lang={lang}
          pickers={pickers}
          submitText={t('create')}
          onSubmit={async (input) => {
            await client.kernel.users.create.mutate(input as z.input<typeof userCreateInput>);
            setCreating(false);
            setReload((x) => x + 1);
            void message.success(t('done'));
          }}
        />
      </Drawer>
      <Modal
        open={!!granting}
        title={`${lang === 'zh' ? '授权' : 'Grant'}：${granting?.displayName ?? ''}`}
        onCancel={() => setGranting(null)}
        okText={t('save')}
        cancelText={t('cancel')}
        onOk={async () => {
          if (!grantRole) return setGrantError(lang === 'zh' ? '请选择角色' : 'Choose a role');
          // No silent default: the whole city is a choice the administrator makes, like a body.
          if (!grantScope)
            return setGrantError(lang === 'zh' ? '请选择“全市”或限定单位' : 'Choose whole city or a body');
          if (grantScope === 'org' && !grantOrg)
            return setGrantError(lang === 'zh' ? '请选择限定的单位' : 'Choose the body');
          try {
            await client.kernel.users.grant.mutate({
              userId: granting!.id,
              grant: {
                role: grantRole,
                scopeOrgId: grantScope === 'org' ? grantOrg! : null,
                plugins: grantPlugins.length ? grantPlugins : null,
              },
            });
            setGranting(null);
            setReload((x) => x + 1);
            void message.success(t('done'));
          } catch (e) {
            setGrantError(messageOf(e, lang));
          }
        }}
      >
        <Form layout="vertical">
          <Form.Item label={lang === 'zh' ? '角色' : 'Role'} required htmlFor="grant-role">
            <Select
              id="grant-role"
              value={grantRole}
              onChange={setGrantRole}
              options={(roles.data ?? []).map((r) => ({ value: r.key, label: lang === 'zh' ? r.nameZh : r.nameEn }))}
            />
          </Form.Item>
          <Form.Item label={lang === 'zh' ? '单位范围' : 'Scope'} required htmlFor="grant-scope">
            <Radio.Group
              id="grant-scope"
              value={grantScope}
              onChange={(e) => setGrantScope(e.target.value as 'city' | 'org')}
              options={[
                { value: 'city', label: t('wholeCity') },
                { value: 'org', label: lang === 'zh' ? '限定单位（含下级）' : 'One body and below' },
              ]}
            />
          </Form.Item>
          {grantScope === 'org' && (
            <Form.Item label={lang === 'zh' ? '限定的单位' : 'Body'} required htmlFor="grant-org">
              <OrgPicker id="grant-org" value={grantOrg} onChange={setGrantOrg} />
            </Form.Item>
          )}
          <Form.Item
            label={lang === 'zh' ? '插件范围（不选为全部）' : 'Plugins (none: all)'}
            htmlFor="grant-plugins"
            validateStatus={grantError ? 'error' : undefined}
            help={grantError ?? undefined}
          >
            <Select
              id="grant-plugins"
              mode="multiple"
              allowClear
              value={grantPlugins}
              onChange={setGrantPlugins}
              options={(plugins.data ?? []).map((p) => ({ value: p.id, label: pluginName(p.id) }))}
            />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={!!resetting}
        title={`${lang === 'zh' ? '重置密码' : 'Reset password'}：${resetting?.displayName ?? ''}`}
        onCancel={() => setResetting(null)}
        okText={t('save')}
        cancelText={t('cancel')}
        onOk={async () => {
          try {
            await client.kernel.users.resetPassword.mutate({ id: resetting!.id, password: newPassword });
            setResetting(null);
            void message.success(
              lang === 'zh' ? '密码已重置，该用户的所有会话已结束' : 'Password reset; their sessions ended',
            );
          } catch (e) {
            setResetError(messageOf(e, lang));
          }
        }}
      >
        <Form layout="vertical">
          <Form.Item
            label={lang === 'zh' ? '新密码（至少10位，请当面或电话告知本人）' : 'New password (10+)'}
            htmlFor="reset-password"
            validateStatus={resetError ? 'error' : undefined}
            help={resetError ?? undefined}
          >
            <Input.Password
              id="reset-password"
              autoComplete="new-password"
              value={newPassword}
              onChange={(e) => setNewPassword(e.target.value)}
            />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
