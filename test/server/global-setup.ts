import { MikroORM } from '@mikro-orm/postgresql';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPg } from '../../server/db/embedded-pg.js';
import { ormConfig } from '../../server/db/mikro-orm.config.js';
import { seedDemo } from '../../server/db/seeders/demo.js';
import { seedReference } from '../../server/db/seeders/reference.js';

/**
 * One database for the whole run: TEST_DATABASE_URL (a real PostgreSQL, wiped first) or, without it or with
 * DB=pglite, the embedded database in memory. Migrated and seeded with the reference data and the demo network once.
 */
export default async function setup(project: TestProject) {
  const embedded = process.env.DB === 'pglite' || !process.env.TEST_DATABASE_URL ? await startEmbeddedPg() : null;
  const url = embedded?.url ?? process.env.TEST_DATABASE_URL!;
  const orm = await MikroORM.init(ormConfig(url, { poolMax: 2 }));
  await orm.em.getConnection().execute('drop schema if exists public cascade; create schema public;');
  await orm.getMigrator().up();
  await seedReference(orm.em);
  await seedDemo(orm.em, 'demo-password');
  await orm.close(true);
  project.provide('databaseUrl', url);
  project.provide('embedded', Boolean(embedded));
  return async () => {
    await embedded?.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    embedded: boolean;
  }
}
