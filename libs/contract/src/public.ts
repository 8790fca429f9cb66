import { complaintSubmitInput } from './processes';
import { z } from 'zod';
import { id, legalDate } from './common';
import { ORG_LEVELS } from './labels';
import {
  COMMENDATION_FIELDS,
  DISCLOSURE_FIELDS,
  DISCLOSURE_SCHEMAS,
  type CommendationFieldCode,
  type DisclosureFieldCode,
} from './disclosure';

/** What each open-data column means for the public (the 双公示 field list with notes), in Chinese and English. */
const PUBLIC_NOTES: Partial<Record<DisclosureFieldCode | CommendationFieldCode, { zh: string; en: string }>> = {
  subjectName: { zh: '单位名称，或公职人员姓名（仅姓名）', en: 'the body, or the civil servant by name only' },
  uscc: { zh: '单位填写；个人为空', en: 'bodies; empty for persons' },
  legalRepresentative: {
    zh: '决定日期时在任的主要负责人；仅单位',
    en: 'the principal in post on the decision date; bodies only',
  },
  facts: {
    zh: '身份证号、电话、账号等长数字串已隐去',
    en: 'long digit runs such as ID, phone and account numbers hidden',
  },
  penaltyCategory: {
    zh: '行政处罚的种类（行政处罚法第九条）；其他记录为处分种类或记录类型',
    en: 'penalty category (行政处罚法 §9); else sanction type, else record type',
  },
  penaltyContent: { zh: '决定书载明的处罚内容', en: 'as the decision states it' },
  fineWan: { zh: '万元，由分换算，精确到元；无罚款为空', en: 'from fen, to the yuan; empty when none' },
  confiscationWan: { zh: '万元，由分换算，精确到元；无没收为空', en: 'from fen, to the yuan; empty when none' },
  licence: { zh: '暂扣或吊销证照时填写', en: 'when a licence is suspended or revoked' },
  honourName: { zh: '表彰奖励的名称或记录类型', en: 'name of the honour, else the record type' },
  honourContent: { zh: '表彰奖励事由；长数字串已隐去', en: 'grounds; long digit runs hidden' },
  decisionDate: { zh: '格式 YYYY-MM-DD（北京时间）', en: 'YYYY-MM-DD' },
  validUntil: { zh: '纪律处分影响期的截止日（不含当日）', en: 'end of a sanction impact period, exclusive' },
  publicationEnd: { zh: '公示截止日（不含当日）', en: 'exclusive' },
  sourceOrg: {
    zh: '报送单位；无则为录入人员所在单位',
    en: "the reporting body, else the entering user's body, else the source system",
  },
  remarks: { zh: '异议处理期间注明“异议处理中”', en: '异议处理中 while an objection is open' },
};

const withNotes = <F extends { code: DisclosureFieldCode | CommendationFieldCode; zh: string; en: string }>(f: F) => ({
  code: f.code as F['code'],
  zh: f.zh,
  en: PUBLIC_NOTES[f.code] ? `${f.en} (${PUBLIC_NOTES[f.code]!.en})` : f.en,
  noteZh: PUBLIC_NOTES[f.code]?.zh ?? '',
});
export const OPEN_DATA_FIELDS = DISCLOSURE_FIELDS.map(withNotes);
/** Commendations (守信) in their own open-data list, never the penalty one. */
export const OPEN_DATA_COMMENDATION_FIELDS = COMMENDATION_FIELDS.map(withNotes);

/** Input and output schemas of kernel.public.* — every output lists its fields, so nothing else can leak through. */
const day = legalDate;
const match = z.enum(['code', 'name', 'prefix', 'substring']);
// Plugin ids have dashes (investment-promises.broken_promise): the filter takes every key recordTypes lists.
const recordTypeKey = z
  .string()
  .trim()
  .regex(/^[a-z][a-zA-Z0-9_.-]{1,80}$/);

