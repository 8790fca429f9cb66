/**
 * 报送完整性核对 (kernel.exchange.completeness): upload the list a source or the national platform returned (CSV/XLSX,
 * the 双公示/import headings), choose the period it covers, and compare it with the records in the caller's scope —
 * what the list names that we do not hold (缺报), what we hold differently field by field (不一致), what we hold
 * that the list does not name (多出), and the cells that could not be read. Each table exports to Excel. Read-only.
 */
import {
  App as AntApp,
  Alert,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Progress,
  Space,
  Statistic,
  Table,
  Tabs,
  Upload,
} from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import type { z } from 'zod';
import { DISCLOSURE_LABELS, SANCTION_LABELS, SEVERITY_LABELS } from '@chengxin/contract';
import type { completenessOut } from '@chengxin/contract/exchange';
import { messageOf } from '@chengxin/ui';
import { client } from '../api';
import { PageTitle, StatusTag, useTypeLabel } from '../common';
import { exportToExcel, type ExportColumn } from '../export';
import { useLang } from '../i18n';
import { Link } from '../router';
import { uploadInParts } from '../upload';

type Result = z.output<typeof completenessOut>;

const FIELD_LABELS: Record<string, { zh: string; en: string }> = {
  decisionDate: { zh: '决定日期', en: 'Decision date' },
  typeKey: { zh: '记录类型', en: 'Record type' },
  severity: { zh: '严重程度', en: 'Severity' },
  sanctionType: { zh: '处分种类', en: 'Sanction' },
  issuingAuthority: { zh: '决定机关', en: 'Issuing authority' },
  disclosureScope: { zh: '公开范围', en: 'Disclosure' },
  subjectName: { zh: '主体名称', en: 'Subject name' },
  decisionNo: { zh: '决定书文号', en: 'Decision no.' },
};

