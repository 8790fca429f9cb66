import { refuseBarredHonours } from '../file';
import { rows, type Queryable, type Tx } from '@chengxin/db';
import { EVERYWHERE, scopeSql, withinScope, type Scope } from '../access';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  RecordContent,
  RecordCreateInput,
  RecordOut,
  recordCorrectInput,
  recordDetailOut,
  recordListInput,
  LegalDate,
} from '@chengxin/contract';
import { appendAudit, recordDigests } from '../audit';
import {
  audit,
  write,
  type KernelContext,
  AppError,
  badInput,
  forbidden,
  notFound,
  type RowIssue,
  newId,
  decodeKey,
  encodeKey,
  decodeOffset,
  encodeOffset,
} from '../core';
import { RECORD_STATUS_LABELS, type RecordStatus, type SanctionType } from '@chengxin/contract';
import { personDisclosureDefault, refusePublicPersonWithoutReason } from './rules/person-disclosure';
import { recordType, recordTypes, type RecordTypeDef } from './record-types';
import { creditRecord, creditRecordVersion, recordEvent, recordLink } from './schema';
import { orgUnit, person, getOrgPath } from '../registry';
import { emitKernelEvents } from '../plugins';
import { contentPayload, deriveVersion, storedPayload, type DerivedVersion } from './derive';
import { CORRECTABLE, TRANSITIONS, type TransitionAction } from './lifecycle';
import { carryProposal, submitIssues, unconfirmedIssues } from './rules/submission';
import { RECORD_COLUMNS, RECORD_FROM, toRecordOut, toVersionOut, upcastVersion, versionColumns } from './record-rows';
import { recordDigestSql, VERSIONS_DIGEST_AGG } from './state-digest';

export const MANUAL_SOURCE = 'chengxin';

export function requireType(
  typeKey: string,
  subjectKind: 'org' | 'person',
  polarity: string | undefined,
  fieldPrefix = '',
): RecordTypeDef | RowIssue {
  const type = recordType(typeKey);
  const f = (name: string) => `${fieldPrefix}${name}`;
  if (!type)
    return {
      field: f('typeKey'),
      code: 'RECORD_TYPE_UNKNOWN',
      messageZh: `未知的记录类型“${typeKey}”`,
      messageEn: `Unknown record type ${typeKey}`,
    };
  if (!type.subjects.includes(subjectKind)) {
    return {
      field: f('subject.kind'),
      code: 'RECORD_SUBJECT_NOT_ALLOWED',
      messageZh: `“${type.labelZh}”记录的主体不能是${subjectKind === 'org' ? '单位' : '个人'}`,
      messageEn: `${type.labelEn} records cannot have a ${subjectKind} subject`,
    };
  }
  if (polarity && polarity !== type.polarity)
    return {
      field: f('polarity'),
      code: 'RECORD_POLARITY_MISMATCH',
      messageZh: '记录性质与记录类型不一致',
      messageEn: `Polarity must be ${type.polarity} for ${typeKey}`,
    };
  return type;
}

const isIssue = (x: RecordTypeDef | RowIssue): x is RowIssue => 'code' in x;

function throwIssues(issues: RowIssue[]): never {
  const first = issues[0]!;
  throw new AppError('BAD_REQUEST', first.code, first.messageZh, first.messageEn, first.field, issues);
}

/** Sanctions of a person still running on a date (the 2007 remainder rule needs them). */
export async function runningSanctions(
  db: Queryable,
  personIds: string[],
  onDate: string,
): Promise<Map<string, { end: string; decisionNo: string; decisionDate: string; sanctionType: SanctionType }[]>> {
  const result = new Map<
    string,
    { end: string; decisionNo: string; decisionDate: string; sanctionType: SanctionType }[]
  >();
  if (personIds.length === 0) return result;
  const list = await rows<{
    person_id: string;
    end: string;
    decision_no: string;
    decision_date: string;
    sanction_type: SanctionType;
  }>(
    db,
    sql`select r.person_id, r.impact_end::text as end, r.decision_no, r.decision_date::text, r.sanction_type from kernel.current_record r
        where r.person_id = any(${sql.param(personIds)}::uuid[]) and r.status in ('approved', 'published', 'expired')
          and r.impact_start <= ${onDate}::date and r.impact_end > ${onDate}::date`,
  );
  for (const r of list)
    result.set(r.person_id, [
      ...(result.get(r.person_id) ?? []),
      { end: r.end, decisionNo: r.decision_no, decisionDate: r.decision_date, sanctionType: r.sanction_type },
    ]);
  return result;
}

