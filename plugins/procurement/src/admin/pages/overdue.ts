import type { AdminPage } from '@chengxin/plugin-sdk/admin';
import { label } from '@chengxin/plugin-sdk/contract';

const page: AdminPage = {
  kind: 'report',
  title: label('年度逾期未支付中小企业款项合同', 'Yearly overdue list'),
  procedure: 'procurement.reports.overdueList',
  params: ['year'],
  view: {
    facts: [
      { key: 'asOf', label: label('统计截至', 'As of'), format: 'date' },
      { key: 'publishBy', label: label('应于此日前公开（条例第十八条）', 'Publish by (§18)'), format: 'date' },
      { key: 'totals.contracts', label: label('逾期合同数', 'Overdue contracts'), format: 'number' },
      { key: 'totals.overdueFen', label: label('逾期未付金额合计', 'Overdue in total'), format: 'money' },
    ],
    tables: [
      {
        rows: 'contracts',
        title: label('逾期未支付中小企业款项的合同', 'Contracts with overdue SME payments'),
        exportName: '年度逾期合同',
        columns: [
          { key: 'buyerName', label: label('采购人', 'Buyer') },
          { key: 'title', label: label('合同名称', 'Contract') },
          { key: 'supplierName', label: label('供应商', 'Supplier') },
          { key: 'amountFen', label: label('合同金额', 'Amount'), format: 'money' },
          { key: 'due', label: label('付款期限', 'Due'), format: 'date' },
          { key: 'overdueFen', label: label('逾期未付金额', 'Overdue'), format: 'money' },
        ],
        totals: [
          { key: 'amountFen', sum: true },
          { key: 'overdueFen', from: 'totals.overdueFen' },
        ],
      },
      {
        rows: 'bodies',
        title: label('按采购人汇总', 'By buyer'),
        exportName: '年度逾期合同（按采购人）',
        columns: [
          { key: 'buyerName', label: label('采购人', 'Buyer') },
          { key: 'contracts', label: label('逾期合同数', 'Contracts'), format: 'number' },
          { key: 'overdueFen', label: label('逾期未付金额', 'Overdue'), format: 'money' },
        ],
        totals: [
          { key: 'contracts', from: 'totals.contracts' },
          { key: 'overdueFen', from: 'totals.overdueFen' },
        ],
      },
    ],
  },
};
export default page;
