/**
 * Vitest setup of every project that runs server code: the settings the configuration module would hand the
 * libraries at start (apps/server/src/config.ts → `useSettings`) are here the live test environment, so a test that
 * sets `process.env.CHENGXIN_TODAY` (or any other setting) sees it at once. Test-only: production reads the environment
 * in config.ts alone.
 */
import { useSettings } from '@chengxin/contract/settings';

useSettings(process.env);
