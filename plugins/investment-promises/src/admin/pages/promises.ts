import type { AdminPage } from '@chengxin/plugin-sdk/admin';
import { label } from '@chengxin/plugin-sdk/contract';

const page: AdminPage = {
  kind: 'table',
  title: label('招商引资承诺', 'Investment promises'),
  procedure: 'investmentPromises.promises.list',
  createForm: 'promise',
  createProcedure: 'investmentPromises.promises.register',
  columns: [
    { key: 'title', label: label('承诺事项', 'Promise') },
    { key: 'orgName', label: label('承诺主体', 'Body') },
    { key: 'beneficiaryName', label: label('企业', 'Enterprise') },
    { key: 'amountFen', label: label('承诺金额', 'Amount'), format: 'money' },
    { key: 'progress.status', label: label('状态', 'Status'), format: 'state' },
    { key: 'progress.percent', label: label('完成进度（%）', 'Progress (%)') },
    { key: 'fairCompetition.unlawful', label: label('自始违法', 'Unlawful from the start') },
  ],
  rowActions: [
    {
      form: 'evidence',
      procedure: 'investmentPromises.promises.recordEvidence',
      label: label('登记兑现', 'Record fulfilment'),
    },
    {
      form: 'change',
      procedure: 'investmentPromises.promises.recordChange',
      label: label('登记变更', 'Record change'),
    },
    {
      form: 'complaint',
      procedure: 'investmentPromises.complaints.receive',
      label: label('登记企业投诉', 'Register complaint'),
    },
  ],
};
export default page;
