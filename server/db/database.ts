import { MikroORM } from '@mikro-orm/postgresql';
import { startEmbeddedPg, type EmbeddedPg } from './embedded-pg.js';
import { ormConfig } from './mikro-orm.config.js';

export interface Database {
  orm: MikroORM;
  url: string;
  embedded: boolean;
  close(): Promise<void>;
}

/**
 * Connects to `databaseUrl`, or starts the embedded database in `dataDir` when there is none, and applies the
 * committed migrations.
 */
export async function openDatabase(options: { databaseUrl?: string; dataDir?: string; poolMax?: number }): Promise<Database> {
  let embedded: EmbeddedPg | undefined;
  let url = options.databaseUrl;
  if (!url) {
    embedded = await startEmbeddedPg({ dataDir: options.dataDir, maxConnections: 10 });
    url = embedded.url;
  }
  // The embedded database runs one statement at a time for all connections: a queue for a connection is normal there,
  // so its requests wait longer than the few seconds after which a real PostgreSQL is taken to be away.
  const orm = await MikroORM.init(ormConfig(url, embedded ? { poolMax: 5, acquireTimeoutMs: 30_000 } : { poolMax: options.poolMax ?? 20 }));
  await orm.getMigrator().up();
  return {
    orm,
    url,
    embedded: Boolean(embedded),
    async close() {
      await orm.close(true);
      await embedded?.stop();
    },
  };
}
