/**
 * 角色与权限: the roles with their permissions by group, and an editor for the administrators' own roles (built-in ones
 * follow the code and cannot be changed: kernel.roles.save refuses them). A save asks first, naming what is added and
 * removed, takes effect at the next request of every holder, and is audited (role.create / role.update).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App as AntApp,
  Button,
  Card,
  Checkbox,
  Collapse,
  Drawer,
  Form,
  Input,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { messageOf } from '@chengxin/ui';
import { client, useTRPC } from '../api';
import { useLang } from '../i18n';
import { expandEntries, groupPermissions } from '../permission-groups';
import { useSession } from '../session';

interface Role {
  key: string;
  nameZh: string;
  nameEn: string;
  permissions: string[];
  builtin: boolean;
}

export function RolesTab() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { t, lang } = useLang();
  const zh = lang === 'zh';
  const { can } = useSession();
  const { message, modal } = AntApp.useApp();
  const roles = useQuery(trpc.kernel.roles.list.queryOptions());
  const catalogue = useQuery(trpc.kernel.roles.permissions.queryOptions());
  const plugins = useQuery(trpc.kernel.plugins.list.queryOptions());
  const groups = useMemo(
    () => groupPermissions(catalogue.data ?? [], (owner) => plugins.data?.find((p) => p.id === owner)?.label),
    [catalogue.data, plugins.data],
  );
  const labelOf = (name: string) => {
    const d = catalogue.data?.find((x) => x.name === name);
    return d ? (zh ? d.zh : d.en) : zh ? '（已不存在的权限）' : '(a permission no longer defined)';
  };
  const [editing, setEditing] = useState<Role | 'new' | null>(null);
  const [form] = Form.useForm<{ key: string; nameZh: string; nameEn: string }>();
  const [checked, setChecked] = useState<string[]>([]);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  const open = (r: Role | 'new') => {
    setEditing(r);
    setFieldErrors({});
    form.setFieldsValue(
      r === 'new' ? { key: '', nameZh: '', nameEn: '' } : { key: r.key, nameZh: r.nameZh, nameEn: r.nameEn },
    );
    setChecked(r === 'new' ? [] : expandEntries(r.permissions, catalogue.data ?? []));
  };

  const save = async () => {
    const v = await form.validateFields();
    if (checked.length === 0)
      return setFieldErrors({ permissions: zh ? '请至少选择一项权限' : 'Choose at least one permission' });
    const before = editing && editing !== 'new' ? expandEntries(editing.permissions, catalogue.data ?? []) : [];
    const added = checked.filter((p) => !before.includes(p));
    const removed = before.filter((p) => !checked.includes(p));
    modal.confirm({
      title:
        editing === 'new'
          ? zh
            ? `新建角色“${v.nameZh}”？`
            : `Create ${v.nameEn}?`
          : zh
            ? `保存角色“${v.nameZh}”？`
            : `Save ${v.nameEn}?`,
      content: (
        <div data-testid="role-diff">
          {added.length > 0 && (
            <p>
              <b>{zh ? '增加：' : 'Added: '}</b>
              {added.map(labelOf).join('；')}
            </p>
          )}
          {removed.length > 0 && (
            <p>
              <b>{zh ? '移除：' : 'Removed: '}</b>
              {removed.map(labelOf).join('；')}
            </p>
          )}
          {editing !== 'new' && added.length === 0 && removed.length === 0 && (
            <p>{zh ? '权限不变。' : 'No change to the permissions.'}</p>
          )}
          <p>
            {zh
              ? '持有该角色的用户下一次操作即按新权限执行；本次修改记入审计日志。'
              : 'Holders get the new permissions at their next request; the change is audited.'}
          </p>
        </div>
      ),
      okText: t('save'),
      cancelText: t('cancel'),
      onOk: async () => {
        try {
          await client.kernel.roles.save.mutate({
            key: editing === 'new' ? v.key.trim() : editing!.key,
            nameZh: v.nameZh,
            nameEn: v.nameEn,
            permissions: checked,
          });
          setEditing(null);
          await queryClient.invalidateQueries({ queryKey: trpc.kernel.roles.list.queryKey() });
          void message.success(zh ? '角色已保存' : 'Role saved');
        } catch (e) {
          const field = (e as { data?: { field?: string | null } }).data?.field ?? '';
          const key = field.startsWith('permissions')
            ? 'permissions'
            : ['key', 'nameZh', 'nameEn'].includes(field)
              ? field
              : 'form';
          setFieldErrors({ [key]: messageOf(e, lang) });
        }
      },
    });
  };

  return (
    <Card
      size="small"
      extra={
        can('kernel.roles.manage') && (
          <Button type="primary" onClick={() => open('new')} disabled={!catalogue.data}>
            {zh ? '新建角色' : 'New role'}
          </Button>
        )
      }
    >
      <Table<Role>
        size="small"
        rowKey="key"
        dataSource={roles.data ?? []}
        pagination={false}
        columns={[
          {
            title: zh ? '角色' : 'Role',
            key: 'n',
            width: 200,
            render: (_, r) => (
              <>
                {zh ? r.nameZh : r.nameEn} {r.builtin && <Tag>{zh ? '内置' : 'built-in'}</Tag>}
              </>
            ),
          },
          {
            title: zh ? '权限' : 'Permissions',
            key: 'p',
            render: (_, r) =>
              r.permissions.includes('*') ? (
                <Tag color="red">{zh ? '全部权限' : 'All permissions'}</Tag>
              ) : (
                <Typography.Paragraph ellipsis={{ rows: 2, expandable: true }} style={{ margin: 0, fontSize: 12 }}>
                  {expandEntries(r.permissions, catalogue.data ?? [])
                    .map(labelOf)
                    .join('；')}
                </Typography.Paragraph>
              ),
          },
          {
            title: zh ? '操作' : 'Actions',
            key: 'a',
            width: 120,
            render: (_, r) =>
              r.builtin ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {zh ? '随系统版本' : 'Follows the code'}
                </Typography.Text>
              ) : (
                can('kernel.roles.manage') && (
                  <Button
                    size="small"
                    onClick={() => open(r)}
                    aria-label={`${zh ? '编辑' : 'Edit'} ${zh ? r.nameZh : r.nameEn}`}
                  >
                    {zh ? '编辑' : 'Edit'}
                  </Button>
                )
              ),
          },
        ]}
      />
      <Drawer
        open={!!editing}
        onClose={() => setEditing(null)}
        size="large"
        destroyOnHidden
        title={
          editing === 'new'
            ? zh
              ? '新建角色'
              : 'New role'
            : `${zh ? '编辑角色' : 'Edit role'}：${editing ? (zh ? editing.nameZh : editing.nameEn) : ''}`
        }
        extra={
          <Space>
            <Button onClick={() => setEditing(null)}>{t('cancel')}</Button>
            <Button type="primary" onClick={() => void save()}>
              {t('save')}
            </Button>
          </Space>
        }
      >
        <Form form={form} layout="vertical" onValuesChange={() => setFieldErrors({})}>
          {editing === 'new' && (
            <Form.Item
              label={zh ? '角色标识（小写字母开头，创建后不可修改）' : 'Role key (lower case, fixed once created)'}
              name="key"
              validateStatus={fieldErrors['key'] ? 'error' : undefined}
              help={fieldErrors['key']}
              rules={[
                { required: true, message: zh ? '请填写角色标识' : 'Enter the role key' },
                {
                  pattern: /^[a-z][a-z0-9_.-]{1,39}$/,
                  message: zh ? '角色标识应为2–40位小写字母、数字或._-' : '2–40 of a-z 0-9 . _ -',
                },
              ]}
            >
              <Input id="role-key" autoComplete="off" />
            </Form.Item>
          )}
          <Form.Item
            label={zh ? '角色名称（中文）' : 'Name (Chinese)'}
            name="nameZh"
            validateStatus={fieldErrors['nameZh'] ? 'error' : undefined}
            help={fieldErrors['nameZh']}
            rules={[{ required: true, whitespace: true, message: zh ? '请填写角色名称' : 'Enter the name' }]}
          >
            <Input id="role-name-zh" maxLength={50} />
          </Form.Item>
          <Form.Item
            label={zh ? '角色名称（英文）' : 'Name (English)'}
            name="nameEn"
            validateStatus={fieldErrors['nameEn'] ? 'error' : undefined}
            help={fieldErrors['nameEn']}
            rules={[{ required: true, whitespace: true, message: zh ? '请填写英文名称' : 'Enter the English name' }]}
          >
            <Input id="role-name-en" maxLength={80} />
          </Form.Item>
          <Form.Item
            label={zh ? `权限（已选 ${checked.length} 项）` : `Permissions (${checked.length} chosen)`}
            required
            validateStatus={fieldErrors['permissions'] || fieldErrors['form'] ? 'error' : undefined}
            help={fieldErrors['permissions'] ?? fieldErrors['form']}
          >
            <Collapse
              size="small"
              defaultActiveKey={groups
                .filter((g) => g.permissions.some((p) => checked.includes(p.name)))
                .map((g) => g.key)}
              items={groups.map((g) => {
                const names = g.permissions.map((p) => p.name);
                const on = names.filter((n) => checked.includes(n)).length;
                return {
                  key: g.key,
                  label: (
                    <span>
                      {zh ? g.label.zh : g.label.en}{' '}
                      <Typography.Text type="secondary">
                        （{on}/{names.length}）
                      </Typography.Text>
                    </span>
                  ),
                  extra: (
                    <Checkbox
                      checked={on === names.length}
                      indeterminate={on > 0 && on < names.length}
                      onClick={(e) => e.stopPropagation()}
                      onChange={(e) =>
                        setChecked((c) =>
                          e.target.checked ? [...new Set([...c, ...names])] : c.filter((n) => !names.includes(n)),
                        )
                      }
                    >
                      {zh ? '全选' : 'All'}
                    </Checkbox>
                  ),
                  children: (
                    <Checkbox.Group
                      value={checked.filter((n) => names.includes(n))}
                      onChange={(v) => setChecked((c) => [...c.filter((n) => !names.includes(n)), ...(v as string[])])}
                      style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
                      options={g.permissions.map((p) => ({ value: p.name, label: zh ? p.zh : p.en }))}
                    />
                  ),
                };
              })}
            />
          </Form.Item>
        </Form>
      </Drawer>
    </Card>
  );
}
