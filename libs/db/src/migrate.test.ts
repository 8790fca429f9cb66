import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { rows } from './engine';
import { migrate, type MigrationOwner } from './migrate';
import { createTestDatabase, testEngines, type TestDatabase } from './testing';
import { sql } from 'drizzle-orm';

/** Writes a drizzle-style migrations folder (journal + SQL files) for a made-up owner. */
function owner(name: string, statements: string[][], when = 1_700_000_000_000): MigrationOwner {
  const dir = mkdtempSync(join(tmpdir(), `mig-${name}-`));
  mkdirSync(join(dir, 'meta'));
  const entries = statements.map((_, i) => ({
    idx: i,
    version: '7',
    when: when + i * 1000,
    tag: `${String(i).padStart(4, '0')}_m`,
    breakpoints: true,
  }));
  writeFileSync(join(dir, 'meta', '_journal.json'), JSON.stringify({ version: '7', dialect: 'postgresql', entries }));
  statements.forEach((s, i) =>
    writeFileSync(join(dir, `${entries[i]!.tag}.sql`), s.join('\n--> statement-breakpoint\n')),
  );
  return { owner: name, schema: name, migrationsFolder: dir };
}

describe.each(testEngines())('migration runner on %s', (engine) => {
  let database: TestDatabase | undefined;
  afterEach(async () => database?.dispose());

  it('keeps one ledger per owner in its own schema and applies each migration once', async () => {
    database = await createTestDatabase(engine);
    const a = owner('owner_a', [['create table owner_a.t (id int)'], ['alter table owner_a.t add column name text']]);
    const b = owner('owner_b', [['create table owner_b.u (id int)']]);
    const first = await migrate(database, [a, b]);
    expect(first).toEqual([
      { owner: 'owner_a', applied: 2, total: 2 },
      { owner: 'owner_b', applied: 1, total: 1 },
    ]);
    const again = await migrate(database, [a, b]);
    expect(again.map((r) => r.applied)).toEqual([0, 0]);
    const ledgers = await rows<{ table_schema: string }>(
      database.db,
      sql`select table_schema from information_schema.tables where table_name = '__migrations' order by 1`,
    );
    expect(ledgers.map((l) => l.table_schema)).toEqual(['owner_a', 'owner_b']);
  });

  it('two runners starting together migrate once (advisory lock)', async () => {
    database = await createTestDatabase(engine);
    const a = owner('owner_c', [['create table owner_c.t (id int)'], ['insert into owner_c.t values (1)']]);
    const reports = await Promise.all([migrate(database, [a]), migrate(database, [a])]);
    expect(reports.map((r) => r[0]!.applied).sort()).toEqual([0, 2]);
    const [n] = await rows<{ n: number }>(database.db, sql`select count(*)::int as n from owner_c.t`);
    expect(Number(n!.n)).toBe(1);
  });

  it('refuses a folder whose migration timestamps do not increase', async () => {
    database = await createTestDatabase(engine);
    const bad = owner('owner_d', [['select 1'], ['select 2']]);
    const journal = join(bad.migrationsFolder, 'meta', '_journal.json');
    writeFileSync(
      journal,
      JSON.stringify({
        version: '7',
        dialect: 'postgresql',
        entries: [
          { idx: 0, version: '7', when: 2000, tag: '0000_m', breakpoints: true },
          { idx: 1, version: '7', when: 1000, tag: '0001_m', breakpoints: true },
        ],
      }),
    );
    await expect(migrate(database, [bad])).rejects.toThrow(/not newer/);
  });

  it('a failing migration leaves nothing applied', async () => {
    database = await createTestDatabase(engine);
    const broken = owner('owner_e', [['create table owner_e.t (id int)', 'select no_such_function()']]);
    await expect(migrate(database, [broken])).rejects.toThrow();
    const [t] = await rows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from information_schema.tables where table_schema = 'owner_e' and table_name = 't'`,
    );
    expect(Number(t!.n)).toBe(0);
  });
});
