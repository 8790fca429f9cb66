/**
 * 合同审查: the government's review of a PPP agreement before it signs, recorded as a step (reviewer, date, conclusion,
 * findings), and the finding when an agreement was signed without one (津政发〔2017〕29号 三.2).
 */
import {
  jsonValue,
  newId,
  notAfterToday,
  orgInScope,
  rows,
  sql,
  type PluginServices,
  type Queryable,
} from '@chengxin/plugin-sdk';
import type { z } from 'zod';
import {
  REVIEW_CONCLUSION_LABELS,
  REVIEW_STATE_LABELS,
  type REVIEW_CONCLUSIONS,
  type REVIEW_STATES,
  type reviewInput,
  type reviewStateOut,
} from '../contract';
import { lockProject } from './projects';
import { contractReview } from './schema';

type ReviewState = (typeof REVIEW_STATES)[number];
type Review = { reviewedOn: string; conclusion: (typeof REVIEW_CONCLUSIONS)[number] };
type ReviewStateOut = z.infer<typeof reviewStateOut>;

/** Where a project stands against the review-before-signing rule, from its agreement date and its reviews. */
export function reviewState(agreementDate: string | null, reviews: readonly Review[]): ReviewState {
  if (!agreementDate) return 'not_signed';
  const sorted = [...reviews].sort((a, b) => a.reviewedOn.localeCompare(b.reviewedOn));
  const last = sorted.filter((r) => r.reviewedOn <= agreementDate).at(-1);
  if (!last) return sorted.some((r) => r.conclusion !== 'rejected') ? 'reviewed_after_signing' : 'unreviewed';
  return last.conclusion === 'rejected' ? 'signed_despite_rejection' : 'reviewed';
}

const FINDINGS: Partial<Record<ReviewState, (agreementDate: string) => string>> = {
  unreviewed: (d) => `PPP协议于${d}签署，签署前未经政府合同审查。`,
  reviewed_after_signing: (d) => `PPP协议于${d}签署，合同审查在签署之后才进行。`,
  signed_despite_rejection: (d) => `PPP协议于${d}签署，签署前最近一次合同审查的结论为不同意签署。`,
};

type Raw = Omit<ReviewStateOut, 'state' | 'stateZh' | 'finding' | 'reviews'> & { reviews: unknown };

export async function listReviewStates(
  s: PluginServices,
  db: Queryable,
  input: { orgId?: string | undefined; state?: ReviewState | undefined; limit: number; projectId?: string },
): Promise<ReviewStateOut[]> {
  const list = await rows<Raw>(
    db,
    sql`select p.id::text, p.id::text as "projectId", p.name as "projectName", p.org_id::text as "orgId", o.name as "orgName",
      p.agreement_date::text as "agreementDate",
      coalesce((select json_agg(json_build_object('id', r.id, 'reviewedOn', r.reviewed_on::text, 'reviewer', r.reviewer,
        'conclusion', r.conclusion, 'findings', r.findings) order by r.reviewed_on, r.id) from ppp.contract_review r where r.project_id = p.id), '[]') as reviews
    from ppp.project p join kernel_api.org_unit o on o.id = p.org_id
    where ${orgInScope(s.scope, sql`p.org_id`)} ${input.orgId ? sql`and p.org_id = ${input.orgId}` : sql``}
      ${input.projectId ? sql`and p.id = ${input.projectId}` : sql``}
    order by p.agreement_date desc nulls last, p.id`,
  );
  const out = list.map((r): ReviewStateOut => {
    const reviews = jsonValue<Omit<ReviewStateOut['reviews'][number], 'conclusionZh'>[]>(r.reviews);
    const state = reviewState(r.agreementDate, reviews);
    return {
      ...r,
      state,
      stateZh: REVIEW_STATE_LABELS[state].zh,
      finding: r.agreementDate ? (FINDINGS[state]?.(r.agreementDate) ?? null) : null,
      reviews: reviews.map((x) => ({ ...x, conclusionZh: REVIEW_CONCLUSION_LABELS[x.conclusion].zh })),
    };
  });
  return out.filter((r) => !input.state || r.state === input.state).slice(0, input.limit);
}

export async function recordReview(
  s: PluginServices,
  db: Queryable,
  input: z.infer<typeof reviewInput>,
): Promise<ReviewStateOut> {
  notAfterToday(s.today, 'reviewedOn', input.reviewedOn);
  await s.write(async (tx, audit) => {
    const p = await lockProject(tx, input.projectId);
    const id = newId();
    await tx.insert(contractReview).values({ id, ...input, createdBy: s.actor?.id ?? null });
    await audit('ppp.review.record', 'ppp.contract_review', id, {
      projectId: input.projectId,
      reviewedOn: input.reviewedOn,
      reviewer: input.reviewer,
      conclusion: input.conclusion,
      afterSigning: !!p.agreementDate && input.reviewedOn > p.agreementDate,
    });
  });
  return (await listReviewStates(s, db, { projectId: input.projectId, limit: 1 }))[0]!;
}