export default function CompletenessPage() {
  const { lang } = useLang();
  const zh = lang === 'zh';
  const { message } = AntApp.useApp();
  const typeLabel = useTypeLabel();
  const [file, setFile] = useState<File | null>(null);
  const [from, setFrom] = useState<string | undefined>();
  const [to, setTo] = useState<string | undefined>();
  const [authority, setAuthority] = useState('');
  const [percent, setPercent] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ field: string; message: string } | null>(null);
  const [result, setResult] = useState<Result | null>(null);

  const fieldLabel = (f: string) => {
    const l = FIELD_LABELS[f];
    return l ? l[lang] : zh ? '其他字段' : 'Other field';
  };
  /** A compared value as people read it: codes of types, severities, sanctions and disclosure scopes by their labels. */
  const valueLabel = (field: string, v: string) => {
    if (!v) return '—';
    if (field === 'typeKey') return typeLabel(v);
    if (field === 'severity') return SEVERITY_LABELS[v as keyof typeof SEVERITY_LABELS]?.[lang] ?? v;
    if (field === 'sanctionType') return SANCTION_LABELS[v as keyof typeof SANCTION_LABELS]?.[lang] ?? v;
    if (field === 'disclosureScope') return DISCLOSURE_LABELS[v as keyof typeof DISCLOSURE_LABELS]?.[lang] ?? v;
    return v;
  };

  const run = async () => {
    setError(null);
    if (!file) return setError({ field: 'file', message: zh ? '请选择要核对的文件' : 'Choose the file to compare' });
    if (from && to && to < from)
      return setError({ field: 'to', message: zh ? '结束日期不能早于开始日期' : 'The end is before the start' });
    setBusy(true);
    setResult(null);
    try {
      const up = await uploadInParts(file, setPercent);
      const r = await client.kernel.exchange.completeness.mutate({
        format: up.format,
        uploadId: up.uploadId,
        filename: file.name,
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        ...(authority.trim() ? { issuingAuthority: authority.trim() } : {}),
      });
      setResult(r);
      void message.success(zh ? '核对完成' : 'Compared');
    } catch (e) {
      const f = (e as { data?: { field?: string | null } }).data?.field ?? '';
      setError({
        field: ['from', 'to', 'issuingAuthority'].includes(f) ? f : 'file',
        message: messageOf(e, lang),
      });
    } finally {
      setBusy(false);
    }
  };

  const exportRows = <T,>(name: string, rows: T[], columns: ExportColumn<T>[]) =>
    void exportToExcel({
      fileName: `${zh ? '报送完整性核对' : 'completeness'}-${name}.xlsx`,
      sheetName: name,
      columns,
      fetchPage: () => Promise.resolve({ items: rows, nextCursor: null }),
    }).catch((e: unknown) => void message.error(messageOf(e, lang)));

  const item = (key: string) => ({
    validateStatus: error?.field === key ? ('error' as const) : undefined,
    help: error?.field === key ? error.message : undefined,
  });
  const line = zh ? '文件行号' : 'Line';
  const no = zh ? '决定书文号' : 'Decision no.';
  const subject = zh ? '主体' : 'Subject';
  const date = zh ? '决定日期' : 'Decision date';
  const exportText = zh ? '导出Excel' : 'Export to Excel';

  return (
    <div>
      <PageTitle>{zh ? '报送完整性核对' : 'Reporting completeness check'}</PageTitle>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title={
          zh
            ? '上传来源单位的清单或信用平台回传的文件（CSV或XLSX，表头同导入格式，须有“决定书文号”列），与本辖区同一期间的记录逐条比对；只读，不改动任何数据。'
            : 'Upload the source list or the file the platform returned (CSV/XLSX with the import headings, a decision-number column required); compared with the records in your scope over the same period. Read-only.'
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Form layout="vertical">
          <Space wrap align="start" size="large">
            <Form.Item label={zh ? '核对文件' : 'File'} required {...item('file')}>
              <Upload
                accept=".csv,.xlsx"
                maxCount={1}
                beforeUpload={(f) => {
                  setFile(f);
                  setError(null);
                  return false;
                }}
                onRemove={() => setFile(null)}
                fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
              >
                <Button icon={<UploadOutlined />} data-testid="completeness-file">
                  {zh ? '选择文件' : 'Choose a file'}
                </Button>
              </Upload>
            </Form.Item>
            <Form.Item label={zh ? '决定日期自' : 'Decided from'} htmlFor="completeness-from" {...item('from')}>
              <DatePicker id="completeness-from" onChange={(d) => setFrom(d ? d.format('YYYY-MM-DD') : undefined)} />
            </Form.Item>
            <Form.Item label={zh ? '至' : 'to'} htmlFor="completeness-to" {...item('to')}>
              <DatePicker id="completeness-to" onChange={(d) => setTo(d ? d.format('YYYY-MM-DD') : undefined)} />
            </Form.Item>
            <Form.Item
              label={zh ? '决定机关（不填为全部）' : 'Issuing authority (blank: all)'}
              htmlFor="completeness-authority"
              {...item('issuingAuthority')}
            >
              <Input
                id="completeness-authority"
                style={{ width: 240 }}
                value={authority}
                onChange={(e) => setAuthority(e.target.value)}
              />
            </Form.Item>
          </Space>
          <Space>
            <Button type="primary" loading={busy} onClick={() => void run()}>
              {zh ? '开始核对' : 'Compare'}
            </Button>
            {busy && <Progress percent={percent} size="small" style={{ width: 200 }} aria-label="upload" />}
          </Space>
        </Form>
      </Card>
      {result && (
        <Card size="small" data-testid="completeness-result">
          <Space size="large" wrap style={{ marginBottom: 12 }}>
            <Statistic title={zh ? '清单条数' : 'Rows in the list'} value={result.feedRows} />
            <Statistic title={zh ? '一致' : 'Matched'} value={result.matched - result.differentCount} />
            <Statistic title={zh ? '缺报（清单有、本系统无）' : 'Missing here'} value={result.missingCount} />
            <Statistic title={zh ? '不一致' : 'Different'} value={result.differentCount} />
            <Statistic title={zh ? '多出（本系统有、清单无）' : 'Not in the list'} value={result.extraCount} />
          </Space>
          <Tabs
            items={[
              {
                key: 'missing',
                label: `${zh ? '缺报' : 'Missing'}（${result.missingCount}）`,
                children: (
                  <>
                    <Button
                      size="small"
                      style={{ marginBottom: 8 }}
                      onClick={() =>
                        exportRows(zh ? '缺报' : 'missing', result.missing, [
                          { title: line, value: (r) => r.line },
                          { title: no, value: (r) => r.decisionNo },
                          { title: subject, value: (r) => r.subject },
                          { title: date, value: (r) => r.decisionDate },
                        ])
                      }
                    >
                      {exportText}
                    </Button>
                    <Table
                      size="small"
                      rowKey={(r) => `${r.line}`}
                      dataSource={result.missing}
                      pagination={{ pageSize: 20 }}
                      columns={[
                        { title: line, dataIndex: 'line', width: 90 },
                        { title: no, dataIndex: 'decisionNo' },
                        { title: subject, dataIndex: 'subject' },
                        { title: date, dataIndex: 'decisionDate', render: (v: string | null) => v ?? '—' },
                      ]}
                    />
                  </>
                ),
              },
              {
                key: 'different',
                label: `${zh ? '不一致' : 'Different'}（${result.differentCount}）`,
                children: (
                  <>
                    <Button
                      size="small"
                      style={{ marginBottom: 8 }}
                      onClick={() =>
                        exportRows(
                          zh ? '不一致' : 'different',
                          result.different.flatMap((r) => r.fields.map((f) => ({ ...r, f }))),
                          [
                            { title: line, value: (r) => r.line },
                            { title: no, value: (r) => r.decisionNo },
                            { title: zh ? '字段' : 'Field', value: (r) => fieldLabel(r.f.field) },
                            { title: zh ? '清单中' : 'In the list', value: (r) => valueLabel(r.f.field, r.f.feed) },
                            { title: zh ? '本系统' : 'Here', value: (r) => valueLabel(r.f.field, r.f.ours) },
                          ],
                        )
                      }
                    >
                      {exportText}
                    </Button>
                    <Table
                      size="small"
                      rowKey={(r) => `${r.line}`}
                      dataSource={result.different}
                      pagination={{ pageSize: 20 }}
                      columns={[
                        { title: line, dataIndex: 'line', width: 90 },
                        {
                          title: no,
                          dataIndex: 'decisionNo',
                          render: (v: string, r) => <Link to={`/records/${r.recordId}`}>{v}</Link>,
                        },
                        {
                          title: zh ? '不一致的字段' : 'Fields',
                          key: 'f',
                          render: (_, r) =>
                            r.fields.map((f) => (
                              <div key={f.field}>
                                {fieldLabel(f.field)}
                                {zh ? '：清单为“' : ': list “'}
                                {valueLabel(f.field, f.feed)}
                                {zh ? '”，本系统为“' : '”, here “'}
                                {valueLabel(f.field, f.ours)}”
                              </div>
                            )),
                        },
                      ]}
                    />
                  </>
                ),
              },
              {
                key: 'extra',
                label: `${zh ? '多出' : 'Not in the list'}（${result.extraCount}）`,
                children: (
                  <>
                    <Button
                      size="small"
                      style={{ marginBottom: 8 }}
                      onClick={() =>
                        exportRows(zh ? '多出' : 'extra', result.extra, [
                          { title: no, value: (r) => r.decisionNo },
                          { title: subject, value: (r) => r.subject },
                          { title: date, value: (r) => r.decisionDate },
                        ])
                      }
                    >
                      {exportText}
                    </Button>
                    <Table
                      size="small"
                      rowKey="recordId"
                      dataSource={result.extra}
                      pagination={{ pageSize: 20 }}
                      columns={[
                        {
                          title: no,
                          dataIndex: 'decisionNo',
                          render: (v: string, r) => <Link to={`/records/${r.recordId}`}>{v}</Link>,
                        },
                        { title: subject, dataIndex: 'subject' },
                        { title: date, dataIndex: 'decisionDate' },
                        {
                          title: zh ? '状态' : 'State',
                          dataIndex: 'status',
                          render: (s: string) => <StatusTag status={s} />,
                        },
                      ]}
                    />
                  </>
                ),
              },
              {
                key: 'issues',
                label: `${zh ? '无法识别的单元格' : 'Unreadable cells'}（${result.issues.length}）`,
                children: (
                  <Table
                    size="small"
                    rowKey={(r) => `${r.line}:${r.column}:${r.code}`}
                    dataSource={result.issues}
                    pagination={{ pageSize: 20 }}
                    columns={[
                      { title: line, dataIndex: 'line', width: 90 },
                      {
                        title: zh ? '列' : 'Column',
                        dataIndex: 'column',
                        render: (c: string) => FIELD_LABELS[c]?.[lang] ?? c,
                      },
                      {
                        title: zh ? '说明' : 'Problem',
                        key: 'm',
                        render: (_, r) => (zh ? r.messageZh : r.messageEn),
                      },
                    ]}
                  />
                ),
              },
            ]}
          />
        </Card>
      )}
    </div>
  );
}
