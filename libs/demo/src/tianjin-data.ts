/**
 * Reference data for the deterministic Tianjin (天津市) demo seed.
 *
 * Pure data: no imports, no randomness. Administrative divisions follow the 国家统计局
 * 统计用区划代码和城乡划分代码 (2023 edition) for 天津市, leaving out the 开发区 / 园区 / 农场
 * rows that are not 街道、镇 or 乡. Everything here is demo material: the record
 * templates describe typical cases and name no real unit or person.
 */

export interface DistrictSeed {
  areaCode: string;
  name: string;
  kind: 'district';
  streets: { name: string; kind: 'street' | 'township' }[];
}

export interface RecordTemplate {
  typeKey: 'judicial_judgment' | 'administrative_penalty' | 'disciplinary_sanction' | 'accountability';
  subject: 'org' | 'person';
  facts: string;
  legalBasis: string;
  /** Full name of the deciding body; may contain the literal `{district}` (e.g. '河西区'). */
  issuingAuthority: string;
  severity: 'minor' | 'ordinary' | 'serious';
}

export const CITY = { areaCode: '120000', name: '天津市人民政府' };

/** 街道 → 'street'; 镇 and 乡 (incl. 民族乡) → 'township'. */
function units(names: string[]): DistrictSeed['streets'] {
  return names.map((name) => ({ name, kind: name.endsWith('街道') ? 'street' : 'township' }));
}

export const DISTRICTS: DistrictSeed[] = [
  {
    areaCode: '120101',
    name: '和平区',
    kind: 'district',
    streets: units(['劝业场街道', '小白楼街道', '五大道街道', '新兴街道', '南营门街道', '南市街道']),
  },
  {
    areaCode: '120102',
    name: '河东区',
    kind: 'district',
    streets: units([
      '大王庄街道', '大直沽街道', '中山门街道', '富民路街道', '二号桥街道', '春华街道', '唐家口街道',
      '向阳楼街道', '常州道街道', '上杭路街道', '东新街道', '鲁山道街道',
      // 统计用名称「天津铁厂街道」; the district and its residents write 天铁街道.
      '天铁街道',
    ]),
  },
  {
    areaCode: '120103',
    name: '河西区',
    kind: 'district',
    streets: units([
      '大营门街道', '下瓦房街道', '桃园街道', '挂甲寺街道', '马场街道', '越秀路街道', '友谊路街道',
      '天塔街道', '尖山街道', '陈塘庄街道', '柳林街道', '东海街道', '梅江街道', '太湖路街道',
    ]),
  },
  {
    areaCode: '120104',
    name: '南开区',
    kind: 'district',
    streets: units([
      '长虹街道', '鼓楼街道', '兴南街道', '广开街道', '万兴街道', '学府街道', '向阳路街道',
      '嘉陵道街道', '王顶堤街道', '水上公园街道', '体育中心街道', '华苑街道',
    ]),
  },
  {
    areaCode: '120105',
    name: '河北区',
    kind: 'district',
    streets: units([
      '光复道街道', '望海楼街道', '鸿顺里街道', '新开河街道', '铁东路街道', '建昌道街道', '宁园街道',
      '王串场街道', '江都路街道', '月牙河街道',
    ]),
  },
  {
    areaCode: '120106',
    name: '红桥区',
    kind: 'district',
    streets: units([
      '西于庄街道', '咸阳北路街道', '丁字沽街道', '西沽街道', '三条石街道', '邵公庄街道', '芥园街道',
      '铃铛阁街道', '和苑街道',
    ]),
  },
  {
    areaCode: '120110',
    name: '东丽区',
    kind: 'district',
    streets: units([
      '张贵庄街道', '丰年村街道', '万新街道', '无瑕街道', '新立街道', '华明街道', '金钟街道',
      '军粮城街道', '金桥街道', '华新街道', '东丽湖街道',
    ]),
  },
  {
    areaCode: '120111',
    name: '西青区',
    kind: 'district',
    streets: units([
      '西营门街道', '李七庄街道', '赤龙南街道', '赤龙北街道', '津门湖街道',
      '中北镇', '杨柳青镇', '辛口镇', '张家窝镇', '精武镇', '大寺镇', '王稳庄镇',
    ]),
  },
  {
    areaCode: '120112',
    name: '津南区',
    kind: 'district',
    streets: units([
      '双新街道', '双林街道', '海棠街道',
      '咸水沽镇', '葛沽镇', '小站镇', '双港镇', '辛庄镇', '双桥河镇', '八里台镇', '北闸口镇',
    ]),
  },
  {
    areaCode: '120113',
    name: '北辰区',
    kind: 'district',
    streets: units([
      '果园新村街道', '集贤里街道', '普东街道', '瑞景街道', '佳荣里街道', '青源街道', '广源街道', '双环邨街道',
      '天穆镇', '北仓镇', '双街镇', '双口镇', '青光镇', '宜兴埠镇', '小淀镇', '大张庄镇', '西堤头镇',
    ]),
  },
  {
    areaCode: '120114',
    name: '武清区',
    kind: 'district',
    streets: units([
      '杨村街道', '下朱庄街道', '东蒲洼街道', '黄庄街道', '徐官屯街道', '运河西街道',
      '梅厂镇', '大碱厂镇', '崔黄口镇', '大良镇', '下伍旗镇', '南蔡村镇', '大孟庄镇', '泗村店镇',
      '河西务镇', '城关镇', '东马圈镇', '黄花店镇', '石各庄镇', '王庆坨镇', '汊沽港镇', '河北屯镇',
      '上马台镇', '大王古庄镇', '陈咀镇', '豆张庄镇', '曹子里镇', '大黄堡镇', '高村镇', '白古屯镇',
    ]),
  },
  {
    areaCode: '120115',
    name: '宝坻区',
    kind: 'district',
    streets: units([
      '海滨街道', '宝平街道', '钰华街道', '周良街道', '潮阳街道', '朝霞街道',
      '大口屯镇', '王卜庄镇', '方家庄镇', '林亭口镇', '八门城镇', '大钟庄镇', '新安镇', '霍各庄镇',
      '新开口镇', '大唐庄镇', '牛道口镇', '史各庄镇', '郝各庄镇', '牛家牌镇', '尔王庄镇', '黄庄镇',
      '口东镇', '大白庄镇',
    ]),
  },
  {
    areaCode: '120116',
    name: '滨海新区',
    kind: 'district',
    streets: units([
      '塘沽街道', '杭州道街道', '新河街道', '大沽街道', '新北街道', '北塘街道', '胡家园街道', '新港街道',
      '新村街道',
      // 统计用名称「天津经济技术开发区东区泰达街道」.
      '泰达街道',
      '汉沽街道', '寨上街道', '茶淀街道', '大港街道', '古林街道', '海滨街道',
      '新城镇', '杨家泊镇', '太平镇', '小王庄镇', '中塘镇',
    ]),
  },
  {
    areaCode: '120117',
    name: '宁河区',
    kind: 'district',
    streets: units([
      '芦台街道', '桥北街道',
      '宁河镇', '苗庄镇', '丰台镇', '岳龙镇', '板桥镇', '潘庄镇', '造甲城镇', '七里海镇', '大北涧沽镇',
      '东棘坨镇', '北淮淀镇', '俵口镇', '廉庄镇',
    ]),
  },
  {
    areaCode: '120118',
    name: '静海区',
    kind: 'district',
    streets: units([
      '华康街道', '朝阳街道',
      '静海镇', '唐官屯镇', '独流镇', '王口镇', '台头镇', '子牙镇', '陈官屯镇', '中旺镇', '大邱庄镇',
      '蔡公庄镇', '梁头镇', '团泊镇', '双塘镇', '大丰堆镇', '沿庄镇', '西翟庄镇', '良王庄乡', '杨成庄乡',
    ]),
  },
  {
    areaCode: '120119',
    name: '蓟州区',
    kind: 'district',
    streets: units([
      '文昌街道',
      '渔阳镇', '洇溜镇', '官庄镇', '马伸桥镇', '下营镇', '邦均镇', '别山镇', '尤古庄镇', '上仓镇',
      '下仓镇', '罗庄子镇', '白涧镇', '侯家营镇', '桑梓镇', '东施古镇', '下窝头镇', '杨津庄镇',
      '出头岭镇', '西龙虎峪镇', '穿芳峪镇', '东二营镇', '许家台镇', '礼明庄镇', '东赵各庄镇', '州河湾镇',
      '孙各庄满族乡',
    ]),
  },
];

