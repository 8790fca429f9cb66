import { z } from 'zod';
import { bilingual, id, legalDate, pageInput, text } from './common';
import { ORG_KINDS, ORG_LEVELS } from './labels';

/** Government bodies and civil servants: org units, persons, posts and tenures. */
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
export const orgCreateOutput = z.object({
  org: orgUnitOut,
  warnings: z.array(z.object({ code: z.string(), field: z.string(), messageZh: z.string(), messageEn: z.string() })),
});

export const orgSearchInput = pageInput.extend({
  q: z.string().trim().max(100).default(''),
  level: z.enum(ORG_LEVELS).optional(),
  withinOrgId: id.optional(),
});

export const tenureOut = z.object({
  id,
  orgId: id,
  orgName: z.string(),
  postTitle: z.string(),
  principal: z.boolean(),
  startDate: z.string(),
  endDate: z.string().nullable(),
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
  tenure: z
    .object({
      orgId: id,
      postTitle: text(100),
      principal: z.boolean().default(false),
      leading: z.boolean().optional(),
      startDate: legalDate,
    })
    .optional(),
});
/** leading: a 领导职务 (defaults to principal: every principal is a leading cadre, not every leading cadre a principal). */
export const appointInput = z.object({
  personId: id,
  orgId: id,
  postTitle: text(100),
  principal: z.boolean().default(false),
  leading: z.boolean().optional(),
  startDate: legalDate,
});
export const endTenureInput = z.object({ tenureId: id, endDate: legalDate });
export const personSearchInput = pageInput.extend({ q: z.string().trim().max(50).default(''), orgId: id.optional() });
export const personSummaryOut = z.object({
  id,
  name: z.string(),
  idNumberMasked: z.string(),
  orgName: z.string().nullable(),
  postTitle: z.string().nullable(),
});

// ---- procedure inputs and outputs (named for the procedure they belong to) ----
export const orgsTreeInput = z.object({ parentId: id.nullable().default(null) });
export const orgsTreeOutput = z.array(orgUnitOut);
export const orgsGetInput = z.object({ id: id });
export const personsGetInput = z.object({ id: id });
export const personsFindByIdNumberInput = z.object({ idNumber: z.string().trim().min(1).max(30) });
export const personsRevealIdNumberInput = z.object({ id: id, reason: z.string().trim().min(2).max(500) });
export const personsRevealIdNumberOutput = z.object({ idNumber: z.string() });

/** A district's registration of an ID number already on file elsewhere, waiting for a city-wide registrar. */
export const personDuplicateOut = z.object({
  id,
  name: z.string(),
  idNumberMasked: z.string(),
  registeredAt: z.string(),
  /** The posts the district entered with its registration. */
  tenures: z.array(tenureOut),
  existing: z.object({ id, name: z.string(), tenures: z.array(tenureOut) }),
  /** True when the name the district typed differs from the name on file: check before merging. */
  nameDiffers: z.boolean(),
});
export const personsDuplicatesInput = pageInput;
export const personsMergeDuplicateInput = z.object({ id, reason: z.string().trim().min(2).max(500) });
export const personsMergeDuplicateOutput = z.object({
  mergedInto: id,
  /** How many rows moved from the duplicate to the person on file, by kind (tenures, records, …). */
  moved: z.record(z.string(), z.number().int()),
});
