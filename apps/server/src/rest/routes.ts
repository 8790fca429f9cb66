/**
 * The REST face's route table: one line per operation, naming the HTTP method and path, the tRPC procedure it calls
 * and how the request becomes the procedure's input. The procedure is called through the same router (createCaller),
 * so its permission, scope check, rate limit, validation, audit and query log are the very code the tRPC face runs;
 * the OpenAPI document (openapi.ts) is generated from this table and the procedures' zod schemas.
 *
 * Adding an operation is one line (see the export batches at the end).
 * Paths are versioned (/api/v1); a breaking change to a route or its schemas needs /api/v2.
 */
import { id, INGEST_MAX_ROWS, ingestInput, ingestRow, legalDate } from '@chengxin/kernel';
import { z } from 'zod';

export type Method = 'GET' | 'POST';
export type Tag =
  | 'orgs'
  | 'persons'
  | 'records'
  | 'files'
  | 'eligibility'
  | 'objections'
  | 'complaints'
  | 'exports'
  | 'ocds'
  | 'leads'
  | 'public'
  | 'audit';

export interface RestRoute {
  method: Method;
  /** Path under /api/v1, with {name} parameters. */
  path: string;
  /** Dotted tRPC procedure path, e.g. 'kernel.records.get'. */
  procedure: string;
  tag: Tag;
  operationId: string;
  /**
   * When the procedure's input is nested, the flat parameters (path and query) of the route and how they become the
   * input. Without it, the input's own top-level fields are the parameters (GET) or the body (POST), and path
   * parameters are input fields of the same name.
   */
  params?: z.ZodObject;
  toInput?: (params: Record<string, unknown>) => unknown;
  /** The body as documented and checked for unknown fields, when it is more specific than the input (ingest rows). */
  body?: z.ZodType;
  /** Honours an Idempotency-Key header: a retry replays the first response and never writes twice. */
  idempotent?: boolean;
  /** 201 Created with a Location header built from the output. */
  created?: (output: unknown) => string;
  /** The output is a document ({ contentType, content }) sent as it is (a feed), in one of these media types. */
  raw?: string[];
}

type Options = Partial<Omit<RestRoute, 'method' | 'path' | 'procedure'>> & { tag: Tag };

const opId = (procedure: string) =>
  procedure
    .split('.')
    .slice(1)
    .map((s, i) => (i === 0 ? s : s[0]!.toUpperCase() + s.slice(1)))
    .join('');
const get = (path: string, procedure: string, o: Options): RestRoute => ({
  method: 'GET',
  path,
  procedure,
  operationId: o.operationId ?? opId(procedure),
  ...o,
});
const post = (path: string, procedure: string, o: Options): RestRoute => ({
  method: 'POST',
  path,
  procedure,
  operationId: o.operationId ?? opId(procedure),
  ...o,
});

const asOf = legalDate.optional();
const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);