/** The body a person served in on a date (latest post started on or before it), for scoping person records. */
async function personOrgOn(db: Queryable, personId: string, date: string): Promise<string | null> {
  const [row] = await rows<{ org_id: string }>(
    db,
    sql`select org_id from kernel.tenure where person_id = ${personId} and start_date <= ${date}::date
        and (end_date is null or end_date >= ${date}::date) order by start_date desc limit 1`,
  );
  if (row) return row.org_id;
  const [latest] = await rows<{ org_id: string }>(
    db,
    sql`select org_id from kernel.tenure where person_id = ${personId} order by start_date desc limit 1`,
  );
  return latest?.org_id ?? null;
}

export async function createDraft(ctx: KernelContext, input: RecordCreateInput): Promise<RecordOut> {
  const type = requireType(input.typeKey, input.subject.kind, input.polarity);
  if (isIssue(type)) throwIssues([type]);
  const content = personDisclosureDefault(pickContent(input), input.subject.kind, type.polarity);
  const id = newId();
  await write(ctx, async (tx) => {
    let orgId: string;
    let personId: string | null = null;
    if (input.subject.kind === 'org') {
      orgId = input.subject.orgId;
      const [org] = await tx.select({ id: orgUnit.id }).from(orgUnit).where(eq(orgUnit.id, orgId));
      if (!org) throw badInput('ORG_NOT_FOUND', 'subject.orgId', '记录主体单位不存在', 'Subject org unit not found');
    } else {
      personId = input.subject.personId;
      const [p] = await tx.select({ id: person.id }).from(person).where(eq(person.id, personId));
      if (!p) throw badInput('PERSON_NOT_FOUND', 'subject.personId', '记录主体人员不存在', 'Subject person not found');
      const resolved = input.subject.orgId ?? (await personOrgOn(tx, personId, content.decisionDate));
      if (!resolved)
        throw badInput(
          'PERSON_ORG_REQUIRED',
          'subject.orgId',
          '该人员没有任职记录，请指定行为发生时所在单位',
          'The person has no post: give the body they served in',
        );
      // The body found from the person's posts must be the caller's too (a person may have served in several districts).
      if (!withinScope(ctx.scope, await getOrgPath(tx, resolved)))
        throw forbidden(
          'OUT_OF_SCOPE',
          '该人员行为发生时所在单位不在您的管辖范围内',
          'The body the person served in is outside your scope',
          'subject.orgId',
        );
      orgId = resolved;
    }
    const running = personId
      ? (await runningSanctions(tx, [personId], content.effectiveDate ?? content.decisionDate)).get(personId)
      : undefined;
    const derived = deriveVersion(type, content, ctx.today(), running);
    if (!derived.ok) throwIssues(derived.issues);
    if (input.source) {
      refuseReservedSource(ctx, input.source.system, 'source.system');
      const [existing] = await tx
        .select({ id: creditRecord.id })
        .from(creditRecord)
        .where(and(eq(creditRecord.sourceSystem, input.source.system), eq(creditRecord.sourceId, input.source.id)));
      if (existing)
        throw new AppError(
          'CONFLICT',
          'RECORD_SOURCE_DUPLICATE',
          `来源系统已报送过该记录（${input.source.system}/${input.source.id}）`,
          `Source record ${input.source.system}/${input.source.id} already exists as ${existing.id}`,
          'source.id',
        );
    }
    await tx.insert(creditRecord).values({
      id,
      subjectKind: input.subject.kind,
      orgId,
      personId,
      typeKey: input.typeKey,
      polarity: type.polarity,
      status: 'draft',
      currentVersion: 1,
      sourceSystem: input.source?.system ?? MANUAL_SOURCE,
      sourceId: input.source?.id ?? id,
      createdBy: ctx.actor?.id ?? null,
    });
    await insertVersion(tx, ctx, id, 1, content, derived.derived, null);
    for (const link of input.linkTo) {
      const [target] = await rows<{ path: string }>(
        tx,
        sql`select o.path from kernel.credit_record r join kernel.org_unit o on o.id = r.org_id where r.id = ${link.recordId}`,
      );
      // Out of scope reads the same as missing: a link never reveals whether a record exists elsewhere.
      if (!target || !withinScope(ctx.scope, target.path))
        throw badInput(
          'RECORD_NOT_FOUND',
          'linkTo',
          `关联记录不存在：${link.recordId}`,
          `Linked record not found: ${link.recordId}`,
        );
      await tx
        .insert(recordLink)
        .values({ fromRecordId: id, toRecordId: link.recordId, kind: link.kind, createdBy: ctx.actor?.id ?? null });
    }
    const after = (await recordDigests(tx, [id])).get(id);
    await audit(
      tx,
      ctx,
      'record.create',
      'credit_record',
      id,
      { typeKey: input.typeKey, subjectKind: input.subject.kind, version: 1, contentHash: derived.derived.contentHash },
      { after },
    );
  });
  return getRecordRow(ctx.db, id);
}

