import type { EntityManager } from '@mikro-orm/postgresql';
import { problems } from '../../http/problem.js';
import { audit } from '../audit/service.js';
import { IdentityProviderConfig } from './entities.js';
import { verifyNationalToken } from './national-idp.js';
import { forgetIdentityProviders, type AuthUser } from './service.js';

export interface ProviderInput {
  country: string;
  issuer: string;
  audience: string;
  jwks: { keys: Record<string, unknown>[] };
  userClaim: 'email' | 'sub';
}

const member = (key: Record<string, unknown>, name: string) => (typeof key[name] === 'string' ? (key[name] as string) : null);

/** What identifies each key, never its material: enough to compare with the provider's published key set. */
function keyIds(jwks: { keys: Record<string, unknown>[] }) {
  return jwks.keys.map((key) => ({ kid: member(key, 'kid'), kty: member(key, 'kty') ?? '', alg: member(key, 'alg'), use: member(key, 'use') }));
}

function view(p: { id: number; country: { code: string }; issuer: string; audience: string; jwks: { keys: Record<string, unknown>[] }; userClaim: 'email' | 'sub'; version: number }) {
  return { id: p.id, country: p.country.code, issuer: p.issuer, audience: p.audience, userClaim: p.userClaim, keys: p.jwks.keys.length, keyIds: keyIds(p.jwks), version: p.version };
}

export async function listProviders(em: EntityManager, country?: string) {
  const rows = await em.find(IdentityProviderConfig, country ? { country } : {}, { orderBy: { country: 'asc', issuer: 'asc' } });
  return { items: rows.map(view), nextCursor: null };
}

/** Registers a state's identity provider, or replaces the keys and settings of one with the same issuer. */
export async function saveProvider(em: EntityManager, actor: AuthUser, input: ProviderInput, ip: string | null) {
  try {
    // Checks the keys and settings the way every token will be checked, before anyone relies on them.
    await verifyNationalToken('x.y.z', [{ ...input, jwks: input.jwks as never }]);
  } catch (error) {
    throw problems.invalid([{ path: 'jwks', in: 'body', message: error instanceof Error ? error.message : 'Not a usable key set' }]);
  }
  const existing = await em.findOne(IdentityProviderConfig, { issuer: input.issuer });
  if (existing && existing.country.code !== input.country) throw problems.conflict('This issuer is registered for another state.');
  const provider = existing ?? em.create(IdentityProviderConfig, { country: input.country, issuer: input.issuer, audience: input.audience, jwks: input.jwks, userClaim: input.userClaim });
  Object.assign(provider, { audience: input.audience, jwks: input.jwks, userClaim: input.userClaim });
  await em.flush();
  audit(em, { action: 'idp.save', actorId: actor.id, actorEmail: actor.email, authorityId: actor.authorityId, record: { type: 'identity-provider', id: String(provider.id) }, fields: ['issuer', 'audience', 'jwks', 'userClaim'], ip });
  await em.flush();
  forgetIdentityProviders();
  return view(provider);
}
