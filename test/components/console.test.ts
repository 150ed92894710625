import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../console/app.js';
import type { ImiConsole } from '../../console/app.js';
import type { Me } from '../../server/modules/identity/schemas.js';
import { configureImi } from '../../components/core/context.js';
import { installFetchStub, type FetchStub } from '../fixtures/directory-api.js';

const adminCode = '381204';
const authority = { id: '00000000-0000-4000-8000-000000000a01', country: 'FR', officialName: 'Ministère de l’Intérieur', designation: 'Ministry of the Interior' };
const person = (email: string, name: string) => ({ id: '00000000-0000-4000-8000-000000000b01', email, name, locale: 'en', commissionAdmin: false, dataProtectionAdmin: false, totpEnabled: false, mfa: false });
const accounts: Record<string, Me> = {
  'admin@imi.test': { user: { ...person('admin@imi.test', 'Anna Admin'), commissionAdmin: true, totpEnabled: true, mfa: true }, authority: null, roles: [], coordinator: null },
  'nimic.fr@imi.test': { user: person('nimic.fr@imi.test', 'Nicolas Nimic'), authority, roles: [{ area: 'PQ', role: 'lda' }], coordinator: { kind: 'NIMIC', scope: { country: 'FR' } } },
  'lda.fr@imi.test': { user: person('lda.fr@imi.test', 'Léa Lda'), authority, roles: [{ area: 'PQ', role: 'lda' }], coordinator: null },
  'handler.fr@imi.test': { user: person('handler.fr@imi.test', 'Hugo Handler'), authority, roles: [{ area: 'PQ', role: 'request-handler' }], coordinator: null },
  'basic.fr@imi.test': { user: person('basic.fr@imi.test', 'Bruno Basic'), authority, roles: [{ area: 'PQ', role: 'basic-user' }], coordinator: null },
  'dpo@imi.test': { user: { ...person('dpo@imi.test', 'Dana Dpo'), dataProtectionAdmin: true }, authority: null, roles: [], coordinator: null },
};

const system = {
  version: '0.1.0', node: 'v20.19.0', startedAt: '2026-11-29T08:00:00.000Z',
  database: { kind: 'postgresql', serverVersion: 'PostgreSQL 15.8', latencyMs: 0.8, sizeBytes: 52_428_800, migrations: { applied: 8, latest: 'Migration20261129133000' } },
  scheduler: { enabledHere: true, lastSweep: { instance: 'imi-1:4242', startedAt: '2026-11-29T09:59:00.000Z', finishedAt: '2026-11-29T09:59:01.000Z', reminders: 12, emails: 3, digests: 1, error: null }, sweepsLastHour: 60, failuresLastDay: 0 },
  notifications: { waiting: 2, failing: 1 },
};

let stub: FetchStub;
let signedIn: string | null;
let sessionCookie = false;

const answer = (body: unknown, status = 200) =>
  new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } });

async function consoleApi(request: Request): Promise<Response> {
  const path = new URL(request.url).pathname;
  if (path === '/api/v1/auth/login') {
    const { email, password, totp } = (await request.clone().json()) as { email: string; password: string; totp?: string };
    if (password !== 'demo-password' || !accounts[email]) return answer({ title: 'Unauthorized', status: 401, detail: 'The e-mail address or the password is wrong.' }, 401);
    if (accounts[email].user.totpEnabled && totp !== adminCode) {
      return answer({ title: 'Unauthorized', status: 401, detail: 'Enter the code', errors: [{ path: 'totp', in: 'body', message: totp ? 'Not the current code' : 'Required for this account' }] }, 401);
    }
    signedIn = email;
    sessionCookie = true;
    document.cookie = 'imi_csrf=csrf-7f3a; path=/';
    return answer({ accessToken: 'unused-by-the-console-00000', expiresIn: 3600, user: accounts[email].user });
  }
  if (path === '/api/v1/auth/logout') {
    signedIn = null;
    return answer({ signedOut: true });
  }
  if (!signedIn || !sessionCookie) return answer({ title: 'Unauthorized', status: 401 }, 401);
  if (path === '/api/v1/me') return answer(accounts[signedIn]);
  if (path === '/api/v1/admin/system') return answer(system);
  return answer({ title: 'Not found', status: 404 }, 404);
}

