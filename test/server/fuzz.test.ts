import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { tokenHash } from '../../server/modules/identity/service.js';
import { installChangeLog, type Change, type ChangeLog } from './fuzz/changes.js';
import { operationsOf, requestsOf, safetyOf, type FuzzRequest, type Operation, type RealIds, type Role } from './fuzz/requests.js';
import { startTestApp, type TestApp } from './support.js';

/**
 * Bad input, property-based: requests generated from the OpenAPI document — malformed and boundary values in every
 * path, query and body parameter, broken and oversized bodies, wrong media types, odd headers — sent by every kind of
 * caller to every operation. Whatever arrives, the API never fails (no 5xx), every refusal is application/problem+json
 * (with `errors` naming the fields when it is a 400), a request that breaks its schema is refused, and a refused
 * request leaves the database as it was.
 *
 * FUZZ_SEED picks another seed (the default is fixed, so a run is repeatable); FUZZ_REQUESTS another number of requests.
 */

const seed = Number(process.env.FUZZ_SEED ?? 20_261_129);
if (!Number.isSafeInteger(seed)) throw new Error(`FUZZ_SEED must be an integer, not ${process.env.FUZZ_SEED}`);
const embedded = inject('embedded');
/** The embedded database is slower: fewer requests there, every operation and role still covered. */
const wanted = Number(process.env.FUZZ_REQUESTS ?? (embedded ? 1_500 : 10_000));

let app: TestApp;
let operations: Operation[];
let changes: ChangeLog;
const ids: RealIds = {};
const roles: Role[] = [];
/** Who each signed-in role is, and whether its session has the second factor: to replace a session the fuzz ended. */
const accounts = new Map<string, { email: string; mfa: boolean }>();
/** The accounts' sign-in secrets before the run: a second factor the fuzz started (or, by chance, confirmed) is undone. */
let accountsBefore: Record<string, unknown>[] = [];

const one = async <T>(sql: string, params: unknown[] = []) => (await app.orm.em.fork().execute<T[]>(sql, params))[0];
const column = async (sql: string, params: unknown[] = []) =>
  (await app.orm.em.fork().execute<Record<string, unknown>[]>(sql, params)).map((row) => String(Object.values(row)[0]));
/** Ids from a table of a feature whose migration may not be there yet: none then. */
const maybe = (sql: string) => column(sql).catch(() => [] as string[]);

beforeAll(async () => {
  app = await startTestApp();
  operations = operationsOf((await (await app.request('/api/openapi.json')).json()) as Parameters<typeof operationsOf>[0]);

  // Records of the fuzz's own, the only real ids an operation that may succeed and change something gets: a CZ
  // authority created by the NIMIC (with its LDA, the user to be edited, reset and promoted), and two drafts of the
  // demo handler, one with an attachment.
  const nimic = await app.session('nimic.cz@imi.test', { mfa: false });
  const handler = await app.session('handler.cz@imi.test', { mfa: false });
  const created = await app.request('/api/v1/authorities', {
    method: 'POST', token: nimic,
    body: { country: 'CZ', areas: ['PQ'], officialName: 'Fuzz Target Chamber', officialNameLang: 'cs', languages: ['cs'], lda: { email: 'fuzz.target@cz.imi.test', name: 'Fuzz Target' } },
  });
  expect(created.status, await created.clone().text()).toBe(201);
  const target = ((await created.json()) as { id: string }).id;
  const victim = (await one<{ id: string }>(`select id from app_user where email = 'fuzz.target@cz.imi.test'`)).id;
  const set = await one<{ id: number }>(`select id from question_set where area_code = 'PQ' order by version desc limit 1`);
  const drafts: string[] = [];
  for (const lastName of ['Fuzz', 'Boundary']) {
    const draft = await app.request('/api/v1/requests', {
      method: 'POST', token: handler,
      body: { area: 'PQ', questionSetId: set.id, questions: ['PQ-001-profession-title'], subject: { firstName: 'Property', lastName } },
    });
    expect(draft.status, await draft.clone().text()).toBe(201);
    drafts.push(((await draft.json()) as { id: string }).id);
  }
  const upload = await app.request(`/api/v1/requests/${drafts[0]}/attachments?name=fuzz.pdf`, {
    method: 'POST', token: handler, body: '%PDF-1.4 fuzz', headers: { 'Content-Type': 'application/pdf' },
  });
  expect(upload.status, await upload.clone().text()).toBe(201);
  const attachment = ((await upload.json()) as { id: string }).id;

  // Seeded records of the caller's own authority, of other authorities and of other states, for reads and for the
  // writes that are only ever sent broken.
  const owned = new Set([target, victim, ...drafts, attachment]);
  const shared = (list: string[]) => list.filter((id) => !owned.has(id));
  const authorities = shared(await column(`(select id from authority where country_code = 'CZ' order by created_at limit 3) union all (select id from authority where country_code = 'SK' limit 2)`));
  Object.assign(ids, {
    authorities: { owned: [target], shared: authorities },
    users: { owned: [victim], shared: shared(await column(`select id from app_user where email in ('handler2.cz@imi.test', 'lda.sk@imi.test', 'admin@imi.test', 'nimic.cz@imi.test')`)) },
    requests: { owned: drafts, shared: shared(await column(`(select id from request order by created_at limit 4) union all (select id from request order by created_at desc limit 4)`)) },
    attachments: { owned: [attachment], shared: shared(await column(`select id from attachment order by id limit 3`)) },
    'question-sets': { owned: [], shared: await column(`select id from question_set order by id limit 3`) },
    'legislative-areas': { owned: [], shared: await column(`select code from legislative_area order by code limit 3`) },
    professions: { owned: [], shared: await column(`select code from profession order by code limit 3`) },
    states: { owned: [], shared: ['CZ', 'SK', 'DE', 'IS'] },
    'data-subject-requests': { owned: [], shared: await maybe(`select id from data_subject_request limit 3`) },
    'access-grants': { owned: [], shared: await maybe(`select id from blocked_access_grant limit 3`) },
    'retention-runs': { owned: [], shared: await maybe(`select id from retention_run limit 3`) },
  } satisfies RealIds);

  // Sessions of the fuzz's own: the fuzz may sign them out without touching the sessions of other test files.
  const signedIn: [string, string, boolean][] = [
    ['handler', 'handler.cz@imi.test', false], ['lda', 'lda.cz@imi.test', false], ['nimic', 'nimic.cz@imi.test', false],
    ['admin', 'admin@imi.test', true], ['adminWithoutSecondFactor', 'admin@imi.test', false],
  ];
  if (await one(`select 1 from app_user where email = 'dpo@imi.test'`)) signedIn.push(['dataProtectionAdmin', 'dpo@imi.test', true]);
  roles.push({ name: 'anonymous' });
  for (const [name, email, mfa] of signedIn) {
    accounts.set(name, { email, mfa });
    roles.push({ name, token: await app.session(email, { mfa }) });
  }
  accountsBefore = await app.orm.em.fork().execute(
    `select id, password_hash, totp_secret, totp_enabled, totp_last_step from app_user where email in (${signedIn.map(() => '?').join(', ')})`,
    signedIn.map(([, email]) => email),
  );
  changes = await installChangeLog(inject('databaseUrl'));
  // The log sees a write made through the app's own connection (one that changes no value).
  const mark = await changes.last();
  await app.orm.em.fork().execute(`update country set code = code where code = 'CZ'`);
  expect((await changes.after(mark)).map((c) => `${c.operation} ${c.table} ${c.rows}`)).toEqual(['UPDATE country 1']);
});

