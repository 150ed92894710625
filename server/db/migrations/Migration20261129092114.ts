import { Migration } from '@mikro-orm/migrations';

export class Migration20261129092114 extends Migration {

  override async up(): Promise<void> {
    // Trigram indexes give the directory its typo tolerance; PGlite ships the same extension.
    this.addSql(`create extension if not exists pg_trgm;`);

    this.addSql(`create table "country" ("code" varchar(2) not null, "languages" text[] not null, "eu_member" boolean not null, constraint "country_pkey" primary key ("code"));`);

    this.addSql(`create table "authority" ("id" uuid not null, "country_code" varchar(2) not null, "official_name" varchar(400) not null, "official_name_lang" varchar(5) not null, "designation" jsonb not null, "description" jsonb not null, "region" varchar(200) null, "city" varchar(200) null, "address" varchar(400) null, "postal_code" varchar(20) null, "email" varchar(254) null, "phone" varchar(40) null, "website" varchar(400) null, "languages" text[] not null, "coordinator_kind" text check ("coordinator_kind" in ('NONE', 'NIMIC', 'SDIMIC', 'LIMIC', 'DIMIC')) not null default 'NONE', "status" text check ("status" in ('invited', 'pending-validation', 'active', 'suspended')) not null default 'active', "search_text" text not null, "sort_name" varchar(400) not null, "region_norm" varchar(200) null, "city_norm" varchar(200) null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "authority_pkey" primary key ("id"));`);
    this.addSql(`create index "authority_listing_idx" on "authority" ("status", "country_code", "sort_name", "id");`);
    this.addSql(`create index "authority_search_tsv_idx" on "authority" using gin (to_tsvector('simple', "search_text"));`);
    this.addSql(`create index "authority_search_trgm_idx" on "authority" using gin ("search_text" gin_trgm_ops);`);

    this.addSql(`create table "keyword" ("id" serial primary key, "code" varchar(80) not null, "kind" text check ("kind" in ('keyword', 'service-activity')) not null, "names" jsonb not null, "terms" jsonb not null, "version" int not null default 1);`);
    this.addSql(`alter table "keyword" add constraint "keyword_code_unique" unique ("code");`);

    this.addSql(`create table "legislative_area" ("code" varchar(40) not null, "legal_basis" varchar(100) not null, "names" jsonb not null, "legal_basis_titles" jsonb not null, "reply_period_days" int not null, "blocking_months" int not null, "opens_at" timestamptz null, "version" int not null default 1, constraint "legislative_area_pkey" primary key ("code"));`);

    this.addSql(`create table "competence" ("id" serial primary key, "authority_id" uuid not null, "area_code" varchar(40) not null, "ref_kind" text check ("ref_kind" in ('profession', 'keyword')) not null, "ref_id" int not null);`);
    this.addSql(`create index "competence_ref_idx" on "competence" ("ref_kind", "ref_id", "area_code", "authority_id");`);
    this.addSql(`alter table "competence" add constraint "competence_unique" unique ("authority_id", "area_code", "ref_kind", "ref_id");`);

    this.addSql(`create table "authority_area" ("authority_id" uuid not null, "area_code" varchar(40) not null, "allocation" boolean not null default false, constraint "authority_area_pkey" primary key ("authority_id", "area_code"));`);
    this.addSql(`create index "authority_area_area_idx" on "authority_area" ("area_code", "authority_id");`);

    this.addSql(`create table "locale" ("code" varchar(5) not null, "native_name" varchar(60) not null, "position" int not null, constraint "locale_pkey" primary key ("code"));`);

    this.addSql(`create table "search_term" ("id" serial primary key, "ref_kind" text check ("ref_kind" in ('profession', 'keyword')) not null, "ref_id" int not null, "source" text check ("source" in ('name', 'term', 'national-title')) not null, "locale" varchar(5) not null, "text" varchar(300) not null, "norm" varchar(300) not null);`);
    this.addSql(`create index "search_term_ref_idx" on "search_term" ("ref_kind", "ref_id");`);
    this.addSql(`create index "search_term_norm_prefix_idx" on "search_term" ("norm" text_pattern_ops);`);
    this.addSql(`create index "search_term_norm_tsv_idx" on "search_term" using gin (to_tsvector('simple', "norm"));`);
    this.addSql(`create index "search_term_norm_trgm_idx" on "search_term" using gin ("norm" gin_trgm_ops);`);

    this.addSql(`create table "sector" ("code" varchar(40) not null, "names" jsonb not null, constraint "sector_pkey" primary key ("code"));`);

    this.addSql(`create table "profession" ("id" serial primary key, "code" varchar(80) not null, "sector_code" varchar(40) not null, "sectoral" boolean not null default false, "names" jsonb not null, "terms" jsonb not null, "opens_at" timestamptz null, "version" int not null default 1);`);
    this.addSql(`alter table "profession" add constraint "profession_code_unique" unique ("code");`);

    this.addSql(`create table "national_profession" ("id" serial primary key, "country_code" varchar(2) not null, "profession_id" int not null, "title" varchar(300) not null, "lang" varchar(5) not null);`);
    this.addSql(`alter table "national_profession" add constraint "national_profession_country_code_profession_id_title_unique" unique ("country_code", "profession_id", "title");`);

    this.addSql(`create table "app_user" ("id" uuid not null, "email" varchar(254) not null, "name" varchar(200) not null, "locale" varchar(5) not null default 'en', "password_hash" varchar(200) not null, "authority_id" uuid null, "commission_admin" boolean not null default false, "active" boolean not null default true, "version" int not null default 1, "created_at" timestamptz not null, constraint "app_user_pkey" primary key ("id"));`);
    this.addSql(`alter table "app_user" add constraint "app_user_email_unique" unique ("email");`);

    this.addSql(`create table "session" ("id" serial primary key, "token_hash" varchar(64) not null, "user_id" uuid not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "revoked_at" timestamptz null);`);
    this.addSql(`alter table "session" add constraint "session_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "session_expires_at_index" on "session" ("expires_at");`);

    this.addSql(`create table "role_grant" ("id" serial primary key, "user_id" uuid not null, "area_code" varchar(40) not null, "role" text check ("role" in ('basic-user', 'request-handler', 'allocator', 'referral-handler', 'lda')) not null);`);
    this.addSql(`alter table "role_grant" add constraint "role_grant_unique" unique ("user_id", "area_code", "role");`);

    this.addSql(`create table "seed_run" ("name" varchar(60) not null, "checksum" varchar(64) not null, "applied_at" timestamptz not null, constraint "seed_run_pkey" primary key ("name"));`);

    this.addSql(`alter table "authority" add constraint "authority_country_code_foreign" foreign key ("country_code") references "country" ("code") on update cascade;`);

    this.addSql(`alter table "competence" add constraint "competence_authority_id_foreign" foreign key ("authority_id") references "authority" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "competence" add constraint "competence_area_code_foreign" foreign key ("area_code") references "legislative_area" ("code") on update cascade;`);

    this.addSql(`alter table "authority_area" add constraint "authority_area_authority_id_foreign" foreign key ("authority_id") references "authority" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "authority_area" add constraint "authority_area_area_code_foreign" foreign key ("area_code") references "legislative_area" ("code") on update cascade;`);

    this.addSql(`alter table "profession" add constraint "profession_sector_code_foreign" foreign key ("sector_code") references "sector" ("code") on update cascade;`);

    this.addSql(`alter table "national_profession" add constraint "national_profession_country_code_foreign" foreign key ("country_code") references "country" ("code") on update cascade;`);
    this.addSql(`alter table "national_profession" add constraint "national_profession_profession_id_foreign" foreign key ("profession_id") references "profession" ("id") on update cascade;`);

    this.addSql(`alter table "app_user" add constraint "app_user_authority_id_foreign" foreign key ("authority_id") references "authority" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "session" add constraint "session_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "role_grant" add constraint "role_grant_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "role_grant" add constraint "role_grant_area_code_foreign" foreign key ("area_code") references "legislative_area" ("code") on update cascade;`);
  }

}
