import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problem, startTestApp, type TestApp } from './support.js';

interface Matrix {
  questionSetId: number; area: string; version: number; name: string; strings: number;
  locales: { locale: string; translated: number; missing: { key: string; english: string; maxLength: number }[] }[];
}
interface AdminArea {
  code: string; name: string; legalBasis: string; replyPeriodDays: number; blockingMonths: number; opensOn: string | null; version: number;
  questionSets: { id: number; version: number; questions: number; current: boolean }[];
}
interface ProfessionOpening { code: string; name: string; opensOn: string | null; version: number }

let app: TestApp;
let admin: string;
let adminWithoutSecondFactor: string;
let nimic: string;
let handler: string;

/**
 * A set with known gaps (8 texts): English everywhere; German for the area name, the set name, the first question and
 * one option; French for the group title and the first question; nothing else.
 */
const gappy = {
  area: 'TRANSLATION_GAPS', version: 1,
  name: { en: 'Gaps', de: 'Lücken' },
  groups: [{ code: 'general', title: { en: 'General', fr: 'Généralités' }, questions: [
    { code: 'TG-1', text: { en: 'Is the provider established?', de: 'Ist der Dienstleister niedergelassen?', fr: 'Le prestataire est-il établi ?' }, help: { en: 'Lawfully, in your state.' }, answerType: 'yes-no' },
    { code: 'TG-2', text: { en: 'Which register?' }, answerType: 'single-choice', options: [
      { code: 'trade', label: { en: 'Trade register', de: 'Handelsregister' } },
      { code: 'other', label: { en: 'Another register' } },
    ] },
  ] }],
  areaDefinition: { legalBasis: 'Test basis 1/2026', names: { en: 'Translation gaps', de: 'Übersetzungslücken' }, legalBasisTitle: { en: 'A test basis' }, replyPeriodDays: 20, blockingMonths: 6 },
};
let gappyId: number;

async function json<T>(path: string, init?: Parameters<TestApp['request']>[1]): Promise<T> {
  const response = await app.request(path, init);
  expect(response.status, `${path}: ${response.status}`).toBeLessThan(300);
  return (await response.json()) as T;
}
const matrixOf = () => json<Matrix>('/api/v1/admin/translations?area=TRANSLATION_GAPS', { token: admin });
const locale = (m: Matrix, code: string) => m.locales.find((l) => l.locale === code)!;
const put = (body: unknown, token = admin) => app.request('/api/v1/admin/translations', { method: 'PUT', token, body });

beforeAll(async () => {
  app = await startTestApp();
  admin = await app.session('admin@imi.test', { mfa: true });
  adminWithoutSecondFactor = await app.session('admin@imi.test', { mfa: false });
  nimic = await app.login('nimic.cz@imi.test');
  handler = await app.login('handler.cz@imi.test');
  const imported = await app.request('/api/v1/admin/question-sets', { method: 'POST', token: admin, body: gappy });
  expect(imported.status).toBe(201);
  gappyId = ((await imported.json()) as { id: number }).id;
});
afterAll(async () => {
  if (app) await app.close();
});

