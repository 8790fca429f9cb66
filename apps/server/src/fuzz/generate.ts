/**
 * Inputs for the fuzzer, generated from each procedure's own input schema (zod → JSON Schema): mostly well-shaped
 * values with hostile leaves (NUL bytes, lone surrogates, the nil UUID, integers past int4/int8, huge and empty
 * strings, full-width digits), sometimes a wrong type or an unknown field, so the checks behind the schema are reached.
 */
import fc from 'fast-check';
import { z } from 'zod';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON Schema nodes are untyped JSON.
type Json = any;

export const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '%',
  '_',
  '\\',
  "'; drop table kernel.person; --",
  '0',
  '-1',
  '9'.repeat(40),
  'x'.repeat(5000),
  '１２０１０３１９８００１０１００１Ｘ',
  '120103 1980 0101 001X',
  '😀',
  '<script>alert(1)</script>',
  '=cmd|calc',
  '../../etc/passwd',
  'null',
  'undefined',
  '2025-02-30',
  '9999-12-31',
  '0000-00-00',
  'NaN',
  'Infinity',
  '00000000-0000-0000-0000-000000000000',
];
export const HOSTILE_NUMBERS = [
  0,
  -1,
  1,
  2147483647,
  2147483648,
  -2147483649,
  9007199254740991,
  Number.MAX_SAFE_INTEGER + 2,
  1e21,
  -1e308,
  1.5,
  0.1,
  1e-9,
];
const NIL_UUID = '00000000-0000-0000-0000-000000000000';

export interface GenerateOptions {
  /** Ids worth sending (fixture bodies, persons, records): found rows reach deeper code than random ids. */
  ids: readonly string[];
}

