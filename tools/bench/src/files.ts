/**
 * `npm run bench:files` — the complete integrity file on the Tianjin demo (5,000 civil servants, three years of
 * assessments and training), on PostgreSQL and PGlite: the file of one person and its PDF, the city's coverage and a
 * training-register import, each next to a baseline measured in the same run. Writes its section of docs/BENCHMARKS.md.
 *   npm run bench:files -- --persons 5000 --engines postgres,pglite
 */
import { generateKeyPairSync } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { migrate, rows, type Database } from '@chengxin/db';
import { deriveSecrets, integrityFile, kernelContext, revealIdNumber, systemActor, today } from '@chengxin/kernel';
import { coverage, fileDocument, importTraining, renderPdf } from '@chengxin/kernel';
import { seedDemo } from '@chengxin/demo';
import { MIGRATION_OWNERS } from '@chengxin/server';
import { sql } from 'drizzle-orm';
import { openBenchEngine } from './engine';
import { BENCHMARKS_FILE, writeSection } from './sections';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const PERSONS = Number(arg('persons', '5000'));
const ENGINES = arg('engines', 'postgres,pglite').split(',');
const SAMPLE = 40;
const WORK = join(import.meta.dirname, '..', '.work');
const secrets = deriveSecrets(Buffer.alloc(32, 7), {
  signingKey: generateKeyPairSync('ed25519').privateKey,
  trustedPublicKeys: [],
});
const log = (line: string) => process.stdout.write(`${line}\n`);
const DAY = today();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const value = await fn();
  return [value, performance.now() - t0];
}

interface Result {
  engine: string;
  fileMs: number;
  rawFileMs: number;
  pdfMs: number;
  pdfKb: number;
  coverageMs: number;
  naiveCoverageMs: number;
  importRows: number;
  importMs: number;
  rawImportMs: number;
}

async function runEngine(kind: string): Promise<Result> {
  const database: Database = await openBenchEngine(
    kind,
    kind === 'postgres' ? 'chengxin_bench_files' : 'pglite-files',
    WORK,
    4,
  );
  try {
    await migrate(database, MIGRATION_OWNERS);
    const [, seedMs] = await timed(() => seedDemo(database.db, secrets, { persons: PERSONS }));
    log(`  ${kind}: seeded ${PERSONS.toLocaleString('en')} civil servants in ${(seedMs / 1000).toFixed(1)} s`);
    const people = await rows<{ id: string }>(
      database.db,
      sql`select id::text from kernel.person order by id limit ${SAMPLE}`,
    );

    // One person's file: the service (every section, as of today) vs one raw query per section for the same rows.
    const fileTimes: number[] = [];
    const rawTimes: number[] = [];
    const pdfTimes: number[] = [];
    let pdfBytes = 0;
    for (const p of people) {
      const [file, ms] = await timed(() => integrityFile(database.db, { kind: 'person', personId: p.id }, DAY));
      fileTimes.push(ms);
      rawTimes.push(
        (
          await timed(() =>
            Promise.all([
              rows(database.db, sql`select r.* from kernel.current_record r where r.person_id = ${p.id}`),
              rows(database.db, sql`select * from kernel.assessment_result where person_id = ${p.id}`),
              rows(database.db, sql`select * from kernel.training_completion where person_id = ${p.id}`),
              rows(database.db, sql`select * from kernel.tenure where person_id = ${p.id}`),
            ]),
          )
        )[1],
      );
      const [pdf, pms] = await timed(() => renderPdf(fileDocument(file, DAY)));
      pdfTimes.push(pms);
      pdfBytes += pdf.length;
    }

    // The city's coverage: one grouped query vs reading the rows and grouping them in application code.
    const covTimes: number[] = [];
    const naiveTimes: number[] = [];
    const year = Number(DAY.slice(0, 4)) - 1;
    for (let i = 0; i < 5; i++) {
      covTimes.push((await timed(() => coverage(database.db, { year, groupBy: 'child' })))[1]);
      naiveTimes.push(
        (
          await timed(async () => {
            const orgs = await rows<{ id: string; path: string }>(
              database.db,
              sql`select id::text, path from kernel.org_unit`,
            );
            const staff = await rows<{ person: string; org: string }>(
              database.db,
              sql`select person_id::text as person, org_id::text as org from kernel.tenure where start_date < ${`${year + 1}-01-01`}::date and (end_date is null or end_date >= ${`${year}-01-01`}::date)`,
            );
            const assessed = new Set(
              (
                await rows<{ p: string }>(
                  database.db,
                  sql`select person_id::text as p from kernel.assessment_result where year = ${year}`,
                )
              ).map((r) => r.p),
            );
            const trained = new Set(
              (
                await rows<{ p: string }>(
                  database.db,
                  sql`select distinct person_id::text as p from kernel.training_completion where extract(year from completed_on) = ${year}`,
                )
              ).map((r) => r.p),
            );
            const group = new Map(orgs.map((o) => [o.id, o.path.split('/')[1] ?? o.id]));
            const out = new Map<string, number>();
            for (const s of staff)
              if (assessed.has(s.person) && trained.has(s.person))
                out.set(group.get(s.org)!, (out.get(group.get(s.org)!) ?? 0) + 1);
            return out;
          })
        )[1],
      );
    }

    // A training register of every civil servant's one course: the import (parse, check every row, insert) vs the
    // insert alone as one statement.
    const ctx = kernelContext(database.db, secrets, systemActor('01900000-0000-7000-8000-0000000000b1', 'bench'));
    await database.db.execute(
      sql`insert into kernel.training_course (id, code, title, hours, organiser, audience) values (gen_random_uuid(), 'BENCH-1', '基准课程', 2, '基准', 'optional'), (gen_random_uuid(), 'BENCH-2', '基准课程', 2, '基准', 'optional')`,
    );
    const ids = (await rows<{ c: string }>(database.db, sql`select id_number_cipher as c from kernel.person`)).map(
      (r) => revealIdNumber(secrets, r.c),
    );
    const csv = `身份证号,课程编号,完成日期,学时\n${ids.map((id) => `${id},BENCH-1,${year}-06-01,2`).join('\n')}\n`;
    const [, importMs] = await timed(() =>
      importTraining(ctx, {
        format: 'csv',
        contentBase64: Buffer.from(csv).toString('base64'),
        sourceSystem: 'bench-register',
        columns: {},
      }),
    );
    const [, rawImportMs] = await timed(() =>
      database.db
        .execute(sql`insert into kernel.training_completion (id, person_id, course_id, completed_on, hours, source_system)
      select gen_random_uuid(), p.id, (select id from kernel.training_course where code = 'BENCH-2'), ${`${year}-06-01`}::date, 2, 'bench-raw' from kernel.person p`),
    );
    return {
      engine: kind,
      fileMs: median(fileTimes),
      rawFileMs: median(rawTimes),
      pdfMs: median(pdfTimes),
      pdfKb: pdfBytes / people.length / 1024,
      coverageMs: median(covTimes),
      naiveCoverageMs: median(naiveTimes),
      importRows: ids.length,
      importMs,
      rawImportMs,
    };
  } finally {
    await database.close();
  }
}

