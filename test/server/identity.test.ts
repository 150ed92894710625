import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problem, startTestApp, type TestApp } from './support.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  if (app) await app.close();
});

describe('sign-in', () => {
  it('signs a demo handler in and tells who it is, its authority and its roles per area', async () => {
    const response = await app.request('/api/v1/auth/login', { method: 'POST', body: { email: 'handler.de@imi.test', password: 'demo-password' } });
    expect(response.status).toBe(200);
    const session = (await response.json()) as { accessToken: string; expiresIn: number; user: { email: string } };
    expect(session.user.email).toBe('handler.de@imi.test');
    expect(session.expiresIn).toBe(3600);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/imi_session=/);
    expect(cookie.toLowerCase()).toContain('httponly');
    expect(cookie.toLowerCase()).toContain('samesite=strict');

    const me = (await (await app.request('/api/v1/me?lang=en', { token: session.accessToken })).json()) as {
      user: { email: string }; authority: { country: string; officialName: string }; roles: { area: string; role: string }[]; coordinator: unknown;
    };
    expect(me.authority.country).toBe('DE');
    expect(me.roles).toEqual(expect.arrayContaining([{ area: 'PQ', role: 'request-handler' }, { area: 'SERVICES', role: 'request-handler' }]));
    expect(me.coordinator).toBeNull();
  });

  it('gives a NIMIC coordinator powers over its state', async () => {
    const token = await app.login('nimic.fr@imi.test');
    const me = (await (await app.request('/api/v1/me', { token })).json()) as { coordinator: { kind: string; scope: unknown } };
    expect(me.coordinator).toEqual({ kind: 'NIMIC', scope: { country: 'FR' } });
  });

  it('accepts the session cookie in place of the bearer token', async () => {
    const response = await app.request('/api/v1/auth/login', { method: 'POST', body: { email: 'lda.it@imi.test', password: 'demo-password' } });
    const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
    const me = await app.request('/api/v1/me', { headers: { Cookie: cookie } });
    expect(me.status).toBe(200);
  });

  it('lets a cookie session change something only with the CSRF token from its own readable cookie', async () => {
    const response = await app.request('/api/v1/auth/login', { method: 'POST', body: { email: 'lda.it@imi.test', password: 'demo-password' } });
    const cookies = response.headers.getSetCookie().map((line) => line.split(';')[0]);
    const session = cookies.find((c) => c.startsWith('imi_session='))!;
    const csrf = cookies.find((c) => c.startsWith('imi_csrf='))!;
    expect(response.headers.getSetCookie().find((line) => line.startsWith('imi_csrf='))!.toLowerCase()).not.toContain('httponly');
    const csrfToken = csrf.slice('imi_csrf='.length);
    const cookie = `${session}; ${csrf}`;
    const change = (headers: Record<string, string>) =>
      app.request('/api/v1/me/notification-preferences', { method: 'PUT', headers: { Cookie: cookie, ...headers }, body: { preferences: [{ kind: 'message-received', mode: 'digest' }] } });

    const forged = await change({});
    expect(forged.status).toBe(403);
    expect((await problem(forged)).detail).toContain('X-CSRF-Token');
    expect((await change({ 'X-CSRF-Token': 'x'.repeat(csrfToken.length) })).status).toBe(403);
    const before = await (await app.request('/api/v1/me/notification-preferences', { headers: { Cookie: cookie } })).json();
    expect(JSON.stringify(before)).not.toContain('"digest"');

    expect((await change({ 'X-CSRF-Token': csrfToken })).status).toBe(200);
    // Bearer tokens are not sent by browsers on their own, so they need no CSRF token.
    const token = await app.login('lda.it@imi.test');
    expect((await app.request('/api/v1/me/notification-preferences', { method: 'PUT', token, body: { preferences: [{ kind: 'message-received', mode: 'immediate' }] } })).status).toBe(200);
  });

  it('refuses a wrong password and an unknown account alike, without saying which', async () => {
    const wrong = await app.request('/api/v1/auth/login', { method: 'POST', body: { email: 'handler.de@imi.test', password: 'wrong-password' } });
    const unknown = await app.request('/api/v1/auth/login', { method: 'POST', body: { email: 'nobody@imi.test', password: 'demo-password' } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect((await problem(wrong)).detail).toBe((await problem(unknown)).detail);
  });

  it('names the invalid fields of a sign-in', async () => {
    const response = await app.request('/api/v1/auth/login', { method: 'POST', body: { email: 'not-an-address', password: '' } });
    expect(response.status).toBe(400);
    const body = await problem(response);
    expect(body.errors?.map((e) => e.path).sort()).toEqual(['email', 'password']);
    expect(body.errors?.every((e) => e.in === 'body')).toBe(true);
  });

  it('answers a body that is not JSON, or too large, with a problem and not a 500', async () => {
    const broken = await app.request('/api/v1/auth/login', { method: 'POST', body: '{"email": ' });
    expect(broken.status).toBe(400);
    expect((await problem(broken)).errors?.[0].path).toBe('body');
    const huge = await app.request('/api/v1/auth/login', { method: 'POST', body: { email: 'a@b.cd', password: 'x'.repeat(100_000) } });
    expect(huge.status).toBe(413);
    await problem(huge);
  });

  it('requires a valid token for /me, and a signed-out token stops working', async () => {
    expect((await app.request('/api/v1/me')).status).toBe(401);
    expect((await app.request('/api/v1/me', { token: 'x'.repeat(43) })).status).toBe(401);
    const token = await app.login('handler2.pl@imi.test');
    expect((await app.request('/api/v1/me', { token })).status).toBe(200);
    expect((await app.request('/api/v1/auth/logout', { method: 'POST', token })).status).toBe(200);
    const after = await app.request('/api/v1/me', { token });
    expect(after.status).toBe(401);
    expect(after.headers.get('www-authenticate')).toBe('Bearer');
  });
});
