import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSmtp } from './smtp.js';
import { questions, requestClient, validAnswers, type View } from './request-client.js';
import { problem, startTestApp, type TestApp } from './support.js';

/**
 * The request journeys of SPEC §5.1 through the API, as the users of two states live them: direct, via approval on
 * both sides, forward, split, clarification, referral, withdrawal, reuse and allocation; with need-to-know redaction,
 * concurrency, idempotent creation, and the e-mails the handlers receive. Each journey uses accounts of its own states.
 */
let app: TestApp;
let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
let client: Awaited<ReturnType<typeof requestClient>>;
const call: Awaited<ReturnType<typeof requestClient>>['call'] = (...args) => client.call(...args);
const token = (email: string) => client.token(email);
const authorityOf = (email: string) => client.authorityOf(email);
const draft = (requester: string, responder: string, extra?: Record<string, unknown>) => client.draft(requester, responder, extra);
const step = (email: string, request: View, action: string, body?: Record<string, unknown>) => client.step(email, request, action, body);
const view = (email: string, id: string) => client.view(email, id);

async function setRouting(country: string, routing: { approveRequests?: boolean; approveReplies?: boolean; inherit?: boolean }) {
  const result = await call(`nimic.${country.toLowerCase()}@imi.test`, 'PUT', '/admin/routing', { country, ...routing });
  expect(result.status, JSON.stringify(result.body)).toBe(200);
}

beforeAll(async () => {
  smtp = await startTestSmtp();
  app = await startTestApp({ smtpUrl: smtp.url });
  client = await requestClient(app);
});
afterAll(async () => {
  await app?.close();
  await smtp?.close();
});

