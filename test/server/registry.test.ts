import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSmtp } from './smtp.js';
import { problem, startTestApp, type TestApp } from './support.js';

type Smtp = Awaited<ReturnType<typeof startTestSmtp>>;
interface Detail { id: string; status: string; version: number; officialName: string; areas: { area: string; professions: { code: string }[] }[] }

let smtp: Smtp;
let app: TestApp;
let nimic: string;
beforeAll(async () => {
  smtp = await startTestSmtp();
  app = await startTestApp({ smtpUrl: smtp.url });
  nimic = await app.login('nimic.ee@imi.test');
});
afterAll(async () => {
  if (app) await app.close();
  if (smtp) await smtp.close();
});

const post = (path: string, body: unknown, token?: string) => app.request(path, { method: 'POST', body, token });
const patch = (path: string, body: unknown, token?: string) => app.request(path, { method: 'PATCH', body, token });
const linkToken = (text: string, kind: 'register' | 'activate') => new RegExp(`http://imi\\.test/#/${kind}/([A-Za-z0-9_-]+)`).exec(text)?.[1];

async function found(q: string, token: string): Promise<string[]> {
  const response = await app.request(`/api/v1/authorities?q=${encodeURIComponent(q)}&country=EE`, { token });
  return ((await response.json()) as { items: { id: string }[] }).items.map((i) => i.id);
}

const newAuthority = {
  officialName: 'Tallinna Ehitusinseneride Koda',
  officialNameLang: 'et',
  designation: { en: 'Tallinn Chamber of Civil Engineers', et: 'Ehitusinseneride Koda' },
  city: 'Tallinn',
  languages: ['et', 'en'],
  competences: [{ area: 'PQ', professions: ['civil-engineer'], keywords: ['diploma-verification'] }],
};

