import { z } from '@chengxin/plugin-sdk/contract';
import { describe, expect, it } from 'vitest';
import { biddingAdmin } from './index';

describe('bidding admin pages and forms', () => {
  it("every menu entry opens a page over one of the plugin's procedures, and every form it names exists", async () => {
    for (const entry of biddingAdmin.nav) {
      const page = (await biddingAdmin.pages[entry.path]!()).default;
      expect(page.procedure.startsWith('bidding.')).toBe(true);
      if (page.kind === 'table') {
        for (const form of [page.createForm, ...(page.rowActions ?? []).map((a) => a.form)].filter(Boolean))
          expect(biddingAdmin.forms[form!], form).toBeDefined();
      }
    }
  });
  it('renders every form as JSON Schema with Chinese labels', () => {
    for (const [key, form] of Object.entries(biddingAdmin.forms)) {
      expect(() => z.toJSONSchema(form.schema, { io: 'input', unrepresentable: 'any' }), key).not.toThrow();
      expect(form.title.zh.length).toBeGreaterThan(0);
    }
  });
});
