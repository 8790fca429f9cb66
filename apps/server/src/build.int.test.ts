import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '@chengxin/db/testing';
import { buildServer, freshPostgres, startCompiled, type RunningServer } from './build-testing';

const DATA_KEY = 'a1'.repeat(32);
const METRICS_TOKEN = 'metrics-token-never-printed';

/** Production start: the server bundled by build.mjs (esbuild) runs on node alone, without tsx or the sources. */
describe('the compiled server', () => {
  let built: ReturnType<typeof buildServer>;
  beforeAll(() => {
    built = buildServer('start');
  }, 120_000);

  it('bundles the workspace code and leaves npm packages (native, wasm, data files) to node_modules', () => {
    const bundle = readFileSync(built.cli, 'utf8');
    expect(bundle.startsWith('#!/usr/bin/env node\n')).toBe(true);
    // No workspace import is left for run time, and nothing needs tsx or TypeScript sources.
    expect(bundle).not.toMatch(/from ["']@chengxin\//);
    expect(bundle).not.toMatch(/["']tsx["']/);
    const manifest = JSON.parse(readFileSync(join(built.out, 'build.json'), 'utf8')) as {
      assets: string[];
      externals: string[];
    };
    expect(manifest.externals).toEqual(
      expect.arrayContaining(['@electric-sql/pglite', 'postgres', 'pdfkit', 'fastify']),
    );
    expect(manifest.externals).not.toContain('tsx');
    // The files read at run time are copied under their repository paths.
    expect(manifest.assets).toEqual(
      expect.arrayContaining([
        'libs/kernel/migrations',
        'plugins/procurement/migrations',
        'libs/plugin-sdk/ocds-extensions',
        'apps/server/src/rest/assets',
      ]),
    );
    for (const a of manifest.assets) expect(existsSync(join(built.out, a)), a).toBe(true);
    expect(existsSync(join(built.out, 'libs/kernel/migrations/meta/_journal.json'))).toBe(true);
  });

  describe.each(testEngines())('started with node on %s', (engine) => {
    let server: RunningServer;
    let dataDir: string;
    let drop = async () => undefined as void;

    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'chengxin-compiled-'));
      let databaseUrl = '';
      if (engine === 'postgres') {
        const pg = await freshPostgres();
        databaseUrl = pg.url;
        drop = pg.drop;
      }
      server = await startCompiled(built.cli, {
        PORT: '0',
        CHENGXIN_DATA_DIR: dataDir,
        DATABASE_URL: databaseUrl,
        CHENGXIN_DEMO_SEED: '0',
        CHENGXIN_DATA_KEY: DATA_KEY,
        CHENGXIN_METRICS_TOKEN: METRICS_TOKEN,
      });
    }, 180_000);
    afterAll(async () => {
      if (server && server.child.exitCode === null) await server.stop();
      await drop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('migrates and answers /healthz and /readyz', async () => {
      expect(server.output()).toMatch(/migrations: kernel \+\d+\/\d+/);
      const health = await fetch(`${server.url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', engine });
      const ready = await fetch(`${server.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: 'ready' });
    });

    it('answers a tRPC query and a REST call', async () => {
      const trpc = await fetch(`${server.url}/trpc/kernel.audit.checkpoints`);
      expect(trpc.status).toBe(200);
      const checkpoints = (await trpc.json()) as { result: { data: { seq: number; keyId: string }[] } };
      expect(checkpoints.result.data.length).toBeGreaterThan(0);
      const rest = await fetch(`${server.url}/api/v1/public/dishonesty`);
      expect(rest.status).toBe(200);
      expect(await rest.json()).toHaveProperty('items');
      const openapi = await fetch(`${server.url}/api/v1/openapi.json`);
      expect(((await openapi.json()) as { openapi: string }).openapi).toBe('3.1.0');
      const docs = await fetch(`${server.url}/api/v1/docs`);
      expect(docs.status).toBe(200);
    });

    it('prints its configuration at start without secrets, and stops on SIGTERM', async () => {
      const out = server.output();
      expect(out).toMatch(/配置 config: listen 127\.0\.0\.1:0; database (PGlite|postgres:)/);
      expect(out).toContain('data key from CHENGXIN_DATA_KEY');
      expect(out).toContain('token set');
      expect(out).not.toContain(DATA_KEY);
      expect(out).not.toContain(METRICS_TOKEN);
      expect(await server.stop()).toBe(0);
      expect(server.output()).toContain('已停止 stopped');
    });
  });
});
