import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestClient } from './request-client.js';
import { startTestApp, type TestApp } from './support.js';

/**
 * The security headers on every kind of answer the server gives: API JSON, each kind of problem, the HTML pages and
 * their assets, the API documents, operations endpoints, the live-event stream and a downloaded attachment.
 */
let app: TestApp;
let c: Awaited<ReturnType<typeof requestClient>>;
let draftId: string;
let attachmentId: string;
const handler = 'handler.lt@imi.test';
const pdf = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

beforeAll(async () => {
  // A small attachment limit and a low search limit, so that 413 and 429 are cheap to provoke.
  app = await startTestApp({ attachmentLimit: 4096, rateLimits: { search: 3 } });
  c = await requestClient(app);
  const draft = await c.draft(handler, 'handler.lv@imi.test');
  draftId = draft.id;
  const uploaded = await app.request(`/api/v1/requests/${draftId}/attachments?name=diploma.pdf`, {
    method: 'POST', token: await c.token(handler), body: pdf, headers: { 'Content-Type': 'application/octet-stream' },
  });
  expect(uploaded.status).toBe(201);
  attachmentId = ((await uploaded.json()) as { id: string }).id;
});
afterAll(async () => {
  if (app) await app.close();
});

type Kind = 'api' | 'page' | 'docs' | 'asset' | 'download' | 'stream';

interface Case {
  name: string;
  kind: Kind;
  status: number;
  /** The media type the answer must have (its start). */
  type?: string;
  /** Whether the answer is for a signed-in caller (then never stored by a cache). */
  signedIn?: boolean;
  /** Makes the request; `headers` are added to it. Idempotent cases are also sent without TLS. */
  send: (headers: Record<string, string>) => Promise<Response>;
  idempotent?: boolean;
}

const token = () => c.token(handler);

