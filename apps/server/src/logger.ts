/**
 * JSON logs (pino, the logger Fastify is built around): one line per request with its id, procedure, actor id, status
 * and time, and the server's own messages. Never a request's input, query string, body, cookie or token — inputs may
 * hold ID numbers, names or facts — so requests are logged from fields we pick, not by a serializer of the request.
 */
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export function createLogger(level: LogLevel = 'info', destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'chengxin' },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Belt and braces: should a header object ever reach a log call, these never print.
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'headers.cookie', 'token'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

/** A destination that hands each JSON line to a function (tests collect lines; the CLI prints them). */
export function lineDestination(write: (line: string) => void): DestinationStream {
  return { write: (chunk: string) => write(chunk.replace(/\n$/, '')) };
}
