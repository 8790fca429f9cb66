import { z } from 'zod';
import * as c from '@chengxin/contract';
import { serviceContext, procedure, refs, router, type RawInput, type TrpcContext } from '../core';
import type { Scope } from '../access';
import { fileDocument } from './documents/file-document';
import { renderHtml } from './documents/html';
import { renderPdf } from './documents/pdf';
import { overrideHonourBar } from './commendations';
import {
  checkPersonalMatter,
  cleanGovernment,
  personalMatters,
  recordCleanGovernment,
  recordPersonalMatter,
} from './confidential';
import { coverage } from './coverage';
import {
  personHonoursEligibility,
  annualAssessment,
  annualAssessmentForOrg,
  honoursEligibility,
  promotionEligibility,
} from './eligibility';
import { integrityFile } from './files';
import { completeness, declareNil, listSources, saveSource } from './reporting';
import {
  completionRate,
  createSession,
  importTraining,
  listCourses,
  listSessions,
  personCompletions,
  recordCompletion,
  saveCourse,
} from './training';
import { listAssessments, recordAssessment } from './assessments';

/**
 * The complete integrity file (issue: training, assessments, commendations, confidential sections, the file as one
 * document, coverage and reporting completeness). Each procedure declares its permission; the confidential sections
 * have procedures of their own, so the permission that reads them is declared, never checked inside a service.
 */
type Ctx = TrpcContext & { scope: Scope };
const k = serviceContext;
const fileSubject = (i: RawInput) =>
  refs([
    i?.subject?.kind === 'person' ? 'person' : 'org',
    i?.subject?.kind === 'person' ? i?.subject?.personId : i?.subject?.orgId,
  ]);
/**
 * The day the file is read as of. A later day is allowed: standing then answers "by what is known now, will a record
 * still bind on D?" (a sanction's end, a publication window), which assessors ask ahead of a promotion or an honour.
 */
const asOfDay = (ctx: Ctx, asOf: string | undefined): string => asOf ?? k(ctx).today();
const subjectOf = (input: z.infer<typeof c.fileInput>) =>
  input.subject.kind === 'org'
    ? { kind: 'org' as const, orgId: input.subject.orgId }
    : { kind: 'person' as const, personId: input.subject.personId };

async function exportFile(
  ctx: Ctx,
  input: z.infer<typeof c.fileExportInput>,
  confidential: boolean,
): Promise<z.infer<typeof c.fileExportOut>> {
  const today = k(ctx).today();
  const file = await integrityFile(ctx.db, subjectOf(input), asOfDay(ctx, input.asOf), {
    confidential,
    scope: ctx.scope,
  });
  const doc = fileDocument(file, today);
  // The file name carries the document number, never a name or an ID number.
  if (input.format === 'html')
    return {
      filename: `${doc.documentNo}.html`,
      contentType: 'text/html; charset=utf-8',
      content: renderHtml(doc),
      encoding: 'utf8',
      documentNo: doc.documentNo,
    };
  return {
    filename: `${doc.documentNo}.pdf`,
    contentType: 'application/pdf',
    content: (await renderPdf(doc)).toString('base64'),
    encoding: 'base64',
    documentNo: doc.documentNo,
  };
}

export const filesRouter = router({
  get: procedure
    .meta({
      permission: 'kernel.files.read',
      scope: 'subject',
      accessLog: 'file.read',
      summary: '诚信档案（可指定截至日期；不含保密事项）',
      subjects: fileSubject,
    })
    .input(c.fileInput)
    .output(c.integrityFileOut)
    .query(({ ctx, input }) => integrityFile(ctx.db, subjectOf(input), asOfDay(ctx, input.asOf), { scope: ctx.scope })),
  getConfidential: procedure
    .meta({
      permission: 'kernel.confidential.read',
      scope: 'subject',
      accessLog: 'file.read_confidential',
      summary: '诚信档案（含个人有关事项报告和廉政记录）',
      subjects: fileSubject,
    })
    .input(c.fileInput)
    .output(c.integrityFileOut)
    .query(({ ctx, input }) =>
      integrityFile(ctx.db, subjectOf(input), asOfDay(ctx, input.asOf), { confidential: true, scope: ctx.scope }),
    ),
  export: procedure
    .meta({
      permission: 'kernel.files.read',
      scope: 'subject',
      accessLog: 'file.export',
      summary: '导出诚信档案（打印页HTML或PDF，内嵌中文字体）',
      subjects: fileSubject,
    })
    .input(c.fileExportInput)
    .output(c.fileExportOut)
    .query(({ ctx, input }) => exportFile(ctx, input, false)),
  exportConfidential: procedure
    .meta({
      permission: 'kernel.confidential.read',
      scope: 'subject',
      accessLog: 'file.export_confidential',
      summary: '导出含保密事项的诚信档案',
      subjects: fileSubject,
    })
    .input(c.fileExportInput)
    .output(c.fileExportOut)
    .query(({ ctx, input }) => exportFile(ctx, input, true)),
});

