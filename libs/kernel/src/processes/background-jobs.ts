/**
 * Background jobs as the console sees them. The queue itself (pg-boss: on PostgreSQL over its own connection pool, on
 * PGlite in-process over the embedded database) is started by apps/server, which attaches it here for the database it
 * runs on; the kernel's procedures list its jobs and retry a failed one through this small interface only.
 */
import type { BackgroundJobKind, BackgroundJobState } from '@chengxin/contract';
import { appendAudit } from '../audit';
import { AppError, badInput, notFound, type KernelContext } from '../core';

export interface BackgroundJob {
  id: string;
  kind: BackgroundJobKind;
  state: BackgroundJobState;
  attempts: number;
  maxAttempts: number;
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
  runAfter: string | null;
  error: string | null;
}

/** What the console needs of a queue. */
export interface BackgroundJobQueue {
  list(filter: { kind?: BackgroundJobKind; state?: BackgroundJobState; limit: number }): Promise<BackgroundJob[]>;
  get(kind: BackgroundJobKind, id: string): Promise<BackgroundJob | null>;
  /** Puts a failed job back to run again (its attempts start over). */
  retry(kind: BackgroundJobKind, id: string): Promise<void>;
}

// Keyed by the driver client underneath drizzle, which every context on one opened database shares.
const queues = new WeakMap<object, BackgroundJobQueue>();
const clientOf = (db: KernelContext['db']): object => ((db as unknown as { $client?: object }).$client ?? db) as object;

/** Called by the process that runs the queue on this database (apps/server), so the console reaches it. */
export function attachBackgroundJobs(db: KernelContext['db'], queue: BackgroundJobQueue): () => void {
  const key = clientOf(db);
  queues.set(key, queue);
  return () => {
    if (queues.get(key) === queue) queues.delete(key);
  };
}

export async function listBackgroundJobs(
  ctx: KernelContext,
  filter: { kind?: BackgroundJobKind; state?: BackgroundJobState; limit: number },
): Promise<{ enabled: boolean; items: BackgroundJob[] }> {
  const queue = queues.get(clientOf(ctx.db));
  return queue ? { enabled: true, items: await queue.list(filter) } : { enabled: false, items: [] };
}

/** Retries a failed job: only a failed one (a job still waiting or running retries by itself); audited. */
export async function retryBackgroundJob(
  ctx: KernelContext,
  input: { kind: BackgroundJobKind; id: string },
): Promise<{ id: string; state: BackgroundJobState }> {
  const queue = queues.get(clientOf(ctx.db));
  if (!queue)
    throw new AppError(
      'CONFLICT',
      'JOBS_NOT_RUNNING',
      '本服务进程未运行后台任务队列，无法重试',
      'No background job queue runs in this server process',
      'id',
    );
  const job = await queue.get(input.kind, input.id);
  if (!job) throw notFound('job', '后台任务', input.id);
  if (job.state !== 'failed')
    throw badInput(
      'JOB_NOT_FAILED',
      'id',
      '只能重试失败的任务（等待或运行中的任务会自动重试）',
      'Only a failed job can be retried (a waiting or running job retries by itself)',
    );
  await queue.retry(input.kind, input.id);
  await ctx.db.transaction((tx) =>
    appendAudit(tx, ctx.actor, [
      {
        action: 'job.retry',
        entity: 'background_job',
        entityId: input.id,
        detail: { kind: input.kind, attempts: job.attempts, error: job.error },
      },
    ]),
  );
  const after = await queue.get(input.kind, input.id);
  return { id: input.id, state: after?.state ?? 'retry' };
}
