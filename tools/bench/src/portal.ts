/**
 * `npm run bench:portal` — the public portal's two hot reads on PostgreSQL: search (kernel.public.search, two-character
 * and full-name terms and exact credit codes) and a body's integrity page (kernel.public.body), over HTTP with
 * autocannon under 16 concurrent connections against `chengxin start` in its own process, next to the same service
 * queries run directly through the driver (no HTTP, tRPC or JSON) with 16 concurrent callers. Writes its section of
 * docs/BENCHMARKS.md.
 *   npm run bench:portal -- --records 1000000 --bodies 100000 --seconds 20
 *   npm run bench:portal -- --records 100000 --bodies 10000          (a quicker try)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { migrate, openDatabase, rows, type Database } from '@chengxin/db';
import { adminDatabaseUrl } from '@chengxin/db/testing';
import { today } from '@chengxin/kernel';
import { integrityPage, publicSearch } from '@chengxin/kernel';
import { MIGRATION_OWNERS } from '@chengxin/server';
import { sql } from 'drizzle-orm';
import { openBenchEngine } from './engine';
import { writeSection } from './sections';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const RECORDS = Number(arg('records', '1000000'));
const BODIES = Number(arg('bodies', '100000'));
const SECONDS = Number(arg('seconds', '20'));
const CONNECTIONS = 16;
const REUSE = process.argv.includes('--reuse');
async function openReused(): Promise<Database> {
  const url = new URL(adminDatabaseUrl());
  url.pathname = '/chengxin_bench_portal';
  return openDatabase({ databaseUrl: url.toString(), maxConnections: CONNECTIONS });
}
const WORK = join(import.meta.dirname, '..', '.work');
const DAY = today();
const log = (line: string) => process.stdout.write(`${line}\n`);

const DISTRICTS = [
  '和平区',
  '河东区',
  '河西区',
  '南开区',
  '河北区',
  '红桥区',
  '东丽区',
  '西青区',
  '津南区',
  '北辰区',
  '武清区',
  '宝坻区',
  '滨海新区',
  '宁河区',
  '静海区',
  '蓟州区',
];
const SUFFIXES = [
  '人民政府',
  '财政局',
  '教育局',
  '公安分局',
  '民政局',
  '人力资源和社会保障局',
  '住房和城乡建设委员会',
  '城市管理委员会',
  '生态环境局',
  '交通运输局',
  '水务局',
  '农业农村委员会',
  '商务局',
  '文化和旅游局',
  '卫生健康委员会',
  '应急管理局',
  '审计局',
  '市场监督管理局',
  '统计局',
  '医疗保障局',
  '司法局',
  '发展和改革委员会',
  '科学技术局',
  '工业和信息化局',
  '规划和自然资源局',
  '退役军人事务局',
  '体育局',
  '信访办公室',
  '政务服务办公室',
  '友谊路街道办事处',
  '小白楼街道办事处',
  '杨柳青镇人民政府',
  '大港街道办事处',
  '中北镇人民政府',
  '新立街道办事处',
  '王串场街道办事处',
  '体育中心街道办事处',
  '咸阳路街道办事处',
  '果园新村街道办事处',
  '梅江街道办事处',
];
/** Two-character terms (district names), a department term, and full names: what people type. */
const TERMS = [
  '河西',
  '南开',
  '和平',
  '河东',
  '河北',
  '红桥',
  '东丽',
  '西青',
  '津南',
  '北辰',
  '武清',
  '宝坻',
  '滨海',
  '宁河',
  '静海',
  '蓟州',
  '财政',
  '教育局',
  '街道',
  '天津市河西区财政局',
];

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * p))] ?? NaN;
};

