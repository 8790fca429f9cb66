/**
 * `npm run new-plugin <id>`: scaffolds plugins/<id> — contract, table, migration, router, definePlugin, admin pages
 * and a harness test that passes as generated — for a sector agency's developer to grow into their own plugin.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const PLUGIN_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

export interface GenerateOptions {
  id: string;
  /** Chinese name shown in menus, e.g. 招标投标. */
  nameZh?: string;
  nameEn?: string;
  /** Where to write; defaults to plugins/<id> under the workspace root. */
  dir?: string;
  root: string;
}

const camel = (id: string) => id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

export function generatePlugin(o: GenerateOptions): string {
  if (
    !PLUGIN_ID.test(o.id) ||
    ['kernel', 'public', 'admin', 'api', 'trpc', 'audit', 'chengxin', 'kernel-api'].includes(o.id)
  ) {
    throw new Error(
      `plugin id "${o.id}" must be lower-case letters, digits and dashes (e.g. bidding, investment-promises), and not reserved`,
    );
  }
  const dir = o.dir ?? join(o.root, 'plugins', o.id);
  if (existsSync(dir)) throw new Error(`${dir} already exists`);
  const up = relative(dir, o.root) || '.';
  const schema = o.id.replace(/-/g, '_');
  const name = camel(o.id);
  const zh = o.nameZh ?? o.id;
  const en = o.nameEn ?? o.id;
  // The generated code imports drizzle-orm and zod itself, so it declares them at the workspace's pinned versions.
  const pinned = (
    JSON.parse(readFileSync(join(o.root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }
  ).dependencies;
  const files: Record<string, string> = {
    'package.json': `${JSON.stringify(
      {
        name: `@chengxin/plugin-${o.id}`,
        version: '0.1.0',
        private: true,
        type: 'module',
        exports: {
          '.': './src/server/plugin.ts',
          './contract': './src/contract.ts',
          './admin': './src/admin/index.ts',
        },
        scripts: {
          lint: `eslint --max-warnings 0 -c ${up}/tools/eslint/eslint.config.mjs src package.json`,
          typecheck: 'tsc -p tsconfig.json --noEmit',
          test: 'vitest run',
        },
        dependencies: { '@chengxin/plugin-sdk': '0.1.0', 'drizzle-orm': pinned['drizzle-orm'], zod: pinned['zod'] },
        nx: { tags: ['type:plugin'] },
      },
      null,
      2,
    )}\n`,
    'tsconfig.json': `{ "extends": "${up}/tsconfig.base.json", "include": ["src/**/*.ts"] }\n`,
    'vitest.config.ts': `import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: '${o.id}', include: ['src/**/*.test.ts'], setupFiles: ['${up}/tools/scripts/test-setup.ts'], testTimeout: 60_000, hookTimeout: 120_000, env: { NODE_ENV: 'test' } },
});
`,
    'drizzle.config.ts': `import { defineConfig } from 'drizzle-kit';

export default defineConfig({ dialect: 'postgresql', schema: './src/server/schema.ts', out: './migrations', schemaFilter: ['${schema}'] });
`,
    'src/contract.ts': `/** The ${zh} plugin's isomorphic contract: schemas, labels, forms and menu (browser-safe). */
import { bilingual, fen, id, label, z, type PluginForm, type PluginNavEntry } from '@chengxin/plugin-sdk/contract';

export const PLUGIN_ID = '${o.id}';

export const itemInput = z.object({
  orgId: id,
  title: z.string().trim().min(1, bilingual('名称不能为空', 'title is required')).max(300),
  amountFen: fen,
});
export const itemOut = itemInput.extend({ id, orgName: z.string(), createdAt: z.string() });

/** Per-agency settings; every field needs a default. Mark values that are not statute as settings in docs. */
export const config = z.object({ reviewDays: z.number().int().min(1).max(90).default(15) });

export const FORMS: Record<string, PluginForm> = {
  item: { title: label('登记${zh}事项', 'Register an item'), schema: itemInput, ui: { orgId: { label: label('单位', 'Body'), widget: 'org' }, title: { label: label('名称', 'Title') }, amountFen: { label: label('金额', 'Amount'), widget: 'money' } } },
};

export const NAV: PluginNavEntry[] = [{ key: 'items', label: label('${zh}事项', 'Items'), path: 'items', permission: '${o.id}.items.read' }];
`,
    'src/server/schema.ts': `import { bigint, index, pgSchema, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** The plugin's own Postgres schema: its tables reference kernel ids, never another plugin's tables. */
export const ${name}Schema = pgSchema('${schema}');

export const item = ${name}Schema.table('item', {
  id: uuid('id').primaryKey(),
  orgId: uuid('org_id').notNull(),
  title: text('title').notNull(),
  amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  createdBy: uuid('created_by'),
}, (t) => [index('item_org_idx').on(t.orgId)]);
`,
    'src/server/items.ts': `import { badInput, newId, orgInScope, orgsById, rows, sql, type PluginServices, type Queryable } from '@chengxin/plugin-sdk';
import type { z } from 'zod';
import type { itemInput, itemOut } from '../contract';
import { item } from './schema';

type ItemOut = z.infer<typeof itemOut>;
const COLUMNS = sql\`i.id::text, i.org_id::text as "orgId", o.name as "orgName", i.title, i.amount_fen::bigint as "amountFen", to_json(i.created_at)#>>'{}' as "createdAt"\`;

export async function createItem(s: PluginServices, db: Queryable, input: z.infer<typeof itemInput>): Promise<ItemOut> {
  if (!(await orgsById(db, [input.orgId])).has(input.orgId)) throw badInput('ORG_NOT_FOUND', 'orgId', '单位不存在', 'No such org unit');
  const id = newId();
  await s.write(async (tx, audit) => {
    await tx.insert(item).values({ id, ...input, createdBy: s.actor?.id ?? null });
    await audit('${o.id}.item.create', '${o.id}.item', id, { orgId: input.orgId, amountFen: input.amountFen });
  });
  const [row] = await rows<ItemOut>(db, sql\`select \${COLUMNS} from ${schema}.item i join kernel_api.org_unit o on o.id = i.org_id where i.id = \${id}\`);
  return { ...row!, amountFen: Number(row!.amountFen) };
}

export async function listItems(s: PluginServices, db: Queryable, limit: number): Promise<ItemOut[]> {
  const list = await rows<ItemOut>(db, sql\`select \${COLUMNS} from ${schema}.item i join kernel_api.org_unit o on o.id = i.org_id where \${orgInScope(s.scope, sql\`i.org_id\`)} order by i.id desc limit \${limit}\`);
  return list.map((r) => ({ ...r, amountFen: Number(r.amountFen) }));
}
`,
    'src/server/router.ts': `import { pluginRouter, procedureFor, services } from '@chengxin/plugin-sdk';
import { z } from '@chengxin/plugin-sdk/contract';
import { itemInput, itemOut, PLUGIN_ID } from '../contract';
import { createItem, listItems } from './items';

const procedure = procedureFor(PLUGIN_ID);

export const ${name}Router = pluginRouter({
  items: pluginRouter({
    create: procedure.meta({ permission: '${o.id}.items.write', scope: 'subject', subjects: (i) => [{ kind: 'org', id: i?.orgId }], summary: '登记事项' })
      .input(itemInput).output(itemOut)
      .mutation(({ ctx, input }) => createItem(services(ctx), ctx.db, input)),
    list: procedure.meta({ permission: '${o.id}.items.read', scope: 'list', summary: '本辖区的事项' })
      .input(z.object({ limit: z.number().int().min(1).max(200).default(50) })).output(z.array(itemOut))
      .query(({ ctx, input }) => listItems(services(ctx), ctx.db, input.limit)),
  }),
});
`,
    'src/server/plugin.ts': `import { fileURLToPath } from 'node:url';
import { definePlugin, label } from '@chengxin/plugin-sdk';
import { config, FORMS, NAV, PLUGIN_ID } from '../contract';
import { ${name}Router } from './router';

export const ${name}Plugin = definePlugin({
  id: PLUGIN_ID,
  version: '0.1.0',
  label: label('${zh}', '${en}'),
  description: label('${zh}插件', '${en} plugin'),
  permissions: {
    '${o.id}.items.read': label('查看${zh}事项', 'Read items'),
    '${o.id}.items.write': label('登记${zh}事项', 'Register items'),
  },
  roles: { officer: ['${o.id}.items.read', '${o.id}.items.write'], reviewer: ['${o.id}.items.read'], viewer: ['${o.id}.items.read'], auditor: ['${o.id}.items.read'] },
  config,
  migrationsFolder: fileURLToPath(new URL('../../migrations', import.meta.url)),
  forms: FORMS,
  nav: NAV,
  router: ${name}Router,
});
`,
    'src/server/plugin.int.test.ts': `import { createPluginHarness, testEngines, type PluginHarness } from '@chengxin/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ${name}Plugin } from './plugin';

const codeOf = (e: unknown) => (e as { cause?: { appCode?: string } }).cause?.appCode ?? (e as { code?: string }).code;

describe.each(testEngines())('${o.id} plugin on %s', (engine) => {
  let h: PluginHarness<typeof ${name}Plugin.router>;
  beforeAll(async () => { h = await createPluginHarness(${name}Plugin, engine); });
  afterAll(async () => h.dispose());

  it('refuses changes until an admin enables it', async () => {
    const officer = h.caller('officer', { scopeOrgId: h.fixture.hexi });
    const error = await officer.plugin.items.create({ orgId: h.fixture.hexiFinance, title: '示例', amountFen: 100 }).catch((e: unknown) => e);
    expect(codeOf(error)).toBe('PLUGIN_DISABLED');
  });

  it('records an item in one audited transaction and lists it within scope', async () => {
    await h.enable(null);
    const officer = h.caller('officer', { scopeOrgId: h.fixture.hexi });
    const created = await officer.plugin.items.create({ orgId: h.fixture.hexiFinance, title: '示例', amountFen: 100 });
    expect(created).toMatchObject({ title: '示例', amountFen: 100 });
    expect((await officer.plugin.items.list({})).map((i) => i.id)).toContain(created.id);
    expect(await h.caller('viewer', { scopeOrgId: h.fixture.nankai }).plugin.items.list({})).toEqual([]);
  });

  it('refuses bad input naming the field, and another district\\'s body', async () => {
    const officer = h.caller('officer', { scopeOrgId: h.fixture.hexi });
    const bad = await officer.plugin.items.create({ orgId: h.fixture.hexiFinance, title: '', amountFen: -1 }).catch((e: unknown) => e);
    expect(codeOf(bad)).toBe('BAD_REQUEST');
    const out = await officer.plugin.items.create({ orgId: h.fixture.nankai, title: '示例', amountFen: 1 }).catch((e: unknown) => e);
    expect(codeOf(out)).toBe('OUT_OF_SCOPE');
  });
});
`,
    'src/admin/index.ts': `import { defineAdminPlugin } from '@chengxin/plugin-sdk/admin';
import { FORMS, NAV, PLUGIN_ID } from '../contract';

export const ${name}Admin = defineAdminPlugin({ id: PLUGIN_ID, nav: NAV, forms: FORMS, pages: { items: () => import('./pages/items') } });
`,
    'src/admin/pages/items.ts': `import type { AdminPage } from '@chengxin/plugin-sdk/admin';
import { label } from '@chengxin/plugin-sdk/contract';

const page: AdminPage = {
  kind: 'table', title: label('${zh}事项', 'Items'), procedure: '${name}.items.list', createForm: 'item',
  columns: [{ key: 'title', label: label('名称', 'Title') }, { key: 'orgName', label: label('单位', 'Body') }, { key: 'amountFen', label: label('金额', 'Amount'), format: 'money' }],
};
export default page;
`,
    'README.md': `# ${zh} (${o.id})

Generated by \`npm run new-plugin ${o.id}\`. Read docs/PLUGINS.md, then:

1. Grow \`src/contract.ts\` (schemas, forms) and \`src/server/schema.ts\` (tables), then \`npm run db:generate -- <name>\`.
2. Add rules (with their legal sources), record types, a daily scan and indicators in \`src/server/plugin.ts\`.
3. It is registered: \`npm run new-plugin\` added \`${o.id}\` to plugins/registry.json and ran \`npm run plugins:generate\`,
   which mounts it in the AppRouter (libs/api), lists its admin module (apps/admin) and adds the dependencies; run
   \`npm install\` to link it.
4. \`npm test\`.
`,
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  // drizzle-kit writes the first migration and its snapshot; the runner creates the schema first, so make it idempotent.
  execFileSync(
    join(o.root, 'node_modules/.bin/drizzle-kit'),
    ['generate', '--config', 'drizzle.config.ts', '--name', 'init'],
    { cwd: dir, stdio: 'pipe' },
  );
  const migration = join(dir, 'migrations/0000_init.sql');
  writeFileSync(
    migration,
    readFileSync(migration, 'utf8').replace(`CREATE SCHEMA "${schema}";`, `CREATE SCHEMA IF NOT EXISTS "${schema}";`),
  );
  // The templates are not laid out by hand to Prettier's width: format the new plugin so `npm run format:check` passes.
  execFileSync(
    join(o.root, 'node_modules/.bin/prettier'),
    ['--write', '--log-level=warn', '--no-error-on-unmatched-pattern', dir],
    { cwd: o.root, stdio: 'pipe' },
  );
  return dir;
}
