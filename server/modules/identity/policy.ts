import { problems } from '../../http/problem.js';
import type { AuthUser } from './service.js';

/**
 * The one place that decides who may do what. Routes name the permission they need; the API layer asks here before
 * the handler runs, so no handler carries its own check.
 */
export type Permission =
  /** Read the network-wide audit log. */
  | 'audit:read';

const rules: Record<Permission, (user: AuthUser) => boolean> = {
  'audit:read': (user) => user.commissionAdmin,
};

export function can(user: AuthUser, permission: Permission): boolean {
  return rules[permission](user);
}

/** Throws 401 without a user and 403 when the user lacks the permission. */
export function authorize(user: AuthUser | null, permission: Permission): asserts user is AuthUser {
  if (!user) throw problems.unauthorized();
  if (!can(user, permission)) throw problems.forbidden();
}
