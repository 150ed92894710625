import Router from '@koa/router';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Middleware } from 'koa';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { Problem, retryAfterSeconds } from '../../http/problem.js';

/** How long /ready waits for the database before it answers 503. */
const readyTimeoutMs = 2_000;

export interface Metrics {
  registry: Registry;
  middleware: Middleware;
}

/** Prometheus metrics of one app instance: default process metrics plus request counts and durations per route. */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'imi_' });
  const labelNames = ['method', 'route', 'status'] as const;
  const requests = new Counter({ name: 'imi_http_requests_total', help: 'HTTP requests answered', labelNames, registers: [registry] });
  const duration = new Histogram({
    name: 'imi_http_request_duration_seconds', help: 'Time to answer HTTP requests', labelNames, registers: [registry],
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  });
  const middleware: Middleware = async (ctx, next) => {
    const end = duration.startTimer();
    try {
      await next();
    } finally {
      const labels = { method: ctx.method, route: (ctx as { _matchedRoute?: string })._matchedRoute ?? 'unmatched', status: String(ctx.status) };
      end(labels);
      requests.inc(labels);
    }
  };
  return { registry, middleware };
}

export function operationsRouter(orm: MikroORM, metrics: Metrics, version: string): Router {
  const router = new Router();
  router.get('/health', (ctx) => {
    ctx.body = { status: 'ok', version };
  });
  // A load balancer polls this every few seconds and gives up on a slow answer: when the database hangs (or every
  // pooled connection is taken) the answer is 503 after `readyTimeoutMs`, not whenever the pool would give up.
  router.get('/ready', async (ctx) => {
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        orm.em.fork().execute('select 1'),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('readiness check timed out')), readyTimeoutMs);
        }),
      ]);
      ctx.body = { status: 'ready', database: { reachable: true, latencyMs: Math.round((performance.now() - started) * 10) / 10 } };
    } catch {
      throw new Problem(503, 'Not ready', 'The database is not reachable.', undefined, { 'Retry-After': String(retryAfterSeconds) });
    } finally {
      clearTimeout(timer);
    }
  });
  router.get('/metrics', async (ctx) => {
    ctx.type = metrics.registry.contentType;
    ctx.body = await metrics.registry.metrics();
  });
  return router;
}
