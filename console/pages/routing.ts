import { css, html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { repeat } from 'lit/directives/repeat.js';
import { localized, msg, str } from '@lit/localize';
import type { StateView } from '../../server/modules/admin/states.js';
import type { AuthorityDetail, AuthoritySummary } from '../../server/modules/authorities/schemas.js';
import type { Country, LegislativeArea } from '../../server/modules/reference/schemas.js';
import '../../components/authority-search/define.js';
import type { ApiError } from '../../components/core/api.js';
import { getLocale } from '../../components/core/localization.js';
import { ConsolePage } from '../console-page.js';
import { badgeStyles, describedBy, fieldError, formAlert, formProblems, invalid, statusBadge, type Page } from '../forms.js';
import { consoleStyles } from '../styles.js';

/** A rule of `GET /admin/routing`: the state's own (no authority, no area) or an override. */
interface RoutingRule {
  id: number;
  country: string;
  authorityId: string | null;
  area: string | null;
  approveRequests: boolean;
  approveReplies: boolean;
  updatedAt: string;
}

interface IdentityProvider {
  id: number;
  country: string;
  issuer: string;
  audience: string;
  userClaim: 'email' | 'sub';
  keyIds: { kid: string | null; kty: string; alg: string | null; use: string | null }[];
  version: number;
}

/** The four routings of SPEC §5.2; `inherit` leaves an area to the state's rule. */
type Routing = 'direct' | 'requests' | 'replies' | 'both';
type Choice = Routing | 'inherit';

const routings: Routing[] = ['direct', 'requests', 'replies', 'both'];

const routingOf = (rule: { approveRequests: boolean; approveReplies: boolean } | undefined): Routing =>
  !rule ? 'direct' : rule.approveRequests && rule.approveReplies ? 'both' : rule.approveRequests ? 'requests' : rule.approveReplies ? 'replies' : 'direct';

const approvals = (routing: Routing) => ({ approveRequests: routing === 'requests' || routing === 'both', approveReplies: routing === 'replies' || routing === 'both' });

/** One row of the routing table: a scope (the state, an area, an authority, an authority in an area) and its rule. */
interface Scope {
  key: string;
  authorityId: string | null;
  area: string | null;
  rule?: RoutingRule;
}

const scopeKey = (authorityId: string | null, area: string | null) => `${authorityId ?? '*'}|${area ?? '*'}`;

const providerFields = ['issuer', 'audience', 'userClaim', 'jwks'] as const;
type ProviderField = (typeof providerFields)[number];
type OverrideField = 'authorityId' | 'area' | 'routing';

/** The provider form's field a server path belongs to (`jwks.keys.0.kty` → `jwks`). */
const providerFieldOf = (path: string) => providerFields.find((field) => field === path.split('.')[0]);
const overrideFieldByPath: Record<string, OverrideField> = { authorityId: 'authorityId', area: 'area', approveRequests: 'routing', approveReplies: 'routing' };
const overrideFieldOf = (path: string): OverrideField | undefined => overrideFieldByPath[path.split('.')[0]];

/** A JSON syntax error with the line and column it is at, read from the engine's message where it gives a position. */
function jsonProblem(text: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const position = /position (\d+)/.exec(error instanceof Error ? error.message : '');
    if (!position) return msg('This is not valid JSON.');
    const before = text.slice(0, Number(position[1])).split('\n');
    const line = before.length;
    const column = before[before.length - 1].length + 1;
    return msg(str`This is not valid JSON: see line ${line}, column ${column}.`);
  }
  const keys = (value as { keys?: unknown } | null)?.keys;
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !Array.isArray(keys) || keys.length === 0) {
    return msg('Give a key set: an object with a “keys” list of public keys.');
  }
  return undefined;
}

/**
 * @summary States and routing: a state's NIMIC and other coordinators, how its requests and replies are routed
 * (SPEC §5.2) with overrides per authority and area, and the identity provider its national portals sign users in with.
 *
 * Commission administrators choose any of the 30 states; a NIMIC sees its own.
 */
