import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../console/pages/users.js';
import type { ImiConsoleUsers } from '../../console/pages/users.js';
import type { Me } from '../../server/modules/identity/schemas.js';
import { configureImi } from '../../components/core/context.js';
import { installFetchStub, type FetchStub } from '../fixtures/directory-api.js';

const ownId = '00000000-0000-4000-8000-0000000000c1';
const otherId = '00000000-0000-4000-8000-0000000000c2';
const nimicId = '00000000-0000-4000-8000-0000000000c0';
const person = { id: '00000000-0000-4000-8000-0000000000b1', email: 'lda.cz@imi.test', name: 'Lukáš Lda', locale: 'cs', commissionAdmin: false, dataProtectionAdmin: false, totpEnabled: false, mfa: false };
const lda: Me = { user: person, authority: { id: ownId, country: 'CZ', officialName: 'Komora 1', designation: 'Chamber 1' }, roles: [{ area: 'PQ', role: 'lda' }], coordinator: null };
const nimic: Me = {
  user: { ...person, email: 'nimic.cz@imi.test', name: 'Nina Nimic' }, authority: { id: nimicId, country: 'CZ', officialName: 'Ministerstvo', designation: 'Ministry' },
  roles: [{ area: 'PQ', role: 'lda' }], coordinator: { kind: 'NIMIC', scope: { country: 'CZ' } },
};
const admin: Me = { user: { ...person, email: 'admin@imi.test', name: 'Anna Admin', commissionAdmin: true, totpEnabled: true, mfa: true }, authority: null, roles: [], coordinator: null };

const user = (n: number, roles: { area: string; role: string }[], extra: Record<string, unknown> = {}) => ({
  id: `00000000-0000-4000-8000-00000000030${n}`, email: `user${n}@komora.cz`, name: `User ${n}`, locale: 'cs', active: true, activated: true, totpEnabled: false,
  commissionAdmin: false, dataProtectionAdmin: false, version: 4, roles, ...extra,
});
const choice = (id: string, designation: string) => ({
  id, country: 'CZ', officialName: designation, officialNameLang: 'cs', designation, designationLang: 'en', region: null, city: 'Brno',
  coordinatorKind: 'NONE', status: 'active', statusReason: null, areas: ['PQ', 'SERVICES'], version: 2, createdAt: '2026-11-01T00:00:00.000Z',
});

let stub: FetchStub;
let users: Record<string, ReturnType<typeof user>[]>;
/** Answers to the next PATCH /users/{id}, in turn. */
let patchAnswers: [number, unknown][];

const answer = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } });

async function usersApi(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const path = url.pathname.replace('/api/v1', '');
  if (path === '/legislative-areas') return answer({ items: [{ code: 'PQ', name: 'Professional qualifications' }, { code: 'SERVICES', name: 'Services' }], nextCursor: null });
  if (path === '/countries') return answer({ items: [{ code: 'CZ', name: 'Czechia' }], nextCursor: null });
  if (path === '/admin/authorities') return answer({ items: [choice(nimicId, 'Ministry'), choice(ownId, 'Chamber 1'), choice(otherId, 'Chamber 2')], nextCursor: null });
  const authority = /^\/authorities\/([0-9a-f-]+)$/.exec(path);
  if (authority) return answer({ ...choice(authority[1], authority[1] === otherId ? 'Chamber 2' : 'Chamber 1'), areas: [{ area: 'PQ', professions: [], keywords: [] }, { area: 'SERVICES', professions: [], keywords: [] }] });
  const list = /^\/authorities\/([0-9a-f-]+)\/users$/.exec(path);
  if (list && request.method === 'GET') return answer({ items: users[list[1]] ?? [], nextCursor: null });
  if (list && request.method === 'POST') {
    const body = (await request.clone().json()) as { email: string; name: string };
    if (body.email === 'user1@komora.cz') return answer({ title: 'Invalid request', status: 400, errors: [{ path: 'email', in: 'body', message: 'An account with this e-mail address exists already' }] }, 400);
    return answer(user(9, [], { email: body.email, name: body.name }), 201);
  }
  if (/^\/users\/[0-9a-f-]+$/.test(path) && request.method === 'PATCH') {
    const [status, body] = patchAnswers.shift() ?? [200, {}];
    return answer(body, status);
  }
  if (/^\/users\/[0-9a-f-]+\/reset$/.test(path)) return answer({ reset: true });
  if (/^\/admin\/users\/[0-9a-f-]+$/.test(path)) return answer({ ...users[otherId][0], dataProtectionAdmin: true, version: 5 });
  return answer({ title: 'Not found', status: 404 }, 404);
}

