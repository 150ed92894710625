import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import '../../components/index.js';
import { ImiAuthoritySearch } from '../../components/authority-search/authority-search.js';
import { configureImi } from '../../components/core/context.js';
import { normalizeLocale, resolveLocale } from '../../components/core/localization.js';
import {
  directoryApi,
  installFetchStub,
  longWordAuthorities,
  manyAuthorities,
  nurseAuthorities,
  type DirectoryApiOptions,
  type FetchStub,
} from '../fixtures/directory-api.js';

const token = 'test-token-7d41c9';
let stub: FetchStub | undefined;
let tokenRequests = 0;
let api = directoryApi({ token });

function useApi(options: DirectoryApiOptions = {}) {
  api = directoryApi({ token, ...options });
}

async function render(template: TemplateResult = html`<imi-authority-search></imi-authority-search>`): Promise<ImiAuthoritySearch> {
  stub = installFetchStub((request) => api(request));
  const element = await fixture<ImiAuthoritySearch>(template);
  await element.localeReady;
  await element.updateComplete;
  return element;
}

const root = (element: ImiAuthoritySearch) => element.shadowRoot!;
const input = (element: ImiAuthoritySearch) => root(element).querySelector<HTMLInputElement>('input[role="combobox"]')!;
const options = (element: ImiAuthoritySearch) => [...root(element).querySelectorAll<HTMLElement>('[role="option"]')];
const liveRegion = (element: ImiAuthoritySearch) => root(element).querySelector<HTMLElement>('[role="status"]')!;
const results = (element: ImiAuthoritySearch) => root(element).querySelector<HTMLElement>('.results')!;
const button = (element: ImiAuthoritySearch, text: string) =>
  [...root(element).querySelectorAll('button')].find((b) => b.textContent?.trim() === text);

function type(element: ImiAuthoritySearch, text: string): void {
  const field = input(element);
  field.focus();
  field.value = text;
  field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

async function search(element: ImiAuthoritySearch, text: string): Promise<void> {
  type(element, text);
  await waitUntil(() => options(element).length > 0 || results(element).textContent?.includes('No authority'), 'the search did not answer');
  await element.updateComplete;
}

async function press(element: ImiAuthoritySearch, key: string): Promise<KeyboardEvent> {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true });
  input(element).dispatchEvent(event);
  await element.updateComplete;
  return event;
}

beforeEach(() => {
  tokenRequests = 0;
  useApi();
  configureImi({
    apiBase: '/api/v1',
    locale: undefined,
    getAccessToken: async () => {
      tokenRequests++;
      return token;
    },
  });
});

afterEach(() => {
  stub?.restore();
  stub = undefined;
});

