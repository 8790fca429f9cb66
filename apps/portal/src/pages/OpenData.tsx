import { useState } from 'react';
import { api, errorText, saveBlob } from '../api';
import { Loading } from '../components';
import { useLoad } from '../hooks';

/** Downloads follow the cursor page by page (1,000 records each), up to this many records per download in the browser. */
const BROWSER_MAX = 20_000;

const DATASETS = {
  penalty: { zh: '失信信息（行政处罚等，双公示字段）', file: 'public-records' },
  commendation: { zh: '守信信息（表彰奖励）', file: 'public-commendations' },
} as const;
type Dataset = keyof typeof DATASETS;

export function OpenDataPage() {
  const [dataset, setDataset] = useState<Dataset>('penalty');
  const [header, setHeader] = useState<'both' | 'zh' | 'code'>('both');
  const fields = useLoad(() => api.kernel.public.openData.fields.query({ dataset }), [dataset]);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const get = async (format: 'csv' | 'json') => {
    setBusy(format);
    setError(null);
    try {
      const parts: string[] = [];
      const items: unknown[] = [];
      let cursor: string | undefined;
      do {
        const page = await api.kernel.public.openData.records.query({ dataset, format, header, limit: 1000, cursor });
        if (format === 'csv') parts.push(page.csv ?? '');
        else items.push(...(dataset === 'penalty' ? page.items : page.commendations));
        cursor = page.nextCursor ?? undefined;
      } while (cursor && items.length + parts.length * 1000 < BROWSER_MAX);
      const day = new Date().toISOString().slice(0, 10);
      if (format === 'csv')
        saveBlob(
          new Blob(['\ufeff', ...parts], { type: 'text/csv;charset=utf-8' }),
          `${DATASETS[dataset].file}-${day}.csv`,
        );
      else
        saveBlob(
          new Blob(
            [
              JSON.stringify(
                { generatedAt: new Date().toISOString(), dataset, fields: fields.data?.map((f) => f.code), items },
                null,
                1,
              ),
            ],
            { type: 'application/json' },
          ),
          `${DATASETS[dataset].file}-${day}.json`,
        );
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(null);
    }
  };
  return (
    <>
      <section className="panel">
        <h1>开放数据</h1>
        <p>
          公示中的信用记录，与本网站页面同一数据来源。失信信息按“双公示”行政处罚公示字段开放；表彰奖励等守信信息单独开放，不使用处罚字段。
        </p>
        <div className="filters">
          <label>
            数据集{' '}
            <select value={dataset} onChange={(e) => setDataset(e.target.value as Dataset)} aria-label="数据集">
              {Object.entries(DATASETS).map(([k, d]) => (
                <option key={k} value={k}>
                  {d.zh}
                </option>
              ))}
            </select>
          </label>{' '}
          <label>
            CSV表头{' '}
            <select value={header} onChange={(e) => setHeader(e.target.value as typeof header)} aria-label="CSV表头">
              <option value="both">中文名称，第二行为字段代码</option>
              <option value="zh">仅中文名称</option>
              <option value="code">仅字段代码（供程序读取）</option>
            </select>
          </label>
        </div>
        <div className="actions">
          <button type="button" className="primary" disabled={busy !== null} onClick={() => void get('csv')}>
            {busy === 'csv' ? '正在导出…' : '下载CSV'}
          </button>
          <button type="button" disabled={busy !== null} onClick={() => void get('json')}>
            {busy === 'json' ? '正在导出…' : '下载JSON'}
          </button>
        </div>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </section>
      <section className="panel">
        <h2>字段说明</h2>
        <Loading error={fields.error} loading={fields.loading} />
        <table className="report-table">
          <thead>
            <tr>
              <th>中文名称</th>
              <th>字段代码</th>
              <th>说明</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>记录编号</td>
              <td className="mono" data-code>
                recordId
              </td>
              <td>稳定的记录标识，用于增量同步</td>
            </tr>
            {fields.data?.map((f) => (
              <tr key={f.code}>
                <td>{f.zh}</td>
                <td className="mono" data-code>
                  {f.code}
                </td>
                <td>{f.noteZh || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="panel">
        <h2>接口与增量同步</h2>
        <ul>
          <li>
            <span className="mono">
              GET /trpc/kernel.public.openData.records?input={'{"format":"json","limit":1000}'}
            </span>
            ：按记录编号分页，返回 <span className="mono">nextCursor</span>。
          </li>
          <li>
            <span className="mono">
              GET /trpc/kernel.public.openData.changes?input={'{"since":"2026-01-01T00:00:00+08:00"}'}
            </span>
            ：某时刻以来的变化，<span className="mono">ADD</span> 新增公示、<span className="mono">MOD</span>{' '}
            内容或标注变化、<span className="mono">DEL</span> 撤下（期满、修复、撤销）；下次以返回的{' '}
            <span className="mono">until</span> 为 <span className="mono">since</span>。
          </li>
          <li>按来源地址限流；日期为 YYYY-MM-DD（北京时间），金额单位万元。</li>
        </ul>
      </section>
    </>
  );
}
