import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../demo/portal.js';
import type { ImiDemoPortal } from '../../demo/portal.js';
import { directoryApi, installFetchStub, nurseAuthorities, type FetchStub } from '../fixtures/directory-api.js';

const token = 'portal-token-51be0';
const me = {
  user: { id: '00000000-0000-4000-8000-000000000901', email: 'handler.de@imi.test', name: 'Hanna Berger', locale: 'de' },
  authority: { id: nurseAuthorities[0].id, country: 'DE', officialName: nurseAuthorities[0].officialName, designation: 'State Office for Health and Social Affairs, Berlin' },
  roles: [{ area: 'PQ', role: 'request-handler' }],
  coordinator: null,
};

let stub: FetchStub;
const directory = directoryApi({ token });

async function portalApi(request: Request): Promise<Response> {
  const path = new URL(request.url).pathname;
  const answer = (body: unknown, status = 200) => new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  if (path === '/api/v1/auth/login') {
    const { email, password } = (await request.json()) as { email: string; password: string };
    if (password !== 'demo-password') {
      return new Response(JSON.stringify({ type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'The e-mail address or the password is wrong.' }), {
        status: 401,
        headers: { 'Content-Type': 'application/problem+json' },
      });
    }
    return answer({ accessToken: token, expiresIn: 900, user: { ...me.user, email } });
  }
  if (path === '/api/v1/auth/logout') return answer(undefined, 204);
  if (path === '/api/v1/me') return request.headers.get('Authorization') === `Bearer ${token}` ? answer(me) : answer({ title: 'Unauthorized', status: 401 }, 401);
  return directory(request);
}

async function render(): Promise<ImiDemoPortal> {
  stub = installFetchStub(portalApi);
  const portal = await fixture<ImiDemoPortal>(html`<imi-demo-portal></imi-demo-portal>`);
  await portal.localeReady;
  await portal.updateComplete;
  return portal;
}

const $ = <T extends Element>(portal: ImiDemoPortal, selector: string) => portal.shadowRoot!.querySelector<T>(selector);

async function signIn(portal: ImiDemoPortal): Promise<void> {
  const account = $<HTMLSelectElement>(portal, 'form select')!;
  account.value = 'handler.de@imi.test';
  account.dispatchEvent(new Event('change'));
  await portal.updateComplete;
  $<HTMLFormElement>(portal, 'form')!.requestSubmit();
  await waitUntil(() => $(portal, 'imi-authority-search'), 'not signed in');
}

afterEach(() => {
  stub.restore();
  sessionStorage.clear();
  document.documentElement.lang = 'en';
});

