import { pgArray } from '../../db/sql.js';
import { problems } from '../../http/problem.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { blockedFromSql, blockingNow, isBlocked } from '../data-protection/blocking.js';
import type { CoordinationRelation } from '../authorities/entities.js';
import type { UserRole } from '../identity/entities.js';
import type { AuthUser } from '../identity/service.js';
import { allowedActions, type Party, type RequestAction, type RequestState, type Routing, type WorkflowContext } from './workflow.js';

/** The columns of a request that decide who takes part in it and who may see what. */
export interface RequestFacts {
  id: string;
  status: RequestState;
  area: string;
  requesterId: string;
  requesterCountry: string;
  responderId: string | null;
  responderCountry: string | null;
  allocatedTo: string[];
  referralCoordinatorId: string | null;
  coordinators: string[];
  version: number;
  /** When the request reached a responding authority (after any approval): before that, the responder knows nothing of it. */
  sentAt: Date | null;
  /** From when its personal data are blocked (closure + the area's blocking period); null while open. */
  blockedFrom: Date | null;
  /** When the retention job deleted its personal data. */
  personalDataDeletedAt: Date | null;
}

/** The SQL columns `factsFromRow` reads, for any query that joins the two authorities as `q` and `s`. */
export const factColumns = `r.id, r.status, r.area_code, r.requester_id, q.country_code as requester_country, r.responder_id,
  s.country_code as responder_country, r.allocated_to, r.referral_coordinator_id, r.coordinators, r.version, r.sent_at,
  ${blockedFromSql('r')} as blocked_from, r.personal_data_deleted_at`;

export interface FactRow {
  id: string; status: RequestState; area_code: string; requester_id: string; requester_country: string; responder_id: string | null;
  responder_country: string | null; allocated_to: string[]; referral_coordinator_id: string | null; coordinators: string[]; version: number; sent_at: Date | null;
  blocked_from: Date | null; personal_data_deleted_at: Date | null;
}

export function factsFromRow(row: FactRow): RequestFacts {
  return {
    id: row.id, status: row.status, area: row.area_code, requesterId: row.requester_id, requesterCountry: row.requester_country,
    responderId: row.responder_id, responderCountry: row.responder_country, allocatedTo: row.allocated_to,
    referralCoordinatorId: row.referral_coordinator_id, coordinators: row.coordinators, version: row.version,
    sentAt: row.sent_at === null ? null : new Date(row.sent_at),
    blockedFrom: row.blocked_from === null ? null : new Date(row.blocked_from),
    personalDataDeletedAt: row.personal_data_deleted_at === null ? null : new Date(row.personal_data_deleted_at),
  };
}

/** The facts of one request, or null when there is none. `lock` takes the row lock an action needs. */
export async function requestFacts(em: EntityManager, id: string, lock = false): Promise<RequestFacts | null> {
  const [row] = await em.execute<FactRow[]>(
    `select ${factColumns} from request r join authority q on q.id = r.requester_id left join authority s on s.id = r.responder_id
      where r.id = ?${lock ? ' for update of r' : ''}`,
    [id],
  );
  return row ? factsFromRow(row) : null;
}

/** The two authorities of a request (the responder once there is one). */
export const sidesOf = (r: RequestFacts): string[] => [r.requesterId, ...(r.responderId ? [r.responderId] : [])];

/**
 * A request as the user stands to it: its facts, the viewer and the standing; 404 when there is no such request or the
 * user may not know of it. `lock` takes the row lock an action needs.
 */
export async function openRequest(em: EntityManager, user: AuthUser, id: string, lock = false) {
  const facts = await requestFacts(em, id, lock);
  if (!facts) throw problems.notFound('There is no request with this id.');
  const viewer = await loadViewer(em, user, sidesOf(facts));
  const s = standing(viewer, facts);
  if (!s.visible) throw problems.notFound('There is no request with this id.');
  return { facts, viewer, standing: s };
}

/**
 * What the server knows of the user for judging its standing on requests: its roles per area at its own authority,
 * its authority's coordinator relations to the authorities concerned, and where its authority switched allocation on.
 */
