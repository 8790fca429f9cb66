import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generatePlugin } from './generate';

const root = join(import.meta.dirname, '..', '..', '..');
const out = join(import.meta.dirname, '..', '.out');
const id = `scaffold-${process.pid}`;
const dir = join(out, id);

describe('npm run new-plugin', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses an id that the kernel would refuse', () => {
    expect(() => generatePlugin({ id: 'Bad_Id', root, dir: join(out, 'bad') })).toThrow(/lower-case/);
    expect(() => generatePlugin({ id: 'kernel', root, dir: join(out, 'kernel') })).toThrow(/reserved/);
  });

  it('scaffolds a plugin that typechecks and passes its own tests on both engines', () => {
    generatePlugin({ id, nameZh: '示例', nameEn: 'Example', root, dir });
    expect(existsSync(join(dir, 'migrations/0000_init.sql'))).toBe(true);
    // The plugin boundary (libs/plugin-sdk/src/boundary.test.ts): the scaffold reads the kernel through kernel_api views only.
    for (const file of ['src/server/items.ts', 'migrations/0000_init.sql'])
      expect(readFileSync(join(dir, file), 'utf8')).not.toMatch(
        /(?:from|join|into|update|references)\s+"?kernel"?\s*\./i,
      );
    const tsc = spawnSync(join(root, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json', '--noEmit'], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(tsc.stdout + tsc.stderr).toBe('');
    const run = spawnSync(
      join(root, 'node_modules/.bin/vitest'),
      ['run', '--config', 'vitest.config.ts', '--reporter=json'],
      { cwd: dir, encoding: 'utf8', env: { ...process.env, NX_DAEMON: 'false' } },
    );
    const report = JSON.parse(run.stdout.slice(run.stdout.indexOf('{'))) as {
      numPassedTests: number;
      numFailedTests: number;
    };
    expect(report.numFailedTests, run.stderr).toBe(0);
    expect(report.numPassedTests).toBe(
      3 * (process.env['CHENGXIN_TEST_ENGINES'] ?? 'pglite,postgres').split(',').length,
    );
  });
});
