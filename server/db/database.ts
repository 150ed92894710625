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
  const orm = await MikroORM.init(ormConfig(url, { poolMax: embedded ? 5 : (options.poolMax ?? 20) }));
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
