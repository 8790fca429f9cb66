import type { AdminPage } from '@chengxin/plugin-sdk/admin';
import { label } from '@chengxin/plugin-sdk/contract';
import { SERVICE_AREA_LABELS } from '../../contract';

const page: AdminPage = {
  kind: 'table',
  title: label('街道（乡镇）公开承诺', 'Township public commitments'),
  procedure: 'townships.commitments.list',
  createForm: 'commitment',
  columns: [
    { key: 'orgName', label: label('街道（乡镇）', 'Street or township') },
    { key: 'year', label: label('年度', 'Year') },
    { key: 'area', label: label('服务领域', 'Area'), labels: SERVICE_AREA_LABELS },
    { key: 'title', label: label('承诺事项', 'Commitment') },
    { key: 'progress.percent', label: label('完成进度（%）', 'Progress (%)') },
    { key: 'progress.status', label: label('状态', 'Status'), format: 'state' },
    { key: 'ratings.satisfaction', label: label('满意度', 'Satisfaction') },
  ],
  rowActions: [
    {
      form: 'progress',
      procedure: 'townships.commitments.reportProgress',
      label: label('报送季度进展', 'Report progress'),
    },
    { form: 'change', procedure: 'townships.commitments.recordChange', label: label('登记变更', 'Record change') },
    { form: 'assess', procedure: 'townships.commitments.assess', label: label('年终评定', 'Assess') },
  ],
};
export default page;
