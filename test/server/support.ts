import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { MikroORM } from '@mikro-orm/postgresql';
import { inject } from 'vitest';
import { createApp } from '../../server/app.js';
import type { Clock } from '../../server/clock.js';
import { ormConfig } from '../../server/db/mikro-orm.config.js';
import type { MachineTranslationConfig, RateLimits } from '../../server/config.js';
import { createLogger, type Logger } from '../../server/logger.js';
import { newToken } from '../../server/modules/identity/service.js';
import { createMailer } from '../../server/modules/notifications/mailer.js';
import { localEventBus, postgresEventBus } from '../../server/modules/requests/events.js';

/**
 * Rate limits no test reaches by accident (tests sign in and search far faster than people): a test of the limits
 * asks for low ones. The limiter still counts every limited request.
 */
const generousRateLimits: RateLimits = { signInPerAddress: 100_000, signInPerAccount: 100_000, search: 100_000, create: 100_000 };

/** The deadline settings of the tests: the defaults of the configuration. */
export const testDeadlines = { dueSoonDays: 3, escalateAfterDays: 7, digestHour: 7 };

export interface TestApp {
  base: string;
  orm: MikroORM;
  /** Fetches a path of the app; a JSON `body` object is sent as JSON, a string or bytes as they are. */
  request(path: string, init?: Omit<RequestInit, 'body'> & { body?: unknown; token?: string }): Promise<Response>;
  /** Signs in a demo account and returns its bearer token. */
  login(email: string): Promise<string>;
  /**
   * A session opened directly in the database, confirmed by the second factor or not: TOTP codes are single-use per
   * 30 s, so test files cannot each sign the administrator in through the API (second-factor.test.ts does that).
   */
  session(email: string, options: { mfa: boolean }): Promise<string>;
  close(): Promise<void>;
}

/**
 * The real app on the run's database, listening on a free loopback port. E-mail goes to `smtpUrl` (a test SMTP server)
 * or, without it, to a silent log.
 */
export async function startTestApp(options: {
  smtpUrl?: string;
  attachmentLimit?: number;
  clock?: Clock;
  /** Origins allowed to call the API cross-origin (none by default). */
  corsOrigins?: string[];
  rateLimits?: Partial<RateLimits>;
  /** Where the app logs (a silent logger by default). */
  logger?: Logger;
  /** A machine-translation provider (none by default). */
  machineTranslation?: MachineTranslationConfig;
} = {}): Promise<TestApp> {
  const orm = await MikroORM.init(ormConfig(inject('databaseUrl'), { poolMax: inject('embedded') ? 5 : 10 }));
  const logger = options.logger ?? createLogger('silent');
  const mailer = createMailer({ smtpUrl: options.smtpUrl, from: 'IMI Network <no-reply@imi.test>', logger });
  const bus = inject('embedded') ? localEventBus() : postgresEventBus(inject('databaseUrl'), logger);
  const app = createApp({
    orm, logger, mailer, bus, clock: options.clock,
    config: {
      env: 'test', tokenTtlSeconds: 3600, bodyLimit: '64kb', trustProxy: true, publicUrl: 'http://imi.test',
      attachmentLimit: options.attachmentLimit ?? 20 * 1_048_576, deadlines: testDeadlines, scheduler: false,
      corsOrigins: options.corsOrigins ?? [], rateLimits: { ...generousRateLimits, ...options.rateLimits },
      machineTranslation: options.machineTranslation,
    },
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const request: TestApp['request'] = (path, init = {}) => {
    const { body, token, headers, ...rest } = init;
    return fetch(base + path, {
      ...rest,
      headers: {
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(headers as Record<string, string> | undefined),
      },
      body: body === undefined ? undefined : typeof body === 'string' || body instanceof Uint8Array ? (body as BodyInit) : JSON.stringify(body),
    });
  };
  return {
    base,
    orm,
    request,
    async login(email) {
      const response = await request('/api/v1/auth/login', { method: 'POST', body: { email, password: 'demo-password' } });
      if (response.status !== 200) throw new Error(`login ${email}: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { accessToken: string }).accessToken;
    },
    async session(email, options) {
      const { token, hash } = newToken();
      await orm.em.fork().execute(
        `insert into session (token_hash, user_id, created_at, expires_at, mfa) select ?, id, now(), now() + interval '1 hour', ? from app_user where email = ?`,
        [hash, options.mfa, email],
      );
      return token;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await mailer.close();
      await bus.close();
      await orm.close(true);
    },
  };
}

/** Reads a problem+json answer and checks its media type. */
export async function problem(response: Response) {
  const type = response.headers.get('content-type') ?? '';
  if (!type.startsWith('application/problem+json')) throw new Error(`expected problem+json, got ${type}: ${await response.text()}`);
  return (await response.json()) as { type: string; title: string; status: number; detail?: string; errors?: { path: string; in: string; message: string }[] };
}
