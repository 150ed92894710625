import { Migration } from '@mikro-orm/migrations';

/**
 * Data subjects' requests for access, correction or deletion (SPEC 5.4), with what was done under each. The index on
 * the requests' folded data-subject name lets a data subject's request find the person's requests among all of the
 * network's (the inbox search always narrows by authority and area first).
 */
export class Migration20261129170100 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "data_subject_request" ("id" uuid not null, "kind" text check ("kind" in ('access', 'correction', 'deletion')) not null, "subject" jsonb not null, "subject_name" varchar(300) not null, "received_on" date not null, "due_on" date generated always as (received_on + 30) stored null, "status" text check ("status" in ('open', 'completed', 'rejected')) not null default 'open', "details" text null, "outcome" text null, "authority_id" uuid null, "recorded_by_id" uuid not null, "recorded_at" timestamptz not null, "completed_at" timestamptz null, "version" int not null default 1, constraint "data_subject_request_pkey" primary key ("id"));`);
    this.addSql(`create index "data_subject_request_due_idx" on "data_subject_request" ("status", "due_on", "id");`);
    this.addSql(`create index "data_subject_request_authority_idx" on "data_subject_request" ("authority_id", "status", "due_on", "id");`);
    this.addSql(`alter table "data_subject_request" add constraint "data_subject_request_authority_id_foreign" foreign key ("authority_id") references "authority" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "data_subject_request" add constraint "data_subject_request_recorded_by_id_foreign" foreign key ("recorded_by_id") references "app_user" ("id") on update cascade;`);

    this.addSql(`create table "data_subject_request_action" ("id" bigserial primary key, "data_subject_request_id" uuid not null, "at" timestamptz not null, "kind" text check ("kind" in ('search', 'export', 'correction', 'erasure')) not null, "request_id" uuid null, "case_number" varchar(40) null, "blocked" boolean not null default false, "fields" text[] not null default '{}', "actor_id" uuid not null);`);
    this.addSql(`create index "data_subject_request_action_dsr_idx" on "data_subject_request_action" ("data_subject_request_id", "id");`);
    this.addSql(`alter table "data_subject_request_action" add constraint "data_subject_request_action_data_subject_request_id_foreign" foreign key ("data_subject_request_id") references "data_subject_request" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "data_subject_request_action" add constraint "data_subject_request_action_actor_id_foreign" foreign key ("actor_id") references "app_user" ("id") on update cascade;`);

    this.addSql(`create index "request_subject_name_idx" on "request" ("subject_name") where "subject_name" is not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "request_subject_name_idx";`);
    this.addSql(`drop table if exists "data_subject_request_action" cascade;`);
    this.addSql(`drop table if exists "data_subject_request" cascade;`);
  }

}
