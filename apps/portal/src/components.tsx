import { useState, type FormEvent, type ReactNode } from 'react';
import type { PublicRecord } from './api';
import { navigate } from './router';

export function SearchBox({
  initial = '',
  kind = 'body',
  big = false,
}: {
  initial?: string;
  kind?: 'body' | 'person';
  big?: boolean;
}) {
  const [q, setQ] = useState(initial);
  const [k, setK] = useState(kind);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (q.trim()) navigate(`/search?q=${encodeURIComponent(q.trim())}&kind=${k}`);
  };
  return (
    <form className={big ? 'search-box big' : 'search-box'} onSubmit={submit} role="search">
      <div className="tabs" role="tablist">
        <button
          type="button"
          role="tab"
          aria-selected={k === 'body'}
          className={k === 'body' ? 'on' : ''}
          onClick={() => setK('body')}
        >
          机关单位
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={k === 'person'}
          className={k === 'person' ? 'on' : ''}
          onClick={() => setK('person')}
        >
          公务员
        </button>
      </div>
      <div className="row">
        <input
          name="q"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          maxLength={50}
          aria-label="查询关键词"
          placeholder={
            k === 'body' ? '输入单位名称或统一社会信用代码，如：河西' : '输入姓名（仅可查询有依法公开记录的人员）'
          }
        />
        <button type="submit" className="primary">
          查询
        </button>
      </div>
    </form>
  );
}

/**
 * A subject's public records, dishonesty and commendations apart: a commendation is never counted, coloured or worded
 * as a mark against (a body whose only record is a 表彰奖励 shows no red).
 */
export function RecordCounts({ dishonesty, commendation }: { dishonesty: number; commendation: number }) {
  return (
    <>
      {dishonesty > 0 ? (
        <Badge tone="red">公示中失信记录 {dishonesty} 条</Badge>
      ) : (
        <Badge tone="green">无公示中的失信记录</Badge>
      )}{' '}
      {commendation > 0 && <Badge tone="blue">表彰奖励（守信）{commendation} 条</Badge>}
    </>
  );
}

export function Badge({ tone, children }: { tone: 'red' | 'green' | 'amber' | 'grey' | 'blue'; children: ReactNode }) {
  return <span className={`badge ${tone}`}>{children}</span>;
}

export function RecordCard({ r, action }: { r: PublicRecord; action?: ReactNode }) {
  return (
    <article className={`record ${r.polarity}`} data-record-id={r.id}>
      <header>
        <Badge tone={r.polarity === 'dishonesty' ? 'red' : 'green'}>
          {r.polarity === 'dishonesty' ? '失信' : '守信'}
        </Badge>
        <strong>{r.typeZh}</strong>
        {r.polarity === 'dishonesty' && <Badge tone="grey">{r.severityZh}</Badge>}
        {r.disputed && <Badge tone="amber">异议处理中</Badge>}
        {r.rectification && <Badge tone="blue">整改：{r.rectification.statusZh}</Badge>}
        <span className="spacer" />
        {action}
      </header>
      <dl className="fields">
        {r.subjectKind === 'person' && (
          <>
            <dt>当事人</dt>
            <dd>
              {r.subjectName}（{r.orgName}）
            </dd>
          </>
        )}
        <dt>决定文号</dt>
        <dd>{r.decisionNo}</dd>
        <dt>事实</dt>
        <dd>{r.facts}</dd>
        <dt>依据</dt>
        <dd>{r.legalBasis}</dd>
        <dt>决定机关</dt>
        <dd>{r.authority}</dd>
        <dt>决定日期</dt>
        <dd>{r.decisionDate}</dd>
        <dt>公示截止</dt>
        <dd>{r.publicationEnd ? `${r.publicationEnd}（当日起不再公示）` : '—'}</dd>
        {r.penaltyCategory !== r.typeZh && (
          <>
            <dt>处理类别</dt>
            <dd>{r.penaltyCategory}</dd>
          </>
        )}
      </dl>
    </article>
  );
}

export function Loading({ error, loading }: { error: string | null; loading: boolean }) {
  if (error)
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  return loading ? <p className="muted">正在加载…</p> : null;
}
