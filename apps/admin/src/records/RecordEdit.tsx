/**
 * Editing a draft (or a record returned for changes) in the same schema form it was entered in. Saved as a
 * correction (`kernel.records.correct`): a new version with a reason, only the fields that changed. A rule's
 * placeholder decision number is not offered as a value; a decision date the rule inferred is confirmed by ticking it
 * (or by changing it).
 */
import { useQuery } from '@tanstack/react-query';
import { Checkbox, Form, Input } from 'antd';
import { useMemo, useState } from 'react';
import { PLACEHOLDER_DECISION_NO, type RecordOut } from '@chengxin/contract';
import { SchemaForm, toValues, type JsonSchema } from '@chengxin/ui';
import { client, useTRPC } from '../api';
import { pickers } from '../common';
import { useLang } from '../i18n';
import { recordFields } from './record-form';
import { proposalOf } from './RecordFacts';

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export function RecordEdit({ record, onDone }: { record: RecordOut; onDone: () => void }) {
  const trpc = useTRPC();
  const { lang } = useLang();
  const rules = useQuery({ ...trpc.kernel.rules.list.queryOptions(), staleTime: Infinity });
  const plugins = useQuery(trpc.kernel.plugins.list.queryOptions());
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const v = record.current;
  const proposal = proposalOf(v.payload);
  const dateOpen = !!proposal?.unconfirmed?.includes('decisionDate');
  const [dateConfirmed, setDateConfirmed] = useState(false);

  const type = rules.data?.recordTypes.find((t) => t.key === record.typeKey);
  const pluginPayload = plugins.data?.flatMap((p) => p.recordTypes).find((t) => t.key === record.typeKey)
    ?.payloadSchema as JsonSchema | undefined;
  const fields = useMemo(
    () => recordFields(record.typeKey, !!type?.sanction, pluginPayload),
    [record.typeKey, type, pluginPayload],
  );
  const stored = useMemo(
    () => ({
      severity: v.severity,
      facts: v.facts,
      legalBasis: v.legalBasis,
      decisionNo: v.decisionNo,
      decisionDate: v.decisionDate,
      effectiveDate: v.effectiveDate,
      issuingAuthority: v.issuingAuthority,
      ...(v.issuingAuthorityUscc ? { issuingAuthorityUscc: v.issuingAuthorityUscc } : {}),
      disclosureScope: v.disclosureScope,
      ...(v.sanctionType ? { sanctionType: v.sanctionType } : {}),
      payload: v.payload,
    }),
    [v],
  );
  const initial = useMemo(() => {
    const values = toValues(fields, stored);
    // The rule's placeholder is not a value to keep: the field starts empty and is required.
    if (PLACEHOLDER_DECISION_NO.test(v.decisionNo)) delete values['decisionNo'];
    return values;
  }, [fields, stored, v.decisionNo]);

  if (!rules.data || !plugins.data) return null;
  return (
    <SchemaForm
      fields={fields}
      lang={lang}
      pickers={pickers}
      initialValues={initial}
      submitText={lang === 'zh' ? '保存修改' : 'Save changes'}
      issuePrefix="changes."
      check={() => {
        if (reason.trim().length >= 2) return true;
        setReasonError(lang === 'zh' ? '请填写修改理由' : 'Give a reason for the change');
        return false;
      }}
      before={
        <>
          <Form.Item
            label={lang === 'zh' ? '修改理由' : 'Reason for the change'}
            required
            htmlFor="edit-reason"
            validateStatus={reasonError ? 'error' : undefined}
            help={reasonError ?? (lang === 'zh' ? '记入版本历史' : 'Kept in the version history')}
          >
            <Input
              id="edit-reason"
              value={reason}
              onChange={(e) => {
                setReason(e.target.value);
                setReasonError(null);
              }}
            />
          </Form.Item>
          {dateOpen && (
            <Form.Item
              label={lang === 'zh' ? '规则推定的决定日期' : 'Decision date inferred by the rule'}
              help={
                lang === 'zh'
                  ? '规则以违约发生日作为决定日期。请改为实际决定日期，或核实无误后勾选确认。'
                  : 'The rule used the breach day. Change it to the real date, or tick to confirm it.'
              }
            >
              <Checkbox
                id="confirm-decision-date"
                checked={dateConfirmed}
                onChange={(e) => setDateConfirmed(e.target.checked)}
              >
                {lang === 'zh'
                  ? `已核实决定日期 ${v.decisionDate} 无误`
                  : `I checked the decision date ${v.decisionDate}`}
              </Checkbox>
            </Form.Item>
          )}
        </>
      }
      onSubmit={async (input) => {
        // Only what changed goes into the correction; the payload keeps the keys the form does not show.
        const changes: Record<string, unknown> = {};
        const next = { ...input, payload: { ...v.payload, ...((input['payload'] as object | undefined) ?? {}) } };
        for (const [k, value] of Object.entries(next))
          if (!same(value, (stored as Record<string, unknown>)[k])) changes[k] = value;
        if (!('payload' in changes)) delete changes['payload'];
        await client.kernel.records.correct.mutate({
          recordId: record.id,
          expectedVersion: v.version,
          reason: reason.trim(),
          changes,
          ...(dateOpen && dateConfirmed ? { confirm: ['decisionDate' as const] } : {}),
        });
        onDone();
      }}
    />
  );
}
