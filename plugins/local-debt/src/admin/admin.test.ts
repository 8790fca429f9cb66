import { adminProblems } from '@chengxin/plugin-sdk/admin';
import { describe, expect, it } from 'vitest';
import { localDebtAdmin } from './index';

describe('local-debt admin pages and forms', () => {
  it("opens every menu entry on one of the plugin's procedures, with the forms it names, each rendering as JSON Schema", async () => {
    expect(await adminProblems(localDebtAdmin, 'localDebt')).toEqual([]);
  });
});
