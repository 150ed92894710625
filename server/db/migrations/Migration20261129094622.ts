import { Migration } from '@mikro-orm/migrations';

export class Migration20261129094622 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "authority_active_sort_idx" on "authority" ("sort_name", "id") where "status" = 'active';`);
    // Stored words instead of an expression index: matching reads them instead of computing them for every row, and
    // the planner has statistics to choose between walking the name index and collecting the matches.
    this.addSql(`drop index "authority_search_tsv_idx";`);
    this.addSql(`alter table "authority" add column "search_tsv" tsvector generated always as (to_tsvector('simple', search_text)) stored null;`);
    this.addSql(`create index "authority_search_tsv_idx" on "authority" using gin ("search_tsv");`);
    // Typo tolerance looks at official names only: all designations in several languages make trigram checks slow.
    this.addSql(`drop index "authority_search_trgm_idx";`);
    this.addSql(`create index "authority_sort_name_trgm_idx" on "authority" using gin ("sort_name" gin_trgm_ops);`);

    this.addSql(`drop index "competence_ref_idx";`);

    this.addSql(`alter table "competence" add column "active" boolean not null default false, add column "country_code" varchar(2) null, add column "sort_name" varchar(400) null;`);
    this.addSql(`create index "competence_directory_idx" on "competence" ("ref_kind", "ref_id", "sort_name", "authority_id") include ("country_code", "area_code") where "active";`);

    // Keep the directory columns of competence in step with their authority, whoever writes either table.
    this.addSql(`create or replace function competence_fill_directory() returns trigger language plpgsql as $$
      begin
        select a.status = 'active', a.country_code, a.sort_name into new.active, new.country_code, new.sort_name
          from authority a where a.id = new.authority_id;
        return new;
      end $$;`);
    this.addSql(`create trigger competence_fill_directory before insert or update of authority_id on competence
      for each row execute function competence_fill_directory();`);
    this.addSql(`create or replace function authority_sync_directory() returns trigger language plpgsql as $$
      begin
        update competence set active = new.status = 'active', country_code = new.country_code, sort_name = new.sort_name
         where authority_id = new.id;
        return null;
      end $$;`);
    this.addSql(`create trigger authority_sync_directory after update of status, country_code, sort_name on authority
      for each row when (old.status is distinct from new.status or old.country_code is distinct from new.country_code
                         or old.sort_name is distinct from new.sort_name)
      execute function authority_sync_directory();`);
    this.addSql(`update competence c set active = a.status = 'active', country_code = a.country_code, sort_name = a.sort_name
      from authority a where a.id = c.authority_id;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "authority_sort_name_trgm_idx";`);
    this.addSql(`create index "authority_search_trgm_idx" on "authority" using gin ("search_text" gin_trgm_ops);`);
    this.addSql(`drop index "authority_search_tsv_idx";`);
    this.addSql(`alter table "authority" drop column "search_tsv";`);
    this.addSql(`create index "authority_search_tsv_idx" on "authority" using gin (to_tsvector('simple', "search_text"));`);
    this.addSql(`drop trigger authority_sync_directory on authority;`);
    this.addSql(`drop function authority_sync_directory();`);
    this.addSql(`drop trigger competence_fill_directory on competence;`);
    this.addSql(`drop function competence_fill_directory();`);
    this.addSql(`drop index "authority_active_sort_idx";`);

    this.addSql(`drop index "competence_directory_idx";`);
    this.addSql(`alter table "competence" drop column "active", drop column "country_code", drop column "sort_name";`);

    this.addSql(`create index "competence_ref_idx" on "competence" ("ref_kind", "ref_id", "area_code", "authority_id");`);
  }

}
