/**
 * The process crash.int.test.ts kills: runs one piece of bulk work against the database at `url` with the test keys,
 * printing progress lines the test waits for. `<url>` may be `pglite:<data directory>` for the embedded database.
 *   import <url> <file> <mode>   `chengxin import` of a CSV (the CLI's own command)
 *   daily <url> <day>            the daily job for a day
 *   reads <url> <subjectId>      8 readers writing query-log entries; prints `answered N`; on SIGTERM drains and
 *                                prints `issued N` before exiting
 */
import { openDatabase } from '@chengxin/db';
import { drainAccessLog, kernelContext, logAccess, runDailyJob, systemActor, TEST_SECRETS } from '@chengxin/kernel';
import { importCommand } from '../exchange-cli';

const [command, url, ...rest] = process.argv.slice(2);
const say = (line: string) => process.stdout.write(`${line}\n`);

// `pglite:<dir>` opens the embedded database in that data directory; anything else is a PostgreSQL URL.
const database = url!.startsWith('pglite:')
  ? await openDatabase({ dataDir: url!.slice('pglite:'.length) })
  : await openDatabase({ databaseUrl: url!, maxConnections: 4 });
const system = { database, secrets: TEST_SECRETS, migrations: [] };
if (command === 'import') {
  const [file, mode] = rest;
  say('started');
  const code = await importCommand(system, [file!, '--mode', mode!, '--source-system', 'crash'], say);
  say(`exit ${code}`);
} else if (command === 'daily') {
  say('started');
  const r = await runDailyJob(kernelContext(database.db, TEST_SECRETS), rest[0]!);
  say(`done ${r.expired} ${r.archived}`);
} else if (command === 'reads') {
  const actor = systemActor('01900000-0000-7000-8000-00000000c001', 'crash-reader');
  let issued = 0;
  let answered = 0;
  let stopping = false;
  process.once('SIGTERM', () => {
    stopping = true;
    void drainAccessLog().then(() => {
      say(`issued ${issued}`);
      process.exit(0);
    });
  });
  say('started');
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (!stopping) {
        issued += 1;
        await logAccess(database.db, actor, 'file.read', 'person', rest[0]!);
        answered += 1;
        if (answered % 50 === 0) say(`answered ${answered}`);
      }
    }),
  );
  await new Promise(() => undefined); // the SIGTERM handler exits
}
await database.close();
process.exit(0);
