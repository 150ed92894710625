import type { EntityManager } from '@mikro-orm/postgresql';
import { DAY_MS } from '../../clock.js';
import { join, pgArray, raw, Sql, sql } from '../../db/sql.js';
import { problems } from '../../http/problem.js';
import type { AuthUser } from '../identity/service.js';
import { authorize } from '../identity/policy.js';
import type { LocaleCode } from '../reference/locales.js';
import { authorityRefs, type AuthorityRef } from '../requests/service.js';
import { openDeadlinesSql, type DeadlineSettings } from './sweep.js';

/** Whose requests a list or an indicator covers. */
export type Scope =
  | { kind: 'authority'; authorityId: string }
  | { kind: 'coordination'; authorityIds: string[] }
  | { kind: 'state'; country: string }
  | { kind: 'network'; country?: string };

/** The request filter of a scope, on the responding side: deadlines and indicators measure the one who must answer. */
function scopeFilter(scope: Scope, alias: string): Sql {
  const r = raw(alias);
  switch (scope.kind) {
    case 'authority': return sql`${r}.responder_id = ${scope.authorityId}::uuid`;
    case 'coordination': return sql`${r}.responder_id = any(${pgArray(scope.authorityIds)}::uuid[])`;
    case 'state': return sql`${r}.responder_id in (select id from authority where country_code = ${scope.country})`;
    case 'network': return scope.country ? sql`${r}.responder_id in (select id from authority where country_code = ${scope.country})` : sql`true`;
  }
}

/** The authorities the user's authority coordinates (any relation), in any area. */
async function coordinated(em: EntityManager, authorityId: string): Promise<string[]> {
  const rows = await em.execute<{ authority_id: string }[]>('select distinct authority_id from coordination where coordinator_id = ?', [authorityId]);
  return rows.map((r) => r.authority_id);
}

async function ownKind(em: EntityManager, authorityId: string) {
  const [row] = await em.execute<{ coordinator_kind: string; country_code: string }[]>('select coordinator_kind, country_code from authority where id = ?', [authorityId]);
  return row;
}

/**
 * The scope a user asks for, checked by the policy: an authority (its own or one it coordinates), a state (its NIMIC),
 * the user's coordination (the authorities it coordinates; a NIMIC's is its state), or the network (the Commission).
 * Without a choice: the network for the Commission, the state for a NIMIC, the coordination for other coordinators,
 * else the user's own authority.
 */
export async function resolveScope(em: EntityManager, user: AuthUser, ask: { scope?: 'authority' | 'coordination' | 'network'; authority?: string; country?: string }): Promise<Scope> {
  if (ask.authority) {
    await authorize(em, user, 'stats:read', { authorityId: ask.authority });
    return { kind: 'authority', authorityId: ask.authority };
  }
  if (ask.scope === 'network' || (!ask.scope && user.commissionAdmin)) {
    await authorize(em, user, 'stats:read', ask.country ? { country: ask.country } : {});
    if (!user.commissionAdmin) return { kind: 'state', country: ask.country! };
    return { kind: 'network', country: ask.country };
  }
  if (!user.authorityId) throw problems.forbidden('Your account belongs to no authority; choose the network scope.');
  const own = await ownKind(em, user.authorityId);
  if (ask.country) {
    await authorize(em, user, 'stats:read', { country: ask.country });
    return { kind: 'state', country: ask.country };
  }
  if (ask.scope === 'authority' || (!ask.scope && own.coordinator_kind === 'NONE')) return { kind: 'authority', authorityId: user.authorityId };
  if (own.coordinator_kind === 'NIMIC') return { kind: 'state', country: own.country_code };
  const ids = await coordinated(em, user.authorityId);
  if (ask.scope === 'coordination' && !ids.length) throw problems.forbidden('Your authority coordinates no other authority.');
  return ids.length ? { kind: 'coordination', authorityIds: ids } : { kind: 'authority', authorityId: user.authorityId };
}

const describeScope = (scope: Scope) => ({
  kind: scope.kind,
  authority: scope.kind === 'authority' ? scope.authorityId : null,
  authorities: scope.kind === 'coordination' ? scope.authorityIds.length : null,
  country: scope.kind === 'state' ? scope.country : scope.kind === 'network' ? (scope.country ?? null) : null,
});

