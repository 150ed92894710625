import { css, html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import type { ApiError } from '../../components/core/api.js';
import { dayCount, formatDate, overdueBy } from '../../components/core/due-dates.js';
import { getLocale } from '../../components/core/localization.js';
import { statusLabel, stepLabel } from '../../components/core/request-labels.js';
import { sys } from '../../components/core/tokens.js';
import type { RequestStatus } from '../../components/core/types.js';
import { ConsolePage } from '../console-page.js';
import { CursorList } from '../cursor-list.js';
import { fieldError, formAlert, formProblems, invalid, type Page } from '../forms.js';
import { handlesSubjectRequests, hasCommissionPowers, hasDataProtectionPowers } from '../powers.js';
import { consoleStyles } from '../styles.js';

// The shapes of the data-protection API (SPEC §5.4), as they arrive in JSON.

interface PersonRef {
  id: string;
  name: string;
}

/** A party of a request as the API names it (the request view's authority reference). */
interface AuthorityRef {
  id: string;
  designation?: string;
  officialName?: string;
  name?: string;
}

interface Summary {
  blocked: number;
  deletionDueWithin30Days: number;
  deleted: number;
  activeGrants: number;
  openSubjectRequests: number;
  overdueSubjectRequests: number;
}

interface RetentionRun {
  id: number;
  trigger: 'schedule' | 'manual';
  startedBy: PersonRef | null;
  instance: string;
  asOf: string;
  startedAt: string;
  finishedAt: string | null;
  status: 'running' | 'completed' | 'failed';
  newlyBlocked: number;
  requestsDeleted: number;
  attachmentsDeleted: number;
  bytesDeleted: number;
  error: string | null;
}

type Purpose = 'proof-of-exchange' | 'data-subject-rights';

interface AccessGrant {
  id: string;
  requestId: string;
  caseNumber: string;
  area: string;
  purpose: Purpose;
  justification: string;
  dataSubjectRequestId: string | null;
  grantedTo: PersonRef & { email: string };
  grantedAt: string;
  expiresAt: string;
}

/** A text as the API may give it: plain, or with the language it was written in. */
type Text = string | { text: string; lang?: string | null } | null | undefined;

interface BlockedData {
  grant: AccessGrant;
  request: {
    id: string;
    caseNumber: string;
    area: string;
    status: RequestStatus;
    requester: AuthorityRef | null;
    responder: AuthorityRef | null;
    sentAt: string | null;
    closedAt: string | null;
    subject: { firstName: string; lastName: string; dateOfBirth?: string | null; nationality?: string | null } | null;
    answers: { question: string; text: string; value: unknown }[];
    freeText: Text;
    replyText: Text;
    timeline: { at: string; kind: string; actorName: string | null; text: Text }[];
    attachments: { id: string; name: string; mediaType: string; size: number }[];
  };
}

type SubjectRequestKind = 'access' | 'correction' | 'deletion';
type SubjectRequestStatus = 'open' | 'completed' | 'rejected';
type ActionKind = 'search' | 'export' | 'correction' | 'erasure';

interface SubjectRequest {
  id: string;
  kind: SubjectRequestKind;
  subject: { firstName: string; lastName: string; dateOfBirth?: string | null };
  receivedOn: string;
  dueOn: string;
  status: SubjectRequestStatus;
  details: string | null;
  outcome: string | null;
  authority: PersonRef | null;
  recordedBy: PersonRef;
  recordedAt: string;
  completedAt: string | null;
  overdue: boolean;
  daysLeft: number;
  actions: { at: string; kind: ActionKind; requestId: string | null; caseNumber: string | null; blocked: boolean; fields: string[]; by: PersonRef }[];
  version: number;
}

interface Match {
  requestId: string;
  caseNumber: string;
  area: string;
  status: RequestStatus;
  requester: AuthorityRef | null;
  responder: AuthorityRef | null;
  sentAt: string | null;
  closedAt: string | null;
  blocked: boolean;
  personalDataDeleted: boolean;
}

type Section = 'summary' | 'runs' | 'grants' | 'requests';
type StatusFilter = SubjectRequestStatus | 'all';

interface GrantForm {
  requestId: string;
  purpose: Purpose | '';
  dataSubjectRequestId: string;
  justification: string;
}

interface RecordForm {
  kind: SubjectRequestKind | '';
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  receivedOn: string;
  details: string;
}

interface CorrectionForm {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  nationality: string;
}

const pageSize = 50;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The bounds of a justification of access to blocked data (the server's). */
const justificationLength = { min: 10, max: 1000 };

const emptyGrantForm = (): GrantForm => ({ requestId: '', purpose: '', dataSubjectRequestId: '', justification: '' });
const emptyRecordForm = (): RecordForm => ({ kind: '', firstName: '', lastName: '', dateOfBirth: '', receivedOn: today(), details: '' });
const emptyCorrection = (): CorrectionForm => ({ firstName: '', lastName: '', dateOfBirth: '', nationality: '' });

/** Today in the user's calendar, as a date input holds it. */
function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

const moment = (iso: string) => new Intl.DateTimeFormat(getLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
const count = (n: number) => new Intl.NumberFormat(getLocale()).format(n);

/** A number of bytes in the largest unit that keeps it at 1 or more, e.g. “3.2 MB”. */
function bytesText(bytes: number): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return new Intl.NumberFormat(getLocale(), { style: 'unit', unit: units[unit], unitDisplay: 'short', maximumFractionDigits: 1 }).format(value);
}

/** How far an instant is from now, in the unit a person would use: “in 23 hours”, “5 minutes ago”, “in 3 days”. */
function relativeTime(iso: string, now = Date.now()): string {
  const seconds = (Date.parse(iso) - now) / 1000;
  const format = new Intl.RelativeTimeFormat(getLocale(), { numeric: 'auto' });
  const size = Math.abs(seconds);
  if (size < 3600) return format.format(Math.round(seconds / 60), 'minute');
  if (size < 48 * 3600) return format.format(Math.round(seconds / 3600), 'hour');
  return format.format(Math.round(seconds / 86_400), 'day');
}

const textOf = (text: Text) => (typeof text === 'string' ? text : text?.text ?? '');
const langOf = (text: Text) => (typeof text === 'object' && text?.lang ? text.lang : undefined);
const partyName = (party: AuthorityRef | null) => party?.designation ?? party?.officialName ?? party?.name ?? '—';
const personName = (subject: { firstName: string; lastName: string }) => `${subject.firstName} ${subject.lastName}`;
const isActive = (grant: AccessGrant) => Date.parse(grant.expiresAt) > Date.now();

function answerText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.map(String).join(', ');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function purposeText(purpose: Purpose): string {
  return purpose === 'proof-of-exchange' ? msg('Proof of an exchange') : msg('A data subject’s rights');
}

function kindText(kind: SubjectRequestKind): string {
  switch (kind) {
    case 'access':
      return msg('Access');
    case 'correction':
      return msg('Correction');
    case 'deletion':
      return msg('Deletion');
  }
}

function subjectStatusText(status: SubjectRequestStatus): string {
  switch (status) {
    case 'open':
      return msg('Open');
    case 'completed':
      return msg('Completed');
    case 'rejected':
      return msg('Rejected');
  }
}

function actionText(kind: ActionKind): string {
  switch (kind) {
    case 'search':
      return msg('Search');
    case 'export':
      return msg('Export');
    case 'correction':
      return msg('Correction');
    case 'erasure':
      return msg('Erasure');
  }
}

function runStatusText(status: RetentionRun['status']): string {
  switch (status) {
    case 'running':
      return msg('Running');
    case 'completed':
      return msg('Finished');
    case 'failed':
      return msg('Failed');
  }
}

/** The time left to complete a data subject's request: “12 days left”, “due today”, “3 days overdue”. */
function timeLeft(request: SubjectRequest): TemplateResult | string {
  if (request.status !== 'open') return '—';
  if (request.overdue || request.daysLeft < 0) {
    return html`<span class="badge badge-overdue"><span aria-hidden="true">▲</span> ${overdueBy(Math.max(1, Math.abs(request.daysLeft)))}</span>`;
  }
  if (request.daysLeft === 0) return msg('Due today');
  const days = dayCount(request.daysLeft);
  return msg(str`${days} left`);
}

/**
 * @summary Data protection (SPEC §5.4): what is blocked and deleted, the retention runs (and running the job now),
 * the data-protection administrator's time-limited access to blocked data for a stated purpose, and data subjects'
 * requests for access, correction or deletion with the requests holding the person's data, export, correction,
 * erasure and the answer within 30 days.
 *
 * The data-protection administrator sees every section; the Commission the summary and the runs, without changing
 * anything; the request handlers and local data administrators of an authority the data subjects' requests it
 * recorded.
 */
@localized()
export class ImiConsoleDataProtection extends ConsolePage {
  static override styles = [
    consoleStyles,
    css`
      .status:empty {
        display: none;
      }
      /* Whole words size the columns: a wide table scrolls in its own box rather than breaking “Status” into “Stat-us”. */
      th,
      td {
        overflow-wrap: break-word;
        hyphens: manual;
      }
      button.link {
        text-align: start;
      }
      .cards {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr));
        gap: ${sys('space-3')};
        margin: 0;
      }
      .cards > div {
        padding: ${sys('space-3')};
        border: 1px solid ${sys('color-outline')};
        border-radius: ${sys('radius-small')};
      }
      .cards dt {
        font-weight: normal;
      }
      .cards dd {
        margin: ${sys('space-1')} 0 0;
        font-size: 1.5rem;
        font-weight: ${sys('font-weight-strong')};
      }
      dl.facts {
        display: grid;
        grid-template-columns: minmax(8rem, max-content) minmax(0, 1fr);
        gap: ${sys('space-1')} ${sys('space-4')};
        margin: 0 0 ${sys('space-3')};
      }
      dl.facts dt {
        font-weight: ${sys('font-weight-strong')};
      }
      dl.facts dd {
        margin: 0;
      }
      .panel {
        padding: ${sys('space-3')};
        border: 1px solid ${sys('color-outline')};
        border-radius: ${sys('radius-small')};
        margin-bottom: ${sys('space-3')};
      }
      .warning {
        border-inline-start: 4px solid ${sys('color-error')};
      }
      .blocked-note {
        padding: ${sys('space-3')};
        border: 2px solid ${sys('color-error')};
        background: ${sys('color-error-container')};
        font-weight: ${sys('font-weight-strong')};
      }
      .badge {
        white-space: nowrap;
        font-weight: ${sys('font-weight-strong')};
      }
      .badge-blocked,
      .badge-overdue {
        color: ${sys('color-error')};
      }
      .badge-deleted {
        color: ${sys('color-on-surface-muted')};
      }
      td.at {
        white-space: nowrap;
      }
      .original {
        white-space: pre-line;
      }
      .timeline {
        margin: 0;
        padding-inline-start: ${sys('space-4')};
      }
      h4 {
        margin: ${sys('space-4')} 0 ${sys('space-2')};
      }
      h5 {
        margin: ${sys('space-3')} 0 ${sys('space-2')};
        font-size: 1rem;
      }
      @media (max-width: 30rem) {
        dl.facts {
          grid-template-columns: minmax(0, 1fr);
        }
      }
    `,
  ];

  @state() private announcement = '';
  @state() private problems: Partial<Record<Section, ApiError>> = {};
  @state() private busy = false;

  @state() private summary?: Summary;
  private readonly runs = new CursorList<RetentionRun>(this,
    (cursor, signal) => this.api().get<Page<RetentionRun>>('/data-protection/retention-runs', { limit: pageSize, cursor }, { signal }),
    (error) => this.apiFailure(error));
  @state() private confirmingRun = false;
  @state() private runProblem?: ApiError;

  @state() private grantFilter: 'true' | 'false' = 'true';
  private readonly grants = new CursorList<AccessGrant>(this,
    (cursor, signal) => this.api().get<Page<AccessGrant>>('/data-protection/access-grants', { active: this.grantFilter, limit: pageSize, cursor }, { signal }),
    (error) => this.apiFailure(error));
  @state() private grantForm: GrantForm = emptyGrantForm();
  @state() private grantErrors: Record<string, string> = {};
  @state() private grantProblems: string[] = [];
  /** The open data subjects' requests an access may be for (loaded when that purpose is chosen). */
  @state() private openRequests?: SubjectRequest[];
  @state() private blockedData?: BlockedData;
  @state() private blockedProblem?: ApiError;

  @state() private statusFilter: StatusFilter = 'open';
  private readonly subjectRequests = new CursorList<SubjectRequest>(this,
    (cursor, signal) => this.api().get<Page<SubjectRequest>>('/data-subject-requests', { status: this.statusFilter, limit: pageSize, cursor }, { signal }),
    (error) => this.apiFailure(error));
  @state() private recordForm: RecordForm = emptyRecordForm();
  @state() private recordErrors: Record<string, string> = {};
  @state() private recordProblems: string[] = [];

  @state() private detail?: SubjectRequest;
  @state() private detailProblem?: ApiError;
  @state() private found?: Match[];
  @state() private foundProblem?: ApiError;
  @state() private downloadMessage = '';
  @state() private correcting?: Match;
  @state() private correction: CorrectionForm = emptyCorrection();
  @state() private correctionErrors: Record<string, string> = {};
  @state() private correctionProblems: string[] = [];
  @state() private erasing?: Match;
  @state() private erasureProblem?: ApiError;
  @state() private decision: { status: 'completed' | 'rejected' | ''; outcome: string } = { status: '', outcome: '' };
  @state() private decisionErrors: Record<string, string> = {};
  @state() private decisionProblems: string[] = [];

  /** The data-protection administrator: every section, and the only one who changes retention or reads blocked data. */
  private get dpo(): boolean {
    return hasDataProtectionPowers(this.me);
  }

  /** The summary and the retention runs: the data-protection administrator's, and the Commission's to read. */
  private get seesRetention(): boolean {
    return this.dpo || hasCommissionPowers(this.me);
  }

  private get seesSubjectRequests(): boolean {
    return this.dpo || handlesSubjectRequests(this.me);
  }

  protected async load(signal: AbortSignal): Promise<void> {
    await Promise.all([
      this.seesRetention ? this.loadSection('summary', () => this.loadSummary(signal), signal) : undefined,
      this.seesRetention ? this.loadSection('runs', () => this.runs.first(signal), signal) : undefined,
      this.dpo ? this.loadSection('grants', () => this.grants.first(signal), signal) : undefined,
      this.seesSubjectRequests ? this.loadSection('requests', () => this.subjectRequests.first(signal), signal) : undefined,
    ]);
    if (this.detail) await this.openSubjectRequest(this.detail.id, signal);
  }

  /** Loads one section; its failure shows in that section only, with “Retry”, and the others stay usable. */
  private async loadSection(section: Section, load: () => Promise<void>, signal?: AbortSignal): Promise<void> {
    try {
      await load();
      const { [section]: _done, ...rest } = this.problems;
      this.problems = rest;
    } catch (error) {
      if (signal?.aborted) return;
      this.problems = { ...this.problems, [section]: this.apiFailure(error) };
    }
  }

  private async loadSummary(signal?: AbortSignal): Promise<void> {
    this.summary = await this.api().get<Summary>('/data-protection/summary', {}, { signal });
  }

  private async focusOn(selector: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  /** Offers a fetched file as a download under `name`. */
  private offer(blob: Blob, name: string): void {
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }

  protected override render() {
    return this.whenLoaded(() => html`
      <div class="status notice" role="status">${this.announcement || nothing}</div>
      ${this.seesRetention ? html`${this.renderSummary()} ${this.renderRuns()}` : nothing}
      ${this.dpo ? this.renderAccess() : nothing}
      ${this.seesSubjectRequests ? this.renderSubjectRequests() : nothing}
    `);
  }

  private sectionProblem(section: Section, retry: () => Promise<void>): TemplateResult | undefined {
    const problem = this.problems[section];
    return problem ? this.renderProblem(problem, () => void this.loadSection(section, retry)) : undefined;
  }

  // ——— summary ———

  private renderSummary(): TemplateResult {
    const s = this.summary;
    const card = (label: string, value: number) => html`<div><dt>${label}</dt><dd>${count(value)}</dd></div>`;
    return html`
      <section aria-labelledby="summary-heading">
        <h3 id="summary-heading">${msg('Summary')}</h3>
        ${this.sectionProblem('summary', () => this.loadSummary()) ?? (s ? html`
          <dl class="cards">
            ${card(msg('Requests with blocked personal data'), s.blocked)}
            ${card(msg('Personal data due for deletion within 30 days'), s.deletionDueWithin30Days)}
            ${card(msg('Requests whose personal data were deleted'), s.deleted)}
            ${card(msg('Active accesses to blocked data'), s.activeGrants)}
            ${card(msg('Open data subjects’ requests'), s.openSubjectRequests)}
            ${card(msg('Overdue data subjects’ requests'), s.overdueSubjectRequests)}
          </dl>
        ` : nothing)}
      </section>
    `;
  }

  // ——— retention runs ———

  private renderRuns(): TemplateResult {
    const items = this.runs.items;
    return html`
      <section aria-labelledby="runs-heading">
        <h3 id="runs-heading">${msg('Retention runs')}</h3>
        <p>${msg('The retention job blocks the personal data of requests whose blocking period has passed, and deletes the personal data and attachments of requests closed more than three years ago. It runs on a schedule.')}</p>
        ${this.dpo ? this.renderRunNow() : nothing}
        ${this.sectionProblem('runs', () => this.runs.first()) ?? html`
          ${items.length ? html`
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby="runs-caption">
              <table>
                <caption id="runs-caption">${msg('Retention runs, newest first')}</caption>
                <thead>
                  <tr>
                    <th scope="col">${msg('Started')}</th>
                    <th scope="col">${msg('Trigger')}</th>
                    <th scope="col">${msg('Started by')}</th>
                    <th scope="col">${msg('As of')}</th>
                    <th scope="col">${msg('Status')}</th>
                    <th scope="col" class="number">${msg('Newly blocked')}</th>
                    <th scope="col" class="number">${msg('Requests deleted')}</th>
                    <th scope="col" class="number">${msg('Attachments deleted')}</th>
                    <th scope="col" class="number">${msg('Data deleted')}</th>
                    <th scope="col">${msg('Error')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${items.map((run) => html`
                    <tr data-run=${run.id}>
                      <td class="at"><time datetime=${run.startedAt}>${moment(run.startedAt)}</time></td>
                      <td>${run.trigger === 'manual' ? msg('Manual') : msg('Scheduled')}</td>
                      <td>${run.startedBy?.name ?? '—'}<br /><span class="muted">${run.instance}</span></td>
                      <td class="at"><time datetime=${run.asOf}>${moment(run.asOf)}</time></td>
                      <td>${runStatusText(run.status)}</td>
                      <td class="number">${count(run.newlyBlocked)}</td>
                      <td class="number">${count(run.requestsDeleted)}</td>
                      <td class="number">${count(run.attachmentsDeleted)}</td>
                      <td class="number">${bytesText(run.bytesDeleted)}</td>
                      <td>${run.error ?? '—'}</td>
                    </tr>
                  `)}
                </tbody>
              </table>
            </div>
          ` : html`<p class="state">${msg('No retention run yet.')}</p>`}
          ${this.runs.renderMore((error) => this.renderProblem(error))}
        `}
      </section>
    `;
  }

  private renderRunNow(): TemplateResult {
    return html`
      ${this.runProblem ? this.renderProblem(this.runProblem) : nothing}
      ${this.confirmingRun
        ? html`
            <div class="panel warning" role="group" aria-labelledby="run-confirm-text">
              <p id="run-confirm-text">${msg('Run the retention job now? It deletes for good the personal data and attachments that are due for deletion. This cannot be undone.')}</p>
              <div class="actions">
                <button type="button" class="primary" id="run-confirm" ?disabled=${this.busy} @click=${() => void this.runNow()}>
                  ${this.busy ? msg('Running…') : msg('Run and delete')}
                </button>
                <button type="button" ?disabled=${this.busy} @click=${() => { this.confirmingRun = false; void this.focusOn('#run-now'); }}>${msg('Cancel')}</button>
              </div>
            </div>
          `
        : html`<p><button type="button" id="run-now" @click=${() => { this.confirmingRun = true; this.runProblem = undefined; void this.focusOn('#run-confirm'); }}>${msg('Run now')}</button></p>`}
    `;
  }

  private async runNow(): Promise<void> {
    this.busy = true;
    this.announcement = '';
    this.runProblem = undefined;
    try {
      const run = await this.api().post<RetentionRun>('/data-protection/retention-runs', {});
      this.confirmingRun = false;
      this.runs.items = [run, ...this.runs.items.filter((r) => r.id !== run.id)];
      this.announcement = run.status === 'failed'
        ? msg(str`The retention run failed: ${run.error ?? ''}`)
        : msg(str`The retention run finished: ${count(run.newlyBlocked)} newly blocked, ${count(run.requestsDeleted)} requests and ${count(run.attachmentsDeleted)} attachments deleted (${bytesText(run.bytesDeleted)}).`);
      void this.loadSection('summary', () => this.loadSummary());
      void this.focusOn('#run-now');
    } catch (error) {
      this.runProblem = this.apiFailure(error);
      this.confirmingRun = false;
      void this.focusOn('#run-now');
    } finally {
      this.busy = false;
    }
  }

  // ——— access to blocked data ———

  private renderAccess(): TemplateResult {
    return html`
      <section aria-labelledby="access-heading">
        <h3 id="access-heading">${msg('Access to blocked data')}</h3>
        <p>${msg('Blocked personal data are hidden from every user. You may read them for a stated purpose and for a limited time; every reading is recorded in the audit log.')}</p>
        ${this.blockedData || this.blockedProblem ? this.renderBlockedData() : html`${this.renderGrantForm()} ${this.renderGrants()}`}
      </section>
    `;
  }

  private setGrant<K extends keyof GrantForm>(key: K, value: GrantForm[K]): void {
    this.grantForm = { ...this.grantForm, [key]: value };
    if (key === 'purpose' && value === 'data-subject-rights' && !this.openRequests) void this.loadOpenRequests();
  }

  private async loadOpenRequests(): Promise<void> {
    try {
      this.openRequests = (await this.api().get<Page<SubjectRequest>>('/data-subject-requests', { status: 'open', limit: 100 })).items;
    } catch (error) {
      const failure = this.apiFailure(error);
      this.openRequests = [];
      this.grantProblems = [failure.detail ?? failure.title];
    }
  }

  private renderGrantForm(): TemplateResult {
    const f = this.grantForm;
    const e = this.grantErrors;
    return html`
      <form aria-labelledby="grant-heading" @submit=${this.requestAccess} novalidate>
        <h4 id="grant-heading">${msg('Request access')}</h4>
        ${formAlert(this.grantProblems)}
        ${this.textField({ id: 'grant-requestId', label: msg('Request id'), value: f.requestId, error: e.requestId, required: true,
          hint: msg('The request’s identifier, as the audit log or a data subject’s request shows it.'), narrow: true,
          input: (value) => this.setGrant('requestId', value) })}
        <fieldset aria-describedby=${e.purpose ? 'grant-purpose-error' : nothing}>
          <legend>${msg('Purpose')} <span class="required">${msg('(required)')}</span></legend>
          ${fieldError('grant-purpose', e.purpose)}
          ${(['proof-of-exchange', 'data-subject-rights'] as const).map((purpose) => html`
            <label class="choice">
              <input type="radio" name="grant-purpose" value=${purpose} .checked=${f.purpose === purpose} aria-invalid=${invalid(e.purpose)}
                @change=${() => this.setGrant('purpose', purpose)} />
              ${purposeText(purpose)}
            </label>
          `)}
        </fieldset>
        ${f.purpose === 'data-subject-rights' ? html`
          <div class="field">
            <label for="grant-dsr">${msg('Data subject’s request')}</label>
            ${fieldError('grant-dsr', e.dataSubjectRequestId)}
            <select id="grant-dsr" aria-invalid=${invalid(e.dataSubjectRequestId)} aria-describedby=${e.dataSubjectRequestId ? 'grant-dsr-error' : nothing}
              @change=${(ev: Event) => this.setGrant('dataSubjectRequestId', (ev.target as HTMLSelectElement).value)}>
              <option value="" ?selected=${!f.dataSubjectRequestId}>${this.openRequests ? msg('None of the recorded requests') : msg('Loading…')}</option>
              ${(this.openRequests ?? []).map((r) => html`
                <option value=${r.id} ?selected=${r.id === f.dataSubjectRequestId}>
                  ${personName(r.subject)} — ${kindText(r.kind)}, ${formatDate(r.receivedOn)}
                </option>`)}
            </select>
          </div>
        ` : nothing}
        ${this.textField({ id: 'grant-justification', label: msg('Justification'), value: f.justification, error: e.justification, required: true, textarea: true,
          maxlength: justificationLength.max,
          hint: msg(str`Between ${justificationLength.min} and ${count(justificationLength.max)} characters. It is recorded with every reading.`),
          input: (value) => this.setGrant('justification', value) })}
        <div class="actions">
          <button type="submit" class="primary" ?disabled=${this.busy}>${msg('Grant access')}</button>
        </div>
      </form>
    `;
  }

  private async requestAccess(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const f = this.grantForm;
    const requestId = f.requestId.trim();
    const justification = f.justification.trim();
    const errors: Record<string, string> = {};
    if (!uuid.test(requestId)) errors.requestId = requestId ? msg('A request id has 36 characters, like 0b9d5c3e-6f1a-4c2b-9e7d-1a2b3c4d5e6f.') : msg('Enter the id of the request.');
    if (!f.purpose) errors.purpose = msg('Choose the purpose.');
    if (justification.length < justificationLength.min) errors.justification = msg(str`Give a justification of at least ${justificationLength.min} characters.`);
    this.grantProblems = [];
    if (!this.showGrantErrors(errors)) return;
    this.busy = true;
    this.announcement = '';
    try {
      const body = {
        requestId, purpose: f.purpose, justification,
        ...(f.purpose === 'data-subject-rights' && f.dataSubjectRequestId ? { dataSubjectRequestId: f.dataSubjectRequestId } : {}),
      };
      const grant = await this.api().post<AccessGrant>('/data-protection/access-grants', body);
      this.grantForm = emptyGrantForm();
      this.grantFilter = 'true';
      await this.loadSection('grants', () => this.grants.first());
      this.announcement = msg(str`Access to the blocked data of request ${grant.caseNumber} is granted until ${moment(grant.expiresAt)}.`);
      void this.focusOn(`[data-grant="${grant.id}"]`);
    } catch (error) {
      const failure = this.apiFailure(error);
      const fields = ['requestId', 'purpose', 'justification', 'dataSubjectRequestId'];
      if (failure.status === 409) {
        // Not blocked (its parties still see it) or its personal data are deleted: both are about the request chosen.
        this.showGrantErrors({ requestId: failure.detail ?? failure.title });
      } else {
        const problems = formProblems(failure, (path) => (fields.includes(path) ? path : undefined));
        this.grantProblems = problems.rest;
        if (this.showGrantErrors(problems.fields) && problems.rest.length) void this.focusOn('#grant-heading');
      }
    } finally {
      this.busy = false;
    }
  }

  /** Shows the errors at their fields and focuses the first; true when there are none. */
  private showGrantErrors(errors: Record<string, string>): boolean {
    this.grantErrors = errors;
    const first = ['requestId', 'purpose', 'dataSubjectRequestId', 'justification'].find((field) => errors[field]);
    if (first) {
      void this.focusOn({ requestId: '#grant-requestId', purpose: 'input[name="grant-purpose"]', dataSubjectRequestId: '#grant-dsr', justification: '#grant-justification' }[first]!);
    }
    return !first;
  }

  private renderGrants(): TemplateResult {
    const items = this.grants.items;
    return html`
      <h4 id="grants-heading">${msg('Access grants')}</h4>
      <div class="toolbar">
        <div class="field">
          <label for="grant-filter">${msg('Show')}</label>
          <select id="grant-filter" @change=${(ev: Event) => {
            this.grantFilter = (ev.target as HTMLSelectElement).value as 'true' | 'false';
            void this.loadSection('grants', () => this.grants.first());
          }}>
            <option value="true" ?selected=${this.grantFilter === 'true'}>${msg('Active')}</option>
            <option value="false" ?selected=${this.grantFilter === 'false'}>${msg('Expired')}</option>
          </select>
        </div>
      </div>
      ${this.sectionProblem('grants', () => this.grants.first()) ?? html`
        ${items.length ? html`
          <div class="table-wrap">
            <table>
              <caption>${this.grantFilter === 'true' ? msg('Active access grants, newest first') : msg('Expired access grants, newest first')}</caption>
              <thead>
                <tr>
                  <th scope="col">${msg('Request')}</th>
                  <th scope="col">${msg('Purpose')}</th>
                  <th scope="col">${msg('Justification')}</th>
                  <th scope="col">${msg('Granted to')}</th>
                  <th scope="col">${msg('Granted')}</th>
                  <th scope="col">${msg('Expires')}</th>
                  <th scope="col">${msg('Actions')}</th>
                </tr>
              </thead>
              <tbody>
                ${items.map((grant) => html`
                  <tr>
                    <th scope="row">${grant.caseNumber}<br /><span class="muted">${grant.area}</span></th>
                    <td>${purposeText(grant.purpose)}</td>
                    <td>${grant.justification}</td>
                    <td>${grant.grantedTo.name}</td>
                    <td class="at"><time datetime=${grant.grantedAt}>${moment(grant.grantedAt)}</time></td>
                    <td><time datetime=${grant.expiresAt} title=${moment(grant.expiresAt)}>${relativeTime(grant.expiresAt)}</time></td>
                    <td>${isActive(grant) && grant.grantedTo.id === this.me?.user.id
                      ? html`<button type="button" class="small" data-grant=${grant.id} aria-label=${msg(str`Read the data of request ${grant.caseNumber}`)}
                          @click=${() => void this.openGrant(grant)}>${msg('Read the data')}</button>`
                      : '—'}</td>
                  </tr>
                `)}
              </tbody>
            </table>
          </div>
        ` : html`<p class="state">${this.grantFilter === 'true' ? msg('No active access.') : msg('No expired access.')}</p>`}
        ${this.grants.renderMore((error) => this.renderProblem(error))}
      `}
    `;
  }

  private async openGrant(grant: AccessGrant): Promise<void> {
    this.announcement = '';
    this.blockedProblem = undefined;
    try {
      this.blockedData = await this.api().get<BlockedData>(`/data-protection/access-grants/${grant.id}/data`);
      void this.focusOn('#blocked-heading');
    } catch (error) {
      this.blockedData = undefined;
      this.blockedProblem = this.apiFailure(error);
      void this.focusOn('#back-to-grants');
    }
  }

  private closeGrant(): void {
    const id = this.blockedData?.grant.id;
    this.blockedData = undefined;
    this.blockedProblem = undefined;
    void this.loadSection('grants', () => this.grants.first()).then(() => this.focusOn(id ? `[data-grant="${id}"]` : '#grants-heading'));
  }

  private renderBlockedData(): TemplateResult {
    const back = html`<button type="button" id="back-to-grants" @click=${this.closeGrant}>${msg('Back to the access grants')}</button>`;
    if (!this.blockedData) return html`${back}${this.blockedProblem ? this.renderProblem(this.blockedProblem) : nothing}`;
    const { grant, request: r } = this.blockedData;
    const regions = new Intl.DisplayNames([getLocale()], { type: 'region', fallback: 'code' });
    const fact = (label: string, value: unknown) => html`<dt>${label}</dt><dd>${value}</dd>`;
    const texts = [[msg('Free text of the request'), r.freeText], [msg('Free text of the reply'), r.replyText]] as const;
    return html`
      ${back}
      <article aria-labelledby="blocked-heading">
        <h4 id="blocked-heading" tabindex="-1">${msg(str`Blocked data of request ${r.caseNumber}`)}</h4>
        <p class="blocked-note" role="note">
          ${msg(str`Blocked data, read for this purpose: ${purposeText(grant.purpose)}. Your access ends ${relativeTime(grant.expiresAt)} (${moment(grant.expiresAt)}). Every reading is recorded in the audit log.`)}
        </p>
        <dl class="facts">
          ${fact(msg('Legislative area'), r.area)}
          ${fact(msg('Status'), statusLabel(r.status))}
          ${fact(msg('Requesting authority'), partyName(r.requester))}
          ${fact(msg('Responding authority'), partyName(r.responder))}
          ${r.sentAt ? fact(msg('Sent'), moment(r.sentAt)) : nothing}
          ${r.closedAt ? fact(msg('Closed'), moment(r.closedAt)) : nothing}
        </dl>
        <h5>${msg('The person concerned')}</h5>
        ${r.subject ? html`
          <dl class="facts">
            ${fact(msg('Name'), personName(r.subject))}
            ${r.subject.dateOfBirth ? fact(msg('Date of birth'), formatDate(r.subject.dateOfBirth)) : nothing}
            ${r.subject.nationality ? fact(msg('Nationality'), regions.of(r.subject.nationality)) : nothing}
          </dl>` : html`<p class="state">${msg('Not given')}</p>`}
        <h5>${msg('Questions and answers')}</h5>
        ${r.answers.length ? html`
          <div class="table-wrap" tabindex="0" role="region" aria-labelledby="answers-caption">
            <table>
              <caption class="visually-hidden" id="answers-caption">${msg('Answers holding personal data')}</caption>
              <thead><tr><th scope="col">${msg('Question')}</th><th scope="col">${msg('Answer')}</th></tr></thead>
              <tbody>
                ${r.answers.map((a) => html`<tr><th scope="row">${a.text || a.question}</th><td>${answerText(a.value)}</td></tr>`)}
              </tbody>
            </table>
          </div>` : html`<p class="state">${msg('No answers.')}</p>`}
        ${texts.map(([title, text]) => (textOf(text) ? html`<h5>${title}</h5><p class="original" lang=${langOf(text) ?? nothing}>${textOf(text)}</p>` : nothing))}
        <h5>${msg('Timeline')}</h5>
        ${r.timeline.length ? html`
          <ol class="timeline">
            ${r.timeline.map((step) => html`
              <li>
                <strong>${stepLabel(step.kind)}</strong> <time datetime=${step.at}>${moment(step.at)}</time>${step.actorName ? html`, ${step.actorName}` : nothing}
                ${textOf(step.text) ? html`<p class="original" lang=${langOf(step.text) ?? nothing}>${textOf(step.text)}</p>` : nothing}
              </li>`)}
          </ol>` : html`<p class="state">${msg('No steps yet.')}</p>`}
        <h5>${msg('Attachments')}</h5>
        ${r.attachments.length ? html`
          <ul>
            ${r.attachments.map((attachment) => {
              const path = `/data-protection/access-grants/${grant.id}/attachments/${attachment.id}`;
              return html`<li>
                <a href="${this.config.apiBase.replace(/\/+$/, '')}${path}" download=${attachment.name}
                  @click=${(ev: Event) => void this.downloadAttachment(ev, path, attachment.name)}>${attachment.name}</a>
                <span class="muted">(${bytesText(attachment.size)})</span>
              </li>`;
            })}
          </ul>` : html`<p class="state">${msg('No attachments.')}</p>`}
      </article>
    `;
  }

  private async downloadAttachment(event: Event, path: string, name: string): Promise<void> {
    event.preventDefault();
    try {
      this.offer(await this.api().download(path), name);
    } catch (error) {
      const failure = this.apiFailure(error);
      this.announcement = msg(str`${name} could not be downloaded: ${failure.detail ?? failure.title}`);
    }
  }

  // ——— data subjects' requests ———

  private renderSubjectRequests(): TemplateResult {
    return html`
      <section aria-labelledby="subjects-heading">
        <h3 id="subjects-heading">${msg('Data subjects’ requests')}</h3>
        <p>
          ${msg('A person may ask to access, correct or delete the personal data the network holds on them. The request must be completed within 30 days of its receipt.')}
          ${this.dpo ? nothing : msg('You see the requests recorded by your authority.')}
        </p>
        ${this.detail || this.detailProblem ? this.renderDetail() : html`${this.renderSubjectList()} ${this.renderRecordForm()}`}
      </section>
    `;
  }

  private renderSubjectList(): TemplateResult {
    const items = this.subjectRequests.items;
    const filters: [StatusFilter, string][] = [['open', msg('Open')], ['completed', msg('Completed')], ['rejected', msg('Rejected')], ['all', msg('Any status')]];
    return html`
      <div class="toolbar">
        <div class="field">
          <label for="subject-status">${msg('Status')}</label>
          <select id="subject-status" @change=${(ev: Event) => {
            this.statusFilter = (ev.target as HTMLSelectElement).value as StatusFilter;
            void this.loadSection('requests', () => this.subjectRequests.first());
          }}>
            ${filters.map(([value, label]) => html`<option value=${value} ?selected=${value === this.statusFilter}>${label}</option>`)}
          </select>
        </div>
      </div>
      ${this.sectionProblem('requests', () => this.subjectRequests.first()) ?? html`
        ${items.length ? html`
          <div class="table-wrap">
            <table>
              <caption>${msg('Data subjects’ requests, soonest due first')}</caption>
              <thead>
                <tr>
                  <th scope="col">${msg('Person')}</th>
                  <th scope="col">${msg('Kind')}</th>
                  <th scope="col">${msg('Received on')}</th>
                  <th scope="col">${msg('Due on')}</th>
                  <th scope="col">${msg('Time left')}</th>
                  <th scope="col">${msg('Status')}</th>
                  <th scope="col">${msg('Recorded by')}</th>
                </tr>
              </thead>
              <tbody>
                ${items.map((r) => html`
                  <tr data-subject-request=${r.id}>
                    <th scope="row">
                      <button type="button" class="link" data-open=${r.id} @click=${() => void this.selectSubjectRequest(r.id)}>${personName(r.subject)}</button>
                      ${r.subject.dateOfBirth ? html`<br /><span class="muted">${formatDate(r.subject.dateOfBirth)}</span>` : nothing}
                    </th>
                    <td>${kindText(r.kind)}</td>
                    <td>${formatDate(r.receivedOn)}</td>
                    <td>${formatDate(r.dueOn)}</td>
                    <td class="left">${timeLeft(r)}</td>
                    <td>${subjectStatusText(r.status)}</td>
                    <td>${r.recordedBy.name}<br /><span class="muted">${r.authority?.name ?? msg('Data-protection administrator')}</span></td>
                  </tr>
                `)}
              </tbody>
            </table>
          </div>
        ` : html`<p class="state">${msg('No data subject’s request matches.')}</p>`}
        ${this.subjectRequests.renderMore((error) => this.renderProblem(error))}
      `}
    `;
  }

  /** A labelled text field (or text area) with its hint and error tied to it. */
  private textField(o: {
    id: string; label: string; value: string; error?: string; required?: boolean; type?: string; hint?: string; textarea?: boolean;
    maxlength?: number; max?: string; autocomplete?: string; narrow?: boolean; input: (value: string) => void;
  }): TemplateResult {
    const describedBy = [o.hint ? `${o.id}-hint` : '', o.error ? `${o.id}-error` : ''].filter(Boolean).join(' ') || nothing;
    const input = (ev: Event) => o.input((ev.target as HTMLInputElement | HTMLTextAreaElement).value);
    return html`
      <div class="field ${o.narrow ? 'narrow' : ''}">
        <label for=${o.id}>${o.label}${o.required ? html` <span class="required">${msg('(required)')}</span>` : nothing}</label>
        ${o.hint ? html`<p class="hint" id="${o.id}-hint">${o.hint}</p>` : nothing}
        ${fieldError(o.id, o.error)}
        ${o.textarea
          ? html`<textarea id=${o.id} ?required=${o.required} maxlength=${o.maxlength ?? nothing} .value=${o.value}
              aria-invalid=${invalid(o.error)} aria-describedby=${describedBy} @input=${input}></textarea>`
          : html`<input id=${o.id} type=${o.type ?? 'text'} ?required=${o.required} maxlength=${o.maxlength ?? nothing} max=${o.max ?? nothing}
              autocomplete=${o.autocomplete ?? 'off'} .value=${o.value} aria-invalid=${invalid(o.error)} aria-describedby=${describedBy} @input=${input} />`}
      </div>
    `;
  }

  private setRecord<K extends keyof RecordForm>(key: K, value: RecordForm[K]): void {
    this.recordForm = { ...this.recordForm, [key]: value };
  }

  private renderRecordForm(): TemplateResult {
    const f = this.recordForm;
    const e = this.recordErrors;
    return html`
      <form aria-labelledby="record-heading" @submit=${this.record} novalidate>
        <h4 id="record-heading">${msg('Record a data subject’s request')}</h4>
        ${formAlert(this.recordProblems)}
        <div class="field narrow">
          <label for="record-kind">${msg('Kind')} <span class="required">${msg('(required)')}</span></label>
          ${fieldError('record-kind', e.kind)}
          <select id="record-kind" required aria-invalid=${invalid(e.kind)} aria-describedby=${e.kind ? 'record-kind-error' : nothing}
            @change=${(ev: Event) => this.setRecord('kind', (ev.target as HTMLSelectElement).value as RecordForm['kind'])}>
            <option value="" ?selected=${!f.kind}>${msg('Choose…')}</option>
            ${(['access', 'correction', 'deletion'] as const).map((kind) => html`<option value=${kind} ?selected=${kind === f.kind}>${kindText(kind)}</option>`)}
          </select>
        </div>
        <div class="row">
          ${this.textField({ id: 'record-firstName', label: msg('First name'), value: f.firstName, error: e.firstName, required: true, maxlength: 200, input: (v) => this.setRecord('firstName', v) })}
          ${this.textField({ id: 'record-lastName', label: msg('Last name'), value: f.lastName, error: e.lastName, required: true, maxlength: 200, input: (v) => this.setRecord('lastName', v) })}
        </div>
        <div class="row">
          ${this.textField({ id: 'record-dateOfBirth', label: msg('Date of birth'), type: 'date', value: f.dateOfBirth, error: e.dateOfBirth, max: today(),
            hint: msg('Optional: it narrows the search to the right person.'), input: (v) => this.setRecord('dateOfBirth', v) })}
          ${this.textField({ id: 'record-receivedOn', label: msg('Received on'), type: 'date', value: f.receivedOn, error: e.receivedOn, required: true, max: today(),
            hint: msg('The 30 days run from this day.'), input: (v) => this.setRecord('receivedOn', v) })}
        </div>
        ${this.textField({ id: 'record-details', label: msg('Details'), value: f.details, error: e.details, textarea: true, maxlength: 2000,
          hint: msg('Optional: what the person asks for, how they proved their identity.'), input: (v) => this.setRecord('details', v) })}
        <div class="actions">
          <button type="submit" class="primary" ?disabled=${this.busy}>${msg('Record the request')}</button>
        </div>
      </form>
    `;
  }

  private async record(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const f = this.recordForm;
    const errors: Record<string, string> = {};
    if (!f.kind) errors.kind = msg('Choose the kind of request.');
    if (!f.firstName.trim()) errors.firstName = msg('Enter the first name.');
    if (!f.lastName.trim()) errors.lastName = msg('Enter the last name.');
    if (!f.receivedOn) errors.receivedOn = msg('Enter a valid date.');
    this.recordProblems = [];
    if (!this.showErrors(errors, 'record', (problems) => (this.recordErrors = problems))) return;
    this.busy = true;
    this.announcement = '';
    try {
      const body = {
        kind: f.kind,
        subject: { firstName: f.firstName.trim(), lastName: f.lastName.trim(), ...(f.dateOfBirth ? { dateOfBirth: f.dateOfBirth } : {}) },
        receivedOn: f.receivedOn,
        ...(f.details.trim() ? { details: f.details.trim() } : {}),
      };
      const created = await this.api().post<SubjectRequest>('/data-subject-requests', body);
      this.recordForm = emptyRecordForm();
      this.openRequests = undefined;
      this.showDetail(created);
      this.announcement = msg(str`The request of ${personName(created.subject)} is recorded. It is due on ${formatDate(created.dueOn)}.`);
      void this.loadSection('summary', () => (this.seesRetention ? this.loadSummary() : Promise.resolve()));
    } catch (error) {
      const problems = formProblems(this.apiFailure(error), (path) => {
        const field = path.replace(/^subject\./, '');
        return ['kind', 'firstName', 'lastName', 'dateOfBirth', 'receivedOn', 'details'].includes(field) ? field : undefined;
      });
      this.recordProblems = problems.rest;
      if (this.showErrors(problems.fields, 'record', (fields) => (this.recordErrors = fields))) void this.focusOn('#record-heading');
    } finally {
      this.busy = false;
    }
  }

  /** Shows a form's errors at its fields (`<prefix>-<field>`) and focuses the first; true when there are none. */
  private showErrors(errors: Record<string, string>, prefix: string, show: (errors: Record<string, string>) => void): boolean {
    show(errors);
    const first = Object.keys(errors)[0];
    if (first) void this.focusOn(`#${prefix}-${first}, [name="${prefix}-${first}"]`);
    return !first;
  }

  private async selectSubjectRequest(id: string): Promise<void> {
    this.announcement = '';
    await this.openSubjectRequest(id);
    void this.focusOn(this.detail ? '#detail-heading' : '#back-to-subjects');
  }

  private async openSubjectRequest(id: string, signal?: AbortSignal): Promise<void> {
    try {
      this.showDetail(await this.api().get<SubjectRequest>(`/data-subject-requests/${id}`, {}, { signal }), this.detail?.id === id);
    } catch (error) {
      if (signal?.aborted) return;
      this.detail = undefined;
      this.detailProblem = this.apiFailure(error);
    }
  }

  /** Shows a data subject's request; `same` keeps what the user found and typed for it. */
  private showDetail(request: SubjectRequest, same = false): void {
    this.detail = request;
    this.detailProblem = undefined;
    if (same) return;
    this.found = undefined;
    this.foundProblem = undefined;
    this.downloadMessage = '';
    this.correcting = undefined;
    this.erasing = undefined;
    this.erasureProblem = undefined;
    this.decision = { status: '', outcome: '' };
    this.decisionErrors = {};
    this.decisionProblems = [];
    void this.focusOn('#detail-heading');
  }

  private closeDetail(): void {
    const id = this.detail?.id;
    this.detail = undefined;
    this.detailProblem = undefined;
    this.found = undefined;
    void this.loadSection('requests', () => this.subjectRequests.first()).then(() => this.focusOn(id ? `[data-open="${id}"]` : '#subjects-heading'));
  }

  private renderDetail(): TemplateResult {
    const back = html`<button type="button" id="back-to-subjects" @click=${this.closeDetail}>${msg('Back to the list')}</button>`;
    if (!this.detail) return html`${back}${this.detailProblem ? this.renderProblem(this.detailProblem) : nothing}`;
    const r = this.detail;
    const fact = (label: string, value: unknown) => html`<dt>${label}</dt><dd>${value}</dd>`;
    return html`
      ${back}
      <article aria-labelledby="detail-heading">
        <h4 id="detail-heading" tabindex="-1">${msg(str`Request of ${personName(r.subject)} (${kindText(r.kind)})`)}</h4>
        <dl class="facts">
          ${fact(msg('Person'), html`${personName(r.subject)}${r.subject.dateOfBirth ? html`, ${formatDate(r.subject.dateOfBirth)}` : nothing}`)}
          ${fact(msg('Kind'), kindText(r.kind))}
          ${fact(msg('Received on'), formatDate(r.receivedOn))}
          ${fact(msg('Due on'), html`${formatDate(r.dueOn)}${r.status === 'open' ? html` — <span class="left">${timeLeft(r)}</span>` : nothing}`)}
          ${fact(msg('Status'), subjectStatusText(r.status))}
          ${r.details ? fact(msg('Details'), html`<span class="original">${r.details}</span>`) : nothing}
          ${r.outcome ? fact(msg('Outcome'), html`<span class="original">${r.outcome}</span>`) : nothing}
          ${fact(msg('Recorded by'), `${r.recordedBy.name} (${r.authority?.name ?? msg('Data-protection administrator')}), ${moment(r.recordedAt)}`)}
        </dl>
        ${this.renderMatches(r)}
        ${r.status === 'open' ? this.renderDecision(r) : nothing}
        ${this.renderHistory(r)}
      </article>
    `;
  }

  private renderMatches(r: SubjectRequest): TemplateResult {
    const name = personName(r.subject);
    return html`
      <section aria-labelledby="matches-heading">
        <h5 id="matches-heading">${msg('Requests holding the person’s data')}</h5>
        <p class="hint">${msg('The search compares the name, ignoring accents and case, and the date of birth when it is given. Searches and exports are recorded.')}</p>
        <div class="actions">
          <button type="button" id="find-matches" ?disabled=${this.busy} @click=${() => void this.findMatches(r)}>${msg('Find the requests')}</button>
          <button type="button" ?disabled=${this.busy} @click=${() => void this.exportData(r)}>${msg('Export as JSON')}</button>
        </div>
        <p role="status">${this.downloadMessage}</p>
        ${this.foundProblem ? this.renderProblem(this.foundProblem) : nothing}
        ${this.found ? (this.found.length ? html`
          <div class="table-wrap">
            <table>
              <caption>${msg(str`Requests holding data of ${name}`)}</caption>
              <thead>
                <tr>
                  <th scope="col">${msg('Case')}</th>
                  <th scope="col">${msg('Legislative area')}</th>
                  <th scope="col">${msg('Status')}</th>
                  <th scope="col">${msg('Requesting authority')}</th>
                  <th scope="col">${msg('Responding authority')}</th>
                  <th scope="col">${msg('Closed')}</th>
                  <th scope="col">${msg('Personal data')}</th>
                  <th scope="col">${msg('Actions')}</th>
                </tr>
              </thead>
              <tbody>
                ${this.found.map((m) => html`
                  <tr data-match=${m.requestId}>
                    <th scope="row">${m.caseNumber}</th>
                    <td>${m.area}</td>
                    <td>${statusLabel(m.status)}</td>
                    <td>${partyName(m.requester)}</td>
                    <td>${partyName(m.responder)}</td>
                    <td>${m.closedAt ? moment(m.closedAt) : '—'}</td>
                    <td>${m.personalDataDeleted
                      ? html`<span class="badge badge-deleted"><span aria-hidden="true">✕</span> ${msg('Deleted')}</span>`
                      : m.blocked ? html`<span class="badge badge-blocked"><span aria-hidden="true">■</span> ${msg('Blocked')}</span>` : msg('Not blocked')}</td>
                    <td>${this.renderMatchActions(r, m)}</td>
                  </tr>
                `)}
              </tbody>
            </table>
          </div>
        ` : html`<p class="state">${msg(str`No request holds data of ${name}.`)}</p>`) : nothing}
        ${this.correcting ? this.renderCorrection(this.correcting) : nothing}
        ${this.erasing ? this.renderErasure(r, this.erasing) : nothing}
      </section>
    `;
  }

  private renderMatchActions(r: SubjectRequest, m: Match): TemplateResult | string {
    if (m.personalDataDeleted || r.status !== 'open') return '—';
    const correct = r.kind === 'correction' && (!m.blocked || this.dpo);
    const erase = r.kind === 'deletion' && this.dpo && Boolean(m.closedAt);
    const read = this.dpo && m.blocked;
    if (!correct && !erase && !read) return '—';
    return html`
      <div class="actions">
        ${correct ? html`<button type="button" class="small" data-correct=${m.requestId} aria-label=${msg(str`Correct the data in request ${m.caseNumber}`)}
          @click=${() => this.openCorrection(m)}>${msg('Correct')}</button>` : nothing}
        ${erase ? html`<button type="button" class="small" data-erase=${m.requestId} aria-label=${msg(str`Erase the data in request ${m.caseNumber}`)}
          @click=${() => { this.erasing = m; this.correcting = undefined; this.erasureProblem = undefined; void this.focusOn('#erase-confirm'); }}>${msg('Erase')}</button>` : nothing}
        ${read ? html`<button type="button" class="small" aria-label=${msg(str`Request access to the blocked data of request ${m.caseNumber}`)}
          @click=${() => this.prepareAccess(r, m)}>${msg('Request access')}</button>` : nothing}
      </div>
    `;
  }

  /** Fills the access form for a blocked request found for this data subject's request. */
  private prepareAccess(r: SubjectRequest, m: Match): void {
    this.blockedData = undefined;
    this.blockedProblem = undefined;
    this.grantErrors = {};
    this.grantProblems = [];
    this.grantForm = { requestId: m.requestId, purpose: 'data-subject-rights', dataSubjectRequestId: r.id, justification: '' };
    if (!this.openRequests) void this.loadOpenRequests();
    void this.focusOn('#grant-justification');
  }

  private async findMatches(r: SubjectRequest): Promise<void> {
    this.busy = true;
    this.foundProblem = undefined;
    this.downloadMessage = '';
    try {
      this.found = (await this.api().get<{ items: Match[] }>(`/data-subject-requests/${r.id}/matches`)).items;
      this.downloadMessage = msg(str`Requests found: ${count(this.found.length)}.`);
      // The search is recorded as an action of the request.
      await this.openSubjectRequest(r.id);
    } catch (error) {
      this.foundProblem = this.apiFailure(error);
    } finally {
      this.busy = false;
    }
  }

  private async exportData(r: SubjectRequest): Promise<void> {
    this.busy = true;
    this.foundProblem = undefined;
    this.downloadMessage = '';
    try {
      const blob = await this.api().download(`/data-subject-requests/${r.id}/export`);
      const name = `imi-data-subject-request-${r.id.slice(0, 8)}-${today()}.json`;
      this.offer(blob, name);
      this.downloadMessage = msg(str`Downloaded ${name}.`);
      await this.openSubjectRequest(r.id);
    } catch (error) {
      this.foundProblem = this.apiFailure(error);
    } finally {
      this.busy = false;
    }
  }

  private openCorrection(m: Match): void {
    this.correcting = m;
    this.erasing = undefined;
    this.correction = emptyCorrection();
    this.correctionErrors = {};
    this.correctionProblems = [];
    void this.focusOn('#correction-firstName');
  }

  private renderCorrection(m: Match): TemplateResult {
    const f = this.correction;
    const e = this.correctionErrors;
    const set = (key: keyof CorrectionForm) => (value: string) => (this.correction = { ...this.correction, [key]: value });
    return html`
      <form class="panel" aria-labelledby="correction-heading" @submit=${this.saveCorrection} novalidate>
        <h5 id="correction-heading">${msg(str`Correct the data in request ${m.caseNumber}`)}</h5>
        <p class="hint">${msg('Fill in only what changes; the other data stay as they are.')}</p>
        ${formAlert(this.correctionProblems)}
        <div class="row">
          ${this.textField({ id: 'correction-firstName', label: msg('First name'), value: f.firstName, error: e.firstName, maxlength: 200, input: set('firstName') })}
          ${this.textField({ id: 'correction-lastName', label: msg('Last name'), value: f.lastName, error: e.lastName, maxlength: 200, input: set('lastName') })}
        </div>
        <div class="row">
          ${this.textField({ id: 'correction-dateOfBirth', label: msg('Date of birth'), type: 'date', value: f.dateOfBirth, error: e.dateOfBirth, max: today(), input: set('dateOfBirth') })}
          ${this.textField({ id: 'correction-nationality', label: msg('Nationality'), value: f.nationality, error: e.nationality, maxlength: 2,
            hint: msg('Two-letter country code, e.g. PT.'), input: set('nationality') })}
        </div>
        <div class="actions">
          <button type="submit" class="primary" ?disabled=${this.busy}>${msg('Save the correction')}</button>
          <button type="button" @click=${() => { this.correcting = undefined; void this.focusOn(`[data-correct="${m.requestId}"]`); }}>${msg('Cancel')}</button>
        </div>
      </form>
    `;
  }

  private async saveCorrection(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const m = this.correcting!;
    const subject = Object.fromEntries(
      Object.entries(this.correction).map(([key, value]) => [key, key === 'nationality' ? value.trim().toUpperCase() : value.trim()]).filter(([, value]) => value),
    );
    this.correctionProblems = [];
    if (!Object.keys(subject).length) {
      this.showErrors({ firstName: msg('Fill in at least one field.') }, 'correction', (errors) => (this.correctionErrors = errors));
      return;
    }
    this.busy = true;
    this.announcement = '';
    try {
      const updated = await this.api().post<SubjectRequest>(`/data-subject-requests/${this.detail!.id}/corrections`, { requestId: m.requestId, subject });
      this.showDetail(updated, true);
      this.correcting = undefined;
      this.announcement = msg(str`The correction of request ${m.caseNumber} is saved.`);
      void this.focusOn('#history-heading');
    } catch (error) {
      const problems = formProblems(this.apiFailure(error), (path) => {
        const field = path.replace(/^subject\./, '');
        return ['firstName', 'lastName', 'dateOfBirth', 'nationality'].includes(field) ? field : undefined;
      });
      this.correctionProblems = problems.rest;
      if (this.showErrors(problems.fields, 'correction', (fields) => (this.correctionErrors = fields))) void this.focusOn('#correction-heading');
    } finally {
      this.busy = false;
    }
  }

  private renderErasure(r: SubjectRequest, m: Match): TemplateResult {
    return html`
      <div class="panel warning" role="group" aria-labelledby="erase-text">
        <p id="erase-text">${msg(str`Erase the personal data of ${personName(r.subject)} from request ${m.caseNumber}? The request keeps only its dates, states and parties. This cannot be undone.`)}</p>
        ${this.erasureProblem ? this.renderProblem(this.erasureProblem) : nothing}
        <div class="actions">
          <button type="button" class="primary" id="erase-confirm" ?disabled=${this.busy} @click=${() => void this.erase(r, m)}>${msg('Erase for good')}</button>
          <button type="button" ?disabled=${this.busy} @click=${() => { this.erasing = undefined; void this.focusOn(`[data-erase="${m.requestId}"]`); }}>${msg('Cancel')}</button>
        </div>
      </div>
    `;
  }

  private async erase(r: SubjectRequest, m: Match): Promise<void> {
    this.busy = true;
    this.announcement = '';
    this.erasureProblem = undefined;
    try {
      const answer = await this.api().post<SubjectRequest | undefined>(`/data-subject-requests/${r.id}/erasures`, { requestId: m.requestId });
      this.erasing = undefined;
      this.found = this.found?.map((match) => (match.requestId === m.requestId ? { ...match, personalDataDeleted: true } : match));
      if (answer?.actions) this.showDetail(answer, true);
      else await this.openSubjectRequest(r.id);
      this.announcement = msg(str`The personal data of ${personName(r.subject)} are erased from request ${m.caseNumber}.`);
      void this.focusOn('#matches-heading');
    } catch (error) {
      this.erasureProblem = this.apiFailure(error);
    } finally {
      this.busy = false;
    }
  }

  private renderDecision(r: SubjectRequest): TemplateResult {
    const d = this.decision;
    const e = this.decisionErrors;
    return html`
      <form aria-labelledby="decision-heading" @submit=${(ev: SubmitEvent) => void this.decide(ev, r)} novalidate>
        <h5 id="decision-heading">${msg('Complete or reject the request')}</h5>
        ${formAlert(this.decisionProblems)}
        <fieldset aria-describedby=${e.status ? 'decision-status-error' : nothing}>
          <legend>${msg('Decision')} <span class="required">${msg('(required)')}</span></legend>
          ${fieldError('decision-status', e.status)}
          ${([['completed', msg('Completed')], ['rejected', msg('Rejected')]] as const).map(([status, label]) => html`
            <label class="choice">
              <input type="radio" name="decision-status" value=${status} .checked=${d.status === status} aria-invalid=${invalid(e.status)}
                @change=${() => (this.decision = { ...this.decision, status })} />
              ${label}
            </label>
          `)}
        </fieldset>
        ${this.textField({ id: 'decision-outcome', label: msg('Outcome'), value: d.outcome, error: e.outcome, required: true, textarea: true, maxlength: 2000,
          hint: msg('What was done for the person, or why the request is rejected.'), input: (outcome) => (this.decision = { ...this.decision, outcome }) })}
        <div class="actions">
          <button type="submit" class="primary" ?disabled=${this.busy}>${msg('Save the decision')}</button>
        </div>
      </form>
    `;
  }

  private async decide(event: SubmitEvent, r: SubjectRequest): Promise<void> {
    event.preventDefault();
    const { status, outcome } = this.decision;
    const errors: Record<string, string> = {};
    if (!status) errors.status = msg('Choose the decision.');
    if (!outcome.trim()) errors.outcome = msg('Describe the outcome.');
    this.decisionProblems = [];
    if (!this.showErrors(errors, 'decision', (fields) => (this.decisionErrors = fields))) return;
    this.busy = true;
    this.announcement = '';
    try {
      const updated = await this.api().patch<SubjectRequest>(`/data-subject-requests/${r.id}`, { version: r.version, status, outcome: outcome.trim() });
      this.showDetail(updated, true);
      this.announcement = status === 'completed' ? msg('The data subject’s request is completed.') : msg('The data subject’s request is rejected.');
      void this.focusOn('#detail-heading');
    } catch (error) {
      const failure = this.apiFailure(error);
      if (failure.status === 409) {
        await this.openSubjectRequest(r.id);
        this.announcement = msg('Someone else changed this data subject’s request meanwhile. The page now shows the current data: make your change again.');
        void this.focusOn('#detail-heading');
      } else {
        const problems = formProblems(failure, (path) => (path === 'status' || path === 'outcome' ? path : undefined));
        this.decisionProblems = problems.rest;
        if (this.showErrors(problems.fields, 'decision', (fields) => (this.decisionErrors = fields))) void this.focusOn('#decision-heading');
      }
    } finally {
      this.busy = false;
    }
  }

  private renderHistory(r: SubjectRequest): TemplateResult {
    return html`
      <section aria-labelledby="history-heading">
        <h5 id="history-heading" tabindex="-1">${msg('What was done')}</h5>
        ${r.actions.length ? html`
          <div class="table-wrap" tabindex="0" role="region" aria-labelledby="history-caption">
            <table>
              <caption id="history-caption">${msg('Actions for this data subject’s request, oldest first')}</caption>
              <thead>
                <tr>
                  <th scope="col">${msg('Time')}</th>
                  <th scope="col">${msg('Action')}</th>
                  <th scope="col">${msg('Request')}</th>
                  <th scope="col">${msg('Blocked data')}</th>
                  <th scope="col">${msg('Fields')}</th>
                  <th scope="col">${msg('By')}</th>
                </tr>
              </thead>
              <tbody>
                ${r.actions.map((a) => html`
                  <tr>
                    <td class="at"><time datetime=${a.at}>${moment(a.at)}</time></td>
                    <td>${actionText(a.kind)}</td>
                    <td>${a.caseNumber ?? '—'}</td>
                    <td>${a.blocked ? msg('Yes') : msg('No')}</td>
                    <td>${a.fields.length ? a.fields.join(', ') : '—'}</td>
                    <td>${a.by.name}</td>
                  </tr>
                `)}
              </tbody>
            </table>
          </div>
        ` : html`<p class="state">${msg('Nothing done yet.')}</p>`}
      </section>
    `;
  }
}

ImiConsoleDataProtection.define('imi-console-data-protection');

declare global {
  interface HTMLElementTagNameMap {
    'imi-console-data-protection': ImiConsoleDataProtection;
  }
}
