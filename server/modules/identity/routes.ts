import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from 'koa';
import { z } from 'zod';
import { version } from '../../http/schemas.js';
import type { Api } from '../../http/api.js';
import { problems, type Problem } from '../../http/problem.js';
import type { RateLimiter } from '../../http/security.js';
import * as s from './schemas.js';
import { activate, changePassword, confirmTotp, login, logout, me, startTotp, userForToken } from './service.js';
import { listProviders, saveProvider } from './providers.js';
import { createUser, listUsers, resetUser, setAdministratorPowers, updateUser, type Links } from './users.js';

export const SESSION_COOKIE = 'imi_session';
/**
 * The console's CSRF token (double submit): a cookie the console's own script can read and must echo in the
 * `X-CSRF-Token` header of every call that changes something. Another site can make the browser send the session
 * cookie (SameSite=Strict already stops most of that), but it can neither read this cookie nor set the header.
 */
export const CSRF_COOKIE = 'imi_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The token a request carries: `Authorization: Bearer …` (widgets, back-office systems) or the console's cookie. */
export function requestToken(ctx: Context): string | null {
  const header = ctx.get('Authorization');
  if (header) {
    const match = /^Bearer\s+([A-Za-z0-9_.-]{20,8192})$/.exec(header);
    return match ? match[1] : null;
  }
  const cookie = ctx.cookies.get(SESSION_COOKIE);
  if (!cookie) return null;
  if (!safeMethods.has(ctx.method) && !csrfTokenMatches(ctx)) {
    ctx.state.csrfRefused = true;
    return null;
  }
  return cookie;
}

function csrfTokenMatches(ctx: Context): boolean {
  const expected = ctx.cookies.get(CSRF_COOKIE);
  const sent = ctx.get(CSRF_HEADER);
  return Boolean(expected && sent && expected.length === sent.length && timingSafeEqual(Buffer.from(expected), Buffer.from(sent)));
}

/**
 * The signed-in user, or null. A cookie session used for a change without the CSRF token counts as no session, and a
 * route that needs one answers 403 naming the missing header rather than 401.
 */
export function resolveUser(em: () => EntityManager) {
  return async (ctx: Context) => {
    if (ctx.state.user !== undefined) return ctx.state.user;
    const token = requestToken(ctx);
    ctx.state.user = token ? await userForToken(em(), token) : null;
    return ctx.state.user;
  };
}

/** Why a request without a user was refused: 403 when only the console's CSRF token was missing, else 401. */
export function signInProblem(ctx: Context): Problem {
  return ctx.state.csrfRefused
    ? problems.forbidden(`A change made with the console's session cookie must carry the ${CSRF_HEADER} header.`)
    : problems.unauthorized();
}