describe('registration journey', () => {
  it('invites by e-mail, registers, waits for validation, and is found once validated', async () => {
    const invited = await post('/api/v1/authorities/invitations', { email: 'Office@Engineers.ee.imi.test', country: 'EE', areas: ['PQ'] }, nimic);
    expect(invited.status).toBe(201);
    const mail = await smtp.waitFor((m) => m.to.includes('office@engineers.ee.imi.test'));
    // Written in Estonian: the inviting coordinator's language, an official language of the invited country.
    expect(mail.subject).toBe('Kutse registreerida oma asutus IMI Networkis');
    const token = linkToken(mail.text, 'register')!;
    expect(token).toBeTruthy();

    const weak = await post('/api/v1/registrations', { ...newAuthority, token, lda: { name: 'Mari Maasikas', password: 'short' } });
    expect(weak.status).toBe(400);
    expect((await problem(weak)).errors?.[0].path).toBe('lda.password');

    const registered = await post('/api/v1/registrations', { ...newAuthority, token, lda: { name: 'Mari Maasikas', password: 'a long enough passphrase' } });
    expect(registered.status).toBe(201);
    const authority = (await registered.json()) as Detail;
    expect(authority.status).toBe('pending-validation');
    expect(authority.areas[0].professions.map((p) => p.code)).toEqual(['civil-engineer']);

    const reused = await post('/api/v1/registrations', { ...newAuthority, token, lda: { name: 'Someone', password: 'another long passphrase' } });
    expect(reused.status).toBe(400);
    expect((await problem(reused)).errors?.[0].path).toBe('token');

    expect(await found('Ehitusinseneride', nimic)).not.toContain(authority.id);
    const lda = await post('/api/v1/auth/login', { email: 'office@engineers.ee.imi.test', password: 'a long enough passphrase' });
    expect(lda.status).toBe(200);

    const validated = await post(`/api/v1/authorities/${authority.id}/validate`, { decision: 'approve', version: authority.version }, nimic);
    expect(validated.status).toBe(200);
    expect(((await validated.json()) as Detail).status).toBe('active');
    expect(await found('Ehitusinseneride', nimic)).toContain(authority.id);
    expect(await found('civil engineer', nimic)).toContain(authority.id);
  });

  it('rejects a registration only with a reason, and a rejected authority stays out of the directory', async () => {
    await post('/api/v1/authorities/invitations', { email: 'registry@ee.imi.test', country: 'EE', areas: ['SERVICES'] }, nimic);
    const token = linkToken((await smtp.waitFor((m) => m.to.includes('registry@ee.imi.test'))).text, 'register')!;
    const registered = (await (await post('/api/v1/registrations', {
      ...newAuthority, officialName: 'Pärnu Ettevõtlusregister', competences: [], token, lda: { name: 'Jaan Tamm', password: 'pärnu on ilus linn' },
    })).json()) as Detail;
    const noReason = await post(`/api/v1/authorities/${registered.id}/validate`, { decision: 'reject', version: registered.version }, nimic);
    expect(noReason.status).toBe(400);
    expect((await problem(noReason)).errors?.[0].path).toBe('reason');
    const rejected = await post(`/api/v1/authorities/${registered.id}/validate`, { decision: 'reject', reason: 'Not a competent authority', version: registered.version }, nimic);
    expect(((await rejected.json()) as Detail).status).toBe('rejected');
    const again = await post(`/api/v1/authorities/${registered.id}/validate`, { decision: 'approve', version: registered.version + 1 }, nimic);
    expect(again.status).toBe(409);
    expect(await found('Ettevõtlusregister', nimic)).toEqual([]);
  });

  it('registers an authority directly and sends its first administrator a one-time link to set a password', async () => {
    const created = await post('/api/v1/authorities', {
      ...newAuthority, officialName: 'Tartu Arhitektide Koda', country: 'EE', areas: ['PQ'],
      competences: [{ area: 'PQ', professions: ['architect'] }],
      lda: { email: 'lda@architects.ee.imi.test', name: 'Kadri Kask', locale: 'et' },
    }, nimic);
    expect(created.status).toBe(201);
    const authority = (await created.json()) as Detail;
    expect(authority.status).toBe('active');
    const mail = await smtp.waitFor((m) => m.to.includes('lda@architects.ee.imi.test'));
    const token = linkToken(mail.text, 'activate')!;
    expect((await post('/api/v1/auth/login', { email: 'lda@architects.ee.imi.test', password: 'anything at all here' })).status).toBe(401);
    const tooEasy = await post('/api/v1/auth/activate', { token, password: 'password1234' });
    expect((await problem(tooEasy)).errors?.[0].path).toBe('password');
    expect((await post('/api/v1/auth/activate', { token, password: 'arhitektuur on kunst' })).status).toBe(200);
    expect((await post('/api/v1/auth/activate', { token, password: 'arhitektuur on kunst 2' })).status).toBe(400);
    expect((await post('/api/v1/auth/login', { email: 'lda@architects.ee.imi.test', password: 'arhitektuur on kunst' })).status).toBe(200);
  });

  it('suspends with a reason and reactivates', async () => {
    const { items: [target] } = (await (await app.request('/api/v1/authorities?country=EE&q=Tartu%20Arhitektide', { token: nimic })).json()) as { items: { id: string }[] };
    const before = (await (await app.request(`/api/v1/authorities/${target.id}`, { token: nimic })).json()) as Detail;
    const suspended = (await (await post(`/api/v1/authorities/${target.id}/suspend`, { reason: 'Merged into another chamber', version: before.version }, nimic)).json()) as Detail;
    expect(suspended.status).toBe('suspended');
    expect(suspended.version).toBeGreaterThan(before.version);
    expect(await found('Arhitektide', nimic)).not.toContain(target.id);
    const reactivated = await post(`/api/v1/authorities/${target.id}/reactivate`, { version: suspended.version }, nimic);
    expect(((await reactivated.json()) as Detail).status).toBe('active');
    expect(await found('Arhitektide', nimic)).toContain(target.id);
  });

  it('lets only the Commission register a NIMIC, one per state', async () => {
    const body = { ...newAuthority, country: 'EE', coordinatorKind: 'NIMIC', areas: ['PQ'], lda: { email: 'second-nimic@ee.imi.test', name: 'X' } };
    expect((await post('/api/v1/authorities', body, nimic)).status).toBe(403);
    const admin = await app.session('admin@imi.test', { mfa: true });
    const second = await post('/api/v1/authorities', body, admin);
    expect(second.status).toBe(409);
  });

  it('names the field of bad registry input', async () => {
    for (const [path, body, field] of [
      ['/api/v1/authorities/invitations', { email: 'x@y.zz', country: 'EE', areas: [] }, 'areas'],
      ['/api/v1/authorities/invitations', { email: 'not an address', country: 'EE', areas: ['PQ'] }, 'email'],
      ['/api/v1/authorities', { ...newAuthority, country: 'EE', areas: ['PQ'], website: 'javascript:alert(1)', lda: { email: 'a@b.cd', name: 'A' } }, 'website'],
      ['/api/v1/authorities', { ...newAuthority, country: 'EE', areas: ['PQ'], competences: [{ area: 'PQ', professions: ['astronaut'] }], lda: { email: 'a@b.cd', name: 'A' } }, 'competences.0.professions.0'],
      ['/api/v1/authorities', { ...newAuthority, country: 'EE', areas: ['NOPE'], lda: { email: 'a@b.cd', name: 'A' } }, 'areas.0'],
    ] as const) {
      const response = await post(path, body, nimic);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect((await problem(response)).errors?.map((e) => e.path)).toContain(field);
    }
  });
});

