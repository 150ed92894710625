import { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import { empty, join, sql, type Sql } from '../../db/sql.js';
import { decodeCursor, encodeCursor } from '../../http/cursor.js';
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

export interface AuditQuery {
  actor?: string;
  authorityId?: string;
  requestId?: string;
  action?: string;
  from?: Date;
  to?: Date;
  limit: number;
  cursor?: string;
}

interface AuditRow {
  id: string;
  at: Date;
  actor_id: string | null;
  actor_email: string | null;
  authority_id: string | null;
  action: string;
  record_type: string | null;
  record_id: string | null;
  fields: string[] | null;
  purpose: string | null;
  ip: string | null;
}

/** The audit log, newest first, filtered by actor (id or e-mail), authority, record, action and period. */
export async function searchAudit(em: EntityManager, query: AuditQuery) {
  const filters: Sql[] = [];
  if (query.actor) {
    filters.push(z.string().uuid().safeParse(query.actor).success ? sql`e.actor_id = ${query.actor}::uuid` : sql`e.actor_email = ${query.actor.toLowerCase()}`);
  }
  if (query.authorityId) filters.push(sql`e.authority_id = ${query.authorityId}::uuid`);
  if (query.requestId) filters.push(sql`e.record_type = 'request' and e.record_id = ${query.requestId}`);
  if (query.action) filters.push(sql`e.action = ${query.action}`);
  if (query.from) filters.push(sql`e.at >= ${query.from}`);
  if (query.to) filters.push(sql`e.at < ${query.to}`);
  const after = decodeCursor(query.cursor, z.tuple([z.string().datetime(), z.string().regex(/^\d{1,18}$/)]));
  if (after) filters.push(sql`(e.at, e.id) < (${after[0]}::timestamptz, ${after[1]}::bigint)`);
  const where = filters.length ? sql` where ${join(filters, ' and ')}` : empty;
  const statement = sql`select e.* from audit_entry e${where} order by e.at desc, e.id desc limit ${query.limit + 1}`;
  const rows = await em.execute<AuditRow[]>(statement.text, statement.params);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      id: String(row.id),
      at: new Date(row.at),
      actor: row.actor_id || row.actor_email ? { id: row.actor_id, email: row.actor_email } : null,
      authority: row.authority_id,
      action: row.action,
      record: row.record_type && row.record_id ? { type: row.record_type, id: row.record_id } : null,
      fields: row.fields ?? [],
      purpose: row.purpose,
      ip: row.ip,
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor([new Date(last.at).toISOString(), String(last.id)]) : null,
  };
}
