import { refuseBarredHonours, honourBlockers } from '../file';
import { rows, type Tx } from '@chengxin/db';
import { sql, type SQL } from 'drizzle-orm';
import {
  ingestRow,
  type IngestRow,
  type RecordContent,
  RECORD_STATUS_LABELS,
  type RecordStatus,
} from '@chengxin/contract';
import { scopeFor, withinScope, type Scope } from '../access';
import { appendAudit, recordDigests } from '../audit';
import {
  write,
  type KernelContext,
  badInput,
  batchRejected,
  forbidden,
  type RowIssue,
  checkIdNumber,
  checkUscc,
  newId,
  idNumberHash,
} from '../core';
import { CORRECTABLE } from './lifecycle';
import type { RecordTypeDef } from './record-types';
import { deriveVersion, storedPayload, type DerivedVersion } from './derive';
import { MANUAL_SOURCE, pickContent, refuseReservedSource, requireType, runningSanctions } from './records';
import { personDisclosureDefault } from './rules/person-disclosure';
import { submitIssues } from './rules/submission';
import { clearStage, copyCell, copyInto, prepareStage } from './staging';
import { recordDigestSql, VERSION_DIGEST_ITEM } from './state-digest';

export interface IngestOptions {
  sourceSystem: string;
  initialStatus?: 'draft' | 'submitted' | 'approved' | 'published';
  /** Statements are chunked so no statement exceeds PostgreSQL's parameter and memory limits. */
  chunkSize?: number;
  /**
   * `ctx.db` is already a transaction the caller rolls back if this call throws (a batch-mode file import): run in it
   * directly, without a savepoint of its own. Safe because every check runs before the first write, so a rejected
   * batch has written nothing; and a savepoint per chunk makes a long transaction slow (each is a subtransaction, and
   * past 64 of them every visibility check of the transaction's own rows goes through pg_subtrans).
   */
  inOpenTransaction?: boolean;
}

export interface IngestResult {
  created: number;
  updated: number;
  unchanged: number;
  ids: string[];
}

/** Where ingest time goes (this process, cumulative, milliseconds), for the benchmark's profile. */
export const INGEST_TIMINGS = { validate: 0, resolve: 0, derive: 0, stage: 0, insert: 0, digest: 0, audit: 0 };
const lap = (phase: keyof typeof INGEST_TIMINGS, t0: number) => {
  const now = performance.now();
  INGEST_TIMINGS[phase] += now - t0;
  return now;
};

interface Prepared {
  index: number;
  sourceId: string;
  type: RecordTypeDef;
  subjectKind: 'org' | 'person';
  orgId: string;
  personId: string | null;
  content: RecordContent;
  derived: DerivedVersion;
}

/**
 * The bulk path: validates every row, resolves subjects, dedupes by (source system, source id), and writes new
 * records and new versions set-wise. All or nothing: one bad row and nothing is written, every bad row reported
 * with its index. The same record sent twice is stored once; changed content from the source becomes a new version.
 */
