import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../console/pages/audit.js';
import type { ImiConsoleAudit } from '../../console/pages/audit.js';
import type { Me } from '../../server/modules/identity/schemas.js';
import { configureImi } from '../../components/core/context.js';
import { installFetchStub, type FetchStub } from '../fixtures/directory-api.js';

const admin: Me = {
  user: { id: '00000000-0000-4000-8000-000000000b01', email: 'admin@imi.test', name: 'Anna Admin', locale: 'en', commissionAdmin: true, dataProtectionAdmin: false, totpEnabled: true, mfa: true },
  authority: null, roles: [], coordinator: null,
} as Me;

const authorityId = '00000000-0000-4000-8000-000000000a01';
const entry = (id: string, action: string, extra: Record<string, unknown> = {}) => ({
  id, at: '2026-11-29T09:30:00.000Z', actor: { id: null, email: 'handler.fr@imi.test' }, authority: authorityId, authorityName: 'Ordre national des infirmiers',
  action, record: { type: 'request', id: 'req-1' }, fields: ['subject', 'freeText'], purpose: 'proof of an exchange', ip: '10.0.0.1', ...extra,
});
const firstPage = [entry('3', 'request.read-personal'), entry('2', 'auth.sign-in', { record: null, fields: [], purpose: null })];
const secondPage = [entry('1', 'auth.sign-in-failed', { record: null, fields: [], purpose: null, authority: null, authorityName: null })];

const answer = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } });

let stub: FetchStub;
/** Overrides of the stub's answers, per test. */
let respond: Partial<Record<'search' | 'export', (url: URL) => Response>>;
let clicked: { href: string; download: string }[];
const originalClick = HTMLAnchorElement.prototype.click;

