import type { AdminPage } from '@chengxin/plugin-sdk/admin';
import { label } from '@chengxin/plugin-sdk/contract';

const page: AdminPage = {
  kind: 'report',
  title: label('财政承受能力（上限为配置项，默认10%）', 'Fiscal affordability (cap is a setting, 10 % by default)'),
  procedure: 'ppp.reports.affordability',
  params: ['year'],
  view: {
    facts: [
      { key: 'year', label: label('年度', 'Year'), format: 'text' },
      { key: 'capPct', label: label('财政承受能力上限', 'Cap'), format: 'percent' },
      { key: 'governmentPaysCapPct', label: label('政府付费类项目新上上限', 'Government-pays cap'), format: 'percent' },
    ],
    tables: [
      {
        rows: 'districts',
        title: label('各区财政承受能力', 'Districts'),
        exportName: '财政承受能力',
        columns: [
          { key: 'orgName', label: label('地区', 'District') },
          { key: 'generalExpenditureFen', label: label('一般公共预算支出', 'General expenditure'), format: 'money' },
          { key: 'spendingFen', label: label('PPP项目支出责任', 'PPP spending'), format: 'money' },
          { key: 'ratioPct', label: label('占比', 'Share'), format: 'percent' },
          { key: 'governmentPaysFen', label: label('其中政府付费', 'Government pays'), format: 'money' },
          { key: 'governmentPaysRatioPct', label: label('政府付费占比', 'Government-pays share'), format: 'percent' },
          { key: 'overCap', label: label('超过上限', 'Over the cap'), format: 'yesno' },
          {
            key: 'overGovernmentPaysCap',
            label: label('超过政府付费上限', 'Over the government-pays cap'),
            format: 'yesno',
          },
        ],
      },
      {
        rows: 'missingBudgets',
        title: label('缺少预算数据的地区', 'Districts without budget figures'),
        columns: [{ key: 'orgName', label: label('地区', 'District') }],
      },
    ],
  },
};
export default page;
