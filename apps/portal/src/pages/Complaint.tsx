import { useState, type FormEvent } from 'react';
import { api, errorText } from '../api';
import { COMPLAINT_CATEGORIES } from '../labels';
import { useLoad } from '../hooks';
import { useLocation } from '../router';

const TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
const MAX_BYTES = 1536 * 1024;

async function toAttachment(file: File) {
  if (!(TYPES as readonly string[]).includes(file.type))
    throw new Error(`附件“${file.name}”的类型不受支持（仅接受JPEG、PNG、PDF）`);
  if (file.size > MAX_BYTES) throw new Error(`附件“${file.name}”超过1.5MB`);
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { filename: file.name, contentType: file.type as (typeof TYPES)[number], dataBase64: btoa(binary) };
}

function StatusLookup({ initial }: { initial: string }) {
  const [code, setCode] = useState(initial);
  const [status, setStatus] = useState<Awaited<ReturnType<typeof api.kernel.complaints.status.query>> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const look = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setStatus(null);
    try {
      setStatus(await api.kernel.complaints.status.query({ receiptCode: code }));
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <section className="panel">
      <h2>凭回执码查询办理进度</h2>
      <form className="form inline" onSubmit={(e) => void look(e)}>
        <label>
          回执码
          <input
            name="receiptCode"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            placeholder="TS…"
            required
            minLength={8}
            maxLength={30}
          />
        </label>
        <button type="submit" className="primary">
          查询
        </button>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {status && (
        <dl className="fields two" data-testid="complaint-status">
          <dt>回执码</dt>
          <dd className="mono">{status.receiptCode}</dd>
          <dt>办理状态</dt>
          <dd>
            <strong>{status.statusZh}</strong>
            {status.escalated ? '（已逾期，已提请上级督办）' : ''}
          </dd>
          <dt>提交日期</dt>
          <dd>{status.filedOn}</dd>
          <dt>办理期限</dt>
          <dd>
            {status.handleDue}
            {status.provisional ? '（节假日安排公布后可能调整）' : ''}
          </dd>
          {status.note && (
            <>
              <dt>说明</dt>
              <dd>{status.note}</dd>
            </>
          )}
          {status.closedOn && (
            <>
              <dt>办结日期</dt>
              <dd>{status.closedOn}</dd>
            </>
          )}
          {status.outcome && (
            <>
              <dt>办理结果</dt>
              <dd>{status.outcome}</dd>
            </>
          )}
        </dl>
      )}
    </section>
  );
}

/**
 * The body complained about, chosen by district and name from the register (the public search); when it cannot be
 * found, free text the handling office resolves to a body before acting on it.
 */
