import type { EntityManager } from '@mikro-orm/postgresql';
import { decodeCursor, encodeCursor } from '../../http/cursor.js';
import { problems } from '../../http/problem.js';
import { fold } from '../reference/fold.js';
import { translate, type LocaleCode } from '../reference/locales.js';
import { bestTermsSql, termQuery } from '../reference/search-terms.js';
import type { Translations } from '../reference/entities.js';
import { Authority } from './entities.js';

/** The folded texts that directory search and listings read, derived from an authority's own fields. */
export function searchFields(a: { officialName: string; designation: Translations; city?: string | null; region?: string | null }) {
  const designations = [...new Set(Object.values(a.designation ?? {}))];
  return {
    searchText: fold([a.officialName, ...designations, a.city ?? '', a.region ?? ''].join(' ')),
    sortName: fold(a.officialName),
    cityNorm: a.city ? fold(a.city) : null,
    regionNorm: a.region ? fold(a.region) : null,
  };
}

export interface DirectoryQuery {
  q?: string;
  country?: string;
  area?: string;
  profession?: string;
  keyword?: string;
  region?: string;
  city?: string;
  limit: number;
  cursor?: string;
}

interface Row {
  id: string;
  country_code: string;
  official_name: string;
  official_name_lang: string;
  designation: Record<string, string>;
  city: string | null;
  region: string | null;
  sort_name: string;
  score: number;
  match_kind: 'profession' | 'keyword' | null;
  match_ref: number | null;
  match_text: string | null;
  match_locale: string | null;
}

export interface Match {
  field: 'profession' | 'keyword' | 'officialName' | 'designation' | 'city' | 'region';
  text: string;
  locale: string | null;
  /** For a competence match: the profession or keyword found, named in the user's language. */
  competence?: { code: string; name: string };
}

/** Score given to an authority whose own name, designation or place contains every word of the query. */
const NAME_SCORE = 0.85;

async function codeId(em: EntityManager, table: 'profession' | 'keyword', code: string): Promise<number> {
  const rows = await em.execute<{ id: number }[]>(`select id from ${table} where code = ?`, [code]);
  if (!rows[0]) throw problems.invalid([{ path: table, in: 'query', message: `Unknown ${table} code "${code}"` }]);
  return rows[0].id;
}

/** The profession or keyword ids a query filters by, resolved from their codes. */
export interface DirectoryRefs {
  profession?: number;
  keyword?: number;
}

/**
 * The one SQL statement of a directory search (with `?` bindings), built without touching the database so that the
 * benchmark can measure exactly what the API runs.
 */
