import { isIP } from 'node:net';
import Router from '@koa/router';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from 'koa';
import { z } from 'zod';
import { isLocale, localeCodes, negotiateLocale, type LocaleCode } from '../modules/reference/locales.js';
import { authorize, type Action, type Target } from '../modules/identity/policy.js';
import type { AuthUser } from '../modules/identity/service.js';
import { fieldErrors, problems, type FieldError, type Problem } from './problem.js';

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';
type Schema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface Input<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  lang: LocaleCode;
  user: AuthUser | null;
  /** The client's address (from X-Forwarded-For only where the app trusts a proxy), for the audit log and throttling. */
  ip: string | null;
  em: EntityManager;
  ctx: Context;
}

export interface RouteSpec<P extends Schema | undefined, Q extends Schema | undefined, B extends Schema | undefined, R extends Schema> {
  method: Method;
  /** OpenAPI-style path below the API prefix, e.g. `/authorities/{id}`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  /**
   * Who may call it, declared by every route: `public`; `signed-in` (any valid token); or an action of the policy module
   * with the target it is done to, derived from the validated input.
   */
  access: 'public' | 'signed-in' | { action: Action; target?: (input: Input<Out<P>, Out<Q>, Out<B>>) => Target };
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  status?: number;
  /**
   * For answers that are not JSON (a file, an event stream): writes the handler's result to the response itself, and
   * names the media type for the OpenAPI document.
   */
  send?: { mediaType: string; write: (ctx: Context, result: z.output<R>) => void };
  /** For uploads: the body is not JSON but the raw bytes the handler reads; names the accepted media types. */
  rawBody?: string;
  handler: (input: Input<Out<P>, Out<Q>, Out<B>>) => Promise<z.output<R>>;
}

