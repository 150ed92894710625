import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { empty, join, pgArray, raw, sql, Sql } from '../../db/sql.js';
import { decodeCursor, encodeCursor } from '../../http/cursor.js';
import { problems, type FieldError } from '../../http/problem.js';
import { audit } from '../audit/service.js';
import { blockingNow, deletionDueSql, isBlocked, isoOrNull, unblockedSql } from '../data-protection/blocking.js';
import type { AuthUser } from '../identity/service.js';
import { questionSetDefinition, type CachedQuestionSet } from '../questions/service.js';
import { fold } from '../reference/fold.js';
import { translate, type LocaleCode } from '../reference/locales.js';
import { actionsFor, factColumns, factsFromRow, loadRouting, loadViewer, openRequest, sidesOf, standing, withRelationsTo, type FactRow, type RequestFacts, type Viewer } from './access.js';
import type { AnswerValue, DataSubject } from './entities.js';
import type { CreateBody, ListQuery, PatchBody, RequestView } from './schemas.js';
import type { RequestState } from './workflow.js';

/** States in which a request waits for the responding side to act: where a passed due date makes it overdue. */
export const awaitingResponder: RequestState[] = ['AWAITING_ACCEPTANCE', 'ACCEPTED', 'AWAITING_REPLY_APPROVAL', 'CLARIFICATION_REQUESTED'];
/** States in which the requester sees the reply. */
export const replyReleased: RequestState[] = ['ANSWERED', 'CLARIFICATION_REQUESTED', 'REFERRED', 'CLOSED'];

export interface AuthorityRef { id: string; country: string; officialName: string; designation: string }

/** The authorities named, with their designation in the user's language. */
export async function authorityRefs(em: EntityManager, ids: (string | null)[], lang: LocaleCode): Promise<Map<string, AuthorityRef>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (!wanted.length) return new Map();
  const rows = await em.execute<{ id: string; country_code: string; official_name: string; designation: Record<string, string> }[]>(
    'select id, country_code, official_name, designation from authority where id = any(?::uuid[])', [pgArray(wanted)]);
  return new Map(rows.map((r) => [r.id, {
    id: r.id, country: r.country_code, officialName: r.official_name, designation: translate(r.designation, lang)?.text ?? r.official_name,
  }]));
}

/** Today's date in UTC as YYYY-MM-DD, and a date some days later: due dates are calendar days. */
export function isoDay(date = new Date(), plusDays = 0): string {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + plusDays)).toISOString().slice(0, 10);
}

/** Refuses the request when the user's authority holds no request-handler role in the area. */
function requireHandler(viewer: Viewer, area: string): void {
  if (!viewer.user.authorityId || !viewer.roles.get(area)?.has('request-handler')) {
    throw problems.forbidden(`You are not a request handler of your authority in ${area}.`);
  }
}

interface RequestRow extends FactRow {
  case_number: string; parent_id: string | null; question_set_id: number; questions: string[]; answers: Record<string, AnswerValue>;
  subject: DataSubject | null; profession_code: string | null; profession_names: Record<string, string> | null;
  free_text: string | null; free_text_lang: string | null; reply_text: string | null; reply_text_lang: string | null;
  reply_by: string | null; committed_reply_by: string | null; due_on: string | null; accepted_at: Date | null;
  answered_at: Date | null; closed_at: Date | null; withdrawn_at: Date | null; rating_timeliness: string | null; rating_effort: string | null;
  created_at: Date; updated_at: Date; deletion_due: Date | null;
}

/** Timestamps of raw queries arrive as text. */
export const toDate = (v: Date | string | null): Date | null => (v === null ? null : new Date(v));
const dateOnly = (d: string | Date | null) => (d === null ? null : typeof d === 'string' ? d : d.toISOString().slice(0, 10));
const dueDate = (d: string | Date | null) => {
  const day = dateOnly(d);
  return day === null || day === 'infinity' ? null : day;
};

