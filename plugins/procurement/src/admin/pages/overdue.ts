import type { AdminPage } from '@chengxin/plugin-sdk/admin';
import { label } from '@chengxin/plugin-sdk/contract';

const page: AdminPage = {
  kind: 'report',
  title: label('年度逾期未支付中小企业款项合同', 'Yearly overdue list'),
  procedure: 'procurement.reports.overdueList',
  params: ['year'],
};
export default page;
