import { defineAdminPlugin } from '@chengxin/plugin-sdk/admin';
import { FORMS, NAV, PLUGIN_ID } from '../contract';

/** The tendering pages, imported by the admin console only when opened. */
export const biddingAdmin = defineAdminPlugin({
  id: PLUGIN_ID,
  nav: NAV,
  forms: FORMS,
  pages: {
    tenders: () => import('./pages/tenders'),
    agencies: () => import('./pages/agencies'),
    'agency-evaluations': () => import('./pages/agency-evaluations'),
    'agency-supervision': () => import('./pages/agency-supervision'),
  },
});
