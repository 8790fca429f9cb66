import { api } from '../api';
import { Loading, RecordCard } from '../components';
import { useLoad } from '../hooks';

/** A civil servant's page exists only while a record of theirs is disclosed to the public: name and records only. */
export function PersonPage({ id }: { id: string }) {
  const page = useLoad(() => api.kernel.public.person.query({ personId: id }), [id]);
  const p = page.data;
  if (!p) return <Loading error={page.error} loading={page.loading} />;
  return (
    <section className="panel">
      <h1>{p.person.name}</h1>
      <p className="muted">依法向社会公开的记录（截至{p.asOf}）。不显示身份证号码等个人信息。</p>
      {p.records.map((r) => (
        <RecordCard key={r.id} r={r} />
      ))}
      {p.repairs.map((r, i) => (
        <p key={i} className="muted">
          {r.noteZh.replace('该单位', '该人员')}
        </p>
      ))}
    </section>
  );
}
