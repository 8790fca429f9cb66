/** Promises to enterprises: registering them (with the fair-competition check), their evidence, changes and excuses. */
import {
  badInput,
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
  orgsById,
  promiseFactsOf,
  promiseFactsSql,
  promiseProgress,
  refuseNoExcuse,
  rows,
  sql,
  changeDefects,
  type DayCalendar,
  type PluginServices,
  type Queryable,
  type SQL,
  type Tx,
} from '@chengxin/plugin-sdk';
import type { z } from 'zod';
import {
  PLUGIN_ID,
  type changeInput,
  type evidenceInput,
  type excuseInput,
  type InvestmentConfig,
  type PromiseInput,
  type PromiseOut,
  type promiseListInput,
} from '../contract';
import { fairCompetition, RULES } from './rules';
import { change, evidence, excuse, promise, milestone } from './schema';

export const SCHEMA = 'investment_promises';
const TABLES = { milestone, evidence, change };

const COLUMNS = sql`p.id::text, p.org_id::text as "orgId", o.name as "orgName", o.path as "orgPath", p.responsible_person_id::text as "responsiblePersonId", p.kind, p.category, p.title,
  p.beneficiary_name as "beneficiaryName", p.beneficiary_uscc as "beneficiaryUscc", p.selective, p.made_on::text as "madeOn", p.basis_kind as "basisKind",
  p.legal_basis as "legalBasis", p.document_no as "documentNo", ${promiseFactsSql(SCHEMA, sql`p.id`)} as facts,
  coalesce((select json_agg(json_build_object('reason', x.reason, 'explanation', x.explanation, 'recordedOn', x.recorded_on::text) order by x.recorded_on, x.id) from investment_promises.excuse x where x.promise_id = p.id), '[]') as excuses`;

type Row = Omit<PromiseOut, 'amountFen' | 'fairCompetition' | 'progress' | 'evidence' | 'excuses'> & {
  orgPath: string;
  facts: unknown;
  excuses: unknown;
};
export type PromiseView = PromiseOut & { orgPath: string };

/** A promise as the API shows it: its status and progress on `today` under the body's governing configuration. */
export function toPromise(
  row: Row,
  cal: DayCalendar,
  today: string,
  config: Pick<InvestmentConfig, 'graceDays'>,
): PromiseView {
  const facts = promiseFactsOf(row.facts);
  const { facts: _f, ...rest } = row;
  return {
    ...rest,
    amountFen: facts.milestones.reduce((s, m) => s + (m.amountFen ?? 0), 0),
    fairCompetition: fairCompetition(row),
    progress: promiseProgress(cal, facts, today, { graceDays: config.graceDays, measure: 'sum' }),
    evidence: facts.evidence,
    excuses: jsonValue<PromiseOut['excuses']>(row.excuses),
  };
}

export async function promiseRows(db: Queryable, where: SQL, limit: number): Promise<Row[]> {
  return rows<Row>(
    db,
    sql`select ${COLUMNS} from investment_promises.promise p join kernel_api.org_unit o on o.id = p.org_id where ${where} order by p.id desc limit ${limit}`,
  );
}

const strip = ({ orgPath: _p, ...v }: PromiseView): PromiseOut => v;

export async function getPromise(s: PluginServices, db: Queryable, id: string): Promise<PromiseOut> {
  const [row] = await promiseRows(db, sql`p.id = ${id}`, 1);
  if (!row) throw notFound('promise', '承诺', id);
  return strip(toPromise(row, await loadCalendar(db), s.today, await s.config<InvestmentConfig>(PLUGIN_ID, row.orgId)));
}

export async function listPromises(s: PluginServices, db: Queryable, input: z.infer<typeof promiseListInput>) {
  const where = sql`${orgInScope(s.scope, sql`p.org_id`)} ${input.orgId ? sql`and p.org_id = ${input.orgId}` : sql``} ${input.unlawfulOnly ? sql`and p.unlawful_from_start` : sql``}`;
  const cal = await loadCalendar(db);
  return computedPage(
    (after, limit) => promiseRows(db, after ? sql`${where} and p.id < ${after}::uuid` : where, limit),
    input,
    async (row) => strip(toPromise(row, cal, s.today, await s.config<InvestmentConfig>(PLUGIN_ID, row.orgId))),
    (p) => !input.status || p.progress.status === input.status,
  );
}

