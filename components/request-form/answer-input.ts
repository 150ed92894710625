import { html, nothing, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { localized, msg, str } from '@lit/localize';
import { ImiApi } from '../core/api.js';
import { ImiElement } from '../core/imi-element.js';
import { getLocale } from '../core/localization.js';
import type { AttachmentView } from '../core/types.js';
import { answerInputStyles } from './answer-input.styles.js';

export type AnswerType = 'yes-no' | 'yes-no-unknown' | 'single-choice' | 'multi-choice' | 'date' | 'number' | 'text' | 'attachment';

/** An answer as the server stores it: option codes for choice questions, an attachment id for attachment questions. */
export type AnswerValue = string | number | boolean | string[];

/** What an answer input needs to know of its question (a question of a set, or of a request). */
export interface AnswerQuestion {
  code: string;
  text: string;
  textLang?: string | null;
  help?: string | null;
  answerType: AnswerType;
  options: { code: string; label: string }[];
  required: boolean;
}

/**
 * @summary The input for the answer to one agreed question, chosen by its answer type: yes/no, yes/no/unknown, single
 * choice, multiple choice, date, number, text or attachment. A form-associated custom element: it takes part in the
 * enclosing `<form>` under its `name` (the question code by default), with its validity, reset and restore.
 *
 * Choice answers are option codes (so that a reply entered in Finnish reads in French); an attachment answer is the id of
 * the file uploaded to the request given by `request-id`.
 *
 * @event input - The answer changed (native event).
 * @event change - The answer changed (native event).
 * @event imi-auth-required - Uploading a file got a 401 answer.
 *
 * @csspart label - The question text (a `<label>` or the `<legend>` of the group).
 * @csspart control - Each input.
 * @csspart error - The error message.
 *
 * @cssprop --imi-answer-input-text-color - Text colour. Default: `--imi-sys-color-on-surface`.
 * @cssprop --imi-answer-input-muted-color - Help text. Default: `--imi-sys-color-on-surface-muted`.
 * @cssprop --imi-answer-input-border-color - Borders of the fields. Default: `--imi-sys-color-outline`.
 * @cssprop --imi-answer-input-field-background - Background of the fields. Default: `--imi-sys-color-surface`.
 * @cssprop --imi-answer-input-accent-color - Checked radios and boxes. Default: `--imi-sys-color-primary`.
 * @cssprop --imi-answer-input-error-color - Error text and border. Default: `--imi-sys-color-error`.
 * @cssprop --imi-answer-input-radius - Corner radius of the fields. Default: `--imi-sys-radius-small`.
 */
@localized()
export class ImiAnswerInput extends ImiElement {
  static override styles = answerInputStyles;
  static formAssociated = true;
  static override shadowRootOptions = { ...ImiElement.shadowRootOptions, delegatesFocus: true };

  /** The question to answer. */
  @property({ attribute: false }) question?: AnswerQuestion;

  /** The answer; undefined while unanswered. */
  @property({ attribute: false }) value?: AnswerValue;

  /** The name under which the answer is submitted; the question code when absent. */
  @property() name = '';

  /** The request an attachment answer is uploaded to. */
  @property({ attribute: 'request-id' }) requestId = '';

  @property({ type: Boolean, reflect: true }) disabled = false;

  /** An error to show and report as the validity (e.g. the server's); cleared when the user changes the answer. */
  @property() error = '';

  @state() private uploadProgress?: number;
  @state() private uploadedName = '';

  @query('[data-control]') private firstControl?: HTMLElement;

  private readonly internals = this.attachInternals();
  private defaultValue?: AnswerValue;
  private defaultCaptured = false;

  get form(): HTMLFormElement | null {
    return this.internals.form;
  }

  get validity(): ValidityState {
    return this.internals.validity;
  }

  get validationMessage(): string {
    return this.internals.validationMessage;
  }

  get willValidate(): boolean {
    return this.internals.willValidate;
  }

  checkValidity(): boolean {
    return this.internals.checkValidity();
  }

  reportValidity(): boolean {
    return this.internals.reportValidity();
  }

  /** Whether the question has an answer (a non-empty one for texts and lists). */
  get answered(): boolean {
    const value = this.value;
    if (value === undefined || value === '') return false;
    if (Array.isArray(value)) return value.length > 0;
    if (typeof value === 'number') return Number.isFinite(value);
    return true;
  }

  formResetCallback(): void {
    this.value = this.defaultValue;
    this.error = '';
    this.uploadedName = '';
  }

  formStateRestoreCallback(restored: string | File | FormData | null): void {
    if (restored === null || restored instanceof File) return;
    const type = this.question?.answerType;
    if (restored instanceof FormData) this.value = restored.getAll(this.fieldName).map(String);
    else if (type === 'number') this.value = restored === '' ? undefined : Number(restored);
    else this.value = restored;
  }

  formDisabledCallback(disabled: boolean): void {
    this.disabled = disabled;
  }

  private get fieldName(): string {
    return this.name || this.question?.code || '';
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    if (!this.defaultCaptured && this.question) {
      this.defaultCaptured = true;
      this.defaultValue = this.value;
    }
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    super.updated(changed);
    this.syncForm();
  }

  private syncForm(): void {
    const value = this.value;
    if (!this.answered) this.internals.setFormValue(null);
    else {
      // Entries named by the question code, so that the form needs no `name` attribute on the element.
      const data = new FormData();
      for (const item of Array.isArray(value) ? value : [value]) data.append(this.fieldName, String(item));
      this.internals.setFormValue(data);
    }

    const anchor = this.firstControl;
    const badInput = this.renderRoot.querySelector<HTMLInputElement>('input[type="number"], input[type="date"]')?.validity.badInput ?? false;
    if (this.error) this.internals.setValidity({ customError: true }, this.error, anchor);
    else if (badInput) this.internals.setValidity({ badInput: true }, this.badInputMessage(), anchor);
    else if (this.question?.required && !this.answered) this.internals.setValidity({ valueMissing: true }, msg('Answer this question.'), anchor);
    else this.internals.setValidity({});
  }

  private badInputMessage(): string {
    return this.question?.answerType === 'number' ? msg('Enter a number.') : msg('Enter a valid date.');
  }

  private commit(value: AnswerValue | undefined): void {
    this.value = value;
    this.error = '';
    this.dispatchEvent(new Event('change', { bubbles: true }));
  }

  private onChoice(code: string): void {
    this.commit(code);
  }

  private onToggle(code: string, checked: boolean): void {
    const current = Array.isArray(this.value) ? this.value : [];
    const next = checked ? [...current.filter((c) => c !== code), code] : current.filter((c) => c !== code);
    const order = this.question?.options.map((option) => option.code) ?? [];
    this.commit(next.sort((a, b) => order.indexOf(a) - order.indexOf(b)));
  }

  private onNumber(event: Event): void {
    const input = event.target as HTMLInputElement;
    this.commit(input.value === '' || Number.isNaN(input.valueAsNumber) ? undefined : input.valueAsNumber);
  }

  private onText(event: Event): void {
    const value = (event.target as HTMLInputElement | HTMLTextAreaElement).value;
    this.commit(value === '' ? undefined : value);
  }

  private async onFile(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file || !this.requestId) return;
    this.uploadProgress = 0;
    this.error = '';
    try {
      const api = new ImiApi({ ...this.config, locale: getLocale() });
      const attachment = await api.upload<AttachmentView>(`/requests/${this.requestId}/attachments`, { name: file.name }, file, {
        onProgress: (loaded, total) => (this.uploadProgress = total ? Math.round((loaded / total) * 100) : 0),
      });
      this.uploadedName = attachment.name;
      this.commit(attachment.id);
    } catch (error) {
      const failure = this.apiFailure(error);
      this.error = msg(str`The file could not be uploaded: ${failure.detail ?? failure.title}`);
    } finally {
      this.uploadProgress = undefined;
      input.value = '';
    }
  }

  private describedBy(): string | undefined {
    return [this.question?.help ? 'help' : '', this.error ? 'error' : ''].filter(Boolean).join(' ') || undefined;
  }

  protected override render() {
    const question = this.question;
    if (!question) return nothing;
    switch (question.answerType) {
      case 'yes-no':
        return this.renderChoices([{ code: 'yes', label: msg('Yes') }, { code: 'no', label: msg('No') }]);
      case 'yes-no-unknown':
        return this.renderChoices([{ code: 'yes', label: msg('Yes') }, { code: 'no', label: msg('No') }, { code: 'unknown', label: msg('Unknown') }]);
      case 'single-choice':
        return this.renderChoices(question.options);
      case 'multi-choice':
        return this.renderChoices(question.options, true);
      case 'date':
      case 'number':
        return this.renderField(html`
          <input
            id="control"
            data-control
            part="control"
            type=${question.answerType}
            step=${ifDefined(question.answerType === 'number' ? 'any' : undefined)}
            inputmode=${ifDefined(question.answerType === 'number' ? 'decimal' : undefined)}
            .value=${this.value === undefined ? '' : String(this.value)}
            ?required=${question.required}
            ?disabled=${this.disabled}
            aria-invalid=${this.error ? 'true' : 'false'}
            aria-describedby=${ifDefined(this.describedBy())}
            @change=${question.answerType === 'number' ? this.onNumber : this.onText}
          />
        `);
      case 'text':
        return this.renderField(html`
          <textarea
            id="control"
            data-control
            part="control"
            rows="3"
            .value=${typeof this.value === 'string' ? this.value : ''}
            ?required=${question.required}
            ?disabled=${this.disabled}
            aria-invalid=${this.error ? 'true' : 'false'}
            aria-describedby=${ifDefined(this.describedBy())}
            @input=${this.onText}
          ></textarea>
        `);
      case 'attachment':
        return this.renderField(html`
          <input
            id="control"
            data-control
            part="control"
            type="file"
            ?required=${question.required && !this.answered}
            ?disabled=${this.disabled || !this.requestId || this.uploadProgress !== undefined}
            aria-invalid=${this.error ? 'true' : 'false'}
            aria-describedby=${ifDefined(this.describedBy())}
            @change=${this.onFile}
          />
          ${this.uploadProgress !== undefined
            ? html`<progress max="100" value=${this.uploadProgress} aria-label=${msg(str`Uploading: ${this.uploadProgress} %`)}></progress>`
            : nothing}
          ${this.answered ? html`<p class="file">${msg(str`Attached: ${this.uploadedName || String(this.value)}`)}</p>` : nothing}
        `);
    }
  }

  private renderQuestion(): TemplateResult {
    const question = this.question!;
    return html`<span lang=${ifDefined(question.textLang ?? undefined)}>${question.text}</span>${question.required
      ? html` <span class="required">${msg('(required)')}</span>`
      : nothing}`;
  }

  private renderField(control: TemplateResult): TemplateResult {
    return html`
      <div class="field">
        <label for="control" part="label">${this.renderQuestion()}</label>
        ${this.renderHelp()} ${control} ${this.renderError()}
      </div>
    `;
  }

  private renderChoices(options: { code: string; label: string }[], multiple = false): TemplateResult {
    const chosen = (code: string) => (Array.isArray(this.value) ? this.value.includes(code) : this.value === code);
    return html`
      <fieldset aria-describedby=${ifDefined(this.describedBy())} aria-invalid=${this.error ? 'true' : 'false'} ?disabled=${this.disabled}>
        <legend part="label">${this.renderQuestion()}</legend>
        ${this.renderHelp()}
        <div class="choices">
          ${options.map(
            (option, index) => html`
              <label class="choice">
                <input
                  part="control"
                  ?data-control=${index === 0}
                  type=${multiple ? 'checkbox' : 'radio'}
                  name="answer"
                  value=${option.code}
                  .checked=${chosen(option.code)}
                  @change=${(event: Event) =>
                    multiple ? this.onToggle(option.code, (event.target as HTMLInputElement).checked) : this.onChoice(option.code)}
                />
                <span>${option.label}</span>
              </label>
            `,
          )}
        </div>
        ${this.renderError()}
      </fieldset>
    `;
  }

  private renderHelp() {
    return this.question?.help ? html`<p class="help" id="help">${this.question.help}</p>` : nothing;
  }

  private renderError() {
    return this.error ? html`<p class="error" id="error" part="error">${this.error}</p>` : nothing;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'imi-answer-input': ImiAnswerInput;
  }
}
