import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { Authority } from '../authorities/entities.js';
import { User } from '../identity/entities.js';

export const subjectRequestKinds = ['access', 'correction', 'deletion'] as const;
export type SubjectRequestKind = (typeof subjectRequestKinds)[number];
export const subjectRequestStatuses = ['open', 'completed', 'rejected'] as const;
export const subjectRequestActionKinds = ['search', 'export', 'correction', 'erasure'] as const;
export type SubjectRequestActionKind = (typeof subjectRequestActionKinds)[number];

/** Days a data subject's request must be completed in (SPEC §5.4); the database derives `due_on` from it. */
export const SUBJECT_REQUEST_DAYS = 30;

/** The person a data subject's request is about, as the person identified themselves. */
export interface SubjectRequestPerson {
  firstName: string;
  lastName: string;
  dateOfBirth?: string;
}

/**
 * A data subject's request for access to, correction or deletion of their personal data (SPEC §5.4), as recorded by an
 * authority or by the data-protection administrator (`authority` null), with its 30-day deadline. The folded name
 * finds the requests that hold the person's data the same way the inbox search does.
 */
export const DataSubjectRequest = defineEntity({
  name: 'DataSubjectRequest',
  tableName: 'data_subject_request',
  indexes: [
    { name: 'data_subject_request_due_idx', properties: ['status', 'dueOn', 'id'] },
    { name: 'data_subject_request_authority_idx', properties: ['authority', 'status', 'dueOn', 'id'] },
  ],
  properties: (p) => ({
    id: p.uuid().primary().onCreate(() => crypto.randomUUID()),
    kind: p.enum([...subjectRequestKinds]),
    subject: p.json<SubjectRequestPerson>(),
    /** Folded "last first" name, compared with the requests' `subject_name`. */
    subjectName: p.string().length(300),
    receivedOn: p.string().columnType('date'),
    dueOn: p.string().columnType('date').generated(`(received_on + ${SUBJECT_REQUEST_DAYS}) stored`).nullable().default(null),
    status: p.enum([...subjectRequestStatuses]).default('open'),
    details: p.text().nullable(),
    outcome: p.text().nullable(),
    authority: () => p.manyToOne(Authority).ref().nullable(),
    recordedBy: () => p.manyToOne(User).ref(),
    recordedAt: p.datetime(),
    completedAt: p.datetime().nullable(),
    version: p.integer().default(1),
  }),
});
export type IDataSubjectRequest = InferEntity<typeof DataSubjectRequest>;

/**
 * What was done under a data subject's request: each search (one row per request found, or one without a request when
 * none was), export, correction and erasure, by whom, and whether it touched blocked data. Field names only, never
 * values.
 */
export const DataSubjectRequestAction = defineEntity({
  name: 'DataSubjectRequestAction',
  tableName: 'data_subject_request_action',
  indexes: [{ name: 'data_subject_request_action_dsr_idx', properties: ['dataSubjectRequest', 'id'] }],
  properties: (p) => ({
    id: p.bigint('number').primary().autoincrement(),
    dataSubjectRequest: () => p.manyToOne(DataSubjectRequest).ref().deleteRule('cascade'),
    at: p.datetime(),
    kind: p.enum([...subjectRequestActionKinds]),
    /** The request acted on; kept as a plain id (with its case number) so the record outlives any request. */
    requestId: p.uuid().nullable(),
    caseNumber: p.string().length(40).nullable(),
    blocked: p.boolean().default(false),
    fields: p.array().columnType('text[]').default('{}'),
    actor: () => p.manyToOne(User).ref(),
  }),
});
export type IDataSubjectRequestAction = InferEntity<typeof DataSubjectRequestAction>;
