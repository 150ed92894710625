import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support.js';

/**
 * The authorization matrix: every endpoint of the OpenAPI document, called by every kind of actor, against the
 * authority of the Czech demo handler: its own for its handler and LDA, coordinated for the Czech NIMIC, foreign for
 * the Slovak LDA and NIMIC. Requests are built so that an allowed call changes nothing (a stale version, an unknown area, a wrong code) and
 * still answers something other than 401, 403 or 404; a refused call answers one of those. A route that forgets its
 * policy check lets a refused actor through, and this test fails.
 */
const actors = ['anonymous', 'handler', 'lda', 'foreignLda', 'nimic', 'foreignNimic', 'admin', 'adminWithoutSecondFactor'] as const;
type Actor = (typeof actors)[number];
const signedIn = actors.filter((a) => a !== 'anonymous');

interface Ids { authority: string; handler: string; otherUserOfState: string }
interface Case {
  allowed: readonly Actor[];
  path: (ids: Ids) => string;
  body?: unknown;
  /** The call ends the actor's sign-in: use a sign-in of its own. */
  freshToken?: boolean;
}

const authorityFields = { officialName: 'Matrix authority', officialNameLang: 'cs', languages: ['cs'] };
const cases: Record<string, Case> = {
  'GET /api/v1/countries': { allowed: actors, path: () => '/api/v1/countries' },
  'GET /api/v1/question-sets': { allowed: actors, path: () => '/api/v1/question-sets' },
  'GET /api/v1/question-sets/{id}': { allowed: actors, path: () => '/api/v1/question-sets/1' },
  'GET /api/v1/question-sets/{id}/export': { allowed: actors, path: () => '/api/v1/question-sets/1/export' },
  'POST /api/v1/admin/question-sets': { allowed: ['admin'], path: () => '/api/v1/admin/question-sets', body: { area: 'ZZ', version: 1, name: { en: 'Matrix' }, groups: [{ code: 'g', title: { en: 'G' }, questions: [{ code: 'q', text: { en: 'Q?' }, answerType: 'text' }] }] } },
  'GET /api/v1/locales': { allowed: actors, path: () => '/api/v1/locales' },
  'GET /api/v1/legislative-areas': { allowed: actors, path: () => '/api/v1/legislative-areas' },
  'GET /api/v1/professions': { allowed: actors, path: () => '/api/v1/professions?q=nurse' },
  'GET /api/v1/keywords': { allowed: actors, path: () => '/api/v1/keywords?q=diploma' },
  'POST /api/v1/auth/login': { allowed: actors, path: () => '/api/v1/auth/login', body: {} },
  'POST /api/v1/auth/activate': { allowed: actors, path: () => '/api/v1/auth/activate', body: { token: 'x'.repeat(40), password: 'a fine long passphrase' } },
  'POST /api/v1/registrations': { allowed: actors, path: () => '/api/v1/registrations', body: { ...authorityFields, token: 'x'.repeat(40), lda: { name: 'X', password: 'a fine long passphrase' } } },
  'POST /api/v1/auth/logout': { allowed: signedIn, path: () => '/api/v1/auth/logout', freshToken: true },
  'GET /api/v1/me': { allowed: signedIn, path: () => '/api/v1/me' },
  'POST /api/v1/me/password': { allowed: signedIn, path: () => '/api/v1/me/password', body: { currentPassword: 'not it', newPassword: 'a fine long passphrase' } },
  'POST /api/v1/me/totp': { allowed: signedIn, path: () => '/api/v1/me/totp' },
  'POST /api/v1/me/totp/confirm': { allowed: signedIn, path: () => '/api/v1/me/totp/confirm', body: { code: '000000' } },
  'GET /api/v1/authorities': { allowed: signedIn, path: () => '/api/v1/authorities?q=nurse' },
  'GET /api/v1/authorities/{id}': { allowed: signedIn, path: (ids) => `/api/v1/authorities/${ids.authority}` },
  'POST /api/v1/authorities': { allowed: ['nimic'], path: () => '/api/v1/authorities', body: { ...authorityFields, country: 'CZ', areas: ['ZZ'], lda: { email: 'matrix@cz.imi.test', name: 'M' } } },
  'POST /api/v1/authorities/invitations': { allowed: ['nimic'], path: () => '/api/v1/authorities/invitations', body: { email: 'matrix@cz.imi.test', country: 'CZ', areas: ['ZZ'] } },
  'PATCH /api/v1/authorities/{id}': { allowed: ['lda', 'nimic'], path: (ids) => `/api/v1/authorities/${ids.authority}`, body: { version: 999_999 } },
  'POST /api/v1/authorities/{id}/validate': { allowed: ['nimic'], path: (ids) => `/api/v1/authorities/${ids.authority}/validate`, body: { decision: 'approve', version: 999_999 } },
  'POST /api/v1/authorities/{id}/suspend': { allowed: ['nimic'], path: (ids) => `/api/v1/authorities/${ids.authority}/suspend`, body: { reason: 'matrix', version: 999_999 } },
  'POST /api/v1/authorities/{id}/reactivate': { allowed: ['nimic'], path: (ids) => `/api/v1/authorities/${ids.authority}/reactivate`, body: { version: 999_999 } },
  'POST /api/v1/authorities/{id}/areas': { allowed: ['nimic'], path: (ids) => `/api/v1/authorities/${ids.authority}/areas`, body: { area: 'PQ', version: 999_999 } },
  'GET /api/v1/authorities/{id}/coordinators': { allowed: signedIn, path: (ids) => `/api/v1/authorities/${ids.authority}/coordinators` },
  'POST /api/v1/authorities/{id}/coordinators': { allowed: ['nimic'], path: (ids) => `/api/v1/authorities/${ids.authority}/coordinators`, body: { area: 'ZZ', coordinatorId: '00000000-0000-4000-8000-000000000000', relation: 'observer' } },
  'GET /api/v1/authorities/{id}/users': { allowed: ['lda', 'nimic'], path: (ids) => `/api/v1/authorities/${ids.authority}/users` },
  'POST /api/v1/authorities/{id}/users': { allowed: ['lda'], path: (ids) => `/api/v1/authorities/${ids.authority}/users`, body: { email: 'matrix@cz.imi.test', name: 'M', roles: [{ area: 'ZZ', role: 'basic-user' }] } },
  'PATCH /api/v1/users/{id}': { allowed: ['lda'], path: (ids) => `/api/v1/users/${ids.handler}`, body: { version: 999_999 } },
  'POST /api/v1/users/{id}/reset': { allowed: ['nimic'], path: (ids) => `/api/v1/users/${ids.otherUserOfState}/reset` },
  'PATCH /api/v1/admin/users/{id}': { allowed: ['admin'], path: (ids) => `/api/v1/admin/users/${ids.handler}`, body: { version: 999_999, dataProtectionAdmin: true } },
  'GET /api/v1/admin/audit': { allowed: ['admin'], path: () => '/api/v1/admin/audit?limit=1' },
  'GET /api/v1/admin/identity-providers': { allowed: ['admin', 'nimic'], path: () => '/api/v1/admin/identity-providers?country=CZ' },
  'POST /api/v1/admin/identity-providers': { allowed: ['admin', 'nimic'], path: () => '/api/v1/admin/identity-providers', body: { country: 'CZ', issuer: 'https://idp.cz.imi.test', audience: 'imi', jwks: { keys: [{ kty: 'none' }] } } },
};

