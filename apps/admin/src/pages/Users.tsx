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
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { z } from 'zod';
import { userCreateInput } from '@chengxin/contract';
import { CursorTable, SchemaForm, fieldsOf, messageOf, type JsonSchema } from '@chengxin/ui';
import { client, useTRPC } from '../api';
import { OrgPicker, PageTitle, pickers } from '../common';
import { useLang } from '../i18n';

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
  const { message } = AntApp.useApp();
  const roles = useQuery(trpc.kernel.roles.list.queryOptions());
  const permissions = useQuery(trpc.kernel.roles.permissions.queryOptions());
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
                              onClose={(e) => {
                                e.preventDefault();
                                void act(() => client.kernel.users.revokeGrant.mutate({ grantId: g.id }));
                              }}
                            >
                              {roleName(g.role)}
                              {g.scopeOrgId
                                ? lang === 'zh'
                                  ? '（限定单位）'
                                  : ' (limited)'
                                : lang === 'zh'
                                  ? '（全市）'
                                  : ' (city)'}
                              {g.plugins ? ` · ${g.plugins.join(',')}` : ''}
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
            children: (
              <Card size="small">
                <Table
                  size="small"
                  rowKey="key"
                  dataSource={roles.data ?? []}
                  pagination={false}
                  columns={[
                    {
                      title: lang === 'zh' ? '角色' : 'Role',
                      key: 'n',
                      width: 180,
                      render: (_, r) => (
                        <>
                          {lang === 'zh' ? r.nameZh : r.nameEn}{' '}
                          {r.builtin && <Tag>{lang === 'zh' ? '内置' : 'built-in'}</Tag>}
                        </>
                      ),
                    },
                    {
                      title: lang === 'zh' ? '权限' : 'Permissions',
                      key: 'p',
                      render: (_, r) => (
                        <Typography.Paragraph
                          ellipsis={{ rows: 2, expandable: true }}
                          style={{ margin: 0, fontSize: 12 }}
                        >
                          {r.permissions
                            .map((p) => {
                              const d = permissions.data?.find((x) => x.name === p);
                              return d ? (lang === 'zh' ? d.zh : d.en) : p;
                            })
                            .join('；')}
                        </Typography.Paragraph>
                      ),
                    },
                  ]}
                />
              </Card>
            ),
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
          try {
            await client.kernel.users.grant.mutate({
              userId: granting!.id,
              grant: { role: grantRole, scopeOrgId: grantOrg ?? null },
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
          <Form.Item
            label={lang === 'zh' ? '单位范围（不选为全市）' : 'Scope (empty: whole city)'}
            htmlFor="grant-org"
            validateStatus={grantError ? 'error' : undefined}
            help={grantError ?? undefined}
          >
            <OrgPicker id="grant-org" value={grantOrg} onChange={setGrantOrg} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
