import { seedEvaluation } from './evaluation';
import { seedLeads } from './leads';
import { seedMeasures } from './measures';
import { seedSectorSteps } from './sectors';
import { rows, type Db } from '@chengxin/db';
import { sql } from 'drizzle-orm';
import {
  appendAudit,
  createCheckpoint,
  createPerson,
  kernelContext,
  systemActor,
  type Actor,
  type KernelContext,
  installedPlugins,
  configurePlugin,
  newId,
  annualAssessmentForOrg,
  protectIdNumber,
  type Secrets,
  hashPassword,
  ingest,
  closeComplaint,
  submitComplaint,
  triageComplaint,
  fileObjection,
  decideObjection,
  closeAccountability,
  completeRectification,
  explainRectification,
  openConsequences,
  verifyRectification,
  addFinding,
  answerProposal,
  closeInspection,
  createInspection,
  registerProposal,
  transitionMany,
  breakRepairPromise,
  decideRepair,
  fileRepair,
  schema,
  DEMO_PASSWORD,
} from '@chengxin/kernel';
import type { DemoContext, TransitionAction } from '@chengxin/kernel';
import { addDays, type LegalDate } from '@chengxin/contract';
import type { SanctionType, Severity } from '@chengxin/contract';
import { authorityUscc, governmentUscc, idNumber, randomDate } from './codes';
import { Random } from './random';
import * as T from './tianjin-data';
import { seedIntegrityFile } from './integrity-file';

const { appUser, assessmentResult, orgUnit, person, post, tenure, userGrant } = schema;

export { DEMO_PASSWORD };
/** Demo users: a grant each (role + scope); `district` scopes the user (and their grant) to that district. */
export const DEMO_USERS: {
  username: string;
  displayName: string;
  role: string;
  password: string;
  district?: string;
}[] = [
  { username: 'admin', displayName: '系统管理员', role: 'admin', password: DEMO_PASSWORD },
  { username: 'officer', displayName: '市信用办录入员', role: 'officer', password: DEMO_PASSWORD },
  { username: 'reviewer', displayName: '市信用办审核员', role: 'reviewer', password: DEMO_PASSWORD },
  { username: 'viewer', displayName: '查询员', role: 'viewer', password: DEMO_PASSWORD },
  { username: 'auditor', displayName: '审计员', role: 'auditor', password: DEMO_PASSWORD },
  { username: 'personnel', displayName: '组织人事干部（保密事项）', role: 'personnel', password: DEMO_PASSWORD },
  { username: 'evaluator', displayName: '市发展改革委评价人员', role: 'evaluator', password: DEMO_PASSWORD },
  {
    username: 'hexi.admin',
    displayName: '河西区系统管理员',
    role: 'admin',
    password: DEMO_PASSWORD,
    district: '河西区',
  },
  {
    username: 'hexi.officer',
    displayName: '河西区信用信息录入员',
    role: 'officer',
    password: DEMO_PASSWORD,
    district: '河西区',
  },
  {
    username: 'hexi.reviewer',
    displayName: '河西区信用办审核员',
    role: 'reviewer',
    password: DEMO_PASSWORD,
    district: '河西区',
  },
];

/** Demo decision dates run up to this fixed day, so the data is the same whenever it is generated. */
export const DEMO_ANCHOR: LegalDate = '2026-11-01';
const SEED = 20_171_029; // 津政发〔2017〕29号

export interface SeedOptions {
  /** Number of credit records (default ~2,000); `--scale N` for benchmarks. */
  records?: number;
  persons?: number;
  log?: (line: string) => void;
}

export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const [r] = await rows<{ n: number }>(db, sql`select count(*)::int as n from kernel.org_unit`);
  return Number(r?.n ?? 0) === 0;
}

interface SeedOrg {
  id: string;
  name: string;
  level: 'city' | 'district' | 'street';
  kind: string;
  districtName: string | null;
  areaCode: string;
}

