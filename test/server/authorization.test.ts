import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partiesFor, requestActions } from '../../server/modules/requests/workflow.js';
import { startTestApp, type TestApp } from './support.js';

/**
 * The authorization matrix: every endpoint of the OpenAPI document, called by every kind of actor, against the
 * authority of the Czech demo handler: its own for its handler and LDA, coordinated for the Czech NIMIC, foreign for
 * the Slovak LDA and NIMIC. Requests are built so that an allowed call changes nothing (a stale version, an unknown area, a wrong code) and
 * still answers something other than 401, 403 or 404; a refused call answers one of those. A route that forgets its
 * policy check lets a refused actor through, and this test fails.
 */
const actors = ['anonymous', 'handler', 'lda', 'foreignLda', 'nimic', 'foreignNimic', 'admin', 'adminWithoutSecondFactor', 'dpo'] as const;
type Actor = (typeof actors)[number];
const signedIn = actors.filter((a) => a !== 'anonymous');

interface Ids { authority: string; handler: string; otherUserOfState: string; draft: string; attachment: string; grant: string; blockedAttachment: string; subjectRequest: string }
interface Case {
  allowed: readonly Actor[];
  path: (ids: Ids) => string;
  body?: unknown;
  /** The call ends the actor's sign-in: use a sign-in of its own. */
  freshToken?: boolean;
}

