import type { EntityManager } from '@mikro-orm/postgresql';
import { seedDemo } from './demo.js';
import { seedQuestionSets } from './question-sets.js';
import { seedReference } from './reference.js';

/** Everything a database needs after its migrations: reference data, question sets and, where wanted, the demo network. */
export async function seed(em: EntityManager, options: { demoPassword: string | null }) {
  const reference = await seedReference(em);
  const questionSets = await seedQuestionSets(em);
  const demo = options.demoPassword ? await seedDemo(em, options.demoPassword) : null;
  return { reference, questionSets, demo };
}
