import { z } from 'zod';
import { mitigationOut } from './measures';
import { bilingual, id, legalDate, text } from './common';
import { appliedRuleOut, recordOut } from './records';
import { orgUnitOut, personOut } from './registry';
import { RECORD_STATUSES, SANCTION_TYPES, SEVERITIES } from './labels';

/** The integrity file: the file itself, assessments, training, commendations, confidential sections, coverage and reporting. */
export const fileInput = z.object({
  subject: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('org'), orgId: id }),
    z.object({ kind: z.literal('person'), personId: id }),
  ]),
  asOf: legalDate.optional(),
});
export const fileRecordOut = recordOut.extend({
  /** What the system showed on the as-of date (null: not yet entered then). */
  statusAsOf: z.enum(RECORD_STATUSES).nullable(),
  /** In effect on the as-of date, by what is known now: a confirmed dishonesty record inside its impact or publication period. */
  effective: z.boolean(),
  effectiveUntil: z.string().nullable(),
});
export const integrityFileBase = z.object({
  asOf: z.string(),
  subject: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('org'), org: orgUnitOut }),
    z.object({ kind: z.literal('person'), person: personOut }),
  ]),
  standing: z.object({
    hasEffectiveDishonesty: z.boolean(),
    summaryZh: z.string(),
    summaryEn: z.string(),
    effective: z.array(
      z.object({
        recordId: id,
        typeKey: z.string(),
        severity: z.enum(SEVERITIES),
        sanctionType: z.enum(SANCTION_TYPES).nullable(),
        until: z.string().nullable(),
      }),
    ),
  }),
  groups: z.array(z.object({ status: z.enum(RECORD_STATUSES), records: z.array(fileRecordOut) })),
});

export const ASSESSMENT_GRADES = ['excellent', 'competent', 'basically_competent', 'incompetent', 'ungraded'] as const;
export const assessmentRecordInput = z.object({
  personId: id,
  year: z.number().int().min(2000).max(2100),
  grade: z.enum(ASSESSMENT_GRADES),
  assessingOrgId: id,
  note: z.string().trim().max(1000).optional(),
});
export const assessmentOut = z.object({
  id,
  personId: id,
  personName: z.string(),
  year: z.number(),
  grade: z.enum(ASSESSMENT_GRADES),
  gradeZh: z.string(),
  assessingOrgId: id,
  assessingOrgName: z.string(),
  note: z.string().nullable(),
  createdAt: z.string(),
});

export const TRAINING_AUDIENCES = ['all', 'leading', 'new_entrant', 'optional'] as const;
/** Class hours: half-hour steps, a day's course at most 200. */
export const classHours = z
  .number()
  .min(0.5, bilingual('学时应不少于0.5', 'at least 0.5 hours'))
  .max(200, bilingual('学时不能超过200', 'at most 200 hours'))
  .refine((h) => Number.isInteger(h * 2), bilingual('学时应为0.5的整数倍', 'hours come in steps of 0.5'));
export const courseSaveInput = z.object({
  code: z
    .string()
    .trim()
    .regex(
      /^[A-Za-z0-9_-]{2,40}$/,
      bilingual('课程编号应为2–40位字母、数字、下划线或连字符', 'code: 2–40 letters, digits, _ or -'),
    ),
  title: text(200),
  hours: classHours,
  organiser: text(200),
  organiserOrgId: id.optional(),
  audience: z.enum(TRAINING_AUDIENCES),
});
export const courseOut = courseSaveInput.extend({
  id,
  organiserOrgId: id.nullable(),
  audienceZh: z.string(),
  sessions: z.number(),
  completions: z.number(),
});
export const sessionCreateInput = z
  .object({ courseId: id, startsOn: legalDate, endsOn: legalDate, place: z.string().trim().max(200).optional() })
  .refine((s) => s.endsOn >= s.startsOn, {
    path: ['endsOn'],
    ...bilingual('结束日期不能早于开始日期', 'endsOn cannot be before startsOn'),
  });