/** 100,000 bodies under the 16 districts and 1,000,000 records on them, written by SQL (a read benchmark needs the shape, not the ingest path). */
async function generate(database: Database): Promise<{ usccs: string[]; withRecords: string[] }> {
  const db = database.db;
  const city = randomUUID();
  await db.execute(
    sql`insert into kernel.org_unit (id, parent_id, path, depth, name, uscc, level, kind, area_code) values (${city}, null, ${city}, 0, '天津市人民政府', '111200000000000001', 'city', 'government', '120000')`,
  );
  const districtIds = DISTRICTS.map(() => randomUUID());
  for (const [i, name] of DISTRICTS.entries()) {
    await db.execute(sql`insert into kernel.org_unit (id, parent_id, path, depth, name, uscc, level, kind, area_code, sort_order)
      values (${districtIds[i]!}, ${city}, ${`${city}/${districtIds[i]}`}, 1, ${`天津市${name}人民政府`}, ${`1112${String(i + 1).padStart(13, '0')}X`}, 'district', 'government', ${`1201${String(i + 1).padStart(2, '0')}`}, ${i})`);
  }
  const n = Math.max(0, BODIES - 17);
  for (let from = 0; from < n; from += 50_000) {
    const to = Math.min(n, from + 50_000);
    await db.execute(sql`insert into kernel.org_unit (id, parent_id, path, depth, name, uscc, level, kind, area_code, sort_order)
      select x.id, d.id, d.path || '/' || x.id, 2,
        '天津市' || (${sql.param(DISTRICTS)}::text[])[1 + g % 16] || (${sql.param(SUFFIXES)}::text[])[1 + (g / 16) % ${SUFFIXES.length}::int] || case when g / ${16 * SUFFIXES.length}::int > 0 then '（' || (g / ${16 * SUFFIXES.length}::int)::text || '）' else '' end,
        '1212' || lpad(g::text, 13, '0') || 'Y', case when g % 5 = 0 then 'street' else 'district' end, case when g % 5 = 0 then 'street_office' else 'department' end, d.area_code, g
      from (select g, gen_random_uuid() as id from generate_series(${from + 1}::int, ${to}::int) g) x
      join kernel.org_unit d on d.id = (${sql.param(districtIds)}::uuid[])[1 + g % 16]`);
  }
  const bodies = (
    await rows<{ id: string }>(db, sql`select id::text from kernel.org_unit where depth = 2 order by sort_order`)
  ).map((b) => b.id);
  for (let from = 0; from < RECORDS; from += 100_000) {
    const to = Math.min(RECORDS, from + 100_000);
    await db.execute(sql`with r as (
        insert into kernel.credit_record (id, subject_kind, org_id, type_key, polarity, status, disputed, current_version, source_system, source_id)
        select gen_random_uuid(), 'org', (${sql.param(bodies)}::uuid[])[1 + g % ${bodies.length}::int], case when g % 7 = 0 then 'accountability' else 'administrative_penalty' end, 'dishonesty',
          case when g % 23 = 0 then 'expired' else 'published' end, g % 29 = 0, 1, 'bench', g::text
        from generate_series(${from + 1}::int, ${to}::int) g returning id, source_id
      )
      insert into kernel.credit_record_version (record_id, version, severity, facts, legal_basis, decision_no, decision_date, effective_date, issuing_authority, disclosure_scope,
        publication_start, publication_min_end, publication_max_end, content_hash)
      select r.id, 1, 'ordinary', '未按合同约定期限支付中小企业款项，经督促仍未支付。', '《保障中小企业款项支付条例》第八条', '津罚〔2026〕' || r.source_id || '号', x.d, x.d, '天津市财政局',
        case when r.source_id::int % 10 = 0 then 'government' else 'public' end, x.d, x.d + 90, x.d + 365, 'bench'
      from r cross join lateral (select (${DAY}::date - (case when r.source_id::int % 31 = 0 then 400 else r.source_id::int % 330 end))::date as d) x`);
    log(`  records: ${to.toLocaleString('en')}`);
  }
  await db.execute(sql`analyze`);
  return samples(database);
}

async function samples(database: Database): Promise<{ usccs: string[]; withRecords: string[] }> {
  const db = database.db;
  const usccs = (
    await rows<{ uscc: string }>(db, sql`select uscc from kernel.org_unit where depth = 2 order by random() limit 200`)
  ).map((r) => r.uscc);
  const withRecords = (
    await rows<{ id: string }>(
      db,
      sql`select distinct org_id::text as id from kernel.credit_record tablesample system (1) limit 500`,
    )
  ).map((r) => r.id);
  return { usccs, withRecords };
}

