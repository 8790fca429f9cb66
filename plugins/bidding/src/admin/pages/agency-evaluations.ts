import type { AdminPage } from '@chengxin/plugin-sdk/admin';
import { label } from '@chengxin/plugin-sdk/contract';

/** Evaluations waiting for review first, then for publication; the published ones last. */
const page: AdminPage = {
  kind: 'table',
  title: label('代理机构信用评价审核与公布', 'Agency evaluations: review and publication'),
  procedure: 'bidding.agencies.evaluations',
  columns: [
    { key: 'agencyName', label: label('机构名称', 'Agency') },
    { key: 'year', label: label('年度', 'Year') },
    { key: 'total', label: label('得分', 'Score') },
    { key: 'grade', label: label('等级', 'Grade') },
    { key: 'statusZh', label: label('状态', 'Status') },
    { key: 'reviewNote', label: label('审核意见', 'Review note') },
    { key: 'publishedOn', label: label('公布日期', 'Published on') },
  ],
  rowActions: [
    { form: 'reviewEvaluation', procedure: 'bidding.agencies.reviewEvaluation', label: label('审核', 'Review') },
    { form: 'correctEvaluation', procedure: 'bidding.agencies.correctEvaluation', label: label('更正', 'Correct') },
    { form: 'publishEvaluation', procedure: 'bidding.agencies.publishEvaluation', label: label('公布', 'Publish') },
  ],
};
export default page;
