import type { AdminPage } from '@chengxin/plugin-sdk/admin';
import { label } from '@chengxin/plugin-sdk/contract';

const page: AdminPage = {
  kind: 'report',
  title: label('财政承受能力（上限为配置项，默认10%）', 'Fiscal affordability (cap is a setting, 10 % by default)'),
  procedure: 'ppp.reports.affordability',
  params: ['year'],
};
export default page;
