/**
 * 主动自新: applications on dishonesty records with their evidence (loss recovered, harm prevented, effect removed),
 * and the reviewer's decision naming each measure lightened or waived (plan 二.5). The record itself never changes; the
 * decision shows in the integrity file and in every eligibility answer.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Drawer,
  Form,
  Input,
  Modal,
  Radio,
  Segmented,
  Space,
  Table,
  Tag,
} from 'antd';
import { useState } from 'react';
import {
  MEASURE_EFFECT_LABELS,
  MEASURE_LABELS,
  MEASURES,
  SELF_CORRECTION_EVIDENCE,
  SELF_CORRECTION_EVIDENCE_LABELS,
  type Measure,
  type MeasureEffect,
} from '@chengxin/contract';
import { messageOf } from '@chengxin/ui';
import { useTRPC } from '../api';
import { Deadline, PageTitle } from '../common';
import { useLang } from '../i18n';
import { Link, useLocation } from '../router';
import { can, useSession } from '../session';

export default function SelfCorrectionsPage() {
  const trpc = useTRPC();
  const { lang } = useLang();
  const { me } = useSession();
  const { query } = useLocation();
  const [status, setStatus] = useState<'under_review' | 'decided'>('under_review');
  const [filing, setFiling] = useState<string | null>(query.get('recordId'));
  const [open, setOpen] = useState<string | null>(null);
  const list = useQuery(trpc.kernel.selfCorrections.list.queryOptions({ status, limit: 200 }));
  return (
    <div>
      <PageTitle>主动自新</PageTitle>
      <Card size="small">
        <Space style={{ marginBottom: 12 }}>
          <Segmented
            value={status}
            onChange={(v) => setStatus(v as 'under_review' | 'decided')}
            options={[
              { value: 'under_review', label: '审查中' },
              { value: 'decided', label: '已决定' },
            ]}
          />
        </Space>
        {list.error && <Alert type="error" showIcon title={messageOf(list.error, lang)} />}
        <Table
          size="small"
          rowKey="id"
          loading={list.isPending}
          dataSource={list.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            {
              title: '单位',
              dataIndex: 'orgName',
              render: (v: string, s) => (
                <a onClick={() => setOpen(s.id)} data-testid="self-correction-open">
                  {v}
                  {s.personName ? `（${s.personName}）` : ''}
                </a>
              ),
            },
            {
              title: '失信记录',
              dataIndex: 'recordDecisionNo',
              render: (v: string, s) => <Link to={`/records/${s.recordId}`}>{v}</Link>,
            },
            { title: '申请日期', dataIndex: 'filedOn' },
            {
              title: '办理期限',
              key: 'due',
              render: (_, s) => <Deadline due={s.decideDue} overdue={s.overdue} late={s.workingDaysLate} />,
            },
            {
              title: '决定',
              key: 'decision',
              render: (_, s) =>
                s.status === 'under_review' ? (
                  <Tag color="processing">审查中</Tag>
                ) : s.granted ? (
                  <Space size={4} wrap>
                    {s.measures.map((m) => (
                      <Tag key={m.measure} color={m.effect === 'waived' ? 'green' : 'gold'}>
                        {MEASURE_EFFECT_LABELS[m.effect]}：{MEASURE_LABELS[m.measure]}
                      </Tag>
                    ))}
                  </Space>
                ) : (
                  <Tag>不予认定</Tag>
                ),
            },
          ]}
        />
      </Card>
      {filing && can(me, 'kernel.selfCorrections.file') && (
        <FileSelfCorrection
          recordId={filing}
          onClose={() => setFiling(null)}
          onDone={(id) => (setFiling(null), setOpen(id))}
        />
      )}
      {open && <SelfCorrectionDrawer id={open} onClose={() => setOpen(null)} />}
    </div>
  );
}

interface FileValues {
  applicantName: string;
  kinds: (typeof SELF_CORRECTION_EVIDENCE)[number][];
  description: string;
  documents?: string;
}

/** Filed from a record's page (the record is named in the address: ?recordId=…). */
function FileSelfCorrection({
  recordId,
  onClose,
  onDone,
}: {
  recordId: string;
  onClose: () => void;
  onDone: (id: string) => void;
}) {
  const trpc = useTRPC();
  const { lang } = useLang();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FileValues>();
  const record = useQuery(trpc.kernel.records.get.queryOptions({ id: recordId }));
  const file = useMutation(
    trpc.kernel.selfCorrections.file.mutationOptions({
      onSuccess: (s) => {
        void queryClient.invalidateQueries({ queryKey: trpc.kernel.selfCorrections.list.queryKey() });
        onDone(s.id);
      },
    }),
  );
  return (
    <Modal
      open
      width={640}
      title="登记主动自新申请"
      okText="登记"
      cancelText="取消"
      confirmLoading={file.isPending}
      onCancel={onClose}
      onOk={() =>
        void form.validateFields().then((v) =>
          file.mutate({
            recordId,
            applicantName: v.applicantName,
            evidence: v.kinds.map((kind) => ({
              kind,
              description: v.description,
              documents: (v.documents ?? '')
                .split(/[，,；;\n]/)
                .map((d) => d.trim())
                .filter(Boolean),
            })),
          }),
        )
      }
    >
      {record.data && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={`失信记录：${record.data.orgName} ${record.data.current.decisionNo}`}
          description="主动挽回损失、消除不良影响或者有效阻止危害结果发生的，可从轻或免于实施失信惩戒措施（《天津市人民政府关于加强政务诚信建设的实施意见》二.5）。记录本身不删除。"
        />
      )}
      {file.error && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={messageOf(file.error, lang)} />}
      <Form form={form} layout="vertical" data-testid="self-correction-form">
        <Form.Item name="applicantName" label="申请单位或人员" rules={[{ required: true, message: '请填写申请人' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="kinds" label="情形" rules={[{ required: true, message: '至少选择一种情形' }]}>
          <Checkbox.Group
            options={SELF_CORRECTION_EVIDENCE.map((k) => ({ value: k, label: SELF_CORRECTION_EVIDENCE_LABELS[k] }))}
          />
        </Form.Item>
        <Form.Item name="description" label="具体情况" rules={[{ required: true, message: '请说明具体情况' }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="documents" label="证明材料（以逗号分隔）">
          <Input maxLength={1000} placeholder="如：付款凭证，情况说明" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function SelfCorrectionDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const trpc = useTRPC();
  const { lang } = useLang();
  const { me } = useSession();
  const queryClient = useQueryClient();
  const item = useQuery(trpc.kernel.selfCorrections.get.queryOptions({ id }));
  const [grant, setGrant] = useState(true);
  const [effects, setEffects] = useState<Partial<Record<Measure, MeasureEffect | 'none'>>>({});
  const [reason, setReason] = useState('');
  const decide = useMutation(
    trpc.kernel.selfCorrections.decide.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.kernel.selfCorrections.get.queryKey({ id }) });
        void queryClient.invalidateQueries({ queryKey: trpc.kernel.selfCorrections.list.queryKey() });
      },
    }),
  );
  const s = item.data;
  const measures = MEASURES.flatMap((measure) => {
    const effect = effects[measure];
    return effect && effect !== 'none' ? [{ measure, effect }] : [];
  });
  return (
    <Drawer open width={720} title="主动自新申请" onClose={onClose} data-testid="self-correction-drawer">
      {item.error && <Alert type="error" showIcon title={messageOf(item.error, lang)} />}
      {s && (
        <>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label="单位">{s.orgName}</Descriptions.Item>
            <Descriptions.Item label="失信记录">
              <Link to={`/records/${s.recordId}`}>{s.recordDecisionNo}</Link>
            </Descriptions.Item>
            <Descriptions.Item label="申请人">{s.applicantName}</Descriptions.Item>
            <Descriptions.Item label="情形与证明">
              {s.evidence.map((e, i) => (
                <div key={i}>
                  {SELF_CORRECTION_EVIDENCE_LABELS[e.kind]}：{e.description}
                  {e.documents.length ? `（${e.documents.join('、')}）` : ''}
                </div>
              ))}
            </Descriptions.Item>
            <Descriptions.Item label="申请日期">{s.filedOn}</Descriptions.Item>
            <Descriptions.Item label="办理期限">
              <Deadline due={s.decideDue} overdue={s.overdue} late={s.workingDaysLate} />
            </Descriptions.Item>
            <Descriptions.Item label="依据">
              {s.rule.law} {s.rule.article}
            </Descriptions.Item>
            {s.status === 'decided' && (
              <Descriptions.Item label="决定">
                <div data-testid="self-correction-decision">
                  {s.granted ? s.measures.map((m) => <div key={m.measure}>{m.textZh}</div>) : '不予认定'}
                  <div>
                    {s.decidedOn} 理由：{s.reason}
                  </div>
                </div>
              </Descriptions.Item>
            )}
          </Descriptions>
          {s.status === 'under_review' && can(me, 'kernel.selfCorrections.decide') && (
            <Card size="small" title="作出决定" style={{ marginTop: 16 }}>
              {decide.error && (
                <Alert type="error" showIcon style={{ marginBottom: 12 }} title={messageOf(decide.error, lang)} />
              )}
              <Radio.Group
                value={grant}
                onChange={(e) => setGrant(e.target.value as boolean)}
                style={{ marginBottom: 12 }}
              >
                <Radio value={true}>准予从轻或免于惩戒</Radio>
                <Radio value={false}>不予认定</Radio>
              </Radio.Group>
              {grant &&
                MEASURES.map((m) => (
                  <div key={m} style={{ marginBottom: 8 }} data-testid={`measure-${m}`}>
                    <span style={{ display: 'inline-block', width: 140 }}>{MEASURE_LABELS[m]}</span>
                    <Radio.Group
                      size="small"
                      value={effects[m] ?? 'none'}
                      onChange={(e) => setEffects((x) => ({ ...x, [m]: e.target.value as MeasureEffect | 'none' }))}
                      options={[
                        { value: 'none', label: '照常实施' },
                        { value: 'lightened', label: MEASURE_EFFECT_LABELS.lightened },
                        { value: 'waived', label: MEASURE_EFFECT_LABELS.waived },
                      ]}
                    />
                  </div>
                ))}
              <Input.TextArea
                rows={2}
                placeholder="决定理由（不少于10个字）"
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                data-testid="self-correction-reason"
              />
              <Button
                type="primary"
                style={{ marginTop: 12 }}
                loading={decide.isPending}
                onClick={() => decide.mutate({ id, grant, measures: grant ? measures : [], reason })}
              >
                提交决定
              </Button>
            </Card>
          )}
        </>
      )}
    </Drawer>
  );
}
