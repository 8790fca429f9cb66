import { ingestRow, recordCreateInput } from '@chengxin/kernel';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { jsonSchema, unknownFields, type Json } from './openapi';

const schemaOf = (s: z.ZodType) => {
  const components: Record<string, Json> = {};
  return { schema: jsonSchema(s, 'input', 'T', components), components };
};

describe('REST schemas', () => {
  it('closes input objects and names every unknown field by its dotted path', () => {
    const { schema, components } = schemaOf(recordCreateInput);
    expect(schema.additionalProperties).toBe(false);
    const base = {
      subject: { kind: 'org', orgId: 'x' },
      typeKey: 'a',
      linkTo: [{ recordId: 'r', kind: 'related', weight: 1 }],
    };
    expect(unknownFields(schema, base, components)).toEqual(['linkTo.0.weight']);
    expect(unknownFields(schema, { ...base, linkTo: [], colour: 'red', payload: { anything: 1 } }, components)).toEqual(
      ['colour'],
    );
  });

  it('checks a union against the branch its discriminator chose', () => {
    const { schema, components } = schemaOf(ingestRow);
    // A person's field on an org subject is not silently dropped.
    expect(unknownFields(schema, { subject: { kind: 'org', orgId: 'x', personId: 'y' } }, components)).toEqual([
      'subject.personId',
    ]);
    expect(unknownFields(schema, { subject: { kind: 'person', idNumber: 'x', orgId: 'o' } }, components)).toEqual([]);
    expect(unknownFields(schema, { subject: { kind: 'org', uscc: 'x' } }, components)).toEqual([]);
  });

  it('hoists recursive definitions into components', () => {
    interface Node {
      name: string;
      children: Node[];
    }
    const node: z.ZodType<Node> = z.lazy(() => z.object({ name: z.string(), children: z.array(node) }));
    const components: Record<string, Json> = {};
    const out = jsonSchema(z.object({ root: node }), 'output', 'Tree', components);
    expect(JSON.stringify(out)).not.toContain('$defs');
    const refs = JSON.stringify([out, components]).match(/#\/components\/schemas\/[\w]+/g) ?? [];
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(components[ref.replace('#/components/schemas/', '')]).toBeDefined();
  });
});
