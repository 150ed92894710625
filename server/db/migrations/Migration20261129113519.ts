import { Migration } from '@mikro-orm/migrations';

export class Migration20261129113519 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "routing_rule" ("id" serial primary key, "country_code" varchar(2) not null, "authority_id" uuid null, "area_code" varchar(40) null, "approve_requests" boolean not null, "approve_replies" boolean not null, "updated_by" uuid null, "updated_at" timestamptz not null);`);
    this.addSql(`alter table "routing_rule" add constraint "routing_rule_scope_unique" unique nulls not distinct ("country_code", "authority_id", "area_code");`);

    this.addSql(`create table "request" ("id" uuid not null, "case_number" varchar(40) not null, "parent_id" uuid null, "area_code" varchar(40) not null, "question_set_id" int not null, "requester_id" uuid not null, "responder_id" uuid null, "status" text check ("status" in ('DRAFT', 'AWAITING_APPROVAL', 'AWAITING_ACCEPTANCE', 'ACCEPTED', 'AWAITING_REPLY_APPROVAL', 'ANSWERED', 'CLARIFICATION_REQUESTED', 'REFERRED', 'CLOSED', 'WITHDRAWN')) not null default 'DRAFT', "questions" text[] not null, "answers" jsonb not null default '{}', "subject" jsonb null, "subject_name" varchar(300) null, "profession_id" int null, "free_text" text null, "free_text_lang" varchar(5) null, "reply_text" text null, "reply_text_lang" varchar(5) null, "reply_by" date null, "committed_reply_by" date null, "due_on" date generated always as (coalesce(committed_reply_by, reply_by, 'infinity'::date)) stored null, "created_by" uuid not null, "allocated_to" uuid[] not null default '{}', "referral_coordinator_id" uuid null, "former_responders" uuid[] not null default '{}', "coordinators" uuid[] not null default '{}', "sent_at" timestamptz null, "accepted_at" timestamptz null, "first_answered_at" timestamptz null, "answered_at" timestamptz null, "closed_at" timestamptz null, "withdrawn_at" timestamptz null, "rating_timeliness" text check ("rating_timeliness" in ('positive', 'negative')) null, "rating_effort" text check ("rating_effort" in ('positive', 'negative')) null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "request_pkey" primary key ("id"));`);
    this.addSql(`create index "request_incoming_idx" on "request" ("responder_id", "due_on", "id") where "sent_at" is not null;`);
    this.addSql(`create index "request_outgoing_idx" on "request" ("requester_id", "due_on", "id");`);
    this.addSql(`create index "request_incoming_recent_idx" on "request" ("responder_id", "updated_at" desc, "id" desc) where "sent_at" is not null;`);
    this.addSql(`create index "request_outgoing_recent_idx" on "request" ("requester_id", "updated_at" desc, "id" desc);`);
    this.addSql(`create index "request_case_number_idx" on "request" ("case_number");`);
    this.addSql(`create index "request_parent_idx" on "request" ("parent_id");`);
    this.addSql(`create sequence "request_case_seq";`);

    this.addSql(`create table "request_event" ("id" bigserial primary key, "request_id" uuid not null, "at" timestamptz not null, "kind" text check ("kind" in ('create', 'update', 'send', 'approve', 'reject-approval', 'accept', 'forward', 'split', 'reply', 'request-clarification', 'answer-clarification', 'refer', 'resolve-referral', 'close', 'withdraw', 'allocate', 'message', 'reuse')) not null, "actor_id" uuid null, "actor_name" varchar(200) null, "authority_id" uuid null, "from_status" text check ("from_status" in ('DRAFT', 'AWAITING_APPROVAL', 'AWAITING_ACCEPTANCE', 'ACCEPTED', 'AWAITING_REPLY_APPROVAL', 'ANSWERED', 'CLARIFICATION_REQUESTED', 'REFERRED', 'CLOSED', 'WITHDRAWN')) null, "to_status" text check ("to_status" in ('DRAFT', 'AWAITING_APPROVAL', 'AWAITING_ACCEPTANCE', 'ACCEPTED', 'AWAITING_REPLY_APPROVAL', 'ANSWERED', 'CLARIFICATION_REQUESTED', 'REFERRED', 'CLOSED', 'WITHDRAWN')) null, "text" text null, "text_lang" varchar(5) null, "data" jsonb not null default '{}');`);
    this.addSql(`create index "request_event_request_idx" on "request_event" ("request_id", "id");`);

    this.addSql(`create table "attachment" ("id" uuid not null, "request_id" uuid not null, "authority_id" uuid not null, "uploaded_by" uuid not null, "event_id" bigint null, "name" varchar(200) not null, "media_type" varchar(100) not null, "size" int not null, "sha256" varchar(64) not null, "content" bytea not null, "created_at" timestamptz not null, "released_at" timestamptz null, constraint "attachment_pkey" primary key ("id"));`);
    this.addSql(`create index "attachment_request_idx" on "attachment" ("request_id", "created_at");`);

    this.addSql(`create table "notification_preference" ("user_id" uuid not null, "kind" text check ("kind" in ('request-received', 'approval-needed', 'approval-rejected', 'reply-received', 'clarification-requested', 'clarification-answered', 'referral-received', 'referral-resolved', 'message-received', 'request-allocated', 'request-accepted', 'request-forwarded', 'request-closed', 'request-withdrawn')) not null, "mode" text check ("mode" in ('immediate', 'digest', 'off')) not null, constraint "notification_preference_pkey" primary key ("user_id", "kind"));`);

    this.addSql(`create table "notification" ("id" bigserial primary key, "user_id" uuid not null, "kind" text check ("kind" in ('request-received', 'approval-needed', 'approval-rejected', 'reply-received', 'clarification-requested', 'clarification-answered', 'referral-received', 'referral-resolved', 'message-received', 'request-allocated', 'request-accepted', 'request-forwarded', 'request-closed', 'request-withdrawn')) not null, "request_id" uuid not null, "mode" text check ("mode" in ('immediate', 'digest', 'off')) not null, "created_at" timestamptz not null, "emailed_at" timestamptz null, "read_at" timestamptz null);`);
    this.addSql(`create index "notification_user_idx" on "notification" ("user_id", "created_at");`);
    this.addSql(`create index "notification_digest_idx" on "notification" ("user_id", "created_at") where "mode" = 'digest' and "emailed_at" is null;`);

    this.addSql(`create table "idempotency_key" ("user_id" uuid not null, "key" varchar(200) not null, "request_id" uuid not null, "body_hash" varchar(64) not null, "created_at" timestamptz not null, constraint "idempotency_key_pkey" primary key ("user_id", "key"));`);

    this.addSql(`alter table "routing_rule" add constraint "routing_rule_country_code_foreign" foreign key ("country_code") references "country" ("code") on update cascade;`);
    this.addSql(`alter table "routing_rule" add constraint "routing_rule_authority_id_foreign" foreign key ("authority_id") references "authority" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "routing_rule" add constraint "routing_rule_area_code_foreign" foreign key ("area_code") references "legislative_area" ("code") on update cascade on delete set null;`);

    this.addSql(`alter table "request" add constraint "request_parent_id_foreign" foreign key ("parent_id") references "request" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "request" add constraint "request_area_code_foreign" foreign key ("area_code") references "legislative_area" ("code") on update cascade;`);
    this.addSql(`alter table "request" add constraint "request_question_set_id_foreign" foreign key ("question_set_id") references "question_set" ("id") on update cascade;`);
    this.addSql(`alter table "request" add constraint "request_requester_id_foreign" foreign key ("requester_id") references "authority" ("id") on update cascade;`);
    this.addSql(`alter table "request" add constraint "request_responder_id_foreign" foreign key ("responder_id") references "authority" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "request" add constraint "request_profession_id_foreign" foreign key ("profession_id") references "profession" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "request" add constraint "request_referral_coordinator_id_foreign" foreign key ("referral_coordinator_id") references "authority" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "request_event" add constraint "request_event_request_id_foreign" foreign key ("request_id") references "request" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "request_event" add constraint "request_event_authority_id_foreign" foreign key ("authority_id") references "authority" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "attachment" add constraint "attachment_request_id_foreign" foreign key ("request_id") references "request" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "attachment" add constraint "attachment_authority_id_foreign" foreign key ("authority_id") references "authority" ("id") on update cascade;`);
    this.addSql(`alter table "attachment" add constraint "attachment_event_id_foreign" foreign key ("event_id") references "request_event" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "notification_preference" add constraint "notification_preference_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "notification" add constraint "notification_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "notification" add constraint "notification_request_id_foreign" foreign key ("request_id") references "request" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "idempotency_key" add constraint "idempotency_key_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "idempotency_key" add constraint "idempotency_key_request_id_foreign" foreign key ("request_id") references "request" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "request" drop constraint "request_parent_id_foreign";`);

    this.addSql(`alter table "request_event" drop constraint "request_event_request_id_foreign";`);

    this.addSql(`alter table "attachment" drop constraint "attachment_request_id_foreign";`);

    this.addSql(`alter table "notification" drop constraint "notification_request_id_foreign";`);

    this.addSql(`alter table "idempotency_key" drop constraint "idempotency_key_request_id_foreign";`);

    this.addSql(`alter table "attachment" drop constraint "attachment_event_id_foreign";`);

    this.addSql(`drop table if exists "routing_rule" cascade;`);

    this.addSql(`drop table if exists "request" cascade;`);
    this.addSql(`drop sequence if exists "request_case_seq";`);

    this.addSql(`drop table if exists "request_event" cascade;`);

    this.addSql(`drop table if exists "attachment" cascade;`);

    this.addSql(`drop table if exists "notification_preference" cascade;`);

    this.addSql(`drop table if exists "notification" cascade;`);

    this.addSql(`drop table if exists "idempotency_key" cascade;`);
  }

}
