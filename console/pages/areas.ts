import { css, html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import type { AdminArea, ProfessionOpening } from '../../server/modules/admin/areas.js';
import type { TranslationMatrix } from '../../server/modules/admin/translations.js';
import type { QuestionSetFile, QuestionSetImportCheck, QuestionSetSummary } from '../../server/modules/questions/schemas.js';
import type { ApiError } from '../../components/core/api.js';
import { getLocale } from '../../components/core/localization.js';
import { sys } from '../../components/core/tokens.js';
import { ConsolePage } from '../console-page.js';
import { indexJson, lineOfPath, lineRange, type JsonSyntaxProblem } from '../json-lines.js';
import { diffQuestionSets, type ComparedField, type QuestionChange, type QuestionDefinition } from '../question-set-diff.js';
import { consoleStyles } from '../styles.js';

/** Wire dates arrive as ISO strings. */
type Wire<T> = T extends Date ? string : T extends object ? { [K in keyof T]: Wire<T[K]> } : T;
type Area = Wire<AdminArea>;
type Translations = Record<string, string>;

/** The form that sets the opening date of an area or a profession; `errors` by field (`code`, `opensOn`). */
type OpeningKind = 'area' | 'profession';
interface OpeningForm { code: string; date: string; busy: boolean; message: string; errors: Record<string, string>; problem?: ApiError }
const closedForm = (): OpeningForm => ({ code: '', date: '', busy: false, message: '', errors: {} });
/** One reason a file was refused, at the line of the text where the field sits. */
interface ImportError { line: number; column?: number; path: string; message: string }

const today = () => new Date().toISOString().slice(0, 10);
const textIn = (texts: Translations | undefined) => (texts ? (texts[getLocale()] ?? texts.en ?? Object.values(texts)[0] ?? '') : '');

/**
 * @summary Legislative areas and their question sets for Commission administrators: the areas with their periods and
 * versions, staged opening dates of areas and professions, import of a question-set file (a new area is an import) with
 * its errors shown at their lines, two versions compared, and the translation completeness matrix with the missing
 * texts filled in place.
 */
@localized()
export class ImiConsoleAreas extends ConsolePage {
  static override styles = [
    consoleStyles,
    css`
      textarea.code {
        font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
        font-size: ${sys('font-size-small')};
        line-height: 1.5;
        min-height: 16rem;
        white-space: pre;
        overflow: auto;
      }
      .summary ul {
        padding-inline-start: ${sys('space-4')};
      }
      .summary button.link {
        text-align: start;
        color: inherit;
        font-weight: ${sys('font-weight-strong')};
      }
      .pair {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr));
        gap: ${sys('space-1')} ${sys('space-4')};
        align-items: start;
        padding: ${sys('space-2')} 0;
        border-bottom: 1px solid ${sys('color-surface-variant')};
      }
      .pair .field {
        margin-bottom: 0;
      }
      .missing-list {
        list-style: none;
        margin: 0 0 ${sys('space-3')};
        padding: 0;
      }
      .status-complete::before {
        content: '✓ ';
      }
      .status-missing::before {
        content: '! ';
      }
      ul.plain {
        margin: 0;
        padding-inline-start: ${sys('space-4')};
      }
    `,
  ];

  @state() private areas: Area[] = [];
  @state() private professions: ProfessionOpening[] = [];

  @state() private openings: Record<OpeningKind, OpeningForm> = { area: closedForm(), profession: closedForm() };

  @state() private fileText = '';
  @state() private importBusy = false;
  @state() private importMessage = '';
  @state() private importErrors: ImportError[] = [];
  @state() private importProblem?: ApiError;
  /** Whether the last errors came from a check (nothing was meant to be imported) or from an import. */
  @state() private importChecked = false;

  @state() private compareArea = '';
  @state() private compareFrom = '';
  @state() private compareTo = '';
  @state() private compareBusy = false;
  @state() private compareProblem?: ApiError;
  @state() private comparison?: { from: QuestionSetFile; to: QuestionSetFile; changes: QuestionChange[] };

  @state() private matrixArea = '';
  @state() private matrixVersion = '';
  @state() private matrixBusy = false;
  @state() private matrixProblem?: ApiError;
  @state() private matrix?: TranslationMatrix;
  @state() private fillLocale = '';
  @state() private drafts: Record<string, string> = {};
  @state() private fillErrors: Record<string, string> = {};
  @state() private fillBusy = false;
  @state() private fillMessage = '';
  @state() private fillProblem?: ApiError;

  protected async load(signal: AbortSignal): Promise<void> {
    const [areas, professions] = await Promise.all([
      this.api().get<{ items: Area[] }>('/admin/legislative-areas', {}, { signal }),
      this.api().get<{ items: ProfessionOpening[] }>('/admin/professions/opening-dates', {}, { signal }),
    ]);
    this.areas = areas.items;
    this.professions = professions.items;
    const first = areas.items[0]?.code ?? '';
    if (!this.area(this.openings.area.code)) this.chooseOpening('area', first);
    if (!this.areas.some((a) => a.code === this.compareArea)) this.chooseCompareArea(first);
    if (!this.areas.some((a) => a.code === this.matrixArea)) this.chooseMatrixArea(first);
    if (this.matrix) await this.loadMatrix(signal);
  }

  private async refreshAreas(): Promise<void> {
    try {
      this.areas = (await this.api().get<{ items: Area[] }>('/admin/legislative-areas')).items;
    } catch {
      // The change itself succeeded; the list shows the new state on the next load.
    }
  }

  private area(code: string): Area | undefined {
    return this.areas.find((a) => a.code === code);
  }

  private formatDay(day: string): string {
    return new Intl.DateTimeFormat(getLocale(), { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
  }

  private languageName(code: string): string {
    return new Intl.DisplayNames([getLocale(), 'en'], { type: 'language' }).of(code) ?? code;
  }

  private opening(opensOn: string | null): string {
    if (!opensOn) return msg('Open');
    return opensOn > today() ? msg(str`Opens on ${this.formatDay(opensOn)}`) : msg(str`Open since ${this.formatDay(opensOn)}`);
  }

  protected override render() {
    return this.whenLoaded(() => html`
      ${this.renderAreas()}
      ${this.renderOpening()}
      ${this.renderImport()}
      ${this.renderComparison()}
      ${this.renderTranslations()}
    `);
  }

  // Areas

  private renderAreas(): TemplateResult {
    const number = new Intl.NumberFormat(getLocale());
    return html`
      <section aria-labelledby="areas-list">
        <h3 id="areas-list">${msg('Legislative areas')}</h3>
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">${msg('Legislative areas')}</caption>
            <thead>
              <tr>
                <th scope="col">${msg('Code')}</th>
                <th scope="col">${msg('Name')}</th>
                <th scope="col">${msg('Legal basis')}</th>
                <th scope="col" class="number">${msg('Reply period (days)')}</th>
                <th scope="col" class="number">${msg('Blocking period (months)')}</th>
                <th scope="col">${msg('Question-set versions')}</th>
                <th scope="col">${msg('Exchanges')}</th>
              </tr>
            </thead>
            <tbody>
              ${this.areas.map((a) => html`
                <tr data-area=${a.code}>
                  <th scope="row">${a.code}</th>
                  <td>${a.name}</td>
                  <td>${a.legalBasis}</td>
                  <td class="number">${number.format(a.replyPeriodDays)}</td>
                  <td class="number">${number.format(a.blockingMonths)}</td>
                  <td>
                    ${a.questionSets.length
                      ? html`<ul class="plain">${a.questionSets.map((s) => html`
                          <li>
                            ${msg(str`Version ${s.version}`)}${s.current ? html` <span class="tag">${msg('current')}</span>` : nothing}
                            <span class="muted">(${msg(str`Questions: ${number.format(s.questions)}`)})</span>
                            <a href=${`${this.config.apiBase.replace(/\/+$/, '')}/question-sets/${s.id}/export`} download=${`${a.code}-${s.version}.json`}
                              aria-label=${msg(str`Export version ${s.version} of ${a.code}`)}>${msg('Export')}</a>
                          </li>`)}</ul>`
                      : html`<span class="muted">${msg('None')}</span>`}
                    ${a.questionSets.length
                      ? html`<button type="button" class="small" aria-label=${msg(str`Start the next version of ${a.code}`)}
                          @click=${() => void this.startFrom(a)}>${msg('Start the next version')}</button>`
                      : nothing}
                  </td>
                  <td>${this.opening(a.opensOn)}</td>
                </tr>
              `)}
            </tbody>
          </table>
        </div>
      </section>
    `;
  }

  // Staged opening

  /** The record a form's choice names, with the version to send. */
  private openingTarget(kind: OpeningKind, code: string): { code: string; name: string; opensOn: string | null; version: number } | undefined {
    return kind === 'area' ? this.area(code) : this.professions.find((p) => p.code === code);
  }

  private updateOpening(kind: OpeningKind, change: Partial<OpeningForm>): void {
    this.openings = { ...this.openings, [kind]: { ...this.openings[kind], ...change } };
  }

  private chooseOpening(kind: OpeningKind, code: string): void {
    this.updateOpening(kind, { code, date: this.openingTarget(kind, code)?.opensOn ?? '', errors: {}, problem: undefined });
  }

  private async saveOpening(kind: OpeningKind): Promise<void> {
    const target = this.openingTarget(kind, this.openings[kind].code);
    if (!target) {
      this.updateOpening(kind, { errors: { code: kind === 'area' ? msg('Choose a legislative area') : msg('Choose a profession') } });
      return;
    }
    this.updateOpening(kind, { busy: true, message: '', errors: {}, problem: undefined });
    const body = { opensOn: this.openings[kind].date || null, version: target.version };
    const code = encodeURIComponent(target.code);
    try {
      let saved: { code: string; name: string; opensOn: string | null };
      if (kind === 'area') {
        const area = await this.api().patch<Area>(`/admin/legislative-areas/${code}`, body);
        this.areas = this.areas.map((a) => (a.code === area.code ? area : a));
        saved = { ...area, name: area.code };
      } else {
        const profession = await this.api().patch<ProfessionOpening>(`/admin/professions/${code}/opening`, body);
        this.professions = this.professions.map((p) => (p.code === profession.code ? profession : p));
        saved = profession;
      }
      this.updateOpening(kind, {
        message: saved.opensOn ? msg(str`${saved.name} opens for exchanges on ${this.formatDay(saved.opensOn)}.`) : msg(str`${saved.name} is open for exchanges.`),
      });
    } catch (error) {
      const failure = this.apiFailure(error);
      const errors = this.fieldMessages(failure, ['opensOn']);
      this.updateOpening(kind, { errors, problem: Object.keys(errors).length ? undefined : failure });
    } finally {
      this.updateOpening(kind, { busy: false });
    }
  }

  /** The messages of a 400 for the given fields; empty when the failure is of another kind. */
  private fieldMessages(failure: ApiError, fields: string[]): Record<string, string> {
    if (failure.status !== 400) return {};
    return Object.fromEntries((failure.errors ?? []).filter((e) => fields.includes(e.path)).map((e) => [e.path, e.message]));
  }

  private renderOpeningForm(kind: OpeningKind, title: string, label: string, choices: TemplateResult): TemplateResult {
    const form = this.openings[kind];
    const id = `opening-${kind}`;
    const invalid = (field: string) => (form.errors[field] ? 'true' : 'false');
    const describedBy = (field: string, ...others: string[]) => [...others, form.errors[field] ? `${id}-${field}-error` : ''].filter(Boolean).join(' ') || nothing;
    const error = (field: string) => (form.errors[field] ? html`<p class="error" id=${`${id}-${field}-error`}>${form.errors[field]}</p>` : nothing);
    return html`
      <form class="toolbar" aria-labelledby=${`${id}-title`} @submit=${(e: Event) => { e.preventDefault(); void this.saveOpening(kind); }}>
        <h4 id=${`${id}-title`} class="visually-hidden">${title}</h4>
        <div class="field">
          <label for=${`${id}-code`}>${label}</label>
          <select id=${`${id}-code`} aria-invalid=${invalid('code')} aria-describedby=${describedBy('code')}
            @change=${(e: Event) => this.chooseOpening(kind, (e.target as HTMLSelectElement).value)}>${choices}</select>
          ${error('code')}
        </div>
        <div class="field">
          <label for=${`${id}-date`}>${msg('Opens for exchanges on')}</label>
          <p class="hint" id=${`${id}-date-hint`}>${msg('Leave empty to open now. Requests can be created from this day (UTC).')}</p>
          <input id=${`${id}-date`} type="date" .value=${form.date} aria-invalid=${invalid('opensOn')} aria-describedby=${describedBy('opensOn', `${id}-date-hint`)}
            @input=${(e: Event) => this.updateOpening(kind, { date: (e.target as HTMLInputElement).value })} />
          ${error('opensOn')}
        </div>
        <button type="submit" class="primary" ?disabled=${form.busy}>${msg('Save opening date')}</button>
      </form>
      <p role="status">${form.message}</p>
      ${form.problem ? this.renderProblem(form.problem, () => void this.reload()) : nothing}
    `;
  }

  private renderOpening(): TemplateResult {
    const later = this.professions.filter((p) => p.opensOn);
    const area = this.openings.area.code;
    const profession = this.openings.profession.code;
    return html`
      <section aria-labelledby="areas-opening">
        <h3 id="areas-opening">${msg('Staged opening')}</h3>
        ${this.renderOpeningForm('area', msg('Opening date of an area'), msg('Legislative area'),
          html`${this.areas.map((a) => html`<option value=${a.code} ?selected=${a.code === area}>${a.code} — ${a.name}</option>`)}`)}
        ${this.renderOpeningForm('profession', msg('Opening date of a profession'), msg('Profession'), html`
          <option value="" ?selected=${!profession}>${msg('Choose a profession')}</option>
          ${this.professions.map((p) => html`<option value=${p.code} ?selected=${p.code === profession}>${p.name}</option>`)}`)}
        ${later.length
          ? html`
              <div class="table-wrap">
                <table>
                  <caption>${msg('Professions with an opening date')}</caption>
                  <thead><tr><th scope="col">${msg('Profession')}</th><th scope="col">${msg('Exchanges')}</th></tr></thead>
                  <tbody>${later.map((p) => html`<tr><th scope="row">${p.name}</th><td>${this.opening(p.opensOn)}</td></tr>`)}</tbody>
                </table>
              </div>`
          : html`<p class="muted">${msg('Every profession is open for exchanges.')}</p>`}
      </section>
    `;
  }

  // Import

  private async readFile(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    this.fileText = await file.text();
    this.importErrors = [];
    this.importProblem = undefined;
    this.importMessage = msg(str`${file.name} is in the text field below.`);
  }

  /** The file as the server will read it, or its syntax error at its line. */
  private parseFile(): { value: unknown; lines: Map<string, number> } | null {
    if (!this.fileText.trim()) {
      this.importErrors = [{ line: 1, path: '', message: msg('Paste a question-set file or choose one.') }];
      return null;
    }
    const index = indexJson(this.fileText);
    if (!index.ok) {
      this.importErrors = [{ line: index.problem.line, column: index.problem.column, path: '', message: this.syntaxMessage(index.problem) }];
      return null;
    }
    return index;
  }

  private syntaxMessage(problem: JsonSyntaxProblem): string {
    switch (problem.kind) {
      case 'end':
        return msg('The text ends too early: a closing bracket, brace or quote is missing.');
      case 'string':
        return msg('A text in quotes has a line break or a wrong escape (\\).');
      case 'number':
        return msg('Not a valid number.');
      case 'character':
        return msg(str`Unexpected “${problem.found}”: is a comma, colon or quote missing or extra?`);
    }
  }

  private async submitFile(dryRun: boolean): Promise<void> {
    this.importMessage = '';
    this.importErrors = [];
    this.importProblem = undefined;
    this.importChecked = dryRun;
    const parsed = this.parseFile();
    if (!parsed) return this.focusImportErrors();
    this.importBusy = true;
    try {
      if (dryRun) {
        const check = await this.api().post<QuestionSetImportCheck>('/admin/question-sets/check', parsed.value);
        const complete = Object.values(check.translated).filter((share) => share === 1).length;
        this.importMessage = [
          msg(str`The file can be imported: version ${check.version} of ${check.area}. Questions: ${check.questions}. Complete in ${complete} of 26 languages.`),
          check.newArea ? msg(str`Importing it creates the legislative area ${check.area}.`) : '',
        ].filter(Boolean).join(' ');
      } else {
        const known = new Set(this.areas.map((a) => a.code));
        const imported = await this.api().post<Wire<QuestionSetSummary>>('/admin/question-sets', parsed.value);
        this.importMessage = [
          msg(str`Imported version ${imported.version} of ${imported.area}. Questions: ${imported.questions}.`),
          known.has(imported.area) ? '' : msg(str`The legislative area ${imported.area} was created.`),
        ].filter(Boolean).join(' ');
        await this.refreshAreas();
      }
    } catch (error) {
      const failure = this.apiFailure(error);
      if (failure.status === 400 && failure.errors?.length) {
        this.importErrors = failure.errors
          .map((e) => ({ line: lineOfPath(parsed.lines, e.path), path: e.path === 'body' ? '' : e.path, message: e.message }))
          .sort((a, b) => a.line - b.line);
      } else if (failure.status === 409) {
        this.importErrors = [{ line: lineOfPath(parsed.lines, 'version'), path: 'version', message: failure.detail ?? failure.title }];
      } else {
        this.importProblem = failure;
      }
      this.focusImportErrors();
    } finally {
      this.importBusy = false;
    }
  }

  private focusImportErrors(): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#import-errors-title')?.focus());
  }

  /** Puts the cursor on a line of the file and selects it, scrolled into view. */
  private goToLine(line: number): void {
    const field = this.renderRoot.querySelector<HTMLTextAreaElement>('#import-file');
    if (!field) return;
    const [start, end] = lineRange(field.value, line);
    field.focus();
    field.setSelectionRange(start, end);
    const lineHeight = parseFloat(getComputedStyle(field).lineHeight) || 20;
    field.scrollTop = Math.max(0, (line - 1) * lineHeight - field.clientHeight / 3);
  }

  private renderImport(): TemplateResult {
    const errors = this.importErrors;
    return html`
      <section aria-labelledby="areas-import">
        <h3 id="areas-import">${msg('Import a question set')}</h3>
        <p class="hint" id="import-hint">
          ${msg('A file names its area and version. A higher version of an area becomes its current set; a file for an area that does not exist yet creates it from its areaDefinition (legal basis, names, reply period, blocking period).')}
        </p>
        <div class="field">
          <label for="import-choose">${msg('Choose a file (JSON)')}</label>
          <input id="import-choose" type="file" accept=".json,application/json" @change=${this.readFile} />
        </div>
        ${errors.length
          ? html`
              <div class="summary" id="import-errors">
                <h4 id="import-errors-title" tabindex="-1">
                  ${this.importChecked ? msg(str`The file cannot be imported. Problems: ${errors.length}`) : msg(str`The file was not imported. Problems: ${errors.length}`)}
                </h4>
                <ul>
                  ${errors.map((e) => html`
                    <li>
                      <button type="button" class="link" @click=${() => this.goToLine(e.line)}>
                        ${e.column ? msg(str`Line ${e.line}, column ${e.column}`) : msg(str`Line ${e.line}`)}:
                        ${e.path ? html`<code>${e.path}</code> —` : nothing} ${e.message}
                      </button>
                    </li>`)}
                </ul>
              </div>`
          : nothing}
        <div class="field">
          <label for="import-file">${msg('Question-set file (JSON)')}</label>
          <textarea id="import-file" class="code" wrap="off" spellcheck="false" .value=${this.fileText}
            aria-describedby=${errors.length ? 'import-hint import-errors' : 'import-hint'} aria-invalid=${errors.length ? 'true' : 'false'}
            @input=${(e: Event) => (this.fileText = (e.target as HTMLTextAreaElement).value)}></textarea>
        </div>
        <div class="actions">
          <button type="button" ?disabled=${this.importBusy} @click=${() => void this.submitFile(true)}>${msg('Check without importing')}</button>
          <button type="button" class="primary" ?disabled=${this.importBusy} @click=${() => void this.submitFile(false)}>${msg('Import')}</button>
        </div>
        <p role="status">${this.importBusy ? msg('Sending…') : this.importMessage}</p>
        ${this.importProblem ? this.renderProblem(this.importProblem) : nothing}
      </section>
    `;
  }

  /** Starts the next version from an existing one: its file, with the version number raised, in the import field. */
  private async startFrom(area: Area): Promise<void> {
    const current = area.questionSets.find((s) => s.current);
    if (!current) return;
    try {
      const file = await this.api().get<QuestionSetFile>(`/question-sets/${current.id}/export`);
      this.fileText = JSON.stringify({ ...file, version: current.version + 1 }, null, 2);
      this.importErrors = [];
      this.importProblem = undefined;
      this.importMessage = msg(str`Version ${current.version} of ${area.code} is in the text field as version ${current.version + 1}: change it, check it and import it.`);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLTextAreaElement>('#import-file')?.focus();
    } catch (error) {
      this.importProblem = this.apiFailure(error);
    }
  }

  // Comparison

  private chooseCompareArea(code: string): void {
    this.compareArea = code;
    const sets = this.area(code)?.questionSets ?? [];
    this.compareTo = String(sets[0]?.id ?? '');
    this.compareFrom = String(sets[1]?.id ?? sets[0]?.id ?? '');
    this.comparison = undefined;
    this.compareProblem = undefined;
  }

  private async compare(event: Event): Promise<void> {
    event.preventDefault();
    if (!this.compareFrom || !this.compareTo) return;
    this.compareBusy = true;
    this.compareProblem = undefined;
    try {
      const [from, to] = await Promise.all([
        this.api().get<QuestionSetFile>(`/question-sets/${this.compareFrom}/export`),
        this.api().get<QuestionSetFile>(`/question-sets/${this.compareTo}/export`),
      ]);
      this.comparison = { from, to, changes: diffQuestionSets(from, to) };
    } catch (error) {
      this.compareProblem = this.apiFailure(error);
    } finally {
      this.compareBusy = false;
    }
  }

  private fieldLabel(field: ComparedField): string {
    switch (field) {
      case 'group':
        return msg('Group');
      case 'text':
        return msg('Text');
      case 'help':
        return msg('Help text');
      case 'answerType':
        return msg('Answer type');
      case 'options':
        return msg('Options');
      case 'required':
        return msg('Required');
      case 'personal':
        return msg('Personal data');
    }
  }

  private fieldValue(field: ComparedField, side: { group: string; question: QuestionDefinition }, set: QuestionSetFile): TemplateResult | string {
    const q = side.question;
    switch (field) {
      case 'group':
        return textIn(set.groups.find((g) => g.code === side.group)?.title) || side.group;
      case 'text':
        return textIn(q.text);
      case 'help':
        return textIn(q.help) || '—';
      case 'answerType':
        return html`<code>${q.answerType}</code>`;
      case 'options':
        return q.options.length ? q.options.map((o) => `${textIn(o.label)} (${o.code})`).join(', ') : '—';
      case 'required':
        return q.required ? msg('Yes') : msg('No');
      case 'personal':
        return q.personal ? msg('Yes') : msg('No');
    }
  }

  private renderSide(change: QuestionChange, side: 'before' | 'after', set: QuestionSetFile): TemplateResult {
    const value = change[side];
    if (!value) return html`<span class="muted">—</span>`;
    const fields: ComparedField[] = change.kind === 'changed' ? change.fields : ['text', 'answerType'];
    return html`<ul class="plain">${fields.map((f) => html`<li><span class="label">${this.fieldLabel(f)}:</span> ${this.fieldValue(f, value, set)}</li>`)}</ul>`;
  }

  private renderComparison(): TemplateResult {
    const sets = this.area(this.compareArea)?.questionSets ?? [];
    const c = this.comparison;
    const counts = c && {
      added: c.changes.filter((x) => x.kind === 'added').length,
      removed: c.changes.filter((x) => x.kind === 'removed').length,
      changed: c.changes.filter((x) => x.kind === 'changed').length,
    };
    const kind = (x: QuestionChange) => (x.kind === 'added' ? msg('Added') : x.kind === 'removed' ? msg('Removed') : msg('Changed'));
    const versionSelect = (id: string, label: string, value: string, set: (v: string) => void) => html`
      <div class="field">
        <label for=${id}>${label}</label>
        <select id=${id} @change=${(e: Event) => set((e.target as HTMLSelectElement).value)}>
          ${sets.map((s) => html`<option value=${String(s.id)} ?selected=${String(s.id) === value}>${msg(str`Version ${s.version}`)}</option>`)}
        </select>
      </div>`;
    return html`
      <section aria-labelledby="areas-compare">
        <h3 id="areas-compare">${msg('Compare versions')}</h3>
        <form class="toolbar" @submit=${this.compare}>
          <div class="field">
            <label for="compare-area">${msg('Legislative area')}</label>
            <select id="compare-area" @change=${(e: Event) => this.chooseCompareArea((e.target as HTMLSelectElement).value)}>
              ${this.areas.map((a) => html`<option value=${a.code} ?selected=${a.code === this.compareArea}>${a.code} — ${a.name}</option>`)}
            </select>
          </div>
          ${versionSelect('compare-from', msg('Earlier version'), this.compareFrom, (v) => { this.compareFrom = v; this.comparison = undefined; })}
          ${versionSelect('compare-to', msg('Later version'), this.compareTo, (v) => { this.compareTo = v; this.comparison = undefined; })}
          <button type="submit" ?disabled=${this.compareBusy || !sets.length}>${msg('Compare')}</button>
        </form>
        <p role="status">
          ${this.compareBusy ? msg('Loading…')
            : c && counts ? (c.changes.length
              ? msg(str`Added: ${counts.added}. Removed: ${counts.removed}. Changed: ${counts.changed}.`)
              : msg('The two versions ask the same questions.'))
            : nothing}
        </p>
        ${this.compareProblem ? this.renderProblem(this.compareProblem) : nothing}
        ${c && c.changes.length
          ? html`
              <div class="table-wrap">
                <table class="diff">
                  <caption>${msg(str`Changes from version ${c.from.version} to version ${c.to.version} of ${c.to.area}`)}</caption>
                  <thead>
                    <tr>
                      <th scope="col">${msg('Question')}</th>
                      <th scope="col">${msg('Change')}</th>
                      <th scope="col">${msg(str`Version ${c.from.version}`)}</th>
                      <th scope="col">${msg(str`Version ${c.to.version}`)}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${c.changes.map((x) => html`
                      <tr data-change=${x.kind} data-question=${x.code}>
                        <th scope="row"><code>${x.code}</code><br />${textIn((x.after ?? x.before)!.question.text)}</th>
                        <td>${kind(x)}${x.kind === 'changed' ? html`: ${x.fields.map((f) => this.fieldLabel(f)).join(', ')}` : nothing}</td>
                        <td>${this.renderSide(x, 'before', c.from)}</td>
                        <td>${this.renderSide(x, 'after', c.to)}</td>
                      </tr>`)}
                  </tbody>
                </table>
              </div>`
          : nothing}
      </section>
    `;
  }

  // Translations

  private chooseMatrixArea(code: string): void {
    this.matrixArea = code;
    this.matrixVersion = String(this.area(code)?.questionSets[0]?.version ?? '');
  }

  private async showMatrix(event: Event): Promise<void> {
    event.preventDefault();
    this.fillLocale = '';
    this.fillMessage = '';
    await this.loadMatrix();
  }

  private async loadMatrix(signal?: AbortSignal): Promise<void> {
    if (!this.matrixArea) return;
    this.matrixBusy = true;
    this.matrixProblem = undefined;
    try {
      this.matrix = await this.api().get<TranslationMatrix>('/admin/translations', { area: this.matrixArea, version: this.matrixVersion }, { signal });
    } catch (error) {
      if (signal?.aborted) return;
      this.matrix = undefined;
      this.matrixProblem = this.apiFailure(error);
    } finally {
      this.matrixBusy = false;
    }
  }

  private async chooseFillLocale(locale: string): Promise<void> {
    this.fillLocale = locale;
    this.drafts = {};
    this.fillErrors = {};
    this.fillMessage = '';
    this.fillProblem = undefined;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#fill-title')?.focus();
  }

  private async saveTranslations(event: Event): Promise<void> {
    event.preventDefault();
    const matrix = this.matrix;
    if (!matrix) return;
    const entries = Object.entries(this.drafts).filter(([, text]) => text.trim()).map(([key, text]) => ({ key, text }));
    this.fillMessage = '';
    this.fillProblem = undefined;
    this.fillErrors = {};
    if (!entries.length) {
      this.fillMessage = msg('Fill in at least one text.');
      return;
    }
    this.fillBusy = true;
    try {
      this.matrix = await this.api().put<TranslationMatrix>('/admin/translations', { questionSetId: matrix.questionSetId, locale: this.fillLocale, entries });
      this.drafts = {};
      this.fillMessage = msg(str`Translations saved: ${entries.length}.`);
      if (entries.some((e) => e.key === 'area.name')) await this.refreshAreas();
    } catch (error) {
      const failure = this.apiFailure(error);
      const errors: Record<string, string> = {};
      if (failure.status === 400) {
        for (const e of failure.errors ?? []) {
          const at = /^entries\.(\d+)\.(key|text)$/.exec(e.path);
          if (at && entries[Number(at[1])]) errors[entries[Number(at[1])].key] = e.message;
        }
      }
      this.fillErrors = errors;
      if (!Object.keys(errors).length) this.fillProblem = failure;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.missing-list [aria-invalid="true"]')?.focus();
    } finally {
      this.fillBusy = false;
    }
  }

  private renderTranslations(): TemplateResult {
    const sets = this.area(this.matrixArea)?.questionSets ?? [];
    const m = this.matrix;
    const number = new Intl.NumberFormat(getLocale());
    const percent = new Intl.NumberFormat(getLocale(), { style: 'percent', maximumFractionDigits: 0 });
    return html`
      <section aria-labelledby="areas-translations">
        <h3 id="areas-translations">${msg('Translations')}</h3>
        <form class="toolbar" @submit=${this.showMatrix}>
          <div class="field">
            <label for="matrix-area">${msg('Legislative area')}</label>
            <select id="matrix-area" @change=${(e: Event) => this.chooseMatrixArea((e.target as HTMLSelectElement).value)}>
              ${this.areas.map((a) => html`<option value=${a.code} ?selected=${a.code === this.matrixArea}>${a.code} — ${a.name}</option>`)}
            </select>
          </div>
          <div class="field">
            <label for="matrix-version">${msg('Version')}</label>
            <select id="matrix-version" @change=${(e: Event) => (this.matrixVersion = (e.target as HTMLSelectElement).value)}>
              ${sets.map((s) => html`<option value=${String(s.version)} ?selected=${String(s.version) === this.matrixVersion}>${msg(str`Version ${s.version}`)}</option>`)}
            </select>
          </div>
          <button type="submit" ?disabled=${this.matrixBusy || !sets.length}>${msg('Show completeness')}</button>
        </form>
        <p role="status">${this.matrixBusy ? msg('Loading…') : nothing}</p>
        ${this.matrixProblem ? this.renderProblem(this.matrixProblem) : nothing}
        ${m
          ? html`
              <div class="table-wrap">
                <table class="matrix">
                  <caption>${msg(str`Translation completeness of ${m.area} version ${m.version}: ${number.format(m.strings)} texts`)}</caption>
                  <thead>
                    <tr>
                      <th scope="col">${msg('Language')}</th>
                      <th scope="col" class="number">${msg('Translated')}</th>
                      <th scope="col" class="number">${msg('Share')}</th>
                      <th scope="col">${msg('Status')}</th>
                      <th scope="col"><span class="visually-hidden">${msg('Action')}</span></th>
                    </tr>
                  </thead>
                  <tbody>
                    ${m.locales.map((l) => html`
                      <tr data-locale=${l.locale}>
                        <th scope="row">${this.languageName(l.locale)} <span class="muted">(${l.locale})</span></th>
                        <td class="number">${number.format(l.translated)} / ${number.format(m.strings)}</td>
                        <td class="number">${percent.format(m.strings ? l.translated / m.strings : 1)}</td>
                        <td class=${l.missing.length ? 'status-missing error' : 'status-complete'}>
                          ${l.missing.length ? msg(str`${l.missing.length} missing`) : msg('Complete')}
                        </td>
                        <td>
                          ${l.missing.length
                            ? html`<button type="button" class="small" aria-pressed=${this.fillLocale === l.locale ? 'true' : 'false'}
                                @click=${() => void this.chooseFillLocale(l.locale)}>${msg(str`Fill in ${this.languageName(l.locale)}`)}</button>`
                            : nothing}
                        </td>
                      </tr>`)}
                  </tbody>
                </table>
              </div>
              ${this.fillLocale ? this.renderFill(m) : nothing}`
          : nothing}
      </section>
    `;
  }

  private renderFill(m: TranslationMatrix): TemplateResult {
    const locale = this.fillLocale;
    const language = this.languageName(locale);
    const missing = m.locales.find((l) => l.locale === locale)?.missing ?? [];
    return html`
      <form @submit=${this.saveTranslations} aria-labelledby="fill-title">
        <h4 id="fill-title" tabindex="-1">${msg(str`Missing texts in ${language}`)}</h4>
        ${missing.length
          ? html`
              <p class="hint">${msg('Each English text is shown beside its field. Fill in those you can; empty fields are left out.')}</p>
              <ul class="missing-list">
                ${missing.map((s, i) => {
                  const id = `fill-${i}`;
                  const error = this.fillErrors[s.key];
                  const describedBy = [`${id}-key`, error ? `${id}-error` : ''].filter(Boolean).join(' ');
                  const onInput = (e: Event) => (this.drafts = { ...this.drafts, [s.key]: (e.target as HTMLInputElement).value });
                  return html`
                    <li class="pair" data-key=${s.key}>
                      <div>
                        <p class="label" lang="en" id=${`${id}-english`}>${s.english}</p>
                        <p class="hint" id=${`${id}-key`}><code>${s.key}</code></p>
                      </div>
                      <div class="field">
                        <label for=${id} id=${`${id}-label`}>${msg(str`${language} translation`)}</label>
                        ${s.maxLength > 300
                          ? html`<textarea id=${id} lang=${locale} maxlength=${s.maxLength} rows="3" .value=${this.drafts[s.key] ?? ''} @input=${onInput}
                              aria-labelledby=${`${id}-label ${id}-english`} aria-describedby=${describedBy} aria-invalid=${error ? 'true' : 'false'}></textarea>`
                          : html`<input id=${id} lang=${locale} maxlength=${s.maxLength} .value=${this.drafts[s.key] ?? ''} @input=${onInput}
                              aria-labelledby=${`${id}-label ${id}-english`} aria-describedby=${describedBy} aria-invalid=${error ? 'true' : 'false'} />`}
                        ${error ? html`<p class="error" id=${`${id}-error`}>${error}</p>` : nothing}
                      </div>
                    </li>`;
                })}
              </ul>
              <button type="submit" class="primary" ?disabled=${this.fillBusy}>${msg('Save translations')}</button>`
          : html`<p>${msg(str`Every text is translated into ${language}.`)}</p>`}
        <p role="status">${this.fillBusy ? msg('Saving…') : this.fillMessage}</p>
        ${this.fillProblem ? this.renderProblem(this.fillProblem) : nothing}
      </form>
    `;
  }
}

ImiConsoleAreas.define('imi-console-areas');

declare global {
  interface HTMLElementTagNameMap {
    'imi-console-areas': ImiConsoleAreas;
  }
}
