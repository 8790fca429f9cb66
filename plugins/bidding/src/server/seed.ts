import { addDays, newId, officialsInPost, type Db, type DemoContext } from '@chengxin/plugin-sdk';
import {
  agency,
  agencyEvaluation,
  agencyReport,
  agencySupervision,
  clarification,
  incident,
  interference,
  tender,
} from './schema';

const AGENCIES = [
  ['天津市国际招标有限公司', '91120000103061234A', '工程建设项目招标代理（甲级）'],
  ['天津中天招标代理有限公司', '91120104MA05KQ7R2B', '政府采购与工程招标代理'],
  ['天津滨海建设工程咨询有限公司', '91120116MA06XW3E9C', '工程咨询、招标代理'],
] as const;
const PROJECTS = [
  '区级综合医院改扩建工程',
  '中小学校舍加固工程',
  '道路提升改造工程',
  '排水管网改造工程',
  '政务服务中心装修工程',
  '公园绿化提升工程',
];

/**
 * Demo tenders in six districts, each scenario on time or breaching one rule (short bid period, late clarification,
 * late or short publicity, late contract and missing report, invited instead of open, result changed, refusal to sign,
 * conditions at signing, an official's interference), three agencies with reports and evaluations; relative to today.
 */
export async function seedBidding(db: Db, demo: DemoContext): Promise<string> {
  const districts = demo.orgs.filter((o) => o.level === 'district' && o.kind === 'government').slice(0, 6);
  const thisYear = Number(demo.today.slice(0, 4));
  let n = 0;
  await db.transaction(async (tx) => {
    const agencyIds: string[] = [];
    for (const [k, [name, uscc, qualification]] of AGENCIES.entries()) {
      const id = newId();
      agencyIds.push(id);
      await tx
        .insert(agency)
        .values({ id, name, uscc, qualification, qualificationValidUntil: `${thisYear + 2}-12-31` });
      const reportId = newId();
      await tx.insert(agencyReport).values({
        id: reportId,
        agencyId: id,
        issuer: '天津市信用评级有限公司',
        reportNo: `津信评〔${thisYear}〕${10 + k}号`,
        issuedOn: `${thisYear}-03-01`,
        grade: ['AAA', 'AA', 'A'][k]!,
        validUntil: `${thisYear + 1}-02-28`,
      });
      const scores = [
        { key: 'qualification', labelZh: '资格条件与专职人员', max: 20, score: 19 - k * 2 },
        { key: 'conduct', labelZh: '代理行为规范性', max: 30, score: 28 - k * 5 },
        { key: 'violations', labelZh: '投诉、违法违规记录', max: 30, score: 30 - k * 8 },
        { key: 'thirdParty', labelZh: '第三方信用报告', max: 20, score: 20 - k * 4 },
      ];
      const total = scores.reduce((s, x) => s + x.score, 0);
      const grade = total >= 90 ? 'A' : total >= 75 ? 'B' : total >= 60 ? 'C' : 'D';
      // Every step shows: the first agency's last year published, the second's reviewed (and the year before
      // published), the third's returned for correction (and the year before only entered).
      const review = { reviewedOn: `${thisYear}-03-20`, reviewedBy: null };
      const states = [
        { status: 'published', ...review, publishedOn: `${thisYear}-03-25` },
        { status: 'reviewed', ...review },
        { status: 'returned', ...review, reviewNote: '第三方信用报告得分与报告等级不符，请更正' },
      ] as const;
      await tx.insert(agencyEvaluation).values({
        id: newId(),
        agencyId: id,
        year: thisYear - 1,
        evaluatedOn: `${thisYear}-03-15`,
        total,
        grade,
        breakdown: scores,
        reportIds: [reportId],
        ...states[k],
      });
      if (k > 0)
        await tx.insert(agencyEvaluation).values({
          id: newId(),
          agencyId: id,
          year: thisYear - 2,
          evaluatedOn: `${thisYear - 1}-03-15`,
          total,
          grade,
          breakdown: scores,
          reportIds: [],
          ...(k === 1
            ? { status: 'published', ...review, publishedOn: `${thisYear - 1}-03-25` }
            : { status: 'entered' }),
        });
      const supervision = [
        {
          kind: 'inspection',
          occurredOn: addDays(demo.today, -190),
          summary: '年度双随机抽查：代理项目档案完整',
          outcome: '未发现问题',
          status: 'published',
        },
        {
          kind: 'complaint',
          occurredOn: addDays(demo.today, -150),
          summary: '投诉其在代理项目中提前透露投标人名单',
          outcome: '经查属实，责令改正并约谈',
          status: 'published',
        },
        {
          kind: 'penalty',
          occurredOn: addDays(demo.today, -20),
          summary: '与投标人串通，依法给予警告并处罚款',
          outcome: '罚款五万元',
          status: 'entered',
        },
      ] as const;
      const item = supervision[k]!;
      await tx.insert(agencySupervision).values({
        id: newId(),
        agencyId: id,
        ...item,
        documentNo: `津发改招投〔${thisYear}〕${20 + k}号`,
        publishedOn: item.status === 'published' ? addDays(item.occurredOn, 5) : null,
      });
      await demo.audit(tx, 'bidding.agency.register', 'bidding.agency', id, { seed: true });
    }
    for (const [i, d] of districts.entries()) {
      const bodies = demo.orgs.filter((o) => o.parentId === d.id && o.kind === 'department');
      for (let j = 0; j < 2; j++) {
        const body = bodies[(i + j * 5) % Math.max(bodies.length, 1)] ?? d;
        const s = (i * 2 + j) % 7;
        const issue = addDays(demo.today, -(90 + i * 11 + j * 7));
        const deadline = addDays(issue, s === 1 ? 15 : 25);
        const report = addDays(deadline, 5);
        const pubStart = addDays(report, s === 3 ? 6 : 2);
        const pubEnd = addDays(pubStart, s === 3 ? 2 : 4);
        const award = addDays(pubEnd, 2);
        const id = newId();
        await tx.insert(tender).values({
          id,
          orgId: body.id,
          project: `${d.name.replace(/^天津市|人民政府$/g, '')}${PROJECTS[(i + j) % PROJECTS.length]}`,
          mustTender: true,
          openRequired: s === 5 || s === 0,
          method: s === 5 ? 'invited' : 'open',
          estimateFen: (800 + i * 130 + j * 70) * 1_000_000,
          agencyId: agencyIds[(i + j) % agencyIds.length]!,
          issueDate: issue,
          bidDeadline: deadline,
          evaluationReportDate: report,
          publicityStart: pubStart,
          publicityEnd: pubEnd,
          awardNoticeDate: award,
          contractDate: s === 4 ? addDays(award, 45) : s === 5 ? null : addDays(award, 20),
          reportDate: s === 4 ? null : addDays(award, 10),
        });
        if (s === 2 || s === 6)
          await tx.insert(clarification).values({
            id: newId(),
            tenderId: id,
            issuedOn: addDays(deadline, s === 2 ? -10 : -16),
            affectsBids: true,
            summary: '修改技术参数及评分标准',
          });
        if (s === 5) {
          await tx.insert(incident).values({
            id: newId(),
            tenderId: id,
            kind: 'result_changed',
            occurredOn: addDays(award, 3),
            description: '中标通知书发出后改由第二中标候选人中标',
            cause: null,
          });
          await tx.insert(incident).values({
            id: newId(),
            tenderId: id,
            kind: 'conditions_added',
            occurredOn: addDays(award, 12),
            description: '签约时要求中标人垫资并降价5%',
            cause: null,
          });
          const [official] = await officialsInPost(tx, d.id, issue, { principalOnly: true });
          if (official)
            await tx.insert(interference).values({
              id: newId(),
              tenderId: id,
              personId: official.personId,
              kind: 'named_winner',
              occurredOn: addDays(issue, 3),
              description: '授意招标代理机构确定特定投标人中标',
            });
        }
        if (s === 6)
          await tx.insert(incident).values({
            id: newId(),
            tenderId: id,
            kind: 'refused_to_sign',
            occurredOn: addDays(award, 5),
            description: '暂缓签约',
            cause: '中标人被列入失信被执行人名单，经监督部门确认',
          });
        if (s === 4)
          await tx.insert(incident).values({
            id: newId(),
            tenderId: id,
            kind: 'refused_to_sign',
            occurredOn: addDays(award, 5),
            description: '以上级领导尚未同意为由拒绝签约',
            cause: null,
          });
        await demo.audit(tx, 'bidding.tender.create', 'bidding.tender', id, { orgId: body.id, seed: true });
        n += 1;
      }
    }
  });
  return `${n} tenders in ${districts.length} districts, ${AGENCIES.length} tendering agencies`;
}
