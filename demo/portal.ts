import { css, html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { localized, msg, str } from '@lit/localize';
import type { AuthorityDetail } from '../server/modules/authorities/schemas.js';
import type { LoginResponse, Me } from '../server/modules/identity/schemas.js';
import '../components/index.js';
import { ApiError, ImiApi } from '../components/core/api.js';
import { configureImi } from '../components/core/context.js';
import { ImiElement } from '../components/core/imi-element.js';
import { getLocale, locales, normalizeLocale, type LocaleCode } from '../components/core/localization.js';
import { baseStyles, sys } from '../components/core/tokens.js';
import type { AuthoritySelectDetail } from '../components/core/events.js';

const apiBase = '/api/v1';
const tokenKey = 'imi-demo.access-token';
const localeKey = 'imi-demo.locale';
const demoPassword = 'demo-password';

/** The states of the demo network, by the lower-case code used in the demo e-mail addresses. */
const demoStates = ['at', 'be', 'bg', 'hr', 'cy', 'cz', 'dk', 'ee', 'fi', 'fr', 'de', 'gr', 'hu', 'ie', 'it', 'lv', 'lt', 'lu', 'mt', 'nl', 'pl', 'pt', 'ro', 'sk', 'si', 'es', 'se', 'is', 'li', 'no'];

/** Each language named in itself, for the language switcher. */
const nativeNames: Record<LocaleCode, string> = {
  bg: 'Български', cs: 'Čeština', da: 'Dansk', de: 'Deutsch', el: 'Ελληνικά', en: 'English', es: 'Español',
  et: 'Eesti', fi: 'Suomi', fr: 'Français', ga: 'Gaeilge', hr: 'Hrvatski', hu: 'Magyar', it: 'Italiano',
  lt: 'Lietuvių', lv: 'Latviešu', mt: 'Malti', nl: 'Nederlands', pl: 'Polski', pt: 'Português', ro: 'Română',
  sk: 'Slovenčina', sl: 'Slovenščina', sv: 'Svenska', is: 'Íslenska', nb: 'Norsk bokmål',
};

type Detail = Omit<AuthorityDetail, 'version' | 'coordinatorKind' | 'status'>;
interface Named {
  code: string;
  name: string;
}

function storage(): Storage | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined;
  }
}

function safeWebsite(url: string | null): string | undefined {
  return url && /^https?:\/\//i.test(url) ? url : undefined;
}

/**
 * @summary The demo page of a national portal for public authorities: language switcher, sign-in with the demo
 * accounts, the authority search and the details of the chosen authority.
 */
