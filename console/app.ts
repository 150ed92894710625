import { css, html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import type { LoginResponse, Me } from '../server/modules/identity/schemas.js';
import { ApiError, ImiApi } from '../components/core/api.js';
import { configureImi } from '../components/core/context.js';
import { ImiElement } from '../components/core/imi-element.js';
import { getLocale, locales, normalizeLocale } from '../components/core/localization.js';
import { fieldErrorsOf, languageSwitcher, nativeNames, signInFailure, type FieldErrors, type SignInField } from '../components/core/sign-in.js';
import { sys } from '../components/core/tokens.js';
import { consoleStyles } from './styles.js';
import { needsSecondFactor, pagesFor, pageTitle, type ConsolePageId } from './powers.js';
import './pages/index.js';

const apiBase = '/api/v1';
const localeKey = 'imi-console.locale';

/** The console signs in with the server's session cookie and echoes its CSRF cookie on every call that changes something. */
function csrfHeaders(): Record<string, string> {
  const token = document.cookie
    .split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith('imi_csrf='))
    ?.slice('imi_csrf='.length);
  return token ? { 'X-CSRF-Token': decodeURIComponent(token) } : {};
}

function storedLocale(): string | null {
  try {
    return localStorage.getItem(localeKey);
  } catch {
    return null;
  }
}

function pageFromHash(hash: string): ConsolePageId | undefined {
  return /^#\/([a-z-]+)/.exec(hash)?.[1] as ConsolePageId | undefined;
}

/**
 * @summary The reference admin console for Commission administrators, national coordinators and local data
 * administrators: sign-in (with the second factor where the account has one), and the pages the user's powers open.
 *
 * Each page is its own element (`imi-console-<page>`) at `#/<page>`; the navigation lists only the pages the user may
 * use, and a page the user may not see says so rather than showing nothing.
 */
@localized()
export class ImiConsole extends ImiElement {
  static override styles = [
    consoleStyles,
    css`
      :host {
        min-height: 100vh;
        background: ${sys('color-surface')};
      }
      header {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: ${sys('space-3')};
        padding: ${sys('space-3')} ${sys('space-4')};
        color: ${sys('color-on-primary')};
        background: ${sys('color-primary')};
      }
      header h1 {
        margin: 0;
        font-size: 1.25rem;
        color: inherit;
      }
      header label,
      header p {
        margin: 0;
        color: inherit;
      }
      header select {
        margin-inline-start: ${sys('space-2')};
      }
      header button {
        color: ${sys('color-on-primary')};
        background: transparent;
        border-color: ${sys('color-on-primary')};
      }
      .layout {
        display: grid;
        grid-template-columns: minmax(12rem, 16rem) minmax(0, 1fr);
        gap: ${sys('space-4')};
        padding: ${sys('space-4')};
      }
      nav ul {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      nav a {
        display: block;
        padding: ${sys('space-2')} ${sys('space-3')};
        color: ${sys('color-primary')};
        border-inline-start: 4px solid transparent;
        text-decoration: none;
      }
      nav a:hover {
        text-decoration: underline;
      }
      nav a[aria-current='page'] {
        font-weight: ${sys('font-weight-strong')};
        border-inline-start-color: ${sys('color-primary')};
        background: ${sys('color-surface-variant')};
      }
      main {
        min-width: 0;
      }
      main > h2 {
        font-size: 1.5rem;
      }
      .sign-in {
        max-width: 26rem;
        margin: ${sys('space-4')} auto;
        padding: 0 ${sys('space-4')};
      }
      @media (max-width: 48rem) {
        .layout {
          grid-template-columns: minmax(0, 1fr);
        }
      }
    `,
  ];

  /** undefined while the session is checked; null when signed out. */
  @state() private me?: Me | null;
  @state() private page?: ConsolePageId = pageFromHash(location.hash);
  @state() private email = '';
  @state() private password = '';
  @state() private totp = '';
  @state() private totpRequested = false;
  @state() private signingIn = false;
  @state() private signInErrors: FieldErrors<SignInField> = {};
  @state() private signInError?: string;
  @state() private notice?: string;
  @state() private totpSetup?: { secret: string; uri: string };
  @state() private totpCode = '';
  @state() private totpError?: string;

  private readonly onHashChange = () => {
    this.page = pageFromHash(location.hash);
    void this.focusHeading();
  };

