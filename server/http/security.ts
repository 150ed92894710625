import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Middleware } from 'koa';
import type { RateLimits } from '../config.js';
import { Problem } from './problem.js';

/**
 * The policy of every answer that is not one of our HTML pages (API JSON, problems, assets, metrics, the event stream):
 * nothing may load or run in its name, and no page may frame it.
 */
export const apiPolicy = "default-src 'none'; frame-ancestors 'none'";

/**
 * The strict policy of the demo portal and the console: scripts and style elements only from this origin or carrying
 * this response's nonce; no inline script, no eval, no inline style attribute. The widgets' styles are constructed
 * style sheets (adoptedStyleSheets), which a policy does not govern; styleMap writes through the CSSOM, which it allows.
 */
export function pagePolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    `style-src 'self' 'nonce-${nonce}'`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * The policy of the API documentation (swagger-ui): as strict as the pages' but without a nonce, since the page has
 * no inline element at all (its start-up script is a file of its own). Its React components style elements through
 * the CSSOM, which a policy allows; its stylesheet uses data: images and fonts.
 */
export const docsPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** 128 random bits, fresh for each page answered, so a nonce read from one answer is worthless for the next. */
export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

/** Puts the nonce on every script and style element of one of our own (static, trusted) HTML pages. */
export function withNonce(html: string, nonce: string): string {
  return html.replace(/<(script|style)\b/gi, `<$1 nonce="${nonce}"`);
}

const apiPath = (path: string) => path === '/api/v1' || path.startsWith('/api/v1/');

/**
 * First middleware of the chain, so every answer carries the headers, whatever produced it (a route, a problem, a
 * 404, a stream). Set before the rest runs; a page or a download replaces the policy with its own.
 *
 * Referrer-Policy is `no-referrer`: addresses of the console and of e-mailed links name requests, and nothing of ours
 * needs the Referer header, so no address leaves in it, not even the origin.
 */
export function securityHeaders(): Middleware {
  return async (ctx, next) => {
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.set('X-Frame-Options', 'DENY');
    ctx.set('Content-Security-Policy', apiPolicy);
    ctx.set('Cross-Origin-Opener-Policy', 'same-origin');
    ctx.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
    // Only over TLS (directly, or as the trusted proxy's X-Forwarded-Proto says): over plain HTTP browsers ignore it.
    if (ctx.secure) ctx.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    await next();
    // A route's own policy (a download's sandbox) forbids framing too.
    const policy = ctx.response.get('Content-Security-Policy');
    if (policy && !/\bframe-ancestors\b/.test(policy)) ctx.set('Content-Security-Policy', `${policy}; frame-ancestors 'none'`);
    // API answers are personal to the caller and may hold personal data: no cache keeps them, and a route's own
    // caching rule (the event stream's no-cache) gains no-store when a user is signed in.
    if (apiPath(ctx.path)) {
      const cacheControl = ctx.response.get('Cache-Control');
      if (!cacheControl) ctx.set('Cache-Control', 'no-store');
      else if (ctx.state.user && !/\bno-store\b/.test(cacheControl)) ctx.set('Cache-Control', `${cacheControl}, no-store`);
    }
  };
}

const allowedMethods = 'GET, HEAD, POST, PUT, PATCH, DELETE';
const allowedHeaders = 'Authorization, Content-Type, Accept, Accept-Language, If-Match, Idempotency-Key, Last-Event-ID';
/** Response headers the widgets read beyond the CORS-safelisted ones. */
const exposedHeaders = 'Location, Retry-After, Content-Disposition';

/**
 * CORS for the API, its OpenAPI document and the widgets' bundles: the national portals named in IMI_CORS_ORIGINS load
 * the widgets (module scripts, which browsers fetch with CORS) and call the API from their own origin with bearer
 * tokens. Credentials (cookies) are never allowed cross-origin: the cookie
 * session is the console's, on this origin. Another origin gets no CORS header at all (its browser then hides the
 * answer), and its preflight a 403 problem, so the refusal is visible in the browser's network panel. The Origin
 * header is only ever compared, never echoed unless listed.
 */