describe('user administration', () => {
  it('an LDA creates a user with roles, who activates the account; deactivation ends its sign-ins', async () => {
    const lda = await app.login('lda.ee@imi.test');
    const me = (await (await app.request('/api/v1/me', { token: lda })).json()) as { authority: { id: string } };
    const created = await post(`/api/v1/authorities/${me.authority.id}/users`, {
      email: 'new.handler@ee.imi.test', name: 'Uus Menetleja', locale: 'et', roles: [{ area: 'PQ', role: 'request-handler' }],
    }, lda);
    expect(created.status).toBe(201);
    const user = (await created.json()) as { id: string; version: number; activated: boolean };
    expect(user.activated).toBe(false);
    const token = linkToken((await smtp.waitFor((m) => m.to.includes('new.handler@ee.imi.test'))).text, 'activate')!;
    await post('/api/v1/auth/activate', { token, password: 'menetleja parool 2026' });
    const session = ((await (await post('/api/v1/auth/login', { email: 'new.handler@ee.imi.test', password: 'menetleja parool 2026' })).json()) as { accessToken: string }).accessToken;
    const roles = ((await (await app.request('/api/v1/me', { token: session })).json()) as { roles: unknown[] }).roles;
    expect(roles).toEqual([{ area: 'PQ', role: 'request-handler' }]);

    const listed = (await (await app.request(`/api/v1/authorities/${me.authority.id}/users`, { token: lda })).json()) as { items: { id: string; version: number; activated: boolean }[] };
    const current = listed.items.find((u) => u.id === user.id)!;
    expect(current.activated).toBe(true);
    const wrongArea = await patch(`/api/v1/users/${user.id}`, { version: current.version, roles: [{ area: 'NOPE', role: 'allocator' }] }, lda);
    expect((await problem(wrongArea)).errors?.[0].path).toBe('roles.0.area');
    const changed = await patch(`/api/v1/users/${user.id}`, { version: current.version, roles: [{ area: 'PQ', role: 'allocator' }] }, lda);
    expect(changed.status).toBe(200);
    const afterChange = (await changed.json()) as { version: number; roles: unknown[] };
    expect(afterChange.roles).toEqual([{ area: 'PQ', role: 'allocator' }]);
    const stale = await patch(`/api/v1/users/${user.id}`, { version: current.version, name: 'Someone else' }, lda);
    expect(stale.status).toBe(409);
    const deactivated = await patch(`/api/v1/users/${user.id}`, { version: afterChange.version, active: false }, lda);
    expect(((await deactivated.json()) as { active: boolean }).active).toBe(false);
    expect((await app.request('/api/v1/me', { token: session })).status).toBe(401);
  });

  it('a coordinator resets the LDA of a coordinated authority, who gets a new link', async () => {
    const lda = await app.login('lda.lt@imi.test');
    const me = (await (await app.request('/api/v1/me', { token: lda })).json()) as { user: { id: string } };
    const coordinator = await app.login('nimic.lt@imi.test');
    expect((await post(`/api/v1/users/${me.user.id}/reset`, {}, coordinator)).status).toBe(200);
    expect((await app.request('/api/v1/me', { token: lda })).status).toBe(401);
    const mail = await smtp.waitFor((m) => m.to.includes('lda.lt@imi.test'));
    expect(linkToken(mail.text, 'activate')).toBeTruthy();
    expect((await post('/api/v1/auth/login', { email: 'lda.lt@imi.test', password: 'demo-password' })).status).toBe(401);
  });

  it('changes one\'s own password under the policy, ending the other sign-ins', async () => {
    const first = await app.login('handler2.ee@imi.test');
    const second = await app.login('handler2.ee@imi.test');
    const wrong = await post('/api/v1/me/password', { currentPassword: 'nope', newPassword: 'a much better passphrase' }, first);
    expect((await problem(wrong)).errors?.[0].path).toBe('currentPassword');
    const own = await post('/api/v1/me/password', { currentPassword: 'demo-password', newPassword: 'handler2.ee-and-more' }, first);
    expect((await problem(own)).errors?.[0].path).toBe('newPassword');
    expect((await post('/api/v1/me/password', { currentPassword: 'demo-password', newPassword: 'a much better passphrase' }, first)).status).toBe(200);
    expect((await app.request('/api/v1/me', { token: first })).status).toBe(200);
    expect((await app.request('/api/v1/me', { token: second })).status).toBe(401);
  });
});

