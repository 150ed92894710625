import type { AuthoritySummary } from '../../server/modules/authorities/schemas.js';
import type { ProblemDetails } from './api.js';
import type { RequestSummary, RequestView } from './types.js';

/** `imi-authority-select`: the user chose an authority in the search results. */
export interface AuthoritySelectDetail {
  authority: AuthoritySummary;
}

/** `imi-auth-required`: the server answered 401; the host page should sign the user in again. */
export interface AuthRequiredDetail {
  problem: ProblemDetails;
}

/** `imi-request-saved`: a draft was created or saved (also by autosave). */
export interface RequestSavedDetail {
  request: RequestView;
}

/** `imi-request-sent`: a draft was sent (to the responding authority, or to the request coordinator for approval). */
export interface RequestSentDetail {
  request: RequestView;
}

/** `imi-request-open`: the user chose a request in the inbox or the deadline monitor. */
export interface RequestOpenDetail {
  id: string;
  request?: RequestSummary;
}

/** `imi-request-action`: the user took an action on a request in the request view; `request` is the new state. */
export interface RequestActionDetail {
  action: string;
  request: RequestView;
}

declare global {
  interface HTMLElementEventMap {
    'imi-request-saved': CustomEvent<RequestSavedDetail>;
    'imi-request-sent': CustomEvent<RequestSentDetail>;
    'imi-request-open': CustomEvent<RequestOpenDetail>;
    'imi-request-action': CustomEvent<RequestActionDetail>;
    'imi-authority-select': CustomEvent<AuthoritySelectDetail>;
    'imi-auth-required': CustomEvent<AuthRequiredDetail>;
  }
}

/** The names of the events IMI elements dispatch. */
export type ImiEventName = Extract<keyof HTMLElementEventMap, `imi-${string}`>;