describe('<imi-demo-portal>', () => {
  it('is accessible before sign-in', async () => {
    const portal = await render();
    await expect(portal).to.be.accessible();
  });

  it('offers a labelled sign-in form', async () => {
    const portal = await render();
    const form = $<HTMLFormElement>(portal, 'form')!;
    const heading = portal.shadowRoot!.getElementById(form.getAttribute('aria-labelledby')!);
    expect(heading?.textContent).to.equal('Sign in');
    const email = $<HTMLInputElement>(portal, 'input[type="email"]')!;
    const password = $<HTMLInputElement>(portal, 'input[type="password"]')!;
    expect(email.labels?.[0].textContent).to.contain('E-mail');
    expect(password.labels?.[0].textContent).to.contain('Password');
    expect(email.autocomplete).to.equal('username');
  });

  it('lists the demo accounts of the 30 states and fills the form from them', async () => {
    const portal = await render();
    const account = $<HTMLSelectElement>(portal, 'form select')!;
    expect(account.querySelectorAll('optgroup')).to.have.length(30);
    expect(account.querySelectorAll('option[value$="@imi.test"]')).to.have.length(121);
    account.value = 'lda.fi@imi.test';
    account.dispatchEvent(new Event('change'));
    await portal.updateComplete;
    expect($<HTMLInputElement>(portal, 'input[type="email"]')!.value).to.equal('lda.fi@imi.test');
    expect($<HTMLInputElement>(portal, 'input[type="password"]')!.value).to.equal('demo-password');
  });

  it('shows why a sign-in failed', async () => {
    const portal = await render();
    $<HTMLInputElement>(portal, 'input[type="email"]')!.value = 'handler.de@imi.test';
    $<HTMLInputElement>(portal, 'input[type="email"]')!.dispatchEvent(new Event('input'));
    $<HTMLInputElement>(portal, 'input[type="password"]')!.value = 'wrong';
    $<HTMLInputElement>(portal, 'input[type="password"]')!.dispatchEvent(new Event('input'));
    $<HTMLFormElement>(portal, 'form')!.requestSubmit();
    await waitUntil(() => $(portal, '[role="alert"]'));
    expect($(portal, '[role="alert"]')!.textContent).to.equal('The e-mail address or the password is wrong.');
  });

  it('signs in, searches with the token and shows the chosen authority', async () => {
    const portal = await render();
    await signIn(portal);
    expect(portal.shadowRoot!.textContent).to.contain('Signed in as Hanna Berger (handler.de@imi.test)');
    expect(portal.shadowRoot!.innerHTML).not.to.contain(token);

    const search = $<HTMLElement>(portal, 'imi-authority-search')!;
    search.dispatchEvent(new CustomEvent('imi-authority-select', { detail: { authority: nurseAuthorities[0] }, bubbles: true, composed: true }));
    await waitUntil(() => $(portal, 'dl'), 'no details');
    const details = $<HTMLElement>(portal, 'section[aria-labelledby="detail-heading"]')!;
    expect(details.querySelector('h3')?.textContent).to.equal(nurseAuthorities[0].designation);
    expect(details.querySelector('p[lang="de"]')?.textContent).to.equal(nurseAuthorities[0].officialName);
    expect(details.querySelector('a[href^="mailto:"]')?.textContent).to.equal('anerkennung@example.eu');
    const detailRequest = stub.calls.find((request) => request.url.includes(`/authorities/${nurseAuthorities[0].id}`))!;
    expect(detailRequest.headers.get('Authorization')).to.equal(`Bearer ${token}`);
    await expect(portal).to.be.accessible();
  });

  it('signs out', async () => {
    const portal = await render();
    await signIn(portal);
    [...portal.shadowRoot!.querySelectorAll('button')].find((button) => button.textContent === 'Sign out')!.click();
    await waitUntil(() => $(portal, 'form'));
    expect(stub.calls.some((request) => new URL(request.url).pathname.endsWith('/auth/logout') && request.method === 'POST')).to.equal(true);
    expect(Object.values(sessionStorage)).not.to.include(token);
    expect(portal.shadowRoot!.textContent).not.to.contain('Hanna Berger');
  });

  it('asks for a new sign-in when a widget reports an expired session', async () => {
    const portal = await render();
    await signIn(portal);
    $<HTMLElement>(portal, 'imi-authority-search')!.dispatchEvent(
      new CustomEvent('imi-auth-required', { detail: { problem: { status: 401, title: 'Unauthorized' } }, bubbles: true, composed: true }),
    );
    await waitUntil(() => $(portal, 'form'));
    expect($(portal, '[role="alert"]')?.textContent).to.equal('Your session has expired. Please sign in again.');
  });

  it('switches the language of the page and of the widgets', async () => {
    const portal = await render();
    const switcher = $<HTMLSelectElement>(portal, 'header select')!;
    expect(switcher.options).to.have.length(26);
    expect(switcher.querySelector('option[value="fi"]')?.textContent).to.equal('Suomi');
    expect(switcher.querySelector('option[value="fi"]')?.getAttribute('lang')).to.equal('fi');
    switcher.value = 'de';
    switcher.dispatchEvent(new Event('change'));
    await waitUntil(() => $(portal, 'form h2')?.textContent === 'Anmelden', 'not in German');
    expect(document.documentElement.lang).to.equal('de');
    expect(document.title).to.equal('Behördenportal — IMI-Network-Demo');
  });
});