/** The attachments the viewer may see: its own side's, and the other side's once released with a step. */
export async function visibleAttachments(em: EntityManager, requestId: string, viewer: Viewer, r: RequestFacts) {
  const rows = await em.execute<{ id: string; authority_id: string; name: string; media_type: string; size: number; sha256: string; created_at: Date; released_at: Date | null; event_id: string | null }[]>(
    `select id, authority_id, name, media_type, size, sha256, created_at, released_at, event_id from attachment
      where request_id = ? and (released_at is not null or authority_id = ?) order by created_at, id`,
    [requestId, viewer.user.authorityId],
  );
  return rows.map((a) => ({
    view: {
      id: a.id, name: a.name, mediaType: a.media_type, size: a.size, sha256: a.sha256,
      side: (a.authority_id === r.requesterId ? 'requester' : 'responder') as 'requester' | 'responder',
      released: a.released_at !== null, createdAt: new Date(a.created_at),
    },
    eventId: a.event_id,
  }));
}

function questionViews(set: CachedQuestionSet, codes: string[], lang: LocaleCode) {
  return codes.flatMap((code) => {
    const found = set.byCode.get(code);
    if (!found) return [];
    const { question: q, group } = found;
    const text = translate(q.text, lang)!;
    return [{
      code, group, text: text.text, textLang: text.locale, answerType: q.answerType,
      options: q.options.map((o) => ({ code: o.code, label: translate(o.label, lang)?.text ?? o.code })),
      required: q.required, personal: q.personal,
    }];
  });
}

/**
 * A request as the user may see it (SPEC §6.1), with the actions it may take. Personal data are left out, and named
 * in `redacted`, outside the user's need to know; every read of them is written to the audit log with its purpose.
 */
export async function viewRequest(em: EntityManager, user: AuthUser, id: string, lang: LocaleCode, ip: string | null): Promise<RequestView> {
  const [row] = await em.execute<RequestRow[]>(
    `select ${factColumns}, r.case_number, r.parent_id, r.question_set_id, r.questions, r.answers, r.subject, p.code as profession_code,
            p.names as profession_names, r.free_text, r.free_text_lang, r.reply_text, r.reply_text_lang, r.reply_by::text, r.committed_reply_by::text,
            r.due_on::text, r.accepted_at, r.answered_at, r.closed_at, r.withdrawn_at, r.rating_timeliness, r.rating_effort,
            r.created_at, r.updated_at, ${deletionDueSql('r')} as deletion_due
       from request r join authority q on q.id = r.requester_id left join authority s on s.id = r.responder_id
       left join profession p on p.id = r.profession_id
      where r.id = ?`,
    [id],
  );
  if (!row) throw problems.notFound('There is no request with this id.');
  const facts = factsFromRow(row);
  const now = blockingNow();
  const viewer = await loadViewer(em, user, sidesOf(facts));
  const s = standing(viewer, facts, now);
  if (!s.visible) throw problems.notFound('There is no request with this id.');

  const [set, rules, children, parent, attachments] = await Promise.all([
    questionSetDefinition(em, row.question_set_id),
    loadRouting(em, [facts.requesterCountry, ...(facts.responderCountry ? [facts.responderCountry] : [])]),
    em.execute<{ id: string; status: RequestState; responder_id: string | null }[]>('select id, status, responder_id from request where parent_id = ? order by created_at', [id]),
    row.parent_id ? em.execute<{ id: string; case_number: string }[]>('select id, case_number from request where id = ?', [row.parent_id]) : Promise.resolve([]),
    s.personal ? visibleAttachments(em, id, viewer, facts) : Promise.resolve([]),
  ]);
  const refs = await authorityRefs(em, [facts.requesterId, facts.responderId, ...children.map((c) => c.responder_id)], lang);

  const redacted: string[] = [];
  const seesReply = s.responderSide || replyReleased.includes(facts.status) || !s.requesterSide;
  const answers = Object.entries(row.answers).filter(([code]) => {
    if (!seesReply) return false;
    const personal = set.byCode.get(code)?.question.personal ?? true;
    if (personal && !s.personal) {
      redacted.push(`answers.${code}`);
      return false;
    }
    return true;
  }).map(([question, value]) => ({ question, value }));
  const personalFields: Partial<RequestView> = {};
  if (s.personal) {
    if (row.subject) personalFields.subject = row.subject;
    personalFields.freeText = row.free_text ? { text: row.free_text, lang: row.free_text_lang } : null;
    personalFields.replyText = row.reply_text && seesReply ? { text: row.reply_text, lang: row.reply_text_lang } : null;
    personalFields.attachments = attachments.map((a) => a.view);
    const read = [row.subject && 'subject', row.free_text && 'freeText', personalFields.replyText && 'replyText', attachments.length && 'attachments',
      ...answers.filter((a) => set.byCode.get(a.question)?.question.personal).map((a) => `answers.${a.question}`)].filter(Boolean) as string[];
    if (read.length) {
      audit(em, { action: 'request.read-personal', actorId: user.id, actorEmail: user.email, authorityId: user.authorityId, record: { type: 'request', id }, fields: read, purpose: s.purpose, ip });
    }
  } else {
    if (row.subject) redacted.push('subject');
    if (row.free_text) redacted.push('freeText');
    if (row.reply_text) redacted.push('replyText');
    redacted.push('attachments');
  }
  await em.execute('update notification set read_at = now() where user_id = ? and request_id = ? and read_at is null', [user.id, id]);
  await em.flush();

  const ref = (authorityId: string | null) => (authorityId ? refs.get(authorityId) ?? null : null);
  return {
    id: row.id,
    caseNumber: row.case_number,
    status: facts.status,
    version: facts.version,
    area: facts.area,
    questionSetId: row.question_set_id,
    questionSetVersion: set.version,
    parent: parent[0] ? { id: parent[0].id, caseNumber: parent[0].case_number } : null,
    children: children.map((c) => ({ id: c.id, status: c.status, responder: ref(c.responder_id) })),
    requester: ref(facts.requesterId)!,
    responder: ref(facts.responderId),
    profession: row.profession_code ? { code: row.profession_code, name: translate(row.profession_names, lang)?.text ?? row.profession_code } : null,
    questions: questionViews(set, row.questions, lang),
    answers,
    ...personalFields,
    replyBy: row.reply_by,
    committedReplyBy: row.committed_reply_by,
    dueOn: dueDate(row.due_on),
    sentAt: toDate(row.sent_at),
    acceptedAt: toDate(row.accepted_at),
    answeredAt: toDate(row.answered_at),
    closedAt: toDate(row.closed_at),
    withdrawnAt: toDate(row.withdrawn_at),
    rating: row.rating_timeliness && row.rating_effort ? { timeliness: row.rating_timeliness, effort: row.rating_effort } : null,
    dataProtection: {
      closedAt: isoOrNull(row.closed_at ?? row.withdrawn_at),
      blockedFrom: isoOrNull(facts.blockedFrom),
      blocked: isBlocked(facts, now),
      deletionDue: isoOrNull(row.deletion_due),
      personalDataDeletedAt: isoOrNull(facts.personalDataDeletedAt),
    },
    allocatedTo: s.responderSide ? facts.allocatedTo : [],
    allowedActions: actionsFor(rules, facts, s),
    redacted,
    createdAt: toDate(row.created_at)!,
    updatedAt: toDate(row.updated_at)!,
  };
}

