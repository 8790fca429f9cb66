import { beijingTime } from '../labels';
import { useState } from 'react';
import { api, download, errorText } from '../api';
import { Loading } from '../components';
import { useLoad } from '../hooks';
import { Link, navigate, useLocation } from '../router';

/** 信用报告: a printable page of the body's public records as of a day, with its number and verification code. */
export function ReportPage({ id }: { id: string }) {
  const { query } = useLocation();
  const asOf = query.get('asOf') ?? undefined;
  const report = useLoad(() => api.kernel.public.report.query({ orgId: id, asOf }), [id, asOf]);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const r = report.data;
  const file = async (format: 'pdf' | 'html') => {
    setBusy(format);
    setError(null);
    try {
      download(await api.kernel.public.reportFile.query({ orgId: id, asOf, format, origin: window.location.origin }));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(null);
    }
  };
  if (!r) return <Loading error={report.error} loading={report.loading} />;
  const rows = (polarity: 'dishonesty' | 'commendation') => r.records.filter((x) => x.polarity === polarity);
  const table = (list: typeof r.records, empty: string) =>
    list.length === 0 ? (
      <p className="muted">{empty}</p>
    ) : (
      <table className="report-table">
        <thead>
          <tr>
            <th>类型</th>
            <th>决定文号</th>
            <th>事实</th>
            <th>依据</th>
            <th>决定机关</th>
            <th>决定日期</th>
            <th>公示截止</th>
            <th>整改</th>
          </tr>
        </thead>
        <tbody>
          {list.map((x) => (
            <tr key={x.id}>
              <td>
                {x.typeZh}
                {x.disputed ? '［异议处理中］' : ''}
              </td>
              <td>{x.decisionNo}</td>
              <td>{x.facts}</td>
              <td>{x.legalBasis}</td>
              <td>{x.authority}</td>
              <td>{x.decisionDate}</td>
              <td>{x.publicationEnd ?? '—'}</td>
              <td>{x.rectification?.statusZh ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  return (
    <>
      <div className="toolbar no-print">
        <Link href={`/body/${id}`}>← 返回单位页</Link>
        <label>
          截至日期
          <input
            type="date"
            value={r.asOf}
            max={new Date().toISOString().slice(0, 10)}
            onChange={(e) => e.target.value && navigate(`/report/${id}?asOf=${e.target.value}`)}
          />
        </label>
        <button type="button" className="primary" disabled={busy !== null} onClick={() => void file('pdf')}>
          {busy === 'pdf' ? '正在生成…' : '下载PDF'}
        </button>
        <button type="button" disabled={busy !== null} onClick={() => void file('html')}>
          下载打印页
        </button>
        <button
          type="button"
          disabled={!r.log}
          title={
            r.log ? '报告及其日志包含证明，可在“报告验证”页离线核验' : '该日期的检查点早于默克尔日志，只能在线验证'
          }
          onClick={() =>
            download({
              filename: `${r.reportNo}.json`,
              contentType: 'application/json',
              content: JSON.stringify(r, null, 2),
              encoding: 'utf8',
            })
          }
        >
          下载报告数据（离线验证）
        </button>
        <button type="button" onClick={() => window.print()}>
          打印
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <article className="panel report">
        <h1>信用报告</h1>
        <p className="subtitle">{r.body.name}</p>
        <dl className="fields two">
          <dt>报告编号</dt>
          <dd className="mono" data-testid="report-no">
            {r.reportNo}
          </dd>
          <dt>验证码</dt>
          <dd className="mono" data-testid="verification-code">
            {r.verificationCode}
          </dd>
          <dt>报告截至日期</dt>
          <dd>{r.asOf}</dd>
          <dt>审计检查点</dt>
          <dd>
            第{r.checkpoint.seq}号，{beijingTime(r.checkpoint.at)}签名
            {r.log ? `，附${r.log.proofs.length}条记录的日志包含证明` : ''}
          </dd>
          <dt>统一社会信用代码</dt>
          <dd>{r.body.uscc}</dd>
          <dt>层级 / 类别</dt>
          <dd>
            {r.body.levelZh} / {r.body.kindZh}
          </dd>
        </dl>
        <h2>公示中的失信记录</h2>
        {table(rows('dishonesty'), '截至报告日期无公示中的失信记录。')}
        <h2>公示中的守信记录</h2>
        {table(rows('commendation'), '截至报告日期无公示中的表彰奖励。')}
        {r.repairs.length > 0 && (
          <>
            <h2>信用修复</h2>
            <ul>
              {r.repairs.map((x, i) => (
                <li key={i}>{x.noteZh}</li>
              ))}
            </ul>
          </>
        )}
        <p className="muted">
          验证：在<Link href={r.verifyPath}>报告验证页</Link>
          输入统一社会信用代码、报告编号和验证码；PDF上的二维码指向同一地址。
        </p>
      </article>
    </>
  );
}
