import { z } from 'zod';
import { page, pageQuery, text, version } from '../../http/schemas.js';
import { localeCodes } from '../reference/locales.js';
import { authorityStatuses, coordinationRelations, coordinatorKinds } from './entities.js';

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
export const authorityIdentity = z.object({
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

const locale = z.enum(localeCodes);
const translations = z.partialRecord(locale, z.string().trim().min(1).max(2000));
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const areaCode = z.string().regex(/^[A-Z_]{2,40}$/, 'A legislative area code, e.g. PQ');
const code = z.string().regex(/^[a-z0-9-]{2,80}$/, 'A code like general-care-nurse');

export const authorityFieldsBody = z.object({
  officialName: z.string().trim().min(2, 'Enter the official name').max(400),
  officialNameLang: locale,
  designation: translations.optional(),
  description: translations.optional(),
  region: optionalText(200),
  city: optionalText(200),
  address: optionalText(400),
  postalCode: optionalText(20),
  email: z.string().trim().email('Enter an e-mail address like office@example.org').max(254).nullable().optional(),
  phone: z.string().trim().regex(/^\+?[0-9 ()./-]{5,40}$/, 'A telephone number like +49 30 1234567').nullable().optional(),
  website: z.string().trim().url('A web address like https://example.org').max(400).refine((u) => /^https?:/.test(u), 'Use http or https').nullable().optional(),
  languages: z.array(locale).min(1, 'Name at least one language the authority works in').max(26),
  competences: z.array(z.object({ area: areaCode, professions: z.array(code).max(200).optional(), keywords: z.array(code).max(200).optional() })).max(20).optional(),
});

const ldaBody = z.object({
  email: z.string().trim().email('Enter an e-mail address like name@example.org').max(254),
  name: z.string().trim().min(1, 'Enter a name').max(200),
  locale: locale.optional(),
});

export const createAuthorityBody = authorityFieldsBody.extend({
  country: z.string().regex(/^[A-Z]{2}$/, 'Use an ISO 3166 alpha-2 code in capitals, e.g. DE'),
  coordinatorKind: z.enum(coordinatorKinds).default('NONE'),
  areas: z.array(areaCode).min(1, 'Name at least one legislative area').max(20),
  lda: ldaBody,
});

export const invitationBody = z.object({
  email: z.string().trim().email('Enter an e-mail address like office@example.org').max(254),
  country: z.string().regex(/^[A-Z]{2}$/, 'Use an ISO 3166 alpha-2 code in capitals, e.g. DE'),
  areas: z.array(areaCode).min(1, 'Name at least one legislative area').max(20),
});
export const invitationView = z.object({ id: z.string().uuid(), email: z.string(), country: z.string(), areas: z.array(z.string()), expiresAt: z.date() });

export const registrationBody = authorityFieldsBody.extend({
  token: z.string().min(20).max(200),
  lda: z.object({ name: z.string().trim().min(1, 'Enter your name').max(200), password: z.string().min(1, 'Enter a password').max(1000), locale: locale.optional() }),
});

export const versionBody = z.object({ version });
export const validationBody = versionBody.extend({
  decision: z.enum(['approve', 'reject']),
  reason: z.string().trim().min(1).max(1000).optional(),
}).refine((b) => b.decision === 'approve' || b.reason, { message: 'Give the reason for the rejection', path: ['reason'] });
export const suspensionBody = versionBody.extend({ reason: z.string().trim().min(1, 'Give the reason for the suspension').max(1000) });
export const areaGrantBody = versionBody.extend({ area: areaCode });
export const allocationBody = versionBody.extend({ area: areaCode, allocation: z.boolean() });
export const authorityPatchBody = authorityFieldsBody.partial().extend({ version });

export const coordinatorBody = z.object({
  area: areaCode,
  coordinatorId: z.string().uuid('Not an authority id'),
  relation: z.enum(['request', 'observer']),
  present: z.boolean().default(true).describe('false removes the relation'),
});
export const coordinatorList = z.object({
  items: z.array(z.object({
    area: z.string(),
    relation: z.enum(coordinationRelations),
    coordinator: z.object({ id: z.string().uuid(), officialName: z.string(), kind: z.enum(coordinatorKinds) }),
  })),
  nextCursor: z.null(),
});
