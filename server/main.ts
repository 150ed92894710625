import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { createApp } from './app.js';
import { systemClock } from './clock.js';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { databaseUnavailable } from './http/problem.js';
import { DEMO_ADMIN_TOTP_SECRET, DEMO_DPO_TOTP_SECRET } from './db/seeders/demo.js';
import { seed } from './db/seeders/index.js';
import { createLogger } from './logger.js';
import { runRetention } from './modules/data-protection/retention.js';
import { startScheduler, sweep } from './modules/deadlines/sweep.js';
import { createMailer } from './modules/notifications/mailer.js';
import { localEventBus, postgresEventBus } from './modules/requests/events.js';

const started = performance.now();
let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}
const logger = createLogger(config.logLevel);
const dataDir = resolve(config.dataDir);
const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir });
const seeded = await seed(db.orm.em, { demoPassword: config.demo ? config.demoPassword : null });
const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, logger });
const bus = db.embedded ? localEventBus() : postgresEventBus(db.url, logger);
const app = createApp({ orm: db.orm, config, logger, mailer, bus });
const instance = `${hostname()}:${process.pid}`;
/**
 * How a scheduled job's failure is logged. While the database is away a job fails and is tried again at its next tick
 * (its claims make that safe): a warning, not an error.
 */
const jobFailed = (job: string) => (error: unknown) => {
  const unavailable = databaseUnavailable(error);
  if (unavailable) logger.warn({ reason: unavailable }, `${job} skipped: database unavailable`);
  else logger.error({ err: error }, `${job} failed`);
};
const scheduler = config.scheduler
  ? startScheduler(
    () => sweep(db.orm.em, systemClock, config.deadlines, { mailer, publicUrl: config.publicUrl, logger }, instance),
    jobFailed('deadline sweep'),
  )
  : null;
// The retention job (SPEC §5.4) once an hour: several instances share its work through row claims, and a run that
// fails is continued by the next.
const retention = config.scheduler
  ? startScheduler(
    async () => {
      const run = await runRetention(db.orm.em, systemClock, { batchSize: config.dataProtection.retentionBatch, instance, trigger: 'schedule' });
      if (run.status === 'failed') logger.error({ run: run.id, error: run.error }, 'retention run failed');
      else if (run.requestsDeleted) logger.info({ run: run.id, requests: run.requestsDeleted, attachments: run.attachmentsDeleted }, 'retention run deleted personal data');
    },
    jobFailed('retention run'),
    3_600_000,
  )
  : null;
const server = app.listen(config.port, config.host);
await new Promise<void>((resolveListen, reject) => server.once('listening', resolveListen).once('error', reject));
const address = server.address();
const port = typeof address === 'object' && address ? address.port : config.port;
const base = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;

logger.info({ port, database: db.embedded ? `embedded (${dataDir})` : 'DATABASE_URL', seeded, startupMs: Math.round(performance.now() - started) }, 'IMI Network started');
if (config.env !== 'test') {
  console.log(`
IMI Network is running (${db.embedded ? `embedded database in ${dataDir}` : 'PostgreSQL from DATABASE_URL'}, ready in ${((performance.now() - started) / 1000).toFixed(1)} s)

  Demo national portal   ${base}/
  API documentation      ${base}/api/docs
  OpenAPI document       ${base}/api/openapi.json
  Health / metrics       ${base}/health  ${base}/ready  ${base}/metrics
${config.demo ? `
  Demo accounts (password "${config.demoPassword === 'demo-password' ? 'demo-password' : 'IMI_DEMO_PASSWORD'}"):
    admin@imi.test             Commission administrator; second factor: TOTP secret ${DEMO_ADMIN_TOTP_SECRET}
    dpo@imi.test               data-protection administrator; second factor: TOTP secret ${DEMO_DPO_TOTP_SECRET}
    nimic.<cc>@imi.test        national IMI coordinator of state <cc> (at, be, … no)
    handler.<cc>@imi.test      request handler at the first authority of <cc> (nurses, doctors)
    handler2.<cc>@imi.test     request handler at a second authority of <cc>
    lda.<cc>@imi.test          local data administrator of the first authority of <cc>
` : ''}`);
}

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'stopping');
  server.close();
  server.closeAllConnections();
  await scheduler?.stop();
  await retention?.stop();
  await mailer.close();
  await bus.close();
  await db.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
