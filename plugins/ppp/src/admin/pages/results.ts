import type { AdminPage } from '@chengxin/plugin-sdk/admin';
import { label } from '@chengxin/plugin-sdk/contract';

/** Results are recorded from the project list (登记实施成效); here each with the drafts the scan proposed from it. */
const page: AdminPage = {
  kind: 'table',
  title: label('PPP项目实施成效', 'PPP performance results'),
  procedure: 'ppp.results.list',
  columns: [
    { key: 'projectName', label: label('项目名称', 'Project') },
    { key: 'orgName', label: label('实施机构', 'Implementing body') },
    { key: 'year', label: label('年度', 'Year') },
    { key: 'resultZh', label: label('实施成效', 'Result') },
    { key: 'assessor', label: label('评定机构', 'Assessor') },
    { key: 'assessedOn', label: label('评定日期', 'Assessed on') },
    { key: 'summary', label: label('说明', 'Summary') },
  ],
};
export default page;
