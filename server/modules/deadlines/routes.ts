import { z } from 'zod';
import type { Clock } from '../../clock.js';
import type { Api } from '../../http/api.js';
import { deadlines, kpis, resolveScope } from './service.js';
import type { DeadlineSettings } from './sweep.js';

const country = z.string().regex(/^[A-Z]{2}$/, 'An ISO 3166 alpha-2 code in capitals, e.g. FR').optional();
const area = z.string().min(1).max(40).optional();
export const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'A date as YYYY-MM-DD').refine((d) => !Number.isNaN(Date.parse(d)), 'Not a calendar date').optional();

const deadlineQuery = z.object({
  scope: z.enum(['authority', 'coordination', 'network']).optional().describe('Default: the network for the Commission, the state for a NIMIC, the coordination for coordinators, else your authority'),
  country,
  area,
});
const kpiQuery = z.object({
  country, area,
  authority: z.string().uuid('Not an authority id').optional(),
  from: day.describe('First day of the period (requests sent from it); default a year before `to`'),
  to: day.describe('Last day of the period; default today'),
}).refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['from'], message: 'The period starts after it ends' });

const scopeView = z.object({ kind: z.string(), authority: z.string().nullable(), authorities: z.number().nullable(), country: z.string().nullable() });
const authorityRef = z.object({ id: z.string(), country: z.string(), officialName: z.string(), designation: z.string() });
const deadlineItem = z.object({
  id: z.string(), caseNumber: z.string(), status: z.string(), area: z.string(), kind: z.enum(['acceptance', 'reply']), deadline: z.string(),
  daysLeft: z.number().describe('Days to the deadline; negative when it passed'), escalated: z.boolean(), requester: authorityRef, responder: authorityRef,
});
export const deadlineView = z.object({
  scope: scopeView, today: z.string(),
  counts: z.object({ overdue: z.number(), dueSoon: z.number(), awaitingAcceptance: z.number() }),
  overdue: z.array(deadlineItem), dueSoon: z.array(deadlineItem), awaitingAcceptance: z.array(deadlineItem),
});
const status = z.enum(['green', 'yellow', 'red']).nullable();
const shareView = z.object({ value: z.number().nullable().describe('Percent'), status, numerator: z.number(), denominator: z.number() });
export const kpiView = z.object({
  scope: scopeView, area: z.string().nullable(), period: z.object({ from: z.date(), to: z.date() }),
  acceptedWithin7Days: shareView,
  averageDaysToAnswer: z.object({ value: z.number().nullable(), status, count: z.number() }),
  answeredByAgreedDate: shareView,
  negativeRatings: z.object({ timeliness: shareView, effort: shareView }),
});

export const kpiTrend = z.object({ items: z.array(kpiView.extend({ month: z.string() })) });

/** The period of a KPI query: requests sent from `from` up to the end of `to` (default: the last 12 months). */
export function period(query: { from?: string; to?: string }, now: Date): { from: Date; to: Date } {
  const to = query.to ? new Date(Date.parse(`${query.to}T00:00:00Z`) + 86_400_000) : now;
  const from = query.from ? new Date(`${query.from}T00:00:00Z`) : new Date(to.getTime() - 365 * 86_400_000);
  return { from, to };
}

export function deadlineRoutes(api: Api, clock: Clock, settings: DeadlineSettings): void {
  const tags = ['Deadlines and indicators'];
  api.route({
    method: 'get', path: '/deadlines', operationId: 'deadlines', tags, access: 'signed-in', query: deadlineQuery, response: deadlineView,
    summary: 'Overdue replies, deadlines due soon, and requests awaiting acceptance for more than 7 days, with counts',
    description: 'The urgent list: an authority sees its own, a coordinator the authorities it coordinates, a NIMIC its state, the Commission the network.',
    handler: async ({ em, user, query, lang }) => deadlines(em, await resolveScope(em, user!, query), query.area, clock.now(), settings, lang),
  });
  api.route({
    method: 'get', path: '/stats/kpis', operationId: 'kpis', tags, access: 'signed-in', query: kpiQuery, response: kpiView,
    summary: 'The four Single Market Scoreboard indicators with their green / yellow / red status, for a scope and a period',
    handler: async ({ em, user, query }) => {
      const scope = await resolveScope(em, user!, { authority: query.authority, country: query.country });
      return kpis(em, scope, { area: query.area, ...period(query, clock.now()) }, clock.now());
    },
  });
  api.route({
    method: 'get', path: '/stats/kpis/trend', operationId: 'kpiTrend', tags, access: 'signed-in', query: kpiQuery, response: kpiTrend,
    summary: 'The four indicators month by month over the period (default the last 12 months), for charts',
    handler: async ({ em, user, query }) => {
      const scope = await resolveScope(em, user!, { authority: query.authority, country: query.country });
      const { from, to } = period(query, clock.now());
      const items = [];
      for (let month = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), 1)); month < to; month = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 1))) {
        const end = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 1));
        items.push({ month: month.toISOString().slice(0, 7), ...await kpis(em, scope, { area: query.area, from: month, to: end < to ? end : to }, clock.now()) });
      }
      return { items };
    },
  });
}
