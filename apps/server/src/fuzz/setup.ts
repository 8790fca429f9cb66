import { createDraft, TEST_SECRETS, kernelContext } from '@chengxin/kernel';
import { testAdmin } from '@chengxin/kernel/testing';
import { TEST_PASSWORD, type TestServer } from '../testing';
import type { Caller } from './run';

async function signIn(url: string, username: string): Promise<Caller> {
  const res = await fetch(`${url}/trpc/kernel.auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: TEST_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`fuzz: cannot sign in as ${username}: ${res.status}`);
  const jar = Object.fromEntries(
    res.headers.getSetCookie().map((c) => c.split(';')[0]!.split('=') as [string, string]),
  );
  return {
    name: username,
    headers: {
      cookie: `cx_session=${jar['cx_session']}; cx_csrf=${jar['cx_csrf']}`,
      'x-csrf-token': jar['cx_csrf']!,
      origin: url,
    },
  };
}

/** The fuzzer's callers over a test server (anonymous, admin, a 河西区 officer; REST: anonymous and an admin token) and ids worth sending. */
export async function fuzzCallers(t: TestServer) {
  const admin = await signIn(t.url, 'admin');
  const hexi = await signIn(t.url, 'hexi.officer');
  const token = await fetch(`${t.url}/trpc/kernel.tokens.create`, {
    method: 'POST',
    headers: { ...admin.headers, 'content-type': 'application/json' },
    body: JSON.stringify({
      name: '模糊测试',
      role: 'admin',
      scopeOrgId: null,
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      ratePerMinute: 100_000,
    }),
  });
  const secret = ((await token.json()) as { result: { data: { token: string } } }).result.data.token;
  const ctx = kernelContext(t.database.db, TEST_SECRETS, testAdmin);
  const f = t.fixture;
  const record = await createDraft(ctx, {
    subject: { kind: 'org', orgId: f.hexiFinance },
    linkTo: [],
    payload: {},
    typeKey: 'administrative_penalty',
    severity: 'ordinary',
    facts: '逾期未支付中小企业款项',
    legalBasis: '《保障中小企业款项支付条例》第八条',
    decisionNo: '津财罚〔2025〕77号',
    decisionDate: '2025-05-20',
    issuingAuthority: '天津市财政局',
    disclosureScope: 'public',
  });
  return {
    callers: [{ name: 'anonymous', headers: {} }, admin, hexi],
    restCallers: [
      { name: 'anonymous', headers: {} },
      { name: 'token', headers: { authorization: `Bearer ${secret}` } },
    ] as Caller[],
    ids: [f.city, f.hexi, f.hexiFinance, f.hexiStreet, f.nankai, f.official, f.clerk, record.id],
  };
}
