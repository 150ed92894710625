import { readdirSync } from 'node:fs';
import type { EntityManager } from '@mikro-orm/postgresql';
import { questionSetFile, type QuestionSetFile } from '../../modules/questions/schemas.js';
import { QuestionSet } from '../../modules/questions/entities.js';
import { readSeed } from './reference.js';

export function loadQuestionSets(): QuestionSetFile[] {
  return readdirSync(new URL('../seed-data/question-sets/', import.meta.url))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const parsed = questionSetFile.safeParse(readSeed(`question-sets/${f}`));
      if (!parsed.success) throw new Error(`question-sets/${f}: ${parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      return parsed.data;
    });
}

/** Adds every seeded question-set version the database lacks; versions already there are never changed. */
export async function seedQuestionSets(em: EntityManager): Promise<number> {
  const fork = em.fork();
  const existing = new Set((await fork.execute<{ key: string }[]>(`select area_code || ':' || version as key from question_set`)).map((r) => r.key));
  let added = 0;
  for (const file of loadQuestionSets()) {
    if (existing.has(`${file.area}:${file.version}`)) continue;
    fork.create(QuestionSet, { area: file.area, version: file.version, name: file.name, definition: { lists: file.lists, groups: file.groups } });
    added++;
  }
  await fork.flush();
  return added;
}
