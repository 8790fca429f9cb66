/**
 * The OpenAPI 3.1 document of the REST face, generated from the route table and the procedures' own zod schemas and
 * meta (permission, summary) with zod 4's `z.toJSONSchema` (JSON Schema 2020-12, the dialect OpenAPI 3.1 uses).
 */
import type { ProcedureMeta } from '@chengxin/kernel';
import { z } from 'zod';
import type { RestRoute } from './routes';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON Schema objects are untyped JSON.
export type Json = any;

/** What the table needs of a procedure: its input and output schemas, its meta and its kind. */
export interface ProcedureInfo {
  input: z.ZodType | undefined;
  output: z.ZodType | undefined;
  meta: ProcedureMeta;
  type: 'query' | 'mutation' | 'subscription';
}

export const pathParams = (path: string): string[] => [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);

/**
 * A zod schema as JSON Schema for embedding in the document: `$defs` (recursive shapes) hoisted into
 * components.schemas under a prefix, and every input object closed (additionalProperties: false), because the REST face
 * refuses fields a schema does not name.
 */
export function jsonSchema(
  schema: z.ZodType,
  io: 'input' | 'output',
  prefix: string,
  components: Record<string, Json>,
): Json {
  const raw = z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' }) as Json;
  delete raw.$schema;
  const defs: Record<string, Json> = raw.$defs ?? {};
  delete raw.$defs;
  const fix = (node: Json): Json => {
    if (Array.isArray(node)) return node.map(fix);
    if (!node || typeof node !== 'object') return node;
    const out: Json = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith('#/$defs/'))
        out[k] = `#/components/schemas/${prefix}_${v.slice(8)}`;
      else if (k === 'properties' || k === '$defs' || k === 'patternProperties')
        out[k] = Object.fromEntries(Object.entries(v as object).map(([pk, pv]) => [pk, fix(pv)]));
      else out[k] = fix(v);
    }
    if (io === 'input' && out.type === 'object' && out.properties && out.additionalProperties === undefined)
      out.additionalProperties = false;
    return out;
  };
  for (const [name, def] of Object.entries(defs)) components[`${prefix}_${name}`] = fix(def);
  return fix(raw);
}

/**
 * Fields of `value` that `schema` does not name, as dotted paths. A union accepts a field any of its branches names.
 * Only objects the document closes (additionalProperties: false) are checked.
 */
export function unknownFields(schema: Json, value: unknown, components: Record<string, Json>, path = ''): string[] {
  if (!schema || typeof schema !== 'object') return [];
  if (typeof schema.$ref === 'string')
    return unknownFields(components[schema.$ref.replace('#/components/schemas/', '')], value, components, path);
  const branches: Json[] | undefined = schema.anyOf ?? schema.oneOf;
  if (branches) {
    let best: string[] | null = null;
    for (const b of branches) {
      if (!applies(b, value, components)) continue;
      const found = unknownFields(b, value, components, path);
      if (found.length === 0) return [];
      if (!best || found.length < best.length) best = found;
    }
    return best ?? [];
  }
  if (Array.isArray(schema.allOf)) return schema.allOf.flatMap((b: Json) => unknownFields(b, value, components, path));
  const at = (k: string | number) => (path ? `${path}.${k}` : String(k));
  if (Array.isArray(value))
    return schema.items ? value.flatMap((v, i) => unknownFields(schema.items, v, components, at(i))) : [];
  if (!value || typeof value !== 'object') return [];
  const props: Record<string, Json> = schema.properties ?? {};
  const out: string[] = [];
  for (const [k, v] of Object.entries(value)) {
    if (k in props) out.push(...unknownFields(props[k], v, components, at(k)));
    else if (schema.additionalProperties === false) out.push(at(k));
    else if (schema.additionalProperties && typeof schema.additionalProperties === 'object')
      out.push(...unknownFields(schema.additionalProperties, v, components, at(k)));
  }
  return out;
}

/** A union branch whose discriminator (a property with `const`) the value contradicts is not the branch it chose. */
function applies(branch: Json, value: unknown, components: Record<string, Json>): boolean {
  const b = branch?.$ref ? components[branch.$ref.replace('#/components/schemas/', '')] : branch;
  if (!b?.properties || !value || typeof value !== 'object' || Array.isArray(value)) return true;
  for (const [k, p] of Object.entries(b.properties as Record<string, Json>)) {
    if (p && 'const' in p && k in value && (value as Record<string, unknown>)[k] !== p.const) return false;
  }
  return true;
}

