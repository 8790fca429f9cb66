import { api, type SearchResult } from '../api';
import { Badge, Loading, SearchBox, RecordCounts } from '../components';
import { useLoad } from '../hooks';
import { Link, navigate, useLocation } from '../router';
import { useState } from 'react';

const MATCH_ZH = { code: '信用代码一致', name: '名称一致', prefix: '名称开头', substring: '名称包含' } as const;

export function SearchPage() {
  const { query } = useLocation();
  const q = query.get('q') ?? '';
  const kind = query.get('kind') === 'person' ? 'person' : 'body';
  const districtId = query.get('district') ?? '';
  const level = query.get('level') ?? '';
  const recordType = query.get('type') ?? '';
  const [more, setMore] = useState<SearchResult['items']>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const filters = useLoad(
    () => Promise.all([api.kernel.public.districts.query(), api.kernel.public.recordTypes.query()]),
    [],
  );
  const result = useLoad(async () => {
    setMore([]);
    if (!q) return null;
    const r = await api.kernel.public.search.query({
      q,
      kind,
      districtId: districtId || undefined,
      level: (level || undefined) as 'city' | 'district' | 'street' | undefined,
      recordType: recordType || undefined,
    });
    setCursor(r.nextCursor);
    return r;
  }, [q, kind, districtId, level, recordType]);
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(window.location.search);
    if (value) next.set(key, value);
    else next.delete(key);
    navigate(`/search?${next.toString()}`);
  };
  const loadMore = async () => {
    if (!cursor) return;
    const r = await api.kernel.public.search.query({
      q,
      kind,
      districtId: districtId || undefined,
      level: (level || undefined) as 'city' | 'district' | 'street' | undefined,
      recordType: recordType || undefined,
      cursor,
    });
    setMore((m) => [...m, ...r.items]);
    setCursor(r.nextCursor);
  };
  const items = [...(result.data?.items ?? []), ...more];
  return (
    <>
      <SearchBox key={`${q}|${kind}`} initial={q} kind={kind} />
      <div className="filters">
        <label>
          所属区
          <select value={districtId} onChange={(e) => set('district', e.target.value)}>
            <option value="">全部</option>
            {filters.data?.[0].map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          层级
          <select value={level} onChange={(e) => set('level', e.target.value)}>
            <option value="">全部</option>
            <option value="city">市级</option>
            <option value="district">区级</option>
            <option value="street">街道/乡镇级</option>
          </select>
        </label>
        <label>
          记录类型
          <select value={recordType} onChange={(e) => set('type', e.target.value)}>
            <option value="">全部</option>
            {filters.data?.[1].map((t) => (
              <option key={t.key} value={t.key}>
                {t.labelZh}
              </option>
            ))}
          </select>
        </label>
      </div>
      <section className="panel">
        <h2>{q ? `“${q}”的查询结果` : '请输入查询关键词'}</h2>
        <Loading error={result.error} loading={result.loading && !!q} />
        {result.data && items.length === 0 && (
          <p className="muted">没有找到符合条件的{kind === 'body' ? '单位' : '有公开记录的人员'}。</p>
        )}
        <ul className="results">
          {items.map((i) =>
            i.kind === 'body' ? (
              <li key={i.id}>
                <Link href={`/body/${i.id}`} className="title">
                  {i.name}
                </Link>
                <div className="meta">
                  <span>统一社会信用代码 {i.uscc}</span>
                  <span>{i.levelZh}</span>
                  {i.districtName && <span>{i.districtName}</span>}
                  <Badge tone="grey">{MATCH_ZH[i.match]}</Badge>
                </div>
                <div className="counts">
                  <RecordCounts dishonesty={i.dishonestyRecords} commendation={i.commendationRecords} />
                </div>
              </li>
            ) : (
              <li key={i.id}>
                <Link href={`/person/${i.id}`} className="title">
                  {i.name}
                </Link>
                <div className="meta">
                  <span>{i.orgName}</span>
                  <Badge tone="grey">{MATCH_ZH[i.match]}</Badge>
                </div>
                <div className="counts">
                  <RecordCounts dishonesty={i.dishonestyRecords} commendation={i.commendationRecords} />
                </div>
              </li>
            ),
          )}
        </ul>
        {cursor && (
          <button type="button" onClick={() => void loadMore()}>
            加载更多
          </button>
        )}
      </section>
    </>
  );
}
