/**
 * Staged uploads: a file goes to the server in numbered parts, each well under the request body limit
 * (SECURITY_POLICY.maxBodyBytes), then is closed with its SHA-256. Imports and completeness checks read it back part
 * by part, so neither the request nor the import ever holds the whole file.
 */
import { createHash } from 'node:crypto';
import { rows } from '@chengxin/db';
import { sql } from 'drizzle-orm';
import { positiveSetting as num } from '../access';
import type { KernelContext } from '../core';
import { AppError, badInput, newId } from '../core';

/** Largest decoded part: 4 MiB, whose base64 (5.6 MB) fits the default 8 MB body limit with room for the envelope. */
export const UPLOAD_PART_BYTES = 4 * 1024 * 1024;
/** Largest file (setting CHENGXIN_UPLOAD_MAX_BYTES, default 1 GiB). */
export const UPLOAD_MAX_BYTES = num('CHENGXIN_UPLOAD_MAX_BYTES', 1024 * 1024 * 1024);
/** Uploads one user may hold within UPLOAD_KEEP_HOURS (setting CHENGXIN_UPLOADS_PER_DAY). */
export const UPLOADS_PER_OWNER = num('CHENGXIN_UPLOADS_PER_DAY', 50);
/** Unfinished or used uploads older than this are removed when their owner starts another. */
const UPLOAD_KEEP_HOURS = 24;

export async function beginUpload(ctx: KernelContext, input: { filename: string; format: string; bytes: number }) {
  if (input.bytes > UPLOAD_MAX_BYTES)
    throw badInput(
      'UPLOAD_TOO_LARGE',
      'bytes',
      `文件超过上限（${Math.round(UPLOAD_MAX_BYTES / 1024 / 1024)}MB）`,
      `The file exceeds the limit of ${UPLOAD_MAX_BYTES} bytes`,
    );
  const [open] = await rows<{ n: number }>(
    ctx.db,
    sql`select count(*)::int as n from kernel.exchange_upload where owner_id is not distinct from ${ctx.actor?.id ?? null}::uuid
    and created_at >= now() - make_interval(hours => ${UPLOAD_KEEP_HOURS})`,
  );
  if (Number(open?.n ?? 0) >= UPLOADS_PER_OWNER)
    throw new AppError(
      'TOO_MANY_REQUESTS',
      'UPLOAD_TOO_MANY',
      `24小时内最多上传${UPLOADS_PER_OWNER}个文件`,
      `At most ${UPLOADS_PER_OWNER} uploads per 24 hours`,
    );
  const id = newId();
  await ctx.db.execute(
    sql`delete from kernel.exchange_upload where owner_id is not distinct from ${ctx.actor?.id ?? null}::uuid and created_at < now() - make_interval(hours => ${UPLOAD_KEEP_HOURS})`,
  );
  await ctx.db.execute(
    sql`insert into kernel.exchange_upload (id, owner_id, filename, format, bytes) values (${id}, ${ctx.actor?.id ?? null}, ${input.filename}, ${input.format}, 0)`,
  );
  return { uploadId: id, partBytes: UPLOAD_PART_BYTES };
}

async function ownUpload(ctx: KernelContext, uploadId: string) {
  const [u] = await rows<{ parts: number; bytes: string; finished: boolean; format: string; filename: string }>(
    ctx.db,
    sql`
    select parts, bytes::text, finished_at is not null as finished, format, filename from kernel.exchange_upload where id = ${uploadId} and owner_id is not distinct from ${ctx.actor?.id ?? null}::uuid`,
  );
  if (!u)
    throw new AppError('NOT_FOUND', 'UPLOAD_NOT_FOUND', '上传不存在或不属于您', 'No such upload of yours', 'uploadId');
  return u;
}

/** Parts arrive in order (seq 0, 1, …); a part sent again with the same seq (a retry) replaces itself. */
export async function appendPart(ctx: KernelContext, input: { uploadId: string; seq: number; dataBase64: string }) {
  const u = await ownUpload(ctx, input.uploadId);
  if (u.finished)
    throw new AppError('CONFLICT', 'UPLOAD_FINISHED', '上传已完成，不能再追加', 'The upload is finished', 'uploadId');
  if (input.seq > u.parts || input.seq < u.parts - 1)
    throw badInput('UPLOAD_PART_OUT_OF_ORDER', 'seq', `应上传第${u.parts}块`, `Expected part ${u.parts}`);
  const bytes = Buffer.from(input.dataBase64, 'base64');
  if (bytes.length > UPLOAD_PART_BYTES)
    throw badInput(
      'UPLOAD_PART_TOO_LARGE',
      'dataBase64',
      `每块不超过${UPLOAD_PART_BYTES}字节`,
      `Parts are at most ${UPLOAD_PART_BYTES} bytes`,
    );
  if (Number(u.bytes) + bytes.length > UPLOAD_MAX_BYTES)
    throw badInput('UPLOAD_TOO_LARGE', 'dataBase64', '文件超过上限', 'The file exceeds the limit');
  await ctx.db.transaction(async (tx) => {
    const [old] = await rows<{ n: number }>(
      tx,
      sql`select length(decode(data, 'base64'))::int as n from kernel.exchange_upload_part where upload_id = ${input.uploadId} and seq = ${input.seq}`,
    );
    await tx.execute(sql`insert into kernel.exchange_upload_part (upload_id, seq, data) values (${input.uploadId}, ${input.seq}, ${bytes.toString('base64')})
      on conflict (upload_id, seq) do update set data = excluded.data`);
    await tx.execute(
      sql`update kernel.exchange_upload set parts = greatest(parts, ${input.seq + 1}), bytes = bytes - ${old ? Number(old.n) : 0} + ${bytes.length} where id = ${input.uploadId}`,
    );
  });
  return { uploadId: input.uploadId, received: input.seq + 1 };
}

/** Closes the upload after checking the whole file's SHA-256, read part by part. */
export async function finishUpload(ctx: KernelContext, input: { uploadId: string; sha256: string }) {
  const u = await ownUpload(ctx, input.uploadId);
  const hash = createHash('sha256');
  for (let seq = 0; seq < u.parts; seq++) {
    const [p] = await rows<{ data: string }>(
      ctx.db,
      sql`select data from kernel.exchange_upload_part where upload_id = ${input.uploadId} and seq = ${seq}`,
    );
    hash.update(Buffer.from(p!.data, 'base64'));
  }
  const sum = hash.digest('hex');
  if (sum !== input.sha256.trim().toLowerCase())
    throw badInput(
      'UPLOAD_CHECKSUM_MISMATCH',
      'sha256',
      '文件校验值不符，请重新上传',
      'The SHA-256 does not match what arrived: upload again',
    );
  await ctx.db.execute(
    sql`update kernel.exchange_upload set sha256 = ${sum}, finished_at = now() where id = ${input.uploadId}`,
  );
  return { uploadId: input.uploadId, bytes: Number(u.bytes), parts: u.parts, sha256: sum };
}

/** A finished upload of the caller's, for an import or a completeness check. */
export async function finishedUpload(ctx: KernelContext, uploadId: string) {
  const u = await ownUpload(ctx, uploadId);
  if (!u.finished)
    throw new AppError('CONFLICT', 'UPLOAD_NOT_FINISHED', '上传尚未完成', 'The upload is not finished', 'uploadId');
  return u;
}
