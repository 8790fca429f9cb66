/**
 * The kernel's isomorphic contract: zod schemas for every input and output of the API. Browser-safe (no Node
 * imports), so the admin renders forms from the same definitions (z.toJSONSchema).
 */
import { z } from 'zod';
import { isLegalDate } from './dates';
import {
  DISCLOSURE_SCOPES, ORG_KINDS, ORG_LEVELS, POLARITIES, RECORD_STATUSES, SANCTION_TYPES, SEVERITIES, SUBJECT_KINDS,
} from './labels';

/** A custom rule's message: Chinese in `message` (what UI users read), English in params for integrators. */
const bilingual = (zh: string, en: string) => ({ message: zh, params: { en } });

export const legalDate = z
  .string()
  .refine(isLegalDate, bilingual('应为有效日期，格式YYYY-MM-DD', 'must be a valid calendar date YYYY-MM-DD'))
  // Far dates used to reach date arithmetic past year 9999 (a 500): no deadline or record lies outside these years.
  .refine((v) => v >= '1900-01-01' && v <= '2999-12-31', bilingual('日期应在1900年至2999年之间', 'the date must lie between 1900 and 2999'))
  .meta({ format: 'date' });
export const id = z.uuid();
const text = (max: number) => z.string().trim().min(1).max(max);

export const pageInput = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

export const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

// ---- org units -------------------------------------------------------------------------------------------------
export const orgUnitOut = z.object({
  id,
  parentId: id.nullable(),
  name: z.string(),
  shortName: z.string().nullable(),
  uscc: z.string(),
  usccWarning: z.string().nullable(),
  level: z.enum(ORG_LEVELS),
  kind: z.enum(ORG_KINDS),
  areaCode: z.string(),
  depth: z.number().int(),
  childCount: z.number().int().optional(),
});
export type OrgUnitOut = z.infer<typeof orgUnitOut>;

export const orgCreateInput = z.object({
  parentId: id.nullable(),
  name: text(200),
  shortName: text(50).optional(),
  uscc: z.string().trim().min(1).max(30),
  level: z.enum(ORG_LEVELS),
  kind: z.enum(ORG_KINDS),
  areaCode: z.string().regex(/^\d{6}$/, bilingual('行政区划代码应为6位数字', 'area code must be 6 digits')),
});
export const orgCreateOutput = z.object({ org: orgUnitOut, warnings: z.array(z.object({ code: z.string(), field: z.string(), messageZh: z.string(), messageEn: z.string() })) });

export const orgSearchInput = pageInput.extend({
  q: z.string().trim().max(100).default(''),
  level: z.enum(ORG_LEVELS).optional(),
  withinOrgId: id.optional(),
});

// ---- persons ---------------------------------------------------------------------------------------------------
export const tenureOut = z.object({
  id, orgId: id, orgName: z.string(), postTitle: z.string(), principal: z.boolean(), startDate: z.string(), endDate: z.string().nullable(),
});
export const personOut = z.object({
  id,
  name: z.string(),
  gender: z.enum(['male', 'female']),
  /** Year only: with the full birth date, the masked ID number could be rebuilt in a few guesses. */
  birthYear: z.number().int(),
  idNumberMasked: z.string(),
  tenures: z.array(tenureOut),
});
export type PersonOut = z.infer<typeof personOut>;

export const personCreateInput = z.object({
  name: text(50),
  idNumber: z.string().trim().min(1).max(30),
  tenure: z.object({ orgId: id, postTitle: text(100), principal: z.boolean().default(false), leading: z.boolean().optional(), startDate: legalDate }).optional(),
});
/** leading: a 领导职务 (defaults to principal: every principal is a leading cadre, not every leading cadre a principal). */
export const appointInput = z.object({ personId: id, orgId: id, postTitle: text(100), principal: z.boolean().default(false), leading: z.boolean().optional(), startDate: legalDate });
export const endTenureInput = z.object({ tenureId: id, endDate: legalDate });
export const personSearchInput = pageInput.extend({ q: z.string().trim().max(50).default(''), orgId: id.optional() });
export const personSummaryOut = z.object({ id, name: z.string(), idNumberMasked: z.string(), orgName: z.string().nullable(), postTitle: z.string().nullable() });

// ---- records ---------------------------------------------------------------------------------------------------
// Kernel keys are bare (`administrative_penalty`); plugin keys carry the plugin id, which may have dashes (`local-debt.overdue_debt`).
export const typeKey = z.string().regex(/^(?:[a-z][a-z0-9]*(?:-[a-z0-9]+)*\.)?[a-z][a-z0-9_]*$/, bilingual('记录类型编码格式不正确', 'malformed record type key'));