/** The draft fields checked against the area, its question set and the directory; field errors name what is wrong. */
export async function checkDraft(
  em: EntityManager,
  viewer: Viewer,
  input: { area: string; set: CachedQuestionSet; questions?: string[]; responderAuthorityId?: string | null; profession?: string | null; replyBy?: string | null },
): Promise<{ professionId: number | null | undefined }> {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  input.questions?.forEach((code, i) => {
    if (!input.set.byCode.has(code)) errors.push({ path: `questions.${i}`, in: 'body', message: `No question ${code} in version ${input.set.version} of the ${input.area} question set` });
    else if (seen.has(code)) errors.push({ path: `questions.${i}`, in: 'body', message: `Question ${code} is chosen twice` });
    seen.add(code);
  });
  if (input.responderAuthorityId) {
    const problem = await responderProblem(em, input.responderAuthorityId, input.area, { notCountry: await countryOf(em, viewer.user.authorityId!) });
    if (problem) errors.push({ path: 'responderAuthorityId', in: 'body', message: problem });
  }
  let professionId: number | null | undefined = input.profession === null ? null : undefined;
  if (input.profession) {
    const [p] = await em.execute<{ id: number; opens_on: string | null }[]>(
      `select id, case when opens_at > now() then to_char(opens_at at time zone 'UTC', 'YYYY-MM-DD') end as opens_on from profession where code = ?`, [input.profession]);
    if (!p) errors.push({ path: 'profession', in: 'body', message: `No profession ${input.profession}` });
    else if (p.opens_on) errors.push({ path: 'profession', in: 'body', message: `${input.profession} opens for exchanges on ${p.opens_on}` });
    professionId = p?.id;
  }
  if (input.replyBy && input.replyBy <= isoDay()) errors.push({ path: 'replyBy', in: 'body', message: 'Choose a date after today' });
  if (errors.length) throw problems.invalid(errors);
  return { professionId };
}