export async function seedDemo(db: Db, secrets: Secrets, options: SeedOptions = {}) {
  const log = options.log ?? (() => undefined);
  const rng = new Random(SEED);
  const system: Actor = systemActor(newId(), 'seed');
  const ctx = kernelContext(db, secrets, system);

  const orgs = await seedOrgs(db, rng, system);
  log(`  单位 org units: ${orgs.length}`);
  const people = await seedPersons(db, rng, secrets, orgs, options.persons ?? 5000, system);
  log(`  公务员 civil servants: ${people.length}`);
  await seedDuplicateRegistration(ctx, orgs, people);
  await seedUsers(db, orgs, system);
  const records = await seedRecords(ctx, rng, orgs, people, options.records ?? 2000, log);
  const processes = await seedProcesses(ctx, rng);
  log(
    `  异议 objections: ${processes.objections}, 信用修复 repairs: ${processes.repairs}, 投诉 complaints: ${processes.complaints}, 整改 rectifications: ${processes.rectifications} (open, overdue and closed)`,
  );
  await seedMeasures(ctx, log);
  const assessments = await seedAssessments(ctx, rng, people);
  log(`  年度考核 assessment results: ${assessments} (three years; 优秀 only where the person may be rated 优秀)`);
  await seedIntegrityFile(ctx, rng, people, log);
  await seedPlugins(ctx, log);
  await seedEvaluation(ctx, rng, log);
  await seedLeads(ctx, log);
  await seedSectorSteps(ctx, log);
  // The demo's history starts signed: a first checkpoint of the audit chain.
  await createCheckpoint(db, secrets.audit);
  // Fresh statistics, so the first queries after seeding get index plans rather than guesses.
  await db.execute(sql`analyze`);
  return { orgUnits: orgs.length, persons: people.length, records, ...processes };
}

/**
 * A civil servant who moved districts and was registered again by the new district, which was not told the number
 * was on file (that would reveal it): the city registrar's merge queue (人员 → 跨区重复登记) has this entry.
 */
async function seedDuplicateRegistration(ctx: KernelContext, orgs: SeedOrg[], people: SeedPerson[]): Promise<void> {
  const moved = people.find((p) => p.idNumber);
  const to = orgs.find(
    (o) => o.level === 'district' && o.kind === 'government' && o.districtName !== moved?.districtName,
  );
  if (!moved?.idNumber || !to) return;
  const [{ name } = { name: '' }] = await rows<{ name: string }>(
    ctx.db,
    sql`select name from kernel.person where id = ${moved.id}`,
  );
  // Appointed today, so the last three years' training and assessments the file checks are the old district's.
  const tenure = { orgId: to.id, postTitle: '一级科员', principal: false, startDate: ctx.today() };
  await createPerson({ ...ctx, scope: { roots: [to.id] } }, { name, idNumber: moved.idNumber, tenure });
}

/**
 * Three years of assessment results for every demo civil servant, each grade one the eligibility rules allow: a person
 * with an effective record is never 优秀, the year a 记过 or heavier is imposed is 不定等次.
 */
async function seedAssessments(ctx: KernelContext, rng: Random, people: SeedPerson[]): Promise<number> {
  const thisYear = Number(ctx.today().slice(0, 4));
  const [city] = await rows<{ id: string }>(
    ctx.db,
    sql`select id::text from kernel.org_unit where parent_id is null order by path limit 1`,
  );
  const orgOf = new Map(people.map((p) => [p.id, p.orgId]));
  let n = 0;
  for (let year = thisYear - 3; year < thisYear; year++) {
    const answers = await annualAssessmentForOrg(ctx.db, city!.id, year, true);
    const values = answers
      .filter((a) => orgOf.has(a.personId))
      .map((a) => {
        const roll = rng.next();
        const grade = !a.mayBeGraded
          ? 'ungraded'
          : a.mayBeExcellent && roll < 0.15
            ? 'excellent'
            : roll > 0.995
              ? 'incompetent'
              : roll > 0.985
                ? 'basically_competent'
                : 'competent';
        return {
          id: newId(),
          personId: a.personId,
          year,
          grade,
          assessingOrgId: orgOf.get(a.personId)!,
          createdBy: ctx.actor?.id ?? null,
        };
      });
    await ctx.db.transaction(async (tx) => {
      for (let i = 0; i < values.length; i += 2000) {
        const chunk = values.slice(i, i + 2000);
        await tx.insert(assessmentResult).values(chunk);
        await appendAudit(
          tx,
          ctx.actor,
          chunk.map((v) => ({
            action: 'assessment.record',
            entity: 'assessment_result',
            entityId: v.id,
            detail: { personId: v.personId, year, grade: v.grade, seed: true },
          })),
        );
      }
    });
    n += values.length;
  }
  return n;
}

