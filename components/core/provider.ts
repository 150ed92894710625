import { css, html } from 'lit';
import { property, state } from 'lit/decorators.js';
import { provide } from '@lit/context';
import { getImiConfig, imiContext, type ImiConfig } from './context.js';
import type { AccessTokenCallback } from './api.js';
import { ImiElement } from './imi-element.js';

/**
 * @summary Hands the API configuration down to the IMI elements inside it, for pages that need another configuration
 * than the `configureImi()` default (e.g. two sections signed in differently).
 *
 * @slot - The IMI elements to configure.
 */
export class ImiProvider extends ImiElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  /** Base address of the REST API; the `configureImi()` default when absent. */
  @property({ attribute: 'api-base' }) apiBase?: string;

  /** Locale for the elements inside; their own `lang` still wins. */
  @property() locale?: string;

  /** Returns the bearer token; a property only, never an attribute, so the token never reaches the DOM. */
  @property({ attribute: false }) getAccessToken?: AccessTokenCallback;

  @provide({ context: imiContext })
  @state()
  protected providedValue?: ImiConfig;

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    if (changed.has('apiBase') || changed.has('locale') || changed.has('getAccessToken') || changed.has('providedConfig') || !this.providedValue) {
      const outer = this.providedConfig ?? getImiConfig();
      this.providedValue = {
        apiBase: this.apiBase ?? outer.apiBase,
        getAccessToken: this.getAccessToken ?? outer.getAccessToken,
        locale: this.locale ?? outer.locale,
      };
    }
  }

  protected override configChanged(): void {
    this.requestUpdate('providedConfig');
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'imi-provider': ImiProvider;
  }
}
