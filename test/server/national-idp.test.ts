import { randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, UnsecuredJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { looksLikeJwt, verifyNationalToken, type IdentityProvider } from '../../server/modules/identity/national-idp.js';

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  jwk: JWK;
}

async function signingKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' } };
}

const now = () => Math.floor(Date.now() / 1000);

let germanKey: SigningKey;
let germanNextKey: SigningKey;
let austrianKey: SigningKey;
let germany: IdentityProvider;
let austria: IdentityProvider;

beforeAll(async () => {
  [germanKey, germanNextKey, austrianKey] = await Promise.all([signingKey('de-2026'), signingKey('de-2027'), signingKey('at-1')]);
  germany = {
    country: 'DE',
    issuer: 'https://id.portal.example.de',
    jwks: { keys: [germanKey.jwk] },
    audience: 'imi-network',
    userClaim: 'email',
  };
  austria = {
    country: 'AT',
    issuer: 'https://login.portal.example.at',
    jwks: { keys: [austrianKey.jwk] },
    audience: 'https://imi.example.eu',
    userClaim: 'sub',
  };
});

function sign(key: SigningKey, claims: JWTPayload, options: { kid?: string; expiresIn?: string | number } = {}): Promise<string> {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: options.kid ?? key.kid }).setIssuedAt();
  if (options.expiresIn !== undefined) jwt.setExpirationTime(options.expiresIn);
  return jwt.sign(key.privateKey);
}

const germanClaims = { iss: 'https://id.portal.example.de', aud: 'imi-network', sub: 'de-7731', email: 'Handler.DE@IMI.test' };

