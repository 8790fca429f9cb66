import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '@chengxin/db';
import { testEngines } from '@chengxin/db/testing';
import { createDraft, kernelContext, loadSecrets, transition } from '@chengxin/kernel';
import { buildFixture } from '@chengxin/kernel/testing';
import { tableCounts } from './backup';
import { buildServer, freshPostgres, runCli, startCompiled } from './build-testing';

const penalty = (orgId: string, decisionNo: string) => ({
  subject: { kind: 'org' as const, orgId },
  typeKey: 'administrative_penalty',
  severity: 'ordinary' as const,
  facts: '未按规定处置危险废物',
  legalBasis: '《中华人民共和国固体废物污染环境防治法》第一百一十二条',
  decisionNo,
  decisionDate: '2026-05-20',
  issuingAuthority: '天津市生态环境局',
  disclosureScope: 'public' as const,
  payload: { penaltyCategories: ['warning'], penaltyContent: '警告' },
  linkTo: [],
});

/**
 * Backup and restore as an operator runs them (`chengxin backup`, `chengxin restore`, the compiled CLI): data made,
 * backed up, restored into a fresh database, the audit log verified there, the row counts compared, the server started.
 */
describe.each(testEngines())('backup and restore on %s', (engine) => {
  let cli: string;
  const dirs: string[] = [];
  const drops: (() => Promise<void>)[] = [];
  const tmp = (name: string) => {
    const d = mkdtempSync(join(tmpdir(), `chengxin-${name}-`));
    dirs.push(d);
    return d;
  };
  /** Where the data lives: a PGlite data dir, or a PostgreSQL database with the keys in a data dir of its own. */
  const target = async (): Promise<Record<string, string>> => {
    if (engine === 'pglite') return { CHENGXIN_DATA_DIR: tmp('data'), DATABASE_URL: '' };
    const pg = await freshPostgres();
    drops.push(pg.drop);
    return { CHENGXIN_DATA_DIR: keysDir, DATABASE_URL: pg.url };
  };
  let keysDir: string;
  let source: Record<string, string>;
  let backupDir: string;
  let file: string;

  const open = (env: Record<string, string>): Promise<Database> =>
    env['DATABASE_URL']
      ? openDatabase({ databaseUrl: env['DATABASE_URL'], maxConnections: 2 })
      : openDatabase({ dataDir: join(env['CHENGXIN_DATA_DIR']!, 'pglite') });

  beforeAll(async () => {
    cli = buildServer(`backup-${engine}`).cli;
    keysDir = tmp('keys');
    backupDir = tmp('backups');
    source = await target();
    // The operator's first migrate (keys generated, the log sealed), then data written through the kernel's services.
    expect(runCli(cli, ['migrate'], source).code).toBe(0);
    const database = await open(source);
    try {
      const ctx = kernelContext(database.db, loadSecrets(join(source['CHENGXIN_DATA_DIR']!, 'keys', 'data.key')));
      const f = await buildFixture(ctx);
      const a = await createDraft(ctx, penalty(f.hexiFinance, '津环罚〔2026〕801号'));
      await createDraft(ctx, penalty(f.nankai, '津环罚〔2026〕802号'));
      await transition(ctx, 'submit', a.id);
    } finally {
      await database.close();
    }
    const signed = runCli(cli, ['audit', 'checkpoint'], source);
    expect(signed.code, signed.output).toBe(0);
  }, 300_000);

  afterAll(async () => {
    for (const drop of drops) await drop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('backs up with the row count of every table beside the backup', () => {
    const r = runCli(cli, ['backup', '--out', backupDir], source);
    expect(r.code, r.output).toBe(0);
    expect(r.output).toContain('备份 backup:');
    const files = readdirSync(backupDir).filter((f) => !f.endsWith('.json'));
    expect(files).toHaveLength(1);
    file = join(backupDir, files[0]!);
    expect(file.endsWith(engine === 'pglite' ? '.tar.gz' : '.dump')).toBe(true);
    const manifest = JSON.parse(readFileSync(`${file}.json`, 'utf8')) as {
      engine: string;
      counts: Record<string, number>;
    };
    expect(manifest.engine).toBe(engine);
    expect(manifest.counts['kernel.credit_record']).toBe(2);
    expect(manifest.counts['kernel.org_unit']).toBe(5);
    expect(manifest.counts['kernel.audit_log']).toBeGreaterThan(5);
  });

  it('restores into a fresh database where the audit log verifies, the counts match and the server starts', async () => {
    const fresh = await target();
    const r = runCli(cli, ['restore', file], fresh);
    expect(r.code, r.output).toBe(0);
    expect(r.output).toContain('row counts match');

    const verify = runCli(cli, ['audit', 'verify'], fresh);
    expect(verify.code, verify.output).toBe(0);
    expect(verify.output).toContain('✓ 校验通过 verified');

    const [a, b] = [await open(source), await open(fresh)];
    try {
      const [before, after] = [await tableCounts(a.db), await tableCounts(b.db)];
      expect(after).toEqual(before);
      expect(after['kernel.credit_record']).toBe(2);
    } finally {
      await a.close();
      await b.close();
    }

    const server = await startCompiled(cli, { ...fresh, PORT: '0', CHENGXIN_DEMO_SEED: '0' });
    try {
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
      const published = (await (await fetch(`${server.url}/trpc/kernel.audit.checkpoints`)).json()) as {
        result: { data: unknown[] };
      };
      expect(published.result.data.length).toBeGreaterThan(0);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  }, 300_000);

  it('refuses to restore over data, and reports counts that differ from the manifest (exit code 2)', async () => {
    const used = await target();
    expect(runCli(cli, ['migrate'], used).code).toBe(0);
    const refused = runCli(cli, ['restore', file], used);
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(/not empty|already holds/);

    const manifest = JSON.parse(readFileSync(`${file}.json`, 'utf8')) as { counts: Record<string, number> };
    manifest.counts['kernel.credit_record'] = 3;
    writeFileSync(`${file}.json`, JSON.stringify(manifest));
    const differs = runCli(cli, ['restore', file], await target());
    expect(differs.code, differs.output).toBe(2);
    expect(differs.output).toContain('kernel.credit_record: 3 → 2');
  }, 300_000);
});
