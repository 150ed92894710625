import { defineEntity } from '@mikro-orm/core';
import { Request } from '../requests/entities.js';

export const deadlineKinds = ['acceptance', 'reply'] as const;
export const reminderStages = ['due-soon', 'due', 'overdue', 'escalated'] as const;
export type ReminderStage = (typeof reminderStages)[number];

/**
 * A reminder that was due for a request's deadline: one row per request, deadline and stage, ever. The unique key
 * makes the sweep's insert the claim, so that however many server instances sweep at once, each reminder is recorded
 * (and its notifications created) exactly once.
 */
export const Reminder = defineEntity({
  name: 'Reminder',
  tableName: 'reminder',
  uniques: [{ name: 'reminder_once', properties: ['request', 'kind', 'stage', 'deadline'] }],
  properties: (p) => ({
    id: p.bigint('number').primary().autoincrement(),
    request: () => p.manyToOne(Request).ref().deleteRule('cascade'),
    kind: p.enum([...deadlineKinds]),
    stage: p.enum([...reminderStages]),
    deadline: p.string().columnType('date'),
    createdAt: p.datetime(),
  }),
});

/** The daily digest of one user on one day: inserting it claims the sending. */
export const DigestRun = defineEntity({
  name: 'DigestRun',
  tableName: 'digest_run',
  properties: (p) => ({
    userId: p.uuid().primary(),
    day: p.string().columnType('date').primary(),
    items: p.integer(),
    sentAt: p.datetime(),
  }),
});

/** One sweep of one server instance: what the console shows as the scheduler's status. */
export const SweepRun = defineEntity({
  name: 'SweepRun',
  tableName: 'sweep_run',
  indexes: [{ name: 'sweep_run_started_idx', properties: ['startedAt'] }],
  properties: (p) => ({
    id: p.bigint('number').primary().autoincrement(),
    instance: p.string().length(100),
    startedAt: p.datetime(),
    finishedAt: p.datetime().nullable(),
    clockAt: p.datetime(),
    reminders: p.integer().default(0),
    emails: p.integer().default(0),
    digests: p.integer().default(0),
    error: p.string().length(1000).nullable(),
  }),
});