@localized()
export class ImiConsoleRouting extends ConsolePage {
  static override styles = [
    consoleStyles,
    badgeStyles,
    css`
      td select {
        min-width: 14rem;
      }
      td .actions {
        flex-wrap: nowrap;
      }
      textarea {
        min-height: 12rem;
        font-family: ui-monospace, monospace;
        font-size: 0.875rem;
      }
      ul.keys {
        margin: 0;
        padding-inline-start: 1.25rem;
      }
      .status {
        margin: 0 0 1rem;
      }
      /* Kept in the page while empty, so that screen readers announce what comes into it. */
      .status:empty {
        padding: 0;
        border: 0;
        margin: 0;
      }
      form + form,
      .table-wrap + form,
      .table-wrap + p,
      p + form {
        margin-top: 1rem;
      }
    `,
  ];

  /** The state shown: the one the administrator chose, or the NIMIC's own. */
  @state() private country = '';
  @state() private countries: Country[] = [];
  @state() private areas: LegislativeArea[] = [];
  @state() private stateView?: StateView;
  @state() private rules: RoutingRule[] = [];
  @state() private authorityNames = new Map<string, string>();
  @state() private providers: IdentityProvider[] = [];

  /** Routing chosen in a row but not saved yet, per scope. */
  @state() private drafts = new Map<string, Choice>();
  @state() private rowErrors = new Map<string, string>();
  @state() private busy?: string;
  @state() private notice = '';

  @state() private overrideAuthority?: AuthoritySummary;
  @state() private overrideArea = '';
  @state() private overrideRouting: Routing = 'requests';
  @state() private overrideErrors: Partial<Record<OverrideField, string>> = {};
  @state() private overrideProblems: string[] = [];
  /** Changes after each override added, so that the next one starts with an empty search. */
  @state() private overrideSerial = 0;

  /** The issuer being edited (read-only then: another issuer is another provider), or none for a new one. */
  @state() private editing?: IdentityProvider;
  @state() private issuer = '';
  @state() private audience = '';
  @state() private userClaim: 'email' | 'sub' = 'email';
  @state() private jwks = '';
  @state() private providerErrors: Partial<Record<ProviderField, string>> = {};
  @state() private providerProblems: string[] = [];

  private referenceLocale?: string;

  protected async load(signal: AbortSignal): Promise<void> {
    const api = this.api();
    if (!this.commission) this.country = this.me?.authority?.country ?? '';
    if (this.referenceLocale !== getLocale()) {
      const [countries, areas] = await Promise.all([
        this.commission ? api.get<Page<Country>>('/countries', {}, { signal }) : undefined,
        api.get<Page<LegislativeArea>>('/legislative-areas', {}, { signal }),
      ]);
      this.countries = countries?.items ?? [];
      this.areas = areas.items;
      this.referenceLocale = getLocale();
    }
    const country = this.country;
    if (!country) {
      this.stateView = undefined;
      return;
    }
    const [view, routing, providers] = await Promise.all([
      api.get<StateView>(`/admin/states/${country}`, {}, { signal }),
      api.get<Page<RoutingRule>>('/admin/routing', { country }, { signal }),
      api.get<Page<IdentityProvider>>('/admin/identity-providers', { country }, { signal }),
    ]);
    const names = await this.namesOf(routing.items, signal);
    if (signal.aborted) return;
    this.stateView = view;
    this.rules = routing.items;
    this.authorityNames = names;
    this.providers = providers.items;
    this.drafts = new Map();
    this.rowErrors = new Map();
  }

  /** The designations of the authorities with overrides; an authority that cannot be read shows as its id. */
  private async namesOf(rules: RoutingRule[], signal: AbortSignal): Promise<Map<string, string>> {
    const ids = [...new Set(rules.flatMap((rule) => (rule.authorityId ? [rule.authorityId] : [])))];
    const api = this.api();
    const found = await Promise.allSettled(ids.map((id) => api.get<AuthorityDetail>(`/authorities/${id}`, {}, { signal })));
    return new Map(ids.map((id, i) => {
      const result = found[i];
      return [id, result.status === 'fulfilled' ? result.value.designation : id];
    }));
  }

  private chooseState(event: Event): void {
    this.country = (event.target as HTMLSelectElement).value;
    this.notice = '';
    this.stateView = undefined;
    this.overrideAuthority = undefined;
    this.overrideErrors = {};
    this.overrideProblems = [];
    this.resetProviderForm();
    void this.reload();
  }

