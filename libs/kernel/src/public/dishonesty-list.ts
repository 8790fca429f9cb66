/**
 * 失信名单 / 政务失信公示: the dishonesty records (not commendations) in publication today, as the public sees them —
 * the same visibility rule and masking as every public page (visibility.ts, records.ts), filterable by district, type,
 * severity and decision date, with counts, the latest changes first, paged; and the same list as an Atom or JSON Feed
 * (plan 二.4: "予以公开通报批评", "加大…惩处和曝光力度"; users of 信用中国 expect a list and a feed).
 */
import { rows, type Queryable } from '@chengxin/db';
import { sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { SEVERITY_LABELS, type LegalDate, type Severity } from '@chengxin/contract';
import type {
  dishonestyEntryOut,
  dishonestyFeedInput,
  dishonestyFeedOut,
  dishonestyListInput,
  dishonestyListOut,
} from '@chengxin/contract/public';
import { publicRecords, typeZh } from './records';
import { publicOn } from './visibility';

type Filters = Omit<z.infer<typeof dishonestyListInput>, 'page' | 'pageSize'>;
type Entry = z.infer<typeof dishonestyEntryOut>;

function where(f: Filters): SQL {
  return sql`r.polarity = 'dishonesty'
    ${f.districtId ? sql`and exists (select 1 from kernel.org_unit d where d.id = ${f.districtId}::uuid and (o.path = d.path or o.path like d.path || '/%'))` : sql``}
    ${f.typeKey ? sql`and r.type_key = ${f.typeKey}` : sql``}
    ${f.severity ? sql`and r.severity = ${f.severity}` : sql``}
    ${f.from ? sql`and r.decision_date >= ${f.from}::date` : sql``}
    ${f.to ? sql`and r.decision_date <= ${f.to}::date` : sql``}`;
}

/**
 * The newest status move or correction of the record: what "latest changes first" orders by. A record taken in already
 * published from a source system has no logged move: it changed when it was taken in (or last updated).
 */
const CHANGED = sql`coalesce((select max(e.at) from kernel.record_event e where e.record_id = r.id), r.updated_at, r.created_at)`;
const DISTRICT = sql`nullif(split_part(o.path, '/', 2), '')`;

async function entries(db: Queryable, f: Filters, today: LegalDate, limit: number, offset: number): Promise<Entry[]> {
  const list = await publicRecords(
    db,
    where(f),
    today,
    today,
    sql`order by ${CHANGED} desc, r.id desc limit ${limit} offset ${offset}`,
  );
  if (list.length === 0) return [];
  const extra = new Map(
    (
      await rows<{ id: string; changedAt: string; districtId: string | null; districtName: string | null }>(
        db,
        sql`select r.id::text, to_json(${CHANGED})#>>'{}' as "changedAt", dn.id::text as "districtId", dn.name as "districtName"
        from kernel.credit_record r join kernel.org_unit o on o.id = r.org_id
        left join kernel.org_unit dn on dn.id = ${DISTRICT}::uuid and dn.level = 'district'
        where r.id = any(${sql.param(list.map((x) => x.id))}::uuid[])`,
      )
    ).map((x) => [x.id, x]),
  );
  return list.map((x) => {
    const more = extra.get(x.id);
    return {
      recordId: x.id,
      subjectKind: x.subjectKind,
      subjectName: x.subjectName,
      orgId: x.orgId,
      orgName: x.orgName,
      personId: x.personId,
      districtId: more?.districtId ?? null,
      districtName: more?.districtName ?? null,
      typeKey: x.typeKey,
      typeZh: x.typeZh,
      severity: x.severity,
      severityZh: x.severityZh,
      decisionNo: x.decisionNo,
      decisionDate: x.decisionDate,
      authority: x.authority,
      facts: x.facts,
      legalBasis: x.legalBasis,
      publicationEnd: x.publicationEnd,
      disputed: x.disputed,
      changedAt: more?.changedAt ?? '',
    };
  });
}

export async function dishonestyList(
  db: Queryable,
  input: z.infer<typeof dishonestyListInput>,
  today: LegalDate,
): Promise<z.infer<typeof dishonestyListOut>> {
  const { page, pageSize, ...f } = input;
  const base = sql`from kernel.current_record r join kernel.org_unit o on o.id = r.org_id
    where ${where(f)} and ${publicOn(today, today)}`;
  const [totals] = await rows<{ records: number; bodies: number }>(
    db,
    sql`select count(*)::int as records, count(distinct coalesce(r.person_id, r.org_id))::int as bodies ${base}`,
  );
  const group = (key: SQL) =>
    rows<{ key: string | null; count: number }>(
      db,
      sql`select ${key} as key, count(*)::int as count ${base} group by 1 order by 2 desc, 1 limit 100`,
    );
  const [bySeverity, byType, byDistrict] = await Promise.all([
    group(sql`r.severity`),
    group(sql`r.type_key`),
    group(sql`${DISTRICT}`),
  ]);
  const districtNames = new Map(
    (
      await rows<{ id: string; name: string }>(
        db,
        sql`select id::text, name from kernel.org_unit where id = any(${sql.param(byDistrict.flatMap((d) => (d.key ? [d.key] : [])))}::uuid[]) and level = 'district'`,
      )
    ).map((d) => [d.id, d.name]),
  );
  return {
    asOf: today,
    page,
    pageSize,
    total: totals!.records,
    counts: {
      records: totals!.records,
      bodies: totals!.bodies,
      bySeverity: bySeverity.map((s) => ({
        key: s.key!,
        label: SEVERITY_LABELS[s.key as Severity]?.zh ?? s.key!,
        count: s.count,
      })),
      byType: byType.map((t) => ({ key: t.key!, label: typeZh(t.key!), count: t.count })),
      // Bodies of the city level itself count under 市级.
      byDistrict: byDistrict.map((d) => ({
        key: d.key && districtNames.has(d.key) ? d.key : 'city',
        label: (d.key && districtNames.get(d.key)) || '市级',
        count: d.count,
      })),
    },
    items: await entries(db, f, today, pageSize, (page - 1) * pageSize),
  };
}

const xml = (s: string) =>
  s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
const iso = (ts: string) => new Date(ts.includes('T') ? ts : ts.replace(' ', 'T')).toISOString();

/** The list as a feed: Atom 1.0 (RFC 4287) or JSON Feed 1.1, entries linking the body's (or person's) public page. */
export async function dishonestyFeed(
  db: Queryable,
  input: z.infer<typeof dishonestyFeedInput>,
  today: LegalDate,
  baseUrl: string,
): Promise<z.infer<typeof dishonestyFeedOut>> {
  const { format, limit, ...f } = input;
  const list = await entries(db, f, today, limit, 0);
  const base = baseUrl.replace(/\/+$/, '');
  const page = (e: Entry) => (e.personId ? `${base}/person/${e.personId}` : `${base}/body/${e.orgId}`);
  const title = (e: Entry) => `${e.subjectName}：${e.typeZh}（${e.severityZh}）`;
  const summary = (e: Entry) =>
    `${e.decisionDate} ${e.authority} ${e.decisionNo}。${e.facts}${e.publicationEnd ? `（公示至${e.publicationEnd}）` : ''}${e.disputed ? '【异议处理中】' : ''}`;
  const updated = list[0] ? iso(list[0].changedAt) : `${today}T00:00:00.000Z`;
  if (format === 'json')
    return {
      contentType: 'application/feed+json; charset=utf-8',
      content: JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: '政务失信公示',
        home_page_url: `${base}/dishonesty`,
        feed_url: `${base}/api/v1/public/dishonesty/feed?format=json`,
        language: 'zh-CN',
        items: list.map((e) => ({
          id: `urn:chengxin:record:${e.recordId}`,
          url: page(e),
          title: title(e),
          content_text: summary(e),
          date_published: `${e.decisionDate}T00:00:00+08:00`,
          date_modified: iso(e.changedAt),
          tags: [e.typeZh, e.severityZh, ...(e.districtName ? [e.districtName] : [])],
        })),
      }),
    };
  return {
    contentType: 'application/atom+xml; charset=utf-8',
    content: [
      '<?xml version="1.0" encoding="utf-8"?>',
      '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
      '<id>urn:chengxin:dishonesty</id>',
      '<title>政务失信公示</title>',
      `<updated>${updated}</updated>`,
      `<link rel="alternate" type="text/html" href="${xml(`${base}/dishonesty`)}"/>`,
      `<link rel="self" href="${xml(`${base}/api/v1/public/dishonesty/feed`)}"/>`,
      '<author><name>信用天津</name></author>',
      ...list.map((e) =>
        [
          '<entry>',
          `<id>urn:chengxin:record:${e.recordId}</id>`,
          `<title>${xml(title(e))}</title>`,
          `<updated>${iso(e.changedAt)}</updated>`,
          `<published>${e.decisionDate}T00:00:00+08:00</published>`,
          `<link rel="alternate" type="text/html" href="${xml(page(e))}"/>`,
          `<category term="${xml(e.typeKey)}" label="${xml(e.typeZh)}"/>`,
          `<summary>${xml(summary(e))}</summary>`,
          '</entry>',
        ].join(''),
      ),
      '</feed>',
      '',
    ].join('\n'),
  };
}
