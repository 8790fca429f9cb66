/**
 * The model behind the one generic form renderer: a JSON Schema (what `z.toJSONSchema` makes of a plugin's or the
 * kernel's zod schema) plus the UI hints a form declares become a flat list of fields; values are checked with
 * Chinese (or English) messages before they are sent, and converted to what the API takes (元 → 分, '' → absent).
 * Pure TypeScript, no React: tested in Node.
 */

export type Lang = 'zh' | 'en';
export interface Bilingual {
  zh: string;
  en: string;
}
export type Widget =
  'text' | 'textarea' | 'number' | 'money' | 'date' | 'select' | 'multiselect' | 'switch' | 'org' | 'person' | 'json';
export interface UiHint {
  label?: Bilingual;
  widget?: Widget;
  order?: number;
  help?: Bilingual;
}

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  items?: JsonSchema;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  default?: unknown;
  description?: string;
  title?: string;
}

export interface FieldModel {
  /** Dotted path from the form's root (`payload.amountFen`). */
  path: string;
  label: Bilingual;
  help: Bilingual | null;
  widget: Widget;
  required: boolean;
  nullable: boolean;
  options: { value: string; label: Bilingual }[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  integer: boolean;
  defaultValue: unknown;
  order: number;
}

/** Labels for enum values the kernel uses everywhere; a form may pass its own. */
export type OptionLabels = Record<string, Bilingual>;

const typesOf = (s: JsonSchema): string[] => (Array.isArray(s.type) ? s.type : s.type ? [s.type] : []);

/** `anyOf: [X, {type: 'null'}]` → X, nullable. */
function unwrap(schema: JsonSchema): { schema: JsonSchema; nullable: boolean } {
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) {
    const rest = alternatives.filter((a) => !typesOf(a).includes('null') || typesOf(a).length > 1);
    const nullable = rest.length < alternatives.length;
    if (rest.length === 1) {
      const inner = unwrap(rest[0]!);
      return {
        schema: {
          ...inner.schema,
          default: schema.default ?? inner.schema.default,
          description: schema.description ?? inner.schema.description,
        },
        nullable: nullable || inner.nullable,
      };
    }
    return { schema, nullable };
  }
  const types = typesOf(schema);
  if (types.includes('null') && types.length > 1)
    return { schema: { ...schema, type: types.filter((t) => t !== 'null') }, nullable: true };
  return { schema, nullable: false };
}

function widgetFor(schema: JsonSchema, hint: UiHint | undefined): Widget {
  if (hint?.widget) return hint.widget;
  const type = typesOf(schema)[0];
  if (type === 'array' && schema.items?.enum) return 'multiselect';
  if (schema.enum) return 'select';
  if (type === 'boolean') return 'switch';
  if (type === 'integer' || type === 'number') return 'number';
  if (type === 'string') {
    if (schema.format === 'date') return 'date';
    if ((schema.maxLength ?? 0) > 300) return 'textarea';
    return 'text';
  }
  return 'json';
}

/**
 * The fields of an object schema, nested objects flattened into dotted paths (a nested object without its own
 * properties, or an array, becomes one JSON field). `hide` drops paths the page fills in itself (a row's id).
 */
