// One deadline sweep in a process of its own, as a second server instance would run it: the exactly-once test starts
// two of these against the same database at the same moment.
//   DATABASE_URL=… SMTP_URL=… CLOCK=2027-01-01T08:00:00Z node --import tsx test/server/sweep-process.ts
import { MikroORM } from '@mikro-orm/postgresql';
import { ormConfig } from '../../server/db/mikro-orm.config.js';
import { createLogger } from '../../server/logger.js';
import { sweep } from '../../server/modules/deadlines/sweep.js';
import { createMailer } from '../../server/modules/notifications/mailer.js';
import { testDeadlines } from './support.js';

const orm = await MikroORM.init(ormConfig(process.env.DATABASE_URL!, { poolMax: 4 }));
const logger = createLogger('silent');
const mailer = createMailer({ smtpUrl: process.env.SMTP_URL, from: 'IMI Network <no-reply@imi.test>', logger });
const clock = { now: () => new Date(process.env.CLOCK!) };
try {
  const result = await sweep(orm.em, clock, testDeadlines, { mailer, publicUrl: 'http://imi.test', logger }, `sweep-process-${process.pid}`);
  process.stdout.write(JSON.stringify(result));
} finally {
  await mailer.close();
  await orm.close(true);
}
