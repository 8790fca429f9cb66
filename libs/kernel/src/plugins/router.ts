import { rows } from '@chengxin/db';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { permits, scopeSql } from '../access';
import * as c from '@chengxin/contract';
import { kernelContext, AppError, procedure, refs, router, type TrpcContext } from '../core';
import type { KernelPlugin } from './definition';
import { installedPlugins } from './registry';
import { runPluginScan, runPluginScanWithin } from './runtime';
import { configurePlugin, listSettings, requirePlugin, settingForOrg } from './settings';

/** Forms travel as JSON Schema (what the admin's generic renderer reads); a schema part JSON cannot say is left open. */
const toJson = (schema: z.ZodType) =>
  z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;

async function manifest(ctx: TrpcContext, plugin: KernelPlugin) {
  const permissions = (ctx.actor?.grants ?? []).flatMap((g) => g.permissions);
  return {
    id: plugin.id,
    version: plugin.version,
    label: plugin.label,
    description: plugin.description,
    setting: await settingForOrg(ctx.db, plugin, ctx.actor?.orgId ?? null),
    configSchema: toJson(plugin.config),
    recordTypes: plugin.recordTypes.map((t) => ({
      key: t.key,
      label: t.label,
      subjects: t.subjects,
      polarity: t.polarity,
      defaultSeverity: t.defaultSeverity,
      payloadVersion: t.payload.version,
      payloadSchema: toJson(t.payload.schema),
    })),
    rules: plugin.rules.map((r) => ({ ...r, setting: r.setting ?? null })),
    indicators: plugin.indicators.map(({ key, label: l, unit, better, source }) => ({
      key,
      label: l,
      unit,
      better,
      source,
    })),
    // A menu shows only what the caller may open.
    nav: plugin.nav.filter((n) => permits(permissions, n.permission)),
    forms: Object.fromEntries(
      Object.entries(plugin.forms).map(([key, f]) => [
        key,
        { title: f.title, schema: toJson(f.schema), ui: f.ui ?? {} },
      ]),
    ),
  };
}

/** Without `config`, this level's configuration is kept (switching on or off changes nothing else). */

export const pluginsRouter = router({
  list: procedure
    .meta({
      permission: 'kernel.plugins.read',
      scope: 'global',
      summary: '已安装的插件及其对本单位的启用情况、菜单与表单（JSON Schema）',
    })
    .input(c.pluginsListInput)
    .output(c.pluginsListOutput)
    .query(async ({ ctx }) => Promise.all(installedPlugins().map((p) => manifest(ctx, p)))),
  manifest: procedure
    .meta({
      permission: 'kernel.plugins.read',
      scope: 'global',
      summary: '一个插件的清单：菜单、表单（JSON Schema）、配置项、规则',
    })
    .input(c.pluginsManifestInput)
    .output(c.manifestOut)
    .query(({ ctx, input }) => manifest(ctx, requirePlugin(input.pluginId))),
  settings: procedure
    .meta({ permission: 'kernel.plugins.read', scope: 'list', summary: '插件在本辖区各单位的启用与配置' })
    .input(c.pluginsSettingsInput)
    .output(c.pluginsSettingsOutput)
    .query(({ ctx, input }) => listSettings(ctx.db, requirePlugin(input.pluginId).id, ctx.scope.roots)),
  effective: procedure
    .meta({
      permission: 'kernel.plugins.read',
      scope: 'subject',
      subjects: (i) => refs(['org', i?.orgId]),
      summary: '插件对某单位是否启用及其生效配置',
    })
    .input(c.pluginsEffectiveInput)
    .output(c.settingOut)
    .query(({ ctx, input }) => settingForOrg(ctx.db, requirePlugin(input.pluginId), input.orgId)),
  configure: procedure
    .meta({
      permission: 'kernel.plugins.manage',
      scope: 'subject',
      subjects: (i) => refs(['org', i?.orgId]),
      summary: '为本辖区单位启用、停用或配置插件（记入审计）',
    })
    .input(c.pluginsConfigureInput)
    .output(c.settingOut)
    .mutation(({ ctx, input }) => configurePlugin(kernelContext(ctx.db, ctx.secrets, ctx.actor, ctx.scope), input)),
  configureDeployment: procedure
    .meta({ permission: 'kernel.plugins.manage', scope: 'city', summary: '为整个部署启用、停用或配置插件（记入审计）' })
    .input(c.settingInput)
    .output(c.settingOut)
    .mutation(({ ctx, input }) =>
      configurePlugin(kernelContext(ctx.db, ctx.secrets, ctx.actor, ctx.scope), { ...input, orgId: null }),
    ),
  runScan: procedure
    .meta({
      permission: 'kernel.plugins.scan',
      scope: 'city',
      summary: '运行插件的规则扫描：发现的违约只生成草稿记录，由录入员核实后提交',
    })
    .input(c.pluginsRunScanInput)
    .output(c.pluginsRunScanOutput)
    .mutation(({ ctx, input }) => {
      const today = kernelContext(ctx.db, ctx.secrets).today();
      if (input.day && input.day > today)
        throw new AppError(
          'BAD_REQUEST',
          'SCAN_DAY_IN_FUTURE',
          `扫描日期不能晚于今天（${today}）`,
          `The scan day cannot be after today (${today})`,
          'day',
        );
      return runPluginScan(ctx.db, ctx.secrets, requirePlugin(input.pluginId).id, input.day ?? today);
    }),
  scanSubtree: procedure
    .meta({
      permission: 'kernel.plugins.scan',
      scope: 'list',
      summary: '对本辖区运行插件的规则扫描（只为本辖区的单位和人员生成草稿，返回这些草稿）',
    })
    .input(c.pluginsScanSubtreeInput)
    .output(c.pluginsScanSubtreeOutput)
    .mutation(({ ctx, input }) => {
      const plugin = requirePlugin(input.pluginId);
      if (!plugin.daily)
        throw new AppError(
          'BAD_REQUEST',
          'PLUGIN_HAS_NO_SCAN',
          `插件“${plugin.label.zh}”没有规则扫描`,
          `Plugin ${plugin.id} has no scan`,
          'pluginId',
        );
      return runPluginScanWithin(ctx.db, ctx.secrets, plugin.id, kernelContext(ctx.db, ctx.secrets).today(), ctx.scope);
    }),
  indicatorValues: procedure
    .meta({ permission: 'kernel.plugins.read', scope: 'list', summary: '插件提供的评价指标在本辖区各单位的取值' })
    .input(c.pluginsIndicatorValuesInput)
    .output(c.pluginsIndicatorValuesOutput)
    .query(async ({ ctx, input }) => {
      const plugin = requirePlugin(input.pluginId);
      const indicator = plugin.indicators.find((i) => i.key === input.indicator);
      if (!indicator)
        throw new AppError(
          'NOT_FOUND',
          'INDICATOR_NOT_FOUND',
          `插件没有指标“${input.indicator}”`,
          `No indicator ${input.indicator}`,
          'indicator',
        );
      const orgs = await rows<{ id: string; name: string }>(
        ctx.db,
        sql`select id::text, name from kernel.org_unit o where o.level = ${input.level} and ${scopeSql(ctx.scope, sql`o.path`)} order by o.path`,
      );
      const values = new Map(
        (await indicator.compute(ctx.db, { year: input.year, orgIds: orgs.map((o) => o.id) })).map((v) => [v.orgId, v]),
      );
      return orgs.flatMap((o) => {
        const v = values.get(o.id);
        return v ? [{ ...v, orgName: o.name }] : [];
      });
    }),
});
