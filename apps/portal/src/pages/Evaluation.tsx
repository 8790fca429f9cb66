import { Fragment, useState } from 'react';
import { api, type PublishedEvaluation } from '../api';
import { Badge, Loading } from '../components';
import { useLoad } from '../hooks';
import { navigate, useLocation } from '../router';
import { ThirdPartyRatings } from './ThirdPartyRatings';

type Score = PublishedEvaluation['scores'][number];

const num = (v: number | null, digits = 1) => (v === null ? '—' : v.toFixed(digits));

/** This year's score against last year's: ▲/▼ with the difference, and the rank move. */
function Change({ s }: { s: Score }) {
  if (s.score === null || s.previousScore === null) return <span className="muted">—</span>;
  const d = s.score - s.previousScore;
  const rankMove = s.rank !== null && s.previousRank !== null ? s.previousRank - s.rank : null;
  return (
    <span className={d > 0 ? 'up' : d < 0 ? 'down' : 'muted'}>
      {d > 0 ? '▲' : d < 0 ? '▼' : '＝'}
      {Math.abs(d).toFixed(1)}
      {rankMove !== null && rankMove !== 0 && (
        <small>（名次{rankMove > 0 ? `升${rankMove}` : `降${-rankMove}`}）</small>
      )}
    </span>
  );
}

