import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { virtualize, virtualizerRef } from '@lit-labs/virtualizer/virtualize.js';
import { localized, msg, str } from '@lit/localize';
import { ApiError, ImiApi, isAbortError } from '../core/api.js';
import { awaitingResponder, daysBetween, dueSoonDays, formatDate, overdueBy, relativeDays } from '../core/due-dates.js';
import { ImiElement } from '../core/imi-element.js';
import { followRequestChanges, type RequestChange } from '../core/live-events.js';
import { getLocale } from '../core/localization.js';
import { statusLabel, today } from '../core/request-labels.js';
import type { RequestStatus, RequestSummary } from '../core/types.js';
import { inboxStyles } from './inbox.styles.js';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** What the inbox uses of the virtualizer behind the `virtualize` directive. */
interface VirtualizerHandle {
  element(index: number): { scrollIntoView(options?: ScrollIntoViewOptions): void } | undefined;
}

interface Named {
  code: string;
  name: string;
}

export type InboxBox = 'incoming' | 'outgoing' | 'coordination';
export type InboxSort = 'deadline' | 'updated';
type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';
type Due = { kind: 'overdue' | 'soon' | 'later' | 'none'; days: number };

const boxes: InboxBox[] = ['incoming', 'outgoing', 'coordination'];
const statuses: RequestStatus[] = [
  'DRAFT', 'AWAITING_APPROVAL', 'AWAITING_ACCEPTANCE', 'ACCEPTED', 'AWAITING_REPLY_APPROVAL', 'ANSWERED',
  'CLARIFICATION_REQUESTED', 'REFERRED', 'CLOSED', 'WITHDRAWN',
];
const columns = 4;
const pageJump = 10;
/** The server's largest page: a refresh after a live change reloads the rows shown in pages of this size. */
const maxLimit = 100;
const searchDebounceMs = 300;
/** How many animation frames the focus waits for the virtualizer to render the row it moves to. */
const focusFrames = 30;
const refreshDebounceMs = 250;

