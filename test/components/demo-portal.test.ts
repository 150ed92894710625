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

/** The current code of the demo Commission administrator's authenticator app. */
const adminCode = '492039';
/** The token of an activation link that still works; any other token has been used. */
const activationToken = 'Vq3b9Zk1xR0sT7uWm2nYp5tLc8dEf4gHj6kLo1aSd0Q';
const newUser = 'new.handler@imi.test';

let stub: FetchStub;
const directory = directoryApi({ token });

const answer = (body: unknown, status = 200) => new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

function problem(status: number, detail: string, errors?: { path: string; in: string; message: string }[], headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ type: 'about:blank', title: status === 400 ? 'Invalid request' : 'Unauthorized', status, detail, errors }), {
    status,
    headers: { 'Content-Type': 'application/problem+json', ...headers },
  });
}

async function portalApi(request: Request): Promise<Response> {
  const path = new URL(request.url).pathname;
  if (path === '/api/v1/auth/login') {
    // A clone, so that the tests can read the body of the recorded request.
    const { email, password, totp } = (await request.clone().json()) as { email: string; password: string; totp?: string };
    if (password !== 'demo-password') return problem(401, 'The e-mail address or the password is wrong.');
    if (email === 'admin@imi.test' && totp !== adminCode) {
      return totp
        ? problem(401, 'The code is not right, or was used already.', [{ path: 'totp', in: 'body', message: 'Not the current code' }])
        : problem(401, 'Enter the six-digit code of your authenticator app.', [{ path: 'totp', in: 'body', message: 'Required for this account' }]);
    }
    return answer({ accessToken: token, expiresIn: 900, user: { ...me.user, email } });
  }
  if (path === '/api/v1/auth/activate') {
    const body = (await request.clone().json()) as { token: string; password: string };
    if (body.token !== activationToken) {
      return problem(400, 'body token: This link is not valid any more', [{ path: 'token', in: 'body', message: 'This link is not valid any more; ask your administrator for a new one' }]);
    }
    if (body.password.length < 12) return problem(400, 'body password: Use at least 12 characters', [{ path: 'password', in: 'body', message: 'Use at least 12 characters' }]);
    return answer({ activated: true, email: newUser });
  }
  if (path === '/api/v1/auth/logout') return answer(undefined, 204);
  if (path === '/api/v1/me') return request.headers.get('Authorization') === `Bearer ${token}` ? answer(me) : answer({ title: 'Unauthorized', status: 401 }, 401);
  return directory(request);
}

async function render(api = portalApi): Promise<ImiDemoPortal> {
  stub = installFetchStub(api);
  const portal = await fixture<ImiDemoPortal>(html`<imi-demo-portal></imi-demo-portal>`);
  await portal.localeReady;
  await portal.updateComplete;
  return portal;
}

const $ = <T extends Element>(portal: ImiDemoPortal, selector: string) => portal.shadowRoot!.querySelector<T>(selector);

function type(portal: ImiDemoPortal, selector: string, value: string): void {
  const input = $<HTMLInputElement>(portal, selector)!;
  input.value = value;
  input.dispatchEvent(new Event('input'));
}

/** The text that describes a field (`aria-describedby`), as a screen reader reads it after the label. */
function description(portal: ImiDemoPortal, input: Element): string {
  return (input.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => portal.shadowRoot!.getElementById(id)?.textContent ?? '')
    .join(' ');
}

const requestsTo = (path: string) => stub.calls.filter((request) => new URL(request.url).pathname === `/api/v1${path}`);

async function signIn(portal: ImiDemoPortal): Promise<void> {
  const account = $<HTMLSelectElement>(portal, 'form select')!;
  account.value = 'handler.de@imi.test';
  account.dispatchEvent(new Event('change'));
  await portal.updateComplete;
  $<HTMLFormElement>(portal, 'form')!.requestSubmit();
  await waitUntil(() => $(portal, 'nav.pages'), 'not signed in');
}

/** Follows a link of the portal's navigation, as a click would. */
async function open(portal: ImiDemoPortal, hash: string, selector: string): Promise<void> {
  $<HTMLAnchorElement>(portal, `nav.pages a[href="${hash}"]`)!.click();
  await waitUntil(() => $(portal, selector), `${hash} did not show ${selector}`);
}

