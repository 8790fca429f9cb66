import { rows, type Db } from '@chengxin/db';
import { sql } from 'drizzle-orm';
import {
  appendAudit,
  newId,
  overrideHonourBar,
  honourBlockers,
  ingest,
  createDraft,
  transitionMany,
  declareNil,
  periodsBetween,
  saveSource,
  loadCalendar,
  schema,
} from '@chengxin/kernel';
import type { KernelContext } from '@chengxin/kernel';
import { addDays, formatLegalDate, type LegalDate } from '@chengxin/contract';
import type { Random } from './random';

const { cleanGovernmentRecord, personalMatterReport, trainingCourse, trainingSession } = schema;

/**
 * Demo data for the complete integrity file: integrity-training courses with sessions in each of the last three years
 * and this one, every civil servant's completions (always something each year they served, not always enough),
 * 嘉奖 for each 优秀 year (the reward the assessment rules attach to it) and honours for bodies, one barred honour let
 * through by a reasoned override and one waiting for it, leading cadres' personal-matter reports and pledges, and
 * reporting sources whose periods were met on time, late, by a nil report, or not at all.
 */
const COURSES = [
  {
    code: 'CX-101',
    title: '政务诚信建设专题（津政发〔2017〕29号解读）',
    hours: 3,
    audience: 'all',
    organiser: '天津市发展和改革委员会',
  },
  {
    code: 'CX-102',
    title: '《天津市社会信用条例》与信用信息归集',
    hours: 2,
    audience: 'all',
    organiser: '天津市发展和改革委员会',
  },
  {
    code: 'CX-201',
    title: '领导干部诚信履职与廉洁从政',
    hours: 4,
    audience: 'leading',
    organiser: '天津市人力资源和社会保障局',
  },
  {
    code: 'CX-301',
    title: '新录用公务员诚信教育',
    hours: 3,
    audience: 'new_entrant',
    organiser: '天津市人力资源和社会保障局',
  },
  { code: 'CX-401', title: '政府采购与合同履约中的诚信', hours: 2, audience: 'optional', organiser: '天津市财政局' },
  {
    code: 'CX-402',
    title: '《优化营商环境条例》与政务承诺兑现',
    hours: 2,
    audience: 'optional',
    organiser: '天津市发展和改革委员会',
  },
  {
    code: 'CX-403',
    title: '信用修复与异议处理实务',
    hours: 1.5,
    audience: 'optional',
    organiser: '天津市发展和改革委员会',
  },
  { code: 'CX-404', title: '政务失信典型案例警示教育', hours: 2, audience: 'optional', organiser: '天津市司法局' },
] as const;

interface Person {
  id: string;
  orgId: string;
}

export async function seedIntegrityFile(
  ctx: KernelContext,
  rng: Random,
  people: Person[],
  log: (line: string) => void,
): Promise<void> {
  const thisYear = Number(ctx.today().slice(0, 4));
  const years = [thisYear - 3, thisYear - 2, thisYear - 1, thisYear];
  const sessions = await seedCourses(ctx.db, ctx, years);
  const completions = await seedCompletions(ctx, rng, people, years, sessions);
  log(
    `  诚信教育 training: ${COURSES.length} courses, ${sessions.length} sessions, ${completions} completions (every civil servant, every year served)`,
  );
  const honours = await seedCommendations(ctx, rng, thisYear);
  log(`  表彰奖励 commendations: ${honours} (嘉奖 for each 优秀 year, bodies' honours, one override, one waiting)`);
  const confidential = await seedConfidential(ctx, rng, years);
  log(
    `  个人有关事项报告 personal-matter reports: ${confidential.reports}, 廉政记录 clean-government records: ${confidential.clean}`,
  );
  const periods = await seedReporting(ctx, rng);
  log(`  报送单位 reporting sources: 6, periods: ${periods} (on time, late, nil, silent)`);
}

type Session = {
  id: string;
  courseCode: string;
  courseId: string;
  hours: number;
  audience: string;
  year: number;
  startsOn: LegalDate;
  endsOn: LegalDate;
};

