import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { localized, msg, str } from '@lit/localize';
import '../authority-search/define.js';
import { ApiError, ImiApi, isAbortError } from '../core/api.js';
import type { AuthoritySelectDetail } from '../core/events.js';
import { ImiElement } from '../core/imi-element.js';
import { getLocale, locales } from '../core/localization.js';
import { actionLabel, formatDay, formatMoment, formatSize, languageName, statusLabel, stepLabel } from '../core/request-labels.js';
import type { AttachmentView, RequestAction, RequestView, TimelineItem } from '../core/types.js';
import type { AnswerValue, ImiAnswerInput } from '../request-form/answer-input.js';
import { requestViewStyles } from './request-view.styles.js';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

type ViewStatus = 'empty' | 'loading' | 'ready' | 'error';

/** A text the server can machine-translate: the free text, the reply text, or the text of a timeline step. */
type TranslatableText = { field: 'freeText' | 'replyText' } | { field: 'event'; eventId: string };

interface TranslationResult {
  original: { text: string; lang: string | null };
  translation: { text: string; lang: string; machine: true; provider: string };
}

/** A machine translation as the user asked for it, per text (`freeText`, `replyText`, `event:<id>`). */
type TranslationState = { status: 'loading' } | { status: 'done'; result: TranslationResult } | { status: 'error'; message: string };
type Question = RequestView['questions'][number];

/** The fields of the action forms that a validation message can point at. */
type ActionField = 'days' | 'replyBy' | 'toAuthorityId' | 'comment' | 'questions' | 'text' | 'reason' | 'outcome' | 'rating' | 'userIds' | 'freeText' | 'answers';

/** What the user entered in the open action form. */
interface ActionDraft {
  days: string;
  replyBy: string;
  comment: string;
  text: string;
  lang: string;
  reason: string;
  outcome: '' | 'reply-stands' | 'reply-again';
  timeliness: '' | 'positive' | 'negative';
  effort: '' | 'positive' | 'negative';
  userIds: string;
  questions: Set<string>;
  authority?: { id: string; designation: string };
}

const textActions = new Set<RequestAction>(['request-clarification', 'answer-clarification', 'refer', 'message', 'resolve-referral']);
const reasonActions = new Set<RequestAction>(['withdraw', 'reject-approval']);
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function emptyDraft(): ActionDraft {
  return {
    days: '', replyBy: '', comment: '', text: '', lang: getLocale(), reason: '', outcome: '', timeliness: '', effort: '', userIds: '', questions: new Set(),
  };
}

/**
 * @summary One request as the user may see it: its header (case number, status, dates, parties), the questions and
 * answers in the user's language, the free texts in their original language, the timeline with its messages, the
 * attachments, linked requests, and a button for each action the server allows the user, with the small form it needs.
 *
 * Where the server has a machine-translation provider, a text in another language than the page's offers a button
 * that shows its machine translation beneath the original, which stays visible with its language (SPEC §5.5).
 *
 * Personal data the user may not see yet are named by the server in `redacted`; the view explains why they are hidden.
 * When someone else changed the request meanwhile (409), the view reloads it and says so.
 *
 * @event imi-request-action - An action was taken; `detail.action` is its name, `detail.request` the request in its new
 * state (for `reuse`, the new draft).
 * @event imi-request-open - The user chose a linked request (the parent or a split child); `detail.id` is its id.
 * @event imi-auth-required - The server answered 401: the access token is missing or expired.
 *
 * @csspart header - The case number, status, dates and parties.
 * @csspart section - Each section (person concerned, questions, texts, attachments, timeline, linked requests).
 * @csspart actions - The row of action buttons.
 * @csspart action-form - The form of the chosen action.
 * @csspart button - Each button.
 * @csspart notice - The message shown after an action or a conflict.
 *
 * @cssprop --imi-request-view-text-color - Text colour. Default: `--imi-sys-color-on-surface`.
 * @cssprop --imi-request-view-muted-color - Labels, hints and times. Default: `--imi-sys-color-on-surface-muted`.
 * @cssprop --imi-request-view-accent-color - Headings, buttons and links. Default: `--imi-sys-color-primary`.
 * @cssprop --imi-request-view-on-accent-color - Text on the submit buttons. Default: `--imi-sys-color-on-primary`.
 * @cssprop --imi-request-view-field-background - Background of the fields and buttons. Default: `--imi-sys-color-surface`.
 * @cssprop --imi-request-view-border-color - Borders of fields, sections and the timeline. Default: `--imi-sys-color-outline`.
 * @cssprop --imi-request-view-section-background - Background of the sections. Default: `--imi-sys-color-surface`.
 * @cssprop --imi-request-view-status-background - Background of the status badge and the action form. Default: `--imi-sys-color-primary-container`.
 * @cssprop --imi-request-view-redacted-background - Background of hidden personal data. Default: `--imi-sys-color-surface-variant`.
 * @cssprop --imi-request-view-error-color - Error text and borders. Default: `--imi-sys-color-error`.
 * @cssprop --imi-request-view-error-background - Background of errors. Default: `--imi-sys-color-error-container`.
 * @cssprop --imi-request-view-radius - Corner radius. Default: `--imi-sys-radius-small`.
 * @cssprop --imi-request-view-gap - Space between sections. Default: `--imi-sys-space-4`.
 */
@localized()
export class ImiRequestView extends ImiElement {
  static override styles = requestViewStyles;

  /** The id of the request to show. */
  @property({ attribute: 'request-id' }) requestId = '';

