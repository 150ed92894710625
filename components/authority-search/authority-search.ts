import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { localized, msg, str } from '@lit/localize';
import type { AuthoritySummary } from '../../server/modules/authorities/schemas.js';
import { ApiError, ImiApi, isAbortError } from '../core/api.js';
import { ImiElement } from '../core/imi-element.js';
import { getLocale } from '../core/localization.js';
import { authoritySearchStyles } from './authority-search.styles.js';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

interface Named {
  code: string;
  name: string;
}

type SearchStatus = 'idle' | 'loading' | 'results' | 'empty' | 'error';

const minimumQueryLength = 2;
const debounceMs = 200;
const professionPages = 10;

/**
 * @summary Finds competent authorities of the EEA states by profession, keyword, name or city, typed in any of the 26
 * languages, and lets the user pick one.
 *
 * A combobox with a list of results (WAI-ARIA 1.2 combobox pattern): ArrowDown/ArrowUp move through the results,
 * Home/End jump to the first/last one while the list is in use, Enter chooses, Escape closes the list and a second
 * Escape clears the text. Filters narrow the search by country, legislative area and profession. Each result shows the
 * authority's designation in the user's language, its official name, its city and country, and why it matched.
 *
 * @event imi-authority-select - The user chose an authority; `detail.authority` is the search result.
 * @event imi-auth-required - The server answered 401: the access token is missing or expired.
 *
 * @csspart filters - The row of filters (country, legislative area, profession).
 * @csspart input - The search field.
 * @csspart listbox - The list of results.
 * @csspart option - One result.
 *
 * @cssprop --imi-authority-search-text-color - Text colour. Default: `--imi-sys-color-on-surface`.
 * @cssprop --imi-authority-search-muted-color - Colour of hints, places and match reasons. Default: `--imi-sys-color-on-surface-muted`.
 * @cssprop --imi-authority-search-accent-color - Designations, buttons and the marker of the active result. Default: `--imi-sys-color-primary`.
 * @cssprop --imi-authority-search-field-background - Background of the fields and buttons. Default: `--imi-sys-color-surface`.
 * @cssprop --imi-authority-search-border-color - Border of the fields and of the results. Default: `--imi-sys-color-outline`.
 * @cssprop --imi-authority-search-focus-color - Focus ring. Default: `--imi-sys-color-focus`.
 * @cssprop --imi-authority-search-radius - Corner radius. Default: `--imi-sys-radius-small`.
 * @cssprop --imi-authority-search-gap - Space between the filters. Default: `--imi-sys-space-3`.
 * @cssprop --imi-authority-search-results-background - Background of the results. Default: `--imi-sys-color-surface`.
 * @cssprop --imi-authority-search-results-max-height - Height after which the results scroll. Default: `none`.
 * @cssprop --imi-authority-search-divider-color - Line between results. Default: `--imi-sys-color-surface-variant`.
 * @cssprop --imi-authority-search-option-hover-background - Result under the pointer. Default: `--imi-sys-color-surface-variant`.
 * @cssprop --imi-authority-search-option-active-background - Active result. Default: `--imi-sys-color-primary-container`.
 * @cssprop --imi-authority-search-error-color - Error text and marker. Default: `--imi-sys-color-error`.
 * @cssprop --imi-authority-search-error-background - Error background. Default: `--imi-sys-color-error-container`.
 */
@localized()
export class ImiAuthoritySearch extends ImiElement {
  static override styles = authoritySearchStyles;

  /** Label of the search field; a translated default when absent. */
  @property() label?: string;

  /** ISO 3166 alpha-2 code of the country to search in, e.g. `DE`; empty for all countries. */
  @property() country = '';

  /** Legislative area code, e.g. `PQ`; empty for all areas. */
  @property() area = '';

  /** Profession code; empty for all professions. */
  @property() profession = '';

  /** Hides the row of filters (the `country`, `area` and `profession` attributes still apply). */
  @property({ type: Boolean, reflect: true, attribute: 'hide-filters' }) hideFilters = false;