async function auditApi(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (url.pathname === '/api/v1/admin/audit/export') {
    return respond.export?.(url) ?? new Response('\uFEFFat,actor_email\r\n', { status: 200, headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
  }
  if (url.pathname === '/api/v1/admin/audit') {
    if (respond.search) return respond.search(url);
    if (url.searchParams.get('cursor') === 'page-2') return answer({ items: secondPage, nextCursor: null });
    return answer({ items: firstPage, nextCursor: 'page-2' });
  }
  return answer({ title: 'Not found', status: 404 }, 404);
}

const root = (element: ImiConsoleAudit) => element.shadowRoot!;
const $ = <T extends HTMLElement = HTMLInputElement>(element: ImiConsoleAudit, selector: string) => root(element).querySelector<T>(selector)!;
const clean = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const button = (element: ImiConsoleAudit, label: string) => [...root(element).querySelectorAll('button')].find((b) => clean(b) === label)!;
const rows = (element: ImiConsoleAudit) => [...root(element).querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => clean(td)));
const urls = (path: string) => stub.calls.map((c) => new URL(c.url)).filter((u) => u.pathname === path);

function type(element: ImiConsoleAudit, id: string, value: string): void {
  const input = $(element, `#audit-${id}`);
  input.value = value;
  input.dispatchEvent(new Event('input'));
}

async function render(): Promise<ImiConsoleAudit> {
  stub = installFetchStub(auditApi);
  const element = await fixture<ImiConsoleAudit>(html`<imi-console-audit .me=${admin}></imi-console-audit>`);
  await element.localeReady;
  await waitUntil(() => root(element).querySelector('tr[data-id="3"]'), 'the log did not load');
  return element;
}

function fillFilters(element: ImiConsoleAudit): void {
  type(element, 'actor', 'handler.fr@imi.test');
  type(element, 'authorityId', authorityId);
  type(element, 'record', 'req-1');
  type(element, 'action', 'request');
  type(element, 'purpose', 'proof');
  type(element, 'from', '2026-11-01');
  type(element, 'to', '2026-11-29');
}

const expectedFilters = {
  actor: 'handler.fr@imi.test', authorityId, record: 'req-1', action: 'request', purpose: 'proof',
  from: new Date(2026, 10, 1).toISOString(), to: new Date(2026, 10, 30).toISOString(), lang: 'en',
};

describe('<imi-console-audit>', () => {
  beforeEach(() => {
    configureImi({ apiBase: '/api/v1', locale: undefined, getAccessToken: () => null });
    respond = {};
    clicked = [];
    HTMLAnchorElement.prototype.click = function click(this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download });
    };
  });
  afterEach(() => {
    stub?.restore();
    HTMLAnchorElement.prototype.click = originalClick;
  });

  it('is accessible', async () => {
    const element = await render();
    await expect(element).to.be.accessible();
  });

  it('shows the newest entries: time, user, authority, action, record, fields and purpose', async () => {
    const element = await render();
    const [first, second] = rows(element);
    expect(first.slice(1)).to.deep.equal([
      'handler.fr@imi.test', `Ordre national des infirmiers${authorityId}`, 'request.read-personal', 'requestreq-1', 'subject, freeText', 'proof of an exchange',
    ]);
    expect(first[0]).to.equal(new Intl.DateTimeFormat('en', { dateStyle: 'short', timeStyle: 'medium' }).format(new Date('2026-11-29T09:30:00.000Z')));
    expect(second.slice(3)).to.deep.equal(['auth.sign-in', '—', '—', '—']);
    expect(urls('/api/v1/admin/audit')[0].searchParams.get('limit')).to.equal('50');
  });

  it('sends every filter as the query, the period in the user\'s days with the last day included', async () => {
    const element = await render();
    fillFilters(element);
    button(element, 'Search').click();
    await waitUntil(() => urls('/api/v1/admin/audit').length === 2, 'no search sent');
    const sent = Object.fromEntries(urls('/api/v1/admin/audit')[1].searchParams);
    expect(sent).to.deep.equal({ ...expectedFilters, limit: '50' });
  });

  it('loads more entries with the cursor and the same filters', async () => {
    const element = await render();
    type(element, 'action', 'auth');
    button(element, 'Search').click();
    await waitUntil(() => urls('/api/v1/admin/audit').length === 2);
    await waitUntil(() => button(element, 'Load more'));
    button(element, 'Load more').click();
    await waitUntil(() => root(element).querySelector('tr[data-id="1"]'), 'the next page did not show');
    const more = urls('/api/v1/admin/audit').at(-1)!;
    expect(more.searchParams.get('cursor')).to.equal('page-2');
    expect(more.searchParams.get('action')).to.equal('auth');
    expect(rows(element)).to.have.length(3);
    expect(button(element, 'Load more')).to.equal(undefined);
    expect(clean($(element, 'section[aria-labelledby="audit-results"] p[role="status"]'))).to.equal('Entries found: 3.');
  });

  it('exports a CSV file with the filters in the form and offers it as a download', async () => {
    const element = await render();
    fillFilters(element);
    button(element, 'Export CSV').click();
    await waitUntil(() => clicked.length === 1, 'no download offered');
    const [exported] = urls('/api/v1/admin/audit/export');
    expect(Object.fromEntries(exported.searchParams)).to.deep.equal(expectedFilters);
    const name = `imi-audit-${new Date().toISOString().slice(0, 10)}.csv`;
    expect(clicked[0].download).to.equal(name);
    expect(clicked[0].href).to.match(/^blob:/);
    await waitUntil(() => clean($(element, 'form p[role="status"]')) === `Downloaded ${name}.`);
    expect(Object.fromEntries(urls('/api/v1/admin/audit').at(-1)!.searchParams)).to.deep.equal({ ...expectedFilters, limit: '50' });
  });

  it('shows a filter the server refuses at its field, and a period that ends before it starts', async () => {
    const element = await render();
    respond.search = () => answer({ title: 'Invalid request', status: 400, errors: [{ path: 'authorityId', in: 'query', message: 'Not an authority id' }] }, 400);
    type(element, 'authorityId', '42');
    button(element, 'Search').click();
    await waitUntil(() => root(element).querySelector('#audit-authorityId-error'), 'no field error');
    expect(clean($(element, '#audit-authorityId-error'))).to.equal('Not an authority id');
    expect($(element, '#audit-authorityId').getAttribute('aria-describedby')).to.contain('audit-authorityId-error');
    expect($(element, '#audit-authorityId').getAttribute('aria-invalid')).to.equal('true');

    const searches = urls('/api/v1/admin/audit').length;
    type(element, 'from', '2026-11-29');
    type(element, 'to', '2026-11-01');
    button(element, 'Export CSV').click();
    await element.updateComplete;
    expect(clean($(element, '#audit-to-error'))).to.equal('The end of the period is before its start.');
    expect(urls('/api/v1/admin/audit').length).to.equal(searches);
    expect(urls('/api/v1/admin/audit/export')).to.have.length(0);
  });

  it('says so when the export is refused', async () => {
    const element = await render();
    respond.export = () => answer({ title: 'Forbidden', status: 403, detail: 'This needs a sign-in with your second factor (TOTP).' }, 403);
    button(element, 'Export CSV').click();
    await waitUntil(() => root(element).querySelector('form .problem'), 'no problem shown');
    expect(clean($(element, 'form .problem'))).to.contain('This needs a sign-in with your second factor');
    expect(clicked).to.have.length(0);
  });
});
