import { fileURLToPath } from 'node:url';
import { definePlugin, label, sql } from '@chengxin/plugin-sdk';
import { breachPayload, FORMS, NAV, PLUGIN_ID, pppConfig, resultPayload } from '../contract';
import { affordabilityIndicator } from './affordability';
import { COMMENDATION_TYPE, RESULT_FAILED_TYPE, resultsScan } from './results';
import { pppRouter } from './router';
import { IN_FORCE } from './in-force';
import { RULES } from './rules';
import { BREACH_TYPE, dailyScan, onTimeIndicator, overdueAmountIndicator } from './scan';
import { seedPpp } from './seed';

/** PPP projects: the government side's obligations, its breaches (违约失信) and fiscal affordability. */
export const pppPlugin = definePlugin({
  id: PLUGIN_ID,
  version: '1.0.0',
  label: label('政府和社会资本合作（PPP）', 'Public-private partnerships'),
  description: label(
    'PPP项目政府方义务的履行、单方变更协议、财政承受能力；违约生成失信记录草稿（实施机构及在任主要负责人）',
    'Government obligations in PPP projects, unilateral changes and fiscal affordability; breaches propose draft records for the body and the official in post',
  ),
  recordTypes: [
    {
      key: BREACH_TYPE,
      label: label('PPP项目政府方违约', 'Government breach of a PPP agreement'),
      subjects: ['org', 'person'],
      polarity: 'dishonesty',
      defaultSeverity: 'ordinary',
      repairable: true,
      defaultDisclosure: 'public',
      payload: { version: 1, schema: breachPayload },
    },
    {
      key: COMMENDATION_TYPE,
      label: label('PPP项目实施成效良好', 'Good PPP performance results'),
      subjects: ['org', 'person'],
      polarity: 'commendation',
      defaultSeverity: 'minor',
      repairable: false,
      defaultDisclosure: 'public',
      payload: { version: 1, schema: resultPayload },
    },
    {
      key: RESULT_FAILED_TYPE,
      label: label('PPP项目实施成效未达到预期', 'Failed PPP performance results'),
      subjects: ['org', 'person'],
      polarity: 'dishonesty',
      defaultSeverity: 'ordinary',
      repairable: true,
      defaultDisclosure: 'public',
      payload: { version: 1, schema: resultPayload },
    },
  ],
  permissions: {
    'ppp.projects.read': label('查看PPP项目', 'Read PPP projects'),
    'ppp.projects.write': label(
      '登记PPP项目及其义务、履行、变更、绩效',
      'Register PPP projects, obligations, fulfilment, changes, performance',
    ),
    'ppp.projects.import': label('导入OCDS（PPP）数据', 'Import OCDS PPP data'),
    'ppp.budgets.write': label('报送一般公共预算支出', 'Report general budget expenditure'),
  },
  roles: {
    officer: ['ppp.projects.read', 'ppp.projects.write', 'ppp.projects.import', 'ppp.budgets.write'],
    reviewer: ['ppp.projects.read'],
    viewer: ['ppp.projects.read'],
    auditor: ['ppp.projects.read'],
  },
  config: pppConfig,
  rules: Object.values(RULES).map((r) => ({ ...r, inForce: IN_FORCE[r.id] })),
  migrationsFolder: fileURLToPath(new URL('../../migrations', import.meta.url)),
  subjects: {
    'ppp.project': (ids) =>
      sql`select p.id::text, o.path from ppp.project p join kernel_api.org_unit o on o.id = p.org_id where p.id = any(${ids})`,
    'ppp.obligation': (ids) =>
      sql`select b.id::text, o.path from ppp.obligation b join ppp.project p on p.id = b.project_id join kernel_api.org_unit o on o.id = p.org_id where b.id = any(${ids})`,
  },
  // Obligations and results are judged apart: a body can meet every payment and still fail its results.
  daily: async (rt) => {
    const a = await dailyScan(rt);
    const b = await resultsScan(rt);
    return {
      scanned: a.scanned + b.scanned,
      breaches: a.breaches + b.breaches,
      draftsCreated: a.draftsCreated + b.draftsCreated,
      alreadyProposed: a.alreadyProposed + b.alreadyProposed,
    };
  },
  indicators: [onTimeIndicator, overdueAmountIndicator, affordabilityIndicator],
  forms: FORMS,
  nav: NAV,
  seed: seedPpp,
  router: pppRouter,
});
