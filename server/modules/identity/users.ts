import type { EntityManager } from '@mikro-orm/postgresql';
import { claimVersion } from '../../db/sql.js';
import { problems } from '../../http/problem.js';
import { firstSignInMail, mailLocale } from '../../i18n/mail.js';
import { audit } from '../audit/service.js';
import { sendAfterChange, type Mailer } from '../notifications/mailer.js';
import { RoleGrant, User, type IUser, type UserRole } from './entities.js';
import { issueOneTimeToken, revokeSessions, type AuthUser } from './service.js';

export interface Links {
  mailer: Mailer;
  /** Public address of the system, for the links in e-mails. */
  publicUrl: string;
}

export interface RoleInput {
  area: string;
  role: UserRole;
}

async function authorityAreas(em: EntityManager, authorityId: string): Promise<Set<string>> {
  const rows = await em.execute<{ area_code: string }[]>('select area_code from authority_area where authority_id = ?', [authorityId]);
  return new Set(rows.map((r) => r.area_code));
}

/** Roles can only be granted in areas the authority takes part in. */
async function checkRoles(em: EntityManager, authorityId: string, roles: RoleInput[]): Promise<void> {
  const areas = await authorityAreas(em, authorityId);
  const wrong = roles.findIndex((r) => !areas.has(r.area));
  if (wrong >= 0) {
    throw problems.invalid([{ path: `roles.${wrong}.area`, in: 'body', message: `The authority does not take part in the area ${roles[wrong].area}` }]);
  }
}

/** Days a first-sign-in or reset link works. */
const LINK_DAYS = 7;

/** Sends the link in the language of the account (English when it has none of the 26). */
export async function sendFirstSignInLink(em: EntityManager, links: Links, user: IUser, purpose: 'activation' | 'reset'): Promise<void> {
  const token = issueOneTimeToken(em, user, purpose, LINK_DAYS);
  await em.flush();
  const url = `${links.publicUrl}/#/activate/${token}`;
  const expires = new Date(Date.now() + LINK_DAYS * 86_400_000);
  await sendAfterChange(links.mailer, {
    to: user.email,
    ...firstSignInMail(mailLocale(user.locale), purpose, user.name, url, LINK_DAYS, expires),
  }, `The account of ${user.email} is saved; reset it to send a new link`);
}

export function userView(user: IUser, grants: { area: string; role: string }[]) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    locale: user.locale,
    active: user.active,
    activated: user.passwordHash !== null,
    totpEnabled: user.totpEnabled,
    commissionAdmin: user.commissionAdmin,
    dataProtectionAdmin: user.dataProtectionAdmin,
    version: user.version,
    roles: grants.map((g) => ({ area: g.area, role: g.role as UserRole })),
  };
}

async function grantsOf(em: EntityManager, userIds: string[]) {
  const grants = userIds.length ? await em.find(RoleGrant, { user: { $in: userIds } }, { orderBy: { area: 'asc', role: 'asc' } }) : [];
  return (id: string) => grants.filter((g) => g.user.id === id).map((g) => ({ area: g.area.code, role: g.role }));
}

export async function listUsers(em: EntityManager, authorityId: string) {
  const users = await em.find(User, { authority: authorityId }, { orderBy: { name: 'asc', id: 'asc' } });
  const grants = await grantsOf(em, users.map((u) => u.id));
  return { items: users.map((u) => userView(u, grants(u.id))), nextCursor: null };
}

export async function createUser(
  em: EntityManager,
  links: Links,
  actor: AuthUser | null,
  authorityId: string,
  input: { email: string; name: string; locale?: string; roles: RoleInput[] },
  ip: string | null,
) {
  await checkRoles(em, authorityId, input.roles);
  const email = input.email.trim().toLowerCase();
  if (await em.count(User, { email })) throw problems.invalid([{ path: 'email', in: 'body', message: 'An account with this e-mail address exists already' }]);
  const user = em.create(User, { email, name: input.name, locale: input.locale ?? 'en', authority: authorityId });
  for (const role of input.roles) em.create(RoleGrant, { user, area: role.area, role: role.role });
  audit(em, {
    action: 'user.create', actorId: actor?.id, actorEmail: actor?.email, authorityId, record: { type: 'user', id: user.id },
    fields: ['email', 'name', 'locale', 'roles'], ip,
  });
  await sendFirstSignInLink(em, links, user, 'activation');
  return userView(user, input.roles);
}

