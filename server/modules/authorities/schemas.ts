import { z } from 'zod';
import { page, pageQuery, text } from '../../http/schemas.js';
import { authorityStatuses, coordinatorKinds } from './entities.js';

export const directoryQuery = z.object({
  q: text(200).describe('Free text in any of the 26 languages: profession, keyword, name, city'),
  country: z.string().regex(/^[A-Z]{2}$/, 'Use an ISO 3166 alpha-2 code in capitals, e.g. DE').optional(),
  area: z.string().regex(/^[A-Z_]{2,40}$/, 'Use a legislative area code, e.g. PQ').optional(),
  profession: text(80),
  keyword: text(80),
  region: text(200),
  city: text(200),
  ...pageQuery,
});

export const matchSchema = z.object({
  field: z.enum(['profession', 'keyword', 'officialName', 'designation', 'city', 'region']),
  text: z.string(),
  locale: z.string().nullable(),
  competence: z.object({ code: z.string(), name: z.string() }).optional(),
});

/** What every view of an authority shows: who it is, in the user's language and in its own. */
const authorityIdentity = z.object({
  id: z.string().uuid(),
  country: z.string(),
  officialName: z.string(),
  officialNameLang: z.string(),
  designation: z.string(),
  designationLang: z.string(),
  region: z.string().nullable(),
  city: z.string().nullable(),
});

export const authoritySummarySchema = authorityIdentity.extend({
  areas: z.array(z.string()),
  score: z.number(),
  match: matchSchema.nullable(),
});

const named = z.object({ code: z.string(), name: z.string() });
export const authorityDetailSchema = authorityIdentity.extend({
  description: z.string().nullable(),
  descriptionLang: z.string().nullable(),
  address: z.string().nullable(),
  postalCode: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  website: z.string().nullable(),
  languages: z.array(z.string()),
  coordinatorKind: z.enum(coordinatorKinds),
  status: z.enum(authorityStatuses),
  version: z.number().int(),
  areas: z.array(z.object({ area: z.string(), professions: z.array(named), keywords: z.array(named) })),
});

export const authorityList = page(authoritySummarySchema);
export const idParams = z.object({ id: z.string().uuid('Not an authority id') });

export type AuthoritySummary = z.infer<typeof authoritySummarySchema>;
export type AuthorityDetail = z.infer<typeof authorityDetailSchema>;
export type AuthorityMatch = z.infer<typeof matchSchema>;