export const publicSearchInput = z.object({
  q: z.string().trim().min(1).max(50),
  kind: z.enum(['body', 'person']).default('body'),
  districtId: id.optional(),
  level: z.enum(ORG_LEVELS).optional(),
  recordType: recordTypeKey.optional(),
  limit: z.number().int().min(1).max(50).default(20),
  cursor: z.string().max(100).optional(),
});
const bodyHit = z.object({
  kind: z.literal('body'),
  id,
  name: z.string(),
  uscc: z.string(),
  level: z.enum(ORG_LEVELS),
  levelZh: z.string(),
  districtName: z.string().nullable(),
  publicRecords: z.number(),
  dishonestyRecords: z.number(),
  commendationRecords: z.number(),
  match,
});
const personHit = z.object({
  kind: z.literal('person'),
  id,
  name: z.string(),
  orgId: id,
  orgName: z.string(),
  publicRecords: z.number(),
  dishonestyRecords: z.number(),
  commendationRecords: z.number(),
  match,
});
export const publicSearchOut = z.object({
  items: z.array(z.discriminatedUnion('kind', [bodyHit, personHit])),
  nextCursor: z.string().nullable(),
});

export const publicRecordOut = z.object({
  id,
  version: z.number(),
  subjectKind: z.enum(['org', 'person']),
  orgId: id,
  orgName: z.string(),
  personId: id.nullable(),
  subjectName: z.string(),
  subjectCategory: z.string(),
  uscc: z.string().nullable(),
  legalRepresentative: z.string().nullable(),
  typeKey: z.string(),
  typeZh: z.string(),
  polarity: z.enum(['dishonesty', 'commendation']),
  severity: z.enum(['minor', 'ordinary', 'serious']),
  severityZh: z.string(),
  decisionNo: z.string(),
  violationType: z.string(),
  facts: z.string(),
  legalBasis: z.string(),
  penaltyCategory: z.string(),
  penaltyContent: z.string().nullable(),
  fineWan: z.number().nullable(),
  confiscationWan: z.number().nullable(),
  licence: z.string().nullable(),
  decisionDate: z.string(),
  validUntil: z.string().nullable(),
  publicationEnd: z.string().nullable(),
  authority: z.string(),
  authorityCode: z.string().nullable(),
  sourceOrg: z.string(),
  sourceOrgCode: z.string().nullable(),
  remarks: z.string().nullable(),
  /** Commendations: the honour's name and grounds (null for dishonesty records). */
  honourName: z.string().nullable(),
  honourContent: z.string().nullable(),
  disputed: z.boolean(),
  rectification: z.object({ status: z.string(), statusZh: z.string() }).nullable(),
});
export const publicBodyOut = z.object({
  id,
  name: z.string(),
  uscc: z.string(),
  level: z.enum(ORG_LEVELS),
  levelZh: z.string(),
  kindZh: z.string(),
  areaCode: z.string(),
  districtName: z.string().nullable(),
  parentId: id.nullable(),
  parentName: z.string().nullable(),
});
export const repairNoteOut = z.object({
  typeKey: z.string(),
  typeZh: z.string(),
  repairedOn: z.string(),
  noteZh: z.string(),
  noteEn: z.string(),
});
export const integrityPageOut = z.object({
  asOf: z.string(),
  body: publicBodyOut,
  records: z.array(publicRecordOut),
  repairs: z.array(repairNoteOut),
  counts: z.object({ dishonesty: z.number(), commendation: z.number(), disputed: z.number() }),
});
export const personPageOut = z.object({
  asOf: z.string(),
  person: z.object({ id, name: z.string() }),
  records: z.array(publicRecordOut),
  repairs: z.array(repairNoteOut),
});

