import { defineAdminPlugin } from '@chengxin/plugin-sdk/admin';
import { FORMS, NAV, PLUGIN_ID } from '../contract';

/** The procurement pages, imported by the admin console only when opened. */
export const procurementAdmin = defineAdminPlugin({
  id: PLUGIN_ID,
  nav: NAV,
  forms: FORMS,
  pages: {
    contracts: () => import('./pages/contracts'),
    complaints: () => import('./pages/complaints'),
    overdue: () => import('./pages/overdue'),
  },
});
