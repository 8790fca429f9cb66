import { addMonths, type LegalDate, SEVERITY_LABELS, type Severity } from '@chengxin/contract';
import { readingValue } from './readings';
import { ruleMemo, type AppliedRule, type RuleSource } from './source';

/**
 * Publication windows by severity (docs/DOMAIN.md), counted from the decision date of the document that found the
 * dishonesty. Repair may end publication early only after the minimum; publication stops at the maximum.
 * These values are only confirmed in secondary copies: they are defaults that a deployment may override.
 *
 * Which set: the one in force on the decision date. Rules do not reach back (立法法 2023 §104); none of the three
 * texts, as far as the secondary copies show, carries a transitional clause applying it to earlier decisions.
 */
export interface PublicationRuleSet {
  id: string;
  nameZh: string;
  effectiveFrom: LegalDate;
  bySeverity: Record<Severity, { minMonths: number; maxMonths: number; mayOmit: boolean }>;
  /** Sectors whose penalties have a longer minimum (58号令: 食品、药品、特种设备、安全生产、消防 — one year). */
  sectorMinMonths?: { sectors: PublicationSector[]; minMonths: number };
  /** Whether the set itself has a 轻微 tier (527号 and 58号令 do not: there it is a local addition). */
  minorTierIsLocal: boolean;
  source: RuleSource;
}

/** `payload.sector` of a record: the five fields with a longer minimum under 58号令. */
export const PUBLICATION_SECTORS = ['food', 'drug', 'special_equipment', 'work_safety', 'fire'] as const;
export type PublicationSector = (typeof PUBLICATION_SECTORS)[number];
export const PUBLICATION_SECTOR_LABELS: Record<PublicationSector, string> = {
  food: '食品',
  drug: '药品',
  special_equipment: '特种设备',
  work_safety: '安全生产',
  fire: '消防',
};

export const PUBLICATION_RULE_SETS: PublicationRuleSet[] = [
  {
    id: 'publication-2019',
    nameZh: '行政处罚信息信用修复（发改办财金〔2019〕527号）',
    effectiveFrom: '2019-07-01',
    bySeverity: {
      minor: { minMonths: 0, maxMonths: 3, mayOmit: true },
      ordinary: { minMonths: 3, maxMonths: 12, mayOmit: false },
      serious: { minMonths: 6, maxMonths: 36, mayOmit: false },
    },
    minorTierIsLocal: true,
    source: {
      law: '《国家发展改革委办公厅关于进一步完善“信用中国”网站及地方信用门户网站行政处罚信息信用修复机制的通知》（发改办财金〔2019〕527号）（轻微一档为本地增设）',
      article: '第二条',
      confidence: '2nd',
    },
  },
  {
    // 58号令 does not grade by severity: every penalty 3 months to 3 years, one year minimum in five sectors.
    id: 'publication-2023',
    nameZh: '失信行为纠正后的信用信息修复管理办法（试行）（国家发展改革委令第58号）',
    effectiveFrom: '2023-05-01',
    bySeverity: {
      minor: { minMonths: 3, maxMonths: 36, mayOmit: true },
      ordinary: { minMonths: 3, maxMonths: 36, mayOmit: false },
      serious: { minMonths: 3, maxMonths: 36, mayOmit: false },
    },
    sectorMinMonths: { sectors: [...PUBLICATION_SECTORS], minMonths: 12 },
    minorTierIsLocal: true,
    source: {
      law: '《失信行为纠正后的信用信息修复管理办法（试行）》（国家发展改革委令第58号，2023年5月1日施行）（原文未能读到；据“信用中国”及地方信用网站转述：行政处罚信息最短公示期三个月、最长三年，食品、药品、特种设备、安全生产、消防领域最短一年，自行政处罚作出之日起算）',
      article: '行政处罚信息公示期限条款',
      confidence: '2nd',
    },
  },
  {
    id: 'publication-2026',
    nameZh: '失信信息公示期限（国办发〔2025〕22号；《信用修复管理办法》）',
    effectiveFrom: '2026-04-01',
    bySeverity: {
      minor: { minMonths: 0, maxMonths: 3, mayOmit: true },
      ordinary: { minMonths: 3, maxMonths: 12, mayOmit: false },
      serious: { minMonths: 12, maxMonths: 36, mayOmit: false },
    },
    // The 2026 rules name 轻微 themselves: in principle not published; at most 3 months where the department sees need.
    minorTierIsLocal: false,
    source: {
      law: '国办发〔2025〕22号；国家发展改革委令第36号《信用修复管理办法》（2026年4月1日施行）（原文未能读到；据公开报道转述）',
      article: '公示期限条款',
      confidence: '2nd',
    },
  },
];

