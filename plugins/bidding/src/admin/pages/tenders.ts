import type { AdminPage } from '@chengxin/plugin-sdk/admin';
import { label } from '@chengxin/plugin-sdk/contract';

const page: AdminPage = {
  kind: 'table',
  title: label('招标项目', 'Tenders'),
  procedure: 'bidding.tenders.list',
  createForm: 'tender',
  columns: [
    { key: 'project', label: label('项目名称', 'Project') },
    { key: 'orgName', label: label('招标人', 'Tenderer') },
    { key: 'issueDate', label: label('招标文件发出', 'Issued'), format: 'date' },
    { key: 'bidDeadline', label: label('投标截止', 'Deadline'), format: 'date' },
    { key: 'breaches', label: label('违法情形', 'Breaches'), format: 'state' },
  ],
  rowActions: [
    { form: 'dates', procedure: 'bidding.tenders.recordDates', label: label('登记后续日期', 'Record dates') },
    { form: 'clarification', procedure: 'bidding.tenders.addClarification', label: label('登记澄清', 'Clarification') },
    { form: 'incident', procedure: 'bidding.tenders.recordIncident', label: label('登记违法情形', 'Incident') },
    { form: 'interference', procedure: 'bidding.tenders.recordInterference', label: label('登记干预', 'Interference') },
  ],
};
export default page;
