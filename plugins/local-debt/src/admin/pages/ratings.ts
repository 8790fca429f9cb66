import type { AdminPage } from '@chengxin/plugin-sdk/admin';
import { label } from '@chengxin/plugin-sdk/contract';

const page: AdminPage = {
  kind: 'report',
  title: label('债务风险评级', 'Debt risk ratings'),
  procedure: 'localDebt.ratings.list',
  params: ['year'],
};
export default page;
