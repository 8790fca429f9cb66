/**
 * The promise primitive: one computation of a promise's status and progress, one test of a lawful change (with the
 * 优化营商环境条例 §31 refusal of "new term / reorganisation / new official" as a reason), and one way to propose the
 * draft dishonesty records of a broken promise (the body, and each principal official in post when it fell due, linked).
 * Plugins keep their own tables and specialise the facts; none writes this logic again.
 */
import {
  badInput,
  type LegalDate,
  type PluginRule,
  type PluginRuntimeContext,
  type ProposedDraft,
  type ScanReport,
  type Severity,
} from '@chengxin/kernel';
import { daysBetween, deadlineState, periodEnd, tally, type DayCalendar } from './deadlines';
import { officialsInPost } from './officials';
import {
  CHANGE_REASON_LABELS,
  NO_EXCUSE_REASONS,
  type ChangeReason,
  type ChangeShape,
  type MilestoneProgress,
  type PromiseProgress,
  type PromiseStatus,
} from './promise-shapes';

export * from './promise-shapes';

/** The two rules every promise plugin declares (under its own id), with their statute. */
export function promiseRules(pluginId: string) {
  return {
    noExcuse: {
      id: `${pluginId}.no_excuse_for_change_of_government`,
      summaryZh:
        '不得以行政区划调整、政府换届、机构或者职能调整以及相关责任人更替等为由违约毁约；以此为由的变更或者不履行不予接受',
      summaryEn:
        'A change of administrative division, a new government term, reorganisation or a change of the official in charge is no reason to break or change a promise; such a reason is refused',
      source: { law: '优化营商环境条例（2019）', article: '第三十一条', confidence: 'law' },
    },
    lawfulChange: {
      id: `${pluginId}.lawful_change`,
      summaryZh:
        '因国家利益、社会公共利益需要改变政策承诺、合同约定的，应当依照法定权限和程序进行，并依法对市场主体因此受到的损失予以补偿；缺少法定权限、程序或者补偿的变更视为违约，提出失信记录草稿',
      summaryEn:
        'A promise changed for the state or public interest needs legal authority, the legal procedure and compensation of the loss; a change lacking one is a breach and proposes a draft',
      source: { law: '优化营商环境条例（2019）', article: '第三十一条', confidence: 'law' },
    },
  } as const satisfies Record<string, PluginRule>;
}

/** Whether a reason is one §31 refuses. */
export const isNoExcuse = (reason: ChangeReason) => NO_EXCUSE_REASONS.includes(reason);

/** Refuses a §31 reason (`EXCUSE_NOT_ACCEPTED` on `field`, citing the rule); writes nothing. */
export function refuseNoExcuse(rule: PluginRule, reason: ChangeReason, field = 'reason'): void {
  if (!isNoExcuse(reason)) return;
  const l = CHANGE_REASON_LABELS[reason];
  throw badInput(
    'EXCUSE_NOT_ACCEPTED',
    field,
    `“${l.zh}”不能作为改变或者不履行承诺的理由（${rule.source.law}${rule.source.article}：${rule.summaryZh}）`,
    `"${l.en}" is no reason to change or not keep a promise (${rule.summaryEn}; ${rule.source.law} ${rule.source.article})`,
  );
}

export type ChangeFacts = Pick<
  ChangeShape,
  'agreed' | 'reason' | 'legalAuthority' | 'procedureRecord' | 'compensationFen'
>;

/**
 * What a change lacks to be lawful (field names). A change agreed with the beneficiary needs no authority, procedure
 * or compensation, but a §31 reason (new term, reorganisation, new official) is never accepted, agreed or not.
 */
export function changeDefects(c: ChangeFacts, beneficiary: PromiseBeneficiary = 'market'): string[] {
  const excuse = isNoExcuse(c.reason) ? ['reason'] : [];
  if (c.agreed) return excuse;
  return [
    ...excuse,
    ...(c.legalAuthority ? [] : ['legalAuthority']),
    ...(c.procedureRecord ? [] : ['procedureRecord']),
    // §31's compensation protects market entities (市场主体); a promise to residents is not changed unlawfully for lack of it.
    ...(c.compensationFen === null && beneficiary === 'market' ? ['compensationFen'] : []),
  ];
}

