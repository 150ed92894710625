import { css, html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import type { RegistryItem } from '../../server/modules/admin/authorities.js';
import type { AuthorityDetail } from '../../server/modules/authorities/schemas.js';
import type { UserRole } from '../../server/modules/identity/entities.js';
import type { userView } from '../../server/modules/identity/schemas.js';
import type { Country, LegislativeArea } from '../../server/modules/reference/schemas.js';
import type { z } from 'zod';
import { ApiError } from '../../components/core/api.js';
import { locales } from '../../components/core/localization.js';
import { nativeNames } from '../../components/core/sign-in.js';
import { ConsolePage } from '../console-page.js';
import { describedBy, fieldError, formAlert, formProblems, invalid, listCount, stateFilter, type Page, type Wire } from '../forms.js';
import { consoleStyles } from '../styles.js';

type User = z.infer<typeof userView>;
type Choice = Wire<RegistryItem>;
/** Roles as the forms hold them: `AREA|role`. */
type RoleKey = `${string}|${UserRole}`;

interface UserForm {
  name: string;
  email: string;
  locale: string;
  active: boolean;
  roles: RoleKey[];
}

const userRoles: UserRole[] = ['basic-user', 'request-handler', 'allocator', 'referral-handler', 'lda'];
const roleKey = (area: string, role: UserRole): RoleKey => `${area}|${role}`;
const rolesOf = (keys: RoleKey[]) => keys.map((key) => {
  const [area, role] = key.split('|') as [string, UserRole];
  return { area, role };
});
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const fieldOf = (path: string) => (['name', 'email', 'locale', 'active'].includes(path) ? path : path.startsWith('roles') ? 'roles' : undefined);

/**
 * @summary The users of an authority and their roles per legislative area: a local data administrator manages its own
 * authority's users, a coordinator sees (and resets) those of the authorities it coordinates, and the Commission sees
 * any authority's and grants data-protection administrator powers.
 */
@localized()
export class ImiConsoleUsers extends ConsolePage {
  static override styles = [
    consoleStyles,
    css`
      .status:empty {
        display: none;
      }
      ul.roles {
        margin: 0;
        padding-inline-start: 1.25rem;
      }
      .checks {
        display: flex;
        flex-wrap: wrap;
        gap: 0 1.25rem;
      }
      fieldset + fieldset,
      fieldset + .actions {
        margin-top: 0.75rem;
      }
      td .actions {
        gap: 0.5rem;
      }
      .panel {
        margin-top: 1rem;
        padding: 0.75rem;
        border: 1px solid #d1d5db;
        border-radius: 4px;
      }
    `,
  ];

  @state() private announcement = '';
  @state() private areas: LegislativeArea[] = [];
  @state() private countries: Country[] = [];
  @state() private choices: Choice[] = [];
  @state() private q = '';
  @state() private country = '';
  @state() private authorityId = '';
  @state() private authority?: AuthorityDetail;
  @state() private users: User[] = [];
  @state() private usersError?: ApiError;
  @state() private usersBusy = false;

  /** The user whose form is open, and the form. */
  @state() private editing?: User;
  @state() private edit?: UserForm;
  @state() private editErrors: Record<string, string> = {};
  @state() private editProblems: string[] = [];
  @state() private create: UserForm = { name: '', email: '', locale: 'en', active: true, roles: [] };
  @state() private createErrors: Record<string, string> = {};
  @state() private createProblems: string[] = [];
  @state() private resetting?: string;
  @state() private rowProblems: string[] = [];
  @state() private busy = false;

  /** Chooses among authorities: the Commission any, a coordinator those in its scope; an LDA has only its own. */
  private get chooses(): boolean {
    return this.commission || (this.administers && Boolean(this.me?.coordinator));
  }

  /** Only an authority's own LDA creates its users and sets their roles. */
  private get manages(): boolean {
    return this.administers && this.authorityId === this.me?.authority?.id;
  }

  protected async load(signal: AbortSignal): Promise<void> {
    const api = this.api();
    const [areas, countries] = await Promise.all([
      api.get<Page<LegislativeArea>>('/legislative-areas', {}, { signal }),
      this.commission ? api.get<Page<Country>>('/countries', {}, { signal }) : undefined,
    ]);
    this.areas = areas.items;
    this.countries = countries?.items ?? [];
    if (this.chooses) await this.findAuthorities(signal);
    if (!this.authorityId && this.administers) this.authorityId = this.me!.authority!.id;
    if (this.authorityId) await this.loadUsers(signal);
  }

  private async findAuthorities(signal?: AbortSignal): Promise<void> {
    const page = await this.api().get<Page<Choice>>('/admin/authorities', { q: this.q.trim(), country: this.country, limit: 100 }, { signal });
    this.choices = page.items;
  }

  private async loadUsers(signal?: AbortSignal): Promise<void> {
    const api = this.api();
    this.usersBusy = true;
    this.usersError = undefined;
    try {
      const [authority, users] = await Promise.all([
        api.get<AuthorityDetail>(`/authorities/${this.authorityId}`, {}, { signal }),
        api.get<Page<User>>(`/authorities/${this.authorityId}/users`, {}, { signal }),
      ]);
      this.authority = authority;
      this.users = users.items;
    } catch (error) {
      if (signal?.aborted) return;
      this.usersError = this.apiFailure(error);
      this.users = [];
    } finally {
      this.usersBusy = false;
    }
  }

  private async focusOn(selector: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  private async search(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    try {
      await this.findAuthorities();
      this.announcement = this.choices.length ? msg(str`Authorities found: ${this.choices.length}`) : msg('No authority matches.');
    } catch (error) {
      this.announcement = '';
      this.rowProblems = formProblems(this.apiFailure(error), () => undefined).rest;
    }
  }

  private async choose(event: Event): Promise<void> {
    this.authorityId = (event.target as HTMLSelectElement).value;
    this.closeForms();
    this.announcement = '';
    if (this.authorityId) await this.loadUsers();
  }

  private closeForms(): void {
    this.editing = undefined;
    this.edit = undefined;
    this.resetting = undefined;
    this.rowProblems = [];
    this.createErrors = {};
    this.createProblems = [];
  }

  protected override render() {
    return this.whenLoaded(() => html`
      ${this.chooses ? this.renderChooser() : nothing}
      <div class="status notice" role="status">${this.announcement || nothing}</div>
      ${formAlert(this.rowProblems)}
      ${!this.authorityId
        ? html`<p class="state">${msg('Choose an authority to see its users.')}</p>`
        : this.usersError
          ? this.renderProblem(this.usersError, () => void this.loadUsers())
          : html`${this.renderUsers()} ${this.editing && this.edit ? this.renderEdit(this.editing, this.edit) : nothing} ${this.manages ? this.renderCreate() : nothing}`}
    `);
  }

  private renderChooser(): TemplateResult {
    return html`
      <form class="toolbar" role="search" @submit=${this.search}>
        <div class="field">
          <label for="authority-q">${msg('Find an authority')}</label>
          <input id="authority-q" type="search" .value=${this.q} @input=${(e: Event) => (this.q = (e.target as HTMLInputElement).value)} />
        </div>
        ${this.commission ? stateFilter('authority-country', this.countries, this.country, (code) => (this.country = code)) : nothing}
        <button type="submit">${msg('Search')}</button>
      </form>
      <div class="field narrow">
        <label for="authority">${msg('Authority')}</label>
        <select id="authority" @change=${this.choose}>
          <option value="" ?selected=${!this.authorityId}>${msg('Choose an authority')}</option>
          ${this.choices.map((c) => html`<option value=${c.id} ?selected=${c.id === this.authorityId}>${c.designation} (${c.country}${c.city ? `, ${c.city}` : ''})</option>`)}
        </select>
      </div>
    `;
  }

  private roleText(role: UserRole): string {
    switch (role) {
      case 'basic-user':
        return msg('Basic user');
      case 'request-handler':
        return msg('Request handler');
      case 'allocator':
        return msg('Allocator');
      case 'referral-handler':
        return msg('Referral handler');
      case 'lda':
        return msg('Local data administrator');
    }
  }

  private areaName(code: string): string {
    const area = this.areas.find((a) => a.code === code);
    return area ? `${area.name} (${code})` : code;
  }

  /** The authority's areas, where roles can be granted. */
  private get authorityAreas(): string[] {
    return this.authority?.areas.map((a) => a.area) ?? [];
  }

  private renderUsers(): TemplateResult {
    const name = this.authority?.designation ?? '';
    const canReset = this.administers;
    const byArea = (user: User) => [...new Set(user.roles.map((r) => r.area))].map((area) => ({
      area, roles: user.roles.filter((r) => r.area === area).map((r) => this.roleText(r.role)),
    }));
    return html`
      <section aria-labelledby="users-heading">
        <h3 id="users-heading" tabindex="-1">${msg(str`Users of ${name}`)}</h3>
        ${listCount(this.usersBusy, this.users.length, (n) => msg(str`Users: ${n}`), msg('This authority has no users yet.'))}
        ${this.users.length
          ? html`
              <div class="table-wrap">
                <table>
                  <caption>${msg(str`Users of ${name}`)}</caption>
                  <thead>
                    <tr>
                      <th scope="col">${msg('Name')}</th>
                      <th scope="col">${msg('Account')}</th>
                      <th scope="col">${msg('Roles per legislative area')}</th>
                      ${this.manages || canReset || this.commission ? html`<th scope="col">${msg('Actions')}</th>` : nothing}
                    </tr>
                  </thead>
                  <tbody>
                    ${this.users.map((user) => html`
                      <tr data-user=${user.id}>
                        <th scope="row">${user.name}<br /><span class="muted">${user.email}</span></th>
                        <td>
                          ${user.active ? msg('Active') : msg('Deactivated')}
                          ${user.activated ? nothing : html`<br /><span class="muted">${msg('Has not set a password yet')}</span>`}
                          ${user.totpEnabled ? html`<br /><span class="muted">${msg('Second factor set up')}</span>` : nothing}
                          ${user.dataProtectionAdmin ? html`<br /><strong>${msg('Data-protection administrator')}</strong>` : nothing}
                          ${user.commissionAdmin ? html`<br /><strong>${msg('Commission administrator')}</strong>` : nothing}
                        </td>
                        <td>
                          ${user.roles.length
                            ? html`<ul class="roles">${byArea(user).map((a) => html`<li>${a.area}: ${a.roles.join(', ')}</li>`)}</ul>`
                            : msg('No roles')}
                        </td>
                        ${this.manages || canReset || this.commission ? html`<td>${this.renderActions(user, canReset)}</td>` : nothing}
                      </tr>
                    `)}
                  </tbody>
                </table>
              </div>
            `
          : nothing}
      </section>
    `;
  }

  private renderActions(user: User, canReset: boolean): TemplateResult {
    if (this.resetting === user.id) {
      return html`
        <p id="reset-${user.id}">${msg(str`Reset the password and second factor of ${user.name}? They get an e-mail with a new link.`)}</p>
        <div class="actions">
          <button type="button" class="small primary" id="confirm-reset" aria-describedby="reset-${user.id}" ?disabled=${this.busy} @click=${() => void this.reset(user)}>${msg('Reset')}</button>
          <button type="button" class="small" @click=${() => (this.resetting = undefined)}>${msg('Cancel')}</button>
        </div>
      `;
    }
    return html`
      <div class="actions">
        ${this.manages
          ? html`<button type="button" class="small" aria-label=${msg(str`Edit ${user.name}`)} @click=${() => this.openEdit(user)}>${msg('Edit')}</button>`
          : nothing}
        ${canReset
          ? html`<button type="button" class="small" aria-label=${msg(str`Reset password of ${user.name}`)}
              @click=${() => { this.resetting = user.id; void this.focusOn('#confirm-reset'); }}>${msg('Reset password')}</button>`
          : nothing}
        ${this.commission
          ? html`<button type="button" class="small" ?disabled=${this.busy} @click=${() => void this.setDataProtection(user)}
              aria-label=${user.dataProtectionAdmin ? msg(str`Withdraw data-protection powers from ${user.name}`) : msg(str`Grant data-protection powers to ${user.name}`)}>
              ${user.dataProtectionAdmin ? msg('Withdraw data-protection powers') : msg('Grant data-protection powers')}</button>`
          : nothing}
      </div>
    `;
  }

  private openEdit(user: User): void {
    this.editing = user;
    this.edit = { name: user.name, email: user.email, locale: user.locale, active: user.active, roles: user.roles.map((r) => roleKey(r.area, r.role)) };
    this.editErrors = {};
    this.editProblems = [];
    void this.focusOn('#edit-heading');
  }

  /** Role checkboxes per area of the authority. */
  private renderRoles(prefix: string, form: UserForm, update: (change: (roles: RoleKey[]) => RoleKey[]) => void, error: string | undefined): TemplateResult {
    return html`
      <fieldset aria-describedby=${describedBy(`${prefix}-roles`, error)}>
        <legend>${msg('Roles per legislative area')}</legend>
        ${fieldError(`${prefix}-roles`, error)}
        ${this.authorityAreas.map((area) => html`
          <fieldset>
            <legend>${msg(str`Roles in ${this.areaName(area)}`)}</legend>
            <div class="checks">
              ${userRoles.map((role) => {
                const key = roleKey(area, role);
                return html`
                  <label class="choice">
                    <input type="checkbox" name="${prefix}-role" value=${key} .checked=${form.roles.includes(key)}
                      @change=${(e: Event) => {
                        const checked = (e.target as HTMLInputElement).checked;
                        update((roles) => (checked ? [...roles, key] : roles.filter((k) => k !== key)));
                      }} />
                    ${this.roleText(role)}
                  </label>`;
              })}
            </div>
          </fieldset>
        `)}
      </fieldset>
    `;
  }

  private renderEdit(user: User, form: UserForm): TemplateResult {
    const e = this.editErrors;
    const set = (patch: Partial<UserForm>) => (this.edit = { ...this.edit!, ...patch });
    return html`
      <section class="panel" aria-labelledby="edit-heading">
        <h3 id="edit-heading" tabindex="-1">${msg(str`Edit ${user.name}`)}</h3>
        ${formAlert(this.editProblems)}
        <form @submit=${this.saveEdit} novalidate>
          <div class="field narrow">
            <label for="edit-name">${msg('Name')}</label>
            ${fieldError('edit-name', e.name)}
            <input id="edit-name" required .value=${form.name} aria-invalid=${invalid(e.name)} aria-describedby=${describedBy('edit-name', e.name)}
              @input=${(ev: Event) => set({ name: (ev.target as HTMLInputElement).value })} />
          </div>
          ${fieldError('edit-active', e.active)}
          <label class="choice">
            <input id="edit-active" type="checkbox" .checked=${form.active} aria-describedby=${describedBy('edit-active', e.active)}
              @change=${(ev: Event) => set({ active: (ev.target as HTMLInputElement).checked })} />
            ${msg('Active: the user can sign in')}
          </label>
          ${this.renderRoles('edit', form, (change) => set({ roles: change(this.edit!.roles) }), e.roles)}
          <div class="actions">
            <button type="submit" class="primary" ?disabled=${this.busy}>${msg('Save')}</button>
            <button type="button" @click=${() => { this.editing = undefined; this.edit = undefined; }}>${msg('Cancel')}</button>
          </div>
        </form>
      </section>
    `;
  }

  private async saveEdit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const user = this.editing!;
    const form = this.edit!;
    if (!form.name.trim()) {
      this.editErrors = { name: msg('Enter a name.') };
      void this.focusOn('#edit-name');
      return;
    }
    this.busy = true;
    this.editErrors = {};
    this.editProblems = [];
    try {
      await this.api().patch(`/users/${user.id}`, { version: user.version, name: form.name.trim(), active: form.active, roles: rolesOf(form.roles) });
      this.editing = undefined;
      this.edit = undefined;
      await this.loadUsers();
      this.announcement = msg(str`The changes to ${form.name.trim()} are saved.`);
      void this.focusOn('#users-heading');
    } catch (error) {
      const failure = this.apiFailure(error);
      if (failure.status === 409) {
        await this.loadUsers();
        const current = this.users.find((u) => u.id === user.id);
        if (current) this.openEdit(current);
        this.announcement = msg('Someone else changed this user meanwhile. The form now shows the current data: make your change again.');
      } else {
        const problems = formProblems(failure, fieldOf);
        this.editErrors = problems.fields;
        this.editProblems = problems.rest;
        const first = Object.keys(problems.fields)[0];
        void this.focusOn(first === 'roles' ? 'input[name="edit-role"]' : first ? `#edit-${first}` : '#edit-heading');
      }
    } finally {
      this.busy = false;
    }
  }

  private renderCreate(): TemplateResult {
    const form = this.create;
    const e = this.createErrors;
    const set = (patch: Partial<UserForm>) => (this.create = { ...this.create, ...patch });
    return html`
      <section aria-labelledby="create-heading">
        <h3 id="create-heading">${msg('Add a user')}</h3>
        <p>${msg('The new user gets an e-mail with a link to set a password, valid for 7 days.')}</p>
        ${formAlert(this.createProblems)}
        <form @submit=${this.createUser} novalidate>
          <div class="row">
            <div class="field">
              <label for="create-name">${msg('Name')}</label>
              ${fieldError('create-name', e.name)}
              <input id="create-name" autocomplete="off" required .value=${form.name} aria-invalid=${invalid(e.name)} aria-describedby=${describedBy('create-name', e.name)}
                @input=${(ev: Event) => set({ name: (ev.target as HTMLInputElement).value })} />
            </div>
            <div class="field">
              <label for="create-email">${msg('E-mail address')}</label>
              ${fieldError('create-email', e.email)}
              <input id="create-email" type="email" autocomplete="off" required .value=${form.email} aria-invalid=${invalid(e.email)} aria-describedby=${describedBy('create-email', e.email)}
                @input=${(ev: Event) => set({ email: (ev.target as HTMLInputElement).value })} />
            </div>
            <div class="field">
              <label for="create-locale">${msg('Language')}</label>
              ${fieldError('create-locale', e.locale)}
              <select id="create-locale" aria-invalid=${invalid(e.locale)} aria-describedby=${describedBy('create-locale', e.locale)}
                @change=${(ev: Event) => set({ locale: (ev.target as HTMLSelectElement).value })}>
                ${locales.map((code) => html`<option value=${code} lang=${code} ?selected=${code === form.locale}>${nativeNames[code]}</option>`)}
              </select>
            </div>
          </div>
          ${this.renderRoles('create', form, (change) => set({ roles: change(this.create.roles) }), e.roles)}
          <div class="actions">
            <button type="submit" class="primary" ?disabled=${this.busy}>${msg('Add the user')}</button>
          </div>
        </form>
      </section>
    `;
  }

  private async createUser(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = this.create;
    const errors: Record<string, string> = {};
    if (!form.name.trim()) errors.name = msg('Enter a name.');
    if (!emailPattern.test(form.email.trim())) errors.email = msg('Enter an e-mail address like name@example.org.');
    this.createErrors = errors;
    this.createProblems = [];
    if (Object.keys(errors).length) {
      void this.focusOn(`#create-${Object.keys(errors)[0]}`);
      return;
    }
    this.busy = true;
    try {
      await this.api().post(`/authorities/${this.authorityId}/users`, { name: form.name.trim(), email: form.email.trim(), locale: form.locale, roles: rolesOf(form.roles) });
      this.create = { name: '', email: '', locale: form.locale, active: true, roles: [] };
      await this.loadUsers();
      this.announcement = msg(str`${form.name.trim()} is added and gets an e-mail to set a password.`);
    } catch (error) {
      const problems = formProblems(this.apiFailure(error), fieldOf);
      this.createErrors = problems.fields;
      this.createProblems = problems.rest;
      const first = Object.keys(problems.fields)[0];
      void this.focusOn(first === 'roles' ? 'input[name="create-role"]' : first ? `#create-${first}` : '#create-heading');
    } finally {
      this.busy = false;
    }
  }

  private async reset(user: User): Promise<void> {
    this.busy = true;
    this.rowProblems = [];
    try {
      await this.api().post(`/users/${user.id}/reset`, {});
      this.resetting = undefined;
      await this.loadUsers();
      this.announcement = msg(str`${user.name} gets an e-mail with a link to set a new password.`);
    } catch (error) {
      this.rowProblems = formProblems(this.apiFailure(error), () => undefined).rest;
    } finally {
      this.busy = false;
    }
  }

  private async setDataProtection(user: User): Promise<void> {
    this.busy = true;
    this.rowProblems = [];
    const grant = !user.dataProtectionAdmin;
    try {
      await this.api().patch(`/admin/users/${user.id}`, { version: user.version, dataProtectionAdmin: grant });
      await this.loadUsers();
      this.announcement = grant
        ? msg(str`${user.name} has data-protection administrator powers from the next sign-in with a second factor.`)
        : msg(str`${user.name} no longer has data-protection administrator powers.`);
    } catch (error) {
      const failure = this.apiFailure(error);
      if (failure.status === 409) {
        await this.loadUsers();
        this.announcement = msg('Someone else changed this user meanwhile. The list now shows the current data: make your change again.');
      } else {
        this.rowProblems = formProblems(failure, () => undefined).rest;
      }
    } finally {
      this.busy = false;
    }
  }
}

ImiConsoleUsers.define('imi-console-users');

declare global {
  interface HTMLElementTagNameMap {
    'imi-console-users': ImiConsoleUsers;
  }
}
