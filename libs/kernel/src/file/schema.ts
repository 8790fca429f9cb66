import { index, integer, jsonb, numeric, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, kernel, dateColumn } from '../core/schema';
import { orgUnit, person } from '../registry/schema';
import { creditRecord } from '../records/schema';

// Tables of the file domain (one migration ledger for the whole kernel: see ../schema.ts).
/** A civil servant's annual assessment result (年度考核结果), one per person and year, entered by the HR department. */
export const assessmentResult = kernel.table(
  'assessment_result',
  {
    id: uuid('id').primaryKey(),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id),
    year: integer('year').notNull(),
    /** excellent | competent | basically_competent | incompetent | ungraded (不定等次). */
    grade: text('grade').notNull(),
    assessingOrgId: uuid('assessing_org_id')
      .notNull()
      .references(() => orgUnit.id),
    note: text('note'),
    createdAt: createdAt(),
    createdBy: uuid('created_by'),
  },
  (t) => [uniqueIndex('assessment_result_person_year_key').on(t.personId, t.year)],
);

/** An integrity-training course (诚信教育课程): who must take it, and how many class hours it gives. */
export const trainingCourse = kernel.table(
  'training_course',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull(),
    title: text('title').notNull(),
    hours: numeric('hours', { precision: 5, scale: 1, mode: 'number' }).notNull(),
    organiser: text('organiser').notNull(),
    organiserOrgId: uuid('organiser_org_id').references(() => orgUnit.id),
    /** all | leading | new_entrant | optional: whom the course is mandatory for. */
    audience: text('audience').notNull(),
    createdAt: createdAt(),
    createdBy: uuid('created_by'),
  },
  (t) => [uniqueIndex('training_course_code_key').on(t.code)],
);

export const trainingSession = kernel.table(
  'training_session',
  {
    id: uuid('id').primaryKey(),
    courseId: uuid('course_id')
      .notNull()
      .references(() => trainingCourse.id),
    startsOn: dateColumn('starts_on').notNull(),
    endsOn: dateColumn('ends_on').notNull(),
    place: text('place'),
    createdAt: createdAt(),
    createdBy: uuid('created_by'),
  },
  (t) => [index('training_session_course_idx').on(t.courseId, t.startsOn)],
);

/** A person's completion of a course: entered, or imported from a training register (idempotent by person, course, day). */
export const trainingCompletion = kernel.table(
  'training_completion',
  {
    id: uuid('id').primaryKey(),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id),
    courseId: uuid('course_id')
      .notNull()
      .references(() => trainingCourse.id),
    sessionId: uuid('session_id').references(() => trainingSession.id),
    completedOn: dateColumn('completed_on').notNull(),
    hours: numeric('hours', { precision: 5, scale: 1, mode: 'number' }).notNull(),
    /** `manual`, or the register it was imported from. */
    sourceSystem: text('source_system').notNull(),
    createdAt: createdAt(),
    createdBy: uuid('created_by'),
  },
  (t) => [
    uniqueIndex('training_completion_key').on(t.personId, t.courseId, t.completedOn),
    index('training_completion_day_idx').on(t.completedOn),
  ],
);

/**
 * A reasoned decision to grant an honour despite an effective dishonesty record (守信激励 is barred otherwise): who,
 * when, why, and which records stood in the way. One per commendation record; the audit chain holds its entry.
 */
export const honourOverride = kernel.table('honour_override', {
  recordId: uuid('record_id')
    .primaryKey()
    .references(() => creditRecord.id),
  reason: text('reason').notNull(),
  blockingRecordIds: jsonb('blocking_record_ids').notNull(),
  createdAt: createdAt(),
  createdBy: uuid('created_by'),
});

/** 个人有关事项报告: a leading cadre's yearly report and the check of it. Confidential: a dedicated permission reads it. */
export const personalMatterReport = kernel.table(
  'personal_matter_report',
  {
    id: uuid('id').primaryKey(),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id),
    year: integer('year').notNull(),
    submittedOn: dateColumn('submitted_on').notNull(),
    /** [{ category, summary }] — what was reported, in the reporting form's categories. */
    items: jsonb('items').notNull(),
    /** not_checked | consistent | omission | concealment (未核查 / 一致 / 漏报 / 隐瞒不报). */
    checkResult: text('check_result').notNull(),
    checkedOn: dateColumn('checked_on'),
    handling: text('handling'),
    createdAt: createdAt(),
    createdBy: uuid('created_by'),
  },
  (t) => [uniqueIndex('personal_matter_report_person_year_key').on(t.personId, t.year)],
);

/** 廉政记录: integrity talks, inquiry letters, admonishments, pledges, gift registrations. Confidential like the above. */
export const cleanGovernmentRecord = kernel.table(
  'clean_government_record',
  {
    id: uuid('id').primaryKey(),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id),
    kind: text('kind').notNull(),
    occurredOn: dateColumn('occurred_on').notNull(),
    summary: text('summary').notNull(),
    recordingOrgId: uuid('recording_org_id')
      .notNull()
      .references(() => orgUnit.id),
    createdAt: createdAt(),
    createdBy: uuid('created_by'),
  },
  (t) => [index('clean_government_record_person_idx').on(t.personId, t.occurredOn)],
);

/**
 * A department that must report records to the credit office (courts' liaison, discipline office, penalty-issuing
 * agencies) and its reporting calendar: the records it reports carry its code as their source system.
 */
export const reportingSource = kernel.table(
  'reporting_source',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgUnit.id),
    /** court | discipline | penalty | other. */
    kind: text('kind').notNull(),
    /** monthly | quarterly. */
    frequency: text('frequency').notNull(),
    /** Working days after a period's end by which its records (or a nil report) are due. */
    dueWorkingDays: integer('due_working_days').notNull(),
    activeFrom: dateColumn('active_from').notNull(),
    createdAt: createdAt(),
    createdBy: uuid('created_by'),
  },
  (t) => [uniqueIndex('reporting_source_code_key').on(t.code)],
);

/** 零报告: a source declaring it had nothing to report for a period, which is reporting too. */
export const reportingNil = kernel.table(
  'reporting_nil',
  {
    id: uuid('id').primaryKey(),
    sourceId: uuid('source_id')
      .notNull()
      .references(() => reportingSource.id),
    period: text('period').notNull(),
    declaredOn: dateColumn('declared_on').notNull(),
    note: text('note'),
    createdAt: createdAt(),
    createdBy: uuid('created_by'),
  },
  (t) => [uniqueIndex('reporting_nil_key').on(t.sourceId, t.period)],
);
