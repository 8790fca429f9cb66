/**
 * Items of plan 一.4 and 二.4 over HTTP through the typed client, on both engines: a third-party list imported by the
 * evaluator is public only after a reviewer releases it; an eligibility answer for a district from the published
 * evaluation, refused outside the caller's scope; leads sent by a district only about its bodies and triaged only inside
 * the caller's scope; the dishonesty list
 * for anonymous callers.
 */
import { testEngines } from '@chengxin/db/testing';
import { createClient, TRPCClientError } from '@chengxin/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TEST_PASSWORD, type TestRole, type TestServer } from '../testing';

async function failure(p: Promise<unknown>) {
  const e = await p.then(
    () => null,
    (error: unknown) => error,
  );
  expect(e, 'expected the call to fail').toBeInstanceOf(TRPCClientError);
  return (e as { data: { code: string; appCode: string; field: string | null } }).data;
}

describe.each(testEngines())('evaluation use, third-party release and leads over HTTP on %s', (engine) => {
  let t: TestServer;
  const clients = new Map<string, ReturnType<typeof createClient>>();
  const as = (user: TestRole | `hexi.${TestRole}`) =>
    clients.get(user) ?? clients.set(user, createClient(t.url, { username: user, password: TEST_PASSWORD })).get(user)!;

  beforeAll(async () => {
    process.env['CHENGXIN_TODAY'] = '2026-11-20';
    t = await startTestServer(engine);
  }, 120_000);
  afterAll(async () => {
    delete process.env['CHENGXIN_TODAY'];
    await t?.close();
  });

  it('publishes a third-party list only once a reviewer releases it, and answers eligibility from the published result', async () => {
    const anonymous = createClient(t.url);
    const template = await as('evaluator').kernel.evaluation.schemes.template.query({ year: 2025, level: 'district' });
    const scheme = await as('evaluator').kernel.evaluation.schemes.save.mutate({ ...template, minSample: 0 });
    const run = await as('evaluator').kernel.evaluation.runs.start.mutate({ schemeId: scheme.id });
    await as('reviewer').kernel.evaluation.runs.review.mutate({ runId: run.id, note: '数据核对无误，同意公布' });
    await as('reviewer').kernel.evaluation.runs.publish.mutate({ runId: run.id });

    await as('evaluator').kernel.evaluation.external.import.mutate({
      source: '高校课题组',
      year: 2025,
      rater: '某大学政府诚信研究中心',
      methodSummary: '问卷调查与公开资料评估相结合，百分制',
      ratedOn: '2026-03-15',
      rows: [{ orgId: t.fixture.hexi, score: 88 }],
    });
    expect(await anonymous.kernel.evaluation.thirdParty.query({})).toEqual({ year: null, years: [], lists: [] });
    expect(
      await failure(
        as('evaluator').kernel.evaluation.external.release.mutate({
          source: '高校课题组',
          year: 2025,
          note: '自己发布',
        }),
      ),
    ).toMatchObject({ appCode: 'PERMISSION_DENIED' });
    await as('reviewer').kernel.evaluation.external.release.mutate({
      source: '高校课题组',
      year: 2025,
      note: '同意发布',
    });
    const released = await anonymous.kernel.evaluation.thirdParty.query({ year: 2025 });
    expect(released.lists.map((l) => [l.rater, l.ratedOn, l.rows.map((r) => [r.orgName, r.score])])).toEqual([
      ['某大学政府诚信研究中心', '2026-03-15', [['天津市河西区人民政府', 88]]],
    ]);

    const answer = await as('hexi.viewer').kernel.evaluation.use.eligibility.query({
      orgId: t.fixture.hexi,
      area: 'investment',
      year: 2026,
    });
    expect(answer).toMatchObject({ resultYear: 2025, runId: run.id, rule: { ruleId: 'evaluation.use.investment' } });
    expect(['eligible', 'not_eligible', 'insufficient']).toContain(answer.outcome);
    expect(
      await failure(
        as('hexi.viewer').kernel.evaluation.use.eligibility.query({
          orgId: t.fixture.nankai,
          area: 'investment',
          year: 2026,
        }),
      ),
    ).toMatchObject({ appCode: 'OUT_OF_SCOPE' });
    const file = await as('reviewer').kernel.evaluation.use.performanceExport.query({ year: 2025 });
    expect(file).toMatchObject({ filename: 'performance-2025-district.xlsx', encoding: 'base64' });
  });

  it('keeps lead triage inside the caller’s scope and never further than a draft', async () => {
    const { ids } = await as('officer').kernel.leads.submit.mutate({
      source: '裁判文书监测',
      sourceKind: 'court',
      leads: [
        { sourceId: 'A-1', orgId: t.fixture.hexiFinance, allegation: '未履行生效判决' },
        { sourceId: 'A-2', orgId: t.fixture.nankai, allegation: '未履行生效判决' },
      ],
    });
    // A district's token sends leads about its own bodies only, each placed; nothing of a refused batch is written.
    const district = (leads: { sourceId: string; orgId?: string; orgText?: string; allegation: string }[]) =>
      as('hexi.officer').kernel.leads.submit.mutate({ source: '裁判文书监测', sourceKind: 'court', leads });
    expect(
      await failure(
        district([
          { sourceId: 'H-1', orgId: t.fixture.hexiFinance, allegation: '未履行生效判决' },
          { sourceId: 'H-2', orgId: t.fixture.nankai, allegation: '未履行生效判决' },
        ]),
      ),
    ).toMatchObject({ code: 'BAD_REQUEST', appCode: 'LEAD_OUT_OF_SCOPE', field: 'leads.1.orgId' });
    expect(
      await failure(district([{ sourceId: 'H-3', orgText: '某单位', allegation: '媒体报道拖欠账款' }])),
    ).toMatchObject({ appCode: 'LEAD_ORG_UNRESOLVED_IN_SCOPE', field: 'leads.0.orgText' });
    expect(
      await failure(district([{ sourceId: 'A-2', orgId: t.fixture.hexiFinance, allegation: '未履行生效判决' }])),
    ).toMatchObject({ appCode: 'LEAD_SOURCE_ID_OUT_OF_SCOPE', field: 'leads.0.sourceId' });
    const own = await district([
      { sourceId: 'A-1', orgId: t.fixture.hexiFinance, allegation: '未履行生效判决' },
      { sourceId: 'H-4', orgId: t.fixture.hexiStreet, allegation: '街道承诺的补贴未兑现' },
    ]);
    expect(own).toMatchObject({ received: 2, created: 1, unchanged: 1 });
    expect(own.ids[0]).toBe(ids[0]);
    expect((await as('hexi.officer').kernel.leads.list.query({})).items.map((l) => l.id).sort()).toEqual(
      [ids[0]!, own.ids[1]!].sort(),
    );
    expect(
      await failure(as('hexi.officer').kernel.leads.dismiss.mutate({ id: ids[1]!, reason: '不属实' })),
    ).toMatchObject({ appCode: 'OUT_OF_SCOPE' });
    const made = await as('hexi.officer').kernel.leads.toRecord.mutate({
      id: ids[0]!,
      record: {
        typeKey: 'judicial_judgment',
        severity: 'serious',
        facts: '未履行生效判决确定的付款义务',
        legalBasis: '《最高人民法院关于公布失信被执行人名单信息的若干规定》第一条',
        decisionNo: '(2026)津0103执9号',
        decisionDate: '2026-09-01',
        issuingAuthority: '天津市河西区人民法院',
      },
    });
    const draft = await as('hexi.officer').kernel.records.get.query({ id: made.recordId });
    expect(draft).toMatchObject({ status: 'draft', sourceSystem: 'kernel.leads' });
    const list = await createClient(t.url).kernel.public.dishonestyList.query({});
    expect(list.items.some((e) => e.recordId === made.recordId)).toBe(false);
  });
});
