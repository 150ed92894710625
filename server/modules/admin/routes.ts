import type { Api } from '../../http/api.js';
import { systemRoutes, type SystemFacts } from './system.js';

export interface AdminDeps {
  system: SystemFacts;
}

/** The console's own endpoints under `/api/v1/admin/`, each behind the policy module. */
export function adminRoutes(api: Api, deps: AdminDeps): void {
  systemRoutes(api, deps.system);
}