export const trainingRouter = router({
  courses: procedure
    .meta({ permission: 'kernel.files.read', scope: 'global', summary: '诚信教育课程' })
    .input(c.trainingCoursesInput)
    .output(c.trainingCoursesOutput)
    .query(({ ctx }) => listCourses(ctx.db)),
  // The course catalogue is city-wide (a mandatory course binds everyone): only a grant without an org limit edits it.
  saveCourse: procedure
    .meta({ permission: 'kernel.training.write', scope: 'city', summary: '新增或修改课程（按课程编号；全市课程目录）' })
    .input(c.courseSaveInput)
    .output(c.courseOut)
    .mutation(({ ctx, input }) => saveCourse(k(ctx), input)),
  sessions: procedure
    .meta({ permission: 'kernel.files.read', scope: 'global', summary: '课程的培训班次' })
    .input(c.trainingSessionsInput)
    .output(c.trainingSessionsOutput)
    .query(({ ctx, input }) => listSessions(ctx.db, input.courseId)),
  createSession: procedure
    .meta({ permission: 'kernel.training.write', scope: 'city', summary: '新增培训班次' })
    .input(c.sessionCreateInput)
    .output(c.sessionOut)
    .mutation(({ ctx, input }) => createSession(k(ctx), input)),
  recordCompletion: procedure
    .meta({
      permission: 'kernel.training.write',
      scope: 'subject',
      subjects: (i) => refs(['person', i?.personId]),
      summary: '登记个人完成培训',
    })
    .input(c.completionInput)
    .output(c.completionOut)
    .mutation(({ ctx, input }) => recordCompletion(k(ctx), input)),
  import: procedure
    .meta({
      permission: 'kernel.training.write',
      scope: 'list',
      summary: '导入培训台账（CSV/XLSX；任一行有误则整批不写入，逐行报错）',
    })
    .input(c.trainingImportInput)
    .output(c.trainingImportOut)
    .mutation(({ ctx, input }) => importTraining(k(ctx), input)),
  completions: procedure
    .meta({
      permission: 'kernel.files.read',
      scope: 'subject',
      accessLog: 'training.read',
      subjects: (i) => refs(['person', i?.personId]),
      summary: '某人的培训记录',
    })
    .input(c.trainingCompletionsInput)
    .output(c.trainingCompletionsOutput)
    .query(({ ctx, input }) => personCompletions(ctx.db, input.personId)),
  completionRate: procedure
    .meta({
      permission: 'kernel.coverage.read',
      scope: 'subject',
      subjects: (i) => refs(['org', i?.orgId]),
      summary: '单位（可含下级）诚信教育学时达标率',
    })
    .input(c.completionRateInput)
    .output(c.completionRateOut)
    .query(({ ctx, input }) => completionRate(ctx.db, input.orgId, input.year, input.subtree)),
});

export const commendationsRouter = router({
  eligibility: procedure
    .meta({
      permission: 'kernel.eligibility.read',
      scope: 'subject',
      accessLog: 'honours.eligibility',
      subjects: (i) => refs(['person', i?.personId]),
      summary: '公务员在某日能否授予表彰奖励',
    })
    .input(c.personHonoursInput)
    .output(c.commendationsEligibilityOutput)
    .query(({ ctx, input }) => personHonoursEligibility(ctx.db, input.personId, input.date)),
  override: procedure
    .meta({
      permission: 'kernel.commendations.override',
      scope: 'subject',
      subjects: (i) => refs(['record', i?.recordId]),
      summary: '对有有效失信记录的表彰对象作例外批准（须说明理由，记入审计）',
    })
    .input(c.honourOverrideInput)
    .output(c.honourOverrideOut)
    .mutation(({ ctx, input }) => overrideHonourBar(k(ctx), input)),
});

export const confidentialRouter = router({
  recordPersonalMatter: procedure
    .meta({
      permission: 'kernel.confidential.write',
      scope: 'subject',
      subjects: (i) => refs(['person', i?.personId]),
      summary: '登记个人有关事项报告',
    })
    .input(c.personalMatterInput)
    .output(c.personalMatterOut)
    .mutation(({ ctx, input }) => recordPersonalMatter(k(ctx), input)),
  checkPersonalMatter: procedure
    .meta({
      permission: 'kernel.confidential.write',
      scope: 'subject',
      subjects: (i) => refs(['personal_matter', i?.id]),
      summary: '登记个人有关事项报告的核查结果',
    })
    .input(c.personalMatterCheckInput)
    .output(c.personalMatterOut)
    .mutation(({ ctx, input }) => checkPersonalMatter(k(ctx), input)),
  personalMatters: procedure
    .meta({
      permission: 'kernel.confidential.read',
      scope: 'subject',
      accessLog: 'personal_matter.read',
      subjects: (i) => refs(['person', i?.personId]),
      summary: '某人的个人有关事项报告',
    })
    .input(c.confidentialPersonalMattersInput)
    .output(c.confidentialPersonalMattersOutput)
    .query(({ ctx, input }) => personalMatters(ctx.db, input.personId)),
  recordCleanGovernment: procedure
    .meta({
      permission: 'kernel.confidential.write',
      scope: 'subject',
      subjects: (i) => refs(['person', i?.personId], ['org', i?.recordingOrgId]),
      summary: '登记廉政记录',
    })
    .input(c.cleanGovernmentInput)
    .output(c.cleanGovernmentOut)
    .mutation(({ ctx, input }) => recordCleanGovernment(k(ctx), input)),
  cleanGovernment: procedure
    .meta({
      permission: 'kernel.confidential.read',
      scope: 'subject',
      accessLog: 'clean_government.read',
      subjects: (i) => refs(['person', i?.personId]),
      summary: '某人的廉政记录',
    })
    .input(c.confidentialCleanGovernmentInput)
    .output(c.confidentialCleanGovernmentOutput)
    .query(({ ctx, input }) => cleanGovernment(ctx.db, input.personId)),
});

