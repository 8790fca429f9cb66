/**
 * 通报曝光: the public criticism notices in force (公开通报批评, 津政发〔2017〕29号 二.4), newest first, by district and
 * by name. A notice names the body, the issuing authority, the facts, the demanded rectification and its deadline, and
 * the decision numbers of the records it rests on — never a person's data (free text masked on the server).
 */
import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { Badge, Loading } from '../components';
import { useLoad } from '../hooks';
import { Link, navigate, useLocation } from '../router';

type Outputs<T> = T extends { query: (...args: never[]) => Promise<infer O> } ? O : never;
export type PublicNotice = Outputs<typeof api.kernel.notices.published>['items'][number];

export function NoticeCard({ n, showBody = true }: { n: PublicNotice; showBody?: boolean }) {
  return (
    <article className="record dishonesty" data-notice-id={n.id}>
      <header>
        <Badge tone="red">通报批评</Badge>
        <strong>{n.title}</strong>
        <span className="spacer" />
        <span className="muted">{n.publishedOn} 发布</span>
      </header>
      <dl className="fields">
        {showBody && (
          <>
            <dt>被通报单位</dt>
            <dd>
              <Link href={`/body/${n.targetOrgId}`}>{n.targetName}</Link>
            </dd>
          </>
        )}
        <dt>通报单位</dt>
        <dd>{n.issuerName}</dd>
        {n.documentNo && (
          <>
            <dt>文号</dt>
            <dd>{n.documentNo}</dd>
          </>
        )}
        <dt>通报事实</dt>
        <dd>{n.facts}</dd>
        <dt>整改要求</dt>
        <dd>
          {n.rectificationDemand}（限{n.rectificationDue}前完成）
        </dd>
        <dt>依据记录</dt>
        <dd>{n.records.map((r) => `${r.typeZh} ${r.decisionNo}（${r.decisionDate}）`).join('；')}</dd>
      </dl>
    </article>
  );
}

const PAGE = 20;

export function NoticesPage() {
  const { query } = useLocation();
  const district = query.get('district') ?? '';
  const q = query.get('q') ?? '';
  const offset = Number(query.get('offset') ?? 0) || 0;
  const districts = useLoad(() => api.kernel.public.districts.query(), []);
  const list = useLoad(
    () =>
      api.kernel.notices.published.query({
        limit: PAGE,
        offset,
        ...(district ? { underOrgId: district } : {}),
        ...(q ? { q } : {}),
      }),
    [district, q, offset],
  );
  const [text, setText] = useState(q);
  const go = (next: { district?: string; q?: string; offset?: number }) => {
    const p = new URLSearchParams();
    const d = next.district ?? district;
    const s = next.q ?? q;
    if (d) p.set('district', d);
    if (s) p.set('q', s);
    if (next.offset) p.set('offset', String(next.offset));
    navigate(`/notices${p.size ? `?${p.toString()}` : ''}`);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    go({ q: text.trim(), offset: 0 });
  };
  return (
    <>
      <section className="panel">
        <h1>通报曝光</h1>
        <p className="muted">
          对有政务失信记录的单位，由其上级政府或信用主管部门予以公开通报批评，并责令限期整改（《天津市人民政府关于加强政务诚信建设的实施意见》二.4）。
          依据的失信记录被撤销的，通报随即撤下。
        </p>
        <form className="form inline" onSubmit={submit}>
          <label>
            所属区
            <select value={district} onChange={(e) => go({ district: e.target.value, offset: 0 })}>
              <option value="">全市</option>
              {(districts.data ?? []).map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            单位或标题
            <input value={text} onChange={(e) => setText(e.target.value)} maxLength={50} />
          </label>
          <button className="primary" type="submit">
            查询
          </button>
        </form>
      </section>
      <section className="panel">
        {!list.data ? (
          <Loading error={list.error} loading={list.loading} />
        ) : list.data.items.length === 0 ? (
          <p className="muted">暂无公开通报批评。</p>
        ) : (
          <>
            <p className="muted" data-testid="notice-total">
              共 {list.data.total} 份通报
            </p>
            {list.data.items.map((n) => (
              <NoticeCard key={n.id} n={n} />
            ))}
            <div className="actions">
              {offset > 0 && (
                <button type="button" onClick={() => go({ offset: Math.max(0, offset - PAGE) })}>
                  上一页
                </button>
              )}
              {offset + PAGE < list.data.total && (
                <button type="button" onClick={() => go({ offset: offset + PAGE })}>
                  下一页
                </button>
              )}
            </div>
          </>
        )}
      </section>
    </>
  );
}

/** The body's notices on its integrity page. */
export function BodyNotices({ orgId }: { orgId: string }) {
  const list = useLoad(() => api.kernel.notices.published.query({ targetOrgId: orgId, limit: 20 }), [orgId]);
  if (!list.data || list.data.items.length === 0) return null;
  return (
    <section className="panel" data-testid="body-notices">
      <h2>通报批评</h2>
      {list.data.items.map((n) => (
        <NoticeCard key={n.id} n={n} showBody={false} />
      ))}
    </section>
  );
}
