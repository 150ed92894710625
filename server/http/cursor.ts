import { problems } from './problem.js';

/** Keyset cursors are opaque to clients: the sort values of the last item of a page, base64url-encoded JSON. */
export function encodeCursor(values: (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor<T extends (string | number)[]>(cursor: string | undefined, shape: ('string' | 'number')[]): T | null {
  if (cursor === undefined) return null;
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(values) && values.length === shape.length && values.every((v, i) => typeof v === shape[i])) {
      return values as T;
    }
  } catch {
    // fall through to the problem below
  }
  throw problems.invalid([{ path: 'cursor', in: 'query', message: 'Not a cursor this list returned; start again without it.' }]);
}