export async function ingest(ctx: KernelContext, rawRows: unknown[], options: IngestOptions): Promise<IngestResult> {
  // Records enter reviewed only from someone who may review them: the status is not a field an officer may set.
  const scopes: Scope[] = [ctx.scope];
  if (options.initialStatus === 'approved' || options.initialStatus === 'published') {
    const review = ctx.actor ? scopeFor(ctx.actor.grants, 'kernel.records.review') : null;
    if (!review)
      throw forbidden(
        'INITIAL_STATUS_NOT_ALLOWED',
        '只有审核人员可以报送已审核或已公示的记录',
        'Only reviewers may ingest records as approved or published',
        'initialStatus',
      );
    scopes.push(review);
  }
  refuseReservedSource(ctx, options.sourceSystem, 'sourceSystem');
  if (options.sourceSystem === MANUAL_SOURCE) {
    throw badInput(
      'SOURCE_SYSTEM_RESERVED',
      'sourceSystem',
      `来源系统“${MANUAL_SOURCE}”为本系统手工录入保留，请使用报送系统自己的名称`,
      `Source system ${MANUAL_SOURCE} is reserved for records entered by hand`,
    );
  }
  let t = performance.now();
  const parsed: { index: number; row: IngestRow }[] = [];
  const issues: RowIssue[] = [];
  rawRows.forEach((raw, index) => {
    const r = ingestRow.safeParse(raw);
    if (r.success) parsed.push({ index, row: r.data });
    else for (const i of r.error.issues) issues.push(zodRowIssue(index, i));
  });
  // Rows that parsed still go through subject and rule checks, so one call reports every bad row.

  t = lap('validate', t);
  const inTransaction = <T>(fn: (tx: Tx) => Promise<T>) =>
    options.inOpenTransaction ? fn(ctx.db as unknown as Tx) : write(ctx, fn);
  return inTransaction(async (tx) => {
    t = performance.now();
    const subjects = await resolveSubjects(tx, ctx, parsed, issues);
    await rejectOutOfScope(tx, subjects, scopes, issues);
    const personIds = [...new Set([...subjects.values()].map((s) => s.personId).filter((p): p is string => !!p))];
    const running = await runningSanctionsFor(tx, personIds, parsed);
    const today = ctx.today();
    t = lap('resolve', t);
    const bySource = new Map<string, Prepared>();
    for (const { index, row } of parsed) {
      const subject = subjects.get(index);
      if (!subject) continue;
      const type = requireType(row.typeKey, subject.subjectKind, row.polarity);
      if ('code' in type) {
        issues.push({ ...type, index });
        continue;
      }
      const content = personDisclosureDefault(pickContent(row), subject.subjectKind, type.polarity);
      const d = deriveVersion(type, content, today, subject.personId ? running.get(subject.personId) : undefined);
      if (!d.ok) {
        issues.push(...d.issues.map((i) => ({ ...i, index })));
        continue;
      }
      const prev = bySource.get(row.sourceId);
      if (prev && prev.derived.contentHash !== d.derived.contentHash) {
        issues.push({
          index,
          field: 'sourceId',
          code: 'SOURCE_ID_REPEATED',
          messageZh: `来源编号${row.sourceId}在本批中重复且内容不同（第${prev.index + 1}行）`,
          messageEn: `sourceId repeated with different content (row ${prev.index})`,
        });
        continue;
      }
      bySource.set(row.sourceId, { index, sourceId: row.sourceId, type, ...subject, content, derived: d.derived });
    }
    const prepared = [...bySource.values()];
    t = lap('derive', t);
    const existing = await existingBySource(
      tx,
      options.sourceSystem,
      prepared.map((p) => p.sourceId),
    );
    // A source id already known may only bring a new version of the same subject's record of the same type, while the
    // record is still correctable and inside the caller's scope.
    for (const p of prepared) {
      const e = existing.get(p.sourceId);
      if (!e) continue;
      const issue = (code: string, zh: string, en: string) =>
        issues.push({ index: p.index, field: 'sourceId', code, messageZh: zh, messageEn: en });
      if (!scopes.every((scope) => withinScope(scope, e.path)))
        issue(
          'OUT_OF_SCOPE',
          '该来源编号对应的记录不在您的管辖范围内',
          'The record with this source id is outside your scope',
        );
      else if (
        e.typeKey !== p.type.key ||
        e.subjectKind !== p.subjectKind ||
        e.orgId !== p.orgId ||
        e.personId !== p.personId
      ) {
        issue(
          'SOURCE_ID_CONFLICT',
          '该来源编号已用于另一主体或类型的记录',
          'This source id belongs to a record of another subject or type',
        );
      } else if (e.hash !== p.derived.contentHash && !CORRECTABLE.includes(e.status)) {
        issue(
          'RECORD_NOT_CORRECTABLE',
          `该来源编号对应的记录已${RECORD_STATUS_LABELS[e.status].zh}，不能更正`,
          `The record is ${e.status} and cannot be corrected`,
        );
      }
    }
    // A row that enters past draft (the default is submitted), or corrects a record already past it, meets the checks
    // kernel.records.submit applies: no placeholder or unconfirmed rule value, the fields publication needs.
    for (const p of prepared) {
      const status = existing.get(p.sourceId)?.status ?? options.initialStatus ?? 'submitted';
      if (status === 'draft') continue;
      for (const i of submitIssues({
        typeKey: p.type.key,
        decisionNo: p.content.decisionNo,
        payload: p.derived.payload,
      }))
        issues.push({ ...i, index: p.index });
    }
    if (options.initialStatus === 'approved' || options.initialStatus === 'published') {
      // An honour arriving already approved meets the same bar as one approved here; overrides need a draft first.
      const honours = prepared.filter((p) => p.type.polarity === 'commendation' && !existing.has(p.sourceId));
      const barred = await honourBlockers(
        tx,
        honours.map((p) => ({
          key: String(p.index),
          kind: p.subjectKind,
          subjectId: p.personId ?? p.orgId,
          date: p.content.decisionDate,
        })),
      );
      for (const [key, reasons] of barred) {
        issues.push({
          index: Number(key),
          field: 'subject',
          code: 'COMMENDATION_NOT_ELIGIBLE',
          messageZh: `表彰对象有有效失信记录（${reasons.map((r) => r.describedZh).join('；')}），不得直接报送为已审核；请按草稿报送并经例外批准`,
          messageEn: 'The subject has a dishonesty record in effect: send as a draft for a reasoned override',
        });
      }
    }
    if (issues.length) throw batchRejected(issues.sort((a, b) => (a.index ?? 0) - (b.index ?? 0)));
    lap('resolve', t);

    const fresh = prepared.filter((p) => !existing.has(p.sourceId));
    const changed = prepared.filter((p) => {
      const e = existing.get(p.sourceId);
      return e && e.hash !== p.derived.contentHash;
    });
    const chunk = options.chunkSize ?? 2000;
    const ids: string[] = [];
    for (let i = 0; i < fresh.length; i += chunk)
      ids.push(...(await insertNew(tx, ctx, fresh.slice(i, i + chunk), options)));
    for (let i = 0; i < changed.length; i += chunk)
      ids.push(...(await insertCorrections(tx, ctx, changed.slice(i, i + chunk), existing, options)));
    // Corrections of granted honours meet the honour bar on their new content (drafts meet it at approval).
    await refuseBarredHonours(
      tx,
      changed
        .filter(
          (p) =>
            p.type.polarity === 'commendation' && !['draft', 'submitted'].includes(existing.get(p.sourceId)!.status),
        )
        .map((p) => existing.get(p.sourceId)!.id),
    );
    return {
      created: fresh.length,
      updated: changed.length,
      unchanged: prepared.length - fresh.length - changed.length,
      ids,
    };
  });
}

