import { useState, type FormEvent } from 'react';
import { api, errorText, type Board } from '../api';
import { Badge, Loading } from '../components';
import { useLoad } from '../hooks';
import { GRADE_ZH, PROMISE_STATUS_ZH, SERVICE_AREA_ZH } from '../labels';
import { navigate, useLocation } from '../router';

type Commitment = Board['items'][number]['commitments'][number];

/** Commitments rated from this browser: shown as 已评价 instead of inviting a second rating. */
const RATED_KEY = 'townships.rated';
function ratedHere(): Set<string> {
  try {
    return new Set(JSON.parse(localStorage.getItem(RATED_KEY) ?? '[]') as string[]);
  } catch {
    return new Set();
  }
}
function markRated(id: string): void {
  const all = ratedHere();
  all.add(id);
  localStorage.setItem(RATED_KEY, JSON.stringify([...all].slice(-500)));
}
const isThrottled = (e: unknown) => (e as { data?: { appCode?: string } })?.data?.appCode === 'RATING_THROTTLED';

function RateForm({ c, onDone }: { c: Commitment; onDone: () => void }) {
  const [msg, setMsg] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setError(null);
    try {
      const code = String(f.get('code') ?? '').trim();
      const done = await api.townships.public.rate.mutate({
        commitmentId: c.id,
        mobile: String(f.get('mobile')),
        fulfilment: Number(f.get('fulfilment')),
        satisfaction: Number(f.get('satisfaction')),
        ...(code ? { code } : {}),
      });
      // Only ratings confirmed by an SMS code count in the published figures: say so when this one was not.
      setMsg(
        done.verified ? '感谢您的评价。每人每项承诺只计一次。' : '感谢您的评价。未经短信验证的评价不计入公开结果。',
      );
      markRated(c.id);
      onDone();
    } catch (err) {
      // A repeat from this browser is a rating already given, not a fault of the resident.
      if (isThrottled(err) && ratedHere().has(c.id)) setMsg('已评价：您已评价过该承诺，每人每项承诺只计一次。');
      else setError(errorText(err));
    }
  };
  const [sent, setSent] = useState(false);
  const sendCode = async (form: HTMLFormElement | null) => {
    setError(null);
    try {
      await api.townships.public.requestCode.mutate({
        commitmentId: c.id,
        mobile: String(new FormData(form ?? undefined).get('mobile') ?? ''),
      });
      setSent(true);
    } catch (err) {
      setError(errorText(err));
    }
  };
  if (msg)
    return (
      <p className="ok" role="status">
        {msg}
      </p>
    );
  // No score is chosen for the resident: an untouched select must not count as five stars.
  const stars = (name: string, label: string) => (
    <label>
      {label}
      <select name={name} defaultValue="" required>
        <option value="" disabled>
          请选择
        </option>
        {[5, 4, 3, 2, 1].map((n) => (
          <option key={n} value={n}>
            {'★'.repeat(n)}（{n}分）
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <form className="form inline rate" onSubmit={(e) => void submit(e)}>
      {stars('fulfilment', '兑现情况')}
      {stars('satisfaction', '满意度')}
      <label>
        手机号
        <input
          name="mobile"
          inputMode="numeric"
          pattern="1[3-9][0-9]{9}"
          required
          placeholder="仅用于每人一次，不保存"
        />
      </label>
      <button type="button" onClick={(e) => void sendCode(e.currentTarget.form)}>
        {sent ? '重新获取验证码' : '获取短信验证码'}
      </button>
      <label>
        验证码
        <input name="code" inputMode="numeric" pattern="[0-9]{6}" placeholder="6位数字（验证后计入公开结果）" />
      </label>
      <button type="submit" className="primary">
        提交评价
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

export function TownshipsPage() {
  const { query } = useLocation();
  const year = Number(query.get('year') ?? new Date().getFullYear() - 1);
  // The search and the district live in the URL, so a shared link or the back button keeps them.
  const q = query.get('q') ?? '';
  const districtId = query.get('district') ?? '';
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const board = useLoad(
    () =>
      api.townships.public.board.query({
        year,
        limit: 10,
        cursor,
        ...(q ? { q } : {}),
        ...(districtId ? { districtId } : {}),
      }),
    [year, cursor, q, districtId],
  );
  const districts = useLoad(() => api.kernel.public.districts.query(), []);
  const [rated, setRated] = useState(ratedHere);
  const go = (next: { year?: number; q?: string; district?: string }) => {
    const params = new URLSearchParams({ year: String(next.year ?? year) });
    const nq = next.q ?? q;
    const nd = next.district ?? districtId;
    if (nq) params.set('q', nq);
    if (nd) params.set('district', nd);
    setCursors([]);
    navigate(`/townships?${params.toString()}`);
  };
  const candidates = useLoad(
    () => api.townships.public.candidates.query({ year, limit: 20, ...(districtId ? { districtId } : {}) }),
    [year, districtId],
  );
  const [rating, setRating] = useState<string | null>(null);
  return (
    <>
      <section className="panel">
        <h1>街道（乡镇）公开承诺</h1>
        <div className="toolbar">
          <label>
            年度
            <select value={year} onChange={(e) => go({ year: Number(e.target.value) })}>
              {[0, 1, 2]
                .map((d) => new Date().getFullYear() - d)
                .map((y) => (
                  <option key={y} value={y}>
                    {y}年
                  </option>
                ))}
            </select>
          </label>
          <label>
            所属区
            <select value={districtId} onChange={(e) => go({ district: e.target.value })}>
              <option value="">全部</option>
              {(districts.data ?? []).map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </label>
          <form
            role="search"
            className="inline-search"
            onSubmit={(e) => {
              e.preventDefault();
              go({ q: String(new FormData(e.currentTarget).get('q') ?? '').trim() });
            }}
          >
            <label>
              街道（乡镇）名称
              <input name="q" key={q} defaultValue={q} placeholder="输入名称的一部分" />
            </label>
            <button type="submit">查询</button>
          </form>
          <span className="muted">
            14个服务领域的年度承诺、季度进展、年终评定和群众评价；评分样本不足时不显示平均分。
          </span>
        </div>
      </section>
      <section className="panel">
        <h2>诚信街道（乡镇）候选排名</h2>
        <Loading error={candidates.error} loading={candidates.loading} />
        {candidates.data && (
          <>
            <p className="muted">
              评选条件（均为可配置项，非法定标准）：
              {candidates.data.criteria
                .map((c) => `${c.labelZh}${c.threshold !== null ? `（${c.threshold}）` : ''}`)
                .join('；')}
              。 得分 = 兑现 × {candidates.data.weights.fulfilment} + 满意度 × {candidates.data.weights.satisfaction}。
            </p>
            <div className="table-scroll">
              <table className="report-table" data-testid="candidates">
                <thead>
                  <tr>
                    <th>排名</th>
                    <th>街道（乡镇）</th>
                    <th>所属区</th>
                    <th>得分</th>
                    <th>承诺数</th>
                    <th>全部兑现率</th>
                    <th>满意度</th>
                    <th>是否符合条件</th>
                  </tr>
                </thead>
                <tbody>
                  {candidates.data.items.map((c) => (
                    <tr key={c.orgId}>
                      <td>{c.rank}</td>
                      <td className="name">{c.orgName}</td>
                      <td className="name">{c.districtName ?? '—'}</td>
                      <td>{c.score.toFixed(1)}</td>
                      <td>{c.commitments}</td>
                      <td>{c.fullyKeptPct.toFixed(0)}%</td>
                      <td>{c.satisfaction === null ? '样本不足' : c.satisfaction.toFixed(2)}</td>
                      <td>{c.eligible ? <Badge tone="green">符合</Badge> : <Badge tone="grey">不符合</Badge>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
      <Loading error={board.error} loading={board.loading} />
      {board.data?.items.map((t) => (
        <section className="panel board" key={t.orgId} data-testid="board">
          <h2>
            {t.orgName}
            <small>{t.districtName ?? ''}</small>
          </h2>
          <div className="commitments">
            {t.commitments.map((c) => (
              <div key={c.id} className="commitment">
                <div className="c-head">
                  <Badge tone="blue">{SERVICE_AREA_ZH[c.area] ?? c.area}</Badge>
                  <strong>{c.title}</strong>
                </div>
                <div className="progress" aria-label={`完成${c.percent}%`}>
                  <span style={{ width: `${Math.min(100, c.percent)}%` }} />
                </div>
                <div className="c-meta">
                  <span>
                    目标 {c.target}
                    {c.unit}
                  </span>
                  <span>完成 {c.percent}%</span>
                  <span>期限 {c.dueDate}</span>
                  <span>{PROMISE_STATUS_ZH[c.status] ?? c.status}</span>
                  {c.grade && <span>年终评定：{GRADE_ZH[c.grade] ?? c.grade}</span>}
                  <span>
                    群众评价 {c.ratings.count} 人
                    {c.ratings.satisfaction !== null ? `，满意度 ${c.ratings.satisfaction.toFixed(1)}` : ''}
                  </span>
                  {rated.has(c.id) && rating !== c.id ? (
                    <Badge tone="grey">已评价</Badge>
                  ) : (
                    <button type="button" className="link" onClick={() => setRating(rating === c.id ? null : c.id)}>
                      我要评价
                    </button>
                  )}
                </div>
                {rating === c.id && (
                  <RateForm
                    c={c}
                    onDone={() => {
                      setRated(ratedHere());
                      board.reload();
                    }}
                  />
                )}
              </div>
            ))}
          </div>
          {t.disclosures.length > 0 && (
            <>
              <h3>政务、财务公开</h3>
              <table className="report-table" data-testid="disclosures">
                <thead>
                  <tr>
                    <th>期间</th>
                    <th>类别</th>
                    <th>项目</th>
                    <th>金额（元）</th>
                    <th>说明</th>
                    <th>公开日期</th>
                  </tr>
                </thead>
                <tbody>
                  {t.disclosures.map((d, i) => (
                    <tr key={i}>
                      <td>{d.quarter ? `第${d.quarter}季度` : '全年'}</td>
                      <td>{d.kindZh}</td>
                      <td>{d.title}</td>
                      <td>
                        {d.amountFen === null
                          ? '—'
                          : (d.amountFen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2 })}
                      </td>
                      <td>{d.description}</td>
                      <td>{d.publishedOn}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </section>
      ))}
      {board.data && board.data.items.length === 0 && (
        <section className="panel">
          <p className="muted">没有符合条件的街道（乡镇）。</p>
        </section>
      )}
      <div className="pager">
        {cursors.length > 0 && (
          <button type="button" onClick={() => setCursors((c) => c.slice(0, -1))}>
            上一页
          </button>
        )}
        {board.data?.nextCursor && (
          <button type="button" onClick={() => setCursors((c) => [...c, board.data!.nextCursor!])}>
            下一页
          </button>
        )}
      </div>
    </>
  );
}
