import { z } from 'zod';
import { version } from '../../http/schemas.js';
import { localeCodes } from '../reference/locales.js';
import { userRoles } from './entities.js';

export const loginBody = z.object({
  email: z.string().trim().email('Enter an e-mail address like name@example.org').max(254),
  password: z.string().min(1, 'Enter your password').max(1000),
  totp: z.string().regex(/^\d{6}$/, 'Six digits').optional(),
});

export const publicUserSchema = z.object({ id: z.string().uuid(), email: z.string(), name: z.string(), locale: z.string() });

export const loginResponse = z.object({
  accessToken: z.string(),
  expiresIn: z.number().int().describe('Seconds until the token expires'),
  expiresAt: z.date(),
  mfa: z.boolean().describe('Whether the second factor confirmed this sign-in'),
  user: publicUserSchema,
});

const password = z.string().min(1, 'Enter a password').max(1000);
export const activateBody = z.object({ token: z.string().min(20).max(200), password });
export const activateResponse = z.object({ activated: z.literal(true), email: z.string() });
export const changePasswordBody = z.object({ currentPassword: password, newPassword: password });
export const totpCodeBody = z.object({ code: z.string().regex(/^\d{6}$/, 'Six digits') });

export const roleInput = z.object({ area: z.string().regex(/^[A-Z_]{2,40}$/, 'A legislative area code, e.g. PQ'), role: z.enum(userRoles) });
export const userView = z.object({
  id: z.string().uuid(),
  email: z.string(),
  name: z.string(),
  locale: z.string(),
  active: z.boolean(),
  activated: z.boolean().describe('Whether the user has set a password'),
  totpEnabled: z.boolean(),
  commissionAdmin: z.boolean().describe('Commission administrator powers (in a sign-in with the second factor)'),
  dataProtectionAdmin: z.boolean().describe('Data-protection administrator powers (in a sign-in with the second factor)'),
  version: z.number().int(),
  roles: z.array(roleInput),
});
export const newUserBody = z.object({
  email: z.string().trim().email('Enter an e-mail address like name@example.org').max(254),
  name: z.string().trim().min(1, 'Enter a name').max(200),
  locale: z.enum(localeCodes).optional(),
  roles: z.array(roleInput).max(50).default([]),
});
export const userPatchBody = z.object({
  version,
  name: z.string().trim().min(1, 'Enter a name').max(200).optional(),
  locale: z.enum(localeCodes).optional(),
  active: z.boolean().optional(),
  roles: z.array(roleInput).max(50).optional(),
});
export const userIdParams = z.object({ id: z.string().uuid('Not a user id') });

export const meResponse = z.object({
  user: publicUserSchema.extend({ commissionAdmin: z.boolean(), dataProtectionAdmin: z.boolean(), totpEnabled: z.boolean(), mfa: z.boolean() }),
  authority: z.object({ id: z.string().uuid(), country: z.string(), officialName: z.string(), designation: z.string() }).nullable(),
  roles: z.array(z.object({ area: z.string(), role: z.enum(userRoles) })),
  coordinator: z
    .object({ kind: z.string(), scope: z.object({ country: z.string().optional(), region: z.string().nullable().optional(), authorityId: z.string().optional() }) })
    .nullable(),
});

export type Me = z.infer<typeof meResponse>;
export type LoginResponse = z.infer<typeof loginResponse>;
export type ActivateResponse = z.infer<typeof activateResponse>;
