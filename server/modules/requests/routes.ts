import { PassThrough } from 'node:stream';
import type { Context } from 'koa';
import { z } from 'zod';
import type { Api } from '../../http/api.js';
import { problems } from '../../http/problem.js';
import type { RateLimiter } from '../../http/security.js';
import { act, type RequestDeps } from './actions.js';
import { downloadAttachment, fileSchema, readBody, sendFile, uploadAttachment } from './attachments.js';
import * as s from './schemas.js';
import { listRouting, setRouting } from './routing.js';
import { createRequest, listRequests, patchDraft, requestTimeline, viewRequest } from './service.js';
import { requestActions, type RequestAction } from './workflow.js';

/** The version the client last saw: in the body, or as an `If-Match` header (SPEC §6). */
function versionOf(ctx: Context, body: { version?: number }): number {
  if (body.version !== undefined) return body.version;
  const header = ctx.get('If-Match').replace(/^W\//, '').replace(/"/g, '').trim();
  if (/^\d{1,9}$/.test(header)) return Number(header);
  throw problems.invalid([{ path: 'version', in: 'body', message: 'Send the version you last saw, in the body or as If-Match' }]);
}

const idempotencyKey = (ctx: Context): string | undefined => {
  const key = ctx.get('Idempotency-Key').trim();
  if (!key) return undefined;
  if (key.length > 200 || !/^[\x21-\x7e]+$/.test(key)) {
    throw problems.invalid([{ path: 'Idempotency-Key', in: 'header', message: 'At most 200 visible ASCII characters' }]);
  }
  return key;
};

const actionSummaries: Record<RequestAction, string> = {
  send: 'Send a draft: to the responding authority, or first to the request coordinator where routing asks for approval',
  approve: 'Approve a request before it is sent, or a reply before it is released (request coordinator)',
  'reject-approval': 'Send a request back to its draft, or a reply back to its handlers, with a reason (request coordinator)',
  accept: 'Accept an incoming request and commit to a reply date (days or date; default the requested date)',
  forward: 'Forward the whole request to another authority of the same state: the forwarding authority loses access',
  split: 'Pass some of the questions to another authority of the same state, as a linked request under the same case number',
  reply: 'Answer the questions; the reply goes out, or to the request coordinator where routing asks for approval',
  'request-clarification': 'Ask the responding authority to clarify its reply',
  'answer-clarification': 'Clarify a reply, optionally correcting answers',
  refer: 'Refer an unsatisfactory reply to the request coordinator',
  'resolve-referral': 'Resolve a referral: the reply stands, or the responding authority replies again (coordinator)',
  close: 'Accept the reply and close the request, optionally rating timeliness and effort',
  withdraw: 'Withdraw the request before it is answered, with a reason',
  allocate: 'Allocate an incoming request to handlers (allocator, where allocation is switched on)',
  message: 'Write a message to the other authority on an open request; your pending attachments go with it',
  reuse: 'Start a new draft pre-filled from this request',
};

export function requestRoutes(api: Api, deps: RequestDeps & { attachmentLimit: number; limiter: RateLimiter }): void {
  const tags = ['Requests'];
  api.route({
    method: 'post', path: '/requests', operationId: 'createRequest', tags, access: 'signed-in', body: s.createBody, response: s.requestView, status: 201,
    summary: 'Create a draft request (request handler); honours an Idempotency-Key header',
    description: 'A retry with the same Idempotency-Key and body returns the request made the first time (200 instead of 201). More creations in a minute than IMI_RATE_CREATE_PER_MIN answer 429 with Retry-After.',
    handler: async ({ em, user, body, lang, ip, ctx }) => {
      await deps.limiter.create(em, user!.id);
      const { created, view } = await createRequest(em, user!, body, idempotencyKey(ctx), lang, ip);
      if (created) ctx.set('Location', `/api/v1/requests/${view.id}`);
      else ctx.status = 200;
      return view;
    },
  });
  api.route({
    method: 'get', path: '/requests', operationId: 'listRequests', tags, access: 'signed-in', query: s.listQuery, response: s.requestList,
    summary: 'The inbox: incoming, outgoing or coordination box, filtered, sorted by deadline or latest change',
    handler: ({ em, user, query, lang, ip }) => listRequests(em, user!, query, lang, ip),
  });
  api.route({
    method: 'get', path: '/requests/{id}', operationId: 'getRequest', tags, access: 'signed-in', params: s.idParams, response: s.requestView,
    summary: 'One request as you may see it, with the actions you may take',
    description: 'Personal data are absent, and named in `redacted`, outside your need to know (SPEC §5.4). Reading them is audited.',
    handler: ({ em, user, params, lang, ip }) => viewRequest(em, user!, params.id, lang, ip),
  });
  api.route({
    method: 'patch', path: '/requests/{id}', operationId: 'updateDraft', tags, access: 'signed-in', params: s.idParams, body: s.patchBody, response: s.requestView,
    summary: 'Edit a draft (its requesting handlers), from the version last seen',
    handler: ({ em, user, params, body, lang, ip, ctx }) => patchDraft(em, user!, params.id, { ...body, version: versionOf(ctx, body) }, lang, ip),
  });
  api.route({
    method: 'get', path: '/requests/{id}/timeline', operationId: 'requestTimeline', tags, access: 'signed-in', params: s.idParams, response: s.timelineList,
    summary: 'The steps of a request, with messages, reasons and their attachments within your need to know',
    handler: ({ em, user, params, lang, ip }) => requestTimeline(em, user!, params.id, lang, ip),
  });
  for (const action of requestActions) {
    const body = s.actionBody(action);
    api.route({
      method: 'post', path: `/requests/{id}/${action}`, operationId: `request-${action}`, tags, access: 'signed-in', params: s.idParams, body, response: s.requestView,
      summary: actionSummaries[action],
      description: 'Refused with 409 (and the current status and version) when the version is stale or the state does not allow it, with 403 when you take no part that may.',
      handler: ({ em, user, params, body: input, lang, ip, ctx }) =>
        act(em, deps, user!, params.id, action, { ...(input as object), version: versionOf(ctx, input as { version?: number }) } as never, lang, ip),
    });
  }
  api.route({
    method: 'post', path: '/requests/{id}/attachments', operationId: 'uploadAttachment', tags, access: 'signed-in', params: s.idParams, query: s.attachmentQuery,
    rawBody: 'application/octet-stream', response: s.attachmentView, status: 201,
    summary: 'Attach a file (PDF, image, office document; recognised by content) for your side\'s next step',
    description: 'The body is the file itself. It stays with your authority until your next send, reply, clarification or message releases it to the other side.',
    handler: async ({ em, user, params, query, ip, ctx }) => {
      const length = ctx.get('Content-Length');
      const data = await readBody(ctx.req, deps.attachmentLimit, length ? Number(length) : undefined);
      return uploadAttachment(em, user!, params.id, query.name, data, ip);
    },
  });
  api.route({
    method: 'get', path: '/attachments/{id}', operationId: 'downloadAttachment', tags, access: 'signed-in', params: z.object({ id: z.string().uuid('Not an attachment id') }),
    response: fileSchema,
    summary: 'Download an attachment (audited)',
    handler: ({ em, user, params, ip }) => downloadAttachment(em, user!, params.id, ip),
    send: sendFile,
  });
  api.route({
    method: 'get', path: '/events', operationId: 'events', tags, access: 'signed-in', response: z.instanceof(PassThrough),
    summary: 'Live updates (Server-Sent Events): a `request` event for every change of a request you may see',
    description: 'Each event carries the request id, case number, kind of step, status and version; no personal data. Reload the request to see it.',
    handler: async ({ em, user }) => {
      const areas = new Set((await em.execute<{ area_code: string }[]>('select distinct area_code from role_grant where user_id = ?', [user!.id])).map((r) => r.area_code));
      const stream = new PassThrough();
      stream.write('retry: 3000\n: connected\n\n');
      const unsubscribe = deps.bus.subscribe((change) => {
        if (!user!.authorityId || !change.audience.includes(user!.authorityId) || !areas.has(change.area)) return;
        const { audience: _audience, ...visible } = change;
        stream.write(`event: request\nid: ${change.requestId}:${change.version}\ndata: ${JSON.stringify(visible)}\n\n`);
      });
      const heartbeat = setInterval(() => stream.write(': keep-alive\n\n'), 25_000);
      heartbeat.unref();
      stream.on('close', () => {
        clearInterval(heartbeat);
        unsubscribe();
      });
      return stream;
    },
    send: {
      mediaType: 'text/event-stream',
      write: (ctx, stream) => {
        ctx.req.socket.setTimeout(0);
        ctx.req.socket.setNoDelay(true);
        ctx.req.on('close', () => stream.destroy());
        ctx.type = 'text/event-stream';
        ctx.set('Cache-Control', 'no-cache, no-transform');
        ctx.set('X-Accel-Buffering', 'no');
        ctx.body = stream;
      },
    },
  });

  const routing = ['Routing'];
  api.route({
    method: 'get', path: '/admin/routing', operationId: 'listRouting', tags: routing, query: s.routingQuery, response: s.routingList,
    access: { action: 'routing:manage', target: ({ query }) => ({ country: query.country }) },
    summary: 'A state\'s routing of requests and replies, with its overrides per authority and area (its NIMIC, the Commission)',
    handler: ({ em, query }) => listRouting(em, query.country),
  });
  api.route({
    method: 'put', path: '/admin/routing', operationId: 'setRouting', tags: routing, body: s.routingBody, response: s.routingList,
    access: { action: 'routing:manage', target: ({ body }) => ({ country: body.country }) },
    summary: 'Choose a state\'s routing (SPEC §5.2), or override it for an authority and/or an area',
    handler: ({ em, user, body, ip }) => setRouting(em, user!, body, ip),
  });
}