/** Every installed plugin: enabled for the whole deployment, then its own demo data (the daily scan proposes drafts). */
async function seedPlugins(ctx: KernelContext, log: (line: string) => void): Promise<void> {
  const orgs = await rows<DemoContext['orgs'][number]>(
    ctx.db,
    sql`select id::text, name, level, kind, parent_id::text as "parentId", uscc from kernel.org_unit order by path`,
  );
  for (const plugin of installedPlugins()) {
    await configurePlugin(ctx, { pluginId: plugin.id, orgId: null, enabled: true, config: {} });
    if (!plugin.seed) continue;
    const summary = await plugin.seed(ctx.db, {
      today: ctx.today(),
      orgs,
      audit: (tx, action, entity, entityId, detail = {}) =>
        appendAudit(tx, ctx.actor, [{ action, entity, entityId, detail }]),
    });
    log(`  插件 ${plugin.label.zh} (${plugin.id}): ${summary}`);
  }
}

async function seedOrgs(db: Db, rng: Random, actor: Actor): Promise<SeedOrg[]> {
  const all: (typeof orgUnit.$inferInsert)[] = [];
  const out: SeedOrg[] = [];
  const add = (
    parent: { id: string; path: string; depth: number } | null,
    name: string,
    level: SeedOrg['level'],
    kind: string,
    areaCode: string,
    districtName: string | null,
    order: number,
  ) => {
    const id = newId();
    const row = {
      id,
      parentId: parent?.id ?? null,
      path: parent ? `${parent.path}/${id}` : id,
      depth: parent ? parent.depth + 1 : 0,
      name,
      uscc: governmentUscc(rng, areaCode),
      level,
      kind,
      areaCode,
      sortOrder: order,
      createdBy: actor.id,
    };
    all.push(row);
    out.push({ id, name, level, kind, districtName, areaCode });
    return row;
  };
  const city = add(null, T.CITY.name, 'city', 'government', T.CITY.areaCode, null, 0);
  T.MUNICIPAL_DEPARTMENTS.forEach((name, i) => add(city, name, 'city', 'department', T.CITY.areaCode, null, i + 1));
  T.DISTRICTS.forEach((d, di) => {
    const gov = add(city, `天津市${d.name}人民政府`, 'district', 'government', d.areaCode, d.name, 100 + di);
    T.DISTRICT_DEPARTMENTS.forEach((suffix, i) =>
      add(gov, `天津市${d.name}${suffix}`, 'district', 'department', d.areaCode, d.name, i),
    );
    d.streets.forEach((s, si) => {
      const unit = add(
        gov,
        s.kind === 'street' ? `天津市${d.name}${s.name}办事处` : `天津市${d.name}${s.name}人民政府`,
        'street',
        s.kind === 'street' ? 'street_office' : 'township_government',
        d.areaCode,
        d.name,
        100 + si,
      );
      // A few bodies under the first streets of each district, so the tree has a fourth level.
      if (si < 2)
        T.STREET_DEPARTMENT_SUFFIXES.slice(0, 3).forEach((suffix, i) =>
          add(
            unit,
            `${unit.name.replace(/办事处$|人民政府$/, '')}${suffix}`,
            'street',
            'institution',
            d.areaCode,
            d.name,
            i,
          ),
        );
    });
  });
  await db.transaction(async (tx) => {
    for (let i = 0; i < all.length; i += 500) await tx.insert(orgUnit).values(all.slice(i, i + 500));
    await appendAudit(tx, actor, [
      { action: 'seed.orgs', entity: 'org_unit', entityId: '*', detail: { count: all.length } },
    ]);
  });
  return out;
}