/** The content of a record version: what a correction may change. */
export const recordContent = z.object({
  severity: z.enum(SEVERITIES),
  facts: text(4000),
  legalBasis: text(1000),
  decisionNo: text(200),
  decisionDate: legalDate,
  /** The day the decision takes effect; defaults to the decision date. */
  effectiveDate: legalDate.optional(),
  issuingAuthority: text(200),
  issuingAuthorityUscc: z.string().trim().max(30).optional(),
  disclosureScope: z.enum(DISCLOSURE_SCOPES).default('public'),
  sanctionType: z.enum(SANCTION_TYPES).optional(),
  /** Several offences of one type decided together: how many, and the decided combined period. */
  offenceCount: z.number().int().min(1).max(20).optional(),
  combinedMonths: z.number().int().min(1).max(48).optional(),
  payload: z.record(z.string(), z.unknown()).default({}),
});
export type RecordContent = z.infer<typeof recordContent>;

export const subjectRef = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('org'), orgId: id }),
  /** orgId: the body the person served in when the act occurred; defaults to the person's current post. */
  z.object({ kind: z.literal('person'), personId: id, orgId: id.optional() }),
]);

export const recordCreateInput = recordContent.extend({
  subject: subjectRef,
  typeKey,
  /** Follows from the type; when given it must match. */
  polarity: z.enum(POLARITIES).optional(),
  source: z.object({ system: text(100), id: text(200) }).optional(),
  /** A body's record can link to the responsible official's record (and back). */
  linkTo: z.array(z.object({ recordId: id, kind: z.enum(['responsible_official', 'body_record', 'related']) })).max(20).default([]),
});
export type RecordCreateInput = z.infer<typeof recordCreateInput>;

/**
 * A correction names only what changes: the fields with defaults are plain optionals here, or `partial()` would fill in
 * the defaults (an empty payload, public disclosure) and overwrite the record's payload and disclosure scope.
 */
export const recordCorrectInput = z.object({
  recordId: id, expectedVersion: z.number().int().min(1), reason: text(1000),
  changes: recordContent.extend({ disclosureScope: z.enum(DISCLOSURE_SCOPES).optional(), payload: z.record(z.string(), z.unknown()).optional() }).partial(),
});
export const transitionInput = z.object({ recordId: id, reason: z.string().trim().max(1000).optional() });
export const reasonedTransitionInput = z.object({ recordId: id, reason: text(1000) });

export const ingestSubject = z.union([
  subjectRef,
  z.object({ kind: z.literal('org'), uscc: z.string().trim().min(1).max(30) }),
  z.object({ kind: z.literal('person'), idNumber: z.string().trim().min(1).max(30), orgId: id.optional() }),
]);
export const ingestRow = recordContent.extend({
  sourceId: text(200),
  subject: ingestSubject,
  typeKey,
  polarity: z.enum(POLARITIES).optional(),
});
export type IngestRow = z.infer<typeof ingestRow>;
export const INGEST_MAX_ROWS = 5000;
export const ingestInput = z.object({
  sourceSystem: text(100),
  initialStatus: z.enum(['draft', 'submitted']).default('submitted'),
  /** Raw rows, validated one by one so that every bad row is reported with its index. */
  records: z.array(z.unknown()).min(1).max(INGEST_MAX_ROWS),
});
export const ingestOutput = z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int(), ids: z.array(id) });

export const appliedRuleOut = z.object({
  ruleId: z.string(), summaryZh: z.string(), summaryEn: z.string(),
  source: z.object({ law: z.string(), article: z.string(), confidence: z.enum(['law', '2nd', 'unconfirmed']) }),
});

export const recordVersionOut = z.object({
  version: z.number().int(),
  severity: z.enum(SEVERITIES),
  facts: z.string(),
  legalBasis: z.string(),
  decisionNo: z.string(),
  decisionDate: z.string(),
  effectiveDate: z.string(),
  issuingAuthority: z.string(),
  issuingAuthorityUscc: z.string().nullable(),
  disclosureScope: z.enum(DISCLOSURE_SCOPES),
  sanctionType: z.enum(SANCTION_TYPES).nullable(),
  impactStart: z.string().nullable(),
  impactEnd: z.string().nullable(),
  publicationStart: z.string().nullable(),
  publicationMinEnd: z.string().nullable(),
  publicationMaxEnd: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
  rules: z.array(appliedRuleOut),
  reason: z.string().nullable(),
  createdAt: z.string(),
  createdBy: id.nullable(),
});

