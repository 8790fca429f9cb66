/**
 * The plan's sector steps over real HTTP with the typed client: a tendering agency's evaluation reaches the public only
 * after a second person's review and publication (三.3), and a township's disclosure reaches its public board only
 * once reviewed and published (三.6); anyone (no login) reads both, without who entered or reviewed them.
 */
import { testEngines } from '@chengxin/db/testing';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, TRPCClientError } from '@chengxin/client';

describe.each(testEngines())('sector publication steps over HTTP on %s', (engine) => {
  let t: TestServer;
  const as = (username: string) => createClient(t.url, { username, password: TEST_PASSWORD });
  beforeAll(async () => {
    process.env['CHENGXIN_TODAY'] = '2026-11-20';
    t = await startTestServer(engine);
    for (const pluginId of ['bidding', 'townships'])
      await as('admin').kernel.plugins.configureDeployment.mutate({ pluginId, enabled: true });
  });
  afterAll(async () => {
    delete process.env['CHENGXIN_TODAY'];
    await t.close();
  });

  it('publishes an agency evaluation only after review, then discloses it to anyone', async () => {
    const officer = as('officer');
    const reviewer = as('reviewer');
    const agency = await officer.bidding.agencies.register.mutate({
      name: '天津公信招标代理有限公司',
      uscc: '91120104MA05KQ7R2B',
      qualification: '工程招标代理',
      qualificationValidUntil: '2025-12-31',
    });
    const evaluated = await officer.bidding.agencies.evaluate.mutate({
      agencyId: agency.id,
      year: 2025,
      evaluatedOn: '2026-03-15',
      scores: { qualification: 18, conduct: 27, violations: 27, thirdParty: 18 },
      reportIds: [],
    });
    const evaluationId = evaluated.evaluations[0]!.id;
    const anyone = createClient(t.url);
    expect((await anyone.bidding.agencies.disclosure.query({ q: '公信' }))[0]).toMatchObject({
      latestEvaluation: null,
      qualificationState: 'expired',
    });
    // The officer may not review; the reviewer approves and publishes.
    const refused = await officer.bidding.agencies.reviewEvaluation
      .mutate({ evaluationId, approve: true, note: null })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TRPCClientError);
    await reviewer.bidding.agencies.reviewEvaluation.mutate({ evaluationId, approve: true, note: null });
    await reviewer.bidding.agencies.publishEvaluation.mutate({ evaluationId });
    const [shown] = await anyone.bidding.agencies.disclosure.query({ q: '公信' });
    expect(shown).toMatchObject({ latestEvaluation: { year: 2025, grade: 'A', total: 90, publishedOn: '2026-11-20' } });
    expect(JSON.stringify(shown)).not.toMatch(/reviewedBy|createdBy|officer|reviewer/);
  });

  it("puts a township's reviewed disclosure on its public board", async () => {
    const item = await as('hexi.officer').townships.disclosures.create.mutate({
      orgId: t.fixture.hexiStreet,
      year: 2026,
      quarter: 3,
      kind: 'spending',
      title: '社区道路修补',
      amountFen: 3_450_000,
      description: '修补社区道路1.2公里',
    });
    const anyone = createClient(t.url);
    const board = async () =>
      (await anyone.townships.public.board.query({ year: 2026 })).items.flatMap((x) => x.disclosures);
    expect(await board()).toEqual([]);
    await as('hexi.reviewer').townships.disclosures.review.mutate({ disclosureId: item.id, approve: true, note: null });
    expect(await board()).toEqual([]);
    await as('hexi.reviewer').townships.disclosures.publish.mutate({ disclosureId: item.id });
    expect(await board()).toEqual([
      {
        kind: 'spending',
        kindZh: '支出项目',
        quarter: 3,
        title: '社区道路修补',
        amountFen: 3_450_000,
        description: '修补社区道路1.2公里',
        publishedOn: '2026-11-20',
      },
    ]);
  });
});
