import { raw, sql, type Sql } from '../../db/sql.js';
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
