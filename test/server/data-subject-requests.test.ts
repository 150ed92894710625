import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS, movableClock } from '../../server/clock.js';
import { validAnswers, requestClient, type View } from './request-client.js';
import { problem, startTestApp, type TestApp } from './support.js';

/**
 * Data subjects' requests (SPEC §5.4) through the API: a person asks an authority, or the data-protection administrator,
 * for access to, correction or deletion of their data; the request is due in 30 days. Each run makes its own person
 * (a unique name) and its own requests about them, exchanged between the Czech and Slovak demo authorities and, out of
 * the Czech authority's reach, between the Portuguese and Spanish ones. The app's clock is moved to pass deadlines and
 * blocking periods.
 */
const clock = movableClock(new Date());
let app: TestApp;
let client: Awaited<ReturnType<typeof requestClient>>;
let dpo: string;
let admin: string;

const person = { firstName: 'Zdeňka', lastName: `Dsr-Nováková-${Date.now().toString(36)}` };
const dateOfBirth = '1990-04-02';
const today = () => clock.now().toISOString().slice(0, 10);
const plusDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

interface Dsr {
  id: string; kind: string; subject: { firstName: string; lastName: string; dateOfBirth?: string }; receivedOn: string; dueOn: string;
  status: string; outcome: string | null; authority: { id: string; name: string } | null; recordedBy: { id: string; name: string };
  overdue: boolean; daysLeft: number; version: number;
  actions: { kind: string; requestId: string | null; caseNumber: string | null; blocked: boolean; fields: string[]; by: { name: string } }[];
}
interface Match { requestId: string; caseNumber: string; status: string; blocked: boolean; personalDataDeleted: boolean; requester: { id: string } }
interface Exported {
  dataSubjectRequest: { id: string; subject: { lastName: string } };
  requests: {
    requestId: string; subject: { firstName: string; lastName: string; dateOfBirth?: string } | null; answers: { question: string; value: unknown }[];
    freeText: { text: string } | null; replyText: { text: string } | null; timeline: { kind: string; text: string }[]; attachments: { name: string }[];
  }[];
}

