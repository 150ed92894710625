import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, type Options } from '@mikro-orm/postgresql';
import { entities } from './entities.js';
import { migrationsList } from './migrations/index.js';

/** The one MikroORM configuration; the CLI uses it as it is, the server and tests override the URL and pool. */
export function ormConfig(clientUrl: string, overrides: Partial<Options> = {}): Options {
  return defineConfig({
    clientUrl,
    entities,
    extensions: [Migrator],
    migrations: {
      path: './server/db/migrations',
      pathTs: './server/db/migrations',
      emit: 'ts',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      migrationsList,
    },
    pool: { min: 0, max: 10 },
    forceUtcTimezone: true,
    debug: process.env.MIKRO_ORM_DEBUG === '1',
    ...overrides,
  });
}

export default ormConfig(process.env.DATABASE_URL ?? 'postgresql://app@127.0.0.1:54329/app');
