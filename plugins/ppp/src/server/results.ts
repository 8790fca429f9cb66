/**
 * 实施成效: a project's yearly results for the government side, recorded by an officer and written into the credit
 * record of the implementing body and of its principal official in post on the assessment day — a commendation draft
 * for good results, a dishonesty draft for failures — by the daily scan, for a person to confirm (津政发〔2017〕29号
 * 三.2). Kept apart from the obligations: a body can meet every payment on time and still fail its results.
 */
import {
  AppError,
  emptyReport,
  jsonValue,
  newId,
  notAfterToday,
  officialsInPost,
  orgInScope,
  rows,
  sql,
  tally,
  type PluginRuntimeContext,
  type PluginServices,
  type Queryable,
  type ScanReport,
} from '@chengxin/plugin-sdk';
import type { z } from 'zod';
import { PLUGIN_ID, pppConfig, RESULT_LABELS, type resultInput, type resultOut } from '../contract';
import { lockProject } from './projects';
import { RULES } from './rules';
import { performanceResult } from './schema';

export const COMMENDATION_TYPE = `${PLUGIN_ID}.performance_commendation`;
export const RESULT_FAILED_TYPE = `${PLUGIN_ID}.performance_failed`;
type ResultOut = z.infer<typeof resultOut>;

const COLUMNS = sql`x.id::text, x.project_id::text as "projectId", p.name as "projectName", p.org_id::text as "orgId", o.name as "orgName",
  x.year, x.assessed_on::text as "assessedOn", x.result, x.assessor, x.summary,
  coalesce((select json_agg(json_build_object('id', r.id, 'subjectKind', r.subject_kind, 'polarity', r.polarity, 'status', r.status) order by r.subject_kind, r.id)
    from kernel_api.record r where r.type_key in (${COMMENDATION_TYPE}, ${RESULT_FAILED_TYPE}) and r.payload->>'resultId' = x.id::text), '[]') as records`;
type Raw = Omit<ResultOut, 'resultZh' | 'records'> & { records: unknown };
const toResult = (r: Raw): ResultOut => ({
  ...r,
  resultZh: RESULT_LABELS[r.result].zh,
  records: jsonValue<ResultOut['records']>(r.records),
});

export async function listResults(
  s: PluginServices,
  db: Queryable,
  input: { orgId?: string | undefined; year?: number | undefined; limit: number },
): Promise<ResultOut[]> {
  const list = await rows<Raw>(
    db,
    sql`select ${COLUMNS} from ppp.performance_result x join ppp.project p on p.id = x.project_id join kernel_api.org_unit o on o.id = p.org_id
    where ${orgInScope(s.scope, sql`p.org_id`)} ${input.orgId ? sql`and p.org_id = ${input.orgId}` : sql``} ${input.year ? sql`and x.year = ${input.year}` : sql``}
    order by x.year desc, x.assessed_on desc, x.id limit ${input.limit}`,
  );
  return list.map(toResult);
}

export async function recordResult(
  s: PluginServices,
  db: Queryable,
  input: z.infer<typeof resultInput>,
): Promise<ResultOut> {
  notAfterToday(s.today, 'assessedOn', input.assessedOn);
  if (input.year > Number(input.assessedOn.slice(0, 4)))
    throw new AppError(
      'BAD_REQUEST',
      'YEAR_AFTER_ASSESSMENT',
      '评定年度不能晚于评定日期所在年度',
      'The year cannot follow the assessment',
      'year',
    );
  const id = newId();
  await s.write(async (tx, audit) => {
    await lockProject(tx, input.projectId);
    const [exists] = await rows(
      tx,
      sql`select 1 from ppp.performance_result where project_id = ${input.projectId} and year = ${input.year}`,
    );
    if (exists)
      throw new AppError(
        'CONFLICT',
        'RESULT_EXISTS',
        `该项目${input.year}年度的实施成效已登记`,
        `Results for ${input.year} are recorded`,
        'year',
      );
    await tx.insert(performanceResult).values({ id, ...input, createdBy: s.actor?.id ?? null });
    await audit('ppp.result.record', 'ppp.performance_result', id, {
      projectId: input.projectId,
      year: input.year,
      result: input.result,
    });
  });
  const [row] = await rows<Raw>(
    db,
    sql`select ${COLUMNS} from ppp.performance_result x join ppp.project p on p.id = x.project_id join kernel_api.org_unit o on o.id = p.org_id where x.id = ${id}`,
  );
  return toResult(row!);
}

/** Good results propose commendation drafts, failed ones dishonesty drafts: for the body and each principal in post. */
export async function resultsScan(rt: PluginRuntimeContext): Promise<ScanReport> {
  const report = emptyReport();
  const list = await rows<Raw & { orgId: string }>(
    rt.db,
    sql`select ${COLUMNS} from ppp.performance_result x join ppp.project p on p.id = x.project_id join kernel_api.org_unit o on o.id = p.org_id
    where x.result in ('good', 'failed') order by x.assessed_on, x.id`,
  );
  for (const x of list) {
    report.scanned += 1;
    const good = x.result === 'good';
    const cfg = pppConfig.parse(await rt.config(x.orgId));
    const typeKey = good ? COMMENDATION_TYPE : RESULT_FAILED_TYPE;
    const facts = `PPP项目“${x.projectName}”${x.year}年度实施成效经${x.assessor}于${x.assessedOn}评定为“${RESULT_LABELS[x.result].zh.replace(/（.*）/, '')}”：${x.summary}`;
    const evidence = { projectId: x.projectId, resultId: x.id, year: x.year, result: x.result };
    const draft = {
      typeKey,
      ruleId: RULES.performanceResults.id,
      severity: good ? ('minor' as const) : ('ordinary' as const),
      decisionDate: x.assessedOn,
      issuingAuthority: cfg.issuingAuthority,
      evidence,
    };
    tally(
      report,
      await rt.db.transaction((tx) =>
        rt.proposeDraft(tx, { ...draft, breachKey: x.id, subject: { kind: 'org', orgId: x.orgId }, facts }),
      ),
    );
    for (const official of await officialsInPost(rt.db, x.orgId, x.assessedOn, { principalOnly: true })) {
      tally(
        report,
        await rt.db.transaction((tx) =>
          rt.proposeDraft(tx, {
            ...draft,
            breachKey: `${x.id}:${official.personId}`,
            subject: { kind: 'person', personId: official.personId, orgId: x.orgId },
            facts: `${official.name}（${official.postTitle}，评定时在任的主要负责人）：${facts}`,
            linkTo: [{ ruleId: RULES.performanceResults.id, breachKey: x.id, kind: 'body_record' }],
          }),
        ),
      );
    }
  }
  return report;
}
