import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = import.meta.dirname;
const domains = readdirSync(src).filter((d) => statSync(join(src, d)).isDirectory());

describe('the kernel API layout', () => {
  it('keeps every procedure input and output schema in the contract, not inline in a router', () => {
    const inline: string[] = [];
    for (const d of domains) {
      const path = join(src, d, 'router.ts');
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch {
        continue;
      }
      for (const m of text.matchAll(/\.(input|output)\((z\.(?!void\(|custom)|[\w.]+\.extend\()/g))
        inline.push(`${d}/router.ts: .${m[1]}(${m[2]}…`);
    }
    expect(inline).toEqual([]);
  });

  it('composes the domain routers in a short root router', () => {
    const root = readFileSync(join(src, 'router.ts'), 'utf8');
    expect(root).not.toMatch(/procedure\./);
    expect(root.split('\n').length).toBeLessThan(80);
  });
});
