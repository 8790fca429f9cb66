/**
 * The local-debt plugin's isomorphic contract: yearly debt figures of a district, the indicators and risk rating
 * computed from them, configuration (every threshold and weight is a setting, marked as such), forms and menu.
 */
import {
  bilingual,
  fen,
  id,
  label,
  legalDate,
  z,
  type PluginForm,
  type PluginNavEntry,
} from '@chengxin/plugin-sdk/contract';

export const PLUGIN_ID = 'local-debt';

export const figureInput = z
  .object({
    orgId: id.meta({ description: '区人民政府' }),
    year: z.number().int().min(2000).max(2100),
    /** 债务余额 at year end. */
    balanceFen: fen,
    /** 综合财力: the denominator of the ratios. */
    capacityFen: fen.refine((v) => v > 0, bilingual('综合财力须大于零', 'financial capacity must be positive')),
    /** 当年应还本付息额. */
    principalInterestDueFen: fen,
    /** 逾期债务额. */
    overdueFen: fen,
    /** 当年新增债务额. */
    newDebtFen: fen,
  })
  .superRefine((f, ctx) => {
    if (f.overdueFen > f.balanceFen)
      ctx.addIssue({
        code: 'custom',
        path: ['overdueFen'],
        ...bilingual('逾期债务不能超过债务余额', 'overdue debt cannot exceed the balance'),
      });
    if (f.newDebtFen > f.balanceFen)
      ctx.addIssue({
        code: 'custom',
        path: ['newDebtFen'],
        ...bilingual('新增债务不能超过债务余额', 'new debt cannot exceed the balance'),
      });
  });
export type FigureInput = z.infer<typeof figureInput>;

export const INDICATORS = ['debtRatio', 'newDebtRatio', 'serviceRatio', 'overdueRatio'] as const;
export type IndicatorKey = (typeof INDICATORS)[number];
export const INDICATOR_LABELS: Record<IndicatorKey, { zh: string; en: string; formulaZh: string }> = {
  debtRatio: { zh: '债务率', en: 'Debt ratio', formulaZh: '债务余额 ÷ 综合财力' },
  newDebtRatio: { zh: '新增债务率', en: 'New-debt ratio', formulaZh: '当年新增债务额 ÷ 上年末债务余额' },
  serviceRatio: { zh: '偿债率', en: 'Debt-service ratio', formulaZh: '当年还本付息额 ÷ 综合财力' },
  overdueRatio: { zh: '逾期债务率', en: 'Overdue ratio', formulaZh: '逾期债务额 ÷ 债务余额' },
};

export const TIERS = ['none', 'yellow', 'orange', 'red'] as const;
export type Tier = (typeof TIERS)[number];
export const TIER_LABELS: Record<Tier, { zh: string; en: string }> = {
  none: label('无预警', 'No warning'),
  yellow: label('黄色预警', 'Yellow'),
  orange: label('橙色预警', 'Orange'),
  red: label('红色预警', 'Red'),
};

const share = z.number().min(0).max(1);
/**
 * Per-agency configuration. None of these numbers is statute (docs/DOMAIN.md marks the weights [2nd] and the 债务率
 * colours [?]): each is a setting with the default shown, changed by the agency's admin and audited.
 */