describe('<imi-authority-search>', () => {
  it('is accessible when idle', async () => {
    const element = await render();
    await expect(element).to.be.accessible();
  });

  it('is accessible with the results open and an option active', async () => {
    const element = await render();
    await search(element, 'Krankenschwester');
    await press(element, 'ArrowDown');
    await expect(element).to.be.accessible();
  });

  it('shows a visible label and the hint while idle', async () => {
    const element = await render();
    const label = root(element).querySelector(`label[for="${input(element).id}"]`);
    expect(label?.textContent?.trim()).to.equal('Search competent authorities');
    expect(root(element).querySelector('#hint')?.textContent).to.contain('at least 2 characters');
    expect(results(element).hidden).to.equal(true);
    expect(input(element).getAttribute('aria-expanded')).to.equal('false');
  });

  it('takes its label from the label attribute', async () => {
    const element = await render(html`<imi-authority-search label="Find the authority abroad"></imi-authority-search>`);
    expect(root(element).querySelector('label[for="input"]')?.textContent?.trim()).to.equal('Find the authority abroad');
  });

  it('wires the combobox to its listbox', async () => {
    const element = await render();
    const field = input(element);
    expect(field.getAttribute('aria-autocomplete')).to.equal('list');
    const listbox = root(element).getElementById(field.getAttribute('aria-controls')!);
    expect(listbox?.getAttribute('role')).to.equal('listbox');
  });

  it('shows designation, official name, place and why each authority matched', async () => {
    const element = await render();
    await search(element, 'Krankenschwester');
    expect(options(element)).to.have.length(nurseAuthorities.length);
    expect(input(element).getAttribute('aria-expanded')).to.equal('true');

    const [berlin] = options(element);
    const designation = berlin.querySelector('.designation')!;
    expect(designation.textContent).to.equal('State Office for Health and Social Affairs, Berlin');
    expect(designation.getAttribute('lang')).to.equal('en');
    const official = berlin.querySelector('.official')!;
    expect(official.textContent).to.equal('Landesamt für Gesundheit und Soziales Berlin');
    expect(official.getAttribute('lang')).to.equal('de');
    expect(berlin.querySelector('.place')?.textContent).to.equal('Berlin, Germany');
    const reason = berlin.querySelector('.reason')!;
    expect(reason.textContent?.replace(/\s+/g, ' ').trim()).to.equal('Competent for: General care nurse — matched Krankenschwester (German)');
    expect(reason.querySelector('q')?.getAttribute('lang')).to.equal('de');

    const wien = options(element)[4];
    expect(wien.querySelector('.reason')?.textContent?.replace(/\s+/g, ' ').trim()).to.equal('City matches Wien');
    expect(liveRegion(element).textContent).to.equal('Authorities found: 5');
  });

  it('waits for two characters and a pause in typing before it searches', async () => {
    const element = await render();
    type(element, 'K');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(stub!.searches()).to.have.length(0);
    type(element, 'Kr');
    type(element, 'Kra');
    type(element, 'Kran');
    await waitUntil(() => options(element).length > 0);
    expect(stub!.searches()).to.have.length(1);
    expect(stub!.searches()[0].searchParams.get('q')).to.equal('Kran');
  });

  it('moves the active option with the arrow keys, Home and End, and aria-activedescendant follows', async () => {
    const element = await render();
    await search(element, 'nurse');
    const field = input(element);
    const active = () => root(element).getElementById(field.getAttribute('aria-activedescendant') ?? '');

    expect((await press(element, 'ArrowDown')).defaultPrevented).to.equal(true);
    expect(active()).to.equal(options(element)[0]);
    expect(options(element)[0].getAttribute('aria-selected')).to.equal('true');
    await press(element, 'ArrowDown');
    expect(active()).to.equal(options(element)[1]);
    expect(options(element)[0].getAttribute('aria-selected')).to.equal('false');
    await press(element, 'ArrowUp');
    expect(active()).to.equal(options(element)[0]);
    await press(element, 'End');
    expect(active()).to.equal(options(element)[4]);
    await press(element, 'Home');
    expect(active()).to.equal(options(element)[0]);
    await press(element, 'ArrowUp');
    expect(active()).to.equal(options(element)[4]);
  });

  it('chooses the active option with Enter and fires imi-authority-select with the item', async () => {
    const element = await render();
    await search(element, 'nurse');
    await press(element, 'ArrowDown');
    await press(element, 'ArrowDown');
    const selected = oneEvent(element, 'imi-authority-select');
    await press(element, 'Enter');
    const event = await selected;
    expect(event.detail.authority).to.deep.equal(nurseAuthorities[1]);
    expect(event.bubbles && event.composed).to.equal(true);
    expect(input(element).value).to.equal(nurseAuthorities[1].designation);
    expect(input(element).getAttribute('aria-expanded')).to.equal('false');
    expect(input(element).hasAttribute('aria-activedescendant')).to.equal(false);
  });

  it('chooses an option clicked with the mouse', async () => {
    const element = await render();
    await search(element, 'nurse');
    const selected = oneEvent(element, 'imi-authority-select');
    options(element)[2].click();
    expect((await selected).detail.authority.id).to.equal(nurseAuthorities[2].id);
  });

  it('closes the results with Escape and clears the text with a second Escape', async () => {
    const element = await render();
    await search(element, 'nurse');
    await press(element, 'ArrowDown');
    await press(element, 'Escape');
    expect(results(element).hidden).to.equal(true);
    expect(input(element).getAttribute('aria-expanded')).to.equal('false');
    expect(input(element).value).to.equal('nurse');
    await press(element, 'ArrowDown');
    expect(input(element).getAttribute('aria-expanded')).to.equal('true');
    await press(element, 'Escape');
    await press(element, 'Escape');
    expect(input(element).value).to.equal('');
  });

  it('closes the results when the focus leaves the element', async () => {
    const element = await render();
    await search(element, 'nurse');
    const outside = document.createElement('button');
    document.body.append(outside);
    outside.focus();
    await element.updateComplete;
    expect(results(element).hidden).to.equal(true);
    outside.remove();
  });

  it('marks the results busy and announces the search while it loads', async () => {
    useApi({ pendingSearch: true });
    const element = await render();
    type(element, 'nurse');
    await waitUntil(() => results(element).getAttribute('aria-busy') === 'true');
    expect(results(element).textContent).to.contain('Searching…');
    expect(liveRegion(element).textContent).to.equal('Searching…');
    expect(liveRegion(element).getAttribute('aria-live')).to.equal('polite');
  });

  it('says so when no authority is found', async () => {
    useApi({ authorities: [] });
    const element = await render();
    await search(element, 'xyzzy');
    expect(results(element).textContent).to.contain('No authority found for “xyzzy”.');
    expect(liveRegion(element).textContent).to.equal('No authority found for “xyzzy”.');
    await expect(element).to.be.accessible();
  });

  it('shows the problem and searches again on Retry', async () => {
    useApi({ searchFailure: { status: 503, title: 'Service unavailable', detail: 'The directory is being updated.' } });
    const element = await render();
    type(element, 'nurse');
    await waitUntil(() => button(element, 'Retry'));
    expect(results(element).textContent).to.contain('The search failed.');
    expect(results(element).textContent).to.contain('The directory is being updated.');
    await expect(element).to.be.accessible();

    useApi();
    button(element, 'Retry')!.click();
    await waitUntil(() => options(element).length === nurseAuthorities.length);
    expect(button(element, 'Retry')).to.equal(undefined);
  });

  it('tells the user when the server cannot be reached', async () => {
    useApi({ searchFailure: 'network' });
    const element = await render();
    type(element, 'nurse');
    await waitUntil(() => button(element, 'Retry'));
    expect(results(element).textContent).to.contain('The server could not be reached.');
  });

  it('appends the next page with the cursor on Load more', async () => {
    useApi({ authorities: manyAuthorities });
    const element = await render(html`<imi-authority-search page-size="10"></imi-authority-search>`);
    await search(element, 'doctor');
    expect(options(element)).to.have.length(10);
    expect(liveRegion(element).textContent).to.contain('More results are available.');

    button(element, 'Load more results')!.click();
    await waitUntil(() => options(element).length === 20);
    expect(stub!.searches()[1].searchParams.get('cursor')).to.equal('10');
    expect(stub!.searches()[1].searchParams.get('q')).to.equal('doctor');
    expect(input(element).getAttribute('aria-activedescendant')).to.equal('option-10');
    expect(options(element)[0].textContent).to.contain(manyAuthorities[0].designation);

    button(element, 'Load more results')!.click();
    await waitUntil(() => options(element).length === 25);
    expect(button(element, 'Load more results')).to.equal(undefined);
  });

  it('fills the filters from the reference data and sends them as query parameters', async () => {
    const element = await render(html`<imi-authority-search country="DE" area="PQ" profession="general-care-nurse"></imi-authority-search>`);
    const select = (id: string) => root(element).querySelector<HTMLSelectElement>(`select#${id}`)!;
    await waitUntil(() => select('country').options.length > 2 && select('profession').options.length > 2);
    await element.updateComplete;
    expect(select('country').value).to.equal('DE');
    expect(select('country').selectedOptions[0].textContent).to.equal('Germany');
    expect(select('area').value).to.equal('PQ');
    expect(select('profession').value).to.equal('general-care-nurse');
    expect(root(element).querySelector('label[for="area"]')?.textContent).to.equal('Legislative area');

    await search(element, 'nurse');
    const [first] = stub!.searches();
    expect(first.searchParams.get('country')).to.equal('DE');
    expect(first.searchParams.get('area')).to.equal('PQ');
    expect(first.searchParams.get('profession')).to.equal('general-care-nurse');

    select('country').value = 'FR';
    select('country').dispatchEvent(new Event('change'));
    await waitUntil(() => stub!.searches().length === 2);
    expect(stub!.searches()[1].searchParams.get('country')).to.equal('FR');
  });

  it('hides the filters with hide-filters and still applies the preset ones', async () => {
    const element = await render(html`<imi-authority-search hide-filters country="FI"></imi-authority-search>`);
    expect(root(element).querySelector('[part~="filters"]')).to.equal(null);
    await search(element, 'nurse');
    expect(stub!.calls.some((request) => request.url.includes('/countries'))).to.equal(false);
    expect(stub!.searches()[0].searchParams.get('country')).to.equal('FI');
  });

  it('fetches the token through the callback for every call, sends it as Bearer and never puts it in the DOM', async () => {
    const element = await render();
    await search(element, 'nurse');
    expect(stub!.calls.length).to.be.greaterThan(1);
    for (const request of stub!.calls) expect(request.headers.get('Authorization')).to.equal(`Bearer ${token}`);
    expect(tokenRequests).to.equal(stub!.calls.length);
    expect(element.outerHTML).not.to.contain(token);
    expect(root(element).innerHTML).not.to.contain(token);
    expect([...element.attributes].some((attribute) => attribute.value.includes(token))).to.equal(false);
  });

  it('asks for the locale of the UI in every call', async () => {
    const element = await render();
    await search(element, 'nurse');
    for (const request of stub!.calls) {
      expect(new URL(request.url).searchParams.get('lang')).to.equal('en');
      expect(request.headers.get('Accept-Language')).to.equal('en');
    }
  });

  it('fires imi-auth-required when the server answers 401', async () => {
    configureImi({ getAccessToken: () => 'expired-token' });
    const element = await render(html`<imi-authority-search hide-filters></imi-authority-search>`);
    const required = oneEvent(element, 'imi-auth-required');
    type(element, 'nurse');
    const event = await required;
    expect(event.detail.problem.status).to.equal(401);
    expect(event.composed).to.equal(true);
    await waitUntil(() => results(element).textContent?.includes('Please sign in again'));
  });

  it('uses the configuration of an enclosing <imi-provider>', async () => {
    stub = installFetchStub((request) => api(request));
    const wrapper = await fixture<HTMLElement>(html`
      <imi-provider api-base="/portal/api/v1" .getAccessToken=${() => token}>
        <imi-authority-search hide-filters></imi-authority-search>
      </imi-provider>
    `);
    const element = wrapper.querySelector('imi-authority-search')!;
    await element.updateComplete;
    await search(element, 'nurse');
    expect(stub.searches()[0].pathname).to.equal('/portal/api/v1/authorities');
  });

  it('speaks the language of its lang attribute', async () => {
    const element = await render(html`<imi-authority-search lang="de"></imi-authority-search>`);
    await waitUntil(() => root(element).querySelector('label[for="input"]')?.textContent?.trim() === 'Zuständige Behörden suchen');
    expect(root(element).querySelector('label[for="country"]')?.textContent).to.equal('Land');
    await search(element, 'Krankenschwester');
    expect(stub!.searches()[0].searchParams.get('lang')).to.equal('de');
    expect(options(element)[0].querySelector('.place')?.textContent).to.equal('Berlin, Deutschland');
  });

  it('follows the closest lang of its ancestors and keeps long words inside 320 px', async () => {
    useApi({ authorities: longWordAuthorities });
    stub = installFetchStub((request) => api(request));
    const wrapper = await fixture<HTMLElement>(html`<div lang="fi-FI" style="width: 320px"><imi-authority-search></imi-authority-search></div>`);
    const element = wrapper.querySelector('imi-authority-search')!;
    await element.localeReady;
    await waitUntil(() => root(element).querySelector('label[for="input"]')?.textContent?.trim() === 'Hae toimivaltaisia viranomaisia');
    await search(element, 'sairaanhoitaja');
    expect(element.scrollWidth).to.be.at.most(320);
    for (const option of options(element)) expect(option.scrollWidth).to.be.at.most(option.clientWidth + 1);
    await expect(element).to.be.accessible();
  });

  it('can be defined twice', () => {
    expect(() => ImiAuthoritySearch.define('imi-authority-search')).not.to.throw();
    expect(customElements.get('imi-authority-search')).to.equal(ImiAuthoritySearch);
  });
});

describe('locale resolution', () => {
  it('maps region tags and Norwegian to the UI locales', () => {
    expect(normalizeLocale('de-AT')).to.equal('de');
    expect(normalizeLocale('no')).to.equal('nb');
    expect(normalizeLocale('nn-NO')).to.equal('nb');
    expect(normalizeLocale('ru')).to.equal(undefined);
  });

  it('takes the element lang, then the closest ancestor, then <html lang>, then English', () => {
    const outer = document.createElement('div');
    outer.lang = 'pt-PT';
    const inner = document.createElement('span');
    outer.append(inner);
    expect(resolveLocale(inner)).to.equal('pt');
    inner.lang = 'sv';
    expect(resolveLocale(inner)).to.equal('sv');
    expect(resolveLocale(document.createElement('span'))).to.equal(document.documentElement.lang ? normalizeLocale(document.documentElement.lang) ?? 'en' : 'en');
  });
});
