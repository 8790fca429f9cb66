/**
 * An objection's case page: the application, its deadlines (red when overdue), the record it disputes, and for a
 * reviewer the decision (upheld, corrected with the corrected fields, revoked — a reason always) and the one extension.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App as AntApp,
  Button,
  Card,
  Col,
  Descriptions,
  Input,
  Modal,
  Result,
  Row,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { z } from 'zod';
import { objectionDecideInput } from '@chengxin/contract';
import { SEVERITY_LABELS } from '@chengxin/contract';
import { SchemaForm, errorData, fieldsOf, messageOf, type JsonSchema } from '@chengxin/ui';
import { client, useTRPC } from '../api';
import { Deadline, Forbidden, PageTitle } from '../common';
import { useLang } from '../i18n';
import { OBJECTION_OUTCOME, OBJECTION_STATUS } from './Objections';
import { RecordDetail } from './Record';
import { useSession } from '../session';

export default function ObjectionPage({ id }: { id: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const { t, l, lang } = useLang();
  const { can } = useSession();
  const objection = useQuery(trpc.kernel.objections.get.queryOptions({ id }));
  const [extending, setExtending] = useState(false);
  const [reason, setReason] = useState('');
  const [extendError, setExtendError] = useState<string | null>(null);
  const extend = useMutation({
    mutationFn: () => client.kernel.objections.extend.mutate({ id, reason: reason.trim() }),
    onSuccess: () => {
      setExtending(false);
      void queryClient.invalidateQueries();
      void message.success(t('done'));
    },
    onError: (e) => setExtendError(messageOf(e, lang)),
  });
  const fields = useMemo(
    () =>
      fieldsOf(
        z.toJSONSchema(objectionDecideInput, { io: 'input' }) as JsonSchema,
        {
          outcome: { label: { zh: '处理结果', en: 'Outcome' }, order: 1 },
          reason: { label: { zh: '决定理由', en: 'Reason' }, widget: 'textarea', order: 2 },
          'changes.facts': {
            label: { zh: '更正后的事实（仅“更正”）', en: 'Corrected facts (corrected only)' },
            widget: 'textarea',
            order: 3,
          },
          'changes.decisionNo': {
            label: { zh: '更正后的决定文号（仅“更正”）', en: 'Corrected decision no.' },
            order: 4,
          },
          'changes.severity': { label: { zh: '更正后的严重程度（仅“更正”）', en: 'Corrected severity' }, order: 5 },
        },
        {
          hide: [
            'id',
            'expectedVersion',
            ...[
              'legalBasis',
              'decisionDate',
              'effectiveDate',
              'issuingAuthority',
              'issuingAuthorityUscc',
              'disclosureScope',
              'sanctionType',
              'offenceCount',
              'combinedMonths',
              'payload',
            ].map((k) => `changes.${k}`),
          ],
          optionLabels: { ...OBJECTION_OUTCOME, ...SEVERITY_LABELS },
        },
      ),
    [],
  );

  if (objection.error)
    return errorData(objection.error)?.httpStatus === 403 ? (
      <Forbidden />
    ) : (
      <Result status="error" title={messageOf(objection.error, lang)} />
    );
  if (!objection.data) return <Skeleton active />;
  const o = objection.data;
  const open = o.status !== 'decided';

  return (
    <div>
      <PageTitle>
        {t('objections')}：{o.orgName}
      </PageTitle>
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={12}>
          <Card
            size="small"
            title={
              <Space>
                {lang === 'zh' ? '异议申请' : 'Application'}
                <Tag color={open ? 'processing' : 'default'}>{l(OBJECTION_STATUS[o.status])}</Tag>
              </Space>
            }
            extra={
              open &&
              can('kernel.objections.decide') &&
              !o.extensionReason && <Button onClick={() => setExtending(true)}>{t('extend')}</Button>
            }
          >
            <Descriptions
              size="small"
              column={1}
              items={[
                {
                  key: 'a',
                  label: lang === 'zh' ? '申请人' : 'Applicant',
                  children: `${o.applicantName}（${o.applicantKind === 'agent' ? (lang === 'zh' ? '代理人' : 'agent') : lang === 'zh' ? '本人' : 'subject'}）`,
                },
                { key: 'r', label: lang === 'zh' ? '异议理由' : 'Reasons', children: o.reasons },
                {
                  key: 'e',
                  label: lang === 'zh' ? '证据' : 'Evidence',
                  children: o.evidence.map((e) => e.name).join('、') || '—',
                },
                { key: 'f', label: lang === 'zh' ? '登记日期' : 'Filed', children: o.filedOn },
                {
                  key: 'm',
                  label: lang === 'zh' ? '标注期限' : 'Mark by',
                  children: `${o.markDue}${o.markedOn ? `（${lang === 'zh' ? '已于' : 'marked'} ${o.markedOn}）` : ''}`,
                },
                {
                  key: 'd',
                  label: lang === 'zh' ? '处理期限' : 'Decide by',
                  children: <Deadline due={o.decideDue} overdue={o.overdue} late={o.workingDaysLate} />,
                },
                ...(o.provisional
                  ? [
                      {
                        key: 'p',
                        label: '',
                        children: (
                          <Typography.Text type="warning">
                            {lang === 'zh'
                              ? '期限按法定节假日推算，次年放假安排公布后可能调整'
                              : 'Deadline provisional until next year’s holiday arrangement'}
                          </Typography.Text>
                        ),
                      },
                    ]
                  : []),
                ...(o.extensionReason
                  ? [{ key: 'x', label: lang === 'zh' ? '延期理由' : 'Extended because', children: o.extensionReason }]
                  : []),
                ...(o.outcome
                  ? [
                      {
                        key: 'o',
                        label: lang === 'zh' ? '处理结果' : 'Outcome',
                        children: <Tag>{l(OBJECTION_OUTCOME[o.outcome])}</Tag>,
                      },
                      { key: 'or', label: t('reason'), children: o.outcomeReason },
                      { key: 'od', label: lang === 'zh' ? '决定日期' : 'Decided', children: o.decidedOn },
                    ]
                  : []),
              ]}
            />
          </Card>
          {open && can('kernel.objections.decide') && (
            <Card size="small" title={t('decide')} style={{ marginTop: 12 }}>
              <SchemaForm
                fields={fields}
                lang={lang}
                fixed={{ id }}
                submitText={t('decide')}
                onSubmit={async (input) => {
                  const changes = input['changes'] as Record<string, unknown> | undefined;
                  const record = await client.kernel.records.get.query({ id: o.recordId });
                  await client.kernel.objections.decide.mutate({
                    ...(input as z.input<typeof objectionDecideInput>),
                    ...(input['outcome'] === 'corrected'
                      ? { expectedVersion: record.current.version, changes: changes ?? {} }
                      : { changes: undefined }),
                  });
                  void message.success(t('done'));
                  await queryClient.invalidateQueries();
                }}
              />
            </Card>
          )}
        </Col>
        <Col xs={24} xl={12}>
          <RecordDetail id={o.recordId} compact />
        </Col>
      </Row>
      <Modal
        open={extending}
        title={t('extend')}
        onCancel={() => setExtending(false)}
        confirmLoading={extend.isPending}
        okText={t('extend')}
        cancelText={t('cancel')}
        onOk={() => (reason.trim().length < 2 ? setExtendError(t('reasonRequired')) : extend.mutate())}
      >
        <label htmlFor="extend-reason">{t('reason')} *</label>
        <Input.TextArea
          id="extend-reason"
          rows={3}
          value={reason}
          onChange={(e) => {
            setReason(e.target.value);
            setExtendError(null);
          }}
        />
        {extendError && (
          <Typography.Text type="danger" role="alert">
            {extendError}
          </Typography.Text>
        )}
      </Modal>
    </div>
  );
}
