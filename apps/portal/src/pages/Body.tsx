import { useState, type FormEvent } from 'react';
import { api, errorText, type PublicRecord } from '../api';
import { Loading, RecordCard, RecordCounts } from '../components';
import { useLoad } from '../hooks';
import { Link } from '../router';
import { BodyNotices } from './Notices';

/** Objections are filed by the record's subject: a body's officer signs in with the kernel's login, then files. */
function ObjectionForm({ record, bodyName, onDone }: { record: PublicRecord; bodyName: string; onDone: () => void }) {
  const me = useLoad(() => api.kernel.auth.me.query(), []);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const login = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setError(null);
    try {
      await api.kernel.auth.login.mutate({ username: String(f.get('username')), password: String(f.get('password')) });
      me.reload();
    } catch (err) {
      setError(errorText(err));
    }
  };
  const file = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setError(null);
    try {
      const o = await api.kernel.objections.file.mutate({
        recordId: record.id,
        applicantKind: 'subject',
        applicantName: String(f.get('applicantName')),
        reasons: String(f.get('reasons')),
      });
      setDone(`异议已登记，记录已标注“异议处理中”，应于${o.decideDue}前作出处理决定。`);
      onDone();
    } catch (err) {
      setError(errorText(err));
    }
  };
  if (done)
    return (
      <p className="ok" role="status">
        {done}
      </p>
    );
  return (
    <div className="subpanel">
      <h3>对“{record.decisionNo}”提出异议</h3>
      {me.data === null && !me.loading ? (
        <form onSubmit={(e) => void login(e)} className="form inline">
          <p className="muted">异议由信息主体提出：请本单位的信用信息经办人员登录。</p>
          <label>
            用户名
            <input name="username" autoComplete="username" required />
          </label>
          <label>
            密码
            <input name="password" type="password" autoComplete="current-password" required />
          </label>
          <button className="primary" type="submit">
            登录
          </button>
        </form>
      ) : me.data ? (
        <form onSubmit={(e) => void file(e)} className="form">
          <p className="muted">已登录：{me.data.displayName}</p>
          <label>
            申请人（单位名称）
            <input name="applicantName" defaultValue={bodyName} maxLength={100} required />
          </label>
          <label>
            异议理由
            <textarea name="reasons" rows={4} maxLength={5000} required placeholder="请写明记录有误之处及事实依据" />
          </label>
          <button className="primary" type="submit">
            提交异议
          </button>
        </form>
      ) : null}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

export function BodyPage({ id }: { id: string }) {
  const page = useLoad(() => api.kernel.public.body.query({ orgId: id }), [id]);
  const [objecting, setObjecting] = useState<string | null>(null);
  const p = page.data;
  if (!p) return <Loading error={page.error} loading={page.loading} />;
  const dishonesty = p.records.filter((r) => r.polarity === 'dishonesty');
  const commendations = p.records.filter((r) => r.polarity === 'commendation');
  const objectButton = (r: PublicRecord) =>
    r.polarity === 'dishonesty' && !r.disputed ? (
      <button type="button" className="link" onClick={() => setObjecting(objecting === r.id ? null : r.id)}>
        提出异议
      </button>
    ) : null;
  return (
    <>
      <section className="panel body-head">
        <h1>{p.body.name}</h1>
        <dl className="fields two">
          <dt>统一社会信用代码</dt>
          <dd>{p.body.uscc}</dd>
          <dt>层级</dt>
          <dd>{p.body.levelZh}</dd>
          <dt>类别</dt>
          <dd>{p.body.kindZh}</dd>
          <dt>所属区</dt>
          <dd>{p.body.districtName ?? '—'}</dd>
          <dt>上级单位</dt>
          <dd>{p.body.parentId ? <Link href={`/body/${p.body.parentId}`}>{p.body.parentName}</Link> : '—'}</dd>
          <dt>信用状况</dt>
          <dd>
            <RecordCounts dishonesty={dishonesty.length} commendation={commendations.length} />
          </dd>
        </dl>
        <div className="actions">
          <Link href={`/report/${p.body.id}`} className="button primary">
            信用报告
          </Link>
          <Link href={`/complaint?org=${p.body.id}&name=${encodeURIComponent(p.body.name)}`} className="button">
            投诉举报
          </Link>
        </div>
      </section>
      <section className="panel">
        <h2>公示中的失信记录</h2>
        {dishonesty.length === 0 && <p className="muted">截至{p.asOf}，该单位无公示中的失信记录。</p>}
        {dishonesty.map((r) => (
          <div key={r.id}>
            <RecordCard r={r} action={objectButton(r)} />
            {objecting === r.id && <ObjectionForm record={r} bodyName={p.body.name} onDone={page.reload} />}
          </div>
        ))}
      </section>
      <BodyNotices orgId={p.body.id} />
      {p.repairs.length > 0 && (
        <section className="panel">
          <h2>信用修复</h2>
          <ul className="notes">
            {p.repairs.map((r, i) => (
              <li key={i}>{r.noteZh}</li>
            ))}
          </ul>
        </section>
      )}
      <section className="panel">
        <h2>守信记录（表彰奖励）</h2>
        {commendations.length === 0 ? (
          <p className="muted">无公示中的表彰奖励。</p>
        ) : (
          commendations.map((r) => <RecordCard key={r.id} r={r} />)
        )}
      </section>
    </>
  );
}
