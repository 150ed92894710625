import { z } from 'zod';

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(100).default(20).describe('Items per page, 1 to 100'),
  cursor: z.string().min(1).max(1000).optional().describe('nextCursor of the previous page'),
};

export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/** A query string value that must be a single value, trimmed; empty means absent. */
export const text = (max: number) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v), z.string().max(max).optional());

/** PostgreSQL's `integer`: a larger number would make the database fail instead of the input being refused. */
const INT4_MAX = 2_147_483_647;

/** The version of a record the client last saw (optimistic concurrency). */
export const version = z.number().int().min(1).max(INT4_MAX, 'Not a version this record had');

/** A numeric id in a path. */
export const numericId = (message: string) => z.coerce.number().int(message).min(1, message).max(INT4_MAX, message);
