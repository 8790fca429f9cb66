/**
 * `npm run bench:plugins` — the procurement rules over 100,000 contracts (default), on PostgreSQL and PGlite:
 * the plugin's scan (chunked read, every rule in TypeScript on the working-day calendar) next to the same check as one
 * SQL query; both must find the same breaches. Then the daily scan that proposes a draft per breach, and its re-run,
 * which must propose nothing. Writes its section of docs/BENCHMARKS.md.
 *   npm run bench:plugins -- --contracts 100000 --engines postgres,pglite
 */
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { migrate, rows, type Database } from '@chengxin/db';
import {
  configurePlugin,
  deriveSecrets,
  kernelContext,
  loadCalendar,
  runPluginScan,
  systemActor,
  today,
} from '@chengxin/kernel';
import { seedDemo } from '@chengxin/demo';
import { checkContracts } from '@chengxin/plugin-procurement/bench';
import { MIGRATION_OWNERS } from '@chengxin/server';
import { sql } from 'drizzle-orm';
import { openBenchEngine } from './engine';
import { BENCHMARKS_FILE, writeSection } from './sections';
import { generateKeyPairSync } from 'node:crypto';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const CONTRACTS = Number(arg('contracts', '100000'));
const ENGINES = arg('engines', 'postgres,pglite').split(',');
const WORK = join(import.meta.dirname, '..', '.work');
const secrets = deriveSecrets(Buffer.alloc(32, 7), {
  signingKey: generateKeyPairSync('ed25519').privateKey,
  trustedPublicKeys: [],
});
const log = (line: string) => process.stdout.write(`${line}\n`);
const DAY = today();

const openEngine = (kind: string) =>
  openBenchEngine(kind, kind === 'postgres' ? 'chengxin_bench_plugins' : 'pglite-plugins', WORK, 4);

/**
 * 100,000 contracts of the demo departments over three years, with a realistic mix: most signed, accepted and paid on
 * time; a few percent late in each rule. Pseudo-random but deterministic (hashes of the row number).
 */
async function loadContracts(database: Database): Promise<void> {
  const t0 = performance.now();
  await database.db.execute(sql`
    with buyers as (select array_agg(id order by path) as ids from kernel.org_unit where kind = 'department'),
    g as (select i, ((i * 7919) % 1000)::int as r, ((i * 104729) % 997)::int as s from generate_series(1::bigint, ${CONTRACTS}::bigint) i),
    d as (select i, r, s, (${DAY}::date - 60 - ((i * 31) % 1000)::int) as award from g)
    insert into procurement.contract (id, buyer_org_id, title, supplier_name, supplier_uscc, supplier_sme, amount_fen, award_notice_date, signing_date,
      acceptance_deadline, acceptance_date, acceptance_result, delivery_date, payment_term_days)
    select gen_random_uuid(), (select ids[(1 + i % array_length(ids, 1))::int] from buyers), '基准合同' || i, '供应商' || (i % 500), '91120103MA05XK8T4H', r < 800,
      (10000 + s * 1000)::bigint * 100, award,
      case when r % 50 = 7 then award + 45 else award + 10 end,
      case when r % 3 = 0 then award + 40 else null end,
      case when r % 3 <> 0 then null when r % 40 = 3 then award + 52 else award + 35 end,
      case when r % 3 = 0 then 'passed' else null end,
      award + 25, case when r % 10 = 0 then 60 else 30 end
    from d`);
  // One payment per SME contract: on time for most, late for some, none for a few.
  await database.db.execute(sql`
    insert into procurement.payment (id, contract_id, paid_on, amount_fen, voucher_no)
    select gen_random_uuid(), c.id, least(coalesce(c.acceptance_date, c.delivery_date) + case when (abs(hashtext(c.id::text)) % 100) < 6 then 75 else 20 end, ${DAY}::date), c.amount_fen, 'B'
    from procurement.contract c where c.supplier_sme and abs(hashtext(c.id::text || 'p')) % 100 >= 3`);
  await database.db.execute(sql.raw('analyze'));
  log(`  loaded ${CONTRACTS.toLocaleString('en')} contracts with payments in ${Math.round(performance.now() - t0)} ms`);
}

