import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSmtp } from './smtp.js';
import { problem, startTestApp, type TestApp } from './support.js';

type Smtp = Awaited<ReturnType<typeof startTestSmtp>>;
interface Item { id: string; country: string; officialName: string; status: string; statusReason: string | null; coordinatorKind: string; version: number; areas: string[] }
interface Page<T> { items: T[]; nextCursor: string | null }
interface Invitation { id: string; email: string; country: string; status: string; coordinator: { officialName: string }; invitedBy: { email: string } | null; authority: { id: string; status: string } | null }

let smtp: Smtp;
let app: TestApp;
let admin: string;
let nimicCz: string;
let nimicSk: string;
let ldaCz: string;
let handlerCz: string;
let ownCzId: string;

beforeAll(async () => {
  smtp = await startTestSmtp();
  app = await startTestApp({ smtpUrl: smtp.url });
  admin = await app.session('admin@imi.test', { mfa: true });
  [nimicCz, nimicSk, ldaCz, handlerCz] = await Promise.all(['nimic.cz', 'nimic.sk', 'lda.cz', 'handler.cz'].map((a) => app.login(`${a}@imi.test`)));
  ownCzId = ((await (await app.request('/api/v1/me', { token: ldaCz })).json()) as { authority: { id: string } }).authority.id;
});
afterAll(async () => {
  if (app) await app.close();
  if (smtp) await smtp.close();
});

const get = async <T>(path: string, token?: string): Promise<T> => {
  const response = await app.request(path, { token });
  expect(response.status, `${path}: ${await response.clone().text()}`).toBe(200);
  return (await response.json()) as T;
};
const post = (path: string, body: unknown, token?: string) => app.request(path, { method: 'POST', body, token });
const linkToken = (text: string) => /http:\/\/imi\.test\/#\/register\/([A-Za-z0-9_-]+)/.exec(text)?.[1];
const count = async (where: string, params: unknown[] = []) =>
  Number((await app.orm.em.fork().execute<{ n: string }[]>(`select count(*) as n from authority where ${where}`, params))[0].n);

