import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import type { Clock } from '../../clock.js';
import type { Api } from '../../http/api.js';
import { problems } from '../../http/problem.js';
import { day, kpiView, period } from '../deadlines/routes.js';
import { deadlineCountsByState, kpisByState, requestsPerMonth, resolveScope, type StateCounts } from '../deadlines/service.js';
import type { DeadlineSettings } from '../deadlines/sweep.js';
import type { AuthUser } from '../identity/service.js';
import type { LocaleCode } from '../reference/locales.js';

const overviewQuery = z.object({
  area: z.string().min(1).max(40).optional().describe('Legislative area code, e.g. PQ; default all areas'),
  from: day.describe('First day of the indicators’ period (requests sent from it); default a year before `to`'),
  to: day.describe('Last day of the period; default today. The requests per month cover the 12 months up to it'),
}).refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['from'], message: 'The period starts after it ends' });

const indicators = kpiView.pick({ acceptedWithin7Days: true, averageDaysToAnswer: true, answeredByAgreedDate: true, negativeRatings: true });
const figures = z.object({
  open: z.number().int().describe('Sent requests whose responding authority owes acceptance, a reply or a clarification'),
  overdue: z.number().int().describe('Open requests past their agreed reply date'),
  awaitingAcceptanceOver7Days: z.number().int(),
  kpis: indicators.describe('The four indicators for the requests sent in the period'),
});

export const overviewView = z.object({
  scope: kpiView.shape.scope,
  area: z.string().nullable(),
  period: z.object({ from: z.date(), to: z.date() }),
  today: z.string(),
  states: z.array(figures.extend({ country: z.string(), name: z.string().describe('In the language asked for') })),
  network: figures.nullable().describe('The whole network (for the Commission; null for a coordinator)'),
  requestsPerMonth: z.array(z.object({ month: z.string().describe('YYYY-MM'), count: z.number().int() })).describe('Requests sent in each of the 12 months up to the period’s end'),
});
export type OverviewView = z.infer<typeof overviewView>;

/**
 * The network at a glance, per state of the responding authorities: open, overdue and long-unaccepted requests now, and
 * the four indicators for the period — all 30 states for the Commission, a coordinator's own state with the figures of
 * its scope (a NIMIC its state, other coordinators the authorities they coordinate). Counts only: no personal data.
 */
export async function networkOverview(
  em: EntityManager, user: AuthUser, query: z.output<typeof overviewQuery>, now: Date, settings: DeadlineSettings, lang: LocaleCode,
): Promise<OverviewView> {
  if (query.area) {
    const [known] = await em.execute('select 1 from legislative_area where code = ?', [query.area]);
    if (!known) throw problems.invalid([{ path: 'area', in: 'query', message: `Unknown legislative area ${query.area}` }]);
  }
  const scope = await resolveScope(em, user, {});
  const countries = scope.kind === 'network'
    ? await em.execute<{ code: string }[]>('select code from country')
    : await em.execute<{ code: string }[]>('select country_code as code from authority where id = ?', [user.authorityId]);
  const { from, to } = period(query, now);
  const lastMonth = new Date(to.getTime() - 1);
  const months = { area: query.area, from: new Date(Date.UTC(lastMonth.getUTCFullYear(), lastMonth.getUTCMonth() - 11, 1)), to };
  const [counts, kpis, perMonth] = await Promise.all([
    deadlineCountsByState(em, scope, query.area, now, settings),
    kpisByState(em, scope, { area: query.area, from, to }, now),
    requestsPerMonth(em, scope, months),
  ]);
  const figuresOf = (c: StateCounts, k: (typeof kpis)['total']) => ({ open: c.open, overdue: c.overdue, awaitingAcceptanceOver7Days: c.awaitingAcceptance, kpis: k });
  const names = new Intl.DisplayNames([lang, 'en'], { type: 'region' });
  const collator = new Intl.Collator(lang);
  const states = countries
    .map(({ code }) => ({ country: code, name: names.of(code) ?? code, ...figuresOf(counts.state(code), kpis.state(code)) }))
    .sort((a, b) => collator.compare(a.name, b.name));
  return {
    scope: kpis.scope,
    area: query.area ?? null,
    period: { from, to },
    today: now.toISOString().slice(0, 10),
    states,
    network: scope.kind === 'network' ? figuresOf(counts.total, kpis.total) : null,
    requestsPerMonth: perMonth,
  };
}

export function overviewRoutes(api: Api, clock: Clock, settings: DeadlineSettings): void {
  api.route({
    method: 'get', path: '/admin/overview', operationId: 'networkOverview', tags: ['Administration'], access: { action: 'overview:read' },
    query: overviewQuery, response: overviewView,
    summary: 'Per state: open, overdue and long-unaccepted requests, and the four indicators; requests per month (Commission: the network; coordinators: their scope)',
    handler: ({ em, user, query, lang }) => networkOverview(em, user!, query, clock.now(), settings, lang),
  });
}
