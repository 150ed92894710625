import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { DAY_MS } from '../../clock.js';
import { empty, join, pgArray, raw, sql, type Sql } from '../../db/sql.js';
import { decodeCursor, encodeCursor } from '../../http/cursor.js';
import { problems } from '../../http/problem.js';
import { audit } from '../audit/service.js';
import { isDataProtectionAdmin } from '../identity/policy.js';
import type { UserRole } from '../identity/entities.js';
import type { AuthUser } from '../identity/service.js';
import { questionSetDefinition } from '../questions/service.js';
import { translate, type LocaleCode } from '../reference/locales.js';
import { factColumns, factsFromRow, loadViewer, requestFacts, sidesOf, standing, type FactRow, type RequestFacts, type Viewer } from '../requests/access.js';
import type { AnswerValue, DataSubject } from '../requests/entities.js';
import { addTimeline, authorityRefs, isoDay, replyReleased, subjectName, toDate, visibleAttachments } from '../requests/service.js';
import { blockedFromSql, closureSql, isBlocked } from './blocking.js';
import { erasePersonalData } from './erase.js';
import type { SubjectRequestActionKind, SubjectRequestKind, SubjectRequestPerson } from './subject-request-entities.js';

export type SubjectRequestStatus = 'open' | 'completed' | 'rejected';

export interface NewSubjectRequest {
  kind: SubjectRequestKind;
  subject: SubjectRequestPerson;
  receivedOn?: string;
  details?: string | null;
}

export interface SubjectRequestChange {
  version: number;
  status?: 'completed' | 'rejected';
  outcome?: string;
}

export interface SubjectRequestQuery {
  status: SubjectRequestStatus | 'all';
  limit: number;
  cursor?: string;
}


/** The purpose every audit entry of a data subject's request carries. */
const purposeOf = (dsr: { id: string; kind: SubjectRequestKind }, blocked = false) =>
  `data subject request ${dsr.id} (${dsr.kind})${blocked ? ', blocked data' : ''}`;

interface SubjectRequestRow {
  id: string; kind: SubjectRequestKind; subject: SubjectRequestPerson; subject_name: string; received_on: string; due_on: string;
  status: SubjectRequestStatus; details: string | null; outcome: string | null; authority_id: string | null; authority_name: string | null;
  recorded_by_id: string; recorded_by_name: string; recorded_at: Date; completed_at: Date | null; version: number;
}

interface ActionRow {
  data_subject_request_id: string; at: Date; kind: SubjectRequestActionKind; request_id: string | null; case_number: string | null;
  blocked: boolean; fields: string[]; actor_id: string; actor_name: string;
}

const subjectRequestColumns = `d.id, d.kind, d.subject, d.subject_name, d.received_on::text, d.due_on::text, d.status, d.details, d.outcome,
  d.authority_id, a.official_name as authority_name, d.recorded_by_id, u.name as recorded_by_name, d.recorded_at, d.completed_at, d.version`;
const subjectRequestFrom = `data_subject_request d left join authority a on a.id = d.authority_id join app_user u on u.id = d.recorded_by_id`;

async function subjectRequestRow(em: EntityManager, id: string, lock = false): Promise<SubjectRequestRow> {
  const [row] = await em.execute<SubjectRequestRow[]>(
    `select ${subjectRequestColumns} from ${subjectRequestFrom} where d.id = ?${lock ? ' for update of d' : ''}`, [id]);
  if (!row) throw problems.notFound('There is no data subject request with this id.');
  return row;
}

async function actionsOf(em: EntityManager, ids: string[]): Promise<Map<string, ActionRow[]>> {
  const byRequest = new Map<string, ActionRow[]>(ids.map((id) => [id, []]));
  if (!ids.length) return byRequest;
  const rows = await em.execute<ActionRow[]>(
    `select x.data_subject_request_id, x.at, x.kind, x.request_id, x.case_number, x.blocked, x.fields, x.actor_id, u.name as actor_name
       from data_subject_request_action x join app_user u on u.id = x.actor_id
      where x.data_subject_request_id = any(?::uuid[]) order by x.id`, [pgArray(ids)]);
  for (const row of rows) byRequest.get(row.data_subject_request_id)!.push(row);
  return byRequest;
}

