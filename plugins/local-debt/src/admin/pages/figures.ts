import type { AdminPage } from '@chengxin/plugin-sdk/admin';
import { label } from '@chengxin/plugin-sdk/contract';

const page: AdminPage = {
  kind: 'table',
  title: label('年度债务数据', 'Yearly debt figures'),
  procedure: 'localDebt.figures.list',
  createForm: 'figures',
  createProcedure: 'localDebt.figures.save',
  columns: [
    { key: 'orgName', label: label('地区', 'District') },
    { key: 'year', label: label('年度', 'Year') },
    { key: 'balanceFen', label: label('债务余额', 'Balance'), format: 'money' },
    { key: 'capacityFen', label: label('综合财力', 'Capacity'), format: 'money' },
    { key: 'overdueFen', label: label('逾期债务', 'Overdue'), format: 'money' },
  ],
};
export default page;
