/**
 * Operating settings of the public portal's procedures (not legal rules), each from an environment variable with a
 * default. Rates are per client address, counted across every server process (access/limiter.ts).
 */
import { settingValue } from '@chengxin/contract/settings';
import { positiveSetting as num } from '../access';

export const PUBLIC_POLICY = {
  /** Searches and page reads per address per minute. */
  readsPerMinute: num('CHENGXIN_PUBLIC_READS_PER_MINUTE', 300),
  /** Open-data pages and change-feed pages per address per minute. */
  bulkPerMinute: num('CHENGXIN_PUBLIC_BULK_PER_MINUTE', 60),
  /** Report downloads (HTML/PDF) per address per minute: a PDF costs a few hundred milliseconds. */
  reportsPerMinute: num('CHENGXIN_PUBLIC_REPORTS_PER_MINUTE', 20),
  /** The site's public address, printed in reports' QR codes (else the address the browser sends). */
  publicUrl: settingValue('CHENGXIN_PUBLIC_URL')?.replace(/\/+$/, '') || null,
};
