import { html, nothing, svg, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { localized, msg, str } from '@lit/localize';
import { ApiError, ImiApi, isAbortError } from '../core/api.js';
import { formatDate, overdueBy, relativeDays } from '../core/due-dates.js';
import { ImiElement } from '../core/imi-element.js';
import { formatIndicator, indicatorKeys, indicatorOf, indicatorTarget, indicatorTitle, statusIcon, statusText, type Indicator, type IndicatorKey } from '../core/indicators.js';
import { getLocale } from '../core/localization.js';
import type { DeadlineList, KpiTrend, Kpis } from '../core/types.js';
import { deadlineMonitorStyles } from './deadline-monitor.styles.js';

type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';
type SectionKey = 'overdue' | 'dueSoon' | 'awaitingAcceptance';
type DeadlineItem = DeadlineList['overdue'][number];

const sectionKeys: SectionKey[] = ['overdue', 'dueSoon', 'awaitingAcceptance'];
const chartWidth = 240;
const chartHeight = 72;
const chartPad = 6;

/**
 * @summary What needs attention now — overdue replies, deadlines due soon, requests awaiting acceptance for more than
 * 7 days — and the four indicators of the Single Market Scoreboard with their trend.
 *
 * Each list is one Tab stop: ArrowUp/ArrowDown, Home and End move between its requests; Enter, Space or a click opens
 * one. Each indicator shows its value against the scoreboard's thresholds with a status told by text and shape
 * (● on target, ▲ watch, ■ below target) as well as colour, and a line chart of the months, whose numbers are also
 * given in a table (in a `<details>`). The scope follows the attributes: an authority's own requests, those it
 * coordinates, or a state's or the whole network's, narrowed by country, legislative area or authority.
 *
 * @event imi-request-open - The user opened a request; `detail.id` is its id.
 * @event imi-auth-required - The server answered 401: the access token is missing or expired.
 *
 * @csspart sections - The three lists of deadlines.
 * @csspart section - One list with its heading and count.
 * @csspart item - One request of a list.
 * @csspart indicators - The indicators.
 * @csspart indicator - One indicator with its status and chart.
 * @csspart chart - The line chart of an indicator.
 *
 * @cssprop --imi-deadline-monitor-text-color - Text colour. Default: `--imi-sys-color-on-surface`.
 * @cssprop --imi-deadline-monitor-muted-color - Secondary text: authorities, relative dates, thresholds. Default: `--imi-sys-color-on-surface-muted`.
 * @cssprop --imi-deadline-monitor-accent-color - Case numbers, buttons and the chart line. Default: `--imi-sys-color-primary`.
 * @cssprop --imi-deadline-monitor-surface - Background of sections and indicators. Default: `--imi-sys-color-surface`.
 * @cssprop --imi-deadline-monitor-border-color - Border of sections and indicators. Default: `--imi-sys-color-outline`.
 * @cssprop --imi-deadline-monitor-divider-color - Line between requests and the chart's grid. Default: `--imi-sys-color-surface-variant`.
 * @cssprop --imi-deadline-monitor-item-hover-background - Request under the pointer or holding the focus. Default: `--imi-sys-color-primary-container`.
 * @cssprop --imi-deadline-monitor-focus-color - Focus ring. Default: `--imi-sys-color-focus`.
 * @cssprop --imi-deadline-monitor-radius - Corner radius. Default: `--imi-sys-radius-medium`.
 * @cssprop --imi-deadline-monitor-gap - Space between sections and indicators. Default: `--imi-sys-space-4`.
 * @cssprop --imi-deadline-monitor-green-color - “On target”. Default: `#1d6b34` (6.6:1 on white).
 * @cssprop --imi-deadline-monitor-yellow-color - “Watch”. Default: `#7a4d00` (7.4:1 on white).
 * @cssprop --imi-deadline-monitor-red-color - “Below target” and overdue. Default: `--imi-sys-color-error`.
 * @cssprop --imi-deadline-monitor-error-color - Error text and marker. Default: `--imi-sys-color-error`.
 * @cssprop --imi-deadline-monitor-error-background - Error background. Default: `--imi-sys-color-error-container`.
 */
@localized()
export class ImiDeadlineMonitor extends ImiElement {
  static override styles = deadlineMonitorStyles;

  /** `authority` (the user's authority), `coordination` (the authorities it coordinates) or `network`; the server's default for the user when empty. */
  @property() scope: '' | 'authority' | 'coordination' | 'network' = '';

  /** ISO 3166 alpha-2 code of a state, e.g. `FI`; empty for the whole scope. */
  @property() country = '';

  /** Legislative area code, e.g. `PQ`; empty for all areas. */
  @property() area = '';

  /** Id of an authority whose indicators to show; empty for the whole scope. */
  @property() authority = '';

  @state() private loadStatus: LoadStatus = 'idle';
  @state() private deadlines?: DeadlineList;
  @state() private kpis?: Kpis;
  @state() private trend: KpiTrend['items'] = [];
  @state() private error?: ApiError;
  @state() private active: Record<SectionKey, number> = { overdue: 0, dueSoon: 0, awaitingAcceptance: 0 };
  @state() private announcement = '';

  private abort?: AbortController;
  private focusSection?: SectionKey;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.abort?.abort();
    this.abort = undefined;
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    if (!this.isConnected || this.localePending) return;
    const filtersChanged = ['scope', 'country', 'area', 'authority'].some((key) => changed.has(key));
    if (this.claimDataLoad() || (filtersChanged && this.loadStatus !== 'idle')) {
      void this.load();
    }
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    super.updated(changed);
    if (this.focusSection) {
      this.renderRoot.querySelector<HTMLElement>(`[data-section="${this.focusSection}"] [tabindex="0"]`)?.focus();
      this.focusSection = undefined;
    }
  }

  /** Loads the deadlines and the indicators again. */
  async load(): Promise<void> {
    this.abort?.abort();
    const abort = (this.abort = new AbortController());
    const { signal } = abort;
    this.loadStatus = 'loading';
    this.error = undefined;
    this.announcement = msg('Loading deadlines and indicators…');
    const api = new ImiApi({ ...this.config, locale: getLocale() });
    const kpiQuery = { country: this.country, area: this.area, authority: this.authority };
    try {
      const [deadlines, kpis, trend] = await Promise.all([
        api.get<DeadlineList>('/deadlines', { scope: this.scope, country: this.country, area: this.area }, { signal }),
        api.get<Kpis>('/stats/kpis', kpiQuery, { signal }),
        api.get<KpiTrend>('/stats/kpis/trend', kpiQuery, { signal }),
      ]);
      if (signal.aborted) return;
      this.deadlines = deadlines;
      this.kpis = kpis;
      this.trend = trend.items;
      this.active = { overdue: 0, dueSoon: 0, awaitingAcceptance: 0 };
      this.loadStatus = 'ready';
      const { overdue, dueSoon, awaitingAcceptance } = deadlines.counts;
      this.announcement = msg(str`Overdue: ${overdue}. Due soon: ${dueSoon}. Awaiting acceptance for more than 7 days: ${awaitingAcceptance}.`);
    } catch (error) {
      if (isAbortError(error) || signal.aborted) return;
      const failure = this.apiFailure(error);
      this.error = failure;
      this.loadStatus = 'error';
      this.announcement = this.errorTitle(failure);
    } finally {
      if (this.abort === abort) this.abort = undefined;
    }
  }

  private open(item: DeadlineItem): void {
    this.emit('imi-request-open', { id: item.id });
  }

  private onListKeyDown(section: SectionKey, event: KeyboardEvent): void {
    const items = this.deadlines?.[section] ?? [];
    if (!items.length) return;
    const current = this.active[section];
    let next = current;
    switch (event.key) {
      case 'ArrowDown':
        next = Math.min(items.length - 1, current + 1);
        break;
      case 'ArrowUp':
        next = Math.max(0, current - 1);
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = items.length - 1;
        break;
      case 'Enter':
      case ' ':
        event.preventDefault();
        this.open(items[current]);
        return;
      default:
        return;
    }
    event.preventDefault();
    this.active = { ...this.active, [section]: next };
    this.focusSection = section;
  }

  private onItemFocus(section: SectionKey, index: number): void {
    if (this.active[section] !== index) this.active = { ...this.active, [section]: index };
  }

  private errorTitle(error: ApiError): string {
    if (error.status === 401) return msg('Please sign in again to see the deadlines.');
    if (error.status === 0) return msg('The server could not be reached. Check your connection and try again.');
    return msg('The deadlines and indicators could not be loaded.');
  }

  private sectionTitle(section: SectionKey): string {
    switch (section) {
      case 'overdue':
        return msg('Overdue');
      case 'dueSoon':
        return msg('Due soon');
      case 'awaitingAcceptance':
        return msg('Awaiting acceptance for more than 7 days');
    }
  }

  private sectionEmpty(section: SectionKey): string {
    switch (section) {
      case 'overdue':
        return msg('No overdue replies.');
      case 'dueSoon':
        return msg('No deadlines due soon.');
      case 'awaitingAcceptance':
        return msg('No request has waited more than 7 days for acceptance.');
    }
  }

  protected override render() {
    return html`
      ${this.loadStatus === 'loading' ? html`<p class="message">${msg('Loading deadlines and indicators…')}</p>` : nothing}
      ${this.error ? this.renderError(this.error) : nothing}
      <div class="content" aria-busy=${this.loadStatus === 'loading' ? 'true' : 'false'}>
        ${this.deadlines ? this.renderSections(this.deadlines) : nothing}
        ${this.kpis ? this.renderIndicators(this.kpis) : nothing}
      </div>
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
    `;
  }

  private renderSections(deadlines: DeadlineList): TemplateResult {
    return html`
      <div class="sections" part="sections">
        ${sectionKeys.map((section) => {
          const items = deadlines[section];
          const total = deadlines.counts[section];
          const count = new Intl.NumberFormat(getLocale()).format(total);
          const shown = new Intl.NumberFormat(getLocale()).format(items.length);
          return html`
            <section class="section ${section}" part="section" data-section=${section} aria-labelledby="heading-${section}">
              <h3 id="heading-${section}">
                <span class="title">${this.sectionTitle(section)}</span>
                <span class="count">${count}</span>
              </h3>
              ${items.length
                ? html`<ul class="items" aria-labelledby="heading-${section}" @keydown=${(event: KeyboardEvent) => this.onListKeyDown(section, event)}>
                    ${repeat(items, (item) => item.id, (item, index) => this.renderItem(section, item, index))}
                  </ul>`
                : html`<p class="empty">${this.sectionEmpty(section)}</p>`}
              ${total > items.length ? html`<p class="more">${msg(str`Showing ${shown} of ${count}.`)}</p>` : nothing}
            </section>
          `;
        })}
      </div>
    `;
  }

  private renderItem(section: SectionKey, item: DeadlineItem, index: number): TemplateResult {
    const days = Math.abs(item.daysLeft);
    const when =
      section === 'overdue'
        ? overdueBy(days)
        : section === 'dueSoon'
          ? relativeDays(item.daysLeft)
          : msg(str`Acceptance due ${relativeDays(item.daysLeft)}`);
    return html`
      <li>
        <div
          class="item"
          part="item"
          role="button"
          tabindex=${index === this.active[section] ? '0' : '-1'}
          @click=${() => this.open(item)}
          @focus=${() => this.onItemFocus(section, index)}
        >
          <span class="case">${item.caseNumber}</span>
          <span class="when">${section === 'overdue' ? html`<span class="icon" aria-hidden="true">▲</span>` : nothing}${when}</span>
          <span class="date">${formatDate(item.deadline)}</span>
          <span class="parties">
            <span>${this.party('from', item.requester)}</span>
            <span>${this.party('to', item.responder)}</span>
          </span>
          ${item.escalated ? html`<span class="escalated"><span class="icon" aria-hidden="true">■</span>${msg('Escalated')}</span>` : nothing}
        </div>
      </li>
    `;
  }

  private party(side: 'from' | 'to', authority: DeadlineItem['requester']): string {
    const name = `${authority.designation} (${authority.country})`;
    return side === 'from' ? msg(str`From: ${name}`) : msg(str`To: ${name}`);
  }

  private renderIndicators(kpis: Kpis): TemplateResult {
    return html`
      <section class="indicators" part="indicators" aria-labelledby="indicators-heading">
        <h3 id="indicators-heading">${msg('Single Market Scoreboard indicators')}</h3>
        <div class="cards">${indicatorKeys.map((key) => this.renderIndicator(key, indicatorOf(kpis, key)))}</div>
      </section>
    `;
  }

  private renderIndicator(key: IndicatorKey, current: Indicator): TemplateResult {
    return html`
      <article class="indicator" part="indicator" data-indicator=${key} aria-labelledby="indicator-${key}">
        <h4 id="indicator-${key}">${indicatorTitle(key)}</h4>
        <p class="value">${formatIndicator(key, current.value)}</p>
        <p class="status ${current.status ?? 'none'}">
          <span class="icon" aria-hidden="true">${statusIcon(current.status)}</span><span class="status-text">${statusText(current.status)}</span>
        </p>
        <p class="target">${indicatorTarget(key)}</p>
        ${this.trend.length ? this.renderTrend(key) : nothing}
      </article>
    `;
  }

  private renderTrend(key: IndicatorKey): TemplateResult {
    const months = this.trend.map((item) => ({ month: item.month, ...indicatorOf(item, key) }));
    const values = months.map((m) => m.value).filter((v): v is number => v !== null);
    const top = key === 'averageDaysToAnswer' ? Math.max(30, ...values) : 100;
    const x = (index: number) => chartPad + (months.length > 1 ? (index * (chartWidth - 2 * chartPad)) / (months.length - 1) : (chartWidth - 2 * chartPad) / 2);
    const y = (value: number) => chartHeight - chartPad - (value / top) * (chartHeight - 2 * chartPad);
    // A month without data breaks the line instead of drawing a false slope across it.
    const segments: string[] = [];
    let current: string[] = [];
    months.forEach((m, index) => {
      if (m.value === null) {
        if (current.length) segments.push(current.join(' '));
        current = [];
      } else current.push(`${x(index).toFixed(1)},${y(m.value).toFixed(1)}`);
    });
    if (current.length) segments.push(current.join(' '));
    const monthFormat = new Intl.DateTimeFormat(getLocale(), { month: 'short', year: 'numeric', timeZone: 'UTC' });
    const monthName = (month: string) => monthFormat.format(new Date(`${month}-01T00:00:00Z`));
    const first = monthName(months[0].month);
    const last = monthName(months[months.length - 1].month);
    const title = indicatorTitle(key);
    return html`
      <svg class="chart" part="chart" viewBox="0 0 ${chartWidth} ${chartHeight}" role="img" aria-label=${msg(str`${title}, ${first} to ${last}`)} preserveAspectRatio="none">
        ${svg`<line class="axis" x1=${chartPad} x2=${chartWidth - chartPad} y1=${y(0)} y2=${y(0)}></line>`}
        ${segments.map((points) => svg`<polyline class="line" points=${points}></polyline>`)}
        ${months.map((m, index) =>
          m.value === null ? nothing : svg`<circle class="point ${m.status ?? ''}" cx=${x(index)} cy=${y(m.value)} r="2.5"></circle>`,
        )}
      </svg>
      <details>
        <summary>${msg('Numbers by month')}</summary>
        <table>
          <caption class="visually-hidden">${title}</caption>
          <thead>
            <tr><th scope="col">${msg('Month')}</th><th scope="col">${msg('Value')}</th><th scope="col">${msg('Status')}</th></tr>
          </thead>
          <tbody>
            ${months.map(
              (m) => html`<tr><th scope="row">${monthName(m.month)}</th><td>${formatIndicator(key, m.value)}</td><td>${statusText(m.status)}</td></tr>`,
            )}
          </tbody>
        </table>
      </details>
    `;
  }

  private renderError(error: ApiError): TemplateResult {
    const explanation = error.status > 0 && error.status !== 401 ? error.detail ?? error.title : undefined;
    return html`
      <div class="error">
        <p class="title">${this.errorTitle(error)}</p>
        ${explanation ? html`<p>${explanation}</p>` : nothing}
        <button type="button" @click=${() => void this.load()}>${msg('Retry')}</button>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'imi-deadline-monitor': ImiDeadlineMonitor;
  }
}