describe('coordinator levels', () => {
  it('a NIMIC registers a regional coordinator, which registers authorities but no coordinator of its own level', async () => {
    const nimicLu = await app.login('nimic.lu@imi.test');
    const created = await post('/api/v1/authorities', {
      ...newAuthority, officialName: 'Coordination régionale du Sud', officialNameLang: 'fr', country: 'LU', coordinatorKind: 'SDIMIC',
      region: 'Sud', areas: ['PQ', 'SERVICES'], competences: [], lda: { email: 'sdimic@lu.imi.test', name: 'Anne Muller' },
    }, nimicLu);
    expect(created.status).toBe(201);
    const token = linkToken((await smtp.waitFor((m) => m.to.includes('sdimic@lu.imi.test'))).text, 'activate')!;
    await post('/api/v1/auth/activate', { token, password: 'coordination du sud 2026' });
    const sdimic = ((await (await post('/api/v1/auth/login', { email: 'sdimic@lu.imi.test', password: 'coordination du sud 2026' })).json()) as { accessToken: string }).accessToken;
    const me = (await (await app.request('/api/v1/me', { token: sdimic })).json()) as { coordinator: unknown };
    expect(me.coordinator).toEqual({ kind: 'SDIMIC', scope: { country: 'LU', region: 'Sud' } });
    const body = { ...newAuthority, officialName: 'Chambre des métiers du Sud', officialNameLang: 'fr', country: 'LU', region: 'Sud', areas: ['SERVICES'], competences: [], lda: { email: 'metiers@lu.imi.test', name: 'Luc Weber' } };
    expect((await post('/api/v1/authorities', body, sdimic)).status).toBe(201);
    expect((await post('/api/v1/authorities', { ...body, coordinatorKind: 'SDIMIC', lda: { email: 'x@lu.imi.test', name: 'X' } }, sdimic)).status).toBe(403);
    expect((await post('/api/v1/authorities', { ...body, country: 'BE', lda: { email: 'y@lu.imi.test', name: 'Y' } }, sdimic)).status).toBe(403);
  });
});

