import { LitElement } from 'lit';
import { state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { getImiConfig, imiContext, onImiConfigChange, type ImiConfig } from './context.js';
import { getLocale, normalizeLocale, resolveLocale, setLocale, type LocaleCode } from './localization.js';
import { ApiError } from './api.js';
import type { ImiEventName } from './events.js';

/**
 * The base of every IMI element: a typed `emit()`, a `define()` that tolerates being loaded twice, the configuration
 * (from an enclosing `<imi-provider>`, else from `configureImi()`) and the UI locale (SPEC §7: the element's `lang`,
 * else the configured locale, else the closest `lang` of an ancestor or `<html>`, else English).
 *
 * @lit/localize keeps one active locale per page, so elements that ask for different languages on one page share the
 * language of the last one connected.
 */
export class ImiElement extends LitElement {
  /** Registers the element under `tag`; a second call (the script loaded twice) leaves the first definition in place. */
  static define(tag: string, registry: CustomElementRegistry = customElements): void {
    if (!registry.get(tag)) registry.define(tag, this);
  }

  @consume({ context: imiContext, subscribe: true })
  @state()
  protected providedConfig?: ImiConfig;

  /** Resolves when the UI texts are in the element's locale. */
  localeReady: Promise<void> = Promise.resolve();

  /** True while the texts of the wanted locale are loading. */
  protected localePending = false;

  /** The locale the element's server data (texts in the user's language) were last loaded in; undefined: load again. */
  private dataLocale?: string;

  private readonly languageObserver = new MutationObserver(() => this.syncLocale());
  private stopConfigListener?: () => void;

  /** The effective configuration: the nearest provider's, else the page default set with `configureImi()`. */
  protected get config(): ImiConfig {
    return this.providedConfig ?? getImiConfig();
  }

  /** The locale the element asks for (the active locale may lag while its texts load). */
  protected get wantedLocale(): LocaleCode {
    if (this.hasAttribute('lang')) return resolveLocale(this);
    return normalizeLocale(this.config.locale) ?? resolveLocale(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.languageObserver.observe(this, { attributes: true, attributeFilter: ['lang'] });
    this.languageObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
    this.stopConfigListener = onImiConfigChange(() => {
      this.dataLocale = undefined;
      this.syncLocale();
      this.configChanged();
    });
    this.syncLocale();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.languageObserver.disconnect();
    this.stopConfigListener?.();
    this.dataLocale = undefined;
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    if (changed.has('providedConfig') && changed.get('providedConfig') !== undefined) {
      this.dataLocale = undefined;
      this.syncLocale();
      this.configChanged();
    }
  }

  /** Called when the configuration (API base, token callback, locale) changes after the element was connected. */
  protected configChanged(): void {}

  /** A failed call as an ApiError, after telling the host page (`imi-auth-required`) when the user must sign in again. */
  protected apiFailure(error: unknown): ApiError {
    const failure = error instanceof ApiError ? error : new ApiError({ status: 0, title: String(error) });
    if (failure.status === 401) this.emit('imi-auth-required', { problem: failure.problem });
    return failure;
  }

  /**
   * Whether the element's server data must be loaded (again): they were not yet loaded in the active locale, or the
   * configuration changed, or the element was reconnected since. Answering true records them as loaded in this locale.
   * Call it once the texts are ready (`localePending` false).
   */
  protected claimDataLoad(): boolean {
    const locale = getLocale();
    if (locale === this.dataLocale) return false;
    this.dataLocale = locale;
    return true;
  }

  /** Dispatches an `imi-` event that bubbles out of shadow roots; returns false when a listener cancelled it. */
  protected emit<K extends ImiEventName>(
    name: K,
    detail: HTMLElementEventMap[K] extends CustomEvent<infer D> ? D : never,
    options: { cancelable?: boolean } = {},
  ): boolean {
    return this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable: options.cancelable ?? false }));
  }

  private syncLocale(): void {
    // Called even when the locale looks active already: another element may be loading a different one.
    const ready: Promise<void> = setLocale(this.wantedLocale)
      .catch(() => undefined)
      .then(() => {
        if (this.localeReady !== ready) return;
        this.localePending = false;
        this.requestUpdate();
      });
    this.localePending = true;
    this.localeReady = ready;
  }
}