export async function registerPromise(s: PluginServices, db: Queryable, input: PromiseInput): Promise<string> {
  notAfterToday(s.today, 'madeOn', input.madeOn);
  if (!(await orgsById(db, [input.orgId])).has(input.orgId))
    throw badInput('ORG_NOT_FOUND', 'orgId', '承诺主体不存在', 'No such body');
  if (
    input.responsiblePersonId &&
    (await rows(db, sql`select 1 from kernel_api.person where id = ${input.responsiblePersonId}`)).length === 0
  ) {
    throw badInput('PERSON_NOT_FOUND', 'responsiblePersonId', '负责人不存在', 'No such person');
  }
  const check = fairCompetition({ ...input, madeOn: input.madeOn });
  const id = newId();
  await s.write(async (tx, audit) => {
    const { milestones, ...fields } = input;
    await tx
      .insert(promise)
      .values({ id, ...fields, unlawfulFromStart: check.unlawful, createdBy: s.actor?.id ?? null });
    await insertMilestones(tx, TABLES, id, milestones);
    await audit('investment-promises.promise.register', 'investment-promises.promise', id, {
      orgId: input.orgId,
      category: input.category,
      milestones: milestones.length,
      unlawfulFromStart: check.unlawful,
      article: check.article,
    });
  });
  return id;
}

async function lockPromise(tx: Tx, id: string): Promise<{ madeOn: string; orgId: string }> {
  const [p] = await rows<{ madeOn: string; orgId: string }>(
    tx,
    sql`select made_on::text as "madeOn", org_id::text as "orgId" from investment_promises.promise where id = ${id} for update`,
  );
  if (!p) throw badInput('PROMISE_NOT_FOUND', 'promiseId', '承诺不存在', 'No such promise');
  return p;
}

export async function recordEvidence(s: PluginServices, input: z.infer<typeof evidenceInput>): Promise<string> {
  notAfterToday(s.today, 'on', input.on);
  return s.write(async (tx, audit) => {
    const promiseId = await checkEvidence(tx, SCHEMA, input, async (pid) => (await lockPromise(tx, pid)).madeOn, 'sum');
    const id = newId();
    await tx.insert(evidence).values({ id, ...input, createdBy: s.actor?.id ?? null });
    await audit('investment-promises.promise.evidence', 'investment-promises.promise', promiseId, {
      evidenceId: id,
      milestoneId: input.milestoneId,
      on: input.on,
      value: input.value,
    });
    return promiseId;
  });
}

/** Records a change as it happened; one lacking authority, procedure or compensation (or for a §31 reason) is a breach the scan proposes. */
export async function recordChange(s: PluginServices, input: z.infer<typeof changeInput>): Promise<void> {
  notAfterToday(s.today, 'changedOn', input.changedOn);
  await s.write(async (tx, audit) => {
    checkChangeDate(input, (await lockPromise(tx, input.promiseId)).madeOn);
    const id = newId();
    await tx.insert(change).values({ id, ...input, createdBy: s.actor?.id ?? null });
    await audit('investment-promises.promise.change', 'investment-promises.promise', input.promiseId, {
      changeId: id,
      reason: input.reason,
      agreed: input.agreed,
      defects: changeDefects(input),
    });
  });
}

/** The reason a body gives for not keeping a promise: §31 reasons are refused; others are kept for the officer to weigh. */
export async function recordExcuse(s: PluginServices, input: z.infer<typeof excuseInput>): Promise<void> {
  refuseNoExcuse(RULES.noExcuse, input.reason);
  await s.write(async (tx, audit) => {
    await lockPromise(tx, input.promiseId);
    await tx.insert(excuse).values({ id: newId(), ...input, recordedOn: s.today, createdBy: s.actor?.id ?? null });
    await audit('investment-promises.promise.excuse', 'investment-promises.promise', input.promiseId, {
      reason: input.reason,
    });
  });
}