async function startServer(database: Database): Promise<{ url: string; stop: () => void }> {
  const port = 3900 + Math.floor(Math.random() * 90);
  const root = join(import.meta.dirname, '..', '..', '..');
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'apps/server/src/cli.ts'), 'start'],
    {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: database.location.replace('***', ''),
        PORT: String(port),
        CHENGXIN_DATA_KEY: 'ab'.repeat(32),
        CHENGXIN_DAILY_JOB: 'off',
        CHENGXIN_PUBLIC_READS_PER_MINUTE: '100000000',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('is running at')) resolve();
    });
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => void child.kill('SIGTERM') };
}

interface Measure {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  errors: number;
}

async function overHttp(url: string, path: () => string, connections = CONNECTIONS): Promise<Measure> {
  const latencies: number[] = [];
  let errors = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections,
        duration: SECONDS,
        requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: path() }) }],
      },
      (error, res) => (error ? reject(error) : resolve(res)),
    );
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status !== 200) errors += 1;
      latencies.push(ms);
    });
  });
  return {
    requests: result.requests.total,
    rps: Math.round(result.requests.total / SECONDS),
    p50: pct(latencies, 0.5),
    p95: pct(latencies, 0.95),
    errors: errors + result.errors + result.non2xx,
  };
}

async function direct(call: (i: number) => Promise<unknown>): Promise<Measure> {
  const latencies: number[] = [];
  const end = performance.now() + SECONDS * 1000;
  let i = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        await call(i++);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return {
    requests: latencies.length,
    rps: Math.round(latencies.length / SECONDS),
    p50: pct(latencies, 0.5),
    p95: pct(latencies, 0.95),
    errors: 0,
  };
}

