// PostgreSQL stopped under load and started again: the whole server runs as a process of its own (as in production,
// `node --import tsx server/main.ts`) on a PostgreSQL of this test's own, which the test stops and starts with
// scripts/pg.sh. Handlers keep creating drafts and reading their boxes throughout; one holds the live-event stream.
// scripts/pg.sh runs PostgreSQL with fsync=off and synchronous_commit=off: a fast shutdown (pg_ctl stop -m fast) still
// writes every committed transaction out before it stops, so what is committed survives the restart, as it would on
// a durable server (a crash of the machine, which those settings would not survive, is not what this test plays).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { questions } from '../server/request-client.js';

const root = new URL('../../', import.meta.url).pathname;
const exec = promisify(execFile);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The handlers who keep working through the outage, one concurrent client each, and whom they write to. */
const loadUsers = ['at', 'be', 'de', 'dk', 'es', 'fi', 'fr', 'nl'].map((cc) => `handler.${cc}@imi.test`);
const responder = 'handler.it@imi.test';
/** Holds the live-event stream; `sender` makes the changes it must hear of. */
const watcher = 'handler.is@imi.test';
const sender = 'handler.cy@imi.test';
const listenQuery = 'listen imi_request_change';

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

interface Answer { status: number; ms: number; type: string; retryAfter: string | null; body: Record<string, unknown> | null; startedAt: number }
type Phase = 'before' | 'outage' | 'after';
interface Creation extends Answer { key: string; client: number; phase: Phase }

