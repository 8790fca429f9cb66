#!/usr/bin/env node
// Generates drizzle migrations for every owner (kernel first, then plugins) and makes CREATE SCHEMA idempotent,
// because the migration runner creates the owner's schema first to hold the owner's ledger.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const owners = [
  'libs/kernel',
  ...(existsSync('plugins') ? readdirSync('plugins').map((p) => `plugins/${p}`) : []),
].filter((dir) => existsSync(join(dir, 'drizzle.config.ts')));
const name = process.argv[2];
for (const dir of owners) {
  execFileSync('npx', ['drizzle-kit', 'generate', '--config', 'drizzle.config.ts', ...(name ? ['--name', name] : [])], {
    cwd: dir,
    stdio: 'inherit',
  });
  const folder = join(dir, 'migrations');
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.sql'))) {
    const path = join(folder, file);
    const text = readFileSync(path, 'utf8');
    const fixed = text.replace(/CREATE SCHEMA "([^"]+)";/g, 'CREATE SCHEMA IF NOT EXISTS "$1";');
    if (fixed !== text) writeFileSync(path, fixed.endsWith('\n') ? fixed : `${fixed}\n`);
  }
}
