import { z } from 'zod';
import { page, pageQuery, text } from '../../http/schemas.js';

export const countrySchema = z.object({ code: z.string(), name: z.string(), languages: z.array(z.string()), euMember: z.boolean() });
export const localeSchema = z.object({ code: z.string(), nativeName: z.string(), name: z.string() });
export const areaSchema = z.object({
  code: z.string(),
  name: z.string(),
  legalBasis: z.string(),
  legalBasisTitle: z.string(),
  replyPeriodDays: z.number().int(),
  blockingMonths: z.number().int(),
  opensAt: z.date().nullable(),
});
const termMatch = z.object({ text: z.string(), locale: z.string().nullable() }).nullable();
export const professionSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  sector: z.object({ code: z.string(), name: z.string() }),
  sectoral: z.boolean(),
  /** How many national regulated professions (a state's title) the profession has. */
  nationalTitles: z.number().int(),
  match: termMatch,
});
export const keywordSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(['keyword', 'service-activity']),
  match: termMatch,
});

export const vocabularyQuery = z.object({ q: text(200), ...pageQuery });
export const professionQuery = vocabularyQuery.extend({ sector: text(40) });
export const keywordQuery = vocabularyQuery.extend({ kind: z.enum(['keyword', 'service-activity']).optional() });

export const countryList = page(countrySchema);
export const localeList = page(localeSchema);
export const areaList = page(areaSchema);
export const professionList = page(professionSchema);
export const keywordList = page(keywordSchema);

export type Country = z.infer<typeof countrySchema>;
export type LegislativeArea = z.infer<typeof areaSchema>;
export type Profession = z.infer<typeof professionSchema>;
