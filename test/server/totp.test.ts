import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, generateTotpSecret, totpCode, totpUri, verifyTotp } from '../../server/modules/identity/totp.js';

/** The SHA-1 seed of RFC 6238 Appendix B, ASCII "12345678901234567890". */
const rfcSecret = base32Encode(Buffer.from('12345678901234567890', 'ascii'));

/** RFC 6238 Appendix B, SHA-1: Unix time → eight-digit TOTP. */
const rfcVectors: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

const atSeconds = (seconds: number) => new Date(seconds * 1000);

describe('base32', () => {
  it('encodes the RFC 4648 test vectors, without padding', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'MY'],
      ['fo', 'MZXQ'],
      ['foo', 'MZXW6'],
      ['foob', 'MZXW6YQ'],
      ['fooba', 'MZXW6YTB'],
      ['foobar', 'MZXW6YTBOI'],
    ];
    for (const [plain, encoded] of vectors) {
      expect(base32Encode(Buffer.from(plain))).toBe(encoded);
      expect(base32Decode(encoded).toString()).toBe(plain);
    }
    expect(rfcSecret).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  });

  it('round-trips bytes of every length and reads lower case, padding and spaces', () => {
    for (let length = 0; length <= 41; length++) {
      const bytes = randomBytes(length);
      expect(base32Decode(base32Encode(bytes)).equals(bytes)).toBe(true);
    }
    expect(base32Decode('mzxw 6ytb oi======').toString()).toBe('foobar');
  });

  it('refuses characters outside the alphabet', () => {
    expect(() => base32Decode('MZXW1')).toThrow('Not a base32 string');
  });
});

describe('TOTP secrets and URIs', () => {
  it('generates distinct 160-bit secrets', () => {
    const secret = generateTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(secret)).toHaveLength(20);
    expect(generateTotpSecret()).not.toBe(secret);
  });

  it('builds an otpauth URI with the issuer in label and parameters, URI-encoded', () => {
    expect(totpUri('GEZDGNBVGY3TQOJQ', 'jürgen.groß@imi.test', 'IMI Network')).toBe(
      'otpauth://totp/IMI%20Network:j%C3%BCrgen.gro%C3%9F%40imi.test?secret=GEZDGNBVGY3TQOJQ&issuer=IMI%20Network&algorithm=SHA1&digits=6&period=30',
    );
  });
});

describe('TOTP codes', () => {
  it('matches the last six digits of the RFC 6238 SHA-1 test vectors', () => {
    for (const [seconds, expected] of rfcVectors) {
      expect(totpCode(rfcSecret, atSeconds(seconds))).toBe(expected.slice(-6));
    }
  });

  it('verifies each RFC vector at its own time and returns its time step', () => {
    for (const [seconds, expected] of rfcVectors) {
      expect(verifyTotp(rfcSecret, expected.slice(-6), { at: atSeconds(seconds) })).toBe(Math.floor(seconds / 30));
    }
  });

  it('accepts the previous and next step for clock drift, not further', () => {
    const now = atSeconds(1111111111);
    const step = Math.floor(1111111111 / 30);
    const codeAt = (offsetSteps: number) => totpCode(rfcSecret, atSeconds((step + offsetSteps) * 30));
    expect(verifyTotp(rfcSecret, codeAt(-1), { at: now })).toBe(step - 1);
    expect(verifyTotp(rfcSecret, codeAt(1), { at: now })).toBe(step + 1);
    expect(verifyTotp(rfcSecret, codeAt(-2), { at: now })).toBeNull();
    expect(verifyTotp(rfcSecret, codeAt(2), { at: now })).toBeNull();
    expect(verifyTotp(rfcSecret, codeAt(-1), { at: now, window: 0 })).toBeNull();
    expect(verifyTotp(rfcSecret, codeAt(-2), { at: now, window: 2 })).toBe(step - 2);
  });

  it('refuses a code whose step is not after the last accepted one, so it cannot be replayed', () => {
    const now = atSeconds(1234567890);
    const code = totpCode(rfcSecret, now);
    const accepted = verifyTotp(rfcSecret, code, { at: now });
    expect(accepted).toBe(Math.floor(1234567890 / 30));
    expect(verifyTotp(rfcSecret, code, { at: now, afterStep: accepted! })).toBeNull();
    expect(verifyTotp(rfcSecret, code, { at: atSeconds(1234567890 + 20), afterStep: accepted! })).toBeNull();
    expect(verifyTotp(rfcSecret, totpCode(rfcSecret, atSeconds(1234567890 - 30)), { at: now, afterStep: accepted! })).toBeNull();

    const nextStepCode = totpCode(rfcSecret, atSeconds(1234567890 + 30));
    expect(verifyTotp(rfcSecret, nextStepCode, { at: atSeconds(1234567890 + 30), afterStep: accepted! })).toBe(accepted! + 1);
  });

  it('returns null for a wrong code and for malformed ones', () => {
    const now = atSeconds(2000000000);
    const code = totpCode(rfcSecret, now);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    expect(verifyTotp(rfcSecret, wrong, { at: now })).toBeNull();
    for (const malformed of ['', '27903', '2790370', '69279037', '27903a', ' 279037', '279 037', '２７９０３７', '-27903', '27903.']) {
      expect(verifyTotp(rfcSecret, malformed, { at: now })).toBeNull();
    }
    expect(verifyTotp(rfcSecret, code, { at: now })).not.toBeNull();
  });

  it('uses the current time by default', () => {
    const secret = generateTotpSecret();
    expect(verifyTotp(secret, totpCode(secret))).not.toBeNull();
  });
});
