import { msg } from '@lit/localize';
import { dayCount } from './due-dates.js';
import { getLocale } from './localization.js';
import type { Kpis } from './types.js';

/** The five figures of the Single Market Scoreboard's four indicators (negative ratings count twice: timeliness, effort). */
export type IndicatorKey = 'acceptedWithin7Days' | 'averageDaysToAnswer' | 'answeredByAgreedDate' | 'negativeTimeliness' | 'negativeEffort';
export type IndicatorStatus = 'green' | 'yellow' | 'red' | null;
export interface Indicator {
  value: number | null;
  status: IndicatorStatus;
}

export const indicatorKeys: readonly IndicatorKey[] = ['acceptedWithin7Days', 'averageDaysToAnswer', 'answeredByAgreedDate', 'negativeTimeliness', 'negativeEffort'];

/** One figure of a set of indicators as the server sends them. */
export function indicatorOf(kpis: Pick<Kpis, 'acceptedWithin7Days' | 'averageDaysToAnswer' | 'answeredByAgreedDate' | 'negativeRatings'>, key: IndicatorKey): Indicator {
  switch (key) {
    case 'negativeTimeliness':
      return kpis.negativeRatings.timeliness;
    case 'negativeEffort':
      return kpis.negativeRatings.effort;
    default:
      return kpis[key];
  }
}

export function indicatorTitle(key: IndicatorKey): string {
  switch (key) {
    case 'acceptedWithin7Days':
      return msg('Accepted within 7 days');
    case 'averageDaysToAnswer':
      return msg('Average time to answer');
    case 'answeredByAgreedDate':
      return msg('Answered by the agreed date');
    case 'negativeTimeliness':
      return msg('Negative ratings of timeliness');
    case 'negativeEffort':
      return msg('Negative ratings of effort');
  }
}

/** The scoreboard's thresholds of an indicator, in words. */
export function indicatorTarget(key: IndicatorKey): string {
  switch (key) {
    case 'acceptedWithin7Days':
    case 'answeredByAgreedDate':
      return msg('Target: 80 % or more; watch from 60 %');
    case 'averageDaysToAnswer':
      return msg('Target: under 16 days; watch up to 25 days');
    case 'negativeTimeliness':
    case 'negativeEffort':
      return msg('Target: under 5 %; watch up to 15 %');
  }
}

/** A value in the active locale: days for the average time to answer, else a percentage; “No data” without one. */
export function formatIndicator(key: IndicatorKey, value: number | null): string {
  if (value === null) return msg('No data');
  if (key === 'averageDaysToAnswer') return dayCount(value);
  return new Intl.NumberFormat(getLocale(), { style: 'percent', maximumFractionDigits: 1 }).format(value / 100);
}

/** The status in words: colour never tells it alone. */
export function statusText(status: IndicatorStatus): string {
  switch (status) {
    case 'green':
      return msg('On target');
    case 'yellow':
      return msg('Watch');
    case 'red':
      return msg('Below target');
    case null:
      return msg('Not enough data');
  }
}

/** The status as a shape: ● on target, ▲ watch, ■ below target, – no data. */
export function statusIcon(status: IndicatorStatus): string {
  return status === 'green' ? '●' : status === 'yellow' ? '▲' : status === 'red' ? '■' : '–';
}