async function seedCourses(db: Db, ctx: KernelContext, years: number[]): Promise<Session[]> {
  const today = ctx.today();
  const out: Session[] = [];
  await db.transaction(async (tx) => {
    for (const c of COURSES) {
      const id = newId();
      await tx.insert(trainingCourse).values({
        id,
        code: c.code,
        title: c.title,
        hours: c.hours,
        organiser: c.organiser,
        audience: c.audience,
        createdBy: ctx.actor?.id ?? null,
      });
      for (const year of years) {
        // Spring and autumn sessions; this year's only as far as today.
        for (const month of c.audience === 'optional' ? [9] : [4, 10]) {
          const startsOn = formatLegalDate(year, month, 10 + (c.code.charCodeAt(5) % 10));
          const endsOn = addDays(startsOn, c.hours > 3 ? 1 : 0);
          if (endsOn > today) continue;
          const sid = newId();
          await tx.insert(trainingSession).values({
            id: sid,
            courseId: id,
            startsOn,
            endsOn,
            place: '天津市行政学院',
            createdBy: ctx.actor?.id ?? null,
          });
          out.push({
            id: sid,
            courseCode: c.code,
            courseId: id,
            hours: c.hours,
            audience: c.audience,
            year,
            startsOn,
            endsOn,
          });
        }
      }
    }
    await appendAudit(tx, ctx.actor, [
      {
        action: 'seed.training_courses',
        entity: 'training_course',
        entityId: '*',
        detail: { courses: COURSES.length, sessions: out.length },
      },
    ]);
  });
  return out;
}

async function seedCompletions(
  ctx: KernelContext,
  rng: Random,
  people: Person[],
  years: number[],
  sessions: Session[],
): Promise<number> {
  const tenures = await rows<{ personId: string; start: string; leading: boolean }>(
    ctx.db,
    sql`select t.person_id::text as "personId", min(t.start_date)::text as start, bool_or(p.leading) as leading
    from kernel.tenure t join kernel.post p on p.id = t.post_id group by t.person_id`,
  );
  const byPerson = new Map(tenures.map((t) => [t.personId, t]));
  const values: { personId: string; courseId: string; sessionId: string; completedOn: LegalDate; hours: number }[] = [];
  for (const person of people) {
    const t = byPerson.get(person.id);
    if (!t) continue;
    const entry = Number(t.start.slice(0, 4));
    for (const year of years.filter((y) => y >= entry)) {
      const offered = sessions.filter((s) => s.year === year);
      const pick = (code: string) => rng.pick(offered.filter((s) => s.courseCode === code));
      const chosen = new Map<string, Session>();
      const diligent = rng.chance(0.82);
      // Everyone serving takes the first mandatory course; the diligent take the rest that apply to them.
      if (offered.some((s) => s.courseCode === 'CX-101')) chosen.set('CX-101', pick('CX-101'));
      if (diligent && offered.some((s) => s.courseCode === 'CX-102')) chosen.set('CX-102', pick('CX-102'));
      if (t.leading && rng.chance(0.9) && offered.some((s) => s.courseCode === 'CX-201'))
        chosen.set('CX-201', pick('CX-201'));
      if (entry === year && offered.some((s) => s.courseCode === 'CX-301')) chosen.set('CX-301', pick('CX-301'));
      for (const o of offered.filter((s) => s.audience === 'optional'))
        if (rng.chance(diligent ? 0.35 : 0.1)) chosen.set(o.courseCode, o);
      for (const s of chosen.values())
        values.push({
          personId: person.id,
          courseId: s.courseId,
          sessionId: s.id,
          completedOn: s.endsOn,
          hours: s.hours,
        });
    }
  }
  await ctx.db.transaction(async (tx) => {
    for (let i = 0; i < values.length; i += 5000) {
      const chunk = values.slice(i, i + 5000);
      await tx.execute(sql`insert into kernel.training_completion (id, person_id, course_id, session_id, completed_on, hours, source_system, created_by)
        select * from unnest(${sql.param(chunk.map(() => newId()))}::uuid[], ${sql.param(chunk.map((v) => v.personId))}::uuid[], ${sql.param(chunk.map((v) => v.courseId))}::uuid[],
          ${sql.param(chunk.map((v) => v.sessionId))}::uuid[], ${sql.param(chunk.map((v) => v.completedOn))}::text[]::date[], ${sql.param(chunk.map((v) => v.hours).map(String))}::text[]::numeric[],
          ${sql.param(chunk.map(() => 'tj-training-register'))}::text[], ${sql.param(chunk.map(() => ctx.actor?.id ?? null))}::uuid[])`);
      await appendAudit(tx, ctx.actor, [
        {
          action: 'training.import',
          entity: 'training_completion',
          entityId: '*',
          detail: { sourceSystem: 'tj-training-register', rows: chunk.length, seed: true },
        },
      ]);
    }
  });
  return values.length;
}

