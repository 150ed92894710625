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
 * SQL (with `?` bindings) selecting, per profession or keyword, the best matching search term for a query in any
 * language: exact name, whole-text prefix, every word as a prefix, then trigram word similarity for typos.
 * Columns: ref_kind, ref_id, text, locale, score (0..1).
 */
export function bestTermsSql(query: TermQuery, refKind?: 'profession' | 'keyword'): { sql: string; params: unknown[] } {
  const params: unknown[] = [query.folded, query.folded, query.tsQuery];
  let scoreFuzzy = '0';
  let whereFuzzy = '';
  if (query.fuzzy) {
    scoreFuzzy = 'word_similarity(?, t.norm) * 0.7';
    params.push(query.folded);
  }
  params.push(query.folded, query.tsQuery);
  if (query.fuzzy) {
    whereFuzzy = ' or ? <% t.norm';
    params.push(query.folded);
  }
  let kindFilter = '';
  if (refKind) {
    kindFilter = ' and t.ref_kind = ?';
    params.push(refKind);
  }
  const sql = `select distinct on (t.ref_kind, t.ref_id) t.ref_kind, t.ref_id, t.text, t.locale,
      case when t.norm = ? then 1.0
           when t.norm like ? || '%' then 0.9
           when to_tsvector('simple', t.norm) @@ to_tsquery('simple', ?) then 0.8
           else ${scoreFuzzy} end as score
    from search_term t
   where (t.norm like ? || '%' or to_tsvector('simple', t.norm) @@ to_tsquery('simple', ?)${whereFuzzy})${kindFilter}
   order by t.ref_kind, t.ref_id, score desc, length(t.text)`;
  return { sql, params };
}