/** Whole days from `today` to `day` (both YYYY-MM-DD): negative once the day has passed. */
const daysFrom = (today: string, day: string) => Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);

function subjectRequestView(row: SubjectRequestRow, actions: ActionRow[], now: Date) {
  const daysLeft = daysFrom(isoDay(now), row.due_on);
  return {
    id: row.id,
    kind: row.kind,
    subject: row.subject,
    receivedOn: row.received_on,
    dueOn: row.due_on,
    status: row.status,
    details: row.details,
    outcome: row.outcome,
    authority: row.authority_id ? { id: row.authority_id, name: row.authority_name! } : null,
    recordedBy: { id: row.recorded_by_id, name: row.recorded_by_name },
    recordedAt: toDate(row.recorded_at)!,
    completedAt: toDate(row.completed_at),
    overdue: row.status === 'open' && daysLeft < 0,
    daysLeft,
    actions: actions.map((a) => ({
      at: toDate(a.at)!, kind: a.kind, requestId: a.request_id, caseNumber: a.case_number, blocked: a.blocked, fields: a.fields,
      by: { id: a.actor_id, name: a.actor_name },
    })),
    version: row.version,
  };
}
export type SubjectRequestView = ReturnType<typeof subjectRequestView>;

/** One data subject's request with everything done under it. */
export async function getSubjectRequest(em: EntityManager, id: string, now: Date): Promise<SubjectRequestView> {
  const row = await subjectRequestRow(em, id);
  return subjectRequestView(row, (await actionsOf(em, [id])).get(id)!, now);
}

/**
 * Records a data subject's request. It belongs to the caller's authority, or to no authority when the data-protection
 * administrator records it; it was received today unless said otherwise, at most a year ago and never in the future.
 */
