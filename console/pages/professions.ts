import { css, html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { localized, msg, str } from '@lit/localize';
import type { ImportReport } from '../../server/modules/admin/professions.js';
import type { Profession } from '../../server/modules/reference/schemas.js';
import type { ApiError } from '../../components/core/api.js';
import { getLocale } from '../../components/core/localization.js';
import { sys } from '../../components/core/tokens.js';
import { ConsolePage } from '../console-page.js';
import { CursorList } from '../cursor-list.js';
import { fieldError, type Page } from '../forms.js';
import { consoleStyles } from '../styles.js';

const pageSize = 50;

/** An example import file: names of a new profession, and a national title. */
const example = [
  'code,sector,sectoral,locale,name,country,national_title,lang',
  'wind-turbine-technician,technical,false,en,Wind turbine technician,,,',
  'wind-turbine-technician,,,de,Windenergieanlagen-Servicetechniker,,,',
  'wind-turbine-technician,,,,,AT,Windkraftanlagentechniker,de',
].join('\n');

type Phase = 'idle' | 'uploading' | 'processing';

/**
 * @summary The regulated professions for Commission administrators: the generic professions with their name in the
 * user's language, sector, automatic recognition and number of national titles, searchable in any language; and the
 * CSV import, checked first in a dry run, with its upload progress, its report and the errors of each row.
 */
@localized()
export class ImiConsoleProfessions extends ConsolePage {
  static override styles = [
    consoleStyles,
    css`
      pre {
        overflow-x: auto;
        padding: ${sys('space-3')};
        background: ${sys('color-surface-variant')};
        font-size: ${sys('font-size-small')};
      }
      .progress {
        display: grid;
        gap: ${sys('space-1')};
        margin: ${sys('space-3')} 0;
      }
      .counts {
        display: flex;
        flex-wrap: wrap;
        gap: ${sys('space-2')} ${sys('space-4')};
        margin: 0 0 ${sys('space-3')};
        padding: 0;
        list-style: none;
      }
      .report {
        margin-top: ${sys('space-4')};
      }
      .report.failed h4::before {
        content: '! ';
      }
      .report.passed h4::before {
        content: '✓ ';
      }
      h4 {
        margin: 0 0 ${sys('space-2')};
      }
    `,
  ];

  private readonly list = new CursorList<Profession>(this,
    (cursor, signal) => this.api().get<Page<Profession>>('/professions', { q: this.searched, limit: pageSize, cursor }, { signal }),
    (error) => this.apiFailure(error));
  @state() private query = '';
  @state() private searched = '';

  @state() private file?: File;
  @state() private fileError = '';
  @state() private phase: Phase = 'idle';
  @state() private sent = 0;
  @state() private report?: ImportReport;
  @state() private importProblem?: ApiError;

  protected load(signal: AbortSignal): Promise<void> {
    return this.list.first(signal);
  }

  private search(event: Event): void {
    event.preventDefault();
    this.searched = this.query.trim();
    void this.reload();
  }

  private chooseFile(event: Event): void {
    this.file = (event.target as HTMLInputElement).files?.[0];
    this.fileError = '';
    this.report = undefined;
    this.importProblem = undefined;
  }

  private async runImport(dryRun: boolean): Promise<void> {
    if (!this.file) {
      this.fileError = msg('Choose a CSV file.');
      this.renderRoot.querySelector<HTMLInputElement>('#import-file')?.focus();
      return;
    }
    this.fileError = '';
    this.report = undefined;
    this.importProblem = undefined;
    this.phase = 'uploading';
    this.sent = 0;
    try {
      // The file's own type varies by system (a spreadsheet may call it application/vnd.ms-excel); the server reads CSV.
      const body = new Blob([this.file], { type: 'text/csv' });
      const report = await this.api().upload<ImportReport>('/admin/professions/import', { dryRun: String(dryRun) }, body, {
        onProgress: (loaded, total) => {
          this.sent = total ? loaded / total : 0;
          if (loaded >= total) this.phase = 'processing';
        },
      });
      this.phase = 'idle';
      this.report = report;
      if (report.applied) void this.reload();
    } catch (error) {
      const failure = this.apiFailure(error);
      const bodyError = failure.errors?.find((e) => e.path === 'body');
      if (bodyError) this.fileError = bodyError.message;
      else this.importProblem = failure;
    } finally {
      this.phase = 'idle';
    }
  }

  protected override render() {
    return html`
      ${this.renderList()}
      ${this.renderImport()}
    `;
  }

  private renderList(): TemplateResult {
    const number = new Intl.NumberFormat(getLocale());
    const { items } = this.list;
    return html`
      <section aria-labelledby="professions-list">
        <h3 id="professions-list">${msg('Regulated professions')}</h3>
        <form class="toolbar" role="search" @submit=${this.search}>
          <div class="field">
            <label for="professions-q">${msg('Search professions')}</label>
            <input id="professions-q" type="search" aria-describedby="professions-q-hint" .value=${this.query}
              @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)}>
            <p class="hint" id="professions-q-hint">${msg('A name or national title in any language')}</p>
          </div>
          <button type="submit">${msg('Search')}</button>
        </form>
        ${this.whenLoaded(() => html`
          <p role="status" class="state">
            ${items.length === 0
              ? msg('No profession matches.')
              : this.list.nextCursor
                ? msg(str`Professions shown: ${number.format(items.length)}; there are more.`)
                : msg(str`Professions found: ${number.format(items.length)}.`)}
          </p>
          ${items.length ? html`
            <div class="table-wrap">
              <table>
                <caption class="visually-hidden">${msg('Regulated professions')}</caption>
                <thead>
                  <tr>
                    <th scope="col">${msg('Code')}</th>
                    <th scope="col">${msg('Name')}</th>
                    <th scope="col">${msg('Sector')}</th>
                    <th scope="col">${msg('Automatic recognition')}</th>
                    <th scope="col" class="number">${msg('National titles')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${items.map((p) => html`
                    <tr data-code=${p.code}>
                      <td><code>${p.code}</code></td>
                      <td>${p.name}${p.match && p.match.text !== p.name ? html`<br><span class="muted">${p.match.text}</span>` : nothing}</td>
                      <td>${p.sector.name}</td>
                      <td>${p.sectoral ? msg('Yes') : msg('No')}</td>
                      <td class="number">${number.format(p.nationalTitles)}</td>
                    </tr>
                  `)}
                </tbody>
              </table>
            </div>
          ` : nothing}
          ${this.list.renderMore((error) => this.renderProblem(error))}
        `)}
      </section>
    `;
  }

  private renderImport(): TemplateResult {
    const busy = this.phase !== 'idle';
    return html`
      <section aria-labelledby="professions-import">
        <h3 id="professions-import">${msg('Import from CSV')}</h3>
        <p id="import-format">
          ${msg('The first row names the columns: code, and any of locale and name, sector and sectoral, country, national_title and lang. Each row gives a name, a national title or the sector of one profession. A new code creates a profession, which needs its sector and its English name. The national titles in the file replace those stored for each state it names.')}
        </p>
        <details>
          <summary>${msg('Example file')}</summary>
          <pre>${example}</pre>
        </details>
        <div class="field">
          <label for="import-file">${msg('CSV file (UTF-8)')}</label>
          <input id="import-file" type="file" accept=".csv,text/csv" ?disabled=${busy}
            aria-invalid=${this.fileError ? 'true' : 'false'}
            aria-describedby=${ifDefined(this.fileError ? 'import-file-error import-format' : 'import-format')}
            @change=${this.chooseFile}>
          ${fieldError('import-file', this.fileError)}
        </div>
        <div class="actions">
          <button type="button" ?disabled=${busy} @click=${() => void this.runImport(true)}>${msg('Check (dry run)')}</button>
          <button type="button" class="primary" ?disabled=${busy} @click=${() => void this.runImport(false)}>${msg('Import')}</button>
        </div>
        <div role="status">
          ${this.phase === 'uploading' ? html`
            <div class="progress">
              <label for="import-progress">${msg('Sending the file…')}</label>
              <progress id="import-progress" max="100" value=${Math.round(this.sent * 100)}>${Math.round(this.sent * 100)} %</progress>
            </div>
          ` : nothing}
          ${this.phase === 'processing' ? html`
            <div class="progress">
              <label for="import-processing">${msg('The server is processing the file…')}</label>
              <progress id="import-processing"></progress>
            </div>
          ` : nothing}
          ${this.report ? this.reportSummary(this.report) : nothing}
        </div>
        ${this.importProblem ? this.renderProblem(this.importProblem) : nothing}
        ${this.report ? this.renderReport(this.report) : nothing}
      </section>
    `;
  }

  private reportSummary(report: ImportReport): string {
    const number = new Intl.NumberFormat(getLocale());
    const [errors, created, updated, unchanged] = [report.errorCount, report.created, report.updated, report.unchanged].map((n) => number.format(n));
    if (report.errorCount) {
      return report.dryRun
        ? msg(str`Check finished. Errors in the file: ${errors}.`)
        : msg(str`Nothing was imported. Errors in the file: ${errors}.`);
    }
    return report.dryRun
      ? msg(str`Check finished without errors. New: ${created}, changed: ${updated}, unchanged: ${unchanged}.`)
      : msg(str`Imported. New: ${created}, changed: ${updated}, unchanged: ${unchanged}.`);
  }

  private renderReport(report: ImportReport): TemplateResult {
    const number = new Intl.NumberFormat(getLocale());
    const failed = report.errorCount > 0;
    const title = failed
      ? report.dryRun ? msg('Check: the file has errors') : msg('Not imported: the file has errors')
      : report.dryRun ? msg('Check: no errors, nothing written yet') : msg('Imported');
    return html`
      <section class="report ${failed ? 'failed' : 'passed'}" aria-labelledby="import-report">
        <h4 id="import-report">${title}</h4>
        <ul class="counts">
          <li>${msg('Rows')}: <strong>${number.format(report.rows)}</strong></li>
          <li>${msg('New professions')}: <strong>${number.format(report.created)}</strong></li>
          <li>${msg('Changed')}: <strong>${number.format(report.updated)}</strong></li>
          <li>${msg('Unchanged')}: <strong>${number.format(report.unchanged)}</strong></li>
          <li>${msg('Errors')}: <strong>${number.format(report.errorCount)}</strong></li>
        </ul>
        ${report.errors.length ? html`
          <div class="table-wrap">
            <table class="errors">
              <caption>${report.errorCount > report.errors.length
                ? msg(str`Errors in the file (the first ${number.format(report.errors.length)} of ${number.format(report.errorCount)})`)
                : msg('Errors in the file')}</caption>
              <thead>
                <tr>
                  <th scope="col" class="number">${msg('Line')}</th>
                  <th scope="col">${msg('Column')}</th>
                  <th scope="col">${msg('Error')}</th>
                </tr>
              </thead>
              <tbody>
                ${report.errors.map((e) => html`
                  <tr>
                    <td class="number">${number.format(e.line)}</td>
                    <td>${e.column ?? '—'}</td>
                    <td>${e.message}</td>
                  </tr>
                `)}
              </tbody>
            </table>
          </div>
        ` : nothing}
        ${report.changes.length ? html`
          <div class="table-wrap">
            <table class="changes">
              <caption>${report.applied ? msg('Changes made') : msg('Changes the import would make')}</caption>
              <thead>
                <tr>
                  <th scope="col">${msg('Code')}</th>
                  <th scope="col">${msg('Change')}</th>
                  <th scope="col">${msg('Fields')}</th>
                </tr>
              </thead>
              <tbody>
                ${report.changes.map((c) => html`
                  <tr>
                    <td><code>${c.code}</code></td>
                    <td>${c.change === 'created' ? msg('New') : msg('Changed')}</td>
                    <td>${c.fields.join(', ')}</td>
                  </tr>
                `)}
              </tbody>
            </table>
          </div>
        ` : nothing}
      </section>
    `;
  }
}

ImiConsoleProfessions.define('imi-console-professions');

declare global {
  interface HTMLElementTagNameMap {
    'imi-console-professions': ImiConsoleProfessions;
  }
}
