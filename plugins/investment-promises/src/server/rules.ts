/**
 * The investment-promotion rules: the promise primitive's two rules under this plugin's id, the fair-competition check
 * at registration, broken promises and arrears to enterprises, and the complaint clocks. Pure functions of the facts,
 * tested on exact dates; each rule's legal source and day counting is in RULES (shown in the kernel's rule table).
 */
import { promiseRules, type PluginRule } from '@chengxin/plugin-sdk';
import { CATEGORY_LABELS, PLUGIN_ID, type Category, type PromiseInput } from '../contract';

const shared = promiseRules(PLUGIN_ID);

export const RULES = {
  ...shared,
  fairCompetition: {
    id: `${PLUGIN_ID}.fair_competition_review`,
    summaryZh:
      '没有法律、行政法规依据或者未经国务院批准，不得给予特定经营者税收优惠，选择性、差异化的财政奖励或者补贴，要素获取、行政事业性收费等方面的优惠；登记时缺少此类依据的承诺标记为自始违法（不受优化营商环境条例第三十一条保护，不据此提出违约记录）',
    summaryEn:
      'Without a law, an administrative regulation or State Council approval, no tax preference, selective subsidy or factor/fee preference to a particular business; such promises are flagged unlawful from the start at registration (not protected by §31, so no breach draft)',
    source: {
      law: '公平竞争审查条例（2024，2024年8月1日施行）第十条、第二十七条；此前作出的承诺：国发〔2016〕34号《关于在市场体系建设中建立公平竞争审查制度的意见》（以法律法规为依据，原文未能读到）',
      article: '第十条 / 第三部分（审查标准）',
      confidence: 'law',
    },
  },
  unlawfulPromise: {
    id: `${PLUGIN_ID}.unlawful_promise`,
    summaryZh:
      '超出法定权限作出政策承诺，或者政策承诺的内容不符合法律、法规规定的，依法依规追究责任：对作出承诺的单位提出失信记录草稿（不对受诺企业，不按违约处理）',
    summaryEn:
      "A promise beyond the body's authority or against the law is a ground of liability: a draft is proposed against the body that made it (not the firm; not as a breach)",
    source: {
      law: '中华人民共和国外商投资法实施条例（2019）',
      article: '第四十一条第（四）项（对外国投资者、外商投资企业；对内资企业参照适用）',
      confidence: 'law',
    },
  },
  promiseBroken: {
    id: `${PLUGIN_ID}.promise_broken`,
    summaryZh:
      '地方政府及其有关部门应当履行依法作出的政策承诺和依法订立的合同；承诺节点届满（宽限期为配置项）仍未兑现且未依法变更的，对承诺主体及节点届满时在任的主要负责人提出违约失信记录草稿',
    summaryEn:
      'A lawful promise not kept by a milestone (plus the configured grace days) and not lawfully changed proposes a breach draft against the body and the principal officials in post on the due date',
    source: { law: '优化营商环境条例（2019）/ 国发〔2016〕76号', article: '第三十一条 / 第二部分', confidence: 'law' },
    setting: 'graceDays',
    counting: 'calendar',
  },
  arrears: {
    id: `${PLUGIN_ID}.arrears_to_enterprise`,
    summaryZh:
      '国家机关、事业单位不得违约拖欠市场主体的货物、工程、服务等账款；承诺或协议约定的款项到期（宽限期为配置项）未付的，提出违约失信记录草稿，金额达到配置值的为严重',
    summaryEn:
      'Government bodies may not default on sums owed to businesses; a promised payment unpaid after its due date (plus grace) proposes a breach draft, serious from the configured amount',
    source: { law: '优化营商环境条例（2019）', article: '第三十二条', confidence: 'law' },
    setting: 'graceDays, seriousArrearsFen',
    counting: 'calendar',
  },
  complaintForward: {
    id: `${PLUGIN_ID}.complaint_forward`,
    summaryZh:
      '企业通过12345、拖欠账款登记平台、信用网站等反映的政府失信线索，第一时间转交上级或主管部门核实（工作日数为配置项）',
    summaryEn:
      'Complaints about government breaches (12345, arrears platform, credit website) go at once to the superior or competent department to verify (working days: a setting)',
    source: { law: '发改财金〔2023〕1103号', article: '政府失信线索核实处理', confidence: '2nd' },
    setting: 'forwardWorkingDays',
    counting: 'working',
  },
  complaintVerify: {
    id: `${PLUGIN_ID}.complaint_verify`,
    summaryZh: '上级部门核实：不属实的向投诉人说明，属实的立即整改；未找到法定核实期限，期限为配置项',
    summaryEn:
      'The superior department verifies: untrue → explain to the complainant; true → fix at once; no statutory deadline found, so the period is a setting',
    source: { law: '发改财金〔2023〕1103号', article: '政府失信线索核实处理', confidence: 'unconfirmed' },
    setting: 'verifyWorkingDays',
    counting: 'working',
  },
  refusedToFix: {
    id: `${PLUGIN_ID}.refused_to_fix`,
    summaryZh: '经核实属实而拒不整改的，认定为违约失信，提出失信记录草稿',
    summaryEn: 'A confirmed complaint the body refuses to fix is a breach (违约失信) and proposes a draft',
    source: { law: '发改财金〔2023〕1103号', article: '政府失信线索核实处理', confidence: '2nd' },
  },
} as const satisfies Record<string, PluginRule>;

/** Which item of 公平竞争审查条例 §10 a preference to a particular business falls under. */
const SECTION_10: Partial<Record<Category, string>> = {
  tax: '第十条第（一）项',
  subsidy: '第十条第（二）项',
  land: '第十条第（三）项',
  fee: '第十条第（三）项',
};
const ALLOWING = new Set(['law', 'administrative_regulation', 'state_council_approval']);
/** The 2024 regulation applies to promises made from its entry into force (§27); earlier ones are judged by 国发〔2016〕34号. */
export const FAIR_COMPETITION_REGULATION_FROM = '2024-08-01';
// 34号 asks for a basis in 法律法规, which includes local regulations.
const ALLOWING_2016 = new Set(['law', 'administrative_regulation', 'local_regulation', 'state_council_approval']);

/**
 * The fair-competition check at registration: a tax preference, selective subsidy or land/fee preference to a
 * particular business is unlawful from the start unless a law, an administrative regulation or State Council approval
 * allows it (the officer records which).
 */
export function fairCompetition(p: Pick<PromiseInput, 'category' | 'selective' | 'basisKind'> & { madeOn?: string }): {
  unlawful: boolean;
  article: string | null;
  reasonZh: string | null;
} {
  const article = SECTION_10[p.category];
  if (p.madeOn && p.madeOn < FAIR_COMPETITION_REGULATION_FROM) {
    if (!article || !p.selective || ALLOWING_2016.has(p.basisKind))
      return { unlawful: false, article: null, reasonZh: null };
    return {
      unlawful: true,
      article: '国发〔2016〕34号第三部分第（三）项',
      reasonZh: `${p.madeOn}给予特定经营者${CATEGORY_LABELS[p.category].zh}，未登记法律法规依据或国务院批准（国发〔2016〕34号，公平竞争审查条例施行前），自始违法`,
    };
  }
  if (!article || !p.selective || ALLOWING.has(p.basisKind)) return { unlawful: false, article: null, reasonZh: null };
  return {
    unlawful: true,
    article: `公平竞争审查条例${article}`,
    reasonZh: `给予特定经营者${CATEGORY_LABELS[p.category].zh}，未登记法律、行政法规依据或国务院批准（公平竞争审查条例${article}），自始违法`,
  };
}