/** 天津市人民政府工作部门、直属机构及部分直属单位 (not national vertical bodies such as 税务、海关、金融监管). */
export const MUNICIPAL_DEPARTMENTS: string[] = [
  '天津市人民政府办公厅',
  '天津市发展和改革委员会',
  '天津市教育委员会',
  '天津市科学技术局',
  '天津市工业和信息化局',
  '天津市民族和宗教事务委员会',
  '天津市公安局',
  '天津市民政局',
  '天津市司法局',
  '天津市财政局',
  '天津市人力资源和社会保障局',
  '天津市规划和自然资源局',
  '天津市生态环境局',
  '天津市住房和城乡建设委员会',
  '天津市城市管理委员会',
  '天津市交通运输委员会',
  '天津市水务局',
  '天津市农业农村委员会',
  '天津市商务局',
  '天津市文化和旅游局',
  '天津市卫生健康委员会',
  '天津市退役军人事务局',
  '天津市应急管理局',
  '天津市审计局',
  '天津市人民政府外事办公室',
  '天津市人民政府国有资产监督管理委员会',
  '天津市市场监督管理委员会',
  '天津市体育局',
  '天津市统计局',
  '天津市医疗保障局',
  '天津市政务服务办公室',
  '天津市信访办公室',
  '天津市人民政府合作交流办公室',
  '天津市粮食和物资储备局',
  '天津市知识产权局',
  '天津市药品监督管理局',
  '天津市机关事务管理局',
  '天津市人民防空办公室',
  '天津市住房公积金管理中心',
];

