import { z } from 'zod';
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
  user: publicUserSchema,
});

export const meResponse = z.object({
  user: publicUserSchema.extend({ commissionAdmin: z.boolean() }),
  authority: z.object({ id: z.string().uuid(), country: z.string(), officialName: z.string(), designation: z.string() }).nullable(),
  roles: z.array(z.object({ area: z.string(), role: z.enum(userRoles) })),
  coordinator: z
    .object({ kind: z.string(), scope: z.union([z.object({ country: z.string() }), z.object({ authorityId: z.string() })]) })
    .nullable(),
});

export type Me = z.infer<typeof meResponse>;
export type LoginResponse = z.infer<typeof loginResponse>;
