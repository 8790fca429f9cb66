import { describe, expect, it } from 'vitest';
import { recordType } from '../record-types';
import { deriveVersion } from '../derive';

const sanction = recordType('disciplinary_sanction')!;
const content = (over: Record<string, unknown> = {}, payload: Record<string, unknown> = {}) => ({
  severity: 'ordinary' as const,
  facts: '违规发放津补贴',
  legalBasis: '政务处分法第三十三条',
  decisionNo: '津纪〔2025〕3号',
  decisionDate: '2025-04-01',
  issuingAuthority: '天津市和平区监察委员会',
  disclosureScope: 'government' as const,
  sanctionType: 'demerit' as const,
  payload,
  ...over,
});

describe('a sanction takes effect the day it is made (政务处分法 §8 ¶2, 条例 §46)', () => {
  it('a later effective date without a reason is refused, naming the field; with a reason it runs from that date', () => {
    const refused = deriveVersion(sanction, content({ effectiveDate: '2025-04-08' }), '2025-06-01');
    expect(refused).toMatchObject({
      ok: false,
      issues: [{ field: 'effectiveDate', code: 'EFFECTIVE_AFTER_DECISION' }],
    });
    const ok = deriveVersion(
      sanction,
      content({ effectiveDate: '2025-04-08' }, { effectiveDateReason: '决定于2025年4月8日送达本人' }),
      '2025-06-01',
    );
    expect(ok).toMatchObject({ ok: true, derived: { impactStart: '2025-04-08', impactEnd: '2026-04-08' } });
    expect(deriveVersion(sanction, content(), '2025-06-01')).toMatchObject({
      ok: true,
      derived: { impactStart: '2025-04-01', impactEnd: '2026-04-01' },
    });
    expect(deriveVersion(sanction, content({}, { effectiveDateReason: '' }), '2025-06-01')).toMatchObject({
      ok: false,
      issues: [{ field: 'payload.effectiveDateReason' }],
    });
  });

  it('decidedTogether must list sanction types', () => {
    expect(deriveVersion(sanction, content({}, { decidedTogether: ['fine'] }), '2025-06-01')).toMatchObject({
      ok: false,
      issues: [{ field: 'payload.decidedTogether', code: 'DECIDED_TOGETHER_INVALID' }],
    });
    expect(deriveVersion(sanction, content({}, { decidedTogether: ['warning'] }), '2025-06-01')).toMatchObject({
      ok: true,
    });
  });
});
