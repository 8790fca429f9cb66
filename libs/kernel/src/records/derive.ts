import { createHash } from 'node:crypto';
import { penaltyPayload, type RecordContent, type LegalDate, type SanctionType } from '@chengxin/contract';
import type { RowIssue } from '../core';
import { z } from 'zod';
import { PAYLOAD_VERSION_KEY, upcastPayload, type RecordTypeDef } from './record-types';
import { publicationWindow, PUBLICATION_SECTORS, type PublicationSector } from './rules/publication';
import { sanctionPeriod } from './rules/sanctions';
import type { AppliedRule } from './rules/source';
import { sanctionExtras } from './rules/sanction-extras';

/** Everything a version stores beyond what the user typed: computed periods and the rules behind them. */
export interface DerivedVersion {
  effectiveDate: LegalDate;
  impactStart: LegalDate | null;
  impactEnd: LegalDate | null;
  publicationStart: LegalDate | null;
  publicationMinEnd: LegalDate | null;
  publicationMaxEnd: LegalDate | null;
  rules: AppliedRule[];
  contentHash: string;
  /** The payload as stored: for plugin types brought to the current schema version and stamped with it. */
  payload: Record<string, unknown>;
}

const ZH = z.locales.zhCN();

/** A plugin type's payload: upcast to the current version, checked against its zod schema, stamped with the version. */
function checkPayload(
  type: RecordTypeDef,
  given: Record<string, unknown>,
): { payload: Record<string, unknown>; issues: RowIssue[] } {
  if (!type.payload) return { payload: given, issues: [] };
  let upcast: Record<string, unknown>;
  try {
    upcast = upcastPayload(type.payload, given, type.payload.version);
  } catch {
    return {
      payload: given,
      issues: [
        issue(
          `payload.${PAYLOAD_VERSION_KEY}`,
          'PAYLOAD_VERSION_UNKNOWN',
          '载荷版本无法识别',
          'Unknown payload version',
        ),
      ],
    };
  }
  const { [PAYLOAD_VERSION_KEY]: _version, ...body } = upcast;
  const parsed = type.payload.schema.safeParse(body);
  if (!parsed.success) {
    return {
      payload: given,
      issues: parsed.error.issues.map((i) =>
        issue(
          ['payload', ...i.path.map(String)].join('.'),
          'PAYLOAD_INVALID',
          `“${type.labelZh}”的载荷不符合格式：${String(ZH.localeError(i as never) ?? i.message).replace(/，实际接收 undefined$/, '')}`,
          `${type.labelEn} payload.${i.path.map(String).join('.')}: ${i.message}`,
        ),
      ),
    };
  }
  return {
    payload: { ...(parsed.data as Record<string, unknown>), [PAYLOAD_VERSION_KEY]: type.payload.version },
    issues: [],
  };
}

/** Kernel types with payload fields of their own (the 行政处罚 disclosure fields): their shape, checked, never stamped. */
function kernelPayloadIssues(type: RecordTypeDef, payload: Record<string, unknown>): RowIssue[] {
  if (type.key !== 'administrative_penalty') return [];
  const parsed = penaltyPayload.safeParse(payload);
  if (parsed.success) return [];
  return parsed.error.issues.map((i) =>
    issue(
      ['payload', ...i.path.map(String)].join('.'),
      'PAYLOAD_INVALID',
      `行政处罚的处罚信息不符合格式：${String(ZH.localeError(i as never) ?? i.message)}`,
      `payload.${i.path.map(String).join('.')}: ${i.message}`,
    ),
  );
}

const issue = (field: string, code: string, messageZh: string, messageEn: string): RowIssue => ({
  field,
  code,
  messageZh,
  messageEn,
});

/** `payload.sector`: one of the five fields with a longer minimum publication period (58号令); anything else is none. */
const publicationSector = (payload: Record<string, unknown>): PublicationSector | undefined =>
  (PUBLICATION_SECTORS as readonly unknown[]).includes(payload['sector'])
    ? (payload['sector'] as PublicationSector)
    : undefined;

/**
 * Checks a record's content against its type and the rule tables, and computes its periods. Pure: the single-record
 * path and the bulk ingest path share it, so a record gets the same answer however it arrives.
 */
