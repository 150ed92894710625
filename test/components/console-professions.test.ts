import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../console/pages/professions.js';
import type { ImiConsoleProfessions } from '../../console/pages/professions.js';
import type { ImportReport } from '../../server/modules/admin/professions.js';
import type { Me } from '../../server/modules/identity/schemas.js';
import { configureImi } from '../../components/core/context.js';
import type { FetchStub } from '../fixtures/directory-api.js';
import { installRequestsStub } from '../fixtures/requests-api.js';

const admin: Me = {
  user: { id: '00000000-0000-4000-8000-000000000b01', email: 'admin@imi.test', name: 'Anna Admin', locale: 'en', commissionAdmin: true, dataProtectionAdmin: false, totpEnabled: true, mfa: true },
  authority: null, roles: [], coordinator: null,
} as Me;

const profession = (code: string, name: string, extra: Record<string, unknown> = {}) => ({
  id: code.length, code, name, sector: { code: 'health', name: 'Health' }, sectoral: false, nationalTitles: 3, match: null, ...extra,
});
const firstPage = [
  profession('general-care-nurse', 'General care nurse', { sectoral: true, nationalTitles: 32 }),
  profession('physiotherapist', 'Physiotherapist', { nationalTitles: 22 }),
];
const secondPage = [profession('psychologist', 'Psychologist', { nationalTitles: 9 })];

const dryRunReport: ImportReport = {
  dryRun: true, applied: false, rows: 4, created: 1, updated: 1, unchanged: 0, errorCount: 2,
  errors: [
    { line: 3, column: 'sector', message: 'Not a sector; use one of health, legal' },
    { line: 5, column: null, message: 'This row has 2 fields where the header has 5' },
  ],
  changes: [{ code: 'wind-turbine-technician', change: 'created', fields: ['sector', 'names.en'] }, { code: 'midwife', change: 'updated', fields: ['names.de'] }],
};

const answer = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } });

let stub: FetchStub;
/** The answer to an import, set by each test. */
let importAnswer: () => Response;

async function professionsApi(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (request.method === 'GET' && url.pathname === '/api/v1/professions') {
    if (url.searchParams.get('cursor') === 'page-2') return answer({ items: secondPage, nextCursor: null });
    const q = url.searchParams.get('q');
    if (q) return answer({ items: firstPage.filter((p) => p.code.includes('nurse')).map((p) => ({ ...p, match: { text: 'Krankenschwester', locale: 'de' } })), nextCursor: null });
    return answer({ items: firstPage, nextCursor: 'page-2' });
  }
  if (request.method === 'POST' && url.pathname === '/api/v1/admin/professions/import') return importAnswer();
  return answer({ title: 'Not found', status: 404 }, 404);
}

const root = (element: ImiConsoleProfessions) => element.shadowRoot!;
const $ = <T extends HTMLElement = HTMLInputElement>(element: ImiConsoleProfessions, selector: string) => root(element).querySelector<T>(selector)!;
const clean = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const button = (element: ImiConsoleProfessions, label: string) => [...root(element).querySelectorAll('button')].find((b) => clean(b) === label)!;
const rows = (element: ImiConsoleProfessions, selector: string) => [...root(element).querySelectorAll(`${selector} tbody tr`)].map((tr) => [...tr.querySelectorAll('td')].map((td) => clean(td)));
const calls = (path: string) => stub.calls.filter((c) => new URL(c.url).pathname === path);

function chooseFile(element: ImiConsoleProfessions, content: string, name = 'professions.csv'): void {
  const input = $(element, '#import-file');
  const transfer = new DataTransfer();
  transfer.items.add(new File([content], name, { type: 'application/vnd.ms-excel' }));
  input.files = transfer.files;
  input.dispatchEvent(new Event('change'));
}

async function render(): Promise<ImiConsoleProfessions> {
  stub = installRequestsStub(professionsApi);
  const element = await fixture<ImiConsoleProfessions>(html`<imi-console-professions .me=${admin}></imi-console-professions>`);
  await element.localeReady;
  await waitUntil(() => root(element).querySelector('tr[data-code="general-care-nurse"]'), 'the professions did not load');
  return element;
}