describe('coordinator relations', () => {
  it('lists an authority\'s coordinators and lets its coordinator add and remove a linked observer', async () => {
    const coordinator = await app.login('nimic.hu@imi.test');
    const me = (await (await app.request('/api/v1/me', { token: await app.login('handler.hu@imi.test') })).json()) as { authority: { id: string } };
    const nimicOf = (await (await app.request('/api/v1/me', { token: coordinator })).json()) as { authority: { id: string } };
    const before = (await (await app.request(`/api/v1/authorities/${me.authority.id}/coordinators`, { token: coordinator })).json()) as { items: { area: string; relation: string; coordinator: { id: string } }[] };
    expect(before.items.filter((c) => c.area === 'PQ').map((c) => c.relation).sort()).toEqual(['access', 'request', 'validating']);
    const path = `/api/v1/authorities/${me.authority.id}/coordinators`;
    const added = (await (await post(path, { area: 'PQ', coordinatorId: nimicOf.authority.id, relation: 'observer' }, coordinator)).json()) as typeof before;
    expect(added.items.some((c) => c.relation === 'observer')).toBe(true);
    const notCoordinator = await post(path, { area: 'PQ', coordinatorId: me.authority.id, relation: 'observer' }, coordinator);
    expect((await problem(notCoordinator)).errors?.[0].path).toBe('coordinatorId');
    const removed = (await (await post(path, { area: 'PQ', coordinatorId: nimicOf.authority.id, relation: 'observer', present: false }, coordinator)).json()) as typeof before;
    expect(removed.items.some((c) => c.relation === 'observer')).toBe(false);
  });
});

describe('editing an authority', () => {
  it('its LDA edits names and competences, which the directory finds at once; a stale version is refused', async () => {
    const lda = await app.login('lda.lv@imi.test');
    const me = (await (await app.request('/api/v1/me', { token: lda })).json()) as { authority: { id: string } };
    const before = (await (await app.request(`/api/v1/authorities/${me.authority.id}`, { token: lda })).json()) as Detail;
    const edited = await patch(`/api/v1/authorities/${me.authority.id}`, {
      version: before.version, city: 'Daugavpils', designation: { en: 'Latgale Health Professions Office', lv: 'Latgales veselības profesiju birojs' },
      competences: [{ area: 'PQ', professions: ['general-care-nurse', 'doctor-of-medicine', 'midwife'] }],
    }, lda);
    expect(edited.status).toBe(200);
    const after = (await edited.json()) as Detail & { city: string; designation: string };
    expect(after).toMatchObject({ city: 'Daugavpils', designation: 'Latgale Health Professions Office', officialName: before.officialName });
    expect(after.areas.find((a) => a.area === 'PQ')?.professions.map((p) => p.code).sort()).toEqual(['doctor-of-medicine', 'general-care-nurse', 'midwife']);
    const byName = (await (await app.request('/api/v1/authorities?q=Latgales&country=LV', { token: lda })).json()) as { items: { id: string }[] };
    expect(byName.items.map((i) => i.id)).toContain(me.authority.id);
    const physiotherapists = (await (await app.request('/api/v1/authorities?profession=physiotherapist&country=LV', { token: lda })).json()) as { items: { id: string }[] };
    expect(before.areas.find((a) => a.area === 'PQ')?.professions.map((p) => p.code)).toContain('physiotherapist');
    expect(physiotherapists.items.map((i) => i.id)).not.toContain(me.authority.id);
    const stale = await patch(`/api/v1/authorities/${me.authority.id}`, { version: before.version, city: 'Rīga' }, lda);
    expect(stale.status).toBe(409);
  });
});

describe('when the mail relay is down', () => {
  it('keeps the invitation and says the e-mail was not sent (502), instead of failing blindly', async () => {
    const offline = await startTestApp({ smtpUrl: 'smtp://127.0.0.1:1' });
    try {
      const token = await offline.login('nimic.pl@imi.test');
      const response = await offline.request('/api/v1/authorities/invitations', { method: 'POST', token, body: { email: 'urzad@pl.imi.test', country: 'PL', areas: ['SERVICES'] } });
      expect(response.status).toBe(502);
      expect((await problem(response)).detail).toMatch(/invitation is saved.*urzad@pl\.imi\.test/);
      const saved = await offline.orm.em.fork().execute<{ n: string }[]>(`select count(*) as n from invitation where email = 'urzad@pl.imi.test'`);
      expect(Number(saved[0].n)).toBe(1);
    } finally {
      await offline.close();
    }
  });
});
