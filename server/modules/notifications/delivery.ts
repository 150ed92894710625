import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArray } from '../../db/sql.js';
import { digestMail, mailLocale, notificationMail } from '../../i18n/mail.js';
import type { Logger } from '../../logger.js';
import type { NotificationKind } from './entities.js';
import type { Mailer } from './mailer.js';

export interface DeliveryDeps {
  mailer: Mailer;
  publicUrl: string;
  logger: Logger;
}

/** Attempts after which an e-mail is given up (it stays listed in the application). */
const maxAttempts = 5;
const batch = 200;

interface Pending { id: string; kind: NotificationKind; request_id: string; email: string; locale: string; case_number: string }

const link = (publicUrl: string, requestId: string) => `${publicUrl}/#/requests/${requestId}`;

/**
 * Sends the immediate e-mails not sent yet — those named, or all of them. Each batch is claimed with row locks that
 * other server instances skip (`FOR UPDATE SKIP LOCKED`) and marked sent in the same transaction, so an e-mail goes out
 * once however many instances deliver at the same time; a relay failure counts an attempt and leaves it for the next
 * sweep. Returns the number sent.
 */
export async function deliverImmediate(em: EntityManager, deps: DeliveryDeps, ids?: string[]): Promise<number> {
  if (ids && !ids.length) return 0;
  let sent = 0;
  for (;;) {
    const claimed = await em.fork().transactional(async (tx) => {
      const rows = await tx.execute<Pending[]>(
        `select n.id, n.kind, n.request_id, u.email, u.locale, r.case_number
           from notification n join app_user u on u.id = n.user_id join request r on r.id = n.request_id
          where n.mode = 'immediate' and n.emailed_at is null and n.send_attempts < ?${ids ? ' and n.id = any(?::bigint[])' : ''}
          order by n.id limit ? for update of n skip locked`,
        [maxAttempts, ...(ids ? [pgArray(ids)] : []), batch],
      );
      const done: string[] = [];
      const failed: string[] = [];
      for (const row of rows) {
        try {
          // Each e-mail goes to one user, in that user's own language.
          await deps.mailer.send({
            to: row.email,
            ...notificationMail(mailLocale(row.locale), row.kind, row.case_number, link(deps.publicUrl, row.request_id)),
          });
          done.push(row.id);
        } catch (error) {
          deps.logger.warn({ err: error, notification: row.id, kind: row.kind }, 'notification e-mail not sent');
          failed.push(row.id);
        }
      }
      if (done.length) await tx.execute('update notification set emailed_at = now() where id = any(?::bigint[])', [pgArray(done)]);
      if (failed.length) await tx.execute('update notification set send_attempts = send_attempts + 1 where id = any(?::bigint[])', [pgArray(failed)]);
      sent += done.length;
      return rows.length;
    });
    if (ids || claimed < batch) return sent;
  }
}

/**
 * Sends each user with items waiting for the digest one e-mail listing them all, once a day: inserting the user's
 * digest row for the day claims it, so two instances never both send it. Returns the number of digests sent.
 */
export async function deliverDigests(em: EntityManager, deps: DeliveryDeps, now: Date): Promise<number> {
  const day = now.toISOString().slice(0, 10);
  const users = await em.fork().execute<{ user_id: string }[]>(
    `select distinct n.user_id from notification n
      where n.mode = 'digest' and n.emailed_at is null and n.created_at <= ?
        and not exists (select 1 from digest_run d where d.user_id = n.user_id and d.day = ?::date)`,
    [now, day],
  );
  let digests = 0;
  for (const { user_id: userId } of users) {
    await em.fork().transactional(async (tx) => {
      const [claim] = await tx.execute<{ user_id: string }[]>(
        'insert into digest_run (user_id, day, items, sent_at) values (?, ?::date, 0, ?) on conflict do nothing returning user_id', [userId, day, now]);
      if (!claim) return;
      const items = await tx.execute<Pending[]>(
        `select n.id, n.kind, n.request_id, u.email, u.locale, r.case_number
           from notification n join app_user u on u.id = n.user_id join request r on r.id = n.request_id
          where n.user_id = ? and n.mode = 'digest' and n.emailed_at is null and n.created_at <= ?
          order by n.created_at, n.id for update of n skip locked`,
        [userId, now],
      );
      if (!items.length) return;
      // A relay failure rolls the claim back with the rest, so the next sweep tries again.
      await deps.mailer.send({
        to: items[0].email,
        ...digestMail(mailLocale(items[0].locale), items.map((i) => ({ kind: i.kind, caseNumber: i.case_number, link: link(deps.publicUrl, i.request_id) }))),
      });
      await tx.execute('update notification set emailed_at = ? where id = any(?::bigint[])', [now, pgArray(items.map((i) => i.id))]);
      await tx.execute('update digest_run set items = ? where user_id = ? and day = ?::date', [items.length, userId, day]);
      digests++;
    });
  }
  return digests;
}
