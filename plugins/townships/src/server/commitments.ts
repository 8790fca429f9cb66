/** Township commitments: registering, publishing, quarterly progress, changes and the year-end assessment. */
import {
  AppError,
  badInput,
  changeDefects,
  checkChangeDate,
  checkEvidence,
  computedPage,
  insertMilestones,
  jsonValue,
  loadCalendar,
  newId,
  notAfterToday,
  notFound,
  orgInScope,
  promiseFactsOf,
  promiseFactsSql,
  promiseProgress,
  rows,
  sql,
  type DayCalendar,
  type PluginServices,
  type Queryable,
  type SQL,
  type Tx,
} from '@chengxin/plugin-sdk';
import type { z } from 'zod';
import {
  PLUGIN_ID,
  type assessInput,
  type changeInput,
  type CommitmentInput,
  type commitmentListInput,
  type CommitmentOut,
  type progressInput,
  type TownshipsConfig,
} from '../contract';
import { gradeOf } from './rules';
import { assessment, change, commitment, evidence, milestone, quarterReport } from './schema';

export const SCHEMA = 'townships';
const TABLES = { milestone, evidence, change };

const COLUMNS = sql`c.id::text, c.org_id::text as "orgId", o.name as "orgName", o.path as "orgPath", o.parent_id::text as "districtId", c.year, c.area, c.title,
  c.published_on::text as "publishedOn", ${promiseFactsSql(SCHEMA, sql`c.id`)} as facts,
  coalesce((select json_agg(json_build_object('evidenceId', q.evidence_id, 'quarter', q.quarter) order by q.quarter) from townships.quarter_report q where q.commitment_id = c.id), '[]') as quarters,
  (select json_build_object('grade', a.grade, 'percent', a.percent, 'assessedOn', a.assessed_on::text, 'note', a.note) from townships.assessment a where a.commitment_id = c.id) as assessment,
  (select json_build_object('count', count(*), 'fulfilment', avg(r.fulfilment), 'satisfaction', avg(r.satisfaction)) from townships.rating r where r.commitment_id = c.id and r.verified and r.flag is null) as ratings`;

export type Row = Pick<CommitmentOut, 'id' | 'orgId' | 'orgName' | 'year' | 'area' | 'title' | 'publishedOn'> & {
  orgPath: string;
  districtId: string | null;
  facts: unknown;
  quarters: unknown;
  assessment: unknown;
  ratings: unknown;
};
export type CommitmentView = CommitmentOut & { orgPath: string; districtId: string | null };

const round1 = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);

/** A commitment as the API shows it, with its status on `today` from the SDK's promise primitive. */
export function toCommitment(
  row: Row,
  cal: DayCalendar,
  today: string,
  cfg: Pick<TownshipsConfig, 'graceDays' | 'partlyKeptFromPct' | 'minRatingsShown'>,
): CommitmentView {
  const facts = promiseFactsOf(row.facts);
  const m = facts.milestones[0]!;
  const quarterOf = new Map(
    jsonValue<{ evidenceId: string; quarter: number }[]>(row.quarters).map((q) => [q.evidenceId, q.quarter]),
  );
  const r = jsonValue<{
    count: number | string;
    fulfilment: number | string | null;
    satisfaction: number | string | null;
  }>(row.ratings);
  const count = Number(r.count);
  const shown = count >= cfg.minRatingsShown;
  const a = jsonValue<CommitmentOut['assessment']>(row.assessment);
  const { facts: _f, quarters: _q, assessment: _a, ratings: _r, ...rest } = row;
  return {
    ...rest,
    target: m.target ?? 0,
    unit: m.unit ?? '',
    dueDate: m.dueDate,
    // Public commitments are made to residents, not market entities: §31's compensation element does not apply.
    progress: promiseProgress(cal, facts, today, {
      graceDays: cfg.graceDays,
      measure: 'latest',
      partlyKeptFromPct: cfg.partlyKeptFromPct,
      beneficiary: 'residents',
    }),
    quarters: facts.evidence.map((e) => ({
      quarter: quarterOf.get(e.id) ?? 0,
      reportedOn: e.on,
      value: e.value ?? 0,
      evidence: e.note,
    })),
    assessment: a ? { ...a, percent: Number(a.percent) } : null,
    ratings: {
      count,
      fulfilment: shown ? round1(Number(r.fulfilment)) : null,
      satisfaction: shown ? round1(Number(r.satisfaction)) : null,
    },
  };
}