function zodRowIssue(
  index: number,
  i: { path: PropertyKey[]; message: string; code: string; params?: Record<string, unknown> },
): RowIssue {
  const field = i.path.map(String).join('.');
  const en = typeof i.params?.['en'] === 'string' ? (i.params['en'] as string) : i.message;
  return { index, field: field || '(row)', code: `INPUT_${i.code.toUpperCase()}`, messageZh: i.message, messageEn: en };
}

async function resolveSubjects(
  tx: Tx,
  ctx: KernelContext,
  parsed: { index: number; row: IngestRow }[],
  issues: RowIssue[],
) {
  const usccs = new Set<string>();
  const hashes = new Map<number, string>();
  const orgIds = new Set<string>();
  const personIds = new Set<string>();
  for (const { index, row } of parsed) {
    const s = row.subject;
    if ('uscc' in s) {
      const c = checkUscc(s.uscc);
      if (!c.ok)
        issues.push({
          index,
          field: 'subject.uscc',
          code: c.code,
          messageZh: `统一社会信用代码格式错误：${c.reason}`,
          messageEn: 'Malformed unified social credit code',
        });
      else usccs.add(c.code);
    } else if ('idNumber' in s) {
      const c = checkIdNumber(s.idNumber);
      if (!c.ok)
        issues.push({
          index,
          field: 'subject.idNumber',
          code: c.code,
          messageZh: `公民身份号码有误：${c.reason}`,
          messageEn: 'Invalid citizen ID number',
        });
      else hashes.set(index, idNumberHash(ctx.secrets, c.idNumber));
    } else if (s.kind === 'org') orgIds.add(s.orgId);
    else personIds.add(s.personId);
    if (s.kind === 'person' && s.orgId) orgIds.add(s.orgId);
  }
  const orgByUscc = new Map(
    (
      await rows<{ id: string; uscc: string }>(
        tx,
        sql`select id, uscc from kernel.org_unit where uscc = any(${sql.param([...usccs])}::text[])`,
      )
    ).map((r) => [r.uscc, r.id]),
  );
  const knownOrgs = new Set(
    (
      await rows<{ id: string }>(
        tx,
        sql`select id from kernel.org_unit where id = any(${sql.param([...orgIds])}::uuid[])`,
      )
    ).map((r) => r.id),
  );
  const personByHash = new Map(
    (
      await rows<{ id: string; h: string }>(
        tx,
        sql`select id, id_number_hash as h from kernel.person where id_number_hash = any(${sql.param([...new Set(hashes.values())])}::text[])`,
      )
    ).map((r) => [r.h, r.id]),
  );
  const knownPersons = new Set(
    (
      await rows<{ id: string }>(
        tx,
        sql`select id from kernel.person where id = any(${sql.param([...personIds])}::uuid[])`,
      )
    ).map((r) => r.id),
  );
  const resolved = new Map<number, { subjectKind: 'org' | 'person'; orgId: string; personId: string | null }>();
  const needOrg: { index: number; personId: string; date: string }[] = [];
  for (const { index, row } of parsed) {
    const s = row.subject;
    if (s.kind === 'org') {
      const orgId =
        'uscc' in s
          ? orgByUscc.get(checkUscc(s.uscc).ok ? s.uscc.trim().toUpperCase() : '')
          : knownOrgs.has(s.orgId)
            ? s.orgId
            : undefined;
      if (!orgId) {
        if (!issues.some((i) => i.index === index))
          issues.push({
            index,
            field: 'uscc' in s ? 'subject.uscc' : 'subject.orgId',
            code: 'ORG_NOT_FOUND',
            messageZh: '记录主体单位不存在',
            messageEn: 'Subject org unit not found',
          });
        continue;
      }
      resolved.set(index, { subjectKind: 'org', orgId, personId: null });
    } else {
      const personId =
        'idNumber' in s
          ? personByHash.get(hashes.get(index) ?? '')
          : knownPersons.has(s.personId)
            ? s.personId
            : undefined;
      if (!personId) {
        if (!issues.some((i) => i.index === index))
          issues.push({
            index,
            field: 'idNumber' in s ? 'subject.idNumber' : 'subject.personId',
            code: 'PERSON_NOT_FOUND',
            messageZh: '记录主体人员不存在',
            messageEn: 'Subject person not found',
          });
        continue;
      }
      if (s.orgId && !knownOrgs.has(s.orgId)) {
        issues.push({
          index,
          field: 'subject.orgId',
          code: 'ORG_NOT_FOUND',
          messageZh: '所在单位不存在',
          messageEn: 'Org unit not found',
        });
        continue;
      }
      if (s.orgId) resolved.set(index, { subjectKind: 'person', orgId: s.orgId, personId });
      else needOrg.push({ index, personId, date: row.decisionDate });
    }
  }
  if (needOrg.length) {
    // The body each person served in on the decision date, one set-wise query for the whole batch.
    const found = await rows<{ i: number; org_id: string | null }>(
      tx,
      sql`
      select q.i, (select t.org_id from kernel.tenure t where t.person_id = q.p
                   order by (t.start_date <= q.d and (t.end_date is null or t.end_date >= q.d)) desc, t.start_date desc limit 1) as org_id
      from unnest(${sql.param(needOrg.map((n) => n.index))}::int[], ${sql.param(needOrg.map((n) => n.personId))}::uuid[], ${sql.param(needOrg.map((n) => n.date))}::text[]::date[]) as q(i, p, d)`,
    );
    const byIndex = new Map(found.map((f) => [Number(f.i), f.org_id]));
    for (const n of needOrg) {
      const orgId = byIndex.get(n.index);
      if (!orgId) {
        issues.push({
          index: n.index,
          field: 'subject.orgId',
          code: 'PERSON_ORG_REQUIRED',
          messageZh: '该人员没有任职记录，请指定行为发生时所在单位',
          messageEn: 'The person has no post: give the body they served in',
        });
        continue;
      }
      resolved.set(n.index, { subjectKind: 'person', orgId, personId: n.personId });
    }
  }
  return resolved;
}

