import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../../clock.js';
import { deliverDigests, deliverImmediate, type DeliveryDeps } from '../notifications/delivery.js';

export interface DeadlineSettings {
  /** Days before a deadline that its reminder goes out, where the area sets none. */
  dueSoonDays: number;
  /** Days past a reply deadline that a request is escalated, where the area sets none. */
  escalateAfterDays: number;
  /** Hour (UTC) from which the daily digests are sent. */
  digestHour: number;
}

/** States in which the responding side owes a step, and the deadline that applies in each. */
export const openStates = ['AWAITING_ACCEPTANCE', 'ACCEPTED', 'AWAITING_REPLY_APPROVAL', 'CLARIFICATION_REQUESTED'] as const;

/**
 * The deadline of every open request: acceptance within 7 days of sending while it waits for acceptance, else the
 * committed (or requested) reply date. Shared by the sweep and the deadline lists so both judge alike.
 */
export const openDeadlinesSql = `
  select r.id, r.area_code, r.requester_id, r.responder_id, r.allocated_to, r.status,
         case when r.status = 'AWAITING_ACCEPTANCE' then 'acceptance' else 'reply' end as kind,
         case when r.status = 'AWAITING_ACCEPTANCE' then (r.sent_at at time zone 'UTC')::date + 7 else r.due_on end as deadline,
         coalesce(a.due_soon_days, ?::int) as soon, coalesce(a.escalate_after_days, ?::int) as escalate
    from request r join legislative_area a on a.code = r.area_code
   where r.status in ('AWAITING_ACCEPTANCE', 'ACCEPTED', 'AWAITING_REPLY_APPROVAL', 'CLARIFICATION_REQUESTED') and r.sent_at is not null`;

/**
 * Records the reminders due at `now` and the notifications they make, in one set-based statement. A reminder's stage
 * is where its deadline stands today (due soon, due, overdue) plus escalation — reply deadlines passed by the area's
 * escalation days, and requests not accepted within 7 days — to the responding authority's request coordinators. The
 * unique key of `reminder` claims each stage of each deadline once, across server instances and repeated sweeps.
 */
export async function recordReminders(em: EntityManager, now: Date, settings: DeadlineSettings): Promise<{ reminders: number; notifications: number }> {
  const today = now.toISOString().slice(0, 10);
  const [row] = await em.execute<{ reminders: string; notifications: string }[]>(
    `with open as (${openDeadlinesSql}),
     staged as (
       select o.*, s.stage from open o
       cross join lateral (values
         (case when ?::date > o.deadline then 'overdue' when ?::date = o.deadline then 'due' when ?::date >= o.deadline - o.soon then 'due-soon' end),
         (case when o.kind = 'acceptance' and ?::date > o.deadline then 'escalated'
               when o.kind = 'reply' and ?::date >= o.deadline + o.escalate then 'escalated' end)
       ) as s(stage)
       where s.stage is not null and o.deadline <> 'infinity'::date
     ),
     claimed as (
       insert into reminder (request_id, kind, stage, deadline, created_at)
       select id, kind, stage, deadline, ? from staged
       on conflict on constraint reminder_once do nothing
       returning request_id, stage
     ),
     recipients as (
       select c.request_id, c.stage, u.id as user_id
         from claimed c join request r on r.id = c.request_id
         join app_user u on u.authority_id = r.responder_id and u.active
          and (cardinality(r.allocated_to) = 0 or u.id = any(r.allocated_to))
        where c.stage <> 'escalated'
          and exists (select 1 from role_grant g where g.user_id = u.id and g.area_code = r.area_code and g.role = 'request-handler')
       union
       select c.request_id, c.stage, u.id
         from claimed c join request r on r.id = c.request_id
         join coordination x on x.authority_id = r.responder_id and x.area_code = r.area_code and x.relation = 'request'
         join app_user u on u.authority_id = x.coordinator_id and u.active
        where c.stage = 'escalated'
          and exists (select 1 from role_grant g where g.user_id = u.id and g.area_code = r.area_code and g.role = 'referral-handler')
     ),
     notified as (
       insert into notification (user_id, kind, request_id, mode, created_at)
       select t.user_id, t.kind, t.request_id, coalesce(p.mode, 'immediate'), ?
         from (select rc.*, case rc.stage when 'due-soon' then 'deadline-soon' when 'due' then 'deadline-due'
                                          when 'overdue' then 'deadline-overdue' else 'escalation' end as kind from recipients rc) t
         left join notification_preference p on p.user_id = t.user_id and p.kind = t.kind
       returning 1
     )
     select (select count(*) from claimed) as reminders, (select count(*) from notified) as notifications`,
    [settings.dueSoonDays, settings.escalateAfterDays, today, today, today, today, today, now, now],
  );
  return { reminders: Number(row.reminders), notifications: Number(row.notifications) };
}

export interface SweepResult {
  reminders: number;
  notifications: number;
  emails: number;
  digests: number;
  ms: number;
}

/**
 * One sweep: record the reminders due, send the e-mails waiting (those of the reminders, and any an earlier step could
 * not send), and the daily digests once their hour has come. Every part is safe to run on several instances at once
 * and to repeat after a crash. The run is recorded for the console's system page.
 */
export async function sweep(em: EntityManager, clock: Clock, settings: DeadlineSettings, deps: DeliveryDeps, instance: string): Promise<SweepResult> {
  const now = clock.now();
  const started = performance.now();
  const fork = em.fork();
  const [run] = await fork.execute<{ id: string }[]>(
    'insert into sweep_run (instance, started_at, clock_at) values (?, now(), ?) returning id', [instance, now]);
  try {
    const { reminders, notifications } = await recordReminders(fork, now, settings);
    const emails = await deliverImmediate(fork, deps);
    const digests = now.getUTCHours() >= settings.digestHour ? await deliverDigests(fork, deps, now) : 0;
    await fork.execute('update sweep_run set finished_at = now(), reminders = ?, emails = ?, digests = ? where id = ?', [reminders, emails, digests, run.id]);
    return { reminders, notifications, emails, digests, ms: Math.round(performance.now() - started) };
  } catch (error) {
    // Recording the failure fails too when the database went away mid-sweep: the sweep's own error is the one to report.
    await fork.execute('update sweep_run set finished_at = now(), error = ? where id = ?', [String((error as Error).message ?? error).slice(0, 1000), run.id])
      .catch(() => undefined);
    throw error;
  }
}

/**
 * Runs the sweep every minute in this process. Instances need no coordination: the sweep's claims are in the database.
 * A sweep still running when the next is due is not started twice.
 */
export function startScheduler(run: () => Promise<unknown>, onError: (error: unknown) => void, intervalMs = 60_000): { stop(): Promise<void> } {
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running) return;
    running = run().catch(onError).finally(() => {
      running = null;
    });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  setTimeout(tick, 5_000).unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