export const reportInput = z.object({ orgId: id, asOf: day.optional() });
export const reportOut = integrityPageOut.extend({
  reportNo: z.string(),
  verificationCode: z.string(),
  digest: z.string(),
  verifyPath: z.string(),
  checkpoint: z.object({ seq: z.number(), headHash: z.string(), at: z.string(), keyId: z.string() }),
  /** For the offline verifier (@chengxin/contract/tlog verifyReportOffline): signed checkpoint and per-record proofs. */
  log: z
    .object({
      checkpoint: z.string(),
      proofs: z.array(
        z.object({
          recordId: id,
          leafIndex: z.number(),
          path: z.array(z.string()),
          entry: z.object({
            seq: z.number(),
            at: z.string(),
            actorDigest: z.string(),
            action: z.string(),
            entity: z.string(),
            entityId: z.string(),
            detailDigest: z.string(),
            beforeDigest: z.string().nullable(),
            afterDigest: z.string().nullable(),
            prevHash: z.string().nullable(),
          }),
        }),
      ),
    })
    .nullable(),
});
export const reportFileInput = reportInput.extend({
  format: z.enum(['html', 'pdf']),
  /** Ignored: the QR code and link carry CHENGXIN_PUBLIC_URL (or the server's own address), never a caller's. */
  origin: z
    .string()
    .regex(/^https?:\/\/[A-Za-z0-9.:[\]-]{1,200}$/)
    .optional(),
});
export const reportFileOut = z.object({
  filename: z.string(),
  contentType: z.string(),
  content: z.string(),
  encoding: z.enum(['utf8', 'base64']),
  reportNo: z.string(),
});
export const verifyInput = z.object({
  uscc: z.string().trim().min(1).max(30),
  reportNo: z.string().trim().min(1).max(60),
  verificationCode: z.string().trim().min(1).max(40),
});
export const verifyOut = z.object({
  valid: z.boolean(),
  reasons: z.array(z.object({ code: z.string(), messageZh: z.string(), messageEn: z.string() })),
  report: z
    .object({
      bodyName: z.string(),
      uscc: z.string(),
      asOf: z.string(),
      reportNo: z.string(),
      dishonesty: z.number(),
      commendation: z.number(),
      decisionNos: z.array(z.string()),
    })
    .nullable(),
  checkpoint: z
    .object({ seq: z.number(), at: z.string(), keyId: z.string(), signatureValid: z.boolean(), inChain: z.boolean() })
    .nullable(),
  sealed: z.boolean(),
});

