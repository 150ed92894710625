import { msg } from '@lit/localize';
import { getLocale } from './localization.js';
import type { RequestAction, RequestStatus } from './types.js';

/** The name of a request state in the user's language. */
export function statusLabel(status: RequestStatus): string {
  switch (status) {
    case 'DRAFT':
      return msg('Draft');
    case 'AWAITING_APPROVAL':
      return msg('Awaiting approval');
    case 'AWAITING_ACCEPTANCE':
      return msg('Awaiting acceptance');
    case 'ACCEPTED':
      return msg('Accepted');
    case 'AWAITING_REPLY_APPROVAL':
      return msg('Reply awaiting approval');
    case 'ANSWERED':
      return msg('Answered');
    case 'CLARIFICATION_REQUESTED':
      return msg('Clarification requested');
    case 'REFERRED':
      return msg('Referred to the coordinator');
    case 'CLOSED':
      return msg('Closed');
    case 'WITHDRAWN':
      return msg('Withdrawn');
  }
}

/** The label of the button that takes an action. */
export function actionLabel(action: RequestAction): string {
  switch (action) {
    case 'send':
      return msg('Send');
    case 'approve':
      return msg('Approve');
    case 'reject-approval':
      return msg('Send back');
    case 'accept':
      return msg('Accept');
    case 'forward':
      return msg('Forward');
    case 'split':
      return msg('Pass questions to another authority');
    case 'reply':
      return msg('Reply');
    case 'request-clarification':
      return msg('Ask for clarification');
    case 'answer-clarification':
      return msg('Clarify');
    case 'refer':
      return msg('Refer to the coordinator');
    case 'resolve-referral':
      return msg('Resolve the referral');
    case 'close':
      return msg('Accept the reply and close');
    case 'withdraw':
      return msg('Withdraw');
    case 'allocate':
      return msg('Allocate');
    case 'message':
      return msg('Write a message');
    case 'reuse':
      return msg('Reuse as a new draft');
  }
}

/** What a timeline step was, in the user's language: the actions, plus the creation and edits of the draft. */
export function stepLabel(kind: string): string {
  switch (kind) {
    case 'create':
      return msg('Draft created');
    case 'update':
      return msg('Draft edited');
    case 'send':
      return msg('Sent');
    case 'approve':
      return msg('Approved');
    case 'reject-approval':
      return msg('Sent back');
    case 'accept':
      return msg('Accepted');
    case 'forward':
      return msg('Forwarded');
    case 'split':
      return msg('Questions passed to another authority');
    case 'reply':
      return msg('Replied');
    case 'request-clarification':
      return msg('Clarification requested');
    case 'answer-clarification':
      return msg('Clarified');
    case 'refer':
      return msg('Referred to the coordinator');
    case 'resolve-referral':
      return msg('Referral resolved');
    case 'close':
      return msg('Closed');
    case 'withdraw':
      return msg('Withdrawn');
    case 'allocate':
      return msg('Allocated');
    case 'message':
      return msg('Message');
    case 'reuse':
      return msg('Reused as a new draft');
    default:
      return kind;
  }
}

/** A calendar date (`YYYY-MM-DD`) in the active locale, without shifting it across time zones. */
export function formatDay(day: string | null | undefined): string {
  if (!day) return '';
  const date = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(getLocale(), { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/** A moment (ISO timestamp) in the active locale and the user's time zone. */
export function formatMoment(at: string | null | undefined): string {
  if (!at) return '';
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return at;
  return new Intl.DateTimeFormat(getLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** The name of a language in the active locale, e.g. `fi` → “Finnish”. */
export function languageName(code: string): string {
  return new Intl.DisplayNames([getLocale()], { type: 'language', fallback: 'code' }).of(code) ?? code;
}

/** Today as `YYYY-MM-DD` in the user's time zone. */
export function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** A file size in the active locale, e.g. “1.2 MB”. */
export function formatSize(bytes: number): string {
  const format = (value: number, unit: 'kilobyte' | 'megabyte') =>
    new Intl.NumberFormat(getLocale(), { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(value);
  return bytes >= 1024 * 1024 ? format(bytes / 1024 / 1024, 'megabyte') : format(Math.max(bytes / 1024, 0.1), 'kilobyte');
}
