import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import type { Api } from '../../http/api.js';
import { problems, type FieldError } from '../../http/problem.js';
import { audit } from '../audit/service.js';
import type { AuthUser } from '../identity/service.js';
import type { QuestionSetDefinition } from '../questions/entities.js';
import { forgetQuestionSet } from '../questions/service.js';
import type { Translations } from '../reference/entities.js';
import { localeCodes, translate, type LocaleCode } from '../reference/locales.js';

/** PostgreSQL's `integer`: a larger id must be refused as input, not fail in the database. */
const INT4_MAX = 2_147_483_647;

/** One translatable text of a question set (or of its area), named by a key that stays the same across versions. */
interface TextSlot {
  key: string;
  texts: Translations;
  /** The import format's limit for this kind of text. */
  maxLength: number;
}

/**
 * Every translatable text of a set: the area's name, the set's name, list names, group titles, question texts and
 * help, option labels. The slots hold the set's own objects, so writing a slot's `texts` changes the set.
 */
function textSlots(name: Translations, definition: QuestionSetDefinition, areaNames: Translations): TextSlot[] {
  return [
    { key: 'area.name', texts: areaNames, maxLength: 200 },
    { key: 'name', texts: name, maxLength: 300 },
    ...definition.lists.map((l) => ({ key: `lists.${l.code}.name`, texts: l.name, maxLength: 300 })),
    ...definition.groups.flatMap((g) => [
      { key: `groups.${g.code}.title`, texts: g.title, maxLength: 300 },
      ...g.questions.flatMap((q) => [
        { key: `questions.${q.code}.text`, texts: q.text, maxLength: 2000 },
        ...(q.help ? [{ key: `questions.${q.code}.help`, texts: q.help, maxLength: 2000 }] : []),
        ...q.options.map((o) => ({ key: `questions.${q.code}.options.${o.code}.label`, texts: o.label, maxLength: 500 })),
      ]),
    ]),
  ];
}

const missingText = z.object({
  key: z.string().describe('e.g. `questions.PQ-001-profession-title.text` or `groups.profession.title`'),
  english: z.string(),
  maxLength: z.number().int(),
});
export const translationMatrix = z.object({
  questionSetId: z.number().int(),
  area: z.string(),
  version: z.number().int(),
  name: z.string(),
  /** How many translatable texts the set has (area name included). */
  strings: z.number().int(),
  locales: z.array(z.object({ locale: z.enum(localeCodes), translated: z.number().int(), missing: z.array(missingText) })),
});
export type TranslationMatrix = z.infer<typeof translationMatrix>;

const matrixQuery = z.object({
  area: z.string().regex(/^[A-Z_]{2,40}$/, 'A legislative area code in capitals, e.g. PQ'),
  version: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int('Not a version').min(1, 'Not a version').max(INT4_MAX, 'Not a version').optional())
    .describe('The question-set version; default: the newest'),
});

export const translationBody = z.object({
  questionSetId: z.number().int().min(1, 'Not a question set id').max(INT4_MAX, 'Not a question set id'),
  locale: z.enum(localeCodes),
  entries: z.array(z.object({
    key: z.string().min(1, 'Required').max(300, 'At most 300 characters'),
    text: z.string().trim().min(1, 'Empty text').max(2000, 'At most 2000 characters'),
  })).min(1, 'Give at least one text').max(2000, 'At most 2000 texts at once'),
});
type TranslationBody = z.infer<typeof translationBody>;

interface SetRow {
  id: number;
  area_code: string;
  version: number;
  name: Translations;
  definition: QuestionSetDefinition;
  area_names: Translations;
}

function matrix(set: SetRow, lang: LocaleCode): TranslationMatrix {
  const slots = textSlots(set.name, set.definition, set.area_names);
  return {
    questionSetId: set.id,
    area: set.area_code,
    version: set.version,
    name: translate(set.name, lang)?.text ?? set.area_code,
    strings: slots.length,
    locales: localeCodes.map((locale) => {
      const missing = slots.filter((s) => !s.texts[locale]?.trim());
      return {
        locale,
        translated: slots.length - missing.length,
        missing: missing.map((s) => ({ key: s.key, english: translate(s.texts, 'en')?.text ?? '', maxLength: s.maxLength })),
      };
    }),
  };
}

const setColumns = 's.id, s.area_code, s.version, s.name, s.definition, a.names as area_names from question_set s join legislative_area a on a.code = s.area_code';

