import { insertMilestones, newId, type Db, type DemoContext } from '@chengxin/plugin-sdk';
import type { ServiceArea } from '../contract';
import { assessment, change, commitment, disclosure, evidence, milestone, quarterReport, rating } from './schema';

/** Commitments a street or township publishes: area, title, target and unit. */
const PLAN: [ServiceArea, string, number, string][] = [
  ['employment', '新增就业岗位', 300, '个'],
  ['elderly_care', '建成社区老年日间照料中心', 2, '个'],
  ['parking', '新增居民停车泊位', 400, '个'],
  ['property', '老旧小区物业管理覆盖', 12, '个小区'],
  ['convenience', '“一站式”便民服务事项办结', 5000, '件'],
  ['safety', '安装智能烟感报警器', 1500, '户'],
];
/** How far each commitment of the last full year got by year end (share of target), by position: fully, partly, not kept … */
const OUTCOME = [1.05, 1, 0.7, 0.3, 1, 0.9];

/**
 * For every district, two of its streets/townships with a full year of commitments (last year: quarterly progress,
 * year-end assessment, ratings — fully, partly and not kept, one changed lawfully and one changed for a new official)
 * and this year's commitments in progress. Seeded ratings carry demo rater keys, not hashes of real numbers.
 */
export async function seedTownships(db: Db, demo: DemoContext): Promise<string> {
  const thisYear = Number(demo.today.slice(0, 4));
  const districts = demo.orgs.filter((o) => o.level === 'district' && o.kind === 'government');
  const tables = { milestone, evidence, change };
  let n = 0;
  let ratings = 0;
  await db.transaction(async (tx) => {
    for (const [i, d] of districts.entries()) {
      const streets = demo.orgs
        .filter(
          (o) =>
            o.parentId === d.id &&
            o.level === 'street' &&
            (o.kind === 'street_office' || o.kind === 'township_government'),
        )
        .slice(0, 2);
      for (const [j, st] of streets.entries()) {
        for (const year of [thisYear - 1, thisYear]) {
          for (const [k, [area, title, target, unit]] of PLAN.entries()) {
            const id = newId();
            const due = `${year}-12-15`;
            const published = `${year}-01-20`;
            if (published > demo.today) continue;
            await tx.insert(commitment).values({
              id,
              orgId: st.id,
              year,
              area,
              title: `${year}年${title}${target}${unit}`,
              publishedOn: published,
            });
            const [mid] = await insertMilestones(tx, tables, id, [
              { title: `${title}${target}${unit}`, dueDate: due, target, unit, amountFen: null },
            ]);
            await demo.audit(tx, 'townships.commitment.create', 'townships.commitment', id, {
              orgId: st.id,
              year,
              seed: true,
            });
            n += 1;
            // Position decides the outcome; the district and street shift it so every district shows a mix.
            // Every fourth street keeps everything (a 诚信街道 candidate); the others show the mix.
            const exemplary = (i + j) % 4 === 0;
            const share =
              year < thisYear
                ? exemplary
                  ? 1
                  : OUTCOME[(k + i + j) % OUTCOME.length]!
                : 0.25 * Math.min(4, Number(demo.today.slice(5, 7)) / 3);
            for (let q = 1; q <= 4; q++) {
              const on = q === 4 ? `${year}-12-10` : `${year}-${String(q * 3).padStart(2, '0')}-${q === 1 ? 31 : 30}`;
              if (on > demo.today) break;
              const e = newId();
              await tx.insert(evidence).values({
                id: e,
                milestoneId: mid!,
                on,
                value: Math.round(target * share * (q / 4) * 10) / 10,
                note: `第${q}季度工作台账及照片`,
              });
              await tx.insert(quarterReport).values({ evidenceId: e, commitmentId: id, quarter: q });
            }
            if (year < thisYear && k === 1 && (i + j) % 3 === 0 && !exemplary) {
              const lawful = (i + j) % 2 === 0;
              await tx.insert(change).values({
                id: newId(),
                promiseId: id,
                changedOn: `${year}-07-01`,
                agreed: false,
                reason: lawful ? 'public_interest' : 'official_change',
                description: lawful
                  ? '选址地块纳入旧城改造，经居民代表会议和公示后调整为改造社区活动中心'
                  : '新任街道主任决定暂缓建设',
                legalAuthority: lawful ? '《城乡规划法》第五十条' : null,
                procedureRecord: lawful ? '居民代表会议纪要、公示七日' : null,
                compensationFen: lawful ? 0 : null,
              });
            }
            const raters = year < thisYear ? 3 + ((i + j + k) % 4) : 2;
            for (let r = 0; r < raters; r++) {
              const sat = Math.max(1, Math.min(5, Math.round(share * 4 + ((r + k) % 3) - 0.5)));
              await tx.insert(rating).values({
                id: newId(),
                commitmentId: id,
                raterKey: `demo-${id}-${r}`,
                verified: true,
                fulfilment: sat,
                satisfaction: Math.min(5, sat + (r % 2)),
                ratedOn: year < thisYear ? `${year}-12-20` : demo.today,
              });
              ratings += 1;
            }
            if (year < thisYear) {
              const changed = k === 1 && (i + j) % 3 === 0 && !exemplary;
              const lawfulChange = changed && (i + j) % 2 === 0;
              const grade = lawfulChange
                ? 'changed'
                : changed
                  ? 'not'
                  : share >= 1
                    ? 'fully'
                    : share >= 0.6
                      ? 'partly'
                      : 'not';
              await tx.insert(assessment).values({
                commitmentId: id,
                year,
                grade,
                percent: Math.min(100, Math.round(share * 1000) / 10),
                assessedOn: `${year + 1}-01-10` > demo.today ? demo.today : `${year + 1}-01-10`,
                note: '年终评定（演示数据）',
              });
            }
          }
        }
        // 政务、财务公开: this year's budget and each begun quarter's spending and public-service funds, published;
        // the latest quarter's items still entered, under review or returned, so every step shows.
        const quarters = Math.floor((Number(demo.today.slice(5, 7)) - 1) / 3) + 1;
        const base = (60 + ((i * 7 + j * 3) % 40)) * 1_000_000;
        const items: (typeof disclosure.$inferInsert)[] = [
          {
            id: newId(),
            orgId: st.id,
            year: thisYear,
            quarter: null,
            kind: 'budget',
            title: `${thisYear}年度部门预算`,
            amountFen: base * 40,
            description: '一般公共预算支出，含基本支出和项目支出',
            status: 'published',
            publishedOn: `${thisYear}-02-15` <= demo.today ? `${thisYear}-02-15` : demo.today,
          },
        ];
        for (let q = 1; q <= quarters; q++) {
          const latest = q === quarters;
          const status: string = latest ? (['entered', 'reviewed', 'returned'] as const)[(i + j) % 3]! : 'published';
          const quarterEnd = `${thisYear}-${String(q * 3).padStart(2, '0')}-28`;
          for (const [kind, title, share, description] of [
            ['spending', '社区环境整治工程', 3, '道路修补、绿化补植'],
            ['public_service_fund', '居家养老服务补贴', 1, '按季度发放居家养老服务补贴'],
          ] as const)
            items.push({
              id: newId(),
              orgId: st.id,
              year: thisYear,
              quarter: q,
              kind,
              title,
              amountFen: base * share + q * 10_000,
              description,
              status,
              reviewedOn: status === 'entered' ? null : demo.today,
              reviewNote: status === 'returned' ? '请补充资金拨付凭证编号' : null,
              publishedOn: status === 'published' ? (quarterEnd <= demo.today ? quarterEnd : demo.today) : null,
            });
        }
        await tx.insert(disclosure).values(items);
      }
    }
  });
  return `${n} township commitments with ${ratings} ratings in ${districts.length} districts`;
}