function BodyChooser({
  value,
  onChange,
}: {
  value: { id: string; name: string } | null;
  onChange: (v: { id: string; name: string } | null) => void;
}) {
  const districts = useLoad(() => api.kernel.public.districts.query(), []);
  const [districtId, setDistrictId] = useState('');
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<{ id: string; name: string }[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const find = async () => {
    setError(null);
    if (!q.trim()) return;
    try {
      const r = await api.kernel.public.search.query({
        q: q.trim(),
        kind: 'body',
        limit: 10,
        ...(districtId ? { districtId } : {}),
      });
      setHits(r.items.flatMap((h) => (h.kind === 'body' ? [{ id: h.id, name: h.name }] : [])));
    } catch (err) {
      setError(errorText(err));
    }
  };
  if (value)
    return (
      <p>
        被投诉单位：<strong data-testid="about-body">{value.name}</strong>{' '}
        <button type="button" className="link" onClick={() => onChange(null)}>
          重新选择
        </button>
      </p>
    );
  return (
    <fieldset className="subpanel">
      <legend>被投诉单位（从单位名录中选择）</legend>
      <div className="form inline">
        <label>
          所属区
          <select value={districtId} onChange={(e) => setDistrictId(e.target.value)}>
            <option value="">全市</option>
            {(districts.data ?? []).map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          单位名称
          <input
            value={q}
            onChange={(e) => setQ(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                void find();
              }
            }}
            placeholder="输入单位名称的一部分"
          />
        </label>
        <button type="button" onClick={() => void find()}>
          查找
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {hits && hits.length === 0 && <p className="muted">未找到该单位，可在下方“其他情况说明”中写明。</p>}
      {hits && hits.length > 0 && (
        <ul className="results" data-testid="body-hits">
          {hits.map((h) => (
            <li key={h.id}>
              <button type="button" className="link" onClick={() => onChange(h)}>
                {h.name}
              </button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}

export function ComplaintPage() {
  const { query } = useLocation();
  const fromLink = query.get('org') ? { id: query.get('org')!, name: query.get('name') ?? '' } : null;
  const [about, setAbout] = useState<{ id: string; name: string } | null>(fromLink);
  const aboutOrgId = about?.id;
  const [anonymous, setAnonymous] = useState(true);
  const [receipt, setReceipt] = useState<{ receiptCode: string; handleDue: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setError(null);
    setBusy(true);
    try {
      const files = (f.getAll('attachments') as File[]).filter((x) => x.size > 0);
      if (files.length > 3) throw new Error('最多上传3个附件');
      const attachments = await Promise.all(files.map(toAttachment));
      const text = (k: string) => String(f.get(k) ?? '').trim() || undefined;
      const r = await api.kernel.public.complain.mutate({
        category: String(f.get('category')) as (typeof COMPLAINT_CATEGORIES)[number][0],
        aboutOrgId,
        aboutText: aboutOrgId ? undefined : text('aboutText'),
        content: String(f.get('content')),
        anonymous,
        complainantName: anonymous ? undefined : text('complainantName'),
        complainantContact: anonymous ? undefined : text('complainantContact'),
        attachments,
      });
      setReceipt(r);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <section className="panel">
        <h1>政务失信投诉举报</h1>
        {receipt ? (
          <div className="ok" role="status">
            <p>已收到您的投诉举报。请保存回执码，凭码查询办理进度：</p>
            <p className="receipt mono" data-testid="receipt-code">
              {receipt.receiptCode}
            </p>
            <p>办理期限：{receipt.handleDue}</p>
          </div>
        ) : (
          <form className="form" onSubmit={(e) => void submit(e)}>
            <label>
              类别
              <select name="category" defaultValue="" required>
                <option value="" disabled>
                  请选择类别
                </option>
                {COMPLAINT_CATEGORIES.map(([v, l]) => (
                  <option key={v} value={v}>
                    {l}
                  </option>
                ))}
              </select>
            </label>
            <BodyChooser value={about} onChange={setAbout} />
            {!aboutOrgId && (
              <label>
                其他情况说明（找不到单位时填写被投诉单位或事项，由受理单位核实）
                <input name="aboutText" maxLength={200} placeholder="如：某区某局" />
              </label>
            )}
            <label>
              投诉内容
              <textarea
                name="content"
                rows={6}
                maxLength={5000}
                required
                placeholder="请写明时间、地点、事实经过（请勿填写他人身份证号等个人信息）"
              />
            </label>
            <label>
              附件（JPEG、PNG、PDF，每个不超过1.5MB，最多3个）
              <input
                name="attachments"
                type="file"
                multiple
                accept=".jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf"
              />
            </label>
            <label className="check">
              <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} />
              匿名提交（不留姓名和联系方式）
            </label>
            {!anonymous && (
              <>
                <label>
                  姓名
                  <input name="complainantName" maxLength={50} />
                </label>
                <label>
                  联系方式
                  <input name="complainantContact" maxLength={100} />
                </label>
                <p className="muted">您的姓名和联系方式仅供办理单位联系您，不会公开，查询进度时也不显示。</p>
              </>
            )}
            <button type="submit" className="primary" disabled={busy}>
              {busy ? '正在提交…' : '提交'}
            </button>
          </form>
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </section>
      <StatusLookup key={receipt?.receiptCode ?? ''} initial={receipt?.receiptCode ?? query.get('code') ?? ''} />
    </>
  );
}
