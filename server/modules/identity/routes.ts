import type { Context } from 'koa';
import { z } from 'zod';
import type { Api } from '../../http/api.js';
import * as s from './schemas.js';
import { login, logout, me, userForToken } from './service.js';
import type { EntityManager } from '@mikro-orm/postgresql';

export const SESSION_COOKIE = 'imi_session';

/** The token a request carries: `Authorization: Bearer …` (widgets, back-office systems) or the console's cookie. */
export function requestToken(ctx: Context): string | null {
  const header = ctx.get('Authorization');
  if (header) {
    const match = /^Bearer\s+([A-Za-z0-9_-]{20,200})$/.exec(header);
    return match ? match[1] : null;
  }
  return ctx.cookies.get(SESSION_COOKIE) ?? null;
}

export function resolveUser(em: () => EntityManager) {
  return async (ctx: Context) => {
    if (ctx.state.user !== undefined) return ctx.state.user;
    const token = requestToken(ctx);
    ctx.state.user = token ? await userForToken(em(), token) : null;
    return ctx.state.user;
  };
}

export function identityRoutes(api: Api, tokenTtlSeconds: number): void {
  const tags = ['Identity'];
  api.route({
    method: 'post', path: '/auth/login', operationId: 'login', tags, body: s.loginBody, response: s.loginResponse,
    summary: 'Sign in with e-mail and password',
    description: 'Returns a bearer token for widgets and sets an HttpOnly, SameSite=Strict session cookie for the console. After 5 failed sign-ins for an account (since its last success) or 20 from one address within 15 minutes, answers 429 with Retry-After.',
    handler: async ({ em, body, ctx }) => {
      const session = await login(em, { email: body.email, password: body.password, ip: ctx.ip || null }, tokenTtlSeconds);
      ctx.cookies.set(SESSION_COOKIE, session.accessToken, {
        httpOnly: true, sameSite: 'strict', secure: ctx.secure, expires: session.expiresAt, path: '/', overwrite: true,
      });
      return session;
    },
  });
  api.route({
    method: 'post', path: '/auth/logout', operationId: 'logout', tags, auth: 'required', status: 200,
    response: z.object({ signedOut: z.literal(true) }),
    summary: 'Sign out: the token and the cookie stop working',
    handler: async ({ em, ctx, user }) => {
      const token = requestToken(ctx);
      if (token) await logout(em, user!, token, ctx.ip || null);
      ctx.cookies.set(SESSION_COOKIE, null, { path: '/' });
      return { signedOut: true as const };
    },
  });
  api.route({
    method: 'get', path: '/me', operationId: 'me', tags, auth: 'required', response: s.meResponse,
    summary: 'The signed-in user, its authority, roles per legislative area and coordinator powers',
    handler: ({ em, user, lang }) => me(em, user!, lang),
  });
}
