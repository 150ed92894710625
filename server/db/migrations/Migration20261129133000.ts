import { Migration } from '@mikro-orm/migrations';

/**
 * Indexes measured on a million requests: the inbox's unread marks and marking a request read looked through all of a
 * user's notifications (2 s → 3 ms); the e-mail claim walked every notification in id order; the deadline sweep read
 * the whole request table to find the open ones.
 */
export class Migration20261129133000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "notification_unread_idx" on "notification" ("user_id", "request_id") where "read_at" is null;`);
    this.addSql(`drop index if exists "notification_unsent_idx";`);
    this.addSql(`create index "notification_unsent_idx" on "notification" ("id") where "mode" = 'immediate' and "emailed_at" is null;`);
    this.addSql(`create index "request_open_idx" on "request" ("area_code") where "status" in ('AWAITING_ACCEPTANCE', 'ACCEPTED', 'AWAITING_REPLY_APPROVAL', 'CLARIFICATION_REQUESTED') and "sent_at" is not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "notification_unread_idx";`);
    this.addSql(`drop index if exists "notification_unsent_idx";`);
    this.addSql(`create index "notification_unsent_idx" on "notification" ("created_at") where "mode" = 'immediate' and "emailed_at" is null;`);
    this.addSql(`drop index if exists "request_open_idx";`);
  }

}
