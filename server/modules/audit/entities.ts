import { defineEntity, type InferEntity } from '@mikro-orm/core';

/**
 * One line of the append-only audit log: who did what, to which record, when, from which authority and address, and
 * why. A database trigger refuses updates and deletes, so the application cannot rewrite history.
 */
export const AuditEntry = defineEntity({
  name: 'AuditEntry',
  tableName: 'audit_entry',
  indexes: [
    { name: 'audit_entry_at_idx', properties: ['at', 'id'] },
    { name: 'audit_entry_action_email_idx', properties: ['action', 'actorEmail', 'at'] },
    { name: 'audit_entry_action_ip_idx', properties: ['action', 'ip', 'at'] },
    { name: 'audit_entry_actor_idx', properties: ['actorId', 'at'] },
  ],
  properties: (p) => ({
    id: p.bigint('number').primary().autoincrement(),
    at: p.datetime().onCreate(() => new Date()),
    actorId: p.uuid().nullable(),
    /** The account named, also when no user could be established (a failed sign-in). */
    actorEmail: p.string().length(254).nullable(),
    authorityId: p.uuid().nullable(),
    action: p.string().length(60),
    recordType: p.string().length(40).nullable(),
    recordId: p.string().length(80).nullable(),
    fields: p.array().columnType('text[]').nullable(),
    purpose: p.string().length(500).nullable(),
    ip: p.string().length(45).nullable(),
  }),
});
export type IAuditEntry = InferEntity<typeof AuditEntry>;
