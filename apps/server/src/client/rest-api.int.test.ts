/**
 * The REST face (/api/v1) over real HTTP on both engines: every route of the table, the idempotent retry, each bad
 * input of the issue, the same data as the typed tRPC client for the same request, the OpenAPI document valid against
 * the OpenAPI 3.1 schema, the reference page's files, and the Java example compiled and run when a JDK is present.
 */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rows } from '@chengxin/db';
import { testEngines } from '@chengxin/db/testing';
import { transition, createDraft, createCheckpoint, TEST_SECRETS } from '@chengxin/kernel';
import { fileObjection, submitComplaint } from '@chengxin/kernel';
import { testContext } from '@chengxin/kernel/testing';
import { REST_ROUTES } from '../index';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../testing';
import { Validator } from '@seriousme/openapi-schema-validator';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '@chengxin/client';
import { checkOcdsPackage } from '@chengxin/plugin-sdk';
import { usccFor } from '@chengxin/kernel/testing';

const JAVA_SOURCE = fileURLToPath(new URL('../../../../docs/examples/java/ChengxinExample.java', import.meta.url));
const hasJdk = (() => {
  try {
    execFileSync('javac', ['-version'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
})();

const penalty = (orgId: string, no: string) => ({
  subject: { kind: 'org' as const, orgId },
  typeKey: 'administrative_penalty',
  payload: { penaltyCategories: ['warning'], penaltyContent: '警告' },
  severity: 'ordinary' as const,
  facts: '逾期未支付中小企业款项',
  legalBasis: '《保障中小企业款项支付条例》第八条',
  decisionNo: no,
  decisionDate: '2025-05-20',
  issuingAuthority: '天津市财政局',
  disclosureScope: 'public' as const,
});
let serial = 0;
const unique = () => `${Date.now().toString(36)}-${++serial}`;

describe.each(testEngines())('REST /api/v1 on %s', (engine) => {
  let t: TestServer;
  let tokens: Record<'officer' | 'hexiViewer' | 'limited' | 'expiring' | 'reviewer', string>;
  let world: { published: string; objection: string; receiptCode: string; complaintId: string };
  const exercised = new Set<string>();
  const expiresAt = () => new Date(Date.now() + 86_400_000).toISOString();

  /** A REST call; `op` names the operationId it exercises (every one must be named by the end). */
  const rest = async (
    op: string | null,
    method: 'GET' | 'POST',
    path: string,
    options: { token?: string | null; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
  ) => {
    if (op) exercised.add(op);
    const token = options.token === undefined ? tokens.officer : options.token;
    const headers: Record<string, string> = {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...options.headers,
    };
    let body: string | undefined;
    if (options.raw !== undefined) body = options.raw;
    else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(`${t.url}/api/v1${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await res.text();
    const json = text ? (JSON.parse(text) as any) : null; // eslint-disable-line @typescript-eslint/no-explicit-any
    return { status: res.status, headers: res.headers, json };
  };
  const count = async () =>
    (await rows<{ n: number }>(t.database.db, sql`select count(*)::int as n from kernel.credit_record`))[0]!.n;
  const expectProblem = (r: Awaited<ReturnType<typeof rest>>, status: number, code: string) => {
    expect(r.status, JSON.stringify(r.json)).toBe(status);
    expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(r.json).toMatchObject({
      type: `urn:chengxin:problem:${code}`,
      status,
      code,
      messageZh: expect.any(String),
      messageEn: expect.any(String),
    });
    return r.json as { field: string | null; issues: { field: string; code: string }[] };
  };

  beforeAll(async () => {
    t = await startTestServer(engine);
    const admin = createClient(t.url, { username: 'admin', password: TEST_PASSWORD });
    const mint = async (role: string, scopeOrgId: string | null, ratePerMinute: number) =>
      (
        await admin.kernel.tokens.create.mutate({
          name: `系统${unique()}`,
          role,
          scopeOrgId,
          expiresAt: expiresAt(),
          ratePerMinute,
        })
      ).token;
    tokens = {
      officer: await mint('officer', null, 10_000),
      hexiViewer: await mint('viewer', t.fixture.hexi, 10_000),
      limited: await mint('viewer', null, 2),
      reviewer: await mint('reviewer', null, 10_000),
      expiring: await mint('viewer', null, 100),
    };
    // (the expiry test below expires the token minted last: keep `expiring` last)
    const ctx = testContext(t.database);
    const published = (
      await createDraft(ctx, {
        ...penalty(t.fixture.hexiFinance, `津财罚〔2025〕${unique()}号`),
        linkTo: [],
      })
    ).id;
    for (const a of ['submit', 'approve', 'publish'] as const) await transition(ctx, a, published);
    const objection = (
      await fileObjection(ctx, {
        recordId: published,
        applicantKind: 'subject',
        applicantName: '河西区财政局',
        reasons: '处罚决定已被复议撤销',
        evidence: [],
      })
    ).id;
    const complaint = await submitComplaint(ctx, {
      category: 'payment',
      aboutOrgId: t.fixture.hexiFinance,
      content: `拖欠款项${unique()}`,
      anonymous: false,
      complainantName: '王某',
    });
    const [row] = await rows<{ id: string }>(
      t.database.db,
      sql`select id::text from kernel.complaint where receipt_code = ${complaint.receiptCode}`,
    );
    world = { published, objection, receiptCode: complaint.receiptCode, complaintId: row!.id };
  }, 120_000);
  afterAll(async () => t?.close());

  it('serves an OpenAPI 3.1 document that validates, names every route and never puts an ID number in a path or query', async () => {
    const res = await fetch(`${t.url}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<
        string,
        Record<string, { operationId: string; parameters?: { name: string; in: string }[]; security: unknown[] }>
      >;
    };
    expect(doc.openapi).toBe('3.1.0');
    const validator = new Validator();
    const result = await validator.validate(doc as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    const ops = Object.values(doc.paths).flatMap((p) => Object.values(p));
    expect(ops.map((o) => o.operationId).sort()).toEqual(REST_ROUTES.map((r) => r.operationId).sort());
    for (const op of ops) for (const p of op.parameters ?? []) expect(p.name.toLowerCase()).not.toContain('idnumber');
    expect(Object.keys(doc.paths).join(' ')).not.toMatch(/idNumber/i);
    // The public receipt-code status needs no token; everything else does.
    expect(doc.paths['/complaints/status']!['post']!.security).toEqual([]);
    expect(doc.paths['/records']!['post']!.security).toEqual([{ bearerToken: [] }]);
  });

  it('serves the reference page and its viewer from this server, with no inline script', async () => {
    const page = await fetch(`${t.url}/api/v1/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.map((s) => s[1]!.trim())).toEqual([
      'src="/api/v1/docs/swagger-ui-bundle.js"',
      'src="/api/v1/docs/init.js"',
    ]);
    for (const s of scripts) expect(s[2]!.trim()).toBe('');
    expect(html).not.toMatch(/https?:\/\//);
    for (const [asset, type] of [
      ['swagger-ui-bundle.js', 'text/javascript'],
      ['init.js', 'text/javascript'],
      ['swagger-ui.css', 'text/css'],
    ] as const) {
      const r = await fetch(`${t.url}/api/v1/docs/${asset}`);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toContain(type);
    }
    expect(await (await fetch(`${t.url}/api/v1/docs/init.js`)).text()).toContain('validatorUrl: null');
  });

  it('org units and persons: REST returns what the typed client returns; ID-number lookup only by POST body', async () => {
    const api = createClient(t.url, { token: tokens.officer });
    const org = await rest('orgsGet', 'GET', `/orgs/${t.fixture.hexiFinance}`);
    expect(org.status).toBe(200);
    expect(org.json).toEqual(await api.kernel.orgs.get.query({ id: t.fixture.hexiFinance }));
    const search = await rest('orgsSearch', 'GET', `/orgs?q=${encodeURIComponent('河西')}&limit=5&level=district`);
    expect(search.json).toEqual(await api.kernel.orgs.search.query({ q: '河西', limit: 5, level: 'district' }));
    expect(search.json.items.length).toBeGreaterThan(0);
    const tree = await rest('orgsTree', 'GET', `/orgs/tree?parentId=${t.fixture.hexi}`);
    expect(tree.json).toEqual(await api.kernel.orgs.tree.query({ parentId: t.fixture.hexi }));
    const roots = await rest(null, 'GET', '/orgs/tree');
    expect(roots.json).toEqual(await api.kernel.orgs.tree.query({}));

    const person = await rest('personsGet', 'GET', `/persons/${t.fixture.official}`);
    expect(person.json).toEqual(await api.kernel.persons.get.query({ id: t.fixture.official }));
    expect(JSON.stringify(person.json)).not.toContain(t.fixture.officialIdNumber);
    const persons = await rest('personsSearch', 'GET', `/persons?q=${encodeURIComponent('张建国')}`);
    expect(persons.json).toEqual(await api.kernel.persons.search.query({ q: '张建国' }));
    const found = await rest('personsFindByIdNumber', 'POST', '/persons/lookup', {
      body: { idNumber: t.fixture.officialIdNumber },
    });
    expect(found.status).toBe(200);
    expect(found.json.id).toBe(t.fixture.official);
    expect(found.json).toEqual(
      await api.kernel.persons.findByIdNumber.mutate({ idNumber: t.fixture.officialIdNumber }),
    );
    // No way to put it in a URL: the query is refused as an unknown field, and GET has no such route.
    expectProblem(
      await rest(null, 'POST', `/persons/lookup?idNumber=${t.fixture.officialIdNumber}`, {
        body: { idNumber: t.fixture.officialIdNumber },
      }),
      400,
      'INPUT_INVALID',
    );
    expectProblem(
      await rest(null, 'GET', `/persons/lookup?idNumber=${t.fixture.officialIdNumber}`),
      400,
      'INPUT_INVALID',
    );
    expect(t.logs.join('\n')).not.toContain(t.fixture.officialIdNumber);
  });

  it('records: create (201 + Location), submit, get, list and changes since — the same data as tRPC', async () => {
    const api = createClient(t.url, { token: tokens.officer });
    const since = new Date(Date.now() - 1000).toISOString();
    const created = await rest('recordsCreate', 'POST', '/records', {
      body: penalty(t.fixture.hexiFinance, `津财罚〔2025〕${unique()}号`),
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/api/v1/records/${created.json.id}`);
    expect(created.json.status).toBe('draft');
    const submitted = await rest('recordsSubmit', 'POST', `/records/${created.json.id}/submit`);
    expect(submitted.status).toBe(200);
    expect(submitted.json.status).toBe('submitted');
    const got = await rest('recordsGet', 'GET', `/records/${created.json.id}`);
    expect(got.json).toEqual(await api.kernel.records.get.query({ id: created.json.id }));
    expect(got.json.events.map((e: { action: string }) => e.action)).toContain('submit');
    const list = await rest(
      'recordsList',
      'GET',
      `/records?orgId=${t.fixture.hexiFinance}&status=draft&status=submitted&limit=3`,
    );
    expect(list.json).toEqual(
      await api.kernel.records.list.query({ orgId: t.fixture.hexiFinance, status: ['draft', 'submitted'], limit: 3 }),
    );
    const changes = await rest('recordsChanges', 'GET', `/records/changes?since=${encodeURIComponent(since)}`);
    expect(changes.json).toEqual(await api.kernel.records.changes.query({ since }));
    expect(changes.json.items.map((r: { id: string }) => r.id)).toContain(created.json.id);
    // Rows of one batch share their transaction's instant: the cursor (updatedAt, id) still walks each once.
    const batch = await rest(null, 'POST', '/records/ingest', {
      body: {
        sourceSystem: 'rest-changes',
        initialStatus: 'draft',
        records: [1, 2, 3].map((i) => ({
          sourceId: `c-${unique()}-${i}`,
          ...penalty(t.fixture.hexiFinance, `津财罚〔2025〕${unique()}号`),
        })),
      },
    });
    expect(batch.json.created).toBe(3);
    const all = (await rest(null, 'GET', `/records/changes?since=${encodeURIComponent(since)}&limit=200`)).json
      .items as { id: string; updatedAt: string }[];
    expect(new Set(all.filter((r) => batch.json.ids.includes(r.id)).map((r) => r.updatedAt)).size).toBe(1);
    // Paging by cursor walks every change once, oldest first.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof rest>> = await rest(
        null,
        'GET',
        `/records/changes?since=${encodeURIComponent(since)}&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.json.items.map((r: { id: string }) => r.id));
      cursor = page.json.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((r) => r.id));
    expect(seen).toEqual(expect.arrayContaining([created.json.id, ...batch.json.ids]));
    // An illegal move: the same machine code as over tRPC, as problem+json 409.
    const again = expectProblem(
      await rest(null, 'POST', `/records/${created.json.id}/submit`, { body: {} }),
      409,
      'RECORD_ILLEGAL_TRANSITION',
    );
    const viaTrpc = await api.kernel.records.submit.mutate({ recordId: created.json.id }).then(
      () => null,
      (e: { data: { appCode: string; field: string | null } }) => e.data,
    );
    expect(viaTrpc).toMatchObject({ appCode: 'RECORD_ILLEGAL_TRANSITION', field: again.field });
  });

  it('records: withdraw a draft (撤回草稿) with its reason; no reason is 400 naming the field; a submitted record is 409', async () => {
    const api = createClient(t.url, { token: tokens.officer });
    const draft = await rest(null, 'POST', '/records', {
      body: penalty(t.fixture.hexiFinance, `津财罚〔2025〕${unique()}号`),
    });
    const path = `/records/${draft.json.id}/withdraw`;
    expect(expectProblem(await rest(null, 'POST', path, { body: {} }), 400, 'INPUT_INVALID').field).toBe('reason');
    expect((await api.kernel.records.get.query({ id: draft.json.id })).status).toBe('draft');
    const withdrawn = await rest('recordsWithdraw', 'POST', path, { body: { reason: '重复录入' } });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.json).toMatchObject({ id: draft.json.id, status: 'withdrawn' });
    const got = await api.kernel.records.get.query({ id: draft.json.id });
    expect(got.events.at(-1)).toMatchObject({ action: 'withdraw', toStatus: 'withdrawn', reason: '重复录入' });
    // Only a draft may be withdrawn: the same code as over tRPC.
    const other = await rest(null, 'POST', '/records', {
      body: penalty(t.fixture.hexiFinance, `津财罚〔2025〕${unique()}号`),
    });
    await rest(null, 'POST', `/records/${other.json.id}/submit`);
    expectProblem(
      await rest(null, 'POST', `/records/${other.json.id}/withdraw`, { body: { reason: '误报' } }),
      409,
      'RECORD_ILLEGAL_TRANSITION',
    );
    // A viewer may read the draft but not withdraw it.
    expect((await rest(null, 'POST', path, { token: tokens.hexiViewer, body: { reason: '误报' } })).status).toBe(403);
  });

  it('idempotency: a retried create or ingest writes once and replays; a reused key with another body is 409; concurrent retries write once', async () => {
    const body = penalty(t.fixture.hexiFinance, `津财罚〔2025〕${unique()}号`);
    const key = `create-${unique()}`;
    const before = await count();
    const first = await rest('recordsCreate', 'POST', '/records', { body, headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    // The same body with its fields in another order is the same request.
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const retry = await rest(null, 'POST', '/records', { body: reordered, headers: { 'idempotency-key': key } });
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.json).toEqual(first.json);
    expect(retry.headers.get('location')).toBe(`/api/v1/records/${first.json.id}`);
    expect(await count()).toBe(before + 1);
    const reused = expectProblem(
      await rest(null, 'POST', '/records', {
        body: { ...body, facts: '另一事实' },
        headers: { 'idempotency-key': key },
      }),
      409,
      'IDEMPOTENCY_KEY_REUSED',
    );
    expect(reused.field).toBe('Idempotency-Key');
    expect(await count()).toBe(before + 1);
    // The key belongs to the caller: another token's same key is its own.
    const otherToken = await rest(null, 'POST', '/records', {
      token: tokens.hexiViewer,
      body,
      headers: { 'idempotency-key': key },
    });
    expectProblem(otherToken, 403, 'PERMISSION_DENIED');
    // A failed call leaves no claim: the key can be used once the body is right.
    const failKey = `fail-${unique()}`;
    expectProblem(
      await rest(null, 'POST', '/records', {
        body: { ...body, decisionDate: '2025-02-30' },
        headers: { 'idempotency-key': failKey },
      }),
      400,
      'INPUT_INVALID',
    );
    expect(
      (
        await rest(null, 'POST', '/records', {
          body: { ...body, decisionNo: `津财罚〔2025〕${unique()}号` },
          headers: { 'idempotency-key': failKey },
        })
      ).status,
    ).toBe(201);
    expect(await count()).toBe(before + 2);
    // Three concurrent sends of one request (a client retrying on a timeout): one record.
    const racing = penalty(t.fixture.hexiFinance, `津财罚〔2025〕${unique()}号`);
    const raceKey = `race-${unique()}`;
    const results = await Promise.all(
      [1, 2, 3].map(() => rest(null, 'POST', '/records', { body: racing, headers: { 'idempotency-key': raceKey } })),
    );
    expect(results.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(new Set(results.map((r) => r.json.id)).size).toBe(1);
    expect(await count()).toBe(before + 3);

    // Bulk ingest: the same batch again under its key replays the first answer (created: 1), not "unchanged: 1".
    const batch = {
      sourceSystem: 'rest-test',
      initialStatus: 'draft',
      records: [{ sourceId: `s-${unique()}`, ...penalty(t.fixture.hexiFinance, `津财罚〔2025〕${unique()}号`) }],
    };
    const ingestKey = `ingest-${unique()}`;
    const ing = await rest('recordsIngest', 'POST', '/records/ingest', {
      body: batch,
      headers: { 'idempotency-key': ingestKey },
    });
    expect(ing.status).toBe(200);
    expect(ing.json).toMatchObject({ created: 1, updated: 0, unchanged: 0 });
    const ingRetry = await rest(null, 'POST', '/records/ingest', {
      body: batch,
      headers: { 'idempotency-key': ingestKey },
    });
    expect(ingRetry.json).toEqual(ing.json);
    expect(ingRetry.headers.get('idempotent-replayed')).toBe('true');
    expect(await count()).toBe(before + 4);
    expectProblem(
      await rest(null, 'POST', '/records/ingest', {
        body: { ...batch, sourceSystem: 'other' },
        headers: { 'idempotency-key': ingestKey },
      }),
      409,
      'IDEMPOTENCY_KEY_REUSED',
    );
    expectProblem(
      await rest(null, 'POST', '/records/ingest', { body: batch, headers: { 'idempotency-key': 'has space' } }),
      400,
      'IDEMPOTENCY_KEY_INVALID',
    );
    const [stored] = await rows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from kernel.idempotency_key where key in (${key}, ${failKey}, ${raceKey}, ${ingestKey})`,
    );
    expect(stored!.n).toBe(4);
  });

  it('integrity files, eligibility answers, objections and complaints: the same data as tRPC', async () => {
    const api = createClient(t.url, { token: tokens.officer });
    const pairs: [string, string, () => Promise<unknown>][] = [
      [
        'filesGetOrg',
        `/files/orgs/${t.fixture.hexiFinance}?asOf=2026-06-01`,
        () =>
          api.kernel.files.get.query({ subject: { kind: 'org', orgId: t.fixture.hexiFinance }, asOf: '2026-06-01' }),
      ],
      [
        'filesGetPerson',
        `/files/persons/${t.fixture.official}`,
        () => api.kernel.files.get.query({ subject: { kind: 'person', personId: t.fixture.official } }),
      ],
      [
        'eligibilityAnnualAssessment',
        `/eligibility/persons/${t.fixture.official}/annual-assessment?year=2025`,
        () => api.kernel.eligibility.annualAssessment.query({ personId: t.fixture.official, year: 2025 }),
      ],
      [
        'eligibilityPromotion',
        `/eligibility/persons/${t.fixture.official}/promotion?date=2026-01-05`,
        () => api.kernel.eligibility.promotion.query({ personId: t.fixture.official, date: '2026-01-05' }),
      ],
      [
        'commendationsEligibility',
        `/eligibility/persons/${t.fixture.official}/commendation?date=2026-01-05`,
        () => api.kernel.commendations.eligibility.query({ personId: t.fixture.official, date: '2026-01-05' }),
      ],
      [
        'eligibilityAnnualAssessmentForOrg',
        `/eligibility/orgs/${t.fixture.hexi}/annual-assessment?year=2025&subtree=true`,
        () => api.kernel.eligibility.annualAssessmentForOrg.query({ orgId: t.fixture.hexi, year: 2025, subtree: true }),
      ],
      [
        'eligibilityHonours',
        `/eligibility/orgs/${t.fixture.hexiFinance}/honours?date=2026-01-05`,
        () => api.kernel.eligibility.honours.query({ orgId: t.fixture.hexiFinance, date: '2026-01-05' }),
      ],
      [
        'objectionsGet',
        `/objections/${world.objection}`,
        () => api.kernel.objections.get.query({ id: world.objection }),
      ],
      [
        'objectionsList',
        `/objections?status=open&recordId=${world.published}`,
        () => api.kernel.objections.list.query({ status: 'open', recordId: world.published }),
      ],
      [
        'complaintsGet',
        `/complaints/${world.complaintId}`,
        () => api.kernel.complaints.get.query({ id: world.complaintId }),
      ],
      ['complaintsList', `/complaints?status=open`, () => api.kernel.complaints.list.query({ status: 'open' })],
    ];
    for (const [op, path, viaTrpc] of pairs) {
      const r = await rest(op, 'GET', path);
      expect(r.status, `${op}: ${JSON.stringify(r.json)}`).toBe(200);
      expect(r.json, op).toEqual(await viaTrpc());
    }
    const file = await rest(null, 'GET', `/files/orgs/${t.fixture.hexiFinance}?asOf=2026-06-01`);
    expect(JSON.stringify(file.json)).toContain(world.published);
    const objections = await rest(null, 'GET', `/objections?recordId=${world.published}`);
    expect(objections.json.map((o: { id: string }) => o.id)).toEqual([world.objection]);
    // Complaint status is public and keyed by the receipt code in a body: no token needed.
    const status = await rest('complaintsStatus', 'POST', '/complaints/status', {
      token: null,
      body: { receiptCode: world.receiptCode },
    });
    expect(status.status).toBe(200);
    expect(status.json).toEqual(
      await createClient(t.url).kernel.complaints.status.query({ receiptCode: world.receiptCode }),
    );
    expect(JSON.stringify(status.json)).not.toContain('王某');
  });

  it('export batches and the changed-since feed: served again identically until acknowledged — the same data as tRPC', async () => {
    const token = tokens.reviewer;
    const first = await rest('exportNext', 'POST', '/exports/public/next', {
      token,
      body: { format: 'json', limit: 100 },
    });
    expect(first.status, JSON.stringify(first.json)).toBe(200);
    const no = first.json.batch.batchNo as number;
    expect(JSON.parse(first.json.payload as string)).toMatchObject({ batchNo: no });
    const again = await rest(null, 'POST', '/exports/public/next', { token, body: { format: 'json', limit: 100 } });
    expect(again.json).toMatchObject({
      batch: { batchNo: no },
      payload: first.json.payload,
      sha256: first.json.sha256,
    });
    const byNumber = await rest('exportGet', 'GET', `/exports/public/batches/${no}`, { token });
    expect(byNumber.status, JSON.stringify(byNumber.json)).toBe(200);
    expect(byNumber.json.payload).toBe(first.json.payload);
    const api = createClient(t.url, { token });
    expect((await rest('exportBatches', 'GET', '/exports/public/batches', { token })).json).toEqual(
      await api.kernel.exchange.export.batches.query({ channel: 'public' }),
    );
    expectProblem(
      await rest(null, 'POST', `/exports/public/batches/${no}/ack`, { token, body: { sha256: '0'.repeat(64) } }),
      400,
      'BATCH_CHECKSUM_MISMATCH',
    );
    const acked = await rest('exportAck', 'POST', `/exports/public/batches/${no}/ack`, {
      token,
      body: { sha256: first.json.sha256 },
    });
    expect(acked.status, JSON.stringify(acked.json)).toBe(200);
    expect(acked.json).toMatchObject({ batchNo: no, acknowledged: true });
    const feed = await rest('exchangeChanges', 'GET', '/exports/government/changes?limit=5', { token });
    expect(feed.status).toBe(200);
    expect(feed.json).toEqual(await api.kernel.exchange.changes.query({ channel: 'government', limit: 5 }));
    // The officer's token lacks the export permission.
    expectProblem(
      await rest(null, 'POST', '/exports/public/next', { body: { format: 'json' } }),
      403,
      'PERMISSION_DENIED',
    );
  });

  it('bad input: unknown fields, wrong types, malformed JSON, oversized and non-JSON bodies; nothing written', async () => {
    const before = await count();
    const body = penalty(t.fixture.hexiFinance, `津财罚〔2025〕${unique()}号`);
    const top = expectProblem(
      await rest(null, 'POST', '/records', { body: { ...body, colour: 'red' } }),
      400,
      'INPUT_INVALID',
    );
    expect(top).toMatchObject({ field: 'colour', issues: [{ field: 'colour', code: 'INPUT_UNRECOGNIZED_KEYS' }] });
    const nested = expectProblem(
      await rest(null, 'POST', '/records', { body: { ...body, subject: { ...body.subject, nickname: 'x' } } }),
      400,
      'INPUT_INVALID',
    );
    expect(nested.field).toBe('subject.nickname');
    const row = expectProblem(
      await rest(null, 'POST', '/records/ingest', {
        body: {
          sourceSystem: 's',
          records: [
            { sourceId: 'a', ...body },
            { sourceId: 'b', ...body, extra: 1 },
          ],
        },
      }),
      400,
      'INPUT_INVALID',
    );
    expect(row.field).toBe('records.1.extra');
    const query = expectProblem(await rest(null, 'GET', '/records?colour=red'), 400, 'INPUT_INVALID');
    expect(query.field).toBe('colour');

    const wrongType = expectProblem(
      await rest(null, 'POST', '/records', { body: { ...body, severity: 5 } }),
      400,
      'INPUT_INVALID',
    );
    expect(wrongType.field).toBe('severity');
    expect(wrongType.issues[0]).toMatchObject({ field: 'severity', code: 'INPUT_INVALID_VALUE' });
    const wrongQuery = expectProblem(await rest(null, 'GET', '/records?limit=many'), 400, 'INPUT_INVALID');
    expect(wrongQuery.field).toBe('limit');
    expectProblem(await rest(null, 'GET', '/records/not-a-uuid'), 400, 'INPUT_INVALID');
    expectProblem(
      await rest(null, 'GET', `/records/${'0190aaaa-0000-7000-8000-000000000000'}`),
      404,
      'RECORD_NOT_FOUND',
    );
    expectProblem(
      await rest(null, 'POST', '/records', { raw: '{"subject":', headers: { 'content-type': 'application/json' } }),
      400,
      'INPUT_MALFORMED_JSON',
    );
    expectProblem(
      await rest(null, 'POST', '/records', { raw: '[1,2]', headers: { 'content-type': 'application/json' } }),
      400,
      'INPUT_INVALID',
    );
    expectProblem(
      await rest(null, 'POST', '/records', {
        raw: 'facts=x',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    const huge = { sourceSystem: 'huge', records: [{ facts: 'x'.repeat(9 * 1024 * 1024) }] };
    expectProblem(await rest(null, 'POST', '/records/ingest', { body: huge }), 413, 'PAYLOAD_TOO_LARGE');
    expectProblem(await rest(null, 'DELETE' as 'GET', '/records'), 405, 'METHOD_NOT_ALLOWED');
    expectProblem(await rest(null, 'GET', '/no-such-thing'), 404, 'NOT_FOUND');
    expect(await count()).toBe(before);
  });

  it('security as tRPC: 401 without, with an unknown or an expired token; 403 for a missing permission or scope; 429 with Retry-After', async () => {
    const body = penalty(t.fixture.hexiFinance, `津财罚〔2025〕${unique()}号`);
    const none = await rest(null, 'GET', `/orgs/${t.fixture.hexi}`, { token: null });
    expectProblem(none, 401, 'UNAUTHORIZED');
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    const unknown = await rest(null, 'GET', `/orgs/${t.fixture.hexi}`, { token: 'cxt_not-a-real-token' });
    expectProblem(unknown, 401, 'TOKEN_INVALID');
    expect(unknown.headers.get('www-authenticate')).toContain('invalid_token');
    expect((await rest(null, 'GET', `/orgs/${t.fixture.hexi}`, { token: tokens.expiring })).status).toBe(200);
    await t.database.db.execute(
      sql`update kernel.api_token set expires_at = now() - interval '1 second' where token_hash is not null and name in (select name from kernel.api_token order by created_at desc limit 1)`,
    );
    expectProblem(await rest(null, 'GET', `/orgs/${t.fixture.hexi}`, { token: tokens.expiring }), 401, 'TOKEN_INVALID');

    // A viewer token has no write permission; a 河西区 token cannot read 南开区.
    expectProblem(await rest(null, 'POST', '/records', { token: tokens.hexiViewer, body }), 403, 'PERMISSION_DENIED');
    expectProblem(
      await rest(null, 'GET', `/orgs/${t.fixture.nankai}`, { token: tokens.hexiViewer }),
      403,
      'OUT_OF_SCOPE',
    );
    expect((await rest(null, 'GET', `/orgs/${t.fixture.hexiFinance}`, { token: tokens.hexiViewer })).status).toBe(200);
    // A scoped list is filtered, as over tRPC.
    const scoped = await rest(null, 'GET', '/records?limit=200', { token: tokens.hexiViewer });
    expect(scoped.json).toEqual(
      await createClient(t.url, { token: tokens.hexiViewer }).kernel.records.list.query({ limit: 200 }),
    );

    // The rate limit is the token's, shared with /trpc: two calls a minute, the third refused.
    expect((await rest(null, 'GET', `/orgs/${t.fixture.hexi}`, { token: tokens.limited })).status).toBe(200);
    const viaTrpc = await fetch(
      `${t.url}/trpc/kernel.orgs.get?input=${encodeURIComponent(JSON.stringify({ id: t.fixture.hexi }))}`,
      { headers: { authorization: `Bearer ${tokens.limited}` } },
    );
    expect(viaTrpc.status).toBe(200);
    const limited = await rest(null, 'GET', `/orgs/${t.fixture.hexi}`, { token: tokens.limited });
    expectProblem(limited, 429, 'RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(t.logs.some((l) => l.startsWith('rate-limited kernel.orgs.get by token:'))).toBe(true);
  });

  it(
    hasJdk
      ? 'the Java example compiles and runs against the server'
      : 'the Java example is checked for its structure (no JDK here: javac not found)',
    async () => {
      const source = readFileSync(JAVA_SOURCE, 'utf8');
      for (const needle of [
        'import java.net.http.HttpClient;',
        'public static void main',
        '"Idempotency-Key"',
        '"/records/ingest"',
        '"/records/changes?since="',
        'Authorization',
        'Bearer ',
      ]) {
        expect(source).toContain(needle);
      }
      if (!hasJdk) {
        // Reported, not skipped: the run below needs a JDK (apt-get install default-jdk-headless).
        console.warn(
          'rest-api.int.test: no JDK (javac) on this machine; the Java example was checked for structure, not compiled or run',
        );
        return;
      }
      const out = mkdtempSync(join(tmpdir(), 'cx-java-'));
      try {
        // Asynchronously: the server answering the example runs in this process.
        const run = promisify(execFile);
        await run('javac', ['-encoding', 'UTF-8', '-d', out, JAVA_SOURCE]);
        const printed = (
          await run('java', ['-cp', out, 'ChengxinExample', t.url, tokens.officer, t.fixture.hexiFinance], {
            encoding: 'utf8',
            timeout: 60_000,
          })
        ).stdout;
        const lines = printed.trim().split('\n');
        expect(lines[0]).toBe('org 200 天津市河西区财政局');
        expect(lines[1]).toMatch(/^ingest 200 id=[0-9a-f-]{36}$/);
        expect(lines[2]).toBe('retry 200 replayed=true same=true');
        expect(lines[3]).toBe('changes 200 contains=true');
        expect(lines[4]).toBe('problem 400 application/problem+json; charset=utf-8 INPUT_INVALID colour');
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    },
    120_000,
  );

  it('OCDS feeds: public record and release packages, the same as tRPC, paged and changed-since; our extensions served', async () => {
    const admin = createClient(t.url, { username: 'admin', password: TEST_PASSWORD });
    for (const pluginId of ['procurement', 'bidding', 'ppp'])
      await admin.kernel.plugins.configureDeployment.mutate({ pluginId, enabled: true });
    const officer = createClient(t.url, { username: 'hexi.officer', password: TEST_PASSWORD });
    const release = (ocid: string, contract: string) => ({
      ocid,
      id: `${ocid}-1`,
      date: '2026-03-20T09:00:00+08:00',
      tag: ['award', 'contract'],
      initiationType: 'tender',
      parties: [
        {
          id: 'b',
          name: '天津市河西区财政局',
          identifier: { scheme: 'CN-USCC', id: usccFor('120103', 3) },
          roles: ['buyer'],
        },
        {
          id: 'a',
          name: '天津甲公司',
          identifier: { scheme: 'CN-USCC', id: '91120104MA05AAAA1D' },
          roles: ['supplier'],
        },
      ],
      awards: [{ id: 'A1', status: 'active', date: '2026-03-02', suppliers: [{ id: 'a' }] }],
      contracts: [
        {
          id: contract,
          awardID: 'A1',
          status: 'active',
          dateSigned: '2026-03-20',
          value: { amount: 1000, currency: 'CNY' },
        },
      ],
    });
    const ocids = [`ocds-tj0001-REST-${unique()}-1`, `ocds-tj0001-REST-${unique()}-2`];
    expect(
      await officer.procurement.contracts.importOcds.mutate({
        package: { version: '1.1', releases: ocids.map((o, i) => release(o, `C${i}`)) },
      }),
    ).toMatchObject({ imported: 2, errors: [] });
    const anyone = createClient(t.url);
    const stable = (p: Record<string, unknown>) => ({ ...p, publishedDate: null });

    // One process by ocid, no token: the record package the tRPC procedure gives, its uri naming this path.
    const record = await rest('ocdsProcurementRecord', 'GET', `/ocds/procurement/records/${ocids[0]}`, { token: null });
    expect(record.status).toBe(200);
    expect(stable(record.json)).toEqual(stable(await anyone.procurement.ocds.record.query({ ocid: ocids[0]! })));
    expect(record.json.uri).toMatch(new RegExp(`/api/v1/ocds/procurement/records/${ocids[0]}$`));
    expect(checkOcdsPackage(record.json)).toEqual([]);
    expectProblem(
      await rest(null, 'GET', '/ocds/procurement/records/ocds-tj0001-none', { token: null }),
      404,
      'OCDS_NOT_FOUND',
    );

    // The release package a page at a time: limit and cursor as query parameters, then only what changed since.
    const first = await rest('ocdsProcurementReleases', 'GET', '/ocds/procurement/releases?limit=1', { token: null });
    expect(first.status).toBe(200);
    const viaTrpc = await anyone.procurement.ocds.releases.query({ limit: 1 });
    expect({ ...first.json, package: stable(first.json.package) }).toEqual({
      ...viaTrpc,
      package: stable(viaTrpc.package),
    });
    expect(first.json.nextCursor).toEqual(expect.any(String));
    expect(checkOcdsPackage(first.json.package)).toEqual([]);
    const seen: string[] = [];
    for (let cursor: string | null = null, pages = 0; pages < 10; pages++) {
      const page: Awaited<ReturnType<typeof rest>> = await rest(
        null,
        'GET',
        `/ocds/procurement/releases?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        { token: null },
      );
      seen.push(...page.json.package.releases.map((r: { ocid: string }) => r.ocid));
      cursor = page.json.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual(expect.arrayContaining(ocids));
    const later = await rest(
      null,
      'GET',
      `/ocds/procurement/releases?since=${encodeURIComponent('2999-01-01T00:00:00+08:00')}`,
      {
        token: null,
      },
    );
    expect(later.json.package.releases).toEqual([]);
    expectProblem(await rest(null, 'GET', '/ocds/procurement/releases?limit=0', { token: null }), 400, 'INPUT_INVALID');
    expectProblem(
      await rest(null, 'GET', '/ocds/procurement/releases?since=yesterday', { token: null }),
      400,
      'INPUT_INVALID',
    );

    // Bidding and PPP serve the same two operations (empty here: nothing imported).
    for (const [plugin, op] of [
      ['bidding', 'Bidding'],
      ['ppp', 'Ppp'],
    ] as const) {
      const page = await rest(`ocds${op}Releases`, 'GET', `/ocds/${plugin}/releases`, { token: null });
      expect(page.status).toBe(200);
      expect(page.json).toMatchObject({ package: { version: '1.1', releases: [] }, nextCursor: null });
      expect(page.json.package.extensions).toContainEqual(
        expect.stringMatching(`/api/v1/ocds/extensions/${plugin}/extension.json$`),
      );
      expectProblem(
        await rest(`ocds${op}Record`, 'GET', `/ocds/${plugin}/records/ocds-tj0001-none`, { token: null }),
        404,
        'OCDS_NOT_FOUND',
      );
    }

    // Every extension URL a package lists resolves here: extension.json, its schema patch and codelists, the README.
    for (const url of record.json.extensions as string[]) {
      if (!url.includes('/api/v1/ocds/extensions/')) continue;
      const path = new URL(url).pathname;
      const res = await fetch(`${t.url}${path}`);
      expect(res.status).toBe(200);
      const ext = (await res.json()) as { schemas: string[]; codelists?: string[]; documentationUrl: { en: string } };
      expect(ext.documentationUrl.en).toMatch(/README\.md$/);
      const base = path.replace(/extension\.json$/, '');
      for (const f of [...ext.schemas, ...(ext.codelists ?? []).map((c) => `codelists/${c}`), 'README.md'])
        expect((await fetch(`${t.url}${base}${f}`)).status, f).toBe(200);
    }
    // Public in the document (no security requirement), and rate-limited per client address like the portal.
    const doc = (await (await fetch(`${t.url}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { security: unknown[]; 'x-permission': string }>>;
    };
    for (const path of ['/ocds/procurement/records/{ocid}', '/ocds/bidding/releases', '/ocds/ppp/releases'])
      expect(doc.paths[path]!['get']).toMatchObject({ security: [], 'x-permission': 'public' });
    let limited: Awaited<ReturnType<typeof rest>> | null = null;
    for (let i = 0; i < 130 && !limited; i++) {
      const r = await rest(null, 'GET', '/ocds/ppp/releases?limit=1', { token: null });
      if (r.status === 429) limited = r;
      else expect(r.status).toBe(200);
    }
    expectProblem(limited!, 429, 'OCDS_RATE_LIMITED');
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0);
    for (const f of ['ppp/release-schema.json', 'ppp/codelists/paymentMechanism.csv', 'bidding/extension.json'])
      expect((await fetch(`${t.url}/api/v1/ocds/extensions/${f}`)).status, f).toBe(200);
    for (const f of [
      'ppp/../../package.json',
      'ppp/%2e%2e/%2e%2e/package.json',
      'nope/extension.json',
      'ppp/codelists/x.csv',
    ])
      expect((await fetch(`${t.url}/api/v1/ocds/extensions/${f}`)).status, f).toBe(404);
  });

  it('takes in leads from a city-wide integrator token (idempotent), and serves the dishonesty list and its feeds to anyone', async () => {
    const feed = {
      source: 'REST裁判文书监测',
      sourceKind: 'court',
      leads: [{ sourceId: `R-${unique()}`, orgId: t.fixture.hexiFinance, allegation: '未履行生效判决' }],
    };
    const key = { 'idempotency-key': `leads-${unique()}` };
    const first = await rest('leadsSubmit', 'POST', '/leads', { body: feed, headers: key });
    expect(first.status, JSON.stringify(first.json)).toBe(200);
    expect(first.json).toMatchObject({ received: 1, created: 1, unchanged: 0 });
    const replay = await rest(null, 'POST', '/leads', { body: feed, headers: key });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect((await rest(null, 'POST', '/leads', { body: feed })).json).toMatchObject({ created: 0, unchanged: 1 });
    expectProblem(
      await rest(null, 'POST', '/leads', { body: feed, token: tokens.hexiViewer }),
      403,
      'PERMISSION_DENIED',
    );
    const bad = expectProblem(
      await rest(null, 'POST', '/leads', { body: { ...feed, leads: [{ sourceId: 'X', orgText: '某单位' }] } }),
      400,
      'INPUT_INVALID',
    );
    expect(bad.field).toBe('leads.0.allegation');
    const csv = Buffer.from(`来源编号,涉及单位,反映问题\nR-${unique()},天津市河西区财政局,媒体报道拖欠款项\n`).toString(
      'base64',
    );
    const imported = await rest('leadsImport', 'POST', '/leads/import', {
      body: { format: 'csv', contentBase64: csv, source: 'REST舆情监测', sourceKind: 'news' },
    });
    expect(imported.json).toMatchObject({ rows: 1, created: 1 });
    const figures = await rest('leadsFigures', 'GET', '/leads/figures');
    expect((figures.json as { source: string; received: number }[]).map((f) => [f.source, f.received])).toEqual(
      expect.arrayContaining([
        ['REST裁判文书监测', 1],
        ['REST舆情监测', 1],
      ]),
    );

    const list = await rest(
      'publicDishonestyList',
      'GET',
      `/public/dishonesty?pageSize=5&districtId=${t.fixture.hexi}`,
      {
        token: null,
      },
    );
    expect(list.status).toBe(200);
    expect(list.json).toMatchObject({ page: 1, pageSize: 5, total: expect.any(Number) });
    expectProblem(await rest(null, 'GET', '/public/dishonesty?severity=huge', { token: null }), 400, 'INPUT_INVALID');
    exercised.add('publicDishonestyFeed');
    const atom = await fetch(`${t.url}/api/v1/public/dishonesty/feed?format=atom`);
    expect(atom.status).toBe(200);
    expect(atom.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    expect(await atom.text()).toMatch(
      /^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/,
    );
    const json = await fetch(`${t.url}/api/v1/public/dishonesty/feed?format=json&limit=3`);
    expect(json.headers.get('content-type')).toBe('application/feed+json; charset=utf-8');
    expect(((await json.json()) as { version: string }).version).toBe('https://jsonfeed.org/version/1.1');
  });

  it('the audit log routes: checkpoint feed, proofs, keys and cosignatures, as the typed client answers them', async () => {
    await createCheckpoint(t.database.db, TEST_SECRETS.audit);
    const api = createClient(t.url);
    const feed = await rest('auditCheckpoints', 'GET', '/audit/checkpoints?limit=2', { token: null });
    expect(feed.status).toBe(200);
    expect(feed.json).toEqual(await api.kernel.audit.checkpoints.query({ limit: 2 }));
    const size = (feed.json as { seq: number }[])[0]!.seq;
    const inclusion = await rest('auditInclusionProof', 'GET', '/audit/proofs/inclusion?leafIndex=0', { token: null });
    expect(inclusion.json).toEqual(await api.kernel.audit.inclusionProof.query({ leafIndex: 0 }));
    const consistency = await rest('auditConsistencyProof', 'GET', '/audit/proofs/consistency?from=1', { token: null });
    expect(consistency.json).toEqual(await api.kernel.audit.consistencyProof.query({ from: 1 }));
    const keys = await rest('auditVerifierKeys', 'GET', '/audit/keys', { token: null });
    expect(keys.json).toEqual(await api.kernel.audit.verifierKeys.query());
    const cosigned = await rest('auditCosigned', 'GET', `/audit/checkpoints/${size}/cosigned`, { token: null });
    expect(cosigned.json).toEqual(await api.kernel.audit.cosigned.query({ size }));
    // A cosignature from no configured witness is refused (not stored), without an error.
    const cosign = await rest('auditCosign', 'POST', '/audit/cosignatures', {
      token: null,
      body: { size, line: '— stranger AAAAAAAAAAAAAAAAAAAAAAAA' },
    });
    expect(cosign.json).toEqual({ accepted: false });
    expectProblem(await rest(null, 'GET', '/audit/proofs/consistency?from=-1', { token: null }), 400, 'INPUT_INVALID');
  });

  it('exercised every route of the table', () => {
    expect([...exercised].sort()).toEqual(REST_ROUTES.map((r) => r.operationId).sort());
  });
});
