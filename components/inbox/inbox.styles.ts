import { css } from 'lit';
import { baseStyles, sys } from '../core/tokens.js';

export const inboxStyles = [
  baseStyles,
  css`
    :host {
      display: block;
      max-width: 100%;
      min-width: 0;
      overflow-wrap: anywhere;
      hyphens: auto;
      container-type: inline-size;
      color: var(--imi-inbox-text-color, ${sys('color-on-surface')});
    }

    button,
    input,
    select {
      font: inherit;
      color: inherit;
      max-width: 100%;
    }
    button {
      min-height: 2.75rem;
      padding: ${sys('space-2')} ${sys('space-4')};
      color: var(--imi-inbox-accent-color, ${sys('color-primary')});
      background: var(--imi-inbox-field-background, ${sys('color-surface')});
      border: 2px solid var(--imi-inbox-accent-color, ${sys('color-primary')});
      border-radius: var(--imi-inbox-radius, ${sys('radius-small')});
      cursor: pointer;
    }
    button:hover {
      background: var(--imi-inbox-row-active-background, ${sys('color-primary-container')});
    }
    :focus-visible,
    button:focus-visible,
    input:focus-visible,
    select:focus-visible {
      outline: ${sys('focus-ring-width')} solid var(--imi-inbox-focus-color, ${sys('color-focus')});
      outline-offset: ${sys('focus-ring-offset')};
    }

    .boxes {
      display: flex;
      flex-wrap: wrap;
      gap: ${sys('space-2')};
      margin-bottom: var(--imi-inbox-gap, ${sys('space-3')});
    }
    .boxes button {
      flex: 1 1 8rem;
      min-width: 0;
    }
    .boxes button[aria-pressed='true'] {
      color: var(--imi-inbox-on-accent-color, ${sys('color-on-primary')});
      background: var(--imi-inbox-accent-color, ${sys('color-primary')});
      font-weight: ${sys('font-weight-strong')};
      text-decoration: underline;
      text-underline-offset: 0.2em;
    }

    .filters {
      display: flex;
      flex-wrap: wrap;
      gap: var(--imi-inbox-gap, ${sys('space-3')});
      margin-bottom: var(--imi-inbox-gap, ${sys('space-3')});
    }
    .filter {
      display: flex;
      flex: 1 1 10rem;
      flex-direction: column;
      gap: ${sys('space-1')};
      min-width: 0;
    }
    .filter.search {
      flex-basis: 16rem;
    }
    label {
      font-weight: ${sys('font-weight-strong')};
    }
    .hint {
      font-size: ${sys('font-size-small')};
      color: var(--imi-inbox-muted-color, ${sys('color-on-surface-muted')});
    }
    input,
    select {
      width: 100%;
      min-height: 2.75rem;
      padding: ${sys('space-2')} ${sys('space-3')};
      background: var(--imi-inbox-field-background, ${sys('color-surface')});
      border: 2px solid var(--imi-inbox-border-color, ${sys('color-outline')});
      border-radius: var(--imi-inbox-radius, ${sys('radius-small')});
    }

    .grid {
      border: 1px solid var(--imi-inbox-border-color, ${sys('color-outline')});
      border-radius: var(--imi-inbox-radius, ${sys('radius-small')});
    }
    .row {
      display: grid;
      grid-template-columns: minmax(0, 1fr) minmax(0, 1fr) minmax(0, 2fr) minmax(0, 1.5fr);
    }
    .head .row {
      font-weight: ${sys('font-weight-strong')};
      background: var(--imi-inbox-header-background, ${sys('color-surface-variant')});
    }
    [role='columnheader'],
    .cell {
      min-width: 0;
      padding: ${sys('space-2')} ${sys('space-3')};
    }
    .body .row {
      min-height: 2.75rem;
      border-top: 1px solid var(--imi-inbox-divider-color, ${sys('color-surface-variant')});
      border-inline-start: 4px solid transparent;
      cursor: pointer;
      /* Placed by the virtualizer: each row spans the list. */
      width: 100%;
    }
    .body .row:hover {
      background: var(--imi-inbox-row-hover-background, ${sys('color-surface-variant')});
    }
    .body .row:focus-within {
      background: var(--imi-inbox-row-active-background, ${sys('color-primary-container')});
      border-inline-start-color: var(--imi-inbox-accent-color, ${sys('color-primary')});
    }
    .cell:focus-visible {
      outline-offset: -${sys('focus-ring-width')};
    }
    .case {
      font-weight: ${sys('font-weight-strong')};
      color: var(--imi-inbox-accent-color, ${sys('color-primary')});
      font-variant-numeric: tabular-nums;
    }
    .unread .case {
      font-weight: 800;
    }
    .unread-mark {
      margin-inline-end: ${sys('space-1')};
      color: var(--imi-inbox-accent-color, ${sys('color-primary')});
    }
    .country,
    .relative,
    .muted,
    .arrow {
      color: var(--imi-inbox-muted-color, ${sys('color-on-surface-muted')});
    }
    .arrow {
      margin: 0 ${sys('space-1')};
    }
    .due {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: ${sys('space-1')} ${sys('space-2')};
    }
    .due > * {
      min-width: 0;
    }
    .relative {
      font-size: ${sys('font-size-small')};
    }
    .badge {
      display: inline-flex;
      align-items: center;
      gap: ${sys('space-1')};
      padding: 0 ${sys('space-2')};
      font-size: ${sys('font-size-small')};
      font-weight: ${sys('font-weight-strong')};
      border: 2px solid;
    }
    .badge.overdue {
      color: var(--imi-inbox-overdue-color, ${sys('color-error')});
      background: var(--imi-inbox-overdue-background, ${sys('color-error-container')});
      border-radius: 0;
    }
    .badge.soon {
      color: var(--imi-inbox-due-soon-color, ${sys('color-on-surface')});
      background: var(--imi-inbox-due-soon-background, ${sys('color-surface-variant')});
      border-style: dashed;
      border-radius: 999px;
    }

    .message {
      margin: 0;
      padding: ${sys('space-2')} ${sys('space-3')};
    }
    .error {
      display: grid;
      gap: ${sys('space-2')};
      justify-items: start;
      margin-top: ${sys('space-2')};
      padding: ${sys('space-3')};
      color: var(--imi-inbox-error-color, ${sys('color-error')});
      background: var(--imi-inbox-error-background, ${sys('color-error-container')});
      border-inline-start: 4px solid var(--imi-inbox-error-color, ${sys('color-error')});
    }
    .error p {
      margin: 0;
    }
    .error .title {
      font-weight: ${sys('font-weight-strong')};
    }
    .more {
      display: block;
      margin-top: ${sys('space-3')};
    }

    /* Narrow: each request becomes a card; the column headers stay for screen readers only. */
    @container (max-width: 40rem) {
      .head {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip: rect(0 0 0 0);
        white-space: nowrap;
      }
      .row {
        grid-template-columns: minmax(0, 1fr);
      }
      .cell {
        padding-block: ${sys('space-1')};
      }
    }
  `,
];
