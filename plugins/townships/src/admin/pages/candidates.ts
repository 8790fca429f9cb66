import type { AdminPage } from '@chengxin/plugin-sdk/admin';
import { label } from '@chengxin/plugin-sdk/contract';

const page: AdminPage = {
  kind: 'report',
  title: label('诚信街道（乡镇）候选', 'Integrity township candidates'),
  procedure: 'townships.public.candidates',
  params: ['year'],
  view: {
    tables: [
      {
        rows: 'items',
        title: label('候选名单（标准与权重为配置项）', 'Candidates (criteria and weights are settings)'),
        exportName: '诚信街道乡镇候选',
        columns: [
          { key: 'rank', label: label('排名', 'Rank'), format: 'number' },
          { key: 'orgName', label: label('街道（乡镇）', 'Township') },
          { key: 'districtName', label: label('所属区', 'District') },
          { key: 'score', label: label('得分', 'Score'), format: 'number' },
          { key: 'eligible', label: label('符合候选条件', 'Eligible'), format: 'yesno' },
          { key: 'commitments', label: label('承诺事项', 'Commitments'), format: 'number' },
          { key: 'fullyKeptPct', label: label('全部兑现比例', 'Fully kept'), format: 'percent' },
          { key: 'notKept', label: label('未兑现', 'Not kept'), format: 'number' },
          { key: 'satisfaction', label: label('群众满意度', 'Satisfaction'), format: 'number' },
          { key: 'ratings', label: label('评价数', 'Ratings'), format: 'number' },
          { key: 'dishonestyRecords', label: label('失信记录', 'Dishonesty records'), format: 'number' },
        ],
      },
    ],
  },
};
export default page;
