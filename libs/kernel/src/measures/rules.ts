import { setting } from '../core/settings';
import type { AppliedRule, RuleSource } from '../records';

/**
 * The rules of the measures domain, with their sources. The Tianjin plan (津政发〔2017〕29号) is cited as docs/DOMAIN.md
 * cites it: its text was read from secondary copies (`2nd`). Numbers the plan leaves open are settings.
 */
const PLAN = '天津市人民政府关于加强政务诚信建设的实施意见（津政发〔2017〕29号）';

export const NOTICE_RULE = {
  ruleId: 'notice.public-criticism',
  summaryZh: '有政务失信记录的单位，由上级政府或其信用主管部门予以公开通报批评，责令限期整改',
  summaryEn: 'A body with a dishonesty record is publicly criticised by the level above and ordered to rectify',
  source: { law: PLAN, article: '二.4 失信惩戒：予以公开通报批评；加大惩处和曝光力度', confidence: '2nd' },
} as const satisfies AppliedRule;

/** The honours bar also cites a published notice, while its records bind (the notice never extends the bar). */
export const NOTICE_HONOURS_RULE = {
  ruleId: 'honours.notice',
  summaryZh: '被公开通报批评的单位，在通报所依据的失信记录有效期内不得参加荣誉评选',
  summaryEn: 'A publicly criticised body may not be put forward for honours while the records behind the notice bind',
  source: { law: PLAN, article: '二.4 失信惩戒：公开通报批评；不得参加荣誉评选', confidence: '2nd' },
} as const satisfies AppliedRule;

export const SELF_CORRECTION_SOURCE: RuleSource = {
  law: PLAN,
  article:
    '二.5 自我纠错、主动自新：主动挽回损失、消除不良影响或者有效阻止危害结果发生的，可从轻或免于实施失信惩戒措施',
  confidence: '2nd',
};

export const SELF_CORRECTION_RULE = {
  ruleId: 'self-correction.lighten-or-waive',
  summaryZh: '主动挽回损失、消除不良影响或者有效阻止危害结果发生的，可从轻或免于实施失信惩戒措施；失信记录本身不删除',
  summaryEn:
    'Losses recovered, harm prevented or the effect removed: measures may be lightened or waived; the record itself stays',
  source: SELF_CORRECTION_SOURCE,
} as const satisfies AppliedRule;

/** The plan sets no period for deciding an application: a setting with a labelled default. */
export const SELF_CORRECTION_DECIDE = {
  id: 'self-correction.decide',
  workingDays: setting('CHENGXIN_SELF_CORRECTION_DECIDE_WD', 15),
  setting: 'CHENGXIN_SELF_CORRECTION_DECIDE_WD',
  summaryZh: `收到主动自新申请后${setting('CHENGXIN_SELF_CORRECTION_DECIDE_WD', 15)}个工作日内作出决定`,
  summaryEn: `Decide a self-correction application within ${setting('CHENGXIN_SELF_CORRECTION_DECIDE_WD', 15)} working days`,
  source: { law: PLAN, article: '二.5（未规定办理期限，取默认值）', confidence: 'unconfirmed' } satisfies RuleSource,
};

/** 免于 / 从轻 wording per measure, as the file and every answer cite a decision. */
export const MEASURE_TEXT_ZH: Record<string, string> = {
  honours: '评优评先限制',
  notice: '公开通报批评',
  evaluation: '政务诚信评价扣分',
  accountability: '主要负责人问责',
};
const EFFECT_DETAIL_ZH: Record<string, Record<string, string>> = {
  waived: {
    honours: '自决定之日起不再限制评优评先',
    notice: '不得据此记录公开通报批评，已发布的通报须撤回',
    evaluation: '该记录不计入政务诚信评价扣分',
    accountability: '不再启动问责，未办结的问责任务终止',
  },
  lightened: {
    honours: '评优评先限制缩短至最短公示期届满',
    notice: '可内部通报，不在门户网站公开',
    evaluation: '评价扣分按“主动自新系数”折减',
    accountability: '问责任务保留，从轻处理',
  },
};

export function measureTextZh(measure: string, effect: string): string {
  const verb = effect === 'waived' ? '免于' : '从轻实施';
  return `${verb}${MEASURE_TEXT_ZH[measure] ?? measure}（${EFFECT_DETAIL_ZH[effect]?.[measure] ?? ''}），依据：${PLAN}${SELF_CORRECTION_SOURCE.article.split('：')[0]}`;
}