export function deriveVersion(
  type: RecordTypeDef,
  content: RecordContent,
  today: LegalDate,
  running: { end: LegalDate; decisionNo?: string; decisionDate?: LegalDate; sanctionType?: SanctionType }[] = [],
): { ok: true; derived: DerivedVersion } | { ok: false; issues: RowIssue[] } {
  const checked = checkPayload(type, content.payload);
  const issues: RowIssue[] = [...checked.issues, ...kernelPayloadIssues(type, content.payload)];
  const effectiveDate = content.effectiveDate ?? content.decisionDate;
  if (content.decisionDate > today)
    issues.push(
      issue(
        'decisionDate',
        'DECISION_DATE_IN_FUTURE',
        `决定日期${content.decisionDate}晚于今天`,
        `Decision date ${content.decisionDate} is in the future`,
      ),
    );
  if (effectiveDate < content.decisionDate)
    issues.push(
      issue(
        'effectiveDate',
        'EFFECTIVE_BEFORE_DECISION',
        '生效日期不能早于决定日期',
        'The effective date is before the decision date',
      ),
    );
  if (type.sanction && !content.sanctionType)
    issues.push(
      issue(
        'sanctionType',
        'SANCTION_TYPE_REQUIRED',
        '纪律处分记录须填写处分种类',
        'A disciplinary sanction needs a sanction type',
      ),
    );
  if (!type.sanction && content.sanctionType)
    issues.push(
      issue(
        'sanctionType',
        'SANCTION_TYPE_NOT_ALLOWED',
        `“${type.labelZh}”记录不填写处分种类`,
        `${type.labelEn} records have no sanction type`,
      ),
    );
  if (!type.sanction && (content.combinedMonths !== undefined || content.offenceCount !== undefined)) {
    issues.push(
      issue(
        'combinedMonths',
        'SANCTION_TYPE_NOT_ALLOWED',
        '只有纪律处分记录可合并确定处分期',
        'Only disciplinary sanctions have combined periods',
      ),
    );
  }
  const extras = type.sanction ? sanctionExtras(content, effectiveDate) : { issues: [], decidedTogether: [] };
  issues.push(...extras.issues);
  const rules: AppliedRule[] = [];
  let impactStart: LegalDate | null = null;
  let impactEnd: LegalDate | null = null;
  if (type.sanction && content.sanctionType && issues.length === 0) {
    const period = sanctionPeriod({
      sanctionType: content.sanctionType,
      effectiveDate,
      decisionDate: content.decisionDate,
      decisionNo: content.decisionNo,
      decidedTogether: extras.decidedTogether,
      ...(content.combinedMonths !== undefined ? { combinedMonths: content.combinedMonths } : {}),
      ...(content.offenceCount !== undefined ? { offenceCount: content.offenceCount } : {}),
      running,
    });
    if (!period.ok) issues.push(issue(period.field, period.code, period.messageZh, period.messageEn));
    else {
      impactStart = period.start;
      impactEnd = period.end;
      rules.push(...period.rules);
    }
  }
  if (issues.length > 0) return { ok: false, issues };
  let window: ReturnType<typeof publicationWindow> | null = null;
  if (type.polarity === 'dishonesty') {
    window = publicationWindow(content.severity, content.decisionDate, undefined, publicationSector(content.payload));
    rules.push(window.rule);
  }
  return {
    ok: true,
    derived: {
      effectiveDate,
      impactStart,
      impactEnd,
      publicationStart: window?.start ?? null,
      publicationMinEnd: window?.minEnd ?? null,
      publicationMaxEnd: window?.maxEnd ?? null,
      rules,
      contentHash: contentHash({ ...content, payload: checked.payload }),
      payload: checked.payload,
    },
  };
}

/**
 * The stored payload of a version: the caller's payload plus the combined-period inputs (offence count, decided
 * months), which have no column of their own. `contentPayload` splits them out again.
 */
export function storedPayload(c: RecordContent): Record<string, unknown> {
  if (c.offenceCount === undefined && c.combinedMonths === undefined) return c.payload;
  return {
    ...c.payload,
    ...(c.offenceCount !== undefined ? { offenceCount: c.offenceCount } : {}),
    ...(c.combinedMonths !== undefined ? { combinedMonths: c.combinedMonths } : {}),
  };
}

export function contentPayload(stored: Record<string, unknown>): {
  offenceCount?: number;
  combinedMonths?: number;
  payload: Record<string, unknown>;
} {
  const { offenceCount, combinedMonths, ...payload } = stored as Record<string, unknown> & {
    offenceCount?: number;
    combinedMonths?: number;
  };
  return {
    ...(offenceCount !== undefined ? { offenceCount } : {}),
    ...(combinedMonths !== undefined ? { combinedMonths } : {}),
    payload,
  };
}

/** A stable digest of what the source sent: the same content twice is the same record, not a new version. */
export function contentHash(c: RecordContent): string {
  const fields = [
    c.severity,
    c.facts,
    c.legalBasis,
    c.decisionNo,
    c.decisionDate,
    c.effectiveDate ?? '',
    c.issuingAuthority,
    c.issuingAuthorityUscc ?? '',
    c.disclosureScope,
    c.sanctionType ?? '',
    c.offenceCount ?? '',
    c.combinedMonths ?? '',
    canonicalJson(c.payload),
  ];
  return createHash('sha256').update(fields.join('\u0000')).digest('base64url');
}

function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
