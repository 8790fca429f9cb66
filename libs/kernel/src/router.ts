/**
 * The kernel's API: one router per domain, composed under stable keys (`kernel.records.submit`, …). Each domain's
 * router declares every procedure's permission, scope and contract; this file only composes them.
 */
import { router } from './core';
import { authRouter, usersRouter, rolesRouter, tokensRouter } from './access/router';
import { orgsRouter, personsRouter } from './registry/router';
import { recordsRouter, rulesRouter } from './records/router';
import {
  filesRouter,
  eligibilityRouter,
  assessmentsRouter,
  trainingRouter,
  commendationsRouter,
  confidentialRouter,
  coverageRouter,
} from './file/router';
import { calendarRouter } from './calendar/router';
import {
  objectionsRouter,
  complaintsRouter,
  rectificationsRouter,
  accountabilityRouter,
  supervisionRouter,
  notificationsRouter,
  repairsRouter,
  jobsRouter,
} from './processes/router';
import { auditRouter } from './audit/router';
import { pluginsRouter } from './plugins/router';
import { evaluationRouter, rollupsRouter } from './evaluation/router';
import { publicRouter } from './public/router';
import { exchangeRouter } from './exchange/router';
import { consoleRouter } from './console/router';
import { leadsRouter } from './leads/router';
import { noticesRouter, selfCorrectionsRouter } from './measures/router';

export const kernelRouter = router({
  auth: authRouter,
  users: usersRouter,
  roles: rolesRouter,
  tokens: tokensRouter,
  orgs: orgsRouter,
  persons: personsRouter,
  records: recordsRouter,
  files: filesRouter,
  rules: rulesRouter,
  calendar: calendarRouter,
  objections: objectionsRouter,
  complaints: complaintsRouter,
  rectifications: rectificationsRouter,
  accountability: accountabilityRouter,
  supervision: supervisionRouter,
  notifications: notificationsRouter,
  repairs: repairsRouter,
  eligibility: eligibilityRouter,
  assessments: assessmentsRouter,
  training: trainingRouter,
  commendations: commendationsRouter,
  confidential: confidentialRouter,
  coverage: coverageRouter,
  jobs: jobsRouter,
  audit: auditRouter,
  plugins: pluginsRouter,
  evaluation: evaluationRouter,
  rollups: rollupsRouter,
  public: publicRouter,
  exchange: exchangeRouter,
  console: consoleRouter,
  leads: leadsRouter,
  notices: noticesRouter,
  selfCorrections: selfCorrectionsRouter,
});

export type KernelRouter = typeof kernelRouter;