/** The same three rules as one SQL statement; days off (weekends, holidays, minus adjusted working days) passed in. */
async function sqlBreaches(database: Database, daysOff: string[]): Promise<Record<string, number>> {
  const nwd = (x: string) =>
    `(select min(g)::date from generate_series(${x}, ${x} + 40, interval '1 day') g where g::date not in (select d from off))`;
  const [r] = await rows<{ signing: number; acceptance: number; payment: number }>(
    database.db,
    sql`
    with off as materialized (select unnest(${sql.param(daysOff)}::text[]::date[]) as d),
    paid as (select contract_id, paid_on, sum(amount_fen) over (partition by contract_id order by paid_on, id) as cum from procurement.payment where paid_on <= ${DAY}::date),
    base as (
      select c.*, ${sql.raw(nwd('c.award_notice_date + 30'))} as sign_deadline,
        (select min(p.paid_on) from paid p where p.contract_id = c.id and p.cum >= c.amount_fen) as settled,
        case when c.acceptance_deadline is not null then
          case when coalesce(c.acceptance_date > c.acceptance_deadline, ${DAY}::date > c.acceptance_deadline) and c.acceptance_result is distinct from 'failed' then c.acceptance_deadline
               when c.acceptance_date is not null and c.acceptance_result = 'passed' then c.acceptance_date end
        else c.delivery_date end as clock
      from procurement.contract c
    ),
    due as (select b.*, case when b.supplier_sme and b.clock is not null then ${sql.raw(nwd('b.clock + b.payment_term_days'))} end as pay_due from base b)
    select
      count(*) filter (where coalesce(signing_date > sign_deadline, ${DAY}::date > sign_deadline))::int as signing,
      count(*) filter (where acceptance_deadline is not null and coalesce(acceptance_date > acceptance_deadline, ${DAY}::date > acceptance_deadline))::int as acceptance,
      count(*) filter (where pay_due is not null and coalesce(settled > pay_due, ${DAY}::date > pay_due))::int as payment
    from due`,
  );
  return {
    'procurement.signing_30_days': r!.signing,
    'procurement.acceptance_by_deadline': r!.acceptance,
    'procurement.sme_payment_term': r!.payment,
  };
}

interface Result {
  engine: string;
  scanMs: number;
  sqlMs: number;
  breaches: Record<string, number>;
  proposeMs: number;
  drafts: number;
  rerunMs: number;
}

async function runEngine(kind: string): Promise<Result> {
  log(`\n== ${kind} ==`);
  const database = await openEngine(kind);
  try {
    await migrate(database, MIGRATION_OWNERS);
    await seedDemo(database.db, secrets, { records: 0, persons: 200 });
    // The seed's own demo contracts are replaced by the benchmark's.
    for (const statement of [
      "delete from kernel.record_event where record_id in (select id from kernel.credit_record where source_system like '%.rules')",
      "delete from kernel.credit_record_version where record_id in (select id from kernel.credit_record where source_system like '%.rules')",
      "delete from kernel.credit_record where source_system like '%.rules'",
      'delete from procurement.arrears_complaint',
      'delete from procurement.payment',
      'delete from procurement.contract',
    ])
      await database.db.execute(sql.raw(statement));
    await configurePlugin(
      kernelContext(database.db, secrets, systemActor('01900000-0000-7000-8000-00000000b002', 'bench')),
      { pluginId: 'procurement', orgId: null, enabled: true, config: {} },
    );
    await loadContracts(database);
    const cal = await loadCalendar(database.db);

    const t0 = performance.now();
    const breaches: Record<string, number> = {};
    let scanned = 0;
    for await (const chunk of checkContracts(database.db, cal, DAY, async () => 500)) {
      scanned += chunk.length;
      for (const c of chunk) for (const b of c.compliance.breaches) breaches[b] = (breaches[b] ?? 0) + 1;
    }
    const scanMs = performance.now() - t0;
    if (scanned !== CONTRACTS) throw new Error(`scanned ${scanned}, expected ${CONTRACTS}`);

    const first = new Date(`${DAY.slice(0, 4)}-01-01`).getFullYear() - 5;
    const daysOff: string[] = [];
    for (let y = first; y <= first + 6; y++)
      for (let d = new Date(Date.UTC(y, 0, 1)); d.getUTCFullYear() === y; d.setUTCDate(d.getUTCDate() + 1)) {
        const iso = d.toISOString().slice(0, 10);
        if (!cal.isWorkingDay(iso)) daysOff.push(iso);
      }
    const t1 = performance.now();
    const inSql = await sqlBreaches(database, daysOff);
    const sqlMs = performance.now() - t1;
    for (const key of Object.keys(inSql))
      if (inSql[key] !== (breaches[key] ?? 0))
        throw new Error(`${key}: scan found ${breaches[key] ?? 0}, SQL ${inSql[key]}`);
    log(
      `  scan of ${CONTRACTS.toLocaleString('en')} contracts (TypeScript rules): ${Math.round(scanMs)} ms; one SQL query: ${Math.round(sqlMs)} ms; both found ${JSON.stringify(inSql)}`,
    );

    const t2 = performance.now();
    const report = await runPluginScan(database.db, secrets, 'procurement', DAY);
    const proposeMs = performance.now() - t2;
    const t3 = performance.now();
    const again = await runPluginScan(database.db, secrets, 'procurement', DAY);
    const rerunMs = performance.now() - t3;
    if (again.draftsCreated !== 0) throw new Error('the second scan proposed drafts');
    log(
      `  daily scan proposing ${report.draftsCreated.toLocaleString('en')} drafts: ${Math.round(proposeMs)} ms; re-run (nothing new): ${Math.round(rerunMs)} ms`,
    );
    return { engine: kind, scanMs, sqlMs, breaches: inSql, proposeMs, drafts: report.draftsCreated, rerunMs };
  } finally {
    await database.close();
  }
}

