import { z } from 'zod';
import { page, version } from '../../http/schemas.js';
import { localeCodes } from '../reference/locales.js';
import { answerTypes } from './entities.js';

const locale = z.enum(localeCodes);
/** Texts per locale; English is required, since it is the fallback of every other locale. */
const translations = (max: number) =>
  z.partialRecord(locale, z.string().trim().min(1, 'Empty text').max(max))
    .refine((t) => Boolean(t.en), { message: 'Give at least the English text', path: ['en'] });
const code = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,79}$/, 'Letters, digits, - and _ (at most 80)');
const choice = new Set(['single-choice', 'multi-choice']);

const question = z.object({
  code,
  text: translations(2000),
  help: translations(2000).optional(),
  answerType: z.enum(answerTypes),
  options: z.array(z.object({ code, label: translations(500) })).max(20).default([]),
  required: z.boolean().default(false),
  personal: z.boolean().default(false),
  lists: z.array(code).max(10).default([]),
  legalBasis: z.string().trim().max(300).optional(),
}).superRefine((q, ctx) => {
  if (choice.has(q.answerType) && q.options.length < 2) ctx.addIssue({ code: 'custom', path: ['options'], message: 'A choice question needs at least two options' });
  if (!choice.has(q.answerType) && q.options.length) ctx.addIssue({ code: 'custom', path: ['options'], message: `A ${q.answerType} question has no options` });
  const seen = new Set<string>();
  q.options.forEach((o, i) => {
    if (seen.has(o.code)) ctx.addIssue({ code: 'custom', path: ['options', i, 'code'], message: `Option ${o.code} appears twice` });
    seen.add(o.code);
  });
});

export const areaDefinition = z.object({
  legalBasis: z.string().trim().min(3).max(100),
  names: translations(200),
  legalBasisTitle: translations(500),
  replyPeriodDays: z.number().int().min(1).max(365),
  blockingMonths: z.number().int().min(6, 'At least 6 months').max(18, 'At most 18 months'),
});

/** The import and export format of a question set (SPEC §3): a new legislative area is an import, not code. */
export const questionSetFile = z.object({
  area: z.string().regex(/^[A-Z_]{2,40}$/, 'A legislative area code in capitals, e.g. PQ'),
  version,
  name: translations(300),
  lists: z.array(z.object({ code, name: translations(300) })).max(20).default([]),
  groups: z.array(z.object({ code, title: translations(300), questions: z.array(question).min(1).max(500) })).min(1).max(50),
  /** Needed only when the area does not exist yet. */
  areaDefinition: areaDefinition.optional(),
}).superRefine((set, ctx) => {
  // Codes name the texts of a set (e.g. in the translations of the console), so each appears once.
  const unique = (part: 'lists' | 'groups', codes: string[], what: string) => {
    const seen = new Set<string>();
    codes.forEach((c, i) => {
      if (seen.has(c)) ctx.addIssue({ code: 'custom', path: [part, i, 'code'], message: `${what} ${c} appears twice` });
      seen.add(c);
    });
  };
  unique('lists', set.lists.map((l) => l.code), 'List');
  unique('groups', set.groups.map((g) => g.code), 'Group');
  const lists = new Set(set.lists.map((l) => l.code));
  const questions = new Set<string>();
  set.groups.forEach((group, g) => group.questions.forEach((q, i) => {
    if (questions.has(q.code)) ctx.addIssue({ code: 'custom', path: ['groups', g, 'questions', i, 'code'], message: `Question ${q.code} appears twice` });
    questions.add(q.code);
    q.lists.forEach((l, j) => {
      if (!lists.has(l)) ctx.addIssue({ code: 'custom', path: ['groups', g, 'questions', i, 'lists', j], message: `No list ${l} in this set` });
    });
  }));
});
export type QuestionSetFile = z.output<typeof questionSetFile>;

const localized = z.object({ code: z.string(), name: z.string() });
export const questionView = z.object({
  code: z.string(),
  text: z.string(),
  textLang: z.string(),
  help: z.string().nullable(),
  answerType: z.enum(answerTypes),
  options: z.array(z.object({ code: z.string(), label: z.string() })),
  required: z.boolean(),
  personal: z.boolean(),
  lists: z.array(z.string()),
  legalBasis: z.string().nullable(),
});
export const questionSetView = z.object({
  id: z.number().int(),
  area: z.string(),
  version: z.number().int(),
  name: z.string(),
  lists: z.array(localized),
  groups: z.array(z.object({ code: z.string(), title: z.string(), questions: z.array(questionView) })),
});
export const questionSetSummary = z.object({
  id: z.number().int(),
  area: z.string(),
  version: z.number().int(),
  name: z.string(),
  questions: z.number().int(),
  current: z.boolean().describe('The newest version of its area, used for new requests'),
  importedAt: z.date(),
  /** Share of the set's texts translated, per locale (0 to 1). */
  translated: z.record(z.string(), z.number()),
});
export const questionSetList = page(questionSetSummary);
/** The answer of an import's dry run: what importing the file would add. */
export const questionSetImportCheck = z.object({
  area: z.string(),
  version: z.number().int(),
  name: z.string(),
  newArea: z.boolean().describe('The import would create the legislative area'),
  latestVersion: z.number().int().nullable().describe('The newest version of the area there is now'),
  questions: z.number().int(),
  translated: z.record(z.string(), z.number()),
});
export type QuestionSetView = z.infer<typeof questionSetView>;
export type QuestionSetSummary = z.infer<typeof questionSetSummary>;
export type QuestionSetImportCheck = z.infer<typeof questionSetImportCheck>;
export type QuestionView = z.infer<typeof questionView>;