const root = (element: ImiConsoleUsers) => element.shadowRoot!;
const $ = <T extends Element = HTMLInputElement>(element: ImiConsoleUsers, selector: string) => root(element).querySelector<T>(selector)!;
const buttons = (element: ImiConsoleUsers, label: string) => [...root(element).querySelectorAll<HTMLButtonElement>('button')].filter((b) => b.textContent?.trim() === label);
const clean = (node: Element | null) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const calls = (method: string, path: string) => stub.calls.filter((r) => r.method === method && new URL(r.url).pathname === `/api/v1${path}`);
const rowOf = (element: ImiConsoleUsers, id: string) => $<HTMLTableRowElement>(element, `tr[data-user="${id}"]`);
const status = (element: ImiConsoleUsers) => clean($(element, '.notice[role="status"]'));

function type(input: HTMLInputElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

async function render(me: Me = lda, ready = 'tbody tr'): Promise<ImiConsoleUsers> {
  stub = installFetchStub(usersApi);
  const element = await fixture<ImiConsoleUsers>(html`<imi-console-users .me=${me}></imi-console-users>`);
  await element.localeReady;
  await waitUntil(() => root(element).querySelector(ready), 'the page did not load');
  return element;
}

beforeEach(() => {
  users = {
    [ownId]: [user(1, [{ area: 'PQ', role: 'request-handler' }, { area: 'PQ', role: 'lda' }, { area: 'SERVICES', role: 'basic-user' }]), user(2, [], { activated: false })],
    [otherId]: [user(3, [{ area: 'SERVICES', role: 'request-handler' }])],
    [nimicId]: [user(4, [{ area: 'PQ', role: 'lda' }])],
  };
  patchAnswers = [];
  configureImi({ apiBase: '/api/v1', locale: undefined, getAccessToken: () => null });
});

afterEach(() => stub?.restore());

describe('<imi-console-users>', () => {
  it('is accessible', async () => {
    const element = await render();
    await expect(element).to.be.accessible();
  });

  it('is accessible with the edit form open', async () => {
    const element = await render();
    buttons(element, 'Edit')[0].click();
    await waitUntil(() => root(element).querySelector('#edit-name'));
    await expect(element).to.be.accessible();
  });

  it('shows each user\'s roles per legislative area and whether the account is set up', async () => {
    const element = await render();
    const first = clean(rowOf(element, users[ownId][0].id));
    expect(first).to.contain('PQ: Request handler, Local data administrator').and.contain('SERVICES: Basic user');
    const second = clean(rowOf(element, users[ownId][1].id));
    expect(second).to.contain('No roles').and.contain('Has not set a password yet');
    expect(calls('GET', `/authorities/${ownId}/users`)).to.have.length(1);
    // An LDA administers only its own authority: no choice of authority.
    expect(root(element).querySelector('#authority')).to.equal(null);
  });

  it('sends a change of roles with the version it was read at', async () => {
    const element = await render();
    const target = users[ownId][0];
    [...rowOf(element, target.id).querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Edit')!.click();
    await waitUntil(() => root(element).querySelector('#edit-name'), 'the edit form did not open');
    expect(root(element).activeElement?.id).to.equal('edit-heading');
    $(element, 'input[name="edit-role"][value="SERVICES|basic-user"]').click();
    $(element, 'input[name="edit-role"][value="SERVICES|allocator"]').click();
    users[ownId][0] = { ...target, version: 5, roles: [{ area: 'PQ', role: 'request-handler' }, { area: 'PQ', role: 'lda' }, { area: 'SERVICES', role: 'allocator' }] };
    buttons(element, 'Save')[0].click();
    await waitUntil(() => status(element).includes('The changes to User 1 are saved'), 'the change was not confirmed');
    const [sent] = calls('PATCH', `/users/${target.id}`);
    expect(await sent.json()).to.deep.equal({
      version: 4, name: 'User 1', active: true,
      roles: [{ area: 'PQ', role: 'request-handler' }, { area: 'PQ', role: 'lda' }, { area: 'SERVICES', role: 'allocator' }],
    });
    expect(clean(rowOf(element, target.id))).to.contain('SERVICES: Allocator');
    expect(root(element).querySelector('#edit-name')).to.equal(null);
  });

  it('after a conflict shows the user as it is now and says so', async () => {
    const element = await render();
    const target = users[ownId][0];
    buttons(element, 'Edit')[0].click();
    await waitUntil(() => root(element).querySelector('#edit-name'));
    $(element, 'input[name="edit-role"][value="PQ|allocator"]').click();
    patchAnswers = [[409, { title: 'Conflict', status: 409, detail: 'Someone changed this record since you read it' }]];
    users[ownId][0] = { ...target, version: 6, name: 'User One', roles: [{ area: 'PQ', role: 'referral-handler' }] };
    buttons(element, 'Save')[0].click();
    await waitUntil(() => status(element).includes('Someone else changed this user'), 'the conflict was not told');
    expect(calls('GET', `/authorities/${ownId}/users`)).to.have.length(2);
    expect($(element, '#edit-name').value).to.equal('User One');
    const checked = [...root(element).querySelectorAll<HTMLInputElement>('input[name="edit-role"]')].filter((i) => i.checked).map((i) => i.value);
    expect(checked).to.deep.equal(['PQ|referral-handler']);

    patchAnswers = [[200, {}]];
    buttons(element, 'Save')[0].click();
    await waitUntil(() => calls('PATCH', `/users/${target.id}`).length === 2);
    expect(await calls('PATCH', `/users/${target.id}`)[1].json()).to.include({ version: 6, name: 'User One' });
  });

  it('checks a new user\'s name and e-mail address, shows the server\'s field error, and creates the user with roles', async () => {
    const element = await render();
    buttons(element, 'Add the user')[0].click();
    await waitUntil(() => root(element).querySelector('#create-name-error'), 'no error at the name');
    expect(clean($(element, '#create-email-error'))).to.equal('Enter an e-mail address like name@example.org.');
    expect($(element, '#create-name').getAttribute('aria-describedby')).to.equal('create-name-error');
    expect(root(element).activeElement?.id).to.equal('create-name');
    expect(calls('POST', `/authorities/${ownId}/users`)).to.have.length(0);

    type($(element, '#create-name'), 'Jana Nová');
    type($(element, '#create-email'), 'user1@komora.cz');
    $(element, 'input[name="create-role"][value="PQ|request-handler"]').click();
    buttons(element, 'Add the user')[0].click();
    await waitUntil(() => clean($(element, '#create-email-error')) === 'An account with this e-mail address exists already', 'the server\'s error is not at the field');
    expect(root(element).querySelector('#create-name-error')).to.equal(null);

    type($(element, '#create-email'), 'jana@komora.cz');
    buttons(element, 'Add the user')[0].click();
    await waitUntil(() => status(element).includes('Jana Nová is added'), 'the new user was not confirmed');
    const [, created] = calls('POST', `/authorities/${ownId}/users`);
    expect(await created.json()).to.deep.equal({ name: 'Jana Nová', email: 'jana@komora.cz', locale: 'en', roles: [{ area: 'PQ', role: 'request-handler' }] });
  });

  it('lets a coordinator choose an authority in its scope, see its users and reset one, but not change their roles', async () => {
    const element = await render(nimic);
    expect($<HTMLSelectElement>(element, '#authority').value).to.equal(nimicId);
    const select = $<HTMLSelectElement>(element, '#authority');
    select.value = otherId;
    select.dispatchEvent(new Event('change'));
    await waitUntil(() => root(element).querySelector(`tr[data-user="${users[otherId][0].id}"]`), 'the users of the chosen authority did not load');
    expect(clean($(element, '#users-heading'))).to.equal('Users of Chamber 2');
    expect(buttons(element, 'Edit')).to.have.length(0);
    expect(root(element).querySelector('#create-name')).to.equal(null);

    buttons(element, 'Reset password')[0].click();
    await waitUntil(() => root(element).querySelector('#confirm-reset'));
    expect(root(element).activeElement?.id).to.equal('confirm-reset');
    $<HTMLButtonElement>(element, '#confirm-reset').click();
    await waitUntil(() => status(element).includes('User 3 gets an e-mail'), 'the reset was not confirmed');
    expect(calls('POST', `/users/${users[otherId][0].id}/reset`)).to.have.length(1);
  });

  it('lets the Commission grant data-protection powers with the user\'s version', async () => {
    const element = await render(admin, '#authority');
    expect(root(element).querySelector('tbody tr')).to.equal(null);
    const select = $<HTMLSelectElement>(element, '#authority');
    select.value = otherId;
    select.dispatchEvent(new Event('change'));
    await waitUntil(() => root(element).querySelector('tbody tr'), 'the users did not load');
    expect(buttons(element, 'Reset password')).to.have.length(0);
    buttons(element, 'Grant data-protection powers')[0].click();
    await waitUntil(() => calls('PATCH', `/admin/users/${users[otherId][0].id}`).length === 1);
    expect(await calls('PATCH', `/admin/users/${users[otherId][0].id}`)[0].json()).to.deep.equal({ version: 4, dataProtectionAdmin: true });
    await waitUntil(() => status(element).includes('User 3 has data-protection administrator powers'), 'the grant was not confirmed');
  });
});
