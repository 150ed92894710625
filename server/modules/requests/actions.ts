import type { EntityManager } from '@mikro-orm/postgresql';
import { join, pgArray, sql, type Sql } from '../../db/sql.js';
import { problems, type FieldError } from '../../http/problem.js';
import type { Logger } from '../../logger.js';
import { audit } from '../audit/service.js';
import type { AuthUser } from '../identity/service.js';
import type { NotificationKind } from '../notifications/entities.js';
import { deliverImmediate } from '../notifications/delivery.js';
import type { Mailer } from '../notifications/mailer.js';
import { notify, type Audience } from '../notifications/service.js';
import { questionSetDefinition, type CachedQuestionSet } from '../questions/service.js';
import type { LocaleCode } from '../reference/locales.js';
import { contextOf, loadRouting, openRequest, requestFacts, sidesOf, type RequestFacts, type Viewer } from './access.js';
import type { AnswerValue } from './entities.js';
import type { EventBus, RequestChange } from './events.js';
import type { actionBodies } from './schemas.js';
import { addTimeline, isoDay, nextCaseNumber, responderProblem, staleVersion, viewRequest } from './service.js';
import { decide, partiesFor, type RequestAction, type RequestState } from './workflow.js';
import type { z } from 'zod';

export interface RequestDeps {
  mailer: Mailer;
  publicUrl: string;
  logger: Logger;
  bus: EventBus;
}

type Bodies = { [A in RequestAction]: z.output<z.ZodObject<(typeof actionBodies)[A]>> & { version: number } };

interface Detail {
  case_number: string;
  question_set_id: number;
  questions: string[];
  answers: Record<string, AnswerValue>;
  reply_by: string | null;
  created_by: string;
  former_responders: string[];
}

interface Step {
  tx: EntityManager;
  facts: RequestFacts;
  detail: Detail;
  viewer: Viewer;
  user: AuthUser;
  to: RequestState;
  lang: LocaleCode;
}

/** What an action does beyond moving the state: columns to set, the timeline entry, who is told, what is released. */
interface Effect {
  set?: Sql[];
  text?: string | null;
  textLang?: string | null;
  data?: Record<string, unknown>;
  notices?: { kind: NotificationKind; audience: Audience }[];
  /** The authority whose pending attachments go out with this step. */
  release?: string;
  /** Personal data the step wrote, for the audit log. */
  fields?: string[];
  /** Authorities that must also hear of the change (an authority the request was forwarded away from). */
  alsoTell?: string[];
  /** Another request the step created (a split child). */
  created?: { id: string };
}

const invalid = (path: string, message: string) => problems.invalid([{ path, in: 'body', message }]);
const addCoordinator = (authorityId: string) => sql`coordinators = case when ${authorityId}::uuid = any(coordinators) then coordinators else array_append(coordinators, ${authorityId}::uuid) end`;

function handlersOf(facts: RequestFacts, side: 'requester' | 'responder'): Audience {
  return side === 'requester'
    ? { handlersOf: facts.requesterId, area: facts.area }
    : { handlersOf: facts.responderId!, area: facts.area, allocatedTo: facts.allocatedTo };
}

