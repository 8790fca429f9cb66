import { defineAdminPlugin } from '@chengxin/plugin-sdk/admin';
import { FORMS, NAV, PLUGIN_ID } from '../contract';

/** The PPP pages, imported by the admin console only when opened. */
export const pppAdmin = defineAdminPlugin({
  id: PLUGIN_ID,
  nav: NAV,
  forms: FORMS,
  pages: {
    projects: () => import('./pages/projects'),
    reviews: () => import('./pages/reviews'),
    results: () => import('./pages/results'),
    affordability: () => import('./pages/affordability'),
  },
});