function personName(rng: Random): string {
  const surname = rng.weighted(T.SURNAMES.map((s) => ({ weight: s.weight, value: s.name })));
  const given = rng.chance(0.7)
    ? rng.pick(T.GIVEN_NAME_CHARS) + rng.pick(T.GIVEN_NAME_CHARS)
    : rng.pick(T.GIVEN_NAME_CHARS);
  return surname + given;
}

/** The principal official's title follows from the kind of body (局 → 局长, 委员会/办公室 → 主任, 镇 → 镇长 …). */
function headTitle(org: SeedOrg): string {
  if (org.kind === 'government') return org.level === 'city' ? '市长' : '区长';
  if (org.kind === 'street_office') return '街道办事处主任';
  if (org.kind === 'township_government') return org.name.endsWith('乡人民政府') ? '乡长' : '镇长';
  if (org.name.endsWith('大队')) return '大队长';
  return org.name.endsWith('局') ? '局长' : '主任';
}

function staffPost(rng: Random, org: SeedOrg): { title: string; leading: boolean } {
  const level = org.level === 'street' ? 'street' : org.kind === 'department' ? 'department' : org.level;
  const fits = (title: string) =>
    org.kind === 'street_office'
      ? !/[镇乡]/.test(title)
      : org.kind === 'township_government'
        ? !title.includes('街道')
        : true;
  const candidates = T.POSTS.filter((x) => !x.leading && x.levels.includes(level) && fits(x.title));
  const chosen = rng.pick(candidates.length ? candidates : T.POSTS.filter((x) => !x.leading));
  return { title: chosen.title, leading: false };
}

interface SeedPerson {
  id: string;
  orgId: string;
  districtName: string | null;
  /** Kept for the last person only: the demo registers that person again from another district. */
  idNumber?: string;
}

async function seedPersons(
  db: Db,
  rng: Random,
  secrets: Secrets,
  orgs: SeedOrg[],
  count: number,
  actor: Actor,
): Promise<SeedPerson[]> {
  const persons: (typeof person.$inferInsert)[] = [];
  const posts = new Map<string, typeof post.$inferInsert>();
  const tenures: (typeof tenure.$inferInsert)[] = [];
  const out: SeedPerson[] = [];
  const seen = new Set<string>();
  // Principal officials first: every body gets its head, then staff spread across bodies.
  for (let i = 0; i < count; i++) {
    const org = i < orgs.length ? orgs[i]! : rng.pick(orgs);
    const gender = rng.chance(0.55) ? 'male' : 'female';
    const birth = randomDate(rng, '1964-01-01', 36 * 365);
    let idn = idNumber(rng, org.areaCode === '120000' ? rng.pick(T.DISTRICTS).areaCode : org.areaCode, birth, gender);
    while (seen.has(idn)) idn = idNumber(rng, org.areaCode === '120000' ? '120101' : org.areaCode, birth, gender);
    seen.add(idn);
    const p = protectIdNumber(secrets, idn);
    const id = newId();
    persons.push({
      id,
      name: personName(rng),
      gender,
      birthDate: birth,
      idNumberHash: p.hash,
      idNumberCipher: p.cipher,
      idNumberMasked: p.masked,
      createdBy: actor.id,
    });
    const chosen = i < orgs.length ? { title: headTitle(org), leading: true } : staffPost(rng, org);
    const key = `${org.id}/${chosen.title}`;
    if (!posts.has(key))
      posts.set(key, {
        id: newId(),
        orgId: org.id,
        title: chosen.title,
        principal: chosen.leading,
        leading: chosen.leading,
      });
    tenures.push({
      id: newId(),
      personId: id,
      postId: posts.get(key)!.id,
      orgId: org.id,
      startDate: randomDate(rng, '2012-01-01', 13 * 365),
    });
    out.push({ id, orgId: org.id, districtName: org.districtName, ...(i === count - 1 ? { idNumber: idn } : {}) });
  }
  await db.transaction(async (tx) => {
    for (let i = 0; i < persons.length; i += 1000) await tx.insert(person).values(persons.slice(i, i + 1000));
    const postRows = [...posts.values()];
    for (let i = 0; i < postRows.length; i += 1000) await tx.insert(post).values(postRows.slice(i, i + 1000));
    for (let i = 0; i < tenures.length; i += 1000) await tx.insert(tenure).values(tenures.slice(i, i + 1000));
    await appendAudit(tx, actor, [
      { action: 'seed.persons', entity: 'person', entityId: '*', detail: { count: persons.length } },
    ]);
  });
  return out;
}