export const REST_ROUTES: RestRoute[] = [
  // org units
  get('/orgs', 'kernel.orgs.search', { tag: 'orgs' }),
  get('/orgs/tree', 'kernel.orgs.tree', { tag: 'orgs' }),
  get('/orgs/{id}', 'kernel.orgs.get', { tag: 'orgs' }),
  // persons: by name in the query, by ID number only in a POST body (never a path or query string)
  get('/persons', 'kernel.persons.search', { tag: 'persons' }),
  post('/persons/lookup', 'kernel.persons.findByIdNumber', { tag: 'persons' }),
  get('/persons/{id}', 'kernel.persons.get', { tag: 'persons' }),
  // records
  post('/records', 'kernel.records.create', {
    tag: 'records',
    idempotent: true,
    created: (o) => `/api/v1/records/${(o as { id: string }).id}`,
  }),
  post('/records/ingest', 'kernel.records.ingest', {
    tag: 'records',
    idempotent: true,
    body: ingestInput.extend({ records: z.array(ingestRow).min(1).max(INGEST_MAX_ROWS) }),
  }),
  get('/records', 'kernel.records.list', { tag: 'records' }),
  get('/records/changes', 'kernel.records.changes', { tag: 'records' }),
  get('/records/{id}', 'kernel.records.get', { tag: 'records' }),
  post('/records/{recordId}/submit', 'kernel.records.submit', { tag: 'records' }),
  // 撤回草稿: a draft entered by mistake or twice leaves the queue (reason required; kept in history, never published)
  post('/records/{recordId}/withdraw', 'kernel.records.withdraw', { tag: 'records' }),
  // integrity files
  get('/files/orgs/{orgId}', 'kernel.files.get', {
    tag: 'files',
    operationId: 'filesGetOrg',
    params: z.object({ orgId: id, asOf }),
    toInput: (p) => ({ subject: { kind: 'org', orgId: p['orgId'] }, asOf: p['asOf'] }),
  }),
  get('/files/persons/{personId}', 'kernel.files.get', {
    tag: 'files',
    operationId: 'filesGetPerson',
    params: z.object({ personId: id, asOf }),
    toInput: (p) => ({ subject: { kind: 'person', personId: p['personId'] }, asOf: p['asOf'] }),
  }),
  // eligibility answers
  get('/eligibility/persons/{personId}/annual-assessment', 'kernel.eligibility.annualAssessment', {
    tag: 'eligibility',
  }),
  get('/eligibility/persons/{personId}/promotion', 'kernel.eligibility.promotion', { tag: 'eligibility' }),
  get('/eligibility/persons/{personId}/commendation', 'kernel.commendations.eligibility', { tag: 'eligibility' }),
  get('/eligibility/orgs/{orgId}/annual-assessment', 'kernel.eligibility.annualAssessmentForOrg', {
    tag: 'eligibility',
  }),
  get('/eligibility/orgs/{orgId}/honours', 'kernel.eligibility.honours', { tag: 'eligibility' }),
  // objections and complaints: status
  get('/objections', 'kernel.objections.list', { tag: 'objections' }),
  get('/objections/{id}', 'kernel.objections.get', { tag: 'objections' }),
  get('/complaints', 'kernel.complaints.list', { tag: 'complaints' }),
  get('/complaints/{id}', 'kernel.complaints.get', { tag: 'complaints' }),
  // the receipt code is the complainant's only key: in a body, not a URL that proxies log
  post('/complaints/status', 'kernel.complaints.status', { tag: 'complaints' }),
  // export to the city/national platform: the next batch (an unacknowledged one is served again, byte for byte), a batch
  // by number, the acknowledgement with its checksum, the list; and the changed-since feed for pull consumers
  post('/exports/{channel}/next', 'kernel.exchange.export.next', { tag: 'exports', operationId: 'exportNext' }),
  get('/exports/{channel}/batches', 'kernel.exchange.export.batches', { tag: 'exports', operationId: 'exportBatches' }),
  get('/exports/{channel}/batches/{batchNo}', 'kernel.exchange.export.get', {
    tag: 'exports',
    operationId: 'exportGet',
  }),
  post('/exports/{channel}/batches/{batchNo}/ack', 'kernel.exchange.export.ack', {
    tag: 'exports',
    operationId: 'exportAck',
  }),
  get('/exports/{channel}/changes', 'kernel.exchange.changes', { tag: 'exports', operationId: 'exchangeChanges' }),
  // the public OCDS 1.1 feeds of the publishing plugins (no token; rate-limited per client address like the portal):
  // one process as a record package by ocid, and the release package paged by cursor, optionally changed since a moment.
  // The packages' `uri` names these paths; the extensions they list are served under /ocds/extensions (handler.ts).
  ...(['procurement', 'bidding', 'ppp'] as const).flatMap((plugin) => [
    get(`/ocds/${plugin}/records/{ocid}`, `${plugin}.ocds.record`, {
      tag: 'ocds',
      operationId: `ocds${cap(plugin)}Record`,
    }),
    get(`/ocds/${plugin}/releases`, `${plugin}.ocds.releases`, {
      tag: 'ocds',
      operationId: `ocds${cap(plugin)}Releases`,
    }),
  ]),
  // leads from monitoring feeds (a city-wide token, or a district's token for its own bodies): JSON rows, or a CSV/XLSX
  // file in base64; idempotent by source id
  post('/leads', 'kernel.leads.submit', { tag: 'leads', idempotent: true }),
  post('/leads/import', 'kernel.leads.import', { tag: 'leads', idempotent: true }),
  get('/leads/figures', 'kernel.leads.figures', { tag: 'leads' }),
  // 政务失信公示: the list (JSON) and its feed (Atom or JSON Feed), public
  get('/public/dishonesty', 'kernel.public.dishonestyList', { tag: 'public' }),
  get('/public/dishonesty/feed', 'kernel.public.dishonestyFeed', {
    tag: 'public',
    raw: ['application/atom+xml', 'application/feed+json'],
  }),
  // the audit log (public): checkpoint feed, RFC 9162 proofs, verifier keys, witness cosignatures
  get('/audit/checkpoints', 'kernel.audit.checkpoints', { tag: 'audit', operationId: 'auditCheckpoints' }),
  get('/audit/checkpoints/{size}/cosigned', 'kernel.audit.cosigned', {
    tag: 'audit',
    operationId: 'auditCosigned',
    params: z.object({ size: z.number().int().positive() }),
    toInput: (p) => ({ size: p['size'] }),
  }),
  get('/audit/proofs/inclusion', 'kernel.audit.inclusionProof', { tag: 'audit', operationId: 'auditInclusionProof' }),
  get('/audit/proofs/consistency', 'kernel.audit.consistencyProof', {
    tag: 'audit',
    operationId: 'auditConsistencyProof',
  }),
  get('/audit/keys', 'kernel.audit.verifierKeys', { tag: 'audit', operationId: 'auditVerifierKeys' }),
  post('/audit/cosignatures', 'kernel.audit.cosign', { tag: 'audit', operationId: 'auditCosign' }),
];