export async function countryOf(em: EntityManager, authorityId: string): Promise<string> {
  const [row] = await em.execute<{ country_code: string }[]>('select country_code from authority where id = ?', [authorityId]);
  return row.country_code;
}

/** Why an authority cannot receive a request in the area, or null when it can. */
export async function responderProblem(em: EntityManager, authorityId: string, area: string, where: { notCountry?: string; country?: string; not?: string[] }): Promise<string | null> {
  const [row] = await em.execute<{ status: string; country_code: string; in_area: boolean }[]>(
    `select a.status, a.country_code, exists (select 1 from authority_area x where x.authority_id = a.id and x.area_code = ?) as in_area
       from authority a where a.id = ?`,
    [area, authorityId],
  );
  if (!row) return 'There is no authority with this id';
  if (row.status !== 'active') return 'This authority is not active in IMI';
  if (!row.in_area) return `This authority does not take part in ${area}`;
  if (where.notCountry && row.country_code === where.notCountry) return 'Choose an authority of another state: requests go across borders';
  if (where.country && row.country_code !== where.country) return `Choose an authority of the same state (${where.country})`;
  if (where.not?.includes(authorityId)) return 'The request is with this authority already, or was forwarded by it';
  return null;
}

/** The folded "last first" name a request's data subject is searched by (`subject_name`). */
export function subjectName(subject: Pick<DataSubject, 'firstName' | 'lastName'>): string {
  return fold(`${subject.lastName} ${subject.firstName}`);
}

function bodyHash(body: unknown): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('hex');
}

export async function nextCaseNumber(em: EntityManager, area: string): Promise<string> {
  const [row] = await em.execute<{ n: string }[]>(`select nextval('request_case_seq') as n`);
  return `${area}-${new Date().getUTCFullYear()}-${row.n.padStart(6, '0')}`;
}

export interface Timeline {
  requestId: string;
  kind: string;
  actor: AuthUser | null;
  from: RequestState | null;
  to: RequestState | null;
  text?: string | null;
  textLang?: string | null;
  data?: Record<string, unknown>;
}

/** Adds a step to a request's timeline; returns its id (attachments released with the step point to it). */
export async function addTimeline(em: EntityManager, t: Timeline): Promise<string> {
  const [row] = await em.execute<{ id: string }[]>(
    `insert into request_event (request_id, at, kind, actor_id, actor_name, authority_id, from_status, to_status, text, text_lang, data)
     values (?, now(), ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id`,
    [t.requestId, t.kind, t.actor?.id ?? null, t.actor?.name ?? null, t.actor?.authorityId ?? null, t.from, t.to, t.text ?? null, t.textLang ?? null, JSON.stringify(t.data ?? {})],
  );
  return String(row.id);
}

/**
 * Creates a draft (SPEC §6.1). With an `Idempotency-Key`, a retry of the same creation returns the request made the
 * first time; the same key with another body is refused.
 */
