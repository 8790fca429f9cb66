import { addDays, addMonths, insertMilestones, newId, type Db, type DemoContext } from '@chengxin/plugin-sdk';
import { change, complaint, evidence, excuse, milestone, promise } from './schema';

const ENTERPRISES = [
  ['天津新材料科技有限公司', '91120116MA06A1B23C'],
  ['天津智能装备制造有限公司', '91120118MA05N7Q81D'],
  ['天津生物医药研究院有限公司', '91120104MA07C9L56E'],
  ['天津跨境电商产业园有限公司', '91120110MA06J2K47F'],
  ['天津新能源汽车零部件有限公司', '91120222MA05KQ7R2B'],
] as const;
const WAN = 10_000 * 100;

/**
 * Demo promises in every district, one of each kind of outcome, relative to today: kept on time (a subsidy paid in two
 * instalments), partly kept (half of a land-fee refund paid, the rest overdue), changed lawfully (land taken back for
 * a public project with authority, procedure and compensation), broken (infrastructure not delivered after the new
 * district head cancelled it — an unlawful change), and unlawful from the start (a tax rebate to one firm on a
 * meeting minute) — plus a 12345 complaint forwarded and verified.
 */
export async function seedInvestmentPromises(db: Db, demo: DemoContext): Promise<string> {
  const districts = demo.orgs.filter((o) => o.level === 'district' && o.kind === 'government');
  const tables = { milestone, evidence, change };
  let n = 0;
  await db.transaction(async (tx) => {
    for (const [i, d] of districts.entries()) {
      const depts = demo.orgs.filter((o) => o.parentId === d.id && o.kind === 'department');
      const body = depts[i % Math.max(depts.length, 1)] ?? d;
      const short = d.name.replace(/^天津市|人民政府$/g, '');
      const add = async (
        k: number,
        fields: {
          kind: string;
          category: string;
          title: string;
          basisKind: string;
          legalBasis: string | null;
          unlawful: boolean;
          selective?: boolean;
        },
        madeOn: string,
        ms: { title: string; dueDate: string; amountFen: number | null }[],
      ) => {
        const [name, code] = ENTERPRISES[(i + k) % ENTERPRISES.length]!;
        const id = newId();
        await tx.insert(promise).values({
          id,
          orgId: k === 4 ? d.id : body.id,
          kind: fields.kind,
          category: fields.category,
          title: `${short}${fields.title}`,
          beneficiaryName: name,
          beneficiaryUscc: code,
          selective: fields.selective ?? true,
          madeOn,
          basisKind: fields.basisKind,
          legalBasis: fields.legalBasis,
          documentNo: `${short}招商〔${madeOn.slice(0, 4)}〕${10 + k}号`,
          unlawfulFromStart: fields.unlawful,
        });
        const ids = await insertMilestones(
          tx,
          tables,
          id,
          ms.map((m) => ({ ...m, target: null, unit: null })),
        );
        await demo.audit(tx, 'investment-promises.promise.register', 'investment-promises.promise', id, {
          orgId: body.id,
          seed: true,
        });
        n += 1;
        return { id, ids };
      };
      const made = addMonths(demo.today, -(18 + (i % 6)));
      const subsidy = {
        kind: 'policy',
        category: 'subsidy',
        basisKind: 'local_regulation',
        legalBasis: '《天津市促进高端装备制造业发展若干政策》第五条',
        unlawful: false,
      };
      // Kept on time: a policy subsidy open to all qualifying firms, paid in two instalments.
      const kept = await add(0, { ...subsidy, selective: false, title: '高端装备首台套奖励' }, made, [
        { title: '首期奖励', dueDate: addMonths(made, 3), amountFen: (50 + i) * WAN },
        { title: '二期奖励', dueDate: addMonths(made, 9), amountFen: (50 + i) * WAN },
      ]);
      for (const [j, mid] of kept.ids.entries())
        await tx.insert(evidence).values({
          id: newId(),
          milestoneId: mid,
          on: addDays(addMonths(made, j === 0 ? 3 : 9), -5),
          value: (50 + i) * WAN,
          note: '拨付凭证',
        });
      // Partly kept: half of a fee refund paid, the rest overdue.
      const partly = await add(
        1,
        {
          kind: 'agreement',
          category: 'infrastructure',
          title: '园区配套道路建设及费用返还',
          basisKind: 'normative_document',
          legalBasis: '区政府常务会议纪要',
          unlawful: false,
        },
        made,
        [
          { title: '配套道路建成通车', dueDate: addMonths(made, 6), amountFen: null },
          { title: '建设费用返还', dueDate: addMonths(made, 12), amountFen: (120 + i * 5) * WAN },
        ],
      );
      await tx.insert(evidence).values({
        id: newId(),
        milestoneId: partly.ids[0]!,
        on: addMonths(made, 6),
        value: null,
        note: '道路竣工验收报告',
      });
      await tx.insert(evidence).values({
        id: newId(),
        milestoneId: partly.ids[1]!,
        on: addMonths(made, 12),
        value: (60 + i * 2) * WAN,
        note: '返还凭证（部分）',
      });
      // Changed lawfully: land taken back for a public project, with authority, procedure and compensation.
      const changed = await add(
        2,
        {
          kind: 'agreement',
          category: 'land',
          title: '项目用地交付',
          basisKind: 'law',
          legalBasis: '《土地管理法》第五十四条',
          unlawful: false,
        },
        made,
        [{ title: '交付净地', dueDate: addMonths(demo.today, 3), amountFen: null }],
      );
      await tx.insert(change).values({
        id: newId(),
        promiseId: changed.id,
        changedOn: addMonths(made, 4),
        description: '因轨道交通线路调整收回原定地块，另行安排用地',
        agreed: false,
        reason: 'public_interest',
        legalAuthority: '《土地管理法》第五十八条',
        procedureRecord: '区政府常务会议纪要、听证笔录',
        compensationFen: 300 * WAN,
      });
      // Broken: the new district head cancelled promised services — an unlawful change (§31), with an excuse refused later.
      const broken = await add(
        3,
        {
          kind: 'policy',
          category: 'service',
          title: '企业人才公寓配套服务',
          basisKind: 'normative_document',
          legalBasis: '区人才政策',
          unlawful: false,
        },
        made,
        [{ title: '人才公寓交付使用', dueDate: addMonths(made, 8), amountFen: null }],
      );
      if (i % 2 === 0) {
        await tx.insert(change).values({
          id: newId(),
          promiseId: broken.id,
          changedOn: addMonths(made, 5),
          description: '新任区长决定取消人才公寓项目',
          agreed: false,
          reason: 'official_change',
          legalAuthority: null,
          procedureRecord: null,
          compensationFen: null,
        });
      } else {
        await tx.insert(excuse).values({
          id: newId(),
          promiseId: broken.id,
          reason: 'force_majeure',
          explanation: '施工期间遇汛期',
          recordedOn: addMonths(made, 9),
        });
      }
      // Unlawful from the start: a tax rebate to one firm on a meeting minute (公平竞争审查条例 §10 (一)).
      await add(
        4,
        {
          kind: 'agreement',
          category: 'tax',
          title: '企业所得税地方留成部分返还',
          basisKind: 'normative_document',
          legalBasis: '区招商引资工作会议纪要',
          unlawful: true,
        },
        made,
        [{ title: '首年税收返还', dueDate: addMonths(made, 12), amountFen: (200 + i * 10) * WAN }],
      );
      const received = addMonths(made, 13);
      if (received <= demo.today) {
        await tx.insert(complaint).values({
          id: newId(),
          promiseId: partly.id,
          channel: 'hotline_12345',
          ticketNo: `12345-${received.replace(/-/g, '')}-${i}`,
          receivedOn: received,
          summary: '园区承诺的建设费用返还仅兑现一半',
          forwardedOn: addDays(received, 2),
          forwardedTo: `${short}发展和改革委员会`,
          verifiedOn: i % 4 === 0 ? addDays(received, 20) : null,
          outcome: i % 4 === 0 ? (i % 8 === 0 ? 'refused' : 'fixed') : null,
          note: i % 4 === 0 ? '经核实属实' : null,
        });
      }
    }
  });
  return `${n} promises in ${districts.length} districts`;
}
