import { css, html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import type { InvitationItem, RegistryDetail, RegistryItem } from '../../server/modules/admin/authorities.js';
import type { AuthorityStatus, CoordinationRelation } from '../../server/modules/authorities/entities.js';
import type { Country, LegislativeArea } from '../../server/modules/reference/schemas.js';
import { ApiError } from '../../components/core/api.js';
import { getLocale, locales } from '../../components/core/localization.js';
import { nativeNames } from '../../components/core/sign-in.js';
import { ConsolePage } from '../console-page.js';
import {
  badgeStyles, dateText, describedBy, fieldError, formAlert, formProblems, invalid, listCount, stateFilter, statusBadge, statusText, type FormProblems, type Page, type Wire,
} from '../forms.js';
import { consoleStyles } from '../styles.js';

type Item = Wire<RegistryItem>;
type Detail = Wire<RegistryDetail>;
type Invitation = Wire<InvitationItem>;
type View = 'list' | 'queue' | 'invitations';
type InvitationStatus = InvitationItem['status'] | '';

/** One of the page's lists: what it shows so far, where it goes on, and whether it is loading or failed. */
interface Listing<T> {
  items: T[];
  next: string | null;
  busy: boolean;
  error?: ApiError;
}
const emptyListing = <T>(): Listing<T> => ({ items: [], next: null, busy: false });

/** Where a change's problems show: its form's fields (by the server's path) and the form's alert. */
interface ChangeForm {
  show(problems: FormProblems): void;
  fieldOf(path: string): string | undefined;
  /** The control to focus for a field's error. */
  focusOf(field: string): string;
}

interface CoordinatorRelation {
  area: string;
  relation: CoordinationRelation;
  coordinator: { id: string; officialName: string; kind: string };
}

/** The authority's data as the edit form holds it: texts as typed, translations per language. */
interface EditForm {
  officialName: string;
  officialNameLang: string;
  designations: Record<string, string>;
  descriptions: Record<string, string>;
  region: string;
  city: string;
  address: string;
  postalCode: string;
  email: string;
  phone: string;
  website: string;
  languages: string[];
}

const textFields = ['region', 'city', 'address', 'postalCode', 'email', 'phone', 'website'] as const;
type TextField = (typeof textFields)[number];
const editFields = ['officialName', 'officialNameLang', 'languages', ...textFields] as const;
const listStatuses: AuthorityStatus[] = ['pending-validation', 'active', 'suspended', 'rejected'];
/** Coordinators that register or invite authorities (a DIMIC only acts for the coordinator that delegated to it). */
const invitingKinds = ['NIMIC', 'SDIMIC', 'LIMIC'];
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function formOf(detail: Detail): EditForm {
  return {
    officialName: detail.officialName,
    officialNameLang: detail.officialNameLang,
    designations: { ...detail.designations },
    descriptions: { ...detail.descriptions },
    region: detail.region ?? '',
    city: detail.city ?? '',
    address: detail.address ?? '',
    postalCode: detail.postalCode ?? '',
    email: detail.email ?? '',
    phone: detail.phone ?? '',
    website: detail.website ?? '',
    languages: [...detail.languages],
  };
}

/** Translations without the emptied ones: a cleared text removes that language. */
const filled = (texts: Record<string, string>) => Object.fromEntries(Object.entries(texts).map(([k, v]) => [k, v.trim()]).filter(([, v]) => v));

/**
 * @summary The registry in the user's scope: every authority with its status (the Commission the network, a NIMIC its
 * state, other coordinators those they coordinate, a local data administrator its own), the validation queue with
 * approval and rejection, invitations sent and pending with a form to invite, and one authority's data, areas,
 * coordinators and suspension.
 */
@localized()
export class ImiConsoleAuthorities extends ConsolePage {
  static override styles = [
    consoleStyles,
    badgeStyles,
    css`
      .views {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        margin-bottom: 1rem;
      }
      .views button[aria-pressed='true'] {
        color: var(--imi-console-on-accent-color, #fff);
        background: var(--imi-console-accent-color, #1d4f91);
      }
      .queue {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 1rem;
      }
      .queue > li,
      .panel {
        padding: 0.75rem;
        border: 1px solid #d1d5db;
        border-radius: 4px;
      }
      .queue h4 {
        margin: 0 0 0.5rem;
        font-size: 1rem;
      }
      dl {
        display: grid;
        grid-template-columns: minmax(8rem, max-content) minmax(0, 1fr);
        gap: 0.25rem 1rem;
        margin: 0 0 0.75rem;
      }
      dt {
        font-weight: 600;
      }
      dd {
        margin: 0;
      }
      .status:empty {
        display: none;
      }
      fieldset + fieldset,
      fieldset + .actions,
      .field + .actions {
        margin-top: 0.75rem;
      }
      .checks {
        display: flex;
        flex-wrap: wrap;
        gap: 0 1.25rem;
      }
      @media (max-width: 30rem) {
        dl {
          grid-template-columns: minmax(0, 1fr);
        }
      }
    `,
  ];

  @state() private view: View = 'list';
  @state() private announcement = '';
  @state() private areas: LegislativeArea[] = [];
  @state() private countries: Country[] = [];

  @state() private q = '';
  @state() private country = '';
  @state() private status: AuthorityStatus | '' = '';
  @state() private list: Listing<Item> = emptyListing();
  @state() private queue: Listing<Item> = emptyListing();
  /** The queued authority whose rejection form is open, its reason and error. */
  @state() private rejecting?: string;
  @state() private rejectReason = '';
  @state() private rejectError?: string;

  @state() private invitationStatus: InvitationStatus = 'pending';
  @state() private invitations: Listing<Invitation> = emptyListing();
  @state() private inviteEmail = '';
  @state() private inviteAreas: string[] = [];
  @state() private inviteErrors: Record<string, string> = {};
  @state() private inviteProblems: string[] = [];

  @state() private detail?: Detail;
  @state() private detailError?: ApiError;
  @state() private coordinators: CoordinatorRelation[] = [];
  @state() private coordinatorChoices: Item[] = [];
  @state() private form?: EditForm;
  @state() private formErrors: Record<string, string> = {};
  @state() private formProblems: string[] = [];
  @state() private addLanguage: Record<'designations' | 'descriptions', string> = { designations: '', descriptions: '' };
  @state() private statusReason = '';
  @state() private statusErrors: Record<string, string> = {};
  @state() private statusProblems: string[] = [];
  @state() private grantArea = '';
  @state() private grantErrors: Record<string, string> = {};
  @state() private areaProblems: string[] = [];
  @state() private relation = { area: '', relation: 'request' as 'request' | 'observer', coordinatorId: '' };
  @state() private relationErrors: Record<string, string> = {};
  @state() private relationProblems: string[] = [];
  @state() private busy = false;

  private get coordinator(): boolean {
    return this.administers && Boolean(this.me?.coordinator);
  }

  private get invites(): boolean {
    return this.coordinator && invitingKinds.includes(this.me!.coordinator!.kind);
  }

  protected async load(signal: AbortSignal): Promise<void> {
    const api = this.api();
    const [areas, countries] = await Promise.all([
      api.get<Page<LegislativeArea>>('/legislative-areas', {}, { signal }),
      this.commission ? api.get<Page<Country>>('/countries', {}, { signal }) : undefined,
    ]);
    this.areas = areas.items;
    this.countries = countries?.items ?? [];
    await this.showView(this.view, signal);
    if (this.detail) await this.openAuthority(this.detail.id, signal);
  }

  private async showView(view: View, signal?: AbortSignal): Promise<void> {
    this.view = view;
    this.announcement = '';
    if (view === 'list') await this.loadList(false, signal);
    if (view === 'queue') await this.loadQueue(false, signal);
    if (view === 'invitations') await this.loadInvitations(false, signal);
  }

  private async fetchAuthorities(query: Record<string, string | number>, cursor: string | null, signal?: AbortSignal): Promise<Page<Item>> {
    return this.api().get<Page<Item>>('/admin/authorities', { ...query, limit: 50, cursor: cursor ?? undefined }, { signal });
  }

  /** Loads a list's first page, or with `more` its next one; `set` stores each step so that the page shows it. */
  private async loadListing<T>(current: Listing<T>, more: boolean, fetch: (cursor: string | null) => Promise<Page<T>>, set: (listing: Listing<T>) => void, signal?: AbortSignal): Promise<void> {
    set({ ...current, busy: true, error: undefined });
    try {
      const page = await fetch(more ? current.next : null);
      set({ items: more ? [...current.items, ...page.items] : page.items, next: page.nextCursor, busy: false });
    } catch (error) {
      if (signal?.aborted) return;
      set({ ...current, busy: false, error: this.apiFailure(error) });
    }
  }

  private loadList(more: boolean, signal?: AbortSignal): Promise<void> {
    const query = { q: this.q.trim(), country: this.country, status: this.status };
    return this.loadListing(this.list, more, (cursor) => this.fetchAuthorities(query, cursor, signal), (l) => (this.list = l), signal);
  }

  private loadQueue(more: boolean, signal?: AbortSignal): Promise<void> {
    return this.loadListing(this.queue, more, (cursor) => this.fetchAuthorities({ status: 'pending-validation' }, cursor, signal), (l) => (this.queue = l), signal);
  }

  private loadInvitations(more: boolean, signal?: AbortSignal): Promise<void> {
    const fetch = (cursor: string | null) =>
      this.api().get<Page<Invitation>>('/admin/invitations', { status: this.invitationStatus, limit: 50, cursor: cursor ?? undefined }, { signal });
    return this.loadListing(this.invitations, more, fetch, (l) => (this.invitations = l), signal);
  }

  /** A list with its count (or its failure with “Retry”) and “Show more” while there is more. */
  private renderListing<T>(listing: Listing<T>, load: (more: boolean) => Promise<void>, shown: (n: number) => string, none: string, content: (items: T[]) => unknown): TemplateResult {
    if (listing.error) return this.renderProblem(listing.error, () => void load(false));
    return html`
      ${listCount(listing.busy, listing.items.length, shown, none)}
      ${listing.items.length ? content(listing.items) : nothing}
      ${listing.next ? html`<button type="button" ?disabled=${listing.busy} @click=${() => void load(true)}>${msg('Show more')}</button>` : nothing}
    `;
  }

  private async openAuthority(id: string, signal?: AbortSignal): Promise<void> {
    const api = this.api();
    this.detailError = undefined;
    try {
      const [detail, coordinators] = await Promise.all([
        api.get<Detail>(`/admin/authorities/${id}`, {}, { signal }),
        api.get<Page<CoordinatorRelation>>(`/authorities/${id}/coordinators`, {}, { signal }),
      ]);
      const choices = this.coordinator
        ? await this.fetchAuthorities({ coordinator: 'true', status: 'active', country: detail.country }, null, signal)
        : undefined;
      this.detail = detail;
      this.coordinators = coordinators.items;
      this.coordinatorChoices = (choices?.items ?? []).filter((c) => c.id !== detail.id);
      this.form = formOf(detail);
      this.formErrors = {};
      this.formProblems = [];
      this.statusReason = '';
      this.statusErrors = {};
      this.statusProblems = [];
      this.grantErrors = {};
      this.areaProblems = [];
      this.relationErrors = {};
      this.relationProblems = [];
    } catch (error) {
      if (signal?.aborted) return;
      this.detailError = this.apiFailure(error);
      this.detail = undefined;
    }
  }

  private async focusOn(selector: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  private async select(item: { id: string }): Promise<void> {
    this.announcement = '';
    await this.openAuthority(item.id);
    void this.focusOn(this.detail ? '#detail-heading' : '.problem');
  }

  private closeDetail(): void {
    const id = this.detail?.id;
    this.detail = undefined;
    this.detailError = undefined;
    this.form = undefined;
    void this.focusOn(id ? `[data-open="${id}"]` : '#views button[aria-pressed="true"]');
    // What the user changed in the authority shows in the lists behind it.
    void this.showView(this.view);
  }

  protected override render() {
    return this.whenLoaded(() => html`
      <div class="status notice" role="status">${this.announcement || nothing}</div>
      ${this.detail || this.detailError ? this.renderDetail() : html`
        <div class="views" id="views" role="group" aria-label=${msg('Views')}>
          ${this.viewButton('list', msg('All authorities'))}
          ${this.coordinator ? this.viewButton('queue', msg('Validation queue')) : nothing}
          ${this.coordinator || this.commission ? this.viewButton('invitations', msg('Invitations')) : nothing}
        </div>
        ${this.view === 'list' ? this.renderList() : this.view === 'queue' ? this.renderQueue() : this.renderInvitations()}
      `}
    `);
  }

  private viewButton(view: View, label: string): TemplateResult {
    return html`<button type="button" aria-pressed=${this.view === view ? 'true' : 'false'} @click=${() => void this.showView(view)}>${label}</button>`;
  }

  private areaName(code: string): string {
    const area = this.areas.find((a) => a.code === code);
    return area ? `${area.name} (${code})` : code;
  }

  private kindText(kind: string): string {
    switch (kind) {
      case 'NONE':
        return msg('Competent authority');
      case 'SDIMIC':
        return msg('SDIMIC (regional)');
      case 'LIMIC':
        return msg('LIMIC (per legislative area)');
      case 'DIMIC':
        return msg('DIMIC (delegated)');
      default:
        return kind;
    }
  }

  private relationText(relation: CoordinationRelation): string {
    switch (relation) {
      case 'validating':
        return msg('Validating coordinator');
      case 'access':
        return msg('Access coordinator');
      case 'request':
        return msg('Request coordinator');
      case 'observer':
        return msg('Linked observer');
    }
  }

  private search(event: SubmitEvent): void {
    event.preventDefault();
    this.announcement = '';
    void this.loadList(false);
  }

  private renderList(): TemplateResult {
    return html`
      <section aria-labelledby="list-heading">
        <h3 id="list-heading">${msg('All authorities')}</h3>
        <form class="toolbar" role="search" @submit=${this.search}>
          <div class="field">
            <label for="filter-q">${msg('Name, city or region')}</label>
            <input id="filter-q" type="search" .value=${this.q} @input=${(e: Event) => (this.q = (e.target as HTMLInputElement).value)} />
          </div>
          ${this.commission ? stateFilter('filter-country', this.countries, this.country, (code) => (this.country = code)) : nothing}
          <div class="field">
            <label for="filter-status">${msg('Status')}</label>
            <select id="filter-status" aria-describedby="filter-status-hint"
              @change=${(e: Event) => (this.status = (e.target as HTMLSelectElement).value as AuthorityStatus | '')}>
              <option value="" ?selected=${!this.status}>${msg('Any status')}</option>
              ${listStatuses.map((s) => html`<option value=${s} ?selected=${s === this.status}>${statusText(s)}</option>`)}
            </select>
          </div>
          <button class="primary" type="submit" ?disabled=${this.list.busy}>${msg('Search')}</button>
        </form>
        <p class="hint" id="filter-status-hint">${msg('Authorities invited but not registered yet are listed under Invitations.')}</p>
        ${this.renderListing(this.list, (more) => this.loadList(more), (n) => msg(str`Authorities shown: ${n}`), msg('No authority matches.'), (items) => this.renderTable(items))}
      </section>
    `;
  }

  private renderTable(items: Item[]): TemplateResult {
    return html`
      <div class="table-wrap">
        <table>
          <caption>${msg('Authorities')}</caption>
          <thead>
            <tr>
              <th scope="col">${msg('Designation')}</th>
              <th scope="col">${msg('State')}</th>
              <th scope="col">${msg('City')}</th>
              <th scope="col">${msg('Kind')}</th>
              <th scope="col">${msg('Status')}</th>
              <th scope="col">${msg('Legislative areas')}</th>
            </tr>
          </thead>
          <tbody>
            ${items.map((item) => html`
              <tr>
                <th scope="row">
                  <button type="button" class="link" data-open=${item.id} @click=${() => void this.select(item)}>${item.designation}</button>
                  ${item.designation !== item.officialName ? html`<br /><span class="muted" lang=${item.officialNameLang}>${item.officialName}</span>` : nothing}
                </th>
                <td>${item.country}</td>
                <td>${item.city ?? '—'}</td>
                <td>${this.kindText(item.coordinatorKind)}</td>
                <td>${statusBadge(item.status)}${item.statusReason ? html`<br /><span class="muted">${item.statusReason}</span>` : nothing}</td>
                <td>${item.areas.join(', ') || '—'}</td>
              </tr>
            `)}
          </tbody>
        </table>
      </div>
    `;
  }

  private renderQueue(): TemplateResult {
    const locale = getLocale();
    return html`
      <section aria-labelledby="queue-heading">
        <h3 id="queue-heading">${msg('Validation queue')}</h3>
        <p>${msg('Authorities that registered with an invitation wait here until a coordinator approves or rejects them. Only approved authorities take part in exchanges.')}</p>
        ${this.renderListing(this.queue, (more) => this.loadQueue(more), (n) => msg(str`Registrations waiting: ${n}`), msg('No registration waits for validation.'), (items) => html`
          <ul class="queue">
            ${items.map((item) => html`
              <li>
                <h4 id="queued-${item.id}">${item.designation}</h4>
                <dl>
                  <dt>${msg('Official name')}</dt><dd lang=${item.officialNameLang}>${item.officialName}</dd>
                  <dt>${msg('State')}</dt><dd>${item.country}</dd>
                  <dt>${msg('City')}</dt><dd>${item.city ?? '—'}</dd>
                  <dt>${msg('Legislative areas')}</dt><dd>${item.areas.map((a) => this.areaName(a)).join(', ')}</dd>
                  <dt>${msg('Registered on')}</dt><dd>${dateText(item.createdAt, locale)}</dd>
                </dl>
                ${this.rejecting === item.id ? this.renderRejection(item) : html`
                  <div class="actions">
                    <button type="button" class="primary" ?disabled=${this.busy} aria-describedby="queued-${item.id}" @click=${() => void this.decide(item, 'approve')}>${msg('Approve')}</button>
                    <button type="button" ?disabled=${this.busy} aria-describedby="queued-${item.id}" @click=${() => this.openRejection(item)}>${msg('Reject')}</button>
                    <button type="button" class="link" data-open=${item.id} @click=${() => void this.select(item)}>${msg('Details')}</button>
                  </div>
                `}
              </li>
            `)}
          </ul>
        `)}
      </section>
    `;
  }

  private openRejection(item: Item): void {
    this.rejecting = item.id;
    this.rejectReason = '';
    this.rejectError = undefined;
    void this.focusOn('#reject-reason');
  }

  private renderRejection(item: Item): TemplateResult {
    return html`
      <form @submit=${(e: SubmitEvent) => { e.preventDefault(); void this.decide(item, 'reject'); }} novalidate>
        <div class="field">
          <label for="reject-reason">${msg('Reason for the rejection')}</label>
          <span class="hint" id="reject-reason-hint">${msg('The authority\'s administrator reads it.')}</span>
          ${fieldError('reject-reason', this.rejectError)}
          <textarea id="reject-reason" required maxlength="1000" .value=${this.rejectReason}
            aria-invalid=${invalid(this.rejectError)} aria-describedby="reject-reason-hint ${this.rejectError ? 'reject-reason-error' : ''}"
            @input=${(e: Event) => (this.rejectReason = (e.target as HTMLTextAreaElement).value)}></textarea>
        </div>
        <div class="actions">
          <button type="submit" class="primary" ?disabled=${this.busy}>${msg('Reject registration')}</button>
          <button type="button" @click=${() => { this.rejecting = undefined; void this.focusOn(`[data-open="${item.id}"]`); }}>${msg('Cancel')}</button>
        </div>
      </form>
    `;
  }

  /** Approves or rejects a queued registration; the authority leaves the queue either way. */
  private async decide(item: Item, decision: 'approve' | 'reject'): Promise<void> {
    const reason = this.rejectReason.trim();
    if (decision === 'reject' && !reason) {
      this.rejectError = msg('Give the reason for the rejection.');
      void this.focusOn('#reject-reason');
      return;
    }
    this.busy = true;
    this.rejectError = undefined;
    try {
      await this.api().post(`/authorities/${item.id}/validate`, decision === 'approve' ? { decision, version: item.version } : { decision, version: item.version, reason });
      this.queue = { ...this.queue, items: this.queue.items.filter((q) => q.id !== item.id) };
      this.rejecting = undefined;
      this.announcement = decision === 'approve'
        ? msg(str`${item.designation} is approved and takes part in exchanges from now on.`)
        : msg(str`The registration of ${item.designation} is rejected.`);
      void this.focusOn('#queue-heading');
    } catch (error) {
      const failure = this.apiFailure(error);
      const problems = formProblems(failure, (path) => (path === 'reason' ? 'reason' : undefined));
      if (problems.fields.reason) {
        this.rejectError = problems.fields.reason;
        void this.focusOn('#reject-reason');
      } else {
        // Someone decided first, or the registration changed: the queue shows what waits now.
        this.rejecting = undefined;
        await this.loadQueue(false);
        this.announcement = failure.status === 409 ? msg('Someone else changed this registration meanwhile. The queue now shows what still waits.') : problems.rest.join(' ');
      }
    } finally {
      this.busy = false;
    }
  }

  private renderInvitations(): TemplateResult {
    const locale = getLocale();
    return html`
      ${this.invites ? this.renderInviteForm() : nothing}
      <section aria-labelledby="invitations-heading">
        <h3 id="invitations-heading">${msg('Invitations sent')}</h3>
        <form class="toolbar" @submit=${(e: SubmitEvent) => { e.preventDefault(); void this.loadInvitations(false); }}>
          <div class="field">
            <label for="invitation-status">${msg('Status')}</label>
            <select id="invitation-status" @change=${(e: Event) => (this.invitationStatus = (e.target as HTMLSelectElement).value as InvitationStatus)}>
              ${([['pending', msg('Pending')], ['registered', msg('Registered')], ['expired', msg('Expired')], ['', msg('Any status')]] as const).map(
                ([value, label]) => html`<option value=${value} ?selected=${value === this.invitationStatus}>${label}</option>`)}
            </select>
          </div>
          <button type="submit" ?disabled=${this.invitations.busy}>${msg('Show')}</button>
        </form>
        ${this.renderListing(this.invitations, (more) => this.loadInvitations(more), (n) => msg(str`Invitations shown: ${n}`), msg('No invitation matches.'), (items) => html`
          <div class="table-wrap">
            <table>
              <caption>${msg('Invitations')}</caption>
              <thead>
                <tr>
                  <th scope="col">${msg('E-mail')}</th>
                  <th scope="col">${msg('Legislative areas')}</th>
                  <th scope="col">${msg('Status')}</th>
                  <th scope="col">${msg('Sent on')}</th>
                  <th scope="col">${msg('Valid until')}</th>
                  <th scope="col">${msg('Invited by')}</th>
                  <th scope="col">${msg('Registered authority')}</th>
                </tr>
              </thead>
              <tbody>
                ${items.map((i) => html`
                  <tr>
                    <th scope="row">${i.email}</th>
                    <td>${i.areas.join(', ')}</td>
                    <td>${i.status === 'pending' ? msg('Pending') : i.status === 'registered' ? msg('Registered') : msg('Expired')}</td>
                    <td>${dateText(i.createdAt, locale)}</td>
                    <td>${dateText(i.expiresAt, locale)}</td>
                    <td>${i.invitedBy?.name ?? '—'}<br /><span class="muted">${i.coordinator.officialName}</span></td>
                    <td>${i.authority
                      ? html`<button type="button" class="link" data-open=${i.authority.id} @click=${() => void this.select(i.authority!)}>${i.authority.officialName}</button>
                          <br />${statusBadge(i.authority.status)}`
                      : '—'}</td>
                  </tr>
                `)}
              </tbody>
            </table>
          </div>
        `)}
      </section>
    `;
  }

  private renderInviteForm(): TemplateResult {
    const country = this.me!.authority!.country;
    const emailError = this.inviteErrors.email;
    const areasError = this.inviteErrors.areas;
    return html`
      <section aria-labelledby="invite-heading">
        <h3 id="invite-heading">${msg('Invite an authority')}</h3>
        <p>${msg(str`The authority receives a link to register itself, valid for 14 days. You validate the registration afterwards. State: ${country}`)}</p>
        ${formAlert(this.inviteProblems)}
        <form @submit=${this.invite} novalidate>
          <div class="field narrow">
            <label for="invite-email">${msg('E-mail address of the authority')}</label>
            ${fieldError('invite-email', emailError)}
            <input id="invite-email" type="email" autocomplete="off" required .value=${this.inviteEmail}
              aria-invalid=${invalid(emailError)} aria-describedby=${describedBy('invite-email', emailError)}
              @input=${(e: Event) => (this.inviteEmail = (e.target as HTMLInputElement).value)} />
          </div>
          <fieldset aria-describedby=${describedBy('invite-areas', areasError)}>
            <legend>${msg('Legislative areas')}</legend>
            ${fieldError('invite-areas', areasError)}
            <div class="checks">
              ${this.areas.map((area) => html`
                <label class="choice">
                  <input type="checkbox" name="invite-area" value=${area.code} .checked=${this.inviteAreas.includes(area.code)}
                    @change=${(e: Event) => {
                      const checked = (e.target as HTMLInputElement).checked;
                      this.inviteAreas = checked ? [...this.inviteAreas, area.code] : this.inviteAreas.filter((a) => a !== area.code);
                    }} />
                  ${this.areaName(area.code)}
                </label>
              `)}
            </div>
          </fieldset>
          <div class="actions">
            <button type="submit" class="primary" ?disabled=${this.busy}>${msg('Send the invitation')}</button>
          </div>
        </form>
      </section>
    `;
  }

  private async invite(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const email = this.inviteEmail.trim();
    const errors: Record<string, string> = {};
    if (!emailPattern.test(email)) errors.email = msg('Enter an e-mail address like office@example.org.');
    if (!this.inviteAreas.length) errors.areas = msg('Choose at least one legislative area.');
    this.inviteErrors = errors;
    this.inviteProblems = [];
    if (Object.keys(errors).length) {
      void this.focusOn(errors.email ? '#invite-email' : 'input[name="invite-area"]');
      return;
    }
    this.busy = true;
    try {
      await this.api().post('/authorities/invitations', { email, country: this.me!.authority!.country, areas: this.inviteAreas });
      this.inviteEmail = '';
      this.inviteAreas = [];
      this.announcement = msg(str`Invitation sent to ${email}.`);
      await this.loadInvitations(false);
    } catch (error) {
      const problems = formProblems(this.apiFailure(error), (path) => (path === 'email' ? 'email' : path.startsWith('areas') ? 'areas' : undefined));
      this.inviteErrors = problems.fields;
      this.inviteProblems = problems.rest;
      void this.focusOn(problems.fields.email ? '#invite-email' : problems.fields.areas ? 'input[name="invite-area"]' : '#invite-heading');
    } finally {
      this.busy = false;
    }
  }

  private renderDetail(): TemplateResult {
    const back = html`<button type="button" @click=${this.closeDetail}>${msg('Back to the list')}</button>`;
    if (!this.detail) return html`${back}${this.detailError ? this.renderProblem(this.detailError) : nothing}`;
    const d = this.detail;
    const own = d.id === this.me?.authority?.id;
    const coordinates = this.coordinator && !own;
    return html`
      ${back}
      <section aria-labelledby="detail-heading">
        <h3 id="detail-heading" tabindex="-1">${d.designation}</h3>
        <dl>
          <dt>${msg('Official name')}</dt><dd lang=${d.officialNameLang}>${d.officialName}</dd>
          <dt>${msg('State')}</dt><dd>${d.country}</dd>
          <dt>${msg('Kind')}</dt><dd>${this.kindText(d.coordinatorKind)}</dd>
          <dt>${msg('Status')}</dt><dd>${statusBadge(d.status)}</dd>
          ${d.statusReason ? html`<dt>${msg('Reason')}</dt><dd>${d.statusReason}</dd>` : nothing}
        </dl>
        ${coordinates ? this.renderStatusActions(d) : nothing}
      </section>
      ${this.administers ? this.renderEditForm(d) : nothing}
      ${this.renderAreas(d, coordinates)}
      ${this.renderCoordinators(d, coordinates)}
    `;
  }

  private renderStatusActions(d: Detail): TemplateResult | typeof nothing {
    const reasonError = this.statusErrors.reason;
    const reasonField = (label: string) => html`
      <div class="field">
        <label for="status-reason">${label}</label>
        ${fieldError('status-reason', reasonError)}
        <textarea id="status-reason" maxlength="1000" .value=${this.statusReason} aria-invalid=${invalid(reasonError)}
          aria-describedby=${describedBy('status-reason', reasonError)} @input=${(e: Event) => (this.statusReason = (e.target as HTMLTextAreaElement).value)}></textarea>
      </div>`;
    if (d.status === 'active') {
      return html`
        <form class="panel" @submit=${(e: SubmitEvent) => { e.preventDefault(); void this.changeStatus('suspend'); }} novalidate>
          ${formAlert(this.statusProblems)}
          ${reasonField(msg('Reason for the suspension'))}
          <p class="hint">${msg('A suspended authority leaves searches and exchanges until it is reactivated.')}</p>
          <button type="submit" ?disabled=${this.busy}>${msg('Suspend')}</button>
        </form>`;
    }
    if (d.status === 'suspended') {
      return html`
        <div class="panel">
          ${formAlert(this.statusProblems)}
          <button type="button" class="primary" ?disabled=${this.busy} @click=${() => void this.changeStatus('reactivate')}>${msg('Reactivate')}</button>
        </div>`;
    }
    if (d.status === 'pending-validation') {
      return html`
        <form class="panel" @submit=${(e: SubmitEvent) => { e.preventDefault(); void this.changeStatus('reject'); }} novalidate>
          ${formAlert(this.statusProblems)}
          <div class="actions">
            <button type="button" class="primary" ?disabled=${this.busy} @click=${() => void this.changeStatus('approve')}>${msg('Approve')}</button>
          </div>
          ${reasonField(msg('Reason for the rejection'))}
          <button type="submit" ?disabled=${this.busy}>${msg('Reject registration')}</button>
        </form>`;
    }
    return nothing;
  }

  private async changeStatus(change: 'approve' | 'reject' | 'suspend' | 'reactivate'): Promise<void> {
    const d = this.detail!;
    const reason = this.statusReason.trim();
    if ((change === 'reject' || change === 'suspend') && !reason) {
      this.statusErrors = { reason: change === 'reject' ? msg('Give the reason for the rejection.') : msg('Give the reason for the suspension.') };
      void this.focusOn('#status-reason');
      return;
    }
    const [path, body] =
      change === 'approve' || change === 'reject'
        ? ['validate', change === 'approve' ? { decision: change, version: d.version } : { decision: change, version: d.version, reason }]
        : [change, change === 'suspend' ? { version: d.version, reason } : { version: d.version }];
    const done = {
      approve: msg(str`${d.designation} is approved and takes part in exchanges from now on.`),
      reject: msg(str`The registration of ${d.designation} is rejected.`),
      suspend: msg(str`${d.designation} is suspended.`),
      reactivate: msg(str`${d.designation} is active again.`),
    }[change];
    await this.mutate(`/authorities/${d.id}/${path}`, body, 'post', done, {
      show: (problems) => {
        this.statusErrors = problems.fields;
        this.statusProblems = problems.rest;
      },
      fieldOf: (p) => (p === 'reason' ? 'reason' : undefined),
      focusOf: () => '#status-reason',
    });
  }

  /**
   * Sends one change of the open authority and shows the authority as it is afterwards. A stale version (409) loads the
   * current data and says so; field errors go to `show`.
   */
  private async mutate(path: string, body: unknown, method: 'post' | 'patch' | 'put', done: string, form: ChangeForm): Promise<boolean> {
    this.busy = true;
    this.announcement = '';
    form.show({ fields: {}, rest: [] });
    try {
      await this.api()[method](path, body);
      await this.openAuthority(this.detail!.id);
      this.announcement = done;
      return true;
    } catch (error) {
      const failure = this.apiFailure(error);
      if (failure.status === 409) {
        await this.openAuthority(this.detail!.id);
        this.announcement = msg('Someone else changed this authority meanwhile. The page now shows the current data: make your change again.');
        void this.focusOn('#detail-heading');
      } else {
        const problems = formProblems(failure, form.fieldOf);
        form.show(problems);
        const first = Object.keys(problems.fields)[0];
        if (first) void this.focusOn(form.focusOf(first));
      }
      return false;
    } finally {
      this.busy = false;
    }
  }

  private setForm<K extends keyof EditForm>(key: K, value: EditForm[K]): void {
    this.form = { ...this.form!, [key]: value };
  }

  private renderEditForm(d: Detail): TemplateResult {
    const f = this.form!;
    const e = this.formErrors;
    const text = (key: TextField, label: string, type = 'text', autocomplete = 'off') => html`
      <div class="field">
        <label for="edit-${key}">${label}</label>
        ${fieldError(`edit-${key}`, e[key])}
        <input id="edit-${key}" type=${type} autocomplete=${autocomplete} .value=${f[key]} aria-invalid=${invalid(e[key])}
          aria-describedby=${describedBy(`edit-${key}`, e[key])} @input=${(ev: Event) => this.setForm(key, (ev.target as HTMLInputElement).value)} />
      </div>`;
    return html`
      <section aria-labelledby="edit-heading">
        <h3 id="edit-heading">${msg('Authority data')}</h3>
        ${formAlert(this.formProblems)}
        <form @submit=${this.save} novalidate>
          <div class="row">
            <div class="field">
              <label for="edit-officialName">${msg('Official name')}</label>
              <span class="hint" id="edit-officialName-hint">${msg('In its original language; it is never translated.')}</span>
              ${fieldError('edit-officialName', e.officialName)}
              <input id="edit-officialName" required .value=${f.officialName} aria-invalid=${invalid(e.officialName)}
                aria-describedby="edit-officialName-hint ${e.officialName ? 'edit-officialName-error' : ''}"
                @input=${(ev: Event) => this.setForm('officialName', (ev.target as HTMLInputElement).value)} />
            </div>
            <div class="field">
              <label for="edit-officialNameLang">${msg('Language of the official name')}</label>
              ${fieldError('edit-officialNameLang', e.officialNameLang)}
              <select id="edit-officialNameLang" aria-invalid=${invalid(e.officialNameLang)} aria-describedby=${describedBy('edit-officialNameLang', e.officialNameLang)}
                @change=${(ev: Event) => this.setForm('officialNameLang', (ev.target as HTMLSelectElement).value)}>
                ${locales.map((code) => html`<option value=${code} lang=${code} ?selected=${code === f.officialNameLang}>${nativeNames[code]}</option>`)}
              </select>
            </div>
          </div>
          ${this.renderTranslations('designations', msg('Designation'), 'designation')}
          ${this.renderTranslations('descriptions', msg('Description'), 'description')}
          <div class="row">
            ${text('region', msg('Region'))} ${text('city', msg('City'))}
          </div>
          <div class="row">
            ${text('address', msg('Address'), 'text', 'street-address')} ${text('postalCode', msg('Postal code'), 'text', 'postal-code')}
          </div>
          <div class="row">
            ${text('email', msg('E-mail'), 'email')} ${text('phone', msg('Telephone'), 'tel')} ${text('website', msg('Website'), 'url')}
          </div>
          <fieldset aria-describedby=${describedBy('edit-languages', e.languages)}>
            <legend>${msg('Languages it works in')}</legend>
            ${fieldError('edit-languages', e.languages)}
            <div class="checks">
              ${locales.map((code) => html`
                <label class="choice" lang=${code}>
                  <input type="checkbox" name="edit-language" value=${code} .checked=${f.languages.includes(code)}
                    @change=${(ev: Event) => {
                      const checked = (ev.target as HTMLInputElement).checked;
                      const languages = this.form!.languages;
                      this.setForm('languages', checked ? [...languages, code] : languages.filter((l) => l !== code));
                    }} />
                  ${nativeNames[code]}
                </label>`)}
            </div>
          </fieldset>
          <div class="actions">
            <button type="submit" class="primary" ?disabled=${this.busy}>${msg('Save')}</button>
            <button type="button" ?disabled=${this.busy} @click=${() => { this.form = formOf(d); this.formErrors = {}; this.formProblems = []; }}>${msg('Undo changes')}</button>
          </div>
        </form>
      </section>
    `;
  }

  /** A text per language (designation or description): one field per language given, and a way to add one. */
  private renderTranslations(key: 'designations' | 'descriptions', label: string, path: 'designation' | 'description'): TemplateResult {
    const texts = this.form![key];
    const missing = locales.filter((code) => !(code in texts));
    const addId = `add-${key}`;
    return html`
      <fieldset>
        <legend>${label}</legend>
        ${Object.entries(texts).map(([code, value]) => {
          const id = `edit-${path}-${code}`;
          const error = this.formErrors[`${path}.${code}`];
          const input = (ev: Event) => this.setForm(key, { ...this.form![key], [code]: (ev.target as HTMLInputElement).value });
          return html`
            <div class="field">
              <label for=${id}>${nativeNames[code as keyof typeof nativeNames] ?? code}</label>
              ${fieldError(id, error)}
              ${path === 'description'
                ? html`<textarea id=${id} lang=${code} maxlength="2000" .value=${value} aria-invalid=${invalid(error)} aria-describedby=${describedBy(id, error)} @input=${input}></textarea>`
                : html`<input id=${id} lang=${code} maxlength="2000" .value=${value} aria-invalid=${invalid(error)} aria-describedby=${describedBy(id, error)} @input=${input} />`}
            </div>`;
        })}
        <p class="hint">${msg('Empty a text to remove that language.')}</p>
        <div class="toolbar">
          <div class="field">
            <label for=${addId}>${msg('Add a language')}</label>
            <select id=${addId} @change=${(ev: Event) => (this.addLanguage = { ...this.addLanguage, [key]: (ev.target as HTMLSelectElement).value })}>
              <option value="" ?selected=${!this.addLanguage[key]}>${msg('Choose a language')}</option>
              ${missing.map((code) => html`<option value=${code} lang=${code} ?selected=${code === this.addLanguage[key]}>${nativeNames[code]}</option>`)}
            </select>
          </div>
          <button type="button" class="small" ?disabled=${!this.addLanguage[key]} @click=${() => this.addTranslation(key, path)}>${msg('Add')}</button>
        </div>
      </fieldset>
    `;
  }

  private addTranslation(key: 'designations' | 'descriptions', path: 'designation' | 'description'): void {
    const code = this.addLanguage[key];
    if (!code) return;
    this.setForm(key, { ...this.form![key], [code]: '' });
    this.addLanguage = { ...this.addLanguage, [key]: '' };
    void this.focusOn(`#edit-${path}-${code}`);
  }

  private async save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const f = this.form!;
    const optional = (value: string) => value.trim() || null;
    const body = {
      version: this.detail!.version,
      officialName: f.officialName.trim(),
      officialNameLang: f.officialNameLang,
      designation: filled(f.designations),
      description: filled(f.descriptions),
      ...Object.fromEntries(textFields.map((key) => [key, optional(f[key])])),
      languages: f.languages,
    };
    const fieldOf = (path: string) =>
      (editFields as readonly string[]).includes(path) ? path
      : /^(designation|description)\.[a-z]{2}$/.test(path) ? path
      : path.startsWith('languages') ? 'languages'
      : undefined;
    await this.mutate(`/authorities/${this.detail!.id}`, body, 'patch', msg('The authority\'s data are saved.'), {
      show: (problems) => {
        this.formErrors = problems.fields;
        this.formProblems = problems.rest;
      },
      fieldOf,
      focusOf: (field) => (field === 'languages' ? 'input[name="edit-language"]' : `#edit-${field.replace('.', '-')}`),
    });
  }

  private renderAreas(d: Detail, coordinates: boolean): TemplateResult {
    const missing = this.areas.filter((a) => !d.areas.some((x) => x.area === a.code));
    const editable = this.administers;
    return html`
      <section aria-labelledby="areas-heading">
        <h3 id="areas-heading">${msg('Legislative areas')}</h3>
        ${formAlert(this.areaProblems)}
        <div class="table-wrap">
          <table>
            <caption>${msg('Areas in which the authority takes part')}</caption>
            <thead>
              <tr>
                <th scope="col">${msg('Legislative area')}</th>
                <th scope="col">${msg('Competences')}</th>
                <th scope="col">${msg('Allocation of incoming requests')}</th>
              </tr>
            </thead>
            <tbody>
              ${d.areas.map((a) => {
                const on = d.allocation.includes(a.area);
                return html`
                  <tr>
                    <th scope="row">${this.areaName(a.area)}</th>
                    <td>${[...a.professions, ...a.keywords].map((c) => c.name).join(', ') || '—'}</td>
                    <td>
                      ${on ? msg('On') : msg('Off')}
                      ${editable
                        ? html` <button type="button" class="small" ?disabled=${this.busy} aria-label=${on ? msg(str`Switch off allocation in ${a.area}`) : msg(str`Switch on allocation in ${a.area}`)}
                            @click=${() => void this.mutate(`/authorities/${d.id}/allocation`, { version: d.version, area: a.area, allocation: !on }, 'put',
                              on ? msg(str`Allocation is off in ${a.area}.`) : msg(str`Allocation is on in ${a.area}.`), this.areaForm)}>
                            ${on ? msg('Switch off') : msg('Switch on')}</button>`
                        : nothing}
                    </td>
                  </tr>`;
              })}
            </tbody>
          </table>
        </div>
        ${coordinates && missing.length
          ? html`
              <form class="toolbar" @submit=${(ev: SubmitEvent) => { ev.preventDefault(); void this.grant(); }} novalidate>
                <div class="field">
                  <label for="grant-area">${msg('Give access to an area')}</label>
                  ${fieldError('grant-area', this.grantErrors.area)}
                  <select id="grant-area" aria-invalid=${invalid(this.grantErrors.area)} aria-describedby=${describedBy('grant-area', this.grantErrors.area)}
                    @change=${(ev: Event) => (this.grantArea = (ev.target as HTMLSelectElement).value)}>
                    <option value="" ?selected=${!this.grantArea}>${msg('Choose an area')}</option>
                    ${missing.map((a) => html`<option value=${a.code} ?selected=${a.code === this.grantArea}>${this.areaName(a.code)}</option>`)}
                  </select>
                </div>
                <button type="submit" ?disabled=${this.busy}>${msg('Give access')}</button>
              </form>
            `
          : nothing}
      </section>
    `;
  }

  private async grant(): Promise<void> {
    if (!this.grantArea) {
      this.grantErrors = { area: msg('Choose an area.') };
      void this.focusOn('#grant-area');
      return;
    }
    const area = this.grantArea;
    if (await this.mutate(`/authorities/${this.detail!.id}/areas`, { version: this.detail!.version, area }, 'post', msg(str`The authority takes part in ${area} from now on.`), this.areaForm)) {
      this.grantArea = '';
    }
  }

  private readonly areaForm: ChangeForm = {
    show: (problems) => {
      this.grantErrors = problems.fields;
      this.areaProblems = problems.rest;
    },
    fieldOf: (path) => (path === 'area' ? 'area' : undefined),
    focusOf: () => '#grant-area',
  };

  private renderCoordinators(d: Detail, coordinates: boolean): TemplateResult {
    const r = this.relation;
    const err = this.relationErrors;
    return html`
      <section aria-labelledby="coordinators-heading">
        <h3 id="coordinators-heading">${msg('Coordinators')}</h3>
        ${this.coordinators.length
          ? html`
              <div class="table-wrap">
                <table>
                  <caption>${msg('Coordinators of the authority per area')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">${msg('Legislative area')}</th>
                      <th scope="col">${msg('Relation')}</th>
                      <th scope="col">${msg('Coordinator')}</th>
                      ${coordinates ? html`<th scope="col">${msg('Actions')}</th>` : nothing}
                    </tr>
                  </thead>
                  <tbody>
                    ${this.coordinators.map((c) => html`
                      <tr>
                        <td>${c.area}</td>
                        <td>${this.relationText(c.relation)}</td>
                        <th scope="row">${c.coordinator.officialName} <span class="muted">(${c.coordinator.kind})</span></th>
                        ${coordinates
                          ? html`<td>${c.relation === 'request' || c.relation === 'observer'
                              ? html`<button type="button" class="small" ?disabled=${this.busy}
                                  aria-label=${msg(str`Remove ${c.coordinator.officialName} as ${this.relationText(c.relation)} in ${c.area}`)}
                                  @click=${() => void this.setRelation({ area: c.area, relation: c.relation as 'request' | 'observer', coordinatorId: c.coordinator.id }, false)}>${msg('Remove')}</button>`
                              : nothing}</td>`
                          : nothing}
                      </tr>`)}
                  </tbody>
                </table>
              </div>
            `
          : html`<p>${msg('The authority has no coordinators.')}</p>`}
        ${coordinates
          ? html`
              <form @submit=${(ev: SubmitEvent) => { ev.preventDefault(); void this.setRelation(this.relation, true); }} novalidate>
                <h4>${msg('Add a request coordinator or linked observer')}</h4>
                ${formAlert(this.relationProblems)}
                <div class="row">
                  <div class="field">
                    <label for="relation-area">${msg('Legislative area')}</label>
                    ${fieldError('relation-area', err.area)}
                    <select id="relation-area" aria-invalid=${invalid(err.area)} aria-describedby=${describedBy('relation-area', err.area)}
                      @change=${(ev: Event) => (this.relation = { ...this.relation, area: (ev.target as HTMLSelectElement).value })}>
                      <option value="" ?selected=${!r.area}>${msg('Choose an area')}</option>
                      ${d.areas.map((a) => html`<option value=${a.area} ?selected=${a.area === r.area}>${this.areaName(a.area)}</option>`)}
                    </select>
                  </div>
                  <div class="field">
                    <label for="relation-kind">${msg('Relation')}</label>
                    <select id="relation-kind" @change=${(ev: Event) => (this.relation = { ...this.relation, relation: (ev.target as HTMLSelectElement).value as 'request' | 'observer' })}>
                      <option value="request" ?selected=${r.relation === 'request'}>${this.relationText('request')}</option>
                      <option value="observer" ?selected=${r.relation === 'observer'}>${this.relationText('observer')}</option>
                    </select>
                  </div>
                  <div class="field">
                    <label for="relation-coordinator">${msg('Coordinator')}</label>
                    ${fieldError('relation-coordinator', err.coordinatorId)}
                    <select id="relation-coordinator" aria-invalid=${invalid(err.coordinatorId)} aria-describedby=${describedBy('relation-coordinator', err.coordinatorId)}
                      @change=${(ev: Event) => (this.relation = { ...this.relation, coordinatorId: (ev.target as HTMLSelectElement).value })}>
                      <option value="" ?selected=${!r.coordinatorId}>${msg('Choose a coordinator')}</option>
                      ${this.coordinatorChoices.map((c) => html`<option value=${c.id} ?selected=${c.id === r.coordinatorId}>${c.officialName} (${c.coordinatorKind})</option>`)}
                    </select>
                  </div>
                </div>
                <button type="submit" ?disabled=${this.busy}>${msg('Add')}</button>
              </form>
            `
          : nothing}
      </section>
    `;
  }

  private async setRelation(input: { area: string; relation: 'request' | 'observer'; coordinatorId: string }, present: boolean): Promise<void> {
    if (present && (!input.area || !input.coordinatorId)) {
      this.relationErrors = {
        ...(input.area ? {} : { area: msg('Choose an area.') }),
        ...(input.coordinatorId ? {} : { coordinatorId: msg('Choose a coordinator.') }),
      };
      void this.focusOn(input.area ? '#relation-coordinator' : '#relation-area');
      return;
    }
    const name = this.coordinatorChoices.find((c) => c.id === input.coordinatorId)?.officialName
      ?? this.coordinators.find((c) => c.coordinator.id === input.coordinatorId)?.coordinator.officialName ?? '';
    const saved = await this.mutate(`/authorities/${this.detail!.id}/coordinators`, { ...input, present }, 'post',
      present ? msg(str`${name} is added as ${this.relationText(input.relation)} in ${input.area}.`) : msg(str`${name} is removed as ${this.relationText(input.relation)} in ${input.area}.`),
      {
        show: (problems) => {
          this.relationErrors = problems.fields;
          this.relationProblems = problems.rest;
        },
        fieldOf: (path) => (path === 'area' || path === 'coordinatorId' ? path : undefined),
        focusOf: (field) => (field === 'area' ? '#relation-area' : '#relation-coordinator'),
      });
    if (saved && present) this.relation = { area: '', relation: 'request', coordinatorId: '' };
  }
}

ImiConsoleAuthorities.define('imi-console-authorities');

declare global {
  interface HTMLElementTagNameMap {
    'imi-console-authorities': ImiConsoleAuthorities;
  }
}
