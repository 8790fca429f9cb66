import { beijingTime } from '../labels';
import { useEffect, useState, type ChangeEvent, type FormEvent } from 'react';
import { verifyReportOffline, type OfflineProblem, type ReportForVerification } from '@chengxin/contract/tlog';
import { api, errorText, type VerifyResult } from '../api';
import { Badge } from '../components';
import { useLocation } from '../router';

/** Verifies a credit report: the server recomputes it for its date and checks the signed audit checkpoint. */
export function VerifyPage() {
  const { query } = useLocation();
  const [form, setForm] = useState({
    uscc: query.get('uscc') ?? '',
    reportNo: query.get('no') ?? '',
    verificationCode: query.get('code') ?? '',
  });
  const [result, setResult] = useState<VerifyResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (input = form) => {
    setBusy(true);
    setError(null);
    try {
      setResult(await api.kernel.public.verifyReport.query(input));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    if (form.uscc && form.reportNo && form.verificationCode) void run();
    // Verify once when opened from a QR code.
  }, []);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run();
  };
  const field = (key: keyof typeof form, label: string, placeholder: string) => (
    <label>
      {label}
      <input
        name={key}
        value={form[key]}
        placeholder={placeholder}
        required
        onChange={(e) => setForm({ ...form, [key]: e.target.value })}
      />
    </label>
  );
  return (
    <section className="panel">
      <h1>信用报告验证</h1>
      <form className="form" onSubmit={submit}>
        {field('uscc', '统一社会信用代码', '报告上的统一社会信用代码')}
        {field('reportNo', '报告编号', 'XYBG-…')}
        {field('verificationCode', '验证码', 'XXXX-XXXX-XXXX-XXXX')}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? '正在验证…' : '验证'}
        </button>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {result && (
        <div className={`verdict ${result.valid ? 'valid' : 'invalid'}`} role="status" data-testid="verdict">
          <h2>{result.valid ? '验证通过：报告真实有效' : '验证未通过'}</h2>
          {result.reasons.map((r) => (
            <p key={r.code}>{r.messageZh}</p>
          ))}
          {result.report && (
            <dl className="fields two">
              <dt>单位</dt>
              <dd>{result.report.bodyName}</dd>
              <dt>报告编号</dt>
              <dd className="mono">{result.report.reportNo}</dd>
              <dt>报告截至日期</dt>
              <dd>{result.report.asOf}</dd>
              <dt>应列失信记录</dt>
              <dd>{result.report.dishonesty} 条</dd>
              <dt>应列守信记录</dt>
              <dd>{result.report.commendation} 条</dd>
              <dt>决定文号</dt>
              <dd>{result.report.decisionNos.join('；') || '—'}</dd>
            </dl>
          )}
          {result.checkpoint && (
            <p>
              审计检查点第{result.checkpoint.seq}号（{beijingTime(result.checkpoint.at)}签名）：签名{' '}
              {/* A failed verification shows no green: the parts that held are stated, not celebrated. */}
              <Badge tone={result.checkpoint.signatureValid ? (result.valid ? 'green' : 'grey') : 'red'}>
                {result.checkpoint.signatureValid ? '有效' : '无效'}
              </Badge>
              ，日志{' '}
              <Badge tone={result.checkpoint.inChain ? (result.valid ? 'green' : 'grey') : 'red'}>
                {result.checkpoint.inChain ? '未被改写' : '与检查点不符'}
              </Badge>
              ，记录{' '}
              {result.sealed ? (
                <Badge tone={result.valid ? 'green' : 'grey'}>均已被检查点覆盖</Badge>
              ) : (
                <Badge tone="amber">检查点之后有更新</Badge>
              )}
            </p>
          )}
        </div>
      )}
      <OfflineVerify />
    </section>
  );
}

/**
 * 离线验证: checks a downloaded report (JSON) in this browser, from the report and the published verifier keys only —
 * no request to the server is needed (the keys can be pasted from a copy kept elsewhere).
 */
function OfflineVerify() {
  const [report, setReport] = useState<ReportForVerification | null>(null);
  const [keys, setKeys] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<{
    ok: boolean;
    problems: OfflineProblem[];
    proven: number;
    treeSize: number | null;
    ms: number;
  } | null>(null);
  const readFile = async (e: ChangeEvent<HTMLInputElement>) => {
    setResult(null);
    setError(null);
    const f = e.target.files?.[0];
    if (!f) return;
    try {
      const value = JSON.parse(await f.text()) as ReportForVerification;
      if (typeof value.reportNo !== 'string' || !Array.isArray(value.records)) throw new Error('not a report');
      setReport(value);
    } catch {
      setReport(null);
      setError('所选文件不是信用报告数据文件（应为“下载报告数据”得到的文件）');
    }
  };
  const fetchKeys = async () => {
    setError(null);
    try {
      setKeys((await api.kernel.audit.verifierKeys.query()).keys.join('\n'));
    } catch (e) {
      setError(errorText(e));
    }
  };
  const check = async () => {
    if (!report) return;
    setError(null);
    try {
      const t0 = performance.now();
      const r = await verifyReportOffline(report, keys.split(/\s+/).filter(Boolean));
      setResult({ ...r, ms: performance.now() - t0 });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <div className="offline" data-testid="offline-verify">
      <h2>离线验证（不依赖本网站的数据库）</h2>
      <p className="muted">
        选择从信用报告页下载的报告数据文件，并填入公布的审计检查点公钥（可从本站获取，也可粘贴另行保存的副本）。验证在本浏览器内完成：检查点签名、每条记录的日志包含证明。
      </p>
      <div className="form">
        <label>
          报告数据文件
          <input type="file" accept="application/json,.json" name="report-file" onChange={(e) => void readFile(e)} />
        </label>
        <label>
          检查点公钥（每行一个）
          <textarea name="verifier-keys" rows={2} value={keys} onChange={(e) => setKeys(e.target.value)} />
        </label>
        <button type="button" onClick={() => void fetchKeys()}>
          获取本站公布的公钥
        </button>
        <button type="button" className="primary" disabled={!report || !keys.trim()} onClick={() => void check()}>
          离线验证
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {result && (
        <div className={`verdict ${result.ok ? 'valid' : 'invalid'}`} role="status" data-testid="offline-verdict">
          <h2>{result.ok ? '离线验证通过：报告所列记录均在已签名的审计日志中' : '离线验证未通过'}</h2>
          <p>
            {report?.reportNo}：{result.proven}/{report?.records.length ?? 0} 条记录的包含证明有效
            {result.treeSize !== null ? `（检查点日志共 ${result.treeSize} 条）` : ''}，用时 {result.ms.toFixed(1)} 毫秒
          </p>
          {result.problems.map((p, i) => (
            <p key={i}>{p.messageZh}</p>
          ))}
        </div>
      )}
    </div>
  );
}
