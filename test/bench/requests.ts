// Requests benchmark, on a history of 1 000 000 requests between the demo authorities:
//  - the inbox, GET /api/v1/requests?box=incoming&sort=deadline&limit=20, of the demo handlers with the biggest incoming
//    boxes, first page and 50 pages deep, p50/p95 under 1 and 32 concurrent clients, next to the listing query the
//    service runs, captured from the service itself and measured in the same run at the same concurrency;
//  - the full cycle of a request through the API (create, send, accept, reply, close) under 1 and 8 concurrent clients,
//    next to raw SQL doing the same writes;
//  - one deadline sweep with a tenth of the requests due (in a transaction rolled back afterwards).
//   npm run bench:requests                (starts its own PostgreSQL with scripts/pg.sh)
//   BENCH_DATABASE_URL=postgresql://… npm run bench:requests
//   BENCH_REQUEST_ROWS=1000000 BENCH_REQUESTS=1600 BENCH_CYCLES=200
import type { EntityManager } from '@mikro-orm/postgresql';
import pg from 'pg';
import { Sql } from '../../server/db/sql.js';
import { recordReminders } from '../../server/modules/deadlines/sweep.js';
import type { AuthUser } from '../../server/modules/identity/service.js';
import { listQuery } from '../../server/modules/requests/schemas.js';
import { listRequests } from '../../server/modules/requests/service.js';
import { generateRequests } from './generate-requests.js';
import { measure, startBenchServer, type BenchServer } from './measure.js';

const rows = Number(process.env.BENCH_REQUEST_ROWS ?? 1_000_000);
const requests = Number(process.env.BENCH_REQUESTS ?? 1600);
const cycles = Number(process.env.BENCH_CYCLES ?? 200);
const handlers = 4;
const deepPages = 50;

interface Statement { text: string; values: unknown[] }

/**
 * The statements the requests service runs for one listing, captured by running its own `listRequests` on a stand-in
 * for the entity manager that sends each statement to PostgreSQL and records it: the SQL floor is then exactly the
 * server's query, with no copy of it that could drift.
 */
async function listingStatements(pool: pg.Pool, user: AuthUser, cursor: string | undefined): Promise<Statement[]> {
  const statements: Statement[] = [];
  const em = {
    async execute(text: string, params: unknown[] = []) {
      const statement = new Sql(text, params).numbered();
      statements.push(statement);
      return (await pool.query(statement)).rows;
    },
  } as unknown as EntityManager;
  await listRequests(em, user, listQuery.parse({ box: 'incoming', sort: 'deadline', limit: '20', cursor }), 'en', null);
  return statements;
}

