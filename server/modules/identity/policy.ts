import type { EntityManager } from '@mikro-orm/postgresql';
import { problems } from '../../http/problem.js';
import type { CoordinatorKind } from '../authorities/entities.js';
import type { AuthUser } from './service.js';

/**
 * The one place that decides who may do what (SPEC §2). Every route declares the action it performs; the API layer
 * asks `authorize` before the handler runs, so no handler carries a check of its own.
 */
export type Action =
  | 'audit:read'
  | 'blocked:read'
  | 'retention:read'
  | 'retention:run'
  | 'idp:manage'
  | 'authority:create'
  | 'authority:update'
  | 'authority:validate'
  | 'authority:suspend'
  | 'authority:coordinate'
  | 'authorities:read'
  | 'invitations:read'
  | 'overview:read'
  | 'users:read'
  | 'users:manage'
  | 'users:reset'
  | 'users:grant-admin'
  | 'reference:manage'
  | 'routing:manage'
  | 'state:read'
  | 'stats:read'
  | 'system:read'
  | 'dsr:record'
  | 'dsr:read'
  | 'dsr:manage'
  | 'dsr:erase';

/** What an action is done to: an authority, a user, or (for registrations and identity providers) a state. */
export interface Target {
  authorityId?: string;
  userId?: string;
  country?: string;
  /** The kind of authority being registered: only the Commission registers a NIMIC. */
  coordinatorKind?: CoordinatorKind;
  /** A data subject's request: it belongs to the authority that recorded it (none when the DPO did). */
  dataSubjectRequestId?: string;
}

interface AuthorityFacts {
  id: string;
  country: string;
  region: string | null;
  coordinatorKind: CoordinatorKind;
}

interface Facts {
  user: AuthUser;
  authority: AuthorityFacts | null;
  /** The actor administers its own authority (LDA role in some area). */
  administers: boolean;
  /** The actor is a request handler of its own authority (in some area). */
  handles: boolean;
  target: {
    country?: string;
    coordinatorKind?: CoordinatorKind;
    authority?: AuthorityFacts & { coordinatedByActor: boolean };
    dataSubjectRequest?: { authorityId: string | null };
  };
}

/**
 * Whether the actor acts as a coordinator over the target authority: an administrator of a coordinator authority whose
 * reach covers it — a NIMIC its whole state, an SDIMIC its region, any coordinator the authorities it has a
 * validating, access, request or observer relation to.
 */
function coordinates(f: Facts): boolean {
  const own = f.authority;
  const target = f.target.authority;
  if (!own || !target || !f.administers || own.coordinatorKind === 'NONE') return false;
  if (target.coordinatedByActor) return true;
  if (own.country !== target.country) return false;
  if (own.coordinatorKind === 'NIMIC') return true;
  return own.coordinatorKind === 'SDIMIC' && own.region !== null && own.region === target.region;
}

/** Coordinators register authorities and coordinators below their own level; delegated coordinators register none. */
const rank: Record<CoordinatorKind, number> = { NIMIC: 3, SDIMIC: 2, LIMIC: 1, DIMIC: 0, NONE: 0 };

/** Whether the actor may register an authority of the target kind in the target state. */
function registersIn(f: Facts): boolean {
  const own = f.authority;
  const kind = f.target.coordinatorKind ?? 'NONE';
  if (kind === 'NIMIC') return f.user.commissionAdmin && f.user.mfa;
  if (!own || !f.administers || own.country !== f.target.country || rank[own.coordinatorKind] === 0) return false;
  return kind === 'NONE' || rank[own.coordinatorKind] > rank[kind];
}

function ownAuthorityAdmin(f: Facts): boolean {
  return Boolean(f.administers && f.authority && f.target.authority && f.authority.id === f.target.authority.id);
}

/** The Commission (with its second factor), or the administrator of the state's NIMIC for its own state. */
function governsState(f: Facts): boolean {
  return (f.user.commissionAdmin && f.user.mfa) || Boolean(f.administers && f.authority?.coordinatorKind === 'NIMIC' && f.authority.country === f.target.country);
}

/** The data-protection administrator: the flag, in a sign-in with the second factor. */
export function isDataProtectionAdmin(user: AuthUser): boolean {
  return user.dataProtectionAdmin && user.mfa;
}

/**
 * Data subjects' requests: the data-protection administrator all of them; an authority's request handlers (in any
 * area) and its LDA those their authority recorded (without a target, the list, which keeps to that scope itself).
 */
function answersSubjectRequests(f: Facts): boolean {
  if (isDataProtectionAdmin(f.user)) return true;
  if (!f.authority || !(f.handles || f.administers)) return false;
  return !f.target.dataSubjectRequest || f.target.dataSubjectRequest.authorityId === f.authority.id;
}