export async function createRequest(em: EntityManager, user: AuthUser, body: CreateBody, idempotencyKey: string | undefined, lang: LocaleCode, ip: string | null) {
  const viewer = await loadViewer(em, user, []);
  requireHandler(viewer, body.area);
  const digest = bodyHash(body);
  if (idempotencyKey) {
    const done = await previousCreation(em, user.id, idempotencyKey, digest);
    if (done) return { created: false, view: await viewRequest(em, user, done, lang, ip) };
  }
  const [closed] = await em.execute<{ opens_on: string }[]>(
    `select to_char(opens_at at time zone 'UTC', 'YYYY-MM-DD') as opens_on from legislative_area where code = ? and opens_at > now()`, [body.area]);
  if (closed) throw problems.invalid([{ path: 'area', in: 'body', message: `${body.area} opens for exchanges on ${closed.opens_on}` }]);
  const set = await questionSetDefinition(em, body.questionSetId).catch(() => null);
  if (!set || set.area !== body.area) {
    throw problems.invalid([{ path: 'questionSetId', in: 'body', message: `No question set with this id for ${body.area}` }]);
  }
  const { professionId } = await checkDraft(em, viewer, { set, ...body });
  const id = crypto.randomUUID();
  try {
    await em.transactional(async (tx) => {
      const caseNumber = await nextCaseNumber(tx, body.area);
      await tx.execute(
        `insert into request (id, case_number, area_code, question_set_id, requester_id, responder_id, status, questions, subject, subject_name,
                              profession_id, free_text, free_text_lang, reply_by, created_by, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, 'DRAFT', ?, ?, ?, ?, ?, ?, ?, ?, now(), now())`,
        [id, caseNumber, body.area, body.questionSetId, user.authorityId, body.responderAuthorityId ?? null, pgArray(body.questions), JSON.stringify(body.subject),
          subjectName(body.subject), professionId ?? null, body.freeText ?? null, body.freeText ? (body.freeTextLang ?? lang) : null, body.replyBy ?? null, user.id],
      );
      if (idempotencyKey) {
        await tx.execute('insert into idempotency_key (user_id, key, request_id, body_hash, created_at) values (?, ?, ?, ?, now())', [user.id, idempotencyKey, id, digest]);
      }
      await addTimeline(tx, { requestId: id, kind: 'create', actor: user, from: null, to: 'DRAFT' });
      audit(tx, { action: 'request.create', actorId: user.id, actorEmail: user.email, authorityId: user.authorityId, record: { type: 'request', id }, fields: ['subject', ...(body.freeText ? ['freeText'] : [])], purpose: 'preparing a request', ip });
    });
  } catch (error) {
    // Two retries with the same key at once: the second finds the first's request.
    const done = idempotencyKey && (error as { code?: string }).code === '23505' ? await previousCreation(em, user.id, idempotencyKey, digest) : null;
    if (!done) throw error;
    return { created: false, view: await viewRequest(em, user, done, lang, ip) };
  }
  return { created: true, view: await viewRequest(em, user, id, lang, ip) };
}

async function previousCreation(em: EntityManager, userId: string, key: string, digest: string): Promise<string | null> {
  const [row] = await em.execute<{ request_id: string; body_hash: string }[]>('select request_id, body_hash from idempotency_key where user_id = ? and key = ?', [userId, key]);
  if (!row) return null;
  if (row.body_hash !== digest) throw problems.conflict('This Idempotency-Key was used for another request body; use a new key for a new request.');
  return row.request_id;
}

/** A stale version: 409 with the request's current status and version, so the client can reload and retry. */
export function staleVersion(r: { status: RequestState; version: number }) {
  return problems.conflict(`The request changed since you read it: it is now ${r.status} at version ${r.version}. Reload it and try again.`)
    .with({ currentStatus: r.status, currentVersion: r.version });
}

/** Edits a draft: only its requesting handlers, only while it is a draft, only from the version last seen. */
export async function patchDraft(em: EntityManager, user: AuthUser, id: string, body: PatchBody & { version: number }, lang: LocaleCode, ip: string | null) {
  await em.transactional(async (tx) => {
    const { facts, viewer, standing: s } = await openRequest(tx, user, id, true);
    if (!s.parties.has('requester-handler')) throw problems.forbidden('Only request handlers of the requesting authority edit its drafts.');
    if (facts.version !== body.version) throw staleVersion(facts);
    if (facts.status !== 'DRAFT') throw problems.conflict(`Only drafts are edited; this request is ${facts.status}.`).with({ currentStatus: facts.status, currentVersion: facts.version });
    const [row] = await tx.execute<{ question_set_id: number }[]>('select question_set_id from request where id = ?', [id]);
    const set = await questionSetDefinition(tx, row.question_set_id);
    const { professionId } = await checkDraft(tx, viewer, { area: facts.area, set, ...body });
    const sets: Sql[] = [sql`version = version + 1`, sql`updated_at = now()`];
    const changed: string[] = [];
    const put = (field: string, column: Sql) => {
      sets.push(column);
      changed.push(field);
    };
    if (body.responderAuthorityId !== undefined) put('responderAuthorityId', sql`responder_id = ${body.responderAuthorityId}`);
    if (body.questions) put('questions', sql`questions = ${pgArray(body.questions)}::text[]`);
    if (body.subject) put('subject', sql`subject = ${JSON.stringify(body.subject)}, subject_name = ${subjectName(body.subject)}`);
    if (professionId !== undefined) put('profession', sql`profession_id = ${professionId}`);
    if (body.freeText !== undefined) put('freeText', sql`free_text = ${body.freeText}, free_text_lang = ${body.freeText ? (body.freeTextLang ?? lang) : null}`);
    if (body.replyBy !== undefined) put('replyBy', sql`reply_by = ${body.replyBy}`);
    const update = sql`update request set ${join(sets, ', ')} where id = ${id}`;
    await tx.execute(update.text, update.params);
    await addTimeline(tx, { requestId: id, kind: 'update', actor: user, from: 'DRAFT', to: 'DRAFT', data: { fields: changed } });
    audit(tx, { action: 'request.update', actorId: user.id, actorEmail: user.email, authorityId: user.authorityId, record: { type: 'request', id }, fields: changed, purpose: 'preparing a request', ip });
  });
  return viewRequest(em, user, id, lang, ip);
}