export function directorySql(query: DirectoryQuery, refs: DirectoryRefs) {
  const params: unknown[] = [];
  const filters: string[] = [`a.status = 'active'`];
  if (query.country) {
    filters.push('a.country_code = ?');
    params.push(query.country);
  }
  if (query.area) {
    filters.push('exists (select 1 from authority_area aa where aa.authority_id = a.id and aa.area_code = ?)');
    params.push(query.area);
  }
  for (const kind of ['profession', 'keyword'] as const) {
    if (refs[kind] === undefined) continue;
    filters.push(`exists (select 1 from competence c where c.authority_id = a.id and c.ref_kind = '${kind}' and c.ref_id = ?${query.area ? ' and c.area_code = ?' : ''})`);
    params.push(refs[kind]);
    if (query.area) params.push(query.area);
  }
  if (query.region) {
    filters.push(`a.region_norm like ? || '%'`);
    params.push(fold(query.region));
  }
  if (query.city) {
    filters.push(`a.city_norm like ? || '%'`);
    params.push(fold(query.city));
  }

  const terms = query.q ? termQuery(query.q) : null;
  if (query.q && !terms) throw problems.invalid([{ path: 'q', in: 'query', message: 'Type at least one letter or digit' }]);
  const after = decodeCursor<[number, string, string]>(query.cursor, ['number', 'string', 'string']);

  let hitsSql = '';
  const hitParams: unknown[] = [];
  if (terms) {
    const best = bestTermsSql(terms);
    hitParams.push(...best.params);
    const areaJoin = query.area ? ' and c.area_code = ?' : '';
    if (query.area) hitParams.push(query.area);
    const nameScore = terms.fuzzy ? `case when to_tsvector('simple', a.search_text) @@ to_tsquery('simple', ?) then ${NAME_SCORE} else word_similarity(?, a.search_text) * 0.7 end` : String(NAME_SCORE);
    const nameWhere = terms.fuzzy ? `(to_tsvector('simple', a.search_text) @@ to_tsquery('simple', ?) or ? <% a.search_text)` : `to_tsvector('simple', a.search_text) @@ to_tsquery('simple', ?)`;
    if (terms.fuzzy) hitParams.push(terms.tsQuery, terms.folded);
    hitParams.push(terms.tsQuery);
    if (terms.fuzzy) hitParams.push(terms.folded);
    hitsSql = `with terms as (${best.sql}),
      hits as (
        select c.authority_id, t.score, t.ref_kind as match_kind, t.ref_id as match_ref, t.text as match_text, t.locale as match_locale
          from terms t join competence c on c.ref_kind = t.ref_kind and c.ref_id = t.ref_id${areaJoin}
        union all
        select a.id, ${nameScore}, null, null, null, null from authority a where ${nameWhere}
      ),
      ranked as (
        select distinct on (authority_id) * from hits order by authority_id, score desc, match_kind nulls last
      )`;
  }

  const pageParams: unknown[] = [];
  let keyset = '';
  if (after) {
    keyset = terms
      ? ' and (r.score < ? or (r.score = ? and (a.sort_name, a.id) > (?, ?::uuid)))'
      : ' and (a.sort_name, a.id) > (?, ?::uuid)';
    pageParams.push(...(terms ? [after[0], after[0], after[1], after[2]] : [after[1], after[2]]));
  }
  const sql = terms
    ? `${hitsSql}
       select a.id, a.country_code, a.official_name, a.official_name_lang, a.designation, a.city, a.region, a.sort_name,
              r.score::float8 as score, r.match_kind, r.match_ref, r.match_text, r.match_locale
         from ranked r join authority a on a.id = r.authority_id
        where ${filters.join(' and ')}${keyset}
        order by r.score desc, a.sort_name, a.id
        limit ?`
    : `select a.id, a.country_code, a.official_name, a.official_name_lang, a.designation, a.city, a.region, a.sort_name,
              0::float8 as score, null as match_kind, null as match_ref, null as match_text, null as match_locale
         from authority a
        where ${filters.join(' and ')}${keyset}
        order by a.sort_name, a.id
        limit ?`;
  return { sql, params: [...hitParams, ...params, ...pageParams, query.limit + 1], folded: terms?.folded ?? null };
}

/**
 * Directory search (SPEC §4): cross-lingual through the search terms of professions and keywords, plus the authority's
 * own names by word prefix and trigram similarity; ranked, keyset-paginated, and saying for every hit what matched.
 */
export async function searchAuthorities(em: EntityManager, query: DirectoryQuery, lang: LocaleCode) {
  const refs: DirectoryRefs = {};
  for (const kind of ['profession', 'keyword'] as const) {
    const code = query[kind];
    if (code) refs[kind] = await codeId(em, kind, code);
  }
  const { sql, params, folded } = directorySql(query, refs);
  const rows = await em.execute<Row[]>(sql, params);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const nextCursor = rows.length > query.limit && last ? encodeCursor([Number(last.score), last.sort_name, last.id]) : null;

  const ids = page.map((r) => r.id);
  const [areas, competenceNames] = await Promise.all([areasOf(em, ids), competenceNamesOf(em, page, lang)]);
  return {
    items: page.map((row) => {
      const designation = translate(row.designation, lang);
      return {
        id: row.id,
        country: row.country_code,
        officialName: row.official_name,
        officialNameLang: row.official_name_lang,
        designation: designation?.text ?? row.official_name,
        designationLang: designation?.locale ?? row.official_name_lang,
        city: row.city,
        region: row.region,
        areas: areas.get(row.id) ?? [],
        score: Math.round(Number(row.score) * 1000) / 1000,
        match: folded ? describeMatch(row, folded, competenceNames) : null,
      };
    }),
    nextCursor,
  };
}

async function areasOf(em: EntityManager, ids: string[]): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>();
  if (!ids.length) return result;
  const rows = await em.execute<{ authority_id: string; area_code: string }[]>(
    `select authority_id, area_code from authority_area where authority_id in (${ids.map(() => '?').join(',')}) order by area_code`,
    ids,
  );
  for (const row of rows) result.set(row.authority_id, [...(result.get(row.authority_id) ?? []), row.area_code]);
  return result;
}