export function publicationRuleSetFor(
  decisionDate: LegalDate,
  sets: PublicationRuleSet[] = PUBLICATION_RULE_SETS,
): PublicationRuleSet {
  return [...sets].reverse().find((s) => s.effectiveFrom <= decisionDate) ?? sets[0]!;
}

export interface PublicationWindow {
  ruleSetId: string;
  start: LegalDate;
  /** Repair may end publication from this date on. */
  minEnd: LegalDate;
  /** Publication ends automatically on this date (exclusive: published on every date before it). */
  maxEnd: LegalDate;
  rule: AppliedRule;
}

export function publicationWindow(
  severity: Severity,
  decisionDate: LegalDate,
  sets?: PublicationRuleSet[],
  sector?: PublicationSector,
): PublicationWindow {
  const set = publicationRuleSetFor(decisionDate, sets);
  const r = set.bySeverity[severity];
  // A minor record is not published unless the deployment chooses to (reading.minor-published): its window is empty.
  if (severity === 'minor' && readingValue('minorPublished') === 'off') {
    return {
      ruleSetId: set.id,
      start: decisionDate,
      minEnd: decisionDate,
      maxEnd: decisionDate,
      rule: minorUnpublishedRule(set),
    };
  }
  const longer = sector && set.sectorMinMonths?.sectors.includes(sector) ? set.sectorMinMonths.minMonths : 0;
  return {
    ruleSetId: set.id,
    start: decisionDate,
    minEnd: addMonths(decisionDate, Math.max(r.minMonths, longer)),
    maxEnd: addMonths(decisionDate, r.maxMonths),
    rule: longer > r.minMonths ? sectorRule(set, severity, sector!) : cachedRule(set, severity),
  };
}

/** The rule behind a stored rule id such as `publication-2026.serious`. */
export function publicationRuleById(id: string): AppliedRule | null {
  const set = PUBLICATION_RULE_SETS.find((s) => id.startsWith(`${s.id}.`));
  const [severity, extra] = (set ? id.slice(set.id.length + 1) : '').split('.');
  if (!set || !severity || !(severity in set.bySeverity)) return null;
  if (extra === 'unpublished') return minorUnpublishedRule(set);
  if (extra && (PUBLICATION_SECTORS as readonly string[]).includes(extra))
    return sectorRule(set, severity as Severity, extra as PublicationSector);
  return cachedRule(set, severity as Severity);
}

function minorUnpublishedRule(set: PublicationRuleSet): AppliedRule {
  return cached(set, 'minor.unpublished', () => ({
    ruleId: `${set.id}.minor.unpublished`,
    summaryZh: `轻微失信信息不予公示（${set.minorTierIsLocal ? '轻微一档为本地增设，' : '原则上不予公示，'}可在政务共享范围内使用；设置项 CHENGXIN_MINOR_PUBLISHED，默认不公示）`,
    summaryEn: `Minor: not published (${set.minorTierIsLocal ? 'a local tier' : 'in principle not published'}; shared within government; setting CHENGXIN_MINOR_PUBLISHED, default off)`,
    source: set.minorTierIsLocal
      ? { law: `${set.nameZh}只分一般、严重；轻微一档及其不公示为本地选择`, article: '—', confidence: 'local' }
      : set.source,
  }));
}

function sectorRule(set: PublicationRuleSet, severity: Severity, sector: PublicationSector): AppliedRule {
  return cached(set, `${severity}.${sector}`, () => {
    const r = set.bySeverity[severity];
    const min = Math.max(r.minMonths, set.sectorMinMonths?.minMonths ?? 0);
    return {
      ruleId: `${set.id}.${severity}.${sector}`,
      summaryZh: `${PUBLICATION_SECTOR_LABELS[sector]}领域行政处罚信息公示期${min}至${r.maxMonths}个月，自决定作出之日起计算`,
      summaryEn: `${sector} penalties: published ${min}–${r.maxMonths} months from the decision date`,
      source: set.source,
    };
  });
}

const cached = ruleMemo<PublicationRuleSet>();

function cachedRule(set: PublicationRuleSet, severity: Severity): AppliedRule {
  return cached(set, severity, () => {
    const r = set.bySeverity[severity];
    return {
      ruleId: `${set.id}.${severity}`,
      summaryZh: `${SEVERITY_LABELS[severity].zh}失信信息公示期${r.minMonths}至${r.maxMonths}个月，自认定失信行为的决定作出之日起计算${r.mayOmit ? '（可不予公示）' : ''}${severity === 'minor' && set.minorTierIsLocal ? '（轻微一档为本地增设）' : ''}`,
      summaryEn: `${SEVERITY_LABELS[severity].en}: published ${r.minMonths}–${r.maxMonths} months from the decision date${r.mayOmit ? ' (may be omitted)' : ''}`,
      source: set.source,
    };
  });
}
