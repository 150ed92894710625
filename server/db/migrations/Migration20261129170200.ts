import { Migration } from '@mikro-orm/migrations';

/** The audit log's hash chain: each entry chained to the previous one so tampering is detectable. */
export class Migration20261129170200 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "audit_entry" add column "chain_seq" bigint null, add column "prev_hash" bytea null, add column "hash" bytea null;`);
    this.addSql(`create table "audit_chain_head" ("id" boolean not null default true, "seq" bigint not null, "hash" bytea not null, constraint "audit_chain_head_pkey" primary key ("id"));`);

    /*
     * The one canonical form of an entry, hashed by the trigger and again by the verifier (which asks this function for
     * the stored row): a JSON array, so that texts, nulls and the list of fields read back unambiguously, with the time
     * in UTC to the microsecond whatever the session's time zone. The leading tag names this form, should it change.
     */
    this.addSql(`create function audit_entry_payload(e audit_entry) returns bytea language sql stable as $$
      select convert_to(json_build_array('imi-audit/1', e.chain_seq, e.id,
        to_char(e.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), e.actor_id, e.actor_email, e.authority_id,
        e.action, e.record_type, e.record_id, e.fields, e.purpose, e.ip)::text, 'UTF8')
    $$;`);

    // Entries written before the chain existed are chained in the order they were written.
    this.addSql(`insert into "audit_chain_head" ("id", "seq", "hash") values (true, 0, decode(repeat('00', 32), 'hex'));`);
    this.addSql(`alter table "audit_entry" disable trigger "audit_entry_no_update";`);
    this.addSql(`do $$
      declare
        entry audit_entry;
        running bytea := decode(repeat('00', 32), 'hex');
        n bigint := 0;
      begin
        for entry in select * from audit_entry order by id loop
          n := n + 1;
          entry.chain_seq := n;
          entry.prev_hash := running;
          running := sha256(running || audit_entry_payload(entry));
          update audit_entry set chain_seq = n, prev_hash = entry.prev_hash, hash = running where id = entry.id;
        end loop;
        update audit_chain_head set seq = n, hash = running;
      end $$;`);
    this.addSql(`alter table "audit_entry" enable trigger "audit_entry_no_update";`);
    this.addSql(`alter table "audit_entry" alter column "chain_seq" set not null, alter column "prev_hash" set not null, alter column "hash" set not null;`);
    this.addSql(`alter table "audit_entry" add constraint "audit_entry_chain_seq_unique" unique ("chain_seq");`);

    /*
     * Every insert, from whatever code path, takes the next place in the chain. The head row's lock serialises writers:
     * SELECT … FOR UPDATE waits for a concurrent writer to commit and then reads the head it left, which a plain SELECT
     * of the latest entry would miss under READ COMMITTED (its snapshot predates that commit). A rolled-back insert
     * rolls the head back with it, so the chain has no gaps. The columns of the chain are set here, never by the caller.
     * No other BEFORE INSERT trigger may follow this one (triggers fire in the order of their names): it would change
     * the row after it was hashed. It runs with its owner's rights (the tables' owner), so that an application role
     * granted only INSERT and SELECT on the log still moves the head it may not write itself.
     */
    this.addSql(`create function audit_entry_chain() returns trigger language plpgsql security definer set search_path from current as $$
      begin
        select h.seq + 1, h.hash into new.chain_seq, new.prev_hash from audit_chain_head h for update;
        new.hash := sha256(new.prev_hash || audit_entry_payload(new));
        update audit_chain_head set seq = new.chain_seq, hash = new.hash;
        return new;
      end $$;`);
    this.addSql(`create trigger audit_entry_chain before insert on audit_entry for each row execute function audit_entry_chain();`);

    // The head only moves, and only with an insert into the log: the trigger above runs one trigger level deeper than any statement.
    this.addSql(`create function audit_chain_head_guard() returns trigger language plpgsql as $$
      begin
        if tg_op <> 'UPDATE' or pg_trigger_depth() < 2 then
          raise exception 'the audit chain head is moved only by inserts into the audit log: % is not allowed', tg_op;
        end if;
        return new;
      end $$;`);
    this.addSql(`create trigger audit_chain_head_guard before insert or update or delete on audit_chain_head
      for each row execute function audit_chain_head_guard();`);
    this.addSql(`create trigger audit_chain_head_no_truncate before truncate on audit_chain_head
      for each statement execute function audit_chain_head_guard();`);

    // No role but the owner may change history; where the application runs as a role of its own, it gets insert and select only (README).
    this.addSql(`revoke update, delete, truncate on "audit_entry", "audit_chain_head" from public;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists audit_entry_chain on "audit_entry";`);
    this.addSql(`drop function if exists audit_entry_chain();`);
    this.addSql(`drop table if exists "audit_chain_head" cascade;`);
    this.addSql(`drop function if exists audit_chain_head_guard();`);
    this.addSql(`alter table "audit_entry" drop constraint if exists "audit_entry_chain_seq_unique";`);
    this.addSql(`drop function if exists audit_entry_payload(audit_entry);`);
    this.addSql(`alter table "audit_entry" drop column if exists "chain_seq", drop column if exists "prev_hash", drop column if exists "hash";`);
  }

}
