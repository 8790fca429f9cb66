import { scopeSql } from '../access';
import { rows, type Queryable } from '@chengxin/db';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  completenessInput,
  completenessOut,
  nilReportInput,
  reportingSourceInput,
  reportingSourceOut,
} from '@chengxin/contract';
import { audit, write, type KernelContext, AppError, badInput, newId } from '../core';
import { addDays, addMonths, formatLegalDate, monthsBetween, type LegalDate } from '@chengxin/contract';
import { FILE_RULES } from './rules/file-rules';
import { reportingNil, reportingSource } from './schema';
import { loadCalendar } from '../calendar';
import { MANUAL_SOURCE } from '../records';

type Source = z.infer<typeof reportingSourceOut>;
type Completeness = z.infer<typeof completenessOut>;
export const REPORTING_STATE_LABELS = {
  on_time: '按时报送',
  late: '逾期报送',
  silent: '未报送',
  pending: '未到期',
} as const;

export const COMPLETENESS_MAX_MONTHS = 36;

export interface Period {
  key: string;
  start: LegalDate;
  end: LegalDate;
}

/** The reporting periods (months or quarters) that overlap [from, to], none starting before `activeFrom`'s period. */
export function periodsBetween(
  frequency: 'monthly' | 'quarterly',
  from: LegalDate,
  to: LegalDate,
  activeFrom: LegalDate,
): Period[] {
  const step = frequency === 'monthly' ? 1 : 3;
  const startOf = (d: LegalDate) => {
    const y = Number(d.slice(0, 4));
    const m = Number(d.slice(5, 7));
    return formatLegalDate(y, m - ((m - 1) % step), 1);
  };
  const out: Period[] = [];
  const first = [startOf(from), startOf(activeFrom)].sort().at(-1)!;
  for (let start = first; start <= to; start = addMonths(start, step)) {
    const end = addDays(addMonths(start, step), -1);
    const m = Number(start.slice(5, 7));
    out.push({ key: frequency === 'monthly' ? start.slice(0, 7) : `${start.slice(0, 4)}-Q${(m + 2) / 3}`, start, end });
  }
  return out;
}

export function periodOf(key: string): Period {
  const y = Number(key.slice(0, 4));
  if (key.includes('Q')) {
    const start = formatLegalDate(y, (Number(key.slice(6)) - 1) * 3 + 1, 1);
    return { key, start, end: addDays(addMonths(start, 3), -1) };
  }
  const start = formatLegalDate(y, Number(key.slice(5, 7)), 1);
  return { key, start, end: addDays(addMonths(start, 1), -1) };
}

export async function listSources(db: Queryable): Promise<Source[]> {
  return rows<Source>(
    db,
    sql`select s.id::text, s.code, s.name, s.org_id::text as "orgId", o.name as "orgName", s.kind, s.frequency, s.due_working_days as "dueWorkingDays", s.active_from::text as "activeFrom"
    from kernel.reporting_source s join kernel.org_unit o on o.id = s.org_id order by s.code`,
  );
}

/** Creates a reporting source or changes the calendar of the one with the same code. */
export async function saveSource(ctx: KernelContext, input: z.infer<typeof reportingSourceInput>): Promise<Source> {
  if (input.code === MANUAL_SOURCE)
    throw badInput(
      'SOURCE_SYSTEM_RESERVED',
      'code',
      `“${MANUAL_SOURCE}”为手工录入保留`,
      `${MANUAL_SOURCE} is reserved`,
    );
  await write(ctx, async (tx) => {
    const [org] = await rows(tx, sql`select 1 from kernel.org_unit where id = ${input.orgId}`);
    if (!org) throw badInput('ORG_NOT_FOUND', 'orgId', '报送单位不存在', 'The reporting body does not exist');
    const values = {
      name: input.name,
      orgId: input.orgId,
      kind: input.kind,
      frequency: input.frequency,
      dueWorkingDays: input.dueWorkingDays ?? FILE_RULES.reportingDue.value,
      activeFrom: input.activeFrom,
    };
    // Two saves of a new code at once: the lock makes the second see the first's row and update it.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`reporting_source:${input.code}`}))`);
    const [old] = await rows<{ id: string }>(
      tx,
      sql`select id::text from kernel.reporting_source where code = ${input.code} for update`,
    );
    const id = old?.id ?? newId();
    if (old)
      await tx
        .update(reportingSource)
        .set(values)
        .where(sql`id = ${id}`);
    else await tx.insert(reportingSource).values({ id, code: input.code, ...values, createdBy: ctx.actor?.id ?? null });
    await audit(tx, ctx, old ? 'reporting.source.update' : 'reporting.source.create', 'reporting_source', id, {
      code: input.code,
      ...values,
    });
  });
  return (await listSources(ctx.db)).find((s) => s.code === input.code)!;
}