const cases: Case[] = [
  { name: 'public API JSON', kind: 'api', status: 200, type: 'application/json', idempotent: true,
    send: (headers) => app.request('/api/v1/countries', { headers }) },
  { name: 'signed-in API JSON', kind: 'api', status: 200, type: 'application/json', signedIn: true, idempotent: true,
    send: async (headers) => app.request('/api/v1/me', { headers, token: await token() }) },
  { name: 'created (201 with Location)', kind: 'api', status: 201, type: 'application/json', signedIn: true,
    send: async (headers) => app.request('/api/v1/requests', { method: 'POST', headers, token: await token(), body: await c.draftBody('handler.lv@imi.test') }) },
  { name: '400 problem', kind: 'api', status: 400, type: 'application/problem+json', signedIn: true, idempotent: true,
    send: async (headers) => app.request('/api/v1/authorities?limit=many', { headers, token: await token() }) },
  { name: '401 problem', kind: 'api', status: 401, type: 'application/problem+json', idempotent: true,
    send: (headers) => app.request('/api/v1/me', { headers }) },
  { name: '403 problem', kind: 'api', status: 403, type: 'application/problem+json', signedIn: true, idempotent: true,
    send: async (headers) => app.request('/api/v1/admin/audit', { headers, token: await token() }) },
  { name: '404 problem', kind: 'api', status: 404, type: 'application/problem+json', idempotent: true,
    send: (headers) => app.request('/api/v1/no-such-thing', { headers }) },
  { name: '404 problem outside the API', kind: 'api', status: 404, type: 'application/problem+json', idempotent: true,
    send: (headers) => app.request('/no-such-page', { headers }) },
  { name: '405 problem', kind: 'api', status: 405, type: 'application/problem+json', idempotent: true,
    send: (headers) => app.request('/api/v1/countries', { method: 'DELETE', headers }) },
  { name: '413 problem (JSON body over IMI_BODY_LIMIT)', kind: 'api', status: 413, type: 'application/problem+json',
    send: (headers) => app.request('/api/v1/auth/login', { method: 'POST', headers, body: { email: 'a@b.eu', password: 'x'.repeat(70_000) } }) },
  { name: '413 problem (attachment over IMI_ATTACHMENT_MAX_MB)', kind: 'api', status: 413, type: 'application/problem+json', signedIn: true,
    send: async (headers) => app.request(`/api/v1/requests/${draftId}/attachments?name=big.pdf`, {
      method: 'POST', token: await token(), body: Buffer.concat([pdf, Buffer.alloc(8192, 32)]), headers: { ...headers, 'Content-Type': 'application/pdf' },
    }) },
  { name: '415 problem', kind: 'api', status: 415, type: 'application/problem+json', signedIn: true,
    send: async (headers) => app.request(`/api/v1/requests/${draftId}/attachments?name=page.pdf`, {
      method: 'POST', token: await token(), body: '<script>alert(1)</script>', headers: { ...headers, 'Content-Type': 'application/octet-stream' },
    }) },
  { name: '429 problem', kind: 'api', status: 429, type: 'application/problem+json', signedIn: true,
    send: async (headers) => {
      // The limit is 3 a minute: at most 3 pass in one window, so 8 tries see a 429 even across a window's end.
      for (let i = 0; i < 8; i++) {
        const response = await app.request('/api/v1/authorities?q=nurse', { headers, token: await token() });
        if (response.status === 429) return response;
        await response.body?.cancel();
      }
      throw new Error('no 429 after 8 searches');
    } },
  { name: 'demo portal page', kind: 'page', status: 200, type: 'text/html', idempotent: true,
    send: (headers) => app.request('/', { headers }) },
  { name: 'console page', kind: 'page', status: 200, type: 'text/html', idempotent: true,
    send: (headers) => app.request('/console/', { headers }) },
  { name: 'redirect to the console', kind: 'api', status: 302, idempotent: true,
    send: (headers) => app.request('/console', { headers, redirect: 'manual' }) },
  { name: 'JavaScript asset', kind: 'asset', status: 200, type: 'text/javascript', idempotent: true,
    send: (headers) => app.request('/assets/demo-portal.js', { headers }) },
  { name: 'asset not modified (304)', kind: 'asset', status: 304, idempotent: true,
    send: async (headers) => {
      const first = await app.request('/assets/console.js');
      await first.body?.cancel();
      return app.request('/assets/console.js', { headers: { ...headers, 'If-None-Match': first.headers.get('ETag')! } });
    } },
  { name: 'CSS asset', kind: 'asset', status: 200, type: 'text/css', idempotent: true,
    send: (headers) => app.request('/api/docs/swagger-ui.css', { headers }) },
  { name: 'OpenAPI document', kind: 'api', status: 200, type: 'application/json', idempotent: true,
    send: (headers) => app.request('/api/openapi.json', { headers }) },
  { name: 'API documentation page', kind: 'docs', status: 200, type: 'text/html', idempotent: true,
    send: (headers) => app.request('/api/docs', { headers }) },
  { name: 'health', kind: 'api', status: 200, type: 'application/json', idempotent: true,
    send: (headers) => app.request('/health', { headers }) },
  { name: 'readiness', kind: 'api', status: 200, type: 'application/json', idempotent: true,
    send: (headers) => app.request('/ready', { headers }) },
  { name: 'metrics', kind: 'api', status: 200, type: 'text/plain', idempotent: true,
    send: (headers) => app.request('/metrics', { headers }) },
  { name: 'live events (Server-Sent Events)', kind: 'stream', status: 200, type: 'text/event-stream', signedIn: true, idempotent: true,
    send: async (headers) => app.request('/api/v1/events', { headers, token: await token() }) },
  { name: 'attachment download', kind: 'download', status: 200, type: 'application/pdf', signedIn: true, idempotent: true,
    send: async (headers) => app.request(`/api/v1/attachments/${attachmentId}`, { headers, token: await token() }) },
];

