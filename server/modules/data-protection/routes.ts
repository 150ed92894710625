import { z } from 'zod';
import { fileSchema, sendFile } from '../requests/attachments.js';
import type { Clock } from '../../clock.js';
import type { Api } from '../../http/api.js';
import { pageQuery } from '../../http/schemas.js';
import { downloadBlocked, grantAccess, listGrants, readBlocked } from './access.js';
import { accessPurposes, retentionStatuses, retentionTriggers } from './entities.js';
import { dataProtectionSummary, listRetentionRuns, runRetention } from './retention.js';

export interface DataProtectionSettings {
  /** Hours a grant of access to blocked data stays in force. */
  blockedAccessHours: number;
  /** Requests the retention job erases per transaction. */
  retentionBatch: number;
}

export const defaultDataProtection: DataProtectionSettings = { blockedAccessHours: 24, retentionBatch: 500 };

const grantBody = z.object({
  requestId: z.string().uuid('Not a request id'),
  purpose: z.enum(accessPurposes).describe('proof-of-exchange: proof of an exchange; data-subject-rights: a data subject\'s rights'),
  justification: z.string().trim().min(10, 'Say why, in at least 10 characters').max(1000, 'At most 1000 characters'),
  dataSubjectRequestId: z.string().uuid('Not a data subject\'s request id').optional(),
});
const grantView = z.object({
  id: z.string(), requestId: z.string(), caseNumber: z.string(), area: z.string(), purpose: z.enum(accessPurposes), justification: z.string(),
  dataSubjectRequestId: z.string().nullable(), grantedTo: z.object({ id: z.string(), name: z.string(), email: z.string() }),
  grantedAt: z.string(), expiresAt: z.string(),
});
const grantQuery = z.object({
  active: z.enum(['true', 'false']).transform((v) => v === 'true').optional().describe('true: grants still in force; false: expired ones'),
  ...pageQuery,
});
const grantParams = z.object({ id: z.string().uuid('Not an access grant id') });
const authorityRef = z.object({ id: z.string(), country: z.string(), officialName: z.string(), designation: z.string() });
const localizedText = z.object({ text: z.string(), lang: z.string().nullable() });
const answerValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]);
const blockedData = z.object({
  grant: grantView,
  request: z.object({
    id: z.string(), caseNumber: z.string(), area: z.string(), status: z.string(), requester: authorityRef, responder: authorityRef.nullable(),
    sentAt: z.string().nullable(), closedAt: z.string().nullable(),
    subject: z.object({ firstName: z.string(), lastName: z.string(), dateOfBirth: z.string().optional(), nationality: z.string().optional() }).nullable(),
    answers: z.array(z.object({ question: z.string(), text: z.string(), value: answerValue })),
    freeText: localizedText.nullable(), replyText: localizedText.nullable(),
    timeline: z.array(z.object({ at: z.string(), kind: z.string(), actorName: z.string().nullable(), text: z.string().nullable() })),
    attachments: z.array(z.object({ id: z.string(), name: z.string(), mediaType: z.string(), size: z.number() })),
  }),
});
const retentionRun = z.object({
  id: z.number(), trigger: z.enum(retentionTriggers), startedBy: z.object({ id: z.string(), name: z.string() }).nullable(), instance: z.string(),
  asOf: z.string().describe('The time the run judged deletion by (the clock\'s now)'), startedAt: z.string(), finishedAt: z.string().nullable(),
  status: z.enum(retentionStatuses),
  newlyBlocked: z.number().describe('Requests whose blocking started since the previous completed run'),
  requestsDeleted: z.number(), attachmentsDeleted: z.number(), bytesDeleted: z.number(), error: z.string().nullable(),
});
const summary = z.object({
  blocked: z.number().describe('Requests whose personal data are blocked and not yet deleted'),
  deletionDueWithin30Days: z.number().describe('Requests whose personal data the retention job deletes within 30 days (or is late deleting)'),
  deleted: z.number(),
  activeGrants: z.number(),
  openSubjectRequests: z.number(),
  overdueSubjectRequests: z.number(),
});

