import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** RFC 6238 with the parameters every authenticator app supports: HMAC-SHA-1, six digits, 30-second steps. */
const codeDigits = 6;
const stepSeconds = 30;
/** RFC 4226 recommends 160-bit secrets, the length of an HMAC-SHA-1 output. */
const secretBytes = 20;

const base32Alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding, the form authenticator apps expect in an otpauth URI. */
export function base32Encode(bytes: Uint8Array): string {
  let output = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      output += base32Alphabet[(buffer >>> bits) & 31];
    }
  }
  if (bits > 0) output += base32Alphabet[(buffer << (5 - bits)) & 31];
  return output;
}

/** Reads base32 in any case, with or without padding and the spaces apps show secrets with. */
export function base32Decode(text: string): Buffer {
  const digits = text.toUpperCase().replace(/[\s=]/g, '');
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const digit of digits) {
    const value = base32Alphabet.indexOf(digit);
    if (value === -1) throw new Error('Not a base32 string');
    buffer = ((buffer << 5) | value) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >>> bits) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

export function generateTotpSecret(): string {
  return base32Encode(randomBytes(secretBytes));
}

/** The Key URI Format authenticator apps read from a QR code; the issuer appears both in the label and as a parameter. */
export function totpUri(secret: string, account: string, issuer: string): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const parameters = [
    `secret=${encodeURIComponent(secret)}`,
    `issuer=${encodeURIComponent(issuer)}`,
    'algorithm=SHA1',
    `digits=${codeDigits}`,
    `period=${stepSeconds}`,
  ];
  return `otpauth://totp/${label}?${parameters.join('&')}`;
}

function stepAt(at: Date): number {
  return Math.floor(at.getTime() / 1000 / stepSeconds);
}

/** RFC 4226 HOTP: the HMAC of the counter, dynamically truncated to 31 bits, then to the last digits. */
function hotp(key: Buffer, counter: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const hmac = createHmac('sha1', key).update(message).digest();
  const offset = hmac[hmac.length - 1] & 0x0f;
  const truncated = hmac.readUInt32BE(offset) & 0x7fffffff;
  return String(truncated % 10 ** codeDigits).padStart(codeDigits, '0');
}

export function totpCode(secret: string, at: Date = new Date()): string {
  return hotp(base32Decode(secret), stepAt(at));
}

/**
 * The time step the code belongs to, or null; accepts the previous and next step for clock drift. Callers store the
 * last accepted step and refuse a step not greater than it, so a code cannot be replayed.
 */
export function verifyTotp(secret: string, code: string, options: { at?: Date; window?: number; afterStep?: number } = {}): number | null {
  if (!/^\d+$/.test(code) || code.length !== codeDigits) return null;
  const key = base32Decode(secret);
  const current = stepAt(options.at ?? new Date());
  const window = options.window ?? 1;
  const offered = Buffer.from(code);
  for (let step = current - window; step <= current + window; step++) {
    if (options.afterStep !== undefined && step <= options.afterStep) continue;
    if (timingSafeEqual(Buffer.from(hotp(key, step)), offered)) return step;
  }
  return null;
}
