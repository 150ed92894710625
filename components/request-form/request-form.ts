import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { localized, msg, str } from '@lit/localize';
import '../authority-search/define.js';
import { ApiError, ImiApi, isAbortError } from '../core/api.js';
import { ImiElement } from '../core/imi-element.js';
import { getLocale, locales } from '../core/localization.js';
import { formatDay, formatSize, languageName, statusLabel, today } from '../core/request-labels.js';
import type { AttachmentView, QuestionSet, RequestView } from '../core/types.js';
import type { AuthoritySelectDetail } from '../core/events.js';
import { requestFormStyles } from './request-form.styles.js';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

interface Named {
  code: string;
  name: string;
}

interface QuestionSetSummary {
  id: number;
  area: string;
  version: number;
  name: string;
  current: boolean;
}

interface Recipient {
  id: string;
  designation: string;
  country: string;
}

interface Upload {
  key: number;
  name: string;
  progress: number;
  error?: string;
}

/** The fields of the form that a validation message can point at. */
type Field =
  | 'area'
  | 'questionSet'
  | 'questions'
  | 'firstName'
  | 'lastName'
  | 'dateOfBirth'
  | 'nationality'
  | 'recipient'
  | 'replyBy'
  | 'freeText'
  | 'freeTextLang';

type FormStatus = 'loading' | 'ready' | 'error' | 'not-draft' | 'sent';

/** Field order on the page: the first invalid one in this order gets the focus. */
const fieldOrder: Field[] = ['area', 'questionSet', 'questions', 'firstName', 'lastName', 'dateOfBirth', 'nationality', 'recipient', 'replyBy', 'freeText', 'freeTextLang'];

/** The server's error paths (SPEC §6: `errors: [{path}]`) mapped to the fields of the form. */
const serverPaths: Record<string, Field> = {
  area: 'area',
  questionSetId: 'questionSet',
  questions: 'questions',
  subject: 'firstName',
  'subject.firstName': 'firstName',
  'subject.lastName': 'lastName',
  'subject.dateOfBirth': 'dateOfBirth',
  'subject.nationality': 'nationality',
  responderAuthorityId: 'recipient',
  replyBy: 'replyBy',
  freeText: 'freeText',
  freeTextLang: 'freeTextLang',
};

/** The element that gets the focus for a field, inside the shadow root. */
const controlIds: Record<Field, string> = {
  area: 'area',
  questionSet: 'question-set',
  questions: 'question-search',
  firstName: 'first-name',
  lastName: 'last-name',
  dateOfBirth: 'date-of-birth',
  nationality: 'nationality',
  recipient: 'recipient-search',
  replyBy: 'reply-by',
  freeText: 'free-text',
  freeTextLang: 'free-text-lang',
};

let uploadKeys = 0;

/**
 * @summary Creates or edits a request for information: legislative area and question set, the questions chosen by
 * group, the person concerned, the authority to ask, the requested reply date, free text in its language and
 * attachments; saves it as a draft (then autosaves it) and sends it.
 *
 * Validation: the fields needed to save (area, question set, at least one question, first and last name) and, to send,
 * the recipient are checked before calling the server; the server's field errors are shown at their fields, in the
 * user's language. The first invalid field gets the focus and a summary lists every problem. Whether a sent request goes
 * to the responding authority or first to the request coordinator for approval depends on routing, which only the
 * server knows, so the result is announced after sending.
 *
 * @event imi-request-saved - The draft was created or saved, also by autosave; `detail.request` is the draft.
 * @event imi-request-sent - The draft was sent; `detail.request` is the request in its new state.
 * @event imi-auth-required - The server answered 401: the access token is missing or expired.
 *
 * @csspart section - Each section of the form.
 * @csspart error-summary - The list of problems shown after a failed save or send.
 * @csspart actions - The row with Save draft and Send.
 * @csspart button - Each button.
 * @csspart primary-button - The Send button.
 *
 * @cssprop --imi-request-form-text-color - Text colour. Default: `--imi-sys-color-on-surface`.
 * @cssprop --imi-request-form-muted-color - Hints and secondary text. Default: `--imi-sys-color-on-surface-muted`.
 * @cssprop --imi-request-form-accent-color - Buttons, headings and checked boxes. Default: `--imi-sys-color-primary`.
 * @cssprop --imi-request-form-on-accent-color - Text on the Send button. Default: `--imi-sys-color-on-primary`.
 * @cssprop --imi-request-form-field-background - Background of the fields and buttons. Default: `--imi-sys-color-surface`.
 * @cssprop --imi-request-form-border-color - Borders of the fields and sections. Default: `--imi-sys-color-outline`.
 * @cssprop --imi-request-form-section-background - Background of the sections. Default: `--imi-sys-color-surface`.
 * @cssprop --imi-request-form-personal-background - Background of the personal-data section. Default: `--imi-sys-color-surface-variant`.
 * @cssprop --imi-request-form-error-color - Error text and borders. Default: `--imi-sys-color-error`.
 * @cssprop --imi-request-form-error-background - Background of the error summary. Default: `--imi-sys-color-error-container`.
 * @cssprop --imi-request-form-radius - Corner radius. Default: `--imi-sys-radius-small`.
 * @cssprop --imi-request-form-gap - Space between sections and fields. Default: `--imi-sys-space-4`.
 */
