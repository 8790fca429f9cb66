import { addDays, newId, type Db, type DemoContext } from '@chengxin/plugin-sdk';
import { contract, payment } from './schema';

const SUPPLIERS = [
  ['天津市津南区惠民办公设备有限公司', true],
  ['天津滨海信息技术股份有限公司', false],
  ['天津市红桥区绿源保洁服务有限公司', true],
  ['天津海河软件有限公司', true],
  ['天津市宏达建筑工程有限公司', true],
  ['中国电信股份有限公司天津分公司', false],
  ['天津市北辰区安信物业管理有限公司', true],
  ['天津津城印务有限公司', true],
] as const;
const SUBJECTS = [
  '办公设备采购',
  '政务云服务',
  '物业保洁服务',
  '档案数字化加工',
  '办公楼维修改造',
  '网络专线租用',
  '安保服务',
  '宣传印刷品',
];

/** A demo supplier's code: any valid-looking USCC (the demo never checks suppliers against a register). */
const supplierUscc = (i: number) =>
  `91120${String(100000 + i).padStart(6, '0')}MA0${String(i).padStart(5, '0')}X`.slice(0, 18);

/**
 * Demo contracts for `npm start`: in several districts' departments, on-time and late in each rule, relative to today
 * so the scan always finds current breaches.
 */
export async function seedProcurement(db: Db, demo: DemoContext): Promise<string> {
  const buyers = demo.orgs.filter((o) => o.kind === 'department' && o.level === 'district').slice(0, 24);
  let n = 0;
  let paymentsMade = 0;
  await db.transaction(async (tx) => {
    for (const [i, buyer] of buyers.entries()) {
      for (let j = 0; j < 3; j++) {
        n += 1;
        const [supplierName, sme] = SUPPLIERS[(i + j) % SUPPLIERS.length]!;
        const scenario = (i * 3 + j) % 6;
        const award = addDays(demo.today, -(40 + ((i * 37 + j * 11) % 300)));
        const signing = scenario === 1 ? addDays(award, 41) : addDays(award, 12);
        const delivery = addDays(signing, 20);
        const acceptanceDeadline = addDays(delivery, 15);
        const accepted = scenario === 2 ? null : scenario === 3 ? addDays(acceptanceDeadline, 9) : addDays(delivery, 6);
        const amountFen = ((50 + ((i * 131 + j * 71) % 950)) * 10_000 * 100) / 10;
        const id = newId();
        const dates = (d: string | null) => (d && d <= demo.today ? d : null);
        await tx.insert(contract).values({
          id,
          buyerOrgId: buyer.id,
          title: `${buyer.name.replace(/^天津市/, '')}${SUBJECTS[(i + j) % SUBJECTS.length]}项目`,
          supplierName,
          supplierUscc: supplierUscc(n),
          supplierSme: sme,
          amountFen,
          awardNoticeDate: award,
          signingDate: dates(signing),
          deliveryDate: dates(delivery),
          acceptanceDeadline,
          acceptanceDate: dates(accepted),
          acceptanceResult: dates(accepted) ? 'passed' : null,
          paymentTermDays: scenario === 4 ? 60 : 30,
        });
        // Scenarios: 0 paid on time, 1 signed late, 2 acceptance overdue, 3 accepted late and paid late, 4 partly paid and overdue, 5 paid on time.
        const start = accepted && accepted <= acceptanceDeadline ? accepted : acceptanceDeadline;
        const payOn = (d: string, part: number) => ({ d, part });
        const plan =
          scenario === 0 || scenario === 5
            ? [payOn(addDays(start, 20), 1)]
            : scenario === 3
              ? [payOn(addDays(start, 52), 1)]
              : scenario === 4
                ? [payOn(addDays(start, 25), 0.4)]
                : [];
        for (const p of plan) {
          if (p.d > demo.today || !dates(signing)) continue;
          await tx.insert(payment).values({
            id: newId(),
            contractId: id,
            paidOn: p.d,
            amountFen: Math.round(amountFen * p.part),
            voucherNo: `付-${n}-${p.d.replace(/-/g, '')}`,
          });
          paymentsMade += 1;
        }
        await demo.audit(tx, 'procurement.contract.create', 'procurement.contract', id, {
          buyerOrgId: buyer.id,
          seed: true,
        });
      }
    }
  });
  return `${n} contracts in ${buyers.length} departments, ${paymentsMade} payments`;
}
