import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../console/pages/authorities.js';
import type { ImiConsoleAuthorities } from '../../console/pages/authorities.js';
import type { Me } from '../../server/modules/identity/schemas.js';
import { configureImi } from '../../components/core/context.js';
import { installFetchStub, type FetchStub } from '../fixtures/directory-api.js';

const own = { id: '00000000-0000-4000-8000-0000000000c0', country: 'CZ', officialName: 'Ministerstvo vnitra', designation: 'Ministry of the Interior' };
const person = { id: '00000000-0000-4000-8000-0000000000b1', email: 'nimic.cz@imi.test', name: 'Nina Nimic', locale: 'en', commissionAdmin: false, dataProtectionAdmin: false, totpEnabled: false, mfa: false };
const nimic: Me = { user: person, authority: own, roles: [{ area: 'PQ', role: 'lda' }], coordinator: { kind: 'NIMIC', scope: { country: 'CZ' } } };
const lda: Me = { user: { ...person, email: 'lda.cz@imi.test', name: 'Lukáš Lda' }, authority: { ...own, id: '00000000-0000-4000-8000-0000000000c1' }, roles: [{ area: 'PQ', role: 'lda' }], coordinator: null };
const admin: Me = { user: { ...person, email: 'admin@imi.test', name: 'Anna Admin', commissionAdmin: true, totpEnabled: true, mfa: true }, authority: null, roles: [], coordinator: null };

const item = (n: number, status: string, extra: Record<string, unknown> = {}) => ({
  id: `00000000-0000-4000-8000-00000000010${n}`, country: 'CZ', officialName: `Komora ${n}`, officialNameLang: 'cs', designation: `Chamber ${n}`, designationLang: 'en',
  region: null, city: 'Brno', coordinatorKind: 'NONE', status, statusReason: null, areas: ['PQ'], version: 3 + n, createdAt: '2026-11-20T10:00:00.000Z', ...extra,
});
const active = [item(1, 'active'), item(2, 'suspended', { statusReason: 'Merged' })];
const pending = [item(3, 'pending-validation'), item(4, 'pending-validation')];
const detail = (version: number, city: string) => ({
  ...item(1, 'active'), version, city, description: null, descriptionLang: null, address: null, postalCode: null, email: 'office@komora.cz', phone: null, website: null,
  languages: ['cs'], areas: [{ area: 'PQ', professions: [{ code: 'architect', name: 'Architect' }], keywords: [] }],
  designations: { en: 'Chamber 1', cs: 'Komora 1' }, descriptions: {}, allocation: [],
});
const invitations = [{
  id: '00000000-0000-4000-8000-000000000201', email: 'office@new.cz', country: 'CZ', areas: ['PQ'], status: 'pending', createdAt: '2026-11-25T10:00:00.000Z',
  expiresAt: '2026-12-09T10:00:00.000Z', usedAt: null, coordinator: { id: own.id, officialName: own.officialName }, invitedBy: { name: 'Nina Nimic', email: 'nimic.cz@imi.test' }, authority: null,
}];

let stub: FetchStub;
let queue: ReturnType<typeof item>[];
/** Answers to PATCH /authorities/{id}, in turn. */
let patchAnswers: [number, unknown][];
let detailVersion: number;
let detailCity: string;

const answer = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } });

