import { Migration } from '@mikro-orm/migrations';

/**
 * Indexes for the indicators and the network overview, measured on a million requests: the indicators of a period
 * read the whole request table (3 s) where they need only the requests sent in it, a state's or an authority's only
 * its own; a state's open requests were found among all its requests instead of among the open ones.
 */
export class Migration20261129151000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "request_sent_idx" on "request" ("sent_at") include ("area_code") where "sent_at" is not null;`);
    this.addSql(`create index "request_responder_sent_idx" on "request" ("responder_id", "sent_at") include ("area_code") where "sent_at" is not null;`);
    this.addSql(`create index "request_open_responder_idx" on "request" ("responder_id") where "status" in ('AWAITING_ACCEPTANCE', 'ACCEPTED', 'AWAITING_REPLY_APPROVAL', 'CLARIFICATION_REQUESTED') and "sent_at" is not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "request_sent_idx";`);
    this.addSql(`drop index if exists "request_responder_sent_idx";`);
    this.addSql(`drop index if exists "request_open_responder_idx";`);
  }

}