/**
 * `<plugin>.rules` is where a plugin's rules file their proposed drafts, one per breach: nobody else may write there,
 * or a body could pre-empt the proposal of its own breach.
 */
export function refuseReservedSource(ctx: KernelContext, system: string, field: string): void {
  const owner = system.endsWith('.rules') ? system.slice(0, -'.rules'.length) : null;
  if (owner && recordTypes().some((t) => t.owner === owner) && ctx.actor?.username !== `plugin:${owner}`) {
    throw badInput(
      'SOURCE_SYSTEM_RESERVED',
      field,
      `来源系统“${system}”为插件规则提出的草稿保留`,
      `Source system ${system} is reserved for the ${owner} plugin's rules`,
    );
  }
}

export function pickContent(input: RecordContent): RecordContent {
  const {
    severity,
    facts,
    legalBasis,
    decisionNo,
    decisionDate,
    effectiveDate,
    issuingAuthority,
    issuingAuthorityUscc,
    disclosureScope,
    sanctionType,
    offenceCount,
    combinedMonths,
    payload,
  } = input;
  return {
    severity,
    facts,
    legalBasis,
    decisionNo,
    decisionDate,
    effectiveDate,
    issuingAuthority,
    issuingAuthorityUscc,
    disclosureScope,
    sanctionType,
    offenceCount,
    combinedMonths,
    payload,
  };
}

async function insertVersion(
  tx: Tx,
  ctx: KernelContext,
  recordId: string,
  version: number,
  c: RecordContent,
  d: DerivedVersion,
  reason: string | null,
) {
  await tx.insert(creditRecordVersion).values({
    recordId,
    version,
    severity: c.severity,
    facts: c.facts,
    legalBasis: c.legalBasis,
    decisionNo: c.decisionNo,
    decisionDate: c.decisionDate,
    effectiveDate: d.effectiveDate,
    issuingAuthority: c.issuingAuthority,
    issuingAuthorityUscc: c.issuingAuthorityUscc ?? null,
    disclosureScope: c.disclosureScope,
    sanctionType: c.sanctionType ?? null,
    impactStart: d.impactStart,
    impactEnd: d.impactEnd,
    publicationStart: d.publicationStart,
    publicationMinEnd: d.publicationMinEnd,
    publicationMaxEnd: d.publicationMaxEnd,
    payload: storedPayload({ ...c, payload: d.payload }),
    rules: d.rules.map((r) => r.ruleId),
    contentHash: d.contentHash,
    reason,
    createdBy: ctx.actor?.id ?? null,
  });
}