/** Checks reply answers against the questions asked and their answer types; attachment answers name the responder's files. */
async function checkAnswers(tx: EntityManager, set: CachedQuestionSet, facts: RequestFacts, asked: string[], answers: { question: string; value: AnswerValue }[], requireAll: boolean) {
  const errors: FieldError[] = [];
  const given = new Map<string, AnswerValue>();
  const mentioned = new Set(answers.map((a) => a.question));
  const files = new Set((await tx.execute<{ id: string }[]>('select id from attachment where request_id = ? and authority_id = ?', [facts.id, facts.responderId])).map((a) => a.id));
  answers.forEach(({ question, value }, i) => {
    const path = `answers.${i}`;
    const q = set.byCode.get(question)?.question;
    if (!q || !asked.includes(question)) return errors.push({ path: `${path}.question`, in: 'body', message: `Question ${question} was not asked in this request` });
    if (given.has(question)) return errors.push({ path: `${path}.question`, in: 'body', message: `Question ${question} is answered twice` });
    const options = new Set(q.options.map((o) => o.code));
    const ok = (() => {
      switch (q.answerType) {
        case 'yes-no': return value === 'yes' || value === 'no';
        case 'yes-no-unknown': return value === 'yes' || value === 'no' || value === 'unknown';
        case 'single-choice': return typeof value === 'string' && options.has(value);
        case 'multi-choice': return Array.isArray(value) && value.length > 0 && value.every((v) => options.has(v)) && new Set(value).size === value.length;
        case 'date': return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
        case 'number': return typeof value === 'number' && Number.isFinite(value);
        case 'text': return typeof value === 'string' && value.trim().length > 0;
        case 'attachment': return typeof value === 'string' && files.has(value);
      }
    })();
    if (!ok) {
      const expected: Record<string, string> = {
        'yes-no': 'yes or no', 'yes-no-unknown': 'yes, no or unknown', 'single-choice': `one of ${[...options].join(', ')}`,
        'multi-choice': `a list of ${[...options].join(', ')}`, date: 'a date as YYYY-MM-DD', number: 'a number', text: 'a text',
        attachment: 'the id of a file your authority attached to this request',
      };
      return errors.push({ path: `${path}.value`, in: 'body', message: `Answer ${question} with ${expected[q.answerType]}` });
    }
    given.set(question, value);
  });
  if (requireAll) {
    asked.forEach((code) => {
      if (set.byCode.get(code)?.question.required && !mentioned.has(code)) errors.push({ path: 'answers', in: 'body', message: `Question ${code} must be answered` });
    });
  }
  if (errors.length) throw problems.invalid(errors);
  return given;
}

const answered = sql`answered_at = now(), first_answered_at = coalesce(first_answered_at, now())`;

