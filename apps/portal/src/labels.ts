/**
 * Labels the portal shows for codes of the townships plugin. Kept here rather than imported from the plugin's
 * contract so the portal's first load does not carry zod and the plugin SDK; the codes are the plugin's stable API.
 */
export const SERVICE_AREA_ZH: Record<string, string> = {
  employment: '就业',
  property: '物业',
  schooling: '就学',
  family_planning: '计生',
  elderly_care: '养老',
  disability: '助残',
  poverty_relief: '扶贫',
  medical_insurance: '医保',
  housing: '住房',
  transport: '出行',
  parking: '停车',
  safety: '防火防盗',
  military_families: '拥军优属',
  convenience: '便民服务',
};
export const PROMISE_STATUS_ZH: Record<string, string> = {
  pending: '履行中',
  kept: '已兑现',
  partly_kept: '部分兑现',
  changed_lawfully: '依法变更',
  broken: '未兑现',
};
export const GRADE_ZH: Record<string, string> = {
  fully: '全部兑现',
  partly: '部分兑现',
  not: '未兑现',
  changed: '依法变更',
};
/** Complaint categories of kernel.complaints (COMPLAINT_CATEGORIES). */
export const COMPLAINT_CATEGORIES = [
  ['promise', '政府承诺未兑现'],
  ['contract', '政府违约（合同、协议）'],
  ['procurement', '政府采购、招标投标'],
  ['service', '政务服务失信'],
  ['payment', '拖欠企业账款'],
  ['other', '其他'],
] as const;

const BEIJING = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});
/** An instant as the printed report says it (the kernel's beijingTime): `2026-12-07 21:53:02（北京时间）`. */
export function beijingTime(instant: string): string {
  const d = new Date(instant);
  return Number.isNaN(d.getTime()) ? instant : `${BEIJING.format(d)}（北京时间）`;
}