/** 零报告: the source says it made no decision to report in the period (not before the period has begun). */
export async function declareNil(ctx: KernelContext, input: z.infer<typeof nilReportInput>) {
  const period = periodOf(input.period);
  const today = ctx.today();
  if (period.start > today)
    throw badInput('PERIOD_NOT_STARTED', 'period', '报送期尚未开始', 'The period has not begun');
  const id = newId();
  await write(ctx, async (tx) => {
    // Locked: two nil reports for the same period sent at once meet in turn, and the second is a clean refusal.
    const [source] = await rows<{ frequency: string; activeFrom: string }>(
      tx,
      sql`select frequency, active_from::text as "activeFrom" from kernel.reporting_source where id = ${input.sourceId} for update`,
    );
    if (!source)
      throw badInput('REPORTING_SOURCE_NOT_FOUND', 'sourceId', '报送单位不存在', 'Reporting source not found');
    if ((source.frequency === 'quarterly') !== input.period.includes('Q'))
      throw badInput(
        'PERIOD_FREQUENCY_MISMATCH',
        'period',
        source.frequency === 'quarterly'
          ? '该单位按季度报送，报送期应为YYYY-Q1…Q4'
          : '该单位按月报送，报送期应为YYYY-MM',
        "The period does not match the source's frequency",
      );
    if (period.end < source.activeFrom)
      throw badInput(
        'PERIOD_BEFORE_ACTIVE',
        'period',
        '该报送期早于报送单位纳入报送的日期',
        "The period precedes the source's start",
      );
    const [dup] = await rows(
      tx,
      sql`select 1 from kernel.reporting_nil where source_id = ${input.sourceId} and period = ${input.period}`,
    );
    if (dup)
      throw new AppError(
        'CONFLICT',
        'NIL_REPORT_DUPLICATE',
        '该报送期已报零报告',
        'A nil report for this period exists',
        'period',
      );
    await tx.insert(reportingNil).values({
      id,
      sourceId: input.sourceId,
      period: input.period,
      declaredOn: today,
      note: input.note ?? null,
      createdBy: ctx.actor?.id ?? null,
    });
    await audit(tx, ctx, 'reporting.nil', 'reporting_source', input.sourceId, { period: input.period });
  });
  return { id, sourceId: input.sourceId, period: input.period, declaredOn: today };
}

/**
 * Reporting completeness: for each source and period, whether the period's decisions (records carrying the source's
 * code, by their first version's decision date) or a nil report reached us by the due date — the Nth working day
 * after the period's end — late, or not at all. Records of a period that arrive after its due date count as late
 * records even when the first report was on time: that is where under-reporting hides.
 */
