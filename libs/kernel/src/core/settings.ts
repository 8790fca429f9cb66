import { settingValue } from '@chengxin/contract/settings';
/**
 * A whole-number setting read from the environment, with its labelled default: the rule tables use it for every open
 * reading and unconfirmed number (a deadline, a class-hour minimum), so the default is visible and an operator can
 * change it without a code change.
 */
export function setting(env: string, fallback: number): number {
  const raw = settingValue(env);
  const value = raw === undefined ? NaN : Number(raw);
  return Number.isInteger(value) && value >= 0 ? value : fallback;
}
