import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, errors, jwtVerify, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';

/** A state's identity provider: its national portals sign in their users there and hand the widgets its tokens. */
export interface IdentityProvider {
  country: string;
  issuer: string;
  jwks: JSONWebKeySet;
  audience: string;
  /** The claim that names the IMI user: their e-mail address, or the subject the provider registered for them. */
  userClaim: 'email' | 'sub';
}

export interface NationalIdentity {
  country: string;
  issuer: string;
  claim: 'email' | 'sub';
  value: string;
}

/** Asymmetric algorithms only: a shared-secret HS256 key in a public key set would let anyone who reads it sign. */
const algorithms = ['RS256', 'PS256', 'ES256', 'EdDSA'];
const clockToleranceSeconds = 30;

/** Compact JWS shape: three base64url parts (the signature may be empty) and a header that names an algorithm. */
export function looksLikeJwt(token: string): boolean {
  if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token)) return false;
  try {
    return typeof decodeProtectedHeader(token).alg === 'string';
  } catch {
    return false;
  }
}

/**
 * Verifies a JWT from one of the registered providers; null when it is not a JWT of a known issuer or fails
 * verification (signature, expiry, not-before, audience).
 */
export async function verifyNationalToken(token: string, providers: IdentityProvider[]): Promise<NationalIdentity | null> {
  assertValidProviders(providers);
  const provider = providers.find((candidate) => candidate.issuer === unverifiedIssuer(token));
  if (!provider) return null;
  try {
    const { payload } = await jwtVerify(token, keySetOf(provider), {
      issuer: provider.issuer,
      audience: provider.audience,
      algorithms,
      clockTolerance: clockToleranceSeconds,
      requiredClaims: ['exp'],
    });
    if (provider.userClaim === 'sub') {
      return typeof payload.sub === 'string' && payload.sub ? identity(provider, payload.sub) : null;
    }
    // A provider that says the address is unverified does not vouch for who owns it.
    if (typeof payload.email !== 'string' || !payload.email || payload.email_verified === false) return null;
    return identity(provider, payload.email.toLowerCase());
  } catch (error) {
    if (error instanceof errors.JOSEError) return null;
    throw error;
  }
}

function identity(provider: IdentityProvider, value: string): NationalIdentity {
  return { country: provider.country, issuer: provider.issuer, claim: provider.userClaim, value };
}

/** The `iss` claim read without verification: it only chooses whose keys to verify with. */
function unverifiedIssuer(token: string): string | null {
  try {
    const { iss } = decodeJwt(token);
    return typeof iss === 'string' ? iss : null;
  } catch {
    return null;
  }
}

/** One key set per JWKS object, so keys are imported once rather than for every request. */
const keySets = new WeakMap<JSONWebKeySet, JWTVerifyGetKey>();

function keySetOf(provider: IdentityProvider): JWTVerifyGetKey {
  let keySet = keySets.get(provider.jwks);
  if (!keySet) {
    keySet = createLocalJWKSet(provider.jwks);
    keySets.set(provider.jwks, keySet);
  }
  return keySet;
}

/** A configuration mistake is the operator's to fix, so it fails loudly instead of refusing every user of that state. */
function assertValidProviders(providers: IdentityProvider[]): void {
  const issuers = new Set<string>();
  for (const provider of providers) {
    const name = `Identity provider ${JSON.stringify(provider.issuer)}`;
    if (typeof provider.issuer !== 'string' || !provider.issuer) throw new Error(`Identity provider of ${provider.country} has no issuer`);
    if (issuers.has(provider.issuer)) throw new Error(`${name} is registered twice`);
    issuers.add(provider.issuer);
    if (typeof provider.country !== 'string' || !/^[A-Z]{2}$/.test(provider.country)) throw new Error(`${name} has no two-letter country code`);
    if (typeof provider.audience !== 'string' || !provider.audience) throw new Error(`${name} has no audience`);
    if (provider.userClaim !== 'email' && provider.userClaim !== 'sub') throw new Error(`${name} names neither 'email' nor 'sub' as its user claim`);
    const keys: unknown = provider.jwks?.keys;
    if (!Array.isArray(keys) || keys.length === 0) throw new Error(`${name} has no keys in its JWKS`);
    if (!keys.every((key) => typeof key === 'object' && key !== null && typeof (key as { kty?: unknown }).kty === 'string')) {
      throw new Error(`${name} has a key without a key type in its JWKS`);
    }
  }
}
