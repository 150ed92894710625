import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { movableClock } from '../../server/clock.js';
import { runRetention, type RetentionRunView } from '../../server/modules/data-protection/retention.js';
import { questions, requestClient, validAnswers, type View } from './request-client.js';
import { problem, startTestApp, type TestApp } from './support.js';

/**
 * Deletion (SPEC §5.4): three years after formal closure the retention job removes a request's personal data for good
 * — proven by scanning every table of the schema for the values the test wrote — while the skeleton and the
 * statistics stay. The job is idempotent, resumable after a failure, and reports what it did. Requests are made and
 * closed or withdrawn through the API; time is moved with the app's clock.
 */
const clock = movableClock();
let app: TestApp;
let rc: Awaited<ReturnType<typeof requestClient>>;
let dpo: string;
let admin: string;

const requester = 'handler.ee@imi.test';
const responder = 'handler.fi@imi.test';
const stamp = Date.now().toString(36);
/** Every personal value of the requests to delete carries this; the kept request's carry `kept`. */
const marker = `Ret${stamp}`;
const kept = `Kept${stamp}`;
const later = `Late${stamp}`;
const sanction = 'PQ-039-sanction-details';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function upload(email: string, requestId: string, name: string, content: string) {
  const response = await app.request(`/api/v1/requests/${requestId}/attachments?name=${name}`, {
    method: 'POST', token: await rc.token(email), body: content, headers: { 'Content-Type': 'application/pdf' },
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

/** A request answered and closed, with personal values everywhere they can be: all carrying `tag`. */
async function closedRequest(tag: string) {
  const body = await rc.draftBody(responder, {
    questions: [...questions, sanction], subject: { firstName: `${tag}Eva`, lastName: `${tag}Tamm`, dateOfBirth: '1985-01-02' }, freeText: `${tag} free text`,
  });
  const created = await rc.call(requester, 'POST', '/requests', body, { 'Idempotency-Key': `${tag}-key-${Math.random()}` });
  expect(created.status).toBe(201);
  let r = created.body;
  const files = [await upload(requester, r.id, `${tag}-diploma.pdf`, `%PDF-1.4 ${tag} diploma content`)];
  r = await rc.step(requester, r, 'send');
  r = await rc.step(responder, r, 'accept');
  files.push(await upload(responder, r.id, `${tag}-register.pdf`, `%PDF-1.4 ${tag} register extract`));
  r = await rc.step(responder, r, 'message', { text: `${tag} message` });
  r = await rc.step(responder, r, 'reply', { answers: [...validAnswers, { question: sanction, value: `${tag} sanction details` }], freeText: `${tag} reply` });
  r = await rc.step(requester, r, 'request-clarification', { text: `${tag} clarification question` });
  r = await rc.step(responder, r, 'answer-clarification', { text: `${tag} clarification answer` });
  r = await rc.step(requester, r, 'close');
  return { request: r, files };
}

/** A request accepted and then withdrawn with a reason. */
async function withdrawnRequest(tag: string) {
  let r = await rc.draft(requester, responder, { subject: { firstName: `${tag}Mari`, lastName: `${tag}Kask` }, freeText: `${tag} withdrawn text` });
  r = await rc.step(requester, r, 'send');
  r = await rc.step(responder, r, 'accept');
  r = await rc.step(requester, r, 'withdraw', { reason: `${tag} withdrawal reason` });
  return { request: r, files: [] as string[] };
}

/** A time in milliseconds just after `expression` (over the requests `ids`), which the database holds to the microsecond. */
async function justAfter(expression: string, ids: string[], plusMs = 1): Promise<Date> {
  const [row] = await app.orm.em.fork().execute<{ ms: string }[]>(
    `select floor(extract(epoch from max(${expression})) * 1000)::bigint as ms from request r where r.id = any(?::uuid[])`, [`{${ids.join(',')}}`]);
  return new Date(Number(row.ms) + plusMs);
}
const closure = 'coalesce(r.closed_at, r.withdrawn_at)';

/**
 * Every table of the schema, and in it every row and value that holds `needle` in any case (text, JSON, arrays, all as
 * text; bytes as they are).
 */
async function occurrences(needle: string): Promise<string[]> {
  const em = app.orm.em.fork();
  const columns = await em.execute<{ table_name: string; column_name: string; data_type: string }[]>(
    `select c.table_name, c.column_name, c.data_type from information_schema.columns c
       join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
      where c.table_schema = 'public' order by c.table_name, c.ordinal_position`);
  const found: string[] = [];
  const tables = [...new Set(columns.map((c) => c.table_name))];
  expect(tables).toEqual(expect.arrayContaining(['request', 'request_event', 'attachment', 'idempotency_key', 'audit_entry', 'notification']));
  for (const table of tables) {
    const own = columns.filter((x) => x.table_name === table);
    const checks = [`x::text ilike ?`, ...own.map((c) => (c.data_type === 'bytea' ? `position(convert_to(?, 'UTF8') in x."${c.column_name}") > 0` : `x."${c.column_name}"::text ilike ?`))];
    const params = [`%${needle}%`, ...own.map((c) => (c.data_type === 'bytea' ? needle : `%${needle}%`))];
    const [counts] = await em.execute<Record<string, number>[]>(
      `select ${checks.map((check, i) => `count(*) filter (where ${check})::int as c${i}`).join(', ')} from "${table}" x`, params);
    if (counts.c0) found.push(`${table} (row)`);
    own.forEach((c, i) => {
      if (counts[`c${i + 1}`]) found.push(`${table}.${c.column_name}`);
    });
  }
  return found;
}

const post = async (token: string) => {
  const response = await app.request('/api/v1/data-protection/retention-runs', { method: 'POST', token });
  expect(response.status).toBe(201);
  return (await response.json()) as RetentionRunView;
};

/** The figures users see: the indicators of both authorities and the Commission's network overview. */
async function statistics() {
  const get = async (path: string, token: string) => {
    const response = await app.request(path, { token });
    expect(response.status, path).toBe(200);
    return response.json();
  };
  return {
    requester: await get(`/api/v1/stats/kpis?authority=${await rc.authorityOf(requester)}`, await rc.token(requester)),
    responder: await get(`/api/v1/stats/kpis?authority=${await rc.authorityOf(responder)}`, await rc.token(responder)),
    trend: await get(`/api/v1/stats/kpis/trend?authority=${await rc.authorityOf(responder)}`, await rc.token(responder)),
    overview: await get('/api/v1/admin/overview', admin),
  };
}

let toDelete: { request: View; files: string[] }[];
let keep: { request: View; files: string[] };
let deleteAt: Date;

beforeAll(async () => {
  app = await startTestApp({ clock });
  rc = await requestClient(app);
  dpo = await app.session('dpo@imi.test', { mfa: true });
  admin = await app.session('admin@imi.test', { mfa: true });
  toDelete = [await closedRequest(marker), await withdrawnRequest(marker)];
  await sleep(50);
  keep = await closedRequest(kept);
  deleteAt = await justAfter(`${closure} + interval '3 years'`, toDelete.map((d) => d.request.id));
});

afterAll(async () => {
  if (app) await app.close();
});

// Scanning the whole schema takes seconds, more on the embedded database.
describe('the retention job', { timeout: 120_000 }, () => {
  it('reports as newly blocked the requests whose blocking started since the previous completed run', async () => {
    const ids = toDelete.map((d) => d.request.id);
    const [first] = await app.orm.em.fork().execute<{ ms: string }[]>(
      `select floor(extract(epoch from min(coalesce(closed_at, withdrawn_at)) + interval '6 months') * 1000)::bigint as ms from request where id = any(?::uuid[])`, [`{${ids.join(',')}}`]);
    clock.set(new Date(Number(first.ms) - 1));
    const before = await post(dpo);
    expect(before).toMatchObject({ status: 'completed', trigger: 'manual', startedBy: { name: 'Data-protection administrator' } });
    clock.set(await justAfter(`${closure} + interval '6 months'`, ids));
    const run = await post(dpo);
    expect(run).toMatchObject({ status: 'completed', newlyBlocked: 2, asOf: clock.now().toISOString() });
  });

  it('keeps everything until 3 years after closure', async () => {
    const [first] = await app.orm.em.fork().execute<{ ms: string }[]>(
      `select floor(extract(epoch from min(coalesce(closed_at, withdrawn_at)) + interval '3 years') * 1000)::bigint as ms from request where id = any(?::uuid[])`,
      [`{${toDelete.map((d) => d.request.id).join(',')}}`]);
    clock.set(new Date(Number(first.ms) - 1));
    // Since the previous run, only the request closed after them started its blocking.
    expect(await post(dpo)).toMatchObject({ status: 'completed', newlyBlocked: 1 });
    expect(await occurrences(marker)).toEqual(expect.arrayContaining([
      'request.subject', 'request.subject_name', 'request.free_text', 'request.reply_text', 'request.answers', 'request_event.text', 'attachment.name', 'attachment.content', 'idempotency_key.key',
    ]));
  });

  it('3 years after closure deletes every personal value of the requests, in every table, and keeps their skeleton', async () => {
    clock.set(deleteAt);
    const em = app.orm.em.fork();
    // What is due now, all requests of the database included (other tests' requests closed earlier are due too).
    const [due] = await em.execute<{ requests: number; files: number; bytes: string }[]>(
      `select count(*)::int as requests, (select count(*)::int from attachment a where a.request_id in (select id from request r where r.personal_data_deleted_at is null and ${closure} + interval '3 years' <= ?)) as files,
              (select coalesce(sum(size), 0)::bigint from attachment a where a.request_id in (select id from request r where r.personal_data_deleted_at is null and ${closure} + interval '3 years' <= ?)) as bytes
         from request r where r.personal_data_deleted_at is null and ${closure} + interval '3 years' <= ?`, [deleteAt, deleteAt, deleteAt]);
    expect(due.requests).toBeGreaterThanOrEqual(2);
    expect(due.files).toBeGreaterThanOrEqual(2);
    const [deletedBefore] = await em.execute<{ n: number }[]>('select count(*)::int as n from request where personal_data_deleted_at is not null');
    const figures = await statistics();

    const run = await post(dpo);
    expect(run).toMatchObject({
      status: 'completed', requestsDeleted: due.requests, attachmentsDeleted: due.files, bytesDeleted: Number(due.bytes), newlyBlocked: 0, error: null,
      asOf: deleteAt.toISOString(),
    });
    expect(run.finishedAt).not.toBeNull();

    expect(await occurrences(marker)).toEqual([]);
    // The request closed later keeps its data.
    const [keptRow] = await em.execute<{ last_name: string; deleted: Date | null }[]>(
      `select subject ->> 'lastName' as last_name, personal_data_deleted_at as deleted from request where id = ?`, [keep.request.id]);
    expect(keptRow).toEqual({ last_name: `${kept}Tamm`, deleted: null });
    expect(await occurrences(kept)).toEqual(expect.arrayContaining(['request.subject', 'request.free_text', 'request_event.text', 'attachment.content', 'attachment.name']));
    expect(await statistics()).toEqual(figures);

    for (const { request, files } of toDelete) {
      const seen = await rc.call<View & { dataProtection: { blocked: boolean; personalDataDeletedAt: string | null } }>(requester, 'GET', `/requests/${request.id}`);
      expect(seen.status).toBe(200);
      expect(seen.body).toMatchObject({ caseNumber: request.caseNumber, status: request.status, dataProtection: { blocked: true, personalDataDeletedAt: deleteAt.toISOString() } });
      expect(seen.body.subject).toBeUndefined();
      for (const file of files) expect((await app.request(`/api/v1/attachments/${file}`, { token: await rc.token(requester) })).status).toBe(404);
    }
    const [closed] = await em.execute<{ answers: Record<string, unknown>; questions: string[]; status: string; closed_at: Date | null; rating_effort: string | null; requester_id: string }[]>(
      'select answers, questions, status, closed_at, rating_effort, requester_id from request where id = ?', [toDelete[0].request.id]);
    expect(closed.answers).toEqual({ 'PQ-001-profession-title': validAnswers[0].value });
    expect(closed.questions).toEqual([...questions, sanction]);
    expect(closed.status).toBe('CLOSED');
    expect(closed.closed_at).not.toBeNull();
    const events = await em.execute<{ kind: string }[]>('select kind from request_event where request_id = ? order by id', [toDelete[0].request.id]);
    expect(events.map((e) => e.kind)).toEqual(['create', 'send', 'accept', 'message', 'reply', 'request-clarification', 'answer-clarification', 'close']);

    // Nothing left to grant access to.
    const grant = await app.request('/api/v1/data-protection/access-grants', {
      method: 'POST', token: dpo, body: { requestId: toDelete[0].request.id, purpose: 'data-subject-rights', justification: 'The person asked for a copy' },
    });
    expect(grant.status).toBe(409);
    expect((await problem(grant)).detail).toContain('deleted');
    const summary = (await (await app.request('/api/v1/data-protection/summary', { token: dpo })).json()) as { deleted: number };
    expect(summary.deleted).toBe(deletedBefore.n + due.requests);
  });

  it('deletes nothing more when run again at the same time', async () => {
    const run = await post(dpo);
    expect(run).toMatchObject({ status: 'completed', requestsDeleted: 0, attachmentsDeleted: 0, bytesDeleted: 0, newlyBlocked: 0 });
    const list = (await (await app.request('/api/v1/data-protection/retention-runs?limit=2', { token: dpo })).json()) as { items: RetentionRunView[]; nextCursor: string | null };
    expect(list.items.map((r) => r.id)).toEqual([run.id, run.id - 1]);
    expect(list.nextCursor).not.toBeNull();
    const next = (await (await app.request(`/api/v1/data-protection/retention-runs?limit=2&cursor=${list.nextCursor}`, { token: dpo })).json()) as { items: RetentionRunView[] };
    expect(next.items[0].id).toBe(run.id - 2);
  });

  it('resumes after a failed batch: the work done stays, the failure is reported, the next run completes the rest', async () => {
    const batch = [await closedRequest(later), await withdrawnRequest(later)];
    await sleep(50);
    const last = await withdrawnRequest(later);
    const at = await justAfter(`${closure} + interval '3 years'`, [...batch, last].map((d) => d.request.id));
    const em = app.orm.em.fork();
    // The database refuses to erase the last one: the job fails in the middle, after the batches before it.
    await em.execute(`create or replace function retention_test_refuse() returns trigger language plpgsql as $$
      begin raise exception 'refused by the test'; end $$`);
    await em.execute(`create trigger retention_test_refuse before update on request for each row when (old.id = '${last.request.id}') execute function retention_test_refuse()`);
    clock.set(at);
    let failed: RetentionRunView;
    try {
      failed = await runRetention(app.orm.em, clock, { batchSize: 1, instance: 'test', trigger: 'schedule' });
    } finally {
      await em.execute('drop trigger retention_test_refuse on request');
      await em.execute('drop function retention_test_refuse()');
    }
    // The kept request, closed before these, is due now too: it went first.
    expect(failed).toMatchObject({ status: 'failed', trigger: 'schedule', startedBy: null, requestsDeleted: 3, attachmentsDeleted: 4 });
    expect(failed.error).toContain('refused by the test');
    expect(await occurrences(kept)).toEqual([]);
    const remaining = await occurrences(later);
    expect(remaining).toEqual(expect.arrayContaining(['request.subject', 'request_event.text']));
    expect(remaining).not.toContain('attachment.content');

    const resumed = await runRetention(app.orm.em, clock, { batchSize: 1, instance: 'test', trigger: 'schedule' });
    expect(resumed).toMatchObject({ status: 'completed', requestsDeleted: 1, attachmentsDeleted: 0, error: null });
    expect(await occurrences(later)).toEqual([]);
  });

  it('shares the work between instances running at once, deleting each request once', async () => {
    const many = [await withdrawnRequest(`${later}x`), await withdrawnRequest(`${later}y`), await withdrawnRequest(`${later}z`)];
    clock.set(await justAfter(`${closure} + interval '3 years'`, many.map((d) => d.request.id)));
    const runs = await Promise.all([1, 2, 3].map((n) => runRetention(app.orm.em, clock, { batchSize: 1, instance: `instance ${n}`, trigger: 'schedule' })));
    expect(runs.every((r) => r.status === 'completed')).toBe(true);
    expect(runs.reduce((sum, r) => sum + r.requestsDeleted, 0)).toBe(3);
    expect(await occurrences(`${later}x`)).toEqual([]);
  });
});

describe('the retention endpoints', () => {
  it('show the runs and the figures to the Commission and the data-protection administrator, and run the job for the latter only', async () => {
    const handler = await rc.token(requester);
    const noSecondFactor = await app.session('dpo@imi.test', { mfa: false });
    for (const [token, read, run] of [[dpo, 200, 201], [admin, 200, 403], [handler, 403, 403], [noSecondFactor, 403, 403]] as const) {
      expect((await app.request('/api/v1/data-protection/retention-runs', { token })).status).toBe(read);
      expect((await app.request('/api/v1/data-protection/summary', { token })).status).toBe(read);
      const started = await app.request('/api/v1/data-protection/retention-runs', { method: 'POST', token });
      await started.body?.cancel();
      expect(started.status).toBe(run);
    }
    expect((await app.request('/api/v1/data-protection/summary')).status).toBe(401);
    const summary = (await (await app.request('/api/v1/data-protection/summary', { token: admin })).json()) as Record<string, number>;
    expect(Object.keys(summary).sort()).toEqual(['activeGrants', 'blocked', 'deleted', 'deletionDueWithin30Days', 'openSubjectRequests', 'overdueSubjectRequests']);
    expect(summary.deletionDueWithin30Days).toBe(0);
  });

  it('refuses bad input with 400 naming the field', async () => {
    for (const [path, field] of [['?limit=0', 'limit'], ['?limit=abc', 'limit'], ['?cursor=forged', 'cursor']]) {
      const response = await app.request(`/api/v1/data-protection/retention-runs${path}`, { token: dpo });
      expect(response.status, path).toBe(400);
      expect((await problem(response)).errors?.map((e) => e.path)).toContain(field);
    }
  });
});
