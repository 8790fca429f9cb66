import { addDays, addMonths, newId, type Db, type DemoContext } from '@chengxin/plugin-sdk';
import {
  agreementChange,
  budget,
  contractReview,
  evaluation,
  fulfilment,
  obligation,
  performanceFailure,
  performanceResult,
  project,
} from './schema';

const PARTNERS = [
  ['天津城投环境发展有限公司', '91120000MA06A1B23C'],
  ['中建三局天津建设有限公司', '91120116MA05N7Q81D'],
  ['天津水务集团有限公司', '911200001030645X1A'],
  ['天津轨道交通运营有限公司', '91120101MA07C9L56E'],
  ['天津泰达环保有限公司', '91120116MA06J2K47F'],
] as const;
const PROJECTS = [
  ['污水处理厂提标改造', '市政公用', 'viability_gap'],
  ['城市停车设施', '交通运输', 'user_pays'],
  ['老旧小区综合整治', '城镇综合开发', 'government_pays'],
  ['垃圾焚烧发电', '生态环保', 'viability_gap'],
  ['智慧路灯', '市政公用', 'government_pays'],
  ['体育中心运营', '文化体育', 'user_pays'],
] as const;
const YI = 100_000_000 * 100;

/**
 * Demo PPP projects in six districts: obligations met on time, paid late, still overdue (payments, approvals, land),
 * a lawful and an unlawful unilateral change, a post-2023 concession with a fiscal payment (flagged), evaluations and
 * performance failures, and budgets for each district (one above the 10 % cap), relative to today.
 */
