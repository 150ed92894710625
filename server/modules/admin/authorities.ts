import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { empty, join, raw, sql, type Sql } from '../../db/sql.js';
import { decodeCursor, encodeCursor } from '../../http/cursor.js';
import type { Api } from '../../http/api.js';
import { problems } from '../../http/problem.js';
import { page, pageQuery, text } from '../../http/schemas.js';
import { authorityStatuses, coordinatorKinds, type AuthorityStatus, type CoordinatorKind } from '../authorities/entities.js';
import { authorityDetailSchema, authorityIdentity, idParams } from '../authorities/schemas.js';
import { authorityDetail, authorityIdentityOf, type AuthorityIdentityRow } from '../authorities/service.js';
import type { AuthUser } from '../identity/service.js';
import { fold, prefixTsQuery } from '../reference/fold.js';
import type { LocaleCode } from '../reference/locales.js';

const countryCode = z.string().regex(/^[A-Z]{2}$/, 'Use an ISO 3166 alpha-2 code in capitals, e.g. DE');

export const registryQuery = z.object({
  q: text(200).describe('Words of the official name, a designation, the city or the region (any language, as prefixes)'),
  country: countryCode.optional(),
  status: z.enum(authorityStatuses).optional(),
  coordinator: z.enum(['true', 'false']).transform((v) => v === 'true').optional().describe('true: coordinators only; false: no coordinators'),
  ...pageQuery,
});
export type RegistryQuery = z.output<typeof registryQuery>;

export const registryItem = authorityIdentity.extend({
  coordinatorKind: z.enum(coordinatorKinds),
  status: z.enum(authorityStatuses),
  statusReason: z.string().nullable().describe('Why a coordinator rejected or suspended it'),
  areas: z.array(z.string()),
  version: z.number().int(),
  createdAt: z.date(),
});
export type RegistryItem = z.infer<typeof registryItem>;

const translations = z.record(z.string(), z.string());
export const registryDetail = authorityDetailSchema.extend({
  designations: translations.describe('The designation in every language it was given in, to edit them'),
  descriptions: translations.describe('The description in every language it was given in'),
  statusReason: z.string().nullable(),
  allocation: z.array(z.string()).describe('The areas in which incoming requests are allocated to handlers'),
});
export type RegistryDetail = z.infer<typeof registryDetail>;

export const invitationQuery = z.object({
  status: z.enum(['pending', 'registered', 'expired']).optional().describe('pending: not used and not expired yet'),
  country: countryCode.optional(),
  ...pageQuery,
});
export type InvitationQuery = z.output<typeof invitationQuery>;

export const invitationItem = z.object({
  id: z.string().uuid(),
  email: z.string(),
  country: z.string(),
  areas: z.array(z.string()),
  status: z.enum(['pending', 'registered', 'expired']),
  createdAt: z.date(),
  expiresAt: z.date(),
  usedAt: z.date().nullable(),
  coordinator: z.object({ id: z.string().uuid(), officialName: z.string() }).describe('The coordinator that invited'),
  invitedBy: z.object({ name: z.string(), email: z.string() }).nullable(),
  authority: z.object({ id: z.string().uuid(), officialName: z.string(), status: z.enum(authorityStatuses) }).nullable()
    .describe('The authority registered with the invitation'),
});
export type InvitationItem = z.infer<typeof invitationItem>;

interface Reach {
  /** The Commission sees the whole network. */
  all: boolean;
  own?: { id: string; country: string; region: string | null; kind: CoordinatorKind };
}

/** Who the actor is in the registry: the Commission, or the administrator of its own authority (perhaps a coordinator). */
async function reachOf(em: EntityManager, user: AuthUser): Promise<Reach> {
  if (user.commissionAdmin && user.mfa) return { all: true };
  const [own] = await em.execute<{ id: string; country_code: string; region: string | null; coordinator_kind: CoordinatorKind }[]>(
    'select id, country_code, region, coordinator_kind from authority where id = ?', [user.authorityId]);
  if (!own) throw problems.forbidden();
  return { all: false, own: { id: own.id, country: own.country_code, region: own.region, kind: own.coordinator_kind } };
}

/**
 * The authorities an administrator may see in the console, as the policy's `coordinates` decides one by one: its own;
 * a NIMIC its whole state; an SDIMIC its region; any coordinator those it has a relation to.
 */
