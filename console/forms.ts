import { css, html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import { ApiError } from '../components/core/api.js';
import { sys } from '../components/core/tokens.js';
import type { AuthorityStatus } from '../server/modules/authorities/entities.js';
import type { Country } from '../server/modules/reference/schemas.js';

/** What a server type looks like on the wire: dates arrive as ISO strings. */
export type Wire<T> = T extends Date ? string : T extends object ? { [K in keyof T]: Wire<T[K]> } : T;

/** A list answer of the API. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Errors by the form field they belong to, and the messages no field of the form shows. */
export interface FormProblems {
  fields: Record<string, string>;
  rest: string[];
}

/**
 * Sorts a failed call's field errors onto a form: `fieldOf` names the form field a server path belongs to (or none).
 * Anything else, and a failure without field errors, is a message for the whole form.
 */
export function formProblems(error: unknown, fieldOf: (path: string) => string | undefined): FormProblems {
  const problems: FormProblems = { fields: {}, rest: [] };
  if (!(error instanceof ApiError)) {
    problems.rest.push(String(error));
    return problems;
  }
  for (const { path, message } of error.errors ?? []) {
    const field = fieldOf(path);
    if (field) problems.fields[field] ??= message;
    else problems.rest.push(message);
  }
  if (!error.errors?.length) problems.rest.push(error.detail ?? error.title);
  return problems;
}

/** The error of a field, tied to its control by `aria-describedby` (`<id>-error`). */
export function fieldError(id: string, error: string | undefined): TemplateResult | typeof nothing {
  return error ? html`<p class="error" id="${id}-error">${error}</p>` : nothing;
}

/** The attributes that tie a control to its error. */
export const describedBy = (id: string, error: string | undefined) => (error ? `${id}-error` : nothing);
export const invalid = (error: string | undefined) => (error ? 'true' : nothing);

/** Messages about the whole form, after a failed save. */
export function formAlert(messages: string[]): TemplateResult | typeof nothing {
  return messages.length ? html`<div class="problem" role="alert">${messages.map((m) => html`<p>${m}</p>`)}</div>` : nothing;
}

/** The Commission's choice of state in a filter, or all of them. */
export function stateFilter(id: string, countries: Country[], value: string, change: (code: string) => void): TemplateResult {
  return html`
    <div class="field">
      <label for=${id}>${msg('State')}</label>
      <select id=${id} @change=${(e: Event) => change((e.target as HTMLSelectElement).value)}>
        <option value="" ?selected=${!value}>${msg('All states')}</option>
        ${countries.map((c) => html`<option value=${c.code} ?selected=${c.code === value}>${c.name}</option>`)}
      </select>
    </div>
  `;
}

/** How many items a list shows (a live region), or that it is loading, or that nothing matches. */
export function listCount(busy: boolean, count: number, shown: (count: number) => string, none: string): TemplateResult {
  return html`<p role="status">${busy ? msg('Loading…') : count ? shown(count) : none}</p>`;
}

export function statusText(status: AuthorityStatus): string {
  switch (status) {
    case 'active':
      return msg('Active');
    case 'suspended':
      return msg('Suspended');
    case 'pending-validation':
      return msg('Awaiting validation');
    case 'invited':
      return msg('Invited');
    case 'rejected':
      return msg('Rejected');
  }
}

const statusShapes: Record<AuthorityStatus, string> = { active: '●', 'pending-validation': '◐', suspended: '■', rejected: '✕', invited: '○' };

/** An authority's status: its name, with a shape beside it so that colour is never the only sign. */
export function statusBadge(status: AuthorityStatus): TemplateResult {
  return html`<span class="badge badge-${status}"><span aria-hidden="true">${statusShapes[status]}</span> ${statusText(status)}</span>`;
}

export function dateText(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(iso));
}

export const badgeStyles = css`
  .badge {
    white-space: nowrap;
    font-weight: ${sys('font-weight-strong')};
  }
  .badge-active {
    color: ${sys('color-primary')};
  }
  .badge-suspended,
  .badge-rejected {
    color: ${sys('color-error')};
  }
  .badge-pending-validation,
  .badge-invited {
    color: ${sys('color-on-surface-muted')};
  }
`;
