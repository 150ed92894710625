import { defineEntity, type InferEntity } from '@mikro-orm/core';

/**
 * One line of the append-only audit log: who did what, to which record, when, from which authority and address, and
 * why. A database trigger refuses updates and deletes, so the application cannot rewrite history; another one chains
 * every new entry to the one before by a hash (migration 20261129170200), so that a change made behind the triggers'
 * back is detected by `verifyAuditChain`.
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
    /** Place in the chain, 1, 2, 3 … without gaps; set by the database on insert, like the two hashes. */
    chainSeq: p.bigint('string').unique().default(null),
    /** The hash of the entry before (32 zero bytes for the first). */
    prevHash: p.blob().lazy().default(null),
    /** SHA-256 of the previous hash followed by this entry's canonical form (`audit_entry_payload`). */
    hash: p.blob().lazy().default(null),
  }),
});
export type IAuditEntry = InferEntity<typeof AuditEntry>;

/** The end of the audit chain: its last place and hash. One row, moved only by the insert trigger of the log. */
export const AuditChainHead = defineEntity({
  name: 'AuditChainHead',
  tableName: 'audit_chain_head',
  properties: (p) => ({
    id: p.boolean().primary().default(true),
    seq: p.bigint('string'),
    hash: p.blob(),
  }),
});
