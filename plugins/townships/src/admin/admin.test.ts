import { adminProblems } from '@chengxin/plugin-sdk/admin';
import { describe, expect, it } from 'vitest';
import { townshipsAdmin } from './index';

describe('townships admin pages and forms', () => {
  it("opens every menu entry on one of the plugin's procedures, with the forms it names, each rendering as JSON Schema", async () => {
    expect(await adminProblems(townshipsAdmin, 'townships')).toEqual([]);
  });
});
