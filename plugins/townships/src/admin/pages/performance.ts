import type { AdminPage } from '@chengxin/plugin-sdk/admin';
import { label } from '@chengxin/plugin-sdk/contract';

/**
 * 绩效考核: each street's and township's kept commitments for the year as the plan places them in the township
 * performance assessment (三.6), and the file for the level above (CSV, as `townships.commitments.performanceExport`).
 */
const page: AdminPage = {
  kind: 'report',
  title: label('绩效考核（公开承诺兑现情况）', 'Performance assessment (kept commitments)'),
  procedure: 'townships.commitments.performance',
  params: ['year'],
  file: {
    procedure: 'townships.commitments.performanceExport',
    label: label('导出绩效考核文件（CSV）', 'Export for the assessment (CSV)'),
  },
  view: {
    facts: [
      { key: 'year', label: label('年度', 'Year'), format: 'text' },
      { key: 'asOf', label: label('统计截至', 'As of'), format: 'date' },
    ],
    tables: [
      {
        rows: 'rows',
        title: label('各街道（乡镇）公开承诺兑现情况', 'Commitments kept by street or township'),
        columns: [
          { key: 'orgName', label: label('街道（乡镇）', 'Street or township') },
          { key: 'commitments', label: label('承诺事项', 'Commitments'), format: 'number' },
          { key: 'fully', label: label('全部兑现', 'Fully kept'), format: 'number' },
          { key: 'partly', label: label('部分兑现', 'Partly kept'), format: 'number' },
          { key: 'notKept', label: label('未兑现', 'Not kept'), format: 'number' },
          { key: 'changed', label: label('依法变更', 'Lawfully changed'), format: 'number' },
          { key: 'pending', label: label('未到期或未评定', 'Pending'), format: 'number' },
          { key: 'fullyKeptPct', label: label('全部兑现率', 'Fully kept'), format: 'percent' },
        ],
        totals: [
          { key: 'commitments', sum: true },
          { key: 'fully', sum: true },
          { key: 'partly', sum: true },
          { key: 'notKept', sum: true },
          { key: 'changed', sum: true },
          { key: 'pending', sum: true },
        ],
      },
    ],
  },
};
export default page;
