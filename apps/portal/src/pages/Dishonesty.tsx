import { api } from '../api';
import { Badge, Loading } from '../components';
import { useLoad } from '../hooks';
import { Link, navigate, useLocation } from '../router';

/**
 * 政务失信公示: bodies (and civil servants whose records are disclosed) with dishonesty records in publication today,
 * latest changes first, by district, type, severity and decision date, with counts, pages and an Atom / JSON feed.
 * Only what the records' own pages show (published, disclosed to society, in the window; free text masked).
 */
const SEVERITIES: [string, string][] = [
  ['', '全部'],
  ['serious', '严重'],
  ['ordinary', '一般'],
  ['minor', '轻微'],
];

export function DishonestyPage() {
  const { query } = useLocation();
  const filters = {
    districtId: query.get('district') || undefined,
    typeKey: query.get('type') || undefined,
    severity: (query.get('severity') || undefined) as 'minor' | 'ordinary' | 'serious' | undefined,
    from: query.get('from') || undefined,
    to: query.get('to') || undefined,
  };
  const page = Math.max(1, Number(query.get('page') ?? 1) || 1);
  const clean = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined));
  const list = useLoad(
    () => api.kernel.public.dishonestyList.query({ ...clean, page, pageSize: 20 }),
    [JSON.stringify(clean), page],
  );
  const districts = useLoad(() => api.kernel.public.districts.query(), []);
  const types = useLoad(() => api.kernel.public.recordTypes.query(), []);
  const go = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(query);
    for (const [k, v] of Object.entries(changes))
      if (v) next.set(k, v);
      else next.delete(k);
    if (!('page' in changes)) next.delete('page');
    const qs = next.toString();
    navigate(qs ? `/dishonesty?${qs}` : '/dishonesty');
  };
  const feed = (format: 'atom' | 'json') => {
    const qs = new URLSearchParams({ format, ...(clean as Record<string, string>) });
    return `/api/v1/public/dishonesty/feed?${qs.toString()}`;
  };
  const data = list.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  return (
    <>
      <section className="panel">
        <h1>政务失信公示</h1>
        <p className="muted">
          依法向社会公开、处于公示期内的政务失信记录（不含守信表彰），按最近变化排列；信息以各记录的公示内容为准，不显示身份证号码等个人信息。
        </p>
        <div className="toolbar" data-testid="dishonesty-filters">
          <label>
            区
            <select value={filters.districtId ?? ''} onChange={(e) => go({ district: e.target.value })}>
              <option value="">全部</option>
              {(districts.data ?? []).map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            类型
            <select value={filters.typeKey ?? ''} onChange={(e) => go({ type: e.target.value })}>
              <option value="">全部</option>
              {(types.data ?? [])
                .filter((t) => t.polarity === 'dishonesty')
                .map((t) => (
                  <option key={t.key} value={t.key}>
                    {t.labelZh}
                  </option>
                ))}
            </select>
          </label>
          <label>
            严重程度
            <select value={filters.severity ?? ''} onChange={(e) => go({ severity: e.target.value })}>
              {SEVERITIES.map(([v, label]) => (
                <option key={v} value={v}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <label>
            决定日期自
            <input type="date" value={filters.from ?? ''} onChange={(e) => go({ from: e.target.value })} />
          </label>
          <label>
            至
            <input type="date" value={filters.to ?? ''} onChange={(e) => go({ to: e.target.value })} />
          </label>
          <span className="muted">
            订阅：<a href={feed('atom')}>Atom</a> · <a href={feed('json')}>JSON Feed</a>
          </span>
        </div>
      </section>
      <Loading error={list.error} loading={list.loading} />
      {data && (
        <>
          <section className="panel" data-testid="dishonesty-counts">
            <p>
              截至 {data.asOf}，共 <strong>{data.counts.records}</strong> 条失信记录，涉及{' '}
              <strong>{data.counts.bodies}</strong> 个主体。
            </p>
            <p className="muted">
              按严重程度：{data.counts.bySeverity.map((s) => `${s.label} ${s.count}`).join('，') || '—'}；按区：
              {data.counts.byDistrict.map((d) => `${d.label} ${d.count}`).join('，') || '—'}；按类型：
              {data.counts.byType.map((t) => `${t.label} ${t.count}`).join('，') || '—'}
            </p>
          </section>
          <section className="panel">
            {data.items.length === 0 ? (
              <p>没有符合条件的失信记录。</p>
            ) : (
              <table className="report-table" data-testid="dishonesty-list">
                <thead>
                  <tr>
                    <th>主体</th>
                    <th>所在区</th>
                    <th>类型</th>
                    <th>严重程度</th>
                    <th>决定文书号</th>
                    <th>决定日期</th>
                    <th>作出机关</th>
                    <th>公示截止</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((e) => (
                    <tr key={e.recordId} data-testid="dishonesty-row">
                      <td>
                        <Link href={e.personId ? `/person/${e.personId}` : `/body/${e.orgId}`}>{e.subjectName}</Link>
                        {e.disputed && <Badge tone="amber">异议处理中</Badge>}
                      </td>
                      <td>{e.districtName ?? '市级'}</td>
                      <td>{e.typeZh}</td>
                      <td>
                        <Badge tone={e.severity === 'serious' ? 'red' : e.severity === 'ordinary' ? 'amber' : 'grey'}>
                          {e.severityZh}
                        </Badge>
                      </td>
                      <td>{e.decisionNo}</td>
                      <td>{e.decisionDate}</td>
                      <td>{e.authority}</td>
                      <td>{e.publicationEnd ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <div className="actions">
              <button type="button" disabled={page <= 1} onClick={() => go({ page: String(page - 1) })}>
                上一页
              </button>
              <span className="muted">
                第 {page} / {pages} 页
              </span>
              <button type="button" disabled={page >= pages} onClick={() => go({ page: String(page + 1) })}>
                下一页
              </button>
            </div>
          </section>
        </>
      )}
    </>
  );
}
