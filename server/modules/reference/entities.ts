import { defineEntity, type InferEntity } from '@mikro-orm/core';

/** Translated texts keyed by locale code, e.g. `{ en: 'Nurse', de: 'Pflegefachkraft' }`. */
export type Translations = Record<string, string>;
/** Extra search terms per locale (gendered forms, colloquial and older titles). */
export type SearchTerms = Record<string, string[]>;

export const Locale = defineEntity({
  name: 'Locale',
  tableName: 'locale',
  properties: (p) => ({
    code: p.string().length(5).primary(),
    nativeName: p.string().length(60),
    position: p.integer(),
  }),
});
export type ILocale = InferEntity<typeof Locale>;

export const Country = defineEntity({
  name: 'Country',
  tableName: 'country',
  properties: (p) => ({
    code: p.string().length(2).primary(),
    languages: p.array().columnType('text[]'),
    euMember: p.boolean(),
  }),
});
export type ICountry = InferEntity<typeof Country>;

export const LegislativeArea = defineEntity({
  name: 'LegislativeArea',
  tableName: 'legislative_area',
  properties: (p) => ({
    code: p.string().length(40).primary(),
    legalBasis: p.string().length(100),
    names: p.json<Translations>(),
    legalBasisTitles: p.json<Translations>(),
    replyPeriodDays: p.integer(),
    blockingMonths: p.integer(),
    /** Days before a deadline its reminder goes out; null: the server's default. */
    dueSoonDays: p.integer().nullable(),
    /** Days past a deadline a request is escalated to the request coordinators; null: the server's default. */
    escalateAfterDays: p.integer().nullable(),
    opensAt: p.datetime().nullable(),
    version: p.integer().version(),
  }),
});
export type ILegislativeArea = InferEntity<typeof LegislativeArea>;

export const Sector = defineEntity({
  name: 'Sector',
  tableName: 'sector',
  properties: (p) => ({
    code: p.string().length(40).primary(),
    names: p.json<Translations>(),
  }),
});
export type ISector = InferEntity<typeof Sector>;

export const Profession = defineEntity({
  name: 'Profession',
  tableName: 'profession',
  properties: (p) => ({
    id: p.integer().primary().autoincrement(),
    code: p.string().length(80).unique(),
    sector: () => p.manyToOne(Sector).ref(),
    sectoral: p.boolean().default(false),
    names: p.json<Translations>(),
    terms: p.json<SearchTerms>(),
    opensAt: p.datetime().nullable(),
    version: p.integer().version(),
  }),
});
export type IProfession = InferEntity<typeof Profession>;

export const NationalProfession = defineEntity({
  name: 'NationalProfession',
  tableName: 'national_profession',
  uniques: [{ properties: ['country', 'profession', 'title'] }],
  properties: (p) => ({
    id: p.integer().primary().autoincrement(),
    country: () => p.manyToOne(Country).ref(),
    profession: () => p.manyToOne(Profession).ref(),
    title: p.string().length(300),
    lang: p.string().length(5),
  }),
});
export type INationalProfession = InferEntity<typeof NationalProfession>;

export const Keyword = defineEntity({
  name: 'Keyword',
  tableName: 'keyword',
  properties: (p) => ({
    id: p.integer().primary().autoincrement(),
    code: p.string().length(80).unique(),
    kind: p.enum(['keyword', 'service-activity'] as const),
    names: p.json<Translations>(),
    terms: p.json<SearchTerms>(),
    version: p.integer().version(),
  }),
});
export type IKeyword = InferEntity<typeof Keyword>;

/**
 * One searchable text of a profession or keyword in one locale: its name, an extra term or a national title.
 * This is the cross-lingual bridge of the directory: a query in any language finds the term, the term names the
 * profession or keyword, and competences link that to authorities whatever language their own data are in.
 */
export const SearchTerm = defineEntity({
  name: 'SearchTerm',
  tableName: 'search_term',
  indexes: [
    { name: 'search_term_ref_idx', properties: ['refKind', 'refId'] },
    { name: 'search_term_norm_prefix_idx', expression: 'create index "search_term_norm_prefix_idx" on "search_term" ("norm" text_pattern_ops)' },
    { name: 'search_term_norm_tsv_idx', expression: `create index "search_term_norm_tsv_idx" on "search_term" using gin (to_tsvector('simple', "norm"))` },
    { name: 'search_term_norm_trgm_idx', expression: 'create index "search_term_norm_trgm_idx" on "search_term" using gin ("norm" gin_trgm_ops)' },
  ],
  properties: (p) => ({
    id: p.integer().primary().autoincrement(),
    refKind: p.enum(['profession', 'keyword'] as const),
    refId: p.integer(),
    source: p.enum(['name', 'term', 'national-title'] as const),
    locale: p.string().length(5),
    text: p.string().length(300),
    norm: p.string().length(300),
  }),
});
export type ISearchTerm = InferEntity<typeof SearchTerm>;

/** Which version of a seed (by checksum of its data) was applied last, so a warm start skips unchanged seeds. */
export const SeedRun = defineEntity({
  name: 'SeedRun',
  tableName: 'seed_run',
  properties: (p) => ({
    name: p.string().length(60).primary(),
    checksum: p.string().length(64),
    appliedAt: p.datetime(),
  }),
});
