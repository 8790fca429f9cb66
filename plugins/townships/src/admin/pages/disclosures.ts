import type { AdminPage } from '@chengxin/plugin-sdk/admin';
import { label } from '@chengxin/plugin-sdk/contract';

/** Items waiting for review first; each is published on the township's board only after review. */
const page: AdminPage = {
  kind: 'table',
  title: label('街道（乡镇）政务、财务公开', 'Township administrative and financial disclosure'),
  procedure: 'townships.disclosures.list',
  createForm: 'disclosure',
  createProcedure: 'townships.disclosures.create',
  columns: [
    { key: 'orgName', label: label('街道（乡镇）', 'Street or township') },
    { key: 'year', label: label('年度', 'Year') },
    { key: 'quarter', label: label('季度', 'Quarter') },
    { key: 'kindZh', label: label('类别', 'Kind') },
    { key: 'title', label: label('项目', 'Item') },
    { key: 'amountFen', label: label('金额', 'Amount'), format: 'money' },
    { key: 'statusZh', label: label('状态', 'Status') },
    { key: 'reviewNote', label: label('审核意见', 'Review note') },
    { key: 'publishedOn', label: label('公开日期', 'Published on') },
  ],
  rowActions: [
    { form: 'disclosureReview', procedure: 'townships.disclosures.review', label: label('审核', 'Review') },
    { form: 'disclosureCorrect', procedure: 'townships.disclosures.correct', label: label('修改', 'Correct') },
    { form: 'disclosurePublish', procedure: 'townships.disclosures.publish', label: label('公开', 'Publish') },
  ],
};
export default page;
