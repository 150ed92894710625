import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import argon2 from 'argon2';
import { Problem, problems } from '../../http/problem.js';
import { audit } from '../audit/service.js';
import { translate } from '../reference/locales.js';
import { IdentityProviderConfig, OneTimeToken, RoleGrant, Session, User, type IUser, type UserRole } from './entities.js';
import { looksLikeJwt, verifyNationalToken, type IdentityProvider } from './national-idp.js';
import { generateTotpSecret, totpUri, verifyTotp } from './totp.js';

export interface AuthUser {
  id: string;
  email: string;
  name: string;
  locale: string;
  authorityId: string | null;
  commissionAdmin: boolean;
  dataProtectionAdmin: boolean;
  /** Whether this sign-in was confirmed with the second factor. */
  mfa: boolean;
}

/** OWASP's argon2id parameters (19 MiB, 2 passes): slow enough for stolen hashes, quick enough for sign-in. */
const hashOptions = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, hashOptions);
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: tokenHash(token) };
}

const commonPasswords = new Set([
  'password1234', 'password12345', '123456789012', 'qwertyuiopas', 'administrator', 'passwordpassword', 'letmein12345',
  'welcome12345', 'iloveyou1234', '1q2w3e4r5t6y', 'changeme1234', 'imi-password', 'demo-password',
]);

/** The password policy (NIST SP 800-63B): long enough, not the account's own name, not a known common password. */
export function passwordProblem(password: string, email: string): string | null {
  if (password.length < 12) return 'Use at least 12 characters';
  if (password.length > 256) return 'Use at most 256 characters';
  const lower = password.toLowerCase();
  if (lower.includes(email.split('@')[0].toLowerCase())) return 'Do not use your e-mail address in the password';
  if (commonPasswords.has(lower) || /^(.)\1+$/.test(password)) return 'This password is too easy to guess';
  return null;
}

