import { css, html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { localized, msg, str } from '@lit/localize';
import type { AuthorityDetail } from '../server/modules/authorities/schemas.js';
import type { ActivateResponse as Activation, LoginResponse, Me } from '../server/modules/identity/schemas.js';
import '../components/index.js';
import { ApiError, ImiApi } from '../components/core/api.js';
import { configureImi } from '../components/core/context.js';
import { ImiElement } from '../components/core/imi-element.js';
import { getLocale, locales, normalizeLocale } from '../components/core/localization.js';
import { baseStyles, sys } from '../components/core/tokens.js';
import { fieldErrorsOf, languageSwitcher, nativeNames, signInFailure, type FieldErrors, type SignInField } from '../components/core/sign-in.js';
import type { AuthoritySelectDetail, RequestActionDetail, RequestOpenDetail, RequestSentDetail } from '../components/core/events.js';

const apiBase = '/api/v1';
const tokenKey = 'imi-demo.access-token';
const localeKey = 'imi-demo.locale';
const demoPassword = 'demo-password';

/** The states of the demo network, by the lower-case code used in the demo e-mail addresses. */
const demoStates = ['at', 'be', 'bg', 'hr', 'cy', 'cz', 'dk', 'ee', 'fi', 'fr', 'de', 'gr', 'hu', 'ie', 'it', 'lv', 'lt', 'lu', 'mt', 'nl', 'pl', 'pt', 'ro', 'sk', 'si', 'es', 'se', 'is', 'li', 'no'];

type Detail = Omit<AuthorityDetail, 'version' | 'coordinatorKind' | 'status'>;
interface Named {
  code: string;
  name: string;
}

/** A one-time link from an e-mail: `#/activate/<token>` (set a password) or `#/register/<token>` (register an authority). */
interface EmailLink {
  kind: 'activate' | 'register';
  token: string;
}


interface FieldOptions {
  id: string;
  name: string;
  label: string;
  type: 'email' | 'password' | 'text';
  autocomplete: string;
  value: string;
  onInput: (value: string) => void;
  hint?: string;
  error?: string;
  inputmode?: 'numeric';
}

/** The pages of the signed-in portal, each at its own address so that e-mailed links (`#/requests/<id>`) open them. */
type Page =
  | { kind: 'inbox' }
  | { kind: 'new' }
  | { kind: 'search' }
  | { kind: 'deadlines' }
  | { kind: 'request'; id: string }
  | { kind: 'draft'; id: string };

function pageFromHash(hash: string): Page {
  const request = /^#\/(requests|drafts)\/([0-9a-f-]{36})\/?$/.exec(hash);
  if (request) return { kind: request[1] === 'requests' ? 'request' : 'draft', id: request[2] };
  const named = /^#\/(inbox|new|search|deadlines)\/?$/.exec(hash);
  return { kind: (named?.[1] ?? 'inbox') as 'inbox' | 'new' | 'search' | 'deadlines' };
}

function linkFromHash(hash: string): EmailLink | undefined {
  const match = /^#\/(activate|register)\/([\w-]+)\/?$/.exec(hash);
  return match ? { kind: match[1] as EmailLink['kind'], token: match[2] } : undefined;
}

/** The server's message for each of `fields` that a problem names in its `errors`. */
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
 * accounts (and the code of an authenticator app where the account has one), setting the password from an e-mailed
 * link, the authority search and the details of the chosen authority.
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
      .content {
        display: grid;
        gap: ${sys('space-4')};
        grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
        align-items: start;
      }
      @media (max-width: 48rem) {
        .content {
          grid-template-columns: minmax(0, 1fr);
        }
      }
      .pages,
      .page {
        grid-column: 1 / -1;
      }
      .pages ul {
        display: flex;
        flex-wrap: wrap;
        gap: ${sys('space-2')} ${sys('space-4')};
        margin: 0;
        padding: 0;
        list-style: none;
      }
      .pages a {
        display: inline-block;
        min-height: 1.5rem;
        padding: ${sys('space-1')} 0;
        color: ${sys('color-primary')};
        font-weight: ${sys('font-weight-strong')};
      }
      .pages a[aria-current='page'] {
        color: ${sys('color-on-surface')};
        text-decoration-thickness: 3px;
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
        /* minmax(0, …): the long names of the demo accounts must not widen the form beyond a 320 px screen. */
        grid-template-columns: minmax(0, 1fr);
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
        grid-template-columns: minmax(0, 1fr);
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
      .field {
        display: grid;
        gap: ${sys('space-1')};
        grid-template-columns: minmax(0, 1fr);
      }
      input[aria-invalid='true'] {
        border-color: ${sys('color-error')};
      }
      .field-error {
        margin: 0;
        color: ${sys('color-error')};
        font-weight: ${sys('font-weight-strong')};
      }
      .notice {
        margin: 0 0 ${sys('space-4')};
        padding: ${sys('space-2')} ${sys('space-3')};
        background: ${sys('color-primary-container')};
        border-inline-start: 4px solid ${sys('color-primary')};
      }
      .single {
        max-width: 32rem;
        grid-column: 1 / -1;
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
  @state() private signInErrors: FieldErrors<SignInField> = {};
  /** The server asked for the code of the account's authenticator app. */
  @state() private totpRequested = false;
  @state() private totp = '';
  @state() private link?: EmailLink;
  @state() private newPassword = '';
  @state() private repeatedPassword = '';
  @state() private activationErrors: FieldErrors<'password' | 'repeat'> = {};
  @state() private activationError?: string;
  @state() private activating = false;
  @state() private linkExpired = false;
  /** The result of the last step, in the live region at the top of the main content. */
  @state() private notice?: string;
  @state() private detail?: Detail;
  @state() private detailLoading = false;
  @state() private detailError?: string;
  @state() private areaNames = new Map<string, string>();
  @state() private page: Page = pageFromHash(location.hash);
  /** The authority chosen in the search, to ask in a new request. */
  @state() private responder?: { id: string; designation: string; country: string };

  private detailAbort?: AbortController;
  private shownLocale?: string;
  private readonly onHashChange = () => {
    this.followLink();
    this.followPage();
  };

  override connectedCallback(): void {
    const saved = normalizeLocale(storage()?.getItem(localeKey)) ?? normalizeLocale(document.documentElement.lang) ?? 'en';
    document.documentElement.lang = saved;
    configureImi({ apiBase, getAccessToken: () => this.token, locale: saved });
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHashChange);
    this.followLink();
    if (this.token) void this.loadMe();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHashChange);
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

  private readonly languageSwitcher = languageSwitcher((value) => {
    const locale = normalizeLocale(value) ?? 'en';
    storage()?.setItem(localeKey, locale);
    document.documentElement.lang = locale;
    configureImi({ locale });
  });

  /** Moves the focus, once rendered, to the heading of a new view or to the field to fill in or correct. */
  private async focusAfterRender(selector: string): Promise<void> {
    await this.updateComplete;
    this.shadowRoot?.querySelector<HTMLElement>(selector)?.focus();
  }

  private followLink(): void {
    const link = linkFromHash(location.hash);
    if (link?.kind === this.link?.kind && link?.token === this.link?.token) return;
    this.link = link;
    this.newPassword = '';
    this.repeatedPassword = '';
    this.activationErrors = {};
    this.activationError = undefined;
    this.linkExpired = false;
    this.notice = undefined;
    if (link) void this.focusAfterRender(`#${link.kind}-heading`);
  }

  private followPage(): void {
    const page = pageFromHash(location.hash);
    if (JSON.stringify(page) === JSON.stringify(this.page)) return;
    this.page = page;
    void this.focusAfterRender('#page-heading');
  }

  private go(hash: string): void {
    if (location.hash === hash) return;
    location.hash = hash;
  }

  private onRequestOpen(event: CustomEvent<RequestOpenDetail>): void {
    this.go(`#/requests/${event.detail.id}`);
  }

  private onRequestSent(event: CustomEvent<RequestSentDetail>): void {
    this.responder = undefined;
    this.go(`#/requests/${event.detail.request.id}`);
  }

  /** Reuse makes a new draft: it opens in the form. */
  private onRequestAction(event: CustomEvent<RequestActionDetail>): void {
    if (event.detail.action === 'reuse') this.go(`#/drafts/${event.detail.request.id}`);
  }

  private askAuthority(detail: Detail): void {
    this.responder = { id: detail.id, designation: detail.designation, country: detail.country };
    this.go('#/new');
  }

  /** Leaves the view of an e-mailed link, and takes its token out of the address and of the history. */
  private leaveLink(): void {
    history.replaceState(history.state, '', `${location.pathname}${location.search}`);
    this.followLink();
  }

  private chooseAccount(event: Event): void {
    const email = (event.target as HTMLSelectElement).value;
    if (!email) return;
    this.changeEmail(email);
    this.password = demoPassword;
  }

  /** Another account may have no second factor: the code field waits until the server asks for it again. */
  private changeEmail(email: string): void {
    if (email !== this.email) {
      this.totpRequested = false;
      this.totp = '';
      this.signInErrors = {};
    }
    this.email = email;
  }

  private async signIn(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    this.signingIn = true;
    this.signInError = undefined;
    this.signInErrors = {};
    this.notice = undefined;
    // Authenticator apps show the code as two groups of three digits.
    const totp = this.totpRequested ? this.totp.replace(/\s+/g, '') : undefined;
    try {
      const session = await this.api().post<LoginResponse>('/auth/login', { email: this.email.trim(), password: this.password, totp });
      this.setToken(session.accessToken);
      this.password = '';
      this.totp = '';
      await this.loadMe();
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

  private async activate(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const link = this.link;
    if (link?.kind !== 'activate') return;
    this.activationError = undefined;
    this.activationErrors = {};
    if (this.newPassword !== this.repeatedPassword) {
      this.activationErrors = { repeat: msg('The two passwords are not the same.') };
      void this.focusAfterRender('#repeat-password');
      return;
    }
    this.activating = true;
    try {
      const activation = await this.api().post<Activation>('/auth/activate', { token: link.token, password: this.newPassword });
      // The password belongs to the account of the link: whoever was signed in on this page signs in again.
      if (this.token) await this.signOut();
      this.leaveLink();
      this.changeEmail(activation.email);
      this.password = '';
      this.notice = msg('Your password is set. Sign in with it now.');
      void this.focusAfterRender('#sign-in-password');
    } catch (error) {
      this.showActivationFailure(error);
    } finally {
      this.activating = false;
    }
  }

  private showActivationFailure(error: unknown): void {
    const errors = fieldErrorsOf(error, ['token', 'password'] as const);
    if (errors.token) {
      this.linkExpired = true;
      void this.focusAfterRender('#activate-heading');
    } else if (errors.password) {
      this.activationErrors = { password: errors.password };
      void this.focusAfterRender('#new-password');
    } else {
      this.activationError = error instanceof ApiError && error.detail ? error.detail : msg('Your password could not be set. Try again later.');
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
            <select @change=${this.languageSwitcher.change} @keydown=${this.languageSwitcher.keydown}
              @pointerdown=${this.languageSwitcher.pointerdown} @blur=${this.languageSwitcher.blur}>
              ${locales.map((code) => html`<option value=${code} lang=${code} ?selected=${code === locale}>${nativeNames[code]}</option>`)}
            </select>
          </label>
        </div>
        ${this.me ? this.renderSession(this.me) : nothing}
      </header>
      <main>
        <div role="status">${this.notice ? html`<p class="notice">${this.notice}</p>` : nothing}</div>
        <div class="content">${this.renderContent()}</div>
      </main>
      <footer>IMI Network</footer>
    `;
  }

  private renderContent(): TemplateResult {
    if (this.link?.kind === 'activate') return this.linkExpired ? this.renderExpiredLink() : this.renderActivation();
    if (this.link?.kind === 'register') return this.renderRegistration();
    if (this.token && this.me) return this.renderPage();
    if (this.token) return html`<p>${msg('Loading…')}</p>`;
    return this.renderSignIn();
  }

  private renderField(field: FieldOptions): TemplateResult {
    const hintId = `${field.id}-hint`;
    const errorId = `${field.id}-error`;
    const describedBy = [field.hint ? hintId : '', field.error ? errorId : ''].filter(Boolean).join(' ');
    return html`
      <div class="field">
        <label for=${field.id}>${field.label}</label>
        ${field.hint ? html`<p class="hint" id=${hintId}>${field.hint}</p>` : nothing}
        ${field.error ? html`<p class="field-error" id=${errorId}>${field.error}</p>` : nothing}
        <input id=${field.id} name=${field.name} type=${field.type} autocomplete=${field.autocomplete} inputmode=${ifDefined(field.inputmode)}
          required aria-invalid=${field.error ? 'true' : nothing} aria-describedby=${describedBy || nothing} .value=${field.value}
          @input=${(event: Event) => field.onInput((event.target as HTMLInputElement).value)} />
      </div>
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
        ${this.renderField({
          id: 'sign-in-email', name: 'email', label: msg('E-mail'), type: 'email', autocomplete: 'username', value: this.email,
          error: this.signInErrors.email, onInput: (value) => this.changeEmail(value),
        })}
        ${this.renderField({
          id: 'sign-in-password', name: 'password', label: msg('Password'), type: 'password', autocomplete: 'current-password',
          value: this.password, error: this.signInErrors.password, onInput: (value) => (this.password = value),
        })}
        ${this.totpRequested
          ? this.renderField({
              id: 'sign-in-totp', name: 'totp', label: msg('Code from your authenticator app'), type: 'text', inputmode: 'numeric',
              autocomplete: 'one-time-code', value: this.totp, error: this.signInErrors.totp, onInput: (value) => (this.totp = value),
              hint: msg('This account is protected by a second factor. Enter the six-digit code that your authenticator app shows now.'),
            })
          : nothing}
        <p class="hint">${msg(str`The password of every demo account is ${demoPassword}.`)}</p>
        <button type="submit" ?disabled=${this.signingIn}>${msg('Sign in')}</button>
      </form>
    `;
  }

  private renderActivation(): TemplateResult {
    return html`
      <form aria-labelledby="activate-heading" @submit=${this.activate}>
        <h2 id="activate-heading" tabindex="-1">${msg('Set your password')}</h2>
        <p>${msg('Choose the password for your IMI Network account. You will then sign in with your e-mail address and this password.')}</p>
        ${this.activationError ? html`<p class="error" role="alert">${this.activationError}</p>` : nothing}
        ${this.renderField({
          id: 'new-password', name: 'new-password', label: msg('New password'), type: 'password', autocomplete: 'new-password',
          value: this.newPassword, error: this.activationErrors.password, onInput: (value) => (this.newPassword = value),
          hint: msg('Use at least 12 characters. Do not include the part of your e-mail address before the @, and do not use a common password. A few unrelated words make a password that is long and easy to remember.'),
        })}
        ${this.renderField({
          id: 'repeat-password', name: 'repeat-password', label: msg('Repeat the new password'), type: 'password', autocomplete: 'new-password',
          value: this.repeatedPassword, error: this.activationErrors.repeat, onInput: (value) => (this.repeatedPassword = value),
        })}
        <button type="submit" ?disabled=${this.activating}>${msg('Set password')}</button>
      </form>
    `;
  }

  private renderExpiredLink(): TemplateResult {
    return html`
      <section class="single" aria-labelledby="activate-heading">
        <h2 id="activate-heading" tabindex="-1">${msg('Set your password')}</h2>
        <p class="error" role="alert">${msg('This link is no longer valid: it has been used already or it has expired. Ask your administrator to send you a new one.')}</p>
        <p><button class="secondary" type="button" @click=${this.leaveLink}>${msg('Continue to the portal')}</button></p>
      </section>
    `;
  }

  private renderRegistration(): TemplateResult {
    return html`
      <section class="single" aria-labelledby="register-heading">
        <h2 id="register-heading" tabindex="-1">${msg('Register your authority')}</h2>
        <p>${msg('Your authority is invited to take part in IMI Network. Authorities are registered in the IMI Network admin console, which is not yet available in this demo.')}</p>
        <p><button class="secondary" type="button" @click=${this.leaveLink}>${msg('Continue to the portal')}</button></p>
      </section>
    `;
  }

  private renderNavigation(): TemplateResult {
    const links: [Page['kind'], string, string][] = [
      ['inbox', '#/inbox', msg('Inbox')],
      ['new', '#/new', msg('New request')],
      ['search', '#/search', msg('Find a competent authority')],
      ['deadlines', '#/deadlines', msg('Deadlines and indicators')],
    ];
    return html`
      <nav class="pages" aria-label=${msg('Portal pages')}>
        <ul>
          ${links.map(([kind, href, label]) => html`<li><a href=${href} aria-current=${ifDefined(this.page.kind === kind ? 'page' : undefined)}>${label}</a></li>`)}
        </ul>
      </nav>
    `;
  }

  private renderPage(): TemplateResult {
    const page = this.page;
    const section = (heading: string, body: TemplateResult) => html`
      ${this.renderNavigation()}
      <section class="page" aria-labelledby="page-heading">
        <h2 id="page-heading" tabindex="-1">${heading}</h2>
        ${body}
      </section>
    `;
    switch (page.kind) {
      case 'search':
        return html`${this.renderNavigation()}${this.renderSearch()}`;
      case 'new':
        return section(msg('New request'), html`<imi-request-form .responder=${this.responder} @imi-request-sent=${this.onRequestSent} @imi-auth-required=${this.onAuthRequired}></imi-request-form>`);
      case 'draft':
        return section(msg('New request'), html`<imi-request-form request-id=${page.id} @imi-request-sent=${this.onRequestSent} @imi-auth-required=${this.onAuthRequired}></imi-request-form>`);
      case 'request':
        return section(msg('Request'), html`<imi-request-view request-id=${page.id} @imi-request-open=${this.onRequestOpen} @imi-request-action=${this.onRequestAction} @imi-auth-required=${this.onAuthRequired}></imi-request-view>`);
      case 'deadlines':
        return section(msg('Deadlines and indicators'), html`<imi-deadline-monitor @imi-request-open=${this.onRequestOpen} @imi-auth-required=${this.onAuthRequired}></imi-deadline-monitor>`);
      default:
        return section(msg('Inbox'), html`<imi-inbox @imi-request-open=${this.onRequestOpen} @imi-auth-required=${this.onAuthRequired}></imi-inbox>`);
    }
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
      <p><button type="button" @click=${() => this.askAuthority(detail)}>${msg('Ask this authority')}</button></p>
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