export async function recordSubjectRequest(em: EntityManager, user: AuthUser, body: NewSubjectRequest, now: Date, ip: string | null) {
  const today = isoDay(now);
  const yearAgo = isoDay(new Date(Date.UTC(now.getUTCFullYear() - 1, now.getUTCMonth(), now.getUTCDate())));
  const receivedOn = body.receivedOn ?? today;
  if (receivedOn > today) throw problems.invalid([{ path: 'receivedOn', in: 'body', message: `Not after today (${today})` }]);
  if (receivedOn < yearAgo) throw problems.invalid([{ path: 'receivedOn', in: 'body', message: `At most a year back (from ${yearAgo})` }]);
  if (body.subject.dateOfBirth && body.subject.dateOfBirth > today) {
    throw problems.invalid([{ path: 'subject.dateOfBirth', in: 'body', message: 'Not in the future' }]);
  }
  const subject: SubjectRequestPerson = { firstName: body.subject.firstName, lastName: body.subject.lastName, ...(body.subject.dateOfBirth ? { dateOfBirth: body.subject.dateOfBirth } : {}) };
  const id = crypto.randomUUID();
  await em.transactional(async (tx) => {
    await tx.execute(
      `insert into data_subject_request (id, kind, subject, subject_name, received_on, details, authority_id, recorded_by_id, recorded_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [id, body.kind, JSON.stringify(subject), subjectName(subject), receivedOn, body.details ?? null,
        isDataProtectionAdmin(user) ? null : user.authorityId, user.id, now],
    );
    audit(tx, {
      action: 'dsr.create', actorId: user.id, actorEmail: user.email, authorityId: user.authorityId, record: { type: 'data-subject-request', id },
      fields: ['subject', ...(body.details ? ['details'] : [])], purpose: purposeOf({ id, kind: body.kind }), ip,
    });
  });
  return getSubjectRequest(em, id, now);
}

const listCursor = z.tuple([z.string().regex(/^\d{4}-\d{2}-\d{2}$/), z.string().uuid()]);

/** The data subjects' requests the caller answers, soonest due first: the administrator all, others their authority's. */
export async function listSubjectRequests(em: EntityManager, user: AuthUser, query: SubjectRequestQuery, now: Date) {
  const filters: Sql[] = [];
  if (!isDataProtectionAdmin(user)) filters.push(sql`d.authority_id = ${user.authorityId}::uuid`);
  if (query.status !== 'all') filters.push(sql`d.status = ${query.status}`);
  const after = decodeCursor(query.cursor, listCursor);
  if (after) filters.push(sql`(d.due_on, d.id) > (${after[0]}::date, ${after[1]}::uuid)`);
  const statement = sql`select ${raw(subjectRequestColumns)} from ${raw(subjectRequestFrom)}
    ${filters.length ? sql`where ${join(filters, ' and ')}` : empty} order by d.due_on, d.id limit ${query.limit + 1}`;
  const rows = await em.execute<SubjectRequestRow[]>(statement.text, statement.params);
  const page = rows.slice(0, query.limit);
  const actions = await actionsOf(em, page.map((r) => r.id));
  const last = page.at(-1);
  return {
    items: page.map((row) => subjectRequestView(row, actions.get(row.id)!, now)),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.due_on, last.id]) : null,
  };
}

/** Completes or rejects a data subject's request (with its outcome), or records the outcome so far, from the version seen. */
export async function updateSubjectRequest(em: EntityManager, user: AuthUser, id: string, body: SubjectRequestChange, now: Date, ip: string | null) {
  await em.transactional(async (tx) => {
    const row = await subjectRequestRow(tx, id, true);
    if (row.version !== body.version) {
      throw problems.conflict(`The data subject request changed since you read it: it is now ${row.status} at version ${row.version}. Reload it and try again.`)
        .with({ currentStatus: row.status, currentVersion: row.version });
    }
    if (row.status !== 'open') throw problems.conflict(`This data subject request is ${row.status} already.`).with({ currentStatus: row.status, currentVersion: row.version });
    const outcome = body.outcome ?? row.outcome;
    if (body.status && !outcome) {
      throw problems.invalid([{ path: 'outcome', in: 'body', message: `Say what was done (or why not) to mark it ${body.status}` }]);
    }
    await tx.execute(
      `update data_subject_request set status = ?, outcome = ?, completed_at = ?, version = version + 1 where id = ?`,
      [body.status ?? row.status, outcome, body.status ? now : null, id]);
    audit(tx, {
      action: body.status === 'completed' ? 'dsr.complete' : body.status === 'rejected' ? 'dsr.reject' : 'dsr.update',
      actorId: user.id, actorEmail: user.email, authorityId: user.authorityId, record: { type: 'data-subject-request', id },
      fields: ['outcome', ...(body.status ? ['status'] : [])], purpose: purposeOf(row), ip,
    });
  });
  return getSubjectRequest(em, id, now);
}

/** A request that holds the person's data, as found for the caller. */
interface Match {
  facts: RequestFacts;
  caseNumber: string;
  closedAt: Date | null;
  blocked: boolean;
  personalDataDeleted: boolean;
}

interface MatchRow extends FactRow {
  case_number: string; closure: Date | null; blocked_from: Date | null; personal_data_deleted_at: Date | null;
}

/**
 * The caller's authority as one viewer: a data subject's request is answered by the authority (the controller of the
 * data), so whoever of its handlers or its LDA answers it finds what any of its users may see, judged by the same
 * standing rules as every read of a request.
 */
async function authorityViewer(em: EntityManager, user: AuthUser, authorityIds: string[]): Promise<Viewer> {
  const viewer = await loadViewer(em, user, authorityIds);
  const grants = await em.execute<{ area_code: string; role: UserRole }[]>(
    'select distinct g.area_code, g.role from role_grant g join app_user u on u.id = g.user_id where u.authority_id = ? and u.active', [user.authorityId]);
  const roles = new Map<string, Set<UserRole>>();
  for (const g of grants) roles.set(g.area_code, (roles.get(g.area_code) ?? new Set()).add(g.role));
  return { ...viewer, roles };
}

/**
 * The requests holding the person's data (the folded name, and the date of birth when the data subject gave one) that
 * the caller is entitled to: the data-protection administrator all of them, blocked ones included (a data subject's
 * rights are one of the two purposes blocked data may be read for); an authority those whose personal data it may see
 * and that are not blocked.
 */
async function findMatches(em: EntityManager, user: AuthUser, dsr: SubjectRequestRow, now: Date): Promise<{ matches: Match[]; viewer: Viewer | null }> {
  const filters: Sql[] = [sql`r.subject_name = ${dsr.subject_name}`];
  if (dsr.subject.dateOfBirth) filters.push(sql`r.subject ->> 'dateOfBirth' = ${dsr.subject.dateOfBirth}`);
  const dpo = isDataProtectionAdmin(user);
  if (!dpo) {
    // Only requests the authority takes some part in; its standing on each decides below.
    const own = user.authorityId;
    filters.push(sql`(r.requester_id = ${own}::uuid or r.responder_id = ${own}::uuid or r.referral_coordinator_id = ${own}::uuid or ${own}::uuid = any(r.coordinators)
      or exists (select 1 from coordination c where c.coordinator_id = ${own}::uuid and c.area_code = r.area_code and c.authority_id in (r.requester_id, r.responder_id)))`);
  }
  const statement = sql`select ${raw(factColumns)}, r.case_number, ${raw(closureSql('r'))} as closure, ${raw(blockedFromSql('r'))} as blocked_from, r.personal_data_deleted_at
      from request r join authority q on q.id = r.requester_id left join authority s on s.id = r.responder_id
     where ${join(filters, ' and ')} order by r.created_at, r.id`;
  const rows = await em.execute<MatchRow[]>(statement.text, statement.params);
  const all = rows.map((row) => {
    const personalDataDeletedAt = toDate(row.personal_data_deleted_at);
    return {
      facts: factsFromRow(row), caseNumber: row.case_number, closedAt: toDate(row.closure),
      blocked: isBlocked({ blockedFrom: toDate(row.blocked_from), personalDataDeletedAt }, now), personalDataDeleted: personalDataDeletedAt !== null,
    };
  });
  if (dpo) return { matches: all, viewer: null };
  const viewer = await authorityViewer(em, user, [...new Set(all.flatMap((m) => sidesOf(m.facts)))]);
  return { matches: all.filter((m) => !m.blocked && standing(viewer, m.facts).personal), viewer };
}

/** Searches, exports, corrections and erasures are done under an open data subject's request only. */
function requireOpen(dsr: SubjectRequestRow): void {
  if (dsr.status !== 'open') throw problems.conflict(`This data subject request is ${dsr.status}; nothing more is done under it.`);
}

interface ActionEntry { requestId: string | null; caseNumber: string | null; blocked: boolean; fields: string[] }

/** Records what was done under the data subject's request, in its actions and in the audit log (field names only). */
async function recordActions(
  tx: EntityManager, user: AuthUser, dsr: SubjectRequestRow, kind: SubjectRequestActionKind, auditAction: string, entries: ActionEntry[], now: Date, ip: string | null,
): Promise<void> {
  for (const entry of entries) {
    await tx.execute(
      `insert into data_subject_request_action (data_subject_request_id, at, kind, request_id, case_number, blocked, fields, actor_id)
       values (?, ?, ?, ?, ?, ?, ?::text[], ?)`,
      [dsr.id, now, kind, entry.requestId, entry.caseNumber, entry.blocked, pgArray(entry.fields), user.id]);
    audit(tx, {
      action: auditAction, actorId: user.id, actorEmail: user.email, authorityId: user.authorityId,
      record: entry.requestId ? { type: 'request', id: entry.requestId } : { type: 'data-subject-request', id: dsr.id },
      fields: entry.fields, purpose: purposeOf(dsr, entry.blocked), ip,
    });
  }
}

/** The requests holding the person's data that the caller is entitled to; the search is recorded and audited. */
export async function searchMatches(em: EntityManager, user: AuthUser, id: string, now: Date, lang: LocaleCode, ip: string | null) {
  const dsr = await subjectRequestRow(em, id);
  requireOpen(dsr);
  const { matches } = await findMatches(em, user, dsr, now);
  const refs = await authorityRefs(em, matches.flatMap((m) => sidesOf(m.facts)), lang);
  await em.transactional((tx) => recordActions(tx, user, dsr, 'search', 'dsr.search',
    matches.length
      ? matches.map((m) => ({ requestId: m.facts.id, caseNumber: m.caseNumber, blocked: m.blocked, fields: ['subject'] }))
      : [{ requestId: null, caseNumber: null, blocked: false, fields: ['subject'] }],
    now, ip));
  return {
    items: matches.map((m) => ({
      requestId: m.facts.id, caseNumber: m.caseNumber, area: m.facts.area, status: m.facts.status,
      requester: refs.get(m.facts.requesterId)!, responder: m.facts.responderId ? refs.get(m.facts.responderId) ?? null : null,
      sentAt: m.facts.sentAt, closedAt: m.closedAt, blocked: m.blocked, personalDataDeleted: m.personalDataDeleted,
    })),
  };
}


interface ExportRow {
  id: string; question_set_id: number; answers: Record<string, AnswerValue>; subject: DataSubject | null;
  free_text: string | null; free_text_lang: string | null; reply_text: string | null; reply_text_lang: string | null;
}

/**
 * Everything the requests found hold on the person, per request: the data subject, the personal answers, the free
 * texts, the texts of the timeline and the attachments' metadata, within the caller's entitlement. Each request's export
 * is recorded and audited with the fields it held.
 */
export async function exportMatches(em: EntityManager, user: AuthUser, id: string, now: Date, lang: LocaleCode, ip: string | null) {
  const dsr = await subjectRequestRow(em, id);
  requireOpen(dsr);
  const { matches, viewer } = await findMatches(em, user, dsr, now);
  const ids = matches.map((m) => m.facts.id);
  const [rows, events, refs] = await Promise.all([
    ids.length
      ? em.execute<ExportRow[]>(
        'select id, question_set_id, answers, subject, free_text, free_text_lang, reply_text, reply_text_lang from request where id = any(?::uuid[])', [pgArray(ids)])
      : Promise.resolve([]),
    ids.length
      ? em.execute<{ request_id: string; at: Date; kind: string; text: string; text_lang: string | null }[]>(
        'select request_id, at, kind, text, text_lang from request_event where request_id = any(?::uuid[]) and text is not null order by id', [pgArray(ids)])
      : Promise.resolve([]),
    authorityRefs(em, matches.flatMap((m) => sidesOf(m.facts)), lang),
  ]);
  const requests = [];
  const entries: ActionEntry[] = [];
  for (const match of matches) {
    const row = rows.find((r) => r.id === match.facts.id)!;
    const set = await questionSetDefinition(em, row.question_set_id);
    const side = viewer ? standing(viewer, match.facts) : null;
    const holdsReply = !side || side.responderSide || !side.requesterSide || replyReleased.includes(match.facts.status);
    const attachments = viewer
      ? (await visibleAttachments(em, match.facts.id, viewer, match.facts)).map((a) => a.view)
      : (await em.execute<{ id: string; name: string; media_type: string; size: number; created_at: Date }[]>(
        'select id, name, media_type, size, created_at from attachment where request_id = ? order by created_at, id', [match.facts.id]))
        .map((a) => ({ id: a.id, name: a.name, mediaType: a.media_type, size: a.size, createdAt: toDate(a.created_at)! }));
    const answers = holdsReply
      ? Object.entries(row.answers)
        .filter(([code]) => set.byCode.get(code)?.question.personal ?? true)
        .map(([code, value]) => ({ question: code, text: translate(set.byCode.get(code)?.question.text, lang)?.text ?? null, value }))
      : [];
    const timeline = events.filter((e) => e.request_id === match.facts.id)
      .map((e) => ({ at: toDate(e.at)!, kind: e.kind, text: e.text, lang: e.text_lang }));
    const replyText = holdsReply && row.reply_text ? { text: row.reply_text, lang: row.reply_text_lang } : null;
    requests.push({
      requestId: match.facts.id, caseNumber: match.caseNumber, area: match.facts.area, status: match.facts.status,
      requester: refs.get(match.facts.requesterId)!, responder: match.facts.responderId ? refs.get(match.facts.responderId) ?? null : null,
      sentAt: match.facts.sentAt, closedAt: match.closedAt, blocked: match.blocked,
      subject: row.subject,
      answers,
      freeText: row.free_text ? { text: row.free_text, lang: row.free_text_lang } : null,
      replyText,
      timeline,
      attachments: attachments.map((a) => ({ id: a.id, name: a.name, mediaType: a.mediaType, size: a.size, createdAt: a.createdAt })),
    });
    entries.push({
      requestId: match.facts.id, caseNumber: match.caseNumber, blocked: match.blocked,
      fields: [
        ...(row.subject ? ['subject'] : []), ...answers.map((a) => `answers.${a.question}`), ...(row.free_text ? ['freeText'] : []),
        ...(replyText ? ['replyText'] : []), ...(timeline.length ? ['timeline.text'] : []), ...(attachments.length ? ['attachments'] : []),
      ],
    });
  }
  await em.transactional((tx) => recordActions(tx, user, dsr, 'export', 'dsr.export',
    entries.length ? entries : [{ requestId: null, caseNumber: null, blocked: false, fields: [] }], now, ip));
  return {
    filename: `data-subject-request-${dsr.id}.json`,
    content: {
      dataSubjectRequest: { id: dsr.id, kind: dsr.kind, subject: dsr.subject, receivedOn: dsr.received_on },
      exportedAt: now,
      exportedBy: { id: user.id, name: user.name },
      requests,
    },
  };
}

/**
 * The request a correction or erasure acts on: one this data subject's request found, with whether its data are
 * blocked or deleted now. The row stays locked until the change is made.
 */
async function foundRequest(tx: EntityManager, dsr: SubjectRequestRow, requestId: string, now: Date) {
  const facts = await requestFacts(tx, requestId, true);
  if (!facts) throw problems.notFound('There is no request with this id.');
  const [found] = await tx.execute<{ n: number }[]>(
    `select count(*)::int as n from data_subject_request_action where data_subject_request_id = ? and kind = 'search' and request_id = ?`, [dsr.id, requestId]);
  if (!found.n) throw problems.conflict('This data subject request has not found that request: search for the person\'s requests first.');
  const [row] = await tx.execute<{ case_number: string; subject: DataSubject | null; closure: Date | null; blocked_from: Date | null; personal_data_deleted_at: Date | null }[]>(
    `select r.case_number, r.subject, ${closureSql('r')} as closure, ${blockedFromSql('r')} as blocked_from, r.personal_data_deleted_at from request r where r.id = ?`, [requestId]);
  const deletedAt = toDate(row.personal_data_deleted_at);
  if (deletedAt) throw problems.conflict(`The personal data of this request were deleted on ${deletedAt.toISOString().slice(0, 10)}.`);
  return { facts, caseNumber: row.case_number, subject: row.subject, closedAt: toDate(row.closure), blocked: isBlocked({ blockedFrom: toDate(row.blocked_from), personalDataDeletedAt: null }, now) };
}

/**
 * Corrects the data subject of a request found under a correction request: the data-protection administrator also on
 * blocked requests (recorded as such), otherwise the request handlers of its parties. The request's version moves on
 * and its timeline says which fields changed (names, never values).
 */
export async function correctPersonalData(
  em: EntityManager, user: AuthUser, id: string, body: { requestId: string; subject: Partial<DataSubject> }, now: Date, ip: string | null,
) {
  await em.transactional(async (tx) => {
    const dsr = await subjectRequestRow(tx, id, true);
    if (dsr.kind !== 'correction') throw problems.conflict(`This data subject request asks for ${dsr.kind}; corrections are made under a correction request.`);
    requireOpen(dsr);
    const request = await foundRequest(tx, dsr, body.requestId, now);
    if (!isDataProtectionAdmin(user)) {
      if (request.blocked) throw problems.forbidden('The personal data of this request are blocked: only the data-protection administrator corrects them.');
      const own = standing(await loadViewer(tx, user, sidesOf(request.facts)), request.facts);
      if (!own.personal || !(own.parties.has('requester-handler') || own.parties.has('responder-handler'))) {
        throw problems.forbidden('Only the request handlers of its authorities correct the personal data of a request.');
      }
    }
    if (!request.subject) throw problems.conflict('This request holds no data subject to correct.');
    const changed = (Object.keys(body.subject) as (keyof DataSubject)[]).filter((field) => body.subject[field] !== request.subject![field]);
    if (!changed.length) throw problems.invalid([{ path: 'subject', in: 'body', message: 'These are the values on record already: nothing to correct' }]);
    const subject = { ...request.subject, ...body.subject };
    const fields = changed.map((field) => `subject.${field}`);
    await tx.execute('update request set subject = ?, subject_name = ?, version = version + 1, updated_at = now() where id = ?',
      [JSON.stringify(subject), subjectName(subject), body.requestId]);
    await addTimeline(tx, { requestId: body.requestId, kind: 'update', actor: user, from: request.facts.status, to: request.facts.status, data: { fields, dataSubjectRequestId: dsr.id } });
    await recordActions(tx, user, dsr, 'correction', 'request.correct-personal',
      [{ requestId: body.requestId, caseNumber: request.caseNumber, blocked: request.blocked, fields }], now, ip);
  });
  return getSubjectRequest(em, id, now);
}

/**
 * Erases the person's data from a formally closed request found under a deletion request, with the retention job's
 * own erasure, ahead of the three years.
 */
export async function erasePersonalDataFor(em: EntityManager, user: AuthUser, id: string, requestId: string, now: Date, ip: string | null) {
  await em.transactional(async (tx) => {
    const dsr = await subjectRequestRow(tx, id, true);
    if (dsr.kind !== 'deletion') throw problems.conflict(`This data subject request asks for ${dsr.kind}; erasures are made under a deletion request.`);
    requireOpen(dsr);
    const request = await foundRequest(tx, dsr, requestId, now);
    if (!request.closedAt) {
      throw problems.conflict(`This request is ${request.facts.status}: only a formally closed (closed or withdrawn) request has its personal data erased.`);
    }
    await erasePersonalData(tx, [requestId], now);
    await recordActions(tx, user, dsr, 'erasure', 'request.erase-personal',
      [{ requestId, caseNumber: request.caseNumber, blocked: request.blocked, fields: ['subject', 'answers', 'freeText', 'replyText', 'timeline.text', 'attachments'] }], now, ip);
  });
  return getSubjectRequest(em, id, now);
}