async function seedCommendations(ctx: KernelContext, rng: Random, thisYear: number): Promise<number> {
  // 嘉奖: 公务员奖励规定 gives it for a year rated 优秀; decided in February of the next year.
  const excellent = await rows<{ personId: string; orgId: string; orgName: string; year: number }>(
    ctx.db,
    sql`select a.person_id::text as "personId", a.assessing_org_id::text as "orgId", o.name as "orgName", a.year
    from kernel.assessment_result a join kernel.org_unit o on o.id = a.assessing_org_id where a.grade = 'excellent' and a.year <= ${thisYear - 1} order by a.year, a.person_id`,
  );
  const bodies = await rows<{ orgId: string; name: string }>(
    ctx.db,
    sql`select id::text as "orgId", name from kernel.org_unit where kind in ('government', 'department') order by sort_order, name`,
  );
  const rowsOut: Record<string, unknown>[] = [];
  const candidates = [
    ...excellent.map((e) => ({
      key: `jj-${e.year}-${e.personId}`,
      kind: 'person' as const,
      subjectId: e.personId,
      orgId: e.orgId,
      date: formatLegalDate(Number(e.year) + 1, 2, 10),
      facts: `${e.year}年度考核被确定为优秀等次，给予嘉奖`,
      authority: e.orgName,
      basis: '《公务员奖励规定》：年度考核被确定为优秀等次的，给予嘉奖',
    })),
    ...bodies
      .filter(() => rng.chance(0.12))
      .map((b) => ({
        key: `sx-${b.orgId}`,
        kind: 'org' as const,
        subjectId: b.orgId,
        orgId: b.orgId,
        date: formatLegalDate(thisYear - 1, 12, 20),
        facts: `${b.name}被评为${thisYear - 1}年度政务诚信建设示范单位`,
        authority: '天津市社会信用体系建设工作领导小组',
        basis: '津政发〔2017〕29号：对诚信典型给予表彰',
      })),
  ];
  const barred = await honourBlockers(
    ctx.db,
    candidates.map((c) => ({ key: c.key, kind: c.kind, subjectId: c.subjectId, date: c.date })),
  );
  for (const c of candidates.filter((x) => !barred.has(x.key))) {
    rowsOut.push({
      sourceId: c.key,
      subject:
        c.kind === 'person'
          ? { kind: 'person', personId: c.subjectId, orgId: c.orgId }
          : { kind: 'org', orgId: c.subjectId },
      typeKey: 'commendation',
      severity: 'minor',
      facts: c.facts,
      legalBasis: c.basis,
      decisionNo: `津奖〔${c.date.slice(0, 4)}〕${rowsOut.length + 1}号`,
      decisionDate: c.date,
      issuingAuthority: c.authority,
      disclosureScope: 'public',
    });
  }
  for (let i = 0; i < rowsOut.length; i += 5000)
    await ingest(ctx, rowsOut.slice(i, i + 5000), { sourceSystem: 'tj-honours', initialStatus: 'published' });
  // Two barred honours: one let through by a reasoned override, one waiting for a decision — proposed this year for
  // civil servants whose published record still binds.
  const bound = await rows<{ personId: string; orgId: string; orgName: string }>(
    ctx.db,
    sql`select distinct r.person_id::text as "personId", r.org_id::text as "orgId", o.name as "orgName"
    from kernel.credit_record r join kernel.org_unit o on o.id = r.org_id where r.polarity = 'dishonesty' and r.status = 'published' and r.person_id is not null order by 1 limit 40`,
  );
  const proposed = bound.map((b) => ({
    key: `bar-${b.personId}`,
    kind: 'person' as const,
    subjectId: b.personId,
    orgId: b.orgId,
    date: addDays(ctx.today(), -20),
    facts: `${thisYear}年度在重点项目攻坚中表现突出，拟给予嘉奖`,
    authority: b.orgName,
    basis: '《公务员奖励规定》',
  }));
  const stillBound = await honourBlockers(
    ctx.db,
    proposed.map((c) => ({ key: c.key, kind: c.kind, subjectId: c.subjectId, date: c.date })),
  );
  const waiting = proposed.filter((x) => stillBound.has(x.key)).slice(0, 2);
  for (const [i, c] of waiting.entries()) {
    const draft = await createDraft(ctx, {
      subject:
        c.kind === 'person'
          ? { kind: 'person', personId: c.subjectId, orgId: c.orgId }
          : { kind: 'org', orgId: c.subjectId },
      typeKey: 'commendation',
      severity: 'minor',
      facts: c.facts,
      legalBasis: c.basis,
      decisionNo: `津奖〔${c.date.slice(0, 4)}〕例${i + 1}号`,
      decisionDate: c.date,
      issuingAuthority: c.authority,
      disclosureScope: 'public',
      payload: {},
      linkTo: [],
    });
    await transitionMany(ctx, 'submit', [draft.id]);
    if (i === 0) {
      await overrideHonourBar(ctx, {
        recordId: draft.id,
        reason: '该失信记录系前任负责人任内形成，本人到任后主动整改完毕，经领导小组集体研究同意予以表彰',
      });
      await transitionMany(ctx, 'approve', [draft.id]);
    }
  }
  return rowsOut.length + waiting.length;
}