export const sessionOut = z.object({
  id,
  courseId: id,
  startsOn: z.string(),
  endsOn: z.string(),
  place: z.string().nullable(),
});
export const completionInput = z.object({
  personId: id,
  courseId: id,
  sessionId: id.optional(),
  completedOn: legalDate,
  /** Defaults to the course's hours; less when only part was attended. */
  hours: classHours.optional(),
});
export const completionOut = z.object({
  id,
  personId: id,
  courseId: id,
  courseCode: z.string(),
  courseTitle: z.string(),
  sessionId: id.nullable(),
  completedOn: z.string(),
  hours: z.number(),
  sourceSystem: z.string(),
  createdAt: z.string(),
});
export const TRAINING_COLUMNS = {
  idNumber: '身份证号',
  courseCode: '课程编号',
  completedOn: '完成日期',
  hours: '学时',
} as const;
export const trainingImportInput = z.object({
  format: z.enum(['csv', 'xlsx']),
  /** The register file, base64 (CSV in UTF-8, with or without BOM). */
  contentBase64: z.string().min(1).max(8_000_000),
  sourceSystem: text(100),
  /** Which column holds what, when the register's headings differ from the defaults. */
  columns: z
    .object({ idNumber: text(50), courseCode: text(50), completedOn: text(50), hours: text(50) })
    .partial()
    .default({}),
});
export const trainingImportOut = z.object({ rows: z.number(), imported: z.number(), unchanged: z.number() });
export const trainingYearOut = z.object({
  year: z.number(),
  hours: z.number(),
  required: z.number(),
  met: z.boolean(),
  missingMandatory: z.array(z.object({ courseId: id, code: z.string(), title: z.string() })),
});
export const completionRateInput = z.object({
  orgId: id,
  year: z.number().int().min(2000).max(2100),
  subtree: z.boolean().default(true),
});
export const completionRateOut = z.object({
  orgId: id,
  year: z.number(),
  persons: z.number(),
  met: z.number(),
  rate: z.number().nullable(),
  hoursTotal: z.number(),
  byOrg: z.array(
    z.object({ orgId: id, orgName: z.string(), persons: z.number(), met: z.number(), rate: z.number().nullable() }),
  ),
});

export const honourOverrideInput = z.object({
  recordId: id,
  reason: z.string().trim().min(10, bilingual('理由不少于10个字', 'the reason needs at least 10 characters')).max(1000),
});
export const honourOverrideOut = z.object({
  recordId: id,
  reason: z.string(),
  blockingRecordIds: z.array(id),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});
export const personHonoursInput = z.object({ personId: id, date: legalDate });

export const MATTER_CHECK_RESULTS = ['not_checked', 'consistent', 'omission', 'concealment'] as const;
export const MATTER_CATEGORIES = [
  'marriage',
  'travel',
  'family_business',
  'income',
  'property',
  'investment',
  'other',
] as const;
export const personalMatterInput = z.object({
  personId: id,
  year: z.number().int().min(2000).max(2100),
  submittedOn: legalDate,
  items: z.array(z.object({ category: z.enum(MATTER_CATEGORIES), summary: text(500) })).max(100),
  checkResult: z.enum(MATTER_CHECK_RESULTS).default('not_checked'),
  checkedOn: legalDate.optional(),
  handling: z.string().trim().max(1000).optional(),
});
export const personalMatterCheckInput = z.object({
  id,
  checkResult: z.enum(MATTER_CHECK_RESULTS),
  checkedOn: legalDate,
  handling: z.string().trim().max(1000).optional(),
});
export const personalMatterOut = personalMatterInput.extend({
  id,
  checkResultZh: z.string(),
  checkedOn: z.string().nullable(),
  handling: z.string().nullable(),
  createdAt: z.string(),
});
export const CLEAN_GOVERNMENT_KINDS = [
  'integrity_talk',
  'inquiry_letter',
  'admonishment',
  'pledge',
  'gift_registration',
  'other',
] as const;
export const cleanGovernmentInput = z.object({
  personId: id,
  kind: z.enum(CLEAN_GOVERNMENT_KINDS),
  occurredOn: legalDate,
  summary: text(1000),
  recordingOrgId: id,
});
export const cleanGovernmentOut = cleanGovernmentInput.extend({
  id,
  kindZh: z.string(),
  recordingOrgName: z.string(),
  createdAt: z.string(),
});