export const recordOut = z.object({
  id,
  subjectKind: z.enum(SUBJECT_KINDS),
  orgId: id,
  orgName: z.string(),
  personId: id.nullable(),
  personName: z.string().nullable(),
  typeKey: z.string(),
  polarity: z.enum(POLARITIES),
  status: z.enum(RECORD_STATUSES),
  disputed: z.boolean(),
  sourceSystem: z.string(),
  sourceId: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  current: recordVersionOut,
});
export type RecordOut = z.infer<typeof recordOut>;

export const recordEventOut = z.object({
  action: z.string(), fromStatus: z.string().nullable(), toStatus: z.string(), version: z.number().int(), reason: z.string().nullable(), actorId: id.nullable(), at: z.string(),
});
export const recordDetailOut = recordOut.extend({
  versions: z.array(recordVersionOut),
  events: z.array(recordEventOut),
  links: z.array(z.object({ recordId: id, kind: z.string(), direction: z.enum(['from', 'to']) })),
});

export const recordListInput = pageInput.extend({
  status: z.array(z.enum(RECORD_STATUSES)).max(8).optional(),
  typeKey: typeKey.optional(),
  severity: z.enum(SEVERITIES).optional(),
  subjectKind: z.enum(SUBJECT_KINDS).optional(),
  orgId: id.optional(),
  /** Include records of the whole subtree under orgId. */
  subtree: z.boolean().default(false),
  personId: id.optional(),
  decidedFrom: legalDate.optional(),
  decidedTo: legalDate.optional(),
});

/** What changed since a moment (a new version, a lifecycle move, a dispute flag), oldest first, for integrators that poll. */
export const recordChangesInput = pageInput.extend({
  since: z.iso.datetime({ offset: true }),
  typeKey: typeKey.optional(),
});

// ---- integrity file --------------------------------------------------------------------------------------------
export const fileInput = z.object({ subject: z.discriminatedUnion('kind', [z.object({ kind: z.literal('org'), orgId: id }), z.object({ kind: z.literal('person'), personId: id })]), asOf: legalDate.optional() });
export const fileRecordOut = recordOut.extend({
  /** What the system showed on the as-of date (null: not yet entered then). */
  statusAsOf: z.enum(RECORD_STATUSES).nullable(),
  /** In effect on the as-of date, by what is known now: a confirmed dishonesty record inside its impact or publication period. */
  effective: z.boolean(),
  effectiveUntil: z.string().nullable(),
});
const integrityFileBase = z.object({
  asOf: z.string(),
  subject: z.discriminatedUnion('kind', [z.object({ kind: z.literal('org'), org: orgUnitOut }), z.object({ kind: z.literal('person'), person: personOut })]),
  standing: z.object({
    hasEffectiveDishonesty: z.boolean(),
    summaryZh: z.string(),
    summaryEn: z.string(),
    effective: z.array(z.object({ recordId: id, typeKey: z.string(), severity: z.enum(SEVERITIES), sanctionType: z.enum(SANCTION_TYPES).nullable(), until: z.string().nullable() })),
  }),
  groups: z.array(z.object({ status: z.enum(RECORD_STATUSES), records: z.array(fileRecordOut) })),
});