function Breakdown({ s }: { s: Score }) {
  return (
    <table className="report-table breakdown" data-testid="breakdown">
      <thead>
        <tr>
          <th>指标</th>
          <th>指标值</th>
          <th>指标得分</th>
          <th>权重</th>
          <th>计入总分</th>
          <th>依据</th>
        </tr>
      </thead>
      <tbody>
        {s.breakdown.map((b) => (
          <tr key={b.key}>
            <td>{b.labelZh}</td>
            <td className="num">{b.value === null ? '无数据' : `${Number(b.value.toFixed(2))}${b.unit}`}</td>
            <td className="num">{num(b.score)}</td>
            <td className="num">{b.weight}</td>
            <td className="num">{num(b.contribution, 2)}</td>
            <td className="muted">{b.evidence}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The ranking as horizontal bars (score out of 100), in rank order; the table below carries the same figures. */
function RankingChart({ scores }: { scores: Score[] }) {
  return (
    <figure style={{ margin: '0 0 12px' }}>
      <figcaption className="muted" style={{ marginBottom: 6 }}>
        各区得分（满分100）
      </figcaption>
      <ol className="rank-chart" data-testid="ranking-chart">
        {scores.map((s) => (
          <li key={s.orgId} aria-label={`第${s.rank}名 ${s.orgName} ${num(s.score)}分`}>
            <span className="label">
              {s.rank}. {s.orgName}
            </span>
            <span className="bar" aria-hidden="true">
              <span style={{ width: `${Math.max(0, Math.min(100, s.score ?? 0))}%` }} />
            </span>
            <span className="num">{num(s.score)}</span>
          </li>
        ))}
      </ol>
    </figure>
  );
}

export function EvaluationPage() {
  const { query } = useLocation();
  const year = query.get('year') ? Number(query.get('year')) : undefined;
  const run = useLoad(
    () => api.kernel.evaluation.published.query({ level: 'district', ...(year ? { year } : {}) }),
    [year],
  );
  const [open, setOpen] = useState<string | null>(null);
  const data = run.data;
  const ranked = data?.scores.filter((s) => s.status === 'ranked') ?? [];
  const insufficient = data?.scores.filter((s) => s.status === 'insufficient') ?? [];
  const sources = [...new Set(data?.scores.flatMap((s) => s.external.map((e) => e.source)) ?? [])];
  const row = (s: Score) => (
    <Fragment key={s.orgId}>
      <tr className={s.status === 'insufficient' ? 'insufficient' : undefined} data-testid="evaluation-row">
        <td>{s.rank ?? <Badge tone="grey">数据不足</Badge>}</td>
        <td className="name">{s.orgName}</td>
        <td>
          {s.status === 'ranked' ? (
            <strong>{num(s.score)}</strong>
          ) : (
            <span className="muted">不评分（数据点 {s.sample}）</span>
          )}
        </td>
        <td>
          <Change s={s} />
        </td>
        {sources.map((src) => {
          const e = s.external.find((x) => x.source === src);
          return <td key={src}>{e ? (e.score !== null ? num(e.score) : (e.grade ?? '—')) : '—'}</td>;
        })}
        <td>
          <button
            type="button"
            className="link"
            aria-expanded={open === s.orgId}
            onClick={() => setOpen(open === s.orgId ? null : s.orgId)}
          >
            {open === s.orgId ? '收起' : '得分构成'}
          </button>
        </td>
      </tr>
      {open === s.orgId && (
        <tr className="detail">
          <td colSpan={5 + sources.length}>
            <Breakdown s={s} />
          </td>
        </tr>
      )}
    </Fragment>
  );
  return (
    <>
      <section className="panel">
        <h1>政务诚信状况评价</h1>
        <div className="toolbar">
          <label>
            年度
            <select
              value={year ?? ''}
              onChange={(e) => navigate(e.target.value ? `/evaluation?year=${e.target.value}` : '/evaluation')}
            >
              <option value="">最新公布</option>
              {[1, 2, 3]
                .map((d) => new Date().getFullYear() - d)
                .map((y) => (
                  <option key={y} value={y}>
                    {y}年
                  </option>
                ))}
            </select>
          </label>
          <span className="muted">各区政务诚信状况评价结果，按评价机构公布的内容公示。</span>
        </div>
      </section>
      <Loading error={run.error} loading={run.loading} />
      {!run.loading && !run.error && !data && (
        <section className="panel">
          <p>该年度的评价结果尚未公布。</p>
        </section>
      )}
      {data && (
        <>
          <section className="panel" data-testid="evaluation">
            <h2>
              {data.year}年度各区评价结果
              <small>
                {data.schemeName}（第{data.schemeVersion}版）· 公布日期 {data.publishedAt?.slice(0, 10) ?? '—'}
              </small>
            </h2>
            <p className="muted">
              参评 {data.bodies} 个区，其中 {data.ranked}{' '}
              个排名；数据点少于方案规定最低样本量的区标注“数据不足”，不评分、不排名，列在最后。点击“得分构成”查看各项指标。
            </p>
            {ranked.length > 0 && <RankingChart scores={ranked} />}
            <div className="table-scroll">
              <table className="report-table" data-testid="ranking">
                <thead>
                  <tr>
                    <th>排名</th>
                    <th>区</th>
                    <th>得分</th>
                    <th>较上年</th>
                    {sources.map((src) => (
                      <th key={src}>
                        第三方评价<small>（{src}）</small>
                      </th>
                    ))}
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {ranked.map(row)}
                  {insufficient.map(row)}
                </tbody>
              </table>
            </div>
          </section>
          <ThirdPartyRatings year={data.year} />
          <section className="panel notice">
            <h2>评价方法</h2>
            <ul>
              <li>
                每项指标先按方案规定的标度换算为0–100分（线性或分档），再按权重加权得出总分；某项指标无数据时，其权重按比例分给其他指标。
              </li>
              <li>
                指标、权重、标度和最低样本量都是评价机构在评价方案中设定的配置，不是法定标准；方案按年度和层级分版本保存，本次采用“
                {data.schemeName}”第{data.schemeVersion}版。
              </li>
              <li>
                评价结果经另一人审核后公布；“较上年”对比上年度公布的结果；第三方评价经审核人员发布后，注明评价机构、方法和日期，与本评价并列展示，不计入总分。
              </li>
              <li>公开的只有分数、排名和指标值，不含具体记录和个人信息。</li>
            </ul>
          </section>
        </>
      )}
    </>
  );
}
