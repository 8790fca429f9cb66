import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkField, checkForm, fieldsOf, placeIssues, toInput, toValues, type JsonSchema } from './schema';

const date = z.string().meta({ format: 'date' });
const contract = z.object({
  buyerOrgId: z.uuid().meta({ description: '采购人（政府机关）' }),
  title: z.string().trim().min(1).max(300),
  supplierSme: z.boolean(),
  amountFen: z.number().int().min(0),
  awardNoticeDate: date,
  signingDate: date.nullable().default(null),
  result: z.enum(['passed', 'failed']),
  note: z.string().max(2000).optional(),
  payload: z.object({ voucherNo: z.string().min(2).max(20) }),
});
const json = z.toJSONSchema(contract, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
const ui = {
  buyerOrgId: { label: { zh: '采购人', en: 'Buyer' }, widget: 'org' as const, order: 1 },
  amountFen: { label: { zh: '合同金额', en: 'Amount' }, widget: 'money' as const, order: 2 },
};

describe('schema-driven form model', () => {
  const fields = fieldsOf(json, ui, { optionLabels: { passed: { zh: '合格', en: 'Passed' } } });
  const field = (path: string) => fields.find((f) => f.path === path)!;

  it('reads fields, widgets, labels and order from JSON Schema and the hints', () => {
    expect(fields.slice(0, 2).map((f) => f.path)).toEqual(['buyerOrgId', 'amountFen']);
    expect(field('buyerOrgId')).toMatchObject({ widget: 'org', label: { zh: '采购人' }, required: true });
    expect(field('awardNoticeDate')).toMatchObject({ widget: 'date', required: true });
    expect(field('signingDate')).toMatchObject({ widget: 'date', required: false, nullable: true });
    expect(field('supplierSme').widget).toBe('switch');
    expect(field('result')).toMatchObject({
      widget: 'select',
      options: [
        { value: 'passed', label: { zh: '合格' } },
        { value: 'failed', label: { zh: 'failed' } },
      ],
    });
    expect(field('note')).toMatchObject({ widget: 'textarea', required: false });
    expect(field('payload.voucherNo')).toMatchObject({ widget: 'text', required: true, minLength: 2 });
    expect(fieldsOf(json, ui, { hide: ['buyerOrgId'] }).map((f) => f.path)).not.toContain('buyerOrgId');
  });

  it('checks values with Chinese messages naming the field', () => {
    expect(checkField(field('title'), '')).toBe('请填写title');
    expect(checkField(field('buyerOrgId'), undefined)).toBe('请填写采购人');
    expect(checkField(field('awardNoticeDate'), '2026-02-30')).toBe('awardNoticeDate应为有效日期（YYYY-MM-DD）');
    expect(checkField(field('amountFen'), 12.345)).toBe('合同金额最多保留两位小数（分）');
    expect(checkField(field('amountFen'), -1)).toBe('合同金额不能小于0');
    expect(checkField(field('payload.voucherNo'), 'x')).toBe('voucherNo至少2个字');
    expect(checkField(field('result'), 'other')).toBe('请选择result');
    expect(checkField(field('amountFen'), undefined, 'en')).toBe('Amount is required');
    expect(
      checkForm(fields, {
        title: '合同',
        buyerOrgId: '01900000-0000-7000-8000-000000000001',
        amountFen: 1,
        awardNoticeDate: '2026-01-05',
        result: 'passed',
        'payload.voucherNo': 'V1',
      }),
    ).toEqual({});
  });

  it('turns form values into API input: 元 to 分, nested paths, blanks left out, the page’s own values fixed', () => {
    const input = toInput(
      fields,
      {
        title: ' 合同 ',
        amountFen: 1234.5,
        awardNoticeDate: '2026-01-05',
        note: '',
        'payload.voucherNo': 'V1',
        supplierSme: true,
      },
      { buyerOrgId: 'b' },
    );
    expect(input).toEqual({
      buyerOrgId: 'b',
      title: '合同',
      amountFen: 123450,
      awardNoticeDate: '2026-01-05',
      payload: { voucherNo: 'V1' },
      supplierSme: true,
    });
    expect(
      contract.safeParse({ ...input, buyerOrgId: '01900000-0000-7000-8000-000000000001', result: 'passed' }).success,
    ).toBe(true);
    // An untouched switch is false.
    expect(toInput(fields, {}).supplierSme).toBe(false);
  });

  it('places the server’s field issues next to their fields and keeps the rest general', () => {
    const placed = placeIssues(fields, [
      { field: 'payload.voucherNo', messageZh: 'payload.voucherNo：凭证号重复', messageEn: 'duplicate' },
      { field: 'status', messageZh: '记录当前状态为“已公示”', messageEn: 'published' },
    ]);
    expect(placed).toEqual({ byField: { 'payload.voucherNo': '凭证号重复' }, general: ['记录当前状态为“已公示”'] });
  });
});

describe('several choices, settings labels, and opening a form on stored values', () => {
  const schema = z.toJSONSchema(
    z.object({
      categories: z
        .array(z.enum(['warning', 'fine']))
        .min(1)
        .optional(),
      graceDays: z.number().int().meta({ title: '宽限天数（日历日）', description: '到期后多少日仍未履行' }),
      fineFen: z.number().int().optional(),
    }),
    { io: 'input' },
  ) as JsonSchema;
  const fields = fieldsOf(
    schema,
    { fineFen: { widget: 'money' } },
    { optionLabels: { fine: { zh: '罚款', en: 'Fine' } } },
  );
  const field = (path: string) => fields.find((f) => f.path === path)!;

  it('an array of an enumeration is a multiple choice, sent as an array (never a single value)', () => {
    expect(field('categories')).toMatchObject({ widget: 'multiselect' });
    expect(field('categories').options.map((o) => o.value)).toEqual(['warning', 'fine']);
    expect(checkField(field('categories'), ['fine', 'other'])).toBe('请选择categories');
    expect(toInput(fields, { categories: ['fine'], graceDays: 3 })).toEqual({ categories: ['fine'], graceDays: 3 });
    expect(toInput(fields, { categories: [], graceDays: 3 })).toEqual({ graceDays: 3 });
  });

  it('a title labels a field and its description helps', () => {
    expect(field('graceDays')).toMatchObject({
      label: { zh: '宽限天数（日历日）' },
      help: { zh: '到期后多少日仍未履行' },
    });
  });

  it('stored values open the form: fen as 元, arrays as they are', () => {
    expect(toValues(fields, { categories: ['fine'], graceDays: 3, fineFen: 2_000_050 })).toEqual({
      categories: ['fine'],
      graceDays: 3,
      fineFen: 20_000.5,
    });
  });
});
