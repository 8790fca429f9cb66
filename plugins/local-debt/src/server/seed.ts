import { addDays, newId, type Db, type DemoContext } from '@chengxin/plugin-sdk';
import { creditGrade, rate } from './rating';
import { creditRating, debtFigure, riskEvent } from './schema';
import { debtConfig } from '../contract';

/**
 * Five years of figures for every district (the years before this one), in 亿元-scale fen: most districts sound, a few
 * with rising ratios and overdue debt, so ratings, tiers and proposed records all show.
 */
export async function seedLocalDebt(db: Db, demo: DemoContext): Promise<string> {
  const districts = demo.orgs.filter((o) => o.level === 'district' && o.kind === 'government');
  const thisYear = Number(demo.today.slice(0, 4));
  const YI = 100_000_000 * 100; // one 亿元 in fen
  let n = 0;
  await db.transaction(async (tx) => {
    for (const [i, d] of districts.entries()) {
      let priorBalanceFen: number | null = null;
      for (let y = thisYear - 5; y < thisYear; y++) {
        const step = y - (thisYear - 5);
        const capacity = (80 + ((i * 17) % 60) + step * 3) * YI;
        const balance = Math.round(capacity * (0.55 + ((i * 13) % 50) / 100 + step * 0.04 * ((i % 3) - 0.5)));
        const troubled = i % 5 === 2 && step >= 3;
        const overdue = troubled
          ? Math.round(balance * (i % 10 === 2 ? 0.12 : 0.24))
          : i % 7 === 3 && step === 4
            ? Math.round(balance * 0.03)
            : 0;
        const id = newId();
        await tx.insert(debtFigure).values({
          id,
          orgId: d.id,
          year: y,
          balanceFen: balance,
          capacityFen: capacity,
          principalInterestDueFen: Math.round(balance * 0.11),
          overdueFen: overdue,
          newDebtFen: Math.round(balance * (0.06 + (step % 2) * 0.03)),
          source: 'seed',
        });
        await demo.audit(tx, 'local-debt.figures.report', 'local-debt.debt_figure', id, {
          orgId: d.id,
          year: y,
          seed: true,
        });
        n += 1;
        const prior = priorBalanceFen;
        priorBalanceFen = balance;
        // Last year's credit grade published to the city for every other district (the rest still to publish).
        if (y === thisYear - 1 && i % 2 === 0) {
          const cfg = debtConfig.parse({});
          const r = rate(
            {
              balanceFen: balance,
              capacityFen: capacity,
              principalInterestDueFen: Math.round(balance * 0.11),
              overdueFen: overdue,
              newDebtFen: Math.round(balance * (0.06 + (step % 2) * 0.03)),
              priorBalanceFen: prior,
            },
            cfg,
          );
          const g = creditGrade(r, cfg);
          await tx.insert(creditRating).values({
            id: newId(),
            orgId: d.id,
            year: y,
            grade: g.grade,
            score: r.score,
            tier: r.tier,
            explanation: g.explanation,
            method: cfg.creditRating,
            publishedOn: addDays(demo.today, -30),
          });
        }
      }
      // 应急处置: a troubled district's event handled and closed, and one still open.
      if (i % 5 === 2) {
        const closed = i % 10 === 2;
        const occurred = addDays(demo.today, closed ? -120 : -15);
        await tx.insert(riskEvent).values({
          id: newId(),
          orgId: d.id,
          occurredOn: occurred,
          level: closed ? 'IV' : 'III',
          title: closed ? '专项债券付息资金缺口' : '政府债务逾期引发兑付风险',
          description: closed
            ? '应付专项债券利息库款不足，存在逾期风险'
            : '部分到期政府债务本息未能按期偿还，逾期债务率进入预警区间',
          measures: [
            { takenOn: addDays(occurred, 1), measure: '启动应急响应，成立债务风险应急处置工作领导小组' },
            { takenOn: addDays(occurred, 3), measure: '动用预算稳定调节基金、盘活存量资金偿还到期本息' },
          ],
          closedOn: closed ? addDays(occurred, 10) : null,
          closure: closed ? '本息足额偿还，风险解除；对相关责任人员进行约谈' : null,
        });
      }
    }
  });
  return `${n} yearly figures for ${districts.length} districts`;
}