function section(results: Result[]): string {
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}`;
  return [
    "## Procurement rules: the plugin's scan vs the same check as one SQL query",
    '',
    `Run ${DAY} on ${machine}: \`npm run bench:plugins -- --contracts ${CONTRACTS}\`. ${CONTRACTS.toLocaleString('en')} contracts of the demo departments over three years`,
    "(about 80 % with SME suppliers; a few percent late in each rule), one payment for most. Scan = the plugin's `checkContracts`: chunks of",
    "2,000 by id, each contract's payments aggregated in the query, the signing, acceptance and SME-payment rules in TypeScript on the",
    'working-day calendar (民法典 §203 shift of period ends). Baseline = the same three rules as one SQL statement, the days off passed in as',
    'an array; both must find the same breaches or the run fails. Proposing = the daily scan creating a draft record (with its version, audit',
    'entry and evidence) per breach; the re-run checks everything again and proposes nothing.',
    '',
    '| engine | contracts | scan (ms) | one SQL query (ms) | scan / SQL | breaches (signing / acceptance / payment) | daily scan proposing drafts | re-run |',
    '|---|---|---|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.engine} | ${CONTRACTS.toLocaleString('en')} | ${Math.round(r.scanMs).toLocaleString('en')} | ${Math.round(r.sqlMs).toLocaleString('en')} | ${(r.scanMs / r.sqlMs).toFixed(2)}× | ${Object.values(
          r.breaches,
        )
          .map((n) => n.toLocaleString('en'))
          .join(
            ' / ',
          )} | ${r.drafts.toLocaleString('en')} drafts in ${(r.proposeMs / 1000).toFixed(1)} s | ${(r.rerunMs / 1000).toFixed(1)} s |`,
    ),
  ].join('\n');
}

async function main() {
  log(`Chengxin plugin benchmark: ${CONTRACTS.toLocaleString('en')} contracts, engines ${ENGINES.join(', ')}`);
  const results: Result[] = [];
  for (const e of ENGINES) results.push(await runEngine(e));
  log(`\n${writeSection('plugin', section(results))}`);
  log(`written to ${BENCHMARKS_FILE}`);
}

main().catch((e: unknown) => {
  const cause = e instanceof Error && e.cause ? `caused by: ${String((e.cause as Error).message ?? e.cause)}\n` : '';
  process.stderr.write(
    `${cause}${e instanceof Error ? e.message.slice(0, 300) : String(e)}\n${
      e instanceof Error
        ? (e.stack ?? '')
            .split('\n')
            .filter((l) => l.includes('    at '))
            .join('\n')
        : ''
    }\n`,
  );
  process.exit(1);
});
