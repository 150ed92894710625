import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DAY_MS, movableClock } from '../../server/clock.js';
import { sweep } from '../../server/modules/deadlines/sweep.js';
import { requestClient, type View } from './request-client.js';
import { startTestSmtp } from './smtp.js';
import { problem, startTestApp, testDeadlines, type TestApp } from './support.js';
import { createLogger } from '../../server/logger.js';
import { createMailer, type Mailer } from '../../server/modules/notifications/mailer.js';

/**
 * Deadlines, reminders, escalation, digests and the scoreboard indicators (SPEC §5.3), with a clock the test moves.
 * Accounts of GR (requesting) and LT (responding); the indicator data set belongs to LU's second authority alone. The LT
 * accounts read their e-mails in Lithuanian, the language of their accounts.
 */
let app: TestApp;
let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
let c: Awaited<ReturnType<typeof requestClient>>;
let mailer: Mailer;
const clock = movableClock();
const logger = createLogger('silent');

const at = (day: string) => new Date(`${day}T08:00:00Z`);
const plusDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const runSweep = () => sweep(app.orm.em, clock, testDeadlines, { mailer, publicUrl: 'http://imi.test', logger }, 'deadlines-test');
const mailsAbout = (caseNumber: string) => smtp.messages.filter((m) => m.subject.includes(caseNumber));

beforeAll(async () => {
  smtp = await startTestSmtp();
  app = await startTestApp({ smtpUrl: smtp.url, clock });
  c = await requestClient(app);
  mailer = createMailer({ smtpUrl: smtp.url, from: 'IMI Network <no-reply@imi.test>', logger });
});
afterAll(async () => {
  await mailer?.close();
  await app?.close();
  await smtp?.close();
});

async function accepted(days: number): Promise<View> {
  const sent = await c.step('handler.gr@imi.test', await c.draft('handler.gr@imi.test', 'handler.lt@imi.test'), 'send');
  return c.step('handler.lt@imi.test', (await c.view('handler.lt@imi.test', sent.id)).body, 'accept', { days });
}