afterEach(() => {
  stub.restore();
  sessionStorage.clear();
  history.replaceState(null, '', `${location.pathname}${location.search}`);
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

  it('asks for the code of the authenticator app when the account has one, and signs in with it', async () => {
    const portal = await render();
    const account = $<HTMLSelectElement>(portal, 'form select')!;
    account.value = 'admin@imi.test';
    account.dispatchEvent(new Event('change'));
    await portal.updateComplete;
    expect($(portal, '#sign-in-totp')).to.equal(null);
    $<HTMLFormElement>(portal, 'form')!.requestSubmit();

    await waitUntil(() => $(portal, '#sign-in-totp'), 'no code field');
    const code = $<HTMLInputElement>(portal, '#sign-in-totp')!;
    expect(code.labels?.[0].textContent).to.equal('Code from your authenticator app');
    expect(code.getAttribute('inputmode')).to.equal('numeric');
    expect(code.autocomplete).to.equal('one-time-code');
    expect(code.required).to.equal(true);
    expect(description(portal, code)).to.contain('six-digit code');
    expect(portal.shadowRoot!.activeElement).to.equal(code);
    expect($<HTMLInputElement>(portal, '#sign-in-email')!.value).to.equal('admin@imi.test');
    expect($<HTMLInputElement>(portal, '#sign-in-password')!.value).to.equal('demo-password');
    expect($(portal, '[role="alert"]')).to.equal(null);
    expect(await requestsTo('/auth/login')[0].json()).not.to.have.property('totp');
    await expect(portal).to.be.accessible();

    type(portal, '#sign-in-totp', '000000');
    $<HTMLFormElement>(portal, 'form')!.requestSubmit();
    await waitUntil(() => code.getAttribute('aria-invalid') === 'true', 'the wrong code is not marked');
    expect(description(portal, code)).to.contain('Not the current code');
    expect(portal.shadowRoot!.activeElement).to.equal(code);

    type(portal, '#sign-in-totp', '492 039');
    $<HTMLFormElement>(portal, 'form')!.requestSubmit();
    await waitUntil(() => $(portal, 'nav.pages'), 'not signed in');
    const logins = requestsTo('/auth/login');
    expect(logins).to.have.length(3);
    expect(await logins[2].json()).to.deep.equal({ email: 'admin@imi.test', password: 'demo-password', totp: adminCode });
  });

  it('keeps the sign-in form with the code field inside 320 px', async () => {
    stub = installFetchStub(portalApi);
    const wrapper = await fixture<HTMLElement>(html`<div style="width: 320px"><imi-demo-portal></imi-demo-portal></div>`);
    const portal = wrapper.querySelector('imi-demo-portal')!;
    await portal.localeReady;
    type(portal, '#sign-in-email', 'admin@imi.test');
    type(portal, '#sign-in-password', 'demo-password');
    $<HTMLFormElement>(portal, 'form')!.requestSubmit();
    await waitUntil(() => $(portal, '#sign-in-totp'), 'no code field');
    expect(portal.scrollWidth).to.be.at.most(320);
  });

  it('says how long to wait after too many failed sign-ins', async () => {
    const portal = await render((request) =>
      new URL(request.url).pathname.endsWith('/auth/login')
        ? Promise.resolve(problem(429, 'Too many failed sign-ins; wait before trying again.', undefined, { 'Retry-After': '840' }))
        : portalApi(request),
    );
    type(portal, '#sign-in-email', 'handler.de@imi.test');
    type(portal, '#sign-in-password', 'demo-password');
    $<HTMLFormElement>(portal, 'form')!.requestSubmit();
    await waitUntil(() => $(portal, '[role="alert"]'));
    expect($(portal, '[role="alert"]')!.textContent).to.equal('Too many failed sign-ins. Time to wait before you try again, in minutes: 14.');
  });

  it('signs in, searches with the token and shows the chosen authority', async () => {
    const portal = await render();
    await signIn(portal);
    // The inbox is the first page; the navigation leads to the others.
    expect($(portal, 'imi-inbox')).to.exist;
    expect($(portal, 'nav.pages a[aria-current="page"]')?.getAttribute('href')).to.equal('#/inbox');
    await open(portal, '#/search', 'imi-authority-search');
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

    // The chosen authority becomes the recipient of a new request.
    [...details.querySelectorAll('button')].find((b) => b.textContent === 'Ask this authority')!.click();
    await waitUntil(() => $(portal, 'imi-request-form'), 'no request form');
    expect(location.hash).to.equal('#/new');
    expect($<HTMLElement & { responder?: { id: string } }>(portal, 'imi-request-form')!.responder?.id).to.equal(nurseAuthorities[0].id);
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
    $<HTMLElement>(portal, 'imi-inbox')!.dispatchEvent(
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

  describe('opened from an e-mailed link', () => {
    async function openActivation(): Promise<ImiDemoPortal> {
      history.replaceState(null, '', `#/activate/${activationToken}`);
      const portal = await render();
      await waitUntil(() => portal.shadowRoot!.activeElement?.id === 'activate-heading', 'the heading of the form has no focus');
      return portal;
    }

    function setPassword(portal: ImiDemoPortal, password: string, repeated = password): void {
      type(portal, '#new-password', password);
      type(portal, '#repeat-password', repeated);
      $<HTMLFormElement>(portal, 'form')!.requestSubmit();
    }

    it('offers an accessible form to set the password, with the policy explained', async () => {
      const portal = await openActivation();
      expect($(portal, '#activate-heading')!.textContent).to.equal('Set your password');
      const password = $<HTMLInputElement>(portal, '#new-password')!;
      const repeated = $<HTMLInputElement>(portal, '#repeat-password')!;
      expect(password.labels?.[0].textContent).to.equal('New password');
      expect(repeated.labels?.[0].textContent).to.equal('Repeat the new password');
      expect([password.autocomplete, repeated.autocomplete]).to.deep.equal(['new-password', 'new-password']);
      expect(description(portal, password)).to.contain('at least 12 characters');
      expect(portal.shadowRoot!.innerHTML).not.to.contain(activationToken);
      await expect(portal).to.be.accessible();
    });

    it('catches two different passwords without asking the server', async () => {
      const portal = await openActivation();
      setPassword(portal, 'seven green lanterns', 'seven green lantern');
      const repeated = $<HTMLInputElement>(portal, '#repeat-password')!;
      await waitUntil(() => repeated.getAttribute('aria-invalid') === 'true', 'the mismatch is not marked');
      expect(description(portal, repeated)).to.equal('The two passwords are not the same.');
      expect(portal.shadowRoot!.activeElement).to.equal(repeated);
      expect(requestsTo('/auth/activate')).to.have.length(0);
    });

    it('shows the server’s objection to the password at the field', async () => {
      const portal = await openActivation();
      setPassword(portal, 'too short');
      const password = $<HTMLInputElement>(portal, '#new-password')!;
      await waitUntil(() => password.getAttribute('aria-invalid') === 'true', 'the password is not marked');
      expect(description(portal, password)).to.contain('Use at least 12 characters');
      expect(portal.shadowRoot!.activeElement).to.equal(password);
      expect(await requestsTo('/auth/activate')[0].json()).to.deep.equal({ token: activationToken, password: 'too short' });
    });

    it('sets the password from a link opened while the page is open, then offers the sign-in', async () => {
      const portal = await render();
      location.hash = `#/activate/${activationToken}`;
      await waitUntil(() => $(portal, '#new-password'), 'no form for the link');
      setPassword(portal, 'seven green lanterns');

      await waitUntil(() => $(portal, '#sign-in-email'), 'no sign-in after the password was set');
      expect($(portal, '[role="status"]')!.textContent?.trim()).to.equal('Your password is set. Sign in with it now.');
      expect($<HTMLInputElement>(portal, '#sign-in-email')!.value).to.equal(newUser);
      expect($<HTMLInputElement>(portal, '#sign-in-password')!.value).to.equal('');
      await waitUntil(() => portal.shadowRoot!.activeElement?.id === 'sign-in-password', 'the password field has no focus');
      expect(location.hash).to.equal('');
      await expect(portal).to.be.accessible();
    });

    it('says when the link has been used already', async () => {
      history.replaceState(null, '', '#/activate/Xz8a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6q7r8s9t0');
      const portal = await render();
      await waitUntil(() => $(portal, '#new-password'));
      setPassword(portal, 'seven green lanterns');
      await waitUntil(() => $(portal, '[role="alert"]'), 'no message about the link');
      expect($(portal, '[role="alert"]')!.textContent).to.contain('This link is no longer valid');
      expect($(portal, '#new-password')).to.equal(null);
      expect(portal.shadowRoot!.activeElement?.id).to.equal('activate-heading');
      await expect(portal).to.be.accessible();
    });

    it('points an invited authority to the admin console', async () => {
      const portal = await render();
      location.hash = '#/register/Rg7c2d9e1f0a8b3c6d5e4f7a2b1c0d9e8f7a6b5c4d3';
      await waitUntil(() => $(portal, '#register-heading'), 'no message for the registration link');
      expect(portal.shadowRoot!.textContent).to.contain('admin console');
      expect($(portal, 'form')).to.equal(null);
      await waitUntil(() => portal.shadowRoot!.activeElement?.id === 'register-heading', 'the heading has no focus');
      await expect(portal).to.be.accessible();
    });
  });
});