describe('a direct exchange', () => {
  it('runs send → accept → reply → close, with personal data hidden from the responder until it accepts', async () => {
    const created = await draft('handler.pt@imi.test', 'handler.es@imi.test');
    expect(created).toMatchObject({ status: 'DRAFT', version: 1, allowedActions: ['send', 'reuse'], caseNumber: expect.stringMatching(/^PQ-\d{4}-\d{6}$/) });
    expect(created.subject).toEqual({ firstName: 'Ana', lastName: 'Ferreira', dateOfBirth: '1990-04-02', nationality: 'PT' });

    // A draft is the requesting authority's own: the responder does not know of it yet.
    expect((await view('handler.es@imi.test', created.id)).status).toBe(404);

    const sent = await step('handler.pt@imi.test', created, 'send');
    expect(sent.status).toBe('AWAITING_ACCEPTANCE');
    expect(sent.replyBy).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const before = await view('handler.es@imi.test', created.id);
    expect(before.status).toBe(200);
    expect(before.body.subject).toBeUndefined();
    expect(before.body.freeText).toBeUndefined();
    expect(before.body.redacted).toEqual(expect.arrayContaining(['subject', 'freeText', 'attachments']));
    expect(before.body.questions.map((q) => q.code)).toEqual(questions);
    expect(before.body.allowedActions).toEqual(['accept', 'forward', 'split']);

    const accepted = await step('handler.es@imi.test', before.body, 'accept', { days: 12 });
    expect(accepted.status).toBe('ACCEPTED');
    expect(accepted.subject?.lastName).toBe('Ferreira');
    expect(accepted.freeText).toEqual({ text: 'Die Antragstellerin arbeitete zuletzt in Porto.', lang: 'de' });
    expect(accepted.committedReplyBy).not.toBe(accepted.replyBy);

    // The requester does not see a reply before it is released.
    const replied = await step('handler.es@imi.test', accepted, 'reply', { answers: validAnswers, freeText: 'Aucune sanction.', freeTextLang: 'fr' });
    expect(replied.status).toBe('ANSWERED');
    const seen = (await view('handler.pt@imi.test', created.id)).body;
    expect(seen.answers).toEqual(validAnswers);
    expect(seen.allowedActions).toEqual(['request-clarification', 'refer', 'close', 'message', 'reuse']);

    // The coordinator of the responding authority follows the request in its coordination box, without personal data.
    const coordination = await call<{ items: { id: string }[] }>('nimic.es@imi.test', 'GET', '/requests?box=coordination&limit=100');
    expect(coordination.body.items.map((i) => i.id)).toContain(created.id);
    const asCoordinator = (await view('nimic.es@imi.test', created.id)).body;
    expect(asCoordinator.subject).toBeUndefined();
    expect(asCoordinator.allowedActions).toEqual([]);
    // Every read of personal data is in the audit log, with its purpose.
    const [read] = await app.orm.em.fork().execute<{ purpose: string; fields: string[] }[]>(
      `select e.purpose, e.fields from audit_entry e where e.action = 'request.read-personal' and e.record_id = ? and e.actor_email = 'handler.es@imi.test' order by e.id desc limit 1`, [created.id]);
    expect(read).toEqual({ purpose: 'handling the request (responding authority)', fields: expect.arrayContaining(['subject', 'freeText']) });

    const closed = await step('handler.pt@imi.test', seen, 'close', { rating: { timeliness: 'positive', effort: 'negative' } });
    expect(closed.status).toBe('CLOSED');
    expect(closed.allowedActions).toEqual(['reuse']);

    const timeline = await call<{ items: { kind: string; toStatus: string }[] }>('handler.pt@imi.test', 'GET', `/requests/${created.id}/timeline`);
    expect(timeline.body.items.map((e) => `${e.kind}:${e.toStatus}`)).toEqual(['create:DRAFT', 'send:AWAITING_ACCEPTANCE', 'accept:ACCEPTED', 'reply:ANSWERED', 'close:CLOSED']);

    const [row] = await app.orm.em.fork().execute<{ sent_at: Date; accepted_at: Date; first_answered_at: Date; closed_at: Date; rating_effort: string }[]>(
      'select sent_at, accepted_at, first_answered_at, closed_at, rating_effort from request where id = ?', [created.id]);
    expect(row.sent_at && row.accepted_at && row.first_answered_at && row.closed_at).toBeTruthy();
    expect(row.rating_effort).toBe('negative');
  });

  it('refuses a reply that misses a required answer or gives one of the wrong type, naming each field', async () => {
    const sent = await step('handler.pt@imi.test', await draft('handler.pt@imi.test', 'handler.es@imi.test'), 'send');
    const accepted = await step('handler.es@imi.test', (await view('handler.es@imi.test', sent.id)).body, 'accept', {});
    const refused = await app.request(`/api/v1/requests/${sent.id}/reply`, {
      method: 'POST', token: await token('handler.es@imi.test'),
      body: { version: accepted.version, answers: [{ question: 'PQ-007-legally-established', value: 'maybe' }, { question: 'PQ-099-unknown', value: 'yes' }] },
    });
    expect(refused.status).toBe(400);
    const errors = (await problem(refused)).errors!;
    expect(errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ path: 'answers.0.value', message: expect.stringMatching(/yes or no/) }),
      expect.objectContaining({ path: 'answers.1.question' }),
      expect.objectContaining({ path: 'answers', message: expect.stringMatching(/PQ-001-profession-title must be answered/) }),
    ]));
    expect((await view('handler.es@imi.test', sent.id)).body).toMatchObject({ status: 'ACCEPTED', version: accepted.version, answers: [] });
  });

  it('names each missing field when a draft cannot be sent, and each wrong field of a new draft', async () => {
    const created = await draft('handler.pt@imi.test', 'handler.es@imi.test', { responderAuthorityId: null });
    const refused = await app.request(`/api/v1/requests/${created.id}/send`, { method: 'POST', token: await token('handler.pt@imi.test'), body: { version: 1 } });
    expect((await problem(refused)).errors).toEqual([expect.objectContaining({ path: 'responderAuthorityId' })]);

    const bad = await app.request('/api/v1/requests', {
      method: 'POST', token: await token('handler.pt@imi.test'),
      body: { area: 'PQ', questionSetId: client.questionSetId, responderAuthorityId: await authorityOf('handler2.pt@imi.test'), questions: ['PQ-001-profession-title', 'nope'], subject: { firstName: 'A', lastName: 'B' }, replyBy: '2020-01-01' },
    });
    expect(bad.status).toBe(400);
    expect((await problem(bad)).errors!.map((e) => e.path).sort()).toEqual(['questions.1', 'replyBy', 'responderAuthorityId']);
  });
});

