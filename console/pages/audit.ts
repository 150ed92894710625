import { css, html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { localized, msg, str } from '@lit/localize';
import type { ApiError } from '../../components/core/api.js';
import { getLocale } from '../../components/core/localization.js';
import { sys } from '../../components/core/tokens.js';
import { ConsolePage } from '../console-page.js';
import { CursorList } from '../cursor-list.js';
import { fieldError, type Page } from '../forms.js';
import { consoleStyles } from '../styles.js';

interface AuditEntry {
  id: string;
  at: string;
  actor: { id: string | null; email: string | null } | null;
  authority: string | null;
  authorityName: string | null;
  action: string;
  record: { type: string; id: string } | null;
  fields: string[];
  purpose: string | null;
}

const filterNames = ['actor', 'authorityId', 'record', 'action', 'purpose', 'from', 'to'] as const;
type FilterName = (typeof filterNames)[number];
type Filters = Record<FilterName, string>;

const noFilters: Filters = { actor: '', authorityId: '', record: '', action: '', purpose: '', from: '', to: '' };
const pageSize = 50;
/** The most entries one export holds (the server's limit, GET /admin/audit/export). */
const exportLimit = 100_000;
/** Families of actions the server records, offered while typing (any action can be typed). */
const actionFamilies = ['auth', 'user', 'authority', 'request', 'attachment', 'routing', 'idp', 'question-set', 'profession', 'audit'];

/** The start of a day of the user's calendar (a date input's value), as an instant. */
function startOfDay(day: string, plusDays = 0): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y, m - 1, d + plusDays).toISOString();
}

/**
 * @summary The audit log for Commission and data-protection administrators: who did what, to which record, when,
 * from which authority and why, searched by actor, authority, record, action, purpose and period, newest first, and
 * exported as a CSV file with the same filters (the export is itself recorded).
 */
@localized()
export class ImiConsoleAudit extends ConsolePage {
  static override styles = [
    consoleStyles,
    css`
      .filters {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
        gap: 0 ${sys('space-4')};
      }
      td.at {
        white-space: nowrap;
      }
      .ids {
        font-size: ${sys('font-size-small')};
      }
    `,
  ];

  @state() private filters: Filters = { ...noFilters };
  /** The filters of the results shown (those last searched). */
  @state() private applied: Filters = { ...noFilters };
  @state() private errors: Partial<Record<FilterName, string>> = {};
  private readonly list = new CursorList<AuditEntry>(this,
    (cursor, signal) => this.api().get<Page<AuditEntry>>('/admin/audit', { ...this.query(this.applied), limit: pageSize, cursor }, { signal }),
    (error) => this.apiFailure(error));
  @state() private exportBusy = false;
  @state() private exportMessage = '';
  @state() private exportProblem?: ApiError;

  /** The query of a search or export with the given filters: the period's days in the user's calendar, `to` included. */
  private query(filters: Filters): Record<string, string> {
    const query: Record<string, string> = {};
    for (const name of filterNames) {
      const value = filters[name].trim();
      if (!value) continue;
      query[name] = name === 'from' ? startOfDay(value) : name === 'to' ? startOfDay(value, 1) : value;
    }
    return query;
  }

  protected async load(signal: AbortSignal): Promise<void> {
    try {
      await this.list.first(signal);
      this.errors = {};
    } catch (error) {
      if (!this.showFieldErrors(error)) throw error;
      this.list.clear();
    }
  }

  /** Puts the server's complaints about filters at their fields; false when the failure is not about a filter. */
  private showFieldErrors(error: unknown): boolean {
    const failure = this.apiFailure(error);
    const errors: Partial<Record<FilterName, string>> = {};
    for (const e of failure.status === 400 ? (failure.errors ?? []) : []) {
      if ((filterNames as readonly string[]).includes(e.path)) errors[e.path as FilterName] = e.message;
    }
    this.errors = errors;
    return Object.keys(errors).length > 0;
  }

  private checkPeriod(): boolean {
    const { from, to } = this.filters;
    this.errors = from && to && to < from ? { to: msg('The end of the period is before its start.') } : {};
    if (this.errors.to) this.renderRoot.querySelector<HTMLInputElement>('#audit-to')?.focus();
    return !this.errors.to;
  }

  private search(event: Event): void {
    event.preventDefault();
    if (!this.checkPeriod()) return;
    this.applied = { ...this.filters };
    void this.reload();
  }

  private clear(): void {
    this.filters = { ...noFilters };
    this.applied = { ...noFilters };
    this.errors = {};
    void this.reload();
  }

  /** Downloads the entries of the filters in the form as CSV, and shows the same entries below. */
  private async exportCsv(): Promise<void> {
    if (!this.checkPeriod()) return;
    this.applied = { ...this.filters };
    void this.reload();
    this.exportBusy = true;
    this.exportMessage = '';
    this.exportProblem = undefined;
    try {
      const query = new URLSearchParams(this.query(this.applied)).toString();
      const blob = await this.api().download(`/admin/audit/export${query ? `?${query}` : ''}`);
      // The name the server gives the file (its Content-Disposition), which a Blob does not carry.
      const name = `imi-audit-${new Date().toISOString().slice(0, 10)}.csv`;
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      this.exportMessage = msg(str`Downloaded ${name}.`);
    } catch (error) {
      if (!this.showFieldErrors(error)) this.exportProblem = this.apiFailure(error);
    } finally {
      this.exportBusy = false;
    }
  }

