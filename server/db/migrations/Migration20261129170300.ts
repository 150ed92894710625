import { Migration } from '@mikro-orm/migrations';

/**
 * Rate limits that hold across server instances: fixed one-minute windows counted in the shared database, one row per
 * limit, key and window, bumped by a single upsert. Unlogged, because the counters are worth nothing after a crash and
 * should cost no write-ahead log; keys are hashes, so the table holds no e-mail or address. Old windows are deleted by
 * the limiter itself, about once a minute: the table holds two windows of the active keys, small enough to scan, so
 * no index beyond the key slows the upserts down.
 */
export class Migration20261129170300 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create unlogged table "rate_counter" (
      "bucket" text not null,
      "key" text not null,
      "window_start" timestamptz not null,
      "count" integer not null default 1,
      constraint "rate_counter_pkey" primary key ("bucket", "key", "window_start")
    );`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "rate_counter";`);
  }

}
