/**
 * The permission catalogue, named `<owner>.<resource>.<action>`. The kernel declares its own here; each plugin will
 * declare its own through the SDK. Roles are data (kernel.role) holding permissions or patterns (`owner.*`, `*`).
 */
export const KERNEL_PERMISSIONS = {
  'kernel.orgs.read': { zh: '查看单位', en: 'Read org units' },
  'kernel.orgs.write': { zh: '维护单位', en: 'Maintain org units' },
  'kernel.persons.read': { zh: '查看人员（身份证号脱敏）', en: 'Read persons (ID numbers masked)' },
  'kernel.persons.write': { zh: '维护人员与任职', en: 'Maintain persons and posts' },
  'kernel.persons.merge': {
    zh: '合并跨区重复登记的人员（全市）',
    en: 'Merge duplicate registrations of a person (city-wide)',
  },
  'kernel.persons.reveal': {
    zh: '查看完整身份证号（每次查看均记入审计）',
    en: 'Reveal an ID number (each reveal is audited)',
  },
  'kernel.records.read': { zh: '查看信用记录', en: 'Read credit records' },
  'kernel.records.write': { zh: '录入、提交、更正信用记录', en: 'Enter, submit and correct records' },
  'kernel.records.ingest': { zh: '批量报送信用记录', en: 'Ingest records in bulk' },
  'kernel.records.review': { zh: '审核、公示、撤销信用记录', en: 'Review, publish and revoke records' },
  'kernel.files.read': { zh: '查看诚信档案', en: 'Read integrity files' },
  'kernel.rules.read': { zh: '查看规则表', en: 'Read the rule tables' },
  'kernel.calendar.read': { zh: '查看工作日历与期限', en: 'Read the working-day calendar and deadlines' },
  'kernel.calendar.manage': {
    zh: '维护工作日历（节假日调整）',
    en: 'Maintain the working-day calendar (holiday overrides)',
  },
  'kernel.users.manage': { zh: '管理用户与授权', en: 'Manage users and grants' },
  'kernel.roles.manage': { zh: '管理角色', en: 'Manage roles' },
  'kernel.tokens.manage': { zh: '管理接口令牌', en: 'Manage integrator API tokens' },
  'kernel.objections.read': { zh: '查看异议', en: 'Read objections' },
  'kernel.objections.file': { zh: '登记异议申请', en: 'File objections' },
  'kernel.objections.decide': { zh: '处理异议（延期、决定）', en: 'Extend and decide objections' },
  'kernel.repairs.read': { zh: '查看信用修复申请', en: 'Read credit repairs' },
  'kernel.repairs.file': { zh: '登记信用修复申请', en: 'File credit repairs' },
  'kernel.repairs.decide': { zh: '审核信用修复（批准、驳回、认定违反承诺）', en: 'Decide credit repairs' },
  'kernel.complaints.read': {
    zh: '查看投诉举报（不含投诉人联系方式）',
    en: "Read complaints (never complainants' contacts)",
  },
  'kernel.complaints.handle': {
    zh: '办理投诉举报（受理、转办、办结、生成记录）',
    en: 'Handle complaints (triage, close, turn into a record)',
  },
  'kernel.rectifications.read': { zh: '查看限期整改与问责任务', en: 'Read rectifications and accountability tasks' },
  'kernel.rectifications.file': {
    zh: '报送书面说明、整改方案和整改完成情况',
    en: 'File explanations, plans and completion of rectifications',
  },
  'kernel.rectifications.verify': {
    zh: '核验整改、办结问责任务',
    en: 'Verify rectifications and close accountability tasks',
  },
  'kernel.supervision.read': { zh: '查看专项督导与建议提案办理', en: 'Read inspections and proposals' },
  'kernel.supervision.manage': {
    zh: '组织专项督导、登记建议提案及其办理',
    en: 'Run inspections; register and answer proposals',
  },
  'kernel.eligibility.read': { zh: '查询考核、评优、晋升资格', en: 'Ask eligibility (assessment, honours, promotion)' },
  'kernel.jobs.run': {
    zh: '运行定时任务（到期停止公示、归档），查看后台任务并重试失败的任务',
    en: 'Run scheduled jobs (publication expiry, archival); see background jobs and retry a failed one',
  },
  'kernel.audit.read': { zh: '查看审计日志与查询日志', en: 'Read the audit and query logs' },
  'kernel.audit.verify': { zh: '校验审计链', en: 'Verify the audit chain' },
  'kernel.assessments.write': { zh: '录入年度考核结果（人事部门）', en: 'Enter annual assessment results (HR)' },
  'kernel.training.write': {
    zh: '维护诚信教育课程、培训班次和学时（含导入培训台账）',
    en: 'Maintain integrity-training courses, sessions and completions (incl. register imports)',
  },
  'kernel.commendations.override': {
    zh: '对有有效失信记录的主体批准表彰（须说明理由，记入审计）',
    en: 'Let an honour through despite an effective dishonesty record (reasoned, audited)',
  },
  'kernel.confidential.read': {
    zh: '查看个人有关事项报告和廉政记录（保密）',
    en: 'Read personal-matter reports and clean-government records (confidential)',
  },
  'kernel.confidential.write': {
    zh: '登记个人有关事项报告、核查结果和廉政记录（保密）',
    en: 'Enter personal-matter reports, their checks and clean-government records (confidential)',
  },
  'kernel.coverage.read': { zh: '查看档案覆盖率与报送完整性', en: 'Read file coverage and reporting completeness' },
  'kernel.reporting.manage': { zh: '维护报送单位及报送日历', en: 'Maintain reporting sources and their calendars' },
  'kernel.reporting.declare': { zh: '报送零报告（本期无信用记录）', en: 'Declare a nil report for a period' },
  'kernel.plugins.read': { zh: '查看插件及其启用情况', en: 'Read plugins and where they are enabled' },
  'kernel.plugins.manage': {
    zh: '启用、停用、配置插件（本辖区）',
    en: 'Enable, disable and configure plugins (own subtree)',
  },
  'kernel.exchange.import': { zh: '导入信用记录文件（CSV/XLSX/JSON）', en: 'Import record files (CSV/XLSX/JSON)' },
  'kernel.exchange.export': {
    zh: '向市级/国家平台报送批次并确认',
    en: 'Send batches to the city/national platform and acknowledge them',
  },
  'kernel.exchange.feed': { zh: '读取变更订阅（新增/变更/撤下）', en: 'Read the changed-since feed' },
  'kernel.plugins.scan': {
    zh: '运行插件的规则扫描（只生成草稿记录）',
    en: "Run a plugin's rule scan (proposes drafts only)",
  },
  'kernel.evaluation.read': {
    zh: '查看政务诚信评价方案和结果（含未公布的）',
    en: 'Read evaluation schemes and results (incl. unpublished)',
  },
  'kernel.evaluation.manage': {
    zh: '制定评价方案、计算评价、导入第三方评价、导出结果',
    en: 'Define schemes, run evaluations, import third-party results, export',
  },
  'kernel.evaluation.review': { zh: '审核并公布评价结果', en: 'Review and publish evaluation results' },
  'kernel.rollups.read': { zh: '查看辖区逐级汇总', en: 'Read subtree roll-ups' },
  'kernel.leads.read': { zh: '查看监测线索及其研判', en: 'Read monitoring leads and their triage' },
  'kernel.leads.submit': {
    zh: '报送、导入监测线索（裁判文书、舆情、第三方）',
    en: 'Submit and import monitoring leads (courts, news, third parties)',
  },
  'kernel.leads.triage': {
    zh: '研判线索（排除、合并、确定单位、转为记录草稿）',
    en: 'Triage leads (dismiss, merge, resolve the body, turn into a draft record)',
  },
  'kernel.notices.read': { zh: '查看公开通报批评（含草稿）', en: 'Read criticism notices (drafts included)' },
  'kernel.notices.draft': {
    zh: '起草、修改、提交公开通报批评（上级对下级）',
    en: 'Draft, edit and submit criticism notices (the level above)',
  },
  'kernel.notices.review': {
    zh: '复核、发布、撤回公开通报批评（起草人以外的人员）',
    en: 'Review, publish and withdraw criticism notices (not the drafter)',
  },
  'kernel.selfCorrections.read': {
    zh: '查看主动自新申请与决定',
    en: 'Read self-correction applications and decisions',
  },
  'kernel.selfCorrections.file': { zh: '登记主动自新申请', en: 'File self-correction applications' },
  'kernel.selfCorrections.decide': {
    zh: '审查主动自新申请，决定从轻或免于实施惩戒措施',
    en: 'Decide self-correction applications (measures lightened or waived)',
  },
} as const satisfies Record<string, { zh: string; en: string }>;

