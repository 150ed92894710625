import { z } from 'zod';
import { page, pageQuery, text, version } from '../../http/schemas.js';
import { answerTypes } from '../questions/entities.js';
import { localeCodes } from '../reference/locales.js';
import { requestActions, requestStates } from './workflow.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'A date as YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'Not a calendar date');
const lang = z.enum(localeCodes);
const freeText = z.string().trim().min(1, 'Empty text').max(20_000, 'At most 20 000 characters');
const questionCode = z.string().min(1).max(80);
const name = z.string().trim().min(1, 'Required').max(150, 'At most 150 characters');

export const idParams = z.object({ id: z.string().uuid('Not a request id') });

export const dataSubject = z.object({
  firstName: name,
  lastName: name,
  dateOfBirth: isoDate.optional(),
  nationality: z.string().regex(/^[A-Z]{2}$/, 'An ISO 3166 alpha-2 country code, e.g. PT').optional(),
});

const draftFields = {
  responderAuthorityId: z.string().uuid('Not an authority id').nullable().optional(),
  questions: z.array(questionCode).min(1, 'Choose at least one question').max(500),
  subject: dataSubject,
  profession: z.string().min(1).max(80).nullable().optional().describe('Profession code'),
  freeText: freeText.nullable().optional(),
  freeTextLang: lang.nullable().optional(),
  replyBy: isoDate.nullable().optional().describe('Requested reply date; default: today plus the area\'s reply period'),
};

export const createBody = z.object({
  area: z.string().min(1).max(40),
  questionSetId: z.number().int().min(1).max(2_147_483_647),
  ...draftFields,
});
export type CreateBody = z.output<typeof createBody>;

export const patchBody = z.object({
  version: version.optional(),
  ...draftFields,
  questions: draftFields.questions.optional(),
  subject: dataSubject.optional(),
});
export type PatchBody = z.output<typeof patchBody>;

const answerValue = z.union([z.string().max(20_000), z.number(), z.boolean(), z.array(z.string().max(200)).max(50)]);
const answers = z.array(z.object({ question: questionCode, value: answerValue })).max(500);
const comment = (message: string) => z.string().trim().min(1, message).max(20_000, 'At most 20 000 characters');
const authorityId = z.string().uuid('Not an authority id');

/** The body of each action (SPEC §6.1): always the version last seen (or an If-Match header), plus what it needs. */
export const actionBodies = {
  send: { replyBy: isoDate.optional() },
  approve: {},
  'reject-approval': { reason: comment('Give the reason') },
  accept: {
    days: z.number().int().min(1, 'At least 1 day').max(365, 'At most 365 days').optional(),
    replyBy: isoDate.optional(),
  },
  forward: { toAuthorityId: authorityId, comment: comment('Empty comment').optional() },
  split: { questions: z.array(questionCode).min(1, 'Choose at least one question').max(500), toAuthorityId: authorityId },
  reply: { answers, freeText: freeText.optional(), freeTextLang: lang.optional() },
  'request-clarification': { text: comment('Say what needs clarifying'), lang: lang.optional() },
  'answer-clarification': { text: comment('Give the clarification'), lang: lang.optional(), answers: answers.optional() },
  refer: { text: comment('Say why the reply is not satisfactory'), lang: lang.optional() },
  'resolve-referral': {
    outcome: z.enum(['reply-stands', 'reply-again']).describe('reply-stands: back to ANSWERED; reply-again: back to ACCEPTED for a new reply'),
    text: comment('Explain the resolution'),
    lang: lang.optional(),
  },
  close: { rating: z.object({ timeliness: z.enum(['positive', 'negative']), effort: z.enum(['positive', 'negative']) }).optional() },
  withdraw: { reason: comment('Give the reason') },
  allocate: { userIds: z.array(z.string().uuid('Not a user id')).min(1, 'Choose at least one handler').max(20) },
  message: { text: comment('Empty message'), lang: lang.optional() },
  reuse: {},
} satisfies Record<(typeof requestActions)[number], z.ZodRawShape>;

export function actionBody<A extends keyof typeof actionBodies>(action: A) {
  return z.object({ version: version.optional(), ...actionBodies[action] });
}

const authorityRef = z.object({
  id: z.string(),
  country: z.string(),
  officialName: z.string(),
  designation: z.string(),
});

const localizedText = z.object({ text: z.string(), lang: z.string().nullable() });

export const attachmentView = z.object({
  id: z.string(),
  name: z.string(),
  mediaType: z.string(),
  size: z.number(),
  sha256: z.string(),
  side: z.enum(['requester', 'responder']),
  released: z.boolean(),
  createdAt: z.date(),
});

