import { msg, str } from '@lit/localize';
import { getLocale } from './localization.js';
import type { RequestStatus } from './types.js';

const dayMs = 86_400_000;

/** Days within which a deadline counts as due soon (SPEC §5.3: the inbox marks the last three days). */
export const dueSoonDays = 3;

/** States in which the responding side has to act, so that a passed due date makes the request overdue (as the server counts it). */
export const awaitingResponder: readonly RequestStatus[] = ['AWAITING_ACCEPTANCE', 'ACCEPTED', 'AWAITING_REPLY_APPROVAL', 'CLARIFICATION_REQUESTED'];

/** Whole days from `from` to `to` (both `YYYY-MM-DD`); negative when `to` lies before `from`. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to.slice(0, 10)}T00:00:00Z`) - Date.parse(`${from.slice(0, 10)}T00:00:00Z`)) / dayMs);
}

// Intl formatters are costly to create: a list of 500 requests would build 1 500 of them on every render.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.RelativeTimeFormat | Intl.NumberFormat>();

function cached<F extends Intl.DateTimeFormat | Intl.RelativeTimeFormat | Intl.NumberFormat>(kind: string, create: (locale: string) => F): F {
  const key = `${kind}|${getLocale()}`;
  let formatter = formatters.get(key) as F | undefined;
  if (!formatter) formatters.set(key, (formatter = create(getLocale())));
  return formatter;
}

/** A calendar date (`YYYY-MM-DD`) in the active locale, e.g. “12 March 2026”, without shifting it across time zones. */
export function formatDate(day: string): string {
  const date = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return cached('date', (locale) => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' })).format(date);
}

/** “today”, “tomorrow”, “in 3 days”, “2 days ago”, in the active locale. */
export function relativeDays(days: number): string {
  return cached('relative', (locale) => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })).format(days, 'day');
}

/** A number of days with its unit and plural, e.g. “1 day”, “5 Tage”. */
export function dayCount(days: number): string {
  return cached('days', (locale) => new Intl.NumberFormat(locale, { style: 'unit', unit: 'day', unitDisplay: 'long', maximumFractionDigits: 1 })).format(days);
}

/** “5 days overdue”. */
export function overdueBy(days: number): string {
  const count = dayCount(days);
  return msg(str`${count} overdue`);
}