  @state() private status: ViewStatus = 'empty';
  @state() private loadError?: ApiError;
  @state() private request?: RequestView;
  @state() private timeline: TimelineItem[] = [];
  @state() private timelineError?: ApiError;
  @state() private openAction?: RequestAction;
  @state() private draft: ActionDraft = emptyDraft();
  @state() private errors = new Map<ActionField, string>();
  @state() private answerErrors = new Map<string, string>();
  @state() private formProblem = '';
  @state() private busy = false;
  @state() private notice = '';
  @state() private announcement = '';
  /** Whether the server can machine-translate free texts (asked at each load). */
  @state() private machineTranslation = false;
  @state() private translations = new Map<string, TranslationState>();

  private loadedId?: string;
  private loadAbort?: AbortController;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.loadAbort?.abort();
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    super.updated(changed);
    if (!this.isConnected || this.localePending) return;
    const otherRequest = this.requestId !== this.loadedId;
    // Question texts, option labels and authority designations come in the user's language.
    if (this.claimDataLoad() || otherRequest) {
      if (otherRequest) this.closeAction();
      this.loadedId = this.requestId;
      void this.load();
    }
  }

  private api(): ImiApi {
    return new ImiApi({ ...this.config, locale: getLocale() });
  }

  /** Loads the request and its timeline again. */
  async load(): Promise<void> {
    this.loadAbort?.abort();
    if (!this.requestId) {
      this.status = 'empty';
      this.request = undefined;
      return;
    }
    const abort = (this.loadAbort = new AbortController());
    const { signal } = abort;
    if (!this.request || this.request.id !== this.requestId) {
      this.status = 'loading';
      this.translations = new Map();
    }
    this.loadError = undefined;
    const api = this.api();
    const [request, timeline, translation] = await Promise.allSettled([
      api.get<RequestView>(`/requests/${this.requestId}`, {}, { signal }),
      api.get<Page<TimelineItem>>(`/requests/${this.requestId}/timeline`, {}, { signal }),
      api.get<{ available: boolean }>('/machine-translation', {}, { signal }),
    ]);
    if (signal.aborted) return;
    // A server that does not answer the question has no translation to offer: the button stays away.
    this.machineTranslation = translation.status === 'fulfilled' && translation.value.available === true;
    if (request.status === 'rejected') {
      if (isAbortError(request.reason)) return;
      this.fail(request.reason, (failure) => {
        this.loadError = failure;
        this.status = 'error';
      });
      return;
    }
    this.request = request.value;
    if (timeline.status === 'fulfilled') {
      this.timeline = timeline.value.items;
      this.timelineError = undefined;
    } else if (!isAbortError(timeline.reason)) {
      this.fail(timeline.reason, (failure) => (this.timelineError = failure));
    }
    this.status = 'ready';
  }

  /** Asks the server for the machine translation of a text into the page's language; the view stays usable if it fails. */
  private async requestTranslation(key: string, text: TranslatableText): Promise<void> {
    const requestId = this.requestId;
    this.setTranslation(key, { status: 'loading' });
    try {
      const result = await this.api().post<TranslationResult>(`/requests/${requestId}/translations`, { ...text, to: getLocale() });
      if (requestId === this.requestId) this.setTranslation(key, { status: 'done', result });
    } catch (error) {
      if (isAbortError(error) || requestId !== this.requestId) return;
      const failure = this.apiFailure(error);
      const message = failure.status === 503 || failure.status === 504 || failure.status === 404
        ? msg('The translation service is not available at the moment. The original text is shown; try again later.')
        : this.problemText(failure);
      this.setTranslation(key, { status: 'error', message });
    }
  }

  private setTranslation(key: string, state: TranslationState): void {
    this.translations = new Map(this.translations).set(key, state);
  }

  /**
   * The translate button of a text, or its machine translation marked as such, or why it failed. Nothing where the
   * server offers no translation or the text is already in the page's language. `showLanguage` names the original's
   * language with the translation, where the original does not say it already (timeline steps).
   */
  private renderTranslation(key: string, text: { lang: string | null }, source: TranslatableText, showLanguage = false) {
    const to = getLocale();
    if (!this.machineTranslation || text.lang === to) return nothing;
    const state = this.translations.get(key);
    if (state?.status === 'done') {
      const { translation } = state.result;
      return html`<div class="translation" role="group" aria-label=${msg('Machine translation')}>
        <p class="hint"><span class="tag">${msg('Machine translation')}</span>
          ${showLanguage && text.lang ? msg(str`Original language: ${languageName(text.lang)}`) : nothing}</p>
        <p class="translated" lang=${translation.lang}>${translation.text}</p>
      </div>`;
    }
    return html`<div class="translate">
      <button type="button" part="button" data-translate=${key} ?disabled=${state?.status === 'loading'} aria-busy=${state?.status === 'loading' ? 'true' : 'false'}
        @click=${() => void this.requestTranslation(key, source)}>${state?.status === 'loading' ? msg('Translating…') : msg(str`Translate into ${languageName(to)}`)}</button>
      ${state?.status === 'error' ? html`<p class="translate-error" role="alert">${state.message}</p>` : nothing}
    </div>`;
  }

  private fail(error: unknown, handle: (failure: ApiError) => void): void {
    handle(this.apiFailure(error));
  }

  private problemText(failure: ApiError): string {
    if (failure.status === 401) return msg('Please sign in again to continue.');
    if (failure.status === 0) return msg('The server could not be reached. Check your connection and try again.');
    if (failure.status === 403) return msg('You may not do this.');
    if (failure.status === 404) return msg('This request does not exist or is not visible to you.');
    return msg('The server refused the request.');
  }

  // ——— actions ———

  private openForm(action: RequestAction): void {
    this.openAction = action;
    this.draft = emptyDraft();
    this.errors = new Map();
    this.answerErrors = new Map();
    this.formProblem = '';
    this.notice = '';
    void this.updateComplete.then(() => {
      const form = this.renderRoot.querySelector('.action-form');
      const first = form?.querySelector<HTMLElement>('input, select, textarea, imi-answer-input, button[type="submit"]');
      if (first?.localName === 'imi-authority-search') return;
      // As Tab does, a radio group takes the focus on its checked radio (each rating scale starts on “No rating”).
      const group = first instanceof HTMLInputElement && first.type === 'radio' ? first.name : undefined;
      const checked = group ? form?.querySelector<HTMLElement>(`input[type="radio"][name="${group}"]:checked`) : null;
      (checked ?? first)?.focus();
    });
  }

  private closeAction(): void {
    const action = this.openAction;
    this.openAction = undefined;
    this.errors = new Map();
    this.answerErrors = new Map();
    this.formProblem = '';
    if (action) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`[data-action="${action}"]`)?.focus());
  }

  private onFormKeyDown(event: KeyboardEvent): void {
    if (event.key !== 'Escape') return;
    // The authority search uses Escape itself to close its results.
    if (event.composedPath().some((target) => (target as Element).localName === 'imi-authority-search')) return;
    event.preventDefault();
    this.closeAction();
  }

  private setDraft<K extends keyof ActionDraft>(key: K, value: ActionDraft[K], field?: ActionField): void {
    this.draft = { ...this.draft, [key]: value };
    if (field && this.errors.has(field)) {
      const errors = new Map(this.errors);
      errors.delete(field);
      this.errors = errors;
    }
  }

  private fieldMessage(field: ActionField): string {
    switch (field) {
      case 'days':
        return msg('Enter a whole number of days from 1 to 365.');
      case 'replyBy':
        return msg('Choose a date after today.');
      case 'toAuthorityId':
        return msg('Choose the authority.');
      case 'comment':
        return msg('The comment may have at most 20 000 characters.');
      case 'questions':
        return msg('Choose at least one question.');
      case 'text':
        return msg('Enter the text.');
      case 'reason':
        return msg('Give the reason.');
      case 'outcome':
        return msg('Choose the outcome.');
      case 'rating':
        return msg('Rate both timeliness and effort, or neither.');
      case 'userIds':
        return msg('Enter one or more user ids, separated by commas or spaces.');
      case 'freeText':
        return msg('The text may have at most 20 000 characters.');
      case 'answers':
        return msg('Answer every required question.');
    }
  }

  /** The body of the open action besides the version, or the fields to correct. */
  private actionBody(action: RequestAction): { body: Record<string, unknown>; errors: Map<ActionField, string> } {
    const d = this.draft;
    const missing: ActionField[] = [];
    const body: Record<string, unknown> = {};
    switch (action) {
      case 'accept':
        if (d.days && d.replyBy) {
          return { body, errors: new Map([['days', msg('Give either a number of days or a date, not both.')]]) };
        } else if (d.days) {
          const days = Number(d.days);
          if (!Number.isInteger(days) || days < 1 || days > 365) missing.push('days');
          else body.days = days;
        } else if (d.replyBy) body.replyBy = d.replyBy;
        break;
      case 'forward':
        if (!d.authority) missing.push('toAuthorityId');
        else body.toAuthorityId = d.authority.id;
        if (d.comment.trim()) body.comment = d.comment.trim();
        break;
      case 'split':
        if (!d.questions.size) missing.push('questions');
        if (!d.authority) missing.push('toAuthorityId');
        body.questions = this.request!.questions.map((question) => question.code).filter((code) => d.questions.has(code));
        if (d.authority) body.toAuthorityId = d.authority.id;
        break;
      case 'reply': {
        const inputs = [...this.renderRoot.querySelectorAll<ImiAnswerInput>('imi-answer-input')];
        const answers: { question: string; value: AnswerValue }[] = [];
        const answerErrors = new Map<string, string>();
        for (const input of inputs) {
          if (input.answered) answers.push({ question: input.question!.code, value: input.value! });
          else if (input.question?.required) answerErrors.set(input.question.code, msg('Answer this question.'));
        }
        this.answerErrors = answerErrors;
        if (answerErrors.size) missing.push('answers');
        body.answers = answers;
        if (d.text.trim()) {
          body.freeText = d.text.trim();
          body.freeTextLang = d.lang;
        }
        break;
      }
      case 'close':
        if (Boolean(d.timeliness) !== Boolean(d.effort)) missing.push('rating');
        else if (d.timeliness && d.effort) body.rating = { timeliness: d.timeliness, effort: d.effort };
        break;
      case 'allocate': {
        const ids = d.userIds.split(/[\s,;]+/).filter(Boolean);
        if (!ids.length || ids.some((id) => !uuid.test(id))) missing.push('userIds');
        body.userIds = ids;
        break;
      }
      default:
        if (reasonActions.has(action)) {
          if (!d.reason.trim()) missing.push('reason');
          body.reason = d.reason.trim();
        }
        if (textActions.has(action)) {
          if (action === 'resolve-referral') {
            if (!d.outcome) missing.push('outcome');
            body.outcome = d.outcome;
          }
          if (!d.text.trim()) missing.push('text');
          body.text = d.text.trim();
          body.lang = d.lang;
        }
    }
    return { body, errors: new Map(missing.map((field) => [field, this.fieldMessage(field)])) };
  }

  /** Takes the open action: posts its body with the version last seen. */
  async submitAction(): Promise<void> {
    const action = this.openAction;
    const request = this.request;
    if (!action || !request || this.busy) return;
    const { body, errors } = this.actionBody(action);
    if (errors.size) {
      this.showErrors(errors, '');
      return;
    }
    this.busy = true;
    try {
      const result = await this.api().post<RequestView>(`/requests/${request.id}/${action}`, { version: request.version, ...body });
      this.openAction = undefined;
      this.errors = new Map();
      if (action === 'reuse') {
        this.notice = msg(str`A new draft was made from this request: ${result.caseNumber}.`);
        await this.load();
      } else {
        this.request = result;
        this.notice = msg(str`Done: ${actionLabel(action)}. The request is now: ${statusLabel(result.status)}.`);
        void this.reloadTimeline();
      }
      this.announcement = this.notice;
      this.emit('imi-request-action', { action, request: result });
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.notice')?.focus());
    } catch (error) {
      this.fail(error, (failure) => void this.actionFailed(failure));
    } finally {
      this.busy = false;
    }
  }

  private async actionFailed(failure: ApiError): Promise<void> {
    if (failure.status === 409) {
      this.openAction = undefined;
      await this.load();
      this.notice = msg('Someone else changed this request in the meantime. It has been reloaded: check it and try again.');
      this.announcement = this.notice;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.notice')?.focus();
      return;
    }
    if (failure.status === 400 && failure.errors?.length) {
      const errors = new Map<ActionField, string>();
      const answerErrors = new Map<string, string>();
      const other: string[] = [];
      const answered = this.renderedAnswers();
      for (const error of failure.errors) {
        const [head, index] = error.path.split('.');
        if (head === 'answers' && index !== undefined && answered[Number(index)]) answerErrors.set(answered[Number(index)], msg('Check this answer.'));
        else if (head === 'answers' && index === undefined) errors.set('answers', this.fieldMessage('answers'));
        else if (head === 'freeText') errors.set('text', this.fieldMessage('freeText'));
        else if (isActionField(head)) errors.set(head, this.fieldMessage(head));
        else other.push(error.message);
      }
      this.answerErrors = answerErrors;
      this.showErrors(errors, other.join(' '));
      return;
    }
    this.showErrors(new Map(), failure.status === 400 ? failure.detail ?? failure.title : this.problemText(failure));
  }

  /** The question codes of the answers the reply form sends, in the order it sends them. */
  private renderedAnswers(): string[] {
    return [...this.renderRoot.querySelectorAll<ImiAnswerInput>('imi-answer-input')].filter((input) => input.answered).map((input) => input.question!.code);
  }

  private showErrors(errors: Map<ActionField, string>, problem: string): void {
    this.errors = errors;
    this.formProblem = problem;
    const count = errors.size + this.answerErrors.size + (problem ? 1 : 0);
    this.announcement = problem && !errors.size && !this.answerErrors.size ? problem : msg(str`Check the marked fields: ${count} to correct.`);
    void this.updateComplete.then(() => {
      const form = this.renderRoot.querySelector('.action-form');
      const invalid = form?.querySelector<HTMLElement>('[aria-invalid="true"], imi-answer-input[data-invalid]');
      if (invalid?.localName === 'fieldset') invalid.querySelector<HTMLElement>('input')?.focus();
      else if (invalid?.localName === 'imi-authority-search') invalid.shadowRoot?.querySelector<HTMLElement>('input[role="combobox"]')?.focus();
      else (invalid ?? form?.querySelector<HTMLElement>('.problem'))?.focus();
    });
  }

  private async reloadTimeline(): Promise<void> {
    try {
      this.timeline = (await this.api().get<Page<TimelineItem>>(`/requests/${this.request!.id}/timeline`)).items;
      this.timelineError = undefined;
    } catch (error) {
      this.fail(error, (failure) => (this.timelineError = failure));
    }
  }

  private async download(event: Event, attachment: AttachmentView): Promise<void> {
    event.preventDefault();
    try {
      const blob = await this.api().download(`/attachments/${attachment.id}`);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = attachment.name;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (error) {
      this.fail(error, (failure) => {
        this.notice = msg(str`${attachment.name} could not be downloaded: ${this.problemText(failure)}`);
        this.announcement = this.notice;
      });
    }
  }

  private openLinked(id: string): void {
    this.emit('imi-request-open', { id });
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
      case 'empty':
        return html`<p class="state">${msg('No request chosen.')}</p>`;
      case 'loading':
        return html`<p class="state" aria-busy="true">${msg('Loading the request…')}</p>`;
      case 'error':
        return html`
          <div class="problem" role="alert">
            <p class="title">${this.problemText(this.loadError!)}</p>
            <button type="button" part="button" @click=${() => void this.load()}>${msg('Retry')}</button>
          </div>
        `;
      case 'ready':
        return this.renderRequest(this.request!);
    }
  }

  private renderRequest(request: RequestView): TemplateResult {
    return html`
      <article aria-labelledby="title">
        ${this.renderHeader(request)}
        ${this.renderProtectionNote(request)}
        ${this.notice ? html`<p class="notice" part="notice" tabindex="-1">${this.notice}</p>` : nothing}
        ${this.renderActions(request)} ${this.renderRedactionNote(request)} ${this.renderSubject(request)} ${this.renderQuestions(request)}
        ${this.renderTexts(request)} ${this.renderAttachments(request)} ${this.renderLinked(request)} ${this.renderTimeline()}
      </article>
    `;
  }

  private renderHeader(request: RequestView): TemplateResult {
    const item = (label: string, value: unknown) => html`<div><dt>${label}</dt><dd>${value}</dd></div>`;
    return html`
      <header part="header">
        <h2 id="title">${msg(str`Request ${request.caseNumber}`)}</h2>
        <p class="badge" data-status=${request.status}>${statusLabel(request.status)}</p>
        <dl class="facts">
          ${item(msg('Legislative area'), request.area)} ${item(msg('Requesting authority'), request.requester.designation)}
          ${item(msg('Responding authority'), request.responder?.designation ?? msg('Not chosen yet'))}
          ${request.profession ? item(msg('Profession'), request.profession.name) : nothing}
          ${item(msg('Reply requested by'), request.replyBy ? formatDay(request.replyBy) : msg('Not set'))}
          ${request.committedReplyBy ? item(msg('Reply promised by'), formatDay(request.committedReplyBy)) : nothing}
          ${request.sentAt ? item(msg('Sent'), formatMoment(request.sentAt)) : nothing}
        </dl>
      </header>
    `;
  }

  /**
   * Blocking and deletion (SPEC §5.4): once blocked, or deleted, a request carries no personal data for anyone, so the
   * view says why rather than showing empty personal sections; a closed request says when blocking starts.
   */
  private renderProtectionNote(request: RequestView) {
    const protection = request.dataProtection;
    if (!protection) return nothing;
    if (protection.personalDataDeletedAt) {
      const deletedOn = formatDay(protection.personalDataDeletedAt);
      return html`<p class="protection-note" role="note">
        ${msg(str`The personal data of this request were deleted on ${deletedOn}. Only its dates, states, parties and non-personal answers remain.`)}
      </p>`;
    }
    if (protection.blocked) {
      const since = formatDay(protection.blockedFrom);
      return html`<p class="protection-note" role="note">
        ${msg(str`The personal data of this request are blocked since ${since}: nobody sees them any more. Only its dates, states, parties and non-personal answers remain visible.`)}
        ${protection.deletionDue ? msg(str`They will be deleted on ${formatDay(protection.deletionDue)}.`) : nothing}
      </p>`;
    }
    if (protection.closedAt && protection.blockedFrom) {
      const blockedOn = formatDay(protection.blockedFrom);
      return html`<p class="protection-note" role="note">${msg(str`Personal data will be blocked on ${blockedOn}; from then on nobody sees them.`)}</p>`;
    }
    return nothing;
  }

  /** The personal data are gone for everyone (blocked or deleted): nothing personal is shown as merely missing. */
  private protectedData(request: RequestView): boolean {
    return Boolean(request.dataProtection?.blocked || request.dataProtection?.personalDataDeletedAt);
  }

  private renderRedactionNote(request: RequestView) {
    if (!request.redacted.length || this.protectedData(request)) return nothing;
    return html`<p class="redacted-note" id="redacted-note">
      ${request.status === 'AWAITING_ACCEPTANCE'
        ? msg('Personal data are shown once your authority accepts the request.')
        : msg('Some personal data are hidden: they are outside your need to know.')}
    </p>`;
  }

  private renderSubject(request: RequestView) {
    const subject = request.subject;
    if (!subject && (!request.redacted.includes('subject') || this.protectedData(request))) return nothing;
    const regions = new Intl.DisplayNames([getLocale()], { type: 'region', fallback: 'code' });
    return html`
      <section part="section" aria-labelledby="subject-title">
        <h3 id="subject-title">${msg('The person concerned')}</h3>
        ${subject
          ? html`<dl class="facts">
              <div><dt>${msg('Name')}</dt><dd>${subject.firstName} ${subject.lastName}</dd></div>
              ${subject.dateOfBirth ? html`<div><dt>${msg('Date of birth')}</dt><dd>${formatDay(subject.dateOfBirth)}</dd></div>` : nothing}
              ${subject.nationality ? html`<div><dt>${msg('Nationality')}</dt><dd>${regions.of(subject.nationality)}</dd></div>` : nothing}
            </dl>`
          : html`<p class="redacted" aria-describedby="redacted-note">${msg('Hidden: personal data')}</p>`}
      </section>
    `;
  }

  private answerText(question: Question, value: AnswerValue, request: RequestView): TemplateResult | string {
    const label = (code: string) => question.options.find((option) => option.code === code)?.label ?? code;
    switch (question.answerType) {
      case 'yes-no':
      case 'yes-no-unknown':
        return value === 'yes' ? msg('Yes') : value === 'no' ? msg('No') : msg('Unknown');
      case 'single-choice':
        return label(String(value));
      case 'multi-choice':
        return new Intl.ListFormat(getLocale(), { type: 'conjunction' }).format((Array.isArray(value) ? value : [String(value)]).map(label));
      case 'date':
        return formatDay(String(value));
      case 'number':
        return new Intl.NumberFormat(getLocale()).format(Number(value));
      case 'text':
        return String(value);
      case 'attachment': {
        const attachment = request.attachments?.find((item) => item.id === value);
        return attachment ? this.renderAttachmentLink(attachment) : msg('Attached file (not visible to you)');
      }
    }
  }

  private renderQuestions(request: RequestView): TemplateResult {
    const answers = new Map(request.answers.map((answer) => [answer.question, answer.value]));
    return html`
      <section part="section" aria-labelledby="questions-title">
        <h3 id="questions-title">${msg('Questions and answers')}</h3>
        ${request.questions.length
          ? html`<ol class="qa">
              ${request.questions.map((question) => {
                const value = answers.get(question.code);
                const hidden = request.redacted.includes(`answers.${question.code}`);
                return html`<li>
                  <p class="question" lang=${question.textLang}>${question.text}</p>
                  <p class="answer">
                    ${value !== undefined
                      ? this.answerText(question, value, request)
                      : hidden
                        ? html`<span class="redacted">${this.protectedData(request)
                            ? request.dataProtection?.personalDataDeletedAt ? msg('Deleted: personal data') : msg('Blocked: personal data')
                            : msg('Hidden: personal data')}</span>`
                        : html`<span class="hint">${msg('Not answered yet')}</span>`}
                  </p>
                </li>`;
              })}
            </ol>`
          : html`<p class="state">${msg('No questions.')}</p>`}
      </section>
    `;
  }

  private renderTexts(request: RequestView) {
    if (this.protectedData(request)) return nothing;
    const block = (title: string, text: { text: string; lang: string | null } | null | undefined, field: 'freeText' | 'replyText') => {
      if (text) {
        return html`<div class="text">
          <h3>${title}</h3>
          <p class="original" lang=${ifDefined(text.lang ?? undefined)}>${text.text}</p>
          ${text.lang ? html`<p class="hint">${msg(str`Original language: ${languageName(text.lang)}`)}</p>` : nothing}
          ${this.renderTranslation(field, text, { field })}
        </div>`;
      }
      if (request.redacted.includes(field)) {
        return html`<div class="text"><h3>${title}</h3><p class="redacted">${msg('Hidden: personal data')}</p></div>`;
      }
      return nothing;
    };
    const free = block(msg('Free text of the request'), request.freeText, 'freeText');
    const reply = block(msg('Free text of the reply'), request.replyText, 'replyText');
    if (free === nothing && reply === nothing) return nothing;
    return html`<section part="section" aria-label=${msg('Free texts')}>${free} ${reply}</section>`;
  }

  private renderAttachmentLink(attachment: AttachmentView): TemplateResult {
    const href = `${this.config.apiBase.replace(/\/+$/, '')}/attachments/${attachment.id}`;
    return html`<a href=${href} download=${attachment.name} @click=${(event: Event) => void this.download(event, attachment)}>${attachment.name}</a>
      <span class="hint">(${formatSize(attachment.size)})</span>`;
  }

  private renderAttachments(request: RequestView) {
    if (this.protectedData(request)) return nothing;
    const hidden = request.redacted.includes('attachments');
    const attachments = request.attachments ?? [];
    return html`
      <section part="section" aria-labelledby="attachments-title">
        <h3 id="attachments-title">${msg('Attachments')}</h3>
        ${hidden
          ? html`<p class="redacted">${msg('Hidden until your authority may see personal data.')}</p>`
          : attachments.length
            ? html`<ul class="files">
                ${attachments.map(
                  (attachment) => html`<li>
                    ${this.renderAttachmentLink(attachment)}
                    ${attachment.released ? nothing : html`<span class="tag">${msg('not yet sent')}</span>`}
                  </li>`,
                )}
              </ul>`
            : html`<p class="state">${msg('No attachments.')}</p>`}
      </section>
    `;
  }

  private renderLinked(request: RequestView) {
    if (!request.parent && !request.children.length) return nothing;
    return html`
      <section part="section" aria-labelledby="linked-title">
        <h3 id="linked-title">${msg('Linked requests')}</h3>
        ${request.parent
          ? html`<p>
              ${msg('Split from:')}
              <button type="button" class="link" part="button" @click=${() => this.openLinked(request.parent!.id)}>
                ${msg(str`Request ${request.parent.caseNumber}`)}
              </button>
            </p>`
          : nothing}
        ${request.children.length
          ? html`<p>${msg('Questions passed to other authorities:')}</p>
              <ul class="files">
                ${request.children.map(
                  (child) => html`<li>
                    <button type="button" class="link" part="button" @click=${() => this.openLinked(child.id)}>
                      ${child.responder?.designation ?? msg('Not chosen yet')}
                    </button>
                    — ${statusLabel(child.status)}
                  </li>`,
                )}
              </ul>`
          : nothing}
      </section>
    `;
  }

  private renderTimeline(): TemplateResult {
    return html`
      <section part="section" aria-labelledby="timeline-title">
        <h3 id="timeline-title">${msg('Timeline')}</h3>
        ${this.timelineError
          ? html`<div class="problem">
              <p class="title">${this.problemText(this.timelineError)}</p>
              <button type="button" part="button" @click=${() => void this.reloadTimeline()}>${msg('Retry')}</button>
            </div>`
          : this.timeline.length
            ? html`<ol class="timeline">
                ${this.timeline.map(
                  (item) => html`<li>
                    <p class="step">
                      <strong>${stepLabel(item.kind)}</strong>
                      <time datetime=${item.at}>${formatMoment(item.at)}</time>
                    </p>
                    <p class="hint">
                      ${[item.actor.name, item.actor.authority?.designation].filter(Boolean).join(', ')}
                      ${item.fromStatus && item.toStatus && item.fromStatus !== item.toStatus
                        ? html` · ${msg(str`${statusLabel(item.fromStatus)} → ${statusLabel(item.toStatus)}`)}`
                        : nothing}
                    </p>
                    ${item.text
                      ? html`<p class="original" lang=${ifDefined(item.text.lang ?? undefined)}>${item.text.text}</p>
                          ${this.renderTranslation(`event:${item.id}`, item.text, { field: 'event', eventId: item.id }, true)}`
                      : nothing}
                    ${item.attachments?.length
                      ? html`<ul class="files">
                          ${item.attachments.map((attachment) => html`<li>${this.renderAttachmentLink(attachment)}</li>`)}
                        </ul>`
                      : nothing}
                  </li>`,
                )}
              </ol>`
            : html`<p class="state">${msg('No steps yet.')}</p>`}
      </section>
    `;
  }

  private renderActions(request: RequestView) {
    if (!request.allowedActions.length) return nothing;
    return html`
      <div class="actions" part="actions" role="group" aria-label=${msg('Actions')}>
        ${request.allowedActions.map(
          (action) => html`<button
            type="button"
            part="button"
            data-action=${action}
            aria-expanded=${this.openAction === action ? 'true' : 'false'}
            aria-controls="action-form"
            ?disabled=${this.busy}
            @click=${() => (this.openAction === action ? this.closeAction() : this.openForm(action))}
          >
            ${actionLabel(action)}
          </button>`,
        )}
      </div>
      ${this.openAction ? this.renderActionForm(this.openAction, request) : nothing}
    `;
  }

  private error(field: ActionField) {
    const text = this.errors.get(field);
    return text ? html`<p class="error" id="${field}-error">${text}</p>` : nothing;
  }

  private aria(field: ActionField, hint?: string) {
    const describedBy = [hint, this.errors.has(field) ? `${field}-error` : ''].filter(Boolean).join(' ') || undefined;
    return { invalid: this.errors.has(field) ? 'true' : 'false', describedBy };
  }

  private renderActionForm(action: RequestAction, request: RequestView): TemplateResult {
    return html`
      <form
        id="action-form"
        class="action-form"
        part="action-form"
        novalidate
        aria-labelledby="action-title"
        aria-busy=${this.busy ? 'true' : 'false'}
        @submit=${(event: Event) => {
          event.preventDefault();
          void this.submitAction();
        }}
        @keydown=${this.onFormKeyDown}
      >
        <h3 id="action-title">${actionLabel(action)}</h3>
        ${this.formProblem ? html`<p class="problem" tabindex="-1" role="alert">${this.formProblem}</p>` : nothing}
        ${this.renderActionFields(action, request)}
        <div class="actions">
          <button type="submit" class="primary" part="button" ?disabled=${this.busy}>${this.busy ? msg('Working…') : actionLabel(action)}</button>
          <button type="button" part="button" @click=${() => this.closeAction()}>${msg('Cancel')}</button>
        </div>
      </form>
    `;
  }

  private renderActionFields(action: RequestAction, request: RequestView): TemplateResult | typeof nothing {
    switch (action) {
      case 'accept':
        return this.renderAccept(request);
      case 'forward':
        return html`${this.renderAuthority(msg('Authority to forward to'), request)} ${this.renderTextArea('comment', msg('Comment (optional)'))}`;
      case 'split':
        return html`${this.renderQuestionChoice(request)} ${this.renderAuthority(msg('Authority to pass the questions to'), request)}`;
      case 'reply':
        return this.renderReply(request);
      case 'close':
        return this.renderRating();
      case 'allocate': {
        const { invalid, describedBy } = this.aria('userIds', 'user-ids-hint');
        return html`<div class="field">
          <label for="user-ids">${msg('Handlers to allocate to')}</label>
          <p class="hint" id="user-ids-hint">${msg('User ids, separated by commas or spaces.')}</p>
          <input id="user-ids" type="text" autocomplete="off" spellcheck="false" aria-invalid=${invalid} aria-describedby=${ifDefined(describedBy)}
            .value=${live(this.draft.userIds)} @input=${(event: Event) => this.setDraft('userIds', (event.target as HTMLInputElement).value, 'userIds')} />
          ${this.error('userIds')}
        </div>`;
      }
      case 'send':
      case 'approve':
      case 'reuse':
        return html`<p class="hint">${this.confirmText(action)}</p>`;
      default:
        if (reasonActions.has(action)) return this.renderTextArea('reason', msg('Reason'));
        if (action === 'resolve-referral') return html`${this.renderOutcome()} ${this.renderTextArea('text', msg('Explanation'))} ${this.renderLanguage()}`;
        return html`${this.renderTextArea('text', this.textLabel(action))} ${this.renderLanguage()}`;
    }
  }

  private confirmText(action: 'send' | 'approve' | 'reuse'): string {
    switch (action) {
      case 'send':
        return msg('The request goes to the responding authority, or first to your request coordinator where approval is required.');
      case 'approve':
        return msg('Approving lets the request or the reply go out.');
      case 'reuse':
        return msg('A new draft is made with the same questions and person concerned.');
    }
  }

  private textLabel(action: RequestAction): string {
    if (action === 'request-clarification') return msg('What needs clarifying');
    if (action === 'answer-clarification') return msg('Your clarification');
    if (action === 'refer') return msg('Why the reply is not satisfactory');
    return msg('Message');
  }

  private renderTextArea(field: 'comment' | 'text' | 'reason', label: string): TemplateResult {
    const { invalid, describedBy } = this.aria(field);
    return html`<div class="field">
      <label for="field-${field}">${label}</label>
      <textarea id="field-${field}" rows="4" maxlength="20000" aria-invalid=${invalid} aria-describedby=${ifDefined(describedBy)}
        lang=${ifDefined(field === 'text' ? this.draft.lang : undefined)}
        .value=${live(this.draft[field])} @input=${(event: Event) => this.setDraft(field, (event.target as HTMLTextAreaElement).value, field)}></textarea>
      ${this.error(field)}
    </div>`;
  }

  private renderLanguage(): TemplateResult {
    return html`<div class="field narrow">
      <label for="field-lang">${msg('Language of the text')}</label>
      <select id="field-lang" @change=${(event: Event) => this.setDraft('lang', (event.target as HTMLSelectElement).value)}>
        ${locales.map((code) => html`<option value=${code} ?selected=${code === this.draft.lang}>${languageName(code)}</option>`)}
      </select>
    </div>`;
  }

  private renderAccept(request: RequestView): TemplateResult {
    const days = this.aria('days', 'accept-hint');
    const date = this.aria('replyBy', 'accept-hint');
    return html`
      <p class="hint" id="accept-hint">
        ${request.replyBy
          ? msg(str`Give a number of days or a date; leave both empty to commit to the requested date, ${formatDay(request.replyBy)}.`)
          : msg('Give a number of days or a date; leave both empty for the usual reply period.')}
      </p>
      <div class="row">
        <div class="field">
          <label for="accept-days">${msg('Reply within (calendar days)')}</label>
          <input id="accept-days" type="number" min="1" max="365" step="1" inputmode="numeric" aria-invalid=${days.invalid}
            aria-describedby=${ifDefined(days.describedBy)} .value=${live(this.draft.days)}
            @input=${(event: Event) => this.setDraft('days', (event.target as HTMLInputElement).value, 'days')} />
          ${this.error('days')}
        </div>
        <div class="field">
          <label for="accept-date">${msg('Or reply by')}</label>
          <input id="accept-date" type="date" aria-invalid=${date.invalid} aria-describedby=${ifDefined(date.describedBy)}
            .value=${live(this.draft.replyBy)} @change=${(event: Event) => this.setDraft('replyBy', (event.target as HTMLInputElement).value, 'replyBy')} />
          ${this.error('replyBy')}
        </div>
      </div>
    `;
  }

  private renderAuthority(label: string, request: RequestView): TemplateResult {
    const chosen = this.draft.authority;
    return html`<div class="field">
      ${chosen ? html`<p class="chosen">${msg(str`Chosen: ${chosen.designation}`)}</p>` : nothing}
      <imi-authority-search
        id="field-authority"
        hide-filters
        area=${request.area}
        country=${ifDefined(request.responder?.country)}
        label=${label}
        aria-invalid=${this.aria('toAuthorityId').invalid}
        @imi-authority-select=${(event: CustomEvent<AuthoritySelectDetail>) =>
          this.setDraft('authority', { id: event.detail.authority.id, designation: event.detail.authority.designation }, 'toAuthorityId')}
      ></imi-authority-search>
      ${this.error('toAuthorityId')}
    </div>`;
  }

  private renderQuestionChoice(request: RequestView): TemplateResult {
    const { invalid, describedBy } = this.aria('questions');
    return html`<fieldset aria-invalid=${invalid} aria-describedby=${ifDefined(describedBy)}>
      <legend>${msg('Questions to pass on')}</legend>
      ${request.questions.map(
        (question) => html`<label class="choice">
          <input type="checkbox" .checked=${live(this.draft.questions.has(question.code))}
            @change=${(event: Event) => {
              const questions = new Set(this.draft.questions);
              if ((event.target as HTMLInputElement).checked) questions.add(question.code);
              else questions.delete(question.code);
              this.setDraft('questions', questions, 'questions');
            }} />
          <span lang=${question.textLang}>${question.text}</span>
        </label>`,
      )}
      ${this.error('questions')}
    </fieldset>`;
  }

  private renderReply(request: RequestView): TemplateResult {
    const answers = new Map(request.answers.map((answer) => [answer.question, answer.value]));
    return html`
      ${this.error('answers')}
      <div class="answers">
        ${request.questions.map(
          (question) => html`<imi-answer-input
            .question=${question}
            .value=${answers.get(question.code)}
            request-id=${request.id}
            ?data-invalid=${this.answerErrors.has(question.code)}
            .error=${this.answerErrors.get(question.code) ?? ''}
            @change=${() => {
              if (!this.answerErrors.has(question.code)) return;
              const errors = new Map(this.answerErrors);
              errors.delete(question.code);
              this.answerErrors = errors;
            }}
          ></imi-answer-input>`,
        )}
      </div>
      ${this.renderTextArea('text', msg('Free text of the reply (optional)'))} ${this.renderLanguage()}
    `;
  }

  private renderOutcome(): TemplateResult {
    const { invalid, describedBy } = this.aria('outcome');
    const option = (value: 'reply-stands' | 'reply-again', label: string) => html`<label class="choice">
      <input type="radio" name="outcome" value=${value} .checked=${live(this.draft.outcome === value)}
        @change=${() => this.setDraft('outcome', value, 'outcome')} />
      <span>${label}</span>
    </label>`;
    return html`<fieldset aria-invalid=${invalid} aria-describedby=${ifDefined(describedBy)}>
      <legend>${msg('Outcome')}</legend>
      ${option('reply-stands', msg('The reply stands'))} ${option('reply-again', msg('The responding authority replies again'))}
      ${this.error('outcome')}
    </fieldset>`;
  }

  private renderRating(): TemplateResult {
    const { invalid, describedBy } = this.aria('rating', 'rating-hint');
    const scale = (key: 'timeliness' | 'effort', legend: string) => html`<fieldset aria-invalid=${invalid} aria-describedby=${ifDefined(describedBy)}>
      <legend>${legend}</legend>
      ${([['positive', msg('Positive')], ['negative', msg('Negative')], ['', msg('No rating')]] as const).map(
        ([value, label]) => html`<label class="choice">
          <input type="radio" name=${key} value=${value} .checked=${live(this.draft[key] === value)}
            @change=${() => this.setDraft(key, value, 'rating')} />
          <span>${label}</span>
        </label>`,
      )}
    </fieldset>`;
    return html`
      <p class="hint" id="rating-hint">${msg('Rating is optional: rate both or neither.')}</p>
      <div class="row">${scale('timeliness', msg('Timeliness of the reply'))} ${scale('effort', msg('Effort of the responding authority'))}</div>
      ${this.error('rating')}
    `;
  }
}

const actionFields = new Set<string>(['days', 'replyBy', 'toAuthorityId', 'comment', 'questions', 'text', 'reason', 'outcome', 'rating', 'userIds', 'freeText', 'answers']);

function isActionField(path: string): path is ActionField {
  return actionFields.has(path);
}

declare global {
  interface HTMLElementTagNameMap {
    'imi-request-view': ImiRequestView;
  }
}