afterAll(async () => {
  if (!app) return;
  await changes?.remove();
  for (const row of accountsBefore) {
    await app.orm.em.fork().execute(
      `update app_user set password_hash = ?, totp_secret = ?, totp_enabled = ?, totp_last_step = ? where id = ?
          and (password_hash is distinct from ? or totp_secret is distinct from ? or totp_enabled is distinct from ?)`,
      [row.password_hash, row.totp_secret, row.totp_enabled, row.totp_last_step, row.id, row.password_hash, row.totp_secret, row.totp_enabled],
    );
  }
  await app.close();
});

const preview = (text: string, max = 300) => (text.length > max ? `${text.slice(0, max)}…` : text);
const listed = (written: Change[]) => written.map((c) => `${c.operation} ${c.rows} row(s) of ${c.table}`).join(', ');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Replaces the sessions of the fuzz that a request it sent ended (signing out, or a change of password). */
async function renewSessions() {
  for (const role of roles) {
    if (!role.token) continue;
    const live = await one(`select 1 from session where token_hash = ? and revoked_at is null and expires_at > now()`, [tokenHash(role.token)]);
    if (!live) {
      const { email, mfa } = accounts.get(role.name)!;
      role.token = await app.session(email, { mfa });
    }
  }
}

/** When a request was sent and answered, and whether it was refused. */
interface Sent { request: FuzzRequest; start: number; end: number; refused: boolean }

let count = 0;
const covered = new Set<string>();
const statuses = new Map<number, number>();
let sent: Sent[] = [];
/** Read the change log around every request (slower), to pin down which request wrote. */
let strict = false;

