import { rows, type Queryable } from '@chengxin/db';
import { sql } from 'drizzle-orm';
import type { RecordContent } from '@chengxin/contract';
import { badInput } from '../../core';
import { READINGS, readingValue } from './readings';
import type { AppliedRule } from './source';

/**
 * A dishonesty record about a person is personal information: disclosing it to the public needs a basis
 * (政府信息公开条例 §15: 公开会对第三方合法权益造成损害的…不予公开, unless the third party agrees or the public interest
 * demands; 个人信息保护法 §34: state organs process personal information within their statutory powers and as far as
 * necessary). So under the default reading such records are shared within government (政务共享); making one public is
 * a reviewer's reasoned choice, given when publishing it, and recorded in the record's event and the audit log.
 */
export const PERSON_DISCLOSURE_RULE: AppliedRule = {
  ruleId: 'disclosure.person-default-government',
  summaryZh:
    '涉及个人的失信记录默认仅在政务共享范围内使用；向社会公开须由审核人在公示时说明理由，理由记入记录事件和审计日志（设置项 CHENGXIN_PERSON_DEFAULT_DISCLOSURE）',
  summaryEn:
    "Dishonesty records about persons default to government sharing; public disclosure needs the reviewer's reason when publishing, kept in the record's event and the audit log (setting CHENGXIN_PERSON_DEFAULT_DISCLOSURE)",
  source: READINGS.personDisclosure.source,
};

const governmentDefault = () => readingValue('personDisclosure') === 'government';

/** A new person dishonesty record asked to be public is stored as government sharing under the default reading. */
export function personDisclosureDefault(
  content: RecordContent,
  subjectKind: 'org' | 'person',
  polarity: string,
): RecordContent {
  if (
    subjectKind !== 'person' ||
    polarity !== 'dishonesty' ||
    content.disclosureScope !== 'public' ||
    !governmentDefault()
  )
    return content;
  return { ...content, disclosureScope: 'government' };
}

/**
 * Publishing a person's dishonesty record whose version is disclosed to the public needs a reason (at least 10
 * characters), or nothing moves. Checked before the transition, so a refusal writes nothing.
 */
export async function refusePublicPersonWithoutReason(
  db: Queryable,
  ids: string[],
  reason: string | undefined,
): Promise<void> {
  if (!governmentDefault() || (reason && reason.trim().length >= 10)) return;
  const [hit] = await rows<{ id: string }>(
    db,
    sql`select r.id::text from kernel.credit_record r
    join kernel.credit_record_version v on v.record_id = r.id and v.version = r.current_version
    where r.id = any(${sql.param(ids)}::uuid[]) and r.subject_kind = 'person' and r.polarity = 'dishonesty' and v.disclosure_scope = 'public' limit 1`,
  );
  if (hit) {
    throw badInput(
      'PERSON_PUBLIC_NEEDS_REASON',
      'reason',
      `记录${hit.id}涉及个人且设为社会公开：向社会公示须说明理由（不少于10字，${PERSON_DISCLOSURE_RULE.source.law}），或改为政务共享`,
      `Record ${hit.id} is about a person and set to public: publishing it needs a reason of at least 10 characters, or government sharing`,
    );
  }
}