export async function commitmentRows(db: Queryable, where: SQL, limit: number): Promise<Row[]> {
  return rows<Row>(
    db,
    sql`select ${COLUMNS} from townships.commitment c join kernel_api.org_unit o on o.id = c.org_id where ${where} order by c.id desc limit ${limit}`,
  );
}

const strip = ({ orgPath: _p, districtId: _d, ...v }: CommitmentView): CommitmentOut => v;

export async function getCommitment(s: PluginServices, db: Queryable, id: string): Promise<CommitmentOut> {
  const [row] = await commitmentRows(db, sql`c.id = ${id}`, 1);
  if (!row) throw notFound('commitment', '承诺', id);
  return strip(
    toCommitment(row, await loadCalendar(db), s.today, await s.config<TownshipsConfig>(PLUGIN_ID, row.orgId)),
  );
}

export async function listCommitments(s: PluginServices, db: Queryable, input: z.infer<typeof commitmentListInput>) {
  const cal = await loadCalendar(db);
  const filter = sql`${orgInScope(s.scope, sql`c.org_id`)} ${input.orgId ? sql`and c.org_id = ${input.orgId}` : sql``} ${input.year ? sql`and c.year = ${input.year}` : sql``}`;
  const read = (after: string | null, limit: number) =>
    commitmentRows(db, after === null ? filter : sql`${filter} and c.id < ${after}::uuid`, limit);
  const show = async (row: Row) =>
    strip(toCommitment(row, cal, s.today, await s.config<TownshipsConfig>(PLUGIN_ID, row.orgId)));
  return computedPage(read, input, show, (c) => input.status === undefined || c.progress.status === input.status);
}

export async function createCommitment(s: PluginServices, db: Queryable, input: CommitmentInput): Promise<string> {
  const [org] = await rows<{ level: string }>(db, sql`select level from kernel_api.org_unit where id = ${input.orgId}`);
  if (!org) throw badInput('ORG_NOT_FOUND', 'orgId', '单位不存在', 'No such body');
  if (org.level !== 'street')
    throw badInput(
      'NOT_A_TOWNSHIP',
      'orgId',
      '公开承诺须由街道办事处或乡镇人民政府作出',
      'Commitments are made by a street office or township government',
    );
  const id = newId();
  await s.write(async (tx, audit) => {
    await tx.insert(commitment).values({
      id,
      orgId: input.orgId,
      year: input.year,
      area: input.area,
      title: input.title,
      createdBy: s.actor?.id ?? null,
    });
    await insertMilestones(tx, TABLES, id, [
      { title: input.title, dueDate: input.dueDate, target: input.target, unit: input.unit, amountFen: null },
    ]);
    await audit('townships.commitment.create', 'townships.commitment', id, {
      orgId: input.orgId,
      year: input.year,
      area: input.area,
      target: input.target,
    });
  });
  return id;
}

async function lockCommitment(tx: Tx, id: string) {
  const [c] = await rows<{ year: number; publishedOn: string | null; orgId: string }>(
    tx,
    sql`
    select year, published_on::text as "publishedOn", org_id::text as "orgId" from townships.commitment where id = ${id} for update`,
  );
  if (!c) throw badInput('COMMITMENT_NOT_FOUND', 'commitmentId', '承诺不存在', 'No such commitment');
  return c;
}

export async function publishCommitment(s: PluginServices, id: string): Promise<void> {
  await s.write(async (tx, audit) => {
    const c = await lockCommitment(tx, id);
    if (c.publishedOn)
      throw new AppError(
        'CONFLICT',
        'ALREADY_PUBLISHED',
        `已于${c.publishedOn}公开`,
        `Published on ${c.publishedOn}`,
        'commitmentId',
      );
    await tx
      .update(commitment)
      .set({ publishedOn: s.today })
      .where(sql`id = ${id}`);
    await audit('townships.commitment.publish', 'townships.commitment', id, { publishedOn: s.today });
  });
}

