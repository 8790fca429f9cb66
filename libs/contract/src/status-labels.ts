/**
 * Chinese (and English) labels of the process enumerations the consoles show: objection, repair, complaint and
 * rectification states and outcomes, plugin check states, audit actions. One map per enumeration, keyed by the code
 * the API returns; a code missing here is a bug the no-machine-strings browser walk finds.
 */
import { label } from './labels';

export const OBJECTION_STATUS_LABELS = label<'under_review' | 'extended' | 'decided'>({
  under_review: { zh: '审查中', en: 'Under review' },
  extended: { zh: '已延期', en: 'Extended' },
  decided: { zh: '已作出决定', en: 'Decided' },
});
export const OBJECTION_OUTCOME_LABELS = label<'upheld' | 'corrected' | 'revoked'>({
  upheld: { zh: '维持原记录', en: 'Upheld' },
  corrected: { zh: '更正记录', en: 'Corrected' },
  revoked: { zh: '撤销记录', en: 'Revoked' },
});
export const REPAIR_STATUS_LABELS = label<'under_review' | 'approved' | 'rejected' | 'promise_broken' | 'cancelled'>({
  under_review: { zh: '审查中', en: 'Under review' },
  approved: { zh: '准予修复', en: 'Approved' },
  rejected: { zh: '不予修复', en: 'Rejected' },
  promise_broken: { zh: '违反信用承诺', en: 'Promise broken' },
  cancelled: { zh: '已撤回', en: 'Cancelled' },
});
export const COMPLAINT_STATUS_LABELS = label<'received' | 'accepted' | 'not_ours' | 'duplicate' | 'closed'>({
  received: { zh: '已登记', en: 'Received' },
  accepted: { zh: '已受理', en: 'Accepted' },
  not_ours: { zh: '非本部门职责', en: 'Not ours' },
  duplicate: { zh: '重复投诉', en: 'Duplicate' },
  closed: { zh: '已办结', en: 'Closed' },
});
export const RECTIFICATION_STATUS_LABELS = label<
  'awaiting_explanation' | 'in_progress' | 'completed' | 'verified' | 'cancelled'
>({
  awaiting_explanation: { zh: '待书面说明', en: 'Awaiting explanation' },
  in_progress: { zh: '整改中', en: 'In progress' },
  completed: { zh: '已整改，待核查', en: 'Completed' },
  verified: { zh: '已整改并经核查', en: 'Verified' },
  cancelled: { zh: '已终止', en: 'Cancelled' },
});
/** Verification checks (report verification, audit chain): passed / failed. */
export const CHECK_RESULT_LABELS = label<'passed' | 'failed'>({
  passed: { zh: '通过', en: 'Passed' },
  failed: { zh: '未通过', en: 'Failed' },
});

const zhOnly = (map: Record<string, string>) =>
  Object.fromEntries(Object.entries(map).map(([k, zh]) => [k, { zh, en: k }])) as Record<
    string,
    { zh: string; en: string }
  >;

/** Audit actions as the audit log shows them (the code stays in the entry; a code missing here is shown as code). */
export const AUDIT_ACTION_LABELS = zhOnly({
  'clean_government.read': '查阅廉政记录',
  'honours.eligibility': '查询评优资格',
  'personal_matter.read': '查阅个人有关事项报告',
  'training.read': '查阅培训记录',
  'audit.mac_seal': '审计日志加签',
  'audit.redact': '审计内容脱敏',
  'calendar.mark_official': '工作日历转为正式',
  'calendar.remove': '删除日历安排',
  'calendar.set': '录入日历安排',
  'complaint.close': '投诉办结',
  'complaint.escalate': '投诉逾期督办',
  'complaint.handle': '投诉办理',
  'complaint.submit': '提交投诉',
  'complaint.to_record': '投诉转为信用记录草稿',
  'complaint.triage': '投诉分办',
  'evaluation.publish': '发布评价结果',
  'evaluation.review': '复核评价结果',
  'evaluation.run': '开展评价',
  'exchange.export_data': '导出数据',
  'exchange.import': '导入数据',
  'file.export': '导出诚信档案',
  'file.export_confidential': '导出诚信档案（含保密事项）',
  'file.read': '查阅诚信档案',
  'file.read_confidential': '查阅诚信档案（含保密事项）',
  'inspection.close': '督导检查结束',
  'inspection.create': '新建督导检查',
  'inspection.finding': '登记检查发现',
  'notification.digest': '发送每日提醒',
  'job.retry': '重试后台任务',
  'objection.decide': '异议决定',
  'objection.extend': '异议延期',
  'objection.extension': '异议延期',
  'objection.file': '登记异议',
  'objection.mark': '标注异议',
  'org.create': '新建单位',
  'person.appoint': '登记任职',
  'person.create': '新建人员',
  'person.end_tenure': '登记离任',
  'person.find_by_id_number': '按身份证号查找人员',
  'person.read': '查阅人员信息',
  'person.reveal_id_number': '查看完整身份证号',
  'plugin.configure': '配置插件',
  'plugin.disable': '停用插件',
  'proposal.answer': '答复建议提案',
  'proposal.register': '登记建议提案',
  'record.approve': '审核通过',
  'record.archive': '归档',
  'record.correct': '更正记录',
  'record.create': '新建记录草稿',
  'record.dispute': '标注异议处理中',
  'record.expire': '公示期满',
  'record.honour_override': '表彰限制例外审批',
  'record.ingest': '批量报送记录',
  'record.publish': '公示',
  'record.reject': '退回修改',
  'record.repair': '信用修复',
  'record.restore': '恢复公示',
  'record.revoke': '撤销记录',
  'record.submit': '提交审核',
  'record.transition': '记录状态变更',
  'record.undispute': '取消异议标注',
  'record.withdraw': '撤回草稿',
  'rectification.cancel': '终止整改',
  'rectification.complete': '整改完成',
  'rectification.escalate': '整改逾期督办',
  'rectification.explain': '提交书面说明',
  'rectification.require': '要求整改',
  'rectification.send_back': '整改退回',
  'rectification.verify': '整改核查',
  'repair.approve': '准予信用修复',
  'repair.cancel': '撤回修复申请',
  'repair.decide': '信用修复决定',
  'repair.file': '申请信用修复',
  'repair.promise_broken': '违反信用承诺',
  'repair.reject': '不予信用修复',
  'role.create': '新建角色',
  'role.update': '修改角色权限',
  'token.create': '创建接口令牌',
  'token.revoke': '吊销接口令牌',
  'user.create': '新建用户',
  'user.grant': '授予权限',
  'user.login': '登录',
  'user.reset_password': '重置密码',
  'user.revoke_grant': '收回权限',
  'user.revoke_sessions': '注销登录会话',
  'user.update': '修改用户',
});

