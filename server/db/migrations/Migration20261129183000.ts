import { Migration } from '@mikro-orm/migrations';

/**
 * Machine translations of free texts (SPEC §5.5), kept so that a text is sent to the provider once per target language.
 * A row belongs to the request whose text it translates: translations are personal data like the texts (SPEC §5.4),
 * erased with them and deleted with the request; a text shared by two requests is cached twice rather than outliving
 * one of them. The text itself is not stored, only its SHA-256, so a changed text misses the cache.
 */
export class Migration20261129183000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "mt_cache" (
      "request_id" uuid not null references "request" ("id") on delete cascade,
      "text_hash" text not null,
      "source_lang" text not null,
      "target_lang" text not null,
      "provider" text not null,
      "translation" text not null,
      "created_at" timestamptz not null default now(),
      constraint "mt_cache_pkey" primary key ("request_id", "text_hash", "source_lang", "target_lang", "provider")
    );`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "mt_cache";`);
  }

}