describe('routing via the request coordinators', () => {
  afterAll(async () => {
    await setRouting('IT', { inherit: true });
    await setRouting('AT', { inherit: true });
  });

  it('holds the request for the requesting coordinator and the reply for the responding one; each may send it back', async () => {
    await setRouting('IT', { approveRequests: true });
    await setRouting('AT', { approveReplies: true });
    const created = await draft('handler.it@imi.test', 'handler.at@imi.test');
    let r = await step('handler.it@imi.test', created, 'send');
    expect(r.status).toBe('AWAITING_APPROVAL');
    expect((await view('handler.at@imi.test', r.id)).status).toBe(404);

    // The coordinator reads the personal data it must approve, and sends it back once.
    const atCoordinator = (await view('nimic.it@imi.test', r.id)).body;
    expect(atCoordinator.subject?.lastName).toBe('Ferreira');
    expect(atCoordinator.allowedActions).toEqual(['approve', 'reject-approval']);
    r = await step('nimic.it@imi.test', atCoordinator, 'reject-approval', { reason: 'Add the date of birth check.' });
    expect(r.status).toBe('DRAFT');
    r = await step('handler.it@imi.test', (await view('handler.it@imi.test', r.id)).body, 'send');
    r = await step('nimic.it@imi.test', (await view('nimic.it@imi.test', r.id)).body, 'approve');
    expect(r.status).toBe('AWAITING_ACCEPTANCE');

    r = await step('handler.at@imi.test', (await view('handler.at@imi.test', r.id)).body, 'accept', {});
    r = await step('handler.at@imi.test', r, 'reply', { answers: validAnswers });
    expect(r.status).toBe('AWAITING_REPLY_APPROVAL');
    expect((await view('handler.it@imi.test', r.id)).body.answers).toEqual([]);

    r = await step('nimic.at@imi.test', (await view('nimic.at@imi.test', r.id)).body, 'reject-approval', { reason: 'Check the register first.' });
    expect(r.status).toBe('ACCEPTED');
    r = await step('handler.at@imi.test', (await view('handler.at@imi.test', r.id)).body, 'reply', { answers: validAnswers });
    r = await step('nimic.at@imi.test', (await view('nimic.at@imi.test', r.id)).body, 'approve');
    expect(r.status).toBe('ANSWERED');
    expect((await view('handler.it@imi.test', r.id)).body.answers).toEqual(validAnswers);
  });

  it('lets an authority override its state\'s routing in an area', async () => {
    await setRouting('IT', { approveRequests: true });
    const it2 = await authorityOf('handler2.it@imi.test');
    const override = await call('nimic.it@imi.test', 'PUT', '/admin/routing', { country: 'IT', authorityId: it2, area: 'PQ', approveRequests: false });
    expect(override.status).toBe(200);
    const direct = await step('handler2.it@imi.test', await draft('handler2.it@imi.test', 'handler.at@imi.test'), 'send');
    expect(direct.status).toBe('AWAITING_ACCEPTANCE');
    const viaCoordinator = await step('handler.it@imi.test', await draft('handler.it@imi.test', 'handler.at@imi.test'), 'send');
    expect(viaCoordinator.status).toBe('AWAITING_APPROVAL');
    await call('nimic.it@imi.test', 'PUT', '/admin/routing', { country: 'IT', authorityId: it2, area: 'PQ', inherit: true });
    // Another state's coordinator does not set Italy's routing.
    expect((await call('nimic.at@imi.test', 'PUT', '/admin/routing', { country: 'IT', approveRequests: false })).status).toBe(403);
  });
});