/** A route's compiled pieces: its documented parameters and body, and the schemas the handler checks against. */
export interface CompiledRoute {
  route: RestRoute;
  info: ProcedureInfo;
  /** Path and query parameters with their JSON Schema (GET: every one; POST: path only). */
  params: { name: string; in: 'path' | 'query'; required: boolean; schema: Json; description?: string }[];
  /** POST: the body's JSON Schema (closed objects). */
  body: Json | null;
  output: Json;
}

export function compileRoute(route: RestRoute, info: ProcedureInfo, components: Record<string, Json>): CompiledRoute {
  const prefix = route.operationId;
  const inPath = pathParams(route.path);
  const inputSchema = route.params ?? info.input;
  const input = inputSchema
    ? jsonSchema(inputSchema, 'input', `${prefix}_in`, components)
    : { type: 'object', properties: {}, additionalProperties: false };
  const required = new Set<string>(input.required ?? []);
  const props: Record<string, Json> = input.properties ?? {};
  for (const p of inPath)
    if (!(p in props))
      throw new Error(`REST route ${route.method} ${route.path}: {${p}} is not a field of ${route.procedure}'s input`);
  const params: CompiledRoute['params'] = inPath.map((name) => ({
    name,
    in: 'path' as const,
    required: true,
    schema: props[name],
  }));
  let body: Json | null = null;
  if (route.method === 'GET') {
    for (const [name, schema] of Object.entries(props)) {
      if (inPath.includes(name)) continue;
      if (!queryable(schema, components))
        throw new Error(
          `REST route GET ${route.path}: input field ${name} of ${route.procedure} is not a plain value; give the route params`,
        );
      params.push({ name, in: 'query', required: required.has(name), schema });
    }
  } else {
    const base = route.body ? jsonSchema(route.body, 'input', `${prefix}_body`, components) : input;
    const bodyProps = Object.fromEntries(Object.entries(base.properties ?? {}).filter(([k]) => !inPath.includes(k)));
    body = { ...base, properties: bodyProps, additionalProperties: false };
    const req = (base.required ?? []).filter((k: string) => !inPath.includes(k));
    if (req.length) body.required = req;
    else delete body.required;
  }
  const output = info.output ? jsonSchema(info.output, 'output', `${prefix}_out`, components) : {};
  return { route, info, params, body, output };
}

/** A query parameter must be a scalar or an array of scalars. */
function queryable(schema: Json, components: Record<string, Json>): boolean {
  if (schema?.$ref) return queryable(components[schema.$ref.replace('#/components/schemas/', '')], components);
  const branches: Json[] | undefined = schema?.anyOf ?? schema?.oneOf;
  if (branches) return branches.every((b) => queryable(b, components));
  if (schema?.type === 'array') return queryable(schema.items ?? {}, components) && schema.items?.type !== 'array';
  return schema?.type !== 'object';
}

const problemSchema = {
  type: 'object',
  description: 'RFC 9457 problem details, with the same machine code, field and messages as the tRPC error.',
  required: ['type', 'title', 'status', 'code', 'messageZh', 'messageEn'],
  properties: {
    type: { type: 'string', format: 'uri', description: 'urn:chengxin:problem:<code>' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string', description: 'The request path (never a query string).' },
    code: {
      type: 'string',
      description:
        'Machine code, as `appCode` in tRPC errors (e.g. INPUT_INVALID, RECORD_ILLEGAL_TRANSITION, RATE_LIMITED).',
    },
    trpcCode: { type: 'string', description: 'The tRPC error code (BAD_REQUEST, UNAUTHORIZED, …).' },
    field: { type: ['string', 'null'], description: 'The input field at fault, dotted.' },
    messageZh: { type: 'string' },
    messageEn: { type: 'string' },
    issues: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          field: { type: 'string' },
          code: { type: 'string' },
          messageZh: { type: 'string' },
          messageEn: { type: 'string' },
        },
      },
    },
  },
};

const ERROR_RESPONSES: Record<string, string> = {
  '400': 'Bad input: unknown field, wrong type, malformed JSON, invalid value (`issues` lists each field)',
  '401': 'No token, or an unknown, revoked or expired token',
  '403': 'The token lacks the permission, or the subject lies outside its scope',
  '404': 'Not found',
  '409': 'Conflict: an illegal lifecycle move, or an Idempotency-Key reused with a different body',
  '413': 'The body exceeds the size limit',
  '415': 'The body is not application/json',
  '429': 'Rate limit exceeded; see Retry-After',
};