// ---- identity and access ---------------------------------------------------------------------------------------
export const loginInput = z.object({
  username: text(100), password: z.string().min(1).max(200),
  /** Required when the password must be replaced first (the demo password outside demo mode, or one the policy now refuses). */
  newPassword: z.string().min(1).max(200).optional(),
});
const roleKey = z.string().trim().regex(/^[a-z][a-z0-9_.-]{1,39}$/, bilingual('角色标识应为2–40位小写字母、数字或._-', 'role key: 2–40 of a-z 0-9 . _ -'));
const pluginsField = z.array(z.string().regex(/^[a-z][a-z0-9-]{1,39}$/)).min(1).max(20).nullable().default(null);
export const grantInput = z.object({ role: roleKey, scopeOrgId: id.nullable().default(null), plugins: pluginsField });
export const grantOut = z.object({ id: z.string(), role: z.string(), scopeOrgId: id.nullable(), plugins: z.array(z.string()).nullable() });
export const userOut = z.object({
  id, username: z.string(), displayName: z.string(), orgId: id.nullable(), email: z.string().nullable(), disabled: z.boolean(), lockedUntil: z.string().nullable(), grants: z.array(grantOut),
});
export const meOut = z.object({
  id: z.string(), username: z.string(), displayName: z.string(), kind: z.enum(['user', 'token', 'system']), orgId: id.nullable(),
  grants: z.array(z.object({ role: z.string(), permissions: z.array(z.string()), scopeOrgId: id.nullable(), plugins: z.array(z.string()).nullable() })),
});
const password = z.string().min(10, bilingual('密码至少10位', 'password must have at least 10 characters')).max(200);
export const userCreateInput = z.object({
  username: z.string().trim().regex(/^[a-z0-9_.-]{3,40}$/, bilingual('用户名应为3–40位小写字母、数字或._-', 'username: 3–40 of a-z 0-9 . _ -')),
  displayName: text(50),
  password,
  orgId: id.nullable().default(null),
  email: z.email().max(200).optional(),
  grants: z.array(grantInput).max(20).default([]),
});
export const userUpdateInput = z.object({
  id, displayName: text(50).optional(), orgId: id.nullable().optional(), email: z.email().max(200).nullable().optional(), disabled: z.boolean().optional(), unlock: z.boolean().optional(),
});
export const passwordChangeInput = z.object({ currentPassword: z.string().min(1).max(200), newPassword: password });
export const roleSaveInput = z.object({ key: roleKey, nameZh: text(50), nameEn: text(80), permissions: z.array(z.string().max(100)).min(1).max(200) });
export const roleOut = z.object({ key: z.string(), nameZh: z.string(), nameEn: z.string(), permissions: z.array(z.string()), builtin: z.boolean() });
export const tokenCreateInput = z.object({
  name: text(100),
  role: roleKey,
  scopeOrgId: id.nullable().default(null),
  plugins: pluginsField,
  expiresAt: z.iso.datetime({ offset: true }),
  ratePerMinute: z.number().int().min(1).max(100_000).optional(),
});
export const tokenOut = z.object({
  id, name: z.string(), prefix: z.string(), role: z.string(), scopeOrgId: id.nullable(), plugins: z.array(z.string()).nullable(), ratePerMinute: z.number(),
  expiresAt: z.string(), revokedAt: z.string().nullable(), lastUsedAt: z.string().nullable(), createdAt: z.string(),
});
export const auditProblemOut = z.object({ seq: z.number().nullable(), kind: z.string(), messageZh: z.string(), messageEn: z.string() });
export const auditReportOut = z.object({
  ok: z.boolean(), entries: z.number(), checkpoints: z.number(), recordsChecked: z.number(), recordsWithoutDigest: z.number(),
  headSeq: z.number(), headHash: z.string(), problems: z.array(auditProblemOut),
});
export const checkpointOut = z.object({ seq: z.number(), headHash: z.string(), at: z.string(), keyId: z.string(), publicKey: z.string(), signature: z.string() });
export const auditEntryOut = z.object({
  seq: z.number(), at: z.string(), actorId: z.string().nullable(), actorName: z.string().nullable(), action: z.string(), entity: z.string(), entityId: z.string(),
  detail: z.record(z.string(), z.unknown()), hash: z.string(), redacted: z.boolean(),
});
export const accessLogOut = z.object({ id: z.number(), at: z.string(), actorId: z.string().nullable(), actorName: z.string(), action: z.string(), subjectKind: z.string(), subjectId: z.string() });

