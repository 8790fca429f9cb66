import { z } from 'zod';
import { bilingual, id, legalDate, pageInput, text } from './common';
import {
  DISCLOSURE_SCOPES,
  PENALTY_CATEGORIES,
  POLARITIES,
  RECORD_STATUSES,
  SANCTION_TYPES,
  SEVERITIES,
  SUBJECT_KINDS,
} from './labels';

/** Credit records: content, subjects, versions, lifecycle moves, ingest, lists and the change feed. */
// Kernel keys are bare (`administrative_penalty`); plugin keys carry the plugin id, which may have dashes (`local-debt.overdue_debt`).
export const typeKey = z
  .string()
  .regex(
    /^(?:[a-z][a-z0-9]*(?:-[a-z0-9]+)*\.)?[a-z][a-z0-9_]*$/,
    bilingual('记录类型编码格式不正确', 'malformed record type key'),
  );

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
  linkTo: z
    .array(z.object({ recordId: id, kind: z.enum(['responsible_official', 'body_record', 'related']) }))
    .max(20)
    .default([]),
});
export type RecordCreateInput = z.infer<typeof recordCreateInput>;

/**
 * What a rule proposes and a person must confirm before the record is submitted: the decision number (the rule writes a
 * placeholder) and the decision date (the rule takes the breach day). A correction confirms a field by changing it or
 * by naming it in `confirm` (the rule's value was checked and is right).
 */
export const PROPOSED_FIELDS = ['decisionNo', 'decisionDate'] as const;
export type ProposedField = (typeof PROPOSED_FIELDS)[number];
/** The placeholder decision number a rule writes; never submitted. */
export const PLACEHOLDER_DECISION_NO = /^\s*待认定/;

/**
 * A correction names only what changes: the fields with defaults are plain optionals here, or `partial()` would fill in
 * the defaults (an empty payload, public disclosure) and overwrite the record's payload and disclosure scope.
 */
export const recordCorrectInput = z.object({
  recordId: id,
  expectedVersion: z.number().int().min(1),
  reason: text(1000),
  changes: recordContent
    .extend({
      disclosureScope: z.enum(DISCLOSURE_SCOPES).optional(),
      payload: z.record(z.string(), z.unknown()).optional(),
    })
    .partial(),
  /** Rule-proposed fields the officer checked and keeps as they are. */
  confirm: z.array(z.enum(PROPOSED_FIELDS)).max(PROPOSED_FIELDS.length).optional(),
});

/**
 * The national 行政处罚 disclosure fields an administrative-penalty record carries in its payload (双公示, docs/DOMAIN.md):
 * 处罚类别 (行政处罚法 §9), 处罚内容, 罚款金额 and 没收金额 in fen, 暂扣或吊销证照名称及编号. Optional while a draft; the
 * category and content are required to submit (`PUBLICATION_FIELD_REQUIRED`). Other payload keys (`sector`) pass through.
 */
export const penaltyPayload = z.looseObject({
  penaltyCategories: z.array(z.enum(PENALTY_CATEGORIES)).min(1).max(PENALTY_CATEGORIES.length).optional(),
  penaltyContent: z.string().trim().min(1).max(2000).optional(),
  fineFen: z.number().int().min(0).max(1e14).optional(),
  confiscationFen: z.number().int().min(0).max(1e14).optional(),
  licence: z.string().trim().min(1).max(500).optional(),
});
export type PenaltyPayload = z.infer<typeof penaltyPayload>;

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
export const ingestOutput = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  ids: z.array(id),
});

export const appliedRuleOut = z.object({
  ruleId: z.string(),
  summaryZh: z.string(),
  summaryEn: z.string(),
  source: z.object({
    law: z.string(),
    article: z.string(),
    confidence: z.enum(['law', '2nd', 'local', 'unconfirmed']),
  }),
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
  action: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  version: z.number().int(),
  reason: z.string().nullable(),
  actorId: id.nullable(),
  at: z.string(),
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
  /** Part of the body's or person's name, the decision number or the facts. */
  q: z.string().trim().min(1).max(100).optional(),
  /** Entered on this platform (手工录入) or received from another system (导入/接口). */
  source: z.enum(['manual', 'imported']).optional(),
  /** Column order; without it newest first. Sorted pages use offset cursors. */
  sort: z.enum(['decisionDate', '-decisionDate', 'subject', '-subject', 'updatedAt', '-updatedAt']).optional(),
});
/** A page of records; `total` (all rows matching the filters) comes with the first page only. */
export const recordsListOutput = z.object({
  items: z.array(recordOut),
  nextCursor: z.string().nullable(),
  total: z.number().int().optional(),
});

