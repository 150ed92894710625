import { css, html, nothing, svg, unsafeCSS, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import type { OverviewView } from '../../server/modules/admin/overview.js';
import { ApiError } from '../../components/core/api.js';
import {
  formatIndicator, indicatorKeys, indicatorOf, indicatorTarget, indicatorTitle, statusIcon, statusText, type Indicator, type IndicatorKey, type IndicatorStatus,
} from '../../components/core/indicators.js';
import { getLocale } from '../../components/core/localization.js';
import { sys } from '../../components/core/tokens.js';
import '../../components/deadline-monitor/define.js';
import { ConsolePage } from '../console-page.js';
import { consoleStyles } from '../styles.js';

/** Wire dates arrive as ISO strings. */
type Wire<T> = T extends Date ? string : T extends (infer U)[] ? Wire<U>[] : T extends object ? { [K in keyof T]: Wire<T[K]> } : T;
type Overview = Wire<OverviewView>;
type Figures = Omit<Overview['states'][number], 'country' | 'name'>;
type Filter = 'area' | 'from' | 'to';
interface Area { code: string; name: string }

const filters: Filter[] = ['area', 'from', 'to'];
const noFilters: Record<Filter, string> = { area: '', from: '', to: '' };

/**
 * Where each of the 30 states sits on the tile map: [column, row], roughly as on a map of Europe, north at the top.
 * A tile map keeps every state equally visible — Liechtenstein and Malta as well as France.
 */
const tiles: Record<string, [number, number]> = {
  IS: [1, 1], NO: [4, 1], SE: [5, 1], FI: [6, 1],
  IE: [1, 2], DK: [4, 2], EE: [6, 2],
  NL: [3, 3], DE: [4, 3], PL: [5, 3], LV: [6, 3],
  BE: [2, 4], LU: [3, 4], CZ: [4, 4], SK: [5, 4], LT: [6, 4],
  FR: [2, 5], LI: [3, 5], AT: [4, 5], HU: [5, 5], RO: [6, 5],
  PT: [1, 6], ES: [2, 6], IT: [3, 6], SI: [4, 6], HR: [5, 6], BG: [6, 6],
  MT: [3, 7], GR: [5, 7], CY: [7, 7],
};
const tilePlaces = unsafeCSS(
  Object.entries(tiles).map(([code, [column, row]]) => `.tile[data-country='${code}'] { grid-column: ${column}; grid-row: ${row}; }`).join('\n'),
);

const green = css`var(--imi-console-green-color, #1d6b34)`;
const yellow = css`var(--imi-console-yellow-color, #7a4d00)`;
const red = css`var(--imi-console-red-color, ${sys('color-error')})`;

const chart = { width: 360, height: 150, top: 16, bottom: 22, side: 4 };

/**
 * @summary The network at a glance: per state the open, overdue and long-unaccepted requests and the four Single
 * Market Scoreboard indicators — as a table, and as a tile map coloured by an indicator the user picks — with the
 * indicators' trends (the deadline monitor) and a chart of the requests sent per month.
 *
 * The Commission sees the 30 states and the network's totals; a coordinator sees its own state with the figures of
 * its scope. Every status is told by text and shape (● on target, ▲ watch, ■ below target) as well as colour, and the
 * chart's numbers are also given as a table.
 */
@localized()
export class ImiConsoleOverview extends ConsolePage {
  static override styles = [
    consoleStyles,
    css`
      .status {
        white-space: nowrap;
      }
      table {
        /* The widgets' “anywhere” would let the table squeeze its columns to a letter wide. */
        overflow-wrap: break-word;
        hyphens: manual;
      }
      td .status {
        display: block;
      }
      .toolbar .hint {
        flex-basis: 100%;
      }
      .green {
        color: ${green};
      }
      .yellow {
        color: ${yellow};
      }
      .red {
        color: ${red};
      }
      .icon {
        display: inline-block;
        min-width: 1.1em;
      }
      .legend {
        display: flex;
        flex-wrap: wrap;
        gap: ${sys('space-2')} ${sys('space-4')};
        margin: ${sys('space-2')} 0;
        padding: 0;
        list-style: none;
      }
      .map-wrap {
        max-width: 100%;
        overflow-x: auto;
      }
      .map {
        display: grid;
        grid-template-columns: repeat(7, minmax(3.5rem, 5.5rem));
        grid-auto-rows: minmax(3.5rem, auto);
        gap: ${sys('space-1')};
        margin: 0;
        padding: 0;
        list-style: none;
      }
      .tile {
        display: flex;
        flex-direction: column;
        align-items: center;
        justify-content: center;
        padding: ${sys('space-1')};
        text-align: center;
        font-size: ${sys('font-size-small')};
        line-height: 1.2;
        background: ${sys('color-surface')};
        border: 1px solid ${sys('color-outline')};
        border-top-width: 6px;
        border-radius: ${sys('radius-small')};
      }
      .tile.green {
        border-color: ${green};
      }
      .tile.yellow {
        border-color: ${yellow};
      }
      .tile.red {
        border-color: ${red};
        border-style: dashed solid solid;
      }
      .tile .code {
        font-size: 1rem;
        font-weight: ${sys('font-weight-strong')};
        color: ${sys('color-on-surface')};
      }
      ${tilePlaces}
      .bars rect {
        fill: ${sys('color-primary')};
      }
      .bars line {
        stroke: ${sys('color-outline')};
      }
      .bars text {
        font-size: 10px;
        fill: ${sys('color-on-surface')};
        text-anchor: middle;
      }
      .chart {
        display: block;
        width: 100%;
        max-width: 40rem;
        height: auto;
      }
      details {
        margin-top: ${sys('space-2')};
      }
      summary {
        cursor: pointer;
        color: ${sys('color-primary')};
      }
      tfoot th,
      tfoot td {
        font-weight: ${sys('font-weight-strong')};
        border-top: 2px solid ${sys('color-outline')};
      }
    `,
  ];

  @state() private overview?: Overview;
  @state() private areas: Area[] = [];
  /** The filters as entered, those asked for at the next load, and those of the figures shown. */
  @state() private entered = noFilters;
  private asked = noFilters;
  private shown = noFilters;
  @state() private errors: Partial<Record<Filter, string>> = {};
  @state() private mapIndicator: IndicatorKey = 'acceptedWithin7Days';
  @state() private trendCountry = '';

  private focusFirstError = false;

  protected async load(signal: AbortSignal): Promise<void> {
    const api = this.api();
    try {
      const [areas, overview] = await Promise.all([
        api.get<{ items: Area[] }>('/legislative-areas', {}, { signal }),
        api.get<Overview>('/admin/overview', this.asked, { signal }),
      ]);
      this.areas = areas.items;
      this.overview = overview;
      this.shown = this.asked;
      this.errors = {};
    } catch (error) {
      const invalid = error instanceof ApiError && error.status === 400 ? (error.errors ?? []).filter((e) => filters.includes(e.path as Filter)) : [];
      // A filter the server refused is shown at its field, over the figures of the filters last accepted.
      if (!invalid.length || !this.overview) throw error;
      this.errors = Object.fromEntries(invalid.map((e) => [e.path, e.message]));
      this.asked = this.shown;
      this.focusFirstError = true;
    }
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    super.updated(changed);
    if (this.focusFirstError && this.loadStatus === 'ready') {
      this.focusFirstError = false;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    }
  }

  private onFilter(event: Event): void {
    event.preventDefault();
    this.asked = this.entered;
    void this.reload();
  }

  protected override render() {
    return html`
      ${this.renderFilters()}
      ${this.whenLoaded(() => {
        const overview = this.overview!;
        return html`
          ${this.renderSummary(overview)} ${this.renderTable(overview)} ${overview.states.length > 1 ? this.renderMap(overview) : nothing}
          ${this.renderTrends(overview)} ${this.renderRequestsPerMonth(overview)}
        `;
      })}
    `;
  }

  private renderFilters(): TemplateResult {
    const field = (name: Filter, label: string, control: (describedBy: string | typeof nothing) => TemplateResult) => html`
      <div class="field">
        <label class="label" for="filter-${name}">${label}</label>
        ${control(this.errors[name] ? `filter-${name}-error` : nothing)}
        ${this.errors[name] ? html`<p class="error" id="filter-${name}-error">${this.errors[name]}</p>` : nothing}
      </div>
    `;
    const set = (name: Filter) => (event: Event) => (this.entered = { ...this.entered, [name]: (event.target as HTMLInputElement).value });
    const date = (name: 'from' | 'to') => (describedBy: string | typeof nothing) => html`
      <input id="filter-${name}" type="date" .value=${this.entered[name]} aria-invalid=${this.errors[name] ? 'true' : 'false'}
        aria-describedby=${describedBy === nothing ? 'filter-period-hint' : `${describedBy} filter-period-hint`} @input=${set(name)} />
    `;
    return html`
      <form class="toolbar" @submit=${this.onFilter} aria-label=${msg('Filters')} novalidate>
        ${field('area', msg('Legislative area'), (describedBy) => html`
          <select id="filter-area" aria-invalid=${this.errors.area ? 'true' : 'false'} aria-describedby=${describedBy} @input=${set('area')}>
            <option value="" ?selected=${!this.entered.area}>${msg('All areas')}</option>
            ${this.areas.map((area) => html`<option value=${area.code} ?selected=${area.code === this.entered.area}>${area.name}</option>`)}
          </select>
        `)}
        ${field('from', msg('First day'), date('from'))} ${field('to', msg('Last day'), date('to'))}
        <button class="primary" type="submit">${msg('Show')}</button>
        <p class="hint" id="filter-period-hint">${msg('Indicators for the requests sent in this period; without dates, the last 12 months.')}</p>
      </form>
    `;
  }

  private renderSummary(overview: Overview): TemplateResult {
    const number = new Intl.NumberFormat(getLocale());
    // A coordinator's overview has its one state.
    const totals = overview.network ?? overview.states[0];
    const states = number.format(overview.states.length);
    const open = number.format(totals.open);
    const overdue = number.format(totals.overdue);
    const waiting = number.format(totals.awaitingAcceptanceOver7Days);
    return html`<p class="notice" role="status">
      ${overview.network ? msg(str`The whole network, ${states} states.`) : msg('Your scope.')}
      ${msg(str`Open: ${open}. Overdue: ${overdue}. Awaiting acceptance for more than 7 days: ${waiting}.`)}
    </p>`;
  }

  private renderTable(overview: Overview): TemplateResult {
    const number = new Intl.NumberFormat(getLocale());
    const cells = (figures: Figures) => html`
      <td class="number">${number.format(figures.open)}</td>
      <td class="number">${number.format(figures.overdue)}</td>
      <td class="number">${number.format(figures.awaitingAcceptanceOver7Days)}</td>
      ${indicatorKeys.map((key) => html`<td>${this.renderIndicator(key, indicatorOf(figures.kpis, key))}</td>`)}
    `;
    return html`
      <section aria-labelledby="states-heading">
        <h3 id="states-heading">${msg('Figures per state')}</h3>
        <div class="table-wrap" role="region" aria-labelledby="states-caption" tabindex="0">
          <table>
            <caption id="states-caption">${this.periodCaption(overview)}</caption>
            <thead>
              <tr>
                <th scope="col">${msg('State')}</th>
                <th scope="col" class="number">${msg('Open')}</th>
                <th scope="col" class="number">${msg('Overdue')}</th>
                <th scope="col" class="number">${msg('Awaiting acceptance for more than 7 days')}</th>
                ${indicatorKeys.map((key) => html`<th scope="col">${indicatorTitle(key)}</th>`)}
              </tr>
            </thead>
            <tbody>
              ${overview.states.map((row) => html`<tr data-country=${row.country}><th scope="row">${row.name} <span class="muted">(${row.country})</span></th>${cells(row)}</tr>`)}
            </tbody>
            ${overview.network ? html`<tfoot><tr><th scope="row">${msg('Whole network')}</th>${cells(overview.network)}</tr></tfoot>` : nothing}
          </table>
        </div>
        ${this.renderLegend()}
      </section>
    `;
  }

  private periodCaption(overview: Overview): string {
    const format = new Intl.DateTimeFormat(getLocale(), { dateStyle: 'medium', timeZone: 'UTC' });
    const from = format.format(new Date(overview.period.from));
    // The period's end is exclusive: its last day is the one before.
    const to = format.format(new Date(Date.parse(overview.period.to) - 1));
    const area = this.areas.find((a) => a.code === overview.area)?.name ?? overview.area ?? msg('All areas');
    return msg(str`${area}; indicators for requests sent from ${from} to ${to}`);
  }

  private renderIndicator(key: IndicatorKey, current: Indicator): TemplateResult {
    return html`
      <span class="value">${formatIndicator(key, current.value)}</span>
      <span class="status ${current.status ?? ''}"><span class="icon" aria-hidden="true">${statusIcon(current.status)}</span> ${statusText(current.status)}</span>
    `;
  }

  private renderLegend(): TemplateResult {
    const statuses: IndicatorStatus[] = ['green', 'yellow', 'red', null];
    return html`<ul class="legend" aria-label=${msg('Status')}>
      ${statuses.map((s) => html`<li class=${s ?? ''}><span class="icon" aria-hidden="true">${statusIcon(s)}</span> ${statusText(s)}</li>`)}
    </ul>`;
  }

  private renderMap(overview: Overview): TemplateResult {
    const key = this.mapIndicator;
    return html`
      <section>
        <h3 id="map-heading">${msg('Map of the states')}</h3>
        <div class="field narrow">
          <label class="label" for="map-indicator">${msg('Indicator on the map')}</label>
          <select id="map-indicator" @change=${(event: Event) => (this.mapIndicator = (event.target as HTMLSelectElement).value as IndicatorKey)}>
            ${indicatorKeys.map((k) => html`<option value=${k} ?selected=${k === key}>${indicatorTitle(k)}</option>`)}
          </select>
        </div>
        <p class="hint">${indicatorTarget(key)}</p>
        <div class="map-wrap" role="region" aria-labelledby="map-heading" tabindex="0">
          <ul class="map">
            ${overview.states.map((row) => {
              const current = indicatorOf(row.kpis, key);
              return html`
                <li class="tile ${current.status ?? ''}" data-country=${row.country}>
                  <span class="code" aria-hidden="true">${row.country}</span>
                  <span class="visually-hidden">${row.name}:</span>
                  <span class="value">${formatIndicator(key, current.value)}</span>
                  <span class="status ${current.status ?? ''}">
                    <span class="icon" aria-hidden="true">${statusIcon(current.status)}</span>
                    <span class="visually-hidden">${statusText(current.status)}</span>
                  </span>
                </li>
              `;
            })}
          </ul>
        </div>
        ${this.renderLegend()}
      </section>
    `;
  }

  private renderTrends(overview: Overview): TemplateResult {
    return html`
      <section aria-labelledby="trends-heading">
        <h3 id="trends-heading">${msg('Trends')}</h3>
        ${overview.network
          ? html`<div class="field narrow">
              <label class="label" for="trend-country">${msg('State')}</label>
              <select id="trend-country" @change=${(event: Event) => (this.trendCountry = (event.target as HTMLSelectElement).value)}>
                <option value="" ?selected=${!this.trendCountry}>${msg('Whole network')}</option>
                ${overview.states.map((row) => html`<option value=${row.country} ?selected=${row.country === this.trendCountry}>${row.name}</option>`)}
              </select>
            </div>`
          : nothing}
        <imi-deadline-monitor scope=${overview.network ? 'network' : ''} country=${overview.network ? this.trendCountry : ''}
          area=${overview.area ?? ''}></imi-deadline-monitor>
      </section>
    `;
  }

  private renderRequestsPerMonth(overview: Overview): TemplateResult {
    const months = overview.requestsPerMonth;
    const number = new Intl.NumberFormat(getLocale());
    const compact = new Intl.NumberFormat(getLocale(), { notation: 'compact' });
    const monthFormat = new Intl.DateTimeFormat(getLocale(), { month: 'short', timeZone: 'UTC' });
    const monthLong = new Intl.DateTimeFormat(getLocale(), { month: 'long', year: 'numeric', timeZone: 'UTC' });
    const date = (month: string) => new Date(`${month}-01T00:00:00Z`);
    const top = Math.max(1, ...months.map((m) => m.count));
    const slot = (chart.width - 2 * chart.side) / Math.max(1, months.length);
    const base = chart.height - chart.bottom;
    const height = (count: number) => (count / top) * (base - chart.top);
    const first = months.length ? monthLong.format(date(months[0].month)) : '';
    const last = months.length ? monthLong.format(date(months[months.length - 1].month)) : '';
    return html`
      <section aria-labelledby="per-month-heading">
        <h3 id="per-month-heading">${msg('Requests per month')}</h3>
        <svg class="chart bars" viewBox="0 0 ${chart.width} ${chart.height}" role="img" aria-label=${msg(str`Requests sent per month, ${first} to ${last}`)}>
          ${months.map((m, i) => {
            const x = chart.side + i * slot;
            return svg`
              <rect x=${x + slot * 0.15} y=${base - height(m.count)} width=${slot * 0.7} height=${height(m.count)}></rect>
              <text x=${x + slot / 2} y=${base - height(m.count) - 4}>${compact.format(m.count)}</text>
              <text x=${x + slot / 2} y=${chart.height - 6}>${monthFormat.format(date(m.month))}</text>
            `;
          })}
          ${svg`<line x1=${chart.side} x2=${chart.width - chart.side} y1=${base} y2=${base}></line>`}
        </svg>
        <details>
          <summary>${msg('Numbers by month')}</summary>
          <table class="per-month">
            <caption class="visually-hidden">${msg('Requests per month')}</caption>
            <thead>
              <tr><th scope="col">${msg('Month')}</th><th scope="col" class="number">${msg('Requests sent')}</th></tr>
            </thead>
            <tbody>
              ${months.map((m) => html`<tr><th scope="row">${monthLong.format(date(m.month))}</th><td class="number">${number.format(m.count)}</td></tr>`)}
            </tbody>
          </table>
        </details>
      </section>
    `;
  }
}

ImiConsoleOverview.define('imi-console-overview');

declare global {
  interface HTMLElementTagNameMap {
    'imi-console-overview': ImiConsoleOverview;
  }
}