const openDataRow = z.object({
  recordId: id,
  ...Object.fromEntries(OPEN_DATA_FIELDS.map((f) => [f.code, publicRecordOut.shape[f.code]])),
} as {
  recordId: typeof id;
} & { [K in (typeof OPEN_DATA_FIELDS)[number]['code']]: (typeof publicRecordOut.shape)[K] });
const commendationOpenDataRow = z.object({
  recordId: id,
  ...Object.fromEntries(OPEN_DATA_COMMENDATION_FIELDS.map((f) => [f.code, publicRecordOut.shape[f.code]])),
} as {
  recordId: typeof id;
} & {
  [K in (typeof OPEN_DATA_COMMENDATION_FIELDS)[number]['code']]: (typeof publicRecordOut.shape)[K];
});
export const openDataFieldsOut = z.array(
  z.object({ code: z.string(), zh: z.string(), en: z.string(), noteZh: z.string() }),
);
export const openDataInput = z.object({
  /** penalty: dishonesty records in the 双公示 fields; commendation: 守信 records in their own fields. */
  dataset: z.enum(DISCLOSURE_SCHEMAS).default('penalty'),
  format: z.enum(['json', 'csv']).default('json'),
  /** CSV heading: field codes (for programs), Chinese names, or both (Chinese, then the codes as a second row). */
  header: z.enum(['code', 'zh', 'both']).default('code'),
  limit: z.number().int().min(1).max(1000).default(200),
  cursor: z.string().max(100).optional(),
  districtId: id.optional(),
  recordType: recordTypeKey.optional(),
});
export const openDataOut = z.object({
  dataset: z.enum(DISCLOSURE_SCHEMAS),
  format: z.enum(['json', 'csv']),
  /** Dishonesty records (dataset `penalty`). */
  items: z.array(openDataRow),
  /** Commendations (dataset `commendation`). */
  commendations: z.array(commendationOpenDataRow),
  csv: z.string().nullable(),
  nextCursor: z.string().nullable(),
  fields: z.array(z.string()),
});
export const changesInput = z.object({
  since: z.iso.datetime({ offset: true }),
  limit: z.number().int().min(1).max(1000).default(200),
  cursor: z.string().max(100).optional(),
});
export const changesOut = z.object({
  since: z.string(),
  until: z.string(),
  items: z.array(
    z.object({
      op: z.enum(['ADD', 'MOD', 'DEL']),
      recordId: id,
      changedAt: z.string(),
      /** Which field list the record is in (null for DEL). */
      dataset: z.enum(DISCLOSURE_SCHEMAS).nullable(),
      record: openDataRow.nullable(),
      commendation: commendationOpenDataRow.nullable(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

export const districtsOut = z.array(z.object({ id, name: z.string() }));
export const recordTypesOut = z.array(
  z.object({
    key: z.string(),
    labelZh: z.string(),
    labelEn: z.string(),
    polarity: z.enum(['dishonesty', 'commendation']),
  }),
);

/** Attachments of a public complaint: type by the file's first bytes (not its name), size per file, count. */
export const ATTACHMENT_RULES = {
  maxFiles: 3,
  maxBytes: 1536 * 1024,
  types: ['image/jpeg', 'image/png', 'application/pdf'] as const,
};
export const attachmentInput = z.object({
  filename: z
    .string()
    .trim()
    .min(1)
    .max(120)
    .regex(/^[^/\\\0]+$/),
  contentType: z.enum(ATTACHMENT_RULES.types),
  dataBase64: z
    .string()
    .max(Math.ceil((ATTACHMENT_RULES.maxBytes * 4) / 3) + 8)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/),
});

// ---- procedure inputs and outputs (named for the procedure they belong to) ----
export const openDataFieldsInput = z.object({ dataset: z.enum(DISCLOSURE_SCHEMAS).default('penalty') }).optional();
export const publicDistrictsInput = z.void();
export const publicRecordTypesInput = z.void();
export const publicBodyInput = z.object({ orgId: id, asOf: legalDate.optional() });
export const publicPersonInput = z.object({ personId: id });
export const publicComplainInput = complaintSubmitInput.extend({
  attachments: z.array(attachmentInput).max(ATTACHMENT_RULES.maxFiles).default([]),
});
export const publicComplainOutput = z.object({
  receiptCode: z.string(),
  filedOn: z.string(),
  triageDue: z.string(),
  handleDue: z.string(),
  provisional: z.boolean(),
});

/**
 * The portal's pages by first path segment ('' is the home page). The portal routes on these, and the server answers
 * the portal's page for these paths only: any other path is a 404, so a probe on a wrong path (`/health`) is not
 * mistaken for a healthy answer. A test checks the portal's router against this list.
 */
export const PORTAL_SECTIONS = [
  '',
  'search',
  'body',
  'person',
  'report',
  'verify',
  'complaint',
  'open-data',
  'townships',
  'evaluation',
  'agencies',
  'dishonesty',
  'notices',
] as const;
// ---- 失信名单 / 政务失信公示: dishonesty records in publication today (plan 二.4 "加大…曝光力度") ----
const dishonestyFilters = {
  /** A district government: its whole subtree. */
  districtId: id.optional(),
  typeKey: z.string().trim().max(100).optional(),
  severity: z.enum(['minor', 'ordinary', 'serious']).optional(),
  /** Decision date from / to (inclusive). */
  from: legalDate.optional(),
  to: legalDate.optional(),
};
export const dishonestyListInput = z
  .object({
    ...dishonestyFilters,
    page: z.number().int().min(1).max(1000).default(1),
    pageSize: z.number().int().min(1).max(100).default(20),
  })
  .strict();
export const dishonestyEntryOut = z.object({
  recordId: z.string(),
  subjectKind: z.enum(['org', 'person']),
  subjectName: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  personId: z.string().nullable(),
  districtId: z.string().nullable(),
  districtName: z.string().nullable(),
  typeKey: z.string(),
  typeZh: z.string(),
  severity: z.enum(['minor', 'ordinary', 'serious']),
  severityZh: z.string(),
  decisionNo: z.string(),
  decisionDate: legalDate,
  authority: z.string(),
  facts: z.string(),
  legalBasis: z.string(),
  publicationEnd: legalDate.nullable(),
  disputed: z.boolean(),
  /** When it last changed in publication (entered it, or was corrected): the list's order, newest first. */
  changedAt: z.string(),
});
const tally = z.array(z.object({ key: z.string(), label: z.string(), count: z.number() }));
export const dishonestyListOut = z.object({
  asOf: legalDate,
  page: z.number(),
  pageSize: z.number(),
  total: z.number(),
  counts: z.object({ records: z.number(), bodies: z.number(), bySeverity: tally, byType: tally, byDistrict: tally }),
  items: z.array(dishonestyEntryOut),
});
export const dishonestyFeedInput = z
  .object({
    ...dishonestyFilters,
    format: z.enum(['atom', 'json']).default('atom'),
    limit: z.number().int().min(1).max(100).default(50),
  })
  .strict();
export const dishonestyFeedOut = z.object({ contentType: z.string(), content: z.string() });
