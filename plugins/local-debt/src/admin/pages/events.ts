import type { AdminPage } from '@chengxin/plugin-sdk/admin';
import { label } from '@chengxin/plugin-sdk/contract';

/** Open events first; measures are added to an event and it is closed with its outcome. */
const page: AdminPage = {
  kind: 'table',
  title: label('地方政府性债务风险事件应急处置', 'Debt risk events and their handling'),
  procedure: 'localDebt.events.list',
  createForm: 'event',
  createProcedure: 'localDebt.events.open',
  columns: [
    { key: 'orgName', label: label('地区', 'District') },
    { key: 'occurredOn', label: label('发生日期', 'Occurred on') },
    { key: 'levelZh', label: label('级别', 'Level') },
    { key: 'title', label: label('事件', 'Event') },
    { key: 'statusZh', label: label('状态', 'Status') },
    { key: 'closedOn', label: label('终结日期', 'Closed on') },
  ],
  rowActions: [
    { form: 'measure', procedure: 'localDebt.events.addMeasure', label: label('登记处置措施', 'Add measure') },
    { form: 'closeEvent', procedure: 'localDebt.events.close', label: label('处置终结', 'Close') },
  ],
};
export default page;
