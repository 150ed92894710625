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

/**
 * How long a query waits for a pooled connection, and a new connection for PostgreSQL's answer, before it fails (and
 * the request answers 503). knex would wait 60 s and pg forever: a request held that long while the database is away
 * ties up the client and the server alike.
 */
export const connectionWaitMs = 5_000;

/** The one MikroORM configuration; the CLI uses it as it is, the server and tests set the URL and pool size. */
export function ormConfig(clientUrl: string, options: { poolMax?: number; acquireTimeoutMs?: number } & Partial<Options> = {}): Options {
  const { poolMax = 10, acquireTimeoutMs = connectionWaitMs, ...overrides } = options;
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
    // A connection PostgreSQL closed (restart, fail-over, idle kill) is marked by knex and discarded when next taken
    // from the pool; new ones are opened on demand, so the pool heals by itself once the database is back.
    pool: {
      min: 0,
      max: poolMax,
      acquireTimeoutMillis: acquireTimeoutMs,
      afterCreate: (connection: { query(sql: string, done: (error: Error | null) => void): void }, done: (error: Error | null, connection: unknown) => void) =>
        connection.query(sessionSettings, (error) => done(error, connection)),
    },
    driverOptions: {
      connection: { connectionTimeoutMillis: connectionWaitMs, keepAlive: true },
      // knex prints every broken connection it discards to standard output, among the JSON log lines; the app reports
      // database outages itself. Its other warnings go to standard error.
      log: { warn: (message: string) => void (String(message).startsWith('Connection Error:') || console.warn(message)) },
    },
    forceUtcTimezone: true,
    debug: process.env.MIKRO_ORM_DEBUG === '1',
    ...overrides,
  });
}

export default ormConfig(process.env.DATABASE_URL ?? 'postgresql://app@127.0.0.1:54329/app');