export const coverageRouter = router({
  files: procedure
    .meta({ permission: 'kernel.coverage.read', scope: 'list', summary: '档案覆盖率（按区或按单位）' })
    .input(c.coverageInput)
    .output(c.coverageOut)
    .query(({ ctx, input }) => coverage(ctx.db, input, ctx.scope)),
  sources: procedure
    .meta({ permission: 'kernel.coverage.read', scope: 'global', summary: '报送单位及其报送日历' })
    .input(c.coverageSourcesInput)
    .output(c.coverageSourcesOutput)
    .query(({ ctx }) => listSources(ctx.db)),
  saveSource: procedure
    .meta({ permission: 'kernel.reporting.manage', scope: 'city', summary: '新增或修改报送单位（按编码）' })
    .input(c.reportingSourceInput)
    .output(c.reportingSourceOut)
    .mutation(({ ctx, input }) => saveSource(k(ctx), input)),
  declareNil: procedure
    .meta({
      permission: 'kernel.reporting.declare',
      scope: 'subject',
      subjects: (i) => refs(['reporting_source', i?.sourceId]),
      summary: '报送零报告',
    })
    .input(c.nilReportInput)
    .output(c.coverageDeclareNilOutput)
    .mutation(({ ctx, input }) => declareNil(k(ctx), input)),
  completeness: procedure
    .meta({
      permission: 'kernel.coverage.read',
      scope: 'list',
      summary: '报送完整性：各报送单位各期是否按时报送，逾期和未报送单位清单',
    })
    .input(c.completenessInput)
    .output(c.completenessOut)
    .query(({ ctx, input }) => completeness(k(ctx), input)),
});

export const eligibilityRouter = router({
  annualAssessment: procedure
    .meta({
      permission: 'kernel.eligibility.read',
      scope: 'subject',
      subjects: (i) => refs(['person', i?.personId]),
      summary: '该公务员本年度能否评为优秀、能否确定等次（附依据）',
    })
    .input(c.eligibilityAnnualAssessmentInput)
    .output(c.assessmentAnswerOut)
    .query(({ ctx, input }) => annualAssessment(ctx.db, input.personId, input.year)),
  annualAssessmentForOrg: procedure
    .meta({
      permission: 'kernel.eligibility.read',
      scope: 'subject',
      subjects: (i) => refs(['org', i?.orgId]),
      summary: '一个单位（可含下级）全体人员的年度考核资格清单',
    })
    .input(c.eligibilityAnnualAssessmentForOrgInput)
    .output(c.eligibilityAnnualAssessmentForOrgOutput)
    .query(({ ctx, input }) => annualAssessmentForOrg(ctx.db, input.orgId, input.year, input.subtree)),
  honours: procedure
    .meta({
      permission: 'kernel.eligibility.read',
      scope: 'subject',
      subjects: (i) => refs(['org', i?.orgId]),
      summary: '单位在某日能否参加荣誉评选',
    })
    .input(c.eligibilityHonoursInput)
    .output(c.eligibilityHonoursOutput)
    .query(({ ctx, input }) => honoursEligibility(ctx.db, input.orgId, input.date)),
  promotion: procedure
    .meta({
      permission: 'kernel.eligibility.read',
      scope: 'subject',
      subjects: (i) => refs(['person', i?.personId]),
      summary: '公务员在某日能否晋升（处分期内不得晋升）',
    })
    .input(c.eligibilityPromotionInput)
    .output(c.eligibilityPromotionOutput)
    .query(({ ctx, input }) => promotionEligibility(ctx.db, input.personId, input.date)),
});

export const assessmentsRouter = router({
  record: procedure
    .meta({
      permission: 'kernel.assessments.write',
      scope: 'subject',
      subjects: (i) => refs(['person', i?.personId], ['org', i?.assessingOrgId]),
      summary: '录入年度考核结果（不符合条件的“优秀”被拒绝并说明理由）',
    })
    .input(c.assessmentRecordInput)
    .output(c.assessmentOut)
    .mutation(({ ctx, input }) => recordAssessment(k(ctx), input)),
  list: procedure
    .meta({
      permission: 'kernel.files.read',
      scope: 'subject',
      subjects: (i) => refs(['person', i?.personId]),
      summary: '某人历年考核结果',
    })
    .input(c.assessmentsListInput)
    .output(c.assessmentsListOutput)
    .query(({ ctx, input }) => listAssessments(ctx.db, input.personId)),
});
