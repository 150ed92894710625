import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedReference } from '../../server/db/seeders/reference.js';
import { parseCsv } from '../../server/http/csv.js';
import type { ImportReport } from '../../server/modules/admin/professions.js';
import { problem, startTestApp, type TestApp } from './support.js';

let app: TestApp;
let admin: string;
beforeAll(async () => {
  app = await startTestApp();
  admin = await app.session('admin@imi.test', { mfa: true });
});
afterAll(async () => {
  if (app) await app.close();
});

const csv = { 'Content-Type': 'text/csv; charset=utf-8' };

function importCsv(body: string | Uint8Array, dryRun: boolean | string, token = admin, headers: Record<string, string> = csv) {
  return app.request(`/api/v1/admin/professions/import?dryRun=${dryRun}`, { method: 'POST', token, body, headers });
}

async function report(body: string, dryRun: boolean): Promise<ImportReport> {
  const response = await importCsv(body, dryRun);
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as ImportReport;
}

interface ProfessionItem { code: string; name: string; sector: { code: string }; sectoral: boolean; nationalTitles: number; match: { text: string; locale: string } | null }

async function professions(q: string, lang = 'en'): Promise<ProfessionItem[]> {
  const response = await app.request(`/api/v1/professions?q=${encodeURIComponent(q)}&lang=${lang}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: ProfessionItem[] }).items;
}

/** Everything an import may touch, to prove that a refused or dry run touched nothing. */
async function snapshot(): Promise<string> {
  const em = app.orm.em.fork();
  const [counts] = await em.execute<{ p: string; n: string; t: string; v: string }[]>(
    `select (select count(*) from profession) as p, (select count(*) from national_profession) as n,
            (select count(*) from search_term) as t, (select sum(version) from profession) as v`);
  return JSON.stringify(counts);
}

describe('CSV reading', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, a BOM, CRLF and semicolons', () => {
    const parsed = parseCsv('\uFEFFcode,name\r\n"a,b","say ""hi"""\r\nc,"two\r\nlines"\r\n\r\n,\r\nd,e');
    expect(parsed.errors).toEqual([]);
    expect(parsed.records).toEqual([
      { line: 1, fields: ['code', 'name'] },
      { line: 2, fields: ['a,b', 'say "hi"'] },
      { line: 3, fields: ['c', 'two\r\nlines'] },
      { line: 7, fields: ['d', 'e'] },
    ]);
    expect(parseCsv('code;name\nx;"a;b"\n').records[1].fields).toEqual(['x', 'a;b']);
    expect(parseCsv('code,name\nx,"a;b"\n').delimiter).toBe(',');
  });

  it('reports a quote that is never closed, a stray quote and text after a closing quote, with their line', () => {
    expect(parseCsv('code,name\nx,"open\ny,z').errors).toEqual([{ line: 2, field: 2, message: expect.stringContaining('never closed') }]);
    const parsed = parseCsv('code,name\nx,a"b\ny,"a"b\nz,fine');
    expect(parsed.errors.map((e) => [e.line, e.field])).toEqual([[2, 2], [3, 2]]);
    expect(parsed.records.map((r) => r.fields[0])).toEqual(['code', 'z']);
  });
});

describe('POST /admin/professions/import', () => {
  const newProfession = [
    'code,sector,sectoral,locale,name',
    'wind-turbine-technician,technical,false,en,Wind turbine technician',
    'wind-turbine-technician,,,de,"Windenergieanlagen-Servicetechnikerin, Windenergieanlagen-Servicetechniker"',
    'wind-turbine-technician,,,fr,Technicienne de maintenance d’éoliennes',
  ].join('\r\n');

  it('checks a file in a dry run and reports what it would do, writing nothing', async () => {
    const before = await snapshot();
    const result = await report(newProfession, true);
    expect(result).toMatchObject({ dryRun: true, applied: false, rows: 3, created: 1, updated: 0, unchanged: 0, errors: [], errorCount: 0 });
    expect(result.changes).toEqual([{ code: 'wind-turbine-technician', change: 'created', fields: ['sector', 'sectoral', 'names.en', 'names.de', 'names.fr'] }]);
    expect(await snapshot()).toBe(before);
    expect(await professions('Windenergieanlagen')).toEqual([]);
  });

  it('reports every bad row with its line and column, and writes nothing even when asked to import', async () => {
    const before = await snapshot();
    const file = [
      'code,sector,sectoral,locale,name,country,national_title',
      'harbour-pilot,transport,false,en,Harbour pilot,,',
      'harbour-pilot,mining,,,,,',
      'Harbour Pilot,,maybe,xx,Lotse,,',
      'harbour-pilot,,,,,ZZ,Hafenlotse',
      'harbour-pilot,,,de,,,',
      'too,few',
      'harbour-pilot,,,,,,',
    ].join('\n');
    const result = await report(file, false);
    expect(result.applied).toBe(false);
    expect(result.errors.map((e) => [e.line, e.column])).toEqual([
      [3, 'sector'],
      [4, 'code'], [4, 'sectoral'], [4, 'locale'],
      [5, 'country'],
      [6, 'name'],
      [7, null],
      [8, null],
    ]);
    expect(result.errors[0].message).toContain('health');
    expect(result.errorCount).toBe(8);
    expect(await snapshot()).toBe(before);
    expect(await professions('Harbour pilot')).toEqual([]);
  });

  it('names a header that is not the format, and a new profession without its sector or English name', async () => {
    const header = await report('code,titel\nx,y', true);
    expect(header.errors).toEqual([{ line: 1, column: 'titel', message: expect.stringContaining('national_title') }]);
    const noCode = await report('locale,name\nen,Pilot', true);
    expect(noCode.errors).toEqual([{ line: 1, column: 'code', message: expect.any(String) }]);
    const incomplete = await report('code,locale,name\nharbour-pilot,de,Lotse', true);
    expect(incomplete.errors.map((e) => [e.line, e.column])).toEqual([[2, 'sector'], [2, 'name']]);
  });

  it('imports in one go: the new profession is found by its names in every language and by its national title', async () => {
    const file = [
      'code,sector,sectoral,locale,name,country,national_title,lang',
      'wind-turbine-technician,technical,false,en,Wind turbine technician,,,',
      'wind-turbine-technician,,,de,"Windenergieanlagen-Servicetechnikerin, Windenergieanlagen-Servicetechniker",,,',
      'wind-turbine-technician,,,fr,Technicienne de maintenance d’éoliennes,,,',
      'wind-turbine-technician,,,,,AT,Windkraftanlagentechnikerin / Windkraftanlagentechniker,',
      'wind-turbine-technician,,,,,BE,Technicien éolien,fr',
    ].join('\r\n');
    const result = await report(file, false);
    expect(result).toMatchObject({ dryRun: false, applied: true, rows: 5, created: 1, updated: 0, errors: [] });

    const [found] = await professions('Windenergieanlagen', 'en');
    expect(found).toMatchObject({ code: 'wind-turbine-technician', name: 'Wind turbine technician', sector: { code: 'technical' }, sectoral: false, nationalTitles: 2 });
    expect(found.match).toMatchObject({ locale: 'de' });
    expect((await professions('eoliennes', 'fr'))[0]).toMatchObject({ code: 'wind-turbine-technician', name: 'Technicienne de maintenance d’éoliennes' });
    expect((await professions('Windkraftanlagentechnikerin'))[0]).toMatchObject({ code: 'wind-turbine-technician', match: { locale: 'de' } });

    const [term] = await app.orm.em.fork().execute<{ n: string }[]>(
      `select count(*) as n from search_term t join profession p on t.ref_kind = 'profession' and t.ref_id = p.id
        where p.code = 'wind-turbine-technician' and t.norm = 'technicien eolien' and t.source = 'national-title' and t.locale = 'fr'`);
    expect(Number(term.n)).toBe(1);

    const again = await report(file, false);
    expect(again).toMatchObject({ applied: true, created: 0, updated: 0, unchanged: 1, changes: [] });

    const audit = await app.request('/api/v1/admin/audit?action=profession.import&record=wind-turbine-technician', { token: admin });
    const entries = ((await audit.json()) as { items: { actor: { email: string }; fields: string[] }[] }).items;
    expect(entries).toHaveLength(1);
    expect(entries[0].actor.email).toBe('admin@imi.test');
    expect(entries[0].fields).toContain('nationalTitles.AT');
  });

  it('updates an existing profession: its national titles for a state are replaced, and the directory finds authorities by the new title', async () => {
    const file = 'code,country,national_title,lang\n'
      + 'general-care-nurse,IS,Hjúkrunarfræðingur,is\n'
      + 'general-care-nurse,IS,Almennur hjúkrunarsérfræðingur,is\n';
    const dry = await report(file, true);
    expect(dry).toMatchObject({ created: 0, updated: 1, changes: [{ code: 'general-care-nurse', change: 'updated', fields: ['nationalTitles.IS'] }] });
    expect((await report(file, false)).applied).toBe(true);

    const handler = await app.login('handler.cz@imi.test');
    const response = await app.request(`/api/v1/authorities?q=${encodeURIComponent('hjúkrunarsérfræðingur')}&limit=100`, { token: handler });
    const { items } = (await response.json()) as { items: { country: string; match: { text: string; competence?: { code: string } } | null }[] };
    expect(items.length).toBeGreaterThanOrEqual(30);
    expect(items[0].match).toMatchObject({ text: 'Almennur hjúkrunarsérfræðingur', competence: { code: 'general-care-nurse' } });
    expect(items.some((i) => i.country === 'CZ')).toBe(true);
    expect((await professions('Hjúkrunarfræðingur'))[0].code).toBe('general-care-nurse');
  });

  it('keeps what was imported when the reference seed is applied again (a new release with changed seed data)', async () => {
    const em = app.orm.em.fork();
    // A state and a seeded profession that the seed gives no national title for.
    const [pair] = await em.execute<{ profession: string; country: string }[]>(
      `select p.code as profession, c.code as country from profession p cross join country c
        where p.code <> 'wind-turbine-technician' and not exists (select 1 from national_profession n where n.profession_id = p.id and n.country_code = c.code)
        order by p.code, c.code limit 1`);
    expect(pair).toBeTruthy();
    await report(`code,country,national_title,lang\n${pair.profession},${pair.country},Baumeisterin der Zukunft,de\n`, false);
    expect((await professions('Baumeisterin der Zukunft'))[0]?.code).toBe(pair.profession);

    await em.execute(`delete from seed_run where name = 'reference'`);
    expect(await seedReference(app.orm.em)).toBe(true);

    expect((await professions('Baumeisterin der Zukunft'))[0]?.code, 'the imported title of a seeded profession').toBe(pair.profession);
    expect((await professions('Windkraftanlagentechnikerin'))[0]?.code, 'the imported profession').toBe('wind-turbine-technician');
    expect((await professions('Krankenschwester'))[0]?.code, 'the seeded terms').toBe('general-care-nurse');
  });

  it('is for Commission administrators with their second factor only', async () => {
    const before = await snapshot();
    expect((await app.request('/api/v1/admin/professions/import?dryRun=false', { method: 'POST', body: newProfession, headers: csv })).status).toBe(401);
    for (const token of [await app.login('nimic.de@imi.test'), await app.login('lda.cz@imi.test'), await app.session('admin@imi.test', { mfa: false })]) {
      const response = await importCsv('code,sector,locale,name\nrefused-profession,health,en,Refused', false, token);
      expect(response.status).toBe(403);
      await problem(response);
    }
    expect(await snapshot()).toBe(before);
  });

  it('refuses a bad dryRun, a body that is not CSV, empty, not UTF-8 or too large, naming what is wrong', async () => {
    const before = await snapshot();
    const bad = await importCsv(newProfession, 'maybe');
    expect(bad.status).toBe(400);
    expect((await problem(bad)).errors?.[0].path).toBe('dryRun');
    const json = await importCsv('{"code":"x"}', false, admin, { 'Content-Type': 'application/json' });
    expect(json.status).toBe(415);
    await problem(json);
    for (const body of ['', ' \r\n', new Uint8Array([0x63, 0x6f, 0x64, 0x65, 0x0a, 0xff, 0xfe])]) {
      const response = await importCsv(body, false);
      expect(response.status).toBe(400);
      expect((await problem(response)).errors?.[0].path).toBe('body');
    }
    const large = await importCsv(`code,locale,name\n${'x,en,y\n'.repeat(800_000)}`, true);
    expect(large.status).toBe(413);
    expect(await snapshot()).toBe(before);
  });
});
