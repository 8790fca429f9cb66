import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { configFromEnv, VARIABLES } from './config';

const root = join(import.meta.dirname, '../../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }> | string[];
  profiles?: string[];
  volumes?: string[];
  ports?: string[];
  entrypoint?: string[];
}

/** Compose's ${VAR:?…} / ${VAR:-…} stand for the operator's values: plausible ones put in, to parse as the server would. */
const withValues = (env: Record<string, string>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(env).map(([k, v]) => [
      k,
      String(v)
        .replace(/\$\{POSTGRES_PASSWORD[^}]*\}/g, 'pw')
        .replace(/\$\{CHENGXIN_DATA_KEY[^}]*\}/g, 'ab'.repeat(32))
        .replace(
          /\$\{CHENGXIN_AUDIT_SIGNING_KEY[^}]*\}/g,
          '-----BEGIN PRIVATE KEY-----\\nX\\n-----END PRIVATE KEY-----',
        )
        .replace(/\$\{CHENGXIN_SITE[^}]*\}/g, 'credit.example.gov.cn')
        .replace(/\$\{CHENGXIN_MAIL_FROM:-([^}]*)\}/g, '$1')
        .replace(/\$\{[A-Z_]+:-\}/g, ''),
    ]),
  );

// We cannot run containers here: the compose file, the Caddyfile and the Dockerfile are checked by reading them.
describe('deploy/compose.yaml', () => {
  const compose = parse(read('deploy/compose.yaml'), { merge: true }) as { services: Record<string, Service> };
  const s = compose.services;
  const apps = ['migrate', 'app1', 'app2', 'backup'];
  const known = new Set(VARIABLES.map((v) => v.name));

  it('has a primary, a streaming replica, a migration, two app nodes, a proxy and a backup job', () => {
    expect(Object.keys(s).sort()).toEqual(['app1', 'app2', 'backup', 'migrate', 'primary', 'proxy', 'replica']);
    expect(s['primary']!.image).toMatch(/^postgres:17/);
    expect(s['primary']!.command).toEqual(expect.arrayContaining(['wal_level=replica']));
    expect(s['replica']!.image).toBe(s['primary']!.image);
    const replicaScript = read('deploy/postgres/replica-entrypoint.sh');
    expect(replicaScript).toMatch(/pg_basebackup --host=primary .*--slot=replica1 --write-recovery-conf/s);
    expect(read('deploy/postgres/primary-init.sh')).toContain("pg_create_physical_replication_slot('replica1')");
    for (const a of apps) expect(s[a]!.build).toEqual({ context: '..', dockerfile: 'deploy/Dockerfile' });
    expect(s['migrate']!.command).toEqual(['migrate']);
    expect(s['backup']!.command).toEqual(['backup', '--out', '/backups']);
    expect(s['backup']!.profiles).toEqual(['backup']);
    for (const node of ['app1', 'app2'])
      expect(s[node]!.depends_on).toEqual({ migrate: { condition: 'service_completed_successfully' } });
  });

  it('sets on the app services only variables the configuration module knows, with values it accepts', () => {
    for (const a of apps) {
      const env = s[a]!.environment ?? {};
      for (const name of Object.keys(env)) expect(known.has(name), `${a}: ${name}`).toBe(true);
      expect(() => configFromEnv(withValues(env)), a).not.toThrow();
    }
    const app1 = configFromEnv(withValues(s['app1']!.environment!));
    expect(app1.settings['DATABASE_URL']).toMatch(/@primary:5432\/chengxin$/);
    expect(configFromEnv(withValues(s['backup']!.environment!)).databaseUrl).toMatch(/@replica:5432\/chengxin$/);
    // Production: no demo data, no demo password, behind TLS and the proxy, the daily job on one node.
    for (const node of ['app1', 'app2']) {
      const c = configFromEnv(withValues(s[node]!.environment!));
      expect(c).toMatchObject({
        host: '0.0.0.0',
        port: 3000,
        demoSeed: false,
        demoMode: false,
        secure: true,
        trustProxy: true,
      });
    }
    expect([s['app1']!, s['app2']!].map((n) => n.environment!['CHENGXIN_DAILY_JOB'])).toEqual(['on', 'off']);
  });

  it('puts Caddy in front of both nodes with /readyz as the health check', () => {
    expect(s['proxy']!.image).toMatch(/^caddy:2/);
    expect(s['proxy']!.ports).toEqual(['80:80', '443:443']);
    expect(s['proxy']!.volumes).toContain('./Caddyfile:/etc/caddy/Caddyfile:ro');
    const caddy = read('deploy/Caddyfile');
    expect(caddy).toMatch(/reverse_proxy app1:3000 app2:3000 \{/);
    expect(caddy).toMatch(/health_uri \/readyz/);
    // No published port of the database or the nodes: only the proxy is reachable from outside.
    for (const name of ['primary', 'replica', ...apps]) expect(s[name]!.ports, name).toBeUndefined();
  });
});

describe('deploy/Dockerfile', () => {
  const docker = read('deploy/Dockerfile');
  const stages = [...docker.matchAll(/^FROM\s+\S+\s+AS\s+(\S+)/gm)].map((m) => m[1]);

  it('builds in one stage and runs the compiled server as a non-root user in another', () => {
    expect(stages).toEqual(['build', 'runtime']);
    const runtime = docker.slice(docker.indexOf('AS runtime'));
    expect(docker.slice(0, docker.indexOf('AS runtime'))).toMatch(/npx nx run @chengxin\/server:build/);
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).not.toMatch(/^USER root/m);
    expect(runtime).toMatch(/COPY --from=build \/app\/apps\/server\/dist \.\/apps\/server\/dist/);
    expect(runtime).toMatch(/ENTRYPOINT \["\/usr\/bin\/tini", "--", "node", "\/app\/apps\/server\/dist\/cli\.mjs"\]/);
    expect(runtime).toMatch(/CMD \["start"\]/);
    expect(runtime).not.toMatch(/tsx/);
    // Every ENV the image sets is a variable of the configuration module (NODE_ENV included).
    const env = [...runtime.matchAll(/^\s*(?:ENV\s+)?([A-Z_]+)=\S+\s*\\?$/gm)].map((m) => m[1]!);
    expect(env.length).toBeGreaterThan(2);
    for (const name of env)
      expect(
        VARIABLES.some((v) => v.name === name),
        name,
      ).toBe(true);
  });

  it('keeps local state and builds out of the build context', () => {
    const ignore = read('.dockerignore').split('\n');
    for (const p of ['**/node_modules', '**/dist', 'data', '.env']) expect(ignore).toContain(p);
  });
});
