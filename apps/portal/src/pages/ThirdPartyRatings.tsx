import { api } from '../api';
import { Badge, Loading } from '../components';
import { useLoad } from '../hooks';

/**
 * 第三方评价 on the 诚信评价 page: the lists a reviewer has released (plan 一.4 "开展政务诚信评价评级并及时公布结果"),
 * each with its rater, method summary and date, clearly apart from the official evaluation and never added to it.
 */
export function ThirdPartyRatings({ year }: { year?: number | undefined }) {
  const lists = useLoad(() => api.kernel.evaluation.thirdParty.query(year ? { year } : {}), [year]);
  const data = lists.data;
  if (lists.loading || lists.error) return <Loading error={lists.error} loading={lists.loading} />;
  if (!data || data.lists.length === 0) return null;
  return (
    <section className="panel" data-testid="third-party">
      <h2>
        第三方评价<small>（{data.year}年度 · 由第三方机构评价，与上方官方评价并列展示，不计入官方得分）</small>
      </h2>
      {data.lists.map((list) => (
        <div key={list.source} className="third-party-list" data-testid="third-party-list">
          <h3>
            <Badge tone="blue">第三方</Badge> {list.rater}
          </h3>
          <p className="muted">
            评价方法：{list.methodSummary}
            <br />
            评价日期：{list.ratedOn} · 发布日期：{list.releasedAt.slice(0, 10)}
          </p>
          <table className="report-table">
            <thead>
              <tr>
                <th>区</th>
                <th>得分</th>
                <th>等级</th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((r) => (
                <tr key={r.orgId}>
                  <td>{r.orgName}</td>
                  <td className="num">{r.score === null ? '—' : r.score.toFixed(1)}</td>
                  <td>{r.grade ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}
