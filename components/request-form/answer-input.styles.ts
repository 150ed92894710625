import { css } from 'lit';
import { baseStyles, sys } from '../core/tokens.js';

export const answerInputStyles = [
  baseStyles,
  css`
    :host {
      display: block;
      min-width: 0;
      overflow-wrap: anywhere;
      hyphens: auto;
      color: var(--imi-answer-input-text-color, ${sys('color-on-surface')});
    }
    fieldset {
      min-width: 0;
      margin: 0;
      padding: 0;
      border: 0;
    }
    legend,
    label[for] {
      display: block;
      padding: 0;
      margin-bottom: ${sys('space-1')};
      font-weight: ${sys('font-weight-strong')};
    }
    .required,
    .help,
    .file {
      font-weight: normal;
      font-size: ${sys('font-size-small')};
      color: var(--imi-answer-input-muted-color, ${sys('color-on-surface-muted')});
    }
    .help,
    .file {
      margin: 0 0 ${sys('space-2')};
    }
    .choices {
      display: flex;
      flex-wrap: wrap;
      gap: ${sys('space-1')} ${sys('space-4')};
    }
    .choice {
      display: flex;
      align-items: flex-start;
      gap: ${sys('space-2')};
      min-height: 2.75rem;
      min-width: 0;
      padding: ${sys('space-2')} 0;
      cursor: pointer;
    }
    .choice input {
      flex: none;
      width: 1.5rem;
      height: 1.5rem;
      margin: 0;
      accent-color: var(--imi-answer-input-accent-color, ${sys('color-primary')});
    }
    input:not([type='radio'], [type='checkbox']),
    textarea {
      display: block;
      width: 100%;
      max-width: 100%;
      min-height: 2.75rem;
      padding: ${sys('space-2')} ${sys('space-3')};
      font: inherit;
      color: inherit;
      background: var(--imi-answer-input-field-background, ${sys('color-surface')});
      border: 2px solid var(--imi-answer-input-border-color, ${sys('color-outline')});
      border-radius: var(--imi-answer-input-radius, ${sys('radius-small')});
    }
    [aria-invalid='true'] input:not([type='radio'], [type='checkbox']),
    input[aria-invalid='true'],
    textarea[aria-invalid='true'] {
      border-color: var(--imi-answer-input-error-color, ${sys('color-error')});
    }
    progress {
      display: block;
      width: 100%;
      margin-top: ${sys('space-2')};
    }
    .error {
      margin: ${sys('space-1')} 0 0;
      font-weight: ${sys('font-weight-strong')};
      color: var(--imi-answer-input-error-color, ${sys('color-error')});
    }
  `,
];