export interface Viewer {
  user: AuthUser;
  roles: Map<string, Set<UserRole>>;
  relations: { authorityId: string; area: string; relation: CoordinationRelation }[];
  allocation: Set<string>;
}

/** The coordinator relations of the user's authority to `authorityIds` only (a NIMIC relates to thousands). */
async function relationsTo(em: EntityManager, user: AuthUser, authorityIds: string[]): Promise<Viewer['relations']> {
  if (!user.authorityId || !authorityIds.length) return [];
  const rows = await em.execute<{ authority_id: string; area_code: string; relation: CoordinationRelation }[]>(
    'select authority_id, area_code, relation from coordination where coordinator_id = ? and authority_id = any(?::uuid[])',
    [user.authorityId, pgArray(authorityIds)]);
  return rows.map((r) => ({ authorityId: r.authority_id, area: r.area_code, relation: r.relation }));
}

/** Loads the viewer, with its authority's coordinator relations to `authorityIds`. */
export async function loadViewer(em: EntityManager, user: AuthUser, authorityIds: string[]): Promise<Viewer> {
  const roles = new Map<string, Set<UserRole>>();
  if (!user.authorityId) return { user, roles, relations: [], allocation: new Set() };
  const queries = [
    () => em.execute<{ area_code: string; role: UserRole }[]>('select area_code, role from role_grant where user_id = ?', [user.id]),
    () => relationsTo(em, user, authorityIds),
    () => em.execute<{ area_code: string }[]>('select area_code from authority_area where authority_id = ? and allocation', [user.authorityId!]),
  ] as const;
  // Outside a transaction each query takes its own pooled connection; inside one they share a single connection,
  // which runs one query at a time (pg refuses queued parallel queries on one client from its next major version).
  const [grants, relations, allocation] = em.isInTransaction()
    ? [await queries[0](), await queries[1](), await queries[2]()]
    : await Promise.all([queries[0](), queries[1](), queries[2]()]);
  for (const g of grants) {
    if (!roles.has(g.area_code)) roles.set(g.area_code, new Set());
    roles.get(g.area_code)!.add(g.role);
  }
  return { user, roles, relations, allocation: new Set(allocation.map((a) => a.area_code)) };
}

/** The same viewer with its relations to other authorities (those of a page of requests). */
export async function withRelationsTo(em: EntityManager, viewer: Viewer, authorityIds: string[]): Promise<Viewer> {
  return { ...viewer, relations: await relationsTo(em, viewer.user, authorityIds) };
}

/**
 * How the user stands to a request (SPEC §2, §5.4): the parties it acts as, whether it may see the request at all, and
 * whether it may see its personal data (need to know), with the purpose the audit log records for that.
 */
export interface Standing {
  parties: Set<Party>;
  visible: boolean;
  personal: boolean;
  purpose: string | null;
  allocationOn: boolean;
  requesterSide: boolean;
  responderSide: boolean;
  /** Its personal data are blocked (or deleted): nobody sees them and nobody acts on it any more. */
  blocked: boolean;
}

/**
 * The standing of the viewer on a request. A Commission administrator, without an authority, never sees requests; an
 * authority that forwarded a request away is no longer its responder and so loses access. Once the request's personal
 * data are blocked (SPEC §5.4, judged at `now`), its parties still see its skeleton but no personal data, and take no
 * action on it (reusing it would copy the blocked data into a new draft).
 */
