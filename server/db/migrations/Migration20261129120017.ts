import { Migration } from '@mikro-orm/migrations';

export class Migration20261129120017 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "digest_run" ("user_id" uuid not null, "day" date not null, "items" int not null, "sent_at" timestamptz not null, constraint "digest_run_pkey" primary key ("user_id", "day"));`);

    this.addSql(`create table "reminder" ("id" bigserial primary key, "request_id" uuid not null, "kind" text check ("kind" in ('acceptance', 'reply')) not null, "stage" text check ("stage" in ('due-soon', 'due', 'overdue', 'escalated')) not null, "deadline" date not null, "created_at" timestamptz not null);`);
    this.addSql(`alter table "reminder" add constraint "reminder_once" unique ("request_id", "kind", "stage", "deadline");`);

    this.addSql(`create table "sweep_run" ("id" bigserial primary key, "instance" varchar(100) not null, "started_at" timestamptz not null, "finished_at" timestamptz null, "clock_at" timestamptz not null, "reminders" int not null default 0, "emails" int not null default 0, "digests" int not null default 0, "error" varchar(1000) null);`);
    this.addSql(`create index "sweep_run_started_idx" on "sweep_run" ("started_at");`);

    this.addSql(`alter table "reminder" add constraint "reminder_request_id_foreign" foreign key ("request_id") references "request" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "notification_preference" drop constraint if exists "notification_preference_kind_check";`);

    this.addSql(`alter table "notification" drop constraint if exists "notification_kind_check";`);

    this.addSql(`alter table "legislative_area" add column "due_soon_days" int null, add column "escalate_after_days" int null;`);

    this.addSql(`alter table "notification_preference" add constraint "notification_preference_kind_check" check("kind" in ('request-received', 'approval-needed', 'approval-rejected', 'reply-received', 'clarification-requested', 'clarification-answered', 'referral-received', 'referral-resolved', 'message-received', 'request-allocated', 'deadline-soon', 'deadline-due', 'deadline-overdue', 'escalation', 'request-accepted', 'request-forwarded', 'request-closed', 'request-withdrawn'));`);

    this.addSql(`alter table "notification" add column "send_attempts" int not null default 0;`);
    this.addSql(`alter table "notification" add constraint "notification_kind_check" check("kind" in ('request-received', 'approval-needed', 'approval-rejected', 'reply-received', 'clarification-requested', 'clarification-answered', 'referral-received', 'referral-resolved', 'message-received', 'request-allocated', 'deadline-soon', 'deadline-due', 'deadline-overdue', 'escalation', 'request-accepted', 'request-forwarded', 'request-closed', 'request-withdrawn'));`);
    this.addSql(`create index "notification_unsent_idx" on "notification" ("created_at") where "mode" = 'immediate' and "emailed_at" is null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "digest_run" cascade;`);

    this.addSql(`drop table if exists "reminder" cascade;`);

    this.addSql(`drop table if exists "sweep_run" cascade;`);

    this.addSql(`alter table "notification" drop constraint if exists "notification_kind_check";`);

    this.addSql(`alter table "notification_preference" drop constraint if exists "notification_preference_kind_check";`);

    this.addSql(`alter table "legislative_area" drop column "due_soon_days", drop column "escalate_after_days";`);

    this.addSql(`drop index "notification_unsent_idx";`);
    this.addSql(`alter table "notification" drop column "send_attempts";`);

    this.addSql(`alter table "notification" add constraint "notification_kind_check" check("kind" in ('request-received', 'approval-needed', 'approval-rejected', 'reply-received', 'clarification-requested', 'clarification-answered', 'referral-received', 'referral-resolved', 'message-received', 'request-allocated', 'request-accepted', 'request-forwarded', 'request-closed', 'request-withdrawn'));`);

    this.addSql(`alter table "notification_preference" add constraint "notification_preference_kind_check" check("kind" in ('request-received', 'approval-needed', 'approval-rejected', 'reply-received', 'clarification-requested', 'clarification-answered', 'referral-received', 'referral-resolved', 'message-received', 'request-allocated', 'request-accepted', 'request-forwarded', 'request-closed', 'request-withdrawn'));`);
  }

}
