import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problem, startTestApp, type TestApp } from './support.js';

interface Item {
  id: string;
  country: string;
  officialName: string;
  designation: string;
  city: string | null;
  areas: string[];
  match: { field: string; text: string; locale: string | null; competence?: { code: string; name: string } } | null;
}

let app: TestApp;
let token: string;
beforeAll(async () => {
  app = await startTestApp();
  token = await app.login('handler.fr@imi.test');
});
afterAll(async () => {
  if (app) await app.close();
});

async function search(query: string): Promise<{ items: Item[]; nextCursor: string | null }> {
  const response = await app.request(`/api/v1/authorities?${query}`, { token });
  expect(response.status, query).toBe(200);
  return (await response.json()) as { items: Item[]; nextCursor: string | null };
}

async function searchAll(query: string): Promise<Item[]> {
  const all: Item[] = [];
  let cursor: string | null = null;
  do {
    const page = await search(`${query}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

async function competentFor(profession: string): Promise<string[]> {
  const rows = await app.orm.em.fork().execute<{ id: string }[]>(
    `select distinct a.id from authority a join competence c on c.authority_id = a.id
      join profession p on c.ref_kind = 'profession' and p.id = c.ref_id
     where p.code = ? and a.status = 'active'`, [profession]);
  return rows.map((r) => r.id).sort();
}

describe('directory search', () => {
  it('needs a signed-in user', async () => {
    expect((await app.request('/api/v1/authorities?q=nurse')).status).toBe(401);
  });

  it.each(['Krankenschwester', 'infirmière', 'pielęgniarka', 'sairaanhoitaja'])(
    '"%s" finds every authority competent for general care nurses, in every state and language', async (term) => {
      const expected = await competentFor('general-care-nurse');
      expect(expected.length).toBeGreaterThanOrEqual(30);
      const found = await searchAll(`q=${encodeURIComponent(term)}&lang=en`);
      const nurseHits = found.filter((i) => i.match?.field === 'profession' && i.match.competence?.code === 'general-care-nurse');
      expect(nurseHits.map((i) => i.id).sort()).toEqual(expected);
      expect(new Set(nurseHits.map((i) => i.country)).size).toBe(30);
      expect(found[0].match?.competence?.code).toBe('general-care-nurse');
    });

  it('says what matched, naming the competence in the user\'s language', async () => {
    const { items } = await search('q=Krankenschwester&lang=fr&limit=1');
    expect(items[0].match).toMatchObject({ field: 'profession', text: 'Krankenschwester', locale: 'de' });
    expect(items[0].match?.competence?.name.toLowerCase()).toContain('infirmi');
  });

  it('ignores accents and case, and matches prefixes while typing', async () => {
    const expected = await competentFor('general-care-nurse');
    for (const q of ['INFIRMIERE', 'Infirmière', 'pielegniarka', 'krankensch', 'sairaanhoi']) {
      const found = await searchAll(`q=${encodeURIComponent(q)}`);
      const ids = new Set(found.map((i) => i.id));
      expect(expected.every((id) => ids.has(id)), q).toBe(true);
    }
  });

  it('tolerates typos in authority names', async () => {
    const { items: [target] } = await search('country=DE&limit=1');
    const name = target.officialName;
    const longest = name.split(/\s+/).sort((a, b) => b.length - a.length)[0];
    const typo = longest.slice(0, 2) + longest.slice(3);
    const { items } = await search(`q=${encodeURIComponent(typo)}&country=DE`);
    expect(items.map((i) => i.id)).toContain(target.id);
  });

  it('combines free text with country, area, profession and city filters', async () => {
    const fr = await searchAll('q=nurse&country=FR');
    expect(fr.length).toBeGreaterThan(0);
    expect(fr.every((i) => i.country === 'FR')).toBe(true);
    const services = await searchAll('area=SERVICES&country=AT');
    expect(services.length).toBeGreaterThan(0);
    expect(services.every((i) => i.areas.includes('SERVICES'))).toBe(true);
    const doctors = await searchAll('profession=doctor-of-medicine');
    expect(doctors.map((i) => i.id).sort()).toEqual(await competentFor('doctor-of-medicine'));
    const { items: [somewhere] } = await search('country=IT&limit=1');
    const city = await searchAll(`city=${encodeURIComponent(somewhere.city!.toUpperCase())}&country=IT`);
    expect(city.map((i) => i.id)).toContain(somewhere.id);
    expect(city.every((i) => i.city === somewhere.city)).toBe(true);
  });

  it('pages through the whole directory with the cursor, without repeats or gaps', async () => {
    const all = await searchAll('q=a');
    const everything = await searchAll('');
    expect(new Set(everything.map((i) => i.id)).size).toBe(everything.length);
    const count = await app.orm.em.fork().execute<{ n: string }[]>(`select count(*) as n from authority where status = 'active'`);
    expect(everything.length).toBe(Number(count[0].n));
    expect(new Set(all.map((i) => i.id)).size).toBe(all.length);
  });

  it('shows only active authorities', async () => {
    const { items: [victim] } = await search('country=SE&limit=1');
    const em = app.orm.em.fork();
    await em.execute(`update authority set status = 'suspended' where id = ?`, [victim.id]);
    try {
      const found = await searchAll(`q=${encodeURIComponent(victim.officialName)}`);
      expect(found.map((i) => i.id)).not.toContain(victim.id);
    } finally {
      await em.execute(`update authority set status = 'active' where id = ?`, [victim.id]);
    }
  });

  it('returns an authority with its contact data and competences per area, named in the requested language', async () => {
    const { items: [first] } = await search('q=sairaanhoitaja&country=FI&limit=1');
    const response = await app.request(`/api/v1/authorities/${first.id}?lang=de`, { token });
    expect(response.status).toBe(200);
    const detail = (await response.json()) as { officialName: string; areas: { area: string; professions: { code: string; name: string }[] }[]; email: string };
    expect(detail.officialName).toBe(first.officialName);
    const pq = detail.areas.find((a) => a.area === 'PQ');
    expect(pq?.professions.map((p) => p.code)).toContain('general-care-nurse');
    expect(detail.email).toMatch(/@fi\.imi\.test$/);
  });

  it('names the field of every bad input', async () => {
    for (const [path, field] of [
      ['/api/v1/authorities?country=germany', 'country'],
      ['/api/v1/authorities?limit=1000', 'limit'],
      ['/api/v1/authorities?profession=astronaut', 'profession'],
      ['/api/v1/authorities?keyword=nothing-like-it', 'keyword'],
      ['/api/v1/authorities?q=%21%21%21', 'q'],
      ['/api/v1/authorities?cursor=bm90IGEgY3Vyc29y', 'cursor'],
      // Cursors of the right shape but forged values: they must not reach the database.
      ['/api/v1/authorities?q=nurse&cursor=WzAuNSwiYSIsIm5vdC1hLXV1aWQiXQ', 'cursor'],
      ['/api/v1/authorities?cursor=WzAsImEiLCJub3QtYS11dWlkIl0', 'cursor'],
      ['/api/v1/authorities/not-a-uuid', 'id'],
    ]) {
      const response = await app.request(path, { token });
      expect(response.status, path).toBe(400);
      expect((await problem(response)).errors?.[0].path, path).toBe(field);
    }
    const missing = await app.request('/api/v1/authorities/00000000-0000-4000-8000-000000000000', { token });
    expect(missing.status).toBe(404);
    await problem(missing);
  });
});
