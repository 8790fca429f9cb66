import type { AdminPage } from '@chengxin/plugin-sdk/admin';
import { label } from '@chengxin/plugin-sdk/contract';

/** Each project with its contract reviews and the finding when the agreement was signed without one. */
const page: AdminPage = {
  kind: 'table',
  title: label('PPP协议签署前合同审查', 'Contract review before signing'),
  procedure: 'ppp.reviews.list',
  columns: [
    { key: 'projectName', label: label('项目名称', 'Project') },
    { key: 'orgName', label: label('实施机构', 'Implementing body') },
    { key: 'agreementDate', label: label('协议签署日期', 'Signed on') },
    { key: 'stateZh', label: label('审查情况', 'Review') },
    { key: 'finding', label: label('问题提示', 'Finding') },
  ],
  rowActions: [{ form: 'review', procedure: 'ppp.reviews.record', label: label('登记合同审查', 'Record review') }],
};
export default page;
