import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { Authority } from '../authorities/entities.js';
import { User } from '../identity/entities.js';
import { QuestionSet } from '../questions/entities.js';
import { Country, LegislativeArea, Profession } from '../reference/entities.js';
import { requestActions, requestStates } from './workflow.js';

/** The person a request is about (SPEC §6.1): personal data, hidden before acceptance and blocked after closure. */
export interface DataSubject {
  firstName: string;
  lastName: string;
  dateOfBirth?: string;
  nationality?: string;
}

/** An answer per question code: yes/no and choices as codes, dates as ISO dates, attachments as attachment ids. */
export type AnswerValue = string | number | boolean | string[];

export const ratings = ['positive', 'negative'] as const;

/**
 * One request for information (SPEC §5). Split children share the parent's case number. The timestamps of every step
 * are kept so the scoreboard indicators can be computed exactly; `dueOn` is the date that matters now (the committed
 * reply date once accepted, else the requested one).
 */
export const Request = defineEntity({
  name: 'Request',
  tableName: 'request',
  indexes: [
    { name: 'request_incoming_idx', expression: `create index "request_incoming_idx" on "request" ("responder_id", "due_on", "id") where "sent_at" is not null` },
    { name: 'request_outgoing_idx', properties: ['requester', 'dueOn', 'id'] },
    { name: 'request_incoming_recent_idx', expression: `create index "request_incoming_recent_idx" on "request" ("responder_id", "updated_at" desc, "id" desc) where "sent_at" is not null` },
    { name: 'request_outgoing_recent_idx', expression: `create index "request_outgoing_recent_idx" on "request" ("requester_id", "updated_at" desc, "id" desc)` },
    { name: 'request_case_number_idx', properties: ['caseNumber'] },
    { name: 'request_open_idx', expression: `create index "request_open_idx" on "request" ("area_code") where "status" in ('AWAITING_ACCEPTANCE', 'ACCEPTED', 'AWAITING_REPLY_APPROVAL', 'CLARIFICATION_REQUESTED') and "sent_at" is not null` },
    { name: 'request_parent_idx', properties: ['parent'] },
    // The indicators and the overview: requests sent in a period, in the network or of a responder; a responder's open ones.
    { name: 'request_sent_idx', expression: `create index "request_sent_idx" on "request" ("sent_at") include ("area_code") where "sent_at" is not null` },
    { name: 'request_responder_sent_idx', expression: `create index "request_responder_sent_idx" on "request" ("responder_id", "sent_at") include ("area_code") where "sent_at" is not null` },
    { name: 'request_open_responder_idx', expression: `create index "request_open_responder_idx" on "request" ("responder_id") where "status" in ('AWAITING_ACCEPTANCE', 'ACCEPTED', 'AWAITING_REPLY_APPROVAL', 'CLARIFICATION_REQUESTED') and "sent_at" is not null` },
    // The retention job: formally closed requests whose personal data are still there, oldest closure first.
    { name: 'request_retention_idx', expression: `create index "request_retention_idx" on "request" ((coalesce("closed_at", "withdrawn_at")), "id") where "personal_data_deleted_at" is null and coalesce("closed_at", "withdrawn_at") is not null` },
  ],
  properties: (p) => ({
    id: p.uuid().primary().onCreate(() => crypto.randomUUID()),
    caseNumber: p.string().length(40),
    parent: () => p.manyToOne(Request).ref().nullable(),
    area: () => p.manyToOne(LegislativeArea).ref(),
    questionSet: () => p.manyToOne(QuestionSet).ref(),
    requester: () => p.manyToOne(Authority).ref(),
    responder: () => p.manyToOne(Authority).ref().nullable(),
    status: p.enum([...requestStates]).default('DRAFT'),
    questions: p.array().columnType('text[]'),
    answers: p.json<Record<string, AnswerValue>>().default('{}'),
    subject: p.json<DataSubject>().nullable(),
    /** Folded "last first" name of the data subject, for the entitled search; removed with the subject. */
    subjectName: p.string().length(300).nullable(),
    profession: () => p.manyToOne(Profession).ref().nullable(),
    freeText: p.text().nullable(),
    freeTextLang: p.string().length(5).nullable(),
    replyText: p.text().nullable(),
    replyTextLang: p.string().length(5).nullable(),
    replyBy: p.string().columnType('date').nullable(),
    committedReplyBy: p.string().columnType('date').nullable(),
    dueOn: p.string().columnType('date').generated(`(coalesce(committed_reply_by, reply_by, 'infinity'::date)) stored`).nullable().default(null),
    createdBy: p.uuid(),
    /** Handlers of the responding authority the request is allocated to, where it switched allocation on. */
    allocatedTo: p.array().columnType('uuid[]').default('{}'),
    /** The coordinator a referral went to. */
    referralCoordinator: () => p.manyToOne(Authority).ref().nullable(),
    /** Authorities that forwarded the request away: they lose access to it. */
    formerResponders: p.array().columnType('uuid[]').default('{}'),
    /** Coordinator authorities that took part (approved, mediated): they see its personal data. */
    coordinators: p.array().columnType('uuid[]').default('{}'),
    sentAt: p.datetime().nullable(),
    acceptedAt: p.datetime().nullable(),
    firstAnsweredAt: p.datetime().nullable(),
    answeredAt: p.datetime().nullable(),
    closedAt: p.datetime().nullable(),
    withdrawnAt: p.datetime().nullable(),
    ratingTimeliness: p.enum([...ratings]).nullable(),
    ratingEffort: p.enum([...ratings]).nullable(),
    /** When the retention job (or a data subject's deletion request) removed its personal data; the skeleton stays. */
    personalDataDeletedAt: p.datetime().nullable(),
    version: p.integer().default(1),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()),
  }),
});
export type IRequest = InferEntity<typeof Request>;

