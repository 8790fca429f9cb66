/**
 * The local-debt plugin's isomorphic contract: yearly debt figures of a district, the indicators and risk rating
 * computed from them, configuration (every threshold and weight is a setting, marked as such), forms and menu.
 */
import { bilingual, fen, id, label, z, type PluginForm, type PluginNavEntry } from '@chengxin/plugin-sdk/contract';

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
  })
  .superRefine((c, ctx) => {
    const sum = INDICATORS.reduce((s, k) => s + c.weights[k], 0);
    if (Math.abs(sum - 1) > 1e-9)
      ctx.addIssue({
        code: 'custom',
        path: ['weights'],
        ...bilingual(`四项指标的权重之和须为1（现为${sum}）`, `weights must add up to 1 (now ${sum})`),
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

export const NAV: PluginNavEntry[] = [
  { key: 'figures', label: label('债务数据', 'Debt figures'), path: 'figures', permission: 'local-debt.figures.read' },
  { key: 'ratings', label: label('风险评级', 'Risk ratings'), path: 'ratings', permission: 'local-debt.figures.read' },
];