// ---- due process -----------------------------------------------------------------------------------------------
const evidenceItem = z.object({ name: text(200), description: z.string().trim().max(2000).default('') });
export const objectionFileInput = z.object({
  recordId: id,
  applicantKind: z.enum(['subject', 'agent']),
  applicantName: text(100),
  applicantContact: z.string().trim().max(200).optional(),
  reasons: text(5000),
  evidence: z.array(evidenceItem).max(50).default([]),
});
export const objectionDecideInput = z.object({
  id,
  outcome: z.enum(['upheld', 'corrected', 'revoked']),
  reason: text(2000),
  expectedVersion: z.number().int().min(1).optional(),
  changes: recordContent.partial().optional(),
});
export const objectionOut = z.object({
  id, recordId: id, applicantKind: z.string(), applicantName: z.string(), reasons: z.string(), evidence: z.array(z.object({ name: z.string(), description: z.string() })),
  status: z.enum(['under_review', 'extended', 'decided']), filedOn: z.string(), markDue: z.string(), markedOn: z.string().nullable(), decideDue: z.string(),
  /** A deadline was counted through a year whose official holiday arrangement was not loaded: it may still move. */
  provisional: z.boolean(),
  extensionReason: z.string().nullable(), outcome: z.enum(['upheld', 'corrected', 'revoked']).nullable(), outcomeReason: z.string().nullable(), decidedOn: z.string().nullable(),
  orgId: id, orgName: z.string(), overdue: z.boolean(), workingDaysLate: z.number(),
});
export const repairFileInput = z.object({
  recordId: id,
  applicantName: text(100),
  proof: text(5000),
  promiseSigned: z.literal(true, { message: '须签署信用承诺书' }),
});
export const repairOut = z.object({
  /** cancelled: closed by the daily job because the record was revoked or is no longer published (the reason is decisionReason). */
  id, recordId: id, applicantName: z.string(), proof: z.string(), promiseSigned: z.boolean(), status: z.enum(['under_review', 'approved', 'rejected', 'promise_broken', 'cancelled']),
  filedOn: z.string(), decideDue: z.string(), provisional: z.boolean(), decidedOn: z.string().nullable(), decisionReason: z.string().nullable(), promiseBrokenOn: z.string().nullable(),
  orgId: id, orgName: z.string(), overdue: z.boolean(), workingDaysLate: z.number(),
});
export const COMPLAINT_CATEGORIES = ['promise', 'contract', 'procurement', 'service', 'payment', 'other'] as const;
export const complaintSubmitInput = z.object({
  category: z.enum(COMPLAINT_CATEGORIES),
  aboutOrgId: id.optional(),
  aboutPersonId: id.optional(),
  aboutText: z.string().trim().max(200).optional(),
  content: text(5000),
  anonymous: z.boolean().default(false),
  complainantName: z.string().trim().max(50).optional(),
  complainantContact: z.string().trim().max(100).optional(),
});
export const complaintTriageInput = z.object({
  id,
  decision: z.enum(['accept', 'not_ours', 'duplicate']),
  note: z.string().trim().max(1000).optional(),
  duplicateOfReceipt: z.string().trim().max(30).optional(),
});
export const complaintCloseInput = z.object({ id, outcome: text(2000), substantiated: z.boolean() });
export const complaintOut = z.object({
  id, receiptCode: z.string(), category: z.string(), aboutOrgId: id.nullable(), aboutPersonId: id.nullable(), aboutText: z.string().nullable(), content: z.string(),
  anonymous: z.boolean(), complainantName: z.string().nullable(), status: z.enum(['received', 'accepted', 'not_ours', 'duplicate', 'closed']),
  handlingOrgId: id.nullable(), handlingOrgName: z.string().nullable(), filedOn: z.string(), triageDue: z.string(), handleDue: z.string(), provisional: z.boolean(), triagedOn: z.string().nullable(),
  triageNote: z.string().nullable(), escalatedOn: z.string().nullable(), escalatedToOrgId: id.nullable(), closedOn: z.string().nullable(), outcome: z.string().nullable(),
  substantiated: z.boolean().nullable(), recordId: id.nullable(), overdue: z.boolean(), workingDaysLate: z.number(),
});
export const complaintStatusOut = z.object({
  receiptCode: z.string(), status: z.string(), statusZh: z.string(), filedOn: z.string(), handleDue: z.string(), provisional: z.boolean(), note: z.string().nullable(), escalated: z.boolean(),
  closedOn: z.string().nullable(), outcome: z.string().nullable(),
});
export const rectificationOut = z.object({
  id, recordId: id.nullable(), findingId: id.nullable(), orgId: id, orgName: z.string(), status: z.enum(['awaiting_explanation', 'in_progress', 'completed', 'verified', 'cancelled']), requiredOn: z.string(),
  explanationDue: z.string(), provisional: z.boolean(), explanation: z.string().nullable(), plan: z.string().nullable(), explainedOn: z.string().nullable(), completionDue: z.string().nullable(),
  evidence: z.string().nullable(), completedOn: z.string().nullable(), verifiedOn: z.string().nullable(), verificationNote: z.string().nullable(), mitigation: z.string().nullable(),
  escalatedOn: z.string().nullable(), cancelledOn: z.string().nullable(), cancelReason: z.string().nullable(), overdue: z.boolean(), workingDaysLate: z.number(),
});
export const accountabilityOut = z.object({
  id, recordId: id, personId: id, personName: z.string(), orgName: z.string(), postTitle: z.string(), status: z.enum(['open', 'closed', 'cancelled']), openedOn: z.string(),
  closedOn: z.string().nullable(), outcome: z.string().nullable(),
});
export const inspectionCreateInput = z.object({ title: text(200), targetOrgId: id, dueOn: legalDate });
export const inspectionFindingInput = z.object({
  inspectionId: id,
  description: text(5000),
  opensRectification: z.boolean().default(false),
  /** When the finding is itself a dishonesty record of the body: its content, entered as a draft linked to the finding. */
  record: recordContent.extend({ typeKey }).optional(),
});
export const inspectionOut = z.object({
  id, title: z.string(), targetOrgId: id, targetOrgName: z.string(), issuedOn: z.string(), dueOn: z.string(), status: z.enum(['open', 'closed']),
  closedOn: z.string().nullable(), summary: z.string().nullable(),
  findings: z.array(z.object({ id, description: z.string(), recordId: id.nullable(), rectificationId: id.nullable(), foundOn: z.string() })),
});
export const proposalRegisterInput = z.object({
  kind: z.enum(['npc_suggestion', 'cppcc_proposal']), code: text(50), title: text(300), handlingOrgId: id, receivedOn: legalDate, dueOn: legalDate.optional(),
});
export const proposalOut = z.object({
  id, kind: z.enum(['npc_suggestion', 'cppcc_proposal']), code: z.string(), title: z.string(), handlingOrgId: id, handlingOrgName: z.string(), receivedOn: z.string(),
  dueOn: z.string(), answeredOn: z.string().nullable(), satisfaction: z.enum(['satisfied', 'basically_satisfied', 'unsatisfied']).nullable(),
  onTime: z.boolean().nullable(), overdue: z.boolean(),
});
export const notificationOut = z.object({
  id, kind: z.string(), titleZh: z.string(), bodyZh: z.string(), entity: z.string().nullable(), entityId: z.string().nullable(), createdAt: z.string(), readAt: z.string().nullable(),
});