export const debtConfig = z
  .object({
    /** [2nd] Weights of the four indicators in the composite score; they must add up to 1. */
    weights: z
      .object({
        debtRatio: share.meta({ title: '权重：债务率', description: '0–1，四项之和为1' }).default(0.4),
        newDebtRatio: share.meta({ title: '权重：新增债务率', description: '0–1，四项之和为1' }).default(0.2),
        serviceRatio: share.meta({ title: '权重：偿债率', description: '0–1，四项之和为1' }).default(0.2),
        overdueRatio: share.meta({ title: '权重：逾期债务率', description: '0–1，四项之和为1' }).default(0.2),
      })
      .prefault({}),
    /** [?] The value of each indicator at which its part of the score reaches 100 (maximum risk). */
    limits: z
      .object({
        debtRatio: z
          .number()
          .positive()
          .default(1.2)
          .meta({ title: '满分阈值：债务率', description: '指标达到该值时该项风险得分为100' }),
        newDebtRatio: z
          .number()
          .positive()
          .default(0.2)
          .meta({ title: '满分阈值：新增债务率', description: '指标达到该值时该项风险得分为100' }),
        serviceRatio: z
          .number()
          .positive()
          .default(0.2)
          .meta({ title: '满分阈值：偿债率', description: '指标达到该值时该项风险得分为100' }),
        overdueRatio: z
          .number()
          .positive()
          .default(0.5)
          .meta({ title: '满分阈值：逾期债务率', description: '指标达到该值时该项风险得分为100' }),
      })
      .prefault({}),
    /** [2nd] Overdue-ratio warning tiers (Guangdong plan): yellow from 10 %, orange from 20 %, red from 50 % (以上 includes 50 %). */
    overdueTiers: z
      .object({
        yellow: share.default(0.1).meta({ title: '黄色预警：逾期债务率起点', description: '0–1，默认0.1（10%）' }),
        orange: share.default(0.2).meta({ title: '橙色预警：逾期债务率起点', description: '0–1，默认0.2（20%）' }),
        red: share.default(0.5).meta({ title: '红色预警：逾期债务率起点', description: '0–1，默认0.5（50%，含本数）' }),
      })
      .prefault({}),
    /** [?] Who the proposed records name as issuing authority until an officer confirms. */
    issuingAuthority: z
      .string()
      .min(1)
      .max(200)
      .default('天津市财政局')
      .meta({ title: '草稿中的认定机关', description: '规则提出草稿时暂填的认定机关，经办人确认前须核实' }),
    /**
     * [?] The government credit rating's method (no national scale was found; local choice, labelled as such): the
     * grade follows the composite risk score — below `bounds.AAA` AAA, below `bounds.AA` AA … at or above `bounds.B` C —
     * and the overdue-debt warning caps it (`tierCaps`: yellow at most A, orange at most B, red C).
     */
    creditRating: z
      .object({
        bounds: z
          .object({
            AAA: z.number().min(0).max(100).default(30),
            AA: z.number().min(0).max(100).default(45),
            A: z.number().min(0).max(100).default(60),
            B: z.number().min(0).max(100).default(75),
          })
          .prefault({}),
        tierCaps: z
          .object({
            yellow: z.enum(['AAA', 'AA', 'A', 'B', 'C']).default('A'),
            orange: z.enum(['AAA', 'AA', 'A', 'B', 'C']).default('B'),
            red: z.enum(['AAA', 'AA', 'A', 'B', 'C']).default('C'),
          })
          .prefault({}),
      })
      .prefault({}),
  })
  .superRefine((c, ctx) => {
    const sum = INDICATORS.reduce((s, k) => s + c.weights[k], 0);
    if (Math.abs(sum - 1) > 1e-9)
      ctx.addIssue({
        code: 'custom',
        path: ['weights'],
        ...bilingual(`四项指标的权重之和须为1（现为${sum}）`, `weights must add up to 1 (now ${sum})`),
      });
    const b = c.creditRating.bounds;
    if (!(b.AAA < b.AA && b.AA < b.A && b.A < b.B))
      ctx.addIssue({
        code: 'custom',
        path: ['creditRating', 'bounds'],
        ...bilingual('信用等级分数线须递增', 'grade bounds must increase'),
      });
    if (!(c.overdueTiers.yellow < c.overdueTiers.orange && c.overdueTiers.orange < c.overdueTiers.red))
      ctx.addIssue({ code: 'custom', path: ['overdueTiers'], ...bilingual('预警档次须递增', 'tiers must increase') });
  });
export type DebtConfig = z.infer<typeof debtConfig>;

