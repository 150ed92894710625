import { Migration } from '@mikro-orm/migrations';

export class Migration20261129101516 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "identity_provider" ("id" serial primary key, "country_code" varchar(2) not null, "issuer" varchar(400) not null, "audience" varchar(400) not null, "jwks" jsonb not null, "user_claim" text check ("user_claim" in ('email', 'sub')) not null default 'email', "version" int not null default 1);`);
    this.addSql(`alter table "identity_provider" add constraint "identity_provider_issuer_unique" unique ("issuer");`);

    this.addSql(`create table "invitation" ("id" uuid not null, "token_hash" varchar(64) not null, "email" varchar(254) not null, "country_code" varchar(2) not null, "areas" text[] not null, "coordinator_id" uuid not null, "invited_by" uuid not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "used_at" timestamptz null, "authority_id" uuid null, constraint "invitation_pkey" primary key ("id"));`);
    this.addSql(`alter table "invitation" add constraint "invitation_token_hash_unique" unique ("token_hash");`);

    this.addSql(`create table "coordination" ("id" serial primary key, "authority_id" uuid not null, "area_code" varchar(40) not null, "coordinator_id" uuid not null, "relation" text check ("relation" in ('validating', 'access', 'request', 'observer')) not null);`);
    this.addSql(`create index "coordination_coordinator_idx" on "coordination" ("coordinator_id", "authority_id");`);
    this.addSql(`alter table "coordination" add constraint "coordination_unique" unique ("authority_id", "area_code", "coordinator_id", "relation");`);

    this.addSql(`create table "one_time_token" ("id" serial primary key, "token_hash" varchar(64) not null, "user_id" uuid not null, "purpose" text check ("purpose" in ('activation', 'reset')) not null, "expires_at" timestamptz not null, "used_at" timestamptz null);`);
    this.addSql(`alter table "one_time_token" add constraint "one_time_token_token_hash_unique" unique ("token_hash");`);

    this.addSql(`alter table "identity_provider" add constraint "identity_provider_country_code_foreign" foreign key ("country_code") references "country" ("code") on update cascade;`);

    this.addSql(`alter table "invitation" add constraint "invitation_country_code_foreign" foreign key ("country_code") references "country" ("code") on update cascade;`);
    this.addSql(`alter table "invitation" add constraint "invitation_coordinator_id_foreign" foreign key ("coordinator_id") references "authority" ("id") on update cascade;`);
    this.addSql(`alter table "invitation" add constraint "invitation_authority_id_foreign" foreign key ("authority_id") references "authority" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "coordination" add constraint "coordination_authority_id_foreign" foreign key ("authority_id") references "authority" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "coordination" add constraint "coordination_area_code_foreign" foreign key ("area_code") references "legislative_area" ("code") on update cascade;`);
    this.addSql(`alter table "coordination" add constraint "coordination_coordinator_id_foreign" foreign key ("coordinator_id") references "authority" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "one_time_token" add constraint "one_time_token_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "authority" drop constraint if exists "authority_status_check";`);

    this.addSql(`alter table "authority" add column "status_reason" varchar(1000) null;`);
    this.addSql(`alter table "authority" add constraint "authority_status_check" check("status" in ('invited', 'pending-validation', 'active', 'suspended', 'rejected'));`);

    this.addSql(`alter table "app_user" add column "data_protection_admin" boolean not null default false, add column "totp_secret" varchar(64) null, add column "totp_enabled" boolean not null default false, add column "totp_last_step" bigint null, add column "idp_subject" varchar(200) null;`);
    this.addSql(`alter table "app_user" alter column "password_hash" type varchar(200) using ("password_hash"::varchar(200));`);
    this.addSql(`alter table "app_user" alter column "password_hash" drop not null;`);

    this.addSql(`alter table "session" add column "mfa" boolean not null default false;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "identity_provider" cascade;`);

    this.addSql(`drop table if exists "invitation" cascade;`);

    this.addSql(`drop table if exists "coordination" cascade;`);

    this.addSql(`drop table if exists "one_time_token" cascade;`);

    this.addSql(`alter table "authority" drop constraint if exists "authority_status_check";`);

    this.addSql(`alter table "app_user" drop column "data_protection_admin", drop column "totp_secret", drop column "totp_enabled", drop column "totp_last_step", drop column "idp_subject";`);

    this.addSql(`alter table "app_user" alter column "password_hash" type varchar(200) using ("password_hash"::varchar(200));`);
    this.addSql(`alter table "app_user" alter column "password_hash" set not null;`);

    this.addSql(`alter table "authority" drop column "status_reason";`);

    this.addSql(`alter table "authority" add constraint "authority_status_check" check("status" in ('invited', 'pending-validation', 'active', 'suspended'));`);

    this.addSql(`alter table "session" drop column "mfa";`);
  }

}