const rules: Record<Action, (f: Facts) => boolean> = {
  'audit:read': (f) => (f.user.commissionAdmin || f.user.dataProtectionAdmin) && f.user.mfa,
  // Blocked personal data (SPEC §5.4): only the data-protection administrator, and only under a grant stating a purpose.
  'blocked:read': (f) => isDataProtectionAdmin(f.user),
  // The retention job's reports and the data-protection figures hold no personal data; running the job deletes them.
  'retention:read': (f) => (f.user.commissionAdmin && f.user.mfa) || isDataProtectionAdmin(f.user),
  'retention:run': (f) => isDataProtectionAdmin(f.user),
  'idp:manage': governsState,
  'authority:create': registersIn,
  'authority:update': (f) => ownAuthorityAdmin(f) || coordinates(f),
  'authority:validate': coordinates,
  'authority:suspend': coordinates,
  'authority:coordinate': coordinates,
  // The console's registry view: the Commission all authorities; an administrator its own and those it coordinates
  // (without a target, the list, which keeps to that scope itself).
  'authorities:read': (f) =>
    (f.user.commissionAdmin && f.user.mfa) || (f.target.authority ? ownAuthorityAdmin(f) || coordinates(f) : Boolean(f.administers && f.authority)),
  'invitations:read': (f) => (f.user.commissionAdmin && f.user.mfa) || Boolean(f.administers && f.authority && f.authority.coordinatorKind !== 'NONE'),
  'users:read': (f) => (f.user.commissionAdmin && f.user.mfa) || ownAuthorityAdmin(f) || coordinates(f),
  'users:manage': ownAuthorityAdmin,
  'users:reset': (f) => ownAuthorityAdmin(f) || coordinates(f),
  'users:grant-admin': (f) => f.user.commissionAdmin && f.user.mfa,
  'reference:manage': (f) => f.user.commissionAdmin && f.user.mfa,
  // Indicators and deadlines: an authority its own, a coordinator those it coordinates, a NIMIC its state, the
  // Commission the network (they hold no personal data).
  'stats:read': (f) => {
    if (f.user.commissionAdmin && f.user.mfa) return true;
    const own = f.authority;
    const target = f.target.authority;
    if (!own) return false;
    if (target) return own.id === target.id || target.coordinatedByActor || (own.coordinatorKind === 'NIMIC' && own.country === target.country);
    return own.coordinatorKind === 'NIMIC' && f.target.country !== undefined && own.country === f.target.country;
  },
  // The network overview: the Commission the whole network, any coordinator its own scope (the figures hold no
  // personal data).
  'overview:read': (f) => (f.user.commissionAdmin && f.user.mfa) || Boolean(f.authority && f.authority.coordinatorKind !== 'NONE'),
  'system:read': (f) => f.user.commissionAdmin && f.user.mfa,
  'routing:manage': governsState,
  // A state's coordinators and settings: for those who set its routing and identity provider.
  'state:read': governsState,
  'dsr:record': answersSubjectRequests,
  'dsr:read': answersSubjectRequests,
  'dsr:manage': answersSubjectRequests,
  // Erasing a person's data from a closed request is the administrator's alone (SPEC §5.4).
  'dsr:erase': (f) => isDataProtectionAdmin(f.user),
};

async function authorityFacts(em: EntityManager, id: string): Promise<AuthorityFacts | null> {
  const [row] = await em.execute<{ id: string; country_code: string; region: string | null; coordinator_kind: CoordinatorKind }[]>(
    'select id, country_code, region, coordinator_kind from authority where id = ?', [id]);
  return row ? { id: row.id, country: row.country_code, region: row.region, coordinatorKind: row.coordinator_kind } : null;
}

/**
 * Throws 401 without a user, 404 when the target does not exist (or is a user the actor may not know of), and 403 when
 * the policy refuses.
 */
export async function authorize(em: EntityManager, user: AuthUser | null, action: Action, target: Target = {}): Promise<void> {
  if (!user) throw problems.unauthorized();
  let targetAuthorityId = target.authorityId;
  if (target.userId) {
    const [row] = await em.execute<{ authority_id: string | null }[]>('select authority_id from app_user where id = ?', [target.userId]);
    if (!row) throw problems.notFound('There is no user with this id.');
    targetAuthorityId = row.authority_id ?? undefined;
  }
  const [own, roles] = await Promise.all([
    user.authorityId ? authorityFacts(em, user.authorityId) : null,
    em.execute<{ lda: string; handler: string }[]>(
      `select count(*) filter (where role = 'lda') as lda, count(*) filter (where role = 'request-handler') as handler from role_grant where user_id = ?`, [user.id]),
  ]);
  const facts: Facts = {
    user, authority: own, administers: Number(roles[0].lda) > 0, handles: Number(roles[0].handler) > 0,
    target: { country: target.country, coordinatorKind: target.coordinatorKind },
  };
  if (target.dataSubjectRequestId) {
    const [row] = await em.execute<{ authority_id: string | null }[]>('select authority_id from data_subject_request where id = ?', [target.dataSubjectRequestId]);
    if (!row) throw problems.notFound('There is no data subject request with this id.');
    facts.target.dataSubjectRequest = { authorityId: row.authority_id };
  }
  if (targetAuthorityId) {
    const authority = await authorityFacts(em, targetAuthorityId);
    if (!authority) throw problems.notFound('There is no authority with this id.');
    const related = own
      ? await em.execute<{ n: string }[]>('select count(*) as n from coordination where authority_id = ? and coordinator_id = ?', [authority.id, own.id])
      : [{ n: '0' }];
    facts.target.authority = { ...authority, coordinatedByActor: Number(related[0].n) > 0 };
    facts.target.country ??= authority.country;
  }
  if (!rules[action](facts)) {
    // A user of another authority is not for the actor to know of.
    if (target.userId && !rules['users:read'](facts)) throw problems.notFound('There is no user with this id.');
    // Nor is another authority's data subject request (the administrator without its second factor is told why).
    if (target.dataSubjectRequestId && !user.dataProtectionAdmin && !rules['dsr:read'](facts)) throw problems.notFound('There is no data subject request with this id.');
    const needsMfa = (user.commissionAdmin || user.dataProtectionAdmin) && !user.mfa;
    throw problems.forbidden(needsMfa ? 'This needs a sign-in with your second factor (TOTP).' : 'You may not do this.');
  }
}
