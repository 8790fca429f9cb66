/**
 * `npm run bench:evaluation` — the district evaluation and the whole-tree roll-up over N credit records (default
 * 1,000,000) on the Tianjin demo tree, on PostgreSQL and PGlite, each next to a baseline in the same run: the same
 * indicator values by one plain GROUP BY (no contributions stored, no ranking), and the same record counts by one
 * plain GROUP BY. Writes its section of docs/BENCHMARKS.md.
 *   npm run bench:evaluation -- --records 1000000 --engines postgres,pglite
 */
import { generateKeyPairSync } from 'node:crypto';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { migrate, rows, type Database } from '@chengxin/db';
import { deriveSecrets, kernelContext, systemActor, today } from '@chengxin/kernel';
import { rollup, runEvaluation, saveScheme, schemeTemplate } from '@chengxin/kernel';
import { seedDemo } from '@chengxin/demo';
import { MIGRATION_OWNERS } from '@chengxin/server';
import { sql } from 'drizzle-orm';
import { openBenchEngine } from './engine';
import { BENCHMARKS_FILE, writeSection } from './sections';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const RECORDS = Number(arg('records', '1000000'));
const ENGINES = arg('engines', 'postgres,pglite').split(',');
const WORK = join(import.meta.dirname, '..', '.work');
const secrets = deriveSecrets(Buffer.alloc(32, 7), {
  signingKey: generateKeyPairSync('ed25519').privateKey,
  trustedPublicKeys: [],
});
const log = (line: string) => process.stdout.write(`${line}\n`);
const DAY = today();
const YEAR = Number(DAY.slice(0, 4));

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const value = await fn();
  return [value, performance.now() - t0];
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** N records spread over every body, in every state, severity and the last three years; inserted by SQL in chunks. */
async function generateRecords(database: Database, n: number): Promise<void> {
  const chunk = 250_000;
  for (let start = 1; start <= n; start += chunk) {
    const end = Math.min(n, start + chunk - 1);
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`with o as (select array_agg(id order by path) as ids from kernel.org_unit)
        insert into kernel.credit_record (id, subject_kind, org_id, type_key, polarity, status, current_version, source_system, source_id)
        select gen_random_uuid(), 'org', o.ids[1 + ((g::bigint * 7919) % array_length(o.ids, 1))::int], case when g % 10 = 0 then 'commendation' else 'administrative_penalty' end,
          case when g % 10 = 0 then 'commendation' else 'dishonesty' end,
          (array['approved', 'published', 'expired', 'repaired', 'revoked', 'archived', 'draft', 'submitted', 'published', 'published'])[1 + g % 10], 1, 'bench', 'b' || g
        from generate_series(${start}::int, ${end}::int) g, o`);
      await tx.execute(sql`insert into kernel.credit_record_version (record_id, version, severity, facts, legal_basis, decision_no, decision_date, effective_date, issuing_authority, disclosure_scope, content_hash)
        select r.id, 1, (array['minor', 'ordinary', 'serious'])[1 + (substr(r.source_id, 2)::int % 3)], '基准数据', '基准依据', r.source_id, d.day, d.day, '基准机关', 'public', md5(r.source_id)
        from kernel.credit_record r cross join lateral (select (${DAY}::date - (substr(r.source_id, 2)::int % 1095))::date as day) d
        where r.source_system = 'bench' and substr(r.source_id, 2)::int between ${start} and ${end}`);
    });
  }
  await database.db.execute(sql`analyze`);
}

interface Result {
  engine: string;
  records: number;
  runMs: number;
  baselineMs: number;
  bodies: number;
  streetRunMs: number;
  streets: number;
  rollupMs: number;
  rollupBaselineMs: number;
}