// ---- annual assessment results -------------------------------------------------------------------------------
export const ASSESSMENT_GRADES = ['excellent', 'competent', 'basically_competent', 'incompetent', 'ungraded'] as const;
export const assessmentRecordInput = z.object({
  personId: id,
  year: z.number().int().min(2000).max(2100),
  grade: z.enum(ASSESSMENT_GRADES),
  assessingOrgId: id,
  note: z.string().trim().max(1000).optional(),
});
export const assessmentOut = z.object({
  id, personId: id, personName: z.string(), year: z.number(), grade: z.enum(ASSESSMENT_GRADES), gradeZh: z.string(),
  assessingOrgId: id, assessingOrgName: z.string(), note: z.string().nullable(), createdAt: z.string(),
});

// ---- integrity training (诚信教育) ------------------------------------------------------------------------------
export const TRAINING_AUDIENCES = ['all', 'leading', 'new_entrant', 'optional'] as const;
/** Class hours: half-hour steps, a day's course at most 200. */
const classHours = z.number().min(0.5, bilingual('学时应不少于0.5', 'at least 0.5 hours')).max(200, bilingual('学时不能超过200', 'at most 200 hours'))
  .refine((h) => Number.isInteger(h * 2), bilingual('学时应为0.5的整数倍', 'hours come in steps of 0.5'));
export const courseSaveInput = z.object({
  code: z.string().trim().regex(/^[A-Za-z0-9_-]{2,40}$/, bilingual('课程编号应为2–40位字母、数字、下划线或连字符', 'code: 2–40 letters, digits, _ or -')),
  title: text(200),
  hours: classHours,
  organiser: text(200),
  organiserOrgId: id.optional(),
  audience: z.enum(TRAINING_AUDIENCES),
});
export const courseOut = courseSaveInput.extend({ id, organiserOrgId: id.nullable(), audienceZh: z.string(), sessions: z.number(), completions: z.number() });
export const sessionCreateInput = z.object({ courseId: id, startsOn: legalDate, endsOn: legalDate, place: z.string().trim().max(200).optional() })
  .refine((s) => s.endsOn >= s.startsOn, { path: ['endsOn'], ...bilingual('结束日期不能早于开始日期', 'endsOn cannot be before startsOn') });