/** Suffixes for district bodies; the caller writes `天津市${districtName}${suffix}`. */
export const DISTRICT_DEPARTMENTS: string[] = [
  '人民政府办公室',
  '发展和改革委员会',
  '教育局',
  '科学技术局',
  '工业和信息化局',
  '民政局',
  '司法局',
  '财政局',
  '人力资源和社会保障局',
  '生态环境局',
  '住房和建设委员会',
  '城市管理委员会',
  '交通运输局',
  '水务局',
  '农业农村委员会',
  '商务局',
  '文化和旅游局',
  '卫生健康委员会',
  '退役军人事务局',
  '应急管理局',
  '审计局',
  '人民政府国有资产监督管理委员会',
  '市场监督管理局',
  '统计局',
  '医疗保障局',
  '政务服务办公室',
  '信访办公室',
];

/**
 * Bodies under a 街道 / 乡镇; the caller writes `${streetName}${suffix}`.
 * The first three suit both 街道 and 乡镇 (the seed takes `slice(0, 3)`).
 */
export const STREET_DEPARTMENT_SUFFIXES: string[] = [
  '党政办公室',
  '综合执法大队',
  '党群服务中心',
  '党建工作办公室',
  '平安建设办公室',
  '经济发展办公室',
];

/**
 * Common surnames with relative weights (roughly per ten thousand people): national frequencies
 * nudged toward northern China (more 赵 孙 马 高 于 韩, fewer 黄 林 梁 谢 曾 and southern surnames).
 */
export const SURNAMES: { name: string; weight: number }[] = [
  { name: '王', weight: 760 }, { name: '张', weight: 740 }, { name: '李', weight: 720 }, { name: '刘', weight: 620 },
  { name: '赵', weight: 330 }, { name: '杨', weight: 320 }, { name: '陈', weight: 300 }, { name: '孙', weight: 200 },
  { name: '马', weight: 180 }, { name: '高', weight: 170 }, { name: '郭', weight: 140 }, { name: '周', weight: 130 },
  { name: '吴', weight: 120 }, { name: '徐', weight: 120 }, { name: '于', weight: 110 }, { name: '韩', weight: 100 },
  { name: '朱', weight: 95 }, { name: '胡', weight: 90 }, { name: '黄', weight: 90 }, { name: '董', weight: 85 },
  { name: '田', weight: 80 }, { name: '宋', weight: 80 }, { name: '曹', weight: 70 }, { name: '何', weight: 65 },
  { name: '郑', weight: 65 }, { name: '冯', weight: 65 }, { name: '许', weight: 60 }, { name: '崔', weight: 60 },
  { name: '魏', weight: 55 }, { name: '贾', weight: 55 }, { name: '石', weight: 50 }, { name: '罗', weight: 50 },
  { name: '林', weight: 45 }, { name: '唐', weight: 45 }, { name: '邓', weight: 40 },
  { name: '肖', weight: 40 }, { name: '程', weight: 45 }, { name: '丁', weight: 45 }, { name: '吕', weight: 45 },
  { name: '任', weight: 45 }, { name: '姜', weight: 45 }, { name: '杜', weight: 45 }, { name: '苏', weight: 40 },
  { name: '袁', weight: 40 }, { name: '潘', weight: 35 }, { name: '蔡', weight: 35 }, { name: '蒋', weight: 35 },
  { name: '彭', weight: 35 }, { name: '梁', weight: 35 }, { name: '谢', weight: 30 }, { name: '卢', weight: 35 },
  { name: '姚', weight: 35 }, { name: '沈', weight: 30 }, { name: '范', weight: 35 }, { name: '白', weight: 35 },
  { name: '孟', weight: 35 }, { name: '侯', weight: 35 }, { name: '郝', weight: 35 }, { name: '闫', weight: 35 },
  { name: '薛', weight: 30 }, { name: '史', weight: 30 }, { name: '尹', weight: 30 }, { name: '段', weight: 28 },
  { name: '秦', weight: 28 }, { name: '付', weight: 28 }, { name: '武', weight: 28 }, { name: '常', weight: 28 },
  { name: '叶', weight: 25 }, { name: '余', weight: 22 }, { name: '曾', weight: 20 }, { name: '钟', weight: 18 },
  { name: '汪', weight: 20 }, { name: '金', weight: 25 }, { name: '夏', weight: 22 }, { name: '方', weight: 22 },
  { name: '陆', weight: 20 }, { name: '邢', weight: 22 }, { name: '毛', weight: 20 }, { name: '顾', weight: 18 },
  { name: '邵', weight: 20 }, { name: '贺', weight: 20 }, { name: '万', weight: 18 }, { name: '钱', weight: 16 },
  { name: '戴', weight: 16 }, { name: '严', weight: 16 }, { name: '孔', weight: 18 }, { name: '江', weight: 16 },
  { name: '熊', weight: 14 }, { name: '邱', weight: 14 }, { name: '陶', weight: 16 }, { name: '雷', weight: 16 },
  { name: '龚', weight: 12 }, { name: '谭', weight: 14 }, { name: '廖', weight: 10 }, { name: '邹', weight: 14 },
  { name: '牛', weight: 18 }, { name: '康', weight: 16 }, { name: '齐', weight: 16 }, { name: '葛', weight: 14 },
  { name: '庞', weight: 14 },
];

