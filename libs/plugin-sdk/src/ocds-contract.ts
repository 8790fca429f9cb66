/** The browser-safe shapes of the OCDS import and publication procedures, shared by every plugin that has them. */
import { z } from 'zod';

const issue = z.object({
  index: z.number(),
  ocid: z.string().nullable(),
  field: z.string(),
  messageZh: z.string(),
  messageEn: z.string(),
});

export const ocdsImportInput = z.object({
  /** An OCDS release package or record package, as parsed JSON. */
  package: z.record(z.string(), z.unknown()),
});

/** What an import did: per stored item new, changed or unchanged; processes still without a contract; refusals and notices by path. */
export const ocdsImportOut = z.object({
  releases: z.number(),
  processes: z.number(),
  imported: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  pending: z.number(),
  errors: z.array(issue),
  notices: z.array(issue),
});

/** The public feed: one process by ocid, or the bulk package (optionally only what changed since a moment), a page at a time. */
export const ocdsRecordInput = z.object({ ocid: z.string().trim().min(1).max(200) });
export const ocdsPackageInput = z.object({
  since: z.iso.datetime({ offset: true }).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(500).default(100),
});
/** An OCDS package is open JSON; its shape is checked by the publication tests against the 1.1 schemas' requirements. */
export const ocdsPackageOut = z.record(z.string(), z.unknown());
