import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { bodyParser } from '@koa/bodyparser';
import { RequestContext, type MikroORM } from '@mikro-orm/postgresql';
import Koa from 'koa';
import { systemClock, type Clock } from './clock.js';
import type { Config } from './config.js';
import { Api } from './http/api.js';
import { problemMiddleware, problems } from './http/problem.js';
import { cors, RateLimiter, securityHeaders } from './http/security.js';
import type { Logger } from './logger.js';
import { auditRoutes } from './modules/audit/routes.js';
import { authorityRoutes } from './modules/authorities/routes.js';
import { withBlockingClock } from './modules/data-protection/blocking.js';
import { dataProtectionRoutes, defaultDataProtection } from './modules/data-protection/routes.js';
import { subjectRequestRoutes } from './modules/data-protection/subject-request-routes.js';
import { deadlineRoutes } from './modules/deadlines/routes.js';
import { identityProviderRoutes, identityRoutes, resolveUser, signInProblem } from './modules/identity/routes.js';
import { createMetrics, operationsRouter } from './modules/operations/routes.js';
import type { Mailer } from './modules/notifications/mailer.js';
import { notificationRoutes } from './modules/notifications/routes.js';
import type { EventBus } from './modules/requests/events.js';
import { requestRoutes } from './modules/requests/routes.js';
import { questionRoutes } from './modules/questions/routes.js';
import { referenceRoutes } from './modules/reference/routes.js';
import { webRouter } from './web/assets.js';
import { adminRoutes } from './modules/admin/routes.js';
import { createTranslationProvider } from './modules/translation/provider.js';
import { translationRoutes } from './modules/translation/routes.js';

export const version: string = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;

export interface AppDeps {
  orm: MikroORM;
  config: Pick<Config, 'env' | 'tokenTtlSeconds' | 'bodyLimit' | 'trustProxy' | 'publicUrl' | 'attachmentLimit' | 'deadlines' | 'scheduler' | 'corsOrigins' | 'rateLimits'>
    & Partial<Pick<Config, 'dataProtection' | 'machineTranslation'>>;
  logger: Logger;
  mailer: Mailer;
  /** Live request changes: through PostgreSQL between instances, or in-process on the embedded database. */
  bus: EventBus;
  /** Where deadlines, blocking and the retention job read the time; tests move it. */
  clock?: Clock;
}

/**
 * The Koa app: security headers first (so every answer has them), metrics and the request log, error handling, CORS,
 * body parsing, a RequestContext, and the routes.
 */
export function createApp({ orm, config, logger, mailer, bus, clock = systemClock }: AppDeps): Koa {
  // Behind the load balancer only the address it appended to X-Forwarded-For counts: the entries before it are whatever
  // the client sent, and would let it spread its failed sign-ins and rate-limited calls over invented addresses.
  const app = new Koa({ proxy: config.trustProxy, maxIpsCount: 1 });
  const metrics = createMetrics();
  const em = () => RequestContext.getEntityManager() as ReturnType<MikroORM['em']['fork']>;
  const api = new Api('/api/v1', resolveUser(em), em, signInProblem);
  const links = { mailer, publicUrl: config.publicUrl };
  const limiter = new RateLimiter(config.rateLimits);
  identityRoutes(api, config.tokenTtlSeconds, links, limiter);
  referenceRoutes(api);
  questionRoutes(api);
  authorityRoutes(api, links, limiter);
  auditRoutes(api);
  identityProviderRoutes(api);
  requestRoutes(api, { mailer, publicUrl: config.publicUrl, logger, bus, attachmentLimit: config.attachmentLimit, limiter });
  notificationRoutes(api);
  deadlineRoutes(api, clock, config.deadlines);
  dataProtectionRoutes(api, { clock, settings: config.dataProtection ?? defaultDataProtection, instance: `${hostname()}:${process.pid}` });
  subjectRequestRoutes(api, { clock });
  translationRoutes(api, { provider: config.machineTranslation ? createTranslationProvider(config.machineTranslation) : null, logger });
  adminRoutes(api, { system: { version, startedAt: new Date(), schedulerEnabled: config.scheduler }, clock, deadlines: config.deadlines });
  const openapi = () =>
    api.openapi({
      title: 'IMI Network API',
      version,
      description: 'The REST API of IMI Network: directory of competent authorities, reference data, identity, and the exchange of requests with live updates. Errors are application/problem+json (RFC 9457).',
    });

  // Errors after the answer started (a live-event client that went away) reach Koa's own handler: a client that
  // closed its stream is normal; anything else is logged here rather than printed to stderr.
  app.on('error', (error: { code?: string }) => {
    if (error.code !== 'ERR_STREAM_PREMATURE_CLOSE') logger.error({ err: error }, 'error after the response started');
  });
  app.use(securityHeaders());
  // Metrics and the request log sit outside the error handling, so that they see the status of refused requests too
  // (a 401 of a failed sign-in, a 429). The log names the path, never the query string, where search terms are.
  app.use(metrics.middleware);
  app.use(async (ctx, next) => {
    const started = performance.now();
    await next();
    if (!ctx.path.startsWith('/assets/')) {
      logger.info({ method: ctx.method, path: ctx.path, status: ctx.status, ms: Math.round((performance.now() - started) * 10) / 10 }, 'request');
    }
  });
  app.use(problemMiddleware(logger));
  app.use(cors(config.corsOrigins));
  app.use(bodyParser({
    enableTypes: ['json'],
    jsonLimit: config.bodyLimit,
    encoding: 'utf-8',
    onError: (error) => {
      throw (error as { status?: number }).status === 413
        ? Object.assign(error, { expose: true })
        : problems.invalid([{ path: 'body', in: 'body', message: 'The request body is not valid JSON' }]);
    },
  }));
  app.use((_ctx, next) => RequestContext.create(orm.em, next));
  app.use((_ctx, next) => withBlockingClock(clock, next));
  app.use(operationsRouter(orm, metrics, version).routes());
  app.use(api.router.routes());
  app.use(api.router.allowedMethods({ throw: true, methodNotAllowed: () => Object.assign(new Error('Method not allowed'), { status: 405, expose: true }) }));
  app.use(webRouter({ minify: config.env === 'production', openapi }).routes());
  return app;
}