async function seedUsers(db: Db, orgs: SeedOrg[], actor: Actor): Promise<void> {
  const districtGov = (name: string) =>
    orgs.find((o) => o.level === 'district' && o.kind === 'government' && o.districtName === name)?.id ?? null;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    for (const u of DEMO_USERS) {
      const id = newId();
      const orgId = u.district ? districtGov(u.district) : null;
      await tx.insert(appUser).values({ id, username: u.username, displayName: u.displayName, passwordHash, orgId });
      await tx
        .insert(userGrant)
        .values({ id: newId(), userId: id, roleKey: u.role, scopeOrgId: orgId, createdBy: actor.id });
    }
    await appendAudit(tx, actor, [
      {
        action: 'seed.users',
        entity: 'app_user',
        entityId: '*',
        detail: {
          users: DEMO_USERS.map((u) => ({ username: u.username, role: u.role, district: u.district ?? null })),
        },
      },
    ]);
  });
}

/** Target states and how many of each, so the demo shows every state of the lifecycle. */
const STATE_MIX: {
  weight: number;
  value: 'draft' | 'submitted' | 'approved' | 'published' | 'expired' | 'repaired' | 'revoked' | 'archived';
}[] = [
  { weight: 8, value: 'draft' },
  { weight: 10, value: 'submitted' },
  { weight: 6, value: 'approved' },
  { weight: 40, value: 'published' },
  { weight: 18, value: 'expired' },
  { weight: 7, value: 'repaired' },
  { weight: 5, value: 'revoked' },
  { weight: 6, value: 'archived' },
];

const SANCTION_MIX: { weight: number; value: SanctionType }[] = [
  { weight: 35, value: 'warning' },
  { weight: 30, value: 'demerit' },
  { weight: 18, value: 'major_demerit' },
  { weight: 10, value: 'demotion' },
  { weight: 7, value: 'removal' },
];