/** Characters common in given names, mixed genders; two are drawn for most names. */
export const GIVEN_NAME_CHARS: string[] = [
  '伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明',
  '超', '秀', '霞', '平', '刚', '桂', '英', '华', '玉', '萍', '红', '鹏', '辉', '建', '国', '志',
  '文', '斌', '宇', '浩', '凯', '健', '俊', '帆', '帅', '旭', '宁', '龙', '林', '欣', '晨', '雪',
  '琳', '晶', '颖', '倩', '婷', '慧', '莉', '燕', '蕾', '璐', '琪', '佳', '怡', '悦', '思', '雨',
  '嘉', '梓', '涵', '轩', '博', '睿', '泽', '宏', '毅', '峰', '波', '亮', '飞', '鑫', '瑞', '祥',
  '海', '春', '晓', '立', '新', '永', '成', '金', '德', '荣', '庆', '利', '民', '东', '兴', '昊',
  '然', '一', '子', '欢', '阳', '光', '松', '岩', '振', '学', '家', '福', '生', '云', '彬', '楠',
  '琦', '婧', '媛', '莹', '彤', '瑶', '丹', '妍', '菲', '蓉', '薇', '鹤', '琛', '昕', '航', '诚',
  '卫', '保', '爱', '淑', '凤', '兰', '梅', '秋', '冬', '铭', '奇', '翔', '宸', '安', '忠', '良',
  '天', '靖', '雅', '洁', '晴', '冰',
];

/**
 * Posts. `levels` says where a post is used: 'city' and 'district' are the people's governments
 * themselves, 'department' any 市/区 body, 'street' a 街道办事处 / 乡镇人民政府 and the bodies under it.
 * `leading` marks 主要负责人. For each level the first leading post listed is the usual head
 * (市长, 区长, 局长, 街道办事处主任); pick 主任 for a 委员会/办公室 and 镇长/乡长 for a 镇/乡 by name.
 */
export const POSTS: { title: string; leading: boolean; levels: ('city' | 'district' | 'street' | 'department')[] }[] = [
  { title: '市长', leading: true, levels: ['city'] },
  { title: '副市长', leading: false, levels: ['city'] },
  { title: '秘书长', leading: false, levels: ['city'] },
  { title: '副秘书长', leading: false, levels: ['city', 'district'] },
  { title: '区长', leading: true, levels: ['district'] },
  { title: '副区长', leading: false, levels: ['district'] },
  { title: '局长', leading: true, levels: ['department'] },
  { title: '主任', leading: true, levels: ['department'] },
  { title: '党组书记', leading: true, levels: ['department'] },
  { title: '副局长', leading: false, levels: ['department'] },
  { title: '副主任', leading: false, levels: ['department', 'street'] },
  { title: '党组成员', leading: false, levels: ['department'] },
  { title: '一级巡视员', leading: false, levels: ['city', 'department'] },
  { title: '二级巡视员', leading: false, levels: ['city', 'department'] },
  { title: '处长', leading: false, levels: ['department'] },
  { title: '副处长', leading: false, levels: ['department'] },
  { title: '一级调研员', leading: false, levels: ['city', 'department'] },
  { title: '二级调研员', leading: false, levels: ['district', 'department'] },
  { title: '三级调研员', leading: false, levels: ['district', 'department'] },
  { title: '四级调研员', leading: false, levels: ['district', 'department', 'street'] },
  { title: '科长', leading: false, levels: ['department', 'street'] },
  { title: '副科长', leading: false, levels: ['department', 'street'] },
  { title: '一级主任科员', leading: false, levels: ['city', 'district', 'department', 'street'] },
  { title: '二级主任科员', leading: false, levels: ['city', 'district', 'department', 'street'] },
  { title: '三级主任科员', leading: false, levels: ['district', 'department', 'street'] },
  { title: '四级主任科员', leading: false, levels: ['district', 'department', 'street'] },
  { title: '一级科员', leading: false, levels: ['district', 'department', 'street'] },
  { title: '二级科员', leading: false, levels: ['department', 'street'] },
  { title: '街道办事处主任', leading: true, levels: ['street'] },
  { title: '党工委书记', leading: true, levels: ['street'] },
  { title: '镇长', leading: true, levels: ['street'] },
  { title: '镇党委书记', leading: true, levels: ['street'] },
  { title: '乡长', leading: true, levels: ['street'] },
  { title: '乡党委书记', leading: true, levels: ['street'] },
  { title: '街道办事处副主任', leading: false, levels: ['street'] },
  { title: '党工委副书记', leading: false, levels: ['street'] },
  { title: '人大工委主任', leading: false, levels: ['street'] },
  { title: '副镇长', leading: false, levels: ['street'] },
  { title: '镇党委副书记', leading: false, levels: ['street'] },
  { title: '镇人大主席', leading: false, levels: ['street'] },
  { title: '副乡长', leading: false, levels: ['street'] },
  { title: '综合执法大队大队长', leading: false, levels: ['street'] },
];

/**
 * Dishonesty records of the government side. Facts never name the sanction grade: the seed draws
 * `sanctionType` separately for 纪律处分 records.
 */