export const coverageInput = z.object({
  year: z.number().int().min(2000).max(2100),
  rootOrgId:
    id.optional() /** child: one row per body directly below the root (districts under the city); org: one row per body. */,
  groupBy: z.enum(['child', 'org']).default('child'),
});
export const share = z.number().nullable();
export const coverageRowOut = z.object({
  orgId: id,
  orgName: z.string(),
  bodies: z.number(),
  bodiesWithFile: z.number(),
  bodyShare: share,
  persons: z.number(),
  withAssessment: z.number(),
  withTraining: z.number(),
  personsWithFile: z.number(),
  personShare: share,
});
export const coverageOut = z.object({
  year: z.number(),
  definitionZh: z.string(),
  total: coverageRowOut.omit({ orgId: true, orgName: true }),
  rows: z.array(coverageRowOut),
});
export const REPORTING_FREQUENCIES = ['monthly', 'quarterly'] as const;
export const REPORTING_SOURCE_KINDS = ['court', 'discipline', 'penalty', 'other'] as const;
export const reportingSourceInput = z.object({
  code: z
    .string()
    .trim()
    .regex(
      /^[a-z0-9][a-z0-9._-]{1,60}$/,
      bilingual('报送系统编码应为小写字母、数字、点、下划线或连字符', 'code: lower-case letters, digits, . _ -'),
    ),
  name: text(200),
  orgId: id,
  kind: z.enum(REPORTING_SOURCE_KINDS),
  frequency: z.enum(REPORTING_FREQUENCIES),
  dueWorkingDays: z.number().int().min(1).max(60).optional(),
  activeFrom: legalDate,
});
export const reportingSourceOut = reportingSourceInput.extend({ id, orgName: z.string(), dueWorkingDays: z.number() });
export const periodKey = z
  .string()
  .regex(
    /^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/,
    bilingual('报送期格式应为YYYY-MM或YYYY-Q1…Q4', 'period: YYYY-MM or YYYY-Q1…Q4'),
  );
export const nilReportInput = z.object({
  sourceId: id,
  period: periodKey,
  note: z.string().trim().max(500).optional(),
});
export const completenessInput = z
  .object({ from: legalDate, to: legalDate, sourceId: id.optional() })
  .refine((i) => i.to >= i.from, {
    path: ['to'],
    ...bilingual('截止日期不能早于开始日期', 'to cannot be before from'),
  });
export const REPORTING_STATES = ['on_time', 'late', 'silent', 'pending'] as const;
export const completenessOut = z.object({
  rows: z.array(
    z.object({
      sourceId: id,
      code: z.string(),
      name: z.string(),
      orgName: z.string(),
      period: z.string(),
      periodStart: z.string(),
      periodEnd: z.string(),
      due: z.string(),
      provisional: z.boolean(),
      state: z.enum(REPORTING_STATES),
      stateZh: z.string(),
      firstReportedOn: z.string().nullable(),
      nil: z.boolean(),
      records: z.number(),
      lateRecords: z.number(),
    }),
  ),
  lateOrSilent: z.array(z.object({ sourceId: id, name: z.string(), late: z.number(), silent: z.number() })),
});

/** Where an entry came from: the reporting system (or manual entry), who entered it and when. */
export const entrySource = z.object({ system: z.string(), enteredBy: z.string().nullable(), enteredAt: z.string() });
export const fileProcessOut = z.object({
  kind: z.enum(['objection', 'repair', 'rectification', 'self_correction', 'notice']),
  kindZh: z.string(),
  id,
  recordId: id,
  status: z.string(),
  statusZh: z.string(),
  filedOn: z.string(),
  closedOn: z.string().nullable(),
  /** What was decided, in words: a self-correction's measures and its legal basis (免于…，依据…), a notice's title. */
  detailZh: z.string().nullable(),
});
export const fileSectionsOut = z.object({
  commendations: z.array(
    z.object({
      recordId: id,
      typeLabelZh: z.string(),
      facts: z.string(),
      decisionNo: z.string(),
      decisionDate: z.string(),
      issuingAuthority: z.string(),
      status: z.string(),
      override: honourOverrideOut.nullable(),
      source: entrySource,
    }),
  ),
  assessments: z.array(assessmentOut.extend({ source: entrySource })),
  training: z.object({ years: z.array(trainingYearOut), completions: z.array(completionOut) }).nullable(),
  processes: z.array(fileProcessOut),
  /** Only in the confidential view (kernel.confidential.read); null otherwise, never an empty list that would mislead. */
  confidential: z
    .object({ personalMatters: z.array(personalMatterOut), cleanGovernment: z.array(cleanGovernmentOut) })
    .nullable(),
  /** A body's own staff: how many are in post and how complete their files are for the year before the as-of date. */
  staff: coverageRowOut.nullable(),
});
export const integrityFileOut = integrityFileBase.extend({ sections: fileSectionsOut });
export type IntegrityFile = z.infer<typeof integrityFileOut>;
export const fileExportInput = fileInput.extend({ format: z.enum(['html', 'pdf']) });
export const fileExportOut = z.object({
  filename: z.string(),
  contentType: z.string(),
  /** HTML as text; PDF as base64. */ content: z.string(),
  encoding: z.enum(['utf8', 'base64']),
  documentNo: z.string(),
});

