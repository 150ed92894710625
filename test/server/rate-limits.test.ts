import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { requestClient } from './request-client.js';
import { problem, startTestApp, type TestApp } from './support.js';

/**
 * Rate limits on sign-in, directory search and request creation, counted in the shared database: two instances of the
 * server on the same database, taking turns, together let through no more than one instance would.
 */
let first: TestApp;
let second: TestApp;
const limits = { signInPerAddress: 4, signInPerAccount: 3, search: 5, create: 2 };

beforeAll(async () => {
  [first, second] = await Promise.all([startTestApp({ rateLimits: limits }), startTestApp({ rateLimits: limits })]);
});
afterAll(async () => {
  await first?.close();
  await second?.close();
});

/** Seconds into the database's current one-minute window. */
async function secondsIntoWindow(): Promise<number> {
  const [row] = await first.orm.em.fork().execute<{ s: number }[]>('select (extract(epoch from statement_timestamp()) % 60)::float8 as s');
  return Number(row.s);
}

/**
 * Each test starts with no counts and well inside a window, so that no window ends halfway through it (other test
 * files count too, under generous limits, and their counts would eat into these low ones).
 */
beforeEach(async () => {
  const into = await secondsIntoWindow();
  if (into > 45) await new Promise((resolve) => setTimeout(resolve, (60.5 - into) * 1000));
  await first.orm.em.fork().execute('delete from rate_counter');
});

const instances = () => [first, second];
/** The instance that answers the n-th call: they take turns. */
const turn = (n: number) => instances()[n % 2];

async function expectLimited(response: Response) {
  expect(response.status).toBe(429);
  const body = await problem(response);
  expect(body.title).toBe('Too many requests');
  const retryAfter = Number(response.headers.get('Retry-After'));
  // Until the window ends: the seconds left in the current minute.
  const left = 60 - (await secondsIntoWindow());
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(Math.abs(retryAfter - left)).toBeLessThanOrEqual(2);
  return body;
}

describe('rate limits across instances', () => {
  it('limit sign-in attempts per client address, whichever instance answers, and not other addresses', async () => {
    const address = '203.0.113.7';
    const attempt = (n: number, from = address) =>
      turn(n).request('/api/v1/auth/login', {
        method: 'POST', headers: { 'X-Forwarded-For': from }, body: { email: `someone-${n}-${Date.now()}@example.org`, password: 'not the password' },
      });
    for (let n = 0; n < limits.signInPerAddress; n++) expect((await attempt(n)).status).toBe(401);
    const body = await expectLimited(await attempt(limits.signInPerAddress));
    expect(body.detail).toMatch(/sign-in attempts/);
    // Even the right password does not get through from that address now.
    const right = await turn(1).request('/api/v1/auth/login', {
      method: 'POST', headers: { 'X-Forwarded-For': address }, body: { email: 'handler2.mt@imi.test', password: 'demo-password' },
    });
    await expectLimited(right);
    // Addresses the client itself puts before the one the load balancer appended do not make it someone else.
    await expectLimited(await attempt(98, `198.51.100.77, ${address}`));
    expect((await attempt(99, '203.0.113.8')).status).toBe(401);
  });

  it('limit sign-in attempts per account, from any address, successful ones included', async () => {
    const account = 'handler2.mt@imi.test';
    const signIn = (n: number, password = 'demo-password') =>
      turn(n).request('/api/v1/auth/login', { method: 'POST', headers: { 'X-Forwarded-For': `198.51.100.${n + 1}` }, body: { email: account.toUpperCase(), password } });
    for (let n = 0; n < limits.signInPerAccount; n++) expect((await signIn(n)).status).toBe(200);
    await expectLimited(await signIn(limits.signInPerAccount));
    expect((await signIn(10, 'wrong password')).status).toBe(429);
    // Another account from the same addresses is not affected.
    const other = await first.request('/api/v1/auth/login', { method: 'POST', headers: { 'X-Forwarded-For': '198.51.100.1' }, body: { email: 'handler2.lu@imi.test', password: 'demo-password' } });
    expect(other.status).toBe(200);
  });

  it('limit directory searches per user, and not another user\'s', async () => {
    const [mine, theirs] = await Promise.all([first.session('handler.mt@imi.test', { mfa: false }), first.session('handler.lu@imi.test', { mfa: false })]);
    const search = (n: number, token = mine) => turn(n).request('/api/v1/authorities?q=nurse&limit=1', { token });
    for (let n = 0; n < limits.search; n++) expect((await search(n)).status).toBe(200);
    const body = await expectLimited(await search(limits.search));
    expect(body.detail).toMatch(/searches/);
    await expectLimited(await search(limits.search + 1));
    expect((await search(0, theirs)).status).toBe(200);
    // Invalid searches are refused before they count; other reads are not limited.
    expect((await turn(1).request('/api/v1/authorities/not-an-id', { token: mine })).status).toBe(400);
    expect((await turn(1).request('/api/v1/me', { token: mine })).status).toBe(200);
  });

  it('limit request creation per user: the refused one creates nothing', async () => {
    const c = await requestClient(first);
    const author = 'handler.mt@imi.test';
    const token = await first.session(author, { mfa: false });
    const body = await c.draftBody('handler.lu@imi.test');
    const authority = await c.authorityOf(author);
    const count = async () => Number((await first.orm.em.fork().execute<{ n: string }[]>('select count(*) as n from request where requester_id = ?', [authority]))[0].n);
    const before = await count();
    for (let n = 0; n < limits.create; n++) {
      expect((await turn(n).request('/api/v1/requests', { method: 'POST', token, body })).status).toBe(201);
    }
    const refused = await turn(limits.create).request('/api/v1/requests', { method: 'POST', token, body });
    expect((await expectLimited(refused)).detail).toMatch(/created/);
    expect(await count()).toBe(before + limits.create);
  });

  it('store neither e-mail addresses nor client addresses, only hashes, and only for the current windows', async () => {
    const em = first.orm.em.fork();
    await em.execute(`insert into rate_counter (bucket, key, window_start, count) values ('search', 'ended', now() - interval '5 minutes', 7)`);
    // A newly started instance deletes the ended windows with its first counted request.
    const third = await startTestApp({ rateLimits: limits });
    try {
      await third.request('/api/v1/auth/login', { method: 'POST', headers: { 'X-Forwarded-For': '192.0.2.55' }, body: { email: 'kept.out@example.org', password: 'x' } });
    } finally {
      await third.close();
    }
    const rows = await em.execute<{ bucket: string; key: string }[]>('select bucket, key from rate_counter');
    expect(rows.map((r) => r.bucket).sort()).toEqual(['sign-in:account', 'sign-in:address']);
    for (const row of rows) {
      expect(row.key).not.toContain('kept.out');
      expect(row.key).not.toContain('192.0.2');
    }
  });
});

describe('rate-limit settings', () => {
  it('default to limits a person never reaches, and take 0 for no limit', () => {
    expect(loadConfig({}).rateLimits).toEqual({ signInPerAddress: 60, signInPerAccount: 10, search: 180, create: 30 });
    expect(loadConfig({ IMI_RATE_SEARCH_PER_MIN: '0', IMI_RATE_CREATE_PER_MIN: '5' }).rateLimits).toMatchObject({ search: 0, create: 5 });
    expect(() => loadConfig({ IMI_RATE_SIGNIN_PER_MIN: 'lots' })).toThrow(/IMI_RATE_SIGNIN_PER_MIN/);
    expect(() => loadConfig({ IMI_RATE_CREATE_PER_MIN: '-1' })).toThrow(/IMI_RATE_CREATE_PER_MIN/);
  });
});