export interface DeadlineItem {
  id: string; caseNumber: string; status: string; area: string; kind: 'acceptance' | 'reply'; deadline: string; daysLeft: number;
  escalated: boolean; requester: AuthorityRef; responder: AuthorityRef;
}

interface DeadlineRow {
  id: string; case_number: string; status: string; area_code: string; kind: 'acceptance' | 'reply'; deadline: string; soon: number;
  requester_id: string; responder_id: string; escalated: boolean; list: 'overdue' | 'due-soon' | 'awaiting-acceptance';
}

/**
 * The list an open request (a row `o` of `openDeadlinesSql`) is on today: acceptance more than 7 days late, reply
 * overdue, or deadline due soon (within the area's days, today included); null when none.
 */
const attentionList = (today: string) => sql`
  case when o.kind = 'acceptance' and ${today}::date > o.deadline then 'awaiting-acceptance'
       when o.kind = 'reply' and ${today}::date > o.deadline then 'overdue'
       when ${today}::date >= o.deadline - o.soon then 'due-soon' end`;

/**
 * The deadlines that need someone's attention in a scope (SPEC §6): replies overdue, deadlines due soon (within the
 * area's days, today included), and requests awaiting acceptance for more than 7 days — with counts, and the first
 * items of each list by deadline.
 */
