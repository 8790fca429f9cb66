/**
 * 导入向导: choose what to import and the file → staged upload in parts (progress, SHA-256 checked by the server) → map
 * the file's headings to the fields (prefilled from the default headings) → start in batch or row mode → live progress
 * over SSE (`kernel.exchange.import.progress`) → the outcome with the row-level error table and the error report.
 */
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Progress,
  Radio,
  Result,
  Select,
  Space,
  Statistic,
  Steps,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useEffect, useRef, useState } from 'react';
import { messageOf } from '@chengxin/ui';
import { client, useTRPC } from '../api';
import { PageTitle } from '../common';
import { useLang } from '../i18n';
import { useSession } from '../session';
import { saveBlob } from './Runs';

type Kind = 'records' | 'orgs' | 'persons';
type Progress = Awaited<ReturnType<typeof client.kernel.exchange.import.get.query>>;
interface Issue {
  line: number;
  column: string;
  messageZh: string;
  messageEn: string;
  code: string;
}

const KIND_LABELS: Record<Kind, { zh: string; en: string; permission: string }> = {
  records: { zh: '信用记录', en: 'Credit records', permission: 'kernel.exchange.import' },
  orgs: { zh: '单位', en: 'Bodies', permission: 'kernel.orgs.write' },
  persons: { zh: '人员及任职', en: 'Persons and posts', permission: 'kernel.persons.write' },
};
const STATUS_LABELS: Record<Progress['status'], { zh: string; en: string; color: string }> = {
  running: { zh: '进行中', en: 'Running', color: 'processing' },
  done: { zh: '已完成', en: 'Done', color: 'green' },
  rejected: { zh: '整批未导入', en: 'Rejected', color: 'red' },
  failed: { zh: '失败', en: 'Failed', color: 'red' },
};

const norm = (s: string) => s.replace(/\s+/g, '').toLowerCase();

/** RFC 4180 CSV (quotes, doubled quotes, CRLF), enough for the headings and the error report. */
export function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      row.push(cell);
      out.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell || row.length) {
    row.push(cell);
    out.push(row);
  }
  return out.filter((r) => r.some((x) => x.trim() !== ''));
}

const toBase64 = (bytes: Uint8Array) => {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
};
const hex = (buf: ArrayBuffer) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');