const nobody = '00000000-0000-4000-8000-000000000000';
/** A body each action's schema accepts, so that only the policy and the workflow decide the answer. */
const actionInput: Record<(typeof requestActions)[number], Record<string, unknown>> = {
  send: {}, approve: {}, 'reject-approval': { reason: 'matrix' }, accept: {}, forward: { toAuthorityId: nobody },
  split: { questions: ['PQ-001-profession-title'], toAuthorityId: nobody }, reply: { answers: [] }, 'request-clarification': { text: 'matrix' },
  'answer-clarification': { text: 'matrix' }, refer: { text: 'matrix' }, 'resolve-referral': { outcome: 'reply-stands', text: 'matrix' }, close: {},
  withdraw: { reason: 'matrix' }, allocate: { userIds: [nobody] }, message: { text: 'matrix' }, reuse: {},
};
const authorityFields = { officialName: 'Matrix authority', officialNameLang: 'cs', languages: ['cs'] };
const cases: Record<string, Case> = {
  'GET /api/v1/countries': { allowed: actors, path: () => '/api/v1/countries' },
  'GET /api/v1/question-sets': { allowed: actors, path: () => '/api/v1/question-sets' },
  'GET /api/v1/question-sets/{id}': { allowed: actors, path: () => '/api/v1/question-sets/1' },
  'GET /api/v1/question-sets/{id}/export': { allowed: actors, path: () => '/api/v1/question-sets/1/export' },
  'POST /api/v1/admin/question-sets': { allowed: ['admin'], path: () => '/api/v1/admin/question-sets', body: { area: 'ZZ', version: 1, name: { en: 'Matrix' }, groups: [{ code: 'g', title: { en: 'G' }, questions: [{ code: 'q', text: { en: 'Q?' }, answerType: 'text' }] }] } },
  'GET /api/v1/locales': { allowed: actors, path: () => '/api/v1/locales' },
  'GET /api/v1/machine-translation': { allowed: actors, path: () => '/api/v1/machine-translation' },
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
  'GET /api/v1/authorities/{id}/users': { allowed: ['lda', 'nimic', 'admin'], path: (ids) => `/api/v1/authorities/${ids.authority}/users` },
  'POST /api/v1/authorities/{id}/users': { allowed: ['lda'], path: (ids) => `/api/v1/authorities/${ids.authority}/users`, body: { email: 'matrix@cz.imi.test', name: 'M', roles: [{ area: 'ZZ', role: 'basic-user' }] } },
  'PATCH /api/v1/users/{id}': { allowed: ['lda'], path: (ids) => `/api/v1/users/${ids.handler}`, body: { version: 999_999 } },
  'POST /api/v1/users/{id}/reset': { allowed: ['nimic'], path: (ids) => `/api/v1/users/${ids.otherUserOfState}/reset` },
  'PATCH /api/v1/admin/users/{id}': { allowed: ['admin'], path: (ids) => `/api/v1/admin/users/${ids.handler}`, body: { version: 999_999, dataProtectionAdmin: true } },
  'GET /api/v1/admin/audit': { allowed: ['admin', 'dpo'], path: () => '/api/v1/admin/audit?limit=1' },
  'GET /api/v1/admin/audit/export': { allowed: ['admin', 'dpo'], path: () => '/api/v1/admin/audit/export?record=matrix' },
  'GET /api/v1/admin/audit/verify': { allowed: ['admin', 'dpo'], path: () => '/api/v1/admin/audit/verify' },
  'POST /api/v1/admin/professions/import': { allowed: ['admin'], path: () => '/api/v1/admin/professions/import?dryRun=true' },
  'GET /api/v1/admin/system': { allowed: ['admin'], path: () => '/api/v1/admin/system' },
  'GET /api/v1/admin/overview': { allowed: ['nimic', 'foreignNimic', 'admin'], path: () => '/api/v1/admin/overview' },
  'GET /api/v1/admin/legislative-areas': { allowed: ['admin'], path: () => '/api/v1/admin/legislative-areas' },
  'PATCH /api/v1/admin/legislative-areas/{code}': { allowed: ['admin'], path: () => '/api/v1/admin/legislative-areas/PQ', body: { opensOn: null, version: 999_999 } },
  'GET /api/v1/admin/professions/opening-dates': { allowed: ['admin'], path: () => '/api/v1/admin/professions/opening-dates' },
  'PATCH /api/v1/admin/professions/{code}/opening': { allowed: ['admin'], path: () => '/api/v1/admin/professions/general-care-nurse/opening', body: { opensOn: null, version: 999_999 } },
  'POST /api/v1/admin/question-sets/check': { allowed: ['admin'], path: () => '/api/v1/admin/question-sets/check', body: { area: 'ZZ', version: 1, name: { en: 'Matrix' }, groups: [{ code: 'g', title: { en: 'G' }, questions: [{ code: 'q', text: { en: 'Q?' }, answerType: 'text' }] }] } },
  'GET /api/v1/admin/translations': { allowed: ['admin'], path: () => '/api/v1/admin/translations?area=PQ' },
  'PUT /api/v1/admin/translations': { allowed: ['admin'], path: () => '/api/v1/admin/translations', body: { questionSetId: 1, locale: 'de', entries: [{ key: 'no-such-text', text: 'matrix' }] } },
  'GET /api/v1/admin/authorities': { allowed: ['lda', 'foreignLda', 'nimic', 'foreignNimic', 'admin'], path: () => '/api/v1/admin/authorities?limit=1' },
  'GET /api/v1/admin/authorities/{id}': { allowed: ['lda', 'nimic', 'admin'], path: (ids) => `/api/v1/admin/authorities/${ids.authority}` },
  'GET /api/v1/admin/invitations': { allowed: ['nimic', 'foreignNimic', 'admin'], path: () => '/api/v1/admin/invitations?limit=1' },
  'GET /api/v1/admin/states/{country}': { allowed: ['admin', 'nimic'], path: () => '/api/v1/admin/states/CZ' },
  'GET /api/v1/admin/identity-providers': { allowed: ['admin', 'nimic'], path: () => '/api/v1/admin/identity-providers?country=CZ' },
  'PUT /api/v1/authorities/{id}/allocation': { allowed: ['lda', 'nimic'], path: (ids) => `/api/v1/authorities/${ids.authority}/allocation`, body: { version: 999_999, area: 'PQ', allocation: false } },
  'GET /api/v1/admin/routing': { allowed: ['admin', 'nimic'], path: () => '/api/v1/admin/routing?country=CZ' },
  'PUT /api/v1/admin/routing': { allowed: ['admin', 'nimic'], path: () => '/api/v1/admin/routing', body: { country: 'CZ', area: 'NO-SUCH-AREA' } },
  'GET /api/v1/me/notification-preferences': { allowed: signedIn, path: () => '/api/v1/me/notification-preferences' },
  'PUT /api/v1/me/notification-preferences': { allowed: signedIn, path: () => '/api/v1/me/notification-preferences', body: { preferences: [{ kind: 'request-received', mode: 'off' }] } },
  // A draft of the Czech handler's authority: its handler acts on it, its LDA (a basic user there) reads a summary,
  // nobody else knows of it. Ids that do not exist would be refused to everyone and prove nothing.
  'POST /api/v1/requests': { allowed: ['handler', 'nimic', 'foreignNimic'], path: () => '/api/v1/requests', body: { area: 'PQ', questionSetId: 999_999, questions: ['x'], subject: { firstName: 'M', lastName: 'M' } } },
  'GET /api/v1/requests': { allowed: ['handler', 'lda', 'foreignLda', 'nimic', 'foreignNimic'], path: () => '/api/v1/requests?box=outgoing' },
  'GET /api/v1/requests/{id}': { allowed: ['handler', 'lda'], path: (ids) => `/api/v1/requests/${ids.draft}` },
  'PATCH /api/v1/requests/{id}': { allowed: ['handler'], path: (ids) => `/api/v1/requests/${ids.draft}`, body: { version: 999_999 } },
  'GET /api/v1/requests/{id}/timeline': { allowed: ['handler', 'lda'], path: (ids) => `/api/v1/requests/${ids.draft}/timeline` },
  'POST /api/v1/requests/{id}/translations': { allowed: ['handler'], path: (ids) => `/api/v1/requests/${ids.draft}/translations`, body: { field: 'freeText', to: 'cs' } },
  'POST /api/v1/requests/{id}/attachments': { allowed: ['handler'], path: (ids) => `/api/v1/requests/${ids.draft}/attachments?name=matrix.pdf` },
  'GET /api/v1/attachments/{id}': { allowed: ['handler'], path: (ids) => `/api/v1/attachments/${ids.attachment}` },
  'GET /api/v1/deadlines': { allowed: ['nimic', 'admin'], path: () => '/api/v1/deadlines?country=CZ' },
  'GET /api/v1/stats/kpis/trend': { allowed: ['handler', 'lda', 'nimic', 'admin'], path: (ids) => `/api/v1/stats/kpis/trend?authority=${ids.authority}` },
  'GET /api/v1/stats/kpis': { allowed: ['handler', 'lda', 'nimic', 'admin'], path: (ids) => `/api/v1/stats/kpis?authority=${ids.authority}` },
  'GET /api/v1/events': { allowed: signedIn, path: () => '/api/v1/events' },
  'POST /api/v1/data-protection/access-grants': { allowed: ['dpo'], path: () => '/api/v1/data-protection/access-grants', body: { requestId: nobody, purpose: 'proof-of-exchange', justification: 'The authorization matrix' } },
  'GET /api/v1/data-protection/access-grants': { allowed: ['dpo'], path: () => '/api/v1/data-protection/access-grants?limit=1' },
  'GET /api/v1/data-protection/access-grants/{id}/data': { allowed: ['dpo'], path: (ids) => `/api/v1/data-protection/access-grants/${ids.grant}/data` },
  'GET /api/v1/data-protection/access-grants/{id}/attachments/{attachmentId}': { allowed: ['dpo'], path: (ids) => `/api/v1/data-protection/access-grants/${ids.grant}/attachments/${ids.blockedAttachment}` },
  'GET /api/v1/data-protection/retention-runs': { allowed: ['admin', 'dpo'], path: () => '/api/v1/data-protection/retention-runs?limit=1' },
  'POST /api/v1/data-protection/retention-runs': { allowed: ['dpo'], path: () => '/api/v1/data-protection/retention-runs' },
  'GET /api/v1/data-protection/summary': { allowed: ['admin', 'dpo'], path: () => '/api/v1/data-protection/summary' },
  // Data subjects' requests: an authority's handlers and LDA (every demo NIMIC handles requests too) and the
  // administrator record them; one recorded by the Czech handler's authority is for its users and the administrator.
  // Received too long ago, an allowed recording is refused after the policy, as is a correction or erasure under an
  // access request.
  'POST /api/v1/data-subject-requests': { allowed: ['handler', 'lda', 'foreignLda', 'nimic', 'foreignNimic', 'dpo'], path: () => '/api/v1/data-subject-requests', body: { kind: 'access', subject: { firstName: 'Matrix', lastName: 'Case' }, receivedOn: '2000-01-01' } },
  'GET /api/v1/data-subject-requests': { allowed: ['handler', 'lda', 'foreignLda', 'nimic', 'foreignNimic', 'dpo'], path: () => '/api/v1/data-subject-requests?limit=1' },
  'GET /api/v1/data-subject-requests/{id}': { allowed: ['handler', 'lda', 'dpo'], path: (ids) => `/api/v1/data-subject-requests/${ids.subjectRequest}` },
  'PATCH /api/v1/data-subject-requests/{id}': { allowed: ['handler', 'lda', 'dpo'], path: (ids) => `/api/v1/data-subject-requests/${ids.subjectRequest}`, body: { version: 999_999, outcome: 'matrix' } },
  'GET /api/v1/data-subject-requests/{id}/matches': { allowed: ['handler', 'lda', 'dpo'], path: (ids) => `/api/v1/data-subject-requests/${ids.subjectRequest}/matches` },
  'GET /api/v1/data-subject-requests/{id}/export': { allowed: ['handler', 'lda', 'dpo'], path: (ids) => `/api/v1/data-subject-requests/${ids.subjectRequest}/export` },
  'POST /api/v1/data-subject-requests/{id}/corrections': { allowed: ['handler', 'lda', 'dpo'], path: (ids) => `/api/v1/data-subject-requests/${ids.subjectRequest}/corrections`, body: { requestId: nobody, subject: { firstName: 'Matrix' } } },
  'POST /api/v1/data-subject-requests/{id}/erasures': { allowed: ['dpo'], path: (ids) => `/api/v1/data-subject-requests/${ids.subjectRequest}/erasures`, body: { requestId: nobody } },
  ...Object.fromEntries(requestActions.map((action) => [`POST /api/v1/requests/{id}/${action}`, {
    allowed: partiesFor(action).has('requester-handler') ? ['handler'] as const : [] as const,
    path: (ids: Ids) => `/api/v1/requests/${ids.draft}/${action}`,
    body: { version: 999_999, ...actionInput[action] },
  }])),
  'POST /api/v1/admin/identity-providers': { allowed: ['admin', 'nimic'], path: () => '/api/v1/admin/identity-providers', body: { country: 'CZ', issuer: 'https://idp.cz.imi.test', audience: 'imi', jwks: { keys: [{ kty: 'none' }] } } },
};

