import { newId, type Db, type DemoContext } from '@chengxin/plugin-sdk';
import { debtFigure } from './schema';

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
      }
    }
  });
  return `${n} yearly figures for ${districts.length} districts`;
}