/** Moves a record along its lifecycle; an illegal move is a CONFLICT naming the current state. */
export async function transition(
  ctx: KernelContext,
  action: TransitionAction,
  recordId: string,
  reason?: string,
): Promise<RecordOut> {
  try {
    await transitionMany(ctx, action, [recordId], reason);
  } catch (error) {
    if (!(error instanceof AppError) || error.appCode !== 'RECORD_ILLEGAL_TRANSITION') throw error;
    // Nothing moved: say why for this one record (unknown, or which state it is in).
    const [rec] = await rows<{ status: RecordStatus }>(
      ctx.db,
      sql`select status from kernel.credit_record where id = ${recordId}`,
    );
    if (!rec) throw notFound('record', '记录', recordId);
    throw new AppError(
      'CONFLICT',
      'RECORD_ILLEGAL_TRANSITION',
      `记录当前状态为“${RECORD_STATUS_LABELS[rec.status].zh}”，不能${TRANSITIONS[action].zh}`,
      `Cannot ${action} a record in state ${rec.status}`,
      'status',
    );
  }
  return getRecordRow(ctx.db, recordId);
}

/** A correction is a new version; the old one stays. Optimistic: the caller names the version it corrected. */
export async function correct(ctx: KernelContext, input: z.infer<typeof recordCorrectInput>): Promise<RecordOut> {
  await write(ctx, async (tx) => {
    const [rec] = await rows<{
      status: RecordStatus;
      current_version: number;
      type_key: string;
      person_id: string | null;
    }>(
      tx,
      sql`select status, current_version, type_key, person_id from kernel.credit_record where id = ${input.recordId} for update`,
    );
    if (!rec) throw notFound('record', '记录', input.recordId);
    const before = (await recordDigests(tx, [input.recordId])).get(input.recordId);
    if (!CORRECTABLE.includes(rec.status))
      throw new AppError(
        'CONFLICT',
        'RECORD_ILLEGAL_TRANSITION',
        `记录当前状态为“${RECORD_STATUS_LABELS[rec.status].zh}”，不能更正`,
        `Cannot correct a record in state ${rec.status}`,
        'status',
      );
    if (rec.current_version !== input.expectedVersion) {
      throw new AppError(
        'CONFLICT',
        'RECORD_VERSION_CONFLICT',
        `记录已被他人更新为第${rec.current_version}版，请刷新后再更正`,
        `The record is at version ${rec.current_version}, not ${input.expectedVersion}`,
        'expectedVersion',
      );
    }
    const [cur] = await rows<Record<string, unknown>>(
      tx,
      sql`select ${versionColumns(sql`v`)} from kernel.credit_record_version v where v.record_id = ${input.recordId} and v.version = ${rec.current_version}`,
    );
    const old = toVersionOut(cur!);
    const { offenceCount, combinedMonths, payload } = contentPayload(old.payload);
    const base: RecordContent = {
      severity: old.severity,
      facts: old.facts,
      legalBasis: old.legalBasis,
      decisionNo: old.decisionNo,
      decisionDate: old.decisionDate,
      effectiveDate: old.effectiveDate,
      issuingAuthority: old.issuingAuthority,
      ...(old.issuingAuthorityUscc ? { issuingAuthorityUscc: old.issuingAuthorityUscc } : {}),
      disclosureScope: old.disclosureScope,
      ...(old.sanctionType ? { sanctionType: old.sanctionType } : {}),
      ...(offenceCount !== undefined ? { offenceCount } : {}),
      ...(combinedMonths !== undefined ? { combinedMonths } : {}),
      payload,
    };
    const changed = stripUndefined(input.changes);
    const next = pickContent({ ...base, ...changed } as RecordContent);
    next.payload = carryProposal(payload, next.payload, Object.keys(changed), input.confirm);
    const type = recordType(rec.type_key)!;
    const running = rec.person_id
      ? (await runningSanctions(tx, [rec.person_id], next.effectiveDate ?? next.decisionDate))
          .get(rec.person_id)
          ?.filter((r) => r.end !== old.impactEnd)
      : undefined;
    const derived = deriveVersion(type, next, ctx.today(), running);
    if (!derived.ok) throwIssues(derived.issues.map((i) => ({ ...i, field: `changes.${i.field}` })));
    const version = rec.current_version + 1;
    await insertVersion(tx, ctx, input.recordId, version, next, derived.derived, input.reason);
    await tx
      .update(creditRecord)
      .set({ currentVersion: version, updatedAt: sql`now()` })
      .where(eq(creditRecord.id, input.recordId));
    await tx.insert(recordEvent).values({
      recordId: input.recordId,
      action: 'correct',
      fromStatus: rec.status,
      toStatus: rec.status,
      version,
      reason: input.reason,
      actorId: ctx.actor?.id ?? null,
    });
    // A granted honour corrected to a day its subject was barred meets the bar again (an override must cover it).
    if (!['draft', 'submitted'].includes(rec.status)) await refuseBarredHonours(tx, [input.recordId]);
    const after = (await recordDigests(tx, [input.recordId])).get(input.recordId);
    await audit(
      tx,
      ctx,
      'record.correct',
      'credit_record',
      input.recordId,
      { version, changed: Object.keys(changed), confirmed: input.confirm ?? [], reason: input.reason },
      { before, after },
    );
  });
  return getRecordRow(ctx.db, input.recordId);
}