  /** Results fetched at a time. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 10;

  @state() private term = '';
  @state() private status: SearchStatus = 'idle';
  @state() private results: AuthoritySummary[] = [];
  @state() private nextCursor: string | null = null;
  @state() private loadingMore = false;
  @state() private error?: ApiError;
  @state() private expanded = false;
  @state() private activeIndex = -1;
  @state() private announcement = '';
  @state() private countries: Named[] = [];
  @state() private areas: Named[] = [];
  @state() private professions: Named[] = [];

  private searchedTerm = '';
  private failedCursor?: string;
  private debounceTimer?: ReturnType<typeof setTimeout>;
  private searchAbort?: AbortController;
  private filtersAbort?: AbortController;
  private filtersLocale?: string;
  private regionNames?: Intl.DisplayNames;
  private languageNames?: Intl.DisplayNames;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.debounceTimer);
    this.searchAbort?.abort();
    this.filtersAbort?.abort();
    this.filtersLocale = undefined;
  }

  protected override configChanged(): void {
    this.filtersLocale = undefined;
    this.requestUpdate();
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    super.updated(changed);
    const locale = getLocale();
    if (this.isConnected && !this.localePending && locale !== this.filtersLocale) {
      // Reference data and designations come in the user's language: fetch them again for the new locale.
      const reload = this.filtersLocale !== undefined;
      this.filtersLocale = locale;
      this.regionNames = undefined;
      this.languageNames = undefined;
      void this.loadFilters();
      // A search cut short by disconnection is also run again.
      const interrupted = this.status === 'loading' && !this.searchAbort;
      if ((reload && this.status !== 'idle') || interrupted) void this.search();
    }
    if (changed.has('hideFilters') && changed.get('hideFilters') === true) void this.loadFilters();
    if (changed.has('activeIndex') && this.activeIndex >= 0) {
      this.renderRoot.querySelector(`#option-${this.activeIndex}`)?.scrollIntoView({ block: 'nearest' });
    }
  }

  /** Runs the search now for the text in the field (at least two characters). */
  async search(cursor?: string): Promise<void> {
    const term = this.term.trim();
    if (term.length < minimumQueryLength) return;
    clearTimeout(this.debounceTimer);
    this.searchAbort?.abort();
    const abort = (this.searchAbort = new AbortController());
    const appending = cursor !== undefined;
    if (appending) this.loadingMore = true;
    else this.status = 'loading';
    this.error = undefined;
    this.expanded = true;
    this.announcement = msg('Searching…');
    try {
      const page = await this.api().get<Page<AuthoritySummary>>(
        '/authorities',
        { q: term, country: this.country, area: this.area, profession: this.profession, limit: this.pageSize, cursor },
        { signal: abort.signal },
      );
      if (abort.signal.aborted) return;
      const firstNew = appending ? this.results.length : 0;
      this.results = appending ? [...this.results, ...page.items] : page.items;
      this.nextCursor = page.nextCursor;
      this.searchedTerm = term;
      this.status = this.results.length ? 'results' : 'empty';
      this.activeIndex = appending && page.items.length ? firstNew : -1;
      this.announcement = this.resultsAnnouncement();
      if (appending) this.renderRoot.querySelector<HTMLInputElement>('#input')?.focus();
    } catch (error) {
      if (isAbortError(error) || abort.signal.aborted) return;
      const failure = this.apiFailure(error);
      this.error = failure;
      this.failedCursor = cursor;
      this.status = 'error';
      if (!appending) {
        this.results = [];
        this.nextCursor = null;
        this.activeIndex = -1;
      }
      this.announcement = this.errorTitle(failure);
    } finally {
      if (this.searchAbort === abort) {
        this.searchAbort = undefined;
        this.loadingMore = false;
      }
    }
  }

  private api(): ImiApi {
    return new ImiApi({ ...this.config, locale: getLocale() });
  }

  private async loadFilters(): Promise<void> {
    if (this.hideFilters) return;
    this.filtersAbort?.abort();
    const abort = (this.filtersAbort = new AbortController());
    const api = this.api();
    const { signal } = abort;
    const [countries, areas, professions] = await Promise.allSettled([
      api.get<Page<Named>>('/countries', {}, { signal }),
      api.get<Page<Named>>('/legislative-areas', {}, { signal }),
      this.loadProfessions(api, signal),
    ]);
    if (signal.aborted) return;
    const collator = new Intl.Collator(getLocale());
    const byName = (a: Named, b: Named) => collator.compare(a.name, b.name);
    if (countries.status === 'fulfilled') this.countries = countries.value.items.map(named).sort(byName);
    if (areas.status === 'fulfilled') this.areas = areas.value.items.map(named);
    if (professions.status === 'fulfilled') this.professions = professions.value.map(named).sort(byName);
    const unauthorized = [countries, areas, professions].find(
      (result) => result.status === 'rejected' && result.reason instanceof ApiError && result.reason.status === 401,
    );
    if (unauthorized?.status === 'rejected') this.emit('imi-auth-required', { problem: (unauthorized.reason as ApiError).problem });
  }

  private async loadProfessions(api: ImiApi, signal: AbortSignal): Promise<Named[]> {
    const all: Named[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < professionPages; page++) {
      const result: Page<Named> = await api.get<Page<Named>>('/professions', { limit: 100, cursor }, { signal });
      all.push(...result.items);
      cursor = result.nextCursor;
      if (!cursor) break;
    }
    return all;
  }

