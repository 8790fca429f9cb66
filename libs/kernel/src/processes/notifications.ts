import { jsonValue, rows, type Queryable } from '@chengxin/db';
import { sql } from 'drizzle-orm';
import { scopeFor, scopeSql, type Grant, type Scope, GRANTS_JSON, pgArray } from '../access';
import { appendAudit } from '../audit';
import type { KernelContext } from '../core';
import type { LegalDate } from '@chengxin/contract';
import { newId } from '../core';
import { complaintOverdueSql } from './complaints';

export interface Notice {
  userId: string;
  kind: string;
  titleZh: string;
  bodyZh: string;
  entity?: string;
  entityId?: string;
  dedupeKey?: string;
}

/** Writes inbox entries inside the caller's transaction (so a decision and the news of it commit together). */
export async function notify(tx: Queryable, notices: Notice[]): Promise<number> {
  let written = 0;
  for (const n of notices) {
    const done = await rows<{ id: string }>(
      tx,
      sql`insert into kernel.notification (id, user_id, kind, title_zh, body_zh, entity, entity_id, dedupe_key)
      values (${newId()}, ${n.userId}, ${n.kind}, ${n.titleZh}, ${n.bodyZh}, ${n.entity ?? null}, ${n.entityId ?? null}, ${n.dedupeKey ?? null})
      on conflict (dedupe_key) do nothing returning id`,
    );
    written += done.length;
  }
  return written;
}

/** The user who filed a case, when it was filed by a signed-in user (not a token, not the public). */
export async function filer(tx: Queryable, table: 'objection' | 'repair', id: string): Promise<string | null> {
  const [r] = await rows<{ user_id: string | null }>(
    tx,
    sql`select u.id::text as user_id from kernel.${sql.raw(table)} x join kernel.app_user u on u.id = x.created_by where x.id = ${id}`,
  );
  return r?.user_id ?? null;
}

/** What each queue counts as overdue on a day, and who may act on it. */
const QUEUES: {
  permission: string;
  labelZh: string;
  count: (scope: Scope, day: LegalDate) => ReturnType<typeof sql>;
}[] = [
  {
    permission: 'kernel.objections.decide',
    labelZh: '逾期未决的异议',
    count: (s, d) =>
      sql`select count(*)::int from kernel.objection x join kernel.credit_record r on r.id = x.record_id join kernel.org_unit o on o.id = r.org_id where x.status <> 'decided' and x.decide_due < ${d}::date and ${scopeSql(s, sql`o.path`)}`,
  },
  {
    permission: 'kernel.repairs.decide',
    labelZh: '逾期未决的信用修复申请',
    count: (s, d) =>
      sql`select count(*)::int from kernel.repair x join kernel.credit_record r on r.id = x.record_id join kernel.org_unit o on o.id = r.org_id where x.status = 'under_review' and x.decide_due < ${d}::date and ${scopeSql(s, sql`o.path`)}`,
  },
  {
    permission: 'kernel.complaints.handle',
    labelZh: '逾期未受理或未办结的投诉举报',
    count: (s, d) =>
      sql`select count(*)::int from kernel.complaint x join kernel.org_unit o on o.id = x.handling_org_id where ${complaintOverdueSql(d, 'x')} and ${scopeSql(s, sql`o.path`)}`,
  },
  {
    permission: 'kernel.rectifications.file',
    labelZh: '逾期的限期整改',
    count: (s, d) =>
      sql`select count(*)::int from kernel.rectification x join kernel.org_unit o on o.id = x.org_id where ((x.status = 'awaiting_explanation' and x.explanation_due < ${d}::date) or (x.status = 'in_progress' and x.completion_due < ${d}::date)) and ${scopeSql(s, sql`o.path`)}`,
  },
];

/** The daily digest: one inbox entry per user and day listing what is overdue in the queues they can act on. */
export async function sendDigests(ctx: KernelContext, day: LegalDate): Promise<number> {
  const users = await rows<{ id: string; grants: unknown }>(
    ctx.db,
    sql`select u.id::text, ${GRANTS_JSON(sql`u.id`)} as grants from kernel.app_user u where not u.disabled`,
  );
  const notices: Notice[] = [];
  for (const u of users) {
    const grants = (jsonValue(u.grants) as Grant[]).map((g) => ({
      ...g,
      permissions: pgArray(g.permissions as unknown as string[]) ?? [],
    }));
    const lines: string[] = [];
    for (const q of QUEUES) {
      const scope = scopeFor(grants, q.permission);
      if (!scope) continue;
      const [c] = await rows<{ count: number }>(ctx.db, q.count(scope, day));
      if (Number(c?.count ?? 0) > 0) lines.push(`${q.labelZh}：${c!.count}件`);
    }
    if (lines.length)
      notices.push({
        userId: u.id,
        kind: 'digest',
        titleZh: `${day} 逾期事项提醒`,
        bodyZh: lines.join('；'),
        dedupeKey: `digest:${u.id}:${day}`,
      });
  }
  if (!notices.length) return 0;
  return ctx.db.transaction(async (tx) => {
    const written = await notify(tx, notices);
    if (written)
      await appendAudit(tx, ctx.actor, [
        { action: 'notification.digest', entity: 'notification', entityId: day, detail: { users: written } },
      ]);
    return written;
  });
}

export async function listNotifications(db: Queryable, userId: string, unreadOnly: boolean, limit: number) {
  return rows<{
    id: string;
    kind: string;
    titleZh: string;
    bodyZh: string;
    entity: string | null;
    entityId: string | null;
    createdAt: string;
    readAt: string | null;
  }>(
    db,
    sql`
    select id, kind, title_zh as "titleZh", body_zh as "bodyZh", entity, entity_id as "entityId", to_json(created_at)#>>'{}' as "createdAt", to_json(read_at)#>>'{}' as "readAt"
    from kernel.notification where user_id = ${userId} ${unreadOnly ? sql`and read_at is null` : sql``} order by created_at desc, id desc limit ${limit}`,
  );
}

/** Marking read is the user's own bookkeeping, not a business write: no audit entry. */
export async function markRead(db: Queryable, userId: string, ids: string[] | 'all'): Promise<number> {
  const done = await rows<{ id: string }>(
    db,
    sql`update kernel.notification set read_at = now() where user_id = ${userId} and read_at is null
    ${ids === 'all' ? sql`` : sql`and id = any(${sql.param(ids)}::uuid[])`} returning id`,
  );
  return done.length;
}
