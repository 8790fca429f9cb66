/**
 * The performance-assessment export (绩效考核): per street/township in scope, how its public commitments of a year
 * stand — the way Tianjin uses kept commitments, instead of (by default) credit records.
 */
import { chunksById, loadCalendar, orgInScope, sql, type PluginServices, type Queryable } from '@chengxin/plugin-sdk';
import type { z } from 'zod';
import { PLUGIN_ID, type performanceOut, type TownshipsConfig } from '../contract';
import { commitmentRows, toCommitment } from './commitments';
import { gradeOf } from './rules';

type Line = z.infer<typeof performanceOut>['rows'][number];

export async function performanceExport(
  s: PluginServices,
  db: Queryable,
  input: { year: number },
): Promise<z.infer<typeof performanceOut>> {
  const cal = await loadCalendar(db);
  // Judged as at the year's end (or today, for the current year).
  const day = `${input.year}-12-31` < s.today ? `${input.year}-12-31` : s.today;
  const byOrg = new Map<string, Line>();
  for await (const chunk of chunksById((before) =>
    commitmentRows(
      db,
      sql`${orgInScope(s.scope, sql`c.org_id`)} and c.year = ${input.year} and c.id < ${before}::uuid`,
      500,
    ),
  )) {
    for (const row of chunk) {
      const c = toCommitment(row, cal, day, await s.config<TownshipsConfig>(PLUGIN_ID, row.orgId));
      const line = byOrg.get(c.orgId) ?? {
        orgId: c.orgId,
        orgName: c.orgName,
        commitments: 0,
        fully: 0,
        partly: 0,
        notKept: 0,
        changed: 0,
        pending: 0,
        fullyKeptPct: null,
      };
      const grade = c.assessment?.grade ?? gradeOf(c.progress);
      line.commitments += 1;
      if (grade === 'fully') line.fully += 1;
      else if (grade === 'partly') line.partly += 1;
      else if (grade === 'not') line.notKept += 1;
      else if (grade === 'changed') line.changed += 1;
      else line.pending += 1;
      byOrg.set(c.orgId, line);
    }
  }
  const rows = [...byOrg.values()]
    .map((l) => {
      const graded = l.fully + l.partly + l.notKept;
      return { ...l, fullyKeptPct: graded ? Math.round((l.fully / graded) * 1000) / 10 : null };
    })
    .sort((a, b) => a.orgName.localeCompare(b.orgName, 'zh-CN'));
  return { year: input.year, asOf: day, rows };
}

const HEADER = [
  '街道（乡镇）',
  '承诺事项',
  '全部兑现',
  '部分兑现',
  '未兑现',
  '依法变更',
  '未到期或未评定',
  '全部兑现率（%）',
];

/**
 * The same figures as a file for the performance assessment (绩效考核), in the shape of the kernel's evaluation export
 * (filename, content type, content): CSV in UTF-8 with a BOM so Excel opens it, one row per street or township.
 */
export async function performanceFile(
  s: PluginServices,
  db: Queryable,
  input: { year: number },
): Promise<{ filename: string; contentType: string; content: string; encoding: 'utf8' }> {
  const report = await performanceExport(s, db, input);
  const cell = (v: string | number | null) => {
    const t = v === null ? '' : String(v);
    return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
  };
  const body = report.rows.map((r) => [
    r.orgName,
    r.commitments,
    r.fully,
    r.partly,
    r.notKept,
    r.changed,
    r.pending,
    r.fullyKeptPct,
  ]);
  const title = [`${report.year}年度街道（乡镇）公开承诺兑现情况（截至${report.asOf}）`];
  return {
    filename: `townships-commitments-${report.year}.csv`,
    contentType: 'text/csv; charset=utf-8',
    encoding: 'utf8',
    content: `\uFEFF${[title, HEADER, ...body].map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`,
  };
}
