import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { problem, startTestApp, type TestApp } from './support.js';

/**
 * CORS: the national portals named in IMI_CORS_ORIGINS may load the widgets and call the API from their pages (the
 * widgets send bearer tokens); any other origin gets no CORS header, so its browser hides every answer, and its
 * preflight is refused.
 */
const portal = 'https://portal.example.eu';
const otherPortal = 'http://localhost:8081';
const stranger = 'https://evil.example.com';
let app: TestApp;
let token: string;

beforeAll(async () => {
  app = await startTestApp({ corsOrigins: [portal, otherPortal] });
  token = await app.login('handler.hr@imi.test');
});
afterAll(async () => {
  if (app) await app.close();
});

const preflight = (origin: string, path = '/api/v1/requests', method = 'POST', headers = 'authorization, content-type, idempotency-key') =>
  app.request(path, { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': headers } });

describe('CORS for the national portals', () => {
  it('answers a listed portal\'s preflight with 204, the methods and headers the widgets use, and a max age', async () => {
    for (const origin of [portal, otherPortal]) {
      const response = await preflight(origin);
      expect(response.status).toBe(204);
      const h = response.headers;
      expect(h.get('Access-Control-Allow-Origin')).toBe(origin);
      expect(h.get('Access-Control-Allow-Methods')!.split(/,\s*/)).toEqual(expect.arrayContaining(['GET', 'POST', 'PATCH']));
      const allowed = h.get('Access-Control-Allow-Headers')!.toLowerCase().split(/,\s*/);
      expect(allowed).toEqual(expect.arrayContaining(['authorization', 'content-type', 'if-match', 'idempotency-key', 'accept-language', 'last-event-id']));
      expect(Number(h.get('Access-Control-Max-Age'))).toBeGreaterThan(0);
      expect(h.get('Vary')).toMatch(/Origin/);
      // Bearer tokens, never cookies, cross-origin.
      expect(h.get('Access-Control-Allow-Credentials')).toBeNull();
      expect(h.get('X-Content-Type-Options')).toBe('nosniff');
    }
  });

  it('lets a listed portal read answers, problems included, and the headers the widgets need', async () => {
    const created = await app.request('/api/v1/authorities?q=nurse&limit=2', { token, headers: { Origin: portal } });
    expect(created.status).toBe(200);
    expect(created.headers.get('Access-Control-Allow-Origin')).toBe(portal);
    expect(created.headers.get('Vary')).toMatch(/Origin/);
    expect(created.headers.get('Access-Control-Allow-Credentials')).toBeNull();
    expect(created.headers.get('Access-Control-Expose-Headers')!.split(/,\s*/)).toEqual(expect.arrayContaining(['Location', 'Retry-After']));

    const unauthorized = await app.request('/api/v1/me', { headers: { Origin: portal } });
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers.get('Access-Control-Allow-Origin')).toBe(portal);
    await problem(unauthorized);

    const document = await app.request('/api/openapi.json', { headers: { Origin: otherPortal } });
    expect(document.headers.get('Access-Control-Allow-Origin')).toBe(otherPortal);
  });

  it('gives any other origin no CORS header, never echoing it, and refuses its preflight with a 403 problem', async () => {
    for (const origin of [stranger, 'null', `${portal}.evil.example.com`, portal.replace('https', 'http'), `${portal}:444`]) {
      const refused = await preflight(origin);
      expect(refused.status, origin).toBe(403);
      expect(refused.headers.get('Access-Control-Allow-Origin'), origin).toBeNull();
      expect(refused.headers.get('Access-Control-Allow-Methods'), origin).toBeNull();
      expect((await problem(refused)).status).toBe(403);

      const answer = await app.request('/api/v1/me', { token, headers: { Origin: origin } });
      expect(answer.headers.get('Access-Control-Allow-Origin'), origin).toBeNull();
      expect(answer.headers.get('Vary')).toMatch(/Origin/);
      const text = await answer.text();
      expect(text).not.toContain(origin === 'null' ? 'evil' : origin);
    }
    // Without an Origin (a server-side client) nothing changes.
    const plain = await app.request('/api/v1/me', { token });
    expect(plain.status).toBe(200);
    expect(plain.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  it('lets a listed portal load the widgets\' bundle, a module script that browsers fetch with CORS', async () => {
    const bundle = await app.request('/assets/imi-widgets.js', { headers: { Origin: portal } });
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('Access-Control-Allow-Origin')).toBe(portal);
    expect(bundle.headers.get('Vary')).toMatch(/Origin/);
    await bundle.body?.cancel();
    const refused = await app.request('/assets/imi-widgets.js', { headers: { Origin: stranger } });
    expect(refused.headers.get('Access-Control-Allow-Origin')).toBeNull();
    await refused.body?.cancel();
  });

  it('is only for the API and the bundles: pages and operations carry no CORS header even for a listed portal', async () => {
    for (const path of ['/', '/console/', '/health', '/metrics', '/api/docs']) {
      const response = await app.request(path, { headers: { Origin: portal } });
      expect(response.headers.get('Access-Control-Allow-Origin'), path).toBeNull();
      await response.body?.cancel();
    }
  });

  it('takes the origins from IMI_CORS_ORIGINS, a comma-separated list of origins, and refuses anything else', () => {
    expect(loadConfig({}).corsOrigins).toEqual([]);
    expect(loadConfig({ IMI_CORS_ORIGINS: 'https://portal.example.eu, http://localhost:8081' }).corsOrigins).toEqual([portal, otherPortal]);
    for (const bad of ['https://portal.example.eu/', 'https://portal.example.eu/widgets', 'portal.example.eu', '*', 'ftp://portal.example.eu', 'https://user@portal.example.eu']) {
      expect(() => loadConfig({ IMI_CORS_ORIGINS: `http://localhost:8081,${bad}` }), bad).toThrow(/IMI_CORS_ORIGINS/);
    }
  });
});
