import type { AdminPage } from '@chengxin/plugin-sdk/admin';
import { label } from '@chengxin/plugin-sdk/contract';

const page: AdminPage = {
  kind: 'table',
  title: label('欠款投诉', 'Arrears complaints'),
  procedure: 'procurement.complaints.list',
  createForm: 'arrearsComplaint',
  createProcedure: 'procurement.complaints.receive',
  columns: [
    { key: 'supplierName', label: label('投诉企业', 'Supplier') },
    { key: 'receivedOn', label: label('收到日期', 'Received'), format: 'date' },
    { key: 'forwardDue', label: label('转交期限', 'Forward by'), format: 'date' },
    { key: 'handleDue', label: label('办结期限', 'Handle by'), format: 'date' },
    { key: 'outcome', label: label('办理结果', 'Outcome') },
  ],
};
export default page;