describe('verifyNationalToken', () => {
  it('accepts a token of a registered provider and names the user by the lower-cased e-mail', async () => {
    const token = await sign(germanKey, germanClaims, { expiresIn: '5m' });
    expect(await verifyNationalToken(token, [austria, germany])).toEqual({
      country: 'DE', issuer: 'https://id.portal.example.de', claim: 'email', value: 'handler.de@imi.test',
    });
  });

  it('names the user by the subject for a provider that uses it', async () => {
    const token = await sign(austrianKey, { iss: austria.issuer, aud: austria.audience, sub: 'AT:Zmr-0042', email: 'x@imi.test' }, { expiresIn: '5m' });
    expect(await verifyNationalToken(token, [germany, austria])).toEqual({
      country: 'AT', issuer: 'https://login.portal.example.at', claim: 'sub', value: 'AT:Zmr-0042',
    });
  });

  it('refuses a token without the claim that names the user, or whose e-mail the provider calls unverified', async () => {
    const withoutEmail = { iss: germanClaims.iss, aud: germanClaims.aud, sub: germanClaims.sub };
    expect(await verifyNationalToken(await sign(germanKey, withoutEmail, { expiresIn: '5m' }), [germany])).toBeNull();
    expect(await verifyNationalToken(await sign(germanKey, { ...germanClaims, email_verified: false }, { expiresIn: '5m' }), [germany])).toBeNull();
    expect(await verifyNationalToken(await sign(germanKey, { ...germanClaims, email_verified: true }, { expiresIn: '5m' }), [germany])).not.toBeNull();
    const withoutSubject = { iss: austria.issuer, aud: austria.audience, email: 'x@imi.test' };
    expect(await verifyNationalToken(await sign(austrianKey, withoutSubject, { expiresIn: '5m' }), [austria])).toBeNull();
  });

  it('refuses an expired token beyond 30 seconds of clock tolerance, and one without an expiry', async () => {
    expect(await verifyNationalToken(await sign(germanKey, germanClaims, { expiresIn: now() - 120 }), [germany])).toBeNull();
    expect(await verifyNationalToken(await sign(germanKey, germanClaims, { expiresIn: now() - 10 }), [germany])).not.toBeNull();
    expect(await verifyNationalToken(await sign(germanKey, germanClaims), [germany])).toBeNull();
  });

  it('refuses a token that is not valid yet', async () => {
    const token = await sign(germanKey, { ...germanClaims, nbf: now() + 120 }, { expiresIn: '10m' });
    expect(await verifyNationalToken(token, [germany])).toBeNull();
  });

  it('refuses a token of an unknown issuer', async () => {
    const token = await sign(germanKey, { ...germanClaims, iss: 'https://id.portal.example.fr' }, { expiresIn: '5m' });
    expect(await verifyNationalToken(token, [germany, austria])).toBeNull();
  });

  it('refuses a token that claims another provider as issuer but is signed with the first one\'s key', async () => {
    const claims = { iss: austria.issuer, aud: austria.audience, sub: 'AT:Zmr-0042' };
    expect(await verifyNationalToken(await sign(germanKey, claims, { expiresIn: '5m' }), [germany, austria])).toBeNull();
    expect(await verifyNationalToken(await sign(germanKey, claims, { expiresIn: '5m', kid: austrianKey.kid }), [germany, austria])).toBeNull();
  });

  it('refuses a token for another audience', async () => {
    const token = await sign(germanKey, { ...germanClaims, aud: 'another-service' }, { expiresIn: '5m' });
    expect(await verifyNationalToken(token, [germany])).toBeNull();
  });

  it('refuses a token whose payload was changed after signing', async () => {
    const [header, payload, signature] = (await sign(germanKey, germanClaims, { expiresIn: '5m' })).split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as JWTPayload;
    const forged = Buffer.from(JSON.stringify({ ...claims, email: 'commission.admin@imi.test' })).toString('base64url');
    expect(await verifyNationalToken(`${header}.${forged}.${signature}`, [germany])).toBeNull();
    expect(await verifyNationalToken(`${header}.${payload}.${signature}`, [germany])).not.toBeNull();
  });

  it('refuses an unsigned token (alg none)', async () => {
    const token = new UnsecuredJWT(germanClaims).setIssuedAt().setExpirationTime('5m').encode();
    expect(looksLikeJwt(token)).toBe(true);
    expect(await verifyNationalToken(token, [germany])).toBeNull();
  });

  it('returns null for garbage instead of throwing', async () => {
    const garbage = [
      '', 'abc', '...', 'a.b.c', 'a.b', 'Bearer x.y.z', '{"iss":"https://id.portal.example.de"}',
      `${Buffer.from('{"alg":"ES256"}').toString('base64url')}.${Buffer.from('{"iss":"https://id.portal.example.de"').toString('base64url')}.sig`,
      `${Buffer.from('{"alg":"ES256"}').toString('base64url')}.${Buffer.from('{"iss":"https://id.portal.example.de","exp":9999999999,"aud":"imi-network","email":"a@b"}').toString('base64url')}.`,
      randomBytes(32).toString('base64url'),
    ];
    for (const token of garbage) expect(await verifyNationalToken(token, [germany])).toBeNull();
  });

  it('picks the key by kid from a JWKS that holds the current and the next key', async () => {
    const rotating = { ...germany, jwks: { keys: [germanKey.jwk, germanNextKey.jwk] } };
    expect(await verifyNationalToken(await sign(germanKey, germanClaims, { expiresIn: '5m' }), [rotating])).not.toBeNull();
    expect(await verifyNationalToken(await sign(germanNextKey, germanClaims, { expiresIn: '5m' }), [rotating])).not.toBeNull();
    expect(await verifyNationalToken(await sign(germanNextKey, germanClaims, { expiresIn: '5m', kid: germanKey.kid }), [rotating])).toBeNull();

    const retired = { ...germany, jwks: { keys: [germanNextKey.jwk] } };
    expect(await verifyNationalToken(await sign(germanKey, germanClaims, { expiresIn: '5m' }), [retired])).toBeNull();
  });

  it('throws for a malformed provider configuration, even for a token it would refuse anyway', async () => {
    await expect(verifyNationalToken('abc', [germany, { ...germany, country: 'AT' }])).rejects.toThrow('registered twice');
    await expect(verifyNationalToken('abc', [{ ...germany, jwks: { keys: [] } }])).rejects.toThrow('has no keys');
    await expect(verifyNationalToken('abc', [{ ...germany, audience: '' }])).rejects.toThrow('has no audience');
    await expect(verifyNationalToken('abc', [{ ...germany, userClaim: 'name' as 'email' }])).rejects.toThrow('user claim');
    await expect(verifyNationalToken('abc', [{ ...germany, country: 'Germany' }])).rejects.toThrow('country code');
    await expect(verifyNationalToken('abc', [{ ...germany, jwks: { keys: [{ kid: 'x' } as JWK] } }])).rejects.toThrow('key type');
  });
});

describe('looksLikeJwt', () => {
  it('tells a signed JWT from an IMI session token and other strings', async () => {
    expect(looksLikeJwt(await sign(germanKey, germanClaims, { expiresIn: '5m' }))).toBe(true);
    for (const token of [randomBytes(32).toString('base64url'), '', 'a.b.c', 'x.y', 'eyJ.eyJ.', 'ab$.cd.ef']) {
      expect(looksLikeJwt(token)).toBe(false);
    }
  });
});
