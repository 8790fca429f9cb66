import type { AdminPage } from '@chengxin/plugin-sdk/admin';
import { label } from '@chengxin/plugin-sdk/contract';

/** 动态监管 entries of the agencies; each is disclosed on the portal once published. */
const page: AdminPage = {
  kind: 'table',
  title: label('招标代理机构动态监管信息', 'Agency supervision information'),
  procedure: 'bidding.agencies.supervision',
  columns: [
    { key: 'agencyName', label: label('机构名称', 'Agency') },
    { key: 'kindZh', label: label('类别', 'Kind') },
    { key: 'occurredOn', label: label('日期', 'On') },
    { key: 'summary', label: label('事项', 'Summary') },
    { key: 'outcome', label: label('处理结果', 'Outcome') },
    { key: 'statusZh', label: label('状态', 'Status') },
  ],
  rowActions: [
    { form: 'publishSupervision', procedure: 'bidding.agencies.publishSupervision', label: label('公开', 'Publish') },
  ],
};
export default page;
