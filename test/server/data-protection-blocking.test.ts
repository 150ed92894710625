import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS, movableClock } from '../../server/clock.js';
import { requestClient, validAnswers, type View } from './request-client.js';
import { problem, startTestApp, type TestApp } from './support.js';

/**
 * Blocking (SPEC §5.4): from formal closure + the area's blocking period nobody sees a request's personal data — not
 * its handlers, not its coordinators — while its skeleton stays; the data-protection administrator reads them only
 * under a grant that states a purpose, for a limited time, and every read is audited. Time is moved with the app's
 * clock; the requests are made, answered, closed and withdrawn through the API.
 */
const clock = movableClock();
let app: TestApp;
let rc: Awaited<ReturnType<typeof requestClient>>;
let dpo: string;

const requester = 'handler.lt@imi.test';
const responder = 'handler.lv@imi.test';
const coordinator = 'nimic.lt@imi.test';
const marker = `Blk${Date.now().toString(36)}`;

interface Blocked extends View {
  dataProtection: { closedAt: string | null; blockedFrom: string | null; blocked: boolean; deletionDue: string | null; personalDataDeletedAt: string | null };
  replyText?: { text: string } | null;
}
const addMonths = (iso: string, months: number, plusMs = 0) => {
  const d = new Date(iso);
  d.setUTCMonth(d.getUTCMonth() + months);
  return new Date(d.getTime() + plusMs);
};

let pq: Blocked;
let services: Blocked;
let open: View;
let attachmentId: string;
let servicesMonths: number;

