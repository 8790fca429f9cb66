import { adminProblems } from '@chengxin/plugin-sdk/admin';
import { describe, expect, it } from 'vitest';
import { investmentPromisesAdmin } from './index';

describe('investment-promises admin pages and forms', () => {
  it("opens every menu entry on one of the plugin's procedures, with the forms it names, each rendering as JSON Schema", async () => {
    expect(await adminProblems(investmentPromisesAdmin, 'investmentPromises')).toEqual([]);
  });
});
