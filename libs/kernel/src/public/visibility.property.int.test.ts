/**
 * Property: whatever state and dates a record has, no public procedure serves it unless it is published, disclosed to
 * society and inside its publication window today — and no public payload ever carries an ID number (plain or masked),
 * a birth date or a phone number. Records are written straight into the tables in every lifecycle state, with event
 * histories and windows before, around and after today, then every kernel.public procedure is called.
 */
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCallerFactory, newId, TEST_SECRETS } from '../core';
import { kernelRouter } from '../router';
import { createCheckpoint } from '../audit';
import { addDays, today as todayOf, RECORD_STATUSES, DISCLOSURE_SCOPES } from '@chengxin/contract';
import {
  buildFixture,
  callerContext,
  idNumberFor,
  migratedTestDatabase,
  testContext,
  testEngines,
  usccFor,
  type Fixture,
} from '../core/testing';
import type { TestDatabase } from '@chengxin/db/testing';

const TODAY = todayOf();
const ID_NUMBER = idNumberFor('120103', '1985-03-07', 77);
const MASKED_ID = `${ID_NUMBER.slice(0, 4)}**********${ID_NUMBER.slice(-4)}`;
const MOBILE = '13812345678';

const recordArb = fc.record({
  subject: fc.constantFrom('org', 'person'),
  // Weighted towards the public case, so every run exercises both sides of the rule.
  status: fc.oneof(
    { arbitrary: fc.constant('published' as const), weight: 2 },
    { arbitrary: fc.constantFrom(...RECORD_STATUSES), weight: 3 },
  ),
  scope: fc.oneof(
    { arbitrary: fc.constant('public' as const), weight: 2 },
    { arbitrary: fc.constantFrom(...DISCLOSURE_SCOPES), weight: 1 },
  ),
  polarity: fc.constantFrom('dishonesty', 'commendation'),
  decisionOffset: fc.integer({ min: -1500, max: 30 }),
  startShift: fc.option(fc.integer({ min: -10, max: 40 }), { nil: null }),
  length: fc.option(fc.integer({ min: -5, max: 1200 }), { nil: null }),
  disputed: fc.boolean(),
});