async function seedConfidential(ctx: KernelContext, rng: Random, years: number[]) {
  const leaders = await rows<{ personId: string; orgId: string; start: string }>(
    ctx.db,
    sql`select distinct on (t.person_id) t.person_id::text as "personId", t.org_id::text as "orgId", t.start_date::text as start
    from kernel.tenure t join kernel.post p on p.id = t.post_id where p.leading and t.end_date is null order by t.person_id, t.start_date`,
  );
  const reports: (typeof personalMatterReport.$inferInsert)[] = [];
  const clean: (typeof cleanGovernmentRecord.$inferInsert)[] = [];
  const items = [
    { category: 'marriage', summary: '本人婚姻状况无变化' },
    { category: 'travel', summary: '因私出国（境）1次，已按规定报批' },
    { category: 'family_business', summary: '配偶、子女未从事经商办企业活动' },
    { category: 'property', summary: '本人及家庭成员房产1套' },
    { category: 'investment', summary: '持有基金，已如实填报' },
  ];
  for (const l of leaders) {
    for (const year of years.slice(0, 3).filter((y) => y >= Number(l.start.slice(0, 4)))) {
      const roll = rng.next();
      const submittedOn = formatLegalDate(year + 1, 1, 10 + rng.int(0, 18));
      if (submittedOn > ctx.today()) continue;
      const checked = roll < 0.3;
      reports.push({
        id: newId(),
        personId: l.personId,
        year,
        submittedOn,
        items: rng.chance(0.5) ? items.slice(0, 3) : items,
        checkResult: checked ? (roll < 0.02 ? 'omission' : 'consistent') : 'not_checked',
        checkedOn: checked ? addDays(submittedOn, 60) : null,
        handling: checked && roll < 0.02 ? '漏报持有基金情况，已批评教育并补报' : null,
        createdBy: ctx.actor?.id ?? null,
      });
      clean.push({
        id: newId(),
        personId: l.personId,
        kind: 'pledge',
        occurredOn: formatLegalDate(year, 3, 1),
        summary: `签订${year}年度党风廉政建设责任书和廉政承诺书`,
        recordingOrgId: l.orgId,
        createdBy: ctx.actor?.id ?? null,
      });
      if (rng.chance(0.05))
        clean.push({
          id: newId(),
          personId: l.personId,
          kind: 'integrity_talk',
          occurredOn: formatLegalDate(year, 7, 15),
          summary: '任职廉政谈话',
          recordingOrgId: l.orgId,
          createdBy: ctx.actor?.id ?? null,
        });
    }
  }
  await ctx.db.transaction(async (tx) => {
    for (let i = 0; i < reports.length; i += 2000)
      await tx.insert(personalMatterReport).values(reports.slice(i, i + 2000));
    for (let i = 0; i < clean.length; i += 2000)
      await tx.insert(cleanGovernmentRecord).values(clean.slice(i, i + 2000));
    await appendAudit(tx, ctx.actor, [
      {
        action: 'seed.confidential',
        entity: 'personal_matter_report',
        entityId: '*',
        detail: { reports: reports.length, cleanGovernment: clean.length },
      },
    ]);
  });
  return { reports: reports.length, clean: clean.length };
}