/** Whom a promise is made to: §31 protects market entities; public commitments of a township are made to residents. */
export type PromiseBeneficiary = 'market' | 'residents';

/** What each missing element of a change means, for the facts of a draft. */
export const DEFECT_LABELS: Record<string, string> = {
  reason: '所持理由依法不予接受',
  legalAuthority: '无法定权限依据',
  procedureRecord: '未经法定程序',
  compensationFen: '未依法补偿',
};

export interface MilestoneFacts {
  id: string;
  title: string;
  dueDate: LegalDate;
  target: number | null;
  unit?: string | null;
  amountFen: number | null;
}
/** Evidence of fulfilment of a milestone on a day: an amount paid, a measured value, or (null) simply done. */
export interface EvidenceFacts {
  milestoneId: string;
  on: LegalDate;
  value: number | null;
}
export interface PromiseFacts {
  milestones: MilestoneFacts[];
  evidence: EvidenceFacts[];
  changes: (ChangeFacts & { id: string; changedOn: LegalDate; description: string })[];
}
export interface PromiseOptions {
  /** Calendar days after a due date before it is missed (民法典 §201, §203 through periodEnd). */
  graceDays: number;
  /** How evidence adds up: `sum` (payments, deliveries) or `latest` (a reported value to date, e.g. a quarterly figure). */
  measure: 'sum' | 'latest';
  /** A missed promise that reached at least this percent is partly kept, below it broken; default: any progress. */
  partlyKeptFromPct?: number;
  /** Whom the promise is made to (default market entities, 优化营商环境条例 §31). */
  beneficiary?: PromiseBeneficiary;
}

const round1 = (v: number) => Math.round(v * 10) / 10;

/** A milestone on `today`: achieved so far, percent, the day it was met, and its deadline state. */
export function milestoneProgress(
  cal: DayCalendar,
  m: MilestoneFacts,
  evidence: EvidenceFacts[],
  today: LegalDate,
  options: PromiseOptions,
): MilestoneProgress {
  const deadline = periodEnd(cal, m.dueDate, options.graceDays);
  const mine = evidence.filter((e) => e.milestoneId === m.id && e.on <= today).sort((a, b) => a.on.localeCompare(b.on));
  const goal = m.amountFen ?? m.target;
  let achieved = 0;
  let metOn: LegalDate | null = null;
  for (const e of mine) {
    achieved = options.measure === 'sum' ? achieved + (e.value ?? 0) : (e.value ?? achieved);
    if (!metOn && (goal === null || achieved >= goal)) metOn = e.on;
  }
  const percent = goal === null ? (metOn ? 100 : 0) : Math.min(100, round1((achieved / goal) * 100));
  const state = deadlineState(deadline, metOn, today);
  const daysLate = metOn
    ? Math.max(daysBetween(deadline, metOn), 0)
    : state === 'breach'
      ? daysBetween(deadline, today)
      : 0;
  return {
    id: m.id,
    title: m.title,
    dueDate: m.dueDate,
    deadline,
    target: m.target,
    unit: m.unit ?? null,
    amountFen: m.amountFen,
    achieved,
    percent,
    metOn,
    state,
    daysLate,
  };
}

/**
 * A promise's status on `today`:
 * - a change that is not lawful (see changeDefects) breaks it, on the day of the change;
 * - a milestone missed (open past its deadline) before any lawful change breaks it, or partly keeps it when the promise
 *   reached `partlyKeptFromPct`;
 * - a lawful change otherwise supersedes it (changed lawfully);
 * - every milestone met: kept (on time when none was late); otherwise pending.
 */