export async function deadlines(em: EntityManager, scope: Scope, area: string | undefined, now: Date, settings: DeadlineSettings, lang: LocaleCode, limit = 100) {
  const today = now.toISOString().slice(0, 10);
  const filters = [scopeFilter(scope, 'o'), ...(area ? [sql`o.area_code = ${area}`] : [])];
  const statement = sql`
    with open as (${new Sql(openDeadlinesSql, [settings.dueSoonDays, settings.escalateAfterDays])}),
    listed as (select o.*, ${attentionList(today)} as list from open o where ${join(filters, ' and ')} and o.deadline <> 'infinity'::date),
    ranked as (select l.*, row_number() over (partition by l.list order by l.deadline, l.id) as n, count(*) over (partition by l.list) as total from listed l where l.list is not null)
    select k.id, r.case_number, k.status, k.area_code, k.kind, k.deadline::text, k.soon, k.requester_id, k.responder_id, k.list, k.total,
           exists (select 1 from reminder m where m.request_id = k.id and m.stage = 'escalated' and m.deadline = k.deadline) as escalated
      from ranked k join request r on r.id = k.id where k.n <= ${limit} order by k.deadline, k.id`;
  const rows = await em.execute<(DeadlineRow & { total: string })[]>(statement.text, statement.params);
  const refs = await authorityRefs(em, rows.flatMap((r) => [r.requester_id, r.responder_id]), lang);
  const totals = { overdue: 0, dueSoon: 0, awaitingAcceptance: 0 };
  const lists: Record<keyof typeof totals, DeadlineItem[]> = { overdue: [], dueSoon: [], awaitingAcceptance: [] };
  for (const row of rows) {
    const key = row.list === 'overdue' ? 'overdue' : row.list === 'due-soon' ? 'dueSoon' : 'awaitingAcceptance';
    totals[key] = Number(row.total);
    lists[key].push({
      id: row.id, caseNumber: row.case_number, status: row.status, area: row.area_code, kind: row.kind, deadline: row.deadline,
      daysLeft: Math.round((Date.parse(`${row.deadline}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS),
      escalated: row.escalated, requester: refs.get(row.requester_id)!, responder: refs.get(row.responder_id)!,
    });
  }
  return { scope: describeScope(scope), today, counts: totals, ...lists };
}

export interface StateCounts { open: number; overdue: number; awaitingAcceptance: number }

/**
 * Per state of the responding authorities, and for the whole scope: the open requests (the responding side owes
 * acceptance, a reply or a clarification), and how many of them are overdue or have awaited acceptance for more than
 * 7 days, judged as the deadline lists judge them. Reads only the open requests (`request_open_idx`).
 */
export async function deadlineCountsByState(em: EntityManager, scope: Scope, area: string | undefined, now: Date, settings: DeadlineSettings) {
  const today = now.toISOString().slice(0, 10);
  const filters = [scopeFilter(scope, 'o'), ...(area ? [sql`o.area_code = ${area}`] : [])];
  const statement = sql`
    with open as (${new Sql(openDeadlinesSql, [settings.dueSoonDays, settings.escalateAfterDays])}),
    listed as (select o.responder_id, ${attentionList(today)} as list from open o where ${join(filters, ' and ')})
    select a.country_code as country, count(*) as open,
           count(*) filter (where l.list = 'overdue') as overdue,
           count(*) filter (where l.list = 'awaiting-acceptance') as awaiting_acceptance
      from listed l join authority a on a.id = l.responder_id
     group by rollup (a.country_code)`;
  const rows = await em.execute<{ country: string | null; open: string; overdue: string; awaiting_acceptance: string }[]>(statement.text, statement.params);
  return byState(rows, (row): StateCounts => ({ open: Number(row.open ?? 0), overdue: Number(row.overdue ?? 0), awaitingAcceptance: Number(row.awaiting_acceptance ?? 0) }));
}

/**
 * The rows of a `group by rollup (country)` read per state — a state without rows reads as an empty row — and in
 * total (the row whose country is null, present even without requests).
 */
function byState<R extends { country: string | null }, T>(rows: R[], read: (row: Partial<R>) => T) {
  const states = new Map(rows.map((row) => [row.country, row]));
  return { state: (country: string): T => read(states.get(country) ?? {}), total: read(states.get(null) ?? {}) };
}

type Status = 'green' | 'yellow' | 'red';

/** The Single Market Scoreboard's thresholds (SPEC §5.3). */
const thresholds: Record<'share' | 'averageDays' | 'negative', (v: number) => Status> = {
  share: (v: number) => (v >= 80 ? 'green' : v >= 60 ? 'yellow' : 'red'),
  averageDays: (v: number) => (v < 16 ? 'green' : v <= 25 ? 'yellow' : 'red'),
  negative: (v: number) => (v < 5 ? 'green' : v < 15 ? 'yellow' : 'red'),
} as const;

const round1 = (v: number) => Math.round(v * 10) / 10;

function share(numerator: number, denominator: number, status: (v: number) => Status): { value: number | null; status: Status | null; numerator: number; denominator: number } {
  if (!denominator) return { value: null, status: null, numerator, denominator };
  const value = (numerator / denominator) * 100;
  return { value: round1(value), status: status(value), numerator, denominator };
}

/**
 * The aggregates behind the four indicators of the Single Market Scoreboard, over requests `r` sent in a period, measured
 * on the responding side:
 * - accepted within 7 days: of the requests sent, those accepted within 7 days of sending; requests withdrawn before
 *   acceptance, and those still within their 7 days, are not counted;
 * - average days to answer: from sending to the first reply, over the requests answered (a clarification round does
 *   not restart it);
 * - answered by the agreed date: of the requests with an agreed date (committed, else requested) that were answered or
 *   whose date has passed unanswered (withdrawn ones aside), those first answered on or before it;
 * - negative ratings: of the closed requests the requester rated, the share rating timeliness, and effort, negative.
 */
function indicatorAggregates(now: Date): Sql {
  const today = now.toISOString().slice(0, 10);
  return sql`
      count(*) filter (where r.accepted_at is not null and r.accepted_at <= r.sent_at + interval '7 days') as accepted_in_time,
      count(*) filter (where not (r.accepted_at is null and r.withdrawn_at is not null)
                         and not (r.accepted_at is null and r.status = 'AWAITING_ACCEPTANCE' and ${now}::timestamptz <= r.sent_at + interval '7 days')) as acceptance_counted,
      avg(extract(epoch from r.first_answered_at - r.sent_at) / 86400) filter (where r.first_answered_at is not null) as average_days,
      count(*) filter (where r.first_answered_at is not null) as answered,
      count(*) filter (where coalesce(r.committed_reply_by, r.reply_by) is not null and r.first_answered_at is not null
                         and (r.first_answered_at at time zone 'UTC')::date <= coalesce(r.committed_reply_by, r.reply_by)) as on_time,
      count(*) filter (where coalesce(r.committed_reply_by, r.reply_by) is not null
                         and (r.first_answered_at is not null
                              or (r.withdrawn_at is null and r.status in ('AWAITING_ACCEPTANCE', 'ACCEPTED', 'AWAITING_REPLY_APPROVAL')
                                  and ${today}::date > coalesce(r.committed_reply_by, r.reply_by)))) as on_time_counted,
      count(*) filter (where r.rating_timeliness = 'negative') as negative_timeliness,
      count(*) filter (where r.rating_effort = 'negative') as negative_effort,
      count(*) filter (where r.rating_timeliness is not null) as rated`;
}

/** The four indicators with their status, from a row of `indicatorAggregates`. */
function indicators(row: Partial<Record<string, string | null>>) {
  const n = (key: string) => Number(row[key] ?? 0);
  const average = (row.average_days ?? null) === null ? null : Number(row.average_days);
  return {
    acceptedWithin7Days: share(n('accepted_in_time'), n('acceptance_counted'), thresholds.share),
    averageDaysToAnswer: { value: average === null ? null : round1(average), status: average === null ? null : thresholds.averageDays(average), count: n('answered') },
    answeredByAgreedDate: share(n('on_time'), n('on_time_counted'), thresholds.share),
    negativeRatings: {
      timeliness: share(n('negative_timeliness'), n('rated'), thresholds.negative),
      effort: share(n('negative_effort'), n('rated'), thresholds.negative),
    },
  };
}

export interface PeriodFilter { area?: string; from: Date; to: Date }

/** The requests of a scope sent in a period, in an area if given. */
const sentIn = (scope: Scope, filter: PeriodFilter) =>
  join([scopeFilter(scope, 'r'), sql`r.sent_at >= ${filter.from} and r.sent_at < ${filter.to}`, ...(filter.area ? [sql`r.area_code = ${filter.area}`] : [])], ' and ');

/** The four indicators of the Single Market Scoreboard (see `indicatorAggregates`) for requests sent in a period. */
export async function kpis(em: EntityManager, scope: Scope, filter: PeriodFilter, now: Date) {
  const statement = sql`select ${indicatorAggregates(now)} from request r where ${sentIn(scope, filter)}`;
  const [row] = await em.execute<Record<string, string | null>[]>(statement.text, statement.params);
  return { scope: describeScope(scope), area: filter.area ?? null, period: { from: filter.from, to: filter.to }, ...indicators(row) };
}

/** The four indicators per state of the responding authorities, and for the whole scope, in one pass over the period. */
export async function kpisByState(em: EntityManager, scope: Scope, filter: PeriodFilter, now: Date) {
  const statement = sql`
    select a.country_code as country, ${indicatorAggregates(now)}
      from request r join authority a on a.id = r.responder_id
     where ${sentIn(scope, filter)}
     group by rollup (a.country_code)`;
  const rows = await em.execute<(Record<string, string | null> & { country: string | null })[]>(statement.text, statement.params);
  return { scope: describeScope(scope), ...byState(rows, indicators) };
}

/**
 * The requests of a scope sent in each calendar month (UTC) from `from` (the first of a month) up to `to`, months
 * without any included: traffic for charts, counted on the responding side like the indicators.
 */
export async function requestsPerMonth(em: EntityManager, scope: Scope, filter: PeriodFilter): Promise<{ month: string; count: number }[]> {
  const statement = sql`
    select to_char(r.sent_at at time zone 'UTC', 'YYYY-MM') as month, count(*) as count
      from request r where ${sentIn(scope, filter)} group by 1`;
  const rows = await em.execute<{ month: string; count: string }[]>(statement.text, statement.params);
  const counts = new Map(rows.map((row) => [row.month, Number(row.count)]));
  const months: { month: string; count: number }[] = [];
  for (let month = filter.from; month < filter.to; month = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 1))) {
    const key = month.toISOString().slice(0, 7);
    months.push({ month: key, count: counts.get(key) ?? 0 });
  }
  return months;
}