describe.each(testEngines())('public procedures never serve what is not public, on %s', (engine) => {
  let database: TestDatabase;
  let fixture: Fixture;
  let personId: string;
  let serial = 9000;
  let publicSeen = 0;
  let hiddenSeen = 0;
  const caller = () => createCallerFactory(kernelRouter)(callerContext(database.db, null, `prop-${serial}`));

  beforeAll(async () => {
    database = await migratedTestDatabase(engine);
    fixture = await buildFixture(testContext(database));
    personId = newId();
    await database.db
      .execute(sql`insert into kernel.person (id, name, gender, birth_date, id_number_hash, id_number_cipher, id_number_masked)
      values (${personId}, '王河西', 'male', '1985-03-07', ${`hash-${personId}`}, 'cipher', ${MASKED_ID})`);
    await createCheckpoint(database.db, TEST_SECRETS.audit);
  }, 120_000);
  afterAll(async () => database?.dispose());

  it('generated records in every state and date: served only when published, public and in window; no personal data', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(recordArb, { minLength: 1, maxLength: 6 }), async (specs) => {
        serial += 1;
        const orgId = newId();
        const name = `河西测试单位${serial}`;
        await database.db
          .execute(sql`insert into kernel.org_unit (id, parent_id, path, depth, name, uscc, level, kind, area_code)
        select ${orgId}, ${fixture.hexi}, path || '/' || ${orgId}, 2, ${name}, ${usccFor('120103', serial)}, 'district', 'department', '120103' from kernel.org_unit where id = ${fixture.hexi}`);
        const expected = new Set<string>();
        const all: string[] = [];
        for (const [i, s] of specs.entries()) {
          const id = newId();
          all.push(id);
          const decision = addDays(TODAY, s.decisionOffset);
          const start = s.startShift === null ? null : addDays(decision, s.startShift);
          const end = s.length === null ? null : addDays(start ?? decision, s.length);
          const person = s.subject === 'person';
          await database.db
            .execute(sql`insert into kernel.credit_record (id, subject_kind, org_id, person_id, type_key, polarity, status, disputed, current_version, source_system, source_id)
          values (${id}, ${s.subject}, ${orgId}, ${person ? personId : null}, ${s.polarity === 'commendation' ? 'commendation' : 'administrative_penalty'}, ${s.polarity}, ${s.status}, ${s.disputed}, 1, 'prop', ${id})`);
          await database.db
            .execute(sql`insert into kernel.credit_record_version (record_id, version, severity, facts, legal_basis, decision_no, decision_date, effective_date, issuing_authority, disclosure_scope,
            publication_start, publication_max_end, content_hash)
          values (${id}, 1, 'ordinary', ${`当事人身份证号${ID_NUMBER}，联系电话${MOBILE}`}, '《行政处罚法》', ${`测罚〔${serial}〕${i}号`}, ${decision}::date, ${decision}::date, '天津市测试局',
            ${s.scope}, ${start}::date, ${end}::date, 'x')`);
          // A history that ends in the current status, dated on the decision day.
          await database.db
            .execute(sql`insert into kernel.record_event (record_id, action, from_status, to_status, version, effective_date)
          values (${id}, 'create', null, 'draft', 1, ${decision}::date), (${id}, 'move', 'draft', ${s.status}, 1, ${decision}::date)`);
          const startDay = start ?? decision;
          if (s.status === 'published' && s.scope === 'public' && startDay <= TODAY && (end === null || TODAY < end))
            expected.add(id);
        }
        const api = caller();
        const payloads: unknown[] = [];
        const served = new Set<string>();
        const collect = (p: unknown, ids: string[]) => {
          payloads.push(p);
          for (const x of ids) served.add(x);
        };

        const page = await api.public.body({ orgId });
        collect(
          page,
          page.records.map((r) => r.id),
        );
        expect(new Set(page.records.map((r) => r.id))).toEqual(
          new Set([...expected].filter((x) => specs[all.indexOf(x)]!.subject === 'org')),
        );
        const report = await api.public.report({ orgId });
        collect(
          report,
          report.records.map((r) => r.id),
        );
        const pastDay = addDays(TODAY, -200);
        const past = await api.public.report({ orgId, asOf: pastDay });
        // On an earlier day only records whose window held that day and whose history had reached `published` by then.
        for (const r of past.records) {
          const s = specs[all.indexOf(r.id)]!;
          expect(s.scope).toBe('public');
          expect(s.status).toBe('published');
        }
        payloads.push(past);
        const html = await api.public.reportFile({ orgId, format: 'html' });
        payloads.push(html.content);
        payloads.push(
          await api.public.verifyReport({
            uscc: report.body.uscc,
            reportNo: report.reportNo,
            verificationCode: report.verificationCode,
          }),
        );
        const bodies = await api.public.search({ q: name, kind: 'body' });
        payloads.push(bodies);
        expect(bodies.items[0]).toMatchObject({ id: orgId, match: 'name' });
        const persons = await api.public.search({ q: '王河西', kind: 'person', limit: 50 });
        payloads.push(persons);
        const personHit = persons.items.find((p) => p.id === personId);
        const personExpected = [...expected].filter((x) => specs[all.indexOf(x)]!.subject === 'person');
        if (personHit || personExpected.length) {
          const person = await api.public.person({ personId });
          collect(
            person,
            person.records.map((r) => r.id),
          );
        } else {
          await expect(api.public.person({ personId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
        }
        let cursor: string | undefined;
        do {
          const data = await api.public.openData.records({ format: 'json', limit: 1000, cursor });
          collect(
            data,
            data.items.map((r) => r.recordId),
          );
          cursor = data.nextCursor ?? undefined;
        } while (cursor);
        const csv = await api.public.openData.records({ format: 'csv', limit: 1000 });
        payloads.push(csv.csv);
        for (const x of all) if (csv.csv!.includes(x)) served.add(x);
        const changes = await api.public.openData.changes({ since: '2000-01-01T00:00:00Z', limit: 1000 });
        payloads.push(changes);
        for (const ch of changes.items) if (ch.op !== 'DEL') served.add(ch.recordId);

        for (const x of served)
          if (all.includes(x))
            expect(
              expected.has(x),
              `record ${all.indexOf(x)} ${JSON.stringify(specs[all.indexOf(x)])} was served`,
            ).toBe(true);
        for (const x of expected) expect(served.has(x)).toBe(true);
        publicSeen += expected.size;
        hiddenSeen += all.length - expected.size;
        const text = JSON.stringify(payloads);
        for (const secret of [ID_NUMBER, MASKED_ID, MOBILE, '1985-03-07', 'cipher', `hash-${personId}`])
          expect(text.includes(secret), `payload contains ${secret}`).toBe(false);
      }),
      { numRuns: 30 },
    );
    // Both sides of the rule were exercised.
    expect(publicSeen).toBeGreaterThan(5);
    expect(hiddenSeen).toBeGreaterThan(5);
  }, 600_000);
});
