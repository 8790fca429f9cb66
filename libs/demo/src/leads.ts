/**
 * Demo leads from monitoring (线索, plan 一.4): a court-judgment feed, news monitoring and a third party's findings,
 * in every triage state — open (resolved to a body, and still free text), dismissed with a reason, merged into the
 * lead it repeats, and turned into a draft record (which stays a draft until a person submits it).
 */
import { rows } from '@chengxin/db';
import { sql } from 'drizzle-orm';
import { dismissLead, leadToRecord, mergeLead, submitLeads, type KernelContext } from '@chengxin/kernel';

export async function seedLeads(ctx: KernelContext, log: (line: string) => void): Promise<void> {
  const year = Number(ctx.today().slice(0, 4));
  const bodies = await rows<{ id: string; name: string; uscc: string }>(
    ctx.db,
    sql`select id::text, name, uscc from kernel.org_unit where level = 'district' and kind = 'department' order by path limit 6`,
  );
  const [a, b, c, d] = bodies as [(typeof bodies)[0], (typeof bodies)[0], (typeof bodies)[0], (typeof bodies)[0]];
  const court = await submitLeads(ctx, {
    source: '中国裁判文书网监测',
    sourceKind: 'court',
    leads: [
      {
        sourceId: `(${year})津0103执1287号`,
        uscc: a.uscc,
        allegation: `${a.name}作为被执行人，未履行生效判决确定的工程款支付义务（本金86.4万元）`,
        link: 'https://wenshu.court.gov.cn/',
        documents: [{ title: '执行裁定书', link: 'https://wenshu.court.gov.cn/' }],
        occurredOn: `${year}-03-18`,
      },
      {
        sourceId: `(${year})津0104民初2210号`,
        uscc: b.uscc,
        allegation: `${b.name}与供应商采购合同纠纷，判决支付货款及逾期利息`,
        link: 'https://wenshu.court.gov.cn/',
        documents: [],
        occurredOn: `${year}-05-09`,
      },
      {
        sourceId: `(${year})津01行终455号`,
        orgText: '某区住房和城乡建设委员会（名称待核）',
        allegation: '行政协议（征收补偿）未按约履行，被判决继续履行',
        documents: [],
        occurredOn: `${year}-06-02`,
      },
    ],
  });
  const news = await submitLeads(ctx, {
    source: '天津舆情监测平台',
    sourceKind: 'news',
    leads: [
      {
        sourceId: `YQ-${year}-0412`,
        uscc: a.uscc,
        allegation: `媒体报道${a.name}拖欠施工企业工程款逾一年`,
        link: 'https://news.example.cn/tj/0412',
        documents: [{ title: '报道截图' }],
        occurredOn: `${year}-04-12`,
      },
      {
        sourceId: `YQ-${year}-0520`,
        uscc: c.uscc,
        allegation: `网民反映${c.name}招商引资优惠政策承诺未兑现`,
        link: 'https://news.example.cn/tj/0520',
        documents: [],
        occurredOn: `${year}-05-20`,
      },
    ],
  });
  const thirdParty = await submitLeads(ctx, {
    source: '第三方政务诚信评估发现',
    sourceKind: 'third_party',
    leads: [
      {
        sourceId: `DSF-${year}-07`,
        uscc: d.uscc,
        allegation: `评估发现${d.name}未在规定期限内公开行政处罚决定`,
        documents: [{ title: '评估报告摘录' }],
        occurredOn: `${year}-07-01`,
      },
    ],
  });
  await dismissLead(ctx, {
    id: court.ids[1]!,
    reason: '经核实系民事合同纠纷，判决已于期限内履行完毕，不属政务失信。',
  });
  await mergeLead(ctx, { id: news.ids[0]!, intoId: court.ids[0]! });
  await leadToRecord(ctx, court.ids[0]!, {
    typeKey: 'judicial_judgment',
    severity: 'serious',
    facts: '被人民法院列为被执行人，未履行生效判决确定的工程款支付义务',
    legalBasis: '《最高人民法院关于公布失信被执行人名单信息的若干规定》第一条',
    decisionNo: `(${year})津0103执1287号`,
    decisionDate: `${year}-03-18`,
    issuingAuthority: '天津市河西区人民法院',
    disclosureScope: 'public',
    payload: {},
  });
  log(
    `  线索 leads: ${court.created + news.created + thirdParty.created} from three feeds (open, unresolved, dismissed, merged, turned into a draft record)`,
  );
}
