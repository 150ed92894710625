import { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import { decodeCursor, encodeCursor } from '../../http/cursor.js';
import { Country, LegislativeArea, Locale } from './entities.js';
import { translate, type LocaleCode } from './locales.js';
import { bestTermsSql, termQuery } from './search-terms.js';
import { join, raw, sql, type Sql } from '../../db/sql.js';

export async function listCountries(em: EntityManager, lang: LocaleCode) {
  const regionNames = new Intl.DisplayNames([lang, 'en'], { type: 'region' });
  const countries = await em.find(Country, {}, { orderBy: { code: 'asc' } });
  const collator = new Intl.Collator(lang);
  return {
    items: countries
      .map((c) => ({ code: c.code, name: regionNames.of(c.code) ?? c.code, languages: c.languages, euMember: c.euMember }))
      .sort((a, b) => collator.compare(a.name, b.name)),
    nextCursor: null,
  };
}

export async function listLocales(em: EntityManager, lang: LocaleCode) {
  const languageNames = new Intl.DisplayNames([lang, 'en'], { type: 'language' });
  const locales = await em.find(Locale, {}, { orderBy: { position: 'asc' } });
  return {
    items: locales.map((l) => ({ code: l.code, nativeName: l.nativeName, name: languageNames.of(l.code) ?? l.nativeName })),
    nextCursor: null,
  };
}

export async function listAreas(em: EntityManager, lang: LocaleCode) {
  const areas = await em.find(LegislativeArea, {}, { orderBy: { code: 'asc' } });
  return {
    items: areas.map((a) => ({
      code: a.code,
      name: translate(a.names, lang)?.text ?? a.code,
      legalBasis: a.legalBasis,
      legalBasisTitle: translate(a.legalBasisTitles, lang)?.text ?? a.legalBasis,
      replyPeriodDays: a.replyPeriodDays,
      blockingMonths: a.blockingMonths,
      opensAt: a.opensAt ?? null,
    })),
    nextCursor: null,
  };
}

export interface VocabularyQuery {
  q?: string;
  limit: number;
  cursor?: string;
}

interface VocabularyRow {
  id: number;
  code: string;
  names: Record<string, string>;
  score: number;
  match_text: string | null;
  match_locale: string | null;
}

/**
 * Professions or keywords in the user's language; with `q`, those whose name or search term in any language matches,
 * best first, each with the term that matched.
 */
async function listVocabulary<R extends VocabularyRow, T>(
  em: EntityManager,
  kind: 'profession' | 'keyword',
  query: VocabularyQuery,
  lang: LocaleCode,
  options: { columns: Sql; filters: Sql[]; item: (row: R) => T },
) {
  const terms = query.q ? termQuery(query.q) : null;
  const after = decodeCursor(query.cursor, z.tuple([z.number(), z.string().max(80)]));
  const from = terms ? sql`(${bestTermsSql(terms, kind)}) t join ${raw(kind)} r on r.id = t.ref_id` : raw(`${kind} r`);
  const score = raw(terms ? 't.score' : '0::float8');
  const matchColumns = raw(terms ? 't.text as match_text, t.locale as match_locale' : 'null as match_text, null as match_locale');
  const filters = [raw('true'), ...options.filters];
  if (after) filters.push(sql`(${score} < ${after[0]} or (${score} = ${after[0]} and r.code > ${after[1]}))`);
  const statement = sql`select r.id, r.code, r.names, ${options.columns}, ${score} as score, ${matchColumns}
       from ${from} where ${join(filters, ' and ')} order by score desc, r.code limit ${query.limit + 1}`;
  const rows = await em.execute<R[]>(statement.text, statement.params);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      id: row.id,
      code: row.code,
      name: translate(row.names, lang)?.text ?? row.code,
      ...options.item(row),
      match: row.match_text ? { text: row.match_text, locale: row.match_locale } : null,
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor([Number(last.score), last.code]) : null,
  };
}

export function listProfessions(em: EntityManager, query: VocabularyQuery & { sector?: string }, lang: LocaleCode) {
  return listVocabulary(em, 'profession', query, lang, {
    columns: raw(`r.sector_code, r.sectoral, (select s.names from sector s where s.code = r.sector_code) as sector_names,
      (select count(*)::int from national_profession n where n.profession_id = r.id) as national_titles`),
    filters: query.sector ? [sql`r.sector_code = ${query.sector}`] : [],
    item: (row: VocabularyRow & { sector_code: string; sectoral: boolean; sector_names: Record<string, string>; national_titles: number }) => ({
      sector: { code: row.sector_code, name: translate(row.sector_names, lang)?.text ?? row.sector_code },
      sectoral: row.sectoral,
      nationalTitles: Number(row.national_titles),
    }),
  });
}

export function listKeywords(em: EntityManager, query: VocabularyQuery & { kind?: 'keyword' | 'service-activity' }, lang: LocaleCode) {
  return listVocabulary(em, 'keyword', query, lang, {
    columns: raw('r.kind'),
    filters: query.kind ? [sql`r.kind = ${query.kind}`] : [],
    item: (row: VocabularyRow & { kind: 'keyword' | 'service-activity' }) => ({ kind: row.kind }),
  });
}

/** The ids of every profession and keyword by code: how competences given as codes are stored. */
export async function vocabularyIds(em: EntityManager): Promise<Record<'profession' | 'keyword', Map<string, number>>> {
  const rows = await em.execute<{ kind: 'profession' | 'keyword'; id: number; code: string }[]>(
    `select 'profession' as kind, id, code from profession union all select 'keyword', id, code from keyword`);
  const ids = { profession: new Map<string, number>(), keyword: new Map<string, number>() };
  for (const row of rows) ids[row.kind].set(row.code, row.id);
  return ids;
}
