import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { READINGS } from '@chengxin/kernel';
import { configFromEnv, environmentTable, summary, VARIABLES } from './config';

const root = join(import.meta.dirname, '../../..');

/** Every TypeScript source of the server, the libraries and the plugins, tests and test helpers aside. */
function sources(): string[] {
  const dirs = [
    'apps/server/src',
    ...['libs', 'plugins'].flatMap((top) =>
      readdirSync(join(root, top))
        .map((d) => `${top}/${d}/src`)
        .filter((d) => {
          try {
            return statSync(join(root, d)).isDirectory();
          } catch {
            return false;
          }
        }),
    ),
  ];
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
    );
  return dirs
    .flatMap((d) => walk(join(root, d)))
    .map((f) => relative(root, f))
    .filter((f) => !/\.test\.tsx?$/.test(f) && !/(^|\/|-)testing\.ts$/.test(f));
}

/** Where reading the environment is allowed: the configuration module itself. (Test helpers — *.test.ts, testing.ts,
 * *-testing.ts — and the developer tools under tools/ are outside `sources()`.) */
const ALLOWED = new Set(['apps/server/src/config.ts']);

describe('one configuration module', () => {
  it('is the only source file that reads process.env', () => {
    const files = sources();
    expect(files.length).toBeGreaterThan(300);
    const readers = files.filter(
      (f) => !ALLOWED.has(f) && /\bprocess\s*\.\s*env\b|process\?\.env/.test(readFileSync(join(root, f), 'utf8')),
    );
    expect(readers).toEqual([]);
  });

  it('declares every CHENGXIN_* setting the sources name', () => {
    const names = new Set(VARIABLES.map((v) => v.name));
    const missing = new Set<string>();
    for (const f of sources()) {
      for (const m of readFileSync(join(root, f), 'utf8').matchAll(/CHENGXIN_[A-Z0-9_]*[A-Z0-9]_?/g)) {
        const name = m[0];
        // A template prefix (`CHENGXIN_POLICY_${area}_…`) must start declared names.
        const ok = name.endsWith('_') ? [...names].some((n) => n.startsWith(name)) : names.has(name);
        if (!ok) missing.add(`${name} (${f})`);
      }
    }
    expect([...missing]).toEqual([]);
  });

  it('offers exactly the options of each open reading in the rule table', () => {
    for (const reading of Object.values(READINGS)) {
      const v = VARIABLES.find((x) => x.name === reading.setting);
      expect(v, reading.setting).toBeDefined();
      for (const o of reading.options)
        expect(v!.schema.safeParse(o.value).success, `${reading.setting}=${o.value}`).toBe(true);
      expect(v!.schema.safeParse('bogus').success).toBe(false);
    }
  });

  it('refuses a bad value naming the variable, and hands the libraries the checked values', () => {
    for (const [name, value] of [
      ['PORT', 'eighty'],
      ['CHENGXIN_DATA_KEY', 'abc'],
      ['CHENGXIN_OBJECTION_DECIDE_WD', '-1'],
      ['CHENGXIN_SESSION_HOURS', '0'],
      ['CHENGXIN_MINOR_PUBLISHED', 'bogus'],
      ['DATABASE_URL', 'mysql://x'],
      ['CHENGXIN_TODAY', '2026/1/1'],
    ] as const)
      expect(() => configFromEnv({ [name]: value }), name).toThrow(
        new RegExp(`环境变量 ${name} 不正确 / invalid environment variable`),
      );
    const c = configFromEnv({ CHENGXIN_OBJECTION_DECIDE_WD: '7', UNRELATED: 'x', CHENGXIN_SMTP_URL: '' });
    expect(c.settings).toMatchObject({
      CHENGXIN_OBJECTION_DECIDE_WD: '7',
      PORT: '3000',
      HOST: '127.0.0.1',
      CHENGXIN_DEMO_MODE: '1',
    });
    expect(c.settings).not.toHaveProperty('UNRELATED');
    expect(c.settings).not.toHaveProperty('CHENGXIN_SMTP_URL');
    expect(configFromEnv({ DATABASE_URL: 'postgres://u:p@h/db' }).demoMode).toBe(false);
  });

  it('summarises what is in force without a secret', () => {
    const secrets = {
      DATABASE_URL: 'postgres://chengxin:db-password-1@db:5432/chengxin',
      CHENGXIN_DATA_KEY: 'ab'.repeat(32),
      CHENGXIN_METRICS_TOKEN: 'metrics-token-0123456789',
      CHENGXIN_SMTP_URL: 'smtp://mail:smtp-password-1@mail:25',
      CHENGXIN_AUDIT_SIGNING_KEY: '-----BEGIN PRIVATE KEY-----\\nMC4CAQAwBQYDK2VwBCIEI=\\n-----END PRIVATE KEY-----',
    };
    const line = summary(configFromEnv({ ...secrets, CHENGXIN_OBJECTION_DECIDE_WD: '7', CHENGXIN_DAILY_JOB: 'off' }));
    expect(line).toContain('database postgres://chengxin:***@db:5432/chengxin');
    expect(line).toContain('data key from CHENGXIN_DATA_KEY');
    expect(line).toContain('mail SMTP set');
    expect(line).toContain('daily job off');
    expect(line).toContain('CHENGXIN_OBJECTION_DECIDE_WD=7');
    for (const s of ['db-password-1', 'ab'.repeat(32), 'metrics-token-0123456789', 'smtp-password-1', 'MC4CAQAw'])
      expect(line).not.toContain(s);
  });

  it('is listed in docs/DEPLOYMENT.md exactly as the module declares it', () => {
    const doc = readFileSync(join(root, 'docs/DEPLOYMENT.md'), 'utf8');
    const m = /<!-- environment:start[^>]*-->\n([\s\S]*?)\n?<!-- environment:end -->/.exec(doc);
    expect(m, 'the environment markers in docs/DEPLOYMENT.md').not.toBeNull();
    const normalise = (t: string) =>
      t
        .trim()
        .split('\n')
        .filter((l) => !/^\|\s*-/.test(l))
        .map((l) =>
          l
            .split('|')
            .map((c) => c.trim())
            .join('|'),
        );
    expect(normalise(m![1]!)).toEqual(normalise(environmentTable()));
  });
});