export async function seedPpp(db: Db, demo: DemoContext): Promise<string> {
  const districts = demo.orgs.filter((o) => o.level === 'district' && o.kind === 'government').slice(0, 6);
  const thisYear = Number(demo.today.slice(0, 4));
  let projects = 0;
  let duties = 0;
  await db.transaction(async (tx) => {
    for (const [i, d] of districts.entries()) {
      const bodies = demo.orgs.filter((o) => o.parentId === d.id && o.kind === 'department');
      const body = bodies[(i * 3) % Math.max(bodies.length, 1)] ?? d;
      for (let j = 0; j < 2; j++) {
        const k = (i * 2 + j) % PROJECTS.length;
        const [name, sector, mechanism] = PROJECTS[k]!;
        const [partnerName, partnerUscc] = PARTNERS[(i + j) % PARTNERS.length]!;
        const concession = i === 2 && j === 1;
        const start = concession ? addMonths(demo.today, -20) : addMonths(demo.today, -(48 + i * 5 + j * 7));
        const agreement = addMonths(start, 8);
        const id = newId();
        await tx.insert(project).values({
          id,
          orgId: body.id,
          name: `${d.name.replace(/^天津市|人民政府$/g, '')}${name}PPP项目`,
          sector,
          partnerName,
          partnerUscc,
          phase: 'execution',
          paymentMechanism: concession ? 'viability_gap' : mechanism,
          startDate: start,
          agreementDate: agreement,
          termYears: concession ? 30 : 15 + j * 5,
          risks: [
            {
              id: '1',
              category: '建设风险',
              allocation: 'private',
              description: '工期延误、超支',
              mitigation: '固定总价、履约保函',
            },
            { id: '2', category: '政策风险', allocation: 'public', description: '法律政策变化', mitigation: null },
          ],
        });
        await demo.audit(tx, 'ppp.project.create', 'ppp.project', id, { orgId: body.id, seed: true });
        projects += 1;
        // Yearly availability payments: most paid on time; scenario by (district, project) makes some late or unpaid.
        const scenario = (i * 2 + j) % 6;
        const annual = ((3 + ((i * 7 + j) % 9)) * YI) / 10;
        for (let y = 1; y <= 4; y++) {
          const due = addMonths(agreement, 12 * y);
          if (due > addDays(demo.today, 200)) break;
          const ob = newId();
          const kindOf =
            y === 2 && scenario === 3 ? 'approval' : y === 1 && scenario === 4 ? 'land_delivery' : 'payment';
          const amount = kindOf === 'payment' ? Math.round(annual) : null;
          await tx.insert(obligation).values({
            id: ob,
            projectId: id,
            kind: kindOf,
            description:
              kindOf === 'payment'
                ? `第${y}年度可用性付费`
                : kindOf === 'approval'
                  ? '项目收费标准调整审批'
                  : '项目用地交付',
            dueDate: due,
            amountFen: amount,
          });
          duties += 1;
          const late = (scenario === 1 && y === 2) || (scenario === 4 && y === 1);
          const unpaid = (scenario === 2 && y >= 3) || (scenario === 3 && y === 2) || (scenario === 5 && y === 3);
          const on = late ? addDays(due, 75) : addDays(due, 10);
          if (!unpaid && on <= demo.today) {
            await tx.insert(fulfilment).values({
              id: newId(),
              obligationId: ob,
              fulfilledOn: on,
              amountFen: amount,
              note: `拨付凭证 ${on.replace(/-/g, '')}`,
            });
          }
        }
        if (concession) {
          await tx.insert(obligation).values({
            id: newId(),
            projectId: id,
            kind: 'payment',
            description: '运营期财政补贴（新机制下不得新增）',
            dueDate: addMonths(agreement, 6),
            amountFen: 2 * YI,
          });
        }
        if (scenario === 0 || scenario === 5) {
          const lawful = scenario === 5;
          await tx.insert(agreementChange).values({
            id: newId(),
            projectId: id,
            changedOn: addMonths(agreement, 14) > demo.today ? addDays(demo.today, -10) : addMonths(agreement, 14),
            description: lawful
              ? '因城市规划调整缩减服务范围，按协议约定程序变更并补偿'
              : '新任区领导决定取消约定的收费标准调整',
            unilateral: true,
            reason: lawful ? 'public_interest' : 'official_change',
            legalAuthority: lawful ? '《基础设施和公用事业特许经营管理办法》第三十八条' : null,
            procedureRecord: lawful ? '区政府常务会议纪要〔2025〕12号、听证' : null,
            compensationFen: lawful ? YI / 2 : null,
          });
        }
        await tx.insert(evaluation).values({
          id: newId(),
          projectId: id,
          year: thisYear - 1,
          evaluatedOn: `${thisYear - 1}-12-20`,
          kind: 'annual',
          score: 78 + ((i + j) % 4) * 5,
        });
        // Contract review: most reviewed before signing; one reviewed only afterwards, one signed without review,
        // one signed despite a rejection.
        const review = (i * 2 + j) % 5;
        if (review !== 3) {
          const rejected = review === 4;
          await tx.insert(contractReview).values({
            id: newId(),
            projectId: id,
            reviewedOn: review === 2 ? addDays(agreement, 20) : addDays(agreement, -12),
            reviewer: `${d.name.replace(/^天津市|人民政府$/g, '')}司法局`,
            conclusion: rejected ? 'rejected' : review === 1 ? 'approved_with_changes' : 'approved',
            findings: rejected
              ? '政府付费责任超出财政承受能力论证结论，不同意签署'
              : review === 1
                ? '调价机制须写明触发条件与上限；已按意见修改'
                : '合同条款符合规定，风险分配合理',
          });
        }
        // 实施成效 for last year: good, adequate or failed — the scan proposes commendation / dishonesty drafts.
        const result = (['good', 'adequate', 'failed'] as const)[(i + j) % 3]!;
        await tx.insert(performanceResult).values({
          id: newId(),
          projectId: id,
          year: thisYear - 1,
          assessedOn: `${thisYear}-03-10` <= demo.today ? `${thisYear}-03-10` : demo.today,
          result,
          assessor: `${d.name.replace(/^天津市|人民政府$/g, '')}财政局`,
          summary:
            result === 'good'
              ? '公共服务按期达标，群众满意度95%以上'
              : result === 'adequate'
                ? '主要指标达标，个别服务指标略低于约定'
                : '核心服务指标未达协议约定，群众投诉集中',
        });
        if (j === 0 && i % 2 === 0) {
          await tx.insert(performanceFailure).values({
            id: newId(),
            projectId: id,
            periodStart: `${thisYear - 1}-01-01`,
            periodEnd: `${thisYear - 1}-12-31`,
            category: '出水水质超标',
            events: 3 + i,
            penaltyContracted: '每次扣减当月可用性付费1%',
            penaltyImposed: `扣减${3 + i}%`,
            penaltyPaid: true,
          });
        }
      }
      for (const y of [thisYear - 1, thisYear]) {
        // 河北区-like third district runs hot: its spending duties pass the 10 % cap.
        await tx
          .insert(budget)
          .values({ id: newId(), orgId: d.id, year: y, generalExpenditureFen: i === 1 ? 8 * YI : (60 + i * 10) * YI });
      }
    }
  });
  return `${projects} projects with ${duties} government obligations in ${districts.length} districts`;
}