/**
 * Every row's body must be inside the caller's scope (a district officer reports only for that district), and a
 * person must have held a post inside it: an ID number alone never reaches a person elsewhere in the city.
 */
async function rejectOutOfScope(
  tx: Tx,
  subjects: Map<number, { orgId: string; personId: string | null }>,
  scopes: Scope[],
  issues: RowIssue[],
) {
  if (scopes.every((s) => s.roots === null) || subjects.size === 0) return;
  const orgIds = [...new Set([...subjects.values()].map((s) => s.orgId))];
  const paths = new Map(
    (
      await rows<{ id: string; path: string }>(
        tx,
        sql`select id::text, path from kernel.org_unit where id = any(${sql.param(orgIds)}::uuid[])`,
      )
    ).map((r) => [r.id, r.path]),
  );
  const personIds = [...new Set([...subjects.values()].map((s) => s.personId).filter((p): p is string => !!p))];
  const postPaths = new Map<string, string[]>();
  for (const r of await rows<{ person_id: string; path: string }>(
    tx,
    sql`select t.person_id::text, o.path from kernel.tenure t join kernel.org_unit o on o.id = t.org_id where t.person_id = any(${sql.param(personIds)}::uuid[])`,
  )) {
    postPaths.set(r.person_id, [...(postPaths.get(r.person_id) ?? []), r.path]);
  }
  for (const [index, s] of subjects) {
    const personOk =
      !s.personId || scopes.every((scope) => (postPaths.get(s.personId!) ?? []).some((p) => withinScope(scope, p)));
    if (personOk && scopes.every((scope) => withinScope(scope, paths.get(s.orgId) ?? null))) continue;
    issues.push({
      index,
      field: 'subject',
      code: 'OUT_OF_SCOPE',
      messageZh: '记录主体不在您的管辖范围内',
      messageEn: 'The subject is outside your scope',
    });
    subjects.delete(index);
  }
}