let bench: BenchServer | undefined;
async function main() {
  bench = await startBenchServer(54341, '/tmp/imi-bench-req-pg');
  const { base, sqlPool } = bench;
  const existing = Number((await sqlPool.query(`select count(*) as n from request`)).rows[0].n);
  if (existing < rows) {
    console.log(`Generating ${rows - existing} requests …`);
    const client = await sqlPool.connect();
    const t = performance.now();
    await generateRequests(client, existing, rows, console.log);
    client.release();
    console.log(`  done in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  const total = Number((await sqlPool.query(`select count(*) as n from request`)).rows[0].n);

  const tokens = new Map<string, string>();
  async function call<T>(email: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    if (!tokens.has(email)) {
      const login = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password: 'demo-password' }),
      });
      if (!login.ok) throw new Error(`login ${email}: ${login.status}`);
      tokens.set(email, ((await login.json()) as { accessToken: string }).accessToken);
    }
    const response = await fetch(`${base}/api/v1${path}`, {
      method, headers: { Authorization: `Bearer ${tokens.get(email)}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) throw new Error(`${method} ${path} as ${email}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  // (a) The inbox of the demo handlers with the most incoming requests, first page and `deepPages` pages in.
  const inboxes = (await sqlPool.query<AuthUser & { incoming: string }>(
    `select u.id, u.email, u.name, u.locale, u.authority_id as "authorityId", false as "commissionAdmin", false as "dataProtectionAdmin", false as mfa,
            (select count(*) from request r where r.responder_id = u.authority_id and r.sent_at is not null) as incoming
       from app_user u where u.email like 'handler%@imi.test' order by incoming desc, u.email limit $1`, [handlers])).rows;
  type Page = { items: { id: string }[]; nextCursor: string | null };
  const pages: Record<'first' | 'deep', { url: string; sql: Statement }[]> = { first: [], deep: [] };
  let statementsPerListing = 0;
  for (const user of inboxes) {
    const list = (cursor?: string) => `/requests?${new URLSearchParams({ box: 'incoming', sort: 'deadline', limit: '20', ...(cursor ? { cursor } : {}) })}`;
    let cursor: string | undefined;
    for (let page = 0; page < deepPages; page++) cursor = (await call<Page>(user.email, 'GET', list(cursor))).nextCursor ?? undefined;
    if (!cursor) throw new Error(`${user.email} has fewer than ${deepPages} pages of incoming requests`);
    for (const [kind, at] of [['first', undefined], ['deep', cursor]] as const) {
      const statements = await listingStatements(sqlPool, user, at);
      statementsPerListing = statements.length;
      const listing = statements.find((s) => /from request r join authority q/.test(s.text))!;
      // The floor must be the same work: the captured query returns the page the API returns.
      const viaApi = (await call<Page>(user.email, 'GET', list(at))).items.map((x) => x.id);
      const viaSql = (await sqlPool.query<{ id: string }>(listing)).rows.slice(0, 20).map((x) => x.id);
      if (viaApi.join() !== viaSql.join()) throw new Error(`the captured listing query of ${user.email} does not return the API's page`);
      pages[kind].push({ url: list(at), sql: listing });
    }
  }
  const token = (i: number) => tokens.get(inboxes[i % inboxes.length].email)!;
  const inbox = (kind: 'first' | 'deep') => ({
    api: async (i: number) => {
      const response = await fetch(`${base}/api/v1${pages[kind][i % inboxes.length].url}`, { headers: { Authorization: `Bearer ${token(i)}` } });
      if (!response.ok) throw new Error(`inbox: ${response.status}`);
      await response.arrayBuffer();
    },
    sql: async (i: number) => {
      await sqlPool.query(pages[kind][i % inboxes.length].sql);
    },
  });

  // (b) The cycle: a requester of one state asks a responder of another, who accepts and replies; the requester closes.
  // Each client has its own pair of demo handlers. The questions are the set's first required yes/no questions.
  const accounts = (await sqlPool.query<{ email: string; authority_id: string }>(
    `select email, authority_id from app_user where email like 'handler.%@imi.test' order by email`)).rows;
  const pairs = Array.from({ length: 8 }, (_, i) => ({ requester: accounts[2 * i], responder: accounts[2 * i + 1] }));
  const [set] = (await sqlPool.query<{ id: number; questions: string[] }>(
    `select id, array(select q->>'code' from jsonb_path_query(definition, '$.groups[*].questions[*]') q
                       where (q->>'required')::boolean and q->>'answerType' in ('yes-no', 'yes-no-unknown') limit 3) as questions
       from question_set where area_code = 'PQ' order by version desc limit 1`)).rows;
  type View = { id: string; version: number; status: string };
  const cycleApi = async (i: number) => {
    const { requester, responder } = pairs[i % pairs.length];
    let r = await call<View>(requester.email, 'POST', '/requests', {
      area: 'PQ', questionSetId: set.id, responderAuthorityId: responder.authority_id, questions: set.questions,
      subject: { firstName: 'Maria', lastName: `Benchmark ${i}` },
    });
    r = await call<View>(requester.email, 'POST', `/requests/${r.id}/send`, { version: r.version });
    r = await call<View>(responder.email, 'POST', `/requests/${r.id}/accept`, { version: r.version });
    r = await call<View>(responder.email, 'POST', `/requests/${r.id}/reply`, { version: r.version, answers: set.questions.map((question) => ({ question, value: 'yes' })) });
    r = await call<View>(requester.email, 'POST', `/requests/${r.id}/close`, { version: r.version });
    if (r.status !== 'CLOSED') throw new Error(`cycle ended in ${r.status}`);
  };
  const users = new Map((await sqlPool.query<{ id: string; email: string; name: string; authority_id: string }>(
    `select id, email, name, authority_id from app_user where email like 'handler.%@imi.test'`)).rows.map((u) => [u.authority_id, u]));
  // The writes of each step, each in its transaction under the request's row lock like the server's: the request, its
  // timeline entry, the audit entry, and the notifications to the other side's handlers; without the reads the server
  // makes to check rights and answers, nor the view it returns.
  const step = async (requestId: string, actorAuthority: string, notifyAuthority: string, action: string, to: string, columns: string, notice: string) => {
    const actor = users.get(actorAuthority)!;
    const client = await sqlPool.connect();
    try {
      await client.query('begin');
      await client.query('select version from request where id = $1 for update', [requestId]);
      await client.query(`update request set status = $2, version = version + 1, updated_at = now(), ${columns} where id = $1`, [requestId, to]);
      await client.query(
        `insert into request_event (request_id, at, kind, actor_id, actor_name, authority_id, from_status, to_status, data)
         values ($1, now(), $2, $3, $4, $5, null, $6, '{}')`, [requestId, action, actor.id, actor.name, actorAuthority, to]);
      await client.query(
        `insert into audit_entry (at, actor_id, actor_email, authority_id, action, record_type, record_id, purpose, ip)
         values (now(), $1, $2, $3, $4, 'request', $5, 'handling the request', '127.0.0.1')`, [actor.id, actor.email, actorAuthority, `request.${action}`, requestId]);
      await client.query(
        `insert into notification (user_id, kind, request_id, mode, created_at)
         select u.id, $3, $1, 'immediate', now() from app_user u
          where u.active and u.authority_id = $2 and exists (select 1 from role_grant g where g.user_id = u.id and g.area_code = 'PQ' and g.role = 'request-handler')`,
        [requestId, notifyAuthority, notice]);
      await client.query('commit');
    } finally {
      client.release();
    }
  };
  const cycleSql = async (i: number) => {
    const { requester, responder } = pairs[i % pairs.length];
    const q = requester.authority_id;
    const s = responder.authority_id;
    const [{ id }] = (await sqlPool.query<{ id: string }>(
      `with created as (
         insert into request (id, case_number, area_code, question_set_id, requester_id, responder_id, status, questions, subject, subject_name, created_by, created_at, updated_at)
         values (gen_random_uuid(), 'PQ-' || extract(year from now()) || '-' || lpad(nextval('request_case_seq')::text, 6, '0'), 'PQ', $1, $2, $3, 'DRAFT', $4,
                 jsonb_build_object('firstName', 'Maria', 'lastName', 'Benchmark ' || $5::int), 'benchmark ' || $5::int || ' maria', $6, now(), now())
         returning id)
       insert into request_event (request_id, at, kind, actor_id, authority_id, to_status, data) select id, now(), 'create', $6, $2, 'DRAFT', '{}' from created returning request_id as id`,
      [set.id, q, s, `{${set.questions.join(',')}}`, i, users.get(q)!.id])).rows;
    await step(id, q, s, 'send', 'AWAITING_ACCEPTANCE', `reply_by = current_date + 14, sent_at = now()`, 'request-received');
    await step(id, s, q, 'accept', 'ACCEPTED', `committed_reply_by = reply_by, accepted_at = now()`, 'request-accepted');
    await step(id, s, q, 'reply', 'ANSWERED', `answers = '${JSON.stringify(Object.fromEntries(set.questions.map((c) => [c, 'yes'])))}', answered_at = now(), first_answered_at = now()`, 'reply-received');
    await step(id, q, s, 'close', 'CLOSED', `closed_at = now()`, 'request-closed');
  };

  for (const kind of ['first', 'deep'] as const) {
    await measure(8, 64, inbox(kind).api);
    await measure(8, 64, inbox(kind).sql);
  }
  await measure(4, 8, cycleApi);
  await measure(4, 8, cycleSql);

  const table: string[][] = [];
  const add = (what: string, clients: number, a: Awaited<ReturnType<typeof measure>>, s: Awaited<ReturnType<typeof measure>>) =>
    table.push([what, String(clients), a.p50.toFixed(1), a.p95.toFixed(1), a.rps.toFixed(0), s.p50.toFixed(1), s.p95.toFixed(1), s.rps.toFixed(0), (a.p95 / s.p95).toFixed(2)]);
  for (const [kind, what] of [['first', 'inbox, first page'], ['deep', `inbox, page ${deepPages + 1}`]] as const) {
    for (const clients of [1, 32]) {
      const n = clients === 1 ? Math.min(requests, 400) : requests;
      add(what, clients, await measure(clients, n, inbox(kind).api), await measure(clients, n, inbox(kind).sql));
    }
  }
  for (const clients of [1, 8]) {
    const n = clients === 1 ? Math.min(cycles, 50) : cycles;
    add('full cycle', clients, await measure(clients, n, cycleApi), await measure(clients, n, cycleSql));
  }
  const swept = await sweepWithTenPercentDue(sqlPool, total);
  await sqlPool.end();
  console.log(`\nRequests on ${total} requests; inboxes of ${inboxes.map((u) => `${u.email} (${u.incoming} incoming)`).join(', ')}`);
  console.log(`(real PostgreSQL, ${process.env.BENCH_NOTE ?? 'this machine'})`);
  const header = ['', 'clients', 'API p50 ms', 'API p95 ms', 'API /s', 'SQL p50 ms', 'SQL p95 ms', 'SQL /s', 'API/SQL p95'];
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  console.log([line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...table.map(line)].join('\n'));
  console.log(`Inbox: the SQL is the listing query alone; the API also runs the session lookup and ${statementsPerListing - 1} more statements of the service per page.`);
  console.log('Full cycle: create, send, accept, reply, close; /s is cycles per second (5 API calls, or 5 SQL transactions).');
  console.log('Target: inbox API p95 < 25 ms at 32 clients, API/SQL < 2.');
  console.log(`\nDeadline sweep with ${swept.due} requests due (10 %): ${swept.ms.toFixed(0)} ms, ${swept.reminders} reminders and ${swept.notifications} notifications written (one statement; target < 2 s).`);
}

/**
 * One deadline sweep over the data set with a tenth of it due: closed requests are turned, inside a transaction that
 * is rolled back afterwards, into accepted ones whose reply date is 3 days away to 3 days past; the sweep's own
 * statement (`recordReminders`) then records their reminders and notifications.
 */
async function sweepWithTenPercentDue(pool: pg.Pool, total: number) {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const due = Math.round(total / 10);
    await client.query(
      `with chosen as (select id from request where status = 'CLOSED' order by id limit $1)
       update request r set status = 'ACCEPTED', closed_at = null, committed_reply_by = current_date + ((hashtext(r.id::text) & 7) - 3)
         from chosen where r.id = chosen.id`, [due]);
    await client.query('analyze request');
    const em = { execute: async (text: string, params: unknown[] = []) => (await client.query(new Sql(text, params).numbered())).rows } as unknown as EntityManager;
    const started = performance.now();
    const result = await recordReminders(em, new Date(), { dueSoonDays: 3, escalateAfterDays: 7, digestHour: 7 });
    return { due, ms: performance.now() - started, ...result };
  } finally {
    await client.query('rollback');
    client.release();
  }
}

try {
  await main();
} finally {
  bench?.stop();
}