export const sessionOut = z.object({ id, courseId: id, startsOn: z.string(), endsOn: z.string(), place: z.string().nullable() });
export const completionInput = z.object({
  personId: id, courseId: id, sessionId: id.optional(), completedOn: legalDate,
  /** Defaults to the course's hours; less when only part was attended. */
  hours: classHours.optional(),
});
export const completionOut = z.object({ id, personId: id, courseId: id, courseCode: z.string(), courseTitle: z.string(), sessionId: id.nullable(), completedOn: z.string(), hours: z.number(), sourceSystem: z.string(), createdAt: z.string() });
export const TRAINING_COLUMNS = { idNumber: '身份证号', courseCode: '课程编号', completedOn: '完成日期', hours: '学时' } as const;
export const trainingImportInput = z.object({
  format: z.enum(['csv', 'xlsx']),
  /** The register file, base64 (CSV in UTF-8, with or without BOM). */
  contentBase64: z.string().min(1).max(8_000_000),
  sourceSystem: text(100),
  /** Which column holds what, when the register's headings differ from the defaults. */
  columns: z.object({ idNumber: text(50), courseCode: text(50), completedOn: text(50), hours: text(50) }).partial().default({}),
});
export const trainingImportOut = z.object({ rows: z.number(), imported: z.number(), unchanged: z.number() });
export const trainingYearOut = z.object({
  year: z.number(), hours: z.number(), required: z.number(), met: z.boolean(),
  missingMandatory: z.array(z.object({ courseId: id, code: z.string(), title: z.string() })),
});
export const completionRateInput = z.object({ orgId: id, year: z.number().int().min(2000).max(2100), subtree: z.boolean().default(true) });
export const completionRateOut = z.object({
  orgId: id, year: z.number(), persons: z.number(), met: z.number(), rate: z.number().nullable(), hoursTotal: z.number(),
  byOrg: z.array(z.object({ orgId: id, orgName: z.string(), persons: z.number(), met: z.number(), rate: z.number().nullable() })),
});

// ---- commendations (守信激励) -----------------------------------------------------------------------------------
export const honourOverrideInput = z.object({ recordId: id, reason: z.string().trim().min(10, bilingual('理由不少于10个字', 'the reason needs at least 10 characters')).max(1000) });
export const honourOverrideOut = z.object({ recordId: id, reason: z.string(), blockingRecordIds: z.array(id), createdAt: z.string(), createdBy: z.string().nullable() });
export const personHonoursInput = z.object({ personId: id, date: legalDate });

// ---- confidential sections: personal matters and clean-government records -------------------------------------
export const MATTER_CHECK_RESULTS = ['not_checked', 'consistent', 'omission', 'concealment'] as const;
export const MATTER_CATEGORIES = ['marriage', 'travel', 'family_business', 'income', 'property', 'investment', 'other'] as const;
export const personalMatterInput = z.object({
  personId: id,
  year: z.number().int().min(2000).max(2100),
  submittedOn: legalDate,
  items: z.array(z.object({ category: z.enum(MATTER_CATEGORIES), summary: text(500) })).max(100),
  checkResult: z.enum(MATTER_CHECK_RESULTS).default('not_checked'),
  checkedOn: legalDate.optional(),
  handling: z.string().trim().max(1000).optional(),
});
export const personalMatterCheckInput = z.object({ id, checkResult: z.enum(MATTER_CHECK_RESULTS), checkedOn: legalDate, handling: z.string().trim().max(1000).optional() });
export const personalMatterOut = personalMatterInput.extend({ id, checkResultZh: z.string(), checkedOn: z.string().nullable(), handling: z.string().nullable(), createdAt: z.string() });
export const CLEAN_GOVERNMENT_KINDS = ['integrity_talk', 'inquiry_letter', 'admonishment', 'pledge', 'gift_registration', 'other'] as const;
export const cleanGovernmentInput = z.object({ personId: id, kind: z.enum(CLEAN_GOVERNMENT_KINDS), occurredOn: legalDate, summary: text(1000), recordingOrgId: id });
export const cleanGovernmentOut = cleanGovernmentInput.extend({ id, kindZh: z.string(), recordingOrgName: z.string(), createdAt: z.string() });

// ---- coverage and reporting completeness ---------------------------------------------------------------------
export const coverageInput = z.object({ year: z.number().int().min(2000).max(2100), rootOrgId: id.optional(), /** child: one row per body directly below the root (districts under the city); org: one row per body. */
  groupBy: z.enum(['child', 'org']).default('child') });