interface SummaryRow extends FactRow {
  case_number: string; parent_id: string | null; question_count: number; reply_by: string | null; committed_reply_by: string | null;
  due_on: string; updated_at: Date; unread: boolean; overdue: boolean;
}

const deadlineCursor = z.tuple([z.string().regex(/^(\d{4}-\d{2}-\d{2}|infinity)$/), z.string().uuid()]);
const updatedCursor = z.tuple([z.string().datetime(), z.string().uuid()]);

/**
 * The inbox (SPEC §6): incoming, outgoing or coordination box, in the areas the user holds a role in, filtered and
 * sorted by the date that matters (or the latest change), in pages with a stable keyset order.
 */
export async function listRequests(em: EntityManager, user: AuthUser, query: ListQuery, lang: LocaleCode, ip: string | null) {
  if (!user.authorityId) throw problems.forbidden('Requests are exchanged between authorities; your account belongs to none.');
  const viewer = await loadViewer(em, user, []);
  const areas = [...viewer.roles.keys()].filter((a) => !query.area || a === query.area);
  if (!areas.length) return { items: [], nextCursor: null };
  const own = user.authorityId;
  const filters: Sql[] = [sql`r.area_code = any(${pgArray(areas)}::text[])`];
  if (query.box === 'incoming') filters.push(sql`r.responder_id = ${own}::uuid and r.sent_at is not null`);
  else if (query.box === 'outgoing') filters.push(sql`r.requester_id = ${own}::uuid`);
  else {
    filters.push(sql`r.status <> 'DRAFT' and exists (select 1 from coordination c where c.coordinator_id = ${own}::uuid and c.area_code = r.area_code and c.authority_id in (r.requester_id, r.responder_id))`);
  }
  if (query.ids?.length) filters.push(sql`r.id = any(${pgArray(query.ids)}::uuid[])`);
  if (query.status?.length) filters.push(sql`r.status = any(${pgArray(query.status)}::text[])`);
  if (query.overdue !== undefined) {
    const overdue = sql`(r.due_on < current_date and r.status = any(${pgArray(awaitingResponder)}::text[]))`;
    filters.push(query.overdue ? overdue : sql`not ${overdue}`);
  }
  if (query.q) {
    const caseNumber = sql`r.case_number like ${`${query.q.toUpperCase().replace(/[%_\\]/g, '')}%`}`;
    // The data subject's name is searched only where the user may see it: its own requests as a handler, and incoming
    // ones once accepted; never on requests whose personal data are blocked (SPEC §5.4).
    const handler = areas.filter((a) => viewer.roles.get(a)?.has('request-handler'));
    const namePattern = `${fold(query.q).replace(/[%_\\]/g, '')}%`;
    const unblocked = new Sql(unblockedSql('r'), [blockingNow()]);
    const byName = query.box === 'coordination' || !handler.length
      ? null
      : sql`(r.area_code = any(${pgArray(handler)}::text[]) and r.subject_name like ${namePattern} and ${unblocked}${query.box === 'incoming' ? sql` and r.accepted_at is not null and r.status <> 'AWAITING_ACCEPTANCE'` : empty})`;
    filters.push(byName ? sql`(${caseNumber} or ${byName})` : caseNumber);
    if (byName) audit(em, { action: 'request.search-personal', actorId: user.id, actorEmail: user.email, authorityId: own, fields: ['subject'], purpose: `finding a request by its data subject (${query.box} box)`, ip });
  }
  const deadline = query.sort === 'deadline';
  if (deadline) {
    const after = decodeCursor(query.cursor, deadlineCursor);
    if (after) filters.push(sql`(r.due_on, r.id) > (${after[0]}::date, ${after[1]}::uuid)`);
  } else {
    const after = decodeCursor(query.cursor, updatedCursor);
    if (after) filters.push(sql`(r.updated_at, r.id) < (${after[0]}::timestamptz, ${after[1]}::uuid)`);
  }
  const order = deadline ? sql`r.due_on, r.id` : sql`r.updated_at desc, r.id desc`;
  const statement = sql`
    select ${raw(factColumns)}, r.case_number, r.parent_id, cardinality(r.questions) as question_count,
           r.reply_by::text, r.committed_reply_by::text, r.due_on::text, r.updated_at,
           (r.due_on < current_date and r.status = any(${pgArray(awaitingResponder)}::text[])) as overdue,
           exists (select 1 from notification n where n.user_id = ${user.id}::uuid and n.request_id = r.id and n.read_at is null) as unread
      from request r join authority q on q.id = r.requester_id left join authority s on s.id = r.responder_id
     where ${join(filters, ' and ')}
     order by ${order} limit ${query.limit + 1}`;
  const rows = await em.execute<SummaryRow[]>(statement.text, statement.params);
  if (query.q) await em.flush();
  const page = rows.slice(0, query.limit);
  const authorityIds = page.flatMap((r) => [r.requester_id, r.responder_id]).filter((id): id is string => id !== null);
  const [pageViewer, rules, refs] = await Promise.all([
    withRelationsTo(em, viewer, [...new Set(authorityIds)]),
    loadRouting(em, page.flatMap((r) => [r.requester_country, r.responder_country]).filter((c): c is string => c !== null)),
    authorityRefs(em, authorityIds, lang),
  ]);
  const last = page.at(-1);
  return {
    items: page.map((row) => {
      const facts = factsFromRow(row);
      return {
        id: row.id, caseNumber: row.case_number, status: row.status, version: row.version, area: row.area_code, parentId: row.parent_id,
        requester: refs.get(row.requester_id)!, responder: row.responder_id ? refs.get(row.responder_id) ?? null : null,
        questionCount: Number(row.question_count), replyBy: row.reply_by, committedReplyBy: row.committed_reply_by, dueOn: dueDate(row.due_on),
        overdue: row.overdue, unread: row.unread, sentAt: toDate(row.sent_at), updatedAt: toDate(row.updated_at)!,
        allowedActions: actionsFor(rules, facts, standing(pageViewer, facts)),
      };
    }),
    nextCursor: rows.length > query.limit && last
      ? encodeCursor(deadline ? [last.due_on, last.id] : [new Date(last.updated_at).toISOString(), last.id])
      : null,
  };
}