export async function updateUser(
  em: EntityManager,
  actor: AuthUser,
  userId: string,
  input: { version: number; name?: string; locale?: string; active?: boolean; roles?: RoleInput[] },
  ip: string | null,
) {
  const user = await em.findOneOrFail(User, userId);
  if (user.id === actor.id && input.active === false) throw problems.invalid([{ path: 'active', in: 'body', message: 'You cannot deactivate yourself' }]);
  if (input.roles) await checkRoles(em, user.authority!.id, input.roles);
  // The version moves with every change, roles included, and only from the version the client saw.
  await claimVersion(em, 'app_user', user.id, input.version);
  const changes = Object.fromEntries((['name', 'locale', 'active'] as const).filter((f) => input[f] !== undefined && input[f] !== user[f]).map((f) => [f, input[f]]));
  if (Object.keys(changes).length) await em.nativeUpdate(User, { id: user.id }, changes);
  if (input.roles) {
    await em.nativeDelete(RoleGrant, { user: user.id });
    for (const role of input.roles) em.create(RoleGrant, { user: user.id, area: role.area, role: role.role });
  }
  if (input.active === false) await revokeSessions(em, user.id);
  const fields = [...Object.keys(changes), ...(input.roles ? ['roles'] : [])];
  audit(em, { action: 'user.update', actorId: actor.id, actorEmail: actor.email, authorityId: user.authority?.id, record: { type: 'user', id: user.id }, fields, ip });
  await em.flush();
  const updated = await em.refreshOrFail(user);
  const grants = await grantsOf(em, [user.id]);
  return userView(updated, grants(user.id));
}

/** Clears a user's password and sign-ins and sends a new one-time link: how an administrator unlocks an account. */
export async function resetUser(em: EntityManager, links: Links, actor: AuthUser, userId: string, ip: string | null) {
  const user = await em.findOneOrFail(User, userId);
  await em.execute('update app_user set password_hash = null, totp_secret = null, totp_enabled = false, version = version + 1 where id = ?', [user.id]);
  await revokeSessions(em, user.id);
  audit(em, { action: 'user.reset', actorId: actor.id, actorEmail: actor.email, authorityId: user.authority?.id, record: { type: 'user', id: user.id }, fields: ['password', 'totp'], ip });
  await sendFirstSignInLink(em, links, user, 'reset');
  return { reset: true as const };
}

/** The Commission grants or withdraws the administrator powers of a user (Commission, data protection). */
export async function setAdministratorPowers(
  em: EntityManager,
  actor: AuthUser,
  userId: string,
  input: { version: number; commissionAdmin?: boolean; dataProtectionAdmin?: boolean },
  ip: string | null,
) {
  if (userId === actor.id && input.commissionAdmin === false) {
    throw problems.invalid([{ path: 'commissionAdmin', in: 'body', message: 'You cannot withdraw your own powers' }]);
  }
  const user = await em.findOneOrFail(User, userId);
  await claimVersion(em, 'app_user', user.id, input.version);
  const changes = Object.fromEntries((['commissionAdmin', 'dataProtectionAdmin'] as const).filter((f) => input[f] !== undefined).map((f) => [f, input[f]]));
  if (Object.keys(changes).length) await em.nativeUpdate(User, { id: user.id }, changes);
  // New powers take effect at the next sign-in, with a second factor.
  await revokeSessions(em, user.id);
  audit(em, { action: 'user.set-admin-powers', actorId: actor.id, actorEmail: actor.email, authorityId: user.authority?.id, record: { type: 'user', id: user.id }, fields: Object.keys(changes), ip });
  await em.flush();
  const updated = await em.refreshOrFail(user);
  const grants = await grantsOf(em, [user.id]);
  return { ...userView(updated, grants(user.id)), commissionAdmin: updated.commissionAdmin, dataProtectionAdmin: updated.dataProtectionAdmin };
}