function section(results: Result[]): string {
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}`;
  const f = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`);
  return [
    "## The complete integrity file: one file, its PDF, the city's coverage, a training-register import",
    '',
    `Run ${DAY} on ${machine}: \`npm run bench:files -- --persons ${PERSONS}\`, on the seeded demo (${PERSONS.toLocaleString('en')} civil servants, three years of`,
    'assessments and training, honours, confidential sections). File = `integrityFile` of a person as of today, every section (median of',
    `${SAMPLE} people); baseline = the same rows read by four plain queries. PDF = rendering that file with the Chinese font embedded. Coverage`,
    '= the city grouped by district in one query (median of 5); baseline = the same counts computed by reading the rows and grouping in',
    'TypeScript. Import = a CSV register with one row per civil servant (parse, check every ID number and course, insert); baseline = the',
    'same rows inserted by one `INSERT … SELECT`.',
    '',
    '| engine | file | 4 plain queries | PDF (size) | coverage, one query | coverage in app code | import (rows) | one INSERT |',
    '|---|---|---|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.engine} | ${f(r.fileMs)} | ${f(r.rawFileMs)} | ${f(r.pdfMs)} (${r.pdfKb.toFixed(0)} KB) | ${f(r.coverageMs)} | ${f(r.naiveCoverageMs)} | ${f(r.importMs)} (${r.importRows.toLocaleString('en')}) | ${f(r.rawImportMs)} |`,
    ),
  ].join('\n');
}

async function main() {
  log(
    `Chengxin integrity-file benchmark: ${PERSONS.toLocaleString('en')} civil servants, engines ${ENGINES.join(', ')}`,
  );
  const results: Result[] = [];
  for (const e of ENGINES) results.push(await runEngine(e));
  log(`\n${writeSection('files', section(results))}`);
  log(`written to ${BENCHMARKS_FILE}`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
