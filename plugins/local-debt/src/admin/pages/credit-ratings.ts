import type { AdminPage } from '@chengxin/plugin-sdk/admin';
import { label } from '@chengxin/plugin-sdk/contract';

/** Last year's grade of each district with its reasons and what was published to the level above. */
const page: AdminPage = {
  kind: 'table',
  title: label(
    '政府信用评级（上一年度；评级方法为配置项）',
    'Government credit ratings (last year; the method is a setting)',
  ),
  procedure: 'localDebt.creditRatings.list',
  createForm: 'creditPublish',
  createProcedure: 'localDebt.creditRatings.publish',
  columns: [
    { key: 'orgName', label: label('地区', 'District') },
    { key: 'year', label: label('年度', 'Year') },
    { key: 'score', label: label('风险得分', 'Risk score') },
    { key: 'tierZh', label: label('预警', 'Warning') },
    { key: 'gradeZh', label: label('信用等级', 'Grade') },
    { key: 'explanation', label: label('评级依据', 'Why') },
    { key: 'published.grade', label: label('已报送等级', 'Published grade') },
    { key: 'published.publishedOn', label: label('报送日期', 'Published on') },
  ],
};
export default page;