  protected override render() {
    const stateName = this.stateView?.name ?? this.countries.find((c) => c.code === this.country)?.name ?? this.country;
    return html`
      ${this.commission && this.countries.length
        ? html`
            <div class="toolbar">
              <div class="field">
                <label for="state">${msg('State')}</label>
                <select id="state" @change=${this.chooseState}>
                  <option value="" ?selected=${!this.country} disabled>${msg('Choose a state')}</option>
                  ${this.countries.map((c) => html`<option value=${c.code} ?selected=${c.code === this.country}>${c.name}</option>`)}
                </select>
              </div>
            </div>
          `
        : nothing}
      <div class="status notice" role="status" tabindex="-1" id="notice">${this.notice || nothing}</div>
      ${this.whenLoaded(() => {
        if (!this.country) return html`<p class="state">${msg('Choose a state to see its coordinators, routing and identity provider.')}</p>`;
        if (!this.stateView) return html`${nothing}`;
        return html`
          ${this.commission ? nothing : html`<p>${msg(str`State: ${stateName}`)}</p>`}
          ${this.renderCoordinators(this.stateView)} ${this.renderRouting(stateName)} ${this.renderProviders()}
        `;
      })}
    `;
  }

  private kindText(kind: string): string {
    switch (kind) {
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

  private areaName(code: string | null): string {
    if (!code) return msg('All areas');
    const area = this.areas.find((a) => a.code === code);
    return area ? `${area.name} (${code})` : code;
  }

  private renderCoordinators(view: StateView): TemplateResult {
    const nimic = view.nimic;
    const row = (label: string, value: unknown) => html`<tr><th scope="row">${label}</th><td>${value}</td></tr>`;
    return html`
      <section aria-labelledby="coordinators-heading">
        <h3 id="coordinators-heading">${msg('Coordinators')}</h3>
        ${nimic
          ? html`
              <div class="table-wrap">
                <table>
                  <caption>${msg('National IMI coordinator (NIMIC)')}</caption>
                  ${row(msg('Designation'), nimic.designation)}
                  ${row(msg('Official name'), nimic.officialName)}
                  ${row(msg('E-mail'), nimic.email ? html`<a href="mailto:${nimic.email}">${nimic.email}</a>` : '—')}
                  ${row(msg('Telephone'), nimic.phone ?? '—')}
                  ${row(msg('Status'), statusBadge(nimic.status))}
                </table>
              </div>
            `
          : html`<p>${msg('This state has no NIMIC yet.')}</p>`}
        ${view.coordinators.length
          ? html`
              <div class="table-wrap">
                <table>
                  <caption>${msg('Other coordinators')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">${msg('Kind')}</th>
                      <th scope="col">${msg('Designation')}</th>
                      <th scope="col">${msg('Region')}</th>
                      <th scope="col">${msg('Legislative areas')}</th>
                      <th scope="col">${msg('Status')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${view.coordinators.map((c) => html`
                      <tr>
                        <td>${this.kindText(c.kind)}</td>
                        <th scope="row">${c.designation} <br /><span class="muted">${c.officialName}</span></th>
                        <td>${c.region ?? '—'}</td>
                        <td>${c.areas.map((code) => this.areaName(code)).join(', ') || '—'}</td>
                        <td>${statusBadge(c.status)}</td>
                      </tr>
                    `)}
                  </tbody>
                </table>
              </div>
            `
          : html`<p>${msg('No other coordinators (SDIMIC, LIMIC, DIMIC).')}</p>`}
      </section>
    `;
  }

  private routingText(choice: Choice): string {
    switch (choice) {
      case 'direct':
        return msg('Direct contact between authorities');
      case 'requests':
        return msg('Requests approved by the request coordinator');
      case 'replies':
        return msg('Replies approved by the request coordinator');
      case 'both':
        return msg('Requests and replies approved by the request coordinator');
      case 'inherit':
        return msg(str`As for all areas: ${this.routingText(routingOf(this.ruleAt(null, null)))}`);
    }
  }

  private ruleAt(authorityId: string | null, area: string | null): RoutingRule | undefined {
    return this.rules.find((r) => r.authorityId === authorityId && r.area === area);
  }

  /** The state's rule, one row per legislative area, then the overrides for authorities. */
  private scopes(): Scope[] {
    const scope = (authorityId: string | null, area: string | null): Scope => ({ key: scopeKey(authorityId, area), authorityId, area, rule: this.ruleAt(authorityId, area) });
    const areaCodes = new Set(this.areas.map((a) => a.code));
    const strayAreas = this.rules.filter((r) => !r.authorityId && r.area && !areaCodes.has(r.area)).map((r) => r.area!);
    return [
      scope(null, null),
      ...[...areaCodes, ...strayAreas].map((area) => scope(null, area)),
      ...this.rules.filter((r) => r.authorityId).map((r) => scope(r.authorityId, r.area)),
    ];
  }

  private renderRouting(stateName: string): TemplateResult {
    const dateTime = new Intl.DateTimeFormat(getLocale(), { dateStyle: 'medium', timeStyle: 'short' });
    return html`
      <section aria-labelledby="routing-heading">
        <h3 id="routing-heading">${msg('Routing of requests and replies')}</h3>
        <p class="hint" id="routing-hint">
          ${msg('The most specific rule applies: an authority in an area, then the authority in all areas, then the area, then the state. Without a rule, authorities contact each other directly.')}
        </p>
        <div class="table-wrap">
          <table aria-describedby="routing-hint">
            <caption>${msg(str`Routing in ${stateName}`)}</caption>
            <thead>
              <tr>
                <th scope="col">${msg('Authority')}</th>
                <th scope="col">${msg('Legislative area')}</th>
                <th scope="col">${msg('Routing')}</th>
                <th scope="col">${msg('Last changed')}</th>
                <th scope="col">${msg('Actions')}</th>
              </tr>
            </thead>
            <tbody>
              ${repeat(this.scopes(), (scope) => scope.key, (scope) => this.renderRoutingRow(scope, dateTime))}
            </tbody>
          </table>
        </div>
        ${this.renderOverrideForm()}
      </section>
    `;
  }

  private renderRoutingRow(scope: Scope, dateTime: Intl.DateTimeFormat): TemplateResult {
    const who = scope.authorityId ? (this.authorityNames.get(scope.authorityId) ?? scope.authorityId) : msg('All authorities');
    const where = this.areaName(scope.area);
    // An area of the state may follow the state's rule; an authority's override is removed instead.
    const inherits = !scope.authorityId && scope.area !== null;
    const saved: Choice = scope.rule ? routingOf(scope.rule) : inherits ? 'inherit' : 'direct';
    const choice = this.drafts.get(scope.key) ?? saved;
    const error = this.rowErrors.get(scope.key);
    const id = `routing-${scope.key.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
    const busy = this.busy === scope.key;
    return html`
      <tr>
        <th scope="row">${who}</th>
        <td>${where}</td>
        <td>
          <select
            id=${id}
            aria-label=${msg(str`Routing for ${who}, ${where}`)}
            aria-invalid=${invalid(error)}
            aria-describedby=${describedBy(id, error)}
            @change=${(event: Event) => this.chooseRouting(scope.key, (event.target as HTMLSelectElement).value as Choice)}
          >
            ${inherits ? html`<option value="inherit" ?selected=${choice === 'inherit'}>${this.routingText('inherit')}</option>` : nothing}
            ${routings.map((r) => html`<option value=${r} ?selected=${choice === r}>${this.routingText(r)}</option>`)}
          </select>
          ${fieldError(id, error)}
        </td>
        <td>${scope.rule ? dateTime.format(new Date(scope.rule.updatedAt)) : '—'}</td>
        <td>
          <div class="actions">
            <button
              type="button"
              class="small primary"
              aria-label=${msg(str`Save routing for ${who}, ${where}`)}
              ?disabled=${choice === saved || busy}
              @click=${() => void this.saveRouting(scope, choice)}
            >${msg('Save')}</button>
            ${scope.authorityId
              ? html`<button
                  type="button"
                  class="small"
                  aria-label=${msg(str`Remove override for ${who}, ${where}`)}
                  ?disabled=${busy}
                  @click=${() => void this.saveRouting(scope, 'inherit')}
                >${msg('Remove')}</button>`
              : nothing}
          </div>
        </td>
      </tr>
    `;
  }

  private chooseRouting(key: string, choice: Choice): void {
    const drafts = new Map(this.drafts);
    drafts.set(key, choice);
    this.drafts = drafts;
  }

  private async saveRouting(scope: Scope, choice: Choice): Promise<void> {
    const body = {
      country: this.country,
      ...(scope.authorityId ? { authorityId: scope.authorityId } : {}),
      ...(scope.area ? { area: scope.area } : {}),
      ...(choice === 'inherit' ? { inherit: true } : approvals(choice)),
    };
    this.busy = scope.key;
    this.notice = '';
    const rowErrors = new Map(this.rowErrors);
    rowErrors.delete(scope.key);
    this.rowErrors = rowErrors;
    try {
      const answer = await this.api().put<Page<RoutingRule>>('/admin/routing', body);
      this.rules = answer.items;
      const drafts = new Map(this.drafts);
      drafts.delete(scope.key);
      this.drafts = drafts;
      this.notice = choice === 'inherit' && scope.authorityId ? msg('Override removed.') : msg('Routing saved.');
    } catch (error) {
      const failure = this.apiFailure(error);
      if (failure.status === 409) {
        await this.conflict(failure);
        return;
      }
      const errors = new Map(this.rowErrors);
      errors.set(scope.key, failure.errors?.map((e) => e.message).join(' ') || failure.detail || failure.title);
      this.rowErrors = errors;
    } finally {
      this.busy = undefined;
    }
  }

  /** Someone changed the data meanwhile: show the current settings and say so. */
  private async conflict(failure: ApiError): Promise<void> {
    await this.reload();
    this.notice = [msg('This was changed meanwhile. The page now shows the current settings: check them and save again.'), failure.detail].filter(Boolean).join(' ');
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#notice')?.focus();
  }

  private renderOverrideForm(): TemplateResult {
    const e = this.overrideErrors;
    return html`
      <form novalidate @submit=${this.addOverride} aria-labelledby="override-heading">
        <h4 id="override-heading">${msg('Add an override')}</h4>
        ${formAlert(this.overrideProblems)}
        <div class="field">
          ${keyed(this.overrideSerial, html`
            <imi-authority-search
              country=${this.country}
              hide-filters
              label=${msg('Authority')}
              @imi-authority-select=${(event: CustomEvent<{ authority: AuthoritySummary }>) => {
                this.overrideAuthority = event.detail.authority;
                this.overrideErrors = { ...this.overrideErrors, authorityId: undefined };
              }}
              @input=${() => (this.overrideAuthority = undefined)}
            ></imi-authority-search>
          `)}
          ${e.authorityId ? html`<p class="error" id="override-authorityId-error" role="alert">${e.authorityId}</p>` : nothing}
        </div>
        <div class="row">
          <div class="field">
            <label for="override-area">${msg('Legislative area')}</label>
            <select
              id="override-area"
              aria-invalid=${invalid(e.area)}
              aria-describedby=${describedBy('override-area', e.area)}
              @change=${(event: Event) => (this.overrideArea = (event.target as HTMLSelectElement).value)}
            >
              <option value="" ?selected=${!this.overrideArea}>${msg('All areas')}</option>
              ${this.areas.map((a) => html`<option value=${a.code} ?selected=${a.code === this.overrideArea}>${this.areaName(a.code)}</option>`)}
            </select>
            ${fieldError('override-area', e.area)}
          </div>
          <div class="field">
            <label for="override-routing">${msg('Routing')}</label>
            <select
              id="override-routing"
              aria-invalid=${invalid(e.routing)}
              aria-describedby=${describedBy('override-routing', e.routing)}
              @change=${(event: Event) => (this.overrideRouting = (event.target as HTMLSelectElement).value as Routing)}
            >
              ${routings.map((r) => html`<option value=${r} ?selected=${r === this.overrideRouting}>${this.routingText(r)}</option>`)}
            </select>
            ${fieldError('override-routing', e.routing)}
          </div>
        </div>
        <div class="actions">
          <button type="submit" class="primary" ?disabled=${this.busy === 'override'}>${msg('Add override')}</button>
        </div>
      </form>
    `;
  }

  private async addOverride(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    this.notice = '';
    if (!this.overrideAuthority) {
      this.overrideErrors = { authorityId: msg('Choose an authority from the search results.') };
      this.overrideProblems = [];
      return;
    }
    this.overrideErrors = {};
    this.overrideProblems = [];
    this.busy = 'override';
    const authority = this.overrideAuthority;
    try {
      const answer = await this.api().put<Page<RoutingRule>>('/admin/routing', {
        country: this.country,
        authorityId: authority.id,
        ...(this.overrideArea ? { area: this.overrideArea } : {}),
        ...approvals(this.overrideRouting),
      });
      this.authorityNames = new Map(this.authorityNames).set(authority.id, authority.designation);
      this.rules = answer.items;
      this.overrideAuthority = undefined;
      this.overrideSerial++;
      this.notice = msg('Override saved.');
    } catch (error) {
      const failure = this.apiFailure(error);
      if (failure.status === 409) {
        await this.conflict(failure);
        return;
      }
      const { fields, rest } = formProblems(failure, overrideFieldOf);
      this.overrideErrors = fields;
      this.overrideProblems = rest;
    } finally {
      this.busy = undefined;
    }
  }

  private renderProviders(): TemplateResult {
    return html`
      <section aria-labelledby="idp-heading">
        <h3 id="idp-heading">${msg('Identity provider')}</h3>
        <p class="hint">
          ${msg('National portals may sign their users in with the state’s own identity provider. Its tokens are trusted when signed by a key of its key set (JWKS) and naming its issuer and audience.')}
        </p>
        ${this.providers.length
          ? html`
              <div class="table-wrap">
                <table>
                  <caption>${msg('Trusted identity providers')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">${msg('Issuer')}</th>
                      <th scope="col">${msg('Audience')}</th>
                      <th scope="col">${msg('User claim')}</th>
                      <th scope="col">${msg('Keys')}</th>
                      <th scope="col">${msg('Actions')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${this.providers.map((p) => html`
                      <tr>
                        <th scope="row">${p.issuer}</th>
                        <td>${p.audience}</td>
                        <td><code>${p.userClaim}</code></td>
                        <td>
                          <ul class="keys">
                            ${p.keyIds.map((k) => html`<li>${k.kid ?? msg('(no key id)')} <span class="muted">${[k.kty, k.alg, k.use].filter(Boolean).join(' · ')}</span></li>`)}
                          </ul>
                        </td>
                        <td>
                          <button type="button" class="small" aria-label=${msg(str`Edit ${p.issuer}`)} @click=${() => this.editProvider(p)}>${msg('Edit')}</button>
                        </td>
                      </tr>
                    `)}
                  </tbody>
                </table>
              </div>
            `
          : html`<p>${msg('No identity provider is trusted for this state.')}</p>`}
        ${this.renderProviderForm()}
      </section>
    `;
  }

  private editProvider(provider: IdentityProvider): void {
    this.editing = provider;
    this.issuer = provider.issuer;
    this.audience = provider.audience;
    this.userClaim = provider.userClaim;
    this.jwks = '';
    this.providerErrors = {};
    this.providerProblems = [];
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#idp-audience')?.focus());
  }

  private resetProviderForm(): void {
    this.editing = undefined;
    this.issuer = '';
    this.audience = '';
    this.userClaim = 'email';
    this.jwks = '';
    this.providerErrors = {};
    this.providerProblems = [];
  }

  private renderProviderForm(): TemplateResult {
    const e = this.providerErrors;
    const described = (field: ProviderField, hint?: string) => [hint, e[field] ? `idp-${field}-error` : undefined].filter(Boolean).join(' ') || nothing;
    const error = (field: ProviderField) => fieldError(`idp-${field}`, e[field]);
    const input = (field: 'issuer' | 'audience') => (event: Event) => {
      this[field] = (event.target as HTMLInputElement).value;
    };
    return html`
      <form novalidate @submit=${this.saveProvider} aria-labelledby="idp-form-heading">
        <h4 id="idp-form-heading">${this.editing ? msg(str`Edit ${this.editing.issuer}`) : msg('Trust an identity provider')}</h4>
        ${formAlert(this.providerProblems)}
        <div class="field">
          <label for="idp-issuer">${msg('Issuer')}</label>
          <p class="hint" id="idp-issuer-hint">
            ${this.editing ? msg('Another issuer is another provider: trust it as a new one.') : msg('The issuer URL, as its tokens name it in “iss”.')}
          </p>
          <input
            id="idp-issuer"
            type="url"
            autocomplete="off"
            .value=${this.issuer}
            ?readonly=${Boolean(this.editing)}
            aria-invalid=${invalid(e.issuer)}
            aria-describedby=${described('issuer', 'idp-issuer-hint')}
            @input=${input('issuer')}
          />
          ${error('issuer')}
        </div>
        <div class="field">
          <label for="idp-audience">${msg('Audience')}</label>
          <p class="hint" id="idp-audience-hint">${msg('What its tokens name in “aud” for the IMI Network.')}</p>
          <input
            id="idp-audience"
            type="text"
            autocomplete="off"
            .value=${this.audience}
            aria-invalid=${invalid(e.audience)}
            aria-describedby=${described('audience', 'idp-audience-hint')}
            @input=${input('audience')}
          />
          ${error('audience')}
        </div>
        <div class="field">
          <label for="idp-userClaim">${msg('User claim')}</label>
          <select
            id="idp-userClaim"
            aria-invalid=${invalid(e.userClaim)}
            aria-describedby=${described('userClaim')}
            @change=${(event: Event) => (this.userClaim = (event.target as HTMLSelectElement).value as 'email' | 'sub')}
          >
            <option value="email" ?selected=${this.userClaim === 'email'}>${msg('E-mail address (email)')}</option>
            <option value="sub" ?selected=${this.userClaim === 'sub'}>${msg('Subject registered for the user (sub)')}</option>
          </select>
          ${error('userClaim')}
        </div>
        <div class="field">
          <label for="idp-jwks">${msg('Key set (JWKS)')}</label>
          <p class="hint" id="idp-jwks-hint">
            ${this.editing
              ? msg('Paste the provider’s whole public key set as JSON. It replaces the keys trusted now.')
              : msg('Paste the provider’s public key set as JSON: {"keys": [ … ]}.')}
          </p>
          <textarea
            id="idp-jwks"
            spellcheck="false"
            .value=${this.jwks}
            aria-invalid=${invalid(e.jwks)}
            aria-describedby=${described('jwks', 'idp-jwks-hint')}
            @input=${(event: Event) => {
              this.jwks = (event.target as HTMLTextAreaElement).value;
              // An error shown goes as soon as the text is right; a new one waits until the user leaves the field.
              if (e.jwks) this.providerErrors = { ...this.providerErrors, jwks: jsonProblem(this.jwks) };
            }}
            @change=${() => (this.providerErrors = { ...this.providerErrors, jwks: this.jwks.trim() ? jsonProblem(this.jwks) : undefined })}
          ></textarea>
          ${error('jwks')}
        </div>
        <div class="actions">
          <button type="submit" class="primary" ?disabled=${this.busy === 'provider'}>${msg('Save identity provider')}</button>
          ${this.editing ? html`<button type="button" @click=${this.resetProviderForm}>${msg('Cancel')}</button>` : nothing}
        </div>
      </form>
    `;
  }

  private async saveProvider(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    this.notice = '';
    this.providerProblems = [];
    const errors: Partial<Record<ProviderField, string>> = {};
    if (!this.issuer.trim()) errors.issuer = msg('Enter the issuer URL.');
    if (!this.audience.trim()) errors.audience = msg('Enter the audience.');
    errors.jwks = this.jwks.trim() ? jsonProblem(this.jwks) : msg('Paste the key set.');
    this.providerErrors = errors;
    const first = providerFields.find((field) => errors[field]);
    if (first) {
      this.renderRoot.querySelector<HTMLElement>(`#idp-${first}`)?.focus();
      return;
    }
    this.busy = 'provider';
    try {
      const saved = await this.api().post<IdentityProvider>('/admin/identity-providers', {
        country: this.country,
        issuer: this.issuer.trim(),
        audience: this.audience.trim(),
        userClaim: this.userClaim,
        jwks: JSON.parse(this.jwks) as unknown,
      });
      this.providers = [...this.providers.filter((p) => p.id !== saved.id), saved].sort((a, b) => a.issuer.localeCompare(b.issuer));
      this.resetProviderForm();
      this.notice = msg(str`Identity provider saved: ${saved.issuer}.`);
    } catch (error) {
      const failure = this.apiFailure(error);
      // A conflict here: the issuer is trusted for another state already.
      const { fields, rest } = failure.status === 409 && !failure.errors
        ? { fields: { issuer: failure.detail ?? failure.title }, rest: [] }
        : formProblems(failure, providerFieldOf);
      this.providerErrors = fields;
      this.providerProblems = rest;
      await this.updateComplete;
      const field = providerFields.find((name) => fields[name]);
      if (field) this.renderRoot.querySelector<HTMLElement>(`#idp-${field}`)?.focus();
    } finally {
      this.busy = undefined;
    }
  }
}

ImiConsoleRouting.define('imi-console-routing');

declare global {
  interface HTMLElementTagNameMap {
    'imi-console-routing': ImiConsoleRouting;
  }
}