export const requestView = z.object({
  id: z.string(),
  caseNumber: z.string(),
  status: z.enum(requestStates),
  version: z.number(),
  area: z.string(),
  questionSetId: z.number(),
  questionSetVersion: z.number(),
  parent: z.object({ id: z.string(), caseNumber: z.string() }).nullable(),
  children: z.array(z.object({ id: z.string(), status: z.enum(requestStates), responder: authorityRef.nullable() })),
  requester: authorityRef,
  responder: authorityRef.nullable(),
  profession: z.object({ code: z.string(), name: z.string() }).nullable(),
  questions: z.array(z.object({
    code: z.string(),
    group: z.string(),
    text: z.string(),
    textLang: z.string(),
    answerType: z.enum(answerTypes),
    options: z.array(z.object({ code: z.string(), label: z.string() })),
    required: z.boolean(),
    personal: z.boolean(),
  })),
  answers: z.array(z.object({ question: z.string(), value: answerValue })),
  subject: dataSubject.optional(),
  freeText: localizedText.nullable().optional(),
  replyText: localizedText.nullable().optional(),
  attachments: z.array(attachmentView).optional(),
  replyBy: z.string().nullable(),
  committedReplyBy: z.string().nullable(),
  dueOn: z.string().nullable(),
  sentAt: z.date().nullable(),
  acceptedAt: z.date().nullable(),
  answeredAt: z.date().nullable(),
  closedAt: z.date().nullable(),
  withdrawnAt: z.date().nullable(),
  rating: z.object({ timeliness: z.string(), effort: z.string() }).nullable(),
  dataProtection: z.object({
    closedAt: z.string().nullable().describe('Formal closure: when the request was closed or withdrawn'),
    blockedFrom: z.string().nullable().describe('When its personal data are (or were) blocked: closure plus the area\'s blocking period'),
    blocked: z.boolean().describe('Its personal data are blocked: nobody sees them; the skeleton stays'),
    deletionDue: z.string().nullable().describe('When the retention job deletes its personal data: closure plus 3 years'),
    personalDataDeletedAt: z.string().nullable().describe('When its personal data were deleted'),
  }).describe('Blocking and deletion of its personal data (SPEC §5.4)'),
  allocatedTo: z.array(z.string()),
  allowedActions: z.array(z.enum(requestActions)),
  redacted: z.array(z.string()).describe('Fields present but hidden from you: personal data before acceptance, or outside your need to know'),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type RequestView = z.output<typeof requestView>;

export const boxes = ['incoming', 'outgoing', 'coordination'] as const;
const statusList = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v),
  z.array(z.enum(requestStates)).max(requestStates.length),
).optional();

export const listQuery = z.object({
  box: z.enum(boxes).default('incoming'),
  status: statusList.describe('Comma-separated states'),
  area: text(40),
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  q: text(200).describe('Case number, or the data subject\'s name where you may see it'),
  sort: z.enum(['deadline', 'updated']).default('deadline'),
  ids: z.preprocess(
    (v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v),
    z.array(z.string().uuid('Not a request id')).max(100),
  ).optional().describe('Comma-separated request ids: only these (to refresh rows after a live update)'),
  ...pageQuery,
});
export type ListQuery = z.output<typeof listQuery>;

export const requestSummary = z.object({
  id: z.string(),
  caseNumber: z.string(),
  status: z.enum(requestStates),
  version: z.number(),
  area: z.string(),
  parentId: z.string().nullable(),
  requester: authorityRef,
  responder: authorityRef.nullable(),
  questionCount: z.number(),
  replyBy: z.string().nullable(),
  committedReplyBy: z.string().nullable(),
  dueOn: z.string().nullable(),
  overdue: z.boolean(),
  unread: z.boolean(),
  sentAt: z.date().nullable(),
  updatedAt: z.date(),
  allowedActions: z.array(z.enum(requestActions)),
});
export const requestList = page(requestSummary);

export const timelineItem = z.object({
  id: z.string(),
  at: z.date(),
  kind: z.string(),
  actor: z.object({ name: z.string().nullable(), authority: authorityRef.nullable() }),
  fromStatus: z.enum(requestStates).nullable(),
  toStatus: z.enum(requestStates).nullable(),
  text: localizedText.nullable().optional(),
  data: z.record(z.string(), z.unknown()),
  attachments: z.array(attachmentView).optional(),
});
export const timelineList = page(timelineItem);

export const attachmentQuery = z.object({
  name: z.string().trim().min(1, 'Give the file name').max(500),
});

const country = z.string().regex(/^[A-Z]{2}$/, 'An ISO 3166 alpha-2 code in capitals, e.g. FR');
export const routingQuery = z.object({ country });
export const routingBody = z.object({
  country,
  authorityId: z.string().uuid('Not an authority id').optional(),
  area: z.string().min(1).max(40).optional(),
  approveRequests: z.boolean().default(false).describe('Outgoing requests wait for the request coordinator\'s approval'),
  approveReplies: z.boolean().default(false).describe('Replies wait for the request coordinator\'s approval'),
  inherit: z.boolean().default(false).describe('Remove this override: the broader rule applies again'),
});
export type RoutingBody = z.output<typeof routingBody>;
export const routingList = page(z.object({
  id: z.number(), country: z.string(), authorityId: z.string().nullable(), area: z.string().nullable(),
  approveRequests: z.boolean(), approveReplies: z.boolean(), updatedAt: z.date(),
}));
