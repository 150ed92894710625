import { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import { empty, join, raw, sql, type Sql } from '../../db/sql.js';
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

interface Row extends AuthorityIdentityRow {
  sort_name: string;
  score: number;
  areas: string[];
  match_kind: 'profession' | 'keyword' | null;
  match_code: string | null;
  match_names: Record<string, string> | null;
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

/** Score of an authority whose own name, designation or place contains every word of the query as a prefix. */
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

const columns = raw(`a.id, a.country_code, a.official_name, a.official_name_lang, a.designation, a.city, a.region, a.sort_name,
  array(select aa.area_code from authority_area aa where aa.authority_id = a.id order by aa.area_code) as areas`);

/**
 * The one SQL statement of a directory search, built without touching the database so that the benchmark measures
 * exactly what the API runs.
 *
 * Results are ordered by (score desc, folded name, id). Every way of matching is a branch that yields its own first
 * `limit + 1` rows in that order from an index: for each matched profession or keyword term, the competent
 * authorities in name order (competence_directory_idx); the authorities whose own texts contain every word as a
 * prefix; those whose texts are only similar (typos). The page is the best of those candidates, each authority kept
 * once with its best score, so a search never ranks every authority that matched.
 */
export function directorySql(query: DirectoryQuery, refs: DirectoryRefs): { statement: Sql; folded: string | null } {
  const terms = query.q ? termQuery(query.q) : null;
  if (query.q && !terms) throw problems.invalid([{ path: 'q', in: 'query', message: 'Type at least one letter or digit' }]);
  const after = decodeCursor(query.cursor, z.tuple([z.number(), z.string().max(400), z.string().uuid()]));
  const n = query.limit + 1;

  // Filters on the authority row (alias a) that the competence index does not carry.
  const extra: Sql[] = [];
  for (const kind of ['profession', 'keyword'] as const) {
    if (refs[kind] === undefined) continue;
    const area = query.area ? sql` and pc.area_code = ${query.area}` : empty;
    extra.push(sql`exists (select 1 from competence pc where pc.authority_id = a.id and pc.ref_kind = ${kind} and pc.ref_id = ${refs[kind]}${area})`);
  }
  if (query.region) extra.push(sql`a.region_norm like ${fold(query.region)} || '%'`);
  if (query.city) extra.push(sql`a.city_norm like ${fold(query.city)} || '%'`);
  const authorityFilters = [
    raw(`a.status = 'active'`),
    ...(query.country ? [sql`a.country_code = ${query.country}`] : []),
    ...(query.area ? [sql`exists (select 1 from authority_area aa where aa.authority_id = a.id and aa.area_code = ${query.area})`] : []),
    ...extra,
  ];
  const keyset = (score: Sql, sortName: Sql, id: Sql) =>
    after ? [sql`(${score} < ${after[0]} or (${score} = ${after[0]} and (${sortName}, ${id}) > (${after[1]}, ${after[2]}::uuid)))`] : [];

  if (!terms) {
    const where = [...authorityFilters, ...keyset(raw('0::float8'), raw('a.sort_name'), raw('a.id'))];
    return {
      statement: sql`select ${columns}, 0::float8 as score, null as match_kind, null::int as match_ref, null as match_text, null as match_locale
          from authority a where ${join(where, ' and ')} order by a.sort_name, a.id limit ${n}`,
      folded: null,
    };
  }

  const nameMatch = sql`a.search_tsv @@ to_tsquery('simple', ${terms.tsQuery})`;
  const similar = sql`${terms.folded} <% a.sort_name`;
  const similarity = sql`(word_similarity(${terms.folded}, a.sort_name) * 0.7)::float8`;
  const competenceWhere = [
    raw('c.active and c.ref_kind = t.ref_kind and c.ref_id = t.ref_id'),
    ...(query.country ? [sql`c.country_code = ${query.country}`] : []),
    ...(query.area ? [sql`c.area_code = ${query.area}`] : []),
    ...(extra.length ? [sql`exists (select 1 from authority a where a.id = c.authority_id and ${join(extra, ' and ')})`] : []),
    ...keyset(raw('t.score'), raw('c.sort_name'), raw('c.authority_id')),
  ];
  const exact = [
    sql`select t.score, c.sort_name, c.authority_id, t.ref_kind::text as match_kind, t.ref_id as match_ref, t.text::text as match_text, t.locale::text as match_locale
          from terms t cross join lateral (
            select distinct c.sort_name, c.authority_id from competence c where ${join(competenceWhere, ' and ')}
             order by c.sort_name, c.authority_id limit ${n}) c`,
    sql`select * from (select ${NAME_SCORE}::float8 as score, sort_name, id, null::text, null::int, null::text, null::text
          from by_name order by sort_name, id limit ${n}) first_by_name`,
  ];
  // Names that are only similar (typos) score at most 0.7, below every exact match: they are looked for only when the
  // exact matches above 0.7 do not fill the page, since a trigram search of every name is the costliest branch.
  // The authorities whose own texts match. A word of two letters or more matches few enough of them to collect and sort
  // them all; walking the name index in order instead, as the planner may guess, can pass most of the directory before
  // the first match when matching names share their first word. A single letter matches so many that the walk wins.
  const nameWhere = join([nameMatch, ...authorityFilters, ...keyset(sql`${NAME_SCORE}::float8`, raw('a.sort_name'), raw('a.id'))], ' and ');
  const byName = terms.folded.length > 1
    ? sql`by_name as materialized (select a.sort_name, a.id from authority a where ${nameWhere}),`
    : sql`by_name as (select a.sort_name, a.id from authority a where ${nameWhere} order by a.sort_name, a.id limit ${n}),`;
  const bySimilarity = terms.fuzzy
    ? sql`\n union all\n select * from (select ${similarity} as score, a.sort_name, a.id, null::text, null::int, null::text, null::text
          from authority a where ${join([sql`(select count(distinct authority_id) from exact where score > 0.7) < ${n}`, sql`${similar} and not ${nameMatch}`, ...authorityFilters, ...keyset(similarity, raw('a.sort_name'), raw('a.id'))], ' and ')}
         order by 1 desc, a.sort_name, a.id limit ${n}) by_similarity`
    : empty;
  // An authority's true score: its best term, or its own name. A candidate that came through a lesser match is dropped,
  // since its best match placed it on an earlier page or ahead of this one.
  const area = query.area ? sql` and c2.area_code = ${query.area}` : empty;
  const trueScore = sql`greatest(
      (select max(t2.score) from terms t2 join competence c2 on c2.ref_kind = t2.ref_kind and c2.ref_id = t2.ref_id and c2.authority_id = a.id${area}),
      case when ${nameMatch} then ${NAME_SCORE}::float8 ${terms.fuzzy ? sql`when ${similar} then ${similarity} ` : empty}else 0::float8 end)`;
  return {
    statement: sql`with terms as (${bestTermsSql(terms)}),
      ${byName}
      exact as (${join(exact, '\n union all\n')}),
      candidates as (select * from exact${bySimilarity}),
      best as (select distinct on (authority_id) * from candidates order by authority_id, score desc, match_kind nulls last)
      select ${columns}, b.score, b.match_kind, coalesce(mp.code, mk.code) as match_code, coalesce(mp.names, mk.names) as match_names,
             b.match_text, b.match_locale
        from best b join authority a on a.id = b.authority_id
        left join profession mp on b.match_kind = 'profession' and mp.id = b.match_ref
        left join keyword mk on b.match_kind = 'keyword' and mk.id = b.match_ref
       where b.score = ${trueScore}
       order by b.score desc, b.sort_name, b.authority_id
       limit ${n}`,
    folded: terms.folded,
  };
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
  const { statement, folded } = directorySql(query, refs);
  const rows = await em.execute<Row[]>(statement.text, statement.params);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const nextCursor = rows.length > query.limit && last ? encodeCursor([Number(last.score), last.sort_name, last.id]) : null;
  return {
    items: page.map((row) => ({
      ...authorityIdentityOf(row, lang),
      areas: row.areas,
      score: Math.round(Number(row.score) * 1000) / 1000,
      match: folded ? describeMatch(row, folded, lang) : null,
    })),
    nextCursor,
  };
}

/** The columns every list of authorities reads to say who each one is. */
export interface AuthorityIdentityRow {
  id: string;
  country_code: string;
  official_name: string;
  official_name_lang: string;
  designation: Record<string, string>;
  region: string | null;
  city: string | null;
}

/** Who an authority is, in the user's language (its designation, else its official name) and in its own. */
export function authorityIdentityOf(row: AuthorityIdentityRow, lang: LocaleCode) {
  const designation = translate(row.designation, lang);
  return {
    id: row.id,
    country: row.country_code,
    officialName: row.official_name,
    officialNameLang: row.official_name_lang,
    designation: designation?.text ?? row.official_name,
    designationLang: designation?.locale ?? row.official_name_lang,
    region: row.region,
    city: row.city,
  };
}

function containsAllWords(text: string | null | undefined, folded: string): boolean {
  if (!text) return false;
  const words = ` ${fold(text)}`;
  return folded.split(' ').every((w) => words.includes(` ${w}`));
}

function describeMatch(row: Row, folded: string, lang: string): Match {
  if (row.match_kind && row.match_text && row.match_code) {
    return {
      field: row.match_kind,
      text: row.match_text,
      locale: row.match_locale,
      competence: { code: row.match_code, name: translate(row.match_names, lang)?.text ?? row.match_code },
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
  // Refreshed: a change just made through SQL (version, status) must show in the answer.
  const authority = await em.findOne(Authority, { id, status: { $ne: 'invited' } }, { refresh: true });
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
