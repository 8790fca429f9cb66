/**
 * Demo evaluations: last year's district evaluation run, reviewed by a second person and published (the portal shows
 * it); this year's run computed and waiting for review; a street/township evaluation; and a university's third-party
 * scores for the districts beside ours. Schemes start from the template, so every installed plugin's indicator counts.
 */
import { rows } from '@chengxin/db';
import { sql } from 'drizzle-orm';
import {
  systemActor,
  type KernelContext,
  importExternal,
  publishRun,
  releaseExternal,
  withdrawExternal,
  reviewRun,
  runEvaluation,
  saveScheme,
  schemeTemplate,
} from '@chengxin/kernel';
import type { Random } from './random';

export async function seedEvaluation(ctx: KernelContext, rng: Random, log: (line: string) => void): Promise<void> {
  const year = Number(ctx.today().slice(0, 4));
  // The review is a second person's: the credit office's reviewer, not the evaluator who ran it.
  const reviewer = { ...ctx, actor: systemActor('01900000-0000-7000-8000-0000000000e1', 'seed-reviewer') };
  const last = await runEvaluation(ctx, (await saveScheme(ctx, schemeTemplate(year - 1, 'district'))).id);
  await reviewRun(reviewer, last.id, '经复核，指标数据与归集记录一致，同意公布。');
  await publishRun(reviewer, last.id);
  const current = await runEvaluation(ctx, (await saveScheme(ctx, schemeTemplate(year, 'district'))).id);
  const streets = await runEvaluation(
    ctx,
    (await saveScheme(ctx, { ...schemeTemplate(year - 1, 'street'), minSample: 3 })).id,
  );
  const districts = await rows<{ id: string }>(
    ctx.db,
    sql`select id::text from kernel.org_unit where level = 'district' and kind = 'government' order by path`,
  );
  // Third-party lists in every state: released (on the portal beside ours), awaiting release, and withdrawn.
  const university = '天津市政府诚信第三方评估（高校课题组）';
  await importExternal(ctx, {
    source: university,
    year: year - 1,
    rater: '南开大学政府诚信研究课题组',
    methodSummary:
      '问卷调查（企业、群众）与政府信息公开、履约践诺等公开资料评估相结合，设政务公开、履约践诺、失信整改、社会评价四个维度十二项指标，百分制',
    ratedOn: `${year}-03-15`,
    rows: districts.map((d) => ({ orgId: d.id, score: Math.round((72 + rng.next() * 24) * 10) / 10, grade: null })),
  });
  await releaseExternal(reviewer, {
    source: university,
    year: year - 1,
    note: '已核对评价机构、方法说明和各区得分，同意发布。',
  });
  const agency = '某信用评级有限公司政务诚信评级';
  await importExternal(ctx, {
    source: agency,
    year: year - 1,
    rater: '某信用评级有限公司',
    methodSummary: '按政务诚信评级方法（2025版）对各区政府进行信用评级，等级AAA至C',
    ratedOn: `${year}-04-20`,
    rows: districts.map((d, i) => ({ orgId: d.id, score: null, grade: ['AAA', 'AA', 'A', 'BBB'][i % 4]! })),
  });
  const survey = '天津市营商环境社会调查（第三方）';
  await importExternal(ctx, {
    source: survey,
    year: year - 1,
    rater: '某社会调查中心',
    methodSummary: '电话抽样调查企业对区政府守信践诺的满意度，每区样本不少于300份，百分制',
    ratedOn: `${year}-02-28`,
    rows: districts.map((d) => ({ orgId: d.id, score: Math.round((65 + rng.next() * 30) * 10) / 10, grade: null })),
  });
  await releaseExternal(reviewer, { source: survey, year: year - 1, note: '同意发布。' });
  await withdrawExternal(reviewer, {
    source: survey,
    year: year - 1,
    reason: '调查机构报告两区样本量不足，申请更正后重新报送。',
  });
  log(
    `  政务诚信评价 evaluations: ${year - 1} districts published (${last.ranked}/${last.bodies} ranked), ${year} districts computed awaiting review, ${year - 1} streets computed (${streets.ranked}/${streets.bodies} ranked); third-party lists for ${districts.length} districts (released, awaiting release, withdrawn); current run ${current.id.slice(-6)}`,
  );
}
