import { defineAdminPlugin } from '@chengxin/plugin-sdk/admin';
import { FORMS, NAV, PLUGIN_ID } from '../contract';

export const townshipsAdmin = defineAdminPlugin({
  id: PLUGIN_ID,
  nav: NAV,
  forms: FORMS,
  pages: {
    commitments: () => import('./pages/commitments'),
    candidates: () => import('./pages/candidates'),
    disclosures: () => import('./pages/disclosures'),
    performance: () => import('./pages/performance'),
  },
});
