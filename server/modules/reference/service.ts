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
  extra: string;
  sectoral?: boolean;
  sector_names?: Record<string, string>;
  score: number;
  match_text: string | null;
  match_locale: string | null;
}

/**
 * Professions or keywords in the user's language; with `q`, those whose name or search term in any language matches,
 * best first, each with the term that matched.
 */
export async function listVocabulary(em: EntityManager, kind: 'profession' | 'keyword', query: VocabularyQuery & { sector?: string; kindFilter?: string }, lang: LocaleCode) {
  const terms = query.q ? termQuery(query.q) : null;
  const after = decodeCursor<[number, string]>(query.cursor, ['number', 'string']);
  const filters: Sql[] = [raw('true')];
  let from: Sql = raw(`${kind} r`);
  let score = raw('0::float8');
  let matchCols = raw('null as match_text, null as match_locale');
  if (terms) {
    from = sql`(${bestTermsSql(terms, kind)}) t join ${raw(kind)} r on r.id = t.ref_id`;
    score = raw('t.score');
    matchCols = raw('t.text as match_text, t.locale as match_locale');
  }
  const extraCols = raw(kind === 'profession'
    ? `r.sector_code as extra, r.sectoral, (select s.names from sector s where s.code = r.sector_code) as sector_names`
    : 'r.kind as extra');
  if (query.sector) filters.push(sql`r.sector_code = ${query.sector}`);
  if (query.kindFilter) filters.push(sql`r.kind = ${query.kindFilter}`);
  if (after) filters.push(sql`(${score} < ${after[0]} or (${score} = ${after[0]} and r.code > ${after[1]}))`);
  const statement = sql`select r.id, r.code, r.names, ${extraCols}, ${score} as score, ${matchCols}
       from ${from} where ${join(filters, ' and ')} order by score desc, r.code limit ${query.limit + 1}`;
  const rows = await em.execute<VocabularyRow[]>(statement.text, statement.params);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      id: row.id,
      code: row.code,
      name: translate(row.names, lang)?.text ?? row.code,
      ...(kind === 'profession'
        ? { sector: { code: row.extra, name: translate(row.sector_names, lang)?.text ?? row.extra }, sectoral: Boolean(row.sectoral) }
        : { kind: row.extra as 'keyword' | 'service-activity' }),
      match: row.match_text ? { text: row.match_text, locale: row.match_locale } : null,
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor([Number(last.score), last.code]) : null,
  };
}