export function standing(viewer: Viewer, r: RequestFacts, now: Date = blockingNow()): Standing {
  const own = viewer.user.authorityId;
  const roles = viewer.roles.get(r.area) ?? new Set<UserRole>();
  const relationTo = (authorityId: string | null, relation?: CoordinationRelation) =>
    authorityId !== null && viewer.relations.some((x) => x.authorityId === authorityId && x.area === r.area && (!relation || x.relation === relation));
  const sent = r.status !== 'DRAFT';
  const delivered = r.sentAt !== null;
  const requesterSide = own === r.requesterId;
  const responderSide = own === r.responderId && delivered;
  const handler = roles.has('request-handler');
  const referralHandler = roles.has('referral-handler');
  const allocationOn = responderSide && viewer.allocation.has(r.area);
  const allocatedAway = allocationOn && r.allocatedTo.length > 0 && !r.allocatedTo.includes(viewer.user.id);

  const parties = new Set<Party>();
  if (requesterSide && handler) parties.add('requester-handler');
  if (responderSide && handler && !allocatedAway) parties.add('responder-handler');
  if (responderSide && roles.has('allocator')) parties.add('responder-allocator');
  if (referralHandler && sent && relationTo(r.requesterId, 'request')) parties.add('requester-coordinator');
  if (referralHandler && delivered && relationTo(r.responderId, 'request')) parties.add('responder-coordinator');
  if (referralHandler && own !== null && own === r.referralCoordinatorId) parties.add('referral-coordinator');

  const ownSide = (requesterSide || responderSide) && roles.size > 0;
  const coordinating = (sent && relationTo(r.requesterId)) || (delivered && relationTo(r.responderId));
  const tookPart = own !== null && (r.coordinators.includes(own) || own === r.referralCoordinatorId);

  // Need to know: the handlers of the two sides (the responder only once it accepted), and coordinators while the
  // request waits for them or once they took part. Basic users and observers see summaries.
  let purpose: string | null = null;
  if (requesterSide && handler) purpose = 'handling the request (requesting authority)';
  else if (responderSide && (handler || roles.has('allocator')) && r.status !== 'AWAITING_ACCEPTANCE') purpose = 'handling the request (responding authority)';
  else if (parties.has('requester-coordinator') && r.status === 'AWAITING_APPROVAL') purpose = 'approving the request (request coordinator)';
  else if (parties.has('responder-coordinator') && r.status === 'AWAITING_REPLY_APPROVAL') purpose = 'approving the reply (request coordinator)';
  else if (tookPart && referralHandler) purpose = 'coordinating the request (approval or referral)';
  const visible = ownSide || coordinating || tookPart;
  if (isBlocked(r, now)) return { parties: new Set(), visible, personal: false, purpose: null, allocationOn, requesterSide, responderSide, blocked: true };
  return { parties, visible, personal: purpose !== null, purpose, allocationOn, requesterSide, responderSide, blocked: false };
}

interface RoutingRow { country_code: string; authority_id: string | null; area_code: string | null; approve_requests: boolean; approve_replies: boolean }

/** The routing rules of some states, to resolve with `routingOf` without a query per request. */
export async function loadRouting(em: EntityManager, countries: string[]): Promise<RoutingRow[]> {
  if (!countries.length) return [];
  return em.execute<RoutingRow[]>(
    'select country_code, authority_id, area_code, approve_requests, approve_replies from routing_rule where country_code = any(?::text[])',
    [pgArray([...new Set(countries)])],
  );
}

/** The routing (SPEC §5.2) of an authority in an area: the most specific rule of its state, else direct contact. */
export function routingOf(rules: RoutingRow[], authorityId: string | null, country: string | null, area: string): Routing {
  const specificity = (r: RoutingRow) => (r.authority_id ? 2 : 0) + (r.area_code ? 1 : 0);
  const rule = rules
    .filter((r) => r.country_code === country && (r.authority_id === null || r.authority_id === authorityId) && (r.area_code === null || r.area_code === area))
    .sort((a, b) => specificity(b) - specificity(a))[0];
  return { approveRequests: rule?.approve_requests ?? false, approveReplies: rule?.approve_replies ?? false };
}

export function contextOf(rules: RoutingRow[], r: RequestFacts, s: Standing, extra: Partial<WorkflowContext> = {}): WorkflowContext {
  return {
    parties: s.parties,
    requesterRouting: routingOf(rules, r.requesterId, r.requesterCountry, r.area),
    responderRouting: routingOf(rules, r.responderId, r.responderCountry, r.area),
    complete: true,
    allocationOn: s.allocationOn,
    ...extra,
  };
}

/** The actions to offer the viewer on a request. */
export function actionsFor(rules: RoutingRow[], r: RequestFacts, s: Standing): RequestAction[] {
  return s.visible ? allowedActions(r.status, contextOf(rules, r, s)) : [];
}
