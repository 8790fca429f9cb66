import type { AdminPage } from '@chengxin/plugin-sdk/admin';
import { label } from '@chengxin/plugin-sdk/contract';

const page: AdminPage = {
  kind: 'report',
  title: label('债务风险评级', 'Debt risk ratings'),
  procedure: 'localDebt.ratings.list',
  params: ['year'],
  view: {
    tables: [
      {
        rows: '',
        title: label('各区债务风险评级', 'Ratings'),
        exportName: '债务风险评级',
        columns: [
          { key: 'orgName', label: label('地区', 'District') },
          { key: 'year', label: label('年度', 'Year'), format: 'text' },
          { key: 'score', label: label('综合得分', 'Score'), format: 'number' },
          { key: 'tierZh', label: label('风险等级', 'Tier') },
        ],
      },
    ],
  },
};
export default page;