async function seedRecords(
  ctx: ReturnType<typeof kernelContext>,
  rng: Random,
  orgs: SeedOrg[],
  people: SeedPerson[],
  count: number,
  log: (l: string) => void,
) {
  const byTarget = new Map<string, unknown[]>();
  const orgById = new Map(orgs.map((o) => [o.id, o]));
  for (let i = 0; i < count; i++) {
    const target = rng.weighted(STATE_MIX);
    const template = rng.pick(T.RECORD_TEMPLATES);
    const severity: Severity = template.severity;
    // Dates that fit the target state: expired/archived ones decided long ago, current ones recently.
    const decisionDate =
      target === 'expired' || target === 'archived'
        ? randomDate(rng, '2019-08-01', 4 * 365)
        : target === 'repaired'
          ? addDays(DEMO_ANCHOR, -rng.int(130, 330))
          : addDays(DEMO_ANCHOR, -rng.int(0, severity === 'serious' ? 700 : 300));
    const subjectPerson = template.subject === 'person' ? rng.pick(people) : null;
    const org = subjectPerson ? orgById.get(subjectPerson.orgId)! : rng.pick(orgs);
    const district = org.districtName ?? rng.pick(T.DISTRICTS).name;
    const row = {
      sourceId: `demo-${String(i).padStart(7, '0')}`,
      subject: subjectPerson
        ? { kind: 'person', personId: subjectPerson.id, orgId: subjectPerson.orgId }
        : { kind: 'org', orgId: org.id },
      typeKey: template.typeKey,
      severity: target === 'expired' || target === 'archived' ? (rng.chance(0.5) ? 'minor' : 'ordinary') : severity,
      facts: template.facts,
      legalBasis: template.legalBasis,
      decisionNo: `津${district.slice(0, 2)}${template.typeKey === 'judicial_judgment' ? '民初' : '决'}〔${decisionDate.slice(0, 4)}〕${rng.int(1, 999)}号`,
      decisionDate,
      // A sanction takes effect the day it is made (政务处分法 §8 ¶2); the draw is kept so the rest of the data is unchanged.
      effectiveDate: ((d: string) => (template.typeKey === 'disciplinary_sanction' ? decisionDate : d))(
        addDays(decisionDate, rng.int(0, 15)) <= DEMO_ANCHOR ? addDays(decisionDate, rng.int(0, 15)) : decisionDate,
      ),
      issuingAuthority: template.issuingAuthority.replace(/\{district\}/g, district),
      // The authority's code is derived from its name, not drawn, so the rest of the demo data is unchanged.
      ...(template.penalty
        ? {
            issuingAuthorityUscc: authorityUscc(template.issuingAuthority.replace(/\{district\}/g, district)),
            payload: template.penalty,
          }
        : {}),
      disclosureScope: rng.chance(0.85) ? 'public' : 'government',
      ...(template.typeKey === 'disciplinary_sanction' ? { sanctionType: rng.weighted(SANCTION_MIX) } : {}),
    };
    byTarget.set(target, [...(byTarget.get(target) ?? []), row]);
  }
  const counts: Record<string, number> = {};
  for (const [target, list] of byTarget) {
    const initial = target === 'draft' || target === 'submitted' || target === 'approved' ? target : 'published';
    for (let i = 0; i < list.length; i += 5000) {
      const result = await ingest(ctx, list.slice(i, i + 5000), { sourceSystem: 'demo', initialStatus: initial });
      const follow: TransitionAction[] =
        target === 'expired'
          ? ['expire']
          : target === 'repaired'
            ? ['repair']
            : target === 'revoked'
              ? ['revoke']
              : target === 'archived'
                ? ['expire', 'archive']
                : [];
      for (const action of follow) {
        const reason =
          action === 'repair'
            ? '已履行法定义务并提交信用承诺书，经审核准予信用修复'
            : action === 'revoke'
              ? '原处理决定已被依法撤销'
              : undefined;
        await transitionMany(ctx, action, result.ids, reason);
      }
    }
    counts[target] = list.length;
    log(`  记录 records → ${target}: ${list.length}`);
  }
  return counts;
}

/**
 * Objections and credit repairs in every state: decided ones, open ones inside their deadline (filed today) and
 * overdue ones (filed weeks ago and still open). Filing dates in the past are made by running the same services
 * with the context's clock set back.
 */