/** The timeline of a request: its steps, with texts and attachments only within the user's need to know. */
export async function requestTimeline(em: EntityManager, user: AuthUser, id: string, lang: LocaleCode, ip: string | null) {
  const { facts, viewer, standing: s } = await openRequest(em, user, id);
  const [events, attachments] = await Promise.all([
    em.execute<{ id: string; at: Date; kind: string; actor_name: string | null; authority_id: string | null; from_status: RequestState | null; to_status: RequestState | null; text: string | null; text_lang: string | null; data: Record<string, unknown> }[]>(
      'select id, at, kind, actor_name, authority_id, from_status, to_status, text, text_lang, data from request_event where request_id = ? order by id', [id]),
    s.personal ? visibleAttachments(em, id, viewer, facts) : Promise.resolve([]),
  ]);
  const refs = await authorityRefs(em, events.map((e) => e.authority_id), lang);
  if (s.personal && events.some((e) => e.text)) {
    audit(em, { action: 'request.read-personal', actorId: user.id, actorEmail: user.email, authorityId: user.authorityId, record: { type: 'request', id }, fields: ['timeline.text'], purpose: s.purpose, ip });
    await em.flush();
  }
  return {
    items: events.map((e) => ({
      id: String(e.id), at: toDate(e.at)!, kind: e.kind,
      actor: { name: e.actor_name, authority: e.authority_id ? refs.get(e.authority_id) ?? null : null },
      fromStatus: e.from_status, toStatus: e.to_status,
      ...(s.personal ? { text: e.text ? { text: e.text, lang: e.text_lang } : null, attachments: attachments.filter((a) => a.eventId === String(e.id)).map((a) => a.view) } : {}),
      data: e.data,
    })),
    nextCursor: null,
  };
}
