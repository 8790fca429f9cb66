import { describe, expect, it } from 'vitest';
import { diffVersions } from './diff';

describe('version diff', () => {
  it('lists changed fields, nested by path, ignoring bookkeeping', () => {
    const v1 = {
      version: 1,
      decisionNo: '津〔2025〕1号',
      facts: '同',
      payload: { amountFen: 100, note: 'a' },
      rules: [{ ruleId: 'x' }],
      createdAt: 't1',
    };
    const v2 = {
      version: 2,
      decisionNo: '津〔2025〕2号',
      facts: '同',
      payload: { amountFen: 100 },
      rules: [{ ruleId: 'y' }],
      createdAt: 't2',
    };
    expect(diffVersions(v1, v2, ['version', 'createdAt'])).toEqual([
      { path: 'decisionNo', before: '津〔2025〕1号', after: '津〔2025〕2号' },
      { path: 'payload.note', before: 'a', after: null },
      { path: 'rules', before: [{ ruleId: 'x' }], after: [{ ruleId: 'y' }] },
    ]);
    expect(diffVersions(v1, v1)).toEqual([]);
  });
});
