import { fileURLToPath } from 'node:url';
import { definePlugin, label, sql } from '@chengxin/plugin-sdk';
import { brokenPayload, FORMS, NAV, PLUGIN_ID, townshipsConfig } from '../contract';
import { townshipsRouter } from './router';
import { RULES } from './rules';
import { BROKEN_TYPE, dailyScan, keptIndicator, satisfactionIndicator } from './scan';
import { seedTownships } from './seed';

/** Street and township public commitments in the 14 service areas, on the SDK's promise primitive. */
export const townshipsPlugin = definePlugin({
  id: PLUGIN_ID,
  version: '1.0.0',
  label: label('街道乡镇公开承诺', 'Street and township commitments'),
  description: label(
    '街道（乡镇）在14个服务领域的年度公开承诺：季度进展、群众评价、年终评定、公开承诺栏、诚信街道（乡镇）候选；未兑现生成失信记录草稿',
    'Yearly public commitments of streets and townships in 14 service areas: quarterly progress, public ratings, year-end assessment, public board, integrity-township candidates; commitments not kept propose drafts',
  ),
  recordTypes: [
    {
      key: BROKEN_TYPE,
      label: label('街道（乡镇）公开承诺未兑现', 'Township public commitment not kept'),
      subjects: ['org', 'person'],
      polarity: 'dishonesty',
      defaultSeverity: 'ordinary',
      repairable: true,
      defaultDisclosure: 'public',
      payload: { version: 1, schema: brokenPayload },
    },
  ],
  permissions: {
    'townships.commitments.read': label('查看街道（乡镇）公开承诺', 'Read township commitments'),
    'townships.commitments.write': label(
      '登记、公开承诺，报送进展和变更',
      'Register and publish commitments, report progress and changes',
    ),
    'townships.commitments.assess': label('年终评定公开承诺', 'Assess commitments at year end'),
    'townships.disclosures.read': label('查看政务、财务公开信息', 'Read disclosures'),
    'townships.disclosures.write': label('录入、修改政务、财务公开信息', 'Enter and correct disclosures'),
    'townships.disclosures.review': label('审核、公开政务、财务公开信息', 'Review and publish disclosures'),
  },
  roles: {
    officer: [
      'townships.commitments.read',
      'townships.commitments.write',
      'townships.disclosures.read',
      'townships.disclosures.write',
    ],
    reviewer: [
      'townships.commitments.read',
      'townships.commitments.assess',
      'townships.disclosures.read',
      'townships.disclosures.review',
    ],
    viewer: ['townships.commitments.read', 'townships.disclosures.read'],
    auditor: ['townships.commitments.read', 'townships.disclosures.read'],
  },
  config: townshipsConfig,
  rules: Object.values(RULES),
  migrationsFolder: fileURLToPath(new URL('../../migrations', import.meta.url)),
  subjects: {
    'townships.disclosure': (ids) =>
      sql`select d.id::text, o.path from townships.disclosure d join kernel_api.org_unit o on o.id = d.org_id where d.id = any(${ids})`,
    'townships.commitment': (ids) =>
      sql`select c.id::text, o.path from townships.commitment c join kernel_api.org_unit o on o.id = c.org_id where c.id = any(${ids})`,
  },
  daily: dailyScan,
  indicators: [keptIndicator, satisfactionIndicator],
  forms: FORMS,
  nav: NAV,
  seed: seedTownships,
  router: townshipsRouter,
});
