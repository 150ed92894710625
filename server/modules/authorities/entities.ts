import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { Country, LegislativeArea, type Translations } from '../reference/entities.js';

export const coordinatorKinds = ['NONE', 'NIMIC', 'SDIMIC', 'LIMIC', 'DIMIC'] as const;
export type CoordinatorKind = (typeof coordinatorKinds)[number];
export const authorityStatuses = ['invited', 'pending-validation', 'active', 'suspended', 'rejected'] as const;
export type AuthorityStatus = (typeof authorityStatuses)[number];

export const Authority = defineEntity({
  name: 'Authority',
  tableName: 'authority',
  indexes: [
    { name: 'authority_listing_idx', properties: ['status', 'country', 'sortName', 'id'] },
    { name: 'authority_active_sort_idx', expression: `create index "authority_active_sort_idx" on "authority" ("sort_name", "id") where "status" = 'active'` },
    { name: 'authority_search_tsv_idx', expression: 'create index "authority_search_tsv_idx" on "authority" using gin ("search_tsv")' },
    { name: 'authority_sort_name_trgm_idx', expression: 'create index "authority_sort_name_trgm_idx" on "authority" using gin ("sort_name" gin_trgm_ops)' },
  ],
  properties: (p) => ({
    id: p.uuid().primary().onCreate(() => crypto.randomUUID()),
    country: () => p.manyToOne(Country).ref(),
    officialName: p.string().length(400),
    officialNameLang: p.string().length(5),
    designation: p.json<Translations>(),
    description: p.json<Translations>(),
    region: p.string().length(200).nullable(),
    city: p.string().length(200).nullable(),
    address: p.string().length(400).nullable(),
    postalCode: p.string().length(20).nullable(),
    email: p.string().length(254).nullable(),
    phone: p.string().length(40).nullable(),
    website: p.string().length(400).nullable(),
    languages: p.array().columnType('text[]'),
    coordinatorKind: p.enum([...coordinatorKinds]).default('NONE'),
    status: p.enum([...authorityStatuses]).default('active'),
    /** Why a coordinator rejected or suspended it, shown to the authority's administrators. */
    statusReason: p.string().length(1000).nullable(),
    /** Folded official name, designations, city and region: what free-text search and typo tolerance look at. */
    searchText: p.text().lazy(),
    /** The words of `searchText`, stored so that matching and the planner's estimates need not compute them per row. */
    searchTsv: p.string().columnType('tsvector').generated(`(to_tsvector('simple', search_text)) stored`).lazy().nullable().default(null),
    /** Folded official name, the stable secondary order of listings and search results. */
    sortName: p.string().length(400),
    regionNorm: p.string().length(200).nullable(),
    cityNorm: p.string().length(200).nullable(),
    version: p.integer().version(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  }),
});
export type IAuthority = InferEntity<typeof Authority>;

/** A legislative area in which an authority takes part in exchanges. */
export const AuthorityArea = defineEntity({
  name: 'AuthorityArea',
  tableName: 'authority_area',
  indexes: [{ name: 'authority_area_area_idx', properties: ['area', 'authority'] }],
  properties: (p) => ({
    authority: () => p.manyToOne(Authority).primary().deleteRule('cascade'),
    area: () => p.manyToOne(LegislativeArea).primary(),
    allocation: p.boolean().default(false),
  }),
});
export type IAuthorityArea = InferEntity<typeof AuthorityArea>;

/**
 * What an authority is competent for in one area: a profession or a keyword / service activity.
 * `active`, `countryCode` and `sortName` copy the authority's status, country and folded name (kept in step by database
 * triggers) so that directory search can walk the authorities competent for a profession in name order from one index,
 * without visiting the authority table for every hit.
 */
export const Competence = defineEntity({
  name: 'Competence',
  tableName: 'competence',
  indexes: [
    {
      name: 'competence_directory_idx',
      expression: 'create index "competence_directory_idx" on "competence" ("ref_kind", "ref_id", "sort_name", "authority_id") include ("country_code", "area_code") where "active"',
    },
  ],
  uniques: [{ name: 'competence_unique', properties: ['authority', 'area', 'refKind', 'refId'] }],
  properties: (p) => ({
    id: p.integer().primary().autoincrement(),
    authority: () => p.manyToOne(Authority).deleteRule('cascade'),
    area: () => p.manyToOne(LegislativeArea),
    refKind: p.enum(['profession', 'keyword'] as const),
    refId: p.integer(),
    active: p.boolean().default(false),
    countryCode: p.string().length(2).nullable(),
    sortName: p.string().length(400).nullable(),
  }),
});
export type ICompetence = InferEntity<typeof Competence>;

export const coordinationRelations = ['validating', 'access', 'request', 'observer'] as const;
export type CoordinationRelation = (typeof coordinationRelations)[number];

/**
 * A coordinator's relation to an authority in one area (SPEC §2): the validating coordinator registered or validated
 * it, the access coordinator granted it the area, request coordinators monitor its requests, observers see summaries.
 */
export const Coordination = defineEntity({
  name: 'Coordination',
  tableName: 'coordination',
  uniques: [{ name: 'coordination_unique', properties: ['authority', 'area', 'coordinator', 'relation'] }],
  indexes: [{ name: 'coordination_coordinator_idx', properties: ['coordinator', 'authority'] }],
  properties: (p) => ({
    id: p.integer().primary().autoincrement(),
    authority: () => p.manyToOne(Authority).deleteRule('cascade'),
    area: () => p.manyToOne(LegislativeArea),
    coordinator: () => p.manyToOne(Authority).deleteRule('cascade'),
    relation: p.enum([...coordinationRelations]),
  }),
});
export type ICoordination = InferEntity<typeof Coordination>;

/** An e-mailed, single-use and expiring invitation for an authority to register itself. */
export const Invitation = defineEntity({
  name: 'Invitation',
  tableName: 'invitation',
  properties: (p) => ({
    id: p.uuid().primary().onCreate(() => crypto.randomUUID()),
    tokenHash: p.string().length(64).unique(),
    email: p.string().length(254),
    country: () => p.manyToOne(Country).ref(),
    areas: p.array().columnType('text[]'),
    /** The coordinator authority that invited, which becomes the new authority's validating coordinator. */
    coordinator: () => p.manyToOne(Authority).ref(),
    invitedBy: p.uuid(),
    createdAt: p.datetime().onCreate(() => new Date()),
    expiresAt: p.datetime(),
    usedAt: p.datetime().nullable(),
    authority: () => p.manyToOne(Authority).ref().nullable(),
  }),
});
export type IInvitation = InferEntity<typeof Invitation>;
