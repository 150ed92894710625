import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArray, raw, sql, type Sql } from '../../db/sql.js';
import { fold, prefixTsQuery } from './fold.js';

/** Queries shorter than this are matched by prefix only: trigrams of two letters find noise, not typos. */
const FUZZY_MIN_LENGTH = 4;

export interface TermQuery {
  folded: string;
  tsQuery: string;
  fuzzy: boolean;
}

export function termQuery(q: string): TermQuery | null {
  const folded = fold(q);
  if (!folded) return null;
  return { folded, tsQuery: prefixTsQuery(folded), fuzzy: folded.length >= FUZZY_MIN_LENGTH };
}

/**
 * Selects, per profession or keyword, the best matching search term for a query in any language: exact name (1.0),
 * whole-text prefix (0.9), every word as a prefix (0.8), then trigram word similarity for typos (up to 0.7).
 * Columns: ref_kind, ref_id, text, locale, score.
 */
export function bestTermsSql(query: TermQuery, refKind?: 'profession' | 'keyword'): Sql {
  const fuzzyScore = query.fuzzy ? sql`word_similarity(${query.folded}, t.norm) * 0.7` : raw('0');
  const fuzzyWhere = query.fuzzy ? sql` or ${query.folded} <% t.norm` : raw('');
  const kindWhere = refKind ? sql` and t.ref_kind = ${refKind}` : raw('');
  return sql`select distinct on (t.ref_kind, t.ref_id) t.ref_kind, t.ref_id, t.text, t.locale,
      (case when t.norm = ${query.folded} then 1.0
            when t.norm like ${query.folded} || '%' then 0.9
            when to_tsvector('simple', t.norm) @@ to_tsquery('simple', ${query.tsQuery}) then 0.8
            else ${fuzzyScore} end)::float8 as score
    from search_term t
   where (t.norm like ${query.folded} || '%' or to_tsvector('simple', t.norm) @@ to_tsquery('simple', ${query.tsQuery})${fuzzyWhere})${kindWhere}
   order by t.ref_kind, t.ref_id, score desc, length(t.text)`;
}

/**
 * Writes again the search terms of the given professions from what the database holds now — their names, extra terms
 * and national titles, folded as the seed folds them — so the directory finds a changed or new profession by its
 * current texts in every language. Run it in the transaction that changed them.
 */
export async function refreshProfessionTerms(em: EntityManager, ids: number[]): Promise<void> {
  if (!ids.length) return;
  const professions = await em.execute<{ id: number; names: Record<string, string>; terms: Record<string, string[]> }[]>(
    'select id, names, terms from profession where id = any(?::int[])', [pgArray(ids)]);
  const titles = await em.execute<{ profession_id: number; title: string; lang: string }[]>(
    'select profession_id, title, lang from national_profession where profession_id = any(?::int[]) order by id', [pgArray(ids)]);
  const rows = new Map<string, unknown[]>();
  const add = (id: number, source: 'name' | 'term' | 'national-title', locale: string, text: string) => {
    const norm = fold(text);
    const key = `${id}:${norm}`;
    if (norm && !rows.has(key)) rows.set(key, ['profession', id, source, locale, text.trim(), norm]);
  };
  for (const p of professions) {
    for (const [locale, name] of Object.entries(p.names)) add(p.id, 'name', locale, name);
    for (const [locale, extra] of Object.entries(p.terms ?? {})) for (const text of extra) add(p.id, 'term', locale, text);
  }
  for (const t of titles) add(t.profession_id, 'national-title', t.lang, t.title);
  await em.execute(`delete from search_term where ref_kind = 'profession' and ref_id = any(?::int[])`, [pgArray(ids)]);
  const values = [...rows.values()];
  for (let at = 0; at < values.length; at += 1000) {
    const chunk = values.slice(at, at + 1000);
    await em.execute(`insert into search_term (ref_kind, ref_id, source, locale, text, norm) values ${chunk.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')}`, chunk.flat());
  }
}
