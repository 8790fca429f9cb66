import { settingValue } from '@chengxin/contract/settings';
import type { RuleSource } from './source';

/**
 * Open readings: where the text allows two answers, the deployment chooses with an environment variable, and the rule
 * table (`kernel.rules.list`, `readings`) shows every option, which one is the default, and which one applies now.
 * Read at call time, not at import, so a test or an operator can change it without a restart of the module graph.
 */
export interface ReadingOption {
  value: string;
  labelZh: string;
  labelEn: string;
}

export interface Reading {
  id: string;
  /** The environment variable that chooses the option. */
  setting: string;
  defaultValue: string;
  options: ReadingOption[];
  summaryZh: string;
  summaryEn: string;
  source: RuleSource;
}

const PLAN: RuleSource = {
  law: '天津市人民政府关于加强政务诚信建设的实施意见（津政发〔2017〕29号）',
  article: '建立公务员诚信档案（“开除以下处分”）',
  confidence: '2nd',
};

export const READINGS = {
  dismissalInFile: {
    id: 'reading.dismissal-in-file',
    setting: 'CHENGXIN_DISMISSAL_RECORD',
    defaultValue: 'excluded',
    options: [
      {
        value: 'excluded',
        labelZh: '“开除以下”不含开除：开除不作为政务失信记录（默认）',
        labelEn: '"below dismissal" excludes dismissal: no record (default)',
      },
      {
        value: 'included',
        labelZh: '“开除以下”含开除（以下含本数，民法典第一千二百五十九条）：开除记为长期有效的失信记录',
        labelEn: '"below dismissal" includes dismissal (civil code §1259): a record with no end',
      },
    ],
    summaryZh: '实施方案将“开除以下处分”记入诚信档案；是否包含开除是解释问题，默认不包含',
    summaryEn:
      'The plan files "sanctions below dismissal"; whether dismissal itself is included is a reading (default: not)',
    source: PLAN,
  },
  personHonoursBar: {
    id: 'reading.person-honours-bar',
    setting: 'CHENGXIN_PERSON_HONOURS_BAR',
    defaultValue: 'on',
    options: [
      {
        value: 'on',
        labelZh: '有效失信记录的公务员不得授予新的表彰奖励（本地选择，默认）',
        labelEn: 'A civil servant with a record in effect gets no new honour (local choice, default)',
      },
      {
        value: 'off',
        labelZh: '失信记录仅作为表彰的重要参考，不自动阻止',
        labelEn: 'The record is only an important reference; nothing is blocked',
      },
    ],
    summaryZh: '实施方案只禁止有失信记录的单位参加荣誉评选，对个人以失信记录为重要参考；对个人的禁止是本地选择',
    summaryEn:
      "The plan bars bodies only and treats a person's records as an important reference; the person-level bar is a local choice",
    source: {
      law: '天津市人民政府关于加强政务诚信建设的实施意见（津政发〔2017〕29号）',
      article: '失信惩戒（单位不得参加荣誉评选；个人记录作为重要参考）',
      confidence: 'local',
    },
  },
  minorPublished: {
    id: 'reading.minor-published',
    setting: 'CHENGXIN_MINOR_PUBLISHED',
    defaultValue: 'off',
    options: [
      {
        value: 'off',
        labelZh: '轻微失信信息不予公示（默认；仍可在政务共享范围内查询）',
        labelEn: 'Minor records are not published (default; still shared within government)',
      },
      {
        value: 'on',
        labelZh: '轻微失信信息按最长3个月公示',
        labelEn: 'Minor records are published for up to 3 months',
      },
    ],
    summaryZh: '“轻微”等级是本地增设（527号文只分一般、严重），默认不公示',
    summaryEn: 'The minor tier is a local addition (527号 has only ordinary and serious); not published by default',
    source: { law: '本地增设（发改办财金〔2019〕527号仅规定一般、严重两档）', article: '—', confidence: 'local' },
  },
  personDisclosure: {
    id: 'reading.person-disclosure',
    setting: 'CHENGXIN_PERSON_DEFAULT_DISCLOSURE',
    defaultValue: 'government',
    options: [
      {
        value: 'government',
        labelZh: '涉及个人的记录默认仅在政务共享范围内使用，公开须经审核人说明理由逐条决定（默认）',
        labelEn:
          "Person records default to government sharing; public disclosure is a reviewer's reasoned choice per record (default)",
      },
      { value: 'public', labelZh: '涉及个人的记录默认公开', labelEn: 'Person records default to public' },
    ],
    summaryZh: '公开涉及个人信息的政府信息须有依据，处理敏感个人信息须有法定依据并限于必要范围',
    summaryEn: 'Disclosing personal information needs a basis; the default for person records is government sharing',
    source: {
      law: '《中华人民共和国政府信息公开条例》（2019）第十五条；《中华人民共和国个人信息保护法》第三十四条',
      article: '第十五条；第三十四条',
      confidence: 'law',
    },
  },
} as const satisfies Record<string, Reading>;

export type ReadingKey = keyof typeof READINGS;

/** The option in force: the environment's value when it names an option, otherwise the default. */
export function readingValue(key: ReadingKey): string {
  const r: Reading = READINGS[key];
  const raw = settingValue(r.setting);
  return raw && r.options.some((o) => o.value === raw) ? raw : r.defaultValue;
}

/** The readings as the rule table shows them: every option, the default, and the value in force. */
export const readingsTable = () =>
  (Object.keys(READINGS) as ReadingKey[]).map((k) => {
    const r: Reading = READINGS[k];
    return { ...r, options: [...r.options], value: readingValue(k) };
  });
