import { css } from 'lit';
import { baseStyles, sys } from '../core/tokens.js';

const green = css`var(--imi-deadline-monitor-green-color, #1d6b34)`;
const yellow = css`var(--imi-deadline-monitor-yellow-color, #7a4d00)`;
const red = css`var(--imi-deadline-monitor-red-color, ${sys('color-error')})`;

export const deadlineMonitorStyles = [
  baseStyles,
  css`
    :host {
      display: block;
      max-width: 100%;
      min-width: 0;
      overflow-wrap: anywhere;
      hyphens: auto;
      color: var(--imi-deadline-monitor-text-color, ${sys('color-on-surface')});
    }
    :focus-visible {
      outline: ${sys('focus-ring-width')} solid var(--imi-deadline-monitor-focus-color, ${sys('color-focus')});
      outline-offset: ${sys('focus-ring-offset')};
    }
    h3,
    h4,
    p {
      margin: 0;
    }
    h3 {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: ${sys('space-2')};
      font-size: 1.125rem;
    }
    h4 {
      font-size: 1rem;
    }

    .sections,
    .cards {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 16rem), 1fr));
      gap: var(--imi-deadline-monitor-gap, ${sys('space-4')});
    }
    .sections {
      margin-bottom: var(--imi-deadline-monitor-gap, ${sys('space-4')});
    }
    .section,
    .indicator {
      display: flex;
      flex-direction: column;
      gap: ${sys('space-2')};
      min-width: 0;
      padding: ${sys('space-3')};
      background: var(--imi-deadline-monitor-surface, ${sys('color-surface')});
      border: 1px solid var(--imi-deadline-monitor-border-color, ${sys('color-outline')});
      border-radius: var(--imi-deadline-monitor-radius, ${sys('radius-medium')});
    }
    .section.overdue {
      border-top: 4px solid ${red};
    }
    .title {
      min-width: 0;
    }
    .count {
      min-width: 1.75rem;
      padding: 0 ${sys('space-2')};
      text-align: center;
      border: 2px solid currentColor;
      border-radius: 999px;
      font-variant-numeric: tabular-nums;
    }
    .items {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .items li + li {
      border-top: 1px solid var(--imi-deadline-monitor-divider-color, ${sys('color-surface-variant')});
    }
    .item {
      display: grid;
      gap: 0.125rem;
      min-height: 2.75rem;
      min-width: 0;
      padding: ${sys('space-2')};
      border-inline-start: 4px solid transparent;
      cursor: pointer;
      content-visibility: auto;
      contain-intrinsic-size: auto 6rem;
    }
    .item:hover,
    .item:focus {
      background: var(--imi-deadline-monitor-item-hover-background, ${sys('color-primary-container')});
      border-inline-start-color: var(--imi-deadline-monitor-accent-color, ${sys('color-primary')});
    }
    .item:focus-visible {
      outline-offset: -${sys('focus-ring-width')};
    }
    .case {
      font-weight: ${sys('font-weight-strong')};
      color: var(--imi-deadline-monitor-accent-color, ${sys('color-primary')});
    }
    .overdue .when {
      color: ${red};
      font-weight: ${sys('font-weight-strong')};
    }
    .when .icon,
    .escalated .icon {
      margin-inline-end: ${sys('space-1')};
    }
    .date,
    .parties,
    .target,
    .more,
    .empty {
      font-size: ${sys('font-size-small')};
      color: var(--imi-deadline-monitor-muted-color, ${sys('color-on-surface-muted')});
    }
    .parties {
      display: grid;
    }
    .escalated {
      font-size: ${sys('font-size-small')};
      font-weight: ${sys('font-weight-strong')};
    }

    .indicators {
      display: grid;
      gap: ${sys('space-3')};
    }
    .value {
      font-size: 1.5rem;
      font-weight: ${sys('font-weight-strong')};
      font-variant-numeric: tabular-nums;
    }
    .status {
      display: flex;
      align-items: center;
      gap: ${sys('space-2')};
      font-weight: ${sys('font-weight-strong')};
    }
    .status .icon {
      font-size: 1.25rem;
      line-height: 1;
    }
    .status.green {
      color: ${green};
    }
    .status.yellow {
      color: ${yellow};
    }
    .status.red {
      color: ${red};
    }
    .status.none {
      color: var(--imi-deadline-monitor-muted-color, ${sys('color-on-surface-muted')});
    }
    .chart {
      width: 100%;
      height: 4.5rem;
      overflow: visible;
    }
    .chart .axis {
      stroke: var(--imi-deadline-monitor-divider-color, ${sys('color-surface-variant')});
      stroke-width: 1;
    }
    .chart .line {
      fill: none;
      stroke: var(--imi-deadline-monitor-accent-color, ${sys('color-primary')});
      stroke-width: 2;
      vector-effect: non-scaling-stroke;
    }
    .chart .point {
      fill: var(--imi-deadline-monitor-accent-color, ${sys('color-primary')});
    }
    .chart .point.green {
      fill: ${green};
    }
    .chart .point.yellow {
      fill: ${yellow};
    }
    .chart .point.red {
      fill: ${red};
    }
    summary {
      min-height: 1.5rem;
      cursor: pointer;
      color: var(--imi-deadline-monitor-accent-color, ${sys('color-primary')});
    }
    table {
      width: 100%;
      margin-top: ${sys('space-2')};
      border-collapse: collapse;
      font-size: ${sys('font-size-small')};
    }
    th,
    td {
      padding: ${sys('space-1')};
      text-align: start;
      border-bottom: 1px solid var(--imi-deadline-monitor-divider-color, ${sys('color-surface-variant')});
    }

    .message {
      padding: ${sys('space-2')} 0;
    }
    .error {
      display: grid;
      gap: ${sys('space-2')};
      justify-items: start;
      margin-bottom: ${sys('space-3')};
      padding: ${sys('space-3')};
      color: var(--imi-deadline-monitor-error-color, ${sys('color-error')});
      background: var(--imi-deadline-monitor-error-background, ${sys('color-error-container')});
      border-inline-start: 4px solid var(--imi-deadline-monitor-error-color, ${sys('color-error')});
    }
    .error .title {
      font-weight: ${sys('font-weight-strong')};
    }
    button {
      min-height: 2.75rem;
      padding: ${sys('space-2')} ${sys('space-4')};
      font: inherit;
      color: var(--imi-deadline-monitor-accent-color, ${sys('color-primary')});
      background: var(--imi-deadline-monitor-surface, ${sys('color-surface')});
      border: 2px solid var(--imi-deadline-monitor-accent-color, ${sys('color-primary')});
      border-radius: var(--imi-deadline-monitor-radius, ${sys('radius-medium')});
      cursor: pointer;
    }
  `,
];
