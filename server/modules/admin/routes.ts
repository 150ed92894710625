import type { Clock } from '../../clock.js';
import type { Api } from '../../http/api.js';
import type { DeadlineSettings } from '../deadlines/sweep.js';
import { registryRoutes } from './authorities.js';
import { stateRoutes } from './states.js';
import { areaRoutes } from './areas.js';
import { professionRoutes } from './professions.js';
import { overviewRoutes } from './overview.js';
import { systemRoutes, type SystemFacts } from './system.js';
import { translationRoutes } from './translations.js';

export interface AdminDeps {
  system: SystemFacts;
  /** Where the overview's deadlines read the time, and the deadline settings they are judged by. */
  clock: Clock;
  deadlines: DeadlineSettings;
}

/** The console's own endpoints under `/api/v1/admin/`, each behind the policy module. */
export function adminRoutes(api: Api, deps: AdminDeps): void {
  systemRoutes(api, deps.system);
  overviewRoutes(api, deps.clock, deps.deadlines);
  areaRoutes(api);
  translationRoutes(api);
  registryRoutes(api);
  stateRoutes(api);
  professionRoutes(api);
}
