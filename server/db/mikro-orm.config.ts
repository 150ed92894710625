import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, type Options } from '@mikro-orm/postgresql';
import { entities } from './entities.js';
import { migrationsList } from './migrations/index.js';

/**
 * Settings of every pooled connection. The API answers many small queries at once: a parallel plan's worker start-up
 * costs more than it saves and takes cores from the other requests, and so does JIT compilation, which a planner's
 * high estimate can trigger for a query that then runs in milliseconds.
 */
export const sessionSettings = 'set max_parallel_workers_per_gather = 0; set jit = off';

/** The one MikroORM configuration; the CLI uses it as it is, the server and tests set the URL and pool size. */
export function ormConfig(clientUrl: string, options: { poolMax?: number } & Partial<Options> = {}): Options {
  const { poolMax = 10, ...overrides } = options;
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
      silent: true,
      migrationsList,
    },
    pool: {
      min: 0,
      max: poolMax,
      afterCreate: (connection: { query(sql: string, done: (error: Error | null) => void): void }, done: (error: Error | null, connection: unknown) => void) =>
        connection.query(sessionSettings, (error) => done(error, connection)),
    },
    forceUtcTimezone: true,
    debug: process.env.MIKRO_ORM_DEBUG === '1',
    ...overrides,
  });
}

export default ormConfig(process.env.DATABASE_URL ?? 'postgresql://app@127.0.0.1:54329/app');
