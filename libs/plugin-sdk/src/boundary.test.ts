/**
 * The plugin boundary (docs/PLUGINS.md, "What a plugin may read"): a plugin reads kernel data only through this SDK —
 * its functions and the read-only `kernel_api` views — and never names a kernel table, so the kernel can change its
 * tables without breaking a plugin. This scans every plugin's source (tests included: they are plugin code too) and
 * migrations, and its package.json.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const PLUGINS = join(ROOT, 'plugins');

/**
 * Plugin migrations written before the boundary was enforced that name kernel tables. They have run on deployed
 * databases, so they stay as they are (a migration is history, never edited); any NEW migration must not name the
 * kernel. Empty today: when the boundary was made total no plugin migration named a kernel table (the plugins keep kernel
 * ids in plain uuid columns without foreign keys), so every migration is checked. Entries look like
 * 'plugins/<id>/migrations/0000_init.sql'.
 */
const GRANDFATHERED_MIGRATIONS: readonly string[] = [];

/** Every object the kernel's migrations create in the `kernel` schema (tables, functions, triggers, indexes). */
function kernelObjectNames(): string[] {
  const folder = join(ROOT, 'libs', 'kernel', 'migrations');
  const names = new Set<string>();
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.sql'))) {
    for (const m of readFileSync(join(folder, file), 'utf8').matchAll(
      /"kernel"\."([a-z_0-9]+)"|\bkernel\.([a-z_0-9]+)/g,
    ))
      names.add((m[1] ?? m[2])!);
  }
  return [...names].sort((a, b) => b.length - a.length);
}

function filesUnder(dir: string, keep: (path: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules') return [];
    return statSync(path).isDirectory() ? filesUnder(path, keep) : keep(path) ? [path] : [];
  });
}

interface Violation {
  file: string;
  line: number;
  text: string;
  why: string;
}

/**
 * What the boundary refuses in one file. In source, `kernel.<name>` counts only when not preceded by a dot or a name
 * (`caller.kernel.records.list()` is a call of the kernel's router, not SQL); in SQL every `kernel.` reference counts.
 */
function violations(file: string, text: string, kernelNames: readonly string[]): Violation[] {
  const sqlFile = file.endsWith('.sql');
  const table = new RegExp(`(?<![\\w.$])"?kernel"?\\s*\\.\\s*"?(?:${kernelNames.join('|')})\\b`);
  const quoted = /"kernel"\s*\./;
  const anyKernel = /\bkernel\s*"?\s*\.|"kernel"/;
  const kernelImport = /(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"]@chengxin\/kernel(?:\/[^'"]*)?['"]/;
  const writeThroughView = /\b(?:insert\s+into|update|delete\s+from)\s+kernel_api\s*\./i;
  const out: Violation[] = [];
  text.split('\n').forEach((line, i) => {
    const add = (why: string) => out.push({ file, line: i + 1, text: line.trim(), why });
    if (sqlFile ? anyKernel.test(line) : table.test(line) || quoted.test(line))
      add('names a kernel table (read kernel_api views or SDK functions)');
    if (!sqlFile && kernelImport.test(line)) add('imports @chengxin/kernel (plugins import only @chengxin/plugin-sdk)');
    if (writeThroughView.test(line))
      add('writes through a kernel_api view (they are read-only; write through the SDK)');
  });
  return out;
}

const pluginIds = existsSync(PLUGINS)
  ? readdirSync(PLUGINS).filter((p) => existsSync(join(PLUGINS, p, 'package.json')))
  : [];

describe('the plugin boundary', () => {
  const names = kernelObjectNames();

  it('knows the kernel tables it guards, and finds the plugins', () => {
    expect(names).toEqual(
      expect.arrayContaining([
        'org_unit',
        'person',
        'tenure',
        'post',
        'credit_record',
        'credit_record_version',
        'audit_log',
      ]),
    );
    expect(pluginIds.length).toBeGreaterThan(0);
  });

  it('refuses what it should and lets router calls pass (the scanner itself)', () => {
    const hits = (file: string, text: string) => violations(file, text, names).map((v) => v.why);
    expect(hits('x.ts', 'sql`select 1 from kernel.org_unit o`')).toHaveLength(1);
    expect(hits('x.ts', 'sql`select 1 from "kernel"."person"`')).toHaveLength(1);
    expect(hits('x.ts', "import { audit } from '@chengxin/kernel';")).toHaveLength(1);
    expect(hits('x.ts', "const t = await import('@chengxin/kernel/testing');")).toHaveLength(1);
    expect(hits('x.ts', 'sql`update kernel_api.org_unit set name = ${n}`')).toHaveLength(1);
    expect(
      hits(
        '0001_x.sql',
        'ALTER TABLE "p"."t" ADD CONSTRAINT "f" FOREIGN KEY ("org_id") REFERENCES "kernel"."org_unit"("id");',
      ),
    ).toHaveLength(1);
    expect(hits('x.ts', "await h.caller('admin').kernel.persons.create({ name })")).toEqual([]);
    expect(hits('x.ts', 'sql`select path from kernel_api.org_unit where id = ${id}`')).toEqual([]);
    expect(hits('x.ts', "import { sql } from '@chengxin/plugin-sdk';")).toEqual([]);
  });

  it.each(pluginIds)('%s reads the kernel only through the SDK', (id) => {
    const dir = join(PLUGINS, id);
    const source = filesUnder(join(dir, 'src'), (p) => /\.(?:ts|tsx|mts|js|mjs)$/.test(p));
    const migrations = filesUnder(join(dir, 'migrations'), (p) => p.endsWith('.sql')).filter(
      (p) => !GRANDFATHERED_MIGRATIONS.includes(relative(ROOT, p)),
    );
    const found = [...source, ...migrations].flatMap((file) =>
      violations(relative(ROOT, file), readFileSync(file, 'utf8'), names),
    );
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<
      string,
      Record<string, string> | undefined
    >;
    for (const field of ['dependencies', 'devDependencies', 'peerDependencies']) {
      if (manifest[field]?.['@chengxin/kernel'])
        found.push({
          file: relative(ROOT, join(dir, 'package.json')),
          line: 0,
          text: field,
          why: 'depends on @chengxin/kernel',
        });
    }
    expect(found.map((v) => `${v.file}:${v.line} ${v.why}: ${v.text.slice(0, 160)}`)).toEqual([]);
  });

  it('the grandfathered migrations exist (a stale entry would hide nothing and mislead)', () => {
    for (const path of GRANDFATHERED_MIGRATIONS) expect(existsSync(join(ROOT, path)), path).toBe(true);
  });
});
