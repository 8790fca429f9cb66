import { rows, sql } from '@chengxin/plugin-sdk';
import {
  createPluginHarness,
  idNumberFor,
  refusalOf,
  testEngines,
  type PluginHarness,
} from '@chengxin/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FigureInput } from '../contract';
import { OVERDUE_TYPE } from './figures';
import { localDebtPlugin } from './plugin';

const TODAY = '2026-11-20';

async function refused(call: Promise<unknown>, appCode: string, field?: string) {
  const refusal = await refusalOf(call);
  expect(refusal, `expected ${appCode}`).not.toBeNull();
  expect(refusal!.appCode).toBe(appCode);
  if (field) expect(refusal!.field).toBe(field);
}

describe.each(testEngines())('local-debt credit rating, emergency response and accountability on %s', (engine) => {
  let h: PluginHarness<typeof localDebtPlugin.router>;
  const figures = (orgId: string, year: number, over: Partial<FigureInput> = {}): FigureInput => ({
    orgId,
    year,
    balanceFen: 90_000_000_000,
    capacityFen: 100_000_000_000,
    principalInterestDueFen: 10_000_000_000,
    overdueFen: 0,
    newDebtFen: 5_000_000_000,
    ...over,
  });
  const officer = () => h.caller('officer', { scopeOrgId: h.fixture.hexi });
  const reviewer = () => h.caller('reviewer', { scopeOrgId: h.fixture.hexi });

  beforeAll(async () => {
    process.env['CHENGXIN_TODAY'] = TODAY;
    h = await createPluginHarness(localDebtPlugin, engine);
    await h.enable(null);
    await officer().plugin.figures.save(figures(h.fixture.hexi, 2024));
    await officer().plugin.figures.save(figures(h.fixture.hexi, 2025, { overdueFen: 9_000_000_000 }));
  });
  afterAll(async () => {
    delete process.env['CHENGXIN_TODAY'];
    await h.dispose();
  });

  it('grades a district from its indicators, explains the grade, and publishes it to the level above', async () => {
    // Default year: last year (2025).
    const [r] = await officer().plugin.creditRatings.list({});
    expect(r).toMatchObject({
      orgId: h.fixture.hexi,
      year: 2025,
      score: 49.56,
      tier: 'yellow',
      grade: 'A',
      gradeZh: 'A（信用较好）',
      explanation: '风险得分49.56分（45分（含）至60分）对应A；黄色预警。债务风险可控，个别指标偏高或有黄色预警。',
      published: null,
      changedSincePublished: false,
    });
    await refused(officer().plugin.creditRatings.publish({ orgId: h.fixture.hexi, year: 2025 }), 'PERMISSION_DENIED');
    await refused(
      reviewer().plugin.creditRatings.publish({ orgId: h.fixture.hexi, year: 2023 }),
      'FIGURES_MISSING',
      'year',
    );
    await refused(reviewer().plugin.creditRatings.publish({ orgId: h.fixture.nankai, year: 2025 }), 'OUT_OF_SCOPE');
    const published = await reviewer().plugin.creditRatings.publish({ orgId: h.fixture.hexi, year: 2025 });
    expect(published.published).toEqual({
      grade: 'A',
      score: 49.56,
      publishedOn: TODAY,
      explanation: '风险得分49.56分（45分（含）至60分）对应A；黄色预警。债务风险可控，个别指标偏高或有黄色预警。',
    });
    // The city (the level above) sees it.
    expect((await h.caller('viewer').plugin.creditRatings.list({ year: 2025 }))[0]!.published?.grade).toBe('A');
    // A correction of the figures shows as a change until it is published again.
    await officer().plugin.figures.save(figures(h.fixture.hexi, 2025, { overdueFen: 20_000_000_000 }));
    const changed = (await officer().plugin.creditRatings.list({ year: 2025 }))[0]!;
    expect(changed).toMatchObject({
      tier: 'orange',
      grade: 'B',
      published: { grade: 'A' },
      changedSincePublished: true,
    });
    await reviewer().plugin.creditRatings.publish({ orgId: h.fixture.hexi, year: 2025 });
    expect(await h.auditCount(['local-debt.credit_rating.publish', 'local-debt.credit_rating.republish'])).toBe(2);
    // A method set above the district changes the grade (a district never sets its own).
    await h.enable(h.fixture.city, { creditRating: { tierCaps: { orange: 'C' } } });
    expect((await officer().plugin.creditRatings.list({ year: 2025 }))[0]!.grade).toBe('C');
    await h.enable(h.fixture.city, {});
    const admin = h.caller('admin');
    const bad = await refusalOf(
      admin.kernel.plugins.configure({
        pluginId: 'local-debt',
        orgId: h.fixture.hexi,
        enabled: true,
        config: { creditRating: { bounds: { AAA: 50, AA: 40 } } },
      }),
    );
    expect(bad).toMatchObject({ appCode: 'PLUGIN_CONFIG_INVALID', field: 'config.creditRating.bounds' });
    await officer().plugin.figures.save(figures(h.fixture.hexi, 2025, { overdueFen: 9_000_000_000 }));
  });

  it('keeps an emergency-response log: the event, dated measures, the closure', async () => {
    const e = await officer().plugin.events.open({
      orgId: h.fixture.hexi,
      occurredOn: '2026-01-12',
      level: 'IV',
      title: '专项债券付息资金缺口',
      description: '1月15日应付专项债券利息1.2亿元，库款不足',
    });
    expect(e).toMatchObject({ status: 'open', statusZh: '处置中', levelZh: 'Ⅳ级（一般）', measures: [] });
    await refused(
      officer().plugin.events.close({ eventId: e.id, closedOn: '2026-02-01', closure: '—' }),
      'NO_MEASURES',
      'eventId',
    );
    await refused(
      officer().plugin.events.addMeasure({ eventId: e.id, takenOn: '2026-01-10', measure: '—' }),
      'MEASURE_BEFORE_EVENT',
      'takenOn',
    );
    await officer().plugin.events.addMeasure({
      eventId: e.id,
      takenOn: '2026-01-14',
      measure: '动用预算稳定调节基金0.8亿元',
    });
    const two = await officer().plugin.events.addMeasure({
      eventId: e.id,
      takenOn: '2026-01-13',
      measure: '启动Ⅳ级应急响应，成立债务风险应急处置工作领导小组',
    });
    expect(two.measures.map((m) => m.takenOn)).toEqual(['2026-01-13', '2026-01-14']);
    await refused(
      officer().plugin.events.close({ eventId: e.id, closedOn: '2026-01-13', closure: '—' }),
      'CLOSED_BEFORE_MEASURES',
      'closedOn',
    );
    const closed = await officer().plugin.events.close({
      eventId: e.id,
      closedOn: '2026-01-15',
      closure: '利息按期足额支付，风险解除；对相关责任人员另行追责',
    });
    expect(closed).toMatchObject({ status: 'closed', statusZh: '处置终结', closedOn: '2026-01-15' });
    await refused(
      officer().plugin.events.addMeasure({ eventId: e.id, takenOn: '2026-01-16', measure: '—' }),
      'EVENT_CLOSED',
    );
    await refused(
      officer().plugin.events.open({
        orgId: h.fixture.hexi,
        occurredOn: '2026-11-21',
        level: 'IV',
        title: '未来',
        description: '—',
      }),
      'DATE_IN_FUTURE',
      'occurredOn',
    );
    await refused(
      officer().plugin.events.open({
        orgId: h.fixture.nankai,
        occurredOn: '2026-01-12',
        level: 'IV',
        title: '越权',
        description: '—',
      }),
      'OUT_OF_SCOPE',
    );
    expect((await officer().plugin.events.list({ status: 'closed' })).map((x) => x.id)).toEqual([e.id]);
    expect(
      await h.auditCount(['local-debt.event.open', 'local-debt.event.measure', 'local-debt.event.close'], e.id),
    ).toBe(4);
  });

  it('opens accountability tasks for the principal officials in post as soon as a default is approved', async () => {
    // 河西区's principal in post at the end of 2025, and a successor from 2026 who is not accountable for it.
    const admin = h.caller('admin');
    await admin.kernel.persons.create({
      name: '李区长',
      idNumber: idNumberFor('120103', '1970-05-06', 31),
      tenure: { orgId: h.fixture.hexi, postTitle: '区长', principal: true, startDate: '2021-06-01' },
    });
    await admin.kernel.persons.create({
      name: '赵新任',
      idNumber: idNumberFor('120103', '1972-08-09', 52),
      tenure: { orgId: h.fixture.hexi, postTitle: '区委书记', principal: true, startDate: '2026-02-01' },
    });
    await h.scan(TODAY);
    const [draft] = await rows<{ id: string }>(
      h.database.db,
      sql`select r.id::text from kernel_api.record r where r.type_key = ${OVERDUE_TYPE} and r.org_id = ${h.fixture.hexi}`,
    );
    const id = draft!.id;
    const tasks = async () =>
      (await h.caller('admin').kernel.accountability.list({ limit: 100 } as never)) as {
        recordId: string;
        personName: string;
        status: string;
        openedOn: string;
      }[];
    await officer().kernel.records.correct({
      recordId: id,
      expectedVersion: 1,
      reason: '核实后填写认定文书',
      changes: { decisionNo: '津财〔2026〕12号' },
      confirm: ['decisionDate'],
    } as never);
    await officer().kernel.records.submit({ recordId: id });
    expect((await tasks()).filter((t) => t.recordId === id)).toEqual([]);
    await reviewer().kernel.records.approve({ recordId: id });
    expect((await tasks()).filter((t) => t.recordId === id).map((t) => [t.personName, t.status, t.openedOn])).toEqual([
      ['李区长', 'open', TODAY],
    ]);
    // Publication opens nothing twice: the kernel's own step finds the task already there.
    await reviewer().kernel.records.publish({ recordId: id });
    await h
      .caller('admin')
      .kernel.jobs.runDaily?.({} as never)
      .catch(() => undefined);
    expect((await tasks()).filter((t) => t.recordId === id)).toHaveLength(1);
  });
});