describe('reminders and escalation', () => {
  it('reminds the responding handlers before, at and after the reply date, once each, then escalates to the coordinator', async () => {
    const request = await accepted(10);
    const deadline = request.committedReplyBy!;
    clock.set(new Date());
    await runSweep();
    expect(mailsAbout(request.caseNumber).filter((m) => m.subject.includes('Terminas'))).toEqual([]);

    const expectations: [string, string, string][] = [
      [plusDays(deadline, -2), 'Terminas po kelių dienų', 'handler.lt@imi.test'],
      [deadline, 'Terminas šiandien', 'handler.lt@imi.test'],
      [plusDays(deadline, 1), 'Terminas praėjo', 'handler.lt@imi.test'],
      [plusDays(deadline, testDeadlines.escalateAfterDays), 'Jums eskaluotas pradelstas prašymas', 'nimic.lt@imi.test'],
    ];
    for (const [day, subject, to] of expectations) {
      clock.set(at(day));
      await runSweep();
      await runSweep();
      const mails = mailsAbout(request.caseNumber).filter((m) => m.subject.endsWith(subject));
      expect(mails.map((m) => m.to), `${subject} on ${day}`).toEqual([[to]]);
      expect(mails[0].text).toContain(`http://imi.test/#/requests/${request.id}`);
    }
    const [{ n }] = await app.orm.em.fork().execute<{ n: string }[]>('select count(*) as n from reminder where request_id = ?', [request.id]);
    expect(Number(n)).toBe(4);

    // The coordinator's urgent list shows it, escalated; the authority's own list too.
    const urgent = await c.call<{ scope: { kind: string; country: string }; counts: { overdue: number }; overdue: { id: string; escalated: boolean; daysLeft: number }[] }>('nimic.lt@imi.test', 'GET', '/deadlines');
    expect(urgent.body.scope).toMatchObject({ kind: 'state', country: 'LT' });
    expect(urgent.body.overdue.find((i) => i.id === request.id)).toMatchObject({ escalated: true, daysLeft: -testDeadlines.escalateAfterDays });
    const own = await c.call<{ overdue: { id: string }[] }>('handler.lt@imi.test', 'GET', '/deadlines?scope=authority');
    expect(own.body.overdue.map((i) => i.id)).toContain(request.id);
    // Another authority of the state does not see it; a handler cannot look at another state's list.
    const other = await c.call<{ overdue: { id: string }[] }>('handler2.lt@imi.test', 'GET', '/deadlines');
    expect(other.body.overdue.map((i) => i.id)).not.toContain(request.id);
    expect((await c.call('handler.lt@imi.test', 'GET', '/deadlines?country=GR')).status).toBe(403);
  });

  it('puts a request not accepted within 7 days on the urgent list and escalates it once', async () => {
    const sent = await c.step('handler.gr@imi.test', await c.draft('handler.gr@imi.test', 'handler.lt@imi.test'), 'send');
    clock.set(new Date(Date.now() + 8 * DAY_MS));
    await runSweep();
    await runSweep();
    const escalations = mailsAbout(sent.caseNumber).filter((m) => m.subject.endsWith('Jums eskaluotas pradelstas prašymas'));
    expect(escalations.map((m) => m.to)).toEqual([['nimic.lt@imi.test']]);
    const urgent = await c.call<{ awaitingAcceptance: { id: string; kind: string; escalated: boolean }[] }>('nimic.lt@imi.test', 'GET', '/deadlines?area=PQ');
    expect(urgent.body.awaitingAcceptance.find((i) => i.id === sent.id)).toMatchObject({ kind: 'acceptance', escalated: true });
  });

  it.skipIf(inject('embedded'))('records and sends each reminder once when two server processes sweep the same database at once', async () => {
    const request = await accepted(20);
    const day = plusDays(request.committedReplyBy!, -1);
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const run = () => new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'test/server/sweep-process.ts'], {
        cwd: root, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, DATABASE_URL: inject('databaseUrl'), SMTP_URL: smtp.url, CLOCK: at(day).toISOString() },
      });
      let err = '';
      child.stderr.on('data', (d) => (err += d));
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`sweep process failed: ${err}`))));
    });
    await Promise.all([run(), run()]);
    const [{ n }] = await app.orm.em.fork().execute<{ n: string }[]>(
      `select count(*) as n from reminder where request_id = ? and stage = 'due-soon'`, [request.id]);
    expect(Number(n)).toBe(1);
    expect(mailsAbout(request.caseNumber).filter((m) => m.subject.endsWith('Terminas po kelių dienų'))).toHaveLength(1);
    const [{ unsent }] = await app.orm.em.fork().execute<{ unsent: string }[]>(
      `select count(*) as unsent from notification where request_id = ? and kind = 'deadline-soon' and emailed_at is null`, [request.id]);
    expect(Number(unsent)).toBe(0);
  }, 60_000);
});

describe('daily digest', () => {
  it('sends one e-mail a day listing every pending item of a user who chose the digest, and only once', async () => {
    await c.call('handler2.lt@imi.test', 'PUT', '/me/notification-preferences', { preferences: [{ kind: 'request-received', mode: 'digest' }, { kind: 'message-received', mode: 'digest' }] });
    const first = await c.step('handler.gr@imi.test', await c.draft('handler.gr@imi.test', 'handler2.lt@imi.test'), 'send');
    const second = await c.step('handler.gr@imi.test', await c.draft('handler.gr@imi.test', 'handler2.lt@imi.test'), 'send');
    expect(smtp.messages.filter((m) => m.to.includes('handler2.lt@imi.test'))).toEqual([]);

    const tomorrow = plusDays(new Date().toISOString().slice(0, 10), 1);
    clock.set(new Date(`${tomorrow}T06:30:00Z`));
    await runSweep();
    expect(smtp.messages.filter((m) => m.to.includes('handler2.lt@imi.test'))).toEqual([]);
    clock.set(new Date(`${tomorrow}T07:01:00Z`));
    await runSweep();
    await runSweep();
    const digests = smtp.messages.filter((m) => m.to.includes('handler2.lt@imi.test') && m.subject.includes('dienos suvestinė'));
    expect(digests).toHaveLength(1);
    expect(digests[0].subject).toBe('[IMI] Jūsų dienos suvestinė: 2 pranešimai');
    expect(digests[0].text).toContain(`${first.caseNumber}: Naujas prašymas, į kurį reikia atsakyti`);
    expect(digests[0].text).toContain(`${second.caseNumber}: Naujas prašymas, į kurį reikia atsakyti`);
    expect(digests[0].text).toContain(`http://imi.test/#/requests/${second.id}`);
    await c.call('handler2.lt@imi.test', 'PUT', '/me/notification-preferences', { preferences: [{ kind: 'request-received', mode: 'immediate' }, { kind: 'message-received', mode: 'immediate' }] });
  });
});

