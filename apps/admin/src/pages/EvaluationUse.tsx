/**
 * Two evaluation pages beside the runs: 第三方评价 (the imported third-party lists, released for the portal by a
 * reviewer who did not import them, or withdrawn) and 结果应用 (the policy areas with their thresholds, an eligibility
 * answer for a district from the published evaluation, and the 绩效考核 export for the level above).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App as AntApp,
  Alert,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import {
  EXTERNAL_RELEASE_LABELS,
  POLICY_AREA_LABELS,
  POLICY_AREAS,
  type PolicyArea,
} from '@chengxin/contract/evaluation';
import { messageOf } from '@chengxin/ui';
import { client, useTRPC } from '../api';
import { OrgPicker, PageTitle } from '../common';
import { useLang } from '../i18n';
import { useSession } from '../session';
import { saveBlob } from './Runs';

type Batch = Awaited<ReturnType<typeof client.kernel.evaluation.external.batches.query>>[number];

export function ThirdPartyPage() {
  const trpc = useTRPC();
  const { lang, l } = useLang();
  const zh = lang === 'zh';
  const { can } = useSession();
  const [acting, setActing] = useState<{ batch: Batch; step: 'release' | 'withdraw' } | null>(null);
  const batches = useQuery(trpc.kernel.evaluation.external.batches.queryOptions({}));
  const review = can('kernel.evaluation.review');
  return (
    <div>
      <PageTitle>{zh ? '第三方评价（审核发布）' : 'Third-party ratings (release)'}</PageTitle>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title={
          zh
            ? '第三方评价由评价人员导入，须由导入人以外的审核人员发布后，才在门户“诚信评价”页与官方评价并列展示（标明评价机构、方法和日期，不与官方得分合并）。'
            : 'Imported lists appear on the portal only after a reviewer other than the importer releases them, beside (never blended with) the official evaluation.'
        }
      />
      {batches.error && <Alert type="error" showIcon title={messageOf(batches.error, lang)} />}
      <Card size="small">
        <Table
          size="small"
          rowKey={(b) => `${b.source}/${b.year}`}
          loading={batches.isPending}
          dataSource={batches.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: zh ? '年度' : 'Year', dataIndex: 'year' },
            { title: zh ? '评价机构' : 'Rater', dataIndex: 'rater' },
            { title: zh ? '来源' : 'Source', dataIndex: 'source' },
            {
              title: zh ? '评价方法' : 'Method',
              dataIndex: 'methodSummary',
              ellipsis: true,
              width: 260,
              render: (m: string | null) => m ?? <Tag color="orange">{zh ? '未提供' : 'Missing'}</Tag>,
            },
            { title: zh ? '评价日期' : 'Rated on', dataIndex: 'ratedOn', render: (d: string | null) => d ?? '—' },
            { title: zh ? '单位数' : 'Bodies', dataIndex: 'rows' },
            {
              title: zh ? '状态' : 'Status',
              key: 'status',
              render: (_, b: Batch) => (
                <Space direction="vertical" size={0}>
                  <Tag color={b.status === 'released' ? 'green' : b.status === 'withdrawn' ? 'default' : 'gold'}>
                    {l(EXTERNAL_RELEASE_LABELS[b.status])}
                  </Tag>
                  {b.releaseNote && <Typography.Text type="secondary">{b.releaseNote}</Typography.Text>}
                  {b.withdrawnReason && <Typography.Text type="secondary">{b.withdrawnReason}</Typography.Text>}
                </Space>
              ),
            },
            ...(review
              ? [
                  {
                    title: zh ? '操作' : 'Action',
                    key: 'act',
                    render: (_: unknown, b: Batch) =>
                      b.status === 'released' ? (
                        <Button size="small" danger onClick={() => setActing({ batch: b, step: 'withdraw' })}>
                          {zh ? '撤回' : 'Withdraw'}
                        </Button>
                      ) : (
                        <Button size="small" type="primary" onClick={() => setActing({ batch: b, step: 'release' })}>
                          {zh ? '审核发布' : 'Release'}
                        </Button>
                      ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {acting && <ReleaseDialog {...acting} onClose={() => setActing(null)} />}
    </div>
  );
}

function ReleaseDialog({ batch, step, onClose }: { batch: Batch; step: 'release' | 'withdraw'; onClose: () => void }) {
  const { lang, t } = useLang();
  const zh = lang === 'zh';
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ok = async () => {
    if (text.trim().length < 2) return setError(t('reasonRequired'));
    setBusy(true);
    try {
      const key = { source: batch.source, year: batch.year };
      if (step === 'release') await client.kernel.evaluation.external.release.mutate({ ...key, note: text.trim() });
      else await client.kernel.evaluation.external.withdraw.mutate({ ...key, reason: text.trim() });
      void message.success(t('done'));
      await queryClient.invalidateQueries();
      onClose();
    } catch (e) {
      setError(messageOf(e, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={step === 'release' ? (zh ? '审核发布第三方评价' : 'Release') : zh ? '撤回第三方评价' : 'Withdraw'}
      onCancel={onClose}
      onOk={() => void ok()}
      confirmLoading={busy}
      okText={t('decide')}
      cancelText={t('cancel')}
    >
      <Typography.Paragraph>
        {batch.rater} · {batch.year}
        {zh ? '年度' : ''} · {batch.rows}
        {zh ? '个单位' : ' bodies'}
      </Typography.Paragraph>
      <label htmlFor="release-text">
        {step === 'release' ? (zh ? '审核意见' : 'Note') : zh ? '撤回理由' : 'Reason'} *
      </label>
      <Input.TextArea
        id="release-text"
        rows={3}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setError(null);
        }}
      />
      {error && (
        <Typography.Text type="danger" role="alert">
          {error}
        </Typography.Text>
      )}
    </Modal>
  );
}

export function PolicyUsePage() {
  const trpc = useTRPC();
  const { lang, l } = useLang();
  const zh = lang === 'zh';
  const { can } = useSession();
  const areas = useQuery(trpc.kernel.evaluation.use.areas.queryOptions());
  const [asked, setAsked] = useState<{ orgId: string; area: PolicyArea; year: number } | null>(null);
  const [orgId, setOrgId] = useState<string | undefined>();
  const answer = useQuery({
    ...trpc.kernel.evaluation.use.eligibility.queryOptions(asked ?? { orgId: '', area: 'pilot', year: 2026 }),
    enabled: !!asked,
  });
  const [exportYear, setExportYear] = useState(new Date().getFullYear() - 1);
  const [exportError, setExportError] = useState<string | null>(null);
  const download = async () => {
    setExportError(null);
    try {
      const file = await client.kernel.evaluation.use.performanceExport.query({
        year: exportYear,
        level: 'district',
        format: 'xlsx',
      });
      const bytes = Uint8Array.from(atob(file.content), (c) => c.charCodeAt(0));
      saveBlob(new Blob([bytes], { type: file.contentType }), file.filename);
    } catch (e) {
      setExportError(messageOf(e, lang));
    }
  };
  return (
    <div>
      <PageTitle>{zh ? '评价结果应用' : 'Evaluation results put to use'}</PageTitle>
      <Card
        size="small"
        title={zh ? '政策领域及门槛（本地设置）' : 'Policy areas and thresholds'}
        style={{ marginBottom: 12 }}
      >
        {areas.error && <Alert type="error" showIcon title={messageOf(areas.error, lang)} />}
        <Table
          size="small"
          rowKey="area"
          loading={areas.isPending}
          dataSource={areas.data ?? []}
          pagination={false}
          columns={[
            { title: zh ? '政策领域' : 'Area', key: 'label', render: (_, a) => (zh ? a.labelZh : a.labelEn) },
            { title: zh ? '规则' : 'Rule', dataIndex: 'summaryZh' },
            {
              title: zh ? '设置' : 'Settings',
              key: 'settings',
              render: (_, a) => (
                <Space direction="vertical" size={0}>
                  {a.settings.map((s) => (
                    <Typography.Text key={s.env} type={s.value === s.fallback ? undefined : 'warning'}>
                      {s.labelZh}：{s.value}
                      {s.value === s.fallback ? (zh ? '（默认）' : ' (default)') : zh ? `（默认${s.fallback}）` : ''}
                    </Typography.Text>
                  ))}
                </Space>
              ),
            },
            {
              title: zh ? '依据' : 'Source',
              key: 'source',
              render: (_, a) => `${a.source.law} ${a.source.article}`,
            },
          ]}
        />
      </Card>
      <Card size="small" title={zh ? '资格判断' : 'Eligibility'} style={{ marginBottom: 12 }}>
        <Form
          layout="inline"
          initialValues={{ area: 'pilot', year: new Date().getFullYear() }}
          onFinish={(v: { area: PolicyArea; year: number }) => orgId && setAsked({ ...v, orgId })}
        >
          <Form.Item label={zh ? '区' : 'District'} required htmlFor="policy-org" style={{ minWidth: 280 }}>
            <OrgPicker id="policy-org" value={orgId} onChange={setOrgId} />
          </Form.Item>
          <Form.Item name="area" label={zh ? '政策领域' : 'Area'}>
            <Select
              style={{ width: 180 }}
              options={POLICY_AREAS.map((a) => ({ value: a, label: l(POLICY_AREA_LABELS[a]) }))}
            />
          </Form.Item>
          <Form.Item name="year" label={zh ? '决策年度' : 'Year'}>
            <InputNumber min={2000} max={2100} />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {zh ? '判断' : 'Ask'}
          </Button>
        </Form>
        {answer.error && (
          <Alert type="error" showIcon title={messageOf(answer.error, lang)} style={{ marginTop: 12 }} />
        )}
        {asked && answer.data && (
          <Descriptions size="small" column={2} bordered style={{ marginTop: 12 }} data-testid="policy-answer">
            <Descriptions.Item label={zh ? '单位' : 'Body'}>{answer.data.orgName}</Descriptions.Item>
            <Descriptions.Item label={zh ? '结论' : 'Outcome'}>
              <Tag
                color={
                  answer.data.outcome === 'eligible'
                    ? 'green'
                    : answer.data.outcome === 'priority' || answer.data.outcome === 'not_eligible'
                      ? 'red'
                      : 'default'
                }
              >
                {answer.data.outcomeZh}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label={zh ? '适用评价年度' : 'Result year'}>{answer.data.resultYear}</Descriptions.Item>
            <Descriptions.Item label={zh ? '得分 / 名次' : 'Score / rank'}>
              {answer.data.score ?? '—'} / {answer.data.rank ?? '—'}
              {answer.data.ranked ? (zh ? `（共${answer.data.ranked}个）` : ` of ${answer.data.ranked}`) : ''}
            </Descriptions.Item>
            <Descriptions.Item label={zh ? '理由' : 'Reason'} span={2}>
              {answer.data.reasonZh}
            </Descriptions.Item>
            <Descriptions.Item label={zh ? '规则' : 'Rule'} span={2}>
              {answer.data.rule.summaryZh}（{answer.data.rule.source.law} {answer.data.rule.source.article}）
            </Descriptions.Item>
          </Descriptions>
        )}
      </Card>
      {can('kernel.evaluation.read') && (
        <Card size="small" title={zh ? '绩效考核导出（报上级）' : 'Performance-assessment export'}>
          <Space>
            <span>{zh ? '评价年度' : 'Year'}</span>
            <InputNumber min={2000} max={2100} value={exportYear} onChange={(v) => setExportYear(Number(v))} />
            <Button onClick={() => void download()}>{zh ? '导出 XLSX' : 'Export XLSX'}</Button>
          </Space>
          {exportError && (
            <Typography.Paragraph type="danger" role="alert" style={{ marginTop: 8 }}>
              {exportError}
            </Typography.Paragraph>
          )}
        </Card>
      )}
    </div>
  );
}
