import type { QuestionSetFile } from '../server/modules/questions/schemas.js';

export type QuestionDefinition = QuestionSetFile['groups'][number]['questions'][number];

/** What can differ between two versions of the same question. */
export const comparedFields = ['group', 'text', 'help', 'answerType', 'options', 'required', 'personal'] as const;
export type ComparedField = (typeof comparedFields)[number];

export interface QuestionChange {
  code: string;
  kind: 'added' | 'removed' | 'changed';
  before?: { group: string; question: QuestionDefinition };
  after?: { group: string; question: QuestionDefinition };
  /** For a changed question: what differs. */
  fields: ComparedField[];
}

/** The same texts in every locale, whatever the order of their keys. */
function sameTexts(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  const keys = new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})]);
  return [...keys].every((k) => (a?.[k] ?? '') === (b?.[k] ?? ''));
}

function differences(before: { group: string; question: QuestionDefinition }, after: { group: string; question: QuestionDefinition }): ComparedField[] {
  const a = before.question;
  const b = after.question;
  const sameOptions = a.options.length === b.options.length && a.options.every((o, i) => o.code === b.options[i].code && sameTexts(o.label, b.options[i].label));
  const differs: Record<ComparedField, boolean> = {
    group: before.group !== after.group,
    text: !sameTexts(a.text, b.text),
    help: !sameTexts(a.help, b.help),
    answerType: a.answerType !== b.answerType,
    options: !sameOptions,
    required: Boolean(a.required) !== Boolean(b.required),
    personal: Boolean(a.personal) !== Boolean(b.personal),
  };
  return comparedFields.filter((f) => differs[f]);
}

function byCode(set: Pick<QuestionSetFile, 'groups'>) {
  return new Map(set.groups.flatMap((g) => g.questions.map((question) => [question.code, { group: g.code, question }] as const)));
}

/**
 * The questions one version adds, removes and changes against another, matched by question code: in the order of the
 * newer version, then those it no longer asks. A change in any locale's wording counts as a changed text.
 */
export function diffQuestionSets(older: Pick<QuestionSetFile, 'groups'>, newer: Pick<QuestionSetFile, 'groups'>): QuestionChange[] {
  const before = byCode(older);
  const after = byCode(newer);
  const changes: QuestionChange[] = [];
  for (const [code, b] of after) {
    const a = before.get(code);
    if (!a) changes.push({ code, kind: 'added', after: b, fields: [] });
    else {
      const fields = differences(a, b);
      if (fields.length) changes.push({ code, kind: 'changed', before: a, after: b, fields });
    }
  }
  for (const [code, a] of before) if (!after.has(code)) changes.push({ code, kind: 'removed', before: a, fields: [] });
  return changes;
}
