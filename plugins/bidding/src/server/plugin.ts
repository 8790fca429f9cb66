import { fileURLToPath } from 'node:url';
import { definePlugin, label, sql } from '@chengxin/plugin-sdk';
import { biddingConfig, breachPayload, FORMS, NAV, PLUGIN_ID } from '../contract';
import { biddingRouter } from './router';
import { IN_FORCE } from './in-force';
import { RULES } from './rules';
import { BREACH_TYPE, compliantIndicator, dailyScan, INTERFERENCE_TYPE } from './scan';
import { seedBidding } from './seed';

/** Tendering and bidding: the government body as tenderer, its statutory time limits and duties; tendering agencies' credit. */
export const biddingPlugin = definePlugin({
  id: PLUGIN_ID,
  version: '1.0.0',
  label: label('招标投标', 'Tendering and bidding'),
  description: label(
    '政府机关作为招标人的法定期限与义务、领导干部干预、招标代理机构信用评价与公开；违法情形生成失信记录草稿',
    "The tenderer body's time limits and duties, officials' interference, tendering agencies' credit evaluation and disclosure; breaches propose draft records",
  ),
  recordTypes: [
    {
      key: BREACH_TYPE,
      label: label('招标人违法失信', 'Tenderer breach'),
      subjects: ['org'],
      polarity: 'dishonesty',
      defaultSeverity: 'ordinary',
      repairable: true,
      defaultDisclosure: 'public',
      payload: { version: 1, schema: breachPayload },
    },
    {
      key: INTERFERENCE_TYPE,
      label: label('领导干部干预招标投标', "Official's interference in tendering"),
      subjects: ['person'],
      polarity: 'dishonesty',
      defaultSeverity: 'serious',
      repairable: false,
      defaultDisclosure: 'government',
      payload: { version: 1, schema: breachPayload },
    },
  ],
  permissions: {
    'bidding.tenders.read': label('查看招标项目', 'Read tenders'),
    'bidding.tenders.write': label(
      '登记招标项目及其日期、澄清、违法情形、干预',
      'Register tenders, dates, clarifications, incidents, interference',
    ),
    'bidding.tenders.import': label('导入OCDS招标数据', 'Import OCDS tender data'),
    'bidding.agencies.read': label('查看招标代理机构信用信息', 'Read tendering agencies'),
    'bidding.agencies.write': label(
      '登记、评价、更正招标代理机构信用评价，登记动态监管信息',
      'Register, evaluate and correct agencies, record supervision',
    ),
    'bidding.agencies.review': label(
      '审核、公布招标代理机构信用评价与动态监管信息',
      'Review and publish agency evaluations and supervision',
    ),
  },
  roles: {
    officer: [
      'bidding.tenders.read',
      'bidding.tenders.write',
      'bidding.tenders.import',
      'bidding.agencies.read',
      'bidding.agencies.write',
    ],
    reviewer: ['bidding.tenders.read', 'bidding.agencies.read', 'bidding.agencies.review'],
    viewer: ['bidding.tenders.read', 'bidding.agencies.read'],
    auditor: ['bidding.tenders.read', 'bidding.agencies.read'],
  },
  config: biddingConfig,
  rules: Object.values(RULES).map((r) => ({ ...r, inForce: IN_FORCE[r.id] })),
  migrationsFolder: fileURLToPath(new URL('../../migrations', import.meta.url)),
  subjects: {
    'bidding.tender': (ids) =>
      sql`select t.id::text, o.path from bidding.tender t join kernel_api.org_unit o on o.id = t.org_id where t.id = any(${ids})`,
  },
  daily: dailyScan,
  indicators: [compliantIndicator],
  forms: FORMS,
  nav: NAV,
  seed: seedBidding,
  router: biddingRouter,
});