/** How completely a question set is translated into each of the 26 locales, with the texts each one lacks. */
export async function translationCompleteness(em: EntityManager, query: z.infer<typeof matrixQuery>, lang: LocaleCode): Promise<TranslationMatrix> {
  const [set] = await em.execute<SetRow[]>(
    query.version === undefined
      ? `select ${setColumns} where s.area_code = ? order by s.version desc limit 1`
      : `select ${setColumns} where s.area_code = ? and s.version = ?`,
    query.version === undefined ? [query.area] : [query.area, query.version]);
  if (!set) throw problems.notFound(query.version === undefined ? `There is no question set of ${query.area}.` : `There is no version ${query.version} of the ${query.area} question set.`);
  return matrix(set, lang);
}

/**
 * Fills texts a question set lacks in one locale, in place: a version's questions never change, but a missing
 * translation (shown in English until now) may be added. Texts that exist already are not replaced — a changed wording
 * is a new version. Every entry is checked before anything is written.
 */
export async function fillTranslations(em: EntityManager, actor: AuthUser, body: TranslationBody, lang: LocaleCode, ip: string | null): Promise<TranslationMatrix> {
  const result = await em.transactional(async (tx) => {
    const [set] = await tx.execute<SetRow[]>(`select ${setColumns} where s.id = ? for update of s, a`, [body.questionSetId]);
    if (!set) throw problems.invalid([{ path: 'questionSetId', in: 'body', message: 'There is no question set with this id' }]);
    const slots = new Map(textSlots(set.name, set.definition, set.area_names).map((s) => [s.key, s]));
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    body.entries.forEach((entry, i) => {
      const slot = slots.get(entry.key);
      if (!slot) errors.push({ path: `entries.${i}.key`, in: 'body', message: `No text ${entry.key} in version ${set.version} of ${set.area_code}` });
      else if (seen.has(entry.key)) errors.push({ path: `entries.${i}.key`, in: 'body', message: 'Given twice' });
      else if (slot.texts[body.locale]?.trim()) errors.push({ path: `entries.${i}.key`, in: 'body', message: `Translated into ${body.locale} already; a changed wording needs a new version` });
      else if (entry.text.length > slot.maxLength) errors.push({ path: `entries.${i}.text`, in: 'body', message: `At most ${slot.maxLength} characters` });
      seen.add(entry.key);
    });
    if (errors.length) throw problems.invalid(errors);
    for (const entry of body.entries) slots.get(entry.key)!.texts[body.locale] = entry.text;
    await tx.execute('update question_set set name = ?::jsonb, definition = ?::jsonb where id = ?', [JSON.stringify(set.name), JSON.stringify(set.definition), set.id]);
    if (seen.has('area.name')) {
      await tx.execute('update legislative_area set names = ?::jsonb, version = version + 1 where code = ?', [JSON.stringify(set.area_names), set.area_code]);
    }
    audit(tx, {
      action: 'question-set.translate', actorId: actor.id, actorEmail: actor.email, authorityId: actor.authorityId,
      record: { type: 'question-set', id: String(set.id) }, fields: body.entries.map((e) => `${body.locale}:${e.key}`), ip,
    });
    return matrix(set, lang);
  });
  forgetQuestionSet(body.questionSetId);
  return result;
}

export function translationRoutes(api: Api): void {
  const tags = ['Administration'];
  api.route({
    method: 'get', path: '/admin/translations', operationId: 'translationCompleteness', tags, access: { action: 'reference:manage' },
    query: matrixQuery, response: translationMatrix,
    summary: 'How completely a question set is translated into each of the 26 locales, with the English of each missing text (Commission administrators)',
    handler: ({ em, query, lang }) => translationCompleteness(em, query, lang),
  });
  api.route({
    method: 'put', path: '/admin/translations', operationId: 'fillTranslations', tags, access: { action: 'reference:manage' },
    body: translationBody, response: translationMatrix,
    summary: 'Add missing translations of a question set in one locale (Commission administrators)',
    description: 'Each entry names a text by the `key` the completeness matrix gives. Only missing texts are filled: an existing translation is not replaced (a changed wording is a new version). Any wrong entry refuses the whole call.',
    handler: ({ em, body, user, lang, ip }) => fillTranslations(em, user!, body, lang, ip),
  });
}