async function runningSanctionsFor(tx: Tx, personIds: string[], parsed: { row: IngestRow }[]) {
  // Only decisions under the 2007 rule set add remainders; skip the query when the batch has none of them.
  const old = parsed.filter((p) => p.row.sanctionType && p.row.decisionDate < '2020-07-01');
  if (old.length === 0 || personIds.length === 0) return new Map<string, { end: string }[]>();
  const earliest = old.map((p) => p.row.effectiveDate ?? p.row.decisionDate).sort()[0]!;
  return runningSanctions(tx, personIds, earliest);
}

async function existingBySource(tx: Tx, system: string, sourceIds: string[]) {
  const list = await rows<{
    id: string;
    source_id: string;
    current_version: number;
    hash: string;
    status: RecordStatus;
    type_key: string;
    subject_kind: string;
    org_id: string;
    person_id: string | null;
    path: string;
  }>(
    tx,
    sql`
    select r.id, r.source_id, r.current_version, r.content_hash as hash, r.status, r.type_key, r.subject_kind, r.org_id::text, r.person_id::text, o.path
    from kernel.current_record r
    join kernel.org_unit o on o.id = r.org_id
    where r.source_system = ${system} and r.source_id = any(${sql.param(sourceIds)}::text[])`,
  );
  return new Map(
    list.map((r) => [
      r.source_id,
      {
        id: r.id,
        version: Number(r.current_version),
        hash: r.hash,
        status: r.status,
        typeKey: r.type_key,
        subjectKind: r.subject_kind,
        orgId: r.org_id,
        personId: r.person_id,
        path: r.path,
      },
    ]),
  );
}

/** The version columns of the unnest input, named as the INSERTs below read them. */
const VERSION_COLUMNS = sql.raw(
  'severity, facts, legal_basis, decision_no, decision_date, effective_date, authority, authority_uscc, scope, sanction, impact_start, impact_end, pub_start, pub_min, pub_max, payload, rules, hash',
);

/**
 * One array parameter per version column, in VERSION_COLUMNS order. Dates and JSON travel as text[] and are cast in
 * SQL, because drizzle's postgres.js date serialiser does not handle arrays.
 */
function versionArrays(chunk: Prepared[]): SQL {
  // Versions store rule ids only; many rows share the same list, so each distinct list is serialised once.
  const rulesJson = new Map<string, string>();
  const rulesOf = (p: Prepared) => {
    const key = p.derived.rules.map((r) => r.ruleId).join('|');
    let json = rulesJson.get(key);
    if (json === undefined) rulesJson.set(key, (json = JSON.stringify(p.derived.rules.map((r) => r.ruleId))));
    return json;
  };
  const text = <T>(f: (p: Prepared) => T) => sql`${sql.param(chunk.map(f))}::text[]`;
  const date = <T>(f: (p: Prepared) => T) => sql`${sql.param(chunk.map(f))}::text[]::date[]`;
  const json = (f: (p: Prepared) => string) => sql`${sql.param(chunk.map(f))}::text[]::jsonb[]`;
  return sql.join(
    [
      text((p) => p.content.severity),
      text((p) => p.content.facts),
      text((p) => p.content.legalBasis),
      text((p) => p.content.decisionNo),
      date((p) => p.content.decisionDate),
      date((p) => p.derived.effectiveDate),
      text((p) => p.content.issuingAuthority),
      text((p) => p.content.issuingAuthorityUscc ?? null),
      text((p) => p.content.disclosureScope),
      text((p) => p.content.sanctionType ?? null),
      date((p) => p.derived.impactStart),
      date((p) => p.derived.impactEnd),
      date((p) => p.derived.publicationStart),
      date((p) => p.derived.publicationMinEnd),
      date((p) => p.derived.publicationMaxEnd),
      json((p) => JSON.stringify(storedPayload({ ...p.content, payload: p.derived.payload }))),
      json(rulesOf),
      text((p) => p.derived.contentHash),
    ],
    sql`, `,
  );
}

