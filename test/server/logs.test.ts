import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { createLogger } from '../../server/logger.js';
import { requestClient, validAnswers } from './request-client.js';
import { startTestSmtp } from './smtp.js';
import { startTestApp, type TestApp } from './support.js';

/**
 * The logs carry no personal data and no secret: a whole exchange about a data subject with a unique name, free texts,
 * a message, failed sign-ins, searches by name, a database error quoting a name — and not one of those values, nor a
 * password or token, appears in any log line. E-mail goes to a relay, as in production; without one (a demo), e-mails
 * are written to the log by design.
 */
const lines: string[] = [];
const logger = createLogger('debug', { write: (line: string) => void lines.push(line) });
const tag = randomBytes(4).toString('hex');
const personal = {
  firstName: `Ottilie${tag}`,
  lastName: `Brennwald${tag}`,
  freeText: `Frau Brennwald${tag} arbeitete zuletzt in Linz ${tag}-requester-text`,
  replyText: `Keine Sanktionen gegen ${tag}-reply-text`,
  message: `Rufen Sie bitte ${tag}-message-text an`,
  unknownEmail: `nobody.${tag}@example.org`,
  wrongPassword: `wrong-password-${tag}`,
  searchTerm: `Brennwald${tag}`,
  directoryTerm: `Krankenpfleger${tag}`,
};
let app: TestApp;
let smtp: Awaited<ReturnType<typeof startTestSmtp>>;

beforeAll(async () => {
  smtp = await startTestSmtp();
  app = await startTestApp({ logger, smtpUrl: smtp.url });
});
afterAll(async () => {
  if (app) await app.close();
  if (smtp) await smtp.close();
});

describe('logs', () => {
  it('hold no personal data and no secret after a whole exchange, failed sign-ins and searches', async () => {
    const c = await requestClient(app);
    const requester = 'handler.sk@imi.test';
    const responder = 'handler.bg@imi.test';
    const secrets: string[] = [await c.token(requester), await c.token(responder)];

    let r = await c.draft(requester, responder, { subject: { firstName: personal.firstName, lastName: personal.lastName, dateOfBirth: '1987-03-14' }, freeText: personal.freeText });
    r = await c.step(requester, r, 'send');
    r = await c.step(responder, (await c.view(responder, r.id)).body, 'accept', {});
    r = await c.step(responder, r, 'message', { text: personal.message });
    r = await c.step(responder, r, 'reply', { answers: validAnswers, freeText: personal.replyText });
    r = await c.step(requester, (await c.view(requester, r.id)).body, 'close', {});
    expect(r.status).toBe('CLOSED');

    for (let i = 0; i < 3; i++) {
      const failed = await app.request('/api/v1/auth/login', { method: 'POST', body: { email: personal.unknownEmail, password: personal.wrongPassword } });
      expect(failed.status).toBe(401);
      const wrong = await app.request('/api/v1/auth/login', { method: 'POST', body: { email: requester, password: personal.wrongPassword } });
      expect(wrong.status).toBe(401);
    }
    // Invalid input that quotes personal data is refused without logging it.
    const invalid = await app.request('/api/v1/auth/login', { method: 'POST', body: `{"email": "${personal.unknownEmail}", "password": ` });
    expect(invalid.status).toBe(400);

    const found = await c.call<{ items: { id: string }[] }>(requester, 'GET', `/requests?box=outgoing&q=${encodeURIComponent(personal.searchTerm)}`);
    expect(found.body.items.map((item) => item.id)).toContain(r.id);
    const directory = await c.call(requester, 'GET', `/authorities?q=${encodeURIComponent(personal.directoryTerm)}`);
    expect(directory.status).toBe(200);
    const bySubject = await c.call(requester, 'GET', `/requests?q=${encodeURIComponent(`${personal.firstName} ${personal.lastName}`)}`);
    expect(bySubject.status).toBeLessThan(500);

    // An unexpected database error, logged as the error handler logs it: PostgreSQL quotes the value it refused.
    const error = await app.orm.em.fork().execute('select ?::uuid', [`${personal.firstName} ${personal.lastName}`]).catch((e: unknown) => e);
    expect(String((error as Error).message)).toContain(personal.firstName);
    logger.error({ err: new Error('the request failed', { cause: error }), method: 'GET', path: '/api/v1/requests' }, 'request failed');
    logger.error({ err: error }, 'request failed');

    // The log was written: one line per request, the error lines, and nothing of the above in any of them.
    const requestLines = lines.filter((line) => JSON.parse(line).msg === 'request');
    expect(requestLines.length).toBeGreaterThanOrEqual(20);
    expect(requestLines.filter((line) => JSON.parse(line).status === 401)).toHaveLength(6);
    const errorLines = lines.filter((line) => JSON.parse(line).msg === 'request failed');
    expect(errorLines).toHaveLength(2);
    expect(JSON.parse(errorLines[1]).err).toMatchObject({ code: '22P02', message: expect.stringContaining('invalid input syntax for type uuid') });
    expect(lines.some((line) => line.includes('/api/v1/auth/login'))).toBe(true);

    const forbidden = [...Object.values(personal), ...secrets, 'demo-password', tag];
    const leaks = lines.flatMap((line) => forbidden
      .flatMap((value) => [value, value.toLowerCase(), encodeURIComponent(value)])
      .filter((value) => line.includes(value))
      .map((value) => `${value} in ${line}`));
    expect(leaks).toEqual([]);
  }, 60_000);
});

describe('production configuration', () => {
  const production = { NODE_ENV: 'production', SMTP_URL: 'smtp://mail.example.eu' };

  it('refuses to run without an SMTP server, where e-mails and their sign-in links would go to the log', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SMTP_URL: Required when NODE_ENV=production/);
  });

  it('refuses the demo accounts, whose password and second-factor secret are published', () => {
    expect(() => loadConfig({ ...production, IMI_DEMO: 'true' })).toThrow(/IMI_DEMO: .*refused when NODE_ENV=production/);
    expect(() => loadConfig({ ...production, IMI_DEMO: 'true', IMI_DEMO_PASSWORD: 'a-long-secret-password' })).toThrow(/IMI_DEMO/);
    expect(loadConfig(production).demo).toBe(false);
    expect(loadConfig({ IMI_DEMO: 'true' }).demo).toBe(true);
  });
});
