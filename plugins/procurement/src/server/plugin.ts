import { fileURLToPath } from 'node:url';
import { definePlugin, label, sql } from '@chengxin/plugin-sdk';
import { breachPayloadV2, FORMS, NAV, PLUGIN_ID, procurementConfig } from '../contract';
import { procurementRouter } from './router';
import { IN_FORCE } from './in-force';
import { RULES } from './rules';
import { BREACH_TYPE, dailyScan, paymentOnTimeIndicator } from './scan';
import { seedProcurement } from './seed';

/** Government procurement: contracts in which a body is the buyer, and the breaches they produce. */
export const procurementPlugin = definePlugin({
  id: PLUGIN_ID,
  version: '1.0.0',
  label: label('政府采购', 'Government procurement'),
  description: label(
    '采购合同的签订、验收、向中小企业付款期限，欠款投诉与年度逾期公开；违约生成失信记录草稿',
    'Contract signing, acceptance and SME payment deadlines, arrears complaints and the yearly overdue list; breaches propose draft records',
  ),
  recordTypes: [
    {
      key: BREACH_TYPE,
      label: label('政府采购合同违约', 'Procurement contract breach'),
      subjects: ['org', 'person'], // person: the contract's responsible official (诚信责任制)
      polarity: 'dishonesty',
      defaultSeverity: 'ordinary',
      repairable: true,
      defaultDisclosure: 'public',
      payload: {
        version: 2,
        schema: breachPayloadV2,
        // Version 1 stored the contract as `contract` and the rule as `rule`, with no amounts.
        upcasters: {
          1: (old) => ({
            contractId: old['contract'],
            ruleId: old['rule'],
            due: null,
            outstandingFen: 0,
            daysLate: 0,
            interestFen: 0,
          }),
        },
      },
    },
  ],
  permissions: {
    'procurement.contracts.read': label('查看采购合同', 'Read procurement contracts'),
    'procurement.contracts.write': label(
      '登记采购合同及其签订、交付、验收、付款',
      'Register contracts and their signing, delivery, acceptance, payments',
    ),
    'procurement.contracts.import': label('导入OCDS采购数据', 'Import OCDS procurement data'),
    'procurement.complaints.read': label('查看欠款投诉', 'Read arrears complaints'),
    'procurement.complaints.handle': label('办理欠款投诉', 'Handle arrears complaints'),
  },
  roles: {
    officer: [
      'procurement.contracts.read',
      'procurement.contracts.write',
      'procurement.contracts.import',
      'procurement.complaints.read',
      'procurement.complaints.handle',
    ],
    reviewer: ['procurement.contracts.read', 'procurement.complaints.read', 'procurement.complaints.handle'],
    viewer: ['procurement.contracts.read', 'procurement.complaints.read'],
    auditor: ['procurement.contracts.read', 'procurement.complaints.read'],
  },
  config: procurementConfig,
  rules: Object.values(RULES).map((r) => ({ ...r, inForce: IN_FORCE[r.id] })),
  migrationsFolder: fileURLToPath(new URL('../../migrations', import.meta.url)),
  subjects: {
    'procurement.contract': (ids) =>
      sql`select c.id::text, o.path from procurement.contract c join kernel_api.org_unit o on o.id = c.buyer_org_id where c.id = any(${ids})`,
    'procurement.complaint': (
      ids,
    ) => sql`select x.id::text, o.path from procurement.arrears_complaint x join procurement.contract c on c.id = x.contract_id
      join kernel_api.org_unit o on o.id = c.buyer_org_id where x.id = any(${ids})`,
  },
  daily: dailyScan,
  indicators: [paymentOnTimeIndicator],
  forms: FORMS,
  nav: NAV,
  seed: seedProcurement,
  router: procurementRouter,
});