export function identityRoutes(api: Api, tokenTtlSeconds: number, links: Links, limiter: RateLimiter): void {
  const tags = ['Identity'];
  api.route({
    method: 'post', path: '/auth/login', operationId: 'login', tags, access: 'public', body: s.loginBody, response: s.loginResponse,
    summary: 'Sign in with e-mail, password and, where set up, the TOTP code',
    description: 'Returns a bearer token for widgets and sets an HttpOnly, SameSite=Strict session cookie for the console. After 5 failed sign-ins for an account (since its last success) or 20 from one address within 15 minutes, answers 429 with Retry-After; so do more attempts in a minute from one address (IMI_RATE_SIGNIN_PER_MIN) or for one account (IMI_RATE_SIGNIN_ACCOUNT_PER_MIN) than allowed.',
    handler: async ({ em, body, ip, ctx }) => {
      await limiter.signIn(em, ip, body.email);
      const session = await login(em, { ...body, ip }, tokenTtlSeconds);
      ctx.cookies.set(SESSION_COOKIE, session.accessToken, {
        httpOnly: true, sameSite: 'strict', secure: ctx.secure, expires: session.expiresAt, path: '/', overwrite: true,
      });
      ctx.cookies.set(CSRF_COOKIE, randomBytes(24).toString('base64url'), {
        httpOnly: false, sameSite: 'strict', secure: ctx.secure, expires: session.expiresAt, path: '/', overwrite: true,
      });
      return session;
    },
  });
  api.route({
    method: 'post', path: '/auth/logout', operationId: 'logout', tags, access: 'signed-in',
    response: z.object({ signedOut: z.literal(true) }),
    summary: 'Sign out: the token and the cookie stop working',
    handler: async ({ em, ctx, user, ip }) => {
      const token = requestToken(ctx);
      if (token) await logout(em, user!, token, ip);
      ctx.cookies.set(SESSION_COOKIE, null, { path: '/' });
      ctx.cookies.set(CSRF_COOKIE, null, { path: '/' });
      return { signedOut: true as const };
    },
  });
  api.route({
    method: 'post', path: '/auth/activate', operationId: 'activate', tags, access: 'public', body: s.activateBody,
    response: s.activateResponse,
    summary: 'Set a password with the one-time link of a first sign-in or a reset',
    handler: ({ em, body, ip }) => activate(em, body, ip),
  });
  api.route({
    method: 'get', path: '/me', operationId: 'me', tags, access: 'signed-in', response: s.meResponse,
    summary: 'The signed-in user, its authority, roles per legislative area and coordinator powers',
    handler: ({ em, user, lang }) => me(em, user!, lang),
  });
  api.route({
    method: 'post', path: '/me/password', operationId: 'changePassword', tags, access: 'signed-in', body: s.changePasswordBody,
    response: z.object({ changed: z.literal(true) }),
    summary: 'Change your password; your other sign-ins end',
    handler: ({ em, user, body, ctx, ip }) => changePassword(em, user!, body, requestToken(ctx), ip),
  });
  api.route({
    method: 'post', path: '/me/totp', operationId: 'startTotp', tags, access: 'signed-in',
    response: z.object({ secret: z.string(), uri: z.string() }),
    summary: 'Start setting up a second factor: a secret for your authenticator app (otpauth:// URI)',
    handler: ({ em, user }) => startTotp(em, user!),
  });
  api.route({
    method: 'post', path: '/me/totp/confirm', operationId: 'confirmTotp', tags, access: 'signed-in', body: s.totpCodeBody,
    response: z.object({ totpEnabled: z.literal(true) }),
    summary: 'Confirm the second factor with a first code; every later sign-in needs a code',
    handler: ({ em, user, body, ctx, ip }) => confirmTotp(em, user!, body.code, requestToken(ctx), ip),
  });

  const users = ['Users'];
  const authorityParams = z.object({ id: z.string().uuid('Not an authority id') });
  api.route({
    method: 'get', path: '/authorities/{id}/users', operationId: 'listUsers', tags: users, params: authorityParams,
    access: { action: 'users:read', target: ({ params }) => ({ authorityId: params.id }) },
    response: z.object({ items: z.array(s.userView), nextCursor: z.null() }),
    summary: 'The users of an authority with their roles per area (its LDA and its coordinators)',
    handler: ({ em, params }) => listUsers(em, params.id),
  });
  api.route({
    method: 'post', path: '/authorities/{id}/users', operationId: 'createUser', tags: users, params: authorityParams, body: s.newUserBody, status: 201,
    access: { action: 'users:manage', target: ({ params }) => ({ authorityId: params.id }) },
    response: s.userView,
    summary: 'Create a user of your authority; a one-time link to set the password is e-mailed',
    handler: ({ em, params, body, user, ip }) => createUser(em, links, user, params.id, body, ip),
  });
  api.route({
    method: 'patch', path: '/users/{id}', operationId: 'updateUser', tags: users, params: s.userIdParams, body: s.userPatchBody,
    access: { action: 'users:manage', target: ({ params }) => ({ userId: params.id }) },
    response: s.userView,
    summary: 'Edit, deactivate or reactivate a user and set its roles per area (its authority\'s LDA)',
    handler: ({ em, params, body, user, ip }) => updateUser(em, user!, params.id, body, ip),
  });
  api.route({
    method: 'post', path: '/users/{id}/reset', operationId: 'resetUser', tags: users, params: s.userIdParams,
    access: { action: 'users:reset', target: ({ params }) => ({ userId: params.id }) },
    response: z.object({ reset: z.literal(true) }),
    summary: 'Reset a user\'s password and second factor and e-mail a new one-time link (its LDA, or a coordinator for a coordinated authority)',
    handler: ({ em, params, user, ip }) => resetUser(em, links, user!, params.id, ip),
  });
}

