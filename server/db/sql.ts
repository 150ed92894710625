import type { EntityManager } from '@mikro-orm/postgresql';
import { problems } from '../http/problem.js';

/**
 * A piece of SQL with its bindings in order. Built with the `sql` tag, so a value can never be spliced into the text
 * and the `?` placeholders always line up with their values, however fragments are combined.
 */
export class Sql {
  constructor(
    readonly text: string,
    readonly params: unknown[],
  ) {}

  /** The same statement with PostgreSQL's numbered placeholders, for node-postgres. */
  numbered(): { text: string; values: unknown[] } {
    let n = 0;
    return { text: this.text.replace(/\?/g, () => `$${++n}`), values: this.params };
  }
}

export function sql(strings: TemplateStringsArray, ...values: unknown[]): Sql {
  let text = strings[0];
  const params: unknown[] = [];
  values.forEach((value, i) => {
    if (value instanceof Sql) {
      text += value.text;
      params.push(...value.params);
    } else {
      text += '?';
      params.push(value);
    }
    text += strings[i + 1];
  });
  return new Sql(text, params);
}

/** Trusted SQL text without bindings (identifiers and constants chosen by the code, never by a client). */
export function raw(text: string): Sql {
  return new Sql(text, []);
}

export function join(parts: Sql[], separator: string): Sql {
  return new Sql(parts.map((p) => p.text).join(separator), parts.flatMap((p) => p.params));
}

export const empty = raw('');

/**
 * Optimistic concurrency for a whole change: moves a row's version on only from the version the client last saw, so a
 * change made meanwhile by someone else ends in 409 instead of being overwritten.
 */
export async function claimVersion(em: EntityManager, table: 'app_user' | 'authority', id: string, version: number): Promise<void> {
  const rows = await em.execute<{ version: number }[]>(`update ${table} set version = version + 1 where id = ? and version = ? returning version`, [id, version]);
  if (!rows.length) throw problems.conflict('Someone changed this record since you read it; reload it and try again.');
}

/**
 * A PostgreSQL array literal for a binding: the query builder would spread a JavaScript array into a list of
 * placeholders, so array parameters (`= any(?::uuid[])`, `text[]` columns) are passed as one literal.
 */
export function pgArray(values: readonly (string | number)[]): string {
  return `{${values.map((v) => `"${String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}
