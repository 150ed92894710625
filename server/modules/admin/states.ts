import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import type { Api } from '../../http/api.js';
import { problems } from '../../http/problem.js';
import { authorityStatuses, type AuthorityStatus, type CoordinatorKind } from '../authorities/entities.js';
import { translate, type LocaleCode } from '../reference/locales.js';

const stateParams = z.object({ country: z.string().regex(/^[A-Z]{2}$/, 'An ISO 3166 alpha-2 code in capitals, e.g. FR') });

const delegatedKinds = ['SDIMIC', 'LIMIC', 'DIMIC'] as const;

export const stateView = z.object({
  country: z.string(),
  name: z.string(),
  nimic: z.object({
    id: z.string().uuid(), designation: z.string(), officialName: z.string(),
    email: z.string().nullable(), phone: z.string().nullable(), status: z.enum(authorityStatuses),
  }).nullable(),
  coordinators: z.array(z.object({
    id: z.string().uuid(), kind: z.enum(delegatedKinds), designation: z.string(), officialName: z.string(),
    region: z.string().nullable().describe('The region an SDIMIC coordinates'),
    areas: z.array(z.string()).describe('The legislative areas it takes part in (a LIMIC coordinates these)'),
    status: z.enum(authorityStatuses),
  })),
});
export type StateView = z.infer<typeof stateView>;

interface CoordinatorRow {
  id: string; coordinator_kind: CoordinatorKind; designation: Record<string, string>; official_name: string;
  region: string | null; email: string | null; phone: string | null; status: AuthorityStatus; areas: string[] | null;
}

/** A state's coordinators: its NIMIC with its contact data, and the coordinators registered below it with their reach. */
export async function stateCoordinators(em: EntityManager, country: string, lang: LocaleCode): Promise<StateView> {
  const [known] = await em.execute('select 1 from country where code = ?', [country]);
  if (!known) throw problems.invalid([{ path: 'country', in: 'path', message: `${country} is not one of the 30 EEA states` }]);
  // Rejected registrations never became coordinators; an active NIMIC comes before one being replaced.
  const rows = await em.execute<CoordinatorRow[]>(
    `select a.id, a.coordinator_kind, a.designation, a.official_name, a.region, a.email, a.phone, a.status,
            array(select aa.area_code from authority_area aa where aa.authority_id = a.id order by aa.area_code) as areas
       from authority a
      where a.country_code = ? and a.coordinator_kind <> 'NONE' and a.status <> 'rejected'
      order by array_position(array['NIMIC', 'SDIMIC', 'LIMIC', 'DIMIC'], a.coordinator_kind::text), a.status <> 'active', a.sort_name, a.id`,
    [country],
  );
  const designation = (r: CoordinatorRow) => translate(r.designation, lang)?.text ?? r.official_name;
  const nimic = rows.find((r) => r.coordinator_kind === 'NIMIC');
  return {
    country,
    name: new Intl.DisplayNames([lang, 'en'], { type: 'region' }).of(country) ?? country,
    nimic: nimic
      ? { id: nimic.id, designation: designation(nimic), officialName: nimic.official_name, email: nimic.email, phone: nimic.phone, status: nimic.status }
      : null,
    coordinators: rows
      .filter((r) => r.coordinator_kind !== 'NIMIC')
      .map((r) => ({
        id: r.id, kind: r.coordinator_kind as (typeof delegatedKinds)[number], designation: designation(r), officialName: r.official_name,
        region: r.region, areas: r.areas ?? [], status: r.status,
      })),
  };
}

export function stateRoutes(api: Api): void {
  api.route({
    method: 'get', path: '/admin/states/{country}', operationId: 'getState', tags: ['Administration'], params: stateParams,
    access: { action: 'state:read', target: ({ params }) => ({ country: params.country }) },
    response: stateView,
    summary: 'A state\'s NIMIC with its contact data and its other coordinators (SDIMIC, LIMIC, DIMIC) with their reach (its NIMIC, the Commission)',
    handler: ({ em, params, lang }) => stateCoordinators(em, params.country, lang),
  });
}