export type KernelPermission = keyof typeof KERNEL_PERMISSIONS;
/** Any owner's permission (plugins add their own). */
export type Permission = `${string}.${string}.${string}`;
export type Access = Permission | 'public' | 'authenticated';

/** The kernel's read permissions: what every role reads, and all a plugin-limited grant may use of the kernel. */
export const KERNEL_READ: readonly KernelPermission[] = [
  'kernel.orgs.read',
  'kernel.persons.read',
  'kernel.records.read',
  'kernel.files.read',
  'kernel.rules.read',
  'kernel.calendar.read',
  'kernel.objections.read',
  'kernel.repairs.read',
  'kernel.eligibility.read',
  'kernel.complaints.read',
  'kernel.rectifications.read',
  'kernel.supervision.read',
  'kernel.plugins.read',
  'kernel.coverage.read',
  'kernel.rollups.read',
  'kernel.notices.read',
  'kernel.selfCorrections.read',
];

/** Built-in roles: kept in step with this table at every start; administrators add their own roles beside them. */
const KERNEL_ROLES: Record<string, { zh: string; en: string; permissions: readonly string[] }> = {
  admin: { zh: '系统管理员', en: 'Administrator', permissions: ['*'] },
  officer: {
    zh: '信用信息录入员',
    en: 'Record officer',
    permissions: [
      ...KERNEL_READ,
      'kernel.plugins.scan',
      'kernel.assessments.write',
      'kernel.training.write',
      'kernel.reporting.declare',
      'kernel.records.write',
      'kernel.records.ingest',
      'kernel.exchange.import',
      'kernel.persons.write',
      'kernel.objections.file',
      'kernel.repairs.file',
      'kernel.rectifications.file',
      'kernel.leads.read',
      'kernel.leads.submit',
      'kernel.leads.triage',
      'kernel.notices.draft',
      'kernel.selfCorrections.file',
    ],
  },
  reviewer: {
    zh: '审核员',
    en: 'Reviewer',
    permissions: [
      ...KERNEL_READ,
      'kernel.evaluation.read',
      'kernel.evaluation.review',
      'kernel.records.review',
      'kernel.objections.decide',
      'kernel.repairs.decide',
      'kernel.complaints.handle',
      'kernel.rectifications.verify',
      'kernel.supervision.manage',
      'kernel.commendations.override',
      'kernel.notices.review',
      'kernel.selfCorrections.decide',
      'kernel.exchange.import',
      'kernel.exchange.export',
      'kernel.exchange.feed',
      'kernel.leads.read',
      'kernel.leads.triage',
    ],
  },
  personnel: {
    zh: '组织人事（保密事项）',
    en: 'Personnel (confidential matters)',
    permissions: [
      ...KERNEL_READ,
      'kernel.confidential.read',
      'kernel.confidential.write',
      'kernel.assessments.write',
      'kernel.training.write',
    ],
  },
  evaluator: {
    zh: '评价人员（发展改革、人民银行）',
    en: 'Evaluator',
    permissions: [...KERNEL_READ, 'kernel.evaluation.read', 'kernel.evaluation.manage'],
  },
  viewer: { zh: '查询员', en: 'Viewer', permissions: [...KERNEL_READ, 'kernel.exchange.feed'] },
  auditor: {
    zh: '审计员',
    en: 'Auditor',
    permissions: [
      ...KERNEL_READ,
      'kernel.evaluation.read',
      'kernel.audit.read',
      'kernel.audit.verify',
      'kernel.leads.read',
    ],
  },
};