export function cors(origins: readonly string[]): Middleware {
  const allowed = new Set(origins);
  return async (ctx, next) => {
    if (!apiPath(ctx.path) && ctx.path !== '/api/openapi.json' && !ctx.path.startsWith('/assets/')) return next();
    ctx.vary('Origin');
    const origin = ctx.get('Origin');
    const preflight = ctx.method === 'OPTIONS' && Boolean(ctx.get('Access-Control-Request-Method'));
    if (!origin || !allowed.has(origin)) {
      if (preflight) throw new Problem(403, 'Forbidden', 'This origin may not call the API from a browser; its operator can add it to IMI_CORS_ORIGINS.');
      return next();
    }
    ctx.set('Access-Control-Allow-Origin', origin);
    if (preflight) {
      ctx.set('Access-Control-Allow-Methods', allowedMethods);
      ctx.set('Access-Control-Allow-Headers', allowedHeaders);
      ctx.set('Access-Control-Max-Age', '600');
      ctx.status = 204;
      return;
    }
    ctx.set('Access-Control-Expose-Headers', exposedHeaders);
    await next();
  };
}

export interface RateCheck {
  /** What is limited, e.g. `search`. */
  bucket: string;
  /** Who is counted: a user id, an address, an e-mail address (stored only as a hash). */
  key: string;
  /** Requests allowed per minute; 0 means no limit. */
  perMinute: number;
}

const windowSeconds = 60;

/** The counter's key: a hash, so the table holds no e-mail address or client address. */
function counterKey(bucket: string, key: string): string {
  return createHash('sha256').update(`${bucket}\u0000${key}`).digest('base64url').slice(0, 22);
}

/**
 * Rate limits counted in fixed one-minute windows in the shared database (table rate_counter), so that they hold
 * however many instances share the load. Each limited request costs one upsert statement, whatever the number of
 * keys checked; about once a minute an instance also deletes the windows that ended.
 */
export class RateLimiter {
  private lastCleanup = 0;

  constructor(private readonly limits: RateLimits) {}

  /** Sign-in: by client address and by account, whether the attempt then succeeds or not. */
  signIn(em: EntityManager, ip: string | null, email: string): Promise<void> {
    return this.check(em, [
      ...(ip ? [{ bucket: 'sign-in:address', key: ip, perMinute: this.limits.signInPerAddress }] : []),
      { bucket: 'sign-in:account', key: email.trim().toLowerCase(), perMinute: this.limits.signInPerAccount },
    ], 'Too many sign-in attempts; wait before trying again.');
  }

  search(em: EntityManager, userId: string): Promise<void> {
    return this.check(em, [{ bucket: 'search', key: userId, perMinute: this.limits.search }], 'Too many searches in a minute; wait before searching again.');
  }

  create(em: EntityManager, userId: string): Promise<void> {
    return this.check(em, [{ bucket: 'create', key: userId, perMinute: this.limits.create }], 'Too many requests created in a minute; wait before creating more.');
  }

  /** Counts this request under each check and refuses it with 429 and Retry-After when one is over its limit. */
  async check(em: EntityManager, checks: RateCheck[], detail: string): Promise<void> {
    const limited = checks.filter((c) => c.perMinute > 0);
    if (!limited.length) return;
    const rows = await em.execute<{ bucket: string; count: number; retry_after: number }[]>(
      `insert into rate_counter as c (bucket, key, window_start)
       select v.bucket, v.key, to_timestamp(floor(extract(epoch from statement_timestamp()) / ${windowSeconds}) * ${windowSeconds})
         from (values ${limited.map(() => '(?::text, ?::text)').join(', ')}) as v(bucket, key)
       on conflict (bucket, key, window_start) do update set count = c.count + 1
       returning c.bucket, c.count,
                 greatest(1, ceil(extract(epoch from c.window_start + interval '${windowSeconds} seconds' - statement_timestamp())))::int as retry_after`,
      limited.flatMap((c) => [c.bucket, counterKey(c.bucket, c.key)]),
    );
    await this.cleanup(em);
    const over = rows.filter((row) => row.count > limited.find((c) => c.bucket === row.bucket)!.perMinute);
    if (over.length) {
      const retryAfter = Math.max(...over.map((row) => row.retry_after));
      throw new Problem(429, 'Too many requests', detail, undefined, { 'Retry-After': String(retryAfter) });
    }
  }

  /** Deletes ended windows, at most once a minute per instance (several instances doing it is harmless). */
  private async cleanup(em: EntityManager): Promise<void> {
    if (Date.now() - this.lastCleanup < windowSeconds * 1000) return;
    this.lastCleanup = Date.now();
    await em.execute(`delete from rate_counter where window_start < statement_timestamp() - interval '${2 * windowSeconds} seconds'`);
  }
}