  protected override render() {
    return html`
      ${this.renderFilters()}
      <section aria-labelledby="audit-results">
        <h3 id="audit-results">${msg('Entries')}</h3>
        ${this.whenLoaded(() => this.renderResults())}
      </section>
    `;
  }

  private field(name: FilterName, label: string, options: { type?: string; hint?: string; list?: string } = {}): TemplateResult {
    const id = `audit-${name}`;
    const error = this.errors[name];
    const describedBy = [error ? `${id}-error` : '', options.hint ? `${id}-hint` : ''].filter(Boolean).join(' ');
    return html`
      <div class="field">
        <label for=${id}>${label}</label>
        <input id=${id} name=${name} type=${options.type ?? 'text'} list=${ifDefined(options.list)} .value=${this.filters[name]}
          aria-invalid=${error ? 'true' : 'false'} aria-describedby=${ifDefined(describedBy || undefined)}
          @input=${(e: Event) => (this.filters = { ...this.filters, [name]: (e.target as HTMLInputElement).value })}>
        ${options.hint ? html`<p class="hint" id="${id}-hint">${options.hint}</p>` : nothing}
        ${fieldError(id, error)}
      </div>
    `;
  }

  private renderFilters(): TemplateResult {
    return html`
      <section aria-labelledby="audit-search">
        <h3 id="audit-search">${msg('Search the log')}</h3>
        <form role="search" aria-labelledby="audit-search" @submit=${this.search} novalidate>
          <div class="filters">
            ${this.field('actor', msg('User'), { hint: msg('E-mail address or user id') })}
            ${this.field('authorityId', msg('Authority id'))}
            ${this.field('record', msg('Request or record id'))}
            ${this.field('action', msg('Action'), { hint: msg('An action such as auth.sign-in, or a family such as request'), list: 'audit-actions' })}
            ${this.field('purpose', msg('Purpose'), { hint: msg('Words of the stated purpose') })}
            ${this.field('from', msg('First day'), { type: 'date' })}
            ${this.field('to', msg('Last day'), { type: 'date' })}
          </div>
          <datalist id="audit-actions">${actionFamilies.map((a) => html`<option value=${a}></option>`)}</datalist>
          <div class="actions">
            <button type="submit" class="primary">${msg('Search')}</button>
            <button type="button" @click=${this.clear}>${msg('Clear filters')}</button>
            <button type="button" ?disabled=${this.exportBusy} aria-describedby="audit-export-hint" @click=${() => void this.exportCsv()}>
              ${this.exportBusy ? msg('Exporting…') : msg('Export CSV')}
            </button>
          </div>
          <p class="hint" id="audit-export-hint">
            ${msg(str`The file holds the entries of these filters, newest first, at most ${new Intl.NumberFormat(getLocale()).format(exportLimit)}. The export is recorded in the log.`)}
          </p>
          <p role="status">${this.exportMessage}</p>
          ${this.exportProblem ? this.renderProblem(this.exportProblem) : nothing}
        </form>
      </section>
    `;
  }

  private renderResults(): TemplateResult {
    const number = new Intl.NumberFormat(getLocale());
    const time = new Intl.DateTimeFormat(getLocale(), { dateStyle: 'short', timeStyle: 'medium' });
    const { items } = this.list;
    return html`
      <p role="status" class="state">
        ${items.length === 0
          ? msg('No entry matches.')
          : this.list.nextCursor
            ? msg(str`Entries shown: ${number.format(items.length)}; there are more.`)
            : msg(str`Entries found: ${number.format(items.length)}.`)}
      </p>
      ${items.length ? html`
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">${msg('Audit log entries, newest first')}</caption>
            <thead>
              <tr>
                <th scope="col">${msg('Time')}</th>
                <th scope="col">${msg('User')}</th>
                <th scope="col">${msg('Authority')}</th>
                <th scope="col">${msg('Action')}</th>
                <th scope="col">${msg('Record')}</th>
                <th scope="col">${msg('Fields')}</th>
                <th scope="col">${msg('Purpose')}</th>
              </tr>
            </thead>
            <tbody>
              ${items.map((e) => html`
                <tr data-id=${e.id}>
                  <td class="at"><time datetime=${e.at}>${time.format(new Date(e.at))}</time></td>
                  <td>${e.actor?.email ?? e.actor?.id ?? '—'}</td>
                  <td>${e.authorityName ?? e.authority ?? '—'}${e.authorityName && e.authority ? html`<br><span class="muted ids">${e.authority}</span>` : nothing}</td>
                  <td><code>${e.action}</code></td>
                  <td>${e.record ? html`${e.record.type}<br><span class="muted ids">${e.record.id}</span>` : '—'}</td>
                  <td>${e.fields.length ? e.fields.join(', ') : '—'}</td>
                  <td>${e.purpose ?? '—'}</td>
                </tr>
              `)}
            </tbody>
          </table>
        </div>
      ` : nothing}
      ${this.list.renderMore((error) => this.renderProblem(error))}
    `;
  }
}

ImiConsoleAudit.define('imi-console-audit');

declare global {
  interface HTMLElementTagNameMap {
    'imi-console-audit': ImiConsoleAudit;
  }
}