export const figureOut = z.object({
  id,
  orgId: id,
  orgName: z.string(),
  year: z.number(),
  balanceFen: z.number(),
  capacityFen: z.number(),
  principalInterestDueFen: z.number(),
  overdueFen: z.number(),
  newDebtFen: z.number(),
  updatedAt: z.string(),
});
export const ratingOut = z.object({
  orgId: id,
  orgName: z.string(),
  year: z.number(),
  indicators: z.array(
    z.object({
      key: z.enum(INDICATORS),
      labelZh: z.string(),
      formulaZh: z.string(),
      value: z.number(),
      limit: z.number(),
      weight: z.number(),
      points: z.number(),
    }),
  ),
  score: z.number(),
  tier: z.enum(TIERS),
  tierZh: z.string(),
  previous: z.object({ year: z.number(), score: z.number(), tier: z.enum(TIERS) }).nullable(),
});
export type RatingOut = z.infer<typeof ratingOut>;

/** 政府信用评级: a grade per district and year, from the debt indicators (the method is the setting creditRating). */
export const GRADES = ['AAA', 'AA', 'A', 'B', 'C'] as const;
export type Grade = (typeof GRADES)[number];
export const GRADE_LABELS: Record<Grade, { zh: string; en: string; meaningZh: string }> = {
  AAA: { zh: 'AAA（信用优良）', en: 'AAA (excellent)', meaningZh: '债务风险低，按期偿还，无逾期预警' },
  AA: { zh: 'AA（信用良好）', en: 'AA (good)', meaningZh: '债务风险较低，偿债能力有保障' },
  A: { zh: 'A（信用较好）', en: 'A (fair)', meaningZh: '债务风险可控，个别指标偏高或有黄色预警' },
  B: { zh: 'B（信用一般）', en: 'B (weak)', meaningZh: '债务风险较高或有橙色预警，须制定化解计划' },
  C: { zh: 'C（信用较差）', en: 'C (poor)', meaningZh: '债务风险高或红色预警，须启动应急处置并追究责任' },
};
export const creditRatingOut = z.object({
  orgId: id,
  orgName: z.string(),
  year: z.number(),
  score: z.number(),
  tier: z.enum(TIERS),
  tierZh: z.string(),
  grade: z.enum(GRADES),
  gradeZh: z.string(),
  /** Why this grade: the score against the bounds, and the warning cap when it applied. */
  explanation: z.string(),
  /** What was published to the level above, if it was; differs from the computed grade after a correction. */
  published: z
    .object({ grade: z.enum(GRADES), score: z.number(), publishedOn: z.string(), explanation: z.string() })
    .nullable(),
  changedSincePublished: z.boolean(),
});
export const creditRatingInput = z.object({ orgId: id, year: z.number().int().min(2000).max(2100) });

/** 应急处置 (国办函〔2016〕88号): a debt risk event of a district, the measures taken, its closure. */
export const EVENT_LEVELS = ['I', 'II', 'III', 'IV'] as const;
export const EVENT_LEVEL_LABELS = {
  I: label('Ⅰ级（特大）', 'Level I'),
  II: label('Ⅱ级（重大）', 'Level II'),
  III: label('Ⅲ级（较大）', 'Level III'),
  IV: label('Ⅳ级（一般）', 'Level IV'),
} as const;
export const eventInput = z.object({
  orgId: id.meta({ description: '区人民政府' }),
  occurredOn: legalDate,
  level: z.enum(EVENT_LEVELS),
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().min(1).max(4000),
});
export const measureInput = z.object({
  eventId: id,
  takenOn: legalDate,
  measure: z.string().trim().min(1).max(2000),
});
export const closeEventInput = z.object({
  eventId: id,
  closedOn: legalDate,
  closure: z.string().trim().min(1).max(4000),
});
export const eventListInput = z.object({
  orgId: id.optional(),
  status: z.enum(['open', 'closed']).optional(),
  limit: z.number().int().min(1).max(500).default(100),
});
export const eventOut = z.object({
  id,
  orgId: id,
  orgName: z.string(),
  occurredOn: z.string(),
  level: z.enum(EVENT_LEVELS),
  levelZh: z.string(),
  title: z.string(),
  description: z.string(),
  measures: z.array(z.object({ takenOn: z.string(), measure: z.string() })),
  status: z.enum(['open', 'closed']),
  statusZh: z.string(),
  closedOn: z.string().nullable(),
  closure: z.string().nullable(),
});

