import { fileURLToPath } from 'node:url';
import { definePlugin, label, openAccountability, sql } from '@chengxin/plugin-sdk';
import { debtConfig, FORMS, NAV, overduePayload, PLUGIN_ID } from '../contract';
import { dailyScan, OVERDUE_TYPE, riskScoreIndicator } from './figures';
import { RULES } from './rating';
import { localDebtRouter } from './router';
import { seedLocalDebt } from './seed';

/** Local government debt: yearly figures per district, risk ratings, and overdue debt as a proposed record. */
export const localDebtPlugin = definePlugin({
  id: PLUGIN_ID,
  version: '1.0.0',
  label: label('地方政府债务', 'Local government debt'),
  description: label(
    '各区年度债务数据、债务率等指标与风险评级；逾期债务生成失信记录草稿；评级作为评价指标',
    'Yearly debt figures per district, ratios and risk ratings; overdue debt proposes a draft record; the rating feeds the evaluation',
  ),
  recordTypes: [
    {
      key: OVERDUE_TYPE,
      label: label('地方政府债务逾期', 'Overdue local government debt'),
      subjects: ['org'],
      polarity: 'dishonesty',
      defaultSeverity: 'ordinary',
      repairable: true,
      defaultDisclosure: 'public',
      payload: { version: 1, schema: overduePayload },
    },
  ],
  permissions: {
    'local-debt.figures.read': label('查看债务数据与风险评级', 'Read debt figures and ratings'),
    'local-debt.figures.write': label(
      '报送、更正债务数据，登记风险事件及应急处置',
      'Report and correct debt figures, record risk events and their handling',
    ),
    'local-debt.ratings.publish': label('向上级报送政府信用评级', 'Publish credit ratings to the level above'),
  },
  roles: {
    officer: ['local-debt.figures.read', 'local-debt.figures.write'],
    reviewer: ['local-debt.figures.read', 'local-debt.ratings.publish'],
    viewer: ['local-debt.figures.read'],
    auditor: ['local-debt.figures.read'],
  },
  config: debtConfig,
  rules: Object.values(RULES),
  migrationsFolder: fileURLToPath(new URL('../../migrations', import.meta.url)),
  subjects: {
    'local-debt.event': (ids) =>
      sql`select e.id::text, o.path from local_debt.risk_event e join kernel_api.org_unit o on o.id = e.org_id where e.id = any(${ids})`,
  },
  daily: dailyScan,
  // 责任追究: a default (or red tier) approved by a person opens accountability tasks at once (国办函〔2016〕88号).
  onKernelEvent: async (tx, event) => {
    if (event.typeKey !== OVERDUE_TYPE || event.to !== 'approved') return;
    await openAccountability(tx, {
      pluginId: PLUGIN_ID,
      recordId: event.recordId,
      ruleId: RULES.accountability.id,
      reason: '地方政府债务逾期（违约）或红色预警，追究在任主要负责人责任',
    });
  },
  indicators: [riskScoreIndicator],
  forms: FORMS,
  nav: NAV,
  seed: seedLocalDebt,
  router: localDebtRouter,
});