describe('forward and split', () => {
  it('forwards before and after acceptance; an authority that forwarded loses access', async () => {
    const sent = await step('handler.nl@imi.test', await draft('handler.nl@imi.test', 'handler.be@imi.test'), 'send');
    const accepted = await step('handler.be@imi.test', (await view('handler.be@imi.test', sent.id)).body, 'accept', {});
    const be2 = await authorityOf('handler2.be@imi.test');
    const forwarded = await call('handler.be@imi.test', 'POST', `/requests/${sent.id}/forward`, { version: accepted.version, toAuthorityId: be2, comment: 'Compétence de la Communauté flamande.' });
    // The forwarding authority no longer sees the request at all.
    expect(forwarded.status).toBe(404);
    expect((await view('handler.be@imi.test', sent.id)).status).toBe(404);

    const atNew = (await view('handler2.be@imi.test', sent.id)).body;
    expect(atNew).toMatchObject({ status: 'AWAITING_ACCEPTANCE', committedReplyBy: null, responder: { id: be2 } });
    expect(atNew.subject).toBeUndefined();
    // Forwarding back to an authority that forwarded it is refused.
    const back = await call('handler2.be@imi.test', 'POST', `/requests/${sent.id}/forward`, { version: atNew.version, toAuthorityId: await authorityOf('handler.be@imi.test') });
    expect(back.status).toBe(400);
    // Nor across a border: the request stays in the responding state.
    const abroad = await call('handler2.be@imi.test', 'POST', `/requests/${sent.id}/forward`, { version: atNew.version, toAuthorityId: await authorityOf('handler.es@imi.test') });
    expect(abroad.status).toBe(400);
    expect((await view('handler.nl@imi.test', sent.id)).body.responder?.id).toBe(be2);
  });

  it('splits questions into a linked request under the same case number', async () => {
    const sent = await step('handler.ie@imi.test', await draft('handler.ie@imi.test', 'handler.se@imi.test'), 'send');
    const atSe = (await view('handler.se@imi.test', sent.id)).body;
    const se2 = await authorityOf('handler2.se@imi.test');
    const all = await call('handler.se@imi.test', 'POST', `/requests/${sent.id}/split`, { version: atSe.version, toAuthorityId: se2, questions });
    expect(all.status).toBe(400);
    const parent = await step('handler.se@imi.test', atSe, 'split', { toAuthorityId: se2, questions: ['PQ-034-disciplinary-sanctions', 'PQ-040-good-character'] });
    expect(parent.questions.map((q) => q.code)).toEqual(['PQ-001-profession-title', 'PQ-007-legally-established']);
    expect(parent.children).toHaveLength(1);
    const child = (await view('handler2.se@imi.test', parent.children[0].id)).body;
    expect(child).toMatchObject({ caseNumber: sent.caseNumber, status: 'AWAITING_ACCEPTANCE', parent: { id: sent.id, caseNumber: sent.caseNumber } });
    expect(child.questions.map((q) => q.code)).toEqual(['PQ-034-disciplinary-sanctions', 'PQ-040-good-character']);
    // The data subject's name finds the request for the requester; the responder before accepting cannot search by it.
    const byName = await call<{ items: { id: string }[] }>('handler.ie@imi.test', 'GET', '/requests?box=outgoing&q=ferr&limit=100');
    expect(byName.body.items.map((i) => i.id)).toContain(sent.id);
    const incomingByName = await call<{ items: { id: string }[] }>('handler2.se@imi.test', 'GET', '/requests?box=incoming&q=ferreira');
    expect(incomingByName.body.items).toEqual([]);
    // The requester sees both, under one case number.
    const outgoing = await call<{ items: { id: string; caseNumber: string }[] }>('handler.ie@imi.test', 'GET', `/requests?box=outgoing&q=${sent.caseNumber}`);
    expect(outgoing.body.items.map((i) => i.id).sort()).toEqual([sent.id, child.id].sort());
    // A client refreshing rows after a live update asks for them by id.
    const refreshed = await call<{ items: { id: string }[] }>('handler.ie@imi.test', 'GET', `/requests?box=outgoing&ids=${child.id}`);
    expect(refreshed.body.items.map((i) => i.id)).toEqual([child.id]);
  });
});

describe('clarification, referral, withdrawal and reuse', () => {
  it('asks for clarification, refers the reply to the coordinator, who sends it back for a new reply', async () => {
    let r = await step('handler.dk@imi.test', await draft('handler.dk@imi.test', 'handler.fi@imi.test'), 'send');
    r = await step('handler.fi@imi.test', (await view('handler.fi@imi.test', r.id)).body, 'accept', {});
    r = await step('handler.fi@imi.test', r, 'reply', { answers: validAnswers });
    r = await step('handler.dk@imi.test', (await view('handler.dk@imi.test', r.id)).body, 'request-clarification', { text: 'Which register did you check?' });
    expect(r.status).toBe('CLARIFICATION_REQUESTED');
    r = await step('handler.fi@imi.test', (await view('handler.fi@imi.test', r.id)).body, 'answer-clarification', {
      text: 'Valvira\'s register (JulkiTerhikki).', answers: [{ question: 'PQ-040-good-character', value: 'yes' }],
    });
    expect(r.status).toBe('ANSWERED');
    expect(r.answers).toContainEqual({ question: 'PQ-040-good-character', value: 'yes' });

    r = await step('handler.dk@imi.test', (await view('handler.dk@imi.test', r.id)).body, 'refer', { text: 'The sanction answer contradicts the register.' });
    expect(r.status).toBe('REFERRED');
    const atCoordinator = (await view('nimic.dk@imi.test', r.id)).body;
    expect(atCoordinator.allowedActions).toContain('resolve-referral');
    const missing = await call('nimic.dk@imi.test', 'POST', `/requests/${r.id}/resolve-referral`, { version: atCoordinator.version, text: 'x' });
    expect(missing.status).toBe(400);
    r = await step('nimic.dk@imi.test', atCoordinator, 'resolve-referral', { outcome: 'reply-again', text: 'Please check the register again.' });
    expect(r.status).toBe('ACCEPTED');
    r = await step('handler.fi@imi.test', (await view('handler.fi@imi.test', r.id)).body, 'reply', { answers: validAnswers });
    expect(r.status).toBe('ANSWERED');

    const timeline = await call<{ items: { kind: string; text?: { text: string; lang: string } | null }[] }>('handler.fi@imi.test', 'GET', `/requests/${r.id}/timeline`);
    expect(timeline.body.items.find((e) => e.kind === 'request-clarification')?.text).toEqual({ text: 'Which register did you check?', lang: 'en' });
  });

  it('withdraws before the reply, and reuses a request as a new draft', async () => {
    const sent = await step('handler.bg@imi.test', await draft('handler.bg@imi.test', 'handler.hr@imi.test'), 'send');
    const withdrawn = await step('handler.bg@imi.test', sent, 'withdraw', { reason: 'The applicant withdrew the application.' });
    expect(withdrawn).toMatchObject({ status: 'WITHDRAWN', allowedActions: ['reuse'] });
    expect((await view('handler.hr@imi.test', sent.id)).body.allowedActions).toEqual([]);
    const reused = await step('handler.bg@imi.test', withdrawn, 'reuse');
    expect(reused.id).not.toBe(sent.id);
    expect(reused).toMatchObject({ status: 'DRAFT', subject: { lastName: 'Ferreira' }, responder: { id: await authorityOf('handler.hr@imi.test') } });
    expect(reused.questions.map((q) => q.code)).toEqual(questions);
    expect(reused.caseNumber).not.toBe(sent.caseNumber);
  });

  it('lets only request handlers act; a basic user sees summaries; the Commission sees no requests', async () => {
    const sent = await step('handler.bg@imi.test', await draft('handler.bg@imi.test', 'handler.hr@imi.test'), 'send');
    const basic = await view('lda.bg@imi.test', sent.id);
    expect(basic.status).toBe(200);
    expect(basic.body.subject).toBeUndefined();
    expect(basic.body.allowedActions).toEqual([]);
    expect((await call('lda.bg@imi.test', 'POST', `/requests/${sent.id}/withdraw`, { version: sent.version, reason: 'x' })).status).toBe(403);
    expect((await view('handler.fr@imi.test', sent.id)).status).toBe(404);
    const admin = await app.session('admin@imi.test', { mfa: true });
    expect((await app.request(`/api/v1/requests/${sent.id}`, { token: admin })).status).toBe(404);
  });
});

