/**
 * A server process for jobs.int.test.ts: works the `test-block` queue with a job that blocks until the process is
 * killed. Usage: jobs-fixture.ts <postgres url> <expire seconds>. Prints `ready`, then `started <job id>`.
 */
import { openDatabase } from '@chengxin/db';
import { TEST_SECRETS, kernelContext } from '@chengxin/kernel';
import { startJobQueue } from './jobs';

const [url, expire] = process.argv.slice(2);
const database = await openDatabase({ databaseUrl: url!, maxConnections: 2 });
await startJobQueue({
  database,
  databaseUrl: url!,
  env: {
    ctx: kernelContext(database.db, TEST_SECRETS),
    database,
    secrets: TEST_SECRETS,
    mailer: null,
    checkpointDir: undefined,
    log: (line) => process.stderr.write(`${line}\n`),
  },
  definitions: [
    {
      kind: 'test-block',
      retry: { limit: 2, delaySeconds: 1, maxDelaySeconds: 1 },
      run(_env, _data, job) {
        process.stdout.write(`started ${job.id}\n`);
        return new Promise(() => undefined);
      },
    },
  ],
  config: { expireSeconds: Number(expire), pollSeconds: 0.5, superviseSeconds: 1, poolSize: 2, schedule: false },
  attach: false,
});
process.stdout.write('ready\n');
