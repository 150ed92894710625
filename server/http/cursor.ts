import type { z } from 'zod';
import { problems } from './problem.js';

/** Keyset cursors are opaque to clients: the sort values of the last item of a page, base64url-encoded JSON. */
export function encodeCursor(values: (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/**
 * The sort values of a cursor, checked against the schema of the list's sort key: a cursor is client input, and a
 * forged one must be refused here rather than reach the database.
 */
export function decodeCursor<S extends z.ZodType<(string | number)[]>>(cursor: string | undefined, shape: S): z.output<S> | null {
  if (cursor === undefined) return null;
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    values = undefined;
  }
  const parsed = shape.safeParse(values);
  if (parsed.success) return parsed.data;
  throw problems.invalid([{ path: 'cursor', in: 'query', message: 'Not a cursor this list returned; start again without it.' }]);
}
