import { rows, type Queryable } from '@chengxin/db';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { assessmentRecordInput } from '@chengxin/contract';
import { audit, write, type KernelContext, AppError, badInput, notFound, newId } from '../core';
import { GRADE_LABELS } from './rules/assessment';
import { assessmentResult } from './schema';
import { annualAssessment } from './eligibility';

const COLUMNS = sql`a.id::text, a.person_id::text as "personId", p.name as "personName", a.year, a.grade, a.assessing_org_id::text as "assessingOrgId",
  o.name as "assessingOrgName", a.note, to_json(a.created_at)#>>'{}' as "createdAt", u.username as "enteredBy"`;

export async function listAssessments(db: Queryable, personId: string) {
  const list = await rows<{
    id: string;
    personId: string;
    personName: string;
    year: number;
    grade: keyof typeof GRADE_LABELS;
    assessingOrgId: string;
    assessingOrgName: string;
    note: string | null;
    createdAt: string;
    enteredBy: string | null;
  }>(
    db,
    sql`
    select ${COLUMNS} from kernel.assessment_result a join kernel.person p on p.id = a.person_id join kernel.org_unit o on o.id = a.assessing_org_id
    left join kernel.app_user u on u.id = a.created_by
    where a.person_id = ${personId} order by a.year desc`,
  );
  return list.map((a) => ({ ...a, year: Number(a.year), gradeZh: GRADE_LABELS[a.grade] }));
}

/**
 * Enters a year's grade. The consequence of a dishonesty record is enforced here, where the grade is given: 优秀 for a
 * person who may not be rated 优秀 that year (an effective dishonesty record or sanction) is refused with the reasons and
 * the records behind them; a grade for a person to be assessed without one (记过 or heavier) likewise.
 */
export async function recordAssessment(ctx: KernelContext, input: z.infer<typeof assessmentRecordInput>) {
  const thisYear = Number(ctx.today().slice(0, 4));
  if (input.year > thisYear)
    throw badInput(
      'ASSESSMENT_YEAR_IN_FUTURE',
      'year',
      `考核年度不能晚于今年（${thisYear}）`,
      `The year cannot be after ${thisYear}`,
    );
  const [org] = await rows<{ id: string }>(
    ctx.db,
    sql`select id::text from kernel.org_unit where id = ${input.assessingOrgId}`,
  );
  if (!org) throw badInput('ORG_NOT_FOUND', 'assessingOrgId', '考核机关不存在', 'The assessing body does not exist');
  const id = newId();
  await write(ctx, async (tx) => {
    const [person] = await rows<{ id: string }>(
      tx,
      sql`select id::text from kernel.person where id = ${input.personId} for update`,
    );
    if (!person) throw notFound('person', '人员', input.personId);
    const [dup] = await rows<{ grade: keyof typeof GRADE_LABELS }>(
      tx,
      sql`select grade from kernel.assessment_result where person_id = ${input.personId} and year = ${input.year}`,
    );
    if (dup)
      throw new AppError(
        'CONFLICT',
        'ASSESSMENT_DUPLICATE',
        `该人员${input.year}年度已有考核结果（${GRADE_LABELS[dup.grade]}）`,
        `A ${input.year} result already exists`,
        'year',
      );
    const answer = await annualAssessment(tx, input.personId, input.year);
    const issues = answer.reasons.map((r) => ({
      field: 'grade',
      code: 'ASSESSMENT_RECORD',
      messageZh: `${r.describedZh}（${r.summaryZh}；${r.source.law}${r.source.article}）`,
      messageEn: `record ${r.recordId}: ${r.summaryEn}`,
      recordId: r.recordId,
    }));
    if (!answer.mayBeGraded && input.grade !== 'ungraded') {
      throw new AppError(
        'BAD_REQUEST',
        'ASSESSMENT_GRADE_NOT_ALLOWED',
        `${answer.summaryZh}：${issues.map((i) => i.messageZh).join('；')}`,
        answer.summaryEn,
        'grade',
        issues,
      );
    }
    if (input.grade === 'excellent' && !answer.mayBeExcellent) {
      throw new AppError(
        'BAD_REQUEST',
        'ASSESSMENT_EXCELLENT_NOT_ELIGIBLE',
        `${answer.summaryZh}：${issues.map((i) => i.messageZh).join('；')}`,
        answer.summaryEn,
        'grade',
        issues,
      );
    }
    await tx.insert(assessmentResult).values({
      id,
      personId: input.personId,
      year: input.year,
      grade: input.grade,
      assessingOrgId: input.assessingOrgId,
      note: input.note ?? null,
      createdBy: ctx.actor?.id ?? null,
    });
    await audit(tx, ctx, 'assessment.record', 'assessment_result', id, {
      personId: input.personId,
      year: input.year,
      grade: input.grade,
      assessingOrgId: input.assessingOrgId,
    });
  });
  return (await listAssessments(ctx.db, input.personId)).find((a) => a.id === id)!;
}
