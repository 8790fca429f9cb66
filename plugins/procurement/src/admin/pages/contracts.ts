import type { AdminPage } from '@chengxin/plugin-sdk/admin';
import { label } from '@chengxin/plugin-sdk/contract';

const page: AdminPage = {
  kind: 'table',
  title: label('采购合同', 'Contracts'),
  procedure: 'procurement.contracts.list',
  createForm: 'contract',
  duplicateCheck: {
    search: 'title',
    fields: ['title', 'supplierName'],
    label: label('同一合同名称和供应商的合同', 'a contract with the same name and supplier'),
  },
  columns: [
    { key: 'title', label: label('合同名称', 'Title') },
    { key: 'buyerName', label: label('采购人', 'Buyer') },
    { key: 'supplierName', label: label('供应商', 'Supplier') },
    { key: 'amountFen', label: label('金额', 'Amount'), format: 'money' },
    { key: 'compliance.payment.due', label: label('付款期限', 'Payment due'), format: 'date' },
    { key: 'compliance.payment.state', label: label('付款情况', 'Payment'), format: 'state' },
  ],
  rowActions: [
    { form: 'payment', procedure: 'procurement.contracts.recordPayment', label: label('登记付款', 'Record payment') },
    {
      form: 'acceptance',
      procedure: 'procurement.contracts.recordAcceptance',
      label: label('登记验收', 'Record acceptance'),
    },
  ],
};
export default page;
