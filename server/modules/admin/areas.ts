import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import type { Api } from '../../http/api.js';
import { problems } from '../../http/problem.js';
import { version } from '../../http/schemas.js';
import { audit } from '../audit/service.js';
import type { AuthUser } from '../identity/service.js';
import { questionSetFile, questionSetImportCheck } from '../questions/schemas.js';
import { checkQuestionSetImport } from '../questions/service.js';
import { translate, type LocaleCode } from '../reference/locales.js';
import { areaSchema } from '../reference/schemas.js';

/** A calendar day; an area or profession opens at 00:00 UTC of it. */
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'A date as YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'Not a calendar date');
const opensOn = isoDate.nullable().describe('The first day (UTC) on which requests may be created; null: open now');

export const adminArea = areaSchema.omit({ opensAt: true }).extend({
  opensOn: z.string().nullable(),
  version: z.number().int(),
  questionSets: z.array(z.object({
    id: z.number().int(),
    version: z.number().int(),
    questions: z.number().int(),
    importedAt: z.date(),
    current: z.boolean(),
  })),
});
export const adminAreaList = z.object({ items: z.array(adminArea), nextCursor: z.string().nullable() });
export const professionOpening = z.object({
  code: z.string(),
  name: z.string(),
  sectoral: z.boolean(),
  opensOn: z.string().nullable(),
  version: z.number().int(),
});
export const professionOpeningList = z.object({ items: z.array(professionOpening), nextCursor: z.string().nullable() });
export type AdminArea = z.infer<typeof adminArea>;
export type ProfessionOpening = z.infer<typeof professionOpening>;

const openingBody = z.object({ opensOn, version });
type OpeningBody = z.infer<typeof openingBody>;

/** Path codes are checked against the database, not a pattern: an unknown code is a 404. */
const areaParams = z.object({ code: z.string().min(1).max(40) });
const professionParams = z.object({ code: z.string().min(1).max(80) });

const day = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD')`;
const midnight = (date: string | null) => (date ? `${date}T00:00:00Z` : null);

/** The legislative areas with their periods, opening date and question-set versions (newest first). */
export async function listAdminAreas(em: EntityManager, lang: LocaleCode, only?: string) {
  const areas = await em.execute<{
    code: string; names: Record<string, string>; legal_basis: string; legal_basis_titles: Record<string, string>;
    reply_period_days: number; blocking_months: number; opens_on: string | null; version: number;
  }[]>(
    `select code, names, legal_basis, legal_basis_titles, reply_period_days, blocking_months, ${day('opens_at')} as opens_on, version
       from legislative_area ${only ? 'where code = ?' : ''} order by code`, only ? [only] : []);
  const sets = await em.execute<{ id: number; area_code: string; version: number; questions: string; imported_at: Date }[]>(
    `select id, area_code, version, imported_at,
            (select coalesce(sum(jsonb_array_length(g -> 'questions')), 0) from jsonb_array_elements(definition -> 'groups') g) as questions
       from question_set ${only ? 'where area_code = ?' : ''} order by area_code, version desc`, only ? [only] : []);
  return {
    items: areas.map((a) => {
      const versions = sets.filter((s) => s.area_code === a.code);
      return {
        code: a.code,
        name: translate(a.names, lang)?.text ?? a.code,
        legalBasis: a.legal_basis,
        legalBasisTitle: translate(a.legal_basis_titles, lang)?.text ?? a.legal_basis,
        replyPeriodDays: a.reply_period_days,
        blockingMonths: a.blocking_months,
        opensOn: a.opens_on,
        version: a.version,
        questionSets: versions.map((s, i) => ({ id: s.id, version: s.version, questions: Number(s.questions), importedAt: new Date(s.imported_at), current: i === 0 })),
      };
    }),
    nextCursor: null,
  };
}

