import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../server/clock.js';
import { createLogger } from '../../server/logger.js';
import { migrationsList } from '../../server/db/migrations/index.js';
import { sweep } from '../../server/modules/deadlines/sweep.js';
import { createMailer } from '../../server/modules/notifications/mailer.js';
import { startTestApp, testDeadlines, type TestApp } from './support.js';

let app: TestApp;
let admin: string;
beforeAll(async () => {
  app = await startTestApp();
  admin = await app.session('admin@imi.test', { mfa: true });
});
afterAll(async () => {
  if (app) await app.close();
});

interface SystemStatus {
  version: string;
  database: { kind: string; serverVersion: string; migrations: { applied: number; latest: string } };
  scheduler: { enabledHere: boolean; lastSweep: { instance: string; finishedAt: string | null; error: string | null } | null; sweepsLastHour: number };
}

describe('GET /admin/system', () => {
  it('tells the Commission administrator the version, the database with its migrations, and the last sweep', async () => {
    const logger = createLogger('silent');
    const mailer = createMailer({ from: 'imi@imi.test', logger });
    await sweep(app.orm.em, systemClock, testDeadlines, { mailer, publicUrl: 'http://imi.test', logger }, 'system-test');
    const response = await app.request('/api/v1/admin/system', { token: admin });
    expect(response.status, await response.clone().text()).toBe(200);
    const status = (await response.json()) as SystemStatus;
    expect(status.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(status.database.kind).toBe(process.env.DB === 'pglite' ? 'embedded' : 'postgresql');
    expect(status.database.serverVersion).toMatch(/^PostgreSQL \d+/);
    expect(status.database.migrations.applied).toBe(migrationsList.length);
    expect(status.database.migrations.latest).toBe(migrationsList.map((m) => m.name).sort().at(-1));
    expect(status.scheduler.enabledHere).toBe(false);
    expect(status.scheduler.lastSweep).toMatchObject({ instance: 'system-test', error: null });
    expect(status.scheduler.lastSweep!.finishedAt).not.toBeNull();
    expect(status.scheduler.sweepsLastHour).toBeGreaterThanOrEqual(1);
  });

  it('is refused to a NIMIC and to an administrator without the second factor', async () => {
    const nimic = await app.login('nimic.fr@imi.test');
    expect((await app.request('/api/v1/admin/system', { token: nimic })).status).toBe(403);
    const unconfirmed = await app.session('admin@imi.test', { mfa: false });
    expect((await app.request('/api/v1/admin/system', { token: unconfirmed })).status).toBe(403);
  });
});
