import { defineAdminPlugin } from '@chengxin/plugin-sdk/admin';
import { FORMS, NAV, PLUGIN_ID } from '../contract';

export const localDebtAdmin = defineAdminPlugin({
  id: PLUGIN_ID,
  nav: NAV,
  forms: FORMS,
  pages: {
    figures: () => import('./pages/figures'),
    ratings: () => import('./pages/ratings'),
    'credit-ratings': () => import('./pages/credit-ratings'),
    events: () => import('./pages/events'),
  },
});