describe.skipIf(inject('embedded'))('PostgreSQL stopped under load', () => {
  let pgPort = 0;
  let pgBase = '';
  let databaseUrl = '';
  let base = '';
  let server: ChildProcess | undefined;
  let exited: { code: number | null; signal: string | null } | null = null;
  const stdout: string[] = [];
  let stderr = '';
  let questionSetId = 0;
  let responderAuthority = '';
  let watcherAuthority = '';
  const tokens = new Map<string, string>();
  let startupMs = 0;
  /** Ends the load loops, also when the test failed half-way. */
  let stopping = false;

  const pgScript = (command: 'start' | 'halt' | 'stop') =>
    exec('bash', [`${root}scripts/pg.sh`, command], { env: { ...process.env, PGPORT: String(pgPort), PGBASE: pgBase } });

  /** Reads the database directly, as an operator would, on a connection of its own for each question. */
  async function query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5_000 });
    client.on('error', () => undefined);
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  async function call(method: string, path: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer> {
    const startedAt = performance.now();
    try {
      const response = await fetch(base + path, {
        method,
        headers: {
          ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
          ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
          ...options.headers,
        },
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.timeout(15_000),
      });
      const text = await response.text();
      let body: Record<string, unknown> | null = null;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        body = { text };
      }
      return { status: response.status, ms: performance.now() - startedAt, type: response.headers.get('content-type') ?? '', retryAfter: response.headers.get('retry-after'), body, startedAt };
    } catch (error) {
      // No answer at all (a hang past the client's patience, or a refused connection): status 0.
      return { status: 0, ms: performance.now() - startedAt, type: '', retryAfter: null, body: { error: String(error) }, startedAt };
    }
  }

  async function login(email: string): Promise<string> {
    const answer = await call('POST', '/api/v1/auth/login', { body: { email, password: 'demo-password' } });
    if (answer.status !== 200) throw new Error(`login ${email}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body!.accessToken as string;
  }

  async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs: number, everyMs = 100): Promise<T> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      if (exited) throw new Error(`the server exited ${JSON.stringify(exited)} while waiting for ${what}: ${stderr.slice(-2000)}`);
      const found = await probe().catch(() => undefined);
      if (found) return found;
      if (performance.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
      await sleep(everyMs);
    }
  }

  const draftBody = (key: string, responderAuthorityId: string) => ({
    area: 'PQ', questionSetId, responderAuthorityId, questions,
    subject: { firstName: 'Ana', lastName: 'Ferreira', dateOfBirth: '1990-04-02', nationality: 'PT' },
    freeText: `Load ${key}`, freeTextLang: 'en',
  });

  /** Reads Server-Sent Events as a browser's EventSource would, keeping every `request` event. */
  async function listen(email: string) {
    const controller = new AbortController();
    const response = await fetch(`${base}/api/v1/events`, { headers: { Authorization: `Bearer ${tokens.get(email)}` }, signal: controller.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events: Record<string, unknown>[] = [];
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    let open = true;
    const pump = (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true as const }));
        if (done) return void (open = false);
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (event === 'request' && data) events.push(JSON.parse(data));
        }
      }
    })();
    return {
      get open() {
        return open;
      },
      until: (requestId: string, timeoutMs = 10_000) =>
        waitFor(`live event for ${requestId} to ${email}`, async () => events.find((e) => e.requestId === requestId), timeoutMs, 25),
      async close() {
        controller.abort();
        await pump;
      },
    };
  }

  /** A draft from `sender` to the watcher's authority, sent: a change the watcher hears of live. */
  async function sendToWatcher(label: string): Promise<string> {
    const token = tokens.get(sender)!;
    const draft = await call('POST', '/api/v1/requests', { token, body: draftBody(`live-${label}`, watcherAuthority) });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const sent = await call('POST', `/api/v1/requests/${draft.body!.id}/send`, { token, body: { version: draft.body!.version } });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    return draft.body!.id as string;
  }

  const listeners = async () => (await query<{ n: number }>('select count(*)::int as n from pg_stat_activity where query = $1', [listenQuery]))[0].n;
  const alive = () => exited === null && server?.exitCode === null;

  beforeAll(async () => {
    for (let port = 54360; port <= 54369 && !pgPort; port++) if (await portFree(port)) pgPort = port;
    if (!pgPort) throw new Error('no free port for the test PostgreSQL in 54360-54369');
    pgBase = `/tmp/imi-fault-pg-${pgPort}`;
    await exec('rm', ['-rf', pgBase]);
    databaseUrl = (await pgScript('start')).stdout.trim();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', IMI_DEMO: 'true', LOG_LEVEL: 'warn',
      NODE_ENV: 'test', IMI_SCHEDULER: 'true', IMI_DATA_DIR: `${pgBase}/imi-data`,
      // The load is a busy office's worth of creations and retries from one address: rate limits are not under test.
      IMI_RATE_CREATE_PER_MIN: '0', IMI_RATE_SIGNIN_PER_MIN: '0', IMI_RATE_SEARCH_PER_MIN: '0' };
    delete env.SMTP_URL;
    server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let partial = '';
    server.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop()!;
      stdout.push(...lines.filter(Boolean));
    });
    server.stderr!.setEncoding('utf8').on('data', (chunk: string) => void (stderr += chunk));
    server.once('exit', (code, signal) => void (exited = { code, signal }));
    const spawnedAt = performance.now();
    await waitFor('server ready', async () => (await call('GET', '/ready')).status === 200, 90_000, 200);
    startupMs = performance.now() - spawnedAt;
    [{ id: questionSetId }] = await query<{ id: number }>(`select id from question_set where area_code = 'PQ' order by version desc limit 1`);
    const authority = async (email: string) => (await query<{ authority_id: string }>('select authority_id from app_user where email = $1', [email]))[0].authority_id;
    responderAuthority = await authority(responder);
    watcherAuthority = await authority(watcher);
    for (const email of [...loadUsers, watcher, sender]) tokens.set(email, await login(email));
  }, 120_000);

  afterAll(async () => {
    stopping = true;
    if (server && exited === null) {
      const gone = new Promise((resolve) => server!.once('exit', resolve));
      server.kill('SIGTERM');
      await Promise.race([gone, sleep(5_000)]);
      if (exited === null) server.kill('SIGKILL');
    }
    if (pgPort) await pgScript('stop').catch(() => undefined);
  }, 30_000);

  it('answers 503 while the database is away, heals by itself when it returns, and loses no acknowledged write', async () => {
    const testStarted = performance.now();
    let phase: Phase = 'before';
    const creations: Creation[] = [];
    const reads: (Answer & { phase: Phase })[] = [];

    const held = await listen(watcher);

    // Load: each handler creates a draft (a retry-safe write with its own Idempotency-Key) and reads its outgoing box,
    // again and again, backing off a little after a failure as a client that honours Retry-After would.
    const clients = loadUsers.map(async (email, client) => {
      const token = tokens.get(email)!;
      for (let n = 0; !stopping; n++) {
        const key = `fault-${client}-${n}`;
        const at = phase;
        const created = await call('POST', '/api/v1/requests', { token, body: draftBody(key, responderAuthority), headers: { 'Idempotency-Key': key } });
        creations.push({ ...created, key, client, phase: at });
        const read = await call('GET', '/api/v1/requests?box=outgoing&limit=10', { token });
        reads.push({ ...read, phase: at });
        await sleep(created.status >= 500 || created.status === 0 ? 500 : 20);
      }
    });
    const everyClientWrote = (p: Phase) => loadUsers.every((_, client) => creations.some((c) => c.client === client && c.phase === p && c.status === 201));
    await waitFor('every client writes', async () => everyClientWrote('before'), 30_000);

    // The live-event stream works, and the server listens on one PostgreSQL connection. Publishing the event leaves an
    // idle connection in the server's publishing pool, which PostgreSQL's stop then closes under it.
    await held.until(await sendToWatcher('before'));
    expect(await listeners()).toBe(1);

    // PostgreSQL stops under load.
    const stoppedAt = performance.now();
    phase = 'outage';
    const halting = pgScript('halt');
    const firstNotReady = await waitFor('/ready answers 503', async () => {
      const ready = await call('GET', '/ready');
      return ready.status === 503 ? ready : undefined;
    }, 10_000, 50);
    const detectMs = firstNotReady.startedAt + firstNotReady.ms - stoppedAt;
    await halting;
    expect(detectMs).toBeLessThan(5_000);
    expect(firstNotReady.type).toMatch(/^application\/problem\+json/);
    expect(firstNotReady.ms).toBeLessThan(5_000);

    // While it is away: requests are answered quickly with 503 problem+json and Retry-After, and the server stays up.
    await sleep(3_000);
    const token = tokens.get(loadUsers[0])!;
    const duringOutage = [await call('GET', '/ready'), await call('GET', '/api/v1/requests?box=outgoing', { token }),
      await call('POST', '/api/v1/requests', { token, body: draftBody('fault-probe', responderAuthority), headers: { 'Idempotency-Key': 'fault-probe' } }),
      await call('GET', '/api/v1/events', { token: tokens.get(watcher) })];
    for (const answer of duringOutage) {
      expect(answer.status, JSON.stringify(answer.body)).toBe(503);
      expect(answer.type).toMatch(/^application\/problem\+json/);
      expect(answer.retryAfter).toMatch(/^\d+$/);
      expect(answer.ms).toBeLessThan(5_000);
    }
    expect(duringOutage[1].body).toMatchObject({ status: 503, title: 'Service unavailable' });
    expect(alive()).toBe(true);
    expect(held.open).toBe(true);

    // PostgreSQL returns on the same data directory; the server heals without a restart.
    const startedAt = performance.now();
    await pgScript('start');
    const backAt = performance.now();
    await waitFor('/ready answers 200 again', async () => (await call('GET', '/ready')).status === 200, 30_000, 50);
    const recoverMs = performance.now() - backAt;
    phase = 'after';
    const listening = await waitFor('the server listens again', async () => (await listeners()) === 1 && performance.now(), 15_000, 100);
    const relistenMs = listening - backAt;
    // After the return every handler writes again.
    await waitFor('every client writes again', async () => everyClientWrote('after'), 30_000);
    await sleep(1_000);
    stopping = true;
    await Promise.all(clients);
    expect(alive()).toBe(true);

    // Live events flow again: to the stream held open through the outage, and to a new one.
    await held.until(await sendToWatcher('after'));
    const fresh = await listen(watcher);
    await fresh.until(await sendToWatcher('fresh'));
    await held.close();
    await fresh.close();

    // Nothing was logged as an error (a 500 would be): the outage is not a fault of the server.
    const logged = stdout.map((line) => {
      try {
        return JSON.parse(line) as { level: number; msg: string };
      } catch {
        return { level: 0, msg: line };
      }
    });
    expect(logged.filter((l) => l.level >= 50).map((l) => JSON.stringify(l).slice(0, 1500))).toEqual([]);

    // Every answer was a success or a 503 problem with Retry-After, none took long, none was a 500.
    const answers = [...creations, ...reads];
    const failed = answers.filter((a) => a.status !== 200 && a.status !== 201);
    for (const a of failed) {
      expect(a.status, JSON.stringify(a.body)).toBe(503);
      expect(a.type).toMatch(/^application\/problem\+json/);
      expect(a.retryAfter).toMatch(/^\d+$/);
    }
    expect(failed.length).toBeGreaterThan(0);
    expect(Math.max(...failed.map((a) => a.ms))).toBeLessThan(5_000);

    // A failed creation retried with its Idempotency-Key yields the request made the first time, if the first time
    // did make it, or a new one; never a second.
    const retries = new Map<string, Answer>();
    await Promise.all(loadUsers.map(async (email, client) => {
      for (const c of creations.filter((c) => c.client === client && c.status !== 200 && c.status !== 201)) {
        retries.set(c.key, await call('POST', '/api/v1/requests', { token: tokens.get(email), body: draftBody(c.key, responderAuthority), headers: { 'Idempotency-Key': c.key } }));
      }
    }));
    for (const again of retries.values()) expect([200, 201], JSON.stringify(again.body)).toContain(again.status);
    const probeAgain = await call('POST', '/api/v1/requests', { token, body: draftBody('fault-probe', responderAuthority), headers: { 'Idempotency-Key': 'fault-probe' } });
    expect(probeAgain.status).toBe(201);

    // No acknowledged write is lost, and no key made two requests.
    const acknowledged = creations.filter((c) => c.status === 200 || c.status === 201);
    const rows = await query<{ id: string; free_text: string }>(`select id, free_text from request where free_text like 'Load fault-%'`);
    const keys = await query<{ key: string; request_id: string }>(`select key, request_id from idempotency_key where key like 'fault-%'`);
    const requestOf = new Map(keys.map((k) => [k.key, k.request_id]));
    const stored = new Set(rows.map((r) => r.id));
    for (const c of acknowledged) {
      expect(stored.has(c.body!.id as string), `acknowledged ${c.key} (${c.phase}) is stored`).toBe(true);
      expect(requestOf.get(c.key)).toBe(c.body!.id);
    }
    for (const [key, again] of retries) expect(requestOf.get(key)).toBe(again.body!.id);
    const perText = new Map<string, number>();
    for (const r of rows) perText.set(r.free_text, (perText.get(r.free_text) ?? 0) + 1);
    expect([...perText].filter(([, n]) => n > 1)).toEqual([]);
    expect(rows.length).toBe(keys.length);
    expect(new Set([...acknowledged.map((c) => c.key), ...retries.keys(), 'fault-probe'])).toEqual(new Set(keys.map((k) => k.key)));

    // The process is still the one started: neither the outage nor the scheduler's jobs failing in it crashed it. (Whether
    // a sweep ran depends on where its one-minute tick fell, so it is not asserted.)
    expect(alive()).toBe(true);

    // The outage is logged at warn level, a few lines rather than one per failed request, and without personal data.
    expect(logged.some((l) => l.level === 40 && l.msg === 'database unavailable: answered 503')).toBe(true);
    expect(logged.filter((l) => l.msg === 'database unavailable: answered 503').length).toBeLessThan(failed.length);
    expect(stdout.join('\n')).not.toMatch(/Ferreira|Load fault-|@imi\.test/);
    expect(stderr).not.toMatch(/unhandled|uncaught|Connection Error/i);

    const byPhase = (p: Phase) => `${creations.filter((c) => c.phase === p && c.status < 300 && c.status > 0).length}/${creations.filter((c) => c.phase === p).length}`;
    console.log(`database fault: first 503 on /ready ${Math.round(detectMs)} ms after the stop; /ready 200 ${Math.round(recoverMs)} ms after PostgreSQL was back `
      + `(listening again after ${Math.round(relistenMs)} ms); creations acknowledged before/outage/after ${byPhase('before')} ${byPhase('outage')} ${byPhase('after')}; `
      + `${failed.length} of ${answers.length} answers 503, the slowest in ${Math.round(Math.max(...failed.map((a) => a.ms)))} ms; ${retries.size} retried by key `
      + `(${[...retries.values()].filter((r) => r.status === 200).length} found done); outage ${Math.round(startedAt - stoppedAt)} ms; `
      + `test ${((performance.now() - testStarted) / 1000).toFixed(1)} s after a server start of ${(startupMs / 1000).toFixed(1)} s`);
  }, 90_000);

  it('answers 503 within seconds, not after a minute, when every database connection is stuck', async () => {
    expect(alive()).toBe(true);
    const token = tokens.get(loadUsers[0])!;
    const locker = new pg.Client({ connectionString: databaseUrl });
    locker.on('error', () => undefined);
    await locker.connect();
    // Every signed-in request reads the session table: while it is locked, each holds a pooled connection and waits,
    // as it would on a database that hangs. More requests than the pool has connections wait for one in vain.
    await locker.query('begin; lock table session in access exclusive mode');
    const settled: Answer[] = [];
    let waiting: Promise<Answer>[] = [];
    try {
      waiting = Array.from({ length: 28 }, () => call('GET', '/api/v1/requests?box=outgoing&limit=1', { token }).then((a) => (settled.push(a), a)));
      await sleep(300);
      const ready = await call('GET', '/ready');
      expect(ready.status).toBe(503);
      expect(ready.type).toMatch(/^application\/problem\+json/);
      expect(ready.ms).toBeLessThan(5_000);
      await waitFor('a request without a connection answers 503', async () => settled.some((a) => a.status === 503), 15_000);
    } finally {
      await locker.query('commit');
      await locker.end();
    }
    const answers = await Promise.all(waiting);
    const refused = answers.filter((a) => a.status === 503);
    expect(refused.length).toBeGreaterThan(0);
    for (const a of refused) {
      expect(a.type).toMatch(/^application\/problem\+json/);
      expect(a.retryAfter).toMatch(/^\d+$/);
      expect(a.ms).toBeLessThan(10_000);
    }
    // Those that had a connection carry on once the database moves again.
    expect(answers.filter((a) => a.status !== 503).map((a) => a.status)).toEqual(expect.arrayContaining([200]));
    expect(answers.every((a) => a.status === 200 || a.status === 503)).toBe(true);
    expect((await call('GET', '/ready')).status).toBe(200);
    expect(alive()).toBe(true);
    console.log(`stuck database: ${refused.length} of ${answers.length} requests answered 503 after ${Math.round(Math.min(...refused.map((a) => a.ms)))}-${Math.round(Math.max(...refused.map((a) => a.ms)))} ms`);
  }, 60_000);
});
