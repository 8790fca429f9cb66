import { beijingTime } from '../labels';
import { useEffect, useState, type FormEvent } from 'react';
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
    </section>
  );
}