function directives(policy: string | null): Map<string, string[]> {
  return new Map((policy ?? '').split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
    const [name, ...values] = d.split(/\s+/);
    return [name, values] as [string, string[]];
  }));
}

function checkHeaders(entry: Case, response: Response, tls: boolean) {
  const h = response.headers;
  const what = `${entry.name}: ${[...h.entries()].map(([k, v]) => `${k}: ${v}`).join('\n')}`;
  expect(response.status, what).toBe(entry.status);
  if (entry.type) expect(h.get('Content-Type'), what).toMatch(new RegExp(`^${entry.type.replace('+', '\\+')}`));
  expect(h.get('X-Content-Type-Options'), what).toBe('nosniff');
  expect(h.get('Referrer-Policy'), what).toBe('no-referrer');
  expect(h.get('X-Frame-Options'), what).toBe('DENY');
  expect(h.get('Cross-Origin-Opener-Policy'), what).toBe('same-origin');
  if (tls) expect(h.get('Strict-Transport-Security'), what).toMatch(/^max-age=31536000\b/);
  else expect(h.get('Strict-Transport-Security'), what).toBeNull();

  const policy = directives(h.get('Content-Security-Policy'));
  expect(policy.get('frame-ancestors'), what).toEqual(["'none'"]);
  if (entry.kind === 'api' || entry.kind === 'asset' || entry.kind === 'stream') {
    expect(policy.get('default-src'), what).toEqual(["'none'"]);
  } else if (entry.kind === 'download') {
    // The download's own policy: a file opened in the browser runs nothing.
    expect(policy.has('sandbox'), what).toBe(true);
    expect(policy.get('default-src'), what).toEqual(["'none'"]);
  } else if (entry.kind === 'page') {
    const nonce = policy.get('script-src')?.find((v) => v.startsWith("'nonce-"));
    expect(nonce, what).toMatch(/^'nonce-[A-Za-z0-9+/]{22}==' *$/);
    expect(policy.get('script-src'), what).toEqual(["'self'", nonce]);
    expect(policy.get('style-src'), what).toEqual(["'self'", nonce]);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    expect(policy.get('img-src')).toEqual(["'self'", 'data:']);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'self'"]);
    expect(h.get('Cache-Control'), what).toBe('no-store');
    expect(h.get('ETag'), what).toBeNull();
  } else {
    expect(policy.get('script-src'), what).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
  }
  if (entry.signedIn) expect(h.get('Cache-Control'), what).toMatch(/no-store/);
}

describe('security headers', () => {
  it('are on every kind of answer, with HSTS over TLS (X-Forwarded-Proto from the trusted proxy)', async () => {
    for (const entry of cases) {
      const response = await entry.send({ 'X-Forwarded-Proto': 'https' });
      checkHeaders(entry, response, true);
      await response.body?.cancel();
    }
  }, 120_000);

  it('are the same over plain HTTP, but without HSTS', async () => {
    for (const entry of cases.filter((k) => k.idempotent)) {
      const response = await entry.send({});
      checkHeaders(entry, response, false);
      await response.body?.cancel();
    }
  }, 60_000);

  it('give each page a fresh nonce, carried by every script and style element of the page and by nothing else', async () => {
    const seen = new Set<string>();
    for (const path of ['/', '/', '/console/', '/console/']) {
      const response = await app.request(path);
      const nonce = /'nonce-([^']+)'/.exec(response.headers.get('Content-Security-Policy') ?? '')![1];
      expect(seen.has(nonce)).toBe(false);
      seen.add(nonce);
      const html = await response.text();
      const elements = html.match(/<(script|style)\b[^>]*>/g) ?? [];
      expect(elements.length).toBeGreaterThan(0);
      for (const element of elements) expect(element).toContain(`nonce="${nonce}"`);
      expect(html.match(/nonce="/g)).toHaveLength(elements.length);
      // No inline style attribute, which the policy would block.
      expect(html).not.toMatch(/\sstyle=/);
    }
  });
});
