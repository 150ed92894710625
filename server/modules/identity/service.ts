import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import argon2 from 'argon2';
import { problems } from '../../http/problem.js';
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

export async function login(em: EntityManager, email: string, password: string, ttlSeconds: number) {
  const user = await em.findOne(User, { email: email.trim().toLowerCase(), active: true });
  decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
  const valid = await argon2.verify(user?.passwordHash ?? (await decoyHash), password);
  if (!user || !valid) throw problems.unauthorized('The e-mail address or the password is not right.');
  const accessToken = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
  em.create(Session, { tokenHash: tokenHash(accessToken), user, expiresAt });
  await em.flush();
  return { accessToken, expiresIn: ttlSeconds, expiresAt, user: publicUser(user) };
}

export function publicUser(user: IUser) {
  return { id: user.id, email: user.email, name: user.name, locale: user.locale };
}

export async function logout(em: EntityManager, token: string): Promise<void> {
  await em.nativeUpdate(Session, { tokenHash: tokenHash(token), revokedAt: null }, { revokedAt: new Date() });
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
