/** Stable English codes in storage and API; Chinese and English labels in this one place. */
export const label = <T extends string>(map: Record<T, { zh: string; en: string }>) => map;

export const SUBJECT_KINDS = ['org', 'person'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

export const ORG_LEVELS = ['city', 'district', 'street'] as const;
export type OrgLevel = (typeof ORG_LEVELS)[number];
export const ORG_LEVEL_LABELS = label<OrgLevel>({
  city: { zh: '市级', en: 'City' },
  district: { zh: '区级', en: 'District' },
  street: { zh: '街道/乡镇级', en: 'Street / township' },
});

export const ORG_KINDS = ['government', 'department', 'street_office', 'township_government', 'institution'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];
export const ORG_KIND_LABELS = label<OrgKind>({
  government: { zh: '人民政府', en: "People's government" },
  department: { zh: '政府工作部门', en: 'Government department' },
  street_office: { zh: '街道办事处', en: 'Street office' },
  township_government: { zh: '乡镇人民政府', en: 'Township government' },
  institution: { zh: '事业单位', en: 'Public institution' },
});

export const POLARITIES = ['dishonesty', 'commendation'] as const;
export type Polarity = (typeof POLARITIES)[number];
export const POLARITY_LABELS = label<Polarity>({
  dishonesty: { zh: '失信', en: 'Dishonesty' },
  commendation: { zh: '守信', en: 'Commendation' },
});

export const SEVERITIES = ['minor', 'ordinary', 'serious'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const SEVERITY_LABELS = label<Severity>({
  minor: { zh: '轻微', en: 'Minor' },
  ordinary: { zh: '一般', en: 'Ordinary' },
  serious: { zh: '严重', en: 'Serious' },
});

export const SANCTION_TYPES = ['warning', 'demerit', 'major_demerit', 'demotion', 'removal', 'dismissal'] as const;
export type SanctionType = (typeof SANCTION_TYPES)[number];
export const SANCTION_LABELS = label<SanctionType>({
  warning: { zh: '警告', en: 'Warning' },
  demerit: { zh: '记过', en: 'Demerit' },
  major_demerit: { zh: '记大过', en: 'Major demerit' },
  demotion: { zh: '降级', en: 'Demotion' },
  removal: { zh: '撤职', en: 'Removal from post' },
  dismissal: { zh: '开除', en: 'Dismissal' },
});

export const DISCLOSURE_SCOPES = ['public', 'government', 'none'] as const;
export type DisclosureScope = (typeof DISCLOSURE_SCOPES)[number];
export const DISCLOSURE_LABELS = label<DisclosureScope>({
  public: { zh: '社会公开', en: 'Public' },
  government: { zh: '政务共享', en: 'Government sharing only' },
  none: { zh: '不公开', en: 'Not disclosed' },
});

export const RECORD_STATUSES = [
  'draft',
  'submitted',
  'approved',
  'published',
  'expired',
  'repaired',
  'revoked',
  'archived',
  'withdrawn',
] as const;
export type RecordStatus = (typeof RECORD_STATUSES)[number];
export const RECORD_STATUS_LABELS = label<RecordStatus>({
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '待审核', en: 'Submitted' },
  approved: { zh: '已审核', en: 'Approved' },
  published: { zh: '已公示', en: 'Published' },
  expired: { zh: '公示期满', en: 'Expired' },
  repaired: { zh: '已信用修复', en: 'Repaired' },
  revoked: { zh: '已撤销', en: 'Revoked' },
  archived: { zh: '已归档', en: 'Archived' },
  withdrawn: { zh: '已撤回（未公示）', en: 'Withdrawn (never published)' },
});

/** Kernel record types; plugin types are prefixed with the plugin id (`procurement.payment_arrears`). */
export const KERNEL_RECORD_TYPES = [
  'judicial_judgment',
  'administrative_penalty',
  'disciplinary_sanction',
  'accountability',
  'commendation',
] as const;
export type KernelRecordType = (typeof KERNEL_RECORD_TYPES)[number];
export const RECORD_TYPE_LABELS = label<KernelRecordType>({
  judicial_judgment: { zh: '司法判决', en: 'Judicial judgment' },
  administrative_penalty: { zh: '行政处罚', en: 'Administrative penalty' },
  disciplinary_sanction: { zh: '纪律处分', en: 'Disciplinary sanction' },
  accountability: { zh: '问责处理', en: 'Accountability decision' },
  commendation: { zh: '表彰奖励', en: 'Commendation' },
});

/** Lifecycle moves as they appear in a record's history (`correct` adds a version without moving). */
export const RECORD_ACTIONS = [
  'create',
  'correct',
  'submit',
  'reject',
  'approve',
  'publish',
  'expire',
  'repair',
  'revoke',
  'restore',
  'archive',
  'withdraw',
] as const;
export type RecordAction = (typeof RECORD_ACTIONS)[number];
export const RECORD_ACTION_LABELS = label<RecordAction>({
  create: { zh: '新建草稿', en: 'Created' },
  correct: { zh: '更正', en: 'Corrected' },
  submit: { zh: '提交审核', en: 'Submitted' },
  reject: { zh: '退回修改', en: 'Returned' },
  approve: { zh: '审核通过', en: 'Approved' },
  publish: { zh: '公示', en: 'Published' },
  expire: { zh: '公示期满', en: 'Expired' },
  repair: { zh: '信用修复', en: 'Repaired' },
  revoke: { zh: '撤销', en: 'Revoked' },
  restore: { zh: '恢复公示', en: 'Restored' },
  archive: { zh: '归档', en: 'Archived' },
  withdraw: { zh: '撤回草稿', en: 'Withdrawn' },
});

/**
 * 行政处罚的种类 (行政处罚法 2021 §9), the 处罚类别 of the national 双公示 penalty fields: one record may carry several
 * (a fine with confiscation). `other`: 法律、行政法规规定的其他行政处罚 (§9 (六)).
 */
export const PENALTY_CATEGORIES = [
  'warning',
  'circulated_criticism',
  'fine',
  'confiscation',
  'licence_suspension',
  'qualification_downgrade',
  'licence_revocation',
  'business_restriction',
  'suspension_of_business',
  'closure',
  'employment_restriction',
  'detention',
  'other',
] as const;
export type PenaltyCategory = (typeof PENALTY_CATEGORIES)[number];
export const PENALTY_CATEGORY_LABELS = label<PenaltyCategory>({
  warning: { zh: '警告', en: 'Warning' },
  circulated_criticism: { zh: '通报批评', en: 'Circulated criticism' },
  fine: { zh: '罚款', en: 'Fine' },
  confiscation: { zh: '没收违法所得、没收非法财物', en: 'Confiscation' },
  licence_suspension: { zh: '暂扣许可证件', en: 'Licence suspended' },
  qualification_downgrade: { zh: '降低资质等级', en: 'Qualification downgraded' },
  licence_revocation: { zh: '吊销许可证件', en: 'Licence revoked' },
  business_restriction: { zh: '限制开展生产经营活动', en: 'Business restricted' },
  suspension_of_business: { zh: '责令停产停业', en: 'Ordered to suspend business' },
  closure: { zh: '责令关闭', en: 'Ordered to close' },
  employment_restriction: { zh: '限制从业', en: 'Barred from practice' },
  detention: { zh: '行政拘留', en: 'Administrative detention' },
  other: { zh: '其他行政处罚', en: 'Other' },
});

/** How sure the rule table is of a rule's source (docs/DOMAIN.md, "Confidence marks"). */
export const RULE_CONFIDENCES = ['law', '2nd', 'local', 'unconfirmed'] as const;
export type RuleConfidence = (typeof RULE_CONFIDENCES)[number];
export const RULE_CONFIDENCE_LABELS = label<RuleConfidence>({
  law: { zh: '依据原文', en: 'Read in the text' },
  '2nd': { zh: '二手来源或参照', en: 'Secondary source' },
  local: { zh: '本地设置', en: 'Local choice' },
  unconfirmed: { zh: '待确认', en: 'Unconfirmed' },
});