export async function completeness(
  ctx: KernelContext,
  input: z.infer<typeof completenessInput>,
): Promise<Completeness> {
  // A bounded question: at most three years, ending within a year from today.
  if (monthsBetween(input.from, input.to) >= COMPLETENESS_MAX_MONTHS)
    throw badInput(
      'RANGE_TOO_LONG',
      'to',
      `查询期间不能超过${COMPLETENESS_MAX_MONTHS}个月`,
      `At most ${COMPLETENESS_MAX_MONTHS} months at a time`,
    );
  if (input.to > addDays(ctx.today(), 366))
    throw badInput('RANGE_TOO_FAR', 'to', '截止日期不能晚于一年以后', 'to cannot be more than a year ahead');
  // Only the reporting bodies inside the caller's subtree: a district sees its own sources, not the city's.
  const inScope = new Set(
    (
      await rows<{ id: string }>(
        ctx.db,
        sql`select s.id::text from kernel.reporting_source s join kernel.org_unit o on o.id = s.org_id where ${scopeSql(ctx.scope, sql`o.path`)}`,
      )
    ).map((r) => r.id),
  );
  const sources = (await listSources(ctx.db)).filter(
    (s) => inScope.has(s.id) && (!input.sourceId || s.id === input.sourceId),
  );
  const cal = await loadCalendar(ctx.db);
  const today = ctx.today();
  const plan = sources.flatMap((s) =>
    periodsBetween(s.frequency, input.from, input.to, s.activeFrom).map((p) => {
      const due = cal.addWorkingDays(p.end, s.dueWorkingDays);
      return { source: s, period: p, due: due.date, provisional: due.provisional };
    }),
  );
  if (plan.length === 0) return { rows: [], lateOrSilent: [] };
  const facts = await rows<{
    code: string;
    period: string;
    records: number;
    first: string | null;
    late: number;
    nil: string | null;
  }>(
    ctx.db,
    sql`
    with p as (select * from unnest(${sql.param(plan.map((x) => x.source.code))}::text[], ${sql.param(plan.map((x) => x.source.id))}::uuid[], ${sql.param(plan.map((x) => x.period.key))}::text[],
      ${sql.param(plan.map((x) => x.period.start))}::text[]::date[], ${sql.param(plan.map((x) => x.period.end))}::text[]::date[], ${sql.param(plan.map((x) => x.due))}::text[]::date[]) as p(code, source_id, period, s, e, due))
    select p.code, p.period, count(r.day)::int as records, min(r.day)::text as first, count(*) filter (where r.day > p.due)::int as late,
      (select n.declared_on::text from kernel.reporting_nil n where n.source_id = p.source_id and n.period = p.period) as nil
    from p left join lateral (
      select (cr.created_at at time zone 'Asia/Shanghai')::date as day from kernel.credit_record cr
      join kernel.credit_record_version v on v.record_id = cr.id and v.version = 1
      where cr.source_system = p.code and v.decision_date between p.s and p.e
    ) r on true
    group by p.code, p.source_id, p.period`,
  );
  const byKey = new Map(facts.map((f) => [`${f.code}|${f.period}`, f]));
  const out: Completeness['rows'] = plan.map(({ source, period, due, provisional }) => {
    const f = byKey.get(`${source.code}|${period.key}`)!;
    const first = [f.first, f.nil].filter((d): d is string => !!d).sort()[0] ?? null;
    const state = first ? (first <= due ? 'on_time' : 'late') : today > due ? 'silent' : 'pending';
    return {
      sourceId: source.id,
      code: source.code,
      name: source.name,
      orgName: source.orgName,
      period: period.key,
      periodStart: period.start,
      periodEnd: period.end,
      due,
      provisional,
      state,
      stateZh: REPORTING_STATE_LABELS[state],
      firstReportedOn: first,
      nil: !!f.nil,
      records: f.records,
      lateRecords: f.late,
    };
  });
  const lateOrSilent = sources
    .map((s) => ({
      sourceId: s.id,
      name: s.name,
      late: out.filter((r) => r.sourceId === s.id && r.state === 'late').length,
      silent: out.filter((r) => r.sourceId === s.id && r.state === 'silent').length,
    }))
    .filter((s) => s.late + s.silent > 0)
    .sort((a, b) => b.silent - a.silent || b.late - a.late);
  return { rows: out, lateOrSilent };
}
