import { AsyncLocalStorage } from 'node:async_hooks';
import { systemClock, type Clock } from '../../clock.js';

/**
 * Blocking and deletion dates (SPEC §5.4). A request is formally closed when it was closed or withdrawn; its personal
 * data are blocked from closure + its area's blocking period, and deleted by the retention job from closure + 3 years.
 * Blocking is computed against the clock whenever the data are read, never stored as a flag, so it can never be late.
 */

/** Years after formal closure that the retention job deletes the personal data. */
export const RETENTION_YEARS = 3;

/** When a request of alias `r` was formally closed (null while open). */
export const closureSql = (r = 'r') => `coalesce(${r}.closed_at, ${r}.withdrawn_at)`;

/** When the personal data of a request of alias `r` are (or will be) blocked: a scalar expression, no join needed. */
export const blockedFromSql = (r = 'r') =>
  `(select ${closureSql(r)} + make_interval(months => x.blocking_months) from legislative_area x where x.code = ${r}.area_code)`;

/** When the retention job deletes the personal data of a request of alias `r`. */
export const deletionDueSql = (r = 'r') => `(${closureSql(r)} + interval '${RETENTION_YEARS} years')`;

/**
 * A condition that holds while the personal data of a request of alias `r` may still be shown to its parties: not
 * blocked at the time bound as the one `?` placeholder, and not deleted.
 */
export const unblockedSql = (r = 'r') =>
  `(${r}.personal_data_deleted_at is null and (${closureSql(r)} is null or ${blockedFromSql(r)} > ?::timestamptz))`;

export interface ProtectionDates {
  blockedFrom: Date | null;
  personalDataDeletedAt: Date | null;
}

/** Whether the personal data are blocked (or already deleted) at `now`. */
export function isBlocked(dates: ProtectionDates, now: Date): boolean {
  return dates.personalDataDeletedAt !== null || (dates.blockedFrom !== null && dates.blockedFrom.getTime() <= now.getTime());
}

const scope = new AsyncLocalStorage<Clock>();

/**
 * Runs `next` with the app's clock as the time that judges blocking. The app sets it around every API call, so the
 * request services (views, timeline, inbox search, downloads) judge blocking by the same injectable clock as the
 * deadlines, without every route passing it along.
 */
export function withBlockingClock<T>(clock: Clock, next: () => Promise<T>): Promise<T> {
  return scope.run(clock, next);
}

/** The time blocking is judged at: the app's clock within an API call, else the system clock. */
export function blockingNow(): Date {
  return (scope.getStore() ?? systemClock).now();
}

/** An ISO date-time for a timestamp a raw query returned (as text or as a Date). */
export const isoOrNull = (v: Date | string | null | undefined): string | null => (v === null || v === undefined ? null : new Date(v).toISOString());