/** The kinds of object the audit log names. */
export const AUDIT_ENTITY_LABELS = zhOnly({
  accountability_task: '问责任务',
  api_token: '接口令牌',
  app_user: '用户',
  assessment_result: '考核结果',
  complaint: '投诉',
  credit_record: '信用记录',
  evaluation_run: '评价',
  evaluation_scheme: '评价方案',
  finding: '检查发现',
  inspection: '督导检查',
  objection: '异议',
  org_unit: '单位',
  person: '人员',
  plugin_setting: '插件配置',
  proposal: '建议提案',
  rectification: '整改',
  repair: '信用修复',
  exchange_batch: '报送批次',
  calendar: '工作日历',
  calendar_year: '工作日历（年度安排）',
  calendar_day: '工作日历（调整日）',
  lead: '监测线索',
  criticism_notice: '通报批评',
  self_correction: '主动自新',
  training_completion: '培训记录',
  training_session: '培训班次',
  exchange_import: '数据导入',
  exchange: '数据交换',
  evaluation_external: '第三方评价',
  evaluation_external_release: '第三方评价发布',
  reporting_source: '报送单位',
  role: '角色',
  audit_log: '审计日志',
  notification: '消息',
  background_job: '后台任务',
});

export const INSPECTION_STATUS_LABELS = label<'open' | 'closed' | 'cancelled'>({
  open: { zh: '进行中', en: 'Open' },
  closed: { zh: '已结束', en: 'Closed' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
});
/** The query log's actions (reads of integrity files and personal data), in the order its filter offers them. */
export const ACCESS_LOG_ACTIONS = [
  'file.read',
  'file.read_confidential',
  'file.export',
  'file.export_confidential',
  'person.read',
  'person.find_by_id_number',
  'person.reveal_id_number',
  'personal_matter.read',
  'clean_government.read',
  'training.read',
  'honours.eligibility',
] as const;
/** Complaint categories (COMPLAINT_CATEGORIES), as the console's filter and export show them. */
export const COMPLAINT_CATEGORY_LABELS = label<
  'promise' | 'contract' | 'procurement' | 'service' | 'payment' | 'other'
>({
  promise: { zh: '政府承诺未兑现', en: 'Promise not kept' },
  contract: { zh: '政府违约（合同、协议）', en: 'Contract breached' },
  procurement: { zh: '政府采购、招标投标', en: 'Procurement and tendering' },
  service: { zh: '政务服务失信', en: 'Government service' },
  payment: { zh: '拖欠企业账款', en: 'Payments owed' },
  other: { zh: '其他', en: 'Other' },
});

/** Background jobs (kernel.jobs.list): what each kind does and where it is. */
export const BACKGROUND_JOB_KIND_LABELS = label<'daily' | 'plugin-scans' | 'checkpoint' | 'mail' | 'export'>({
  daily: { zh: '每日任务（到期停止公示、归档、逾期提醒）', en: 'Daily job (expiry, archival, reminders)' },
  'plugin-scans': { zh: '插件规则扫描', en: 'Plugin rule scans' },
  checkpoint: { zh: '审计检查点签名', en: 'Audit checkpoint signing' },
  mail: { zh: '邮件外发', en: 'Email outbox' },
  export: { zh: '报送数据准备（双公示、政务共享）', en: 'Export preparation (disclosure, sharing)' },
});
export const BACKGROUND_JOB_STATE_LABELS = label<'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed'>(
  {
    created: { zh: '等待运行', en: 'Waiting' },
    retry: { zh: '等待重试', en: 'Waiting to retry' },
    active: { zh: '运行中', en: 'Running' },
    completed: { zh: '已完成', en: 'Completed' },
    cancelled: { zh: '已取消', en: 'Cancelled' },
    failed: { zh: '失败', en: 'Failed' },
  },
);
