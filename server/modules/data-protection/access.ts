import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { decodeCursor, encodeCursor } from '../../http/cursor.js';
import { problems } from '../../http/problem.js';
import { audit } from '../audit/service.js';
import type { AuthUser } from '../identity/service.js';
import { questionSetDefinition } from '../questions/service.js';
import { translate, type LocaleCode } from '../reference/locales.js';
import type { AnswerValue, DataSubject } from '../requests/entities.js';
import { authorityRefs } from '../requests/service.js';
import { blockedFromSql, closureSql, isBlocked, isoOrNull } from './blocking.js';
import type { AccessPurpose } from './entities.js';

/** How the audit log names each purpose (SPEC §5.4: proof of an exchange, or a data subject's rights). */
export const purposeLabels: Record<AccessPurpose, string> = {
  'proof-of-exchange': 'Proof of an exchange',
  'data-subject-rights': 'A data subject\'s rights',
};

/** The audit log's purpose of reads under a grant; the log keeps at most 500 characters of it. */
const auditPurpose = (purpose: AccessPurpose, justification: string) => `${purposeLabels[purpose]}: ${justification}`.slice(0, 500);

export interface GrantInput {
  requestId: string;
  purpose: AccessPurpose;
  justification: string;
  dataSubjectRequestId?: string;
}

interface GrantRow {
  id: string; request_id: string; case_number: string; area_code: string; purpose: AccessPurpose; justification: string;
  data_subject_request_id: string | null; granted_to_id: string; user_name: string; user_email: string; granted_at: Date; expires_at: Date;
}

const grantSelect = `select g.*, r.case_number, r.area_code, u.name as user_name, u.email as user_email
  from blocked_access_grant g join request r on r.id = g.request_id join app_user u on u.id = g.granted_to_id`;

function grantView(g: GrantRow) {
  return {
    id: g.id, requestId: g.request_id, caseNumber: g.case_number, area: g.area_code, purpose: g.purpose, justification: g.justification,
    dataSubjectRequestId: g.data_subject_request_id, grantedTo: { id: g.granted_to_id, name: g.user_name, email: g.user_email },
    grantedAt: isoOrNull(g.granted_at)!, expiresAt: isoOrNull(g.expires_at)!,
  };
}
export type GrantView = ReturnType<typeof grantView>;

interface ProtectionRow { id: string; case_number: string; blocked_from: Date | null; personal_data_deleted_at: Date | null }

async function protectionOf(em: EntityManager, requestId: string): Promise<ProtectionRow | undefined> {
  const [row] = await em.execute<ProtectionRow[]>(
    `select r.id, r.case_number, ${blockedFromSql('r')} as blocked_from, r.personal_data_deleted_at
       from request r where r.id = ?`, [requestId]);
  return row;
}

const deletedProblem = (row: ProtectionRow) =>
  problems.conflict(`The personal data of request ${row.case_number} were deleted on ${isoOrNull(row.personal_data_deleted_at)!.slice(0, 10)}: there is nothing left to read.`);

/**
 * Grants the data-protection administrator access to a blocked request's personal data for a stated purpose, until
 * `hours` later. Only blocked data are granted: while the request is not blocked its parties see it and the
 * administrator has no business in it; once its data are deleted there is nothing to grant.
 */
