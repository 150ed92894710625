import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg } from '@lit/localize';
import type { Me } from '../server/modules/identity/schemas.js';
import { ApiError, ImiApi } from '../components/core/api.js';
import { ImiElement } from '../components/core/imi-element.js';
import { getLocale } from '../components/core/localization.js';
import { administersOwnAuthority, hasCommissionPowers } from './powers.js';

type LoadStatus = 'loading' | 'ready' | 'error';

/**
 * The base of every console page: the signed-in user (`me`), the one API client (cookie session with its CSRF token,
 * in the UI's language), and one way to load the page's data and show loading and failure.
 *
 * A page implements `load(signal)`; it runs when the page first shows, when the language changes and on `reload()`.
 */
export abstract class ConsolePage extends ImiElement {
  /** The signed-in user, as `GET /me` describes them. */
  @property({ attribute: false }) me?: Me;

  @state() protected loadStatus: LoadStatus = 'loading';
  @state() protected loadError?: ApiError;

  private loadAbort?: AbortController;

  protected abstract load(signal: AbortSignal): Promise<void>;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.loadAbort?.abort();
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    if (this.me && !this.localePending && this.claimDataLoad()) void this.reload();
  }

  /** The Commission's powers (with the second factor). */
  protected get commission(): boolean {
    return hasCommissionPowers(this.me);
  }

  /** Local data administrator of its own authority. */
  protected get administers(): boolean {
    return administersOwnAuthority(this.me);
  }

  protected api(): ImiApi {
    return new ImiApi({ ...this.config, locale: getLocale() });
  }

  /** Loads the page's data again (after a change the user made, or on “Retry”). */
  async reload(): Promise<void> {
    this.loadAbort?.abort();
    const abort = (this.loadAbort = new AbortController());
    this.loadStatus = 'loading';
    this.loadError = undefined;
    try {
      await this.load(abort.signal);
      if (!abort.signal.aborted) this.loadStatus = 'ready';
    } catch (error) {
      if (abort.signal.aborted) return;
      this.loadError = this.apiFailure(error);
      this.loadStatus = 'error';
    }
  }

  /** The page's content once loaded; the loading message or the problem with “Retry” before. */
  protected whenLoaded(content: () => TemplateResult): TemplateResult {
    if (this.loadStatus === 'loading') return html`<p class="state" role="status">${msg('Loading…')}</p>`;
    if (this.loadStatus === 'error' && this.loadError) return this.renderProblem(this.loadError, () => void this.reload());
    return content();
  }

  protected renderProblem(error: ApiError, retry?: () => void): TemplateResult {
    const title =
      error.status === 0 ? msg('The server could not be reached. Check your connection and try again.')
      : error.status === 403 ? msg('You may not see this page.')
      : msg('Something went wrong.');
    return html`
      <div class="problem" role="alert">
        <p class="title">${title}</p>
        ${error.status > 0 && error.detail ? html`<p>${error.detail}</p>` : nothing}
        ${retry ? html`<button type="button" @click=${retry}>${msg('Retry')}</button>` : nothing}
      </div>
    `;
  }
}