let app: TestApp;
let ids: Ids;
const accounts: Record<Exclude<Actor, 'anonymous' | 'admin' | 'adminWithoutSecondFactor' | 'dpo'>, string> = {
  handler: 'handler.cz@imi.test', lda: 'lda.cz@imi.test', foreignLda: 'lda.sk@imi.test', nimic: 'nimic.cz@imi.test', foreignNimic: 'nimic.sk@imi.test',
};

async function tokenOf(actor: Actor): Promise<string | undefined> {
  if (actor === 'anonymous') return undefined;
  if (actor === 'admin') return app.session('admin@imi.test', { mfa: true });
  if (actor === 'adminWithoutSecondFactor') return app.session('admin@imi.test', { mfa: false });
  if (actor === 'dpo') return app.session('dpo@imi.test', { mfa: true });
  return app.login(accounts[actor]);
}

beforeAll(async () => {
  // A translation provider configured (one that answers nothing), so that translating is offered: an allowed call asks
  // for the text's own language and gets 400 without reaching it, a refused one is stopped before.
  app = await startTestApp({ machineTranslation: { provider: 'libretranslate', url: 'http://127.0.0.1:9', apiKey: undefined, user: undefined, timeoutMs: 1000 } });
  const me = (await (await app.request('/api/v1/me', { token: await app.login('handler.cz@imi.test') })).json()) as { user: { id: string }; authority: { id: string } };
  // A user of the state's second authority made for the matrix: the NIMIC's allowed password reset really resets it,
  // which would lock a demo account out of the test files after this one.
  const other = await app.orm.em.fork().execute<{ id: string }[]>(
    `insert into app_user (id, email, name, locale, authority_id, created_at)
     select gen_random_uuid(), 'matrix.other@cz.imi.test', 'Matrix other user', 'cs', authority_id, now() from app_user where email = 'handler2.cz@imi.test'
     on conflict (email) do update set active = true returning id`);
  const handler = await app.login('handler.cz@imi.test');
  const [set] = await app.orm.em.fork().execute<{ id: number }[]>(`select id from question_set where area_code = 'PQ' order by version desc limit 1`);
  const draft = await (await app.request('/api/v1/requests', {
    method: 'POST', token: handler, body: { area: 'PQ', questionSetId: set.id, questions: ['PQ-001-profession-title'], subject: { firstName: 'Matrix', lastName: 'Case' }, freeText: 'Matrix text', freeTextLang: 'cs' },
  })).json() as { id: string };
  const attachment = await (await app.request(`/api/v1/requests/${draft.id}/attachments?name=matrix.pdf`, {
    method: 'POST', token: handler, body: '%PDF-1.4 matrix', headers: { 'Content-Type': 'application/pdf' },
  })).json() as { id: string };
  // A request closed long ago, so blocked, with a file: the data-protection administrator's grant reads it.
  const blocked = crypto.randomUUID();
  const blockedAttachment = crypto.randomUUID();
  await app.orm.em.fork().execute(
    `insert into request (id, case_number, area_code, question_set_id, requester_id, status, questions, subject, created_by, created_at, updated_at, sent_at, closed_at)
     values (?, 'PQ-MATRIX-BLOCKED', 'PQ', ?, ?, 'CLOSED', '{PQ-001-profession-title}', '{"firstName":"Matrix","lastName":"Blocked"}', ?, '2025-01-02', '2025-01-10', '2025-01-02', '2025-01-10')`,
    [blocked, set.id, me.authority.id, me.user.id]);
  await app.orm.em.fork().execute(
    `insert into attachment (id, request_id, authority_id, uploaded_by, name, media_type, size, sha256, content, created_at, released_at)
     values (?, ?, ?, ?, 'matrix.pdf', 'application/pdf', 3, '', '\\x414243', '2025-01-02', '2025-01-02')`,
    [blockedAttachment, blocked, me.authority.id, me.user.id]);
  const grant = await (await app.request('/api/v1/data-protection/access-grants', {
    method: 'POST', token: await tokenOf('dpo'), body: { requestId: blocked, purpose: 'proof-of-exchange', justification: 'The authorization matrix' },
  })).json() as { id: string };
  const subjectRequest = await (await app.request('/api/v1/data-subject-requests', {
    method: 'POST', token: handler, body: { kind: 'access', subject: { firstName: 'Matrix', lastName: 'Case' } },
  })).json() as { id: string };
  ids = { authority: me.authority.id, handler: me.user.id, otherUserOfState: other[0].id, draft: draft.id, attachment: attachment.id, grant: grant.id, blockedAttachment, subjectRequest: subjectRequest.id };
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
        await response.body?.cancel();
        const refused = [401, 403, 404].includes(response.status);
        const allowed = c.allowed.includes(actor);
        if (allowed === refused || response.status >= 500) wrong.push(`${operation} as ${actor}: ${response.status} (${allowed ? 'should be allowed' : 'should be refused'})`);
      }
    }
    expect(wrong).toEqual([]);
    // Every endpoint for every actor: about a thousand calls.
  }, 120_000);
});