/** The versions part of a new record's digest: its one version, as jsonb_agg of one row would give it. */
const ONE_VERSION_DIGEST = sql`jsonb_build_array(${VERSION_DIGEST_ITEM})`;

/** The staging table of the COPY path: one row per new record, its first version's columns derived in TypeScript. */
const STAGE = 'ingest_stage';
const STAGE_COLUMNS =
  'id, subject_kind, org_id, person_id, type_key, polarity, source_id, severity, facts, legal_basis, decision_no, decision_date, effective_date, authority, authority_uscc, scope, sanction, impact_start, impact_end, pub_start, pub_min, pub_max, payload, rules, hash';
const STAGE_DDL =
  'id uuid, subject_kind text, org_id uuid, person_id uuid, type_key text, polarity text, source_id text, severity text, facts text, legal_basis text, decision_no text, decision_date date, effective_date date, authority text, authority_uscc text, scope text, sanction text, impact_start date, impact_end date, pub_start date, pub_min date, pub_max date, payload jsonb, rules jsonb, hash text';

/** One staging line per prepared row (COPY text format), in STAGE_COLUMNS order. */
function stageLines(chunk: Prepared[], ids: string[]): string[] {
  // Versions store rule ids only; many rows share the same list, so each distinct list is serialised once.
  const rulesJson = new Map<string, string>();
  return chunk.map((p, i) => {
    const key = p.derived.rules.map((r) => r.ruleId).join('|');
    let rules = rulesJson.get(key);
    if (rules === undefined) rulesJson.set(key, (rules = JSON.stringify(p.derived.rules.map((r) => r.ruleId))));
    const c = p.content;
    const d = p.derived;
    return [
      ids[i],
      p.subjectKind,
      p.orgId,
      p.personId,
      p.type.key,
      p.type.polarity,
      p.sourceId,
      c.severity,
      c.facts,
      c.legalBasis,
      c.decisionNo,
      c.decisionDate,
      d.effectiveDate,
      c.issuingAuthority,
      c.issuingAuthorityUscc,
      c.disclosureScope,
      c.sanctionType,
      d.impactStart,
      d.impactEnd,
      d.publicationStart,
      d.publicationMinEnd,
      d.publicationMaxEnd,
      JSON.stringify(storedPayload({ ...c, payload: d.payload })),
      rules,
      d.contentHash,
    ]
      .map(copyCell)
      .join('\t');
  });
}

/**
 * New records of a chunk: the rows go to the staging table by COPY, then one statement moves them to the record and
 * version tables, one reads their state digests, and one call appends the chunk's audit entries.
 */
