import { settingValue } from '@chengxin/contract/settings';
import { dictionary } from '@zxcvbn-ts/language-common';
import { badInput } from '../core';

/**
 * The password policy (NIST SP 800-63B §5.1.1.2 in spirit: length and a list of known-bad passwords rather than
 * composition rules). A password must have at least 10 characters that are not all white space, at least 4 distinct
 * characters, not be an ascending or descending run (1234567890, abcdefghij), not be on the list of ~49,000 common
 * passwords shipped by the npm package @zxcvbn-ts/language-common (compared case-insensitively), not contain the
 * username, and — outside demo mode — not be the published demo password.
 */
export const DEMO_PASSWORD = 'Chengxin@2026';
export const MIN_PASSWORD_LENGTH = 10;

/**
 * Demo mode: the published demo password is allowed and the demo accounts may keep it. Setting CHENGXIN_DEMO_MODE
 * (1 / 0); default: on for the embedded database (a local demo), off when DATABASE_URL names a PostgreSQL server.
 */
export const demoMode = () =>
  settingValue('CHENGXIN_DEMO_MODE') ? settingValue('CHENGXIN_DEMO_MODE') === '1' : !settingValue('DATABASE_URL');

let common: Set<string> | null = null;
const commonPasswords = () => (common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase())));

const isRun = (s: string) => {
  const codes = [...s].map((c) => c.codePointAt(0)!);
  const step = codes[1]! - codes[0]!;
  return Math.abs(step) === 1 && codes.every((c, i) => i === 0 || c - codes[i - 1]! === step);
};

/** Why `password` is refused, or null when it passes. */
export function passwordProblem(password: string, username: string | null): { zh: string; en: string } | null {
  const trimmed = password.trim();
  if ([...trimmed].length < MIN_PASSWORD_LENGTH)
    return {
      zh: `密码至少${MIN_PASSWORD_LENGTH}位（首尾空格不计）`,
      en: `The password needs at least ${MIN_PASSWORD_LENGTH} characters besides leading and trailing spaces`,
    };
  if (new Set(trimmed.toLowerCase()).size < 4)
    return {
      zh: '密码过于简单：至少包含4个不同的字符',
      en: 'The password is too simple: use at least 4 different characters',
    };
  if (isRun(trimmed.toLowerCase()))
    return {
      zh: '密码不能是连续的字符（如1234567890）',
      en: 'The password cannot be a run of characters such as 1234567890',
    };
  if (commonPasswords().has(trimmed.toLowerCase()))
    return {
      zh: '该密码是常见密码，容易被猜中，请换一个',
      en: 'This is a commonly used password and easy to guess; choose another',
    };
  if (username && username.length >= 3 && trimmed.toLowerCase().includes(username.toLowerCase()))
    return { zh: '密码不能包含用户名', en: 'The password cannot contain the username' };
  if (!demoMode() && trimmed === DEMO_PASSWORD)
    return { zh: '不能使用公开的演示密码', en: 'The published demo password cannot be used' };
  return null;
}

/** Refuses a password that breaks the policy, naming the field (400, zh + en). */
export function assertPasswordPolicy(password: string, username: string | null, field: string): void {
  const problem = passwordProblem(password, username);
  if (problem) throw badInput('PASSWORD_WEAK', field, problem.zh, problem.en);
}

/** A sign-in with the demo password outside demo mode must set a new one first (see login). */
export const mustChangePassword = (password: string) => !demoMode() && password === DEMO_PASSWORD;