function requirePasswordPolicy(password: string, email: string, field: string): void {
  const message = passwordProblem(password, email);
  if (message) throw problems.invalid([{ path: field, in: 'body', message }]);
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

export interface LoginInput {
  email: string;
  password: string;
  totp?: string;
  ip: string | null;
}

export async function login(em: EntityManager, input: LoginInput, ttlSeconds: number) {
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
  const failed = async (problem: Problem) => {
    audit(em, { action: 'auth.sign-in-failed', actorEmail: email, actorId: user?.id, authorityId: user?.authority?.id, ip: input.ip });
    await em.flush();
    return problem;
  };
  if (!user || !valid) throw await failed(problems.unauthorized('The e-mail address or the password is not right.'));
  if (user.totpEnabled) {
    if (!input.totp) {
      throw new Problem(401, 'Unauthorized', 'Enter the six-digit code of your authenticator app.', [{ path: 'totp', in: 'body', message: 'Required for this account' }]);
    }
    const step = verifyTotp(user.totpSecret!, input.totp, { afterStep: user.totpLastStep ?? undefined });
    if (step === null) throw await failed(new Problem(401, 'Unauthorized', 'The code is not right, or was used already.', [{ path: 'totp', in: 'body', message: 'Not the current code' }]));
    user.totpLastStep = step;
  }
  const { token: accessToken, hash } = newToken();
  const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
  em.create(Session, { tokenHash: hash, user, expiresAt, mfa: user.totpEnabled });
  audit(em, { action: 'auth.sign-in', actorId: user.id, actorEmail: email, authorityId: user.authority?.id, ip: input.ip });
  await em.flush();
  return { accessToken, expiresIn: ttlSeconds, expiresAt, mfa: user.totpEnabled, user: publicUser(user) };
}

export function publicUser(user: IUser) {
  return { id: user.id, email: user.email, name: user.name, locale: user.locale };
}

export async function logout(em: EntityManager, user: AuthUser, token: string, ip: string | null): Promise<void> {
  await em.nativeUpdate(Session, { tokenHash: tokenHash(token), revokedAt: null }, { revokedAt: new Date() });
  audit(em, { action: 'auth.sign-out', actorId: user.id, actorEmail: user.email, authorityId: user.authorityId, ip });
  await em.flush();
}

/** Ends every sign-in of a user: on deactivation, reset and password change. */
export async function revokeSessions(em: EntityManager, userId: string, except?: string): Promise<void> {
  await em.nativeUpdate(Session, { user: userId, revokedAt: null, ...(except ? { tokenHash: { $ne: tokenHash(except) } } : {}) }, { revokedAt: new Date() });
}

interface UserRow {
  id: string;
  email: string;
  name: string;
  locale: string;
  authority_id: string | null;
  commission_admin: boolean;
  data_protection_admin: boolean;
  mfa: boolean;
}

function authUser(row: UserRow): AuthUser {
  return {
    id: row.id, email: row.email, name: row.name, locale: row.locale, authorityId: row.authority_id,
    commissionAdmin: row.commission_admin, dataProtectionAdmin: row.data_protection_admin, mfa: row.mfa,
  };
}

/** National identity providers, read at most once a minute per instance: they change rarely. */
let providers: { at: number; list: Promise<IdentityProvider[]> } | undefined;
export function forgetIdentityProviders(): void {
  providers = undefined;
}
function identityProviders(em: EntityManager): Promise<IdentityProvider[]> {
  if (!providers || Date.now() - providers.at > 60_000) {
    const list = em.find(IdentityProviderConfig, {}).then((rows) => rows.map((p) => ({
      country: p.country.code, issuer: p.issuer, audience: p.audience, jwks: p.jwks as never, userClaim: p.userClaim,
    })));
    list.catch(forgetIdentityProviders);
    providers = { at: Date.now(), list };
  }
  return providers.list;
}

/**
 * The signed-in user of a bearer token: an IMI session (one indexed query), or a JWT of a state's registered identity
 * provider naming an active user of that state. Null for anything unknown, expired or revoked.
 */
export async function userForToken(em: EntityManager, token: string): Promise<AuthUser | null> {
  if (looksLikeJwt(token)) {
    const identity = await verifyNationalToken(token, await identityProviders(em));
    if (!identity) return null;
    // E-mail addresses are stored in lower case, as the provider's claim is compared.
    const column = identity.claim === 'email' ? 'u.email' : 'u.idp_subject';
    const [row] = await em.execute<UserRow[]>(
      `select u.id, u.email, u.name, u.locale, u.authority_id, u.commission_admin, u.data_protection_admin, false as mfa
         from app_user u join authority a on a.id = u.authority_id
        where ${column} = ? and a.country_code = ? and u.active and a.status = 'active'`,
      [identity.value, identity.country],
    );
    return row ? authUser(row) : null;
  }
  const [row] = await em.execute<UserRow[]>(
    `select u.id, u.email, u.name, u.locale, u.authority_id, u.commission_admin, u.data_protection_admin, s.mfa
       from session s join app_user u on u.id = s.user_id
      where s.token_hash = ? and s.revoked_at is null and s.expires_at > now() and u.active`,
    [tokenHash(token)],
  );
  return row ? authUser(row) : null;
}

export async function me(em: EntityManager, authUser: AuthUser, lang: string) {
  const user = await em.findOneOrFail(User, authUser.id, { populate: ['authority'] });
  const grants = await em.find(RoleGrant, { user: authUser.id }, { orderBy: { area: 'asc', role: 'asc' } });
  const authority = user.authority?.getEntity();
  const coordinatorKind = authority && authority.coordinatorKind !== 'NONE' ? authority.coordinatorKind : null;
  return {
    user: {
      ...publicUser(user), commissionAdmin: user.commissionAdmin, dataProtectionAdmin: user.dataProtectionAdmin,
      totpEnabled: user.totpEnabled, mfa: authUser.mfa,
    },
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
      ? {
          kind: coordinatorKind,
          scope: coordinatorKind === 'NIMIC'
            ? { country: authority!.country.code }
            : coordinatorKind === 'SDIMIC'
              ? { country: authority!.country.code, region: authority!.region ?? null }
              : { authorityId: authority!.id },
        }
      : null,
  };
}

/** Issues a one-time link token for a user (first sign-in or reset), valid for `days`. */
export function issueOneTimeToken(em: EntityManager, user: IUser, purpose: 'activation' | 'reset', days = 7): string {
  const { token, hash } = newToken();
  em.create(OneTimeToken, { tokenHash: hash, user, purpose, expiresAt: new Date(Date.now() + days * 86_400_000) });
  return token;
}

/** Sets the password of the user a one-time link was sent to; the link then stops working. */
export async function activate(em: EntityManager, input: { token: string; password: string }, ip: string | null) {
  const link = await em.findOne(OneTimeToken, { tokenHash: tokenHash(input.token), usedAt: null, expiresAt: { $gt: new Date() } }, { populate: ['user'] });
  if (!link || !link.user.active) {
    throw problems.invalid([{ path: 'token', in: 'body', message: 'This link is not valid any more; ask your administrator for a new one' }]);
  }
  requirePasswordPolicy(input.password, link.user.email, 'password');
  link.user.passwordHash = await hashPassword(input.password);
  link.usedAt = new Date();
  await revokeSessions(em, link.user.id);
  audit(em, { action: 'user.activate', actorId: link.user.id, actorEmail: link.user.email, authorityId: link.user.authority?.id, record: { type: 'user', id: link.user.id }, fields: ['password'], ip });
  await em.flush();
  return { activated: true as const, email: link.user.email };
}

export async function changePassword(em: EntityManager, authUser: AuthUser, input: { currentPassword: string; newPassword: string }, currentToken: string | null, ip: string | null) {
  const user = await em.findOneOrFail(User, authUser.id);
  if (!user.passwordHash || !(await argon2.verify(user.passwordHash, input.currentPassword))) {
    throw problems.invalid([{ path: 'currentPassword', in: 'body', message: 'This is not your current password' }]);
  }
  requirePasswordPolicy(input.newPassword, user.email, 'newPassword');
  user.passwordHash = await hashPassword(input.newPassword);
  await revokeSessions(em, user.id, currentToken ?? undefined);
  audit(em, { action: 'user.change-password', actorId: user.id, actorEmail: user.email, authorityId: user.authority?.id, record: { type: 'user', id: user.id }, fields: ['password'], ip });
  await em.flush();
  return { changed: true as const };
}

/** Starts TOTP enrolment: a new secret, shown once as an otpauth:// URI for the authenticator app. */
export async function startTotp(em: EntityManager, authUser: AuthUser) {
  const user = await em.findOneOrFail(User, authUser.id);
  if (user.totpEnabled) throw problems.conflict('A second factor is set up already.');
  user.totpSecret = generateTotpSecret();
  await em.flush();
  return { secret: user.totpSecret, uri: totpUri(user.totpSecret, user.email, 'IMI Network') };
}

/** Confirms enrolment with a first code; from then on every sign-in needs a code, and this one counts as confirmed. */
export async function confirmTotp(em: EntityManager, authUser: AuthUser, code: string, currentToken: string | null, ip: string | null) {
  const user = await em.findOneOrFail(User, authUser.id);
  const step = user.totpSecret && !user.totpEnabled ? verifyTotp(user.totpSecret, code) : null;
  if (step === null) throw problems.invalid([{ path: 'code', in: 'body', message: 'Not the current code of your authenticator app' }]);
  user.totpEnabled = true;
  user.totpLastStep = step;
  if (currentToken) await em.nativeUpdate(Session, { tokenHash: tokenHash(currentToken) }, { mfa: true });
  audit(em, { action: 'user.enable-totp', actorId: user.id, actorEmail: user.email, authorityId: user.authority?.id, record: { type: 'user', id: user.id }, fields: ['totp'], ip });
  await em.flush();
  return { totpEnabled: true as const };
}
