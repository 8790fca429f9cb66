/**
 * Chinese first, English on a switch: antd's own texts through ConfigProvider's locale, ours from this one table (and
 * the kernel's label tables for codes such as states and severities).
 */
import { createContext, useContext } from 'react';
import type { Lang } from '@chengxin/ui';

export const LABELS = {
  appName: { zh: '诚信档案管理平台', en: 'Chengxin Console' },
  login: { zh: '登录', en: 'Sign in' },
  logout: { zh: '退出登录', en: 'Sign out' },
  username: { zh: '用户名', en: 'Username' },
  password: { zh: '密码', en: 'Password' },
  sessionExpired: { zh: '登录已过期或已在别处退出，请重新登录', en: 'Your session has ended; please sign in again' },
  home: { zh: '工作台', en: 'Home' },
  orgs: { zh: '单位与档案', en: 'Bodies and files' },
  persons: { zh: '公务员', en: 'Civil servants' },
  records: { zh: '信用记录', en: 'Credit records' },
  newRecord: { zh: '录入记录', en: 'New record' },
  review: { zh: '审核队列', en: 'Review queue' },
  processes: { zh: '办理事项', en: 'Cases' },
  objections: { zh: '异议', en: 'Objections' },
  complaints: { zh: '投诉举报', en: 'Complaints' },
  repairs: { zh: '信用修复', en: 'Credit repair' },
  rectifications: { zh: '限期整改', en: 'Rectifications' },
  inspections: { zh: '专项督导', en: 'Inspections' },
  plugins: { zh: '行业插件', en: 'Sector plugins' },
  pluginSettings: { zh: '插件管理', en: 'Manage plugins' },
  admin: { zh: '系统管理', en: 'Administration' },
  users: { zh: '用户与授权', en: 'Users and grants' },
  audit: { zh: '审计日志', en: 'Audit log' },
  tokens: { zh: '接口令牌', en: 'API tokens' },
  calendar: { zh: '工作日历', en: 'Working-day calendar' },
  changePassword: { zh: '修改密码', en: 'Change password' },
  exportExcel: { zh: '导出Excel', en: 'Export to Excel' },
  inbox: { zh: '我的消息', en: 'Messages' },
  platform: { zh: '双公示报送', en: 'Platform batches' },
  myTasks: { zh: '我的待办', en: 'My tasks' },
  deadline: { zh: '期限', en: 'Deadline' },
  overdue: { zh: '已逾期', en: 'Overdue' },
  countsByState: { zh: '记录状态', en: 'Records by state' },
  coverage: { zh: '档案覆盖率', en: 'File coverage' },
  recentActivity: { zh: '最近动态', en: 'Recent activity' },
  byDistrictMonth: { zh: '各区每月记录数', en: 'Records by district and month' },
  severityMix: { zh: '失信记录严重程度', en: 'Severity mix (dishonesty)' },
  forbidden: { zh: '没有权限', en: 'Permission denied' },
  forbiddenText: {
    zh: '您没有查看此页面的权限，或该对象不在您的管辖范围内。',
    en: 'You may not open this page, or the subject lies outside your scope.',
  },
  notFound: { zh: '页面不存在', en: 'Page not found' },
  search: { zh: '查找', en: 'Search' },
  searchOrgs: { zh: '按名称或统一社会信用代码查找单位', en: 'Search bodies by name or credit code' },
  searchPersons: { zh: '按姓名查找公务员', en: 'Search civil servants by name' },
  openFile: { zh: '查看档案', en: 'Open file' },
  integrityFile: { zh: '诚信档案', en: 'Integrity file' },
  standing: { zh: '当前信用状况', en: 'Current standing' },
  timeline: { zh: '记录时间线', en: 'Timeline' },
  sanctions: { zh: '处分及影响期', en: 'Sanctions and impact periods' },
  assessments: { zh: '年度考核', en: 'Annual assessments' },
  processList: { zh: '异议、修复与整改', en: 'Objections, repairs, rectifications' },
  eligibility: { zh: '资格判断', en: 'Eligibility' },
  versions: { zh: '版本历史', en: 'Version history' },
  events: { zh: '流转记录', en: 'History' },
  submit: { zh: '提交审核', en: 'Submit' },
  approve: { zh: '审核通过', en: 'Approve' },
  reject: { zh: '退回', en: 'Reject' },
  publish: { zh: '公示', en: 'Publish' },
  revoke: { zh: '撤销', en: 'Revoke' },
  reason: { zh: '理由', en: 'Reason' },
  reasonRequired: { zh: '请填写理由', en: 'A reason is required' },
  saveDraft: { zh: '保存草稿', en: 'Save draft' },
  fileObjection: { zh: '登记异议', en: 'File objection' },
  decide: { zh: '作出决定', en: 'Decide' },
  extend: { zh: '延长期限', en: 'Extend' },
  enabled: { zh: '已启用', en: 'Enabled' },
  disabled: { zh: '未启用', en: 'Disabled' },
  enable: { zh: '启用', en: 'Enable' },
  disable: { zh: '停用', en: 'Disable' },
  configure: { zh: '配置', en: 'Configure' },
  save: { zh: '保存', en: 'Save' },
  cancel: { zh: '取消', en: 'Cancel' },
  back: { zh: '返回', en: 'Back' },
  create: { zh: '新建', en: 'Create' },
  verifyChain: { zh: '校验审计链', en: 'Verify the chain' },
  selected: { zh: '已选', en: 'Selected' },
  all: { zh: '全部', en: 'All' },
  subject: { zh: '记录主体', en: 'Subject' },
  org: { zh: '单位', en: 'Body' },
  person: { zh: '个人', en: 'Person' },
  recordType: { zh: '记录类型', en: 'Record type' },
  status: { zh: '状态', en: 'Status' },
  severity: { zh: '严重程度', en: 'Severity' },
  decisionDate: { zh: '决定日期', en: 'Decision date' },
  scope: { zh: '管辖范围', en: 'Scope' },
  wholeCity: { zh: '全市', en: 'Whole city' },
  loading: { zh: '加载中…', en: 'Loading…' },
  done: { zh: '操作成功', en: 'Done' },
  import: { zh: '导入数据', en: 'Import' },
  evaluation: { zh: '政务诚信评价', en: 'Evaluation' },
  schemes: { zh: '评价方案', en: 'Schemes' },
  runs: { zh: '评价结果', en: 'Results' },
  rollups: { zh: '逐级汇总', en: 'Roll-up' },
} as const;

export type LabelKey = keyof typeof LABELS;

export const LangContext = createContext<{ lang: Lang; setLang: (l: Lang) => void }>({
  lang: 'zh',
  setLang: () => undefined,
});

export function useLang() {
  const { lang, setLang } = useContext(LangContext);
  const t = (key: LabelKey) => LABELS[key][lang];
  /** A label pair from a plugin or the kernel. */
  const l = (pair: { zh: string; en: string } | undefined | null) => (pair ? pair[lang] : '');
  return { lang, setLang, t, l };
}