/**
 * @summary The requests of the user's authority: incoming, outgoing, or those it coordinates, with their deadlines.
 *
 * A data grid (WAI-ARIA grid pattern): one Tab stop; ArrowUp/ArrowDown move between requests, ArrowLeft/ArrowRight
 * between the cells of a request, Home/End to the first/last cell, Ctrl+Home/Ctrl+End to the first/last request,
 * PageUp/PageDown ten requests at a time; Enter or Space (or a click) opens the request. Filters narrow the list by
 * state, legislative area, deadline and text (case number, or the data subject's name where the user may see it); the
 * list is sorted by deadline or by latest change and loads further pages with “Load more”. Overdue and due-soon
 * requests carry a badge with text and its own shape; unread ones a dot and a bold case number. The list follows
 * changes live (`GET /events`) while the element is connected, and reconnects with backoff after a loss.
 *
 * Long lists are scrolled virtually (`@lit-labs/virtualizer`, following the page's own scrolling): only the requests
 * near the viewport are in the DOM, each keeps its `aria-rowindex`, and moving the focus to a request that is not
 * rendered (PageDown, Ctrl+End) scrolls it into view first. When the focused request scrolls out of the DOM, the grid
 * itself takes the Tab stop and hands the focus back to that request.
 *
 * @event imi-request-open - The user opened a request; `detail.id` and `detail.request` (the list's summary).
 * @event imi-auth-required - The server answered 401: the access token is missing or expired.
 *
 * @csspart boxes - The box switch (incoming, outgoing, coordination).
 * @csspart filters - The row of filters.
 * @csspart grid - The list of requests.
 * @csspart row - One request.
 * @csspart badge - An overdue or due-soon badge.
 * @csspart more - The “Load more” button.
 *
 * @cssprop --imi-inbox-text-color - Text colour. Default: `--imi-sys-color-on-surface`.
 * @cssprop --imi-inbox-muted-color - Secondary text: authorities' countries, relative dates, hints. Default: `--imi-sys-color-on-surface-muted`.
 * @cssprop --imi-inbox-accent-color - Case numbers, buttons, the chosen box and unread marks. Default: `--imi-sys-color-primary`.
 * @cssprop --imi-inbox-on-accent-color - Text on the chosen box. Default: `--imi-sys-color-on-primary`.
 * @cssprop --imi-inbox-field-background - Background of fields and buttons. Default: `--imi-sys-color-surface`.
 * @cssprop --imi-inbox-border-color - Border of fields and of the list. Default: `--imi-sys-color-outline`.
 * @cssprop --imi-inbox-divider-color - Line between requests. Default: `--imi-sys-color-surface-variant`.
 * @cssprop --imi-inbox-header-background - Background of the column headers. Default: `--imi-sys-color-surface-variant`.
 * @cssprop --imi-inbox-row-hover-background - Request under the pointer. Default: `--imi-sys-color-surface-variant`.
 * @cssprop --imi-inbox-row-active-background - Request holding the focus. Default: `--imi-sys-color-primary-container`.
 * @cssprop --imi-inbox-focus-color - Focus ring. Default: `--imi-sys-color-focus`.
 * @cssprop --imi-inbox-radius - Corner radius. Default: `--imi-sys-radius-small`.
 * @cssprop --imi-inbox-gap - Space between the filters. Default: `--imi-sys-space-3`.
 * @cssprop --imi-inbox-overdue-color - Text and border of the overdue badge. Default: `--imi-sys-color-error`.
 * @cssprop --imi-inbox-overdue-background - Background of the overdue badge. Default: `--imi-sys-color-error-container`.
 * @cssprop --imi-inbox-due-soon-color - Text and border of the due-soon badge. Default: `--imi-sys-color-on-surface`.
 * @cssprop --imi-inbox-due-soon-background - Background of the due-soon badge. Default: `--imi-sys-color-surface-variant`.
 * @cssprop --imi-inbox-error-color - Error text and marker. Default: `--imi-sys-color-error`.
 * @cssprop --imi-inbox-error-background - Error background. Default: `--imi-sys-color-error-container`.
 */
@localized()
export class ImiInbox extends ImiElement {
  static override styles = inboxStyles;

  /** Which requests: `incoming` (to the user's authority), `outgoing` (from it) or `coordination` (those it coordinates). */
  @property({ reflect: true }) box: InboxBox = 'incoming';

  /** States to show, comma-separated (e.g. `ACCEPTED,ANSWERED`); empty for all. */
  @property() status = '';

  /** Legislative area code, e.g. `PQ`; empty for all areas. */
  @property() area = '';

  /** `true` for overdue requests only, `false` for the others; empty for all. */
  @property() overdue: '' | 'true' | 'false' = '';

  /** Text to look for: a case number, or the data subject's name where the user may see it. */
  @property() q = '';

  /** `deadline` (the date that matters first) or `updated` (latest change first). */
  @property() sort: InboxSort = 'deadline';

  /** Requests fetched at a time (1 to 100). */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 25;

  @state() private items: RequestSummary[] = [];
  @state() private nextCursor: string | null = null;
  @state() private loadStatus: LoadStatus = 'idle';
  @state() private loadingMore = false;
  @state() private error?: ApiError;
  @state() private activeIndex = 0;
  @state() private activeColumn = 0;
  @state() private announcement = '';
  @state() private areas: Named[] = [];
  @state() private searchText = '';

