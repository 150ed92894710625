import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { Authority } from '../authorities/entities.js';
import { LegislativeArea } from '../reference/entities.js';

export const userRoles = ['basic-user', 'request-handler', 'allocator', 'referral-handler', 'lda'] as const;
export type UserRole = (typeof userRoles)[number];

export const User = defineEntity({
  name: 'User',
  tableName: 'app_user',
  properties: (p) => ({
    id: p.uuid().primary().onCreate(() => crypto.randomUUID()),
    email: p.string().length(254).unique(),
    name: p.string().length(200),
    locale: p.string().length(5).default('en'),
    passwordHash: p.string().length(200).hidden(),
    authority: () => p.manyToOne(Authority).ref().nullable(),
    commissionAdmin: p.boolean().default(false),
    active: p.boolean().default(true),
    version: p.integer().version(),
    createdAt: p.datetime().onCreate(() => new Date()),
  }),
});
export type IUser = InferEntity<typeof User>;

/** A role granted to a user at its authority in one legislative area. */
export const RoleGrant = defineEntity({
  name: 'RoleGrant',
  tableName: 'role_grant',
  uniques: [{ name: 'role_grant_unique', properties: ['user', 'area', 'role'] }],
  properties: (p) => ({
    id: p.integer().primary().autoincrement(),
    user: () => p.manyToOne(User).deleteRule('cascade'),
    area: () => p.manyToOne(LegislativeArea),
    role: p.enum([...userRoles]),
  }),
});
export type IRoleGrant = InferEntity<typeof RoleGrant>;

/** A sign-in: only the SHA-256 of the bearer token is stored, so a database leak does not leak usable tokens. */
export const Session = defineEntity({
  name: 'Session',
  tableName: 'session',
  properties: (p) => ({
    id: p.integer().primary().autoincrement(),
    tokenHash: p.string().length(64).unique(),
    user: () => p.manyToOne(User).deleteRule('cascade'),
    createdAt: p.datetime().onCreate(() => new Date()),
    expiresAt: p.datetime().index(),
    revokedAt: p.datetime().nullable(),
  }),
});
export type ISession = InferEntity<typeof Session>;