const stripUndefined = <T extends object>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

export async function getRecordRow(db: Queryable, id: string): Promise<RecordOut> {
  const [row] = await rows(db, sql`select ${RECORD_COLUMNS} from ${RECORD_FROM} where r.id = ${id}`);
  if (!row) throw notFound('record', '记录', id);
  return toRecordOut(row);
}

export async function getRecordDetail(db: Queryable, id: string): Promise<z.infer<typeof recordDetailOut>> {
  const record = await getRecordRow(db, id);
  const versions = await rows(
    db,
    sql`select ${versionColumns(sql`v`)} from kernel.credit_record_version v where v.record_id = ${id} order by v.version`,
  );
  const events = await rows<{
    action: string;
    fromStatus: string | null;
    toStatus: string;
    version: number;
    reason: string | null;
    actorId: string | null;
    at: string;
  }>(
    db,
    sql`select action, from_status as "fromStatus", to_status as "toStatus", version, reason, actor_id as "actorId", to_json(at)#>>'{}' as at from kernel.record_event where record_id = ${id} order by id`,
  );
  const links = await rows<{ recordId: string; kind: string; direction: 'from' | 'to' }>(
    db,
    sql`select to_record_id as "recordId", kind, 'to' as direction from kernel.record_link where from_record_id = ${id}
            union all select from_record_id, kind, 'from' from kernel.record_link where to_record_id = ${id}`,
  );
  return {
    ...record,
    versions: versions.map((v) => upcastVersion(record.typeKey, toVersionOut(v))),
    events: events.map((e) => ({ ...e, version: Number(e.version) })),
    links,
  };
}

export async function listRecords(db: Queryable, input: z.infer<typeof recordListInput>, scope: Scope = EVERYWHERE) {
  const where: SQL[] = [];
  if (scope.roots !== null) where.push(scopeSql(scope, sql`o.path`));
  // Newest-first pages continue after the last id seen; a column order continues at an offset.
  const after = input.sort ? null : decodeKey(input.cursor);
  const offset = input.sort ? decodeOffset(input.cursor) : 0;
  if (input.q) {
    const q = input.q;
    where.push(
      sql`(position(${q} in o.name) > 0 or position(${q} in coalesce(p.name, '')) > 0 or position(${q} in r.decision_no) > 0 or position(${q} in r.facts) > 0)`,
    );
  }
  if (input.source === 'manual') where.push(sql`r.source_system = ${MANUAL_SOURCE}`);
  if (input.source === 'imported') where.push(sql`r.source_system <> ${MANUAL_SOURCE}`);
  if (input.status?.length) where.push(sql`r.status = any(${sql.param(input.status)}::text[])`);
  if (input.typeKey) where.push(sql`r.type_key = ${input.typeKey}`);
  if (input.severity) where.push(sql`r.severity = ${input.severity}`);
  if (input.subjectKind) where.push(sql`r.subject_kind = ${input.subjectKind}`);
  if (input.personId) where.push(sql`r.person_id = ${input.personId}`);
  if (input.decidedFrom) where.push(sql`r.decision_date >= ${input.decidedFrom}::date`);
  if (input.decidedTo) where.push(sql`r.decision_date <= ${input.decidedTo}::date`);
  if (input.orgId) {
    if (input.subtree) {
      const path = await getOrgPath(db, input.orgId);
      where.push(sql`(o.path = ${path} or o.path like ${`${path}/%`})`);
    } else where.push(sql`r.org_id = ${input.orgId}`);
  }
  const filtered = where.length ? sql`where ${sql.join(where, sql` and `)}` : sql``;
  // The total is counted once, on the first page (without the cursor's condition), not on every page turned.
  const total = input.cursor
    ? undefined
    : Number(
        (await rows<{ n: number }>(db, sql`select count(*)::int as n from ${RECORD_FROM} ${filtered}`))[0]?.n ?? 0,
      );
  if (after) where.push(sql`r.id < ${after}::uuid`);
  const order = input.sort ? RECORD_ORDER[input.sort] : sql`r.id desc`;
  const list = await rows(
    db,
    sql`select ${RECORD_COLUMNS} from ${RECORD_FROM} ${where.length ? sql`where ${sql.join(where, sql` and `)}` : sql``} order by ${order} limit ${input.limit + 1} offset ${offset}`,
  );
  const items = list.slice(0, input.limit).map(toRecordOut);
  const more = list.length > input.limit;
  return {
    items,
    nextCursor: !more ? null : input.sort ? encodeOffset(offset + input.limit) : encodeKey(items[items.length - 1]!.id),
    ...(total === undefined ? {} : { total }),
  };
}