const pluginRolePermissions = new Map<string, string[]>();

/** Plugins add their permissions to the built-in roles (an officer of a sector agency enters that sector's data). */
export function registerRolePermissions(role: string, permissions: readonly string[]): void {
  if (!(role in KERNEL_ROLES) || role === 'admin')
    throw new Error(
      `a plugin can only extend the built-in roles officer, reviewer, viewer, auditor, personnel (not ${role})`,
    );
  pluginRolePermissions.set(role, [...new Set([...(pluginRolePermissions.get(role) ?? []), ...permissions])]);
}

/** The built-in roles with what installed plugins add to them; re-synced into kernel.role at every start. */
export function builtinRoles(): Record<string, { zh: string; en: string; permissions: readonly string[] }> {
  return Object.fromEntries(
    Object.entries(KERNEL_ROLES).map(([key, r]) => [
      key,
      { ...r, permissions: [...r.permissions, ...(pluginRolePermissions.get(key) ?? [])] },
    ]),
  );
}

/** The kernel's own built-in roles (before plugins add theirs). */
export const BUILTIN_ROLES = KERNEL_ROLES;

const catalogue = new Map<string, { zh: string; en: string }>(Object.entries(KERNEL_PERMISSIONS));

/** Plugins register their permissions at start-up (names must start with their own id). */
export function registerPermissions(owner: string, permissions: Record<string, { zh: string; en: string }>): void {
  for (const [name, label] of Object.entries(permissions)) {
    if (!name.startsWith(`${owner}.`) || name.split('.').length !== 3)
      throw new Error(`permission ${name} must be named ${owner}.<resource>.<action>`);
    catalogue.set(name, label);
  }
}

export function permissionCatalogue(): { name: string; zh: string; en: string }[] {
  return [...catalogue].map(([name, l]) => ({ name, ...l })).sort((a, b) => a.name.localeCompare(b.name));
}

/** A role entry is an exact permission, `owner.*`, `owner.resource.*` or `*`. */
export function isPermissionPattern(p: string): boolean {
  if (p === '*') return true;
  if (p.endsWith('.*')) return [...catalogue.keys()].some((name) => name.startsWith(p.slice(0, -1)));
  return catalogue.has(p);
}

/** Whether a set of role entries allows one permission. */
export function permits(entries: readonly string[], permission: string): boolean {
  return entries.some(
    (e) => e === '*' || e === permission || (e.endsWith('.*') && permission.startsWith(e.slice(0, -1))),
  );
}

/** Whether a set of role entries includes everything another entry allows (for delegation: no escalation). */
export function includesEntry(entries: readonly string[], entry: string): boolean {
  if (entry === '*') return entries.includes('*');
  if (entry.endsWith('.*'))
    return entries.some((e) => e === '*' || (e.endsWith('.*') && entry.startsWith(e.slice(0, -1))));
  return permits(entries, entry);
}
