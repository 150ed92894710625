import type { EntityManager } from '@mikro-orm/postgresql';
import { problems } from '../../http/problem.js';
import { audit } from '../audit/service.js';
import type { AuthUser } from '../identity/service.js';
import { LegislativeArea, type Translations } from '../reference/entities.js';
import { localeCodes, translate, type LocaleCode } from '../reference/locales.js';
import { QuestionSet, type IQuestionSet, type QuestionSetDefinition } from './entities.js';
import type { QuestionSetFile } from './schemas.js';

/** Every translatable text of a set, for completeness figures. */
function texts(name: Translations, definition: QuestionSetDefinition): Translations[] {
  return [
    name,
    ...definition.lists.map((l) => l.name),
    ...definition.groups.flatMap((g) => [g.title, ...g.questions.flatMap((q) => [q.text, ...(q.help ? [q.help] : []), ...q.options.map((o) => o.label)])]),
  ];
}

export function translatedShare(name: Translations, definition: QuestionSetDefinition): Record<string, number> {
  const all = texts(name, definition);
  return Object.fromEntries(localeCodes.map((l) => [l, Math.round((all.filter((t) => t[l]).length / all.length) * 1000) / 1000]));
}

function summary(set: IQuestionSet, current: boolean, lang: LocaleCode) {
  return {
    id: set.id,
    area: set.area.code,
    version: set.version,
    name: translate(set.name, lang)?.text ?? set.area.code,
    questions: set.definition.groups.reduce((n, g) => n + g.questions.length, 0),
    current,
    importedAt: set.importedAt,
    translated: translatedShare(set.name, set.definition),
  };
}

export async function listQuestionSets(em: EntityManager, area: string | undefined, lang: LocaleCode) {
  const sets = await em.find(QuestionSet, area ? { area } : {}, { orderBy: { area: 'asc', version: 'desc' } });
  const newest = new Map<string, number>();
  for (const s of sets) newest.set(s.area.code, Math.max(newest.get(s.area.code) ?? 0, s.version));
  return { items: sets.map((s) => summary(s, newest.get(s.area.code) === s.version, lang)), nextCursor: null };
}

/** A question set in the user's language (English where a text lacks it), with every choice answer as a code. */
export async function getQuestionSet(em: EntityManager, id: number, lang: LocaleCode) {
  const set = await em.findOne(QuestionSet, id);
  if (!set) throw problems.notFound('There is no question set with this id.');
  const t = (texts: Translations | undefined) => translate(texts, lang);
  return {
    id: set.id,
    area: set.area.code,
    version: set.version,
    name: t(set.name)?.text ?? set.area.code,
    lists: set.definition.lists.map((l) => ({ code: l.code, name: t(l.name)?.text ?? l.code })),
    groups: set.definition.groups.map((g) => ({
      code: g.code,
      title: t(g.title)?.text ?? g.code,
      questions: g.questions.map((q) => {
        const text = t(q.text)!;
        return {
          code: q.code,
          text: text.text,
          textLang: text.locale,
          help: t(q.help)?.text ?? null,
          answerType: q.answerType,
          options: q.options.map((o) => ({ code: o.code, label: t(o.label)?.text ?? o.code })),
          required: q.required,
          personal: q.personal,
          lists: q.lists,
          legalBasis: q.legalBasis ?? null,
        };
      }),
    })),
  };
}

/** The set as imported, every locale included: what `importQuestionSet` takes back. */
export async function exportQuestionSet(em: EntityManager, id: number): Promise<QuestionSetFile> {
  const set = await em.findOne(QuestionSet, id);
  if (!set) throw problems.notFound('There is no question set with this id.');
  return { area: set.area.code, version: set.version, name: set.name, ...set.definition };
}

