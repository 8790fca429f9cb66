import { createHash } from 'node:crypto';
import { rows, type Queryable } from '@chengxin/db';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  cleanGovernmentInput,
  cleanGovernmentOut,
  personalMatterCheckInput,
  personalMatterInput,
  personalMatterOut,
  LegalDate,
} from '@chengxin/contract';
import { MATTER_CHECK_RESULTS } from '@chengxin/contract';
import { audit, write, type KernelContext, AppError, badInput, newId } from '../core';
import { cleanGovernmentRecord, personalMatterReport } from './schema';

/**
 * The file's confidential sections: 个人有关事项报告 (a leading cadre's yearly report and its check) and 廉政记录.
 * Only procedures declaring kernel.confidential.* reach this module.
 */
export const CHECK_LABELS: Record<(typeof MATTER_CHECK_RESULTS)[number], string> = {
  not_checked: '未核查',
  consistent: '一致',
  omission: '漏报',
  concealment: '隐瞒不报',
};
export const CLEAN_GOVERNMENT_LABELS = {
  integrity_talk: '廉政谈话',
  inquiry_letter: '函询',
  admonishment: '诫勉',
  pledge: '廉政承诺',
  gift_registration: '礼品礼金登记',
  other: '其他',
} as const;

/**
 * The audit entry binds the content by its digest only: auditors read the chain without the confidential permission,
 * so a finding such as 隐瞒不报 or 诫勉 must not appear in it; the digest still shows any later change of the row.
 */
const sealed = (content: unknown) => createHash('sha256').update(JSON.stringify(content)).digest('hex');

/** Locks the person, so two identical reports sent at once meet in turn and the second gets a clean refusal. */
async function requirePerson(db: Queryable, personId: string) {
  const [p] = await rows(db, sql`select 1 from kernel.person where id = ${personId} for update`);
  if (!p) throw badInput('PERSON_NOT_FOUND', 'personId', '人员不存在', 'Person not found');
}

export async function recordPersonalMatter(ctx: KernelContext, input: z.infer<typeof personalMatterInput>) {
  if (input.submittedOn > ctx.today())
    throw badInput('DATE_IN_FUTURE', 'submittedOn', '报告日期不能晚于今天', 'The report date cannot be in the future');
  if (input.checkResult !== 'not_checked' && !input.checkedOn)
    throw badInput('CHECKED_ON_REQUIRED', 'checkedOn', '填写核查结果时须填写核查日期', 'A check result needs its date');
  if (input.checkedOn && input.checkedOn < input.submittedOn)
    throw badInput(
      'CHECK_BEFORE_REPORT',
      'checkedOn',
      '核查日期不能早于报告日期',
      'The check cannot precede the report',
    );
  const id = newId();
  await write(ctx, async (tx) => {
    await requirePerson(tx, input.personId);
    const [dup] = await rows(
      tx,
      sql`select 1 from kernel.personal_matter_report where person_id = ${input.personId} and year = ${input.year}`,
    );
    if (dup)
      throw new AppError(
        'CONFLICT',
        'PERSONAL_MATTER_DUPLICATE',
        `该人员${input.year}年度已有个人有关事项报告`,
        `A ${input.year} report already exists`,
        'year',
      );
    await tx.insert(personalMatterReport).values({
      id,
      personId: input.personId,
      year: input.year,
      submittedOn: input.submittedOn,
      items: input.items,
      checkResult: input.checkResult,
      checkedOn: input.checkedOn ?? null,
      handling: input.handling ?? null,
      createdBy: ctx.actor?.id ?? null,
    });
    await audit(
      tx,
      ctx,
      'personal_matter.record',
      'personal_matter_report',
      id,
      { personId: input.personId },
      { after: sealed(input) },
    );
  });
  return (await personalMatters(ctx.db, input.personId)).find((m) => m.id === id)!;
}

