import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '@chengxin/db';
import type { TestDatabase } from '@chengxin/db/testing';
import { sql } from 'drizzle-orm';
import { checkIdNumber, checkUscc } from '../identifiers';
import { revealIdNumber, TEST_SECRETS } from '../secrets';
import { migratedTestDatabase, testEngines } from '../testing';
import { isDatabaseEmpty, seedDemo } from './index';

describe.each(testEngines())('demo data on %s', (engine) => {
  let database: TestDatabase;
  let summary: Awaited<ReturnType<typeof seedDemo>>;
  beforeAll(async () => {
    database = await migratedTestDatabase(engine);
    expect(await isDatabaseEmpty(database.db)).toBe(true);
    summary = await seedDemo(database.db, TEST_SECRETS, { records: 400, persons: 1200 });
  });
  afterAll(async () => database?.dispose());

  it("has Tianjin's 16 districts, each with streets or townships and departments", async () => {
    const districts = await rows<{ name: string; area_code: string; streets: number; depts: number }>(database.db, sql`
      select d.name, d.area_code,
        (select count(*)::int from kernel.org_unit s where s.parent_id = d.id and s.level = 'street') as streets,
        (select count(*)::int from kernel.org_unit s where s.parent_id = d.id and s.kind = 'department') as depts
      from kernel.org_unit d where d.level = 'district' and d.kind = 'government' order by d.area_code`);
    expect(districts).toHaveLength(16);
    expect(districts[2]).toMatchObject({ name: '天津市河西区人民政府', area_code: '120103' });
    for (const d of districts) expect(d.streets > 0 && d.depts > 0).toBe(true);
    expect(await isDatabaseEmpty(database.db)).toBe(false);
  });

  it('gives every body a valid credit code and every person a valid, protected ID number', async () => {
    const codes = await rows<{ uscc: string }>(database.db, sql`select uscc from kernel.org_unit`);
    expect(codes.every((c) => { const r = checkUscc(c.uscc); return r.ok && !r.warning; })).toBe(true);
    const people = await rows<{ c: string; m: string }>(database.db, sql`select id_number_cipher as c, id_number_masked as m from kernel.person limit 200`);
    for (const p of people) {
      const id = revealIdNumber(TEST_SECRETS, p.c);
      expect(checkIdNumber(id).ok).toBe(true);
      expect(p.m).toBe(`${id.slice(0, 4)}**********${id.slice(14)}`);
    }
  });

  it('has records in every lifecycle state, over every kernel type and severity', async () => {
    const states = await rows<{ status: string }>(database.db, sql`select distinct status from kernel.credit_record order by 1`);
    expect(states.map((s) => s.status)).toEqual(['approved', 'archived', 'draft', 'expired', 'published', 'repaired', 'revoked', 'submitted']);
    const types = await rows<{ type_key: string }>(database.db, sql`select distinct type_key from kernel.credit_record order by 1`);
    expect(types.map((t) => t.type_key)).toEqual(['accountability', 'administrative_penalty', 'disciplinary_sanction', 'judicial_judgment']);
    const severities = await rows<{ severity: string }>(database.db, sql`select distinct severity from kernel.credit_record_version order by 1`);
    expect(severities.map((s) => s.severity)).toEqual(['minor', 'ordinary', 'serious']);
    expect(Object.values(summary.records).reduce((a, b) => a + b, 0)).toBe(400);
  });

  it('is deterministic: the same names and codes on every run', async () => {
    const again = await migratedTestDatabase(engine);
    try {
      await seedDemo(again.db, TEST_SECRETS, { records: 10, persons: 50 });
      const a = await rows<{ name: string; uscc: string }>(database.db, sql`select name, uscc from kernel.org_unit order by uscc limit 20`);
      const b = await rows<{ name: string; uscc: string }>(again.db, sql`select name, uscc from kernel.org_unit order by uscc limit 20`);
      expect(b).toEqual(a);
    } finally {
      await again.dispose();
    }
  });
});
