import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { User } from '../identity/entities.js';
import { Request } from '../requests/entities.js';

export const accessPurposes = ['proof-of-exchange', 'data-subject-rights'] as const;
export type AccessPurpose = (typeof accessPurposes)[number];

/**
 * A data-protection administrator's access to the blocked personal data of one request (SPEC §5.4), for a stated
 * purpose and for a limited time. The administrator holds no authority: these grants are the only way it reads
 * requests at all, and every read under a grant is audited with the grant's purpose.
 */
export const BlockedAccessGrant = defineEntity({
  name: 'BlockedAccessGrant',
  tableName: 'blocked_access_grant',
  indexes: [
    { name: 'blocked_access_grant_granted_idx', properties: ['grantedAt', 'id'] },
    { name: 'blocked_access_grant_request_idx', properties: ['request'] },
  ],
  properties: (p) => ({
    id: p.uuid().primary().onCreate(() => crypto.randomUUID()),
    request: () => p.manyToOne(Request).ref(),
    purpose: p.enum([...accessPurposes]),
    justification: p.string().length(1000),
    /** The data subject's request the access serves, where it serves one. */
    dataSubjectRequestId: p.uuid().nullable(),
    grantedTo: () => p.manyToOne(User).ref(),
    grantedAt: p.datetime(),
    expiresAt: p.datetime(),
  }),
});
export type IBlockedAccessGrant = InferEntity<typeof BlockedAccessGrant>;

export const retentionTriggers = ['schedule', 'manual'] as const;
export const retentionStatuses = ['running', 'completed', 'failed'] as const;

/**
 * One run of the retention job: when it ran and for which time (`asOf`, the clock's now), who started it, and what it
 * deleted. The counts grow with each committed batch, so a failed run still reports the work it did.
 */
export const RetentionRun = defineEntity({
  name: 'RetentionRun',
  tableName: 'retention_run',
  indexes: [{ name: 'retention_run_started_idx', properties: ['startedAt', 'id'] }],
  properties: (p) => ({
    id: p.bigint('number').primary().autoincrement(),
    trigger: p.enum([...retentionTriggers]),
    startedBy: () => p.manyToOne(User).ref().nullable(),
    instance: p.string().length(100),
    asOf: p.datetime(),
    startedAt: p.datetime(),
    finishedAt: p.datetime().nullable(),
    status: p.enum([...retentionStatuses]).default('running'),
    newlyBlocked: p.integer().default(0),
    requestsDeleted: p.integer().default(0),
    attachmentsDeleted: p.integer().default(0),
    bytesDeleted: p.bigint('number').default(0),
    error: p.string().length(1000).nullable(),
  }),
});
export type IRetentionRun = InferEntity<typeof RetentionRun>;