async function main() {
  log(
    `portal benchmark: ${RECORDS.toLocaleString('en')} records, ${BODIES.toLocaleString('en')} bodies, ${CONNECTIONS} connections, ${SECONDS} s per measurement`,
  );
  // --reuse measures again on the database a previous run generated (same scale), without regenerating it.
  const database = REUSE
    ? await openReused()
    : await openBenchEngine('postgres', 'chengxin_bench_portal', WORK, CONNECTIONS);
  try {
    let sample: { usccs: string[]; withRecords: string[] };
    if (REUSE) {
      sample = await samples(database);
    } else {
      await migrate(database, MIGRATION_OWNERS);
      const t0 = performance.now();
      sample = await generate(database);
      log(`  generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
    const { usccs, withRecords } = sample;
    const [counts] = await rows<{ published: number; public_now: number }>(
      database.db,
      sql`select count(*)::int as published,
      count(*) filter (where r.disclosure_scope = 'public' and r.publication_max_end > ${DAY}::date)::int as public_now
      from kernel.current_record r where r.status = 'published'`,
    );
    const searchInput = (i: number) =>
      i % 5 === 4
        ? { q: usccs[i % usccs.length]!, kind: 'body' as const, limit: 20 }
        : { q: TERMS[i % TERMS.length]!, kind: 'body' as const, limit: 20 };
    let s = 0;
    let b = 0;
    const searchPath = () => `/trpc/kernel.public.search?input=${encodeURIComponent(JSON.stringify(searchInput(s++)))}`;
    const bodyPath = () =>
      `/trpc/kernel.public.body?input=${encodeURIComponent(JSON.stringify({ orgId: withRecords[b++ % withRecords.length] }))}`;
    // Warm both paths once.
    await direct((i) => publicSearch(database.db, searchInput(i), DAY)).catch(() => undefined);

    const directSearch = await direct((i) => publicSearch(database.db, searchInput(i), DAY));
    log(
      `  search, direct: ${directSearch.rps}/s p50 ${directSearch.p50.toFixed(1)} ms p95 ${directSearch.p95.toFixed(1)} ms`,
    );
    const directBody = await direct((i) => integrityPage(database.db, withRecords[i % withRecords.length]!, DAY, DAY));
    log(
      `  integrity page, direct: ${directBody.rps}/s p50 ${directBody.p50.toFixed(1)} ms p95 ${directBody.p95.toFixed(1)} ms`,
    );

    const server = await startServer(database);
    try {
      await overHttp(server.url, searchPath); // warm-up of the server process
      const httpSearch = await overHttp(server.url, searchPath);
      log(
        `  search, HTTP: ${httpSearch.rps}/s p50 ${httpSearch.p50.toFixed(1)} ms p95 ${httpSearch.p95.toFixed(1)} ms errors ${httpSearch.errors}`,
      );
      const httpBody = await overHttp(server.url, bodyPath);
      log(
        `  integrity page, HTTP: ${httpBody.rps}/s p50 ${httpBody.p50.toFixed(1)} ms p95 ${httpBody.p95.toFixed(1)} ms errors ${httpBody.errors}`,
      );
      const oneSearch = await overHttp(server.url, searchPath, 1);
      const oneBody = await overHttp(server.url, bodyPath, 1);
      log(
        `  one connection, HTTP: search p95 ${oneSearch.p95.toFixed(1)} ms, integrity page p95 ${oneBody.p95.toFixed(1)} ms`,
      );
      const load = loadavg()
        .map((l) => l.toFixed(1))
        .join(' / ');
      const row = (name: string, d: Measure, h: Measure, one: Measure) =>
        `| ${name} | ${d.rps.toLocaleString('en')} | ${d.p50.toFixed(1)} ms | ${d.p95.toFixed(1)} ms | ${h.rps.toLocaleString('en')} | ${h.p50.toFixed(1)} ms | **${h.p95.toFixed(1)} ms** | ${h.errors} | ${one.p50.toFixed(1)} / ${one.p95.toFixed(1)} ms | ≤ 50 ms ${h.p95 <= 50 ? '✓' : '✗'} |`;
      writeSection(
        'portal',
        [
          '## Public portal: search and integrity page over HTTP vs the same queries direct',
          '',
          `Run ${DAY} on ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, PostgreSQL over 127.0.0.1 on the same machine.`,
          `Command: \`npm run bench:portal -- --records ${RECORDS} --bodies ${BODIES} --seconds ${SECONDS}\`${REUSE ? ' (measured again with `--reuse` on the data set generated by the same command)' : ''}. Data: ${BODIES.toLocaleString('en')} bodies under the 16 districts,`,
          `${(counts?.published ?? 0).toLocaleString('en')} records with status published, of which ${(counts?.public_now ?? 0).toLocaleString('en')} disclosed to the public and inside their window today (the rest`,
          'government-only or past their window, which every query must leave out), written by SQL for this read benchmark.',
          `HTTP = \`chengxin start\` in its own process, autocannon with ${CONNECTIONS} connections for ${SECONDS} s (GET /trpc/…, anonymous, rate limit raised for the run);`,
          `direct = the same service functions (\`publicSearch\`, \`integrityPage\`: their SQL through the driver and the row mapping) with ${CONNECTIONS} concurrent callers in the`,
          'benchmark process, no HTTP, tRPC or JSON. Search terms: 16 two-character district names, 财政, 教育局, 街道, a full body name, and exact credit',
          'codes (one request in five); integrity pages of 500 bodies that have records. Latencies per request, p95 over all requests;',
          '"one connection" = the same HTTP requests one at a time (latency without queueing behind the other 15).',
          `Machine load while measuring (load average 1 / 5 / 15 min, 2 cores shared with other work): ${load}. With 16 clients on 2 shared cores`,
          "most of each HTTP latency is waiting for a core: by Little's law p50 ≈ 16 / throughput.",
          '',
          '| query | direct (req/s) | direct p50 | direct p95 | HTTP (req/s) | HTTP p50 | HTTP p95 | HTTP errors | one connection p50 / p95 | goal |',
          '|---|---|---|---|---|---|---|---|---|---|',
          row('search (`kernel.public.search`)', directSearch, httpSearch, oneSearch),
          row('integrity page (`kernel.public.body`)', directBody, httpBody, oneBody),
        ].join('\n'),
      );
      log('  written to docs/BENCHMARKS.md (portal section)');
    } finally {
      server.stop();
    }
  } finally {
    await database.close();
  }
}

await main();