export async function grantAccess(em: EntityManager, user: AuthUser, input: GrantInput, now: Date, hours: number, ip: string | null): Promise<GrantView> {
  const row = await protectionOf(em, input.requestId);
  if (!row) throw problems.invalid([{ path: 'requestId', in: 'body', message: 'There is no request with this id' }]);
  if (row.personal_data_deleted_at) throw deletedProblem(row);
  const dates = { blockedFrom: row.blocked_from === null ? null : new Date(row.blocked_from), personalDataDeletedAt: null };
  if (!isBlocked(dates, now)) {
    throw problems.conflict(dates.blockedFrom
      ? `Request ${row.case_number} is not blocked before ${dates.blockedFrom.toISOString().slice(0, 10)}: until then its parties see it and handle requests about its data.`
      : `Request ${row.case_number} is not formally closed, so it is not blocked: its parties see it and handle requests about its data.`);
  }
  if (input.dataSubjectRequestId) {
    const found = await em.execute('select 1 from data_subject_request where id = ?', [input.dataSubjectRequestId]);
    if (!found.length) throw problems.invalid([{ path: 'dataSubjectRequestId', in: 'body', message: 'There is no data subject\'s request with this id' }]);
  }
  const id = crypto.randomUUID();
  await em.transactional(async (tx) => {
    await tx.execute(
      `insert into blocked_access_grant (id, request_id, purpose, justification, data_subject_request_id, granted_to_id, granted_at, expires_at)
       values (?, ?, ?, ?, ?, ?, ?, ?::timestamptz + make_interval(hours => ?))`,
      [id, input.requestId, input.purpose, input.justification, input.dataSubjectRequestId ?? null, user.id, now, now, hours]);
    audit(tx, {
      action: 'blocked-access.grant', actorId: user.id, actorEmail: user.email, authorityId: user.authorityId, record: { type: 'request', id: input.requestId },
      fields: [`grant:${id}`], purpose: auditPurpose(input.purpose, input.justification), ip,
    });
  });
  const [created] = await em.execute<GrantRow[]>(`${grantSelect} where g.id = ?`, [id]);
  return grantView(created);
}

const grantCursor = z.tuple([z.string().datetime(), z.string().uuid()]);

/** Every grant, newest first; `active` keeps those still in force at `now` (or only those that expired). */
export async function listGrants(em: EntityManager, query: { active?: boolean; limit: number; cursor?: string }, now: Date) {
  const filters: string[] = [];
  const params: unknown[] = [];
  if (query.active !== undefined) {
    filters.push(query.active ? 'g.expires_at > ?::timestamptz' : 'g.expires_at <= ?::timestamptz');
    params.push(now);
  }
  const after = decodeCursor(query.cursor, grantCursor);
  if (after) {
    filters.push('(g.granted_at, g.id) < (?::timestamptz, ?::uuid)');
    params.push(after[0], after[1]);
  }
  const rows = await em.execute<GrantRow[]>(
    `${grantSelect} ${filters.length ? `where ${filters.join(' and ')}` : ''} order by g.granted_at desc, g.id desc limit ?`, [...params, query.limit + 1]);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { items: page.map(grantView), nextCursor: rows.length > query.limit && last ? encodeCursor([isoOrNull(last.granted_at)!, last.id]) : null };
}

/** A grant that the caller may read under now: its own, in force, on data not yet deleted. */
async function usableGrant(em: EntityManager, user: AuthUser, grantId: string, now: Date): Promise<GrantRow> {
  const [grant] = await em.execute<GrantRow[]>(`${grantSelect} where g.id = ?`, [grantId]);
  if (!grant) throw problems.notFound('There is no access grant with this id.');
  if (grant.granted_to_id !== user.id) throw problems.forbidden('This access was granted to another data-protection administrator.');
  if (new Date(grant.expires_at).getTime() <= now.getTime()) {
    throw problems.forbidden(`The access expired on ${isoOrNull(grant.expires_at)}. Grant a new one, stating its purpose.`);
  }
  const row = (await protectionOf(em, grant.request_id))!;
  if (row.personal_data_deleted_at) throw deletedProblem(row);
  return grant;
}

interface BlockedRow {
  id: string; case_number: string; area_code: string; status: string; requester_id: string; responder_id: string | null; question_set_id: number;
  answers: Record<string, AnswerValue>; subject: DataSubject | null; free_text: string | null; free_text_lang: string | null;
  reply_text: string | null; reply_text_lang: string | null; sent_at: Date | null; closed_at: Date | null;
}

/**
 * The blocked personal data of a request, read under a grant: everything its parties saw, with every field read
 * written to the audit log with the grant's purpose.
 */
