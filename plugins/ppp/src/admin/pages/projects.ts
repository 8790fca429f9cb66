import type { AdminPage } from '@chengxin/plugin-sdk/admin';
import { label } from '@chengxin/plugin-sdk/contract';
import { REGIME_LABELS, REVIEW_STATE_LABELS } from '../../contract';

const page: AdminPage = {
  kind: 'table',
  title: label('PPP项目', 'PPP projects'),
  procedure: 'ppp.projects.list',
  createForm: 'project',
  columns: [
    { key: 'name', label: label('项目名称', 'Name') },
    { key: 'orgName', label: label('实施机构', 'Implementing body') },
    { key: 'partnerName', label: label('社会资本方', 'Partner') },
    { key: 'regime', label: label('适用机制', 'Regime'), labels: REGIME_LABELS },
    { key: 'reviewState', label: label('合同审查', 'Contract review'), labels: REVIEW_STATE_LABELS },
    { key: 'flags', label: label('提示', 'Flags'), format: 'state' },
  ],
  filters: [
    {
      param: 'signedWithoutReview',
      label: label('合同审查', 'Contract review'),
      options: [
        { value: true, label: label('签署前未经审查（含签署后才审查、审查不同意仍签署）', 'Signed without review') },
        { value: false, label: label('签署前已审查或尚未签署', 'Reviewed or not signed') },
      ],
    },
  ],
  rowActions: [
    { form: 'obligation', procedure: 'ppp.obligations.add', label: label('登记政府方义务', 'Add obligation') },
    { form: 'change', procedure: 'ppp.projects.recordChange', label: label('登记协议变更', 'Record change') },
    {
      form: 'evaluation',
      procedure: 'ppp.projects.recordEvaluation',
      label: label('登记绩效评价', 'Record evaluation'),
    },
    { form: 'failure', procedure: 'ppp.projects.recordFailure', label: label('登记绩效不达标', 'Record failures') },
    { form: 'review', procedure: 'ppp.reviews.record', label: label('登记合同审查', 'Record contract review') },
    { form: 'result', procedure: 'ppp.results.record', label: label('登记实施成效', 'Record results') },
  ],
};
export default page;
