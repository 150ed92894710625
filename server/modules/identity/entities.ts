import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { Authority } from '../authorities/entities.js';
import { Country, LegislativeArea } from '../reference/entities.js';

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
    /** Null until the user has set a password through the one-time link of its first sign-in. */
    passwordHash: p.string().length(200).hidden().nullable().default(null),
    authority: () => p.manyToOne(Authority).ref().nullable(),
    commissionAdmin: p.boolean().default(false),
    dataProtectionAdmin: p.boolean().default(false),
    totpSecret: p.string().length(64).hidden().nullable().default(null),
    totpEnabled: p.boolean().default(false),
    /** The last time step whose code was accepted, so a code cannot be used twice. */
    totpLastStep: p.bigint('number').nullable(),
    /** The subject its state's identity provider knows it by, where the provider does not name users by e-mail. */
    idpSubject: p.string().length(200).nullable(),
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
    /** Whether the second factor was given at sign-in: administrator powers need it. */
    mfa: p.boolean().default(false),
  }),
});
export type ISession = InferEntity<typeof Session>;

/** A one-time link: first sign-in (set a password) or a reset ordered by an administrator. */
export const OneTimeToken = defineEntity({
  name: 'OneTimeToken',
  tableName: 'one_time_token',
  properties: (p) => ({
    id: p.integer().primary().autoincrement(),
    tokenHash: p.string().length(64).unique(),
    user: () => p.manyToOne(User).deleteRule('cascade'),
    purpose: p.enum(['activation', 'reset'] as const),
    expiresAt: p.datetime(),
    usedAt: p.datetime().nullable(),
  }),
});
export type IOneTimeToken = InferEntity<typeof OneTimeToken>;

/** A state's identity provider whose signed tokens national portals may hand to the widgets. */
export const IdentityProviderConfig = defineEntity({
  name: 'IdentityProviderConfig',
  tableName: 'identity_provider',
  properties: (p) => ({
    id: p.integer().primary().autoincrement(),
    country: () => p.manyToOne(Country).ref(),
    issuer: p.string().length(400).unique(),
    audience: p.string().length(400),
    jwks: p.json<{ keys: Record<string, unknown>[] }>(),
    userClaim: p.enum(['email', 'sub'] as const).default('email'),
    version: p.integer().version(),
  }),
});
export type IIdentityProviderConfig = InferEntity<typeof IdentityProviderConfig>;