const hostileLeaf = fc.oneof(
  fc.constantFrom<unknown>(...HOSTILE_STRINGS),
  fc.constantFrom<unknown>(...HOSTILE_NUMBERS),
  fc.constant(null),
  fc.constant(true),
  fc.constant([]),
  fc.constant({}),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

export function inputArbitrary(schema: z.ZodType | undefined, options: GenerateOptions): fc.Arbitrary<unknown> {
  if (!schema) return fc.oneof(fc.constant(undefined), hostileLeaf);
  let root: Json;
  try {
    root = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  } catch {
    return hostileLeaf;
  }
  const defs: Record<string, Json> = root.$defs ?? {};
  const uuid = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...(options.ids.length ? options.ids : [NIL_UUID])) },
    { weight: 2, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: fc.constant(NIL_UUID) },
    { weight: 1, arbitrary: fc.constant('not-a-uuid') },
  );
  const node = (s: Json, depth: number): fc.Arbitrary<unknown> => {
    if (!s || typeof s !== 'object' || depth > 6) return hostileLeaf;
    // Built lazily (chain), so recursive schemas cost nothing until a value goes that deep; depth bounds them.
    return fc.oneof(
      { weight: 12, arbitrary: fc.constant(null).chain(() => shaped(s, depth)) },
      { weight: 1, arbitrary: hostileLeaf },
    );
  };

  const shaped = (s: Json, depth: number): fc.Arbitrary<unknown> => {
    if (typeof s.$ref === 'string')
      return node(s.$ref === '#' ? root : defs[s.$ref.replace('#/$defs/', '')], depth + 1);
    if (s.const !== undefined) return fc.constant(s.const);
    if (Array.isArray(s.enum))
      return fc.oneof(
        { weight: 8, arbitrary: fc.constantFrom(...s.enum) },
        { weight: 1, arbitrary: fc.constantFrom<unknown>('', 'NOT_A_VALUE', '\u0000') },
      );
    const branches: Json[] | undefined = s.anyOf ?? s.oneOf;
    if (branches?.length) return fc.oneof(...branches.map((b) => node(b, depth + 1)));
    if (s.allOf?.length) return node(s.allOf[0], depth + 1);
    const type = Array.isArray(s.type) ? s.type[0] : s.type;
    switch (type) {
      case 'string':
        return stringOf(s);
      case 'integer':
      case 'number': {
        const lo = s.minimum ?? s.exclusiveMinimum ?? -1000;
        const hi = s.maximum ?? s.exclusiveMaximum ?? 100_000;
        const inRange =
          type === 'integer'
            ? fc.integer({ min: Math.max(lo, -(2 ** 31)), max: Math.min(hi, 2 ** 31 - 1) })
            : fc.double({ min: lo, max: hi, noNaN: true });
        return fc.oneof(
          { weight: 6, arbitrary: inRange },
          { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_NUMBERS, lo - 1, hi + 1) },
        );
      }
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      case 'array': {
        const item = s.prefixItems ? fc.tuple(...(s.prefixItems as Json[]).map((p) => node(p, depth + 1))) : null;
        if (item) return item;
        return fc.array(node(s.items ?? {}, depth + 1), {
          minLength: 0,
          maxLength: Math.min(s.maxItems ?? 4, depth > 2 ? 2 : 4),
        });
      }
      case 'object': {
        const props: Record<string, Json> = s.properties ?? {};
        const required = new Set<string>(s.required ?? []);
        const fields = Object.entries(props).map(([k, v]) => {
          const value = node(v, depth + 1);
          return [
            k,
            required.has(k)
              ? fc.oneof({ weight: 15, arbitrary: value }, { weight: 1, arbitrary: fc.constant(undefined) })
              : fc.option(value, { nil: undefined, freq: 2 }),
          ] as const;
        });
        const obj = fc
          .record(Object.fromEntries(fields))
          .map((o) =>
            Object.fromEntries(Object.entries(o as Record<string, unknown>).filter(([, v]) => v !== undefined)),
          );
        const extra = fc.oneof(
          { weight: 10, arbitrary: fc.constant(null) },
          { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'unknownField', '\u0000') },
        );
        return fc.tuple(obj, extra, hostileLeaf).map(([o, key, v]) => (key ? { ...o, [key]: v } : o));
      }
      default:
        return hostileLeaf;
    }
  };

  const stringOf = (s: Json): fc.Arbitrary<unknown> => {
    const hostile = fc.constantFrom<unknown>(...HOSTILE_STRINGS);
    if (s.format === 'uuid' || /\[0-9a-fA-F\]\{8\}/.test(String(s.pattern ?? '')))
      return fc.oneof({ weight: 8, arbitrary: uuid }, { weight: 1, arbitrary: hostile });
    if (s.format === 'date' || /\\d\{4\}-\\d\{2\}/.test(String(s.pattern ?? '')))
      return fc.oneof(
        {
          weight: 6,
          arbitrary: fc
            .date({ min: new Date('1990-01-01'), max: new Date('2035-12-31'), noInvalidDate: true })
            .map((d) => d.toISOString().slice(0, 10)),
        },
        { weight: 1, arbitrary: hostile },
      );
    if (s.format === 'date-time')
      return fc.oneof(
        {
          weight: 6,
          arbitrary: fc
            .date({ min: new Date('1990-01-01'), max: new Date('2035-12-31'), noInvalidDate: true })
            .map((d) => d.toISOString()),
        },
        { weight: 1, arbitrary: hostile },
      );
    const max = Math.min(s.maxLength ?? 60, 60);
    const text = fc.oneof(
      fc.string({ minLength: s.minLength ?? 0, maxLength: max }),
      fc.string({ unit: 'grapheme', minLength: s.minLength ?? 0, maxLength: max }),
      fc.constantFrom('天津', '河西区', '测试', '120000000000000000', '津财罚〔2025〕1号'),
    );
    return fc.oneof({ weight: 5, arbitrary: text }, { weight: 2, arbitrary: hostile }, { weight: 1, arbitrary: uuid });
  };

  return node(root, 0);
}