describe('allocation', () => {
  it('lets the allocator assign an incoming request; then only the allocated handler acts on it', async () => {
    const hr = await authorityOf('handler.hr@imi.test');
    const lda = 'lda.hr@imi.test';
    const [{ version }] = await app.orm.em.fork().execute<{ version: number }[]>('select version from authority where id = ?', [hr]);
    expect((await call(lda, 'PUT', `/authorities/${hr}/allocation`, { version, area: 'PQ', allocation: true })).status).toBe(200);
    const [handler] = await app.orm.em.fork().execute<{ id: string }[]>(`select id from app_user where email = 'handler.hr@imi.test'`);
    const [ldaUser] = await app.orm.em.fork().execute<{ id: string }[]>(`select id from app_user where email = ?`, [lda]);
    // The LDA grants itself the allocator role through the user administration.
    const [{ version: userVersion }] = await app.orm.em.fork().execute<{ version: number }[]>('select version from app_user where id = ?', [ldaUser.id]);
    const granted = await call(lda, 'PATCH', `/users/${ldaUser.id}`, {
      version: userVersion,
      roles: ['PQ', 'SERVICES'].flatMap((area) => [{ area, role: 'lda' }, { area, role: 'basic-user' }]).concat([{ area: 'PQ', role: 'allocator' }]),
    });
    expect(granted.status, JSON.stringify(granted.body)).toBe(200);

    const sent = await step('handler.bg@imi.test', await draft('handler.bg@imi.test', 'handler.hr@imi.test'), 'send');
    const asAllocator = (await view(lda, sent.id)).body;
    expect(asAllocator.allowedActions).toEqual(['allocate']);
    const wrong = await call(lda, 'POST', `/requests/${sent.id}/allocate`, { version: asAllocator.version, userIds: [ldaUser.id] });
    expect(wrong.status).toBe(400);
    const allocated = await step(lda, asAllocator, 'allocate', { userIds: [handler.id] });
    expect(allocated.allocatedTo).toEqual([handler.id]);
    // In Croatian, the language of the handler's account: "A request was allocated to you".
    const mail = await smtp.waitFor((m) => m.to.includes('handler.hr@imi.test') && m.subject.endsWith('Dodijeljen vam je zahtjev'));
    expect(mail.text).toContain(`http://imi.test/#/requests/${sent.id}`);
    expect((await view('handler.hr@imi.test', sent.id)).body.allowedActions).toContain('accept');
    await call(lda, 'PUT', `/authorities/${hr}/allocation`, { version: version + 1, area: 'PQ', allocation: false });
  });
});