  private onInput(event: InputEvent): void {
    this.term = (event.target as HTMLInputElement).value;
    clearTimeout(this.debounceTimer);
    if (this.term.trim().length < minimumQueryLength) {
      this.reset();
      return;
    }
    this.debounceTimer = setTimeout(() => void this.search(), debounceMs);
  }

  private reset(): void {
    clearTimeout(this.debounceTimer);
    this.searchAbort?.abort();
    this.searchAbort = undefined;
    this.loadingMore = false;
    this.status = 'idle';
    this.results = [];
    this.nextCursor = null;
    this.error = undefined;
    this.expanded = false;
    this.activeIndex = -1;
    this.announcement = '';
  }

  private onKeyDown(event: KeyboardEvent): void {
    const count = this.results.length;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        event.preventDefault();
        if (!this.expanded) {
          if (this.status === 'idle') return;
          this.expanded = true;
        }
        if (!count) return;
        const down = event.key === 'ArrowDown';
        if (this.activeIndex < 0) this.activeIndex = down ? 0 : count - 1;
        else this.activeIndex = (this.activeIndex + (down ? 1 : count - 1)) % count;
        return;
      }
      case 'Home':
      case 'End':
        // Only while the user moves through the results; otherwise the keys move the caret in the text.
        if (!this.expanded || this.activeIndex < 0) return;
        event.preventDefault();
        this.activeIndex = event.key === 'Home' ? 0 : count - 1;
        return;
      case 'Enter':
        if (this.expanded && this.activeIndex >= 0) {
          event.preventDefault();
          this.choose(this.activeIndex);
        } else if (this.term.trim().length >= minimumQueryLength) {
          event.preventDefault();
          void this.search();
        }
        return;
      case 'Escape':
        if (this.expanded) {
          event.preventDefault();
          this.expanded = false;
          this.activeIndex = -1;
        } else if (this.term) {
          event.preventDefault();
          this.term = '';
          this.reset();
        }
        return;
    }
  }

  private onFocusOut(event: FocusEvent): void {
    const next = event.relatedTarget as Node | null;
    if (next && this.renderRoot.contains(next)) return;
    this.expanded = false;
    this.activeIndex = -1;
  }

  private onInputClick(): void {
    if (this.status !== 'idle') this.expanded = true;
  }

  private choose(index: number): void {
    const authority = this.results[index];
    if (!authority) return;
    this.term = authority.designation;
    this.expanded = false;
    this.activeIndex = -1;
    this.announcement = msg(str`Selected: ${authority.designation}`);
    this.emit('imi-authority-select', { authority });
  }

  private onFilterChange(filter: 'country' | 'area' | 'profession', event: Event): void {
    this[filter] = (event.target as HTMLSelectElement).value;
    if (this.term.trim().length >= minimumQueryLength) void this.search();
  }

  private retry(): void {
    void this.search(this.failedCursor);
  }

  private loadMore(): void {
    if (this.nextCursor) void this.search(this.nextCursor);
  }

  private resultsAnnouncement(): string {
    if (!this.results.length) return msg(str`No authority found for “${this.searchedTerm}”.`);
    const count = new Intl.NumberFormat(getLocale()).format(this.results.length);
    const found = msg(str`Authorities found: ${count}`);
    return this.nextCursor ? `${found}. ${msg('More results are available.')}` : found;
  }

  private errorTitle(error: ApiError): string {
    if (error.status === 401) return msg('Please sign in again to search the directory.');
    if (error.status === 0) return msg('The server could not be reached. Check your connection and try again.');
    return msg('The search failed.');
  }

  private countryName(code: string): string {
    const listed = this.countries.find((country) => country.code === code);
    if (listed) return listed.name;
    this.regionNames ??= new Intl.DisplayNames([getLocale()], { type: 'region', fallback: 'code' });
    return this.regionNames.of(code) ?? code;
  }

  private languageName(code: string): string {
    this.languageNames ??= new Intl.DisplayNames([getLocale()], { type: 'language', fallback: 'code' });
    return this.languageNames.of(code) ?? code;
  }

  protected override render() {
    const busy = this.status === 'loading' || this.loadingMore;
    const showResults = this.expanded && this.status !== 'idle';
    const active = this.expanded && this.activeIndex >= 0 ? `option-${this.activeIndex}` : undefined;
    return html`
      ${this.hideFilters ? nothing : this.renderFilters()}
      <div class="search" @focusout=${this.onFocusOut}>
        <label class="label" id="label" for="input">${this.label ?? msg('Search competent authorities')}</label>
        <p class="hint" id="hint">${msg('Type at least 2 characters: a profession, a keyword, a name or a city, in any language.')}</p>
        <input
          id="input"
          part="input"
          type="text"
          role="combobox"
          autocomplete="off"
          spellcheck="false"
          aria-autocomplete="list"
          aria-controls="listbox"
          aria-describedby="hint"
          aria-expanded=${showResults && this.results.length ? 'true' : 'false'}
          aria-activedescendant=${ifDefined(active)}
          .value=${live(this.term)}
          @input=${this.onInput}
          @keydown=${this.onKeyDown}
          @click=${this.onInputClick}
        />
        <div class="results" ?hidden=${!showResults} aria-busy=${busy ? 'true' : 'false'}>
          <ul id="listbox" role="listbox" part="listbox" aria-labelledby="label" ?hidden=${!this.results.length}>
            ${repeat(this.results, (authority) => authority.id, (authority, index) => this.renderOption(authority, index))}
          </ul>
          ${busy ? html`<p class="message">${msg('Searching…')}</p>` : nothing}
          ${this.status === 'empty' ? html`<p class="message">${msg(str`No authority found for “${this.searchedTerm}”.`)}</p>` : nothing}
          ${this.error ? this.renderError(this.error) : nothing}
          ${this.nextCursor && !busy && !this.error
            ? html`<button class="more" type="button" @click=${this.loadMore}>${msg('Load more results')}</button>`
            : nothing}
        </div>
        <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
      </div>
    `;
  }

  private renderFilters(): TemplateResult {
    const select = (filter: 'country' | 'area' | 'profession', label: string, all: string, options: Named[]) => {
      const value = this[filter];
      const known = !value || options.some((option) => option.code === value);
      return html`
        <div class="filter">
          <label for=${filter}>${label}</label>
          <select id=${filter} @change=${(event: Event) => this.onFilterChange(filter, event)}>
            <option value="" ?selected=${!value}>${all}</option>
            ${known ? nothing : html`<option value=${value} selected>${value}</option>`}
            ${options.map((option) => html`<option value=${option.code} ?selected=${option.code === value}>${option.name}</option>`)}
          </select>
        </div>
      `;
    };
    return html`
      <div class="filters" part="filters" role="group" aria-label=${msg('Filters')}>
        ${select('country', msg('Country'), msg('All countries'), this.countries)}
        ${select('area', msg('Legislative area'), msg('All legislative areas'), this.areas)}
        ${select('profession', msg('Profession'), msg('All professions'), this.professions)}
      </div>
    `;
  }

  private renderError(error: ApiError): TemplateResult {
    const explanation = error.status > 0 && error.status !== 401 ? error.detail ?? error.title : undefined;
    return html`
      <div class="error">
        <p class="title">${this.errorTitle(error)}</p>
        ${explanation ? html`<p>${explanation}</p>` : nothing}
        <button type="button" @click=${this.retry}>${msg('Retry')}</button>
      </div>
    `;
  }

  private renderOption(authority: AuthoritySummary, index: number): TemplateResult {
    const place = [authority.city, this.countryName(authority.country)].filter(Boolean).join(', ');
    return html`
      <li
        id="option-${index}"
        role="option"
        part="option"
        aria-selected=${index === this.activeIndex ? 'true' : 'false'}
        @mousedown=${(event: MouseEvent) => event.preventDefault()}
        @click=${() => this.choose(index)}
      >
        <span class="designation" lang=${authority.designationLang}>${authority.designation}</span>
        ${authority.officialName === authority.designation
          ? nothing
          : html`<span class="official" lang=${authority.officialNameLang}>${authority.officialName}</span>`}
        <span class="place">${place}</span>
        ${authority.match ? html`<span class="reason">${this.renderReason(authority.match)}</span>` : nothing}
      </li>
    `;
  }

  private renderReason(match: NonNullable<AuthoritySummary['match']>): TemplateResult {
    const term = html`<q lang=${ifDefined(match.locale ?? undefined)}>${match.text}</q>${match.locale
      ? ` (${this.languageName(match.locale)})`
      : nothing}`;
    switch (match.field) {
      case 'profession':
      case 'keyword': {
        const competence = html`<mark>${match.competence?.name ?? term}</mark>`;
        return !match.competence || sameText(match.text, match.competence.name)
          ? msg(html`Competent for: ${competence}`)
          : msg(html`Competent for: ${competence} — matched ${term}`);
      }
      case 'officialName':
        return msg(html`Official name matches ${term}`);
      case 'designation':
        return msg(html`Name matches ${term}`);
      case 'city':
        return msg(html`City matches ${term}`);
      case 'region':
        return msg(html`Region matches ${term}`);
    }
  }
}

function named(item: Named): Named {
  return { code: item.code, name: item.name };
}

function sameText(a: string, b: string): boolean {
  return a.localeCompare(b, undefined, { sensitivity: 'base' }) === 0;
}

declare global {
  interface HTMLElementTagNameMap {
    'imi-authority-search': ImiAuthoritySearch;
  }
}
