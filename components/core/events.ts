import type { AuthoritySummary } from '../../server/modules/authorities/schemas.js';
import type { ProblemDetails } from './api.js';

/** `imi-authority-select`: the user chose an authority in the search results. */
export interface AuthoritySelectDetail {
  authority: AuthoritySummary;
}

/** `imi-auth-required`: the server answered 401; the host page should sign the user in again. */
export interface AuthRequiredDetail {
  problem: ProblemDetails;
}

declare global {
  interface HTMLElementEventMap {
    'imi-authority-select': CustomEvent<AuthoritySelectDetail>;
    'imi-auth-required': CustomEvent<AuthRequiredDetail>;
  }
}

/** The names of the events IMI elements dispatch. */
export type ImiEventName = Extract<keyof HTMLElementEventMap, `imi-${string}`>;