export function fieldsOf(
  schema: JsonSchema,
  ui: Record<string, UiHint> = {},
  options: { optionLabels?: OptionLabels; hide?: string[]; prefix?: string; requiredParent?: boolean } = {},
): FieldModel[] {
  const root = unwrap(schema).schema;
  const out: FieldModel[] = [];
  const required = new Set(root.required ?? []);
  let position = 0;
  for (const [key, raw] of Object.entries(root.properties ?? {})) {
    position++;
    const path = options.prefix ? `${options.prefix}.${key}` : key;
    if (options.hide?.includes(path)) continue;
    const { schema: s, nullable } = unwrap(raw);
    const hint = ui[path] ?? ui[key];
    const isObject =
      typesOf(s).includes('object') && s.properties && Object.keys(s.properties).length > 0 && !hint?.widget;
    if (isObject) {
      out.push(
        ...fieldsOf(s, ui, { ...options, prefix: path, requiredParent: required.has(key) }).map((f) => ({
          ...f,
          order: f.order + position / 1000,
        })),
      );
      continue;
    }
    const enumValues =
      s.enum ??
      (s.anyOf?.every((a) => 'const' in a) ? s.anyOf.map((a) => a.const) : undefined) ??
      (typesOf(s).includes('array') ? s.items?.enum : undefined);
    const widget = widgetFor(enumValues ? { ...s, enum: enumValues } : s, hint);
    // A schema with a title and a description (plugin settings): the title labels it, the description helps.
    const fallback = s.title ?? s.description ?? key;
    const schemaHelp = s.title && s.description ? { zh: s.description, en: s.description } : null;
    out.push({
      path,
      label: hint?.label ?? { zh: fallback, en: s.title ?? key },
      help: hint?.help ?? schemaHelp,
      widget,
      // A field with a default is not required of the user: the server fills it in.
      required:
        required.has(key) &&
        s.default === undefined &&
        !nullable &&
        widget !== 'switch' &&
        options.requiredParent !== false,
      nullable,
      options: (enumValues ?? [])
        .filter((v): v is string => typeof v === 'string')
        .map((v) => ({ value: v, label: options.optionLabels?.[v] ?? { zh: v, en: v } })),
      ...(s.minLength !== undefined ? { minLength: s.minLength } : {}),
      ...(s.maxLength !== undefined ? { maxLength: s.maxLength } : {}),
      ...(s.minimum !== undefined
        ? { minimum: s.minimum }
        : s.exclusiveMinimum !== undefined
          ? { minimum: s.exclusiveMinimum }
          : {}),
      ...(s.maximum !== undefined ? { maximum: s.maximum } : {}),
      ...(s.pattern !== undefined ? { pattern: s.pattern } : {}),
      integer: typesOf(s).includes('integer'),
      defaultValue: s.default,
      order: hint?.order ?? 100 + position,
    });
  }
  return out.sort((a, b) => a.order - b.order);
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
function isDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return mo >= 1 && mo <= 12 && d >= 1 && d <= days;
}

const empty = (v: unknown) =>
  v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);

/** What is wrong with one value, in the user's language; null when it is fine. Money is checked in 元. */
export function checkField(field: FieldModel, value: unknown, lang: Lang = 'zh'): string | null {
  const zh = lang === 'zh';
  const name = zh ? field.label.zh : field.label.en;
  if (empty(value)) return field.required ? (zh ? `请填写${name}` : `${name} is required`) : null;
  switch (field.widget) {
    case 'text':
    case 'textarea':
    case 'org':
    case 'person': {
      const text = String(value).trim();
      if (field.minLength !== undefined && text.length < field.minLength)
        return zh ? `${name}至少${field.minLength}个字` : `${name} needs at least ${field.minLength} characters`;
      if (field.maxLength !== undefined && text.length > field.maxLength)
        return zh ? `${name}不能超过${field.maxLength}个字` : `${name} allows at most ${field.maxLength} characters`;
      if (field.pattern && !new RegExp(field.pattern).test(text))
        return zh ? `${name}格式不正确` : `${name} is malformed`;
      return null;
    }
    case 'date':
      return isDate(String(value))
        ? null
        : zh
          ? `${name}应为有效日期（YYYY-MM-DD）`
          : `${name} must be a date YYYY-MM-DD`;
    case 'number':
    case 'money': {
      const n = typeof value === 'number' ? value : Number(value);
      if (!Number.isFinite(n)) return zh ? `${name}应为数字` : `${name} must be a number`;
      const stored = field.widget === 'money' ? Math.round(n * 100) : n;
      if (field.widget === 'money' && Math.abs(n * 100 - stored) > 1e-6)
        return zh ? `${name}最多保留两位小数（分）` : `${name}: at most two decimals`;
      if (field.integer && field.widget !== 'money' && !Number.isInteger(n))
        return zh ? `${name}应为整数` : `${name} must be a whole number`;
      if (field.minimum !== undefined && stored < field.minimum)
        return zh
          ? `${name}不能小于${field.widget === 'money' ? field.minimum / 100 : field.minimum}`
          : `${name} must be at least ${field.minimum}`;
      if (field.maximum !== undefined && stored > field.maximum)
        return zh
          ? `${name}不能大于${field.widget === 'money' ? field.maximum / 100 : field.maximum}`
          : `${name} must be at most ${field.maximum}`;
      return null;
    }
    case 'select':
      return field.options.some((o) => o.value === value) ? null : zh ? `请选择${name}` : `Choose ${name}`;
    case 'multiselect':
      return Array.isArray(value) && value.every((v) => field.options.some((o) => o.value === v))
        ? null
        : zh
          ? `请选择${name}`
          : `Choose ${name}`;
    case 'json':
      if (typeof value !== 'string') return null;
      try {
        JSON.parse(value);
        return null;
      } catch {
        return zh ? `${name}不是有效的JSON` : `${name} is not valid JSON`;
      }
    default:
      return null;
  }
}

