import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import type { Api } from '../../http/api.js';

export const systemView = z.object({
  version: z.string(),
  node: z.string(),
  startedAt: z.date(),
  database: z.object({
    kind: z.enum(['postgresql', 'embedded']),
    serverVersion: z.string(),
    latencyMs: z.number(),
    sizeBytes: z.number(),
    migrations: z.object({ applied: z.number().int(), latest: z.string().nullable() }),
  }),
  scheduler: z.object({
    enabledHere: z.boolean(),
    lastSweep: z.object({ instance: z.string(), startedAt: z.date(), finishedAt: z.date().nullable(), reminders: z.number(), emails: z.number(), digests: z.number(), error: z.string().nullable() }).nullable(),
    sweepsLastHour: z.number().int(),
    failuresLastDay: z.number().int(),
  }),
  notifications: z.object({ waiting: z.number().int(), failing: z.number().int() }),
});
export type SystemView = z.infer<typeof systemView>;

export interface SystemFacts {
  version: string;
  startedAt: Date;
  schedulerEnabled: boolean;
}

/** What an operator checks first: the build, the database and its migrations, the scheduler's last sweeps, unsent e-mail. */
export async function systemStatus(em: EntityManager, facts: SystemFacts): Promise<SystemView> {
  const started = performance.now();
  const [{ version: serverVersion }] = await em.execute<{ version: string }[]>('select version()');
  const latencyMs = Math.round((performance.now() - started) * 10) / 10;
  const [size] = await em.execute<{ bytes: string }[]>('select pg_database_size(current_database()) as bytes');
  const [migrations] = await em.execute<{ applied: string; latest: string | null }[]>(
    'select count(*) as applied, max(name) as latest from mikro_orm_migrations');
  const [last] = await em.execute<{ instance: string; started_at: Date; finished_at: Date | null; reminders: number; emails: number; digests: number; error: string | null }[]>(
    'select instance, started_at, finished_at, reminders, emails, digests, error from sweep_run order by started_at desc limit 1');
  const [counts] = await em.execute<{ last_hour: string; failures: string }[]>(
    `select count(*) filter (where started_at > now() - interval '1 hour') as last_hour,
            count(*) filter (where error is not null and started_at > now() - interval '1 day') as failures
       from sweep_run`);
  const [mail] = await em.execute<{ waiting: string; failing: string }[]>(
    `select count(*) as waiting, count(*) filter (where send_attempts > 0) as failing
       from notification where mode = 'immediate' and emailed_at is null`);
  return {
    version: facts.version,
    node: process.version,
    startedAt: facts.startedAt,
    database: {
      kind: /PGlite/.test(serverVersion) ? 'embedded' : 'postgresql',
      serverVersion: serverVersion.split(' on ')[0],
      latencyMs,
      sizeBytes: Number(size.bytes),
      migrations: { applied: Number(migrations.applied), latest: migrations.latest },
    },
    scheduler: {
      enabledHere: facts.schedulerEnabled,
      lastSweep: last
        ? { instance: last.instance, startedAt: new Date(last.started_at), finishedAt: last.finished_at ? new Date(last.finished_at) : null, reminders: last.reminders, emails: last.emails, digests: last.digests, error: last.error }
        : null,
      sweepsLastHour: Number(counts.last_hour),
      failuresLastDay: Number(counts.failures),
    },
    notifications: { waiting: Number(mail.waiting), failing: Number(mail.failing) },
  };
}

export function systemRoutes(api: Api, facts: SystemFacts): void {
  api.route({
    method: 'get', path: '/admin/system', operationId: 'systemStatus', tags: ['Administration'], access: { action: 'system:read' },
    response: systemView,
    summary: 'The state of the system: version, database, migrations, scheduler and e-mail queue (Commission administrators)',
    handler: ({ em }) => systemStatus(em, facts),
  });
}