@localized()
export class ImiDemoPortal extends ImiElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
        min-height: 100vh;
        overflow-wrap: anywhere;
        background: ${sys('color-surface-variant')};
      }
      header {
        color: ${sys('color-on-primary')};
        background: ${sys('color-primary')};
      }
      .bar,
      main,
      footer {
        max-width: 72rem;
        margin: 0 auto;
        padding: ${sys('space-3')} ${sys('space-4')};
      }
      .bar {
        display: flex;
        flex-wrap: wrap;
        gap: ${sys('space-3')};
        align-items: center;
        justify-content: space-between;
      }
      .brand {
        margin: 0;
        font-size: 1.375rem;
      }
      .brand small {
        display: block;
        font-size: ${sys('font-size-small')};
        font-weight: normal;
      }
      .language {
        display: flex;
        flex-wrap: wrap;
        gap: ${sys('space-2')};
        align-items: center;
      }
      header :focus-visible {
        outline-color: ${sys('color-on-primary')};
      }
      .session {
        display: flex;
        flex-wrap: wrap;
        gap: ${sys('space-3')};
        align-items: center;
        justify-content: space-between;
        padding: ${sys('space-2')} ${sys('space-4')};
        color: ${sys('color-on-surface')};
        background: ${sys('color-primary-container')};
      }
      .session p {
        margin: 0;
      }
      main {
        display: grid;
        gap: ${sys('space-4')};
        grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
        align-items: start;
      }
      @media (max-width: 48rem) {
        main {
          grid-template-columns: minmax(0, 1fr);
        }
      }
      section,
      form {
        padding: ${sys('space-4')};
        background: ${sys('color-surface')};
        border: 1px solid ${sys('color-outline')};
        border-radius: ${sys('radius-medium')};
      }
      form {
        display: grid;
        gap: ${sys('space-3')};
        max-width: 32rem;
        grid-column: 1 / -1;
      }
      h2,
      h3 {
        margin: 0 0 ${sys('space-3')};
        line-height: 1.25;
      }
      h3 {
        font-size: 1.125rem;
      }
      h4 {
        margin: ${sys('space-3')} 0 ${sys('space-1')};
        font-size: 1rem;
      }
      label {
        display: grid;
        gap: ${sys('space-1')};
        font-weight: ${sys('font-weight-strong')};
      }
      input,
      select,
      button {
        font: inherit;
        max-width: 100%;
      }
      input,
      form select {
        min-height: 2.75rem;
        padding: ${sys('space-2')} ${sys('space-3')};
        color: ${sys('color-on-surface')};
        background: ${sys('color-surface')};
        border: 2px solid ${sys('color-outline')};
        border-radius: ${sys('radius-small')};
      }
      header select {
        min-height: 2.5rem;
        padding: ${sys('space-1')} ${sys('space-2')};
        color: ${sys('color-on-surface')};
        background: ${sys('color-surface')};
        border: 2px solid ${sys('color-on-primary')};
        border-radius: ${sys('radius-small')};
      }
      button {
        justify-self: start;
        min-height: 2.75rem;
        padding: ${sys('space-2')} ${sys('space-4')};
        color: ${sys('color-on-primary')};
        background: ${sys('color-primary')};
        border: 2px solid ${sys('color-primary')};
        border-radius: ${sys('radius-small')};
        cursor: pointer;
      }
      button.secondary {
        color: ${sys('color-primary')};
        background: ${sys('color-surface')};
      }
      .hint,
      .muted {
        margin: 0;
        color: ${sys('color-on-surface-muted')};
        font-size: ${sys('font-size-small')};
      }
      .error {
        margin: 0;
        padding: ${sys('space-2')} ${sys('space-3')};
        color: ${sys('color-error')};
        background: ${sys('color-error-container')};
        border-inline-start: 4px solid ${sys('color-error')};
      }
      dl {
        display: grid;
        gap: ${sys('space-1')} ${sys('space-3')};
        grid-template-columns: minmax(0, max-content) minmax(0, 1fr);
        margin: ${sys('space-3')} 0 0;
      }
      dt {
        font-weight: ${sys('font-weight-strong')};
      }
      dd {
        margin: 0;
      }
      ul {
        margin: 0;
        padding-inline-start: 1.25rem;
      }
      a {
        color: ${sys('color-primary')};
      }
      footer {
        color: ${sys('color-on-surface-muted')};
        font-size: ${sys('font-size-small')};
      }
    `,
  ];

  @state() private token: string | null = storage()?.getItem(tokenKey) ?? null;
  @state() private me?: Me;
  @state() private signInError?: string;
  @state() private signingIn = false;
  @state() private email = '';
  @state() private password = '';
  @state() private detail?: Detail;
  @state() private detailLoading = false;
  @state() private detailError?: string;
  @state() private areaNames = new Map<string, string>();

  private detailAbort?: AbortController;
  private shownLocale?: string;

  override connectedCallback(): void {
    const saved = normalizeLocale(storage()?.getItem(localeKey)) ?? normalizeLocale(document.documentElement.lang) ?? 'en';
    document.documentElement.lang = saved;
    configureImi({ apiBase, getAccessToken: () => this.token, locale: saved });
    super.connectedCallback();
    if (this.token) void this.loadMe();
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    super.updated(changed);
    const locale = getLocale();
    if (!this.localePending && locale !== this.shownLocale) {
      this.shownLocale = locale;
      document.title = msg('Public authorities portal — IMI Network demo');
      if (this.token) {
        void this.loadAreaNames();
        if (this.detail) void this.showAuthority(this.detail.id);
      }
    }
  }

  private api(): ImiApi {
    return new ImiApi({ apiBase, getAccessToken: () => this.token, locale: getLocale() });
  }

  private changeLanguage(event: Event): void {
    const locale = normalizeLocale((event.target as HTMLSelectElement).value) ?? 'en';
    storage()?.setItem(localeKey, locale);
    document.documentElement.lang = locale;
    configureImi({ locale });
  }

  private chooseAccount(event: Event): void {
    const email = (event.target as HTMLSelectElement).value;
    if (!email) return;
    this.email = email;
    this.password = demoPassword;
  }

  private async signIn(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    this.signingIn = true;
    this.signInError = undefined;
    try {
      const session = await this.api().post<LoginResponse>('/auth/login', { email: this.email.trim(), password: this.password });
      this.setToken(session.accessToken);
      this.password = '';
      await this.loadMe();
    } catch (error) {
      this.signInError = error instanceof ApiError && error.detail ? error.detail : msg('Sign-in failed.');
    } finally {
      this.signingIn = false;
    }
  }

  private async signOut(): Promise<void> {
    try {
      await this.api().post('/auth/logout', {});
    } catch {
      // The session ends on this page whatever the server answers.
    }
    this.endSession();
  }

  private endSession(message?: string): void {
    this.setToken(null);
    this.me = undefined;
    this.detail = undefined;
    this.detailError = undefined;
    this.signInError = message;
  }

  private setToken(token: string | null): void {
    this.token = token;
    if (token) storage()?.setItem(tokenKey, token);
    else storage()?.removeItem(tokenKey);
    // Tells the widgets that the credentials changed, so they fetch again with the new token.
    configureImi({ getAccessToken: () => this.token });
  }

  private async loadMe(): Promise<void> {
    try {
      this.me = await this.api().get<Me>('/me');
      void this.loadAreaNames();
    } catch (error) {
      this.endSession(error instanceof ApiError && error.status === 401 ? msg('Your session has expired. Please sign in again.') : msg('Sign-in failed.'));
    }
  }

  private async loadAreaNames(): Promise<void> {
    try {
      const areas = await this.api().get<{ items: Named[] }>('/legislative-areas');
      this.areaNames = new Map(areas.items.map((area) => [area.code, area.name]));
    } catch {
      this.areaNames = new Map();
    }
  }

  private onAuthoritySelect(event: CustomEvent<AuthoritySelectDetail>): void {
    void this.showAuthority(event.detail.authority.id);
  }

  private onAuthRequired(): void {
    this.endSession(msg('Your session has expired. Please sign in again.'));
  }

  private async showAuthority(id: string): Promise<void> {
    this.detailAbort?.abort();
    const abort = (this.detailAbort = new AbortController());
    this.detailLoading = true;
    this.detailError = undefined;
    try {
      this.detail = await this.api().get<Detail>(`/authorities/${encodeURIComponent(id)}`, {}, { signal: abort.signal });
    } catch (error) {
      if (abort.signal.aborted) return;
      if (error instanceof ApiError && error.status === 401) this.onAuthRequired();
      else this.detailError = msg('The details could not be loaded.');
    } finally {
      if (this.detailAbort === abort) this.detailLoading = false;
    }
  }

  protected override render() {
    const locale = getLocale();
    return html`
      <header>
        <div class="bar">
          <h1 class="brand">
            ${msg('Public authorities portal')}
            <small>${msg('Demonstration of the IMI Network widgets')}</small>
          </h1>
          <label class="language">
            ${msg('Language')}
            <select @change=${this.changeLanguage}>
              ${locales.map((code) => html`<option value=${code} lang=${code} ?selected=${code === locale}>${nativeNames[code]}</option>`)}
            </select>
          </label>
        </div>
        ${this.me ? this.renderSession(this.me) : nothing}
      </header>
      <main>${this.token && this.me ? this.renderSearch() : this.token ? html`<p>${msg('Loading…')}</p>` : this.renderSignIn()}</main>
      <footer>IMI Network</footer>
    `;
  }

  private renderSession(me: Me): TemplateResult {
    return html`
      <div class="session">
        <p>
          ${msg(str`Signed in as ${me.user.name} (${me.user.email})`)}
          ${me.authority ? html`<br /><span>${me.authority.designation}</span>` : nothing}
        </p>
        <button class="secondary" type="button" @click=${this.signOut}>${msg('Sign out')}</button>
      </div>
    `;
  }

  private renderSignIn(): TemplateResult {
    const regions = new Intl.DisplayNames([getLocale()], { type: 'region', fallback: 'code' });
    const collator = new Intl.Collator(getLocale());
    const states = demoStates
      .map((code) => ({ code, name: regions.of(code.toUpperCase()) ?? code }))
      .sort((a, b) => collator.compare(a.name, b.name));
    const roles: [string, string][] = [
      ['nimic', msg('National IMI coordinator')],
      ['handler', msg('Request handler')],
      ['handler2', msg('Second request handler')],
      ['lda', msg('Local data administrator')],
    ];
    return html`
      <form aria-labelledby="sign-in-heading" @submit=${this.signIn}>
        <h2 id="sign-in-heading">${msg('Sign in')}</h2>
        ${this.signInError ? html`<p class="error" role="alert">${this.signInError}</p>` : nothing}
        <label>
          ${msg('Demo account')}
          <select @change=${this.chooseAccount}>
            <option value="">${msg('Choose a demo account')}</option>
            <option value="admin@imi.test">${msg('Commission administrator')} (admin@imi.test)</option>
            ${states.map(
              (state) => html`
                <optgroup label=${state.name}>
                  ${roles.map(([role, name]) => {
                    const email = `${role}.${state.code}@imi.test`;
                    return html`<option value=${email} ?selected=${email === this.email}>${name} (${email})</option>`;
                  })}
                </optgroup>
              `,
            )}
          </select>
        </label>
        <label>
          ${msg('E-mail')}
          <input type="email" name="email" autocomplete="username" required .value=${this.email}
            @input=${(event: Event) => (this.email = (event.target as HTMLInputElement).value)} />
        </label>
        <label>
          ${msg('Password')}
          <input type="password" name="password" autocomplete="current-password" required .value=${this.password}
            @input=${(event: Event) => (this.password = (event.target as HTMLInputElement).value)} />
        </label>
        <p class="hint">${msg(str`The password of every demo account is ${demoPassword}.`)}</p>
        <button type="submit" ?disabled=${this.signingIn}>${msg('Sign in')}</button>
      </form>
    `;
  }

  private renderSearch(): TemplateResult {
    return html`
      <section aria-labelledby="search-heading">
        <h2 id="search-heading">${msg('Find a competent authority')}</h2>
        <imi-authority-search @imi-authority-select=${this.onAuthoritySelect} @imi-auth-required=${this.onAuthRequired}></imi-authority-search>
      </section>
      <section aria-labelledby="detail-heading" aria-busy=${this.detailLoading ? 'true' : 'false'}>
        <h2 id="detail-heading">${msg('Authority details')}</h2>
        ${this.detailError ? html`<p class="error">${this.detailError}</p>` : nothing}
        ${this.detailLoading && !this.detail ? html`<p>${msg('Loading…')}</p>` : nothing}
        ${this.detail ? this.renderDetail(this.detail) : this.detailLoading ? nothing : html`<p class="muted">${msg('Select an authority in the search results to see its details.')}</p>`}
      </section>
    `;
  }

  private renderDetail(detail: Detail): TemplateResult {
    const languages = new Intl.DisplayNames([getLocale()], { type: 'language', fallback: 'code' });
    const regions = new Intl.DisplayNames([getLocale()], { type: 'region', fallback: 'code' });
    const website = safeWebsite(detail.website);
    const place = [detail.postalCode, detail.city].filter(Boolean).join(' ');
    return html`
      <h3 lang=${detail.designationLang}>${detail.designation}</h3>
      <p lang=${detail.officialNameLang}>${detail.officialName}</p>
      ${detail.description ? html`<p lang=${ifDefined(detail.descriptionLang ?? undefined)}>${detail.description}</p>` : nothing}
      <dl>
        <dt>${msg('Address')}</dt>
        <dd>${[detail.address, place, regions.of(detail.country)].filter(Boolean).join(', ')}</dd>
        ${detail.email ? html`<dt>${msg('E-mail')}</dt><dd><a href="mailto:${detail.email}">${detail.email}</a></dd>` : nothing}
        ${detail.phone ? html`<dt>${msg('Telephone')}</dt><dd><a href="tel:${detail.phone.replace(/[^+\d]/g, '')}">${detail.phone}</a></dd>` : nothing}
        ${website ? html`<dt>${msg('Website')}</dt><dd><a href=${website} rel="noopener noreferrer">${detail.website}</a></dd>` : nothing}
        ${detail.languages.length
          ? html`<dt>${msg('Working languages')}</dt><dd>${detail.languages.map((code) => languages.of(code) ?? code).join(', ')}</dd>`
          : nothing}
      </dl>
      ${detail.areas.length
        ? html`
            <h4>${msg('Competences')}</h4>
            ${detail.areas.map(
              (area) => html`
                <p><strong>${this.areaNames.get(area.area) ?? area.area}</strong></p>
                <ul>
                  ${[...area.professions, ...area.keywords].map((item) => html`<li>${item.name}</li>`)}
                </ul>
              `,
            )}
          `
        : nothing}
    `;
  }
}

ImiDemoPortal.define('imi-demo-portal');

declare global {
  interface HTMLElementTagNameMap {
    'imi-demo-portal': ImiDemoPortal;
  }
}