const effects: { [A in RequestAction]: (step: Step, input: Bodies[A]) => Promise<Effect> } = {
  async send({ tx, facts, to }, input) {
    const errors: FieldError[] = [];
    const [row] = await tx.execute<{ responder_id: string | null; subject: unknown; questions: string[]; reply_by: string | null; reply_period_days: number }[]>(
      `select r.responder_id, r.subject, r.questions, r.reply_by::text, a.reply_period_days from request r join legislative_area a on a.code = r.area_code where r.id = ?`, [facts.id]);
    if (!row.responder_id) errors.push({ path: 'responderAuthorityId', in: 'body', message: 'Choose the authority to ask' });
    else {
      const problem = await responderProblem(tx, row.responder_id, facts.area, { notCountry: facts.requesterCountry });
      if (problem) errors.push({ path: 'responderAuthorityId', in: 'body', message: problem });
    }
    if (!row.subject) errors.push({ path: 'subject', in: 'body', message: 'Name the person the request is about' });
    if (!row.questions.length) errors.push({ path: 'questions', in: 'body', message: 'Choose at least one question' });
    const replyBy = input.replyBy ?? (row.reply_by && row.reply_by > isoDay() ? row.reply_by : isoDay(new Date(), row.reply_period_days));
    if (replyBy <= isoDay()) errors.push({ path: 'replyBy', in: 'body', message: 'Choose a date after today' });
    if (errors.length) throw problems.invalid(errors);
    const direct = to === 'AWAITING_ACCEPTANCE';
    return {
      set: [sql`reply_by = ${replyBy}::date`, ...(direct ? [sql`sent_at = now()`] : [])],
      data: { replyBy },
      release: facts.requesterId,
      notices: [direct
        ? { kind: 'request-received', audience: { handlersOf: row.responder_id!, area: facts.area } }
        : { kind: 'approval-needed', audience: { coordinatorsOf: facts.requesterId, area: facts.area } }],
    };
  },
  async approve({ facts, user }) {
    const own = user.authorityId!;
    if (facts.status === 'AWAITING_APPROVAL') {
      return { set: [sql`sent_at = now()`, addCoordinator(own)], notices: [{ kind: 'request-received', audience: handlersOf(facts, 'responder') }] };
    }
    return { set: [answered, addCoordinator(own)], release: facts.responderId!, notices: [{ kind: 'reply-received', audience: handlersOf(facts, 'requester') }] };
  },
  async 'reject-approval'({ facts, user, lang }, input) {
    const side = facts.status === 'AWAITING_APPROVAL' ? 'requester' : 'responder';
    return {
      set: [addCoordinator(user.authorityId!)], text: input.reason, textLang: lang,
      notices: [{ kind: 'approval-rejected', audience: handlersOf(facts, side) }],
    };
  },
  async accept({ facts, detail }, input) {
    if (input.days !== undefined && input.replyBy !== undefined) throw invalid('days', 'Give either a number of days or a date, not both');
    const committed = input.replyBy ?? (input.days !== undefined ? isoDay(new Date(), input.days) : detail.reply_by);
    if (!committed || committed <= isoDay()) throw invalid(input.replyBy ? 'replyBy' : 'days', 'The committed reply date must be after today');
    return {
      set: [sql`committed_reply_by = ${committed}::date`, sql`accepted_at = now()`],
      data: { committedReplyBy: committed, requestedReplyBy: detail.reply_by },
      notices: [{ kind: 'request-accepted', audience: handlersOf(facts, 'requester') }],
    };
  },
  async forward({ tx, facts, detail, lang }, input) {
    const problem = await responderProblem(tx, input.toAuthorityId, facts.area, { country: facts.responderCountry!, not: [facts.responderId!, ...detail.former_responders] });
    if (problem) throw invalid('toAuthorityId', problem);
    return {
      set: [
        sql`responder_id = ${input.toAuthorityId}::uuid`, sql`former_responders = array_append(former_responders, responder_id)`,
        sql`accepted_at = null`, sql`committed_reply_by = null`, sql`allocated_to = '{}'`,
      ],
      text: input.comment ?? null, textLang: input.comment ? lang : null,
      data: { from: facts.responderId, to: input.toAuthorityId },
      alsoTell: [input.toAuthorityId],
      notices: [
        { kind: 'request-received', audience: { handlersOf: input.toAuthorityId, area: facts.area } },
        { kind: 'request-forwarded', audience: handlersOf(facts, 'requester') },
      ],
    };
  },
  async split({ tx, facts, detail, user }, input) {
    const errors: FieldError[] = [];
    input.questions.forEach((code, i) => {
      if (!detail.questions.includes(code)) errors.push({ path: `questions.${i}`, in: 'body', message: `Question ${code} is not part of this request` });
    });
    const moving = new Set(input.questions);
    const remaining = detail.questions.filter((q) => !moving.has(q));
    if (!remaining.length) errors.push({ path: 'questions', in: 'body', message: 'Leave at least one question with your authority, or forward the whole request' });
    const problem = await responderProblem(tx, input.toAuthorityId, facts.area, { country: facts.responderCountry!, not: [facts.responderId!] });
    if (problem) errors.push({ path: 'toAuthorityId', in: 'body', message: problem });
    if (errors.length) throw problems.invalid(errors);
    const childId = crypto.randomUUID();
    await tx.execute(
      `insert into request (id, case_number, parent_id, area_code, question_set_id, requester_id, responder_id, status, questions, subject, subject_name,
                            profession_id, free_text, free_text_lang, reply_by, created_by, sent_at, created_at, updated_at)
       select ?, case_number, id, area_code, question_set_id, requester_id, ?, 'AWAITING_ACCEPTANCE', ?, subject, subject_name,
              profession_id, free_text, free_text_lang, reply_by, created_by, now(), now(), now()
         from request where id = ?`,
      [childId, input.toAuthorityId, pgArray([...moving]), facts.id],
    );
    await tx.execute(
      `insert into attachment (id, request_id, authority_id, uploaded_by, name, media_type, size, sha256, content, created_at, released_at)
       select gen_random_uuid(), ?, authority_id, uploaded_by, name, media_type, size, sha256, content, created_at, released_at
         from attachment where request_id = ? and authority_id = ? and released_at is not null`,
      [childId, facts.id, facts.requesterId],
    );
    await addTimeline(tx, { requestId: childId, kind: 'split', actor: user, from: null, to: 'AWAITING_ACCEPTANCE', data: { parentId: facts.id, questions: [...moving] } });
    return {
      set: [sql`questions = ${pgArray(remaining)}::text[]`],
      data: { childId, questions: [...moving], to: input.toAuthorityId },
      created: { id: childId },
      alsoTell: [input.toAuthorityId],
      notices: [{ kind: 'request-received', audience: { handlersOf: input.toAuthorityId, area: facts.area } }],
    };
  },
  async reply({ tx, facts, detail, to, lang }, input) {
    const set = await questionSetDefinition(tx, detail.question_set_id);
    const given = await checkAnswers(tx, set, facts, detail.questions, input.answers, true);
    const released = to === 'ANSWERED';
    return {
      set: [
        sql`answers = ${JSON.stringify(Object.fromEntries(given))}::jsonb`,
        sql`reply_text = ${input.freeText ?? null}, reply_text_lang = ${input.freeText ? (input.freeTextLang ?? lang) : null}`,
        ...(released ? [answered] : []),
      ],
      release: released ? facts.responderId! : undefined,
      fields: ['answers', ...(input.freeText ? ['replyText'] : [])],
      notices: [released
        ? { kind: 'reply-received', audience: handlersOf(facts, 'requester') }
        : { kind: 'approval-needed', audience: { coordinatorsOf: facts.responderId!, area: facts.area } }],
    };
  },
  async 'request-clarification'({ facts, lang }, input) {
    return {
      text: input.text, textLang: input.lang ?? lang, release: facts.requesterId,
      notices: [{ kind: 'clarification-requested', audience: handlersOf(facts, 'responder') }],
    };
  },
  async 'answer-clarification'({ tx, facts, detail, lang }, input) {
    const set = await questionSetDefinition(tx, detail.question_set_id);
    const given = input.answers ? await checkAnswers(tx, set, facts, detail.questions, input.answers, false) : new Map();
    return {
      set: [answered, ...(given.size ? [sql`answers = answers || ${JSON.stringify(Object.fromEntries(given))}::jsonb`] : [])],
      text: input.text, textLang: input.lang ?? lang, release: facts.responderId!,
      fields: given.size ? ['answers'] : [],
      notices: [{ kind: 'clarification-answered', audience: handlersOf(facts, 'requester') }],
    };
  },
  async refer({ tx, facts, lang }, input) {
    const [coordinator] = await tx.execute<{ id: string }[]>(
      `select c.coordinator_id as id from coordination c join authority a on a.id = c.coordinator_id
        where c.authority_id = ? and c.area_code = ? and c.relation = 'request' and a.status = 'active'
       union all
       select a.id from authority a where a.country_code = ? and a.coordinator_kind = 'NIMIC' and a.status = 'active' and a.id <> ?
       limit 1`,
      [facts.requesterId, facts.area, facts.requesterCountry, facts.requesterId],
    );
    if (!coordinator) throw problems.conflict('Your authority has no request coordinator to refer the reply to; ask your national IMI coordinator.');
    return {
      set: [sql`referral_coordinator_id = ${coordinator.id}::uuid`], text: input.text, textLang: input.lang ?? lang,
      data: { coordinator: coordinator.id },
      notices: [{ kind: 'referral-received', audience: { referralHandlersOf: coordinator.id, area: facts.area } }],
    };
  },
  async 'resolve-referral'({ facts, user, lang }, input) {
    return {
      set: [addCoordinator(user.authorityId!)], text: input.text, textLang: input.lang ?? lang, data: { outcome: input.outcome },
      notices: [
        { kind: 'referral-resolved', audience: handlersOf(facts, 'requester') },
        { kind: 'referral-resolved', audience: handlersOf(facts, 'responder') },
      ],
    };
  },
  async close({ facts }, input) {
    return {
      set: [sql`closed_at = now()`, sql`rating_timeliness = ${input.rating?.timeliness ?? null}, rating_effort = ${input.rating?.effort ?? null}`],
      data: input.rating ? { rating: input.rating } : {},
      notices: [{ kind: 'request-closed', audience: handlersOf(facts, 'responder') }],
    };
  },
  async withdraw({ facts, lang }, input) {
    const responderKnew = facts.status !== 'AWAITING_APPROVAL';
    return {
      set: [sql`withdrawn_at = now()`], text: input.reason, textLang: lang,
      notices: responderKnew ? [{ kind: 'request-withdrawn', audience: handlersOf(facts, 'responder') }] : [],
    };
  },
  async allocate({ tx, facts }, input) {
    const handlers = new Set((await tx.execute<{ id: string }[]>(
      `select u.id from app_user u where u.active and u.authority_id = ? and u.id = any(?::uuid[])
          and exists (select 1 from role_grant g where g.user_id = u.id and g.area_code = ? and g.role = 'request-handler')`,
      [facts.responderId, pgArray(input.userIds), facts.area])).map((u) => u.id));
    const errors = input.userIds.flatMap((id, i) => (handlers.has(id) ? [] : [{ path: `userIds.${i}`, in: 'body' as const, message: `Not a request handler of your authority in ${facts.area}` }]));
    if (errors.length) throw problems.invalid(errors);
    const userIds = [...new Set(input.userIds)];
    return { set: [sql`allocated_to = ${pgArray(userIds)}::uuid[]`], data: { userIds }, notices: [{ kind: 'request-allocated', audience: { users: userIds } }] };
  },
  async message({ facts, viewer, lang }, input) {
    const requesterSide = viewer.user.authorityId === facts.requesterId;
    return {
      text: input.text, textLang: input.lang ?? lang, release: viewer.user.authorityId!,
      notices: [{ kind: 'message-received', audience: handlersOf(facts, requesterSide ? 'responder' : 'requester') }],
    };
  },
  async reuse({ tx, facts, user }) {
    // The new draft asks the area's current questions: those of the old request that the current set still has.
    const childId = crypto.randomUUID();
    const caseNumber = await nextCaseNumber(tx, facts.area);
    await tx.execute(
      `with current_set as (select id, definition from question_set where area_code = ? order by version desc limit 1)
       insert into request (id, case_number, area_code, question_set_id, requester_id, responder_id, status, questions, subject, subject_name,
                            profession_id, free_text, free_text_lang, created_by, created_at, updated_at)
       select ?, ?, r.area_code, s.id, r.requester_id, r.responder_id, 'DRAFT',
              array(select u.q from unnest(r.questions) with ordinality as u(q, n)
                     where u.q in (select jsonb_path_query(s.definition, '$.groups[*].questions[*].code') #>> '{}') order by u.n),
              r.subject, r.subject_name, r.profession_id, r.free_text, r.free_text_lang, ?, now(), now()
         from request r, current_set s where r.id = ?`,
      [facts.area, childId, caseNumber, user.id, facts.id],
    );
    await addTimeline(tx, { requestId: childId, kind: 'create', actor: user, from: null, to: 'DRAFT', data: { reusedFrom: facts.id } });
    return { created: { id: childId }, data: { draftId: childId }, fields: ['subject'] };
  },
};