/** Calls the API as a demo account (by e-mail) or with a session token of the administrators. */
async function as<T>(who: string, method: string, path: string, body?: unknown) {
  if (who.includes('@')) return client.call<T>(who, method, path, body);
  const response = await app.request(`/api/v1${path}`, { method, token: who, body });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

async function record(who: string, body: Record<string, unknown>) {
  const created = await as<Dsr>(who, 'POST', '/data-subject-requests', body);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body;
}

async function matches(who: string, dsr: Dsr) {
  const found = await as<{ items: Match[] }>(who, 'GET', `/data-subject-requests/${dsr.id}/matches`);
  expect(found.status, JSON.stringify(found.body)).toBe(200);
  return found.body.items;
}

const ids = (items: { requestId: string }[]) => items.map((m) => m.requestId).sort();

/** A request about the person from one handler to another's authority, sent and accepted. */
async function accepted(requester: string, responder: string, subject: Record<string, unknown> = { ...person, dateOfBirth }) {
  const draft = await client.draft(requester, responder, { subject });
  const sent = await client.step(requester, draft, 'send');
  return client.step(responder, (await client.view(responder, sent.id)).body, 'accept', {});
}

let open: View;
let closed: View;
let withdrawn: View;
let otherBirthday: View;
let unaccepted: View;
let elsewhere: View;

beforeAll(async () => {
  app = await startTestApp({ clock });
  client = await requestClient(app);
  dpo = await app.session('dpo@imi.test', { mfa: true });
  admin = await app.session('admin@imi.test', { mfa: true });

  // Open, with an attachment of the requesting authority released with the sending.
  const draft = await client.draft('handler.cz@imi.test', 'handler.sk@imi.test', { subject: { ...person, dateOfBirth, nationality: 'CZ' } });
  const upload = await client.call('handler.cz@imi.test', 'POST', `/requests/${draft.id}/attachments?name=diploma.pdf`, '%PDF-1.4 diploma', { 'Content-Type': 'application/pdf' });
  expect(upload.status).toBe(201);
  const sent = await client.step('handler.cz@imi.test', (await client.view('handler.cz@imi.test', draft.id)).body, 'send');
  open = await client.step('handler.sk@imi.test', (await client.view('handler.sk@imi.test', sent.id)).body, 'accept', {});

  // Answered, with a message on its timeline, and closed.
  const toClose = await accepted('handler.cz@imi.test', 'handler.sk@imi.test');
  const messaged = await client.step('handler.sk@imi.test', toClose, 'message', { text: 'Zdeňka telefonovala 3. března.', lang: 'cs' });
  const replied = await client.step('handler.sk@imi.test', messaged, 'reply', { answers: validAnswers, freeText: 'Bez disciplinárních sankcí.', freeTextLang: 'sk' });
  closed = await client.step('handler.cz@imi.test', (await client.view('handler.cz@imi.test', replied.id)).body, 'close');

  withdrawn = await client.step('handler.cz@imi.test', await accepted('handler.cz@imi.test', 'handler.sk@imi.test'), 'withdraw', { reason: 'The applicant withdrew.' });
  otherBirthday = await accepted('handler.cz@imi.test', 'handler.sk@imi.test', { ...person, dateOfBirth: '1971-11-30' });
  // Sent to the Czech authority but not accepted: it sees no personal data of it yet.
  unaccepted = await client.step('handler.sk@imi.test', await client.draft('handler.sk@imi.test', 'handler.cz@imi.test', { subject: { ...person, dateOfBirth } }), 'send');
  elsewhere = await accepted('handler.pt@imi.test', 'handler.es@imi.test');
});
afterAll(async () => {
  if (app) await app.close();
});

describe('recording and finding', () => {
  it('records an access request of the handler\'s authority, due 30 days after it was received', async () => {
    const dsr = await record('handler.cz@imi.test', { kind: 'access', subject: person, details: 'Asked at the front desk.' });
    expect(dsr).toMatchObject({
      kind: 'access', subject: person, receivedOn: today(), dueOn: plusDays(today(), 30), status: 'open', overdue: false, daysLeft: 30,
      recordedBy: { name: 'Request handler CZ' }, actions: [], version: 1,
    });
    expect(dsr.authority?.id).toBe(await client.authorityOf('handler.cz@imi.test'));
    const read = await as<Dsr>('handler.cz@imi.test', 'GET', `/data-subject-requests/${dsr.id}`);
    expect(read.body).toEqual(dsr);
  });

  it('finds exactly the requests whose personal data the authority may see, and records and audits the search', async () => {
    const dsr = await record('handler.cz@imi.test', { kind: 'access', subject: person });
    const found = await matches('handler.cz@imi.test', dsr);
    // Not the Portuguese–Spanish request, nor the Slovak one the Czech authority has not accepted.
    expect(ids(found)).toEqual([open.id, closed.id, withdrawn.id, otherBirthday.id].sort());
    expect(found.find((m) => m.requestId === closed.id)).toMatchObject({ caseNumber: closed.caseNumber, status: 'CLOSED', blocked: false, personalDataDeleted: false });

    // Its LDA answers for the same authority and finds the same; the Slovak authority finds its own.
    expect(ids(await matches('lda.cz@imi.test', dsr))).toEqual(ids(found));
    const slovak = await record('handler.sk@imi.test', { kind: 'access', subject: person });
    expect(ids(await matches('handler.sk@imi.test', slovak))).toEqual([open.id, closed.id, withdrawn.id, otherBirthday.id, unaccepted.id].sort());

    // With the date of birth, a namesake born on another day is not the person.
    const born = await record('handler.cz@imi.test', { kind: 'access', subject: { ...person, dateOfBirth } });
    expect(ids(await matches('handler.cz@imi.test', born))).toEqual([open.id, closed.id, withdrawn.id].sort());

    const after = (await as<Dsr>('handler.cz@imi.test', 'GET', `/data-subject-requests/${dsr.id}`)).body;
    expect(after.actions.filter((a) => a.kind === 'search').map((a) => a.requestId).sort()).toEqual([...ids(found), ...ids(found)].sort());
    expect(after.actions[0]).toMatchObject({ blocked: false, fields: ['subject'], by: { name: 'Request handler CZ' } });
    const audited = await app.orm.em.fork().execute<{ record_id: string; purpose: string; actor_email: string }[]>(
      `select record_id, purpose, actor_email from audit_entry where action = 'dsr.search' and purpose like ? order by id`, [`%${dsr.id}%`]);
    expect(audited.map((e) => e.record_id).sort()).toEqual([...ids(found), ...ids(found)].sort());
    expect(audited[0]).toMatchObject({ purpose: `data subject request ${dsr.id} (access)`, actor_email: 'handler.cz@imi.test' });
    expect(JSON.stringify(audited)).not.toContain(person.lastName);
  });

  it('exports everything the requests found hold on the person as a JSON attachment, recorded and audited', async () => {
    const dsr = await record('handler.cz@imi.test', { kind: 'access', subject: person });
    const response = await app.request(`/api/v1/data-subject-requests/${dsr.id}/export`, { token: await client.token('handler.cz@imi.test') });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="data-subject-request-${dsr.id}.json"`);
    const file = (await response.json()) as Exported;
    expect(file.dataSubjectRequest).toMatchObject({ id: dsr.id, subject: { lastName: person.lastName } });
    expect(ids(file.requests)).toEqual([open.id, closed.id, withdrawn.id, otherBirthday.id].sort());

    const sentOne = file.requests.find((r) => r.requestId === open.id)!;
    expect(sentOne.subject).toEqual({ ...person, dateOfBirth, nationality: 'CZ' });
    expect(sentOne.freeText?.text).toBe('Die Antragstellerin arbeitete zuletzt in Porto.');
    expect(sentOne.attachments.map((a) => a.name)).toEqual(['diploma.pdf']);
    const closedOne = file.requests.find((r) => r.requestId === closed.id)!;
    // The personal answers only (the profession's title is not personal data), the reply and the timeline's texts.
    expect(closedOne.answers.map((a) => a.question).sort()).toEqual(['PQ-007-legally-established', 'PQ-034-disciplinary-sanctions']);
    expect(closedOne.replyText?.text).toBe('Bez disciplinárních sankcí.');
    expect(closedOne.timeline).toEqual([expect.objectContaining({ kind: 'message', text: 'Zdeňka telefonovala 3. března.' })]);
    expect(file.requests.find((r) => r.requestId === withdrawn.id)!.timeline.map((t) => t.text)).toEqual(['The applicant withdrew.']);

    const after = (await as<Dsr>('handler.cz@imi.test', 'GET', `/data-subject-requests/${dsr.id}`)).body;
    const exportOfClosed = after.actions.find((a) => a.kind === 'export' && a.requestId === closed.id);
    expect(exportOfClosed?.fields).toEqual(expect.arrayContaining(['subject', 'answers.PQ-007-legally-established', 'freeText', 'replyText', 'timeline.text']));
    const [audited] = await app.orm.em.fork().execute<{ n: number }[]>(
      `select count(*)::int as n from audit_entry where action = 'dsr.export' and purpose = ?`, [`data subject request ${dsr.id} (access)`]);
    expect(audited.n).toBe(4);
  });
});

describe('who sees which data subject request', () => {
  it('shows an authority\'s requests to its handlers, its LDA and the administrator only', async () => {
    const dsr = await record('handler.cz@imi.test', { kind: 'access', subject: person });
    expect((await as('lda.cz@imi.test', 'GET', `/data-subject-requests/${dsr.id}`)).status).toBe(200);
    expect((await as('handler2.cz@imi.test', 'GET', `/data-subject-requests/${dsr.id}`)).status).toBe(404);
    expect((await as('handler.sk@imi.test', 'GET', `/data-subject-requests/${dsr.id}`)).status).toBe(404);
    expect((await as('handler.sk@imi.test', 'GET', `/data-subject-requests/${dsr.id}/matches`)).status).toBe(404);
    expect((await as('handler.sk@imi.test', 'GET', `/data-subject-requests/${dsr.id}/export`)).status).toBe(404);
    // The Commission administrator answers no data subject's requests: it may not know of them.
    expect((await as(admin, 'GET', `/data-subject-requests/${dsr.id}`)).status).toBe(404);
    expect((await as(admin, 'GET', '/data-subject-requests')).status).toBe(403);
    expect((await as(dpo, 'GET', `/data-subject-requests/${dsr.id}`)).status).toBe(200);
    const withoutSecondFactor = await app.session('dpo@imi.test', { mfa: false });
    const refused = await app.request(`/api/v1/data-subject-requests/${dsr.id}`, { token: withoutSecondFactor });
    expect(refused.status).toBe(403);
    expect((await problem(refused)).detail).toContain('second factor');

    const all = async (who: string) => {
      const list = await as<{ items: { id: string }[] }>(who, 'GET', '/data-subject-requests?status=all&limit=100');
      expect(list.status).toBe(200);
      return list.body.items.map((i) => i.id);
    };
    expect(await all('handler.sk@imi.test')).not.toContain(dsr.id);
    expect(await all('handler2.cz@imi.test')).not.toContain(dsr.id);
    expect(await all('lda.cz@imi.test')).toContain(dsr.id);
    // The administrator's own are for the administrator only.
    const own = await record(dpo, { kind: 'access', subject: person });
    expect(own.authority).toBeNull();
    expect((await as('handler.cz@imi.test', 'GET', `/data-subject-requests/${own.id}`)).status).toBe(404);
    expect(await all('handler.cz@imi.test')).not.toContain(own.id);
  });
});

describe('correction', () => {
  it('lets a handler of the request correct the person\'s data under a correction request, moving the request\'s version', async () => {
    const access = await record('handler.cz@imi.test', { kind: 'access', subject: person });
    await matches('handler.cz@imi.test', access);
    const wrongKind = await as('handler.cz@imi.test', 'POST', `/data-subject-requests/${access.id}/corrections`, { requestId: open.id, subject: { dateOfBirth: '1990-04-03' } });
    expect(wrongKind.status).toBe(409);

    const dsr = await record('handler.cz@imi.test', { kind: 'correction', subject: person, details: 'Born on 3 April, not 2 April.' });
    const unsearched = await as('handler.cz@imi.test', 'POST', `/data-subject-requests/${dsr.id}/corrections`, { requestId: open.id, subject: { dateOfBirth: '1990-04-03' } });
    expect(unsearched.status).toBe(409);
    await matches('handler.cz@imi.test', dsr);
    const byLda = await as('lda.cz@imi.test', 'POST', `/data-subject-requests/${dsr.id}/corrections`, { requestId: open.id, subject: { dateOfBirth: '1990-04-03' } });
    expect(byLda.status).toBe(403);

    const before = (await client.view('handler.cz@imi.test', open.id)).body;
    const corrected = await as<Dsr>('handler.cz@imi.test', 'POST', `/data-subject-requests/${dsr.id}/corrections`, { requestId: open.id, subject: { dateOfBirth: '1990-04-03' } });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);
    expect(corrected.body.actions.at(-1)).toMatchObject({ kind: 'correction', requestId: open.id, caseNumber: open.caseNumber, blocked: false, fields: ['subject.dateOfBirth'] });

    // Both sides see the corrected data, and a client holding the old version must reload.
    const after = (await client.view('handler.sk@imi.test', open.id)).body;
    expect(after.subject).toEqual({ ...person, dateOfBirth: '1990-04-03', nationality: 'CZ' });
    expect(after.version).toBe(before.version + 1);
    const stale = await client.call('handler.sk@imi.test', 'POST', `/requests/${open.id}/message`, { version: before.version, text: 'Stale' });
    expect(stale.status).toBe(409);
    const timeline = await client.call<{ items: { kind: string; data: Record<string, unknown> }[] }>('handler.sk@imi.test', 'GET', `/requests/${open.id}/timeline`);
    expect(timeline.body.items.at(-1)).toMatchObject({ kind: 'update', data: { fields: ['subject.dateOfBirth'], dataSubjectRequestId: dsr.id } });

    const [audited] = await app.orm.em.fork().execute<{ record_id: string; fields: string[]; purpose: string }[]>(
      `select record_id, fields, purpose from audit_entry where action = 'request.correct-personal' and purpose like ? order by id desc limit 1`, [`%${dsr.id}%`]);
    expect(audited).toEqual({ record_id: open.id, fields: ['subject.dateOfBirth'], purpose: `data subject request ${dsr.id} (correction)` });

    const nothing = await as('handler.cz@imi.test', 'POST', `/data-subject-requests/${dsr.id}/corrections`, { requestId: open.id, subject: { dateOfBirth: '1990-04-03' } });
    expect(nothing.status).toBe(400);
  });
});

describe('erasure', () => {
  it('erases the person\'s data from a formally closed request under a deletion request (administrator only)', async () => {
    const dsr = await record('handler.cz@imi.test', { kind: 'deletion', subject: person });
    const found = await matches(dpo, dsr);
    expect(ids(found)).toEqual(expect.arrayContaining([open.id, withdrawn.id, elsewhere.id]));
    const byHandler = await as('handler.cz@imi.test', 'POST', `/data-subject-requests/${dsr.id}/erasures`, { requestId: withdrawn.id });
    expect(byHandler.status).toBe(403);
    const stillOpen = await app.request(`/api/v1/data-subject-requests/${dsr.id}/erasures`, { method: 'POST', token: dpo, body: { requestId: open.id } });
    expect(stillOpen.status).toBe(409);
    expect((await problem(stillOpen)).detail).toContain('formally closed');
    expect((await client.view('handler.cz@imi.test', withdrawn.id)).body.subject?.lastName).toBe(person.lastName);

    const erased = await as<Dsr>(dpo, 'POST', `/data-subject-requests/${dsr.id}/erasures`, { requestId: withdrawn.id });
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    expect(erased.body.actions.at(-1)).toMatchObject({ kind: 'erasure', requestId: withdrawn.id, by: { name: 'Data-protection administrator' } });

    const view = (await client.view('handler.cz@imi.test', withdrawn.id)).body as View & { dataProtection: { personalDataDeletedAt: string | null } };
    expect(view.status).toBe('WITHDRAWN');
    expect(view.subject).toBeUndefined();
    expect(view.freeText ?? null).toBeNull();
    expect(view.dataProtection.personalDataDeletedAt).not.toBeNull();
    const again = await app.request(`/api/v1/data-subject-requests/${dsr.id}/erasures`, { method: 'POST', token: dpo, body: { requestId: withdrawn.id } });
    expect(again.status).toBe(409);
    // The person is no longer found in it.
    expect(ids(await matches('handler.cz@imi.test', dsr))).not.toContain(withdrawn.id);
  });
});

describe('the 30-day deadline', () => {
  it('counts the days left by the app\'s clock, turns overdue after the due day, and lists the soonest due first', async () => {
    const older = await record('handler.cz@imi.test', { kind: 'access', subject: person, receivedOn: plusDays(today(), -29) });
    const newer = await record('handler.cz@imi.test', { kind: 'deletion', subject: person, receivedOn: plusDays(today(), -10) });
    expect(older).toMatchObject({ dueOn: plusDays(today(), 1), daysLeft: 1, overdue: false });
    const summary = async () => (await app.request('/api/v1/data-protection/summary', { token: dpo })).json() as Promise<Record<string, number>>;
    const before = await summary();

    clock.advance(2 * DAY_MS);
    const late = (await as<Dsr>('handler.cz@imi.test', 'GET', `/data-subject-requests/${older.id}`)).body;
    expect(late).toMatchObject({ daysLeft: -1, overdue: true });
    // The console's summary counts it among the overdue ones from then on.
    const after = await summary();
    expect(after.openSubjectRequests).toBe(before.openSubjectRequests);
    expect(after.overdueSubjectRequests).toBeGreaterThanOrEqual(before.overdueSubjectRequests + 1);
    const list = (await as<{ items: Dsr[] }>('handler.cz@imi.test', 'GET', '/data-subject-requests?limit=100')).body.items;
    expect(list.every((d) => d.status === 'open')).toBe(true);
    expect(list.map((d) => d.dueOn)).toEqual(list.map((d) => d.dueOn).sort());
    expect(list.findIndex((d) => d.id === older.id)).toBeLessThan(list.findIndex((d) => d.id === newer.id));

    // Completing it takes its outcome, and it leaves the open list.
    const noOutcome = await app.request(`/api/v1/data-subject-requests/${older.id}`, { method: 'PATCH', token: await client.token('handler.cz@imi.test'), body: { version: late.version, status: 'completed' } });
    expect(noOutcome.status).toBe(400);
    expect((await problem(noOutcome)).errors?.map((e) => e.path)).toEqual(['outcome']);
    const done = await as<Dsr>('handler.cz@imi.test', 'PATCH', `/data-subject-requests/${older.id}`, { version: late.version, status: 'completed', outcome: 'Export sent by post.' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'completed', outcome: 'Export sent by post.', overdue: false, version: late.version + 1 });
    const stale = await as('handler.cz@imi.test', 'PATCH', `/data-subject-requests/${older.id}`, { version: late.version, outcome: 'Again' });
    expect(stale.status).toBe(409);
    expect((await as('handler.cz@imi.test', 'GET', `/data-subject-requests/${older.id}/matches`)).status).toBe(409);
    const openIds = (await as<{ items: Dsr[] }>('handler.cz@imi.test', 'GET', '/data-subject-requests?limit=100')).body.items.map((d) => d.id);
    expect(openIds).not.toContain(older.id);
    const completedIds = (await as<{ items: Dsr[] }>('handler.cz@imi.test', 'GET', '/data-subject-requests?status=completed&limit=100')).body.items.map((d) => d.id);
    expect(completedIds).toContain(older.id);
  });
});

describe('blocked requests', () => {
  it('leaves blocked requests to the administrator, who finds and corrects them, recorded as blocked', async () => {
    const correction = await record('handler.cz@imi.test', { kind: 'correction', subject: person });
    await matches('handler.cz@imi.test', correction);
    // Past the longest blocking period (18 months) after the closure.
    clock.advance(19 * 31 * DAY_MS);

    const handlerFinds = await matches('handler.cz@imi.test', await record('handler.cz@imi.test', { kind: 'access', subject: person }));
    expect(ids(handlerFinds)).toEqual([open.id, otherBirthday.id].sort());
    const refused = await as('handler.cz@imi.test', 'POST', `/data-subject-requests/${correction.id}/corrections`, { requestId: closed.id, subject: { dateOfBirth: '1990-04-12' } });
    expect(refused.status).toBe(403);

    const dsr = await record(dpo, { kind: 'correction', subject: person, details: 'Letter of 2 May.' });
    const found = await matches(dpo, dsr);
    expect(found.find((m) => m.requestId === closed.id)).toMatchObject({ blocked: true, personalDataDeleted: false });
    expect(found.find((m) => m.requestId === open.id)).toMatchObject({ blocked: false });
    expect(ids(found)).toEqual(expect.arrayContaining([elsewhere.id, unaccepted.id]));

    const corrected = await as<Dsr>(dpo, 'POST', `/data-subject-requests/${dsr.id}/corrections`, { requestId: closed.id, subject: { dateOfBirth: '1990-04-12' } });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);
    expect(corrected.body.actions.at(-1)).toMatchObject({ kind: 'correction', requestId: closed.id, blocked: true, fields: ['subject.dateOfBirth'] });
    const [audited] = await app.orm.em.fork().execute<{ purpose: string; actor_email: string }[]>(
      `select purpose, actor_email from audit_entry where action = 'request.correct-personal' and record_id = ? order by id desc limit 1`, [closed.id]);
    expect(audited).toEqual({ purpose: `data subject request ${dsr.id} (correction), blocked data`, actor_email: 'dpo@imi.test' });

    // The parties still see none of it; the administrator's export holds it.
    expect((await client.view('handler.cz@imi.test', closed.id)).body.subject).toBeUndefined();
    const response = await app.request(`/api/v1/data-subject-requests/${dsr.id}/export`, { token: dpo });
    const file = (await response.json()) as Exported;
    expect(file.requests.find((r) => r.requestId === closed.id)?.subject?.dateOfBirth).toBe('1990-04-12');
  });
});

describe('bad input', () => {
  it('refuses bad fields with a 400 naming them, and changes nothing', async () => {
    const refusals: [unknown, string][] = [
      [{ kind: 'access', subject: { firstName: ' ', lastName: 'X' } }, 'subject.firstName'],
      [{ kind: 'access', subject: { firstName: 'X', lastName: 'x'.repeat(151) } }, 'subject.lastName'],
      [{ kind: 'access', subject: { firstName: 'X', lastName: 'Y', dateOfBirth: '1990-02-30' } }, 'subject.dateOfBirth'],
      [{ kind: 'access', subject: { firstName: 'X', lastName: 'Y', dateOfBirth: plusDays(today(), 1) } }, 'subject.dateOfBirth'],
      [{ kind: 'forget-me', subject: person }, 'kind'],
      [{ kind: 'access', subject: person, receivedOn: 'yesterday' }, 'receivedOn'],
      [{ kind: 'access', subject: person, receivedOn: plusDays(today(), 1) }, 'receivedOn'],
      [{ kind: 'access', subject: person, receivedOn: plusDays(today(), -400) }, 'receivedOn'],
    ];
    const count = async () => (await app.orm.em.fork().execute<{ n: number }[]>('select count(*)::int as n from data_subject_request'))[0].n;
    const before = await count();
    for (const [body, field] of refusals) {
      const response = await app.request('/api/v1/data-subject-requests', { method: 'POST', token: await client.token('handler.cz@imi.test'), body });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect((await problem(response)).errors?.map((e) => e.path), JSON.stringify(body)).toContain(field);
    }
    expect(await count()).toBe(before);

    const dsr = await record('handler.cz@imi.test', { kind: 'correction', subject: person });
    const token = await client.token('handler.cz@imi.test');
    const empty = await app.request(`/api/v1/data-subject-requests/${dsr.id}/corrections`, { method: 'POST', token, body: { requestId: open.id, subject: {} } });
    expect((await problem(empty)).errors?.map((e) => e.path)).toEqual(['subject']);
    const badId = await app.request(`/api/v1/data-subject-requests/${dsr.id}/corrections`, { method: 'POST', token, body: { requestId: 'open', subject: { firstName: 'A' } } });
    expect((await problem(badId)).errors?.map((e) => e.path)).toEqual(['requestId']);
    const badStatus = await app.request('/api/v1/data-subject-requests?status=closed', { token });
    expect((await problem(badStatus)).errors?.map((e) => e.path)).toEqual(['status']);
    const unknown = await app.request('/api/v1/data-subject-requests/00000000-0000-4000-8000-000000000000', { token });
    expect(unknown.status).toBe(404);
  });
});
