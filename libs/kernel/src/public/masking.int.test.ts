import type { TestDatabase } from '@chengxin/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { today } from '@chengxin/contract';
import { idNumberCheckChar } from '../core';
import { buildFixture, migratedTestDatabase, testContext, testEngines, type Fixture } from '../core/testing';
import { createDraft, transition } from '../records';
import { integrityPage } from './pages';

/**
 * A review published a full ID number through the decision number, legal basis and authority code fields, and
 * spaced / full-width / half-masked ID numbers, full-width mobiles and birth dates through the facts. Before the
 * fix each of these appeared on the integrity page.
 */
const first17 = '12010319800101001';
const ID = first17 + idNumberCheckChar(first17);
const full = (s: string) => s.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

describe.each(testEngines())('free text masked on public pages on %s', (engine) => {
  let database: TestDatabase;
  let f: Fixture;
  beforeAll(async () => {
    database = await migratedTestDatabase(engine);
    const ctx = testContext(database);
    f = await buildFixture(ctx);
    const record = await createDraft(ctx, {
      subject: { kind: 'org', orgId: f.hexiFinance },
      linkTo: [],
      payload: { penaltyCategories: ['warning'], penaltyContent: '警告' },
      typeKey: 'administrative_penalty',
      severity: 'ordinary',
      facts: `当事人身份证号${ID.slice(0, 6)} ${ID.slice(6, 14)} ${ID.slice(14)}，另记${full(ID)}，旧表写作1201**********${ID.slice(-4)}，手机${full('13812345678')}，出生日期：1980年1月1日。`,
      legalBasis: `《保障中小企业款项支付条例》第八条（当事人${ID}）`,
      decisionNo: `津财罚〔2025〕${ID}号`,
      decisionDate: today(),
      issuingAuthority: '天津市财政局',
      issuingAuthorityUscc: ID,
      disclosureScope: 'public',
    });
    for (const step of ['submit', 'approve', 'publish'] as const) await transition(ctx, step, record.id);
  }, 60_000);
  afterAll(async () => database?.dispose());

  it('shows none of them on the integrity page', async () => {
    const page = await integrityPage(database.db, f.hexiFinance, today(), today());
    const text = JSON.stringify(page);
    expect(page.records).toHaveLength(1);
    const folded = text
      .replace(/[\uff10-\uff19\uff38]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
      .replace(/[\s-]/g, '');
    expect(folded).not.toContain(ID.slice(6, 14));
    expect(folded).not.toContain(ID.slice(-4));
    expect(folded).not.toContain('12345678');
    expect(folded).not.toContain('1980年1月1日');
    expect(page.records[0]).toMatchObject({ authorityCode: '［已隐去］', decisionNo: '津财罚〔2025〕［已隐去］号' });
  });
});
