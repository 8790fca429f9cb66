import { subjectPaths, type SubjectRef } from '../access';
import { procedure, forbidden } from '../core';
import { requirePlugin, settingAtPath } from './settings';
import { rows } from '@chengxin/db';
import { sql } from 'drizzle-orm';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The procedure builder a plugin's router is made of: the kernel's one builder (permission, scope, CSRF, rate limit)
 * plus the enablement check. Reads always pass, so a disabled plugin's data stays readable; a change refuses unless the
 * plugin is enabled for every body it touches (or, when it names none, for the caller's own body).
 */
export function pluginProcedure(pluginId: string) {
  return procedure.use(async ({ ctx, next, type, meta, getRawInput }) => {
    if (type !== 'mutation') return next();
    const plugin = requirePlugin(pluginId);
    // Only well-formed ids reach the lookup: a public procedure is not id-checked by authorize, and a malformed id must
    // end as the input validation's error naming the field, not as a failed cast.
    const named = meta?.subjects
      ? ((meta.subjects(await getRawInput()) ?? []).filter(
          (r: SubjectRef) => typeof r.id === 'string' && UUID.test(r.id),
        ) as { kind: SubjectRef['kind']; id: string }[])
      : [];
    let paths: (string | null)[];
    if (named.length > 0) paths = [...(await subjectPaths(ctx.db, named)).values()].flat();
    else if (ctx.actor?.orgId)
      paths = (
        await rows<{ path: string }>(ctx.db, sql`select path from kernel.org_unit where id = ${ctx.actor.orgId}`)
      ).map((r) => r.path);
    else paths = [null];
    for (const path of paths.length > 0 ? paths : [null]) {
      const setting = await settingAtPath(ctx.db, plugin, path || null);
      if (!setting.enabled) {
        throw forbidden(
          'PLUGIN_DISABLED',
          `“${plugin.label.zh}”插件未对该单位启用，已有数据仍可查看，但不能新增或变更`,
          `The ${plugin.label.en} plugin is not enabled for this body; its data stays readable but cannot be changed`,
        );
      }
    }
    return next();
  });
}
