import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { problem, startTestApp, type TestApp } from './support.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  if (app) await app.close();
});

describe('operations', () => {
  it('reports health and readiness with the database reachable', async () => {
    const health = await app.request('/health');
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    const ready = await app.request('/ready');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', database: { reachable: true } });
  });

  it('exposes Prometheus metrics that count the requests answered', async () => {
    await app.request('/api/v1/countries');
    const metrics = await app.request('/metrics');
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    const text = await metrics.text();
    expect(text).toMatch(/imi_http_requests_total\{method="GET",route="\/api\/v1\/countries",status="200"\} [1-9]/);
    expect(text).toContain('imi_process_resident_memory_bytes');
  });

  it('answers unknown paths with a problem+json 404, and wrong methods with 405', async () => {
    const missing = await app.request('/api/v1/nothing-here');
    expect(missing.status).toBe(404);
    expect((await problem(missing)).title).toBe('Not found');
    const wrongMethod = await app.request('/api/v1/countries', { method: 'DELETE' });
    expect(wrongMethod.status).toBe(405);
    expect((await problem(wrongMethod)).status).toBe(405);
  });

  it('publishes an OpenAPI 3.1 document generated from the validating schemas, and browsable docs', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, Record<string, { parameters: { name: string; in: string; schema: { maximum?: number } }[]; requestBody?: unknown }>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining([
      '/api/v1/auth/login', '/api/v1/me', '/api/v1/authorities', '/api/v1/authorities/{id}', '/api/v1/countries',
      '/api/v1/locales', '/api/v1/legislative-areas', '/api/v1/professions', '/api/v1/keywords',
    ]));
    const limit = doc.paths['/api/v1/authorities'].get.parameters.find((p) => p.name === 'limit');
    expect(limit).toMatchObject({ in: 'query', schema: { maximum: 100 } });
    expect(doc.paths['/api/v1/auth/login'].post.requestBody).toBeTruthy();
    const docs = await app.request('/api/docs/');
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('/api/docs/init.js');
    expect((await app.request('/api/docs/swagger-ui-bundle.js')).status).toBe(200);
  });

  it('sets protective headers on every answer', async () => {
    const response = await app.request('/health');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  });
});

describe('configuration', () => {
  it('names the variable that is invalid', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ IMI_DEMO: 'maybe' })).toThrow(/IMI_DEMO/);
    expect(() => loadConfig({ DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL/);
  });

  it('seeds the demo network except in production or when switched off', () => {
    expect(loadConfig({}).demo).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production', SMTP_URL: 'smtp://mail.example.eu' }).demo).toBe(false);
    expect(loadConfig({ IMI_DEMO: 'false' }).demo).toBe(false);
    expect(loadConfig({ PORT: '8080' }).port).toBe(8080);
  });
});
