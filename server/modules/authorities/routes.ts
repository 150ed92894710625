import type { Api } from '../../http/api.js';
import type { RateLimiter } from '../../http/security.js';
import * as s from './schemas.js';
import type { Links } from '../identity/users.js';
import { changeStatus, createAuthority, grantArea, setAllocation, invite, listCoordinators, register, setCoordinator, updateAuthority } from './admin.js';
import { authorityDetail, searchAuthorities } from './service.js';

export function authorityRoutes(api: Api, links: Links, limiter: RateLimiter): void {
  const tags = ['Directory'];
  api.route({
    method: 'get', path: '/authorities', operationId: 'searchAuthorities', tags, access: 'signed-in',
    query: s.directoryQuery, response: s.authorityList,
    summary: 'Find active competent authorities',
    description: 'A term in any of the 26 languages finds the authorities competent for the matching profession or keyword, whatever language their own data are in. Accent- and case-insensitive, prefix matching for type-ahead, typo-tolerant for names; ranked; each item says what matched. More searches in a minute than IMI_RATE_SEARCH_PER_MIN answer 429 with Retry-After.',
    handler: async ({ em, lang, query, user }) => {
      await limiter.search(em, user!.id);
      return searchAuthorities(em, query, lang);
    },
  });
  api.route({
    method: 'get', path: '/authorities/{id}', operationId: 'getAuthority', tags, access: 'signed-in',
    params: s.idParams, response: s.authorityDetailSchema,
    summary: 'One authority with its contact data and competences per legislative area',
    handler: ({ em, lang, params }) => authorityDetail(em, params.id, lang),
  });

  const registry = ['Registry'];
  const byId = ({ params }: { params: { id: string } }) => ({ authorityId: params.id });
  api.route({
    method: 'post', path: '/authorities', operationId: 'createAuthority', tags: registry, body: s.createAuthorityBody, status: 201,
    access: { action: 'authority:create', target: ({ body }) => ({ country: body.country, coordinatorKind: body.coordinatorKind }) },
    response: s.authorityDetailSchema,
    summary: 'Register an authority directly (a coordinator of its state; the Commission registers NIMICs)',
    description: 'The authority is active at once, in the areas named, with the registering coordinator as its validating, access and request coordinator. Its first local data administrator receives a one-time link to set a password.',
    handler: ({ em, body, user, lang, ip }) => createAuthority(em, links, user!, body, lang, ip),
  });
  api.route({
    method: 'post', path: '/authorities/invitations', operationId: 'inviteAuthority', tags: registry, body: s.invitationBody, status: 201,
    access: { action: 'authority:create', target: ({ body }) => ({ country: body.country }) },
    response: s.invitationView,
    summary: 'Invite an authority by e-mail to register itself (single-use link, valid 14 days)',
    handler: ({ em, body, user, ip }) => invite(em, links, user!, body, ip),
  });
  api.route({
    method: 'post', path: '/registrations', operationId: 'register', tags: registry, access: 'public', body: s.registrationBody, status: 201,
    response: s.authorityDetailSchema,
    summary: 'Complete a self-registration with the invitation token: the authority waits for validation',
    handler: ({ em, body, lang, ip }) => register(em, body, lang, ip),
  });
  api.route({
    method: 'patch', path: '/authorities/{id}', operationId: 'updateAuthority', tags: registry, params: s.idParams, body: s.authorityPatchBody,
    access: { action: 'authority:update', target: byId }, response: s.authorityDetailSchema,
    summary: 'Edit an authority\'s data and competences (its LDA or its coordinator)',
    handler: ({ em, params, body, user, lang, ip }) => updateAuthority(em, user!, params.id, body, lang, ip),
  });
  api.route({
    method: 'post', path: '/authorities/{id}/validate', operationId: 'validateAuthority', tags: registry, params: s.idParams, body: s.validationBody,
    access: { action: 'authority:validate', target: byId }, response: s.authorityDetailSchema,
    summary: 'Validate a registration, or reject it with a reason (its coordinator)',
    handler: ({ em, params, body, user, lang, ip }) => changeStatus(em, user!, params.id, body.decision, body, lang, ip),
  });
  api.route({
    method: 'post', path: '/authorities/{id}/suspend', operationId: 'suspendAuthority', tags: registry, params: s.idParams, body: s.suspensionBody,
    access: { action: 'authority:suspend', target: byId }, response: s.authorityDetailSchema,
    summary: 'Suspend an authority with a reason: it leaves searches and exchanges (its coordinator)',
    handler: ({ em, params, body, user, lang, ip }) => changeStatus(em, user!, params.id, 'suspend', body, lang, ip),
  });
  api.route({
    method: 'post', path: '/authorities/{id}/reactivate', operationId: 'reactivateAuthority', tags: registry, params: s.idParams, body: s.versionBody,
    access: { action: 'authority:suspend', target: byId }, response: s.authorityDetailSchema,
    summary: 'Reactivate a suspended authority (its coordinator)',
    handler: ({ em, params, body, user, lang, ip }) => changeStatus(em, user!, params.id, 'reactivate', body, lang, ip),
  });
  api.route({
    method: 'post', path: '/authorities/{id}/areas', operationId: 'grantArea', tags: registry, params: s.idParams, body: s.areaGrantBody,
    access: { action: 'authority:coordinate', target: byId }, response: s.authorityDetailSchema,
    summary: 'Grant an authority access to a legislative area (its access coordinator)',
    handler: ({ em, params, body, user, lang, ip }) => grantArea(em, user!, params.id, body, lang, ip),
  });
  api.route({
    method: 'put', path: '/authorities/{id}/allocation', operationId: 'setAllocation', tags: registry, params: s.idParams, body: s.allocationBody,
    access: { action: 'authority:update', target: byId }, response: s.authorityDetailSchema,
    summary: 'Switch allocation of incoming requests to handlers on or off in one area (its LDA or coordinator)',
    handler: ({ em, params, body, user, lang, ip }) => setAllocation(em, user!, params.id, body, lang, ip),
  });
  api.route({
    method: 'get', path: '/authorities/{id}/coordinators', operationId: 'listCoordinators', tags: registry, params: s.idParams,
    access: 'signed-in', response: s.coordinatorList,
    summary: 'An authority\'s coordinators per area: validating, access, request coordinators and linked observers',
    handler: ({ em, params }) => listCoordinators(em, params.id),
  });
  api.route({
    method: 'post', path: '/authorities/{id}/coordinators', operationId: 'setCoordinator', tags: registry, params: s.idParams, body: s.coordinatorBody,
    access: { action: 'authority:coordinate', target: byId }, response: s.coordinatorList,
    summary: 'Add (or, with present: false, remove) a request coordinator or linked observer of an authority in one area (its coordinator)',
    handler: ({ em, params, body, user, ip }) => setCoordinator(em, user!, params.id, body, ip),
  });
}
