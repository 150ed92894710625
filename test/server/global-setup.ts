import { MikroORM } from '@mikro-orm/postgresql';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPg } from '../../server/db/embedded-pg.js';
import { ormConfig } from '../../server/db/mikro-orm.config.js';
import { seed } from '../../server/db/seeders/index.js';

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
  await seed(orm.em, { demoPassword: 'demo-password' });
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