const providerBody = z.object({
  country: z.string().regex(/^[A-Z]{2}$/, 'Use an ISO 3166 alpha-2 code in capitals, e.g. DE'),
  issuer: z.string().url('The issuer URL of the provider').max(400),
  audience: z.string().min(1).max(400),
  jwks: z.object({ keys: z.array(z.record(z.string(), z.unknown())).min(1, 'At least one public key').max(20) }),
  userClaim: z.enum(['email', 'sub']).default('email'),
});
const providerView = z.object({
  id: z.number().int(), country: z.string(), issuer: z.string(), audience: z.string(), userClaim: z.enum(['email', 'sub']),
  keys: z.number().int(),
  keyIds: z.array(z.object({ kid: z.string().nullable(), kty: z.string(), alg: z.string().nullable(), use: z.string().nullable() }))
    .describe('Each key of the JWKS by its id, type, algorithm and use (the key material is not shown)'),
  version: z.number().int(),
});

export function identityProviderRoutes(api: Api): void {
  const tags = ['Administration'];
  api.route({
    method: 'patch', path: '/admin/users/{id}', operationId: 'setAdministratorPowers', tags, params: s.userIdParams,
    body: z.object({ version, commissionAdmin: z.boolean().optional(), dataProtectionAdmin: z.boolean().optional() }),
    access: { action: 'users:grant-admin', target: ({ params }) => ({ userId: params.id }) },
    response: s.userView.extend({ commissionAdmin: z.boolean(), dataProtectionAdmin: z.boolean() }),
    summary: 'Grant or withdraw Commission or data-protection administrator powers (a Commission administrator)',
    description: 'The user\'s sign-ins end; its administrator powers work only in a sign-in confirmed by a second factor.',
    handler: ({ em, params, body, user, ip }) => setAdministratorPowers(em, user!, params.id, body, ip),
  });
  api.route({
    method: 'get', path: '/admin/identity-providers', operationId: 'listIdentityProviders', tags,
    query: z.object({ country: z.string().regex(/^[A-Z]{2}$/, 'Use an ISO 3166 alpha-2 code in capitals, e.g. DE') }),
    access: { action: 'idp:manage', target: ({ query }) => ({ country: query.country }) },
    response: z.object({ items: z.array(providerView), nextCursor: z.null() }),
    summary: 'The identity providers trusted for a state',
    handler: ({ em, query }) => listProviders(em, query.country),
  });
  api.route({
    method: 'post', path: '/admin/identity-providers', operationId: 'saveIdentityProvider', tags, body: providerBody,
    access: { action: 'idp:manage', target: ({ body }) => ({ country: body.country }) },
    response: providerView,
    summary: 'Trust a state\'s identity provider (issuer, audience, JWKS): its signed tokens then sign in that state\'s users',
    description: 'A national portal may hand its own users\' tokens to the widgets as bearer tokens. A token is accepted when it is signed by a key of the JWKS, names this issuer and audience, has not expired, and its email (or sub, mapped to the user\'s idpSubject) names an active user of an authority of that state. The NIMIC of the state or a Commission administrator registers it.',
    handler: ({ em, body, user, ip }) => saveProvider(em, user!, body, ip),
  });
}
