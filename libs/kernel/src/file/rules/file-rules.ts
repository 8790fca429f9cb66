import { setting } from '../../core/settings';
import type { AppliedRule, RuleSource } from '../../records';

/**
 * The rules of the complete integrity file: how many hours of integrity training a year asks of whom, when a reporting
 * source's records are due, and the bar on honours. Where docs/DOMAIN.md has no confirmed number the value is a setting
 * with a default (environment variable named beside it), marked unconfirmed.
 */
export interface FileRule extends AppliedRule {
  value: number | null;
  setting: string | null;
}

const TIANJIN_PLAN: RuleSource = {
  law: '天津市人民政府关于加强政务诚信建设的实施意见（津政发〔2017〕29号）',
  article: '加强公务员诚信教育；建立公务员诚信档案',
  confidence: '2nd',
};
const UNCONFIRMED_HOURS: RuleSource = {
  law: '诚信教育学时要求（天津未公布具体学时，取默认值）',
  article: '—',
  confidence: 'unconfirmed',
};

const hours = (id: string, env: string, fallback: number, who: string, whoEn: string): FileRule & { value: number } => {
  const n = setting(env, fallback);
  return {
    ruleId: id,
    value: n,
    setting: env,
    summaryZh: `${who}每年参加诚信教育不少于${n}学时`,
    summaryEn: `${whoEn}: at least ${n} class hours of integrity training a year`,
    source: UNCONFIRMED_HOURS,
  };
};

export const FILE_RULES = {
  trainingHoursAll: hours('training.hours-all', 'CHENGXIN_TRAINING_HOURS', 6, '公务员', 'Every civil servant'),
  trainingHoursLeading: hours(
    'training.hours-leading',
    'CHENGXIN_TRAINING_HOURS_LEADING',
    12,
    '领导干部',
    'Leading cadres',
  ),
  trainingEntrantDays: ((): FileRule & { value: number } => {
    const n = setting('CHENGXIN_TRAINING_ENTRANT_DAYS', 365);
    return {
      ruleId: 'training.entrant-window',
      value: n,
      setting: 'CHENGXIN_TRAINING_ENTRANT_DAYS',
      summaryZh: `新录用人员的必修课程，在首次任职后${n}日内开班的须参加`,
      summaryEn: `New entrants must take their mandatory courses held within ${n} days of their first appointment`,
      source: UNCONFIRMED_HOURS,
    };
  })(),
  trainingMandatory: {
    ruleId: 'training.mandatory',
    value: null,
    setting: null,
    summaryZh: '面向本人类别（全体公务员、领导干部、新录用人员）的必修课程，在本人属于该类别期间开班的须参加',
    summaryEn:
      "Mandatory courses for the person's category (all, leading cadres, new entrants) held while they belong to it must be taken",
    source: TIANJIN_PLAN,
  },
  reportingDue: ((): FileRule & { value: number } => {
    const n = setting('CHENGXIN_REPORTING_DUE_WD', 7);
    return {
      ruleId: 'reporting.due',
      value: n,
      setting: 'CHENGXIN_REPORTING_DUE_WD',
      summaryZh: `报送单位在每个报送期结束后${n}个工作日内报送该期作出的决定（无决定的报零报告）`,
      summaryEn: `A source reports a period's decisions (or a nil report) within ${n} working days of the period's end`,
      source: {
        law: '行政许可和行政处罚等信用信息“双公示”（决定作出之日起7个工作日内公示，天津归集时限未核实，取默认值）',
        article: '归集报送时限',
        confidence: 'unconfirmed',
      },
    };
  })(),
  // The plan bars bodies; for a person it makes the record an important reference (重要参考). Barring the person is a
  // local choice (reading.person-honours-bar, default on).
  honoursPerson: {
    ruleId: 'honours.person-dishonesty',
    value: null,
    setting: 'CHENGXIN_PERSON_HONOURS_BAR',
    summaryZh:
      '有效期内有政务失信记录的公务员，不得授予新的表彰奖励（确需授予的须说明理由并记入审计）——本地选择，默认启用；实施方案对个人仅作为重要参考',
    summaryEn:
      'A civil servant with a dishonesty record in effect receives no new honour without a reasoned, audited override — a local choice, on by default; the plan makes it only an important reference',
    source: {
      law: TIANJIN_PLAN.law,
      article: '失信惩戒：单位不得参加荣誉评选，个人失信记录作为重要参考；对个人的禁止为本地选择',
      confidence: 'local',
    },
  },
} as const satisfies Record<string, FileRule>;

/** A person's yearly integrity-training requirement, in class hours. */
export const requiredHours = (leading: boolean): number =>
  leading ? FILE_RULES.trainingHoursLeading.value : FILE_RULES.trainingHoursAll.value;
