import { OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Middleware } from 'koa';
import { z } from 'zod';
import type { Logger } from '../logger.js';

export interface FieldError {
  /** Dotted path of the field inside its part of the request, e.g. `limit` or `subject.firstName`. */
  path: string;
  /** Where the field was sent: `query`, `path`, `body` or `header`. */
  in: 'query' | 'path' | 'body' | 'header';
  message: string;
}

/** An error a client may read, rendered as RFC 9457 `application/problem+json`. */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? title);
  }

  /** Members beyond RFC 9457's own (e.g. the current state of a record a stale write tried to change). */
  extensions: Record<string, unknown> = {};

  with(extensions: Record<string, unknown>): this {
    Object.assign(this.extensions, extensions);
    return this;
  }

  /** A stable, non-resolvable URI naming the kind of problem (RFC 9457 allows any URI). */
  get type(): string {
    return `urn:imi:problem:${this.title.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  }

  toJSON() {
    return { ...this.extensions, type: this.type, title: this.title, status: this.status, detail: this.detail, errors: this.errors };
  }
}

/** What a 503 asks clients to wait before trying again: about the time PostgreSQL needs to restart or fail over. */
export const retryAfterSeconds = 5;

export const problems = {
  invalid: (errors: FieldError[]) =>
    new Problem(400, 'Invalid request', errors.map((e) => `${e.in} ${e.path}: ${e.message}`).join('; '), errors),
  unauthorized: (detail = 'Sign in to continue.') =>
    new Problem(401, 'Unauthorized', detail, undefined, { 'WWW-Authenticate': 'Bearer' }),
  forbidden: (detail = 'You may not do this.') => new Problem(403, 'Forbidden', detail),
  notFound: (detail = 'There is nothing at this address.') => new Problem(404, 'Not found', detail),
  conflict: (detail: string) => new Problem(409, 'Conflict', detail),
  unavailable: (detail = 'The database is not reachable at the moment; try again shortly.') =>
    new Problem(503, 'Service unavailable', detail, undefined, { 'Retry-After': String(retryAfterSeconds) }),
};

/** PostgreSQL error classes and codes, and socket errors, that mean the database cannot be reached (not a bad query). */
const unavailableCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN',
  '57P01', '57P02', '57P03', '53300']);
/**
 * The same, told by pg, pg-pool and knex only in the message. knex reports a transaction whose connection broke as it
 * began as "Transaction query already complete" at its next statement, having swallowed the connection's own error.
 */
const unavailableMessage = /Connection terminated[a-z ]*|Connection ended unexpectedly|Timeout acquiring a connection|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed|the database system is (?:starting up|shutting down|in recovery mode)|terminating connection due to administrator command|Transaction query already complete/i;

/**
 * Why `error` means the database is unavailable — a short code or phrase without any query text, bindings or personal
 * data, safe to log — or null when it is another error. Looks through wrapped errors (MikroORM's DriverException keeps
 * the driver's code; knex prefixes the message with the query) and through AggregateError (one per address tried).
 */
export function databaseUnavailable(error: unknown, depth = 0): string | null {
  if (!error || typeof error !== 'object' || depth > 4) return null;
  const e = error as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  if (unavailableCodes.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return code;
  if (e.name === 'KnexTimeoutError') return 'Timeout acquiring a connection';
  // knex writes `<query with its values> - <driver's message>`: only the driver's part counts, not what a user typed.
  const message = typeof e.message === 'string' ? e.message.slice(e.message.lastIndexOf(' - ') + 1) : '';
  const phrase = unavailableMessage.exec(message)?.[0];
  if (phrase) return phrase;
  for (const inner of [e.cause, ...(Array.isArray(e.errors) ? e.errors : [])]) {
    const reason = databaseUnavailable(inner, depth + 1);
    if (reason) return reason;
  }
  return null;
}

/**
 * Logs database outages at warn level once per `intervalMs`, with how many failures it kept quiet since: during an
 * outage every request fails alike, and one line per request would bury everything else. Only the method, path and
 * the reason's code are logged, never the query (it may carry personal data).
 */
export function outageLog(logger: Logger, intervalMs = 10_000) {
  let lastAt = -Infinity;
  let quiet = 0;
  return (reason: string, context: Record<string, unknown>) => {
    const now = performance.now();
    if (now - lastAt < intervalMs) {
      quiet++;
      return;
    }
    logger.warn({ reason, ...context, alsoFailedSinceLast: quiet }, 'database unavailable: answered 503');
    lastAt = now;
    quiet = 0;
  };
}

/** Turns zod issues into field errors located in one part of the request. */
export function fieldErrors(error: z.ZodError, part: FieldError['in']): FieldError[] {
  return error.issues.map((issue) => ({
    path: issue.path.length ? issue.path.map(String).join('.') : part,
    in: part,
    message: issue.message,
  }));
}

function render(ctx: Parameters<Middleware>[0], problem: Problem) {
  ctx.status = problem.status;
  for (const [name, value] of Object.entries(problem.headers)) ctx.set(name, value);
  ctx.type = 'application/problem+json';
  ctx.body = JSON.stringify({ ...problem.toJSON(), instance: ctx.path });
}

/**
 * First middleware of the chain: every error leaves as problem+json. Errors that Koa or its middleware marked as
 * exposable (bad JSON, body too large …) keep their message; a database that cannot be reached answers 503 with
 * Retry-After (the client may retry; nothing is wrong with its request); anything else is logged and answered with a
 * generic 500, never a stack trace.
 */
export function problemMiddleware(logger: Logger): Middleware {
  const outage = outageLog(logger);
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) render(ctx, problems.notFound());
    } catch (error) {
      if (error instanceof Problem) return render(ctx, error);
      if (error instanceof OptimisticLockError) {
        return render(ctx, problems.conflict('Someone changed this record since you read it; reload it and try again.'));
      }
      if (error instanceof UniqueConstraintViolationException) {
        return render(ctx, problems.conflict('A record with these values exists already.'));
      }
      const e = error as { status?: number; statusCode?: number; expose?: boolean; message?: string; type?: string };
      const status = e.status ?? e.statusCode ?? 500;
      if (status >= 400 && status < 500 && e.expose !== false) {
        const title = status === 413 ? 'Payload too large' : status === 415 ? 'Unsupported media type' : 'Invalid request';
        const detail = e.type === 'entity.parse.failed' ? 'The request body is not valid JSON.' : e.message;
        const errors: FieldError[] | undefined =
          status === 400 ? [{ path: 'body', in: 'body', message: detail ?? 'Invalid body' }] : undefined;
        return render(ctx, new Problem(status, title, detail, errors));
      }
      const unavailable = databaseUnavailable(error);
      if (unavailable) {
        outage(unavailable, { method: ctx.method, path: ctx.path });
        return render(ctx, problems.unavailable());
      }
      logger.error({ err: error, method: ctx.method, path: ctx.path }, 'request failed');
      render(ctx, new Problem(500, 'Internal server error', 'Something went wrong on our side; it has been logged.'));
    }
  };
}