const share = z.number().nullable();
export const coverageRowOut = z.object({
  orgId: id, orgName: z.string(),
  bodies: z.number(), bodiesWithFile: z.number(), bodyShare: share,
  persons: z.number(), withAssessment: z.number(), withTraining: z.number(), personsWithFile: z.number(), personShare: share,
});
export const coverageOut = z.object({ year: z.number(), definitionZh: z.string(), total: coverageRowOut.omit({ orgId: true, orgName: true }), rows: z.array(coverageRowOut) });
export const REPORTING_FREQUENCIES = ['monthly', 'quarterly'] as const;
export const REPORTING_SOURCE_KINDS = ['court', 'discipline', 'penalty', 'other'] as const;
export const reportingSourceInput = z.object({
  code: z.string().trim().regex(/^[a-z0-9][a-z0-9._-]{1,60}$/, bilingual('报送系统编码应为小写字母、数字、点、下划线或连字符', 'code: lower-case letters, digits, . _ -')),
  name: text(200), orgId: id, kind: z.enum(REPORTING_SOURCE_KINDS), frequency: z.enum(REPORTING_FREQUENCIES),
  dueWorkingDays: z.number().int().min(1).max(60).optional(),
  activeFrom: legalDate,
});
export const reportingSourceOut = reportingSourceInput.extend({ id, orgName: z.string(), dueWorkingDays: z.number() });
export const periodKey = z.string().regex(/^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/, bilingual('报送期格式应为YYYY-MM或YYYY-Q1…Q4', 'period: YYYY-MM or YYYY-Q1…Q4'));
export const nilReportInput = z.object({ sourceId: id, period: periodKey, note: z.string().trim().max(500).optional() });
export const completenessInput = z.object({ from: legalDate, to: legalDate, sourceId: id.optional() })
  .refine((i) => i.to >= i.from, { path: ['to'], ...bilingual('截止日期不能早于开始日期', 'to cannot be before from') });
export const REPORTING_STATES = ['on_time', 'late', 'silent', 'pending'] as const;
export const completenessOut = z.object({
  rows: z.array(z.object({
    sourceId: id, code: z.string(), name: z.string(), orgName: z.string(), period: z.string(), periodStart: z.string(), periodEnd: z.string(), due: z.string(), provisional: z.boolean(),
    state: z.enum(REPORTING_STATES), stateZh: z.string(), firstReportedOn: z.string().nullable(), nil: z.boolean(), records: z.number(), lateRecords: z.number(),
  })),
  lateOrSilent: z.array(z.object({ sourceId: id, name: z.string(), late: z.number(), silent: z.number() })),
});

// ---- the complete file -----------------------------------------------------------------------------------------
/** Where an entry came from: the reporting system (or manual entry), who entered it and when. */
export const entrySource = z.object({ system: z.string(), enteredBy: z.string().nullable(), enteredAt: z.string() });
export const fileProcessOut = z.object({ kind: z.enum(['objection', 'repair', 'rectification']), kindZh: z.string(), id, recordId: id, status: z.string(), statusZh: z.string(), filedOn: z.string(), closedOn: z.string().nullable() });
export const fileSectionsOut = z.object({
  commendations: z.array(z.object({ recordId: id, typeLabelZh: z.string(), facts: z.string(), decisionNo: z.string(), decisionDate: z.string(), issuingAuthority: z.string(), status: z.string(), override: honourOverrideOut.nullable(), source: entrySource })),
  assessments: z.array(assessmentOut.extend({ source: entrySource })),
  training: z.object({ years: z.array(trainingYearOut), completions: z.array(completionOut) }).nullable(),
  processes: z.array(fileProcessOut),
  /** Only in the confidential view (kernel.confidential.read); null otherwise, never an empty list that would mislead. */
  confidential: z.object({ personalMatters: z.array(personalMatterOut), cleanGovernment: z.array(cleanGovernmentOut) }).nullable(),
  /** A body's own staff: how many are in post and how complete their files are for the year before the as-of date. */
  staff: coverageRowOut.nullable(),
});
export const integrityFileOut = integrityFileBase.extend({ sections: fileSectionsOut });
export type IntegrityFile = z.infer<typeof integrityFileOut>;
export const fileExportInput = fileInput.extend({ format: z.enum(['html', 'pdf']) });
export const fileExportOut = z.object({ filename: z.string(), contentType: z.string(), /** HTML as text; PDF as base64. */ content: z.string(), encoding: z.enum(['utf8', 'base64']), documentNo: z.string() });