export async function readBlocked(em: EntityManager, user: AuthUser, grantId: string, now: Date, lang: LocaleCode, ip: string | null) {
  const grant = await usableGrant(em, user, grantId, now);
  const [row] = await em.execute<BlockedRow[]>(
    `select r.id, r.case_number, r.area_code, r.status, r.requester_id, r.responder_id, r.question_set_id, r.answers, r.subject,
            r.free_text, r.free_text_lang, r.reply_text, r.reply_text_lang, r.sent_at, ${closureSql('r')} as closed_at
       from request r where r.id = ?`, [grant.request_id]);
  const [set, events, files, refs] = await Promise.all([
    questionSetDefinition(em, row.question_set_id),
    em.execute<{ at: Date; kind: string; actor_name: string | null; text: string | null }[]>(
      'select at, kind, actor_name, text from request_event where request_id = ? order by id', [row.id]),
    em.execute<{ id: string; name: string; media_type: string; size: number }[]>(
      'select id, name, media_type, size from attachment where request_id = ? order by created_at, id', [row.id]),
    authorityRefs(em, [row.requester_id, row.responder_id], lang),
  ]);
  const answers = Object.entries(row.answers).map(([question, value]) => {
    const q = set.byCode.get(question)?.question;
    return { question, text: q ? translate(q.text, lang)?.text ?? question : question, value, personal: q?.personal ?? true };
  });
  const fields = [
    row.subject && 'subject', row.free_text && 'freeText', row.reply_text && 'replyText',
    ...answers.filter((a) => a.personal).map((a) => `answers.${a.question}`),
    events.some((e) => e.text) && 'timeline.text', files.length && 'attachments',
  ].filter(Boolean) as string[];
  audit(em, {
    action: 'request.read-blocked', actorId: user.id, actorEmail: user.email, authorityId: user.authorityId, record: { type: 'request', id: row.id },
    fields, purpose: auditPurpose(grant.purpose, grant.justification), ip,
  });
  await em.flush();
  return {
    grant: grantView(grant),
    request: {
      id: row.id, caseNumber: row.case_number, area: row.area_code, status: row.status,
      requester: refs.get(row.requester_id)!, responder: row.responder_id ? refs.get(row.responder_id) ?? null : null,
      sentAt: isoOrNull(row.sent_at), closedAt: isoOrNull(row.closed_at),
      subject: row.subject,
      answers: answers.map(({ question, text, value }) => ({ question, text, value })),
      freeText: row.free_text ? { text: row.free_text, lang: row.free_text_lang } : null,
      replyText: row.reply_text ? { text: row.reply_text, lang: row.reply_text_lang } : null,
      timeline: events.map((e) => ({ at: isoOrNull(e.at)!, kind: e.kind, actorName: e.actor_name, text: e.text })),
      attachments: files.map((f) => ({ id: f.id, name: f.name, mediaType: f.media_type, size: f.size })),
    },
  };
}

/** A file of a blocked request, read under a grant; audited like the rest of its data. */
export async function downloadBlocked(em: EntityManager, user: AuthUser, grantId: string, attachmentId: string, now: Date, ip: string | null) {
  const grant = await usableGrant(em, user, grantId, now);
  const [file] = await em.execute<{ name: string; media_type: string; content: Buffer }[]>(
    'select name, media_type, content from attachment where id = ? and request_id = ?', [attachmentId, grant.request_id]);
  if (!file) throw problems.notFound('The request of this grant has no attachment with this id.');
  audit(em, {
    action: 'attachment.download-blocked', actorId: user.id, actorEmail: user.email, authorityId: user.authorityId, record: { type: 'request', id: grant.request_id },
    fields: [`attachment:${attachmentId}`], purpose: auditPurpose(grant.purpose, grant.justification), ip,
  });
  await em.flush();
  return { name: file.name, mediaType: file.media_type, content: file.content };
}
