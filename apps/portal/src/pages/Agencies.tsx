import { useState } from 'react';
import { api } from '../api';
import { Badge, Loading } from '../components';
import { useLoad } from '../hooks';

const QUALIFICATION: Record<string, { text: string; tone: 'green' | 'red' | 'grey' }> = {
  valid: { text: '资格有效', tone: 'green' },
  expired: { text: '资格已过期', tone: 'red' },
  unlimited: { text: '未登记有效期', tone: 'grey' },
};

/**
 * 招标代理机构信息公开 (津政发〔2017〕29号 三.3): each agency's qualification, its latest reviewed and published credit
 * evaluation, the third-party reports valid today and the published dynamic-supervision entries.
 */
export function AgenciesPage() {
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const list = useLoad(
    () => api.bidding.agencies.disclosure.query({ limit: 50, ...(search ? { q: search } : {}) }),
    [search],
  );
  return (
    <>
      <section className="panel">
        <h1>招标代理机构信息公开</h1>
        <form
          className="toolbar"
          onSubmit={(e) => {
            e.preventDefault();
            setSearch(q.trim());
          }}
        >
          <input
            aria-label="机构名称或统一社会信用代码"
            placeholder="机构名称或统一社会信用代码"
            value={q}
            onChange={(e) => setQ(e.target.value)}
          />
          <button type="submit">查询</button>
          <span className="muted">信用评价经审核后公布；评价指标体系为本市配置项。</span>
        </form>
      </section>
      <Loading error={list.error} loading={list.loading} />
      {list.data?.length === 0 && <p className="muted">没有符合条件的机构。</p>}
      {list.data?.map((a) => (
        <section className="panel" key={a.uscc} data-testid="agency">
          <h2>
            {a.name}
            <small>{a.uscc}</small>
          </h2>
          <p>
            <Badge tone={QUALIFICATION[a.qualificationState]!.tone}>{QUALIFICATION[a.qualificationState]!.text}</Badge>{' '}
            {a.qualification}
            {a.qualificationValidUntil ? `（有效期至${a.qualificationValidUntil}）` : ''}
          </p>
          <p>
            信用评价：
            {a.latestEvaluation
              ? `${a.latestEvaluation.year}年度 ${a.latestEvaluation.grade}级（${a.latestEvaluation.total}分）${a.latestEvaluation.publishedOn ? `，${a.latestEvaluation.publishedOn}公布` : ''}`
              : '暂无公布的评价'}
          </p>
          {a.validReports.length > 0 && (
            <p>
              第三方信用报告：
              {a.validReports
                .map((r) => `${r.issuer} ${r.reportNo} ${r.grade}级（有效期至${r.validUntil}）`)
                .join('；')}
            </p>
          )}
          <h3>动态监管信息</h3>
          {a.supervision.length === 0 ? (
            <p className="muted">暂无公开的监管信息。</p>
          ) : (
            <table className="report-table" data-testid="supervision">
              <thead>
                <tr>
                  <th>日期</th>
                  <th>类别</th>
                  <th>事项</th>
                  <th>处理结果</th>
                  <th>文书编号</th>
                </tr>
              </thead>
              <tbody>
                {a.supervision.map((x, i) => (
                  <tr key={i}>
                    <td>{x.occurredOn}</td>
                    <td>{x.kindZh}</td>
                    <td>{x.summary}</td>
                    <td>{x.outcome ?? '—'}</td>
                    <td>{x.documentNo ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ))}
    </>
  );
}
