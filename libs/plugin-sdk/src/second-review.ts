import { AppError } from '@chengxin/kernel';

/**
 * The four-eyes step of a plugin's own review: whoever entered an item may not review it, and a return must say what
 * to correct. `item` names the thing in Chinese (评价, 信息…) and the input field that identifies it.
 */
export function checkSecondReview(
  reviewerId: string | null | undefined,
  enteredBy: string | null | undefined,
  decision: { approve: boolean; note?: string | null | undefined },
  item: { zh: string; field: string },
): void {
  if (enteredBy && enteredBy === reviewerId)
    throw new AppError(
      'FORBIDDEN',
      'SAME_PERSON_REVIEW',
      `录入人不能审核自己录入的${item.zh}，须由另一人审核`,
      'The person who entered an item cannot review it',
      item.field,
    );
  if (!decision.approve && !decision.note)
    throw new AppError('BAD_REQUEST', 'NOTE_REQUIRED', '退回须写明审核意见', 'A return needs a note', 'note');
}