/** A quarterly report: the value achieved to date and its evidence, once per quarter, dated in or after the quarter. */
export async function reportProgress(s: PluginServices, input: z.infer<typeof progressInput>): Promise<void> {
  notAfterToday(s.today, 'reportedOn', input.reportedOn);
  await s.write(async (tx, audit) => {
    const c = await lockCommitment(tx, input.commitmentId);
    const quarterStart = `${c.year}-${String((input.quarter - 1) * 3 + 1).padStart(2, '0')}-01`;
    if (input.reportedOn < quarterStart)
      throw badInput(
        'REPORT_BEFORE_QUARTER',
        'reportedOn',
        `第${input.quarter}季度的进展不能早于${quarterStart}报送`,
        `A Q${input.quarter} report cannot predate ${quarterStart}`,
      );
    if (
      (
        await rows(
          tx,
          sql`select 1 from townships.quarter_report where commitment_id = ${input.commitmentId} and quarter = ${input.quarter}`,
        )
      ).length > 0
    ) {
      throw new AppError(
        'CONFLICT',
        'QUARTER_REPORTED',
        `第${input.quarter}季度进展已报送`,
        `Q${input.quarter} already reported`,
        'quarter',
      );
    }
    const [m] = await rows<{ id: string }>(
      tx,
      sql`select id::text from townships.milestone where promise_id = ${input.commitmentId} order by seq limit 1`,
    );
    await checkEvidence(
      tx,
      SCHEMA,
      { milestoneId: m!.id, on: input.reportedOn, value: input.value },
      async () => `${c.year}-01-01`,
      'latest',
    );
    const id = newId();
    await tx.insert(evidence).values({
      id,
      milestoneId: m!.id,
      on: input.reportedOn,
      value: input.value,
      note: input.evidence,
      createdBy: s.actor?.id ?? null,
    });
    await tx.insert(quarterReport).values({ evidenceId: id, commitmentId: input.commitmentId, quarter: input.quarter });
    await audit('townships.commitment.progress', 'townships.commitment', input.commitmentId, {
      quarter: input.quarter,
      value: input.value,
    });
  });
}

export async function recordChange(s: PluginServices, input: z.infer<typeof changeInput>): Promise<void> {
  notAfterToday(s.today, 'changedOn', input.changedOn);
  await s.write(async (tx, audit) => {
    const c = await lockCommitment(tx, input.commitmentId);
    checkChangeDate(input, `${c.year}-01-01`);
    const { commitmentId, ...fields } = input;
    const id = newId();
    await tx.insert(change).values({ id, promiseId: commitmentId, ...fields, createdBy: s.actor?.id ?? null });
    await audit('townships.commitment.change', 'townships.commitment', commitmentId, {
      changeId: id,
      reason: input.reason,
      defects: changeDefects(input, 'residents'),
    });
  });
}

/** The year-end assessment: the grade the primitive gives on the assessment day (no earlier than the due date). */
export async function assess(s: PluginServices, db: Queryable, input: z.infer<typeof assessInput>): Promise<void> {
  notAfterToday(s.today, 'assessedOn', input.assessedOn);
  const [row] = await commitmentRows(db, sql`c.id = ${input.commitmentId}`, 1);
  if (!row) throw badInput('COMMITMENT_NOT_FOUND', 'commitmentId', '承诺不存在', 'No such commitment');
  const view = toCommitment(
    row,
    await loadCalendar(db),
    input.assessedOn,
    await s.config<TownshipsConfig>(PLUGIN_ID, row.orgId),
  );
  const grade = gradeOf(view.progress);
  if (!grade)
    throw badInput(
      'ASSESSMENT_TOO_EARLY',
      'assessedOn',
      `承诺尚在履行期内（期限${view.progress.milestones[0]!.deadline}），不能评定`,
      `Still pending until ${view.progress.milestones[0]!.deadline}`,
    );
  await s.write(async (tx, audit) => {
    await lockCommitment(tx, input.commitmentId);
    if (
      (await rows(tx, sql`select 1 from townships.assessment where commitment_id = ${input.commitmentId}`)).length > 0
    ) {
      throw new AppError('CONFLICT', 'ALREADY_ASSESSED', '该承诺已评定', 'Already assessed', 'commitmentId');
    }
    await tx.insert(assessment).values({
      commitmentId: input.commitmentId,
      year: row.year,
      grade,
      percent: view.progress.percent,
      assessedOn: input.assessedOn,
      note: input.note,
      assessedBy: s.actor?.id ?? null,
    });
    await audit('townships.commitment.assess', 'townships.commitment', input.commitmentId, {
      grade,
      percent: view.progress.percent,
    });
  });
}
