import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ADMIN_TOTP_SECRET } from '../../server/db/seeders/demo.js';
import { totpCode } from '../../server/modules/identity/totp.js';
import { problem, startTestApp, type TestApp } from './support.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  if (app) await app.close();
});

const signIn = (body: Record<string, string>) => app.request('/api/v1/auth/login', { method: 'POST', body });

describe('second factor (TOTP)', () => {
  it('the Commission administrator signs in with its code; without it, it is asked for the code', async () => {
    const missing = await signIn({ email: 'admin@imi.test', password: 'demo-password' });
    expect(missing.status).toBe(401);
    expect((await problem(missing)).errors?.[0].path).toBe('totp');
    // One code for both sign-ins: a code computed again could fall into the next 30-second step and be a new one.
    const code = totpCode(DEMO_ADMIN_TOTP_SECRET);
    const ok = await signIn({ email: 'admin@imi.test', password: 'demo-password', totp: code });
    expect(ok.status).toBe(200);
    const session = (await ok.json()) as { accessToken: string; mfa: boolean };
    expect(session.mfa).toBe(true);
    expect((await app.request('/api/v1/admin/audit?limit=1', { token: session.accessToken })).status).toBe(200);
    const replay = await signIn({ email: 'admin@imi.test', password: 'demo-password', totp: code });
    expect(replay.status).toBe(401);
  });

  it('administrator powers need a sign-in confirmed by the second factor', async () => {
    const token = await app.session('admin@imi.test', { mfa: false });
    const refused = await app.request('/api/v1/admin/audit', { token });
    expect(refused.status).toBe(403);
    expect((await problem(refused)).detail).toMatch(/second factor/);
  });

  it('a user sets up TOTP with a first code; from then on sign-in needs the code', async () => {
    const token = await app.login('handler.si@imi.test');
    const started = (await (await app.request('/api/v1/me/totp', { method: 'POST', token })).json()) as { secret: string; uri: string };
    expect(started.uri).toMatch(/^otpauth:\/\/totp\/IMI%20Network:handler\.si%40imi\.test\?secret=/);
    const wrong = await app.request('/api/v1/me/totp/confirm', { method: 'POST', token, body: { code: '000000' } });
    expect((await problem(wrong)).errors?.[0].path).toBe('code');
    const confirmed = await app.request('/api/v1/me/totp/confirm', { method: 'POST', token, body: { code: totpCode(started.secret) } });
    expect(confirmed.status).toBe(200);
    expect(((await (await app.request('/api/v1/me', { token })).json()) as { user: { totpEnabled: boolean; mfa: boolean } }).user).toMatchObject({ totpEnabled: true, mfa: true });
    expect((await signIn({ email: 'handler.si@imi.test', password: 'demo-password' })).status).toBe(401);
    const next = totpCode(started.secret, new Date(Date.now() + 30_000));
    expect((await signIn({ email: 'handler.si@imi.test', password: 'demo-password', totp: next })).status).toBe(200);
  });
});

describe('tokens of a national identity provider', () => {
  let key: CryptoKey;
  let jwk: JWK;
  const issuer = 'https://idp.portal.de.imi.test';
  const audience = 'imi-network';
  const token = (claims: Record<string, unknown>, options: { iss?: string; exp?: string | number; signWith?: CryptoKey } = {}) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: 'de-1' }).setIssuer(options.iss ?? issuer).setAudience(audience)
      .setIssuedAt().setExpirationTime(options.exp ?? '5m').sign(options.signWith ?? key);

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    key = pair.privateKey;
    jwk = { ...(await exportJWK(pair.publicKey)), kid: 'de-1', alg: 'ES256', use: 'sig' };
  });

  it('the NIMIC registers its state\'s provider; a foreign NIMIC cannot', async () => {
    const body = { country: 'DE', issuer, audience, jwks: { keys: [jwk] } };
    const foreign = await app.login('nimic.fr@imi.test');
    expect((await app.request('/api/v1/admin/identity-providers', { method: 'POST', token: foreign, body })).status).toBe(403);
    const nimic = await app.login('nimic.de@imi.test');
    const bad = await app.request('/api/v1/admin/identity-providers', { method: 'POST', token: nimic, body: { ...body, jwks: { keys: [{ nonsense: true }] } } });
    expect((await problem(bad)).errors?.[0].path).toBe('jwks');
    const saved = await app.request('/api/v1/admin/identity-providers', { method: 'POST', token: nimic, body });
    expect(saved.status).toBe(200);
    const listed = (await (await app.request('/api/v1/admin/identity-providers?country=DE', { token: nimic })).json()) as { items: { issuer: string }[] };
    expect(listed.items.map((p) => p.issuer)).toEqual([issuer]);
  });

  it('a signed token naming a user of that state signs it in; others do not', async () => {
    const me = await app.request('/api/v1/me', { token: await token({ email: 'Handler.DE@imi.test' }) });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { email: string; mfa: boolean } }).user).toMatchObject({ email: 'handler.de@imi.test', mfa: false });
    const other = await generateKeyPair('ES256');
    for (const [what, bad] of [
      ['expired', await token({ email: 'handler.de@imi.test' }, { exp: Math.floor(Date.now() / 1000) - 120 })],
      ['wrong issuer', await token({ email: 'handler.de@imi.test' }, { iss: 'https://evil.imi.test' })],
      ['wrong key', await token({ email: 'handler.de@imi.test' }, { signWith: other.privateKey })],
      ['user of another state', await token({ email: 'handler.fr@imi.test' })],
      ['unknown user', await token({ email: 'nobody@imi.test' })],
    ] as const) {
      expect((await app.request('/api/v1/me', { token: bad })).status, what).toBe(401);
    }
  });
});

describe('administrator powers', () => {
  it('the Commission makes a user data-protection administrator, who then reads the audit log with a second factor', async () => {
    const admin = await app.session('admin@imi.test', { mfa: true });
    const [dpo] = await app.orm.em.fork().execute<{ id: string; version: number }[]>(`select id, version from app_user where email = 'lda.no@imi.test'`);
    const granted = await app.request(`/api/v1/admin/users/${dpo.id}`, { method: 'PATCH', token: admin, body: { version: dpo.version, dataProtectionAdmin: true } });
    expect(granted.status).toBe(200);
    expect(((await granted.json()) as { dataProtectionAdmin: boolean }).dataProtectionAdmin).toBe(true);
    expect((await app.request('/api/v1/admin/audit', { token: await app.session('lda.no@imi.test', { mfa: false }) })).status).toBe(403);
    expect((await app.request('/api/v1/admin/audit', { token: await app.session('lda.no@imi.test', { mfa: true }) })).status).toBe(200);
    const audit = (await (await app.request(`/api/v1/admin/audit?action=user.set-admin-powers`, { token: admin })).json()) as { items: { fields: string[] }[] };
    expect(audit.items[0].fields).toEqual(['dataProtectionAdmin']);
  });
});
