import { Migration } from '@mikro-orm/migrations';

export class Migration20261129104214 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "question_set" ("id" serial primary key, "area_code" varchar(40) not null, "version" int not null, "name" jsonb not null, "definition" jsonb not null, "imported_at" timestamptz not null, "imported_by" uuid null);`);
    this.addSql(`alter table "question_set" add constraint "question_set_area_version_unique" unique ("area_code", "version");`);

    this.addSql(`alter table "question_set" add constraint "question_set_area_code_foreign" foreign key ("area_code") references "legislative_area" ("code") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "question_set" cascade;`);
  }

}
