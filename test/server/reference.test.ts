import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problem, startTestApp, type TestApp } from './support.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  if (app) await app.close();
});

async function items<T>(path: string, init?: Parameters<TestApp['request']>[1]): Promise<T[]> {
  const response = await app.request(path, init);
  expect(response.status, path).toBe(200);
  return ((await response.json()) as { items: T[] }).items;
}

describe('reference data', () => {
  it('lists the 30 EEA states named in the requested language', async () => {
    const de = await items<{ code: string; name: string; euMember: boolean }>('/api/v1/countries?lang=de');
    expect(de).toHaveLength(30);
    expect(de.find((c) => c.code === 'DE')?.name).toBe('Deutschland');
    expect(de.filter((c) => !c.euMember).map((c) => c.code).sort()).toEqual(['IS', 'LI', 'NO']);
    const fr = await items<{ code: string; name: string }>('/api/v1/countries', { headers: { 'Accept-Language': 'fr-BE, en;q=0.5' } });
    expect(fr.find((c) => c.code === 'DE')?.name).toBe('Allemagne');
  });

  it('lists the 26 locales with their native names', async () => {
    const locales = await items<{ code: string; nativeName: string }>('/api/v1/locales');
    expect(locales).toHaveLength(26);
    expect(locales.find((l) => l.code === 'fi')?.nativeName).toBe('suomi');
  });

  it('names the legislative areas in every locale', async () => {
    const en = await items<{ code: string; name: string; legalBasis: string }>('/api/v1/legislative-areas?lang=en');
    const pq = en.find((a) => a.code === 'PQ')!;
    expect(en.map((a) => a.code)).toEqual(expect.arrayContaining(['PQ', 'SERVICES']));
    expect(pq.legalBasis).toBe('Directive 2005/36/EC');
    const pl = await items<{ code: string; name: string }>('/api/v1/legislative-areas?lang=pl');
    expect(pl.find((a) => a.code === 'PQ')!.name).not.toBe(pq.name);
  });

  it('finds a profession from its name in another language, and names it in mine', async () => {
    const found = await items<{ code: string; name: string; sectoral: boolean; match: { text: string; locale: string } }>(
      '/api/v1/professions?q=pielęgniarka&lang=en');
    expect(found[0]).toMatchObject({ code: 'general-care-nurse', sectoral: true, match: { locale: 'pl' } });
    expect(found[0].name.toLowerCase()).toContain('nurse');
  });

  it('pages through all professions with the cursor, without repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const response = await app.request(`/api/v1/professions?limit=25${cursor ? `&cursor=${cursor}` : ''}`);
      const page = (await response.json()) as { items: { code: string }[]; nextCursor: string | null };
      seen.push(...page.items.map((i) => i.code));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.length).toBeGreaterThanOrEqual(60);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('finds keywords and service activities across languages', async () => {
    const found = await items<{ code: string; kind: string }>('/api/v1/keywords?q=Handwerk&kind=service-activity');
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((k) => k.kind === 'service-activity')).toBe(true);
  });

  it('names the field of every bad query parameter', async () => {
    for (const [path, field] of [
      ['/api/v1/countries?lang=xx', 'lang'],
      ['/api/v1/professions?limit=0', 'limit'],
      ['/api/v1/professions?limit=abc', 'limit'],
      ['/api/v1/professions?cursor=garbage', 'cursor'],
      ['/api/v1/keywords?kind=other', 'kind'],
    ]) {
      const response = await app.request(path);
      expect(response.status, path).toBe(400);
      expect((await problem(response)).errors?.[0]).toMatchObject({ path: field, in: 'query' });
    }
  });
});