describe('scoreboard indicators', () => {
  /**
   * Seven requests sent in January 2025 to one authority, with the outcome of each and what the indicators make of it:
   *
   * | | sent | accepted | first reply | agreed date | state | ratings |
   * |---|---|---|---|---|---|---|
   * | A | 01-02 | +3 d | +10 d (01-12) | committed 01-15 | closed | +/+ |
   * | B | 01-03 | +9 d (late) | +22 d (01-25) | committed 01-20 (late) | closed | −/+ |
   * | C | 01-05 | +3 d | +10 d (01-15), clarified 01-20 | requested 01-20 | closed | +/− |
   * | D | 01-10 | — | — | requested 02-10 | withdrawn before acceptance | |
   * | E | 01-12 | +1 d | — | committed 01-30, passed | accepted | |
   * | F | 01-20 | +2 d | +8 d (01-28) | none | closed | |
   * | G | 01-25 | never | — | requested 02-25, passed | awaiting acceptance | |
   *
   * Accepted within 7 days: D is left out (withdrawn before acceptance): A, C, E, F of A B C E F G = 4/6 = 66.7 % (yellow).
   * Average days to answer: A 10, B 22, C 10 (the clarification does not restart it), F 8 = 50/4 = 12.5 (green).
   * Answered by the agreed date: D (withdrawn) and F (no agreed date) left out; A and C of A B C E G = 2/5 = 40 % (red).
   * Negative ratings of the three rated: timeliness B = 1/3 = 33.3 % (red); effort C = 1/3 = 33.3 % (red).
   */
  it('computes the four indicators as the Single Market Scoreboard does, with their status', async () => {
    const responder = await c.authorityOf('handler2.lu@imi.test');
    const requester = await c.authorityOf('handler.gr@imi.test');
    const rows: [string, string, string | null, string | null, string | null, string | null, string | null, string, string | null, string | null, string | null, string | null][] = [
      ['A', '2025-01-02', '2025-01-05', '2025-01-12', '2025-01-12', '2025-01-15', '2025-01-20', 'CLOSED', '2025-01-14', null, 'positive', 'positive'],
      ['B', '2025-01-03', '2025-01-12', '2025-01-25', '2025-01-25', '2025-01-20', '2025-01-20', 'CLOSED', '2025-01-27', null, 'negative', 'positive'],
      ['C', '2025-01-05', '2025-01-08', '2025-01-15', '2025-01-20', null, '2025-01-20', 'CLOSED', '2025-01-22', null, 'positive', 'negative'],
      ['D', '2025-01-10', null, null, null, null, '2025-02-10', 'WITHDRAWN', null, '2025-01-11', null, null],
      ['E', '2025-01-12', '2025-01-13', null, null, '2025-01-30', '2025-02-12', 'ACCEPTED', null, null, null, null],
      ['F', '2025-01-20', '2025-01-22', '2025-01-28', '2025-01-28', null, null, 'CLOSED', '2025-01-30', null, null, null],
      ['G', '2025-01-25', null, null, null, null, '2025-02-25', 'AWAITING_ACCEPTANCE', null, null, null, null],
    ];
    const ts = (d: string | null) => (d ? `${d}T10:00:00Z` : null);
    for (const [label, sent, acc, first, answered, committed, requested, status, closed, withdrawn, timeliness, effort] of rows) {
      await app.orm.em.fork().execute(
        `insert into request (id, case_number, area_code, question_set_id, requester_id, responder_id, status, questions, created_by, created_at, updated_at,
                              sent_at, accepted_at, first_answered_at, answered_at, committed_reply_by, reply_by, closed_at, withdrawn_at, rating_timeliness, rating_effort)
         values (gen_random_uuid(), ?, 'PQ', ?, ?, ?, ?, '{PQ-001-profession-title}', gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?::date, ?::date, ?, ?, ?, ?)`,
        [`KPI-2025-${label}`, c.questionSetId, requester, responder, status, ts(sent), ts(sent), ts(sent), ts(acc), ts(first), ts(answered), committed, requested,
          ts(closed), ts(withdrawn), timeliness, effort],
      );
    }
    const kpis = await c.call<Record<string, unknown>>('handler2.lu@imi.test', 'GET', `/stats/kpis?authority=${responder}&from=2025-01-01&to=2025-01-31`);
    expect(kpis.status).toBe(200);
    expect(kpis.body).toMatchObject({
      scope: { kind: 'authority', authority: responder },
      acceptedWithin7Days: { value: 66.7, status: 'yellow', numerator: 4, denominator: 6 },
      averageDaysToAnswer: { value: 12.5, status: 'green', count: 4 },
      answeredByAgreedDate: { value: 40, status: 'red', numerator: 2, denominator: 5 },
      negativeRatings: { timeliness: { value: 33.3, status: 'red', numerator: 1, denominator: 3 }, effort: { value: 33.3, status: 'red' } },
    });

    // Month by month, for charts: January has the figures above, February none.
    const trend = await c.call<{ items: { month: string; acceptedWithin7Days: { value: number | null } }[] }>('handler2.lu@imi.test', 'GET', `/stats/kpis/trend?authority=${responder}&from=2025-01-01&to=2025-02-28`);
    expect(trend.body.items.map((i) => [i.month, i.acceptedWithin7Days.value])).toEqual([['2025-01', 66.7], ['2025-02', null]]);

    // A period without requests has no values, rather than zeros that would read as failures.
    const empty = await c.call<Record<string, { value: unknown; status: unknown }>>('handler2.lu@imi.test', 'GET', `/stats/kpis?authority=${responder}&from=2024-01-01&to=2024-01-31`);
    expect(empty.body.acceptedWithin7Days).toMatchObject({ value: null, status: null, denominator: 0 });

    // The state's NIMIC sees its state (and so this authority); another state's coordinator and the authority next door do not.
    const state = await c.call<{ acceptedWithin7Days: { denominator: number } }>('nimic.lu@imi.test', 'GET', '/stats/kpis?from=2025-01-01&to=2025-01-31');
    expect(state.body.acceptedWithin7Days.denominator).toBe(6);
    expect((await c.call('nimic.gr@imi.test', 'GET', `/stats/kpis?authority=${responder}`)).status).toBe(403);
    expect((await c.call('handler.lu@imi.test', 'GET', `/stats/kpis?authority=${responder}`)).status).toBe(403);
    // The Commission sees the network, without personal data.
    const admin = await app.session('admin@imi.test', { mfa: true });
    const network = await app.request('/api/v1/stats/kpis?country=LU&from=2025-01-01&to=2025-01-31', { token: admin });
    expect(((await network.json()) as { acceptedWithin7Days: { denominator: number } }).acceptedWithin7Days.denominator).toBe(6);

    const reversed = await app.request('/api/v1/stats/kpis?from=2025-02-01&to=2025-01-01', { token: await c.token('handler2.lu@imi.test') });
    expect((await problem(reversed)).errors).toEqual([expect.objectContaining({ path: 'from' })]);
  });
});
