import { css } from 'lit';
import { baseStyles, sys } from '../components/core/tokens.js';
import { formStyles } from '../components/core/form-styles.js';

/**
 * The console's look: the widgets' system tokens and form styles (`--imi-console-*` fall back to `--imi-sys-*`), plus
 * tables that scroll sideways inside their own box rather than the page at 320 px.
 */
export const consoleStyles = [
  baseStyles,
  formStyles('console'),
  css`
    :host {
      display: block;
    }
    section + section {
      margin-top: ${sys('space-4')};
    }
    .table-wrap {
      max-width: 100%;
      overflow-x: auto;
    }
    table {
      border-collapse: collapse;
      width: 100%;
      font-variant-numeric: tabular-nums;
    }
    caption {
      text-align: start;
      font-weight: ${sys('font-weight-strong')};
      padding-bottom: ${sys('space-2')};
    }
    th,
    td {
      text-align: start;
      vertical-align: top;
      padding: ${sys('space-2')} ${sys('space-3')};
      border-bottom: 1px solid ${sys('color-surface-variant')};
    }
    th {
      font-weight: ${sys('font-weight-strong')};
    }
    td.number,
    th.number {
      text-align: end;
    }
    .toolbar {
      display: flex;
      flex-wrap: wrap;
      align-items: end;
      gap: ${sys('space-3')};
      margin-bottom: ${sys('space-4')};
    }
    .toolbar .field {
      margin-bottom: 0;
    }
    .muted {
      color: ${sys('color-on-surface-muted')};
    }
    .ok {
      color: ${sys('color-on-surface')};
    }
    .notice {
      padding: ${sys('space-3')};
      border-inline-start: 4px solid ${sys('color-primary')};
      background: ${sys('color-surface-variant')};
    }
  `,
];