export function promiseProgress(
  cal: DayCalendar,
  facts: PromiseFacts,
  today: LegalDate,
  options: PromiseOptions,
): PromiseProgress {
  const milestones = facts.milestones
    .map((m) => milestoneProgress(cal, m, facts.evidence, today, options))
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.id.localeCompare(b.id));
  const changes = facts.changes
    .filter((c) => c.changedOn <= today)
    .sort((a, b) => a.changedOn.localeCompare(b.changedOn))
    .map((c) => {
      const missing = changeDefects(c, options.beneficiary);
      return {
        id: c.id,
        changedOn: c.changedOn,
        description: c.description,
        agreed: c.agreed,
        reason: c.reason,
        legalAuthority: c.legalAuthority,
        procedureRecord: c.procedureRecord,
        compensationFen: c.compensationFen,
        lawful: missing.length === 0,
        missing,
      };
    });
  const percent = milestones.length ? round1(milestones.reduce((s, m) => s + m.percent, 0) / milestones.length) : 0;
  const outstandingFen = milestones.reduce(
    (s, m) => s + (m.amountFen !== null && m.state === 'breach' ? Math.max(m.amountFen - m.achieved, 0) : 0),
    0,
  );
  const dueDate = milestones.at(-1)?.dueDate ?? null;
  const unlawful = changes.find((c) => !c.lawful);
  const lawful = changes.find((c) => c.lawful);
  // A missed milestone counts only if its deadline passed before a lawful change superseded the promise.
  const missed = milestones.filter((m) => m.state === 'breach' && (!lawful || m.deadline < lawful.changedOn));
  const firstMissed = missed[0] ? missed.reduce((d, m) => (m.deadline < d ? m.deadline : d), missed[0].deadline) : null;
  const floor = options.partlyKeptFromPct;
  let status: PromiseStatus;
  let brokenOn: LegalDate | null = null;
  if (unlawful && (!firstMissed || unlawful.changedOn <= firstMissed)) {
    status = 'broken';
    brokenOn = unlawful.changedOn;
  } else if (firstMissed) {
    const partly = floor === undefined ? percent > 0 : percent >= floor;
    status = partly ? 'partly_kept' : 'broken';
    brokenOn = partly ? null : firstMissed;
  } else if (lawful) {
    status = 'changed_lawfully';
  } else if (milestones.length > 0 && milestones.every((m) => m.metOn)) {
    status = 'kept';
  } else {
    status = 'pending';
  }
  const onTime = status === 'kept' && milestones.every((m) => m.state === 'ok');
  return { status, percent, onTime, dueDate, brokenOn, outstandingFen, milestones, changes };
}

export interface PromiseBreach {
  typeKey: string;
  ruleId: string;
  breachKey: string;
  /** The promising body. */
  orgId: string;
  /** The day the duty fell due: the officials in post that day are named. */
  dutyDate: LegalDate;
  severity: Severity;
  facts: string;
  decisionDate: LegalDate;
  issuingAuthority: string;
  evidence: Record<string, unknown>;
  /** Whether to propose drafts for the principal officials in post on `dutyDate` (default true). */
  officials?: boolean;
}

/**
 * Proposes the drafts of a breach through the kernel: one against the body, and one against each principal official in
 * post on the due date, linked to the body's draft (`body_record`). Idempotent by rule and breach key; tallies `report`.
 */
export async function proposePromiseBreach(
  rt: PluginRuntimeContext,
  b: PromiseBreach,
  report: ScanReport,
): Promise<void> {
  const common: Omit<ProposedDraft, 'subject' | 'breachKey' | 'facts'> = {
    typeKey: b.typeKey,
    ruleId: b.ruleId,
    severity: b.severity,
    decisionDate: b.decisionDate,
    issuingAuthority: b.issuingAuthority,
    evidence: b.evidence,
  };
  const body = await rt.db.transaction((tx) =>
    rt.proposeDraft(tx, {
      ...common,
      breachKey: b.breachKey,
      subject: { kind: 'org', orgId: b.orgId },
      facts: b.facts,
    }),
  );
  tally(report, body);
  if (b.officials === false) return;
  for (const official of await officialsInPost(rt.db, b.orgId, b.dutyDate, { principalOnly: true })) {
    const created = await rt.db.transaction((tx) =>
      rt.proposeDraft(tx, {
        ...common,
        breachKey: `${b.breachKey}:${official.personId}`,
        subject: { kind: 'person', personId: official.personId, orgId: b.orgId },
        facts: `${official.name}（${official.postTitle}，${b.dutyDate}在任的主要负责人）对以下失信行为负有责任：${b.facts}`,
        linkTo: [{ ruleId: b.ruleId, breachKey: b.breachKey, kind: 'body_record' }],
      }),
    );
    tally(report, created);
  }
}
