import { z } from '@chengxin/plugin-sdk/contract';
import { describe, expect, it } from 'vitest';
import { investmentPromisesAdmin } from './index';

describe('investment-promises admin pages and forms', () => {
  it('every menu entry opens a page over one of the plugin\'s procedures, and every form it names exists', async () => {
    for (const entry of investmentPromisesAdmin.nav) {
      const page = (await investmentPromisesAdmin.pages[entry.path]!()).default;
      expect(page.procedure.startsWith('investmentPromises.')).toBe(true);
      if (page.kind === 'table') {
        for (const form of [page.createForm, ...(page.rowActions ?? []).map((a) => a.form)].filter(Boolean)) expect(investmentPromisesAdmin.forms[form!], form).toBeDefined();
      }
    }
  });
  it('renders every form as JSON Schema with Chinese labels', () => {
    for (const [key, form] of Object.entries(investmentPromisesAdmin.forms)) {
      expect(() => z.toJSONSchema(form.schema, { io: 'input', unrepresentable: 'any' }), key).not.toThrow();
      expect(form.title.zh.length).toBeGreaterThan(0);
    }
  });
});
