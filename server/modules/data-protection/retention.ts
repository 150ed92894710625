import { DriverException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import type { Clock } from '../../clock.js';
import { decodeCursor, encodeCursor } from '../../http/cursor.js';
import { blockedFromSql, closureSql, deletionDueSql, isoOrNull, RETENTION_YEARS } from './blocking.js';
import { erasePersonalData } from './erase.js';
import type { retentionStatuses, retentionTriggers } from './entities.js';

export interface RetentionOptions {
  /** Requests erased per transaction: a crash loses at most one batch's work, and the next run continues. */
  batchSize: number;
  /** The server instance running the job, for the report. */
  instance: string;
  trigger: (typeof retentionTriggers)[number];
  /** The user who started a manual run. */
  startedBy?: string | null;
}

export interface RetentionRunView {
  id: number;
  trigger: (typeof retentionTriggers)[number];
  startedBy: { id: string; name: string } | null;
  instance: string;
  asOf: string;
  startedAt: string;
  finishedAt: string | null;
  status: (typeof retentionStatuses)[number];
  newlyBlocked: number;
  requestsDeleted: number;
  attachmentsDeleted: number;
  bytesDeleted: number;
  error: string | null;
}

interface RunRow {
  id: string; trigger: RetentionRunView['trigger']; started_by_id: string | null; started_by_name: string | null; instance: string;
  as_of: Date; started_at: Date; finished_at: Date | null; status: RetentionRunView['status']; newly_blocked: number;
  requests_deleted: number; attachments_deleted: number; bytes_deleted: string; error: string | null;
}

const runColumns = `r.*, u.name as started_by_name from retention_run r left join app_user u on u.id = r.started_by_id`;

function runView(row: RunRow): RetentionRunView {
  return {
    id: Number(row.id), trigger: row.trigger,
    startedBy: row.started_by_id ? { id: row.started_by_id, name: row.started_by_name ?? '' } : null,
    instance: row.instance, asOf: isoOrNull(row.as_of)!, startedAt: isoOrNull(row.started_at)!, finishedAt: isoOrNull(row.finished_at),
    status: row.status, newlyBlocked: row.newly_blocked, requestsDeleted: row.requests_deleted, attachmentsDeleted: row.attachments_deleted,
    bytesDeleted: Number(row.bytes_deleted), error: row.error,
  };
}

/** Why a run failed: a database error's own message, without the long statement the driver puts before it. */
function reasonOf(error: unknown): string {
  const message = String((error as Error).message ?? error);
  return (error instanceof DriverException && message.includes(' - ') ? message.slice(message.lastIndexOf(' - ') + 3) : message).slice(0, 1000);
}

/**
 * Requests whose blocking started after the previous completed run's time and by `asOf`: what the report calls newly
 * blocked. Blocking needs no work (it is computed when data are read); the figure tells the administrators it happened.
 */
async function countNewlyBlocked(em: EntityManager, runId: string, asOf: Date): Promise<number> {
  const [previous] = await em.execute<{ as_of: Date }[]>(
    `select as_of from retention_run where status = 'completed' and id <> ? order by id desc limit 1`, [runId]);
  const since = previous ? new Date(previous.as_of) : null;
  const [row] = await em.execute<{ n: number }[]>(
    `select count(*)::int as n from request r
      where ${closureSql('r')} <= ?::timestamptz ${since ? `and ${closureSql('r')} > ?::timestamptz - make_interval(months => (select max(blocking_months) from legislative_area))` : ''}
        and ${blockedFromSql('r')} <= ?::timestamptz ${since ? `and ${blockedFromSql('r')} > ?::timestamptz` : ''}`,
    since ? [asOf, since, asOf, since] : [asOf, asOf],
  );
  return row.n;
}

/**
 * The retention job (SPEC §5.4): removes the personal data of every request formally closed at least three years
 * before the clock's now, oldest first, in batches of its own transaction each. Every batch claims its requests with
 * `FOR UPDATE SKIP LOCKED`, so instances running the job at once share the work instead of doing it twice, and the
 * embedded database (one session, no advisory locks) runs it alike. A request once erased is never taken again: a
 * second run at the same time deletes nothing, and a run after a failure continues where the failed one stopped. Each
 * run is recorded with what it did; a failure is recorded with its error, and the work of the batches before it stays.
 */
export async function runRetention(em: EntityManager, clock: Clock, options: RetentionOptions): Promise<RetentionRunView> {
  const asOf = clock.now();
  const fork = em.fork();
  const [run] = await fork.execute<{ id: string }[]>(
    `insert into retention_run (trigger, started_by_id, instance, as_of, started_at, status) values (?, ?, ?, ?, now(), 'running') returning id`,
    [options.trigger, options.startedBy ?? null, options.instance.slice(0, 100), asOf]);
  try {
    const newlyBlocked = await countNewlyBlocked(fork, run.id, asOf);
    await fork.execute('update retention_run set newly_blocked = ? where id = ?', [newlyBlocked, run.id]);
    for (;;) {
      const claimed = await fork.transactional(async (tx) => {
        const rows = await tx.execute<{ id: string }[]>(
          `select r.id from request r
            where r.personal_data_deleted_at is null and ${closureSql('r')} is not null
              and ${closureSql('r')} < ?::timestamptz - interval '${RETENTION_YEARS} years' + interval '1 day'
              and ${deletionDueSql('r')} <= ?::timestamptz
            order by ${closureSql('r')}, r.id limit ? for update of r skip locked`,
          [asOf, asOf, options.batchSize]);
        if (!rows.length) return 0;
        const erased = await erasePersonalData(tx, rows.map((r) => r.id), asOf);
        await tx.execute(
          `update retention_run set requests_deleted = requests_deleted + ?, attachments_deleted = attachments_deleted + ?,
                  bytes_deleted = bytes_deleted + ? where id = ?`,
          [erased.requests, erased.attachments, erased.bytes, run.id]);
        return rows.length;
      });
      if (claimed < options.batchSize) break;
    }
    await fork.execute(`update retention_run set status = 'completed', finished_at = now() where id = ?`, [run.id]);
  } catch (error) {
    await fork.execute(`update retention_run set status = 'failed', finished_at = now(), error = ? where id = ?`,
      [reasonOf(error), run.id]);
  }
  const [row] = await fork.execute<RunRow[]>(`select ${runColumns} where r.id = ?`, [run.id]);
  return runView(row);
}

/** The runs of the retention job, newest first. */
export async function listRetentionRuns(em: EntityManager, query: { limit: number; cursor?: string }) {
  const after = decodeCursor(query.cursor, z.tuple([z.string().regex(/^\d{1,18}$/)]));
  const rows = await em.execute<RunRow[]>(
    `select ${runColumns} ${after ? 'where r.id < ?::bigint' : ''} order by r.id desc limit ?`,
    after ? [after[0], query.limit + 1] : [query.limit + 1]);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { items: page.map(runView), nextCursor: rows.length > query.limit && last ? encodeCursor([String(last.id)]) : null };
}

/**
 * The data-protection figures of the console (SPEC §5.4): requests blocked now, due for deletion within 30 days (or
 * overdue for it), deleted; grants in force; and the data subjects' requests still open, and those past their due date.
 */
export async function dataProtectionSummary(em: EntityManager, now: Date) {
  const [row] = await em.execute<{ blocked: number; due: number; deleted: number; grants: number; open: number; overdue: number }[]>(
    `select
       (select count(*)::int from request r where r.personal_data_deleted_at is null and ${closureSql('r')} is not null and ${blockedFromSql('r')} <= ?::timestamptz) as blocked,
       (select count(*)::int from request r where r.personal_data_deleted_at is null and ${closureSql('r')} is not null
           and ${deletionDueSql('r')} <= ?::timestamptz + interval '30 days') as due,
       (select count(*)::int from request r where r.personal_data_deleted_at is not null) as deleted,
       (select count(*)::int from blocked_access_grant g where g.expires_at > ?::timestamptz) as grants,
       (select count(*)::int from data_subject_request d where d.status = 'open') as open,
       (select count(*)::int from data_subject_request d where d.status = 'open' and d.due_on < (?::timestamptz at time zone 'UTC')::date) as overdue`,
    [now, now, now, now]);
  return { blocked: row.blocked, deletionDueWithin30Days: row.due, deleted: row.deleted, activeGrants: row.grants, openSubjectRequests: row.open, overdueSubjectRequests: row.overdue };
}
