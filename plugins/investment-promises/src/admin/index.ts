import { defineAdminPlugin } from '@chengxin/plugin-sdk/admin';
import { FORMS, NAV, PLUGIN_ID } from '../contract';

export const investmentPromisesAdmin = defineAdminPlugin({
  id: PLUGIN_ID,
  nav: NAV,
  forms: FORMS,
  pages: { promises: () => import('./pages/promises'), complaints: () => import('./pages/complaints') },
});
