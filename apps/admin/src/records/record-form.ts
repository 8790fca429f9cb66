/**
 * The record content form, shared by entering a record and editing a draft: the kernel's content schema, and the
 * payload a type carries — an administrative penalty's national disclosure fields (处罚类别, 处罚内容, 罚款金额 …) or a
 * plugin type's payload schema from its manifest.
 */
import { z } from 'zod';
import { penaltyPayload, recordContent } from '@chengxin/contract';
import { DISCLOSURE_LABELS, PENALTY_CATEGORY_LABELS, SANCTION_LABELS, SEVERITY_LABELS } from '@chengxin/contract';
import { fieldsOf, type FieldModel, type JsonSchema, type UiHint } from '@chengxin/ui';

const label = (zh: string, en: string) => ({ zh, en });
export const KERNEL_UI: Record<string, UiHint> = {
  severity: { label: label('严重程度', 'Severity'), order: 1 },
  sanctionType: { label: label('处分种类（纪律处分）', 'Sanction (disciplinary)'), order: 2 },
  decisionNo: { label: label('决定文号', 'Decision no.'), order: 3 },
  decisionDate: { label: label('决定日期', 'Decision date'), order: 4 },
  effectiveDate: {
    label: label('生效日期（默认同决定日期）', 'Effective date (defaults to the decision date)'),
    order: 5,
  },
  issuingAuthority: { label: label('作出决定机关', 'Issuing authority'), order: 6 },
  issuingAuthorityUscc: { label: label('决定机关统一社会信用代码', 'Authority credit code'), order: 7 },
  facts: { label: label('失信（守信）事实', 'Facts'), widget: 'textarea', order: 8 },
  legalBasis: { label: label('法律依据', 'Legal basis'), widget: 'textarea', order: 9 },
  disclosureScope: { label: label('公开范围', 'Disclosure'), order: 10 },
  offenceCount: { label: label('同类违法次数（合并处理时）', 'Offences decided together'), order: 11 },
  combinedMonths: { label: label('合并后的处分期（月）', 'Combined period (months)'), order: 12 },
  'payload.penaltyCategories': {
    label: label('处罚类别', 'Penalty category'),
    help: label('行政处罚法第九条所列种类，可多选；提交审核前必填', '行政处罚法 §9; required before submitting'),
    order: 20,
  },
  'payload.penaltyContent': {
    label: label('处罚内容', 'Penalty content'),
    widget: 'textarea',
    help: label('按处罚决定书载明的内容填写；提交审核前必填', 'As the decision states it; required before submitting'),
    order: 21,
  },
  'payload.fineFen': { label: label('罚款金额', 'Fine'), widget: 'money', order: 22 },
  'payload.confiscationFen': {
    label: label('没收违法所得、没收非法财物的金额', 'Confiscated amount'),
    widget: 'money',
    order: 23,
  },
  'payload.licence': { label: label('暂扣或吊销证照名称及编号', 'Licence suspended or revoked'), order: 24 },
};
export const OPTION_LABELS = {
  ...SEVERITY_LABELS,
  ...SANCTION_LABELS,
  ...DISCLOSURE_LABELS,
  ...PENALTY_CATEGORY_LABELS,
};
const contentSchema = z.toJSONSchema(recordContent, { io: 'input' }) as JsonSchema;
const penaltySchema = z.toJSONSchema(penaltyPayload, { io: 'input' }) as JsonSchema;

/** The fields of a record type's form (`sanction`: the type carries a sanction type and period). */
export function recordFields(typeKey: string, sanction: boolean, pluginPayload?: JsonSchema): FieldModel[] {
  const properties = { ...contentSchema.properties };
  delete properties['payload'];
  if (pluginPayload) properties['payload'] = pluginPayload;
  else if (typeKey === 'administrative_penalty') properties['payload'] = penaltySchema;
  const schema: JsonSchema = {
    ...contentSchema,
    properties,
    required: [...(contentSchema.required ?? []).filter((r) => r !== 'payload'), ...(pluginPayload ? ['payload'] : [])],
  };
  return fieldsOf(schema, KERNEL_UI, {
    optionLabels: OPTION_LABELS,
    hide: sanction ? [] : ['sanctionType', 'offenceCount', 'combinedMonths'],
  });
}