/** The list's column orders; the id breaks ties so pages never repeat or skip a row. */
const RECORD_ORDER: Record<NonNullable<z.infer<typeof recordListInput>['sort']>, SQL> = {
  decisionDate: sql`r.decision_date asc, r.id asc`,
  '-decisionDate': sql`r.decision_date desc, r.id desc`,
  subject: sql`coalesce(p.name, o.name) asc, r.id asc`,
  '-subject': sql`coalesce(p.name, o.name) desc, r.id desc`,
  updatedAt: sql`r.updated_at asc, r.id asc`,
  '-updatedAt': sql`r.updated_at desc, r.id desc`,
};

/**
 * Rule-proposed values a person has not confirmed (and placeholder decision numbers) stop a record at submit, approve
 * and publish; the fields its type needs for publication stop it at submit. One record: its issues by field; several
 * (bulk review): one issue per record, naming it.
 */
async function refuseUnready(
  tx: Tx,
  ids: string[],
  action: 'submit' | 'approve' | 'publish',
  from: readonly RecordStatus[],
): Promise<void> {
  const list = await rows<{ id: string; type_key: string; decision_no: string; payload: Record<string, unknown> }>(
    tx,
    sql`select r.id::text, r.type_key, r.decision_no, r.payload from kernel.current_record r
        where r.id = any(${sql.param(ids)}::uuid[]) and r.status = any(${sql.param([...from])}::text[])`,
  );
  // A record in the wrong state is refused by the move itself, naming its state.
  const issues: RowIssue[] = [];
  for (const r of list) {
    const c = { typeKey: r.type_key, decisionNo: r.decision_no, payload: r.payload ?? {} };
    const own = action === 'submit' ? submitIssues(c) : unconfirmedIssues(c);
    issues.push(
      ...(ids.length === 1
        ? own
        : own.map((i) => ({ ...i, field: 'recordIds', messageZh: `记录${r.id}：${i.messageZh}` }))),
    );
  }
  if (issues.length) throwIssues(issues);
}

/**
 * The one implementation of a lifecycle move, for one record or many (bulk review, demo seeding): set-wise, with an
 * event and an audit entry per record, all or nothing. If any record is not in a state the action allows, nothing
 * moves and the CONFLICT lists them.
 */