describe('translation completeness', () => {
  it('counts the texts of a set translated into each of the 26 locales and lists the missing ones with their English', async () => {
    const m = await matrixOf();
    expect(m).toMatchObject({ questionSetId: gappyId, area: 'TRANSLATION_GAPS', version: 1, name: 'Gaps', strings: 8 });
    expect(m.locales).toHaveLength(26);
    expect(locale(m, 'en')).toMatchObject({ translated: 8, missing: [] });
    expect(locale(m, 'de').translated).toBe(4);
    expect(locale(m, 'de').missing).toEqual([
      { key: 'groups.general.title', english: 'General', maxLength: 300 },
      { key: 'questions.TG-1.help', english: 'Lawfully, in your state.', maxLength: 2000 },
      { key: 'questions.TG-2.text', english: 'Which register?', maxLength: 2000 },
      { key: 'questions.TG-2.options.other.label', english: 'Another register', maxLength: 500 },
    ]);
    expect(locale(m, 'fr').translated).toBe(2);
    expect(locale(m, 'fr').missing.map((x) => x.key)).toContain('area.name');
    expect(locale(m, 'fi')).toMatchObject({ translated: 0 });
    expect(locale(m, 'fi').missing).toHaveLength(8);
  });

  it('reads the newest version by default, a given version on request, and 404 for one that does not exist', async () => {
    expect((await json<Matrix>('/api/v1/admin/translations?area=TRANSLATION_GAPS&version=1', { token: admin })).questionSetId).toBe(gappyId);
    // Version 1 is the seeded one; other test files may import later versions.
    const seeded = await json<Matrix>('/api/v1/admin/translations?area=PQ&version=1', { token: admin });
    expect(seeded.locales.every((l) => l.missing.length === 0 && l.translated === seeded.strings)).toBe(true);
    expect((await app.request('/api/v1/admin/translations?area=TRANSLATION_GAPS&version=9', { token: admin })).status).toBe(404);
    expect((await app.request('/api/v1/admin/translations?area=NO_SUCH_AREA', { token: admin })).status).toBe(404);
    const bad = await app.request('/api/v1/admin/translations?area=pq', { token: admin });
    expect(bad.status).toBe(400);
    expect((await problem(bad)).errors?.map((e) => e.path)).toEqual(['area']);
  });

  it('is for Commission administrators with a second factor only', async () => {
    for (const token of [nimic, handler, adminWithoutSecondFactor]) {
      expect((await app.request('/api/v1/admin/translations?area=PQ', { token })).status).toBe(403);
    }
    expect((await app.request('/api/v1/admin/translations?area=PQ')).status).toBe(401);
  });
});

describe('filling missing translations', () => {
  it('refuses other users, and changes nothing', async () => {
    const body = { questionSetId: gappyId, locale: 'de', entries: [{ key: 'questions.TG-2.text', text: 'Welches Register?' }] };
    for (const token of [nimic, handler, adminWithoutSecondFactor]) expect((await put(body, token)).status).toBe(403);
    expect((await app.request('/api/v1/admin/translations', { method: 'PUT', body })).status).toBe(401);
    expect(locale(await matrixOf(), 'de').translated).toBe(4);
  });

  it('refuses wrong entries naming each, and writes none of the entries of a refused call', async () => {
    const before = await matrixOf();
    const cases: [unknown, string[]][] = [
      [{ questionSetId: gappyId, locale: 'de', entries: [{ key: 'questions.TG-2.text', text: 'Welches Register?' }, { key: 'questions.NOPE.text', text: 'X' }] }, ['entries.1.key']],
      [{ questionSetId: gappyId, locale: 'de', entries: [{ key: 'name', text: 'Andere Lücken' }] }, ['entries.0.key']],
      [{ questionSetId: gappyId, locale: 'de', entries: [{ key: 'questions.TG-2.text', text: 'A' }, { key: 'questions.TG-2.text', text: 'B' }] }, ['entries.1.key']],
      [{ questionSetId: gappyId, locale: 'de', entries: [{ key: 'questions.TG-2.options.other.label', text: 'x'.repeat(501) }] }, ['entries.0.text']],
      [{ questionSetId: gappyId, locale: 'de', entries: [{ key: 'questions.TG-2.text', text: '   ' }] }, ['entries.0.text']],
      [{ questionSetId: gappyId, locale: 'xx', entries: [{ key: 'questions.TG-2.text', text: 'Welches Register?' }] }, ['locale']],
      [{ questionSetId: gappyId, locale: 'de', entries: [] }, ['entries']],
      [{ questionSetId: 999_999, locale: 'de', entries: [{ key: 'name', text: 'X' }] }, ['questionSetId']],
      [{ locale: 'de', entries: [{ key: 'name', text: 'X' }] }, ['questionSetId']],
    ];
    for (const [body, paths] of cases) {
      const response = await put(body);
      expect(response.status, JSON.stringify(body).slice(0, 120)).toBe(400);
      expect((await problem(response)).errors?.map((e) => e.path)).toEqual(paths);
    }
    expect(await matrixOf()).toEqual(before);
  });

  it('fills missing texts in place, so the set and its area then read translated in that locale', async () => {
    const response = await put({
      questionSetId: gappyId, locale: 'de',
      entries: [{ key: 'questions.TG-2.text', text: ' Welches Register? ' }, { key: 'groups.general.title', text: 'Allgemeines' }],
    });
    expect(response.status).toBe(200);
    const m = (await response.json()) as Matrix;
    expect(locale(m, 'de').translated).toBe(6);
    expect(locale(m, 'de').missing.map((x) => x.key)).toEqual(['questions.TG-1.help', 'questions.TG-2.options.other.label']);
    expect(await matrixOf()).toEqual(m);

    const de = await json<{ groups: { title: string; questions: { code: string; text: string; textLang: string }[] }[] }>(`/api/v1/question-sets/${gappyId}?lang=de`);
    expect(de.groups[0].title).toBe('Allgemeines');
    expect(de.groups[0].questions.find((q) => q.code === 'TG-2')).toMatchObject({ text: 'Welches Register?', textLang: 'de' });
    const fi = await json<{ groups: { title: string }[] }>(`/api/v1/question-sets/${gappyId}?lang=fi`);
    expect(fi.groups[0].title).toBe('General');

    expect((await put({ questionSetId: gappyId, locale: 'fr', entries: [{ key: 'area.name', text: 'Lacunes de traduction' }] })).status).toBe(200);
    const areas = await json<{ items: { code: string; name: string }[] }>('/api/v1/legislative-areas?lang=fr');
    expect(areas.items.find((a) => a.code === 'TRANSLATION_GAPS')?.name).toBe('Lacunes de traduction');
    const exported = await json<{ groups: { title: Record<string, string> }[] }>(`/api/v1/question-sets/${gappyId}/export`);
    expect(exported.groups[0].title).toEqual({ en: 'General', fr: 'Généralités', de: 'Allgemeines' });
  });
});