async function insertNew(tx: Tx, ctx: KernelContext, chunk: Prepared[], options: IngestOptions): Promise<string[]> {
  const ids = chunk.map(() => newId());
  const actor = ctx.actor?.id ?? null;
  const status = options.initialStatus ?? 'submitted';
  let t = performance.now();
  await prepareStage(tx, STAGE, STAGE_DDL);
  await copyInto(tx, STAGE, STAGE_COLUMNS, stageLines(chunk, ids));
  t = lap('stage', t);
  // The state digest of each new record comes from the rows the statement inserted (RETURNING *: defaults included),
  // by the expression of kernel.record_digest (state-digest.ts): no second read of the tables, no call per record.
  // A row another writer stored first (same source id) inserts nothing under its fresh id: no digest, no entry.
  const inserted = await rows<{ id: string; digest: string }>(
    tx,
    sql`
    with rec as (
      insert into kernel.credit_record (id, subject_kind, org_id, person_id, type_key, polarity, status, current_version, source_system, source_id, created_by)
      select id, subject_kind, org_id, person_id, type_key, polarity, ${status}, 1, ${options.sourceSystem}, source_id, ${actor}::uuid from ${sql.raw(STAGE)}
      on conflict (source_system, source_id) do nothing
      returning *
    ),
    v as (
      insert into kernel.credit_record_version (record_id, version, severity, facts, legal_basis, decision_no, decision_date, effective_date, issuing_authority,
        issuing_authority_uscc, disclosure_scope, sanction_type, impact_start, impact_end, publication_start, publication_min_end, publication_max_end,
        payload, rules, content_hash, created_by)
      select s.id, 1, severity, facts, legal_basis, decision_no, decision_date, effective_date, authority, authority_uscc, scope, sanction,
        impact_start, impact_end, pub_start, pub_min, pub_max, payload, rules, hash, ${actor}::uuid
      from ${sql.raw(STAGE)} s join rec using (id)
      returning *
    )
    select rec.id::text as id, ${recordDigestSql('rec', sql`rec.status`, sql`(${ONE_VERSION_DIGEST})`)} as digest
    from rec join v on v.record_id = rec.id`,
  );
  t = lap('insert', t);
  const digests = new Map(inserted.map((r) => [r.id, r.digest]));
  await clearStage(tx, STAGE);
  t = lap('digest', t);
  await appendAudit(
    tx,
    ctx.actor,
    chunk.flatMap((p, i) =>
      digests.has(ids[i]!)
        ? [
            {
              action: 'record.ingest',
              entity: 'credit_record',
              entityId: ids[i]!,
              after: digests.get(ids[i]!)!,
              detail: {
                sourceSystem: options.sourceSystem,
                sourceId: p.sourceId,
                version: 1,
                status,
                contentHash: p.derived.contentHash,
              },
            },
          ]
        : [],
    ),
  );
  lap('audit', t);
  return ids.filter((id) => digests.has(id));
}

async function insertCorrections(
  tx: Tx,
  ctx: KernelContext,
  chunk: Prepared[],
  existing: Map<string, { id: string; version: number }>,
  options: IngestOptions,
) {
  const actor = ctx.actor?.id ?? null;
  const ids = chunk.map((p) => existing.get(p.sourceId)!.id);
  const versions = chunk.map((p) => existing.get(p.sourceId)!.version + 1);
  const before = await recordDigests(tx, ids);
  const updated = await rows<{ id: string; version: number }>(
    tx,
    sql`
    with input as (
      select * from unnest(${sql.param(ids)}::uuid[], ${sql.param(versions)}::int[],
        ${versionArrays(chunk)}
      ) as t(id, version, ${VERSION_COLUMNS})
    ),
    ver as (
      insert into kernel.credit_record_version (record_id, version, severity, facts, legal_basis, decision_no, decision_date, effective_date, issuing_authority,
        issuing_authority_uscc, disclosure_scope, sanction_type, impact_start, impact_end, publication_start, publication_min_end, publication_max_end,
        payload, rules, content_hash, reason, created_by)
      select id, version, severity, facts, legal_basis, decision_no, decision_date, effective_date, authority, authority_uscc, scope, sanction,
        impact_start, impact_end, pub_start, pub_min, pub_max, payload, rules, hash, '来源系统更正', ${actor}::uuid from input
      returning record_id, version
    ),
    upd as (
      update kernel.credit_record r set current_version = ver.version, updated_at = now() from ver where r.id = ver.record_id returning r.id, r.status, ver.version
    ),
    ev as (
      insert into kernel.record_event (record_id, action, from_status, to_status, version, reason, actor_id)
      select id, 'correct', status, status, version, '来源系统更正', ${actor}::uuid from upd returning record_id
    )
    select upd.id::text as id, upd.version from upd`,
  );
  const after = await recordDigests(
    tx,
    updated.map((r) => r.id),
  );
  await appendAudit(
    tx,
    ctx.actor,
    updated.map((r) => ({
      action: 'record.correct',
      entity: 'credit_record',
      entityId: r.id,
      before: before.get(r.id) ?? null,
      after: after.get(r.id) ?? null,
      detail: { sourceSystem: options.sourceSystem, version: Number(r.version) },
    })),
  );
  return updated.map((r) => r.id);
}
