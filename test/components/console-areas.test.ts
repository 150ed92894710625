import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../console/pages/areas.js';
import type { ImiConsoleAreas } from '../../console/pages/areas.js';
import { indexJson, lineOfPath, lineRange } from '../../console/json-lines.js';
import { diffQuestionSets } from '../../console/question-set-diff.js';
import type { Me } from '../../server/modules/identity/schemas.js';
import type { TranslationMatrix } from '../../server/modules/admin/translations.js';
import { configureImi } from '../../components/core/context.js';
import { installFetchStub, type FetchStub } from '../fixtures/directory-api.js';

const admin: Me = {
  user: { id: '00000000-0000-4000-8000-000000000b01', email: 'admin@imi.test', name: 'Anna Admin', locale: 'en', commissionAdmin: true, dataProtectionAdmin: false, totpEnabled: true, mfa: true },
  authority: null, roles: [], coordinator: null,
} as Me;

const set = (id: number, version: number, current: boolean) => ({ id, version, questions: 3, importedAt: '2026-11-01T10:00:00.000Z', current });
const areas = [
  { code: 'PQ', name: 'Professional qualifications', legalBasis: 'Directive 2005/36/EC', legalBasisTitle: 'Directive 2005/36/EC', replyPeriodDays: 14, blockingMonths: 6, opensOn: null, version: 3, questionSets: [set(12, 2, true), set(11, 1, false)] },
  { code: 'SERVICES', name: 'Services', legalBasis: 'Directive 2006/123/EC', legalBasisTitle: 'Directive 2006/123/EC', replyPeriodDays: 14, blockingMonths: 6, opensOn: '2099-03-01', version: 1, questionSets: [set(21, 1, true)] },
];
const professions = [
  { code: 'doctor-of-medicine', name: 'Doctor of medicine', sectoral: true, opensOn: null, version: 1 },
  { code: 'general-care-nurse', name: 'General care nurse', sectoral: true, opensOn: null, version: 4 },
];

const question = (code: string, text: string, extra: Record<string, unknown> = {}) => ({ code, text: { en: text }, answerType: 'yes-no', options: [], required: false, personal: false, lists: [], ...extra });
const options = [{ code: 'a', label: { en: 'A' } }, { code: 'b', label: { en: 'B' } }];
const exports: Record<number, unknown> = {
  11: { area: 'PQ', version: 1, name: { en: 'PQ' }, lists: [], groups: [{ code: 'g', title: { en: 'General' }, questions: [
    question('Q1', 'Old wording?'), question('Q2', 'Dropped question?'), question('Q3', 'Which?', { answerType: 'single-choice', options }),
  ] }] },
  12: { area: 'PQ', version: 2, name: { en: 'PQ' }, lists: [], groups: [{ code: 'g', title: { en: 'General' }, questions: [
    question('Q1', 'New wording?', { required: true }), question('Q3', 'Which?', { answerType: 'single-choice', options }), question('Q4', 'Added question?', { answerType: 'date' }),
  ] }] },
};

const missing = (key: string, english: string) => ({ key, english, maxLength: key.endsWith('.text') ? 2000 : 300 });
const localeCodes = ['bg', 'cs', 'da', 'de', 'el', 'en', 'es', 'et', 'fi', 'fr', 'ga', 'hr', 'hu', 'it', 'lt', 'lv', 'mt', 'nl', 'pl', 'pt', 'ro', 'sk', 'sl', 'sv', 'is', 'nb'] as const;
function matrixWith(deMissing: ReturnType<typeof missing>[]): TranslationMatrix {
  return {
    questionSetId: 12, area: 'PQ', version: 2, name: 'Professional qualifications', strings: 8,
    locales: localeCodes.map((locale) => {
      const gaps = locale === 'de' ? deMissing : locale === 'fi' ? [missing('name', 'PQ')] : [];
      return { locale, translated: 8 - gaps.length, missing: gaps };
    }),
  };
}
const deGaps = [missing('groups.general.title', 'General'), missing('questions.Q1.text', 'New wording?'), missing('questions.Q3.options.a.label', 'A'), missing('questions.Q4.text', 'Added question?')];