describe('checking an import without importing', () => {
  const file = { ...gappy, area: 'CHECKED_ONLY', areaDefinition: { ...gappy.areaDefinition } };

  it('says what the import would add, and adds nothing', async () => {
    const response = await app.request('/api/v1/admin/question-sets/check', { method: 'POST', token: admin, body: file });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ area: 'CHECKED_ONLY', version: 1, name: 'Gaps', newArea: true, latestVersion: null, questions: 2 });
    const areas = await json<{ items: { code: string }[] }>('/api/v1/legislative-areas');
    expect(areas.items.map((a) => a.code)).not.toContain('CHECKED_ONLY');
    const next = await json<{ newArea: boolean; latestVersion: number }>('/api/v1/admin/question-sets/check', { method: 'POST', token: admin, body: { ...gappy, version: 2 } });
    expect(next).toMatchObject({ newArea: false, latestVersion: 1 });
  });

  it('gives the import\'s errors: each wrong field, a version that exists, a new area without its definition', async () => {
    const bad = { ...file, groups: [gappy.groups[0], { ...gappy.groups[0], questions: [{ ...gappy.groups[0].questions[0], code: 'TG-9', text: { de: 'Nur Deutsch' } }] }] };
    const response = await app.request('/api/v1/admin/question-sets/check', { method: 'POST', token: admin, body: bad });
    expect(response.status).toBe(400);
    expect((await problem(response)).errors?.map((e) => e.path).sort()).toEqual(['groups.1.code', 'groups.1.questions.0.text.en']);
    expect((await app.request('/api/v1/admin/question-sets/check', { method: 'POST', token: admin, body: gappy })).status).toBe(409);
    const undefinedArea = await app.request('/api/v1/admin/question-sets/check', { method: 'POST', token: admin, body: { ...file, areaDefinition: undefined } });
    expect((await problem(undefinedArea)).errors?.map((e) => e.path)).toEqual(['areaDefinition']);
    expect((await app.request('/api/v1/admin/question-sets/check', { method: 'POST', token: nimic, body: file })).status).toBe(403);
  });
});