/** Every problem of a filled-in form, by path. */
export function checkForm(
  fields: FieldModel[],
  values: Record<string, unknown>,
  lang: Lang = 'zh',
): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const f of fields) {
    const message = checkField(f, values[f.path], lang);
    if (message) problems[f.path] = message;
  }
  return problems;
}

/** Flat form values (by path) → the nested input the API takes: money in fen, blanks left out (or null when nullable). */
export function toInput(
  fields: FieldModel[],
  values: Record<string, unknown>,
  fixed: Record<string, unknown> = {},
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const set = (path: string, value: unknown) => {
    const keys = path.split('.');
    let node = out;
    for (const k of keys.slice(0, -1)) node = (node[k] ??= {}) as Record<string, unknown>;
    node[keys.at(-1)!] = value;
  };
  for (const [path, value] of Object.entries(fixed)) set(path, value);
  for (const f of fields) {
    const v = values[f.path];
    // A switch never touched is off: a required boolean is sent as false, not left out.
    if (f.widget === 'switch' && v === undefined) {
      set(f.path, false);
      continue;
    }
    if (empty(v)) {
      if (f.nullable && f.defaultValue === undefined && v !== undefined) set(f.path, null);
      continue;
    }
    if (f.widget === 'money') set(f.path, Math.round(Number(v) * 100));
    else if (f.widget === 'number') set(f.path, Number(v));
    else if (f.widget === 'json') set(f.path, typeof v === 'string' ? JSON.parse(v) : v);
    else if (typeof v === 'string') set(f.path, v.trim());
    else set(f.path, v);
  }
  return out;
}

/**
 * The API's nested values → the form's flat values by path (the inverse of toInput): money from fen to 元, objects
 * without fields of their own as JSON text. Used to open a form on what is stored (editing a draft).
 */
export function toValues(fields: FieldModel[], input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = f.path
      .split('.')
      .reduce<unknown>(
        (node, k) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[k] : undefined),
        input,
      );
    if (v === undefined || v === null) continue;
    if (f.widget === 'money' && typeof v === 'number') out[f.path] = v / 100;
    else if (f.widget === 'json') out[f.path] = JSON.stringify(v);
    else out[f.path] = v;
  }
  return out;
}

/** Server issues (`{ field: 'payload.amountFen', messageZh }`) placed on the form's fields; the rest are general. */
export function placeIssues(
  fields: FieldModel[],
  issues: { field: string; messageZh: string; messageEn: string }[],
  lang: Lang = 'zh',
  prefix = '',
): { byField: Record<string, string>; general: string[] } {
  const byField: Record<string, string> = {};
  const general: string[] = [];
  const paths = new Set(fields.map((f) => f.path));
  for (const issue of issues) {
    const path = prefix && issue.field.startsWith(prefix) ? issue.field.slice(prefix.length) : issue.field;
    const message = lang === 'zh' ? issue.messageZh : issue.messageEn;
    if (paths.has(path)) byField[path] ??= message.replace(new RegExp(`^${path.replace(/\./g, '\\.')}：`), '');
    else general.push(message);
  }
  return { byField, general };
}
