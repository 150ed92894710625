import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { User } from '../identity/entities.js';
import { Request } from '../requests/entities.js';

/**
 * What a user is told about. Actionable kinds ask the user to do something and are e-mailed at once by default; the
 * others are only listed in the application unless the user asks for them (IMI users complain of notification overload).
 */
export const notificationKinds = {
  'request-received': { actionable: true },
  'approval-needed': { actionable: true },
  'approval-rejected': { actionable: true },
  'reply-received': { actionable: true },
  'clarification-requested': { actionable: true },
  'clarification-answered': { actionable: true },
  'referral-received': { actionable: true },
  'referral-resolved': { actionable: true },
  'message-received': { actionable: true },
  'request-allocated': { actionable: true },
  'deadline-soon': { actionable: true },
  'deadline-due': { actionable: true },
  'deadline-overdue': { actionable: true },
  'escalation': { actionable: true },
  'request-accepted': { actionable: false },
  'request-forwarded': { actionable: false },
  'request-closed': { actionable: false },
  'request-withdrawn': { actionable: false },
} as const;
export type NotificationKind = keyof typeof notificationKinds;
export const notificationModes = ['immediate', 'digest', 'off'] as const;
export type NotificationMode = (typeof notificationModes)[number];

/** One thing a user was told about: listed in the application; e-mailed at once or in the daily digest per preference. */
export const Notification = defineEntity({
  name: 'Notification',
  tableName: 'notification',
  indexes: [
    { name: 'notification_user_idx', properties: ['user', 'createdAt'] },
    { name: 'notification_digest_idx', expression: `create index "notification_digest_idx" on "notification" ("user_id", "created_at") where "mode" = 'digest' and "emailed_at" is null` },
    { name: 'notification_unsent_idx', expression: `create index "notification_unsent_idx" on "notification" ("id") where "mode" = 'immediate' and "emailed_at" is null` },
    { name: 'notification_unread_idx', expression: `create index "notification_unread_idx" on "notification" ("user_id", "request_id") where "read_at" is null` },
  ],
  properties: (p) => ({
    id: p.bigint('number').primary().autoincrement(),
    user: () => p.manyToOne(User).ref().deleteRule('cascade'),
    kind: p.enum(Object.keys(notificationKinds) as NotificationKind[]),
    request: () => p.manyToOne(Request).ref().deleteRule('cascade'),
    mode: p.enum([...notificationModes]),
    createdAt: p.datetime().onCreate(() => new Date()),
    emailedAt: p.datetime().nullable(),
    readAt: p.datetime().nullable(),
    /** Failed attempts to e-mail it; the sweep gives up after a few. */
    sendAttempts: p.integer().default(0),
  }),
});
export type INotification = InferEntity<typeof Notification>;

/** A user's choice for one kind of notification; without one, the kind's default applies. */
export const NotificationPreference = defineEntity({
  name: 'NotificationPreference',
  tableName: 'notification_preference',
  properties: (p) => ({
    user: () => p.manyToOne(User).primary().deleteRule('cascade'),
    kind: p.enum(Object.keys(notificationKinds) as NotificationKind[]).primary(),
    mode: p.enum([...notificationModes]),
  }),
});