export default function ImportPage() {
  const trpc = useTRPC();
  const { lang } = useLang();
  const { can } = useSession();
  const kinds = (Object.keys(KIND_LABELS) as Kind[]).filter((k) => can(KIND_LABELS[k].permission));
  const [step, setStep] = useState(0);
  const [kind, setKind] = useState<Kind>(kinds[0] ?? 'records');
  const [file, setFile] = useState<File | null>(null);
  const [sourceSystem, setSourceSystem] = useState('admin-upload');
  const [uploaded, setUploaded] = useState<{
    uploadId: string;
    format: 'csv' | 'xlsx';
    headings: string[] | null;
    rows: number | null;
  } | null>(null);
  const [uploadPercent, setUploadPercent] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [mode, setMode] = useState<'batch' | 'row'>('batch');
  const [progress, setProgress] = useState<Progress | null>(null);
  const [issues, setIssues] = useState<Issue[] | null>(null);
  const fields = useQuery(trpc.kernel.exchange.fields.queryOptions({ kind }));
  const unsubscribe = useRef<(() => void) | null>(null);
  useEffect(() => () => unsubscribe.current?.(), []);

  // Prefill the mapping: each field takes the file's heading that matches its key or one of its default headings.
  useEffect(() => {
    if (!fields.data || !uploaded) return;
    const byNorm = new Map((uploaded.headings ?? []).map((h) => [norm(h), h]));
    const next: Record<string, string> = {};
    for (const f of fields.data) {
      const found = [f.key, ...f.headings].map((h) => byNorm.get(norm(h))).find((h) => h !== undefined);
      if (found) next[f.key] = found;
    }
    setMapping(next);
  }, [fields.data, uploaded]);

  const upload = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const format = /\.xlsx$/i.test(file.name) ? ('xlsx' as const) : ('csv' as const);
      const bytes = new Uint8Array(await file.arrayBuffer());
      const begun = await client.kernel.exchange.upload.begin.mutate({
        filename: file.name,
        format,
        bytes: bytes.length,
      });
      // base64 grows by 4/3: keep each part's encoded size within the server's part size.
      const partBytes = Math.max(1024, Math.floor((begun.partBytes * 3) / 4 / 3) * 3);
      for (let seq = 0, at = 0; at < bytes.length; seq++, at += partBytes) {
        await client.kernel.exchange.upload.part.mutate({
          uploadId: begun.uploadId,
          seq,
          dataBase64: toBase64(bytes.subarray(at, at + partBytes)),
        });
        setUploadPercent(Math.min(100, Math.round(((at + partBytes) / bytes.length) * 100)));
      }
      const sha256 = hex(await crypto.subtle.digest('SHA-256', bytes));
      await client.kernel.exchange.upload.finish.mutate({ uploadId: begun.uploadId, sha256 });
      let headings: string[] | null = null;
      let rows: number | null = null;
      if (format === 'csv') {
        const table = parseCsv(new TextDecoder('utf-8').decode(bytes));
        headings = (table[0] ?? []).map((h) => h.trim()).filter(Boolean);
        rows = Math.max(0, table.length - 1);
      }
      setUploaded({ uploadId: begun.uploadId, format, headings, rows });
      setStep(2);
    } catch (e) {
      setError(messageOf(e, lang));
    } finally {
      setBusy(false);
    }
  };

  const finish = async (p: Progress) => {
    setProgress(p);
    setStep(4);
    try {
      const report = await client.kernel.exchange.import.errorReport.query({ importId: p.importId });
      const table = parseCsv(report.content).slice(1);
      setIssues(
        table.map((r) => ({
          line: Number(r[0]),
          column: r[1] ?? '',
          messageZh: r[2] ?? '',
          messageEn: r[3] ?? '',
          code: r[4] ?? '',
        })),
      );
    } catch (e) {
      setError(messageOf(e, lang));
    }
  };

  const start = async () => {
    if (!uploaded) return;
    setBusy(true);
    setError(null);
    try {
      const input = {
        format: uploaded.format,
        uploadId: uploaded.uploadId,
        filename: file?.name ?? 'upload',
        mapping,
        mode,
        sourceSystem,
      };
      const first =
        kind === 'records'
          ? await client.kernel.exchange.import.records.mutate(input)
          : kind === 'orgs'
            ? await client.kernel.exchange.import.orgs.mutate(input)
            : await client.kernel.exchange.import.persons.mutate(input);
      setProgress(first);
      setStep(3);
      if (first.status !== 'running') {
        await finish(first);
        return;
      }
      let settled = false;
      const settle = (p: Progress) => {
        if (settled) return;
        settled = true;
        sub.unsubscribe();
        void finish(p);
      };
      // The stream broke or ended without an outcome: ask once where the import stands.
      const ask = async () => {
        if (settled) return;
        try {
          const p = await client.kernel.exchange.import.get.query({ importId: first.importId });
          if (p.status !== 'running') settle(p);
          else setProgress(p);
        } catch (e) {
          setError(messageOf(e, lang));
        }
      };
      const sub = client.kernel.exchange.import.progress.subscribe(
        { importId: first.importId },
        {
          onData: (p) => {
            setProgress(p);
            if (p.status !== 'running') settle(p);
          },
          onError: () => {
            sub.unsubscribe();
            void ask();
          },
          onComplete: () => void ask(),
        },
      );
      unsubscribe.current = () => sub.unsubscribe();
    } catch (e) {
      setError(messageOf(e, lang));
    } finally {
      setBusy(false);
    }
  };

  const downloadReport = async () => {
    if (!progress) return;
    try {
      const report = await client.kernel.exchange.import.errorReport.query({ importId: progress.importId });
      saveBlob(new Blob([report.content], { type: report.contentType }), report.filename);
    } catch (e) {
      setError(messageOf(e, lang));
    }
  };

  const reset = () => {
    unsubscribe.current?.();
    setStep(0);
    setFile(null);
    setUploaded(null);
    setUploadPercent(0);
    setProgress(null);
    setIssues(null);
    setError(null);
  };
  const total = uploaded?.rows ?? null;
  const percent = progress
    ? progress.status !== 'running'
      ? 100
      : total
        ? Math.min(99, Math.round((progress.rowsRead / total) * 100))
        : 50
    : 0;
  const missingRequired = uploaded?.headings ? (fields.data ?? []).filter((f) => f.required && !mapping[f.key]) : [];

  return (
    <div>
      <PageTitle>{lang === 'zh' ? '导入数据' : 'Import'}</PageTitle>
      <Card size="small">
        <Steps
          size="small"
          current={step === 4 ? 5 : step}
          style={{ marginBottom: 16 }}
          items={[
            { title: lang === 'zh' ? '选择文件' : 'File' },
            { title: lang === 'zh' ? '上传' : 'Upload' },
            { title: lang === 'zh' ? '列映射' : 'Mapping' },
            { title: lang === 'zh' ? '导入' : 'Import' },
            { title: lang === 'zh' ? '结果' : 'Result' },
          ]}
        />
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />}

        {step <= 1 && (
          <Form layout="vertical" style={{ maxWidth: 560 }}>
            <Form.Item label={lang === 'zh' ? '导入内容' : 'What'}>
              <Radio.Group
                value={kind}
                onChange={(e) => setKind(e.target.value as Kind)}
                options={kinds.map((k) => ({ value: k, label: KIND_LABELS[k][lang] }))}
              />
            </Form.Item>
            <Form.Item label={lang === 'zh' ? '来源系统' : 'Source system'} required>
              <Input id="import-source" value={sourceSystem} onChange={(e) => setSourceSystem(e.target.value)} />
            </Form.Item>
            <Form.Item label={lang === 'zh' ? '文件（CSV 或 XLSX）' : 'File (CSV or XLSX)'}>
              <Upload
                accept=".csv,.xlsx"
                maxCount={1}
                beforeUpload={(f) => {
                  setFile(f);
                  setStep(1);
                  return false;
                }}
                onRemove={() => {
                  setFile(null);
                  setStep(0);
                }}
                fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
              >
                <Button>{lang === 'zh' ? '选择文件' : 'Choose file'}</Button>
              </Upload>
            </Form.Item>
            {busy && <Progress percent={uploadPercent} size="small" aria-label="upload" />}
            <Button
              type="primary"
              disabled={!file || !sourceSystem.trim()}
              loading={busy}
              onClick={() => void upload()}
            >
              {lang === 'zh' ? '上传' : 'Upload'}
            </Button>
          </Form>
        )}

        {step === 2 && uploaded && (
          <div>
            <Typography.Paragraph type="secondary">
              {lang === 'zh'
                ? '为每个字段选择文件中对应的列（已按默认表头预填）。'
                : 'Choose the file column for each field (prefilled from the default headings).'}
              {total !== null ? (lang === 'zh' ? ` 文件共 ${total} 行数据。` : ` ${total} data rows.`) : ''}
            </Typography.Paragraph>
            <Table
              size="small"
              rowKey="key"
              pagination={false}
              dataSource={fields.data ?? []}
              className="cx-mapping"
              scroll={{ y: 360 }}
              columns={[
                {
                  title: lang === 'zh' ? '字段' : 'Field',
                  dataIndex: 'zh',
                  render: (_: unknown, f) => (
                    <span>
                      {lang === 'zh' ? f.zh : f.en}
                      {f.required ? <Typography.Text type="danger"> *</Typography.Text> : null}
                    </span>
                  ),
                },
                {
                  title: lang === 'zh' ? '文件中的列' : 'Column in the file',
                  key: 'heading',
                  render: (_: unknown, f) =>
                    uploaded.headings ? (
                      <Select
                        allowClear
                        style={{ width: 240 }}
                        value={mapping[f.key]}
                        aria-label={f.zh}
                        placeholder={lang === 'zh' ? '（不导入）' : '(not imported)'}
                        onChange={(v: string | undefined) =>
                          setMapping((m) => {
                            const n = { ...m };
                            if (v) n[f.key] = v;
                            else delete n[f.key];
                            return n;
                          })
                        }
                        options={uploaded.headings.map((h) => ({ value: h, label: h }))}
                      />
                    ) : (
                      // XLSX: the headings are read by the server; leave a field empty to use its default headings.
                      <Input
                        style={{ width: 240 }}
                        value={mapping[f.key] ?? ''}
                        aria-label={f.zh}
                        placeholder={f.headings.join(' / ')}
                        onChange={(e) =>
                          setMapping((m) => {
                            const n = { ...m };
                            if (e.target.value.trim()) n[f.key] = e.target.value.trim();
                            else delete n[f.key];
                            return n;
                          })
                        }
                      />
                    ),
                },
              ]}
            />
            {missingRequired.length > 0 && (
              <Alert
                type="warning"
                showIcon
                style={{ marginTop: 12 }}
                title={`${lang === 'zh' ? '未映射的必填字段：' : 'Required fields not mapped: '}${missingRequired.map((f) => (lang === 'zh' ? f.zh : f.en)).join('、')}`}
              />
            )}
            <Space style={{ marginTop: 12 }} wrap>
              <Radio.Group
                value={mode}
                onChange={(e) => setMode(e.target.value as 'batch' | 'row')}
                optionType="button"
                options={[
                  {
                    value: 'batch',
                    label: lang === 'zh' ? '整批（任一行有误则全部不导入）' : 'Batch (all or nothing)',
                  },
                  { value: 'row', label: lang === 'zh' ? '逐行（跳过有误的行）' : 'Row by row (skip bad rows)' },
                ]}
              />
              <Button type="primary" loading={busy} onClick={() => void start()}>
                {lang === 'zh' ? '开始导入' : 'Start import'}
              </Button>
              <Button onClick={reset}>{lang === 'zh' ? '重新选择' : 'Start over'}</Button>
            </Space>
          </div>
        )}

        {step >= 3 && progress && (
          <div>
            <Progress
              percent={percent}
              status={progress.status === 'running' ? 'active' : progress.status === 'done' ? 'success' : 'exception'}
              aria-label="import progress"
            />
            <Space size="large" style={{ margin: '12px 0' }} wrap>
              <Statistic title={lang === 'zh' ? '已读行数' : 'Rows read'} value={progress.rowsRead} />
              <Statistic title={lang === 'zh' ? '新增' : 'Created'} value={progress.created} />
              <Statistic title={lang === 'zh' ? '更新' : 'Updated'} value={progress.updated} />
              <Statistic title={lang === 'zh' ? '未变' : 'Unchanged'} value={progress.unchanged} />
              <Statistic
                title={lang === 'zh' ? '有误行' : 'Rejected rows'}
                value={progress.rejectedRows}
                styles={{ content: { color: progress.rejectedRows ? '#cf1322' : undefined } }}
              />
            </Space>
            <Descriptions
              size="small"
              column={2}
              items={[
                {
                  key: 's',
                  label: lang === 'zh' ? '状态' : 'Status',
                  children: (
                    <Tag color={STATUS_LABELS[progress.status].color} data-testid="import-status">
                      {STATUS_LABELS[progress.status][lang]}
                    </Tag>
                  ),
                },
                {
                  key: 'm',
                  label: lang === 'zh' ? '方式' : 'Mode',
                  children:
                    progress.mode === 'row'
                      ? lang === 'zh'
                        ? '逐行'
                        : 'Row by row'
                      : lang === 'zh'
                        ? '整批'
                        : 'Batch',
                },
                ...(progress.message
                  ? [{ key: 'msg', label: lang === 'zh' ? '说明' : 'Message', children: progress.message }]
                  : []),
              ]}
            />
          </div>
        )}

        {step === 4 && progress && (
          <div style={{ marginTop: 12 }}>
            {progress.status === 'done' && progress.issueCount === 0 && (
              <Result status="success" title={lang === 'zh' ? '导入完成，没有错误' : 'Imported without errors'} />
            )}
            {(issues?.length ?? 0) > 0 && (
              <>
                <Space style={{ marginBottom: 8 }}>
                  <Typography.Text strong>
                    {lang === 'zh' ? `逐行错误（${progress.issueCount}）` : `Row errors (${progress.issueCount})`}
                  </Typography.Text>
                  <Button size="small" onClick={() => void downloadReport()}>
                    {lang === 'zh' ? '下载错误报告' : 'Download the error report'}
                  </Button>
                </Space>
                <Table<Issue>
                  size="small"
                  className="cx-import-issues"
                  rowKey={(r) => `${r.line}:${r.column}:${r.code}`}
                  dataSource={issues ?? []}
                  pagination={{ pageSize: 20, hideOnSinglePage: true }}
                  columns={[
                    { title: lang === 'zh' ? '行号' : 'Line', dataIndex: 'line', width: 70 },
                    { title: lang === 'zh' ? '列' : 'Column', dataIndex: 'column', width: 160 },
                    {
                      title: lang === 'zh' ? '错误说明' : 'Message',
                      key: 'm',
                      render: (_: unknown, r) => (lang === 'zh' ? r.messageZh : r.messageEn),
                    },
                    {
                      title: lang === 'zh' ? '代码' : 'Code',
                      dataIndex: 'code',
                      width: 200,
                      render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
                    },
                  ]}
                />
              </>
            )}
            <Button style={{ marginTop: 12 }} onClick={reset}>
              {lang === 'zh' ? '再导入一个文件' : 'Import another file'}
            </Button>
          </div>
        )}
      </Card>
    </div>
  );
}
