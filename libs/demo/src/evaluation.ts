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
  await importExternal(ctx, {
    source: '天津市政府诚信第三方评估（高校课题组）',
    year: year - 1,
    rows: districts.map((d) => ({ orgId: d.id, score: Math.round((72 + rng.next() * 24) * 10) / 10, grade: null })),
  });
  log(
    `  政务诚信评价 evaluations: ${year - 1} districts published (${last.ranked}/${last.bodies} ranked), ${year} districts computed awaiting review, ${year - 1} streets computed (${streets.ranked}/${streets.bodies} ranked); third-party scores for ${districts.length} districts; current run ${current.id.slice(-6)}`,
  );
}