async function runEngine(kind: string): Promise<Result> {
  const database = await openBenchEngine(
    kind,
    kind === 'postgres' ? 'chengxin_bench_evaluation' : 'pglite-evaluation',
    WORK,
    4,
  );
  try {
    await migrate(database, MIGRATION_OWNERS);
    await seedDemo(database.db, secrets, { records: 0, persons: 500 });
    const [, genMs] = await timed(() => generateRecords(database, RECORDS));
    log(`  ${kind}: generated ${RECORDS.toLocaleString('en')} records in ${(genMs / 1000).toFixed(1)} s`);
    const ctx = kernelContext(database.db, secrets, systemActor('01900000-0000-7000-8000-0000000000b2', 'bench'));
    const kernelOnly = (level: 'district' | 'street') => {
      const t = schemeTemplate(YEAR, level);
      return { ...t, indicators: t.indicators.filter((i) => i.key.startsWith('kernel.')) };
    };
    const district = await saveScheme(ctx, kernelOnly('district'));
    const street = await saveScheme(ctx, kernelOnly('street'));
    const runs: number[] = [];
    let bodies = 0;
    for (let i = 0; i < 3; i++) {
      const [run, ms] = await timed(() => runEvaluation(ctx, district.id));
      runs.push(ms);
      bodies = run.bodies;
    }
    const [streetRun, streetRunMs] = await timed(() => runEvaluation(ctx, street.id));
    // Baseline: the two record indicators' values per district by one GROUP BY, nothing stored or ranked.
    const baselines: number[] = [];
    for (let i = 0; i < 3; i++) {
      baselines.push(
        (
          await timed(() =>
            rows(
              database.db,
              sql`with b as (select id from kernel.org_unit where level = 'district' and kind = 'government'),
        m as (select o.id as org_id, b.id as body_id from kernel.org_unit o cross join lateral unnest(string_to_array(o.path, '/')) s(seg) join b on b.id::text = s.seg)
        select m.body_id, sum(case when r.polarity = 'dishonesty' then (case r.severity when 'minor' then 1 when 'ordinary' then 3 else 10 end) * power(0.5, ${YEAR} - extract(year from r.decision_date)::int) else 0 end),
          count(*) filter (where r.polarity = 'commendation' and r.decision_date >= ${`${YEAR}-01-01`}::date)
        from kernel.current_record r
        join m on m.org_id = r.org_id
        where r.status in ('approved', 'published', 'expired', 'repaired', 'archived') and r.decision_date > ${`${YEAR - 3}-12-31`}::date
        group by m.body_id`,
            ),
          )
        )[1],
      );
    }
    const rollups: number[] = [];
    const rollupBaselines: number[] = [];
    for (let i = 0; i < 3; i++) {
      rollups.push((await timed(() => rollup(database.db, { groupBy: 'child' }, DAY)))[1]);
      rollupBaselines.push(
        (
          await timed(() =>
            rows(
              database.db,
              sql`select split_part(o.path, '/', 2) as grp, r.status, r.severity, r.type_key, count(*)
        from kernel.current_record r join kernel.org_unit o on o.id = r.org_id
        group by 1, 2, 3, 4`,
            ),
          )
        )[1],
      );
    }
    return {
      engine: kind,
      records: RECORDS,
      runMs: median(runs),
      baselineMs: median(baselines),
      bodies,
      streetRunMs,
      streets: streetRun.bodies,
      rollupMs: median(rollups),
      rollupBaselineMs: median(rollupBaselines),
    };
  } finally {
    await database.close();
  }
}

function section(results: Result[]): string {
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}`;
  const f = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`);
  return [
    '## Evaluation and roll-up',
    '',
    `Run ${DAY} on ${machine}: \`npm run bench:evaluation -- --records ${RECORDS}\`. The demo tree (836 bodies) with ${RECORDS.toLocaleString('en')} records spread over`,
    "every body, state, severity and the last three years. Run = `runEvaluation` of the template's seven kernel indicators for the 16 district",
    'governments (median of 3): every contribution written to `evaluation_contribution` by INSERT … SELECT, values aggregated, scored, ranked, the',
    "inputs digest computed, scores stored, audited — in one transaction. Baseline = the two record indicators' values per district by one plain",
    'GROUP BY (nothing stored, no processes, no ranking). Roll-up = `rollup` of the whole city by district (records by status, severity and type,',
    'overdue processes, coverage; median of 3); baseline = the record counts alone by one GROUP BY. Goal: an evaluation run ≤ 10 s.',
    `Machine load when the section was written (load average 1 / 5 / 15 min, 2 cores shared with other work): ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')}.`,
    '',
    '| engine | records | district run (bodies) | baseline GROUP BY | street run (bodies) | roll-up | baseline GROUP BY |',
    '|---|---|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.engine} | ${r.records.toLocaleString('en')} | ${f(r.runMs)} (${r.bodies}) | ${f(r.baselineMs)} | ${f(r.streetRunMs)} (${r.streets}) | ${f(r.rollupMs)} | ${f(r.rollupBaselineMs)} |`,
    ),
  ].join('\n');
}

async function main() {
  log(`Chengxin evaluation benchmark: ${RECORDS.toLocaleString('en')} records, engines ${ENGINES.join(', ')}`);
  const results: Result[] = [];
  for (const e of ENGINES) results.push(await runEngine(e));
  log(`\n${writeSection('evaluation', section(results))}`);
  log(`written to ${BENCHMARKS_FILE}`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