  private failedCursor?: string;
  private listAbort?: AbortController;
  private areasAbort?: AbortController;
  private liveAbort?: AbortController;
  private searchTimer?: ReturnType<typeof setTimeout>;
  private refreshTimer?: ReturnType<typeof setTimeout>;
  private focusAfterRender = false;
  private focusAttempt = 0;
  private today = today();

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.searchTimer);
    clearTimeout(this.refreshTimer);
    this.listAbort?.abort();
    this.listAbort = undefined;
    this.areasAbort?.abort();
    this.stopLiveUpdates();
  }

  protected override configChanged(): void {
    this.stopLiveUpdates();
    this.requestUpdate();
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    if (changed.has('q')) this.searchText = this.q;
    if (!this.isConnected || this.localePending) return;
    // Started here rather than in updated(), so that the loading state shows in this very render.
    const filtersChanged = ['box', 'status', 'area', 'overdue', 'q', 'sort', 'pageSize'].some((key) => changed.has(key));
    if (this.claimDataLoad()) {
      // Designations and area names come in the user's language: fetch them again for a new locale.
      void this.loadAreas();
      void this.load();
    } else if (filtersChanged && this.loadStatus !== 'idle') {
      void this.load();
    }
    if (!this.liveAbort) this.startLiveUpdates();
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    super.updated(changed);
    if (this.focusAfterRender) {
      this.focusAfterRender = false;
      void this.focusActiveCell();
    }
    this.syncTabStop();
  }

  /**
   * Focuses the active cell. Rows are rendered by the virtualizer after this element's own update, and only near the
   * viewport: when the cell is not there yet, its request is scrolled into view and the cell focused once rendered.
   */
  private async focusActiveCell(): Promise<void> {
    const attempt = ++this.focusAttempt;
    let scrolled = false;
    for (let frame = 0; frame < focusFrames && attempt === this.focusAttempt; frame++) {
      const cell = this.activeCell();
      if (cell) {
        cell.focus();
        return;
      }
      if (!scrolled) {
        const body = this.renderRoot.querySelector<HTMLElement & { [virtualizerRef]?: VirtualizerHandle }>('.body');
        const target = body?.[virtualizerRef]?.element(this.activeIndex);
        target?.scrollIntoView({ block: 'nearest' });
        scrolled = Boolean(target);
      }
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
  }

  /** Reloads the list from its first page. */
  async load(cursor?: string): Promise<void> {
    clearTimeout(this.refreshTimer);
    this.listAbort?.abort();
    const abort = (this.listAbort = new AbortController());
    const appending = cursor !== undefined;
    if (appending) this.loadingMore = true;
    else this.loadStatus = 'loading';
    this.error = undefined;
    this.today = today();
    this.announcement = msg('Loading requests…');
    try {
      const page = await this.api().get<Page<RequestSummary>>('/requests', { ...this.query(), limit: this.limit(), cursor }, { signal: abort.signal });
      if (abort.signal.aborted) return;
      const firstNew = this.items.length;
      this.items = appending ? [...this.items, ...page.items] : page.items;
      this.nextCursor = page.nextCursor;
      this.loadStatus = 'ready';
      if (appending && page.items.length) {
        this.activeIndex = firstNew;
        this.focusAfterRender = true;
      } else if (!appending) {
        this.activeIndex = 0;
      }
      this.announcement = this.countAnnouncement();
    } catch (error) {
      if (isAbortError(error) || abort.signal.aborted) return;
      this.fail(error, cursor);
    } finally {
      if (this.listAbort === abort) {
        this.listAbort = undefined;
        this.loadingMore = false;
      }
    }
  }

  private api(): ImiApi {
    return new ImiApi({ ...this.config, locale: getLocale() });
  }

  private query() {
    return { box: this.box, status: this.status, area: this.area, overdue: this.overdue, q: this.q.trim(), sort: this.sort };
  }

  private limit(): number {
    return Math.min(maxLimit, Math.max(1, Math.floor(this.pageSize) || 25));
  }

  private fail(error: unknown, cursor?: string): void {
    const failure = this.apiFailure(error);
    this.error = failure;
    this.failedCursor = cursor;
    this.loadStatus = 'error';
    this.announcement = this.errorTitle(failure);
  }

  /**
   * After a live change: loads again as many requests as are shown, so that a changed request shows its new state,
   * moves to its new place in the order or leaves the list when it no longer matches the filters.
   */
  private async refresh(): Promise<void> {
    if (this.listAbort || this.loadStatus !== 'ready') return;
    const abort = (this.listAbort = new AbortController());
    const wanted = Math.max(this.items.length, this.limit());
    const focusedId = this.gridHasFocus() ? this.items[this.activeIndex]?.id : undefined;
    try {
      const items: RequestSummary[] = [];
      let cursor: string | null | undefined;
      do {
        const page: Page<RequestSummary> = await this.api().get<Page<RequestSummary>>(
          '/requests',
          { ...this.query(), limit: Math.min(maxLimit, wanted - items.length), cursor },
          { signal: abort.signal },
        );
        items.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor && items.length < wanted);
      if (abort.signal.aborted) return;
      this.today = today();
      this.items = items;
      this.nextCursor = cursor ?? null;
      const kept = focusedId ? items.findIndex((item) => item.id === focusedId) : -1;
      this.activeIndex = kept >= 0 ? kept : Math.min(this.activeIndex, Math.max(0, items.length - 1));
      if (focusedId && kept < 0) this.focusAfterRender = true;
    } catch (error) {
      if (isAbortError(error) || abort.signal.aborted) return;
      if (error instanceof ApiError && error.status === 401) this.fail(error);
    } finally {
      if (this.listAbort === abort) this.listAbort = undefined;
    }
  }

  private startLiveUpdates(): void {
    const abort = (this.liveAbort = new AbortController());
    void followRequestChanges(() => this.api(), {
      signal: abort.signal,
      onChange: (change) => this.onChange(change),
      onUnauthorized: (error) => this.emit('imi-auth-required', { problem: error.problem }),
    });
  }

  private stopLiveUpdates(): void {
    this.liveAbort?.abort();
    this.liveAbort = undefined;
  }

  private onChange(change: RequestChange): void {
    // A change to a request not shown may still add it to the list (e.g. a request just received).
    if (this.area && change.area !== this.area) return;
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.refresh(), refreshDebounceMs);
  }

  private async loadAreas(): Promise<void> {
    this.areasAbort?.abort();
    const abort = (this.areasAbort = new AbortController());
    try {
      const page = await this.api().get<Page<Named>>('/legislative-areas', {}, { signal: abort.signal });
      if (!abort.signal.aborted) this.areas = page.items.map(({ code, name }) => ({ code, name }));
    } catch {
      // The area filter then offers the codes it knows; the list itself reports its own errors.
    }
  }

  private open(index: number): void {
    const request = this.items[index];
    if (!request) return;
    this.activeIndex = index;
    if (request.unread) this.items = this.items.map((item) => (item === request ? { ...item, unread: false } : item));
    this.emit('imi-request-open', { id: request.id, request });
  }

  private onGridKeyDown(event: KeyboardEvent): void {
    const count = this.items.length;
    if (!count) return;
    let row = this.activeIndex;
    let column = this.activeColumn;
    switch (event.key) {
      case 'ArrowDown':
        row = Math.min(count - 1, row + 1);
        break;
      case 'ArrowUp':
        row = Math.max(0, row - 1);
        break;
      case 'ArrowRight':
        column = Math.min(columns - 1, column + 1);
        break;
      case 'ArrowLeft':
        column = Math.max(0, column - 1);
        break;
      case 'PageDown':
        row = Math.min(count - 1, row + pageJump);
        break;
      case 'PageUp':
        row = Math.max(0, row - pageJump);
        break;
      case 'Home':
        if (event.ctrlKey) row = 0;
        else column = 0;
        break;
      case 'End':
        if (event.ctrlKey) row = count - 1;
        else column = columns - 1;
        break;
      case 'Enter':
      case ' ':
        event.preventDefault();
        this.open(this.activeIndex);
        return;
      default:
        return;
    }
    event.preventDefault();
    this.activeIndex = row;
    this.activeColumn = column;
    this.focusAfterRender = true;
  }

  private onGridFocusIn(event: FocusEvent): void {
    if (event.target === event.currentTarget) {
      // The focused request had scrolled out of the DOM: the grid held the Tab stop for it.
      void this.focusActiveCell();
      return;
    }
    const cell = (event.target as HTMLElement).closest<HTMLElement>('[role="gridcell"]');
    if (!cell) return;
    this.activeIndex = Number(cell.dataset.row);
    this.activeColumn = Number(cell.dataset.column);
  }

  private onGridClick(event: MouseEvent): void {
    const row = (event.target as HTMLElement).closest<HTMLElement>('[role="row"][data-index]');
    if (row) this.open(Number(row.dataset.index));
  }

  /**
   * The grid keeps one Tab stop: the active cell while its request is in the DOM, else the grid itself. Set here rather
   * than rendered, because the virtualizer reports its range while it lays out, and a render then would lay out again.
   */
  private syncTabStop(): void {
    const grid = this.renderRoot.querySelector<HTMLElement>('[role="grid"]');
    if (!grid) return;
    if (this.activeCell()) grid.removeAttribute('tabindex');
    else grid.tabIndex = 0;
  }

  private activeCell(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`[role="gridcell"][data-row="${this.activeIndex}"][data-column="${this.activeColumn}"]`);
  }

  private gridHasFocus(): boolean {
    const focused = (this.renderRoot as ShadowRoot).activeElement;
    return Boolean(focused?.closest('[role="grid"]'));
  }

  private chooseBox(box: InboxBox): void {
    this.box = box;
  }

  private onSearchInput(event: InputEvent): void {
    this.searchText = (event.target as HTMLInputElement).value;
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => (this.q = this.searchText), searchDebounceMs);
  }

  private onSearchKeyDown(event: KeyboardEvent): void {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    clearTimeout(this.searchTimer);
    if (this.q === this.searchText) void this.load();
    else this.q = this.searchText;
  }

  private retry(): void {
    void this.load(this.failedCursor);
  }

  private loadMore(): void {
    if (this.nextCursor) void this.load(this.nextCursor);
  }

  private countAnnouncement(): string {
    if (!this.items.length) return this.emptyText();
    const count = new Intl.NumberFormat(getLocale()).format(this.items.length);
    const shown = msg(str`Requests shown: ${count}`);
    return this.nextCursor ? `${shown}. ${msg('More requests are available.')}` : shown;
  }

  private emptyText(): string {
    const filtered = this.status || this.area || this.overdue || this.q.trim();
    if (filtered) return msg('No request matches these filters.');
    switch (this.box) {
      case 'incoming':
        return msg('No incoming requests.');
      case 'outgoing':
        return msg('No outgoing requests.');
      case 'coordination':
        return msg('No requests to coordinate.');
    }
  }

  private errorTitle(error: ApiError): string {
    if (error.status === 401) return msg('Please sign in again to see your requests.');
    if (error.status === 0) return msg('The server could not be reached. Check your connection and try again.');
    return msg('The requests could not be loaded.');
  }

  private boxLabel(box: InboxBox): string {
    switch (box) {
      case 'incoming':
        return msg('Incoming');
      case 'outgoing':
        return msg('Outgoing');
      case 'coordination':
        return msg('Coordination');
    }
  }

  private due(request: RequestSummary): Due {
    if (!request.dueOn || !awaitingResponder.includes(request.status)) return { kind: 'none', days: 0 };
    const days = daysBetween(this.today, request.dueOn);
    if (request.overdue || days < 0) return { kind: 'overdue', days: Math.max(1, -days) };
    return { kind: days <= dueSoonDays ? 'soon' : 'later', days };
  }

  protected override render() {
    const busy = this.loadStatus === 'loading' || this.loadingMore;
    return html`
      <div class="boxes" part="boxes" role="group" aria-label=${msg('Box')}>
        ${boxes.map(
          (box) => html`<button type="button" aria-pressed=${box === this.box ? 'true' : 'false'} @click=${() => this.chooseBox(box)}>
            ${this.boxLabel(box)}
          </button>`,
        )}
      </div>
      ${this.renderFilters()}
      <div class="list" aria-busy=${busy ? 'true' : 'false'}>
        ${this.loadStatus === 'loading' ? html`<p class="message">${msg('Loading requests…')}</p>` : nothing}
        ${this.loadStatus === 'ready' && !this.items.length ? html`<p class="message">${this.emptyText()}</p>` : nothing}
        ${this.items.length ? this.renderGrid() : nothing}
        ${this.loadingMore ? html`<p class="message">${msg('Loading more requests…')}</p>` : nothing}
        ${this.error ? this.renderError(this.error) : nothing}
        ${this.nextCursor && !busy && !this.error
          ? html`<button class="more" part="more" type="button" @click=${this.loadMore}>${msg('Load more')}</button>`
          : nothing}
      </div>
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
    `;
  }

  private renderFilters(): TemplateResult {
    const knownStatus = !this.status || statuses.includes(this.status as RequestStatus);
    const knownArea = !this.area || this.areas.some((area) => area.code === this.area);
    return html`
      <div class="filters" part="filters" role="group" aria-label=${msg('Filters')}>
        <div class="filter search">
          <label for="q">${msg('Search')}</label>
          <input
            id="q"
            type="search"
            autocomplete="off"
            spellcheck="false"
            aria-describedby="q-hint"
            .value=${live(this.searchText)}
            @input=${this.onSearchInput}
            @keydown=${this.onSearchKeyDown}
          />
          <span class="hint" id="q-hint">${msg('Case number, or the name of the person concerned')}</span>
        </div>
        <div class="filter">
          <label for="status">${msg('Status')}</label>
          <select id="status" @change=${(event: Event) => (this.status = (event.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${!this.status}>${msg('All statuses')}</option>
            ${knownStatus ? nothing : html`<option value=${this.status} selected>${this.statusListLabel(this.status)}</option>`}
            ${statuses.map((status) => html`<option value=${status} ?selected=${status === this.status}>${statusLabel(status)}</option>`)}
          </select>
        </div>
        <div class="filter">
          <label for="area">${msg('Legislative area')}</label>
          <select id="area" @change=${(event: Event) => (this.area = (event.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${!this.area}>${msg('All legislative areas')}</option>
            ${knownArea ? nothing : html`<option value=${this.area} selected>${this.area}</option>`}
            ${this.areas.map((area) => html`<option value=${area.code} ?selected=${area.code === this.area}>${area.name}</option>`)}
          </select>
        </div>
        <div class="filter">
          <label for="overdue">${msg('Deadline')}</label>
          <select id="overdue" @change=${(event: Event) => (this.overdue = (event.target as HTMLSelectElement).value as ImiInbox['overdue'])}>
            <option value="" ?selected=${!this.overdue}>${msg('Any deadline')}</option>
            <option value="true" ?selected=${this.overdue === 'true'}>${msg('Overdue only')}</option>
            <option value="false" ?selected=${this.overdue === 'false'}>${msg('Not overdue')}</option>
          </select>
        </div>
        <div class="filter">
          <label for="sort">${msg('Sort by')}</label>
          <select id="sort" @change=${(event: Event) => (this.sort = (event.target as HTMLSelectElement).value as InboxSort)}>
            <option value="deadline" ?selected=${this.sort === 'deadline'}>${msg('Deadline')}</option>
            <option value="updated" ?selected=${this.sort === 'updated'}>${msg('Latest change')}</option>
          </select>
        </div>
      </div>
    `;
  }

  private statusListLabel(list: string): string {
    return list
      .split(',')
      .map((status) => status.trim())
      .filter((status): status is RequestStatus => statuses.includes(status as RequestStatus))
      .map(statusLabel)
      .join(', ');
  }

  private renderGrid(): TemplateResult {
    const rowCount = this.nextCursor ? -1 : this.items.length + 1;
    return html`
      <div
        class="grid"
        part="grid"
        role="grid"
        aria-label=${this.boxLabel(this.box)}
        aria-rowcount=${rowCount}
        @keydown=${this.onGridKeyDown}
        @focusin=${this.onGridFocusIn}
        @click=${this.onGridClick}
      >
        <div role="rowgroup" class="head">
          <div role="row" class="row" aria-rowindex="1">
            <span role="columnheader">${msg('Case')}</span>
            <span role="columnheader">${msg('Status')}</span>
            <span role="columnheader">${this.box === 'incoming' ? msg('From') : this.box === 'outgoing' ? msg('To') : msg('Authorities')}</span>
            <span role="columnheader">${msg('Due')}</span>
          </div>
        </div>
        <div role="rowgroup" class="body" @rangeChanged=${this.syncTabStop}>
          ${virtualize({
            items: this.items,
            keyFunction: (request: RequestSummary) => request.id,
            renderItem: (request: RequestSummary, index: number) => this.renderRow(request, index),
          })}
        </div>
      </div>
    `;
  }

  private renderRow(request: RequestSummary, index: number): TemplateResult {
    const active = index === this.activeIndex;
    const cell = (column: number, content: unknown, extra = '') => html`<div
      role="gridcell"
      class="cell ${extra}"
      data-row=${index}
      data-column=${column}
      tabindex=${active && column === this.activeColumn ? '0' : '-1'}
    >${content}</div>`;
    return html`
      <div
        role="row"
        part="row"
        class="row ${request.unread ? 'unread' : ''} ${active ? 'active' : ''}"
        aria-rowindex=${index + 2}
        data-index=${index}
        data-id=${request.id}
      >
        ${cell(
          0,
          html`${request.unread
              ? html`<span class="unread-mark" aria-hidden="true">●</span><span class="visually-hidden">${msg('Unread')}</span>`
              : nothing}<span class="case">${request.caseNumber}</span>`,
        )}
        ${cell(1, html`<span class="status">${statusLabel(request.status)}</span>`)}
        ${cell(2, this.renderAuthorities(request))}
        ${cell(3, this.renderDue(request), 'due')}
      </div>
    `;
  }

  private renderAuthorities(request: RequestSummary): TemplateResult {
    const authority = (ref: RequestSummary['responder']) =>
      ref ? html`<span class="authority">${ref.designation} <span class="country">(${ref.country})</span></span>` : html`<span class="authority">${msg('Not chosen yet')}</span>`;
    if (this.box === 'incoming') return authority(request.requester);
    if (this.box === 'outgoing') return authority(request.responder);
    return html`${authority(request.requester)}<span class="arrow" aria-hidden="true">→</span><span class="visually-hidden">${msg('to')}</span>
      ${authority(request.responder)}`;
  }

  private renderDue(request: RequestSummary): TemplateResult | string {
    if (!request.dueOn) return html`<span class="muted">${msg('No deadline')}</span>`;
    const due = this.due(request);
    const date = html`<span class="date">${formatDate(request.dueOn)}</span>`;
    switch (due.kind) {
      case 'overdue':
        return html`${date}<span class="badge overdue" part="badge"><span class="icon" aria-hidden="true">▲</span>${msg('Overdue')}</span>
          <span class="relative">${overdueBy(due.days)}</span>`;
      case 'soon':
        return html`${date}<span class="badge soon" part="badge"><span class="icon" aria-hidden="true">◆</span>${msg('Due soon')}</span>
          <span class="relative">${relativeDays(due.days)}</span>`;
      case 'later':
        return html`${date}<span class="relative">${relativeDays(due.days)}</span>`;
      case 'none':
        return date;
    }
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
}

declare global {
  interface HTMLElementTagNameMap {
    'imi-inbox': ImiInbox;
  }
}