describe('<imi-console-professions>', () => {
  beforeEach(() => {
    configureImi({ apiBase: '/api/v1', locale: undefined, getAccessToken: () => null });
    importAnswer = () => answer(dryRunReport);
  });
  afterEach(() => stub?.restore());

  it('is accessible, with a report of errors shown', async () => {
    const element = await render();
    await expect(element).to.be.accessible();
    chooseFile(element, 'code,sector\nx,y\n');
    button(element, 'Check (dry run)').click();
    await waitUntil(() => root(element).querySelector('table.errors'), 'no report');
    await expect(element).to.be.accessible();
  });

  it('lists the professions with their sector, automatic recognition and national titles, and loads more', async () => {
    const element = await render();
    expect(rows(element, 'table')).to.deep.equal([
      ['general-care-nurse', 'General care nurse', 'Health', 'Yes', '32'],
      ['physiotherapist', 'Physiotherapist', 'Health', 'No', '22'],
    ]);
    button(element, 'Load more').click();
    await waitUntil(() => root(element).querySelector('tr[data-code="psychologist"]'), 'the next page did not load');
    expect(calls('/api/v1/professions').at(-1)!.url).to.contain('cursor=page-2');
    expect(button(element, 'Load more')).to.equal(undefined);
    expect(clean($(element, 'p[role="status"]'))).to.equal('Professions found: 3.');
  });

  it('searches in any language and shows the term that matched', async () => {
    const element = await render();
    const input = $(element, '#professions-q');
    input.value = 'Krankenschwester';
    input.dispatchEvent(new Event('input'));
    $<HTMLFormElement>(element, 'form[role="search"]').requestSubmit();
    await waitUntil(() => !root(element).querySelector('tr[data-code="physiotherapist"]') && root(element).querySelector('tr[data-code="general-care-nurse"]'), 'the search did not show');
    expect(new URL(calls('/api/v1/professions').at(-1)!.url).searchParams.get('q')).to.equal('Krankenschwester');
    expect(clean($(element, 'tr[data-code="general-care-nurse"] td:nth-child(2)'))).to.match(/^General care nurse/);
    expect(clean($(element, 'tr[data-code="general-care-nurse"] td:nth-child(2) .muted'))).to.equal('Krankenschwester');
  });

  it('asks for a file before checking', async () => {
    const element = await render();
    button(element, 'Check (dry run)').click();
    await element.updateComplete;
    expect(clean($(element, '#import-file-error'))).to.equal('Choose a CSV file.');
    expect($(element, '#import-file').getAttribute('aria-describedby')).to.contain('import-file-error');
    expect($(element, '#import-file').getAttribute('aria-invalid')).to.equal('true');
    expect(calls('/api/v1/admin/professions/import')).to.have.length(0);
  });

  it('uploads the file as CSV for a dry run with its progress, then shows the report with each row error', async () => {
    const element = await render();
    chooseFile(element, 'code,locale,name\nwind-turbine-technician,en,Wind turbine technician\n');
    // The server holds its answer until the test has seen the processing state.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    stub.restore();
    stub = installRequestsStub(async (request) => {
      if (new URL(request.url).pathname === '/api/v1/admin/professions/import') await held;
      return professionsApi(request);
    });
    button(element, 'Check (dry run)').click();
    await waitUntil(() => root(element).querySelector('progress#import-progress'), 'no upload progress shown');
    expect(clean(root(element).querySelector('label[for="import-progress"]'))).to.equal('Sending the file…');
    expect(button(element, 'Import').disabled).to.equal(true);
    await waitUntil(() => root(element).querySelector('progress#import-processing'), 'no processing state shown');
    expect($(element, 'progress#import-processing').hasAttribute('value')).to.equal(false);
    release();
    await waitUntil(() => root(element).querySelector('table.errors'), 'no report shown');

    const upload = calls('/api/v1/admin/professions/import')[0];
    expect(new URL(upload.url).searchParams.get('dryRun')).to.equal('true');
    expect(upload.headers.get('Content-Type')).to.equal('text/csv');
    expect(await upload.text()).to.contain('wind-turbine-technician');
    expect(rows(element, 'table.errors')).to.deep.equal([
      ['3', 'sector', 'Not a sector; use one of health, legal'],
      ['5', '—', 'This row has 2 fields where the header has 5'],
    ]);
    expect(rows(element, 'table.changes')).to.deep.equal([
      ['wind-turbine-technician', 'New', 'sector, names.en'],
      ['midwife', 'Changed', 'names.de'],
    ]);
    expect(clean($(element, '#import-report'))).to.equal('Check: the file has errors');
    expect(clean($(element, 'section[aria-labelledby="professions-import"] [role="status"]'))).to.equal('Check finished. Errors in the file: 2.');
    expect(root(element).querySelector('progress')).to.equal(null);
  });

  it('imports for real and reloads the list', async () => {
    const element = await render();
    chooseFile(element, 'code,locale,name\nwind-turbine-technician,en,Wind turbine technician\n');
    importAnswer = () => answer({ ...dryRunReport, dryRun: false, applied: true, errors: [], errorCount: 0 });
    const listCalls = calls('/api/v1/professions').length;
    button(element, 'Import').click();
    await waitUntil(() => clean($(element, '#import-report')) === 'Imported', 'no import report');
    expect(new URL(calls('/api/v1/admin/professions/import')[0].url).searchParams.get('dryRun')).to.equal('false');
    expect(clean($(element, 'section[aria-labelledby="professions-import"] [role="status"]'))).to.equal('Imported. New: 1, changed: 1, unchanged: 0.');
    await waitUntil(() => calls('/api/v1/professions').length > listCalls, 'the list was not reloaded');
    expect(root(element).querySelector('table.errors')).to.equal(null);
  });

  it('shows a file the server refuses at the file field, and a refusal as a problem', async () => {
    const element = await render();
    chooseFile(element, '\u00ff');
    importAnswer = () => answer({ title: 'Invalid request', status: 400, errors: [{ path: 'body', in: 'body', message: 'The file is not UTF-8 text; save it as “CSV UTF-8”' }] }, 400);
    button(element, 'Check (dry run)').click();
    await waitUntil(() => root(element).querySelector('#import-file-error'), 'no field error');
    expect(clean($(element, '#import-file-error'))).to.equal('The file is not UTF-8 text; save it as “CSV UTF-8”');

    importAnswer = () => answer({ title: 'Forbidden', status: 403, detail: 'This needs a sign-in with your second factor (TOTP).' }, 403);
    button(element, 'Import').click();
    await waitUntil(() => root(element).querySelector('.problem'), 'no problem shown');
    expect(clean($(element, '.problem'))).to.contain('This needs a sign-in with your second factor');
    expect(root(element).querySelector('#import-file-error')).to.equal(null);
  });
});
