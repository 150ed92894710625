import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { EntityManager } from '@mikro-orm/postgresql';
import { fold } from '../../modules/reference/fold.js';
import { refreshProfessionTerms } from '../../modules/reference/search-terms.js';
import { pgArray } from '../sql.js';
import { localeCodes } from '../../modules/reference/locales.js';
import {
  Country, Keyword, LegislativeArea, Locale, NationalProfession, Profession, SearchTerm, Sector, SeedRun,
  type SearchTerms, type Translations,
} from '../../modules/reference/entities.js';

export interface AreaData { code: string; legalBasis: string; replyPeriodDays: number; blockingMonths: number; names: Translations; legalBasisTitle: Translations }
export interface SectorData { code: string; names: Translations }
export interface ProfessionData { code: string; sector: string; sectoral: boolean; names: Translations; terms?: SearchTerms }
export interface NationalProfessionData { country: string; profession: string; title: string; lang: string }
export interface KeywordData { code: string; kind: 'keyword' | 'service-activity'; names: Translations; terms?: SearchTerms }

const dataDir = new URL('../seed-data/', import.meta.url);
export function readSeed<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(name, dataDir), 'utf8')) as T;
}

/** The 30 EEA states and the official languages among the 26 locales (Luxembourgish is served in French and German). */
export const states: Record<string, { languages: string[]; eu: boolean }> = {
  AT: { languages: ['de'], eu: true }, BE: { languages: ['nl', 'fr', 'de'], eu: true }, BG: { languages: ['bg'], eu: true },
  HR: { languages: ['hr'], eu: true }, CY: { languages: ['el'], eu: true }, CZ: { languages: ['cs'], eu: true },
  DK: { languages: ['da'], eu: true }, EE: { languages: ['et'], eu: true }, FI: { languages: ['fi', 'sv'], eu: true },
  FR: { languages: ['fr'], eu: true }, DE: { languages: ['de'], eu: true }, GR: { languages: ['el'], eu: true },
  HU: { languages: ['hu'], eu: true }, IE: { languages: ['en', 'ga'], eu: true }, IT: { languages: ['it'], eu: true },
  LV: { languages: ['lv'], eu: true }, LT: { languages: ['lt'], eu: true }, LU: { languages: ['fr', 'de'], eu: true },
  MT: { languages: ['mt', 'en'], eu: true }, NL: { languages: ['nl'], eu: true }, PL: { languages: ['pl'], eu: true },
  PT: { languages: ['pt'], eu: true }, RO: { languages: ['ro'], eu: true }, SK: { languages: ['sk'], eu: true },
  SI: { languages: ['sl'], eu: true }, ES: { languages: ['es'], eu: true }, SE: { languages: ['sv'], eu: true },
  IS: { languages: ['is'], eu: false }, LI: { languages: ['de'], eu: false }, NO: { languages: ['nb'], eu: false },
};

export function loadReferenceData() {
  return {
    areas: readSeed<AreaData[]>('areas.json'),
    sectors: readSeed<SectorData[]>('sectors.json'),
    professions: readSeed<ProfessionData[]>('professions.json'),
    nationalProfessions: readSeed<NationalProfessionData[]>('national-professions.json'),
    keywords: readSeed<KeywordData[]>('keywords.json'),
  };
}

/** Runs `apply` in one transaction when the data's checksum differs from the one applied last; returns whether it ran. */
export async function seedOnce(em: EntityManager, name: string, data: unknown, apply: (em: EntityManager) => Promise<void>): Promise<boolean> {
  const checksum = createHash('sha256').update(JSON.stringify(data)).digest('hex');
  const previous = await em.fork().findOne(SeedRun, name);
  if (previous?.checksum === checksum) return false;
  await em.fork().transactional(async (tx) => {
    await apply(tx);
    await tx.upsert(SeedRun, { name, checksum, appliedAt: new Date() });
  });
  return true;
}

/** Seeds or updates the reference data of SPEC §3; idempotent, and a no-op when the data did not change. */
export async function seedReference(em: EntityManager): Promise<boolean> {
  const data = loadReferenceData();
  return seedOnce(em, 'reference', data, async (tx) => {
    await tx.upsertMany(Locale, localeCodes.map((code, position) => ({
      code, position, nativeName: new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code,
    })));
    await tx.upsertMany(Country, Object.entries(states).map(([code, s]) => ({ code, languages: s.languages, euMember: s.eu })));
    await tx.upsertMany(LegislativeArea, data.areas.map((a) => ({
      code: a.code, legalBasis: a.legalBasis, names: a.names, legalBasisTitles: a.legalBasisTitle,
      replyPeriodDays: a.replyPeriodDays, blockingMonths: a.blockingMonths,
    })));
    await tx.upsertMany(Sector, data.sectors.map((s) => ({ code: s.code, names: s.names })));
    const professions = await tx.upsertMany(Profession, data.professions.map((p) => ({
      code: p.code, sector: p.sector, sectoral: p.sectoral, names: p.names, terms: p.terms ?? {},
    })), { onConflictFields: ['code'] });
    const keywords = await tx.upsertMany(Keyword, data.keywords.map((k) => ({
      code: k.code, kind: k.kind, names: k.names, terms: k.terms ?? {},
    })), { onConflictFields: ['code'] });
    const professionId = new Map(professions.map((p) => [p.code, p.id]));
    const keywordId = new Map(keywords.map((k) => [k.code, k.id]));

    // Only the national titles of the states and professions the seed names are replaced: titles imported for other
    // pairs (the console's professions import) survive a new seed.
    const seeded = data.nationalProfessions.map((n) => {
      const profession = professionId.get(n.profession);
      if (!profession) throw new Error(`national-professions.json: unknown profession ${n.profession}`);
      return { country: n.country, profession, title: n.title, lang: n.lang };
    });
    const pairs = [...new Set(seeded.map((n) => `${n.country}:${n.profession}`))].map((pair) => pair.split(':'));
    await tx.execute(
      `delete from national_profession where (country_code, profession_id) in (select * from unnest(?::text[], ?::int[]))`,
      [pgArray(pairs.map(([country]) => country)), pgArray(pairs.map(([, id]) => id))],
    );
    await tx.insertMany(NationalProfession, seeded);

    // Professions: their terms from what the database now holds (seeded and imported names and titles alike).
    await refreshProfessionTerms(tx, [...professionId.values()]);
    const terms = new Map<string, { refKind: 'keyword'; refId: number; source: 'name' | 'term'; locale: string; text: string; norm: string }>();
    const add = (refId: number, source: 'name' | 'term', locale: string, text: string) => {
      const norm = fold(text);
      const key = `${refId}:${norm}`;
      if (norm && !terms.has(key)) terms.set(key, { refKind: 'keyword', refId, source, locale, text: text.trim(), norm });
    };
    for (const keyword of data.keywords) {
      const id = keywordId.get(keyword.code)!;
      for (const [locale, name] of Object.entries(keyword.names)) add(id, 'name', locale, name);
      for (const [locale, extra] of Object.entries(keyword.terms ?? {})) for (const text of extra) add(id, 'term', locale, text);
    }
    await tx.execute(`delete from search_term where ref_kind = 'keyword' and ref_id = any(?::int[])`, [pgArray([...keywordId.values()])]);
    await tx.createQueryBuilder(SearchTerm).insert([...terms.values()]).execute();
  });
}
