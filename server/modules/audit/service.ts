import { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import { empty, join, sql, type Sql } from '../../db/sql.js';
import { decodeCursor, encodeCursor } from '../../http/cursor.js';
import { csvLine, utf8Bom } from '../../http/csv.js';
import type { AuthUser } from '../identity/service.js';
import { AuditEntry } from './entities.js';

export interface AuditRecord {
  action: string;
  actorId?: string | null;
  actorEmail?: string | null;
  authorityId?: string | null;
  record?: { type: string; id: string } | null;
  fields?: string[];
  purpose?: string | null;
  ip?: string | null;
}

/** Adds a line to the audit log in the caller's unit of work (flushed with the change it records). */
export function audit(em: EntityManager, entry: AuditRecord): void {
  em.create(AuditEntry, {
    action: entry.action,
    actorId: entry.actorId ?? null,
    actorEmail: entry.actorEmail ?? null,
    authorityId: entry.authorityId ?? null,
    recordType: entry.record?.type ?? null,
    recordId: entry.record?.id ?? null,
    fields: entry.fields ?? null,
    purpose: entry.purpose ?? null,
    ip: entry.ip ?? null,
  });
}

export interface AuditFilters {
  actor?: string;
  authorityId?: string;
  requestId?: string;
  record?: string;
  action?: string;
  purpose?: string;
  from?: Date;
  to?: Date;
}

export interface AuditQuery extends AuditFilters {
  limit: number;
  cursor?: string;
}

export interface AuditRow {
  id: string;
  at: Date;
  actor_id: string | null;
  actor_email: string | null;
  authority_id: string | null;
  authority_name: string | null;
  action: string;
  record_type: string | null;
  record_id: string | null;
  fields: string[] | null;
  purpose: string | null;
  ip: string | null;
  chain_seq: string;
  hash: Buffer;
}

/**
 * The conditions of a search: actor (id or e-mail), authority, request, any record, action (exact, or a family such as
 * `request` for every `request.*`), words of the purpose (case-insensitive) and period (`from` included, `to` not).
 */
function auditWhere(query: AuditFilters): Sql[] {
  const filters: Sql[] = [];
  if (query.actor) {
    filters.push(z.string().uuid().safeParse(query.actor).success ? sql`e.actor_id = ${query.actor}::uuid` : sql`e.actor_email = ${query.actor.toLowerCase()}`);
  }
  if (query.authorityId) filters.push(sql`e.authority_id = ${query.authorityId}::uuid`);
  if (query.requestId) filters.push(sql`e.record_type = 'request' and e.record_id = ${query.requestId}`);
  if (query.record) filters.push(sql`e.record_id = ${query.record}`);
  if (query.action) filters.push(sql`(e.action = ${query.action} or e.action like ${`${query.action}.%`})`);
  if (query.purpose) filters.push(sql`strpos(lower(e.purpose), lower(${query.purpose})) > 0`);
  if (query.from) filters.push(sql`e.at >= ${query.from}`);
  if (query.to) filters.push(sql`e.at < ${query.to}`);
  return filters;
}

const whereClause = (filters: Sql[]) => (filters.length ? sql` where ${join(filters, ' and ')}` : empty);

async function auditRows(em: EntityManager, filters: Sql[], limit: number): Promise<AuditRow[]> {
  const statement = sql`select e.*, (select a.official_name from authority a where a.id = e.authority_id) as authority_name
      from audit_entry e${whereClause(filters)} order by e.at desc, e.id desc limit ${limit}`;
  return em.execute<AuditRow[]>(statement.text, statement.params);
}

function auditItem(row: AuditRow) {
  return {
    id: String(row.id),
    at: new Date(row.at),
    actor: row.actor_id || row.actor_email ? { id: row.actor_id, email: row.actor_email } : null,
    authority: row.authority_id,
    authorityName: row.authority_name,
    action: row.action,
    record: row.record_type && row.record_id ? { type: row.record_type, id: row.record_id } : null,
    fields: row.fields ?? [],
    purpose: row.purpose,
    ip: row.ip,
  };
}

/** Entries after `row` in the log's order, by its stored time (a JavaScript date would drop the microseconds). */
const after = (row: AuditRow) => sql`(e.at, e.id) < ((select p.at from audit_entry p where p.id = ${String(row.id)}::bigint), ${String(row.id)}::bigint)`;

/** The audit log, newest first, filtered as `auditWhere` describes. */
export async function searchAudit(em: EntityManager, query: AuditQuery) {
  const filters = auditWhere(query);
  const cursor = decodeCursor(query.cursor, z.tuple([z.string().datetime(), z.string().regex(/^\d{1,18}$/)]));
  if (cursor) filters.push(sql`(e.at, e.id) < (${cursor[0]}::timestamptz, ${cursor[1]}::bigint)`);
  const rows = await auditRows(em, filters, query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(auditItem),
    nextCursor: rows.length > query.limit && last ? encodeCursor([new Date(last.at).toISOString(), String(last.id)]) : null,
  };
}

/** Most lines one export holds, newest first; older entries are exported by narrowing the period. */
export const exportLimit = 100_000;
const exportBatch = 1_000;

/** The last two columns place each line in the hash chain, so a kept file can be checked against the log (`npm run audit:verify`). */
export const exportColumns = ['at', 'actor_email', 'actor_id', 'authority_id', 'authority_name', 'action', 'record_type', 'record_id', 'fields', 'purpose', 'ip', 'chain_seq', 'hash'];

/** One entry as a line of the export. */
export function exportLine(r: AuditRow): string {
  return csvLine([
    new Date(r.at).toISOString(), r.actor_email, r.actor_id, r.authority_id, r.authority_name, r.action,
    r.record_type, r.record_id, (r.fields ?? []).join('; '), r.purpose, r.ip, String(r.chain_seq), r.hash.toString('hex'),
  ]);
}

/**
 * The audit log as CSV lines (a header first), newest first, read in batches so that a large export never sits in
 * memory; at most `exportLimit` entries. The export is itself recorded, with its filters, before any line is read.
 */
export async function exportAudit(em: EntityManager, actor: AuthUser, query: AuditFilters, ip: string | null, now: Date) {
  const count = sql`select count(*)::int as n from (select 1 from audit_entry e${whereClause(auditWhere(query))} limit ${exportLimit + 1}) x`;
  const [{ n }] = await em.execute<{ n: number }[]>(count.text, count.params);
  const filters = Object.entries(query).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${v instanceof Date ? v.toISOString() : String(v)}`);
  audit(em, { action: 'audit.export', actorId: actor.id, actorEmail: actor.email, authorityId: actor.authorityId, fields: filters, ip });
  await em.flush();
  async function* lines(): AsyncGenerator<string> {
    yield utf8Bom + csvLine(exportColumns);
    let sent = 0;
    let last: AuditRow | undefined;
    while (sent < exportLimit) {
      const rows = await auditRows(em, [...auditWhere(query), ...(last ? [after(last)] : [])], Math.min(exportBatch, exportLimit - sent));
      if (!rows.length) return;
      yield rows.map(exportLine).join('');
      sent += rows.length;
      last = rows.at(-1);
    }
  }
  return { filename: `imi-audit-${now.toISOString().slice(0, 10)}.csv`, truncated: n > exportLimit, lines: lines() };
}