/** What changed since a moment (a new version, a lifecycle move, a dispute flag), oldest first, for integrators that poll. */
export const recordChangesInput = pageInput.extend({
  /** Changes after an instant (a write committed late can be missed: poll with an overlap), or… */
  since: z.iso.datetime({ offset: true }).optional(),
  /**
   * …changes after a position in the audit log (start with -1; then pass back `nextCursor`): log order is the order
   * entries were sequenced after commit, so a poller never misses a write that committed after a later one.
   */
  afterLogIndex: z.number().int().min(-1).optional(),
  typeKey: typeKey.optional(),
});

// ---- procedure inputs and outputs (named for the procedure they belong to) ----
export const ruleSourceOut = appliedRuleOut.shape.source;
export const recordsRevokeInput = reasonedTransitionInput.extend({ sourceRevokedOn: legalDate.optional() });
/** Withdrawing a draft (a rule's false positive, a record entered twice): a reason, kept in the history. */
export const recordsWithdrawInput = reasonedTransitionInput;
export const recordsGetInput = z.object({ id: id });
export const rulesListInput = z.void();
export const rulesListOutput = z.object({
  sanctions: z.array(
    z.object({
      id: z.string(),
      nameZh: z.string(),
      effectiveFrom: z.string(),
      effectiveTo: z.string().nullable(),
      periods: z.array(
        z.object({ sanctionType: z.enum(SANCTION_TYPES), months: z.number().nullable(), source: ruleSourceOut }),
      ),
      combinationMaxMonths: z.number(),
      combinationSource: ruleSourceOut,
      addsUnservedRemainder: z.boolean(),
      liftingAutomatic: z.boolean(),
      liftingSource: ruleSourceOut,
    }),
  ),
  publication: z.array(
    z.object({
      id: z.string(),
      nameZh: z.string(),
      effectiveFrom: z.string(),
      bySeverity: z.record(
        z.string(),
        z.object({ minMonths: z.number(), maxMonths: z.number(), mayOmit: z.boolean() }),
      ),
      sectorMinMonths: z.object({ sectors: z.array(z.string()), minMonths: z.number() }).optional(),
      minorTierIsLocal: z.boolean(),
      source: ruleSourceOut,
    }),
  ),
  recordTypes: z.array(
    z.object({
      key: z.string(),
      owner: z.string(),
      labelZh: z.string(),
      labelEn: z.string(),
      subjects: z.array(z.string()),
      polarity: z.string(),
      sanction: z.boolean(),
    }),
  ),
  processes: z.array(
    z.object({
      id: z.string(),
      workingDays: z.number(),
      setting: z.string(),
      summaryZh: z.string(),
      summaryEn: z.string(),
      source: ruleSourceOut,
    }),
  ),
  consequences: z.array(
    appliedRuleOut.extend({ effectiveFrom: z.string().nullable(), effectiveTo: z.string().nullable() }),
  ),
  pluginRules: z.array(
    appliedRuleOut.extend({
      pluginId: z.string(),
      setting: z.string().nullable(),
      counting: z.enum(['calendar', 'working']).nullable(),
      inForce: z.array(z.object({ from: z.string(), version: z.string() })).nullable(),
    }),
  ),
  file: z.array(appliedRuleOut.extend({ value: z.number().nullable(), setting: z.string().nullable() })),
  evaluation: z.array(
    appliedRuleOut.extend({
      owner: z.string(),
      params: z.record(z.string(), z.object({ default: z.number(), labelZh: z.string() })),
    }),
  ),
  // 评价结果应用 (plan 二.4): each policy area's rule, its source and its settings (environment variable, value in force,
  // default, Chinese label).
  policyUse: z.array(
    appliedRuleOut.extend({
      labelZh: z.string(),
      labelEn: z.string(),
      settings: z.array(z.object({ env: z.string(), value: z.number(), fallback: z.number(), labelZh: z.string() })),
    }),
  ),
  // The legal review's parts: open readings with their options and defaults, the sanction rules that are not a
  // period (effective date, lifting withheld, decided together), and retention.
  readings: z.array(
    appliedRuleOut.omit({ ruleId: true }).extend({
      id: z.string(),
      setting: z.string(),
      defaultValue: z.string(),
      value: z.string(),
      options: z.array(z.object({ value: z.string(), labelZh: z.string(), labelEn: z.string() })),
    }),
  ),
  sanctionRules: z.array(appliedRuleOut),
  retention: z.array(appliedRuleOut.extend({ years: z.number(), countsFrom: z.string() })),
});
