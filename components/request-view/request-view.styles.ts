import { css } from 'lit';
import { formStyles } from '../core/form-styles.js';
import { baseStyles, sys } from '../core/tokens.js';

export const requestViewStyles = [
  baseStyles,
  formStyles('request-view'),
  css`
    article {
      display: grid;
      gap: var(--imi-request-view-gap, ${sys('space-4')});
      min-width: 0;
    }
    header,
    section {
      min-width: 0;
      padding: ${sys('space-4')};
      background: var(--imi-request-view-section-background, ${sys('color-surface')});
      border: 1px solid var(--imi-request-view-border-color, ${sys('color-outline')});
      border-radius: var(--imi-request-view-radius, ${sys('radius-small')});
    }
    header h2 {
      margin-bottom: ${sys('space-2')};
    }
    .badge {
      display: inline-block;
      margin: 0 0 ${sys('space-3')};
      padding: ${sys('space-1')} ${sys('space-3')};
      font-weight: ${sys('font-weight-strong')};
      background: var(--imi-request-view-status-background, ${sys('color-primary-container')});
      border-radius: var(--imi-request-view-radius, ${sys('radius-small')});
    }
    .facts {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 14rem), 1fr));
      gap: ${sys('space-3')};
      margin: 0;
    }
    .facts div {
      min-width: 0;
    }
    dt {
      font-size: ${sys('font-size-small')};
      color: var(--imi-request-view-muted-color, ${sys('color-on-surface-muted')});
    }
    dd {
      margin: 0;
    }
    .qa,
    .timeline {
      display: grid;
      gap: ${sys('space-3')};
      margin: 0;
      padding-inline-start: ${sys('space-4')};
    }
    .qa p,
    .timeline p,
    .text p {
      margin: 0;
    }
    .question {
      font-weight: ${sys('font-weight-strong')};
    }
    .timeline li {
      padding-inline-start: ${sys('space-2')};
      border-inline-start: 2px solid var(--imi-request-view-border-color, ${sys('color-outline')});
    }
    .step {
      display: flex;
      flex-wrap: wrap;
      gap: 0 ${sys('space-2')};
    }
    time {
      color: var(--imi-request-view-muted-color, ${sys('color-on-surface-muted')});
    }
    .original {
      white-space: pre-line;
    }
    .translate,
    .translation {
      display: grid;
      justify-items: start;
      gap: ${sys('space-1')};
      margin-top: ${sys('space-2')};
    }
    .translation {
      padding-inline-start: ${sys('space-3')};
      border-inline-start: 4px solid var(--imi-request-view-border-color, ${sys('color-outline')});
    }
    .translated {
      white-space: pre-line;
    }
    .translate-error {
      color: var(--imi-request-view-error-color, ${sys('color-error')});
    }
    .text + .text {
      margin-top: ${sys('space-3')};
    }
    .redacted,
    .redacted-note,
    .protection-note {
      margin: 0;
      padding: ${sys('space-2')} ${sys('space-3')};
      background: var(--imi-request-view-redacted-background, ${sys('color-surface-variant')});
      border-radius: var(--imi-request-view-radius, ${sys('radius-small')});
    }
    .protection-note {
      border-inline-start: 4px solid var(--imi-request-view-accent-color, ${sys('color-primary')});
    }
    .files {
      display: grid;
      gap: ${sys('space-1')};
      margin: 0;
      padding-inline-start: ${sys('space-4')};
    }
    .notice {
      margin: 0;
      padding: ${sys('space-3')};
      border-inline-start: 4px solid var(--imi-request-view-accent-color, ${sys('color-primary')});
      background: var(--imi-request-view-status-background, ${sys('color-primary-container')});
    }
    .action-form {
      display: grid;
      gap: ${sys('space-3')};
      min-width: 0;
      padding: ${sys('space-4')};
      background: var(--imi-request-view-status-background, ${sys('color-primary-container')});
      border-radius: var(--imi-request-view-radius, ${sys('radius-small')});
    }
    .action-form .field {
      margin-bottom: 0;
    }
    .answers {
      display: grid;
      gap: ${sys('space-4')};
    }
    .chosen {
      margin: 0;
      font-weight: ${sys('font-weight-strong')};
    }
  `,
];
