/** Agreement changes, performance evaluations and performance failures of a project (each one audited write). */
import { AppError, badInput, newId, notAfterToday, rows, sql, type PluginServices } from '@chengxin/plugin-sdk';
import type { z } from 'zod';
import type { changeInput, evaluationInput, failureInput } from '../contract';
import { lockProject } from './projects';
import { changeDefects } from './rules';
import { agreementChange, evaluation, performanceFailure } from './schema';

export async function recordChange(s: PluginServices, input: z.infer<typeof changeInput>): Promise<void> {
  notAfterToday(s.today, 'changedOn', input.changedOn);
  await s.write(async (tx, audit) => {
    const p = await lockProject(tx, input.projectId);
    if (!p.agreementDate || input.changedOn < p.agreementDate)
      throw badInput(
        'CHANGE_BEFORE_AGREEMENT',
        'changedOn',
        `变更日期不能早于协议签订日期（${p.agreementDate ?? '未签订'}）`,
        'A change must follow the agreement',
      );
    const id = newId();
    await tx.insert(agreementChange).values({ id, ...input, createdBy: s.actor?.id ?? null });
    await audit('ppp.change.record', 'ppp.agreement_change', id, {
      projectId: input.projectId,
      unilateral: input.unilateral,
      reason: input.reason,
      defects: changeDefects(input),
    });
  });
}

export async function recordEvaluation(s: PluginServices, input: z.infer<typeof evaluationInput>): Promise<void> {
  notAfterToday(s.today, 'evaluatedOn', input.evaluatedOn);
  await s.write(async (tx, audit) => {
    await lockProject(tx, input.projectId);
    if (
      (
        await rows(
          tx,
          sql`select 1 from ppp.evaluation where project_id = ${input.projectId} and year = ${input.year} and kind = ${input.kind}`,
        )
      ).length > 0
    ) {
      throw new AppError(
        'CONFLICT',
        'EVALUATION_EXISTS',
        `${input.year}年度该类绩效评价已登记`,
        `An evaluation of this kind for ${input.year} exists`,
        'year',
      );
    }
    const id = newId();
    await tx.insert(evaluation).values({ id, ...input, createdBy: s.actor?.id ?? null });
    await audit('ppp.evaluation.record', 'ppp.evaluation', id, {
      projectId: input.projectId,
      year: input.year,
      kind: input.kind,
      score: input.score,
    });
  });
}

export async function recordFailure(
  s: PluginServices,
  input: z.infer<typeof failureInput>,
  sourceId: string | null = null,
): Promise<void> {
  notAfterToday(s.today, 'periodStart', input.periodStart);
  await s.write(async (tx, audit) => {
    await lockProject(tx, input.projectId);
    const id = newId();
    await tx.insert(performanceFailure).values({ id, ...input, sourceId, createdBy: s.actor?.id ?? null });
    await audit('ppp.failure.record', 'ppp.performance_failure', id, {
      projectId: input.projectId,
      category: input.category,
      events: input.events,
    });
  });
}