@localized()
export class ImiRequestForm extends ImiElement {
  static override styles = requestFormStyles;

  /** The draft to edit; empty to create a new request. Set by the form itself once a new draft is saved. */
  @property({ attribute: 'request-id' }) requestId = '';

  /** Legislative area preselected for a new request, e.g. `PQ`. */
  @property() area = '';

  /**
   * The authority to ask, preset for a new request — e.g. the one the user chose in the page's own authority search.
   * A property (`{id, designation, country}`), not an attribute.
   */
  @property({ attribute: false }) responder?: Recipient;

  /** Milliseconds of quiet after an edit before the draft is saved automatically (once it was saved once). */
  @property({ type: Number, attribute: 'autosave-delay' }) autosaveDelay = 3000;

  @state() private status: FormStatus = 'loading';
  @state() private loadError?: ApiError;
  @state() private request?: RequestView;
  @state() private areas: Named[] = [];
  @state() private countries: Named[] = [];
  @state() private questionSets: QuestionSetSummary[] = [];
  @state() private questionSetId?: number;
  /** The area the user chose, kept while its question sets load (a reload of the form must not forget it). */
  @state() private chosenArea = '';
  @state() private questionSet?: QuestionSet;
  @state() private questionSetLoading = false;
  @state() private chosen = new Set<string>();
  @state() private questionFilter = '';
  @state() private firstName = '';
  @state() private lastName = '';
  @state() private dateOfBirth = '';
  @state() private nationality = '';
  @state() private recipient?: Recipient;
  @state() private replyBy = '';
  @state() private freeText = '';
  @state() private freeTextLang = '';
  @state() private attachments: AttachmentView[] = [];
  @state() private uploads: Upload[] = [];
  @state() private errors = new Map<Field, string>();
  @state() private otherErrors: string[] = [];
  @state() private busy: 'save' | 'send' | undefined;
  @state() private savedAt?: Date;
  @state() private announcement = '';

