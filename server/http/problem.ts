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

export const problems = {
  invalid: (errors: FieldError[]) =>
    new Problem(400, 'Invalid request', errors.map((e) => `${e.in} ${e.path}: ${e.message}`).join('; '), errors),
  unauthorized: (detail = 'Sign in to continue.') =>
    new Problem(401, 'Unauthorized', detail, undefined, { 'WWW-Authenticate': 'Bearer' }),
  forbidden: (detail = 'You may not do this.') => new Problem(403, 'Forbidden', detail),
  notFound: (detail = 'There is nothing at this address.') => new Problem(404, 'Not found', detail),
  conflict: (detail: string) => new Problem(409, 'Conflict', detail),
};

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
 * exposable (bad JSON, body too large …) keep their message; anything else is logged and answered with a generic 500,
 * never a stack trace.
 */
export function problemMiddleware(logger: Logger): Middleware {
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
      logger.error({ err: error, method: ctx.method, path: ctx.path }, 'request failed');
      render(ctx, new Problem(500, 'Internal server error', 'Something went wrong on our side; it has been logged.'));
    }
  };
}
