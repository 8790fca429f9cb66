import { fileURLToPath } from 'node:url';
import { definePlugin, label, sql } from '@chengxin/plugin-sdk';
import { breachPayload, FORMS, investmentConfig, NAV, PLUGIN_ID } from '../contract';
import { investmentPromisesRouter } from './router';
import { RULES } from './rules';
import { BREACH_TYPE, dailyScan, keptOnTimeIndicator, overdueAmountIndicator, unlawfulIndicator } from './scan';
import { seedInvestmentPromises } from './seed';

/** Investment-promotion promises to enterprises, on the SDK's promise primitive. */
export const investmentPromisesPlugin = definePlugin({
  id: PLUGIN_ID,
  version: '1.0.0',
  label: label('招商引资承诺', 'Investment-promotion promises'),
  description: label(
    '政府对企业的政策承诺和投资协议：公平竞争审查、兑现进度、依法变更、企业投诉核实；失信生成记录草稿（承诺主体及在任主要负责人）',
    'Policy promises and investment agreements to enterprises: fair-competition check, progress, lawful change, complaints; breaches propose drafts for the body and the official in post',
  ),
  recordTypes: [
    {
      key: BREACH_TYPE,
      label: label('招商引资承诺违约失信', 'Broken investment-promotion promise'),
      subjects: ['org', 'person'],
      polarity: 'dishonesty',
      defaultSeverity: 'ordinary',
      repairable: true,
      defaultDisclosure: 'public',
      payload: { version: 1, schema: breachPayload },
    },
  ],
  permissions: {
    'investment-promises.promises.read': label('查看招商引资承诺', 'Read investment promises'),
    'investment-promises.promises.write': label(
      '登记招商引资承诺及其兑现、变更',
      'Register promises, fulfilment and changes',
    ),
    'investment-promises.complaints.handle': label(
      '登记、转交、核实企业投诉',
      'Receive, forward and verify enterprise complaints',
    ),
  },
  roles: {
    officer: [
      'investment-promises.promises.read',
      'investment-promises.promises.write',
      'investment-promises.complaints.handle',
    ],
    reviewer: ['investment-promises.promises.read'],
    viewer: ['investment-promises.promises.read'],
    auditor: ['investment-promises.promises.read'],
  },
  config: investmentConfig,
  rules: Object.values(RULES),
  migrationsFolder: fileURLToPath(new URL('../../migrations', import.meta.url)),
  subjects: {
    'investment-promises.promise': (ids) =>
      sql`select p.id::text, o.path from investment_promises.promise p join kernel_api.org_unit o on o.id = p.org_id where p.id = any(${ids})`,
    'investment-promises.milestone': (ids) =>
      sql`select m.id::text, o.path from investment_promises.milestone m join investment_promises.promise p on p.id = m.promise_id join kernel_api.org_unit o on o.id = p.org_id where m.id = any(${ids})`,
    'investment-promises.complaint': (ids) =>
      sql`select c.id::text, o.path from investment_promises.complaint c join investment_promises.promise p on p.id = c.promise_id join kernel_api.org_unit o on o.id = p.org_id where c.id = any(${ids})`,
  },
  daily: dailyScan,
  indicators: [keptOnTimeIndicator, overdueAmountIndicator, unlawfulIndicator],
  forms: FORMS,
  nav: NAV,
  seed: seedInvestmentPromises,
  router: investmentPromisesRouter,
});