const root = (element: ImiConsole) => element.shadowRoot!;
const $ = <T extends HTMLElement = HTMLInputElement>(element: ImiConsole, selector: string) => root(element).querySelector<T>(selector)!;
const navLinks = (element: ImiConsole) => [...root(element).querySelectorAll('nav a')].map((a) => a.textContent!.trim());

function type(input: HTMLInputElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

async function render(): Promise<ImiConsole> {
  stub = installFetchStub(consoleApi);
  const element = await fixture<ImiConsole>(html`<imi-console></imi-console>`);
  await element.localeReady;
  await waitUntil(() => root(element).querySelector('form, nav'), 'the console did not settle');
  return element;
}

async function signIn(element: ImiConsole, email: string, totp?: string): Promise<void> {
  type($(element, '#sign-in-email'), email);
  type($(element, '#sign-in-password'), 'demo-password');
  $<HTMLFormElement>(element, 'form').requestSubmit();
  if (totp) {
    await waitUntil(() => root(element).querySelector('#sign-in-totp'), 'the code was not asked for');
    type($(element, '#sign-in-totp'), totp);
    $<HTMLFormElement>(element, 'form').requestSubmit();
  }
  await waitUntil(() => root(element).querySelector('nav'), 'the sign-in did not finish');
}

beforeEach(() => {
  signedIn = null;
  sessionCookie = false;
  location.hash = '';
  configureImi({ apiBase: '/api/v1', locale: undefined, getAccessToken: () => null });
});

afterEach(() => {
  stub?.restore();
  document.cookie = 'imi_csrf=; path=/; max-age=0';
  location.hash = '';
});

describe('<imi-console>', () => {
  it('is accessible when signed out', async () => {
    const element = await render();
    await expect(element).to.be.accessible();
  });

  it('is accessible signed in, on the System page', async () => {
    const element = await render();
    await signIn(element, 'admin@imi.test', adminCode);
    location.hash = '#/system';
    await waitUntil(() => root(element).querySelector('imi-console-system')?.shadowRoot?.querySelector('table'), 'the System page did not load');
    await expect(element).to.be.accessible();
  });

  it('asks for the authenticator code when the account has one, and signs in with it', async () => {
    const element = await render();
    await signIn(element, 'admin@imi.test', adminCode);
    const login = stub.calls.filter((request) => new URL(request.url).pathname === '/api/v1/auth/login');
    expect(login).to.have.length(2);
    expect(await login[1].clone().json()).to.include({ email: 'admin@imi.test', totp: adminCode });
    expect($(element, 'header').textContent).to.contain('Signed in as Anna Admin');
  });

  it('shows the pages each kind of user may use, and no more', async () => {
    const expected: Record<string, string[]> = {
      'admin@imi.test': [
        'Network overview', 'States and routing', 'Authorities', 'Legislative areas and question sets', 'Professions', 'Users and roles', 'Audit log', 'Data protection', 'System',
      ],
      'nimic.fr@imi.test': ['Network overview', 'States and routing', 'Authorities', 'Users and roles', 'Data protection'],
      'lda.fr@imi.test': ['Authorities', 'Users and roles', 'Data protection'],
      'handler.fr@imi.test': ['Data protection'],
      'basic.fr@imi.test': [],
    };
    for (const [email, pages] of Object.entries(expected)) {
      signedIn = null;
      const element = await render();
      await signIn(element, email, email === 'admin@imi.test' ? adminCode : undefined);
      expect(navLinks(element), email).to.deep.equal(pages);
      if (!pages.length) expect($(element, 'main > h2').textContent).to.equal('Nothing to administer');
      element.remove();
      stub.restore();
    }
  });

  it('refuses a page the user may not use, saying so', async () => {
    location.hash = '#/system';
    const element = await render();
    await signIn(element, 'lda.fr@imi.test');
    expect($(element, 'main > h2').textContent).to.equal('Not available');
    expect($(element, '[role="alert"]').textContent).to.contain('no access to this page');
    expect(root(element).querySelector('imi-console-system')).to.equal(null);
  });

  it('asks an administrator without a confirmed second factor to set one up, and hides the powers until then', async () => {
    const element = await render();
    await signIn(element, 'dpo@imi.test');
    expect(navLinks(element)).to.deep.equal([]);
    expect($(element, '#second-factor-heading').textContent).to.equal('Set up a second factor');
  });

  it('sends the CSRF token from its cookie with every change, and signs out', async () => {
    const element = await render();
    await signIn(element, 'nimic.fr@imi.test');
    const signOut = [...root(element).querySelectorAll('header button')].find((b) => b.textContent?.trim() === 'Sign out') as HTMLButtonElement;
    signOut.click();
    await waitUntil(() => root(element).querySelector('#sign-in-email'), 'the sign-in form did not come back');
    const logout = stub.calls.find((request) => new URL(request.url).pathname === '/api/v1/auth/logout')!;
    expect(logout.headers.get('X-CSRF-Token')).to.equal('csrf-7f3a');
    expect(logout.headers.get('Authorization')).to.equal(null);
    expect($(element, '[role="status"]').textContent).to.contain('You are signed out.');
  });

  it('moves the focus to the heading of the page the user opens from the menu, by keyboard', async () => {
    const element = await render();
    await signIn(element, 'admin@imi.test', adminCode);
    const system = [...root(element).querySelectorAll<HTMLAnchorElement>('nav a')].find((a) => a.textContent?.trim() === 'System')!;
    system.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => root(element).activeElement?.textContent === 'System', 'the focus did not move to the page heading');
    expect(system.getAttribute('aria-current')).to.equal('page');
  });

  it('shows the System page: database, migrations, the last sweep and the e-mail queue', async () => {
    location.hash = '#/system';
    const element = await render();
    await signIn(element, 'admin@imi.test', adminCode);
    const page = $(element, 'imi-console-system');
    await waitUntil(() => page.shadowRoot?.querySelector('table'), 'the System page did not load');
    const rows = Object.fromEntries(
      [...page.shadowRoot!.querySelectorAll('tr')].map((tr) => [tr.querySelector('th')!.textContent!.trim(), tr.querySelector('td')!.textContent!.replace(/\s+/g, ' ').trim()]),
    );
    expect(rows).to.include({
      Kind: 'PostgreSQL server',
      'Migrations applied': '8 (Migration20261129133000)',
      'Result of the last sweep': 'Finished',
      'Reminders recorded': '12',
      'E-mails sent': '4',
      'Failed at least once, to be retried': '1',
    });
    expect(rows['Last sweep']).to.contain('(imi-1:4242)');
  });

  it('fits a 320 px wide screen: the menu stacks above the page, and nothing sticks out sideways', async () => {
    await setViewport({ width: 320, height: 640 });
    try {
      location.hash = '#/system';
      const element = await render();
      await signIn(element, 'admin@imi.test', adminCode);
      const page = $(element, 'imi-console-system');
      await waitUntil(() => page.shadowRoot?.querySelector('table'), 'the System page did not load');
      expect(document.documentElement.scrollWidth).to.be.at.most(320);
      const nav = $(element, 'nav').getBoundingClientRect();
      const main = $(element, 'main').getBoundingClientRect();
      expect(main.top, 'the page below the menu').to.be.at.least(nav.bottom);
      for (const node of [...root(element).querySelectorAll('*'), ...page.shadowRoot!.querySelectorAll('*')]) {
        expect(node.getBoundingClientRect().right, node.outerHTML.slice(0, 80)).to.be.at.most(321);
      }
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('tells the user to sign in again when the session has expired', async () => {
    location.hash = '#/system';
    const element = await render();
    await signIn(element, 'admin@imi.test', adminCode);
    sessionCookie = false;
    const page = $(element, 'imi-console-system');
    await waitUntil(() => page.shadowRoot?.querySelector('table'));
    void (page as unknown as { reload(): Promise<void> }).reload();
    await waitUntil(() => root(element).querySelector('#sign-in-email'), 'the sign-in form did not come back');
    expect($(element, '[role="status"]').textContent).to.contain('Your session has expired');
  });
});