async function registryApi(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const path = url.pathname.replace('/api/v1', '');
  if (path === '/legislative-areas') return answer({ items: [{ code: 'PQ', name: 'Professional qualifications' }, { code: 'SERVICES', name: 'Services' }], nextCursor: null });
  if (path === '/countries') return answer({ items: [{ code: 'CZ', name: 'Czechia' }, { code: 'SK', name: 'Slovakia' }], nextCursor: null });
  if (path === '/admin/authorities') {
    if (url.searchParams.get('status') === 'pending-validation') return answer({ items: queue, nextCursor: null });
    if (url.searchParams.get('coordinator') === 'true') return answer({ items: [item(9, 'active', { coordinatorKind: 'NIMIC', officialName: own.officialName })], nextCursor: null });
    return answer({ items: active, nextCursor: null });
  }
  const validate = /^\/authorities\/([0-9a-f-]+)\/validate$/.exec(path);
  if (validate && request.method === 'POST') {
    const body = (await request.clone().json()) as { reason?: string };
    if (body.reason === 'stale') return answer({ title: 'Conflict', status: 409, detail: 'Someone changed this record since you read it' }, 409);
    return answer({ ...queue.find((q) => q.id === validate[1]), status: 'active' });
  }
  if (path === '/admin/invitations') return answer({ items: invitations, nextCursor: null });
  if (path === '/authorities/invitations' && request.method === 'POST') {
    const body = (await request.clone().json()) as { email: string };
    if (body.email === 'taken@new.cz') return answer({ title: 'Invalid request', status: 400, errors: [{ path: 'email', in: 'body', message: 'An invitation to this address is pending' }] }, 400);
    return answer({ id: '00000000-0000-4000-8000-000000000202', email: body.email, country: 'CZ', areas: ['PQ'], expiresAt: '2026-12-13T10:00:00.000Z' }, 201);
  }
  if (path === `/admin/authorities/${active[0].id}`) return answer(detail(detailVersion, detailCity));
  if (path === `/authorities/${active[0].id}/coordinators`) {
    return answer({ items: [{ area: 'PQ', relation: 'validating', coordinator: { id: own.id, officialName: own.officialName, kind: 'NIMIC' } }], nextCursor: null });
  }
  if (path === `/authorities/${active[0].id}` && request.method === 'PATCH') {
    const [status, body] = patchAnswers.shift()!;
    return answer(body, status);
  }
  return answer({ title: 'Not found', status: 404 }, 404);
}

const root = (element: ImiConsoleAuthorities) => element.shadowRoot!;
const $ = <T extends Element = HTMLInputElement>(element: ImiConsoleAuthorities, selector: string) => root(element).querySelector<T>(selector)!;
const buttons = (element: ImiConsoleAuthorities, label: string) => [...root(element).querySelectorAll<HTMLButtonElement>('button')].filter((b) => b.textContent?.trim() === label);
const clean = (node: Element | null) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const calls = (method: string, path: string) => stub.calls.filter((r) => r.method === method && new URL(r.url).pathname === `/api/v1${path}`);

