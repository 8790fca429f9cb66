/**
 * Registering a person whose ID number is on file in another district. Failed before: `kernel.persons.create`
 * answered PERSON_DUPLICATE there while `findByIdNumber` found nothing — an oracle telling a district officer whether
 * any ID number is a civil servant anywhere in the city. Now the district gets the same answer as for a new person
 * (a row of its own), and a city-wide registrar merges the two.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '@chengxin/db';
import { testEngines } from '@chengxin/db/testing';
import { createClient, TRPCClientError } from '@chengxin/client';
import { createUser, TEST_SECRETS, verifyAudit } from '@chengxin/kernel';
import { idNumberFor, testContext } from '@chengxin/kernel/testing';
import { sql } from 'drizzle-orm';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../testing';

async function failure(p: Promise<unknown>) {
  const e = await p.then(
    () => null,
    (error: unknown) => error,
  );
  expect(e, 'expected the call to fail').toBeInstanceOf(TRPCClientError);
  return (e as { data: { httpStatus: number; appCode: string; field: string | null } }).data;
}

describe.each(testEngines())('registering a person on file elsewhere, on %s', (engine) => {
  let t: TestServer;
  let nankaiOffice: string;
  const as = (username: string) => createClient(t.url, { username, password: TEST_PASSWORD }, { maxBatch: 1 });
  beforeAll(async () => {
    t = await startTestServer(engine);
    const ctx = testContext(t.database);
    nankaiOffice = t.fixture.nankai;
    await createUser(ctx, {
      username: 'nankai.officer',
      displayName: '南开 录入员',
      password: TEST_PASSWORD,
      orgId: t.fixture.nankai,
      grants: [{ role: 'officer', scopeOrgId: t.fixture.nankai, plugins: null }],
    });
  }, 120_000);
  afterAll(async () => t?.close());

  const register = (idNumber: string, name: string) =>
    as('nankai.officer').kernel.persons.create.mutate({
      name,
      idNumber,
      tenure: { orgId: nankaiOffice, postTitle: '科员', principal: false, startDate: '2026-03-02' },
    });
  /** The answer with what necessarily differs between two persons (id, name, the number itself) taken out. */
  const shape = (p: Awaited<ReturnType<typeof register>>) => ({
    ...p,
    id: typeof p.id,
    name: typeof p.name,
    idNumberMasked: p.idNumberMasked.length,
    birthYear: typeof p.birthYear,
    gender: typeof p.gender,
    tenures: p.tenures.map((x) => ({ ...x, id: typeof x.id })),
  });

  it('answers the same for an ID number on file in another district as for a new one', async () => {
    // The fixture's official serves in 河西区; 南开区 cannot see them.
    const lookup = await as('nankai.officer').kernel.persons.findByIdNumber.mutate({
      idNumber: t.fixture.officialIdNumber,
    });
    expect(lookup).toBeNull();
    const elsewhere = await register(t.fixture.officialIdNumber, '王某某');
    const fresh = await register(idNumberFor('120104', '1988-04-09', 17), '李某某');
    expect(shape(elsewhere)).toEqual(shape(fresh));
    expect(elsewhere.id).not.toBe(t.fixture.official);
    expect(elsewhere.tenures).toEqual([expect.objectContaining({ orgId: nankaiOffice, postTitle: '科员' })]);
    // What the district registered is what it finds; a second registration of either is a duplicate in both cases.
    const found = await as('nankai.officer').kernel.persons.findByIdNumber.mutate({
      idNumber: t.fixture.officialIdNumber,
    });
    expect(found?.id).toBe(elsewhere.id);
    for (const idNumber of [t.fixture.officialIdNumber, idNumberFor('120104', '1988-04-09', 17)])
      expect(await failure(register(idNumber, '再次登记'))).toMatchObject({
        httpStatus: 409,
        appCode: 'PERSON_DUPLICATE',
        field: 'idNumber',
      });
    // The audit entries the district can read are alike too: no link to the person on file.
    const details = await rows<{ detail: Record<string, unknown> }>(
      t.database.db,
      sql`select detail from kernel.audit_log where action = 'person.create' and entity_id in (${elsewhere.id}, ${fresh.id})`,
    );
    expect(details.map((d) => Object.keys(d.detail).sort())).toEqual([
      ['idNumber', 'name'],
      ['idNumber', 'name'],
    ]);
  });

  it('lets only a city-wide registrar see and merge the duplicate; the file then holds both posts once', async () => {
    const denied = await failure(as('hexi.admin').kernel.persons.duplicates.query({}));
    expect(denied).toMatchObject({ httpStatus: 403, appCode: 'CITY_SCOPE_REQUIRED' });
    expect(await failure(as('officer').kernel.persons.duplicates.query({}))).toMatchObject({ httpStatus: 403 });

    const admin = as('admin');
    const { items } = await admin.kernel.persons.duplicates.query({});
    expect(items).toHaveLength(1);
    const dup = items[0]!;
    expect(dup).toMatchObject({ existing: { id: t.fixture.official }, nameDiffers: true });
    expect(dup.tenures.map((x) => x.orgId)).toEqual([nankaiOffice]);

    // A record entered on the district's row moves with it, audited with its digests.
    const draft = await as('nankai.officer').kernel.records.create.mutate({
      subject: { kind: 'person', personId: dup.id },
      typeKey: 'disciplinary_sanction',
      severity: 'ordinary',
      sanctionType: 'warning',
      facts: '未按规定报告个人有关事项',
      legalBasis: '《中华人民共和国公职人员政务处分法》第三十九条',
      decisionNo: '南开监〔2026〕3号',
      decisionDate: '2026-05-11',
      issuingAuthority: '天津市南开区监察委员会',
    });

    expect(await failure(admin.kernel.persons.mergeDuplicate.mutate({ id: dup.id, reason: '' }))).toMatchObject({
      httpStatus: 400,
      field: 'reason',
    });
    const merged = await admin.kernel.persons.mergeDuplicate.mutate({ id: dup.id, reason: '同一身份证号，调任南开区' });
    expect(merged.mergedInto).toBe(t.fixture.official);
    expect(merged.moved).toMatchObject({ 'kernel.tenure.person_id': 1, 'kernel.credit_record.person_id': 1 });
    expect(await failure(admin.kernel.persons.mergeDuplicate.mutate({ id: dup.id, reason: '再次合并' }))).toMatchObject(
      { httpStatus: 409, appCode: 'PERSON_ALREADY_MERGED' },
    );
    expect(
      await failure(admin.kernel.persons.mergeDuplicate.mutate({ id: t.fixture.official, reason: '不是重复登记' })),
    ).toMatchObject({ httpStatus: 400, appCode: 'PERSON_NOT_DUPLICATE' });

    // 南开区 now finds the person on file (one file per ID number), and the file holds both posts.
    const found = await as('nankai.officer').kernel.persons.findByIdNumber.mutate({
      idNumber: t.fixture.officialIdNumber,
    });
    expect(found?.id).toBe(t.fixture.official);
    const person = await admin.kernel.persons.get.query({ id: t.fixture.official });
    expect(person.tenures.map((x) => x.orgId).sort()).toEqual([t.fixture.hexiFinance, nankaiOffice].sort());
    const [moved] = await rows<{ personId: string }>(
      t.database.db,
      sql`select person_id::text as "personId" from kernel.credit_record where id = ${draft.id}`,
    );
    expect(moved!.personId).toBe(t.fixture.official);
    expect((await admin.kernel.persons.duplicates.query({})).items).toEqual([]);
    const report = await verifyAudit(t.database.db, TEST_SECRETS.audit);
    expect(report.problems).toEqual([]);
  });
});
