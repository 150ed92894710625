import { z } from 'zod';
import type { Clock } from '../../clock.js';
import type { Api } from '../../http/api.js';
import { page, pageQuery, version } from '../../http/schemas.js';
import { dataSubject } from '../requests/schemas.js';
import { requestStates } from '../requests/workflow.js';
import { subjectRequestActionKinds, subjectRequestKinds, subjectRequestStatuses } from './subject-request-entities.js';
import {
  correctPersonalData, erasePersonalDataFor, exportMatches, getSubjectRequest, listSubjectRequests, recordSubjectRequest, searchMatches,
  updateSubjectRequest,
} from './subject-requests.js';

const isoDate = dataSubject.shape.dateOfBirth.unwrap();
const person = dataSubject.pick({ firstName: true, lastName: true, dateOfBirth: true });
const idParams = z.object({ id: z.string().uuid('Not a data subject request id') });
const requestId = z.string().uuid('Not a request id');
const ref = z.object({ id: z.string(), name: z.string() });
const authorityRef = z.object({ id: z.string(), country: z.string(), officialName: z.string(), designation: z.string() });
const localizedText = z.object({ text: z.string(), lang: z.string().nullable() });

export const subjectRequestView = z.object({
  id: z.string(),
  kind: z.enum(subjectRequestKinds),
  subject: person,
  receivedOn: z.string(),
  dueOn: z.string().describe('receivedOn + 30 days: the day by which it must be completed'),
  status: z.enum(subjectRequestStatuses),
  details: z.string().nullable(),
  outcome: z.string().nullable(),
  authority: ref.nullable().describe('The authority that recorded it; null when the data-protection administrator did'),
  recordedBy: ref,
  recordedAt: z.date(),
  completedAt: z.date().nullable(),
  overdue: z.boolean().describe('Open after its due day'),
  daysLeft: z.number().describe('Days to the due day; negative once it passed'),
  actions: z.array(z.object({
    at: z.date(),
    kind: z.enum(subjectRequestActionKinds),
    requestId: z.string().nullable(),
    caseNumber: z.string().nullable(),
    blocked: z.boolean().describe('The request\'s personal data were blocked (read or changed by the data-protection administrator)'),
    fields: z.array(z.string()),
    by: ref,
  })),
  version: z.number(),
});

const createBody = z.object({
  kind: z.enum(subjectRequestKinds),
  subject: person,
  receivedOn: isoDate.optional().describe('Default today; not in the future, at most a year back'),
  details: z.string().trim().min(1, 'Empty text').max(5000, 'At most 5 000 characters').nullable().optional(),
});
const listQuery = z.object({
  status: z.enum([...subjectRequestStatuses, 'all']).default('open'),
  ...pageQuery,
});
const patchBody = z.object({
  version,
  status: z.enum(['completed', 'rejected']).optional(),
  outcome: z.string().trim().min(1, 'Empty text').max(5000, 'At most 5 000 characters').optional().describe('Required to complete or reject'),
}).refine((b) => b.status !== undefined || b.outcome !== undefined, { path: ['status'], message: 'Give a status or an outcome' });
const correctionBody = z.object({
  requestId,
  subject: dataSubject.partial().refine((s) => Object.values(s).some((v) => v !== undefined), { message: 'Give at least one field to correct' }),
});
const erasureBody = z.object({ requestId });

const matchList = z.object({
  items: z.array(z.object({
    requestId: z.string(), caseNumber: z.string(), area: z.string(), status: z.enum(requestStates),
    requester: authorityRef, responder: authorityRef.nullable(), sentAt: z.date().nullable(),
    closedAt: z.date().nullable().describe('Formal closure: closed or withdrawn'),
    blocked: z.boolean(), personalDataDeleted: z.boolean(),
  })),
});
const exportFile = z.object({
  filename: z.string(),
  content: z.object({
    dataSubjectRequest: z.object({ id: z.string(), kind: z.enum(subjectRequestKinds), subject: person, receivedOn: z.string() }),
    exportedAt: z.date(),
    exportedBy: ref,
    requests: z.array(z.object({
      requestId: z.string(), caseNumber: z.string(), area: z.string(), status: z.enum(requestStates),
      requester: authorityRef, responder: authorityRef.nullable(), sentAt: z.date().nullable(), closedAt: z.date().nullable(), blocked: z.boolean(),
      subject: dataSubject.nullable(),
      answers: z.array(z.object({ question: z.string(), text: z.string().nullable(), value: z.unknown() })),
      freeText: localizedText.nullable(),
      replyText: localizedText.nullable(),
      timeline: z.array(z.object({ at: z.date(), kind: z.string(), text: z.string(), lang: z.string().nullable() })),
      attachments: z.array(z.object({ id: z.string(), name: z.string(), mediaType: z.string(), size: z.number(), createdAt: z.date() })),
    })),
  }),
});