function type(input: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

function choose(select: HTMLSelectElement, value: string): void {
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

async function render(me: Me = nimic): Promise<ImiConsoleAuthorities> {
  stub = installFetchStub(registryApi);
  const element = await fixture<ImiConsoleAuthorities>(html`<imi-console-authorities .me=${me}></imi-console-authorities>`);
  await element.localeReady;
  await waitUntil(() => root(element).querySelector('table, .problem'), 'the authorities did not load');
  return element;
}

async function openQueue(element: ImiConsoleAuthorities): Promise<void> {
  buttons(element, 'Validation queue')[0].click();
  await waitUntil(() => root(element).querySelectorAll('.queue > li').length === queue.length, 'the queue did not load');
}

beforeEach(() => {
  queue = [...pending];
  patchAnswers = [];
  detailVersion = 7;
  detailCity = 'Brno';
  configureImi({ apiBase: '/api/v1', locale: undefined, getAccessToken: () => null });
});

afterEach(() => stub?.restore());

describe('<imi-console-authorities>', () => {
  it('is accessible', async () => {
    const element = await render();
    await expect(element).to.be.accessible();
  });

  it('is accessible with the validation queue open', async () => {
    const element = await render();
    await openQueue(element);
    await expect(element).to.be.accessible();
  });

  it('is accessible with the invitations and the invitation form', async () => {
    const element = await render();
    buttons(element, 'Invitations')[0].click();
    await waitUntil(() => root(element).querySelector('#invite-email') && root(element).querySelector('tbody tr'));
    await expect(element).to.be.accessible();
  });

  it('is accessible with an authority open for editing', async () => {
    const element = await render();
    $<HTMLButtonElement>(element, `[data-open="${active[0].id}"]`).click();
    await waitUntil(() => root(element).querySelector('#edit-city'));
    await expect(element).to.be.accessible();
  });

  it('lists the authorities with their status in words, and sends the filters the user chose', async () => {
    const element = await render(admin);
    const rows = [...root(element).querySelectorAll('tbody tr')].map(clean);
    expect(rows[0]).to.contain('Chamber 1').and.contain('Komora 1').and.contain('Active');
    expect(rows[1]).to.contain('Suspended').and.contain('Merged');

    type($(element, '#filter-q'), 'komora');
    choose($<HTMLSelectElement>(element, '#filter-country'), 'SK');
    choose($<HTMLSelectElement>(element, '#filter-status'), 'suspended');
    $<HTMLFormElement>(element, 'form[role="search"]').requestSubmit();
    await waitUntil(() => calls('GET', '/admin/authorities').length === 2, 'the search was not sent');
    const query = new URL(calls('GET', '/admin/authorities')[1].url).searchParams;
    expect(Object.fromEntries(query)).to.include({ q: 'komora', country: 'SK', status: 'suspended', limit: '50' });
  });

  it('offers a coordinator the queue and invitations, an LDA neither, and the Commission no country filter it lacks', async () => {
    const coordinator = await render(nimic);
    expect(buttons(coordinator, 'Validation queue')).to.have.length(1);
    expect(buttons(coordinator, 'Invitations')).to.have.length(1);
    expect(root(coordinator).querySelector('#filter-country')).to.equal(null);
    coordinator.remove();
    stub.restore();
    const administrator = await render(lda);
    expect(buttons(administrator, 'Validation queue')).to.have.length(0);
    expect(buttons(administrator, 'Invitations')).to.have.length(0);
  });

  it('approves a registration with its version, and it leaves the queue', async () => {
    const element = await render();
    await openQueue(element);
    buttons(element, 'Approve')[0].click();
    await waitUntil(() => root(element).querySelectorAll('.queue > li').length === 1, 'the approved registration stayed in the queue');
    const [sent] = calls('POST', `/authorities/${pending[0].id}/validate`);
    expect(await sent.json()).to.deep.equal({ decision: 'approve', version: pending[0].version });
    expect(clean($(element, '[role="status"].notice'))).to.contain('Chamber 3 is approved');
    expect(clean($(element, '.queue'))).to.contain('Chamber 4');
  });

  it('asks for the reason of a rejection at its field, then sends it, and the registration leaves the queue', async () => {
    const element = await render();
    await openQueue(element);
    buttons(element, 'Reject')[1].click();
    await waitUntil(() => root(element).querySelector('#reject-reason'), 'the rejection form did not open');
    buttons(element, 'Reject registration')[0].click();
    await waitUntil(() => root(element).querySelector('#reject-reason-error'), 'no error at the reason');
    const reason = $<HTMLTextAreaElement>(element, '#reject-reason');
    expect(clean($(element, '#reject-reason-error'))).to.equal('Give the reason for the rejection.');
    expect(reason.getAttribute('aria-invalid')).to.equal('true');
    expect(reason.getAttribute('aria-describedby')).to.contain('reject-reason-error');
    expect(root(element).activeElement).to.equal(reason);
    expect(calls('POST', `/authorities/${pending[1].id}/validate`)).to.have.length(0);

    type(reason, 'Not a public body');
    buttons(element, 'Reject registration')[0].click();
    await waitUntil(() => root(element).querySelectorAll('.queue > li').length === 1, 'the rejected registration stayed in the queue');
    const [sent] = calls('POST', `/authorities/${pending[1].id}/validate`);
    expect(await sent.json()).to.deep.equal({ decision: 'reject', version: pending[1].version, reason: 'Not a public body' });
    expect(clean($(element, '.queue'))).to.contain('Chamber 3').and.not.contain('Chamber 4');
  });

  it('reloads the queue and says so when someone decided first', async () => {
    const element = await render();
    await openQueue(element);
    buttons(element, 'Reject')[0].click();
    await waitUntil(() => root(element).querySelector('#reject-reason'));
    type($<HTMLTextAreaElement>(element, '#reject-reason'), 'stale');
    queue = [pending[1]];
    buttons(element, 'Reject registration')[0].click();
    await waitUntil(() => clean($(element, '[role="status"].notice')).includes('Someone else changed this registration'), 'the conflict was not told');
    expect(root(element).querySelectorAll('.queue > li')).to.have.length(1);
  });

  it('checks the invitation form before sending it, shows the server\'s field error, and lists invitations', async () => {
    const element = await render();
    buttons(element, 'Invitations')[0].click();
    await waitUntil(() => root(element).querySelector('#invite-email') && root(element).querySelector('tbody tr'), 'the invitations did not load');
    expect(clean($(element, 'tbody tr'))).to.contain('office@new.cz').and.contain('Pending').and.contain('Nina Nimic');

    buttons(element, 'Send the invitation')[0].click();
    await waitUntil(() => root(element).querySelector('#invite-email-error'), 'no error at the e-mail address');
    expect(clean($(element, '#invite-areas-error'))).to.equal('Choose at least one legislative area.');
    expect($(element, '#invite-email').getAttribute('aria-describedby')).to.equal('invite-email-error');
    expect(calls('POST', '/authorities/invitations')).to.have.length(0);

    type($(element, '#invite-email'), 'taken@new.cz');
    $(element, 'input[name="invite-area"][value="PQ"]').click();
    buttons(element, 'Send the invitation')[0].click();
    await waitUntil(() => clean($(element, '#invite-email-error')) === 'An invitation to this address is pending', 'the server\'s error is not at the field');
    expect(root(element).querySelector('#invite-areas-error')).to.equal(null);
    expect(await calls('POST', '/authorities/invitations')[0].json()).to.deep.equal({ email: 'taken@new.cz', country: 'CZ', areas: ['PQ'] });

    type($(element, '#invite-email'), 'office@another.cz');
    buttons(element, 'Send the invitation')[0].click();
    await waitUntil(() => clean($(element, '[role="status"].notice')).includes('Invitation sent to office@another.cz'), 'the invitation was not confirmed');
    expect($(element, '#invite-email').value).to.equal('');
  });

  it('saves the authority\'s data with its version; after a conflict it shows the current data and says so', async () => {
    const element = await render();
    $<HTMLButtonElement>(element, `[data-open="${active[0].id}"]`).click();
    await waitUntil(() => root(element).querySelector('#edit-city'), 'the authority did not open');
    expect(root(element).activeElement?.id).to.equal('detail-heading');
    expect($(element, '#edit-designation-cs').value).to.equal('Komora 1');

    type($(element, '#edit-city'), 'Olomouc');
    patchAnswers = [[409, { title: 'Conflict', status: 409, detail: 'Someone changed this record since you read it' }]];
    detailVersion = 8;
    detailCity = 'Jihlava';
    buttons(element, 'Save')[0].click();
    await waitUntil(() => clean($(element, '[role="status"].notice')).includes('Someone else changed this authority'), 'the conflict was not told');
    const [stale] = calls('PATCH', `/authorities/${active[0].id}`);
    expect(await stale.json()).to.include({ version: 7, city: 'Olomouc', email: 'office@komora.cz' });
    expect($(element, '#edit-city').value).to.equal('Jihlava');

    type($(element, '#edit-email'), 'not-an-address');
    patchAnswers = [[400, { title: 'Invalid request', status: 400, errors: [{ path: 'email', in: 'body', message: 'Enter an e-mail address like office@example.org' }] }]];
    buttons(element, 'Save')[0].click();
    await waitUntil(() => root(element).querySelector('#edit-email-error'), 'the field error was not shown');
    const [, second] = calls('PATCH', `/authorities/${active[0].id}`);
    expect(await second.json()).to.include({ version: 8, email: 'not-an-address' });
    expect($(element, '#edit-email').getAttribute('aria-describedby')).to.equal('edit-email-error');
    expect(root(element).activeElement?.id).to.equal('edit-email');
  });

  it('says so when the server refuses the list', async () => {
    stub = installFetchStub(async (request) =>
      new URL(request.url).pathname.endsWith('/admin/authorities') ? answer({ title: 'Forbidden', status: 403, detail: 'You may not do this.' }, 403) : registryApi(request));
    const element = await fixture<ImiConsoleAuthorities>(html`<imi-console-authorities .me=${lda}></imi-console-authorities>`);
    await element.localeReady;
    await waitUntil(() => root(element).querySelector('.problem'), 'the refusal was not shown');
    expect(clean($(element, '.problem'))).to.contain('You may not see this page.');
  });
});
