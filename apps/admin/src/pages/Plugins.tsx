/**
 * Plugins: what is installed and whether it is enabled for the caller's body; an administrator enables, disables and
 * configures it (city-wide for a city grant, the own subtree otherwise), the settings form drawn from its config schema.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App as AntApp,
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Drawer,
  Row,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { SchemaForm, fieldsOf, messageOf, type JsonSchema } from '@chengxin/ui';
import { client, useTRPC } from '../api';
import { PageTitle } from '../common';
import { useLang } from '../i18n';
import { scopeRoots, useSession } from '../session';

export default function PluginsPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message, modal } = AntApp.useApp();
  const { t, l, lang } = useLang();
  const { me, can } = useSession();
  const list = useQuery(trpc.kernel.plugins.list.queryOptions());
  const [configuring, setConfiguring] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const mayManage = can('kernel.plugins.manage');
  const cityWide = scopeRoots(me, 'kernel.plugins.manage') === null;
  const ownOrg = me?.orgId ?? me?.grants.find((g) => g.scopeOrgId)?.scopeOrgId ?? null;

  const save = async (pluginId: string, enabled: boolean, config?: Record<string, unknown>) => {
    const input = { pluginId, enabled, ...(config ? { config } : {}) };
    if (cityWide) await client.kernel.plugins.configureDeployment.mutate(input);
    else await client.kernel.plugins.configure.mutate({ ...input, orgId: ownOrg! });
    await queryClient.invalidateQueries();
  };
  const toggle = async (pluginId: string, enabled: boolean) => {
    // Disabling stops new entries for every body in the scope: confirmed first, naming how wide it reaches.
    if (!enabled) {
      const name = l(list.data?.find((p) => p.id === pluginId)?.label ?? { zh: pluginId, en: pluginId });
      const ok = await modal.confirm({
        title: lang === 'zh' ? `停用“${name}”？` : `Disable “${name}”?`,
        content: cityWide
          ? lang === 'zh'
            ? '将对全市所有单位停用（已有数据仍可查看，但不能新增或变更）。'
            : 'For every body in the city (data stays readable but cannot change).'
          : lang === 'zh'
            ? '将对本单位及所有下级单位停用（已有数据仍可查看，但不能新增或变更）。'
            : 'For your body and all below it (data stays readable but cannot change).',
        okText: t('disable'),
        okButtonProps: { danger: true },
        cancelText: t('cancel'),
      });
      if (!ok) return;
    }
    setBusy(pluginId);
    try {
      await save(pluginId, enabled);
      void message.success(t('done'));
    } catch (e) {
      void message.error(messageOf(e, lang));
    } finally {
      setBusy(null);
    }
  };
  const current = list.data?.find((p) => p.id === configuring);

  return (
    <div>
      <PageTitle>{t('pluginSettings')}</PageTitle>
      {list.error && <Alert type="error" showIcon title={messageOf(list.error, lang)} />}
      {mayManage && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={
            cityWide
              ? lang === 'zh'
                ? '您的设置对整个部署生效；各单位可在本辖区覆盖。'
                : 'Your settings apply to the whole deployment; agencies may override in their subtree.'
              : lang === 'zh'
                ? '您的设置对本辖区生效。'
                : 'Your settings apply to your own subtree.'
          }
        />
      )}
      <Row gutter={[12, 12]}>
        {(list.data ?? []).map((p) => (
          <Col xs={24} lg={12} key={p.id}>
            <Card
              size="small"
              data-testid={`plugin-${p.id}`}
              title={
                <Space>
                  {l(p.label)}
                  <Tag>{p.version}</Tag>
                  {p.setting.enabled ? <Tag color="green">{t('enabled')}</Tag> : <Tag>{t('disabled')}</Tag>}
                </Space>
              }
              extra={
                mayManage && (
                  <Space>
                    <Switch
                      checked={p.setting.enabled}
                      loading={busy === p.id}
                      onChange={(v) => void toggle(p.id, v)}
                      aria-label={`${l(p.label)} ${p.setting.enabled ? t('disable') : t('enable')}`}
                    />
                    <Button size="small" onClick={() => setConfiguring(p.id)}>
                      {t('configure')}
                    </Button>
                  </Space>
                )
              }
            >
              <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }}>
                {l(p.description)}
              </Typography.Paragraph>
              <Descriptions
                size="small"
                column={2}
                items={[
                  { key: 'types', label: lang === 'zh' ? '记录类型' : 'Record types', children: p.recordTypes.length },
                  { key: 'rules', label: lang === 'zh' ? '规则' : 'Rules', children: p.rules.length },
                  {
                    key: 'from',
                    label: lang === 'zh' ? '设置来源' : 'Set by',
                    children:
                      p.setting.from.kind === 'org'
                        ? lang === 'zh'
                          ? '本辖区'
                          : 'subtree'
                        : p.setting.from.kind === 'deployment'
                          ? lang === 'zh'
                            ? '全市'
                            : 'deployment'
                          : lang === 'zh'
                            ? '默认'
                            : 'default',
                  },
                  { key: 'ind', label: lang === 'zh' ? '评价指标' : 'Indicators', children: p.indicators.length },
                ]}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Drawer
        open={!!current}
        onClose={() => setConfiguring(null)}
        title={current ? `${t('configure')}：${l(current.label)}` : ''}
        size="large"
        destroyOnHidden
      >
        {current && (
          <SchemaForm
            fields={fieldsOf(current.configSchema as JsonSchema)}
            lang={lang}
            initialValues={flatten(current.setting.config)}
            submitText={t('save')}
            onSubmit={async (input) => {
              await save(current.id, current.setting.enabled, input);
              void message.success(t('done'));
              setConfiguring(null);
            }}
          />
        )}
      </Drawer>
    </div>
  );
}

function flatten(
  value: Record<string, unknown>,
  prefix = '',
  out: Record<string, unknown> = {},
): Record<string, unknown> {
  for (const [k, v] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object' && !Array.isArray(v)) flatten(v as Record<string, unknown>, path, out);
    else out[path] = Array.isArray(v) ? JSON.stringify(v) : v;
  }
  return out;
}
