import { Migration } from '@mikro-orm/migrations';

export class Migration20261129101106 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "audit_entry" ("id" bigserial primary key, "at" timestamptz not null, "actor_id" uuid null, "actor_email" varchar(254) null, "authority_id" uuid null, "action" varchar(60) not null, "record_type" varchar(40) null, "record_id" varchar(80) null, "fields" text[] null, "purpose" varchar(500) null, "ip" varchar(45) null);`);
    this.addSql(`create index "audit_entry_at_idx" on "audit_entry" ("at", "id");`);
    this.addSql(`create index "audit_entry_action_email_idx" on "audit_entry" ("action", "actor_email", "at");`);
    this.addSql(`create index "audit_entry_action_ip_idx" on "audit_entry" ("action", "ip", "at");`);
    this.addSql(`create index "audit_entry_actor_idx" on "audit_entry" ("actor_id", "at");`);

    // Append-only: the application may add lines, never change or remove them.
    this.addSql(`create or replace function audit_entry_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'the audit log is append-only: % is not allowed', tg_op;
      end $$;`);
    this.addSql(`create trigger audit_entry_no_update before update or delete on audit_entry
      for each row execute function audit_entry_append_only();`);
    this.addSql(`create trigger audit_entry_no_truncate before truncate on audit_entry
      for each statement execute function audit_entry_append_only();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "audit_entry" cascade;`);
    this.addSql(`drop function if exists audit_entry_append_only();`);
  }

}
