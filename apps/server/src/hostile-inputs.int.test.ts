import { request } from 'node:http';
import { testEngines } from '@chengxin/db/testing';
import { rows } from '@chengxin/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzCallers } from './fuzz/setup';
import type { Caller } from './fuzz/run';
import { startTestServer, type TestServer } from './testing';

/**
 * The inputs a security review found answering 500 (107 of 34,753 fuzzed requests), each replayed: every one must be
 * a 4xx that names the field, and write nothing. Before the fix each of these answered 500.
 */
const NIL = '00000000-0000-0000-0000-000000000000';

describe.each(testEngines())('inputs that used to give 500 on %s', (engine) => {
  let t: TestServer;
  let admin: Caller;
  let token: Caller;
  beforeAll(async () => {
    t = await startTestServer(engine);
    const callers = await fuzzCallers(t);
    admin = callers.callers[1]!;
    token = callers.restCallers[1]!;
  }, 120_000);
  afterAll(async () => t?.close());

  const call = async (
    path: string,
    input: unknown,
    kind: 'query' | 'mutation',
    caller: Caller = { name: 'anonymous', headers: {} },
  ) => {
    const res =
      kind === 'query'
        ? await fetch(
            `${t.url}/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`,
            { headers: caller.headers },
          )
        : await fetch(`${t.url}/trpc/${path}`, {
            method: 'POST',
            headers: { ...caller.headers, 'content-type': 'application/json' },
            body: JSON.stringify(input),
          });
    const body = (await res.json()) as {
      error?: { data: { field: string | null; messageZh: string; messageEn: string } };
    };
    return { status: res.status, field: body.error?.data.field ?? null, zh: body.error?.data.messageZh ?? '' };
  };
  const audited = async () =>
    (await rows<{ n: number }>(t.database.db, sql`select count(*)::int as n from kernel.audit_log`))[0]!.n;

  it('a NUL byte in any text: public search, login, the complaint form', async () => {
    const before = await audited();
    expect(await call('kernel.public.search', { q: '天津\u0000' }, 'query')).toMatchObject({ status: 400, field: 'q' });
    expect(
      await call('kernel.auth.login', { username: 'admin\u0000', password: 'x'.repeat(12) }, 'mutation'),
    ).toMatchObject({ status: 400, field: 'username' });
    const complaint = await call(
      'kernel.public.complain',
      { category: 'other', content: '投诉内容\u0000很长很长', anonymous: true },
      'mutation',
    );
    expect(complaint).toMatchObject({ status: 400, field: 'content' });
    expect(complaint.zh).toContain('空字符');
    expect(await audited()).toBe(before);
  });

  it('a lone surrogate in stored text', async () => {
    expect(
      await call(
        'kernel.public.complain',
        { category: 'other', content: '投诉内容\ud800很长很长', anonymous: true },
        'mutation',
      ),
    ).toMatchObject({ status: 400, field: 'content' });
    expect(
      await call(
        'kernel.orgs.create',
        {
          parentId: t.fixture.hexi,
          name: '单位\udc00',
          uscc: '12120103MB0000000X',
          level: 'district',
          kind: 'department',
          areaCode: '120103',
        },
        'mutation',
        admin,
      ),
    ).toMatchObject({ status: 400, field: 'name' });
  });

  it('the nil UUID as aboutPersonId on the anonymous complaint form', async () => {
    const before = await audited();
    expect(
      await call(
        'kernel.public.complain',
        { category: 'other', content: '关于某人的投诉，内容足够长', anonymous: true, aboutPersonId: NIL },
        'mutation',
      ),
    ).toMatchObject({ status: 400, field: 'aboutPersonId' });
    expect(await audited()).toBe(before);
  });

  it('kernel.orgs.search and GET /api/v1/orgs with an empty or missing q', async () => {
    expect((await call('kernel.orgs.search', {}, 'query', admin)).status).toBe(200);
    expect((await call('kernel.orgs.search', { q: '' }, 'query', admin)).status).toBe(200);
    expect((await fetch(`${t.url}/api/v1/orgs`, { headers: token.headers })).status).toBe(200);
    expect((await fetch(`${t.url}/api/v1/orgs?q=`, { headers: token.headers })).status).toBe(200);
  });

  it('a cursor on kernel.evaluation.runs.list', async () => {
    expect(await call('kernel.evaluation.runs.list', { cursor: 'abc' }, 'query', admin)).toMatchObject({
      status: 400,
      field: 'cursor',
    });
    expect(
      (await call('kernel.evaluation.runs.list', { cursor: '01900000-0000-7000-8000-000000000001' }, 'query', admin))
        .status,
    ).toBe(200);
  });

  it('batchNo 2147483648 on kernel.exchange.export.get', async () => {
    expect(
      await call('kernel.exchange.export.get', { channel: 'public', batchNo: 2147483648 }, 'query', admin),
    ).toMatchObject({ status: 400, field: 'batchNo' });
  });

  it('a far date on kernel.calendar.deadline (found by the long fuzz run)', async () => {
    expect(
      await call('kernel.calendar.deadline', { from: '9999-12-31', workingDays: 5 }, 'query', admin),
    ).toMatchObject({ status: 400, field: 'from' });
  });

  it('the TRACE method', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${t.url}/trpc/kernel.public.districts`, { method: 'TRACE' }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(405);
  });

  it('logged no internal error for any of them', () => {
    expect(t.logs.filter((l) => l.startsWith('error '))).toEqual([]);
  });
});