export function openApiDocument(compiled: CompiledRoute[], components: Record<string, Json>, version: string): Json {
  const paths: Record<string, Json> = {};
  for (const c of compiled) {
    const { route, info } = c;
    const isPublic = info.meta.permission === 'public';
    const parameters: Json[] = c.params.map((p) => ({
      name: p.name,
      in: p.in,
      required: p.required,
      schema: p.schema,
      ...(p.in === 'query' && p.schema?.type === 'array' ? { style: 'form', explode: true } : {}),
    }));
    if (route.idempotent) {
      parameters.push({
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        schema: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[\\x21-\\x7e]+$' },
        description:
          'Any unique string per intended write (e.g. a UUID). A retry with the same key and body replays the first response (header Idempotent-Replayed: true) and writes nothing; the same key with another body is 409.',
      });
    }
    const errorCodes =
      route.method === 'POST'
        ? ['400', '401', '403', '404', '409', '413', '415', '429']
        : ['400', '401', '403', '404', '429'];
    const op: Json = {
      operationId: route.operationId,
      tags: [route.tag],
      summary: info.meta.summary ?? route.procedure,
      description: `tRPC procedure \`${route.procedure}\` (${info.type}); permission \`${info.meta.permission}\`, scope \`${info.meta.scope}\`.`,
      'x-trpc-procedure': route.procedure,
      'x-permission': info.meta.permission,
      security: isPublic ? [] : [{ bearerToken: [] }],
      ...(parameters.length ? { parameters } : {}),
      ...(c.body ? { requestBody: { required: true, content: { 'application/json': { schema: c.body } } } } : {}),
      responses: {
        [route.created ? '201' : '200']: {
          description: route.created ? 'Created (Location names the new resource)' : 'OK',
          content: route.raw
            ? Object.fromEntries(route.raw.map((type) => [type, { schema: { type: 'string' } }]))
            : { 'application/json': { schema: c.output } },
        },
        ...Object.fromEntries(errorCodes.map((code) => [code, { $ref: `#/components/responses/Problem${code}` }])),
      },
    };
    const key = `/${route.path.replace(/^\//, '')}`;
    paths[key] = { ...(paths[key] ?? {}), [route.method.toLowerCase()]: op };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: '诚信 Chengxin REST API',
      version,
      summary: 'The REST face of the Chengxin tRPC API for integrators',
      description:
        'Each operation calls the tRPC procedure it names through the same router: permissions, scopes, rate limits, validation, audit and the query log are the same. Authenticate with an API token (`Authorization: Bearer cxt_…`). Errors are RFC 9457 `application/problem+json`. See docs/INTEGRATION.md.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: '/api/v1' }],
    tags: [
      { name: 'orgs', description: '单位 Org units' },
      { name: 'persons', description: '公务员 Civil servants (lookup by ID number only in a POST body)' },
      {
        name: 'records',
        description: '信用记录 Credit records: create, bulk ingest, submit, withdraw a draft, read, poll changes',
      },
      { name: 'files', description: '诚信档案 Integrity files' },
      { name: 'eligibility', description: '资格答复 Eligibility answers' },
      { name: 'objections', description: '异议 Objections' },
      { name: 'complaints', description: '投诉举报 Complaints' },
      { name: 'exports', description: '数据交换 Export batches and acknowledgements' },
      {
        name: 'ocds',
        description:
          '开放合同数据 Public OCDS 1.1 feeds (procurement, bidding, PPP): record packages by ocid and paged release packages, no token needed',
      },
      { name: 'leads', description: '监测线索 Leads from monitoring feeds (courts, news, third parties)' },
      { name: 'public', description: '公示 Public lists and feeds (no token needed)' },
      {
        name: 'audit',
        description: '审计日志 The audit log: signed checkpoints, inclusion and consistency proofs, witnesses',
      },
    ].filter((t) => compiled.some((c) => c.route.tag === t.name)),
    paths,
    components: {
      securitySchemes: {
        bearerToken: {
          type: 'http',
          scheme: 'bearer',
          description:
            'An API token (cxt_…) issued by an administrator with kernel.tokens.create, for a named system, role, org scope, expiry and rate limit.',
        },
      },
      schemas: { Problem: problemSchema, ...components },
      responses: Object.fromEntries(
        Object.entries(ERROR_RESPONSES).map(([code, description]) => [
          `Problem${code}`,
          {
            description,
            ...(code === '429'
              ? { headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds to wait' } } }
              : {}),
            ...(code === '401' ? { headers: { 'WWW-Authenticate': { schema: { type: 'string' } } } } : {}),
            content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
          },
        ]),
      ),
    },
  };
}