// ---- procedure inputs and outputs (named for the procedure they belong to) ----
export const reasonOut = appliedRuleOut.extend({
  recordId: id,
  describedZh: z.string(),
  from: z.string(),
  until: z.string().nullable(),
});
/** A published criticism notice an answer cites (the honours bar). */
export const noticeCiteOut = z.object({
  noticeId: id,
  title: z.string(),
  documentNo: z.string().nullable(),
  publishedOn: z.string(),
  describedZh: z.string(),
  ruleId: z.string(),
  source: appliedRuleOut.shape.source,
});
export const assessmentAnswerOut = z.object({
  personId: id,
  year: z.number(),
  mayBeExcellent: z.boolean(),
  mayBeGraded: z.boolean(),
  allowedGrades: z.array(z.string()),
  summaryZh: z.string(),
  summaryEn: z.string(),
  reasons: z.array(reasonOut),
  /** Self-correction decisions on the person's records and how each bears on this answer (免于…，依据…). */
  mitigations: z.array(mitigationOut),
  bySource: z.array(
    z.object({
      source: z.enum(['assessment-rules', 'plan']),
      labelZh: z.string(),
      mayBeExcellent: z.boolean(),
      mayBeGraded: z.boolean(),
    }),
  ),
});
export const trainingCoursesInput = z.void();
export const trainingCoursesOutput = z.array(courseOut);
export const trainingSessionsInput = z.object({ courseId: id });
export const trainingSessionsOutput = z.array(sessionOut);
export const trainingCompletionsInput = z.object({ personId: id });
export const trainingCompletionsOutput = z.array(completionOut);
export const commendationsEligibilityOutput = z.object({
  personId: id,
  date: z.string(),
  eligible: z.boolean(),
  summaryZh: z.string(),
  reasons: z.array(reasonOut),
  mitigations: z.array(mitigationOut),
});
export const confidentialPersonalMattersInput = z.object({ personId: id });
export const confidentialPersonalMattersOutput = z.array(personalMatterOut);
export const confidentialCleanGovernmentInput = z.object({ personId: id });
export const confidentialCleanGovernmentOutput = z.array(cleanGovernmentOut);
export const coverageSourcesInput = z.void();
export const coverageSourcesOutput = z.array(reportingSourceOut);
export const coverageDeclareNilOutput = z.object({ id: id, sourceId: id, period: z.string(), declaredOn: z.string() });
export const eligibilityAnnualAssessmentInput = z.object({ personId: id, year: z.number().int().min(2000).max(2100) });
export const eligibilityAnnualAssessmentForOrgInput = z.object({
  orgId: id,
  year: z.number().int().min(2000).max(2100),
  subtree: z.boolean().default(false),
});
export const eligibilityAnnualAssessmentForOrgOutput = z.array(
  assessmentAnswerOut.extend({ name: z.string(), orgName: z.string(), postTitle: z.string() }),
);
export const eligibilityHonoursInput = z.object({ orgId: id, date: legalDate });
export const eligibilityHonoursOutput = z.object({
  orgId: id,
  date: z.string(),
  eligible: z.boolean(),
  summaryZh: z.string(),
  reasons: z.array(reasonOut),
  /** Published criticism notices against the body in force that day (the plan's 通报批评 cited beside its records). */
  notices: z.array(noticeCiteOut),
  mitigations: z.array(mitigationOut),
});
export const eligibilityPromotionInput = z.object({ personId: id, date: legalDate });
export const eligibilityPromotionOutput = z.object({
  personId: id,
  date: z.string(),
  eligible: z.boolean(),
  summaryZh: z.string(),
  reasons: z.array(reasonOut),
  mitigations: z.array(mitigationOut),
});
export const assessmentsListInput = z.object({ personId: id });
export const assessmentsListOutput = z.array(assessmentOut);
