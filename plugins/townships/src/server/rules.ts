/**
 * The township rules: the promise primitive's two rules under this plugin's id, the year-end grade, the broken
 * commitment, and the 诚信街道/乡镇 candidate criteria — pure functions, tested on exact values. No statute fixes a
 * grading scale, a satisfaction method or the candidate standard: each is a setting, and the rule says so.
 */
import { promiseRules, type PluginRule, type PromiseProgress } from '@chengxin/plugin-sdk';
import { PLUGIN_ID, type CRITERIA, type TownshipsConfig } from '../contract';

export const RULES = {
  ...promiseRules(PLUGIN_ID),
  publicCommitment: {
    id: `${PLUGIN_ID}.public_commitment_system`,
    summaryZh:
      '乡镇人民政府和街道办事处建立公开承诺制度；天津将践诺情况纳入街道（乡镇）绩效考核（山东将守信践诺情况纳入政务信用记录，仅作参照）；承诺在14个服务领域公开，设可衡量的目标，按季度报送进展',
    summaryEn:
      'Townships and street offices run a public-commitment system; Tianjin counts kept commitments in their performance assessment (Shandong puts them in the credit record — an analogy only); 14 service areas, measurable targets, quarterly progress',
    source: {
      law: '津政发〔2017〕29号（街道和乡镇政务诚信：践诺情况纳入绩效考核）；参照：山东省社会信用条例（2020）第四十九条第二款、第三款',
      article: '街道乡镇政务诚信 / 第四十九条',
      confidence: '2nd',
    },
  },
  yearEndGrade: {
    id: `${PLUGIN_ID}.year_end_grade`,
    summaryZh:
      '年终评定：到期达到目标为全部兑现；未达到但完成比例不低于配置值为部分兑现；低于配置值为未兑现；依法变更的单列（无法定评定标准，分档为配置项）',
    summaryEn:
      'Year-end grade: target met → fully kept; missed but at least the configured percent → partly kept; below → not kept; lawful changes apart (no legal scale: the boundary is a setting)',
    source: { law: '无（未找到法定评定标准）', article: '—', confidence: 'unconfirmed' },
    setting: 'partlyKeptFromPct, graceDays',
    counting: 'calendar',
  },
  notKept: {
    id: `${PLUGIN_ID}.commitment_not_kept`,
    summaryZh:
      '公开承诺到期未兑现（低于部分兑现比例）或被无法定权限、程序地改变的（承诺对象为居民，不以补偿为要件），计入绩效考核导出；设置“未兑现时提出失信记录草稿”开启时（默认关闭，本地选择），另对街道（乡镇）及到期时在任的主要负责人提出失信记录草稿',
    summaryEn:
      'A public commitment not kept at its due date (below the partly-kept percent), or changed without authority or procedure (made to residents: compensation is not an element), goes to the performance-assessment export; with the setting “propose dishonesty drafts when not kept” on (default off, a local choice) it also proposes drafts against the street/township and its principal officials',
    source: {
      law: '国发〔2016〕76号（第二部分：街道和乡镇政务诚信）；津政发〔2017〕29号（纳入绩效考核）；失信记录草稿为本地选择',
      article: '第二部分 / 街道乡镇政务诚信',
      confidence: 'local',
    },
    setting: 'partlyKeptFromPct, breachDrafts',
  },
  candidates: {
    id: `${PLUGIN_ID}.integrity_township_candidates`,
    summaryZh:
      '诚信街道（乡镇）候选名单：全部兑现率、无未兑现承诺、群众满意度、无公开失信记录；按加权得分排序（各省自定标准，本系统标准与权重均为配置项）',
    summaryEn:
      'Integrity street/township candidates: share fully kept, none not kept, satisfaction, no published dishonesty record; ranked by weighted score (provinces set standards; ours are settings)',
    source: {
      law: '参照：山东省社会信用条例（2020）',
      article: '第五十一条第一款（完善信用乡镇（街道）等创建标准）',
      confidence: 'unconfirmed',
    },
    setting: 'candidateFullyKeptPct, candidateSatisfactionMin, minRatingsShown, weightFulfilment, weightSatisfaction',
  },
  disclosure: {
    id: `${PLUGIN_ID}.administrative_financial_disclosure`,
    summaryZh:
      '街道（乡镇）在公开栏公开政务、财务信息：年度预算、支出项目和公共服务资金按季度公开；录入后由另一人审核，审核通过后公开',
    summaryEn:
      'Streets and townships disclose administrative and financial information on their board: the budget, and spending and public-service funds by quarter; entered, reviewed by a second person, then published',
    source: {
      law: '天津市人民政府关于加强政务诚信建设的实施意见（津政发〔2017〕29号）三.6（推进街道、乡镇政务、财务等公开）；政府信息公开条例（2019）第二十条',
      article: '三.6',
      confidence: '2nd',
    },
  },
  performanceExport: {
    id: `${PLUGIN_ID}.performance_assessment_export`,
    summaryZh: '街道（乡镇）公开承诺兑现情况按年度导出，纳入街道（乡镇）绩效考核',
    summaryEn: "Each year's kept-commitment figures are exported for the townships' performance assessment",
    source: {
      law: '天津市人民政府关于加强政务诚信建设的实施意见（津政发〔2017〕29号）三.6（将践诺情况纳入绩效考核）',
      article: '三.6',
      confidence: '2nd',
    },
  },
} as const satisfies Record<string, PluginRule>;

/** The year-end grade the primitive's status maps to; null while the commitment is still pending. */
export function gradeOf(progress: Pick<PromiseProgress, 'status'>): 'fully' | 'partly' | 'not' | 'changed' | null {
  return ({ kept: 'fully', partly_kept: 'partly', broken: 'not', changed_lawfully: 'changed', pending: null } as const)[
    progress.status
  ];
}

export interface TownshipYear {
  commitments: number;
  fully: number;
  notKept: number;
  ratings: number;
  satisfaction: number | null;
  dishonestyRecords: number;
}

/** A township's candidate score and the criteria it fails (thresholds and weights from configuration). */
export function candidate(
  t: TownshipYear,
  cfg: Pick<
    TownshipsConfig,
    'candidateFullyKeptPct' | 'candidateSatisfactionMin' | 'minRatingsShown' | 'weightFulfilment' | 'weightSatisfaction'
  >,
) {
  const fullyKeptPct = t.commitments ? Math.round((t.fully / t.commitments) * 1000) / 10 : 0;
  const rated = t.ratings >= cfg.minRatingsShown && t.satisfaction !== null;
  const failed: (typeof CRITERIA)[number][] = [];
  if (t.commitments === 0 || fullyKeptPct < cfg.candidateFullyKeptPct) failed.push('fullyKeptPct');
  if (t.notKept > 0) failed.push('noneNotKept');
  if (!rated || t.satisfaction! < cfg.candidateSatisfactionMin) failed.push('satisfaction');
  if (t.dishonestyRecords > 0) failed.push('noDishonestyRecord');
  const sat = rated ? (t.satisfaction! / 5) * 100 : 0;
  const score = Math.round((cfg.weightFulfilment * fullyKeptPct + cfg.weightSatisfaction * sat) * 10) / 10;
  return { fullyKeptPct, score, eligible: failed.length === 0, failed };
}