/**
 * Data subjects' requests for access, correction or deletion (SPEC §5.4): recorded by an authority's request handlers or
 * LDA, or by the data-protection administrator, and due within 30 days by the app's clock.
 */
export function subjectRequestRoutes(api: Api, deps: { clock: Clock }): void {
  const tags = ['Data subjects\' requests'];
  const { clock } = deps;
  const target = ({ params }: { params: { id: string } }) => ({ dataSubjectRequestId: params.id });
  api.route({
    method: 'post', path: '/data-subject-requests', operationId: 'recordSubjectRequest', tags, body: createBody, response: subjectRequestView, status: 201,
    access: { action: 'dsr:record' },
    summary: 'Record a data subject\'s request for access, correction or deletion (due 30 days after it was received)',
    handler: async ({ em, user, body, ip, ctx }) => {
      const view = await recordSubjectRequest(em, user!, body, clock.now(), ip);
      ctx.set('Location', `/api/v1/data-subject-requests/${view.id}`);
      return view;
    },
  });
  api.route({
    method: 'get', path: '/data-subject-requests', operationId: 'listSubjectRequests', tags, query: listQuery, response: page(subjectRequestView),
    access: { action: 'dsr:read' },
    summary: 'Data subjects\' requests, soonest due first (open ones by default): your authority\'s, or all for the data-protection administrator',
    handler: ({ em, user, query }) => listSubjectRequests(em, user!, query, clock.now()),
  });
  api.route({
    method: 'get', path: '/data-subject-requests/{id}', operationId: 'getSubjectRequest', tags, params: idParams, response: subjectRequestView,
    access: { action: 'dsr:read', target },
    summary: 'One data subject\'s request with what was done under it',
    handler: ({ em, params }) => getSubjectRequest(em, params.id, clock.now()),
  });
  api.route({
    method: 'patch', path: '/data-subject-requests/{id}', operationId: 'updateSubjectRequest', tags, params: idParams, body: patchBody, response: subjectRequestView,
    access: { action: 'dsr:manage', target },
    summary: 'Complete or reject a data subject\'s request with its outcome, from the version last seen',
    handler: ({ em, user, params, body, ip }) => updateSubjectRequest(em, user!, params.id, body, clock.now(), ip),
  });
  api.route({
    method: 'get', path: '/data-subject-requests/{id}/matches', operationId: 'subjectRequestMatches', tags, params: idParams, response: matchList,
    access: { action: 'dsr:manage', target },
    summary: 'The requests holding the person\'s data that you are entitled to (audited)',
    description: 'Matched on the folded name, and the date of birth when the data subject gave one. An authority finds the requests whose personal data it may see and that are not blocked; the data-protection administrator all, blocked ones included. Each search is recorded under the data subject\'s request.',
    handler: ({ em, user, params, lang, ip }) => searchMatches(em, user!, params.id, clock.now(), lang, ip),
  });
  api.route({
    method: 'get', path: '/data-subject-requests/{id}/export', operationId: 'exportSubjectRequest', tags, params: idParams, response: exportFile,
    access: { action: 'dsr:manage', target },
    summary: 'Download everything the requests found hold on the person, as a JSON file (audited)',
    handler: ({ em, user, params, lang, ip }) => exportMatches(em, user!, params.id, clock.now(), lang, ip),
    send: {
      mediaType: 'application/json',
      write: (ctx, file) => {
        ctx.type = 'application/json';
        ctx.set('Content-Disposition', `attachment; filename="${file.filename}"`);
        ctx.set('Cache-Control', 'private, no-store');
        ctx.body = JSON.stringify(file.content, null, 2);
      },
    },
  });
  api.route({
    method: 'post', path: '/data-subject-requests/{id}/corrections', operationId: 'correctSubject', tags, params: idParams, body: correctionBody, response: subjectRequestView,
    access: { action: 'dsr:manage', target },
    summary: 'Correct the data subject of a request found under a correction request (audited)',
    description: 'The request handlers of its authorities correct it while its data are not blocked; the data-protection administrator also when they are, and the correction is recorded as made on blocked data.',
    handler: ({ em, user, params, body, ip }) => correctPersonalData(em, user!, params.id, body, clock.now(), ip),
  });
  api.route({
    method: 'post', path: '/data-subject-requests/{id}/erasures', operationId: 'eraseForSubject', tags, params: idParams, body: erasureBody, response: subjectRequestView,
    access: { action: 'dsr:erase', target },
    summary: 'Erase the person\'s data from a formally closed request found under a deletion request (data-protection administrator)',
    handler: ({ em, user, params, body, ip }) => erasePersonalDataFor(em, user!, params.id, body.requestId, clock.now(), ip),
  });
}
