#!/usr/bin/env -S npx tsx
/**
 * chengxin — start | migrate | seed [--scale N] | import <file> | export … | audit verify | audit checkpoint | keys rotate-data | keys rotate-signing | calendar …
 * `start` migrates, seeds the demo data when the database is empty, and serves API + consoles.
 *
 * The entry point (production: `node apps/server/dist/cli.mjs`, built by build.mjs; development: tsx). It reads and
 * checks the environment (config.ts) and installs the settings before any library module is loaded — the kernel reads
 * some of them when its modules load — then loads the commands.
 */
import { useSettings } from '@chengxin/contract/settings';
import { configFromEnv } from './config';

try {
  const config = configFromEnv();
  useSettings(config.settings);
  const { runCommand } = await import('./commands');
  await runCommand(process.argv.slice(2), config);
} catch (error: unknown) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
