/** Due-process services, for the server, tests and seeding (the API reaches them through the router). */
export { fileObjection, extendObjection, decideObjection, listObjections } from './services/objections';
export { fileRepair, decideRepair, breakRepairPromise, listRepairs } from './services/repairs';
export { annualAssessment, annualAssessmentForOrg, honoursEligibility, promotionEligibility } from './services/eligibility';
export { runDailyJob } from './services/daily-job';
export { submitComplaint, triageComplaint, closeComplaint, complaintStatus, escalateOverdueComplaints } from './services/complaints';
export { openConsequences, explainRectification, completeRectification, verifyRectification } from './services/rectifications';
export { createInspection, addFinding, registerProposal, answerProposal } from './services/supervision';
export { sendDigests, listNotifications } from './services/notifications';
export { saveCourse, createSession, recordCompletion, importTraining, completionRate, trainingYears, personCompletions } from './services/training';
export { overrideHonourBar } from './services/commendations';
export { recordPersonalMatter, checkPersonalMatter, recordCleanGovernment } from './services/confidential';
export { coverage } from './services/coverage';
export { saveSource, declareNil, completeness, periodsBetween } from './services/reporting';
export { fileDocument } from './documents/file-document';
export { renderHtml } from './documents/html';
export { renderPdf } from './documents/pdf';
