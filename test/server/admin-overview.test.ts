import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../server/clock.js';
import { requestClient } from './request-client.js';
import { problem, startTestApp, type TestApp } from './support.js';

/**
 * The network overview (GET /admin/overview): per state the open, overdue and long-unaccepted requests and the four
 * indicators, for the Commission all 30 states, for a coordinator its own state with the figures of its scope.
 * Requests go to Slovakia and Slovenia; the indicator data set is sent in June 2020, a month no other test uses.
 */
let app: TestApp;
let c: Awaited<ReturnType<typeof requestClient>>;
let admin: string;

interface Indicator { value: number | null; status: string | null }
interface Figures {
  open: number; overdue: number; awaitingAcceptanceOver7Days: number;
  kpis: { acceptedWithin7Days: Indicator; averageDaysToAnswer: Indicator; answeredByAgreedDate: Indicator; negativeRatings: { timeliness: Indicator; effort: Indicator } };
}
interface Overview {
  scope: { kind: string; country: string | null };
  area: string | null;
  states: (Figures & { country: string; name: string })[];
  network: Figures | null;
  requestsPerMonth: { month: string; count: number }[];
}

beforeAll(async () => {
  app = await startTestApp();
  c = await requestClient(app);
  admin = await app.session('admin@imi.test', { mfa: true });
});
afterAll(async () => {
  if (app) await app.close();
});

async function overview(token: string, query = ''): Promise<Overview> {
  const response = await app.request(`/api/v1/admin/overview${query}`, { token });
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as Overview;
}
const state = (o: Overview, country: string) => o.states.find((s) => s.country === country)!;
const counts = (f: Figures) => ({ open: f.open, overdue: f.overdue, awaitingAcceptanceOver7Days: f.awaitingAcceptanceOver7Days });
const values = (f: Figures) => {
  const { acceptedWithin7Days: a, averageDaysToAnswer: d, answeredByAgreedDate: o, negativeRatings: { timeliness: t, effort: e } } = f.kpis;
  return [a, d, o, t, e].map((i) => [i.value, i.status]);
};
const daysAgo = (n: number) => new Date(Date.now() - n * DAY_MS).toISOString();
const ts = (day: string | undefined) => (day ? (day.length === 10 ? `${day}T10:00:00Z` : day) : null);

/** A request with the given history, written straight to the table like the history of a real network. */
async function insert(responderEmail: string, r: {
  area?: string; status: string; sent: string; accepted?: string; firstAnswered?: string; committed?: string; requested?: string;
  closed?: string; withdrawn?: string; timeliness?: string; effort?: string;
}) {
  const area = r.area ?? 'PQ';
  const em = app.orm.em.fork();
  const [set] = await em.execute<{ id: number }[]>('select id from question_set where area_code = ? order by version desc limit 1', [area]);
  await em.execute(
    `insert into request (id, case_number, area_code, question_set_id, requester_id, responder_id, status, questions, created_by, created_at, updated_at,
                          sent_at, accepted_at, first_answered_at, answered_at, committed_reply_by, reply_by, closed_at, withdrawn_at, rating_timeliness, rating_effort)
     values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, '{X}', gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?::date, ?::date, ?, ?, ?, ?)`,
    [`OVERVIEW-${crypto.randomUUID().slice(0, 8)}`, area, set.id, await c.authorityOf('handler.ee@imi.test'), await c.authorityOf(responderEmail), r.status,
      ts(r.sent), ts(r.sent), ts(r.sent), ts(r.accepted), ts(r.firstAnswered), ts(r.firstAnswered), r.committed ?? null, r.requested ?? null,
      ts(r.closed), ts(r.withdrawn), r.timeliness ?? null, r.effort ?? null],
  );
}

