import { settingValue } from '@chengxin/contract/settings';
/**
 * Security settings with their defaults; each can be changed by an environment variable. These are operating choices,
 * not legal rules, except the query-log retention, which carries its source.
 */
/** A positive number from the environment variable `name`, else `fallback` (unset, empty, not a number, ≤ 0). */
export function positiveSetting(name: string, fallback: number): number {
  const raw = settingValue(name);
  const value = raw === undefined ? NaN : Number(raw);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

export const SECURITY_POLICY = {
  /** Absolute session lifetime. */
  sessionHours: positiveSetting('CHENGXIN_SESSION_HOURS', 8),
  /** A session unused this long ends. */
  idleMinutes: positiveSetting('CHENGXIN_SESSION_IDLE_MINUTES', 30),
  /** Consecutive wrong passwords before the account locks, and for how long. */
  maxFailedLogins: positiveSetting('CHENGXIN_MAX_FAILED_LOGINS', 5),
  lockMinutes: positiveSetting('CHENGXIN_LOCK_MINUTES', 15),
  /** Login attempts per client address per minute, whatever the account. */
  loginPerIpPerMinute: positiveSetting('CHENGXIN_LOGIN_PER_IP_PER_MINUTE', 30),
  /** Default and maximum for integrator tokens. */
  tokenRatePerMinute: positiveSetting('CHENGXIN_TOKEN_RATE_PER_MINUTE', 600),
  tokenMaxDays: positiveSetting('CHENGXIN_TOKEN_MAX_DAYS', 366),
  /** Request bodies larger than this are refused (413). */
  maxBodyBytes: positiveSetting('CHENGXIN_MAX_BODY_BYTES', 8 * 1024 * 1024),
};

/** Query logs (who opened whose file) are kept at least this long. */
export const ACCESS_LOG_RETENTION = {
  years: 5,
  source: '深圳经济特区社会信用条例（2023） 第四十五条第二款（查询记录保存五年以上）',
} as const;