/** Every generic profession with its opening date, by name in the user's language. */
export async function listProfessionOpenings(em: EntityManager, lang: LocaleCode, only?: string) {
  const rows = await em.execute<{ code: string; names: Record<string, string>; sectoral: boolean; opens_on: string | null; version: number }[]>(
    `select code, names, sectoral, ${day('opens_at')} as opens_on, version from profession ${only ? 'where code = ?' : ''}`, only ? [only] : []);
  const collator = new Intl.Collator(lang);
  return {
    items: rows
      .map((p) => ({ code: p.code, name: translate(p.names, lang)?.text ?? p.code, sectoral: p.sectoral, opensOn: p.opens_on, version: p.version }))
      .sort((a, b) => collator.compare(a.name, b.name)),
    nextCursor: null,
  };
}

/** What carries an opening date (SPEC §3, staged opening): areas and professions, by code. */
const openable = {
  'legislative-area': { table: 'legislative_area', missing: 'There is no legislative area with this code.' },
  profession: { table: 'profession', missing: 'There is no profession with this code.' },
} as const;

/** Sets or clears the date from which requests may be created in an area, or name a profession. */
async function setOpening(em: EntityManager, actor: AuthUser, kind: keyof typeof openable, code: string, input: OpeningBody, ip: string | null): Promise<void> {
  const { table, missing } = openable[kind];
  await em.transactional(async (tx) => {
    const changed = await tx.execute(`update ${table} set opens_at = ?, version = version + 1 where code = ? and version = ? returning code`,
      [midnight(input.opensOn), code, input.version]);
    if (!changed.length) {
      const [exists] = await tx.execute(`select 1 from ${table} where code = ?`, [code]);
      throw exists ? problems.conflict('Someone changed this record since you read it; reload it and try again.') : problems.notFound(missing);
    }
    audit(tx, { action: `${kind}.opening`, actorId: actor.id, actorEmail: actor.email, authorityId: actor.authorityId, record: { type: kind, id: code }, fields: ['opensAt'], ip });
  });
}

export function areaRoutes(api: Api): void {
  const tags = ['Administration'];
  const access = { action: 'reference:manage' as const };
  api.route({
    method: 'get', path: '/admin/legislative-areas', operationId: 'listAdminLegislativeAreas', tags, access, response: adminAreaList,
    summary: 'Legislative areas with their periods, opening date, version and question-set versions (Commission administrators)',
    handler: ({ em, lang }) => listAdminAreas(em, lang),
  });
  api.route({
    method: 'patch', path: '/admin/legislative-areas/{code}', operationId: 'setLegislativeAreaOpening', tags, access, params: areaParams, body: openingBody,
    response: adminArea,
    summary: 'Set or clear the date from which requests may be created in a legislative area (Commission administrators)',
    description: 'Before `opensOn`, creating a request in the area is refused. Send the `version` last read; a stale one gets 409.',
    handler: async ({ em, params, body, user, lang, ip }) => {
      await setOpening(em, user!, 'legislative-area', params.code, body, ip);
      return (await listAdminAreas(em, lang, params.code)).items[0];
    },
  });
  api.route({
    method: 'get', path: '/admin/professions/opening-dates', operationId: 'listProfessionOpenings', tags, access, response: professionOpeningList,
    summary: 'Every generic profession with the date from which requests may name it (Commission administrators)',
    handler: ({ em, lang }) => listProfessionOpenings(em, lang),
  });
  api.route({
    method: 'patch', path: '/admin/professions/{code}/opening', operationId: 'setProfessionOpening', tags, access, params: professionParams, body: openingBody,
    response: professionOpening,
    summary: 'Set or clear the date from which requests may name a profession (Commission administrators)',
    description: 'Before `opensOn`, a request naming the profession is refused. Send the `version` last read; a stale one gets 409.',
    handler: async ({ em, params, body, user, lang, ip }) => {
      await setOpening(em, user!, 'profession', params.code, body, ip);
      return (await listProfessionOpenings(em, lang, params.code)).items[0];
    },
  });
  api.route({
    method: 'post', path: '/admin/question-sets/check', operationId: 'checkQuestionSetImport', tags, access, body: questionSetFile,
    response: questionSetImportCheck,
    summary: 'Check a question-set file without importing it: the same errors as the import, or what it would add (Commission administrators)',
    handler: ({ em, body, lang }) => checkQuestionSetImport(em, body, lang),
  });
}