const problemSchema = {
  type: 'object',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['path', 'in', 'message'],
        properties: { path: { type: 'string' }, in: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
};

function jsonSchema(schema: Schema, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

/** A null character (PostgreSQL's text cannot hold it) or half a surrogate pair (nor can its JSON): not text at all. */
const notText = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The fields of validated input whose text (or, in a map, whose key) no column could store. */
function unstorable(value: unknown, part: FieldError['in'], path: string[] = []): FieldError[] {
  const error = (at: string[]) => ({ path: at.length ? at.join('.') : part, in: part, message: 'Contains a null character or half of a surrogate pair, which text may not hold' });
  if (typeof value === 'string') return notText.test(value) ? [error(path)] : [];
  if (Array.isArray(value)) return value.flatMap((item, i) => unstorable(item, part, [...path, String(i)]));
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.entries(value).flatMap(([key, item]) => (notText.test(key) ? [error([...path, key])] : unstorable(item, part, [...path, key])));
  }
  return [];
}

function parse<S extends Schema | undefined>(schema: S, value: unknown, part: 'path' | 'query' | 'body'): Out<S> {
  if (!schema) return undefined as Out<S>;
  const result = schema.safeParse(part === 'body' ? (value ?? {}) : value);
  if (!result.success) throw problems.invalid(fieldErrors(result.error, part));
  const errors = unstorable(result.data, part);
  if (errors.length) throw problems.invalid(errors);
  return result.data as Out<S>;
}

/**
 * The client's address for the audit log and throttling. Behind a trusted proxy Koa reads it from X-Forwarded-For,
 * whose first entry the client itself may have written: anything there that is not an IP address (which would also
 * overflow the audit log's 45-character column) gives way to the address of the connection.
 */
function clientAddress(ctx: Context): string | null {
  const ip = ctx.ip;
  if (ip && isIP(ip) && ip.length <= 45) return ip;
  return ctx.req.socket.remoteAddress ?? null;
}

function resolveLang(ctx: Context): LocaleCode {
  const requested = ctx.query.lang;
  if (requested !== undefined) {
    const code = Array.isArray(requested) ? requested[0] : requested;
    if (!isLocale(code)) {
      throw problems.invalid([{ path: 'lang', in: 'query', message: `Unsupported locale; use one of ${localeCodes.join(', ')}` }]);
    }
    return code;
  }
  return negotiateLocale(ctx.get('Accept-Language'));
}

/**
 * The API's routes are declared once, with zod schemas that both validate the request and document it: the same
 * declarations mount the Koa routes and generate the OpenAPI 3.1 document.
 */
export class Api {
  readonly router: Router;
  private readonly specs: RouteSpec<Schema | undefined, Schema | undefined, Schema | undefined, Schema>[] = [];

  constructor(
    readonly prefix: string,
    private readonly resolveUser: (ctx: Context) => Promise<AuthUser | null>,
    private readonly entityManager: () => EntityManager,
    /** Why a route that needs a user found none (401, or 403 when a cookie session lacked its CSRF token). */
    private readonly signInProblem: (ctx: Context) => Problem = () => problems.unauthorized(),
  ) {
    this.router = new Router({ prefix });
  }

  route<P extends Schema | undefined, Q extends Schema | undefined, B extends Schema | undefined, R extends Schema>(
    spec: RouteSpec<P, Q, B, R>,
  ): void {
    this.specs.push(spec as unknown as RouteSpec<Schema | undefined, Schema | undefined, Schema | undefined, Schema>);
    const koaPath = spec.path.replace(/\{(\w+)\}/g, ':$1');
    this.router[spec.method](spec.operationId, koaPath, async (ctx) => {
      const lang = resolveLang(ctx);
      const user = await this.resolveUser(ctx);
      if (spec.access !== 'public' && !user) throw this.signInProblem(ctx);
      const params = parse(spec.params, ctx.params, 'path');
      const query = parse(spec.query, ctx.query, 'query');
      const body = parse(spec.body, (ctx.request as { body?: unknown }).body, 'body');
      const input = { params, query, body, lang, user, ip: clientAddress(ctx), em: this.entityManager(), ctx } as never;
      if (typeof spec.access === 'object') await authorize(this.entityManager(), user, spec.access.action, spec.access.target?.(input));
      const result = await spec.handler(input);
      // A handler may choose another success status (an idempotent retry answers 200 instead of 201).
      if (ctx.status === 404) ctx.status = spec.status ?? 200;
      ctx.set('Content-Language', lang);
      if (spec.send) spec.send.write(ctx, result);
      else ctx.body = result;
    });
  }

  openapi(info: { title: string; version: string; description: string }): Record<string, unknown> {
    const paths: Record<string, Record<string, unknown>> = {};
    for (const spec of this.specs) {
      const parameters: unknown[] = [];
      for (const [part, schema] of [['path', spec.params], ['query', spec.query]] as const) {
        if (!schema) continue;
        const described = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
        for (const [name, propertySchema] of Object.entries(described.properties ?? {})) {
          parameters.push({ name, in: part, required: part === 'path' || (described.required ?? []).includes(name), schema: propertySchema });
        }
      }
      parameters.push({ name: 'lang', in: 'query', required: false, schema: { type: 'string', enum: [...localeCodes] }, description: 'Locale of translated texts; default from Accept-Language, then en.' });
      const responses: Record<string, unknown> = {
        [String(spec.status ?? 200)]: {
          description: 'OK',
          content: spec.send ? { [spec.send.mediaType]: {} } : { 'application/json': { schema: jsonSchema(spec.response, 'output') } },
        },
        400: { description: 'Invalid input; `errors` names each field', content: { 'application/problem+json': { schema: problemSchema } } },
      };
      const signedIn = spec.access !== 'public';
      if (signedIn) responses[401] = { description: 'Not signed in', content: { 'application/problem+json': { schema: problemSchema } } };
      if (typeof spec.access === 'object') responses[403] = { description: `Refused by the policy for ${spec.access.action}`, content: { 'application/problem+json': { schema: problemSchema } } };
      if (spec.params) responses[404] = { description: 'Not found', content: { 'application/problem+json': { schema: problemSchema } } };
      paths[this.prefix + spec.path] ??= {};
      paths[this.prefix + spec.path][spec.method] = {
        operationId: spec.operationId,
        summary: spec.summary,
        description: spec.description,
        tags: spec.tags,
        security: signedIn ? [{ bearer: [] }, { cookie: [] }] : undefined,
        parameters,
        requestBody: spec.rawBody
          ? { required: true, content: { [spec.rawBody]: { schema: { type: 'string', format: 'binary' } } } }
          : spec.body
            ? { required: true, content: { 'application/json': { schema: jsonSchema(spec.body, 'input') } } }
            : undefined,
        responses,
      };
    }
    return {
      openapi: '3.1.0',
      info,
      servers: [{ url: '/' }],
      paths,
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'The accessToken from POST /api/v1/auth/login' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'imi_session' },
        },
        schemas: { Problem: problemSchema },
      },
    };
  }
}

