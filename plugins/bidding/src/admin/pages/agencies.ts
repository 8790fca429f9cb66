import type { AdminPage } from '@chengxin/plugin-sdk/admin';
import { label } from '@chengxin/plugin-sdk/contract';

const page: AdminPage = {
  kind: 'table',
  title: label('招标代理机构（信用评价指标体系为配置项）', 'Tendering agencies (the indicator system is a setting)'),
  procedure: 'bidding.agencies.list',
  createForm: 'agency',
  createProcedure: 'bidding.agencies.register',
  columns: [
    { key: 'name', label: label('机构名称', 'Name') },
    { key: 'uscc', label: label('统一社会信用代码', 'USCC') },
    { key: 'qualification', label: label('资格', 'Qualification') },
    { key: 'qualificationValidUntil', label: label('资格有效期至', 'Qualification valid until') },
  ],
  rowActions: [
    { form: 'report', procedure: 'bidding.agencies.attachReport', label: label('上传信用报告', 'Attach report') },
    { form: 'evaluation', procedure: 'bidding.agencies.evaluate', label: label('信用评价', 'Evaluate') },
    {
      form: 'supervision',
      procedure: 'bidding.agencies.recordSupervision',
      label: label('登记动态监管信息', 'Record supervision'),
    },
  ],
};
export default page;