/** A JSON file whose lines the tests know: group 1's question lacks English (line 17), `version` is on line 3. */
const fileText = `{
  "area": "PQ",
  "version": 3,
  "name": { "en": "PQ" },
  "groups": [
    {
      "code": "a",
      "title": { "en": "A" },
      "questions": [{ "code": "q1", "text": { "en": "Q1?" }, "answerType": "txt" }]
    },
    {
      "code": "b",
      "title": { "en": "B" },
      "questions": [
        {
          "code": "q2",
          "text": { "de": "Nur Deutsch" },
          "answerType": "yes-no"
        }
      ]
    }
  ]
}`;

const answer = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } });

let stub: FetchStub;
let sent: { method: string; path: string; body: unknown }[];
/** What the stub answers to the calls a test is about. */
let respond: Record<string, (body: unknown) => Response>;

async function areasApi(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const key = `${request.method} ${url.pathname}`;
  const body = request.method === 'GET' ? undefined : await request.clone().json();
  sent.push({ method: request.method, path: url.pathname + url.search, body });
  if (respond[key]) return respond[key](body);
  if (key === 'GET /api/v1/admin/legislative-areas') return answer({ items: areas, nextCursor: null });
  if (key === 'GET /api/v1/admin/professions/opening-dates') return answer({ items: professions, nextCursor: null });
  const exported = /^\/api\/v1\/question-sets\/(\d+)\/export$/.exec(url.pathname);
  if (exported && exports[Number(exported[1])]) return answer(exports[Number(exported[1])]);
  if (key === 'GET /api/v1/admin/translations') return answer(matrixWith(deGaps));
  return answer({ title: 'Not found', status: 404 }, 404);
}

const root = (element: ImiConsoleAreas) => element.shadowRoot!;
const $ = <T extends HTMLElement = HTMLInputElement>(element: ImiConsoleAreas, selector: string) => root(element).querySelector<T>(selector)!;
const clean = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const button = (element: ImiConsoleAreas, label: string) => [...root(element).querySelectorAll('button')].find((b) => clean(b) === label)!;
const calls = (method: string, path: string) => sent.filter((c) => c.method === method && c.path.startsWith(path));

function type(field: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string, event = 'input'): void {
  field.value = value;
  field.dispatchEvent(new Event(event, { bubbles: true, composed: true }));
}

async function render(): Promise<ImiConsoleAreas> {
  stub = installFetchStub(areasApi);
  const element = await fixture<ImiConsoleAreas>(html`<imi-console-areas .me=${admin}></imi-console-areas>`);
  await element.localeReady;
  return element;
}
const loaded = async (element: ImiConsoleAreas) => waitUntil(() => root(element).querySelector('tr[data-area="PQ"]'), 'the areas did not load');

async function showMatrix(element: ImiConsoleAreas): Promise<void> {
  $<HTMLFormElement>(element, '#matrix-area').form!.requestSubmit();
  await waitUntil(() => root(element).querySelector('table.matrix'), 'the matrix did not show');
}

beforeEach(() => {
  sent = [];
  respond = {};
  configureImi({ apiBase: '/api/v1', locale: undefined, getAccessToken: () => null });
});
afterEach(() => stub?.restore());

