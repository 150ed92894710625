import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import argon2 from 'argon2';
import { Problem, problems } from '../../http/problem.js';
import { audit } from '../audit/service.js';
import { translate } from '../reference/locales.js';
import { RoleGrant, Session, User, type IUser, type UserRole } from './entities.js';

export interface AuthUser {
  id: string;
  email: string;
  name: string;
  locale: string;
  authorityId: string | null;
  commissionAdmin: boolean;
}

/** OWASP's argon2id parameters (19 MiB, 2 passes): slow enough for stolen hashes, quick enough for sign-in. */
const hashOptions = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, hashOptions);
}

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A hash to verify against when the e-mail is unknown, so that unknown and known accounts take the same time. */
let decoyHash: Promise<string> | undefined;

/** Failed sign-ins tolerated in the window: per account (since its last success) and per client address. */
export const signInLimits = { perAccount: 5, perAddress: 20, windowSeconds: 15 * 60 };

/**
 * Seconds until the next sign-in attempt for this account or from this address may be made, or 0. Failures are
 * counted from the audit log in the database, so the limit holds across server instances.
 */
async function signInDelay(em: EntityManager, email: string, ip: string | null): Promise<number> {
  const [row] = await em.execute<{ by_account: string; by_address: string; account_oldest: Date | null; address_oldest: Date | null }[]>(
    `with failures as (
       select actor_email, ip, at from audit_entry
        where action = 'auth.sign-in-failed' and at > now() - make_interval(secs => ?)
          and (actor_email = ? or ip = ?)
     ),
     last_success as (
       select max(at) as at from audit_entry where action = 'auth.sign-in' and actor_email = ?
     )
     select count(*) filter (where actor_email = ? and at > coalesce((select at from last_success), '-infinity')) as by_account,
            count(*) filter (where ip = ?) as by_address,
            min(at) filter (where actor_email = ? and at > coalesce((select at from last_success), '-infinity')) as account_oldest,
            min(at) filter (where ip = ?) as address_oldest
       from failures`,
    [signInLimits.windowSeconds, email, ip, email, email, ip, email, ip],
  );
  const until = (oldest: Date | null) =>
    oldest ? Math.max(1, Math.ceil((new Date(oldest).getTime() + signInLimits.windowSeconds * 1000 - Date.now()) / 1000)) : 1;
  let delay = 0;
  if (Number(row.by_account) >= signInLimits.perAccount) delay = Math.max(delay, until(row.account_oldest));
  if (ip && Number(row.by_address) >= signInLimits.perAddress) delay = Math.max(delay, until(row.address_oldest));
  return delay;
}

export async function login(em: EntityManager, input: { email: string; password: string; ip: string | null }, ttlSeconds: number) {
  const email = input.email.trim().toLowerCase();
  const delay = await signInDelay(em, email, input.ip);
  if (delay > 0) {
    audit(em, { action: 'auth.sign-in-throttled', actorEmail: email, ip: input.ip });
    await em.flush();
    throw new Problem(429, 'Too many requests', 'Too many failed sign-ins; wait before trying again.', undefined, { 'Retry-After': String(delay) });
  }
  const user = await em.findOne(User, { email, active: true });
  decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
  const valid = await argon2.verify(user?.passwordHash ?? (await decoyHash), input.password);
  if (!user || !valid) {
    audit(em, { action: 'auth.sign-in-failed', actorEmail: email, actorId: user?.id, authorityId: user?.authority?.id, ip: input.ip });
    await em.flush();
    throw problems.unauthorized('The e-mail address or the password is not right.');
  }
  const accessToken = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
  em.create(Session, { tokenHash: tokenHash(accessToken), user, expiresAt });
  audit(em, { action: 'auth.sign-in', actorId: user.id, actorEmail: email, authorityId: user.authority?.id, ip: input.ip });
  await em.flush();
  return { accessToken, expiresIn: ttlSeconds, expiresAt, user: publicUser(user) };
}

export function publicUser(user: IUser) {
  return { id: user.id, email: user.email, name: user.name, locale: user.locale };
}

export async function logout(em: EntityManager, user: AuthUser, token: string, ip: string | null): Promise<void> {
  await em.nativeUpdate(Session, { tokenHash: tokenHash(token), revokedAt: null }, { revokedAt: new Date() });
  audit(em, { action: 'auth.sign-out', actorId: user.id, actorEmail: user.email, authorityId: user.authorityId, ip });
  await em.flush();
}

/** The signed-in user of a token, in one indexed query; null for an unknown, expired or revoked token. */
export async function userForToken(em: EntityManager, token: string): Promise<AuthUser | null> {
  const rows = await em.execute<{ id: string; email: string; name: string; locale: string; authority_id: string | null; commission_admin: boolean }[]>(
    `select u.id, u.email, u.name, u.locale, u.authority_id, u.commission_admin
       from session s join app_user u on u.id = s.user_id
      where s.token_hash = ? and s.revoked_at is null and s.expires_at > now() and u.active`,
    [tokenHash(token)],
  );
  const row = rows[0];
  return row
    ? { id: row.id, email: row.email, name: row.name, locale: row.locale, authorityId: row.authority_id, commissionAdmin: row.commission_admin }
    : null;
}

export async function me(em: EntityManager, authUser: AuthUser, lang: string) {
  const user = await em.findOneOrFail(User, authUser.id, { populate: ['authority'] });
  const grants = await em.find(RoleGrant, { user: authUser.id }, { orderBy: { area: 'asc', role: 'asc' } });
  const authority = user.authority?.getEntity();
  const coordinatorKind = authority && authority.coordinatorKind !== 'NONE' ? authority.coordinatorKind : null;
  return {
    user: { ...publicUser(user), commissionAdmin: user.commissionAdmin },
    authority: authority
      ? {
          id: authority.id,
          country: authority.country.code,
          officialName: authority.officialName,
          designation: translate(authority.designation, lang)?.text ?? authority.officialName,
        }
      : null,
    roles: grants.map((g) => ({ area: g.area.code, role: g.role as UserRole })),
    coordinator: coordinatorKind
      ? { kind: coordinatorKind, scope: coordinatorKind === 'NIMIC' ? { country: authority!.country.code } : { authorityId: authority!.id } }
      : null,
  };
}