  private loadedId = '';
  private dirty = false;
  private autosaveTimer?: ReturnType<typeof setTimeout>;
  private saving?: Promise<boolean>;
  private idempotencyKey?: string;
  private loadAbort?: AbortController;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.autosaveTimer);
    this.loadAbort?.abort();
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    if (changed.has('responder') && this.responder && !this.requestId) this.recipient = this.responder;
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    super.updated(changed);
    if (!this.isConnected || this.localePending) return;
    // Area names and question texts come in the user's language: load them again for a new locale.
    if (this.claimDataLoad() || this.requestId !== this.loadedId) {
      this.loadedId = this.requestId;
      void this.load();
    }
  }

  /** The request as last saved, or undefined before the first save. */
  get draft(): RequestView | undefined {
    return this.request;
  }

  private api(): ImiApi {
    return new ImiApi({ ...this.config, locale: getLocale() });
  }

  private async load(): Promise<void> {
    this.loadAbort?.abort();
    const abort = (this.loadAbort = new AbortController());
    const { signal } = abort;
    const api = this.api();
    this.status = 'loading';
    this.loadError = undefined;
    try {
      const [areas, countries, request] = await Promise.all([
        api.get<Page<Named>>('/legislative-areas', {}, { signal }),
        api.get<Page<Named>>('/countries', {}, { signal }),
        this.requestId ? api.get<RequestView>(`/requests/${this.requestId}`, {}, { signal }) : Promise.resolve(undefined),
      ]);
      if (signal.aborted) return;
      this.areas = areas.items.map(({ code, name }) => ({ code, name }));
      const collator = new Intl.Collator(getLocale());
      this.countries = countries.items.map(({ code, name }) => ({ code, name })).sort((a, b) => collator.compare(a.name, b.name));
      if (request && request.status !== 'DRAFT') {
        this.request = request;
        this.status = 'not-draft';
        return;
      }
      if (request && request.id !== this.request?.id) this.fill(request);
      if (!this.freeTextLang) this.freeTextLang = getLocale();
      const area = request?.area ?? (this.chosenArea || this.area || this.questionSet?.area || '');
      if (area) await this.loadQuestionSets(area, request?.questionSetId ?? this.questionSetId, signal);
      if (signal.aborted) return;
      this.status = 'ready';
    } catch (error) {
      if (isAbortError(error) || signal.aborted) return;
      this.fail(error, (failure) => {
        this.loadError = failure;
        this.status = 'error';
      });
    }
  }

  private fill(request: RequestView): void {
    this.request = request;
    this.questionSetId = request.questionSetId;
    this.chosen = new Set(request.questions.map((question) => question.code));
    this.firstName = request.subject?.firstName ?? '';
    this.lastName = request.subject?.lastName ?? '';
    this.dateOfBirth = request.subject?.dateOfBirth ?? '';
    this.nationality = request.subject?.nationality ?? '';
    this.recipient = request.responder ? { id: request.responder.id, designation: request.responder.designation, country: request.responder.country } : undefined;
    this.replyBy = request.replyBy ?? '';
    this.freeText = request.freeText?.text ?? '';
    this.freeTextLang = request.freeText?.lang ?? getLocale();
    this.attachments = (request.attachments ?? []).filter((attachment) => attachment.side === 'requester');
    this.dirty = false;
  }

  private async loadQuestionSets(area: string, keep: number | undefined, signal?: AbortSignal): Promise<void> {
    const api = this.api();
    const sets = await api.get<Page<QuestionSetSummary>>('/question-sets', { area }, { signal });
    // New requests use the current version; a draft keeps the version it was made with.
    this.questionSets = sets.items.filter((set) => set.area === area && (set.current || set.id === keep));
    const chosen = this.questionSets.find((set) => set.id === keep) ?? this.questionSets.find((set) => set.current);
    this.questionSetId = chosen?.id;
    await this.loadQuestionSet(signal);
  }

  private async loadQuestionSet(signal?: AbortSignal): Promise<void> {
    if (!this.questionSetId) {
      this.questionSet = undefined;
      return;
    }
    this.questionSetLoading = true;
    try {
      this.questionSet = await this.api().get<QuestionSet>(`/question-sets/${this.questionSetId}`, {}, { signal });
    } finally {
      this.questionSetLoading = false;
    }
  }

  /** Calls `handle` with the failure as an ApiError, after telling the host page when the user must sign in again. */
  private fail(error: unknown, handle: (failure: ApiError) => void): void {
    handle(this.apiFailure(error));
  }

  private problemText(failure: ApiError): string {
    if (failure.status === 401) return msg('Please sign in again to continue.');
    if (failure.status === 0) return msg('The server could not be reached. Check your connection and try again.');
    if (failure.status === 403) return msg('You may not do this.');
    return msg('The server refused the request.');
  }

  // ——— editing ———

  private edited(field?: Field): void {
    this.dirty = true;
    if (field && this.errors.has(field)) {
      const errors = new Map(this.errors);
      errors.delete(field);
      this.errors = errors;
    }
    if (!this.request) return;
    clearTimeout(this.autosaveTimer);
    this.autosaveTimer = setTimeout(() => void this.autosave(), this.autosaveDelay);
  }

  private async onAreaChange(event: Event): Promise<void> {
    const area = (event.target as HTMLSelectElement).value;
    this.chosenArea = area;
    this.chosen = new Set();
    this.questionSets = [];
    this.questionSet = undefined;
    this.questionSetId = undefined;
    this.edited('area');
    if (!area) return;
    try {
      await this.loadQuestionSets(area, undefined);
    } catch (error) {
      this.fail(error, (failure) => (this.otherErrors = [this.problemText(failure)]));
    }
  }

  private async onQuestionSetChange(event: Event): Promise<void> {
    this.questionSetId = Number((event.target as HTMLSelectElement).value) || undefined;
    this.chosen = new Set();
    this.edited('questionSet');
    try {
      await this.loadQuestionSet();
    } catch (error) {
      this.fail(error, (failure) => (this.otherErrors = [this.problemText(failure)]));
    }
  }

  private toggleQuestion(code: string, checked: boolean): void {
    const chosen = new Set(this.chosen);
    if (checked) chosen.add(code);
    else chosen.delete(code);
    this.chosen = chosen;
    this.edited('questions');
  }

  private onFilter(event: Event): void {
    this.questionFilter = (event.target as HTMLInputElement).value;
    const count = this.visibleQuestions().reduce((sum, group) => sum + group.questions.length, 0);
    this.announcement = msg(str`Questions shown: ${count}`);
  }

  private onText(field: 'firstName' | 'lastName' | 'dateOfBirth' | 'nationality' | 'replyBy' | 'freeText' | 'freeTextLang', event: Event): void {
    this[field] = (event.target as HTMLInputElement).value;
    this.edited(field);
  }

  private onRecipient(event: CustomEvent<AuthoritySelectDetail>): void {
    const { authority } = event.detail;
    this.recipient = { id: authority.id, designation: authority.designation, country: authority.country };
    this.edited('recipient');
  }

  private removeRecipient(): void {
    this.recipient = undefined;
    this.edited('recipient');
    this.announcement = msg('The recipient was removed.');
    this.focusField('recipient');
  }

  private visibleQuestions(): QuestionSet['groups'] {
    const groups = this.questionSet?.groups ?? [];
    const term = this.questionFilter.trim().toLocaleLowerCase(getLocale());
    if (!term) return groups;
    return groups
      .map((group) => ({
        ...group,
        questions: group.questions.filter((question) =>
          `${question.text} ${question.help ?? ''} ${group.title}`.toLocaleLowerCase(getLocale()).includes(term),
        ),
      }))
      .filter((group) => group.questions.length > 0);
  }

  // ——— validation ———

  private fieldMessage(field: Field): string {
    switch (field) {
      case 'area':
        return msg('Choose the legislative area.');
      case 'questionSet':
        return msg('Choose the question set.');
      case 'questions':
        return msg('Choose at least one question.');
      case 'firstName':
        return msg('Enter the first name.');
      case 'lastName':
        return msg('Enter the last name.');
      case 'dateOfBirth':
        return msg('Enter a valid date of birth.');
      case 'nationality':
        return msg('Choose the nationality from the list.');
      case 'recipient':
        return msg('Choose the authority to ask, in another state.');
      case 'replyBy':
        return msg('Choose a reply date after today.');
      case 'freeText':
        return msg('The text may have at most 20 000 characters.');
      case 'freeTextLang':
        return msg('Choose the language of the text.');
    }
  }

  /** The client-side checks: the fields needed to save, and for sending also the recipient and a future reply date. */
  private check(sending: boolean): Map<Field, string> {
    const missing: Field[] = [];
    if (!this.request && !this.questionSet?.area) missing.push('area');
    if (!this.questionSetId) missing.push('questionSet');
    if (!this.chosen.size) missing.push('questions');
    if (!this.firstName.trim()) missing.push('firstName');
    if (!this.lastName.trim()) missing.push('lastName');
    if (this.dateOfBirth && this.dateOfBirth > today()) missing.push('dateOfBirth');
    if (sending && !this.recipient) missing.push('recipient');
    if (sending && this.replyBy && this.replyBy <= today()) missing.push('replyBy');
    if (this.freeText.length > 20_000) missing.push('freeText');
    return new Map(missing.map((field) => [field, this.fieldMessage(field)]));
  }

  private showErrors(errors: Map<Field, string>, other: string[], focus: boolean): void {
    this.errors = errors;
    this.otherErrors = other;
    const count = errors.size + other.length;
    this.announcement = msg(str`Check the marked fields: ${count} to correct.`);
    if (focus) void this.updateComplete.then(() => this.focusFirstInvalid());
  }

  private focusFirstInvalid(): void {
    const first = fieldOrder.find((field) => this.errors.has(field));
    if (first) this.focusField(first);
    else this.renderRoot.querySelector<HTMLElement>('.summary')?.focus();
  }

  private focusField(field: Field): void {
    const control = this.renderRoot.querySelector<HTMLElement>(`#${controlIds[field]}`);
    if (control instanceof HTMLElement && control.localName === 'imi-authority-search') {
      control.shadowRoot?.querySelector<HTMLInputElement>('input[role="combobox"]')?.focus();
    } else if (field === 'questions') {
      this.renderRoot.querySelector<HTMLInputElement>('.question input[type="checkbox"]')?.focus();
    } else control?.focus();
  }

  private serverErrors(failure: ApiError): { fields: Map<Field, string>; other: string[] } {
    const fields = new Map<Field, string>();
    const other: string[] = [];
    for (const error of failure.errors ?? []) {
      const field = serverPaths[error.path] ?? serverPaths[error.path.replace(/\.\d+$/, '')];
      if (field) fields.set(field, this.fieldMessage(field));
      else other.push(error.message);
    }
    if (!fields.size && !other.length) other.push(failure.detail ?? failure.title);
    return { fields, other };
  }

  // ——— saving and sending ———

  private body() {
    const order = (this.questionSet?.groups ?? []).flatMap((group) => group.questions.map((question) => question.code));
    const questions = [...this.chosen].sort((a, b) => order.indexOf(a) - order.indexOf(b));
    const text = this.freeText.trim();
    return {
      questions,
      subject: {
        firstName: this.firstName.trim(),
        lastName: this.lastName.trim(),
        ...(this.dateOfBirth ? { dateOfBirth: this.dateOfBirth } : {}),
        ...(this.nationality ? { nationality: this.nationality } : {}),
      },
      responderAuthorityId: this.recipient?.id ?? null,
      replyBy: this.replyBy || null,
      freeText: text || null,
      freeTextLang: text ? this.freeTextLang || getLocale() : null,
    };
  }

  /** Saves the draft now (creating it the first time); resolves to whether it was saved. */
  async save(): Promise<boolean> {
    return this.persist({ quiet: false });
  }

  private async autosave(): Promise<void> {
    if (!this.dirty || !this.request || this.status !== 'ready') return;
    await this.persist({ quiet: true });
  }

  private async persist({ quiet, sending = false }: { quiet: boolean; sending?: boolean }): Promise<boolean> {
    clearTimeout(this.autosaveTimer);
    // One save at a time: a save asked for while another runs waits for it, then saves what changed since.
    while (this.saving) await this.saving;
    const errors = this.check(sending);
    if (errors.size) {
      if (!quiet) this.showErrors(errors, [], true);
      else this.announcement = msg('The draft was not saved automatically: some required fields are empty.');
      return false;
    }
    if (this.request && !this.dirty) return true;
    this.saving = this.write(quiet);
    try {
      return await this.saving;
    } finally {
      this.saving = undefined;
    }
  }

  private async write(quiet: boolean): Promise<boolean> {
    const api = this.api();
    this.busy ??= 'save';
    this.dirty = false;
    try {
      let request: RequestView;
      if (this.request) {
        request = await api.patch<RequestView>(`/requests/${this.request.id}`, { version: this.request.version, ...this.body() });
      } else {
        this.idempotencyKey ??= crypto.randomUUID();
        request = await api.post<RequestView>(
          '/requests',
          { area: this.questionSet!.area, questionSetId: this.questionSetId, ...this.body() },
          { headers: { 'Idempotency-Key': this.idempotencyKey } },
        );
        this.idempotencyKey = undefined;
      }
      this.request = request;
      this.requestId = request.id;
      this.loadedId = request.id;
      this.attachments = (request.attachments ?? []).filter((attachment) => attachment.side === 'requester');
      this.savedAt = new Date();
      this.errors = new Map();
      this.otherErrors = [];
      this.announcement = quiet ? msg('Draft saved automatically.') : msg('Draft saved.');
      this.emit('imi-request-saved', { request });
      return true;
    } catch (error) {
      this.dirty = true;
      this.fail(error, (failure) => {
        if (failure.status === 409 && this.request) {
          void this.reloadAfterConflict();
        } else if (failure.status === 400) {
          const { fields, other } = this.serverErrors(failure);
          this.showErrors(fields, other, !quiet);
        } else {
          this.otherErrors = [this.problemText(failure)];
          this.announcement = this.problemText(failure);
        }
      });
      return false;
    } finally {
      this.busy = this.busy === 'save' ? undefined : this.busy;
    }
  }

  private async reloadAfterConflict(): Promise<void> {
    const id = this.request!.id;
    try {
      const request = await this.api().get<RequestView>(`/requests/${id}`);
      if (request.status !== 'DRAFT') {
        this.request = request;
        this.status = 'not-draft';
      } else {
        this.fill(request);
        await this.loadQuestionSets(request.area, request.questionSetId);
      }
      this.otherErrors = [msg('Someone else changed this draft in the meantime. The latest version is shown: make your changes again.')];
      this.announcement = this.otherErrors[0];
    } catch (error) {
      this.fail(error, (failure) => (this.otherErrors = [this.problemText(failure)]));
    }
  }

  /** Saves the draft and sends it; resolves to whether it was sent. */
  async send(): Promise<boolean> {
    this.busy = 'send';
    try {
      const errors = this.check(true);
      if (errors.size) {
        this.showErrors(errors, [], true);
        return false;
      }
      if (!(await this.persist({ quiet: false, sending: true }))) return false;
      const draft = this.request!;
      const request = await this.api().post<RequestView>(`/requests/${draft.id}/send`, { version: draft.version });
      this.request = request;
      this.status = 'sent';
      this.announcement = this.sentText(request);
      this.emit('imi-request-sent', { request });
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.sent')?.focus());
      return true;
    } catch (error) {
      this.fail(error, (failure) => {
        if (failure.status === 409) void this.reloadAfterConflict();
        else if (failure.status === 400) {
          const { fields, other } = this.serverErrors(failure);
          this.showErrors(fields, other, true);
        } else {
          this.otherErrors = [this.problemText(failure)];
          this.announcement = this.otherErrors[0];
        }
      });
      return false;
    } finally {
      this.busy = undefined;
    }
  }

  private sentText(request: RequestView): string {
    const status = statusLabel(request.status);
    if (request.status === 'AWAITING_APPROVAL') {
      return msg(str`Request ${request.caseNumber} was sent to your request coordinator for approval. Status: ${status}.`);
    }
    return msg(str`Request ${request.caseNumber} was sent to the responding authority. Status: ${status}.`);
  }

  private async onFiles(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = '';
    if (!files.length) return;
    // Files belong to a request: a new one is saved first.
    if (!this.request && !(await this.persist({ quiet: false }))) return;
    await Promise.all(files.map((file) => this.upload(file)));
  }

  private async upload(file: File): Promise<void> {
    const upload: Upload = { key: ++uploadKeys, name: file.name, progress: 0 };
    this.uploads = [...this.uploads, upload];
    const update = (changes: Partial<Upload>) => {
      this.uploads = this.uploads.map((item) => (item.key === upload.key ? { ...item, ...changes } : item));
    };
    this.announcement = msg(str`Uploading ${file.name}…`);
    try {
      const attachment = await this.api().upload<AttachmentView>(`/requests/${this.request!.id}/attachments`, { name: file.name }, file, {
        onProgress: (loaded, total) => update({ progress: total ? Math.round((loaded / total) * 100) : 0 }),
      });
      this.uploads = this.uploads.filter((item) => item.key !== upload.key);
      this.attachments = [...this.attachments, attachment];
      this.announcement = msg(str`${attachment.name} was attached.`);
    } catch (error) {
      this.fail(error, (failure) => {
        const text = failure.status === 400 || failure.status === 413 || failure.status === 415 ? failure.detail ?? failure.title : this.problemText(failure);
        update({ error: msg(str`${file.name} could not be attached: ${text}`) });
        this.announcement = msg(str`${file.name} could not be attached: ${text}`);
      });
    }
  }

  private dismissUpload(key: number): void {
    this.uploads = this.uploads.filter((item) => item.key !== key);
  }

  // ——— rendering ———

  protected override render() {
    return html`
      ${this.renderBody()}
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
    `;
  }

  private renderBody(): TemplateResult {
    switch (this.status) {
      case 'loading':
        return html`<p class="state" aria-busy="true">${msg('Loading the form…')}</p>`;
      case 'error':
        return html`
          <div class="problem" role="alert">
            <p class="title">${this.problemText(this.loadError!)}</p>
            ${this.loadError!.status > 0 && this.loadError!.status !== 401 && this.loadError!.detail ? html`<p>${this.loadError!.detail}</p>` : nothing}
            <button type="button" part="button" @click=${() => void this.load()}>${msg('Retry')}</button>
          </div>
        `;
      case 'not-draft':
        return html`<p class="state">${msg(str`Request ${this.request!.caseNumber} is no longer a draft (${statusLabel(this.request!.status)}) and cannot be edited here.`)}</p>`;
      case 'sent':
        return html`<div class="sent" tabindex="-1"><p>${this.sentText(this.request!)}</p></div>`;
      case 'ready':
        return this.renderForm();
    }
  }

  private renderForm(): TemplateResult {
    const sending = this.busy === 'send';
    return html`
      <form novalidate @submit=${(event: Event) => event.preventDefault()} aria-busy=${this.busy ? 'true' : 'false'}>
        ${this.renderSummary()} ${this.renderAreaSection()} ${this.renderQuestions()} ${this.renderSubject()} ${this.renderRecipient()}
        ${this.renderReplyAndText()} ${this.renderAttachments()}
        <div class="actions" part="actions">
          <button type="button" part="button" ?disabled=${Boolean(this.busy)} @click=${() => void this.save()}>${msg('Save draft')}</button>
          <button type="button" class="primary" part="button primary-button" ?disabled=${Boolean(this.busy)} @click=${() => void this.send()}>
            ${sending ? msg('Sending…') : msg('Send')}
          </button>
          <p class="saved">
            ${this.request ? msg(str`Draft ${this.request.caseNumber}`) : nothing}
            ${this.savedAt
              ? html` · ${msg(str`saved at ${new Intl.DateTimeFormat(getLocale(), { timeStyle: 'short' }).format(this.savedAt)}`)}`
              : nothing}
          </p>
        </div>
      </form>
    `;
  }

  private renderSummary() {
    if (!this.errors.size && !this.otherErrors.length) return nothing;
    const fields = fieldOrder.filter((field) => this.errors.has(field));
    return html`
      <div class="summary" part="error-summary" tabindex="-1" role="alert" aria-labelledby="summary-title">
        <h2 id="summary-title">${msg('There is a problem')}</h2>
        <ul>
          ${fields.map(
            (field) => html`<li>
              <a href="#${controlIds[field]}" @click=${(event: Event) => {
                event.preventDefault();
                this.focusField(field);
              }}>${this.errors.get(field)}</a>
            </li>`,
          )}
          ${this.otherErrors.map((text) => html`<li>${text}</li>`)}
        </ul>
      </div>
    `;
  }

  private error(field: Field) {
    const text = this.errors.get(field);
    return text ? html`<p class="error" id="${controlIds[field]}-error">${text}</p>` : nothing;
  }

  private describedBy(field: Field, ...hints: string[]): string | undefined {
    return [...hints, this.errors.has(field) ? `${controlIds[field]}-error` : ''].filter(Boolean).join(' ') || undefined;
  }

  private invalid(field: Field): 'true' | 'false' {
    return this.errors.has(field) ? 'true' : 'false';
  }

  private renderAreaSection(): TemplateResult {
    const area = this.questionSet?.area ?? this.request?.area ?? (this.chosenArea || this.area);
    const locked = Boolean(this.request);
    return html`
      <section part="section" aria-labelledby="area-title">
        <h2 id="area-title">${msg('Legislative area and questions')}</h2>
        <div class="row">
          <div class="field">
            <label for="area">${msg('Legislative area')}</label>
            <select
              id="area"
              ?disabled=${locked}
              aria-invalid=${this.invalid('area')}
              aria-describedby=${ifDefined(this.describedBy('area'))}
              @change=${this.onAreaChange}
            >
              <option value="" ?selected=${!area}>${msg('Choose…')}</option>
              ${this.areas.map((item) => html`<option value=${item.code} ?selected=${item.code === area}>${item.name}</option>`)}
            </select>
            ${this.error('area')}
          </div>
          <div class="field">
            <label for="question-set">${msg('Question set')}</label>
            <select
              id="question-set"
              ?disabled=${locked || !this.questionSets.length}
              aria-invalid=${this.invalid('questionSet')}
              aria-describedby=${ifDefined(this.describedBy('questionSet'))}
              @change=${this.onQuestionSetChange}
            >
              ${this.questionSetId ? nothing : html`<option value="" selected>${msg('Choose…')}</option>`}
              ${this.questionSets.map(
                (set) => html`<option value=${set.id} ?selected=${set.id === this.questionSetId}>
                  ${msg(str`${set.name} (version ${set.version})`)}
                </option>`,
              )}
            </select>
            ${this.error('questionSet')}
          </div>
        </div>
      </section>
    `;
  }

  private renderQuestions(): TemplateResult {
    if (this.questionSetLoading) return html`<p class="state" aria-busy="true">${msg('Loading the questions…')}</p>`;
    if (!this.questionSet) return html`<p class="state">${msg('Choose a legislative area to see its questions.')}</p>`;
    const groups = this.visibleQuestions();
    const count = new Intl.NumberFormat(getLocale()).format(this.chosen.size);
    return html`
      <section part="section" aria-labelledby="questions-title">
        <h2 id="questions-title">${msg('Questions to ask')}</h2>
        <p class="hint" id="questions-count">${msg(str`Questions chosen: ${count}`)}</p>
        <div class="field">
          <label for="question-search">${msg('Find questions in this set')}</label>
          <input id="question-search" type="search" autocomplete="off" .value=${live(this.questionFilter)} @input=${this.onFilter} />
        </div>
        ${this.error('questions')}
        ${groups.length
          ? repeat(
              groups,
              (group) => group.code,
              (group) => html`
                <fieldset
                  class="group"
                  aria-invalid=${this.invalid('questions')}
                  aria-describedby=${ifDefined(this.describedBy('questions', 'questions-count'))}
                >
                  <legend>${group.title}</legend>
                  ${group.questions.map(
                    (question) => html`
                      <div class="question">
                        <input
                          type="checkbox"
                          id="q-${question.code}"
                          .checked=${live(this.chosen.has(question.code))}
                          @change=${(event: Event) => this.toggleQuestion(question.code, (event.target as HTMLInputElement).checked)}
                        />
                        <label for="q-${question.code}">
                          <span lang=${question.textLang}>${question.text}</span>
                          ${question.personal ? html`<span class="tag">${msg('personal data')}</span>` : nothing}
                        </label>
                      </div>
                    `,
                  )}
                </fieldset>
              `,
            )
          : html`<p class="state">${msg(str`No question matches “${this.questionFilter}”.`)}</p>`}
      </section>
    `;
  }

  private renderSubject(): TemplateResult {
    const text = (field: 'firstName' | 'lastName', label: string, autocomplete: string) => html`
      <div class="field">
        <label for=${controlIds[field]}>${label} <span class="required">${msg('(required)')}</span></label>
        <input
          id=${controlIds[field]}
          type="text"
          autocomplete=${autocomplete}
          spellcheck="false"
          required
          aria-invalid=${this.invalid(field)}
          aria-describedby=${ifDefined(this.describedBy(field))}
          .value=${live(this[field])}
          @input=${(event: Event) => this.onText(field, event)}
        />
        ${this.error(field)}
      </div>
    `;
    return html`
      <fieldset class="personal" part="section" aria-describedby="personal-hint">
        <legend>${msg('The person concerned (personal data)')}</legend>
        <p class="hint" id="personal-hint">
          ${msg('Personal data: the responding authority sees them only once it accepts the request.')}
        </p>
        <div class="row">
          ${text('firstName', msg('First name'), 'off')} ${text('lastName', msg('Last name'), 'off')}
        </div>
        <div class="row">
          <div class="field">
            <label for="date-of-birth">${msg('Date of birth')}</label>
            <input
              id="date-of-birth"
              type="date"
              max=${today()}
              aria-invalid=${this.invalid('dateOfBirth')}
              aria-describedby=${ifDefined(this.describedBy('dateOfBirth'))}
              .value=${live(this.dateOfBirth)}
              @change=${(event: Event) => this.onText('dateOfBirth', event)}
            />
            ${this.error('dateOfBirth')}
          </div>
          <div class="field">
            <label for="nationality">${msg('Nationality')}</label>
            <select
              id="nationality"
              aria-invalid=${this.invalid('nationality')}
              aria-describedby=${ifDefined(this.describedBy('nationality'))}
              @change=${(event: Event) => this.onText('nationality', event)}
            >
              <option value="" ?selected=${!this.nationality}>${msg('Not given')}</option>
              ${this.countries.map((country) => html`<option value=${country.code} ?selected=${country.code === this.nationality}>${country.name}</option>`)}
            </select>
            ${this.error('nationality')}
          </div>
        </div>
      </fieldset>
    `;
  }

  private renderRecipient(): TemplateResult {
    return html`
      <section part="section" aria-labelledby="recipient-title">
        <h2 id="recipient-title">${msg('Authority to ask')}</h2>
        ${this.recipient
          ? html`<p class="chosen" id="recipient-chosen">
              ${msg(str`Chosen: ${this.recipient.designation}`)}
              <button type="button" part="button" class="small" @click=${this.removeRecipient}>${msg('Remove the recipient')}</button>
            </p>`
          : html`<p class="hint">${msg('Required to send; the draft can be saved without it.')}</p>`}
        <imi-authority-search
          id="recipient-search"
          area=${ifDefined(this.questionSet?.area ?? (this.area || undefined))}
          label=${this.recipient ? msg('Choose another authority') : msg('Find the authority to ask')}
          aria-describedby=${ifDefined(this.describedBy('recipient'))}
          @imi-authority-select=${this.onRecipient}
        ></imi-authority-search>
        ${this.error('recipient')}
      </section>
    `;
  }

  private renderReplyAndText(): TemplateResult {
    return html`
      <section part="section" aria-labelledby="details-title">
        <h2 id="details-title">${msg('Reply date and further information')}</h2>
        <div class="field">
          <label for="reply-by">${msg('Reply requested by')}</label>
          <p class="hint" id="reply-by-hint">${msg('Leave empty for the usual reply period of the legislative area.')}</p>
          <input
            id="reply-by"
            type="date"
            min=${today()}
            aria-invalid=${this.invalid('replyBy')}
            aria-describedby=${ifDefined(this.describedBy('replyBy', 'reply-by-hint'))}
            .value=${live(this.replyBy)}
            @change=${(event: Event) => this.onText('replyBy', event)}
          />
          ${this.replyBy ? html`<p class="hint">${formatDay(this.replyBy)}</p>` : nothing} ${this.error('replyBy')}
        </div>
        <div class="field">
          <label for="free-text">${msg('Free text')}</label>
          <textarea
            id="free-text"
            rows="5"
            maxlength="20000"
            lang=${ifDefined(this.freeText ? this.freeTextLang || undefined : undefined)}
            aria-invalid=${this.invalid('freeText')}
            aria-describedby=${ifDefined(this.describedBy('freeText'))}
            .value=${live(this.freeText)}
            @input=${(event: Event) => this.onText('freeText', event)}
          ></textarea>
          ${this.error('freeText')}
        </div>
        <div class="field narrow">
          <label for="free-text-lang">${msg('Language of the free text')}</label>
          <select
            id="free-text-lang"
            aria-invalid=${this.invalid('freeTextLang')}
            aria-describedby=${ifDefined(this.describedBy('freeTextLang'))}
            @change=${(event: Event) => this.onText('freeTextLang', event)}
          >
            ${locales.map((code) => html`<option value=${code} ?selected=${code === this.freeTextLang}>${languageName(code)}</option>`)}
          </select>
          ${this.error('freeTextLang')}
        </div>
      </section>
    `;
  }

  private renderAttachments(): TemplateResult {
    return html`
      <section part="section" aria-labelledby="attachments-title">
        <h2 id="attachments-title">${msg('Attachments')}</h2>
        <div class="field">
          <label for="files">${msg('Add files')}</label>
          <p class="hint" id="files-hint">
            ${msg('PDF, images or office documents. They go to the responding authority once it accepts the request.')}
            ${this.request ? nothing : msg('The draft is saved first.')}
          </p>
          <input id="files" type="file" multiple aria-describedby="files-hint" ?disabled=${Boolean(this.busy)} @change=${this.onFiles} />
        </div>
        ${this.attachments.length || this.uploads.length
          ? html`<ul class="files">
              ${this.attachments.map((attachment) => html`<li>${attachment.name} <span class="hint">${formatSize(attachment.size)}</span></li>`)}
              ${this.uploads.map(
                (upload) => html`<li>
                  ${upload.error
                    ? html`<span class="error">${upload.error}</span>
                        <button type="button" part="button" class="small" @click=${() => this.dismissUpload(upload.key)}>${msg('Dismiss')}</button>`
                    : html`<label for="upload-${upload.key}">${msg(str`Uploading ${upload.name}`)}</label>
                        <progress id="upload-${upload.key}" max="100" value=${upload.progress}>${upload.progress} %</progress>`}
                </li>`,
              )}
            </ul>`
          : html`<p class="hint">${msg('No files attached.')}</p>`}
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'imi-request-form': ImiRequestForm;
  }
}