export const RECORD_TEMPLATES: RecordTemplate[] = [
  // ── 司法判决 (单位) ─────────────────────────────────────────────────────────
  {
    typeKey: 'judicial_judgment', subject: 'org', severity: 'serious',
    facts: '该单位作为发包人，在道路提升改造工程竣工验收合格后，长期拖欠施工企业工程款共计人民币四百三十六万元。经施工企业起诉，人民法院判决该单位支付欠付工程款及逾期付款利息。判决生效后，该单位未在指定期间履行给付义务，被人民法院依法纳入失信被执行人名单。',
    legalBasis: '《中华人民共和国民法典》第七百九十九条；《最高人民法院关于公布失信被执行人名单信息的若干规定》第一条',
    issuingAuthority: '天津市{district}人民法院',
  },
  {
    typeKey: 'judicial_judgment', subject: 'org', severity: 'ordinary',
    facts: '该单位与投资企业签订招商引资协议，约定于协议签订后十二个月内完成项目地块“七通一平”及配套道路建设。该单位未按约定履行，致使企业项目延期十个月投产。企业提起行政诉讼，人民法院判决该单位继续履行协议约定义务，并赔偿企业经济损失。',
    legalBasis: '《中华人民共和国行政诉讼法》第七十八条',
    issuingAuthority: '天津市第一中级人民法院',
  },
  {
    typeKey: 'judicial_judgment', subject: 'org', severity: 'serious',
    facts: '该单位在行政赔偿案件中被判决向原告支付赔偿金，判决生效后逾期六个月仍未履行，经人民法院多次督促仍拒不履行。人民法院依法对该单位负责人按日处以罚款，并向其上一级机关提出司法建议。',
    legalBasis: '《中华人民共和国行政诉讼法》第九十四条、第九十六条',
    issuingAuthority: '天津市第二中级人民法院',
  },
  {
    typeKey: 'judicial_judgment', subject: 'org', severity: 'ordinary',
    facts: '该单位通过政府采购购买物业管理服务，服务期满并经验收合格后，以财政资金未到位为由拖欠中小企业服务费人民币一百二十八万元，逾期达十四个月。人民法院判决该单位支付欠款，并按合同约定支付逾期利息。',
    legalBasis: '《中华人民共和国民法典》第五百七十七条；《保障中小企业款项支付条例》第八条、第十五条',
    issuingAuthority: '天津市{district}人民法院',
  },
  {
    typeKey: 'judicial_judgment', subject: 'org', severity: 'ordinary',
    facts: '该单位在旧城区改建项目中与被征收人签订房屋征收补偿协议后，未按协议约定期限支付补偿款、交付安置房屋。被征收人提起行政诉讼，人民法院判决该单位限期履行补偿安置义务。',
    legalBasis: '《国有土地上房屋征收与补偿条例》第二十七条；《中华人民共和国行政诉讼法》第七十八条',
    issuingAuthority: '天津市第一中级人民法院',
  },
  {
    typeKey: 'judicial_judgment', subject: 'org', severity: 'serious',
    facts: '该单位在未依法作出征收决定、未与权利人达成补偿协议的情况下，组织强制拆除企业厂房及附属设施。人民法院确认该强制拆除行为违法，判决该单位承担行政赔偿责任。',
    legalBasis: '《中华人民共和国国家赔偿法》第四条',
    issuingAuthority: '天津市第二中级人民法院',
  },
  {
    typeKey: 'judicial_judgment', subject: 'org', severity: 'ordinary',
    facts: '该单位因规划调整撤回企业已依法取得的行政许可，但未依法对企业因此受到的财产损失给予补偿。企业提起行政诉讼，人民法院判决该单位依法予以补偿。',
    legalBasis: '《中华人民共和国行政许可法》第八条',
    issuingAuthority: '天津市第三中级人民法院',
  },
  {
    typeKey: 'judicial_judgment', subject: 'org', severity: 'minor',
    facts: '该单位将所属国有房产出租给个体工商户经营，租期内以工作需要为由擅自收回房屋。人民法院判决解除租赁合同，由该单位赔偿承租人装修损失及停业期间经营损失。',
    legalBasis: '《中华人民共和国民法典》第五百七十七条、第五百八十四条',
    issuingAuthority: '天津市{district}人民法院',
  },
  {
    typeKey: 'judicial_judgment', subject: 'org', severity: 'serious',
    facts: '该单位违规为辖区企业银行贷款出具担保函，企业到期未能清偿债务。人民法院认定保证合同无效，该单位存在过错，判决其对债务人不能清偿部分承担相应赔偿责任。',
    legalBasis: '《中华人民共和国民法典》第六百八十二条、第六百八十三条',
    issuingAuthority: '天津市第二中级人民法院',
  },
  {
    typeKey: 'judicial_judgment', subject: 'org', severity: 'minor',
    facts: '该单位委托设计单位编制片区更新规划方案，成果交付并通过评审后，拖欠设计费人民币三十六万元逾期一年以上。人民法院判决该单位支付设计费及逾期付款违约金。',
    legalBasis: '《中华人民共和国民法典》第五百七十九条、第五百八十五条',
    issuingAuthority: '天津市{district}人民法院',
  },

  // ── 行政处罚 (单位) ─────────────────────────────────────────────────────────
  {
    typeKey: 'administrative_penalty', subject: 'org', severity: 'serious',
    facts: '该单位在未办理农用地转用审批手续的情况下，擅自占用耕地十二亩建设便民服务中心停车场及配套设施。规划和自然资源部门责令其退还非法占用的土地，限期拆除在非法占用的土地上新建的建筑物和其他设施，恢复土地原状，并处罚款。',
    legalBasis: '《中华人民共和国土地管理法》第七十七条',
    issuingAuthority: '天津市规划和自然资源局',
  },
  {
    typeKey: 'administrative_penalty', subject: 'org', severity: 'ordinary',
    facts: '该单位所属检测实验室产生的废试剂、废包装物等危险废物未按照规定设置危险废物识别标志，并与一般固体废物混合贮存。生态环境部门责令改正，并处罚款。',
    legalBasis: '《中华人民共和国固体废物污染环境防治法》第一百一十二条',
    issuingAuthority: '天津市生态环境局',
  },
  {
    typeKey: 'administrative_penalty', subject: 'org', severity: 'ordinary',
    facts: '该单位在办公设备采购中，将应当公开招标的项目拆分为四个项目，擅自采用询价方式采购。财政部门责令限期改正，给予警告，并建议对直接负责的主管人员依法给予处分。',
    legalBasis: '《中华人民共和国政府采购法》第七十一条',
    issuingAuthority: '天津市{district}财政局',
  },
  {
    typeKey: 'administrative_penalty', subject: 'org', severity: 'ordinary',
    facts: '该单位在老旧小区改造工程中，将依法必须进行招标的项目化整为零，以多次直接发包方式规避招标。有关行政监督部门责令限期改正，并处罚款。',
    legalBasis: '《中华人民共和国招标投标法》第四十九条',
    issuingAuthority: '天津市住房和城乡建设委员会',
  },
  {
    typeKey: 'administrative_penalty', subject: 'org', severity: 'ordinary',
    facts: '该单位新建的社区综合服务用房依法应当进行消防验收，未经消防验收即擅自投入使用。主管部门责令停止使用，并处罚款。',
    legalBasis: '《中华人民共和国消防法》第五十八条',
    issuingAuthority: '天津市{district}住房和建设委员会',
  },
  {
    typeKey: 'administrative_penalty', subject: 'org', severity: 'ordinary',
    facts: '该单位在未取得建设工程规划许可证的情况下，在机关院内建设办公附属用房约四百平方米。规划和自然资源部门责令停止建设、限期改正，并处罚款。',
    legalBasis: '《中华人民共和国城乡规划法》第六十四条',
    issuingAuthority: '天津市规划和自然资源局',
  },
  {
    typeKey: 'administrative_penalty', subject: 'org', severity: 'serious',
    facts: '该单位运营的镇级污水处理站出水化学需氧量、氨氮等指标超过水污染物排放标准排放，经责令改正后仍未稳定达标。生态环境部门责令限制生产、限期整治，并处罚款。',
    legalBasis: '《中华人民共和国水污染防治法》第八十三条',
    issuingAuthority: '天津市生态环境局',
  },
  {
    typeKey: 'administrative_penalty', subject: 'org', severity: 'ordinary',
    facts: '该单位在统计调查中报送的固定资产投资数据与实际情况严重不符，提供不真实的统计资料。统计机构责令改正，给予警告，并予以通报。',
    legalBasis: '《中华人民共和国统计法》第四十一条',
    issuingAuthority: '天津市统计局',
  },
  {
    typeKey: 'administrative_penalty', subject: 'org', severity: 'minor',
    facts: '该单位管理的公共停车场未执行政府定价，超出核定标准收取停车服务费。市场监督管理部门责令改正，没收违法所得，并处罚款。',
    legalBasis: '《中华人民共和国价格法》第三十九条',
    issuingAuthority: '天津市{district}市场监督管理局',
  },

  // ── 问责 (单位) ─────────────────────────────────────────────────────────────
  {
    typeKey: 'accountability', subject: 'org', severity: 'ordinary',
    facts: '该单位在招商引资过程中向投资企业作出的产业扶持资金兑付、配套设施建设等承诺长期未兑现，企业多次反映未予解决，损害政府公信力，造成不良影响。经核查属实，对该单位予以通报问责，责令限期整改。',
    legalBasis: '《中国共产党问责条例》第七条、第八条；《优化营商环境条例》第三十一条',
    issuingAuthority: '中共天津市{district}委员会',
  },
  {
    typeKey: 'accountability', subject: 'org', severity: 'ordinary',
    facts: '该单位拖欠中小企业货物、工程、服务款项合计人民币二百六十余万元，最长逾期二十个月，在清理拖欠企业账款专项行动中未按期完成清偿任务。对该单位主要负责人进行约谈，并对该单位予以通报。',
    legalBasis: '《保障中小企业款项支付条例》第八条；《中国共产党问责条例》第七条',
    issuingAuthority: '天津市{district}人民政府',
  },
  {
    typeKey: 'accountability', subject: 'org', severity: 'serious',
    facts: '该单位以政府换届、相关负责人调整为由，拒不履行此前依法向企业作出的政策承诺和已签订的合作协议，致使企业遭受较大损失，严重影响营商环境。对该单位予以通报问责，责令依法履约并补偿企业损失。',
    legalBasis: '《优化营商环境条例》第三十一条、第六十九条；《中国共产党问责条例》第七条',
    issuingAuthority: '天津市人民政府',
  },
  {
    typeKey: 'accountability', subject: 'org', severity: 'minor',
    facts: '该单位对政务服务便民热线转办的企业诉求推诿扯皮、超时办理，群众满意率连续三个月位列末位。对该单位予以通报批评，责令限期整改。',
    legalBasis: '《优化营商环境条例》第六十九条',
    issuingAuthority: '天津市政务服务办公室',
  },
  {
    typeKey: 'accountability', subject: 'org', severity: 'serious',
    facts: '该单位违规通过国有企业融资举借债务用于非公益性项目，形成政府隐性债务，经审计查实。对该单位予以通报问责，责令限期化解。',
    legalBasis: '《中华人民共和国预算法》第九十四条；《中国共产党问责条例》第七条',
    issuingAuthority: '天津市人民政府',
  },
  {
    typeKey: 'accountability', subject: 'org', severity: 'ordinary',
    facts: '该单位对审计查出的专项资金闲置、违规使用等问题敷衍整改、虚假整改，整改情况报告与实际不符。对该单位予以通报问责，责令重新整改。',
    legalBasis: '《中华人民共和国审计法》第五十二条；《中国共产党问责条例》第七条',
    issuingAuthority: '中共天津市{district}纪律检查委员会',
  },
  {
    typeKey: 'accountability', subject: 'org', severity: 'minor',
    facts: '该单位未依法按期答复政府信息公开申请，经行政复议被责令重新答复，在年度政务公开工作考核中被通报批评。',
    legalBasis: '《中华人民共和国政府信息公开条例》第五十三条',
    issuingAuthority: '天津市人民政府办公厅',
  },
  {
    typeKey: 'accountability', subject: 'org', severity: 'ordinary',
    facts: '该单位在开展专项活动中要求辖区企业赞助经费、摊派费用，增加企业负担，造成不良影响。对该单位予以通报问责，责令全额退还。',
    legalBasis: '《优化营商环境条例》第六十九条；《中国共产党问责条例》第七条',
    issuingAuthority: '中共天津市{district}委员会',
  },
  {
    typeKey: 'accountability', subject: 'org', severity: 'serious',
    facts: '该单位落实安全生产属地管理责任不力，对辖区安全隐患排查整治流于形式，发生一起造成人员伤亡的生产安全事故。对该单位予以通报问责，责令全面整改。',
    legalBasis: '《中国共产党问责条例》第七条、第八条',
    issuingAuthority: '中共天津市{district}委员会',
  },

  // ── 纪律处分 (个人) ─────────────────────────────────────────────────────────
  {
    typeKey: 'disciplinary_sanction', subject: 'person', severity: 'ordinary',
    facts: '该同志违反中央八项规定精神，在春节、中秋节等节日期间多次收受管理服务对象所送礼金、购物卡共计人民币三万二千元。其行为构成违纪违法，依规依纪依法给予处分，收缴违纪违法所得。',
    legalBasis: '《中华人民共和国公职人员政务处分法》第三十四条',
    issuingAuthority: '天津市{district}监察委员会',
  },
  {
    typeKey: 'disciplinary_sanction', subject: 'person', severity: 'serious',
    facts: '该同志利用职务便利，在信息化建设项目政府采购过程中违规向评审专家打招呼、泄露评审信息，为特定供应商中标提供帮助，破坏公平竞争秩序。依规依纪依法给予处分。',
    legalBasis: '《中华人民共和国公职人员政务处分法》第三十九条；《中华人民共和国政府采购法》第七十二条',
    issuingAuthority: '天津市监察委员会',
  },
  {
    typeKey: 'disciplinary_sanction', subject: 'person', severity: 'serious',
    facts: '该同志在负责惠农补贴资金管理工作中不履行审核监管职责，致使一百八十余万元补贴资金被冒领，造成重大损失。给予处分。',
    legalBasis: '《行政机关公务员处分条例》第二十条',
    issuingAuthority: '天津市{district}人民政府',
  },
  {
    typeKey: 'disciplinary_sanction', subject: 'person', severity: 'ordinary',
    facts: '该同志在先进集体和先进个人评选申报中虚构工作业绩、伪造证明材料，骗取荣誉称号。撤销其所获荣誉，给予处分。',
    legalBasis: '《中华人民共和国公职人员政务处分法》第三十二条',
    issuingAuthority: '天津市{district}监察委员会',
  },
  {
    typeKey: 'disciplinary_sanction', subject: 'person', severity: 'ordinary',
    facts: '该同志作为单位主要负责人，对人民法院已发生法律效力的判决拒不组织履行，经督促仍未履行，损害司法权威和政府公信力。给予处分。',
    legalBasis: '《行政机关公务员处分条例》第十九条',
    issuingAuthority: '天津市{district}人民政府',
  },
  {
    typeKey: 'disciplinary_sanction', subject: 'person', severity: 'minor',
    facts: '该同志违反中央八项规定精神，多次安排公款宴请，并以会议费、培训费名义虚列报销。其行为构成违纪违法，给予处分，责令退赔相关费用。',
    legalBasis: '《中华人民共和国公职人员政务处分法》第三十五条',
    issuingAuthority: '天津市{district}监察委员会',
  },
  {
    typeKey: 'disciplinary_sanction', subject: 'person', severity: 'ordinary',
    facts: '该同志违反规定在其亲属经营的企业中持有股份并领取报酬，利用职务上的影响为该企业承揽业务提供便利。给予处分，责令清退违规所得。',
    legalBasis: '《中华人民共和国公职人员政务处分法》第三十六条',
    issuingAuthority: '天津市监察委员会',
  },
  {
    typeKey: 'disciplinary_sanction', subject: 'person', severity: 'ordinary',
    facts: '该同志在为企业办理审批事项过程中故意刁难、吃拿卡要，无正当理由拖延办理，造成不良影响。给予处分。',
    legalBasis: '《中华人民共和国公职人员政务处分法》第三十八条',
    issuingAuthority: '天津市{district}监察委员会',
  },
  {
    typeKey: 'disciplinary_sanction', subject: 'person', severity: 'serious',
    facts: '该同志在担任财政资金管理岗位负责人期间，以虚列支出方式套取财政资金用于违规发放津贴补贴。给予处分，责令追回违规资金。',
    legalBasis: '《财政违法行为处罚处分条例》第六条；《中华人民共和国公职人员政务处分法》第三十五条',
    issuingAuthority: '天津市{district}监察委员会',
  },
  {
    typeKey: 'disciplinary_sanction', subject: 'person', severity: 'serious',
    facts: '该同志利用职务便利，在工程项目承揽、工程款拨付等方面为他人谋取利益，收受他人财物，严重违纪违法。给予处分，收缴违纪违法所得。',
    legalBasis: '《中华人民共和国公职人员政务处分法》第三十三条',
    issuingAuthority: '天津市监察委员会',
  },
  {
    typeKey: 'disciplinary_sanction', subject: 'person', severity: 'serious',
    facts: '该同志违反议事规则，未经集体研究擅自决定将财政资金出借给企业使用，资金至今未能收回。给予处分。',
    legalBasis: '《行政机关公务员处分条例》第十九条',
    issuingAuthority: '天津市{district}人民政府',
  },
  {
    typeKey: 'disciplinary_sanction', subject: 'person', severity: 'ordinary',
    facts: '该同志授意统计人员修改统计资料、编造虚假统计数据，干扰统计调查工作。给予处分。',
    legalBasis: '《中华人民共和国统计法》第三十七条',
    issuingAuthority: '天津市{district}监察委员会',
  },
  {
    typeKey: 'disciplinary_sanction', subject: 'person', severity: 'ordinary',
    facts: '该同志在项目申报工作中弄虚作假，编造项目进度和资金使用情况，误导、欺骗上级机关，造成不良后果。给予处分。',
    legalBasis: '《行政机关公务员处分条例》第二十二条',
    issuingAuthority: '天津市{district}人民政府',
  },

  // ── 问责 (个人) ─────────────────────────────────────────────────────────────
  {
    typeKey: 'accountability', subject: 'person', severity: 'minor',
    facts: '该同志作为分管负责人，督促清偿拖欠中小企业账款工作不力，导致清欠任务未按期完成。对其予以诫勉。',
    legalBasis: '《中国共产党问责条例》第八条',
    issuingAuthority: '中共天津市{district}纪律检查委员会',
  },
  {
    typeKey: 'accountability', subject: 'person', severity: 'ordinary',
    facts: '该同志履行招商引资承诺兑现工作领导责任不力，对企业反映的问题长期未推动解决，企业反映强烈。对其予以通报问责。',
    legalBasis: '《中国共产党问责条例》第七条、第八条',
    issuingAuthority: '中共天津市{district}委员会',
  },
  {
    typeKey: 'accountability', subject: 'person', severity: 'minor',
    facts: '该同志在基层减负工作中搞层层填表报数、重复督查检查，形式主义、官僚主义问题突出，加重基层负担。对其予以诫勉。',
    legalBasis: '《中国共产党问责条例》第七条',
    issuingAuthority: '中共天津市{district}纪律检查委员会',
  },
  {
    typeKey: 'accountability', subject: 'person', severity: 'serious',
    facts: '该同志作为属地主要负责人，对辖区安全隐患排查整治不力，发生较大生产安全事故，负有领导责任。对其予以免职处理。',
    legalBasis: '《中国共产党问责条例》第八条；《中华人民共和国公职人员政务处分法》第三十九条',
    issuingAuthority: '中共天津市{district}委员会',
  },
  {
    typeKey: 'accountability', subject: 'person', severity: 'minor',
    facts: '该同志对企业通过便民热线反映的诉求不作为、慢作为，经多次督办仍未解决。对其进行谈话提醒，责令作出书面检查。',
    legalBasis: '《中华人民共和国公务员法》第五十七条',
    issuingAuthority: '天津市{district}人民政府',
  },
  {
    typeKey: 'accountability', subject: 'person', severity: 'ordinary',
    facts: '该同志作为单位主要负责人，对审计查出问题的整改工作组织不力，整改措施不落实。对其予以通报问责。',
    legalBasis: '《中国共产党问责条例》第七条、第八条；《中华人民共和国审计法》第五十二条',
    issuingAuthority: '中共天津市{district}纪律检查委员会',
  },
];
