import { Migration } from '@mikro-orm/migrations';

/** Blocking, purpose-bound access to blocked data, and the retention runs (SPEC 5.4). */
export class Migration20261129170000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "request" add column "personal_data_deleted_at" timestamptz null;`);
    this.addSql(`create index "request_retention_idx" on "request" ((coalesce("closed_at", "withdrawn_at")), "id") where "personal_data_deleted_at" is null and coalesce("closed_at", "withdrawn_at") is not null;`);

    this.addSql(`create table "blocked_access_grant" ("id" uuid not null, "request_id" uuid not null, "purpose" text check ("purpose" in ('proof-of-exchange', 'data-subject-rights')) not null, "justification" varchar(1000) not null, "data_subject_request_id" uuid null, "granted_to_id" uuid not null, "granted_at" timestamptz not null, "expires_at" timestamptz not null, constraint "blocked_access_grant_pkey" primary key ("id"));`);
    this.addSql(`create index "blocked_access_grant_granted_idx" on "blocked_access_grant" ("granted_at", "id");`);
    this.addSql(`create index "blocked_access_grant_request_idx" on "blocked_access_grant" ("request_id");`);
    this.addSql(`alter table "blocked_access_grant" add constraint "blocked_access_grant_request_id_foreign" foreign key ("request_id") references "request" ("id") on update cascade;`);
    this.addSql(`alter table "blocked_access_grant" add constraint "blocked_access_grant_granted_to_id_foreign" foreign key ("granted_to_id") references "app_user" ("id") on update cascade;`);

    this.addSql(`create table "retention_run" ("id" bigserial primary key, "trigger" text check ("trigger" in ('schedule', 'manual')) not null, "started_by_id" uuid null, "instance" varchar(100) not null, "as_of" timestamptz not null, "started_at" timestamptz not null, "finished_at" timestamptz null, "status" text check ("status" in ('running', 'completed', 'failed')) not null default 'running', "newly_blocked" int not null default 0, "requests_deleted" int not null default 0, "attachments_deleted" int not null default 0, "bytes_deleted" bigint not null default 0, "error" varchar(1000) null);`);
    this.addSql(`create index "retention_run_started_idx" on "retention_run" ("started_at", "id");`);
    this.addSql(`alter table "retention_run" add constraint "retention_run_started_by_id_foreign" foreign key ("started_by_id") references "app_user" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "retention_run" cascade;`);
    this.addSql(`drop table if exists "blocked_access_grant" cascade;`);
    this.addSql(`drop index if exists "request_retention_idx";`);
    this.addSql(`alter table "request" drop column if exists "personal_data_deleted_at";`);
  }

}
