import { describe, expect, it } from 'vitest';
import { ACCESS_LOG_RETENTION } from '../../access';
import { legalRulesList } from './legal-table';
import { READINGS, readingValue } from './readings';

describe('the rule table shows open readings with their defaults, and analogies as 2nd', () => {
  it('every reading names its setting, its options and the default, and the value in force', () => {
    const { readings } = legalRulesList();
    expect(readings.map((r) => [r.id, r.defaultValue, r.value])).toEqual([
      ['reading.dismissal-in-file', 'excluded', 'excluded'],
      ['reading.person-honours-bar', 'on', 'on'],
      ['reading.minor-published', 'off', 'off'],
      ['reading.person-disclosure', 'government', 'government'],
    ]);
    for (const r of readings) expect(r.options.map((o) => o.value)).toContain(r.defaultValue);
    expect(READINGS.personHonoursBar.source.confidence).toBe('local');
    process.env['CHENGXIN_MINOR_PUBLISHED'] = 'bogus';
    expect(readingValue('minorPublished')).toBe('off');
    delete process.env['CHENGXIN_MINOR_PUBLISHED'];
  });

  it("retention: five years, other provinces' rules by analogy (2nd), counted from the decision", () => {
    const [r] = legalRulesList().retention;
    expect(r).toMatchObject({ years: 5, countsFrom: 'decisionDate', source: { confidence: '2nd' } });
    expect(r!.source.law).toContain('上海市社会信用条例（2017）第三十五条（自失信行为或者事件终止之日起算）');
    expect(r!.source.law).toContain('浙江省公共信用信息管理条例（2017）第十六条（自认定之日起算）');
  });

  it('the query log is kept five years under 深圳 §45 ¶2', () => {
    expect(ACCESS_LOG_RETENTION.source).toContain('第四十五条第二款');
  });
});