async function seedProcesses(ctx: ReturnType<typeof kernelContext>, rng: Random) {
  const published = await rows<{ id: string; type_key: string; min_end: string | null }>(
    ctx.db,
    sql`
    select r.id::text, r.type_key, r.publication_min_end::text as min_end from kernel.current_record r
    where r.status = 'published' and r.subject_kind = 'org' order by r.source_id limit 60`,
  );
  if (published.length < 30) return { objections: 0, repairs: 0, complaints: 0, rectifications: 0 };
  const at = (day: string) => ({ ...ctx, today: () => day });
  const today = ctx.today();
  const past = (days: number) => addDays(today, -days);
  const reasons = [
    '处罚决定已被行政复议撤销',
    '违法事实认定有误，款项已于决定前支付',
    '决定书文号与原件不一致',
    '该单位已于决定前更名，主体有误',
  ];
  let objections = 0;
  // Decided: upheld, corrected, revoked; open inside the deadline; open and overdue.
  const plan: { outcome: 'upheld' | 'corrected' | 'revoked' | null; filed: string }[] = [
    { outcome: 'upheld', filed: past(40) },
    { outcome: 'upheld', filed: past(35) },
    { outcome: 'corrected', filed: past(30) },
    { outcome: 'revoked', filed: past(25) },
    { outcome: null, filed: today },
    { outcome: null, filed: today },
    { outcome: null, filed: past(2) },
    { outcome: null, filed: past(20) },
    { outcome: null, filed: past(30) },
  ];
  for (const [i, p] of plan.entries()) {
    const record = published[i]!;
    const filed = await fileObjection(at(p.filed), {
      recordId: record.id,
      applicantKind: rng.chance(0.5) ? 'subject' : 'agent',
      applicantName: rng.chance(0.5) ? '单位法定代表人' : '天津某律师事务所',
      reasons: rng.pick(reasons),
      evidence: [{ name: '相关证明材料', description: '' }],
    });
    objections++;
    if (!p.outcome) continue;
    const decidedOn = addDays(p.filed, 4);
    if (p.outcome === 'corrected') {
      await decideObjection(at(decidedOn), {
        id: filed.id,
        outcome: 'corrected',
        reason: '经核实，决定书文号有误，予以更正',
        expectedVersion: 1,
        changes: { decisionNo: `更正-${i}号` },
      });
    } else {
      await decideObjection(at(decidedOn), {
        id: filed.id,
        outcome: p.outcome,
        reason: p.outcome === 'upheld' ? '经核实，原信息准确，维持' : '原处理决定已被依法撤销',
      });
    }
  }
  let repairs = 0;
  const repairable = published.slice(plan.length).filter((r) => r.type_key !== 'disciplinary_sanction');
  const repairPlan: { decision: 'approve' | 'reject' | 'broken' | null; filedDaysAgo: number }[] = [
    { decision: 'approve', filedDaysAgo: 30 },
    { decision: 'approve', filedDaysAgo: 25 },
    { decision: 'reject', filedDaysAgo: 20 },
    { decision: 'broken', filedDaysAgo: 45 },
    { decision: null, filedDaysAgo: 0 },
    { decision: null, filedDaysAgo: 1 },
    { decision: null, filedDaysAgo: 15 },
  ];
  for (const p of repairPlan) {
    const filedOn = past(p.filedDaysAgo);
    const record = repairable.find((r) => r.min_end !== null && r.min_end <= filedOn);
    if (!record) break;
    repairable.splice(repairable.indexOf(record), 1);
    const filed = await fileRepair(at(filedOn), {
      recordId: record.id,
      applicantName: '单位法定代表人',
      proof: '已全额履行处罚决定并整改到位，附缴款凭证',
      promiseSigned: true,
    });
    repairs++;
    if (!p.decision) continue;
    const decidedOn = addDays(filedOn, 2);
    await decideRepair(
      at(decidedOn),
      filed.id,
      p.decision !== 'reject',
      p.decision === 'reject' ? '缴款凭证与处罚金额不符' : '已履行法定义务并签署信用承诺书',
    );
    if (p.decision === 'broken')
      await breakRepairPromise(at(addDays(decidedOn, 10)), filed.id, '修复后再次发生同类失信行为');
  }
  // Complaints: received today, accepted, closed, referred, and one left to run late.
  let complaints = 0;
  const orgRows = await rows<{ id: string }>(
    ctx.db,
    sql`select id::text from kernel.org_unit where level = 'district' and kind = 'department' order by id limit 6`,
  );
  const complaintPlan: { days: number; step: 'none' | 'accept' | 'close' | 'not_ours'; content: string }[] = [
    { days: 0, step: 'none', content: '区住建委拖欠保障房项目工程款，多次催要无果' },
    { days: 5, step: 'accept', content: '招商时承诺的厂房租金减免未兑现' },
    { days: 30, step: 'close', content: '政府采购合同约定的验收付款逾期三个月' },
    { days: 12, step: 'not_ours', content: '小区物业费收费标准不合理' },
    { days: 40, step: 'none', content: '街道承诺的便民停车位至今未建成' },
  ];
  for (const [i, p] of complaintPlan.entries()) {
    const day = past(p.days);
    const { receiptCode } = await submitComplaint(at(day), {
      category: i % 2 ? 'promise' : 'payment',
      aboutOrgId: orgRows[i % orgRows.length]?.id,
      content: p.content,
      anonymous: i % 2 === 0,
    });
    complaints++;
    const [c] = await rows<{ id: string }>(
      ctx.db,
      sql`select id::text from kernel.complaint where receipt_code = ${receiptCode}`,
    );
    if (p.step === 'none') continue;
    await triageComplaint(at(addDays(day, 1)), {
      id: c!.id,
      decision: p.step === 'not_ours' ? 'not_ours' : 'accept',
      ...(p.step === 'not_ours' ? { note: '属物业服务纠纷，已告知区房管局' } : {}),
    });
    if (p.step === 'close')
      await closeComplaint(at(addDays(day, 10)), {
        id: c!.id,
        outcome: '经查属实，已督促付款并记入失信记录',
        substantiated: true,
      });
  }
  // Rectifications and accountability tasks as the daily job opened them a month ago; some answered, some verified.
  await openConsequences(at(past(30)), past(30));
  const open = await rows<{ id: string }>(ctx.db, sql`select id::text from kernel.rectification order by id limit 6`);
  for (const [i, r] of open.entries()) {
    if (i >= 4) break;
    await explainRectification(at(past(20)), {
      id: r.id,
      explanation: '内部审批流程冗长，未按期履行付款义务',
      plan: '建立台账，压缩审批时限，按月通报整改进度',
    });
    if (i < 2) {
      await completeRectification(at(past(10)), r.id, '付款凭证与整改台账');
      if (i === 0) await verifyRectification(at(past(5)), r.id, true, '核验属实');
    }
  }
  const tasks = await rows<{ id: string }>(
    ctx.db,
    sql`select id::text from kernel.accountability_task order by id limit 2`,
  );
  for (const t of tasks.slice(0, 1)) await closeAccountability(at(past(8)), t.id, '对主要负责人进行诫勉谈话');
  // Supervision: an open inspection with a finding, a closed one; proposals answered on time, late, and one overdue.
  if (orgRows.length >= 2) {
    const open1 = await createInspection(at(past(20)), {
      title: '2026年政务诚信建设专项督导',
      targetOrgId: orgRows[0]!.id,
      dueOn: addDays(today, 30),
    });
    await addFinding(at(past(15)), {
      inspectionId: open1.id,
      description: '部分政府采购合同未按约定期限付款，未建立付款台账',
      opensRectification: true,
    });
    const closed = await createInspection(at(past(60)), {
      title: '招商引资承诺兑现情况督导',
      targetOrgId: orgRows[1]!.id,
      dueOn: addDays(today, -20),
    });
    await addFinding(at(past(50)), {
      inspectionId: closed.id,
      description: '个别招商优惠政策兑现滞后',
      opensRectification: false,
    });
    await closeInspection(at(past(25)), closed.id, '发现问题1项，已督促兑现');
    const proposals: {
      kind: 'npc_suggestion' | 'cppcc_proposal';
      code: string;
      title: string;
      received: number;
      answered: number | null;
      satisfaction: 'satisfied' | 'basically_satisfied' | null;
    }[] = [
      {
        kind: 'npc_suggestion',
        code: '第0031号',
        title: '关于加快清偿拖欠中小企业账款的建议',
        received: 120,
        answered: 60,
        satisfaction: 'satisfied',
      },
      {
        kind: 'cppcc_proposal',
        code: '第0112号',
        title: '关于完善政务诚信评价指标的提案',
        received: 150,
        answered: 20,
        satisfaction: 'basically_satisfied',
      },
      {
        kind: 'npc_suggestion',
        code: '第0078号',
        title: '关于公开政府承诺事项办理进度的建议',
        received: 100,
        answered: null,
        satisfaction: null,
      },
    ];
    for (const [i, p] of proposals.entries()) {
      const registered = await registerProposal(at(past(p.received)), {
        kind: p.kind,
        code: p.code,
        title: p.title,
        handlingOrgId: orgRows[i % orgRows.length]!.id,
        receivedOn: past(p.received),
      });
      if (p.answered !== null && p.satisfaction)
        await answerProposal(at(past(p.answered)), registered.id, p.satisfaction);
    }
  }
  const [opened] = await rows<{ n: number }>(ctx.db, sql`select count(*)::int as n from kernel.rectification`);
  return { objections, repairs, complaints, rectifications: Number(opened?.n ?? 0) };
}