export async function checkPersonalMatter(ctx: KernelContext, input: z.infer<typeof personalMatterCheckInput>) {
  const personId = await write(ctx, async (tx) => {
    const [m] = await rows<{ personId: string; submittedOn: string }>(
      tx,
      sql`select person_id::text as "personId", submitted_on::text as "submittedOn" from kernel.personal_matter_report where id = ${input.id} for update`,
    );
    if (!m) throw badInput('PERSONAL_MATTER_NOT_FOUND', 'id', '报告不存在', 'Report not found');
    if (input.checkedOn < m.submittedOn || input.checkedOn > ctx.today())
      throw badInput(
        'CHECK_DATE_INVALID',
        'checkedOn',
        '核查日期应在报告日期与今天之间',
        'The check date must lie between the report and today',
      );
    await tx
      .update(personalMatterReport)
      .set({ checkResult: input.checkResult, checkedOn: input.checkedOn, handling: input.handling ?? null })
      .where(sql`id = ${input.id}`);
    await audit(
      tx,
      ctx,
      'personal_matter.check',
      'personal_matter_report',
      input.id,
      { personId: m.personId },
      { after: sealed(input) },
    );
    return m.personId;
  });
  return (await personalMatters(ctx.db, personId)).find((m) => m.id === input.id)!;
}

export async function personalMatters(
  db: Queryable,
  personId: string,
  asOf?: LegalDate,
): Promise<z.infer<typeof personalMatterOut>[]> {
  // As of a day, a check made later is not known yet: the report reads as not checked.
  const known = asOf ? sql`checked_on <= ${asOf}` : sql`true`;
  const list = await rows<Omit<z.infer<typeof personalMatterOut>, 'checkResultZh'>>(
    db,
    sql`select id::text, person_id::text as "personId", year, submitted_on::text as "submittedOn", items,
      case when ${known} then check_result else 'not_checked' end as "checkResult", case when ${known} then checked_on::text end as "checkedOn",
      case when ${known} then handling end as handling, to_json(created_at)#>>'{}' as "createdAt"
    from kernel.personal_matter_report where person_id = ${personId} ${asOf ? sql`and submitted_on <= ${asOf}` : sql``} order by year desc`,
  );
  return list.map((m) => ({
    ...m,
    year: Number(m.year),
    items: typeof m.items === 'string' ? JSON.parse(m.items) : m.items,
    checkResultZh: CHECK_LABELS[m.checkResult],
  }));
}

export async function recordCleanGovernment(ctx: KernelContext, input: z.infer<typeof cleanGovernmentInput>) {
  if (input.occurredOn > ctx.today())
    throw badInput('DATE_IN_FUTURE', 'occurredOn', '日期不能晚于今天', 'The date cannot be in the future');
  const id = newId();
  await write(ctx, async (tx) => {
    await requirePerson(tx, input.personId);
    const [org] = await rows(tx, sql`select 1 from kernel.org_unit where id = ${input.recordingOrgId}`);
    if (!org) throw badInput('ORG_NOT_FOUND', 'recordingOrgId', '登记单位不存在', 'The recording body does not exist');
    await tx.insert(cleanGovernmentRecord).values({ id, ...input, createdBy: ctx.actor?.id ?? null });
    await audit(
      tx,
      ctx,
      'clean_government.record',
      'clean_government_record',
      id,
      { personId: input.personId },
      { after: sealed(input) },
    );
  });
  return (await cleanGovernment(ctx.db, input.personId)).find((r) => r.id === id)!;
}

export async function cleanGovernment(
  db: Queryable,
  personId: string,
  asOf?: LegalDate,
): Promise<z.infer<typeof cleanGovernmentOut>[]> {
  const list = await rows<Omit<z.infer<typeof cleanGovernmentOut>, 'kindZh'>>(
    db,
    sql`select c.id::text, c.person_id::text as "personId", c.kind, c.occurred_on::text as "occurredOn", c.summary,
      c.recording_org_id::text as "recordingOrgId", o.name as "recordingOrgName", to_json(c.created_at)#>>'{}' as "createdAt"
    from kernel.clean_government_record c join kernel.org_unit o on o.id = c.recording_org_id
    where c.person_id = ${personId} ${asOf ? sql`and c.occurred_on <= ${asOf}` : sql``} order by c.occurred_on desc`,
  );
  return list.map((r) => ({ ...r, kindZh: CLEAN_GOVERNMENT_LABELS[r.kind] }));
}