let app: TestApp;
let ids: Ids;
const accounts: Record<Exclude<Actor, 'anonymous' | 'admin' | 'adminWithoutSecondFactor'>, string> = {
  handler: 'handler.cz@imi.test', lda: 'lda.cz@imi.test', foreignLda: 'lda.sk@imi.test', nimic: 'nimic.cz@imi.test', foreignNimic: 'nimic.sk@imi.test',
};

async function tokenOf(actor: Actor): Promise<string | undefined> {
  if (actor === 'anonymous') return undefined;
  if (actor === 'admin') return app.session('admin@imi.test', { mfa: true });
  if (actor === 'adminWithoutSecondFactor') return app.session('admin@imi.test', { mfa: false });
  return app.login(accounts[actor]);
}

beforeAll(async () => {
  app = await startTestApp();
  const me = (await (await app.request('/api/v1/me', { token: await app.login('handler.cz@imi.test') })).json()) as { user: { id: string }; authority: { id: string } };
  const other = await app.orm.em.fork().execute<{ id: string }[]>(`select id from app_user where email = 'handler2.cz@imi.test'`);
  ids = { authority: me.authority.id, handler: me.user.id, otherUserOfState: other[0].id };
});
afterAll(async () => {
  if (app) await app.close();
});

describe('authorization matrix', () => {
  it('covers every endpoint of the OpenAPI document', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    expect(operations.filter((o) => !cases[o])).toEqual([]);
    expect(Object.keys(cases).filter((c) => !operations.includes(c))).toEqual([]);
  });

  it('allows exactly the actors the policy names, on every endpoint', async () => {
    const tokens = new Map<Actor, string | undefined>();
    for (const actor of actors) tokens.set(actor, await tokenOf(actor));
    const wrong: string[] = [];
    for (const [operation, c] of Object.entries(cases)) {
      const method = operation.split(' ')[0];
      for (const actor of actors) {
        const token = c.freshToken ? await tokenOf(actor) : tokens.get(actor);
        const response = await app.request(c.path(ids), { method, token, body: c.body ?? (method === 'GET' ? undefined : {}) });
        const refused = [401, 403, 404].includes(response.status);
        const allowed = c.allowed.includes(actor);
        if (allowed === refused || response.status >= 500) wrong.push(`${operation} as ${actor}: ${response.status} (${allowed ? 'should be allowed' : 'should be refused'})`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