export const timelineKinds = ['create', 'update', ...requestActions] as const;

/**
 * One step in a request's life: the timeline the users see and the record of who moved it. Texts (comments, reasons,
 * messages, clarifications) are personal data like the request's own free text.
 */
export const RequestEvent = defineEntity({
  name: 'RequestEvent',
  tableName: 'request_event',
  indexes: [{ name: 'request_event_request_idx', properties: ['request', 'id'] }],
  properties: (p) => ({
    id: p.bigint('number').primary().autoincrement(),
    request: () => p.manyToOne(Request).ref().deleteRule('cascade'),
    at: p.datetime().onCreate(() => new Date()),
    kind: p.enum([...timelineKinds]),
    actorId: p.uuid().nullable(),
    actorName: p.string().length(200).nullable(),
    authority: () => p.manyToOne(Authority).ref().nullable(),
    fromStatus: p.enum([...requestStates]).nullable(),
    toStatus: p.enum([...requestStates]).nullable(),
    text: p.text().nullable(),
    textLang: p.string().length(5).nullable(),
    /** Details that are not personal data: days, dates, target authority, questions, ratings, outcome, users. */
    data: p.json<Record<string, unknown>>().default('{}'),
  }),
});
export type IRequestEvent = InferEntity<typeof RequestEvent>;

/**
 * A file of a request, stored in the database. It is released to the other side with its side's next step (send,
 * reply, clarification answer or message); until then only its own authority sees it.
 */
export const Attachment = defineEntity({
  name: 'Attachment',
  tableName: 'attachment',
  indexes: [{ name: 'attachment_request_idx', properties: ['request', 'createdAt'] }],
  properties: (p) => ({
    id: p.uuid().primary().onCreate(() => crypto.randomUUID()),
    request: () => p.manyToOne(Request).ref().deleteRule('cascade'),
    authority: () => p.manyToOne(Authority).ref(),
    uploadedBy: p.uuid(),
    event: () => p.manyToOne(RequestEvent).ref().nullable(),
    name: p.string().length(200),
    mediaType: p.string().length(100),
    size: p.integer(),
    sha256: p.string().length(64),
    content: p.blob().lazy(),
    createdAt: p.datetime().onCreate(() => new Date()),
    releasedAt: p.datetime().nullable(),
  }),
});
export type IAttachment = InferEntity<typeof Attachment>;

/** A creation already done under a client's `Idempotency-Key`: a retry gets the same request back. */
export const IdempotencyKey = defineEntity({
  name: 'IdempotencyKey',
  tableName: 'idempotency_key',
  properties: (p) => ({
    user: () => p.manyToOne(User).primary().deleteRule('cascade'),
    key: p.string().length(200).primary(),
    request: () => p.manyToOne(Request).ref().deleteRule('cascade'),
    /** A digest of the body, so the same key with another body is refused instead of answered with the wrong request. */
    bodyHash: p.string().length(64),
    createdAt: p.datetime().onCreate(() => new Date()),
  }),
});

/**
 * A routing choice (SPEC §5.2): for a state, or overriding it for one authority, one area, or an authority in an area.
 * The most specific rule applies; without any, authorities contact each other directly.
 */
export const RoutingRule = defineEntity({
  name: 'RoutingRule',
  tableName: 'routing_rule',
  uniques: [{ name: 'routing_rule_scope_unique', expression: 'alter table "routing_rule" add constraint "routing_rule_scope_unique" unique nulls not distinct ("country_code", "authority_id", "area_code")' }],
  properties: (p) => ({
    id: p.integer().primary().autoincrement(),
    country: () => p.manyToOne(Country).ref(),
    authority: () => p.manyToOne(Authority).ref().nullable().deleteRule('cascade'),
    area: () => p.manyToOne(LegislativeArea).ref().nullable(),
    approveRequests: p.boolean(),
    approveReplies: p.boolean(),
    updatedBy: p.uuid().nullable(),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  }),
});
export type IRoutingRule = InferEntity<typeof RoutingRule>;