export async function transitionMany(
  ctx: KernelContext,
  action: TransitionAction,
  ids: string[],
  reason?: string,
  effectiveDates?: (LegalDate | null)[],
): Promise<number> {
  const rule = TRANSITIONS[action];
  if (rule.reasonRequired && !reason?.trim())
    throw badInput('REASON_REQUIRED', 'reason', `${rule.zh}须填写理由`, `A reason is required to ${action}`);
  if (ids.length === 0) return 0;
  const actor = ctx.actor?.id ?? null;
  return write(ctx, async (tx) => {
    if (action === 'submit' || action === 'approve' || action === 'publish')
      await refuseUnready(tx, ids, action, rule.from);
    if (action === 'approve') await refuseBarredHonours(tx, ids);
    if (action === 'publish') await refusePublicPersonWithoutReason(tx, ids, reason);
    // Each id once (a list may repeat one), with the day its move took effect.
    const dayOf = new Map<string, LegalDate | null>();
    ids.forEach((id, i) => {
      if (!dayOf.has(id)) dayOf.set(id, effectiveDates ? (effectiveDates[i] ?? null) : ctx.today());
    });
    // One statement: lock, move, event, and both state digests from one read of each record's versions
    // (state-digest.ts). Every part reads the locked rows (`old`) alone: the event and the result need no join with the
    // update (it moves exactly those rows), so no plan can join two CTEs row by row (a misestimated nested loop of
    // 5,000 × 5,000 took minutes per chunk in the daily-job benchmark).
    const moved = await rows<{
      id: string;
      type_key: string;
      from_status: string;
      version: number;
      before: string;
      after: string;
    }>(
      tx,
      sql`
      with old as (
        select r.id, r.subject_kind, r.org_id, r.person_id, r.type_key, r.polarity, r.status, r.disputed, r.current_version,
          r.source_system, r.source_id, e.day,
          (select ${VERSIONS_DIGEST_AGG} from kernel.credit_record_version v where v.record_id = r.id) as versions
        from unnest(${sql.param([...dayOf.keys()])}::uuid[], ${sql.param([...dayOf.values()])}::text[]::date[]) as e(id, day)
        join kernel.credit_record r on r.id = e.id
        where r.status = any(${sql.param([...rule.from])}::text[])
        for update of r
      ),
      upd as (
        update kernel.credit_record r set status = ${rule.to}, updated_at = now() from old where r.id = old.id
      ),
      ev as (
        insert into kernel.record_event (record_id, action, from_status, to_status, version, reason, actor_id, effective_date)
        select old.id, ${action}, old.status, ${rule.to}, old.current_version, ${reason ?? null}, ${actor}::uuid, old.day from old
      )
      select old.id::text, old.type_key, old.status as from_status, old.current_version as version,
        ${recordDigestSql('old', sql`old.status`, sql`old.versions`)} as before,
        ${recordDigestSql('old', sql`${rule.to}::text`, sql`old.versions`)} as after
      from old`,
    );
    if (moved.length !== new Set(ids).size) {
      const ok = new Set(moved.map((m) => m.id));
      const stuck = ids.filter((i) => !ok.has(i));
      throw new AppError(
        'CONFLICT',
        'RECORD_ILLEGAL_TRANSITION',
        `${stuck.length}条记录的当前状态不能${rule.zh}，未作任何变更`,
        `${stuck.length} record(s) cannot ${action} from their current state; nothing changed`,
        'recordIds',
        stuck.slice(0, 100).map((id) => ({
          field: 'recordIds',
          code: 'RECORD_ILLEGAL_TRANSITION',
          messageZh: `记录${id}状态不允许${rule.zh}`,
          messageEn: `record ${id} cannot ${action}`,
        })),
      );
    }
    const effectiveOf = new Map(ids.map((id, i) => [id, effectiveDates?.[i] ?? ctx.today()]));
    await appendAudit(
      tx,
      ctx.actor,
      moved.map((m) => ({
        action: `record.${action}`,
        entity: 'credit_record',
        entityId: m.id,
        before: m.before,
        after: m.after,
        detail: {
          from: m.from_status,
          to: rule.to,
          version: Number(m.version),
          reason: reason ?? null,
          effectiveOn: effectiveOf.get(m.id) ?? null,
        },
      })),
    );
    await emitKernelEvents(
      tx,
      moved.map((m) => ({
        type: 'record.transition',
        recordId: m.id,
        typeKey: m.type_key,
        from: m.from_status,
        to: rule.to,
      })),
    );
    return moved.length;
  });
}