describe('legislative areas and staged opening', () => {
  const createDraft = async (extra: Record<string, unknown> = {}) => {
    const [set] = await app.orm.em.fork().execute<{ id: number }[]>(`select id from question_set where area_code = 'PQ' and version = 1`);
    return app.request('/api/v1/requests', {
      method: 'POST', token: handler,
      body: { area: 'PQ', questionSetId: set.id, questions: ['PQ-001-profession-title'], subject: { firstName: 'Opening', lastName: 'Test' }, ...extra },
    });
  };
  const areaList = () => json<{ items: AdminArea[] }>('/api/v1/admin/legislative-areas', { token: admin });
  const future = `${new Date().getUTCFullYear() + 2}-01-01`;

  it('lists the areas with their periods, opening date and question-set versions, for administrators only', async () => {
    const { items } = await areaList();
    expect(items.find((a) => a.code === 'PQ')).toMatchObject({ legalBasis: 'Directive 2005/36/EC', replyPeriodDays: 14, blockingMonths: 6, opensOn: null });
    expect(items.find((a) => a.code === 'TRANSLATION_GAPS')).toMatchObject({ name: 'Translation gaps', questionSets: [{ id: gappyId, version: 1, questions: 2, current: true }] });
    for (const token of [nimic, handler, adminWithoutSecondFactor]) expect((await app.request('/api/v1/admin/legislative-areas', { token })).status).toBe(403);
  });

  it('refuses new requests in an area before its opening date, and takes them again once it is cleared', async () => {
    const pq = (await areaList()).items.find((a) => a.code === 'PQ')!;
    const refused = await app.request('/api/v1/admin/legislative-areas/PQ', { method: 'PATCH', token: nimic, body: { opensOn: future, version: pq.version } });
    expect(refused.status).toBe(403);
    const bad = await app.request('/api/v1/admin/legislative-areas/PQ', { method: 'PATCH', token: admin, body: { opensOn: '2027-02-30', version: pq.version } });
    expect((await problem(bad)).errors?.map((e) => e.path)).toEqual(['opensOn']);
    expect((await app.request('/api/v1/admin/legislative-areas/NOPE', { method: 'PATCH', token: admin, body: { opensOn: null, version: 1 } })).status).toBe(404);

    const set = await app.request('/api/v1/admin/legislative-areas/PQ', { method: 'PATCH', token: admin, body: { opensOn: future, version: pq.version } });
    expect(set.status).toBe(200);
    const closed = (await set.json()) as AdminArea;
    try {
      expect(closed).toMatchObject({ code: 'PQ', opensOn: future, version: pq.version + 1 });
      const stale = await app.request('/api/v1/admin/legislative-areas/PQ', { method: 'PATCH', token: admin, body: { opensOn: null, version: pq.version } });
      expect(stale.status).toBe(409);
      const draft = await createDraft();
      expect(draft.status).toBe(400);
      expect((await problem(draft)).errors).toEqual([{ path: 'area', in: 'body', message: `PQ opens for exchanges on ${future}` }]);
    } finally {
      const cleared = await app.request('/api/v1/admin/legislative-areas/PQ', { method: 'PATCH', token: admin, body: { opensOn: null, version: closed.version } });
      expect(cleared.status).toBe(200);
    }
    expect((await createDraft()).status).toBe(201);
  });

  it('refuses requests naming a profession before its opening date', async () => {
    const { items } = await json<{ items: ProfessionOpening[] }>('/api/v1/admin/professions/opening-dates?lang=de', { token: admin });
    const nurse = items.find((p) => p.code === 'general-care-nurse')!;
    expect(nurse).toMatchObject({ opensOn: null });
    expect(nurse.name).not.toBe('General care nurse');
    expect((await app.request('/api/v1/admin/professions/opening-dates', { token: handler })).status).toBe(403);
    expect((await app.request('/api/v1/admin/professions/general-care-nurse/opening', { method: 'PATCH', token: handler, body: { opensOn: future, version: nurse.version } })).status).toBe(403);

    const set = await app.request('/api/v1/admin/professions/general-care-nurse/opening', { method: 'PATCH', token: admin, body: { opensOn: future, version: nurse.version } });
    expect(set.status).toBe(200);
    const closed = (await set.json()) as ProfessionOpening;
    try {
      expect(closed).toMatchObject({ code: 'general-care-nurse', opensOn: future });
      const draft = await createDraft({ profession: 'general-care-nurse' });
      expect(draft.status).toBe(400);
      expect((await problem(draft)).errors).toEqual([{ path: 'profession', in: 'body', message: `general-care-nurse opens for exchanges on ${future}` }]);
    } finally {
      await app.request('/api/v1/admin/professions/general-care-nurse/opening', { method: 'PATCH', token: admin, body: { opensOn: null, version: closed.version } });
    }
    expect((await createDraft({ profession: 'general-care-nurse' })).status).toBe(201);
  });
});