describe('GET /admin/overview', () => {
  it('gives the Commission the 30 states with their open, overdue and long-unaccepted requests, and the network totals', async () => {
    const before = await overview(admin, '?area=PQ');
    const beforeAllAreas = await overview(admin);

    await c.step('handler.ee@imi.test', await c.draft('handler.ee@imi.test', 'handler.sk@imi.test'), 'send');
    await insert('handler.sk@imi.test', { status: 'AWAITING_ACCEPTANCE', sent: daysAgo(10), requested: daysAgo(-20).slice(0, 10) });
    await insert('handler.sk@imi.test', { status: 'ACCEPTED', sent: daysAgo(20), accepted: daysAgo(18), committed: daysAgo(3).slice(0, 10) });
    await insert('handler.sk@imi.test', { status: 'CLOSED', sent: daysAgo(30), accepted: daysAgo(29), firstAnswered: daysAgo(25), closed: daysAgo(24) });
    await insert('handler.sk@imi.test', { area: 'SERVICES', status: 'AWAITING_ACCEPTANCE', sent: daysAgo(10) });

    const after = await overview(admin, '?area=PQ');
    expect(after.scope.kind).toBe('network');
    expect(after.area).toBe('PQ');
    expect(after.states).toHaveLength(30);
    expect(after.states.map((s) => s.name)).toEqual([...after.states.map((s) => s.name)].sort(new Intl.Collator('en').compare));
    expect(state(after, 'SK').name).toBe('Slovakia');
    // The request sent now waits for acceptance, but not yet for more than 7 days; the closed one is not open.
    const sk = state(before, 'SK');
    expect(counts(state(after, 'SK'))).toEqual({ open: sk.open + 3, overdue: sk.overdue + 1, awaitingAcceptanceOver7Days: sk.awaitingAcceptanceOver7Days + 1 });
    for (const row of after.states.filter((s) => s.country !== 'SK')) expect(counts(row), row.country).toEqual(counts(state(before, row.country)));
    expect(counts(after.network!)).toEqual({
      open: before.network!.open + 3, overdue: before.network!.overdue + 1, awaitingAcceptanceOver7Days: before.network!.awaitingAcceptanceOver7Days + 1,
    });
    expect(after.network!.open).toBe(after.states.reduce((sum, s) => sum + s.open, 0));

    // Without the area, the SERVICES request counts too.
    const allAreas = await overview(admin);
    expect(state(allAreas, 'SK').open).toBe(state(beforeAllAreas, 'SK').open + 4);
    expect(state(allAreas, 'SK').awaitingAcceptanceOver7Days).toBe(state(beforeAllAreas, 'SK').awaitingAcceptanceOver7Days + 2);
    // State names follow the language asked for.
    expect(state(await overview(admin, '?lang=de'), 'SK').name).toBe('Slowakei');
  });

  /**
   * Requests sent in June 2020, and what the indicators make of them:
   *
   * | | to | sent | accepted | first reply | agreed date | ratings |
   * |---|---|---|---|---|---|---|
   * | A | SK | 06-01 | +2 d | +10 d | committed 06-15 (kept) | +/+ |
   * | B | SK | 06-02 | +10 d (late) | +20 d (06-22) | committed 06-20 (missed) | −/− |
   * | C | SK | 06-05 | +1 d | +20 d (06-25) | requested 06-30 (kept) | |
   * | D | SK | 06-10 | — withdrawn 06-11 | | requested 07-10 | |
   * | E | SI | 06-03 | +1 d | +5 d | committed 06-20 (kept) | +/+ |
   *
   * SK: accepted within 7 days 2/3 = 66.7 % (yellow), 50/3 = 16.7 days (yellow), on time 2/3 (yellow), negative 1/2 = 50 % (red).
   * SI: 100 % (green), 5 days (green), 100 % (green), 0 % (green).
   * Network: 3/4 = 75 % (yellow), 55/4 = 13.8 days (green), 3/4 (yellow), 1/3 = 33.3 % (red).
   */
  it('computes the four indicators of each state for the period, as GET /stats/kpis does, with the requests per month', async () => {
    await insert('handler.sk@imi.test', { status: 'CLOSED', sent: '2020-06-01', accepted: '2020-06-03', firstAnswered: '2020-06-11', committed: '2020-06-15', closed: '2020-06-12', timeliness: 'positive', effort: 'positive' });
    await insert('handler.sk@imi.test', { status: 'CLOSED', sent: '2020-06-02', accepted: '2020-06-12', firstAnswered: '2020-06-22', committed: '2020-06-20', closed: '2020-06-23', timeliness: 'negative', effort: 'negative' });
    await insert('handler.sk@imi.test', { status: 'CLOSED', sent: '2020-06-05', accepted: '2020-06-06', firstAnswered: '2020-06-25', requested: '2020-06-30', closed: '2020-06-26' });
    await insert('handler.sk@imi.test', { status: 'WITHDRAWN', sent: '2020-06-10', requested: '2020-07-10', withdrawn: '2020-06-11' });
    await insert('handler.si@imi.test', { status: 'CLOSED', sent: '2020-06-03', accepted: '2020-06-04', firstAnswered: '2020-06-08', committed: '2020-06-20', closed: '2020-06-09', timeliness: 'positive', effort: 'positive' });

    const june = await overview(admin, '?from=2020-06-01&to=2020-06-30');
    expect(values(state(june, 'SK'))).toEqual([[66.7, 'yellow'], [16.7, 'yellow'], [66.7, 'yellow'], [50, 'red'], [50, 'red']]);
    expect(values(state(june, 'SI'))).toEqual([[100, 'green'], [5, 'green'], [100, 'green'], [0, 'green'], [0, 'green']]);
    expect(values(june.network!)).toEqual([[75, 'yellow'], [13.8, 'green'], [75, 'yellow'], [33.3, 'red'], [33.3, 'red']]);
    // A state without requests in the period has no values, rather than zeros that would read as failures.
    expect(values(state(june, 'FR'))).toEqual(Array(5).fill([null, null]));

    // The same indicators as the state's own, computed one state at a time.
    const single = await app.request('/api/v1/stats/kpis?country=SK&from=2020-06-01&to=2020-06-30', { token: admin });
    expect(values({ kpis: await single.json() } as Figures)).toEqual(values(state(june, 'SK')));

    // Requests sent in each of the 12 months up to the period's end.
    expect(june.requestsPerMonth.map((m) => m.month)).toEqual([
      '2019-07', '2019-08', '2019-09', '2019-10', '2019-11', '2019-12', '2020-01', '2020-02', '2020-03', '2020-04', '2020-05', '2020-06',
    ]);
    expect(june.requestsPerMonth.map((m) => m.count)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5]);
    // Outside the period, nothing.
    const may = await overview(admin, '?from=2020-05-01&to=2020-05-31');
    expect(values(state(may, 'SK'))).toEqual(Array(5).fill([null, null]));
  });

  it('gives a NIMIC its own state only, with the same figures as the Commission sees for it', async () => {
    const nimic = await c.token('nimic.sk@imi.test');
    const own = await overview(nimic, '?from=2020-06-01&to=2020-06-30');
    const network = await overview(admin, '?from=2020-06-01&to=2020-06-30');
    expect(own.scope).toMatchObject({ kind: 'state', country: 'SK' });
    expect(own.states.map((s) => s.country)).toEqual(['SK']);
    expect(own.states[0]).toEqual(state(network, 'SK'));
    expect(own.network).toBeNull();
    expect(own.requestsPerMonth.at(-1)).toEqual({ month: '2020-06', count: 4 });
    const slovenia = await overview(await c.token('nimic.si@imi.test'), '?from=2020-06-01&to=2020-06-30');
    expect(slovenia.states.map((s) => [s.country, s.kpis.acceptedWithin7Days.value])).toEqual([['SI', 100]]);
  });

  it('gives another coordinator its state with the figures of the authorities it coordinates', async () => {
    const nimic = await c.token('nimic.sk@imi.test');
    const created = await c.call<{ id: string }>('nimic.sk@imi.test', 'POST', '/authorities', {
      officialName: 'Koordinátor pre odborné kvalifikácie', officialNameLang: 'sk', languages: ['sk'], country: 'SK', coordinatorKind: 'LIMIC',
      areas: ['PQ'], lda: { email: 'limic.sk@overview.imi.test', name: 'LIMIC SK' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const second = await c.authorityOf('handler2.sk@imi.test');
    const link = await app.request(`/api/v1/authorities/${second}/coordinators`, { method: 'POST', token: nimic, body: { area: 'PQ', coordinatorId: created.body.id, relation: 'observer' } });
    expect(link.status, await link.clone().text()).toBeLessThan(300);
    const limic = await app.session('limic.sk@overview.imi.test', { mfa: false });

    const before = await overview(limic, '?from=2020-06-01&to=2020-06-30');
    expect(before.scope.kind).toBe('coordination');
    expect(before.states.map((s) => s.country)).toEqual(['SK']);
    await insert('handler2.sk@imi.test', { status: 'AWAITING_ACCEPTANCE', sent: daysAgo(9) });
    await insert('handler.sk@imi.test', { status: 'AWAITING_ACCEPTANCE', sent: daysAgo(9) });
    const after = await overview(limic, '?from=2020-06-01&to=2020-06-30');
    // Only the request to the coordinated authority counts; the June 2020 requests went to the first authority.
    expect(counts(after.states[0])).toEqual({ ...counts(before.states[0]), open: before.states[0].open + 1, awaitingAcceptanceOver7Days: before.states[0].awaitingAcceptanceOver7Days + 1 });
    expect(values(after.states[0])).toEqual(Array(5).fill([null, null]));
    expect(after.network).toBeNull();
  });

  it('is refused to handlers, local data administrators, the administrator without the second factor, and anonymous callers', async () => {
    for (const email of ['handler.sk@imi.test', 'lda.sk@imi.test']) {
      const response = await app.request('/api/v1/admin/overview', { token: await c.token(email) });
      expect(response.status, email).toBe(403);
    }
    const unconfirmed = await app.session('admin@imi.test', { mfa: false });
    const refused = await app.request('/api/v1/admin/overview', { token: unconfirmed });
    expect(refused.status).toBe(403);
    expect((await problem(refused)).detail).toMatch(/second factor/);
    expect((await app.request('/api/v1/admin/overview')).status).toBe(401);
  });

  it('refuses bad filters with a 400 naming the field', async () => {
    const cases: [string, string][] = [
      ['?from=2020-13-45', 'from'],
      ['?to=June', 'to'],
      ['?from=2020-06-30&to=2020-06-01', 'from'],
      ['?area=NO-SUCH-AREA', 'area'],
      [`?area=${'X'.repeat(41)}`, 'area'],
    ];
    for (const [query, field] of cases) {
      const response = await app.request(`/api/v1/admin/overview${query}`, { token: admin });
      expect(response.status, query).toBe(400);
      expect([...new Set((await problem(response)).errors?.map((e) => e.path))], query).toEqual([field]);
    }
  });
});