/** What an import of the file would do, or the problem that refuses it: the checks of `importQuestionSet`, without a change. */
async function checkImport(em: EntityManager, file: QuestionSetFile): Promise<{ newArea: boolean; latestVersion: number | null }> {
  const area = await em.findOne(LegislativeArea, file.area);
  if (!area && !file.areaDefinition) {
    throw problems.invalid([{ path: 'areaDefinition', in: 'body', message: `There is no area ${file.area}: define it (legal basis, names, reply and blocking periods) to create it` }]);
  }
  const [latest] = await em.execute<{ version: number | null }[]>('select max(version) as version from question_set where area_code = ?', [file.area]);
  if (latest.version !== null && file.version <= latest.version) {
    throw problems.conflict(`Version ${latest.version} of ${file.area} exists already; versions are never changed, so import version ${latest.version + 1}.`);
  }
  return { newArea: !area, latestVersion: latest.version };
}

/** A dry run of an import: whether the file would be taken, and what it holds. */
export async function checkQuestionSetImport(em: EntityManager, file: QuestionSetFile, lang: LocaleCode) {
  const { newArea, latestVersion } = await checkImport(em, file);
  const definition = { lists: file.lists, groups: file.groups };
  return {
    area: file.area,
    version: file.version,
    name: translate(file.name, lang)?.text ?? file.area,
    newArea,
    latestVersion,
    questions: file.groups.reduce((n, g) => n + g.questions.length, 0),
    translated: translatedShare(file.name, definition),
  };
}

/** Adds the next version of an area's question set, creating the area first when the file defines it. */
export async function importQuestionSet(em: EntityManager, actor: AuthUser | null, file: QuestionSetFile, lang: LocaleCode, ip: string | null) {
  const { newArea } = await checkImport(em, file);
  if (newArea) {
    const d = file.areaDefinition!;
    em.create(LegislativeArea, {
      code: file.area, legalBasis: d.legalBasis, names: d.names, legalBasisTitles: d.legalBasisTitle,
      replyPeriodDays: d.replyPeriodDays, blockingMonths: d.blockingMonths,
    });
  }
  const set = em.create(QuestionSet, {
    area: file.area, version: file.version, name: file.name, definition: { lists: file.lists, groups: file.groups }, importedBy: actor?.id ?? null,
  });
  await em.flush();
  audit(em, { action: 'question-set.import', actorId: actor?.id, actorEmail: actor?.email, authorityId: actor?.authorityId, record: { type: 'question-set', id: String(set.id) }, ip });
  await em.flush();
  return summary(set, true, lang);
}

/** A question set's definition with its questions by code, as requests need it. */
export interface CachedQuestionSet {
  id: number;
  area: string;
  version: number;
  definition: QuestionSetDefinition;
  byCode: Map<string, { question: QuestionSetDefinition['groups'][number]['questions'][number]; group: string }>;
}

/**
 * A version's questions never change once imported, but its missing translations may be filled in later: each is read
 * from the database at most once a minute per process, and at once in the process that filled them (`forgetQuestionSet`).
 */
const definitions = new Map<number, { loaded: Promise<CachedQuestionSet>; at: number }>();
const DEFINITION_TTL_MS = 60_000;

export function forgetQuestionSet(id: number): void {
  definitions.delete(id);
}

export function questionSetDefinition(em: EntityManager, id: number): Promise<CachedQuestionSet> {
  const held = definitions.get(id);
  if (held && Date.now() - held.at < DEFINITION_TTL_MS) return held.loaded;
  const loaded = (async () => {
    const [row] = await em.execute<{ area_code: string; version: number; definition: QuestionSetDefinition }[]>(
      'select area_code, version, definition from question_set where id = ?', [id]);
    if (!row) throw problems.notFound('There is no question set with this id.');
    const byCode = new Map(row.definition.groups.flatMap((g) => g.questions.map((question) => [question.code, { question, group: g.code }] as const)));
    return { id, area: row.area_code, version: row.version, definition: row.definition, byCode };
  })();
  definitions.set(id, { loaded, at: Date.now() });
  loaded.catch(() => definitions.delete(id));
  return loaded;
}