async function competenceNamesOf(em: EntityManager, rows: Row[], lang: string): Promise<Map<string, { code: string; name: string }>> {
  const result = new Map<string, { code: string; name: string }>();
  for (const kind of ['profession', 'keyword'] as const) {
    const ids = [...new Set(rows.filter((r) => r.match_kind === kind).map((r) => r.match_ref as number))];
    if (!ids.length) continue;
    const refs = await em.execute<{ id: number; code: string; names: Record<string, string> }[]>(
      `select id, code, names from ${kind} where id in (${ids.map(() => '?').join(',')})`,
      ids,
    );
    for (const ref of refs) result.set(`${kind}:${ref.id}`, { code: ref.code, name: translate(ref.names, lang)?.text ?? ref.code });
  }
  return result;
}

function containsAllWords(text: string | null | undefined, folded: string): boolean {
  if (!text) return false;
  const words = ` ${fold(text)}`;
  return folded.split(' ').every((w) => words.includes(` ${w}`));
}

function describeMatch(row: Row, folded: string, competenceNames: Map<string, { code: string; name: string }>): Match {
  if (row.match_kind && row.match_text) {
    return {
      field: row.match_kind,
      text: row.match_text,
      locale: row.match_locale,
      competence: competenceNames.get(`${row.match_kind}:${row.match_ref}`),
    };
  }
  if (containsAllWords(row.official_name, folded)) return { field: 'officialName', text: row.official_name, locale: row.official_name_lang };
  const designation = Object.entries(row.designation).find(([, text]) => containsAllWords(text, folded));
  if (designation) return { field: 'designation', text: designation[1], locale: designation[0] };
  if (containsAllWords(row.city, folded)) return { field: 'city', text: row.city!, locale: null };
  if (containsAllWords(row.region, folded)) return { field: 'region', text: row.region!, locale: null };
  // A trigram (typo-tolerant) hit: the name is the closest thing to what was typed.
  return { field: 'officialName', text: row.official_name, locale: row.official_name_lang };
}

export async function authorityDetail(em: EntityManager, id: string, lang: LocaleCode) {
  const authority = await em.findOne(Authority, { id, status: { $ne: 'invited' } });
  if (!authority) throw problems.notFound('There is no authority with this id.');
  const competences = await em.execute<{ area_code: string; ref_kind: 'profession' | 'keyword'; code: string; names: Record<string, string> }[]>(
    `select c.area_code, c.ref_kind, coalesce(p.code, k.code) as code, coalesce(p.names, k.names) as names
       from competence c
       left join profession p on c.ref_kind = 'profession' and p.id = c.ref_id
       left join keyword k on c.ref_kind = 'keyword' and k.id = c.ref_id
      where c.authority_id = ?
      order by c.area_code, c.ref_kind desc, code`,
    [id],
  );
  const areaRows = await em.execute<{ area_code: string }[]>(`select area_code from authority_area where authority_id = ? order by area_code`, [id]);
  const designation = translate(authority.designation, lang);
  const description = translate(authority.description, lang);
  return {
    id: authority.id,
    country: authority.country.code,
    officialName: authority.officialName,
    officialNameLang: authority.officialNameLang,
    designation: designation?.text ?? authority.officialName,
    designationLang: designation?.locale ?? authority.officialNameLang,
    description: description?.text ?? null,
    descriptionLang: description?.locale ?? null,
    region: authority.region ?? null,
    city: authority.city ?? null,
    address: authority.address ?? null,
    postalCode: authority.postalCode ?? null,
    email: authority.email ?? null,
    phone: authority.phone ?? null,
    website: authority.website ?? null,
    languages: authority.languages,
    coordinatorKind: authority.coordinatorKind,
    status: authority.status,
    version: authority.version,
    areas: areaRows.map((area) => ({
      area: area.area_code,
      professions: competences
        .filter((c) => c.area_code === area.area_code && c.ref_kind === 'profession')
        .map((c) => ({ code: c.code, name: translate(c.names, lang)?.text ?? c.code })),
      keywords: competences
        .filter((c) => c.area_code === area.area_code && c.ref_kind === 'keyword')
        .map((c) => ({ code: c.code, name: translate(c.names, lang)?.text ?? c.code })),
    })),
  };
}