/** Sends one request and checks the answer; throws what is wrong, for fast-check to report with the request. */
async function check(request: FuzzRequest) {
  count++;
  covered.add(request.operation);
  const token = roles.find((r) => r.name === request.role)!.token ?? '';
  const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, v.replace('<token>', token)]));
  const before = strict ? await changes.last() : 0;
  const start = Date.now();
  const response = await fetch(app.base + request.url, {
    method: request.method, headers, body: request.body as BodyInit | undefined, redirect: 'manual', signal: AbortSignal.timeout(20_000),
  });
  const type = response.headers.get('content-type') ?? '';
  // A live-event stream never ends: its first answer is all there is to check.
  const text = type.startsWith('text/event-stream') ? (await response.body?.cancel(), '') : await response.text();
  const status = response.status;
  sent.push({ request, start, end: Date.now(), refused: status >= 400 });
  statuses.set(status, (statuses.get(status) ?? 0) + 1);
  if (status >= 500) throw new Error(`answered ${status}: ${preview(text)}`);
  if (status >= 400) {
    if (!type.startsWith('application/problem+json')) throw new Error(`refused with ${status} as ${type || 'no media type'}, not application/problem+json: ${preview(text)}`);
    let problem: { type?: unknown; title?: unknown; status?: unknown; errors?: { path?: unknown; in?: unknown; message?: unknown }[] };
    try {
      problem = JSON.parse(text);
    } catch {
      throw new Error(`refused with ${status} and a problem that is not JSON: ${preview(text)}`);
    }
    if (typeof problem.type !== 'string' || typeof problem.title !== 'string' || problem.status !== status) {
      throw new Error(`refused with ${status} and a problem without type, title or the same status: ${preview(text)}`);
    }
    if (status === 400 && !(Array.isArray(problem.errors) && problem.errors.length && problem.errors.every((e) => typeof e.path === 'string' && typeof e.in === 'string' && typeof e.message === 'string'))) {
      throw new Error(`refused with 400 without errors naming the fields: ${preview(text)}`);
    }
    if (strict) {
      const written = await changes.after(before);
      if (written.length) throw new Error(`refused with ${status} (${preview(String(problem.title), 60)}), yet wrote to the database: ${listed(written)}`);
    }
    return;
  }
  if (request.broken) throw new Error(`accepted with ${status} although it breaks the schema (${request.broken}): ${preview(text)}`);
  if (request.method !== 'GET') {
    // A change that succeeded may go on writing after it answered (notifications, live events): let that settle
    // before the next request is sent, so that those writes fall to this request.
    let last = await changes.last();
    for (let quiet = 0; quiet < 2;) {
      await sleep(5);
      const now = await changes.last();
      quiet = now === last ? quiet + 1 : 0;
      last = now;
    }
    await renewSessions();
  }
}

/**
 * The writes that no successful request explains: a write belongs to the request being answered when it was made, or,
 * after a success, to that success until the next request was sent. (Date.now() counts whole milliseconds: a write is
 * given a millisecond of slack on either side, in favour of a success.)
 */
function unexplained(written: Change[], requests: Sent[]): { change: Change; by?: Sent }[] {
  return written.flatMap((change) => {
    const explained = requests.some((r, i) => !r.refused && r.start - 1 <= change.at && change.at <= (requests[i + 1]?.start ?? Infinity) + 1);
    if (explained) return [];
    return [{ change, by: [...requests].reverse().find((r) => r.start - 1 <= change.at) }];
  });
}

describe('property-based bad input from the OpenAPI document', () => {
  it('never fails, always refuses with a problem, and a refused request changes nothing', async () => {
    const combinations = operations.flatMap((operation) => roles.map((role) => ({ operation, role })));
    const runs = Math.max(1, Math.ceil(wanted / combinations.length));
    const failures: string[] = [];
    const started = performance.now();
    for (const [index, { operation, role }] of combinations.entries()) {
      const property = fc.asyncProperty(requestsOf(operation, role, ids), check);
      const parameters = { seed: seed + index, numRuns: runs };
      const report = (error: unknown) => {
        const cause = (error as Error).cause as Error | undefined;
        failures.push(`${operation.key} as ${role.name} (FUZZ_SEED=${seed}, seed of the run ${seed + index}):\n${(error as Error).message}${cause ? `\nGot error: ${cause.message}` : ''}`);
      };
      const mark = await changes.last();
      sent = [];
      try {
        await fc.assert(property, parameters);
      } catch (error) {
        report(error);
      }
      const wrong = unexplained(await changes.after(mark), sent);
      if (wrong.length) {
        // Run the same requests again, reading the log around each, for fast-check to name the one that wrote.
        strict = true;
        try {
          await fc.assert(property, parameters);
          failures.push(`${operation.key} as ${role.name}: refused, yet wrote to the database (not repeated when run again): ` +
            wrong.map(({ change, by }) => `${listed([change])} during ${by ? String(by.request) : 'no request'}`).join('; '));
        } catch (error) {
          report(error);
        } finally {
          strict = false;
        }
      }
      if (failures.length >= 10) break;
    }
    const seconds = (performance.now() - started) / 1000;
    const safety = (kind: string) => operations.filter((o) => safetyOf(o) === kind).length;
    console.info(
      `fuzz: ${count} requests to ${operations.length} operations as ${roles.length} roles (${roles.map((r) => r.name).join(', ')}) in ${seconds.toFixed(1)} s ` +
      `(${Math.round(count / seconds)}/s) on ${embedded ? 'the embedded database' : 'PostgreSQL'}, seed ${seed}; ${changes.tables.length} tables watched; ` +
      `operations that may succeed: ${safety('read')} reads, ${safety('owned')} on the fuzz's own records; ${safety('refused')} only sent broken; ` +
      `answers: ${[...statuses].sort((a, b) => a[0] - b[0]).map(([status, n]) => `${status} ×${n}`).join(', ')}`,
    );
    expect(failures.join('\n\n')).toBe('');
    expect(count).toBeGreaterThanOrEqual(wanted);
    expect(operations.filter((o) => !covered.has(o.key)).map((o) => o.key)).toEqual([]);
  }, 15 * 60_000);
});