describe('<imi-console-areas>', () => {
  it('is accessible, with the import errors, the comparison, the matrix and the missing texts shown', async function () {
    // Two axe runs over a large page: slow on a loaded machine.
    this.timeout(40_000);
    const element = await render();
    await loaded(element);
    await expect(element).to.be.accessible();

    respond['POST /api/v1/admin/question-sets'] = () => answer({ title: 'Invalid request', status: 400, errors: [{ path: 'version', in: 'body', message: 'Too low' }] }, 400);
    type($<HTMLTextAreaElement>(element, '#import-file'), fileText);
    button(element, 'Import').click();
    await waitUntil(() => root(element).querySelector('#import-errors li'));
    $<HTMLFormElement>(element, '#compare-area').form!.requestSubmit();
    await waitUntil(() => root(element).querySelector('table.diff'));
    await showMatrix(element);
    button(element, 'Fill in German').click();
    await waitUntil(() => root(element).querySelector('.missing-list input'));
    await expect(element).to.be.accessible();
  });

  it('lists the areas with their periods, versions and opening', async () => {
    const element = await render();
    await loaded(element);
    const pq = clean($(element, 'tr[data-area="PQ"]'));
    expect(pq).to.contain('Professional qualifications').and.contain('Directive 2005/36/EC').and.contain('14');
    expect(pq).to.contain('Version 2 current (Questions: 3)').and.contain('Version 1').and.contain('Open');
    expect(clean($(element, 'tr[data-area="SERVICES"]'))).to.contain('Opens on Mar 1, 2099');
    const exportLink = $<HTMLAnchorElement>(element, 'tr[data-area="PQ"] a');
    expect(new URL(exportLink.href).pathname).to.equal('/api/v1/question-sets/12/export');
  });

  it('shows a refusal when the server refuses the page', async () => {
    respond['GET /api/v1/admin/legislative-areas'] = () => answer({ title: 'Forbidden', status: 403, detail: 'You may not do this.' }, 403);
    const element = await render();
    await waitUntil(() => root(element).querySelector('.problem'), 'no problem shown');
    expect(clean($(element, '.problem'))).to.contain('You may not see this page.');
  });

  describe('import', () => {
    it('sends the file and lists the server\'s errors by the line of the file they point at, sorted', async () => {
      respond['POST /api/v1/admin/question-sets'] = () => answer({
        title: 'Invalid request', status: 400,
        errors: [
          { path: 'groups.1.questions.0.text.en', in: 'body', message: 'Give at least the English text' },
          { path: 'groups.0.questions.0.answerType', in: 'body', message: 'Invalid option' },
          { path: 'version', in: 'body', message: 'Not a version' },
        ],
      }, 400);
      const element = await render();
      await loaded(element);
      type($<HTMLTextAreaElement>(element, '#import-file'), fileText);
      button(element, 'Import').click();
      await waitUntil(() => root(element).querySelectorAll('#import-errors li').length === 3, 'the errors were not listed');

      expect(calls('POST', '/api/v1/admin/question-sets')[0].body).to.deep.equal(JSON.parse(fileText));
      const items = [...root(element).querySelectorAll('#import-errors li')].map(clean);
      expect(items).to.deep.equal([
        'Line 3: version — Not a version',
        'Line 9: groups.0.questions.0.answerType — Invalid option',
        'Line 17: groups.1.questions.0.text.en — Give at least the English text',
      ]);
      expect(clean($(element, '#import-errors-title'))).to.equal('The file was not imported. Problems: 3');
      await waitUntil(() => root(element).activeElement === $(element, '#import-errors-title'), 'the errors were not focused');
      expect($(element, '#import-file').getAttribute('aria-invalid')).to.equal('true');
    });

    it('puts the cursor on the line of an error when it is chosen', async () => {
      respond['POST /api/v1/admin/question-sets'] = () => answer({ title: 'Invalid request', status: 400, errors: [{ path: 'groups.1.questions.0.text.en', in: 'body', message: 'Required' }] }, 400);
      const element = await render();
      await loaded(element);
      const field = $<HTMLTextAreaElement>(element, '#import-file');
      type(field, fileText);
      button(element, 'Import').click();
      await waitUntil(() => root(element).querySelector('#import-errors li button'));
      $<HTMLButtonElement>(element, '#import-errors li button').click();
      expect(root(element).activeElement).to.equal(field);
      const lineText = fileText.split('\n')[16];
      expect(field.value.slice(field.selectionStart, field.selectionEnd)).to.equal(lineText);
      expect(lineText).to.contain('"text": { "de": "Nur Deutsch" }');
    });

    it('shows a syntax error at its line and column without sending anything', async () => {
      const element = await render();
      await loaded(element);
      type($<HTMLTextAreaElement>(element, '#import-file'), '{\n  "area": "PQ"\n  "version": 3\n}');
      button(element, 'Check without importing').click();
      await waitUntil(() => root(element).querySelector('#import-errors li'));
      expect(clean($(element, '#import-errors li'))).to.match(/^Line 3, column 3: Unexpected “"”/);
      expect(clean($(element, '#import-errors-title'))).to.equal('The file cannot be imported. Problems: 1');
      expect(calls('POST', '/api/v1/admin/question-sets')).to.have.length(0);
    });

    it('checks a file without importing it, saying what the import would do', async () => {
      respond['POST /api/v1/admin/question-sets/check'] = () => answer({ area: 'POSTING', version: 1, name: 'Posting', newArea: true, latestVersion: null, questions: 12, translated: { en: 1, de: 1, fr: 0.5 } });
      const element = await render();
      await loaded(element);
      type($<HTMLTextAreaElement>(element, '#import-file'), fileText);
      button(element, 'Check without importing').click();
      await waitUntil(() => clean($(element, '#areas-import ~ [role="status"]')).startsWith('The file'), 'no answer shown');
      expect(clean($(element, '#areas-import ~ [role="status"]'))).to.equal('The file can be imported: version 1 of POSTING. Questions: 12. Complete in 2 of 26 languages. Importing it creates the legislative area POSTING.');
      expect(calls('POST', '/api/v1/admin/question-sets/check')[0].body).to.deep.equal(JSON.parse(fileText));
      expect(calls('POST', '/api/v1/admin/question-sets').filter((c) => c.path === '/api/v1/admin/question-sets')).to.have.length(0);
    });

    it('starts the next version of an area from its current one', async () => {
      const element = await render();
      await loaded(element);
      $<HTMLButtonElement>(element, 'tr[data-area="PQ"] button').click();
      const field = $<HTMLTextAreaElement>(element, '#import-file');
      await waitUntil(() => field.value, 'the current version was not put in the field');
      expect(JSON.parse(field.value)).to.deep.equal({ ...(exports[12] as object), version: 3 });
      expect(root(element).activeElement).to.equal(field);
    });

    it('reads a chosen file into the text field', async () => {
      const element = await render();
      await loaded(element);
      const picker = $(element, '#import-choose');
      const files = new DataTransfer();
      files.items.add(new File([fileText], 'pq-3.json', { type: 'application/json' }));
      picker.files = files.files;
      picker.dispatchEvent(new Event('change', { bubbles: true }));
      await waitUntil(() => $<HTMLTextAreaElement>(element, '#import-file').value === fileText, 'the file was not read');
    });
  });

  it('compares two versions: questions added, removed and changed, side by side', async () => {
    const element = await render();
    await loaded(element);
    expect($<HTMLSelectElement>(element, '#compare-from').value).to.equal('11');
    expect($<HTMLSelectElement>(element, '#compare-to').value).to.equal('12');
    $<HTMLFormElement>(element, '#compare-area').form!.requestSubmit();
    await waitUntil(() => root(element).querySelector('table.diff'), 'no comparison shown');
    const rows = [...root(element).querySelectorAll('table.diff tbody tr')].map((r) => [r.getAttribute('data-question'), r.getAttribute('data-change')]);
    expect(rows).to.deep.equal([['Q1', 'changed'], ['Q4', 'added'], ['Q2', 'removed']]);
    const [change, before, after] = $(element, 'tr[data-question="Q1"]').querySelectorAll('td');
    expect(clean(change)).to.equal('Changed: Text, Required');
    expect([...before.querySelectorAll('li')].map(clean)).to.deep.equal(['Text: Old wording?', 'Required: No']);
    expect([...after.querySelectorAll('li')].map(clean)).to.deep.equal(['Text: New wording?', 'Required: Yes']);
    expect([...$(element, 'tr[data-question="Q4"]').querySelectorAll('td')].map(clean)).to.deep.equal(['Added', '—', 'Text: Added question?Answer type: date']);
    expect(clean($(element, '#areas-compare ~ [role="status"]'))).to.equal('Added: 1. Removed: 1. Changed: 1.');
  });

  describe('translations', () => {
    it('shows how complete each language is', async () => {
      const element = await render();
      await loaded(element);
      await showMatrix(element);
      expect(calls('GET', '/api/v1/admin/translations')[0].path).to.contain('area=PQ').and.contain('version=2');
      expect(root(element).querySelectorAll('table.matrix tbody tr')).to.have.length(26);
      expect([...$(element, 'tr[data-locale="de"]').querySelectorAll('td')].map(clean).slice(0, 3)).to.deep.equal(['4 / 8', '50%', '4 missing']);
      expect([...$(element, 'tr[data-locale="fi"]').querySelectorAll('td')].map(clean).slice(0, 3)).to.deep.equal(['7 / 8', '88%', '1 missing']);
      expect(clean($(element, 'tr[data-locale="fr"] td:nth-of-type(3)'))).to.equal('Complete');
      expect($(element, 'tr[data-locale="fr"] button')).to.equal(null);
    });

    it('fills missing texts of a language: only those typed are sent, and the matrix shows the new counts', async () => {
      respond['PUT /api/v1/admin/translations'] = () => answer(matrixWith(deGaps.slice(2)));
      const element = await render();
      await loaded(element);
      await showMatrix(element);
      button(element, 'Fill in German').click();
      await waitUntil(() => root(element).querySelectorAll('.missing-list li').length === 4, 'the missing texts did not show');
      expect(clean($(element, 'li[data-key="questions.Q1.text"] [lang="en"]'))).to.equal('New wording?');
      type($(element, 'li[data-key="groups.general.title"] input'), 'Allgemeines');
      type($(element, 'li[data-key="questions.Q1.text"] textarea'), 'Neue Fassung?');
      button(element, 'Save translations').click();
      await waitUntil(() => calls('PUT', '/api/v1/admin/translations').length === 1);
      expect(calls('PUT', '/api/v1/admin/translations')[0].body).to.deep.equal({
        questionSetId: 12, locale: 'de',
        entries: [{ key: 'groups.general.title', text: 'Allgemeines' }, { key: 'questions.Q1.text', text: 'Neue Fassung?' }],
      });
      await waitUntil(() => clean($(element, 'tr[data-locale="de"] td:nth-of-type(3)')) === '2 missing', 'the matrix was not updated');
      expect(root(element).querySelectorAll('.missing-list li')).to.have.length(2);
      expect(clean($(element, 'form[aria-labelledby="fill-title"] [role="status"]'))).to.equal('Translations saved: 2.');
    });

    it('shows the server\'s refusal of a text at its field', async () => {
      respond['PUT /api/v1/admin/translations'] = () => answer({ title: 'Invalid request', status: 400, errors: [{ path: 'entries.0.text', in: 'body', message: 'At most 300 characters' }] }, 400);
      const element = await render();
      await loaded(element);
      await showMatrix(element);
      button(element, 'Fill in German').click();
      await waitUntil(() => root(element).querySelector('.missing-list input'));
      type($(element, 'li[data-key="questions.Q3.options.a.label"] input'), 'x'.repeat(20));
      button(element, 'Save translations').click();
      await waitUntil(() => root(element).querySelector('.missing-list .error'), 'no error at the field');
      const field = $(element, 'li[data-key="questions.Q3.options.a.label"] input');
      expect(field.getAttribute('aria-invalid')).to.equal('true');
      const error = $(element, 'li[data-key="questions.Q3.options.a.label"] .error');
      expect(clean(error)).to.equal('At most 300 characters');
      expect(field.getAttribute('aria-describedby')).to.contain(error.id);
      expect(root(element).activeElement).to.equal(field);
    });
  });

  it('sets an area\'s opening date with the version it read', async () => {
    respond['PATCH /api/v1/admin/legislative-areas/PQ'] = (body) => answer({ ...areas[0], opensOn: (body as { opensOn: string }).opensOn, version: 4 });
    const element = await render();
    await loaded(element);
    type($(element, '#opening-area-date'), '2099-01-15');
    $<HTMLFormElement>(element, '#opening-area-code').form!.requestSubmit();
    await waitUntil(() => calls('PATCH', '/api/v1/admin/legislative-areas/PQ').length === 1);
    expect(calls('PATCH', '/api/v1/admin/legislative-areas/PQ')[0].body).to.deep.equal({ opensOn: '2099-01-15', version: 3 });
    await waitUntil(() => clean($(element, 'tr[data-area="PQ"]')).includes('Opens on Jan 15, 2099'), 'the table was not updated');
    expect(clean($(element, 'form[aria-labelledby="opening-area-title"] + [role="status"]'))).to.equal('PQ opens for exchanges on Jan 15, 2099.');
  });

  it('sets a profession\'s opening date, and shows a refused date at its field', async () => {
    respond['PATCH /api/v1/admin/professions/general-care-nurse/opening'] = () => answer({ title: 'Invalid request', status: 400, errors: [{ path: 'opensOn', in: 'body', message: 'Not a calendar date' }] }, 400);
    const element = await render();
    await loaded(element);
    type($<HTMLSelectElement>(element, '#opening-profession-code'), 'general-care-nurse', 'change');
    type($(element, '#opening-profession-date'), '2099-02-01');
    $<HTMLFormElement>(element, '#opening-profession-code').form!.requestSubmit();
    await waitUntil(() => root(element).querySelector('#opening-profession-opensOn-error'), 'no error at the date');
    expect(calls('PATCH', '/api/v1/admin/professions/general-care-nurse/opening')[0].body).to.deep.equal({ opensOn: '2099-02-01', version: 4 });
    expect(clean($(element, '#opening-profession-opensOn-error'))).to.equal('Not a calendar date');
    expect($(element, '#opening-profession-date').getAttribute('aria-describedby')).to.equal('opening-profession-date-hint opening-profession-opensOn-error');
  });
});

describe('finding the line of a JSON path', () => {
  it('gives each member the line of its name, each element its own line, and a missing member its parent\'s', () => {
    const index = indexJson(fileText);
    if (!index.ok) throw new Error('not parsed');
    expect(lineOfPath(index.lines, 'area')).to.equal(2);
    expect(lineOfPath(index.lines, 'groups.0.questions.0.code')).to.equal(9);
    expect(lineOfPath(index.lines, 'groups.1')).to.equal(11);
    expect(lineOfPath(index.lines, 'groups.1.questions.0.answerType')).to.equal(18);
    expect(lineOfPath(index.lines, 'groups.1.questions.0.text.en')).to.equal(17);
    expect(lineOfPath(index.lines, 'areaDefinition')).to.equal(1);
    expect(index.value).to.deep.equal(JSON.parse(fileText));
  });

  it('reads keys with escapes, and names the line and column of a syntax error', () => {
    const escaped = indexJson('{\n  "a\\"b": [\n    1,\n    {"c": null}\n  ]\n}');
    expect(escaped.ok && lineOfPath(escaped.lines, 'a"b.1.c')).to.equal(4);
    const cases: [string, { kind: string; line: number; column: number }][] = [
      ['{\n  "a": 1,\n}', { kind: 'character', line: 3, column: 1 }],
      ['{\n  "a": [1, 2\n', { kind: 'end', line: 3, column: 1 }],
      ['{"a": 01}', { kind: 'number', line: 1, column: 8 }],
      ['{"a": "x\ty"}', { kind: 'string', line: 1, column: 9 }],
      ['{"a": tru}', { kind: 'character', line: 1, column: 7 }],
      ['{} {}', { kind: 'character', line: 1, column: 4 }],
    ];
    for (const [text, expected] of cases) {
      const result = indexJson(text);
      expect(result.ok, text).to.equal(false);
      if (!result.ok) expect({ kind: result.problem.kind, line: result.problem.line, column: result.problem.column }, text).to.deep.equal(expected);
      expect(() => JSON.parse(text), text).to.throw();
    }
  });

  it('selects a whole line', () => {
    expect(lineRange('ab\ncd\nef', 2)).to.deep.equal([3, 5]);
    expect(lineRange('ab\ncd', 9)).to.deep.equal([3, 5]);
  });
});

describe('comparing two versions', () => {
  it('matches questions by code and names what changed, in any language', () => {
    const older = exports[11] as Parameters<typeof diffQuestionSets>[0];
    const newer = structuredClone(exports[12]) as Parameters<typeof diffQuestionSets>[0];
    newer.groups[0].questions[1].options = [{ code: 'a', label: { en: 'A', de: 'A (neu)' } }, { code: 'b', label: { en: 'B' } }];
    const changes = diffQuestionSets(older, newer);
    expect(changes.map((c) => [c.code, c.kind, c.fields])).to.deep.equal([
      ['Q1', 'changed', ['text', 'required']],
      ['Q3', 'changed', ['options']],
      ['Q4', 'added', []],
      ['Q2', 'removed', []],
    ]);
    expect(diffQuestionSets(older, older)).to.deep.equal([]);
  });
});