/** Every item of a list, page by page. */
async function everyPage<T extends { id: string }>(path: string, token: string, limit: number): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const page: Page<T> = await get<Page<T>>(`${path}${separator}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, token);
    items.push(...page.items);
    cursor = page.nextCursor;
    pages++;
  } while (cursor && pages < 100);
  return { items, pages };
}

/** An authority of `country` invited by its NIMIC and registered: it waits for validation. */
async function registered(country: string, email: string, officialName: string): Promise<{ id: string; version: number }> {
  const nimic = await app.login(`nimic.${country.toLowerCase()}@imi.test`);
  expect((await post('/api/v1/authorities/invitations', { email, country, areas: ['PQ'] }, nimic)).status).toBe(201);
  const token = linkToken((await smtp.waitFor((m) => m.to.includes(email))).text)!;
  const response = await post('/api/v1/registrations', {
    token, officialName, officialNameLang: 'en', designation: { en: officialName, de: `${officialName} (de)` }, languages: ['en'],
    lda: { name: 'First Administrator', password: 'a long enough passphrase 2026' },
  });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as { id: string; version: number };
}

describe('GET /admin/authorities', () => {
  it('gives the Commission every authority of the network, page by page in name order, without repeats', async () => {
    const { items, pages } = await everyPage<Item>('/api/v1/admin/authorities', admin, 40);
    expect(items.length).toBe(await count('true'));
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    expect(pages).toBeGreaterThan(1);
    expect(new Set(items.map((i) => i.country)).size).toBe(30);
    const czech = await get<Page<Item>>('/api/v1/admin/authorities?country=CZ&limit=100', admin);
    expect(czech.items.length).toBe(await count(`country_code = 'CZ'`));
    expect(czech.items.every((i) => i.country === 'CZ')).toBe(true);
  });

  it('gives a NIMIC its own state only, of every status, and an LDA its own authority', async () => {
    const pending = await registered('CZ', 'pending@cz.imi.test', 'Brno Chamber of Surveyors');
    const state = await get<Page<Item>>('/api/v1/admin/authorities?limit=100', nimicCz);
    expect(state.items.length).toBe(await count(`country_code = 'CZ'`));
    expect(state.items.every((i) => i.country === 'CZ')).toBe(true);
    expect(state.items.find((i) => i.id === pending.id)?.status).toBe('pending-validation');
    // The directory shows only active authorities; the registry view shows the one waiting for validation.
    const directory = await get<Page<Item>>('/api/v1/authorities?country=CZ&q=Surveyors', nimicCz);
    expect(directory.items.map((i) => i.id)).not.toContain(pending.id);

    expect((await get<Page<Item>>('/api/v1/admin/authorities?country=SK', nimicCz)).items).toEqual([]);
    expect((await get<Page<Item>>('/api/v1/admin/authorities?limit=100', nimicSk)).items.map((i) => i.id)).not.toContain(pending.id);

    const own = await get<Page<Item>>('/api/v1/admin/authorities?limit=100', ldaCz);
    expect(own.items.map((i) => i.id)).toEqual([ownCzId]);
  });

  it('filters by status, text in any of its languages, and coordinator kind', async () => {
    const pending = await registered('CZ', 'queue@cz.imi.test', 'Ostrava Board of Geologists');
    const queue = await get<Page<Item>>('/api/v1/admin/authorities?status=pending-validation&limit=100', nimicCz);
    expect(queue.items.map((i) => i.id)).toContain(pending.id);
    expect(queue.items.every((i) => i.status === 'pending-validation')).toBe(true);

    const approved = await post(`/api/v1/authorities/${pending.id}/validate`, { decision: 'approve', version: pending.version }, nimicCz);
    expect(approved.status).toBe(200);
    expect((await get<Page<Item>>('/api/v1/admin/authorities?status=pending-validation&limit=100', nimicCz)).items.map((i) => i.id)).not.toContain(pending.id);
    expect((await get<Page<Item>>('/api/v1/admin/authorities?status=active&q=ostrava%20geolog', nimicCz)).items.map((i) => i.id)).toEqual([pending.id]);
    // The German designation finds it too.
    expect((await get<Page<Item>>('/api/v1/admin/authorities?q=Geologists%20(de)', nimicCz)).items.map((i) => i.id)).toContain(pending.id);

    const coordinators = await get<Page<Item>>('/api/v1/admin/authorities?coordinator=true&limit=100', nimicCz);
    expect(coordinators.items.map((i) => i.coordinatorKind)).toEqual(['NIMIC']);
    const others = await get<Page<Item>>('/api/v1/admin/authorities?coordinator=false&limit=100', nimicCz);
    expect(others.items.length).toBe(await count(`country_code = 'CZ' and coordinator_kind = 'NONE'`));
  });

  it('shows why an authority is suspended', async () => {
    const target = await registered('CZ', 'suspend@cz.imi.test', 'Plzen Notaries Board');
    const approved = (await (await post(`/api/v1/authorities/${target.id}/validate`, { decision: 'approve', version: target.version }, nimicCz)).json()) as { version: number };
    expect((await post(`/api/v1/authorities/${target.id}/suspend`, { version: approved.version, reason: 'Merged into another board' }, nimicCz)).status).toBe(200);
    const [item] = (await get<Page<Item>>('/api/v1/admin/authorities?status=suspended&q=Plzen%20Notaries', nimicCz)).items;
    expect(item).toMatchObject({ id: target.id, status: 'suspended', statusReason: 'Merged into another board' });
  });

  it('gives a coordinator below the NIMIC its own authority and those it coordinates', async () => {
    const created = await post('/api/v1/authorities', {
      country: 'CZ', coordinatorKind: 'LIMIC', areas: ['PQ'], officialName: 'Czech Coordinator for Qualifications', officialNameLang: 'cs',
      languages: ['cs'], lda: { email: 'limic@cz.imi.test', name: 'Lída Koordinátorka' },
    }, nimicCz);
    expect(created.status, await created.clone().text()).toBe(201);
    const limic = (await created.json()) as { id: string };
    const limicLda = await app.session('limic@cz.imi.test', { mfa: false });

    expect((await get<Page<Item>>('/api/v1/admin/authorities?limit=100', limicLda)).items.map((i) => i.id)).toEqual([limic.id]);
    expect((await app.request(`/api/v1/admin/authorities/${ownCzId}`, { token: limicLda })).status).toBe(403);

    const observer = await post(`/api/v1/authorities/${ownCzId}/coordinators`, { area: 'PQ', coordinatorId: limic.id, relation: 'observer' }, nimicCz);
    expect(observer.status).toBe(200);
    const scoped = (await get<Page<Item>>('/api/v1/admin/authorities?limit=100', limicLda)).items.map((i) => i.id);
    expect(scoped.sort()).toEqual([limic.id, ownCzId].sort());
    expect((await app.request(`/api/v1/admin/authorities/${ownCzId}`, { token: limicLda })).status).toBe(200);
  });

  it('is refused to a request handler and to an administrator without the second factor', async () => {
    expect((await app.request('/api/v1/admin/authorities', { token: handlerCz })).status).toBe(403);
    expect((await app.request('/api/v1/admin/authorities', { token: await app.session('admin@imi.test', { mfa: false }) })).status).toBe(403);
    expect((await app.request('/api/v1/admin/authorities')).status).toBe(401);
  });

  it('names the field of bad input', async () => {
    for (const [query, field] of [
      ['status=closed', 'status'],
      ['country=cz', 'country'],
      ['limit=0', 'limit'],
      ['limit=abc', 'limit'],
      ['cursor=not-a-cursor', 'cursor'],
      ['q=%21%21%21', 'q'],
      ['coordinator=yes', 'coordinator'],
    ]) {
      const response = await app.request(`/api/v1/admin/authorities?${query}`, { token: nimicCz });
      expect(response.status, query).toBe(400);
      expect((await problem(response)).errors?.map((e) => e.path), query).toContain(field);
    }
  });
});

describe('GET /admin/authorities/{id}', () => {
  it('gives every translation, the allocation per area and the status reason to those who edit the authority', async () => {
    const target = await registered('CZ', 'reject@cz.imi.test', 'Liberec Veterinary Chamber');
    const rejected = await post(`/api/v1/authorities/${target.id}/validate`, { decision: 'reject', version: target.version, reason: 'Not a competent authority' }, nimicCz);
    expect(rejected.status).toBe(200);
    const entry = await get<{ designations: Record<string, string>; statusReason: string; status: string; allocation: string[] }>(`/api/v1/admin/authorities/${target.id}`, nimicCz);
    expect(entry).toMatchObject({
      status: 'rejected', statusReason: 'Not a competent authority', allocation: [],
      designations: { en: 'Liberec Veterinary Chamber', de: 'Liberec Veterinary Chamber (de)' },
    });

    const own = await get<{ id: string; version: number; areas: { area: string }[]; allocation: string[] }>(`/api/v1/admin/authorities/${ownCzId}`, ldaCz);
    const switched = await app.request(`/api/v1/authorities/${ownCzId}/allocation`, { method: 'PUT', token: ldaCz, body: { version: own.version, area: own.areas[0].area, allocation: true } });
    expect(switched.status).toBe(200);
    expect((await get<{ allocation: string[] }>(`/api/v1/admin/authorities/${ownCzId}`, admin)).allocation).toEqual([own.areas[0].area]);
  });

  it('is refused outside the scope and names a bad id', async () => {
    expect((await app.request(`/api/v1/admin/authorities/${ownCzId}`, { token: nimicSk })).status).toBe(403);
    expect((await app.request(`/api/v1/admin/authorities/${ownCzId}`, { token: handlerCz })).status).toBe(403);
    expect((await app.request('/api/v1/admin/authorities/00000000-0000-4000-8000-000000000000', { token: admin })).status).toBe(404);
    const bad = await app.request('/api/v1/admin/authorities/42', { token: admin });
    expect(bad.status).toBe(400);
    expect((await problem(bad)).errors?.map((e) => e.path)).toEqual(['id']);
  });
});

describe('GET /admin/invitations', () => {
  it('lists the invitations of a NIMIC\'s state newest first, pending, registered and expired', async () => {
    const nimicLt = await app.login('nimic.lt@imi.test');
    for (const email of ['first@lt.imi.test', 'second@lt.imi.test', 'third@lt.imi.test']) {
      expect((await post('/api/v1/authorities/invitations', { email, country: 'LT', areas: ['PQ', 'SERVICES'] }, nimicLt)).status).toBe(201);
    }
    const used = await registered('LT', 'used@lt.imi.test', 'Vilnius Chamber of Architects');
    await app.orm.em.fork().execute(`update invitation set expires_at = now() - interval '1 day' where email = 'first@lt.imi.test'`);

    const all = await get<Page<Invitation>>('/api/v1/admin/invitations?limit=100', nimicLt);
    expect(all.items.map((i) => i.email)).toEqual(['used@lt.imi.test', 'third@lt.imi.test', 'second@lt.imi.test', 'first@lt.imi.test']);
    expect(all.items.map((i) => i.status)).toEqual(['registered', 'pending', 'pending', 'expired']);
    expect(all.items[0]).toMatchObject({ country: 'LT', invitedBy: { email: 'nimic.lt@imi.test' }, authority: { id: used.id, status: 'pending-validation' } });
    expect(all.items[1].authority).toBeNull();

    const pending = await get<Page<Invitation>>('/api/v1/admin/invitations?status=pending', nimicLt);
    expect(pending.items.map((i) => i.email)).toEqual(['third@lt.imi.test', 'second@lt.imi.test']);
    expect((await get<Page<Invitation>>('/api/v1/admin/invitations?status=expired', nimicLt)).items.map((i) => i.email)).toEqual(['first@lt.imi.test']);

    const paged = await everyPage<Invitation>('/api/v1/admin/invitations', nimicLt, 1);
    expect(paged.items.map((i) => i.email)).toEqual(all.items.map((i) => i.email));
    expect(paged.pages).toBe(4);
  });

  it('shows a NIMIC no other state\'s invitations, and the Commission all of them', async () => {
    expect((await post('/api/v1/authorities/invitations', { email: 'only@lv.imi.test', country: 'LV', areas: ['PQ'] }, await app.login('nimic.lv@imi.test'))).status).toBe(201);
    expect((await get<Page<Invitation>>('/api/v1/admin/invitations?limit=100', nimicSk)).items.map((i) => i.email)).not.toContain('only@lv.imi.test');
    const network = await get<Page<Invitation>>('/api/v1/admin/invitations?country=LV', admin);
    expect(network.items.map((i) => i.email)).toEqual(['only@lv.imi.test']);
  });

  it('is refused to those who invite nobody: an LDA, a request handler, an administrator without the second factor', async () => {
    expect((await app.request('/api/v1/admin/invitations', { token: ldaCz })).status).toBe(403);
    expect((await app.request('/api/v1/admin/invitations', { token: handlerCz })).status).toBe(403);
    expect((await app.request('/api/v1/admin/invitations', { token: await app.session('admin@imi.test', { mfa: false }) })).status).toBe(403);
  });

  it('names the field of bad input', async () => {
    for (const [query, field] of [['status=sent', 'status'], ['cursor=%5B%5D', 'cursor'], ['limit=101', 'limit'], ['country=Latvia', 'country']]) {
      const response = await app.request(`/api/v1/admin/invitations?${query}`, { token: admin });
      expect(response.status, query).toBe(400);
      expect((await problem(response)).errors?.map((e) => e.path), query).toContain(field);
    }
  });
});

describe('users of an authority for the Commission', () => {
  it('lists them with their administrator powers, and the Commission grants data-protection powers', async () => {
    const users = await get<Page<{ id: string; email: string; version: number; dataProtectionAdmin: boolean; commissionAdmin: boolean }>>(`/api/v1/authorities/${ownCzId}/users`, admin);
    const lda = users.items.find((u) => u.email === 'lda.cz@imi.test')!;
    expect(lda).toMatchObject({ dataProtectionAdmin: false, commissionAdmin: false });
    const granted = await app.request(`/api/v1/admin/users/${lda.id}`, { method: 'PATCH', token: admin, body: { version: lda.version, dataProtectionAdmin: true } });
    expect(granted.status).toBe(200);
    const after = await get<Page<{ id: string; dataProtectionAdmin: boolean }>>(`/api/v1/authorities/${ownCzId}/users`, admin);
    expect(after.items.find((u) => u.id === lda.id)?.dataProtectionAdmin).toBe(true);
    expect((await app.request(`/api/v1/authorities/${ownCzId}/users`, { token: await app.session('admin@imi.test', { mfa: false }) })).status).toBe(403);
  });
});