function scopeOf(reach: Reach, alias: string): Sql {
  if (reach.all || !reach.own) return raw('true');
  const own = reach.own;
  const id = raw(`${alias}.id`);
  const related = sql`exists (select 1 from coordination c where c.authority_id = ${id} and c.coordinator_id = ${own.id}::uuid)`;
  switch (own.kind) {
    case 'NONE':
      return sql`${id} = ${own.id}::uuid`;
    case 'NIMIC':
      return sql`${raw(`${alias}.country_code`)} = ${own.country}`;
    case 'SDIMIC':
      return own.region === null
        ? sql`(${id} = ${own.id}::uuid or ${related})`
        : sql`(${id} = ${own.id}::uuid or (${raw(`${alias}.country_code`)} = ${own.country} and ${raw(`${alias}.region`)} = ${own.region}) or ${related})`;
    default:
      return sql`(${id} = ${own.id}::uuid or ${related})`;
  }
}

interface RegistryRow extends AuthorityIdentityRow {
  coordinator_kind: CoordinatorKind;
  status: AuthorityStatus;
  status_reason: string | null;
  areas: string[];
  version: number;
  created_at: Date;
  sort_name: string;
}

/** The registry as the console lists it: every status, in the actor's scope, by folded name. */
export async function listRegistry(em: EntityManager, user: AuthUser, query: RegistryQuery, lang: LocaleCode) {
  const folded = query.q ? fold(query.q) : undefined;
  if (query.q && !folded) throw problems.invalid([{ path: 'q', in: 'query', message: 'Type at least one letter or digit' }]);
  const after = decodeCursor(query.cursor, z.tuple([z.string().max(400), z.string().uuid()]));
  const reach = await reachOf(em, user);
  const filters: Sql[] = [scopeOf(reach, 'a')];
  if (folded) filters.push(sql`a.search_tsv @@ to_tsquery('simple', ${prefixTsQuery(folded)})`);
  if (query.country) filters.push(sql`a.country_code = ${query.country}`);
  if (query.status) filters.push(sql`a.status = ${query.status}`);
  if (query.coordinator !== undefined) filters.push(query.coordinator ? raw(`a.coordinator_kind <> 'NONE'`) : raw(`a.coordinator_kind = 'NONE'`));
  if (after) filters.push(sql`(a.sort_name, a.id) > (${after[0]}, ${after[1]}::uuid)`);
  const statement = sql`select a.id, a.country_code, a.official_name, a.official_name_lang, a.designation, a.region, a.city,
        a.coordinator_kind, a.status, a.status_reason, a.version, a.created_at, a.sort_name,
        array(select aa.area_code from authority_area aa where aa.authority_id = a.id order by aa.area_code) as areas
      from authority a where ${join(filters, ' and ')} order by a.sort_name, a.id limit ${query.limit + 1}`;
  const rows = await em.execute<RegistryRow[]>(statement.text, statement.params);
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return {
    items: items.map((row): RegistryItem => ({
      ...authorityIdentityOf(row, lang),
      coordinatorKind: row.coordinator_kind,
      status: row.status,
      statusReason: row.status_reason,
      areas: row.areas,
      version: row.version,
      createdAt: new Date(row.created_at),
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.sort_name, last.id]) : null,
  };
}

/** One authority as its administrators edit it: every translation of its texts, why its status is what it is, allocation. */
export async function registryEntry(em: EntityManager, id: string, lang: LocaleCode): Promise<RegistryDetail> {
  const detail = await authorityDetail(em, id, lang);
  const [row] = await em.execute<{ designation: Record<string, string>; description: Record<string, string>; status_reason: string | null; allocation: string[] }[]>(
    `select designation, description, status_reason,
            array(select aa.area_code from authority_area aa where aa.authority_id = a.id and aa.allocation order by aa.area_code) as allocation
       from authority a where a.id = ?`, [id]);
  return { ...detail, designations: row.designation, descriptions: row.description, statusReason: row.status_reason, allocation: row.allocation };
}

interface InvitationRow {
  id: string;
  email: string;
  country_code: string;
  areas: string[];
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
  expired: boolean;
  coordinator_id: string;
  coordinator_name: string;
  invited_by_name: string | null;
  invited_by_email: string | null;
  authority_id: string | null;
  authority_name: string | null;
  authority_status: AuthorityStatus | null;
}

/**
 * Invitations, newest first: the Commission sees all, a NIMIC those of its state, another coordinator those it sent.
 * An invitation is pending until it is used or its 14 days pass.
 */
export async function listInvitations(em: EntityManager, user: AuthUser, query: InvitationQuery) {
  const after = decodeCursor(query.cursor, z.tuple([z.string().datetime(), z.string().uuid()]));
  const reach = await reachOf(em, user);
  const filters: Sql[] = [];
  if (reach.own) filters.push(reach.own.kind === 'NIMIC' ? sql`i.country_code = ${reach.own.country}` : sql`i.coordinator_id = ${reach.own.id}::uuid`);
  if (query.country) filters.push(sql`i.country_code = ${query.country}`);
  if (query.status === 'pending') filters.push(raw('i.used_at is null and i.expires_at > now()'));
  if (query.status === 'registered') filters.push(raw('i.used_at is not null'));
  if (query.status === 'expired') filters.push(raw('i.used_at is null and i.expires_at <= now()'));
  if (after) filters.push(sql`(i.created_at, i.id) < (${after[0]}::timestamptz, ${after[1]}::uuid)`);
  const where = filters.length ? sql` where ${join(filters, ' and ')}` : empty;
  const statement = sql`select i.id, i.email, i.country_code, i.areas, i.created_at, i.expires_at, i.used_at, i.expires_at <= now() as expired,
        i.coordinator_id, c.official_name as coordinator_name, u.name as invited_by_name, u.email as invited_by_email,
        i.authority_id, a.official_name as authority_name, a.status as authority_status
      from invitation i
      join authority c on c.id = i.coordinator_id
      left join app_user u on u.id = i.invited_by
      left join authority a on a.id = i.authority_id${where}
     order by i.created_at desc, i.id desc limit ${query.limit + 1}`;
  const rows = await em.execute<InvitationRow[]>(statement.text, statement.params);
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return {
    items: items.map((row): InvitationItem => ({
      id: row.id,
      email: row.email,
      country: row.country_code,
      areas: row.areas,
      status: row.used_at ? 'registered' : row.expired ? 'expired' : 'pending',
      createdAt: new Date(row.created_at),
      expiresAt: new Date(row.expires_at),
      usedAt: row.used_at ? new Date(row.used_at) : null,
      coordinator: { id: row.coordinator_id, officialName: row.coordinator_name },
      invitedBy: row.invited_by_email ? { name: row.invited_by_name ?? row.invited_by_email, email: row.invited_by_email } : null,
      authority: row.authority_id && row.authority_name && row.authority_status
        ? { id: row.authority_id, officialName: row.authority_name, status: row.authority_status }
        : null,
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor([new Date(last.created_at).toISOString(), last.id]) : null,
  };
}

export function registryRoutes(api: Api): void {
  const tags = ['Administration'];
  api.route({
    method: 'get', path: '/admin/authorities', operationId: 'listRegistry', tags, query: registryQuery,
    access: { action: 'authorities:read' }, response: page(registryItem),
    summary: 'Authorities of every status in your scope: the network (Commission), your state (NIMIC), those you coordinate, your own',
    description: 'Unlike the directory search, lists authorities that are not active too: invited, pending validation, suspended, rejected. Ordered by name, keyset-paginated.',
    handler: ({ em, user, query, lang }) => listRegistry(em, user!, query, lang),
  });
  api.route({
    method: 'get', path: '/admin/authorities/{id}', operationId: 'getRegistryEntry', tags, params: idParams,
    access: { action: 'authorities:read', target: ({ params }) => ({ authorityId: params.id }) }, response: registryDetail,
    summary: 'One authority as its administrators edit it: every translation, the reason for its status, allocation per area',
    handler: ({ em, params, lang }) => registryEntry(em, params.id, lang),
  });
  api.route({
    method: 'get', path: '/admin/invitations', operationId: 'listInvitations', tags, query: invitationQuery,
    access: { action: 'invitations:read' }, response: page(invitationItem),
    summary: 'Invitations sent and pending: all (Commission), your state\'s (NIMIC), those you sent (other coordinators)',
    handler: ({ em, user, query }) => listInvitations(em, user!, query),
  });
}
