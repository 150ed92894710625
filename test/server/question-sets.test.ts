import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadQuestionSets } from '../../server/db/seeders/question-sets.js';
import { localeCodes } from '../../server/modules/reference/locales.js';
import { problem, startTestApp, type TestApp } from './support.js';

interface Summary { id: number; area: string; version: number; name: string; questions: number; current: boolean; translated: Record<string, number> }
interface View {
  id: number; area: string; version: number; name: string; lists: { code: string; name: string }[];
  groups: { code: string; title: string; questions: { code: string; text: string; answerType: string; options: { code: string; label: string }[]; personal: boolean; lists: string[] }[] }[];
}

let app: TestApp;
let admin: string;
beforeAll(async () => {
  app = await startTestApp();
  admin = await app.session('admin@imi.test', { mfa: true });
});
afterAll(async () => {
  if (app) await app.close();
});

async function json<T>(path: string, init?: Parameters<TestApp['request']>[1]): Promise<T> {
  const response = await app.request(path, init);
  expect(response.status, path).toBeLessThan(300);
  return (await response.json()) as T;
}

describe('seeded question sets', () => {
  const sets = loadQuestionSets();
  const pq = sets.find((s) => s.area === 'PQ')!;
  const services = sets.find((s) => s.area === 'SERVICES')!;
  const questionsOf = (set: typeof pq) => set.groups.flatMap((g) => g.questions);

  it('follow the structure of the Directives, with enough questions', () => {
    expect(pq.lists.map((l) => l.code)).toEqual(['general', 'establishment', 'temporary']);
    expect(pq.groups.map((g) => g.code)).toEqual(['profession', 'professional', 'qualification', 'experience', 'exercise', 'attachments']);
    expect(questionsOf(pq).length).toBeGreaterThanOrEqual(30);
    expect(questionsOf(services).length).toBeGreaterThanOrEqual(15);
    for (const set of [pq, services]) {
      const types = new Set(questionsOf(set).map((q) => q.answerType));
      expect([...types].sort(), set.area).toEqual(expect.arrayContaining(['attachment', 'date', 'single-choice', 'text', 'yes-no']));
      expect(questionsOf(set).some((q) => q.personal), set.area).toBe(true);
      expect(questionsOf(set).every((q) => q.legalBasis), set.area).toBe(true);
    }
  });

  it('are translated into all 26 locales, every question, group, list and option', () => {
    const missing: string[] = [];
    for (const set of sets) {
      const check = (where: string, texts: Record<string, string> | undefined) => {
        if (!texts) return;
        for (const l of localeCodes) if (!texts[l]?.trim()) missing.push(`${set.area} ${where} ${l}`);
      };
      check('name', set.name);
      set.lists.forEach((l) => check(`list ${l.code}`, l.name));
      for (const g of set.groups) {
        check(`group ${g.code}`, g.title);
        for (const q of g.questions) {
          check(`${q.code} text`, q.text);
          check(`${q.code} help`, q.help);
          q.options.forEach((o) => check(`${q.code} option ${o.code}`, o.label));
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('are served in the requested language, with choice answers as codes', async () => {
    const { items } = await json<{ items: Summary[] }>('/api/v1/question-sets?area=PQ&lang=fi');
    expect(items[0]).toMatchObject({ area: 'PQ', current: true });
    expect(Object.values(items[0].translated).every((share) => share === 1)).toBe(true);
    const fi = await json<View>(`/api/v1/question-sets/${items[0].id}?lang=fi`);
    const fr = await json<View>(`/api/v1/question-sets/${items[0].id}?lang=fr`);
    const choiceFi = fi.groups.flatMap((g) => g.questions).find((q) => q.answerType === 'single-choice')!;
    const choiceFr = fr.groups.flatMap((g) => g.questions).find((q) => q.code === choiceFi.code)!;
    expect(choiceFi.options.map((o) => o.code)).toEqual(choiceFr.options.map((o) => o.code));
    expect(choiceFi.options[0].label).not.toBe(choiceFr.options[0].label);
    expect(fi.groups[0].questions[0].text).not.toBe(fr.groups[0].questions[0].text);
  });
});

describe('importing question sets', () => {
  // An area of this test's own: a new current version of PQ would change the questions every other test file asks.
  const revised = 'QS_REVISION';
  const minimal = {
    area: revised, version: 2, name: { en: 'Professional qualifications (revised)', de: 'Berufsqualifikationen (überarbeitet)' },
    lists: [{ code: 'general', name: { en: 'General' } }],
    groups: [{ code: 'profession', title: { en: 'Profession' }, questions: [
      { code: 'PQ2-001', text: { en: 'Is the professional legally established?' }, answerType: 'yes-no-unknown', required: true, lists: ['general'] },
      { code: 'PQ2-002', text: { en: 'Which kind of document?' }, answerType: 'single-choice', options: [{ code: 'diploma', label: { en: 'Diploma' } }, { code: 'certificate', label: { en: 'Certificate' } }], lists: ['general'] },
    ] }],
  };

  it('adds the next version, which becomes current, and exports what it imported', async () => {
    const first = {
      ...minimal, version: 1,
      areaDefinition: { legalBasis: 'Test basis 2/2026', names: { en: 'Question-set revisions' }, legalBasisTitle: { en: 'A test basis' }, replyPeriodDays: 20, blockingMonths: 6 },
    };
    expect((await app.request('/api/v1/admin/question-sets', { method: 'POST', token: admin, body: first })).status).toBe(201);
    const imported = await app.request('/api/v1/admin/question-sets', { method: 'POST', token: admin, body: minimal });
    expect(imported.status).toBe(201);
    const summary = (await imported.json()) as Summary;
    expect(summary).toMatchObject({ area: revised, version: 2, questions: 2, current: true });
    expect(summary.translated.de).toBeGreaterThan(0);
    expect(summary.translated.de).toBeLessThan(1);
    const { items } = await json<{ items: Summary[] }>(`/api/v1/question-sets?area=${revised}`);
    expect(items.map((i) => [i.version, i.current])).toEqual([[2, true], [1, false]]);
    const exported = await json<Record<string, unknown>>(`/api/v1/question-sets/${summary.id}/export`);
    expect(exported).toMatchObject({ area: revised, version: 2, name: minimal.name });
    const again = await app.request('/api/v1/admin/question-sets', { method: 'POST', token: admin, body: minimal });
    expect(again.status).toBe(409);
  });

  it('creates a new legislative area from its first question set, without code', async () => {
    const names = Object.fromEntries(localeCodes.map((l) => [l, `Posting of workers (${l})`]));
    const file = {
      ...minimal, area: 'POSTING', version: 1,
      areaDefinition: { legalBasis: 'Directive 2014/67/EU', names, legalBasisTitle: { en: 'Enforcement Directive 2014/67/EU' }, replyPeriodDays: 25, blockingMonths: 6 },
    };
    expect((await app.request('/api/v1/admin/question-sets', { method: 'POST', token: admin, body: { ...file, areaDefinition: undefined } })).status).toBe(400);
    expect((await app.request('/api/v1/admin/question-sets', { method: 'POST', token: admin, body: file })).status).toBe(201);
    const areas = await json<{ items: { code: string; replyPeriodDays: number }[] }>('/api/v1/legislative-areas');
    expect(areas.items.find((a) => a.code === 'POSTING')).toMatchObject({ replyPeriodDays: 25 });
  });

  it('names every wrong field of a bad file, and changes nothing', async () => {
    const bad = {
      ...minimal, version: 3, name: { de: 'Nur Deutsch' },
      groups: [{ code: 'g', title: { en: 'G' }, questions: [
        { code: 'Q1', text: { en: 'Pick one' }, answerType: 'single-choice', options: [{ code: 'only', label: { en: 'Only' } }], lists: ['nowhere'] },
        { code: 'Q1', text: { en: 'Twice' }, answerType: 'date', options: [{ code: 'x', label: { en: 'X' } }] },
      ] }],
    };
    const response = await app.request('/api/v1/admin/question-sets', { method: 'POST', token: admin, body: bad });
    expect(response.status).toBe(400);
    expect((await problem(response)).errors?.map((e) => e.path).sort()).toEqual([
      'groups.0.questions.0.lists.0', 'groups.0.questions.0.options', 'groups.0.questions.1.code', 'groups.0.questions.1.options', 'name.en',
    ]);
    const { items } = await json<{ items: Summary[] }>(`/api/v1/question-sets?area=${revised}`);
    expect(items.map((i) => i.version)).not.toContain(3);
  });

  it('is for Commission administrators signed in with their second factor', async () => {
    const nimic = await app.login('nimic.pt@imi.test');
    expect((await app.request('/api/v1/admin/question-sets', { method: 'POST', token: nimic, body: { ...minimal, version: 9 } })).status).toBe(403);
  });
});