async function upload(email: string, requestId: string, name: string, content: string) {
  const response = await app.request(`/api/v1/requests/${requestId}/attachments?name=${name}`, {
    method: 'POST', token: await rc.token(email), body: content, headers: { 'Content-Type': 'application/pdf' },
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

const timelineOf = async (email: string, id: string) =>
  (await rc.call<{ items: { kind: string; text?: { text: string } | null; attachments?: unknown[] }[] }>(email, 'GET', `/requests/${id}/timeline`)).body.items;
const byName = async (email: string, box: string) =>
  (await rc.call<{ items: { id: string }[] }>(email, 'GET', `/requests?box=${box}&q=${marker}&limit=100`)).body.items.map((i) => i.id);
const download = (email: string, id: string) => rc.token(email).then((token) => app.request(`/api/v1/attachments/${id}`, { token }));
const view = async (email: string, id: string) => {
  const answer = await rc.call<Blocked>(email, 'GET', `/requests/${id}`);
  expect(answer.status).toBe(200);
  return answer.body;
};

beforeAll(async () => {
  app = await startTestApp({ clock });
  rc = await requestClient(app);
  dpo = await app.session('dpo@imi.test', { mfa: true });
  const em = app.orm.em.fork();
  // A second area with a longer blocking period than the 6 months of PQ, restored afterwards.
  const [area] = await em.execute<{ blocking_months: number }[]>(`select blocking_months from legislative_area where code = 'SERVICES'`);
  servicesMonths = area.blocking_months;
  await em.execute(`update legislative_area set blocking_months = 12 where code = 'SERVICES'`);

  // PQ: sent with a file, accepted, a message, replied, closed.
  let r = await rc.draft(requester, responder, {
    subject: { firstName: `${marker}Ana`, lastName: `${marker}Name`, dateOfBirth: '1990-04-02', nationality: 'PT' }, freeText: `${marker} free text`,
  });
  attachmentId = await upload(requester, r.id, `${marker}.pdf`, `%PDF-1.4 ${marker} diploma`);
  r = await rc.step(requester, r, 'send');
  r = await rc.step(responder, r, 'accept');
  r = await rc.step(responder, r, 'message', { text: `${marker} message` });
  r = await rc.step(responder, r, 'reply', { answers: validAnswers, freeText: `${marker} reply` });
  pq = (await rc.step(requester, r, 'close')) as Blocked;

  // SERVICES: accepted, then withdrawn with a reason.
  const [set] = await em.execute<{ id: number }[]>(`select id from question_set where area_code = 'SERVICES' order by version desc limit 1`);
  let s = await rc.draft(requester, responder, {
    area: 'SERVICES', questionSetId: set.id, questions: ['SERVICES-001-provider-name', 'SERVICES-007-established'],
    subject: { firstName: `${marker}Bo`, lastName: `${marker}Services` }, freeText: `${marker} services text`,
  });
  s = await rc.step(requester, s, 'send');
  s = await rc.step(responder, s, 'accept');
  services = (await rc.step(requester, s, 'withdraw', { reason: `${marker} withdrawn` })) as Blocked;

  open = await rc.draft(requester, responder, { subject: { firstName: `${marker}Open`, lastName: `${marker}Open` } });
});

afterAll(async () => {
  if (app) {
    await app.orm.em.fork().execute(`update legislative_area set blocking_months = ? where code = 'SERVICES'`, [servicesMonths]);
    await app.close();
  }
});

describe('blocking', () => {
  it('dates every formally closed request: blocked from closure plus the area\'s period, deleted 3 years after closure', () => {
    expect(pq.status).toBe('CLOSED');
    expect(pq.dataProtection.blocked).toBe(false);
    expect(pq.dataProtection.blockedFrom).toBe(addMonths(pq.dataProtection.closedAt!, 6).toISOString());
    expect(pq.dataProtection.deletionDue).toBe(addMonths(pq.dataProtection.closedAt!, 36).toISOString());
    expect(services.status).toBe('WITHDRAWN');
    expect(services.dataProtection.blockedFrom).toBe(addMonths(services.dataProtection.closedAt!, 12).toISOString());
    expect(open.status).toBe('DRAFT');
  });

  it('shows the personal data to the handlers of both sides until the blocking date', async () => {
    clock.set(addMonths(pq.dataProtection.closedAt!, 6, -DAY_MS));
    for (const email of [requester, responder]) {
      const seen = await view(email, pq.id);
      expect(seen.dataProtection.blocked).toBe(false);
      expect(seen.subject?.lastName).toBe(`${marker}Name`);
      expect(seen.freeText?.text).toBe(`${marker} free text`);
      expect(seen.replyText?.text).toBe(`${marker} reply`);
      expect(seen.answers.map((a) => a.question).sort()).toEqual(validAnswers.map((a) => a.question).sort());
      expect(seen.attachments?.map((a) => a.id)).toEqual([attachmentId]);
      expect((await timelineOf(email, pq.id)).some((e) => e.text?.text === `${marker} message`)).toBe(true);
      expect((await download(email, attachmentId)).status).toBe(200);
    }
    expect(await byName(requester, 'outgoing')).toEqual(expect.arrayContaining([pq.id, services.id]));
    expect(await byName(responder, 'incoming')).toEqual(expect.arrayContaining([pq.id, services.id]));
  });

  it('from the day after the blocking date shows nobody the personal data, and keeps the skeleton', async () => {
    clock.set(addMonths(pq.dataProtection.closedAt!, 6, DAY_MS));
    for (const email of [requester, responder, coordinator]) {
      const seen = await view(email, pq.id);
      expect(seen.dataProtection).toMatchObject({ blocked: true, personalDataDeletedAt: null });
      expect(seen.subject).toBeUndefined();
      expect(seen.freeText).toBeUndefined();
      expect(seen.replyText).toBeUndefined();
      expect(seen.attachments).toBeUndefined();
      expect(seen.redacted).toEqual(expect.arrayContaining(['subject', 'freeText', 'replyText', 'attachments', 'answers.PQ-007-legally-established', 'answers.PQ-034-disciplinary-sanctions']));
      // The skeleton: case number, state, parties, questions and the answer that is not personal.
      expect(seen).toMatchObject({ caseNumber: pq.caseNumber, status: 'CLOSED', responder: { id: pq.responder!.id } });
      expect(seen.questions.length).toBe(pq.questions.length);
      expect(seen.answers).toEqual([{ question: 'PQ-001-profession-title', value: validAnswers[0].value }]);
      expect(seen.allowedActions).toEqual([]);
      const timeline = await timelineOf(email, pq.id);
      expect(timeline.map((e) => e.kind)).toEqual(['create', 'send', 'accept', 'message', 'reply', 'close']);
      expect(timeline.every((e) => e.text === undefined && e.attachments === undefined)).toBe(true);
    }
    for (const email of [requester, responder]) {
      const refused = await download(email, attachmentId);
      expect(refused.status).toBe(403);
      expect((await problem(refused)).detail).toContain(`blocked since ${pq.dataProtection.blockedFrom!.slice(0, 10)}`);
    }
    expect(await byName(requester, 'outgoing')).not.toContain(pq.id);
    expect(await byName(responder, 'incoming')).not.toContain(pq.id);
    // Reusing it would copy the blocked data into a new draft.
    expect((await rc.call(requester, 'POST', `/requests/${pq.id}/reuse`, { version: pq.version })).status).toBe(403);
    // The case number still finds it.
    expect((await rc.call<{ items: { id: string }[] }>(requester, 'GET', `/requests?box=outgoing&q=${pq.caseNumber}`)).body.items.map((i) => i.id)).toContain(pq.id);
  });

  it('blocks an area with a longer period only at its own date', async () => {
    const seen = await view(responder, services.id);
    expect(seen.dataProtection.blocked).toBe(false);
    expect(seen.subject?.lastName).toBe(`${marker}Services`);
    expect(await byName(requester, 'outgoing')).toContain(services.id);

    clock.set(addMonths(services.dataProtection.closedAt!, 12, -DAY_MS));
    expect((await view(requester, services.id)).subject?.lastName).toBe(`${marker}Services`);
    clock.set(addMonths(services.dataProtection.closedAt!, 12, DAY_MS));
    for (const email of [requester, responder]) {
      const blocked = await view(email, services.id);
      expect(blocked.dataProtection.blocked).toBe(true);
      expect(blocked.subject).toBeUndefined();
      expect(blocked.freeText).toBeUndefined();
      expect((await timelineOf(email, services.id)).find((e) => e.kind === 'withdraw')?.text).toBeUndefined();
    }
    expect(await byName(requester, 'outgoing')).not.toContain(services.id);
    expect(await byName(responder, 'incoming')).not.toContain(services.id);
    // A request never closed is never blocked.
    expect((await view(requester, open.id)).subject?.lastName).toBe(`${marker}Open`);
    expect(await byName(requester, 'outgoing')).toContain(open.id);
  });
});

describe('access to blocked data', () => {
  const grant = (token: string, body: unknown) => app.request('/api/v1/data-protection/access-grants', { method: 'POST', token, body });
  const auditOf = (action: string, requestId: string) => app.orm.em.fork().execute<{ actor_email: string; fields: string[]; purpose: string }[]>(
    `select actor_email, fields, purpose from audit_entry where action = ? and record_id = ? order by id`, [action, requestId]);
  let grantId: string;

  it('gives the data-protection administrator nothing without a grant: it has no authority', async () => {
    expect((await app.request(`/api/v1/requests/${pq.id}`, { token: dpo })).status).toBe(404);
    expect((await app.request(`/api/v1/requests/${pq.id}/timeline`, { token: dpo })).status).toBe(404);
    expect((await app.request(`/api/v1/attachments/${attachmentId}`, { token: dpo })).status).toBe(404);
    expect((await app.request('/api/v1/data-protection/access-grants/00000000-0000-4000-8000-000000000000/data', { token: dpo })).status).toBe(404);
  });

  it('grants access for a stated purpose, for 24 hours, and audits the grant', async () => {
    const response = await grant(dpo, { requestId: pq.id, purpose: 'proof-of-exchange', justification: `Court asks for proof of ${pq.caseNumber}` });
    expect(response.status).toBe(201);
    const body = (await response.json()) as { id: string; requestId: string; caseNumber: string; grantedAt: string; expiresAt: string; grantedTo: { email: string } };
    expect(body).toMatchObject({ requestId: pq.id, caseNumber: pq.caseNumber, purpose: 'proof-of-exchange', dataSubjectRequestId: null, grantedTo: { email: 'dpo@imi.test' } });
    expect(body.grantedAt).toBe(clock.now().toISOString());
    expect(new Date(body.expiresAt).getTime() - new Date(body.grantedAt).getTime()).toBe(24 * 3_600_000);
    grantId = body.id;
    const logged = await auditOf('blocked-access.grant', pq.id);
    expect(logged).toEqual([{ actor_email: 'dpo@imi.test', fields: [`grant:${grantId}`], purpose: `Proof of an exchange: Court asks for proof of ${pq.caseNumber}` }]);
  });

  it('reads the blocked data under the grant, every read audited with its fields and purpose', async () => {
    for (let read = 1; read <= 2; read++) {
      const response = await app.request(`/api/v1/data-protection/access-grants/${grantId}/data`, { token: dpo });
      expect(response.status).toBe(200);
      const { request } = (await response.json()) as { request: { subject: { lastName: string }; freeText: { text: string }; replyText: { text: string }; answers: { question: string; text: string }[]; timeline: { kind: string; text: string | null }[]; attachments: { id: string }[] } };
      expect(request.subject.lastName).toBe(`${marker}Name`);
      expect(request.freeText.text).toBe(`${marker} free text`);
      expect(request.replyText.text).toBe(`${marker} reply`);
      expect(request.answers.map((a) => a.question).sort()).toEqual(validAnswers.map((a) => a.question).sort());
      expect(request.answers.every((a) => a.text.length > 0)).toBe(true);
      expect(request.timeline.find((e) => e.kind === 'message')?.text).toBe(`${marker} message`);
      expect(request.attachments.map((a) => a.id)).toEqual([attachmentId]);
      const reads = await auditOf('request.read-blocked', pq.id);
      expect(reads).toHaveLength(read);
      expect(reads[read - 1].actor_email).toBe('dpo@imi.test');
      expect(reads[read - 1].purpose).toBe(`Proof of an exchange: Court asks for proof of ${pq.caseNumber}`);
      expect(reads[read - 1].fields).toEqual(expect.arrayContaining(['subject', 'freeText', 'replyText', 'answers.PQ-007-legally-established', 'timeline.text', 'attachments']));
    }
    const file = await app.request(`/api/v1/data-protection/access-grants/${grantId}/attachments/${attachmentId}`, { token: dpo });
    expect(file.status).toBe(200);
    expect(await file.text()).toBe(`%PDF-1.4 ${marker} diploma`);
    expect((await auditOf('attachment.download-blocked', pq.id)).map((a) => a.fields)).toEqual([[`attachment:${attachmentId}`]]);
    // The parties stay blocked while the administrator reads.
    expect((await view(requester, pq.id)).subject).toBeUndefined();
  });

  it('lists grants newest first, and refuses reads once the grant expired', async () => {
    const active = await app.request('/api/v1/data-protection/access-grants?active=true', { token: dpo });
    expect(((await active.json()) as { items: { id: string }[] }).items.map((g) => g.id)).toContain(grantId);
    clock.advance(24 * 3_600_000 + 1000);
    const expired = await app.request(`/api/v1/data-protection/access-grants/${grantId}/data`, { token: dpo });
    expect(expired.status).toBe(403);
    expect((await problem(expired)).detail).toMatch(/^The access expired on \d{4}-\d{2}-\d{2}T/);
    expect((await app.request(`/api/v1/data-protection/access-grants/${grantId}/attachments/${attachmentId}`, { token: dpo })).status).toBe(403);
    expect((await auditOf('request.read-blocked', pq.id))).toHaveLength(2);
    const lists = await Promise.all(['true', 'false'].map(async (flag) =>
      ((await (await app.request(`/api/v1/data-protection/access-grants?active=${flag}&limit=100`, { token: dpo })).json()) as { items: { id: string }[] }).items.map((g) => g.id)));
    expect(lists[0]).not.toContain(grantId);
    expect(lists[1]).toContain(grantId);
  });

  it('refuses with 409 a request that is not blocked', async () => {
    for (const requestId of [open.id]) {
      const response = await grant(dpo, { requestId, purpose: 'data-subject-rights', justification: 'The person asked for a copy' });
      expect(response.status).toBe(409);
      expect((await problem(response)).detail).toContain('not formally closed');
    }
    clock.set(addMonths(services.dataProtection.closedAt!, 12, -DAY_MS));
    const early = await grant(dpo, { requestId: services.id, purpose: 'data-subject-rights', justification: 'The person asked for a copy' });
    expect(early.status).toBe(409);
    expect((await problem(early)).detail).toContain(`not blocked before ${services.dataProtection.blockedFrom!.slice(0, 10)}`);
    expect(await auditOf('blocked-access.grant', services.id)).toEqual([]);
  });

  it('is the data-protection administrator\'s alone', async () => {
    const body = { requestId: pq.id, purpose: 'proof-of-exchange', justification: 'Not mine to ask for' };
    for (const token of [await rc.token(requester), await app.session('admin@imi.test', { mfa: true }), await app.session('dpo@imi.test', { mfa: false })]) {
      expect((await grant(token, body)).status).toBe(403);
      expect((await app.request('/api/v1/data-protection/access-grants', { token })).status).toBe(403);
      expect((await app.request(`/api/v1/data-protection/access-grants/${grantId}/data`, { token })).status).toBe(403);
    }
    // Another administrator does not read under this one's grant.
    const [other] = await app.orm.em.fork().execute<{ id: string }[]>(
      `insert into app_user (id, email, name, locale, data_protection_admin, commission_admin, totp_enabled, active, version, created_at)
       values (gen_random_uuid(), ?, 'Second data-protection administrator', 'en', true, false, false, true, 1, now()) returning id`, [`dpo2.${marker.toLowerCase()}@imi.test`]);
    expect(other.id).toBeTruthy();
    clock.set(addMonths(pq.dataProtection.closedAt!, 6, DAY_MS));
    const fresh = (await (await grant(dpo, { requestId: pq.id, purpose: 'data-subject-rights', justification: 'The person asked for a copy' })).json()) as { id: string };
    const stranger = await app.session(`dpo2.${marker.toLowerCase()}@imi.test`, { mfa: true });
    const refused = await app.request(`/api/v1/data-protection/access-grants/${fresh.id}/data`, { token: stranger });
    expect(refused.status).toBe(403);
    expect((await problem(refused)).detail).toContain('another data-protection administrator');
  });

  it('refuses bad input with 400 naming the field, and changes nothing', async () => {
    const before = (await auditOf('blocked-access.grant', pq.id)).length;
    const cases: [unknown, string][] = [
      [{ requestId: 'not-a-uuid', purpose: 'proof-of-exchange', justification: 'A long enough reason' }, 'requestId'],
      [{ requestId: pq.id, purpose: 'curiosity', justification: 'A long enough reason' }, 'purpose'],
      [{ requestId: pq.id, purpose: 'proof-of-exchange', justification: 'short' }, 'justification'],
      [{ requestId: pq.id, purpose: 'proof-of-exchange', justification: 'x'.repeat(1001) }, 'justification'],
      [{ requestId: pq.id, purpose: 'proof-of-exchange' }, 'justification'],
      [{ requestId: pq.id, purpose: 'proof-of-exchange', justification: 'A long enough reason', dataSubjectRequestId: 'nope' }, 'dataSubjectRequestId'],
      [{ requestId: '00000000-0000-4000-8000-000000000000', purpose: 'proof-of-exchange', justification: 'A long enough reason' }, 'requestId'],
      [{ requestId: pq.id, purpose: 'data-subject-rights', justification: 'A long enough reason', dataSubjectRequestId: '00000000-0000-4000-8000-000000000000' }, 'dataSubjectRequestId'],
    ];
    for (const [body, field] of cases) {
      const response = await grant(dpo, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect((await problem(response)).errors?.map((e) => e.path)).toContain(field);
    }
    for (const [path, field] of [
      ['/api/v1/data-protection/access-grants?active=maybe', 'active'],
      ['/api/v1/data-protection/access-grants?limit=0', 'limit'],
      ['/api/v1/data-protection/access-grants?cursor=forged', 'cursor'],
      ['/api/v1/data-protection/access-grants/nope/data', 'id'],
      [`/api/v1/data-protection/access-grants/${grantId}/attachments/nope`, 'attachmentId'],
    ]) {
      const response = await app.request(path, { token: dpo });
      expect(response.status, path).toBe(400);
      expect((await problem(response)).errors?.map((e) => e.path)).toContain(field);
    }
    expect(await auditOf('blocked-access.grant', pq.id)).toHaveLength(before);
  });
});
