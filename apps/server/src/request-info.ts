import type { IncomingMessage } from 'node:http';

/**
 * What a request turned out to be, noted by whichever face handled it (tRPC, REST, static) and read when the response
 * finishes, for the log line and the metrics. Keyed by the raw request, so the faces need not know about Fastify.
 */
export interface RequestInfo {
  /** A procedure name, a REST route (`GET /api/v1/orgs/{id}`), or a fixed label (`static`, `health`…). */
  procedure?: string;
  actorId?: string | null;
}

const infos = new WeakMap<IncomingMessage, RequestInfo>();

export function noteRequest(req: IncomingMessage, info: RequestInfo): void {
  infos.set(req, { ...infos.get(req), ...info });
}

export const requestInfo = (req: IncomingMessage): RequestInfo => infos.get(req) ?? {};
