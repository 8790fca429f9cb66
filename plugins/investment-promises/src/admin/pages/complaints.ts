import type { AdminPage } from '@chengxin/plugin-sdk/admin';
import { label } from '@chengxin/plugin-sdk/contract';

const page: AdminPage = {
  kind: 'table',
  title: label('企业投诉核查', 'Enterprise complaints'),
  procedure: 'investmentPromises.complaints.list',
  columns: [
    { key: 'promiseTitle', label: label('承诺事项', 'Promise') },
    { key: 'orgName', label: label('承诺主体', 'Body') },
    { key: 'receivedOn', label: label('收到日期', 'Received') },
    { key: 'forwardState', label: label('转交时限', 'Forwarding'), format: 'state' },
    { key: 'verifyState', label: label('核实时限', 'Verification'), format: 'state' },
  ],
};
export default page;
