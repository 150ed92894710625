import pg from 'pg';

/**
 * A record of every row written to the public schema while the fuzz runs, so that a refused request can be shown to
 * have changed nothing. Statement-level AFTER triggers on every table note how many rows each INSERT, UPDATE or DELETE
 * touched (from the statement's transition tables, so a statement that touched no row notes nothing) and when, in a
 * table of this test. A write is then laid against the times the requests were sent and answered (the database and
 * the test read the same clock), or, to pin one down, the log is read before and after each request.
 */

const log = 'fuzz_change';
const fn = 'fuzz_note_change';

/**
 * Writes a refused request may make, by design:
 * - audit entries of refused sign-ins (`auth.sign-in-failed`, `auth.sign-in-throttled`): the audit log must record
 *   them, and the sign-in throttle counts them (SPEC: failed sign-ins are audited and limited per account and address).
 *   Every other audit entry still counts as a change.
 */
export const refusalAuditActions = ['auth.sign-in-failed', 'auth.sign-in-throttled'];

/**
 * Tables whose rows change on a refused request, by design:
 * - `rate_counter`: the rate limiter counts every limited request, refused or not (a refused attempt is exactly what a
 *   limit is for).
 * - tables named `audit_chain…`: the head of the audit log's hash chain moves with every audit entry, including those
 *   of refused sign-ins above; entries that do count are caught in `audit_entry` itself.
 * - `mikro_orm_migrations`, `seed_run`: written only by migrations and seeding, never by a request.
 */
export const excludedTable = (name: string) => name === 'rate_counter' || name.startsWith('audit_chain') || name === 'mikro_orm_migrations' || name === 'seed_run' || name === log;

export interface Change {
  id: number;
  table: string;
  operation: string;
  rows: number;
  /** When, in milliseconds since the epoch (as Date.now()), with the database's microseconds as a fraction. */
  at: number;
}

export interface ChangeLog {
  /** The tables watched. */
  tables: string[];
  /** The id of the last write noted so far. */
  last(): Promise<number>;
  /** The writes noted after the one with this id. */
  after(id: number): Promise<Change[]>;
  remove(): Promise<void>;
}

/** Installs the log through a connection of its own to `databaseUrl` (as the owner of the tables). */
export async function installChangeLog(databaseUrl: string): Promise<ChangeLog> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const em = { execute: async <T>(text: string, values: unknown[] = []) => (await client.query(text, values)).rows as T };
  await removeChangeLog(em);
  const tables = (await em.execute<{ name: string }[]>(
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition order by 1`,
  )).map((t) => t.name).filter((name) => !excludedTable(name));
  await em.execute(`create table ${log} (id bigserial primary key, table_name text not null, operation text not null, row_count bigint not null, at timestamptz not null default clock_timestamp())`);
  const refusals = refusalAuditActions.map((a) => `'${a}'`).join(', ');
  await em.execute(`create function ${fn}() returns trigger language plpgsql as $$
    declare changed bigint;
    begin
      if TG_OP = 'DELETE' then
        select count(*) into changed from fuzz_old_rows;
      elsif TG_TABLE_NAME = 'audit_entry' then
        select count(*) into changed from fuzz_new_rows where action not in (${refusals});
      else
        select count(*) into changed from fuzz_new_rows;
      end if;
      if changed > 0 then
        insert into ${log} (table_name, operation, row_count) values (TG_TABLE_NAME, TG_OP, changed);
      end if;
      return null;
    end $$`);
  for (const table of tables) {
    await em.execute(`create trigger ${fn}_insert after insert on "${table}" referencing new table as fuzz_new_rows for each statement execute function ${fn}()`);
    await em.execute(`create trigger ${fn}_update after update on "${table}" referencing new table as fuzz_new_rows for each statement execute function ${fn}()`);
    await em.execute(`create trigger ${fn}_delete after delete on "${table}" referencing old table as fuzz_old_rows for each statement execute function ${fn}()`);
  }
  return {
    tables,
    async last() {
      const [row] = await em.execute<{ id: string | null }[]>(`select max(id) as id from ${log}`);
      return Number(row.id ?? 0);
    },
    async after(id) {
      const rows = await em.execute<{ id: string; table_name: string; operation: string; row_count: string; at: string }[]>(
        `select id, table_name, operation, row_count, extract(epoch from at) * 1000 as at from ${log} where id > $1 order by id`, [id],
      );
      return rows.map((r) => ({ id: Number(r.id), table: r.table_name, operation: r.operation, rows: Number(r.row_count), at: Number(r.at) }));
    },
    async remove() {
      await removeChangeLog(em);
      await client.end();
    },
  };
}

/** Drops the triggers, the function and the table, leaving the schema as the migrations made it. */
async function removeChangeLog(em: { execute<T>(text: string): Promise<T> }): Promise<void> {
  const triggers = await em.execute<{ table_name: string; trigger_name: string }[]>(
    `select c.relname as table_name, t.tgname as trigger_name from pg_trigger t join pg_class c on c.oid = t.tgrelid
       join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and t.tgname like '${fn}%'`,
  );
  for (const t of triggers) await em.execute(`drop trigger if exists "${t.trigger_name}" on "${t.table_name}"`);
  await em.execute(`drop function if exists ${fn}()`);
  await em.execute(`drop table if exists ${log}`);
}