/** Blocked data, the retention job and their figures (SPEC §5.4): the data-protection administrator's endpoints. */
export function dataProtectionRoutes(api: Api, deps: { clock: Clock; settings: DataProtectionSettings; instance: string }): void {
  const tags = ['Data protection'];
  api.route({
    method: 'post', path: '/data-protection/access-grants', operationId: 'grantBlockedAccess', tags, body: grantBody, response: grantView, status: 201,
    access: { action: 'blocked:read' },
    summary: 'Grant yourself access to a blocked request\'s personal data, for a stated purpose (audited)',
    description: `In force for ${deps.settings.blockedAccessHours} hours. 409 when the request is not blocked (its parties still see it) or its personal data are deleted.`,
    handler: ({ em, user, body, ip }) => grantAccess(em, user!, body, deps.clock.now(), deps.settings.blockedAccessHours, ip),
  });
  api.route({
    method: 'get', path: '/data-protection/access-grants', operationId: 'listBlockedAccessGrants', tags, query: grantQuery, response: z.object({ items: z.array(grantView), nextCursor: z.string().nullable() }),
    access: { action: 'blocked:read' },
    summary: 'Grants of access to blocked data, newest first',
    handler: ({ em, query }) => listGrants(em, query, deps.clock.now()),
  });
  api.route({
    method: 'get', path: '/data-protection/access-grants/{id}/data', operationId: 'readBlockedData', tags, params: grantParams, response: blockedData,
    access: { action: 'blocked:read' },
    summary: 'Read the blocked personal data of a request under your grant (every read audited with its purpose)',
    description: '403 once the grant expired or when it was granted to someone else; 409 once the personal data are deleted.',
    handler: ({ em, user, params, lang, ip }) => readBlocked(em, user!, params.id, deps.clock.now(), lang, ip),
  });
  api.route({
    method: 'get', path: '/data-protection/access-grants/{id}/attachments/{attachmentId}', operationId: 'downloadBlockedAttachment', tags,
    params: grantParams.extend({ attachmentId: z.string().uuid('Not an attachment id') }),
    response: fileSchema,
    access: { action: 'blocked:read' },
    summary: 'Download a file of a blocked request under your grant (audited)',
    handler: ({ em, user, params, ip }) => downloadBlocked(em, user!, params.id, params.attachmentId, deps.clock.now(), ip),
    send: sendFile,
  });
  api.route({
    method: 'get', path: '/data-protection/retention-runs', operationId: 'listRetentionRuns', tags, query: z.object(pageQuery),
    response: z.object({ items: z.array(retentionRun), nextCursor: z.string().nullable() }),
    access: { action: 'retention:read' },
    summary: 'Runs of the retention job, newest first, with what each deleted',
    handler: ({ em, query }) => listRetentionRuns(em, query),
  });
  api.route({
    method: 'post', path: '/data-protection/retention-runs', operationId: 'runRetention', tags, response: retentionRun, status: 201,
    access: { action: 'retention:run' },
    summary: 'Run the retention job now: delete the personal data of requests formally closed 3 years ago or more',
    description: 'Answers with the finished run; a run that failed says so in `status` and `error`, and the next run continues its work.',
    handler: ({ em, user }) => runRetention(em, deps.clock, { batchSize: deps.settings.retentionBatch, instance: deps.instance, trigger: 'manual', startedBy: user!.id }),
  });
  api.route({
    method: 'get', path: '/data-protection/summary', operationId: 'dataProtectionSummary', tags, response: summary,
    access: { action: 'retention:read' },
    summary: 'Blocked, due for deletion and deleted requests, grants in force, and data subjects\' requests open and overdue',
    handler: ({ em }) => dataProtectionSummary(em, deps.clock.now()),
  });
}
