import { z } from 'zod';
import { RECORD_STATUSES, SEVERITIES } from './labels';
import { id } from './common';

// ---- procedure inputs and outputs (named for the procedure they belong to) ----
export const recordIds = z.array(id).min(1).max(100);
export const consoleOverviewInput = z
  .object({ months: z.number().int().min(1).max(36).default(12) })
  .default({ months: 12 });
export const consoleOverviewOutput = z.object({
  asOf: z.string(),
  byStatus: z.array(z.object({ status: z.enum(RECORD_STATUSES), count: z.number() })),
  bySeverity: z.array(z.object({ severity: z.enum(SEVERITIES), count: z.number() })),
  disputed: z.number(),
  months: z.array(z.string()),
  byDistrict: z.array(
    z.object({ orgId: z.string().nullable(), orgName: z.string(), counts: z.array(z.number()), total: z.number() }),
  ),
});
export const consoleActivityInput = z
  .object({ limit: z.number().int().min(1).max(100).default(20) })
  .default({ limit: 20 });
export const consoleActivityOutput = z.array(
  z.object({
    recordId: id,
    action: z.string(),
    fromStatus: z.string().nullable(),
    toStatus: z.string(),
    at: z.string(),
    actorName: z.string().nullable(),
    reason: z.string().nullable(),
    typeKey: z.string(),
    orgName: z.string(),
    personName: z.string().nullable(),
  }),
);
export const consoleSubmitManyInput = z.object({
  recordIds: recordIds,
  reason: z.string().trim().max(1000).optional(),
});
export const consoleSubmitManyOutput = z.object({ moved: z.number() });
export const consoleReviewManyInput = z.object({
  action: z.enum(['approve', 'reject', 'publish']),
  recordIds: recordIds,
  reason: z.string().trim().max(1000).optional(),
});
export const consoleReviewManyOutput = z.object({ moved: z.number() });