/** Six sources with the last six months' reporting: on time, late (records arriving after the due day), nil, silent. */
async function seedReporting(ctx: KernelContext, rng: Random): Promise<number> {
  const orgId = async (name: string) =>
    (await rows<{ id: string }>(ctx.db, sql`select id::text from kernel.org_unit where name = ${name}`))[0]?.id;
  const today = ctx.today();
  const activeFrom = formatLegalDate(Number(today.slice(0, 4)) - 1, 1, 1);
  const defs = [
    {
      code: 'tj-court-liaison',
      name: '法院司法判决信息（市司法局联络报送）',
      org: '天津市司法局',
      kind: 'court',
      frequency: 'monthly',
      typeKey: 'judicial_judgment',
      late: 0.1,
      silent: 0,
    },
    {
      code: 'tj-discipline',
      name: '纪律处分和问责信息（市人力社保局报送）',
      org: '天津市人力资源和社会保障局',
      kind: 'discipline',
      frequency: 'quarterly',
      typeKey: 'accountability',
      late: 0,
      silent: 0,
    },
    {
      code: 'tj-scjg-penalty',
      name: '行政处罚信息（市市场监管委）',
      org: '天津市市场监督管理委员会',
      kind: 'penalty',
      frequency: 'monthly',
      typeKey: 'administrative_penalty',
      late: 0.15,
      silent: 0,
    },
    {
      code: 'hexi-scjg-penalty',
      name: '行政处罚信息（河西区市场监管局）',
      org: '天津市河西区市场监督管理局',
      kind: 'penalty',
      frequency: 'monthly',
      typeKey: 'administrative_penalty',
      late: 0.4,
      silent: 0,
    },
    {
      code: 'binhai-scjg-penalty',
      name: '行政处罚信息（滨海新区市场监管局）',
      org: '天津市滨海新区市场监督管理局',
      kind: 'penalty',
      frequency: 'monthly',
      typeKey: 'administrative_penalty',
      late: 0.2,
      silent: 0.35,
    },
    {
      code: 'heping-scjg-penalty',
      name: '行政处罚信息（和平区市场监管局）',
      org: '天津市和平区市场监督管理局',
      kind: 'penalty',
      frequency: 'monthly',
      typeKey: 'administrative_penalty',
      late: 0,
      silent: 0,
    },
  ] as const;
  const cal = await loadCalendar(ctx.db);
  const subjects = await rows<{ id: string }>(
    ctx.db,
    sql`select id::text from kernel.org_unit where kind = 'department' order by name limit 60`,
  );
  let periods = 0;
  for (const d of defs) {
    const org = (await orgId(d.org)) ?? subjects[0]!.id;
    const source = await saveSource(ctx, {
      code: d.code,
      name: d.name,
      orgId: org,
      kind: d.kind,
      frequency: d.frequency,
      activeFrom,
    });
    for (const p of periodsBetween(d.frequency, addDays(today, -200), addDays(today, -1), activeFrom)) {
      const due = cal.addWorkingDays(p.end, source.dueWorkingDays).date;
      if (due >= today) continue;
      periods++;
      const roll = rng.next();
      if (roll < d.silent) continue;
      const arrival = roll < d.silent + d.late ? addDays(due, rng.int(3, 20)) : addDays(p.end, rng.int(1, 5));
      if (arrival >= today) continue;
      if (d.code === 'heping-scjg-penalty' && rng.chance(0.5)) {
        await declareNil(
          { ...ctx, today: () => arrival },
          { sourceId: source.id, period: p.key, note: '本期无行政处罚决定' },
        );
        continue;
      }
      const list = Array.from({ length: rng.int(1, 4) }, (_, i) => ({
        sourceId: `${p.key}-${i + 1}`,
        subject: { kind: 'org', orgId: rng.pick(subjects).id },
        typeKey: d.typeKey,
        severity: 'ordinary',
        facts:
          d.typeKey === 'judicial_judgment'
            ? '该单位未按生效判决履行合同付款义务。'
            : d.typeKey === 'accountability'
              ? '该单位在政务服务事项办理中不作为，经核实予以问责。'
              : '该单位违反价格管理规定收费，被责令改正并处罚款。',
        legalBasis:
          d.typeKey === 'judicial_judgment'
            ? '《中华人民共和国民事诉讼法》'
            : d.typeKey === 'accountability'
              ? '《中国共产党问责条例》'
              : '《中华人民共和国价格法》第三十九条',
        decisionNo: `${d.code.split('-')[0]}〔${p.start.slice(0, 4)}〕${p.start.slice(5, 7)}${i + 1}号`,
        decisionDate: addDays(p.start, rng.int(0, 20)),
        issuingAuthority: d.org,
        disclosureScope: 'public',
        // The national 行政处罚 disclosure fields, which every penalty past draft must carry (the submit check).
        ...(d.typeKey === 'administrative_penalty'
          ? {
              payload: {
                penaltyCategories: ['warning', 'fine'],
                penaltyContent: '责令改正，给予警告，并处罚款',
                fineFen: rng.int(1, 50) * 1_000_000,
              },
            }
          : {}),
      }));
      const result = await ingest(ctx, list, { sourceSystem: d.code, initialStatus: 'published' });
      // Demo history: the day each batch arrived (created_at is not part of the audited record digest; the entry is).
      await ctx.db.execute(
        sql`update kernel.credit_record set created_at = (${arrival}::date + time '10:00') at time zone 'Asia/Shanghai' where id = any(${sql.param(result.ids)}::uuid[])`,
      );
    }
  }
  return periods;
}