/** The authorities whose users may see the request: its two sides and every coordinator related to them in the area. */
async function audienceOf(tx: EntityManager, facts: RequestFacts, extra: string[]): Promise<string[]> {
  const sides = sidesOf(facts);
  const rows = await tx.execute<{ coordinator_id: string }[]>(
    'select distinct coordinator_id from coordination where area_code = ? and authority_id = any(?::uuid[])', [facts.area, pgArray(sides)]);
  return [...new Set([...sides, ...extra, ...facts.coordinators, ...(facts.referralCoordinatorId ? [facts.referralCoordinatorId] : []), ...rows.map((r) => r.coordinator_id)])];
}

/**
 * Takes one action of SPEC §5.1 on a request: checks the version the client last saw, asks the workflow table whether
 * the user may, applies the effect, and writes the timeline, the audit entry and the notifications, all in one
 * transaction under the request's row lock, so that of two conflicting actions exactly one wins. E-mails and live
 * events go out once it is committed.
 */
export async function act<A extends RequestAction>(em: EntityManager, deps: RequestDeps, user: AuthUser, id: string, action: A, input: Bodies[A], lang: LocaleCode, ip: string | null) {
  const mails: string[] = [];
  const changes: RequestChange[] = [];
  let resultId = id;
  await em.transactional(async (tx) => {
    const { facts, viewer, standing: s } = await openRequest(tx, user, id, true);
    // Who may never take this action is refused as such; a stale version is reported before what the state allows.
    if (![...partiesFor(action)].some((party) => s.parties.has(party))) throw problems.forbidden(`You take no part in this request that lets you ${action} it.`);
    if (input.version !== facts.version) throw staleVersion(facts);
    const rules = await loadRouting(tx, [facts.requesterCountry, ...(facts.responderCountry ? [facts.responderCountry] : [])]);
    const outcome = action === 'resolve-referral' ? (input as Bodies['resolve-referral']).outcome : undefined;
    const decision = decide(facts.status, action, contextOf(rules, facts, s, { referralOutcome: outcome }));
    if (!decision.allowed) {
      if (decision.refusal === 'party') throw problems.forbidden(decision.reason);
      throw problems.conflict(decision.reason).with({ currentStatus: facts.status, currentVersion: facts.version });
    }
    const [detail] = await tx.execute<Detail[]>(
      'select case_number, question_set_id, questions, answers, reply_by::text, created_by, former_responders from request where id = ?', [id]);
    const effect = await effects[action]({ tx, facts, detail, viewer, user, to: decision.to, lang }, input);
    // Reuse makes a new draft and leaves the old request as it was.
    if (action !== 'reuse') {
      const update = sql`update request set ${join([sql`status = ${decision.to}`, sql`version = version + 1`, sql`updated_at = now()`, ...(effect.set ?? [])], ', ')} where id = ${id}`;
      await tx.execute(update.text, update.params);
    }
    const eventId = await addTimeline(tx, {
      requestId: id, kind: action, actor: user, from: facts.status, to: decision.to, text: effect.text, textLang: effect.textLang, data: effect.data,
    });
    if (effect.release) {
      await tx.execute('update attachment set released_at = now(), event_id = ? where request_id = ? and authority_id = ? and released_at is null', [eventId, id, effect.release]);
    }
    audit(tx, {
      action: `request.${action}`, actorId: user.id, actorEmail: user.email, authorityId: user.authorityId, record: { type: 'request', id },
      fields: [...(effect.fields ?? []), ...(effect.text ? ['text'] : [])], purpose: s.purpose ?? 'handling the request', ip,
    });
    await tx.flush();
    const after = (await requestFacts(tx, id))!;
    for (const notice of effect.notices ?? []) mails.push(...await notify(tx, notice.kind, { id }, notice.audience, user.id));
    const at = new Date().toISOString();
    changes.push({ requestId: id, caseNumber: detail.case_number, kind: action, status: after.status, version: after.version, area: facts.area, audience: await audienceOf(tx, after, [facts.responderId, ...(effect.alsoTell ?? [])].filter((x): x is string => Boolean(x))), at });
    if (effect.created) {
      const created = (await requestFacts(tx, effect.created.id))!;
      changes.push({ requestId: created.id, caseNumber: detail.case_number, kind: action, status: created.status, version: created.version, area: created.area, audience: await audienceOf(tx, created, []), at });
      if (action === 'reuse') resultId = created.id;
    }
  });
  await deliverImmediate(em, deps, mails);
  for (const change of changes) await deps.bus.publish(change).catch((error) => deps.logger.warn({ err: error }, 'live event not published'));
  return viewRequest(em, user, resultId, lang, ip);
}