export const overduePayload = z.object({
  year: z.number().int(),
  overdueFen: z.number().int().min(0),
  balanceFen: z.number().int().min(0),
  overdueRatio: z.number().min(0).max(1),
  tier: z.enum(TIERS),
  proposedBy: z.record(z.string(), z.unknown()).optional(),
});

export const FORMS: Record<string, PluginForm> = {
  figures: {
    title: label('报送年度债务数据', 'Report yearly debt figures'),
    schema: figureInput,
    ui: {
      orgId: { label: label('地区', 'District'), widget: 'org', order: 1 },
      year: { label: label('年度', 'Year'), widget: 'number', order: 2 },
      balanceFen: { label: label('债务余额', 'Debt balance'), widget: 'money', order: 3 },
      capacityFen: { label: label('综合财力', 'Financial capacity'), widget: 'money', order: 4 },
      principalInterestDueFen: {
        label: label('当年还本付息额', 'Principal and interest due'),
        widget: 'money',
        order: 5,
      },
      overdueFen: { label: label('逾期债务额', 'Overdue'), widget: 'money', order: 6 },
      newDebtFen: { label: label('新增债务额', 'New debt'), widget: 'money', order: 7 },
    },
  },
};

FORMS['creditPublish'] = {
  title: label('向上级报送信用评级', 'Publish the credit rating to the level above'),
  schema: creditRatingInput,
  ui: {
    orgId: { label: label('地区', 'District'), widget: 'org', order: 1 },
    year: { label: label('年度', 'Year'), widget: 'number', order: 2 },
  },
};
FORMS['event'] = {
  title: label('登记债务风险事件', 'Record a debt risk event'),
  schema: eventInput,
  ui: {
    orgId: { label: label('地区', 'District'), widget: 'org', order: 1 },
    occurredOn: { label: label('发生日期', 'Occurred on'), widget: 'date', order: 2 },
    level: { label: label('事件级别', 'Level'), widget: 'select', order: 3 },
    title: { label: label('事件名称', 'Title'), order: 4 },
    description: { label: label('事件情况', 'Description'), widget: 'textarea', order: 5 },
  },
};
FORMS['measure'] = {
  title: label('登记处置措施', 'Record a measure'),
  schema: measureInput,
  ui: {
    takenOn: { label: label('采取日期', 'Taken on'), widget: 'date', order: 1 },
    measure: { label: label('处置措施', 'Measure'), widget: 'textarea', order: 2 },
  },
};
FORMS['closeEvent'] = {
  title: label('应急处置终结', 'Close the event'),
  schema: closeEventInput,
  ui: {
    closedOn: { label: label('终结日期', 'Closed on'), widget: 'date', order: 1 },
    closure: { label: label('处置结果与后期处置', 'Outcome'), widget: 'textarea', order: 2 },
  },
};

export const NAV: PluginNavEntry[] = [
  { key: 'figures', label: label('债务数据', 'Debt figures'), path: 'figures', permission: 'local-debt.figures.read' },
  { key: 'ratings', label: label('风险评级', 'Risk ratings'), path: 'ratings', permission: 'local-debt.figures.read' },
  {
    key: 'credit-ratings',
    label: label('政府信用评级', 'Government credit ratings'),
    path: 'credit-ratings',
    permission: 'local-debt.figures.read',
  },
  {
    key: 'events',
    label: label('风险事件应急处置', 'Risk events'),
    path: 'events',
    permission: 'local-debt.figures.read',
  },
];
