import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { LegislativeArea, type Translations } from '../reference/entities.js';

export const answerTypes = ['yes-no', 'yes-no-unknown', 'single-choice', 'multi-choice', 'date', 'number', 'text', 'attachment'] as const;
export type AnswerType = (typeof answerTypes)[number];

export interface QuestionDefinition {
  code: string;
  text: Translations;
  help?: Translations;
  answerType: AnswerType;
  options: { code: string; label: Translations }[];
  required: boolean;
  /** The answer carries personal data (SPEC §5.4): hidden before acceptance and blocked after closure. */
  personal: boolean;
  lists: string[];
  legalBasis?: string;
}

export interface QuestionSetDefinition {
  lists: { code: string; name: Translations }[];
  groups: { code: string; title: Translations; questions: QuestionDefinition[] }[];
}

/**
 * One version of an area's agreed questions. Versions are immutable once imported: a request keeps the version it was
 * created with, and a new version is a new row. Only translations a version lacks may be added to it later.
 */
export const QuestionSet = defineEntity({
  name: 'QuestionSet',
  tableName: 'question_set',
  uniques: [{ name: 'question_set_area_version_unique', properties: ['area', 'version'] }],
  properties: (p) => ({
    id: p.integer().primary().autoincrement(),
    area: () => p.manyToOne(LegislativeArea).ref(),
    version: p.integer(),
    name: p.json<Translations>(),
    definition: p.json<QuestionSetDefinition>(),
    importedAt: p.datetime().onCreate(() => new Date()),
    importedBy: p.uuid().nullable(),
  }),
});
export type IQuestionSet = InferEntity<typeof QuestionSet>;