  override connectedCallback(): void {
    const locale = normalizeLocale(storedLocale() ?? undefined);
    configureImi({ apiBase, getAccessToken: () => null, requestHeaders: csrfHeaders, ...(locale ? { locale } : {}) });
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHashChange);
    void this.loadMe();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHashChange);
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    super.updated(changed);
    // Only on a change: ImiElement watches <html lang>, and setting it, even to the same value, would update again.
    if (document.documentElement.lang !== getLocale()) document.documentElement.lang = getLocale();
    document.title = this.me && this.page ? `${pageTitle(this.page)} — ${msg('IMI Network console')}` : msg('IMI Network console');
  }

  private api(): ImiApi {
    return new ImiApi({ ...this.config, locale: getLocale() });
  }

  private async loadMe(): Promise<void> {
    try {
      this.me = await this.api().get<Me>('/me');
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) this.signInError = msg('The server could not be reached. Check your connection and try again.');
      this.me = null;
    }
  }

  private readonly languageSwitcher = languageSwitcher((locale) => {
    try {
      localStorage.setItem(localeKey, locale);
    } catch {
      // Private browsing: the choice lasts for this page only.
    }
    configureImi({ locale });
  });

  private async signIn(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    this.signingIn = true;
    this.signInErrors = {};
    this.signInError = undefined;
    this.notice = undefined;
    const totp = this.totpRequested ? this.totp.replace(/\s+/g, '') : undefined;
    try {
      await this.api().post<LoginResponse>('/auth/login', { email: this.email.trim(), password: this.password, totp });
      this.password = '';
      this.totp = '';
      this.totpRequested = false;
      await this.loadMe();
      void this.focusHeading();
    } catch (error) {
      this.showSignInFailure(error);
    } finally {
      this.signingIn = false;
    }
  }

  private showSignInFailure(error: unknown): void {
    const failure = signInFailure(error, this.totpRequested);
    switch (failure.kind) {
      case 'ask-code':
        this.totpRequested = true;
        void this.focusAfterRender('#sign-in-totp');
        break;
      case 'fields':
        this.signInErrors = failure.errors;
        void this.focusAfterRender(`#sign-in-${failure.first}`);
        break;
      case 'message':
        this.signInError = failure.message;
    }
  }

  private async signOut(): Promise<void> {
    try {
      await this.api().post('/auth/logout', {});
    } catch {
      // The session may have expired already; the console forgets it either way.
    }
    this.me = null;
    this.notice = msg('You are signed out.');
  }

  private onAuthRequired(): void {
    this.me = null;
    this.notice = msg('Your session has expired. Please sign in again.');
  }

  private async startTotp(): Promise<void> {
    this.totpError = undefined;
    try {
      this.totpSetup = await this.api().post<{ secret: string; uri: string }>('/me/totp', {});
      void this.focusAfterRender('#totp-code');
    } catch (error) {
      this.totpError = error instanceof ApiError ? error.detail ?? error.title : String(error);
    }
  }

  private async confirmTotp(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    this.totpError = undefined;
    try {
      await this.api().post('/me/totp/confirm', { code: this.totpCode.replace(/\s+/g, '') });
      this.totpSetup = undefined;
      this.totpCode = '';
      this.notice = msg('Your second factor is set up. Your administrator powers work from now on.');
      await this.loadMe();
    } catch (error) {
      this.totpError = fieldErrorsOf(error, ['code'] as const).code ?? (error instanceof ApiError ? error.detail ?? error.title : String(error));
      void this.focusAfterRender('#totp-code');
    }
  }

  private async focusAfterRender(selector: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  /** After a page change the focus goes to the page's heading, so screen readers announce where the user is. */
  private async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('main > h2')?.focus();
  }

  protected override render() {
    const locale = getLocale();
    return html`
      <header>
        <h1>${msg('IMI Network console')}</h1>
        <label>
          ${msg('Language')}
          <select @change=${this.languageSwitcher.change} @keydown=${this.languageSwitcher.keydown}
            @pointerdown=${this.languageSwitcher.pointerdown} @blur=${this.languageSwitcher.blur}>
            ${locales.map((code) => html`<option value=${code} lang=${code} ?selected=${code === locale}>${nativeNames[code]}</option>`)}
          </select>
        </label>
        ${this.me
          ? html`<p>${msg(str`Signed in as ${this.me.user.name}`)}</p>
              <button type="button" @click=${this.signOut}>${msg('Sign out')}</button>`
          : nothing}
      </header>
      <div role="status">${this.notice ? html`<p class="notice">${this.notice}</p>` : nothing}</div>
      ${this.me === undefined ? html`<p class="state">${msg('Loading…')}</p>` : this.me ? this.renderSignedIn(this.me) : this.renderSignIn()}
    `;
  }

  private renderSignIn(): TemplateResult {
    const field = (id: SignInField, label: string, type: string, autocomplete: string, value: string, onInput: (value: string) => void) => {
      const error = this.signInErrors[id];
      return html`
        <div class="field">
          <label class="label" for="sign-in-${id}">${label}</label>
          ${error ? html`<p class="error" id="sign-in-${id}-error">${error}</p>` : nothing}
          <input id="sign-in-${id}" name=${id} type=${type} autocomplete=${autocomplete} required .value=${value}
            inputmode=${id === 'totp' ? 'numeric' : nothing}
            aria-invalid=${error ? 'true' : nothing} aria-describedby=${error ? `sign-in-${id}-error` : nothing}
            @input=${(event: Event) => onInput((event.target as HTMLInputElement).value)} />
        </div>
      `;
    };
    return html`
      <main class="sign-in">
        <h2 tabindex="-1">${msg('Sign in')}</h2>
        <p>${msg('For Commission administrators, national coordinators and local data administrators.')}</p>
        ${this.signInError ? html`<p class="problem" role="alert">${this.signInError}</p>` : nothing}
        <form @submit=${this.signIn} novalidate>
          ${field('email', msg('E-mail address'), 'email', 'username', this.email, (value) => (this.email = value))}
          ${field('password', msg('Password'), 'password', 'current-password', this.password, (value) => (this.password = value))}
          ${this.totpRequested
            ? field('totp', msg('Code from your authenticator app'), 'text', 'one-time-code', this.totp, (value) => (this.totp = value))
            : nothing}
          <button class="primary" type="submit" ?disabled=${this.signingIn}>${msg('Sign in')}</button>
        </form>
      </main>
    `;
  }

  private renderSignedIn(me: Me): TemplateResult {
    const pages = pagesFor(me);
    const page = this.page && pages.includes(this.page) ? this.page : undefined;
    return html`
      <div class="layout">
        <nav aria-label=${msg('Console')}>
          <ul>
            ${pages.map(
              (id) => html`<li><a href="#/${id}" aria-current=${id === (page ?? pages[0]) ? 'page' : nothing}>${pageTitle(id)}</a></li>`,
            )}
          </ul>
        </nav>
        <main @imi-auth-required=${this.onAuthRequired}>
          ${needsSecondFactor(me) ? this.renderSecondFactor() : nothing}
          ${this.page && !pages.includes(this.page)
            ? html`<h2 tabindex="-1">${msg('Not available')}</h2>
                <p class="problem" role="alert">${msg('Your account has no access to this page. Choose one of the pages in the menu.')}</p>`
            : pages.length
              ? this.renderPage(page ?? pages[0], me)
              : html`<h2 tabindex="-1">${msg('Nothing to administer')}</h2>
                  <p>${msg('Your account handles requests but administers nothing. Use your national portal to exchange requests.')}</p>`}
        </main>
      </div>
    `;
  }

  private renderPage(id: ConsolePageId, me: Me): TemplateResult {
    const heading = html`<h2 tabindex="-1">${pageTitle(id)}</h2>`;
    switch (id) {
      case 'overview':
        return html`${heading}<imi-console-overview .me=${me}></imi-console-overview>`;
      case 'routing':
        return html`${heading}<imi-console-routing .me=${me}></imi-console-routing>`;
      case 'authorities':
        return html`${heading}<imi-console-authorities .me=${me}></imi-console-authorities>`;
      case 'areas':
        return html`${heading}<imi-console-areas .me=${me}></imi-console-areas>`;
      case 'professions':
        return html`${heading}<imi-console-professions .me=${me}></imi-console-professions>`;
      case 'users':
        return html`${heading}<imi-console-users .me=${me}></imi-console-users>`;
      case 'audit':
        return html`${heading}<imi-console-audit .me=${me}></imi-console-audit>`;
      case 'data-protection':
        return html`${heading}<imi-console-data-protection .me=${me}></imi-console-data-protection>`;
      case 'system':
        return html`${heading}<imi-console-system .me=${me}></imi-console-system>`;
    }
  }

  private renderSecondFactor(): TemplateResult {
    return html`
      <section class="notice" aria-labelledby="second-factor-heading">
        <h3 id="second-factor-heading">${msg('Set up a second factor')}</h3>
        <p>${msg('Your administrator powers work only after a sign-in confirmed with a code from an authenticator app.')}</p>
        ${this.totpError ? html`<p class="error" role="alert">${this.totpError}</p>` : nothing}
        ${this.totpSetup
          ? html`
              <p>${msg('Add this key to your authenticator app, then enter the code it shows.')}</p>
              <p><code>${this.totpSetup.secret}</code></p>
              <form @submit=${this.confirmTotp} novalidate>
                <div class="field">
                  <label class="label" for="totp-code">${msg('Code from your authenticator app')}</label>
                  <input id="totp-code" inputmode="numeric" autocomplete="one-time-code" required .value=${this.totpCode}
                    @input=${(event: Event) => (this.totpCode = (event.target as HTMLInputElement).value)} />
                </div>
                <button class="primary" type="submit">${msg('Confirm')}</button>
              </form>
            `
          : html`<button type="button" @click=${this.startTotp}>${msg('Set up a second factor')}</button>`}
      </section>
    `;
  }
}

ImiConsole.define('imi-console');

declare global {
  interface HTMLElementTagNameMap {
    'imi-console': ImiConsole;
  }
}
