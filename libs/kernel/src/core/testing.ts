/** Test helpers: a fresh migrated database per test file, and a small Tianjin fixture built through the services. */
import { migrate } from '@chengxin/db';
import { createTestDatabase, type TestDatabase } from '@chengxin/db/testing';
import type { Db, EngineKind, Tx } from '@chengxin/db';
import { RateLimiter, type TrpcContext } from './trpc';
import { kernelContext, systemActor, type Actor, type KernelContext } from './context';
import { idNumberCheckChar, orgCodeCheckChar, usccCheckChar } from './identifiers';
import { newId } from './ids';
import { kernelMigrations } from './migrations';
import { TEST_SECRETS } from './secrets';
import { createOrg, createPerson } from '../registry';
import { createDraft } from '../records';

export { testEngines } from '@chengxin/db/testing';

export async function migratedTestDatabase(engine: EngineKind): Promise<TestDatabase> {
  const database = await createTestDatabase(engine);
  await migrate(database, [kernelMigrations]);
  return database;
}

export const testAdmin: Actor = systemActor('01900000-0000-7000-8000-000000000001', 'test-admin');

export function testContext(database: TestDatabase, actor: Actor | null = testAdmin): KernelContext {
  return kernelContext(database.db, TEST_SECRETS, actor);
}

/** A valid government USCC from an area code and an 8-digit serial (the organisation code's own check is not needed here). */
export function usccFor(areaCode: string, serial: number): string {
  // A valid organisation code inside (GB 11714 check character), as real codes have.
  const first17 = `11${areaCode}${String(serial).padStart(8, '0')}${orgCodeCheckChar(String(serial).padStart(8, '0'))}`;
  return first17 + usccCheckChar(first17);
}

export function idNumberFor(areaCode: string, birth: string, seq: number): string {
  const first17 = `${areaCode}${birth.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

export interface Fixture {
  city: string;
  hexi: string;
  hexiFinance: string;
  hexiStreet: string;
  nankai: string;
  official: string;
  clerk: string;
  officialIdNumber: string;
}

export async function buildFixture(ctx: KernelContext): Promise<Fixture> {
  const org = async (
    parentId: string | null,
    name: string,
    level: 'city' | 'district' | 'street',
    kind: 'government' | 'department' | 'street_office',
    areaCode: string,
    serial: number,
  ) => (await createOrg(ctx, { parentId, name, uscc: usccFor(areaCode, serial), level, kind, areaCode })).org.id;
  const city = await org(null, '天津市人民政府', 'city', 'government', '120000', 1);
  const hexi = await org(city, '天津市河西区人民政府', 'district', 'government', '120103', 2);
  const hexiFinance = await org(hexi, '天津市河西区财政局', 'district', 'department', '120103', 3);
  const hexiStreet = await org(hexi, '天津市河西区友谊路街道办事处', 'street', 'street_office', '120103', 4);
  const nankai = await org(city, '天津市南开区人民政府', 'district', 'government', '120104', 5);
  const officialIdNumber = idNumberFor('120103', '1978-05-12', 31);
  const official = (
    await createPerson(ctx, {
      name: '张建国',
      idNumber: officialIdNumber,
      tenure: { orgId: hexiFinance, postTitle: '局长', principal: true, startDate: '2019-03-01' },
    })
  ).id;
  const clerk = (
    await createPerson(ctx, {
      name: '李秀英',
      idNumber: idNumberFor('120104', '1990-11-02', 42),
      tenure: { orgId: hexiStreet, postTitle: '一级科员', principal: false, startDate: '2016-07-01' },
    })
  ).id;
  return { city, hexi, hexiFinance, hexiStreet, nankai, official, clerk, officialIdNumber };
}

export const uniqueSource = () => `src-${newId()}`;

/**
 * The context the HTTP layer would hand a procedure, for in-process callers (`createCallerFactory(router)(ctx)`): the
 * actor authenticated as an integrator would be (bearer, so no CSRF proof is needed), or anonymous.
 */
export function callerContext(db: Db, actor: Actor | null, clientIp = 'test'): TrpcContext {
  return {
    db,
    secrets: TEST_SECRETS,
    actor: actor ? { ...actor, displayName: actor.username } : null,
    auth: { via: actor ? 'bearer' : null, token: null, csrfOk: false },
    clientIp,
    limiter: new RateLimiter(),
    http: { setSessionCookie: () => undefined, clearSessionCookie: () => undefined, setHeader: () => undefined },
  };
}

/**
 * A transaction that does `work` and then stays open until `release()` — the late commit of the changed-since tests
 * (PostgreSQL: it holds one connection while the test writes on another). `inside` resolves once `work` is done,
 * `done` when it has committed.
 */
export function heldTransaction(db: Db, work: (tx: Tx) => Promise<unknown>) {
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let started!: () => void;
  const inside = new Promise<void>((r) => (started = r));
  const done = db.transaction(async (tx) => {
    await work(tx);
    started();
    await held;
  });
  return { inside, release, done };
}

/** A draft administrative penalty against a body, with the national 行政处罚 fields it needs to be submitted. */
export const penaltyDraft = (
  ctx: KernelContext,
  orgId: string,
  decisionNo: string,
  disclosureScope: 'public' | 'government' = 'public',
) =>
  createDraft(ctx, {
    subject: { kind: 'org', orgId },
    linkTo: [],
    payload: { penaltyCategories: ['warning'], penaltyContent: '警告' },
    typeKey: 'administrative_penalty',
    severity: 'ordinary',
    facts: '逾期未支付中小企业款项',
    legalBasis: '《保障中小企业款项支付条例》第八条',
    decisionNo,
    decisionDate: '2026-10-20',
    issuingAuthority: '天津市财政局',
    disclosureScope,
  });
