import { css } from 'lit';
import { formStyles } from '../core/form-styles.js';
import { baseStyles, sys } from '../core/tokens.js';

export const requestFormStyles = [
  baseStyles,
  formStyles('request-form'),
  css`
    form {
      display: grid;
      gap: var(--imi-request-form-gap, ${sys('space-4')});
      min-width: 0;
    }
    section,
    fieldset.personal {
      padding: ${sys('space-4')};
      background: var(--imi-request-form-section-background, ${sys('color-surface')});
      border: 1px solid var(--imi-request-form-border-color, ${sys('color-outline')});
      border-radius: var(--imi-request-form-radius, ${sys('radius-small')});
    }
    fieldset.personal {
      background: var(--imi-request-form-personal-background, ${sys('color-surface-variant')});
    }
    fieldset.personal > .hint {
      margin-bottom: ${sys('space-3')};
    }
    fieldset.group {
      margin-top: ${sys('space-3')};
    }
    .question {
      display: flex;
      align-items: flex-start;
      gap: ${sys('space-2')};
      min-width: 0;
      padding: ${sys('space-2')} 0;
    }
    .question label {
      flex: 1;
      min-width: 0;
      font-weight: normal;
      cursor: pointer;
    }
    .chosen {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: ${sys('space-2')};
      margin: 0 0 ${sys('space-3')};
      font-weight: ${sys('font-weight-strong')};
    }
    .files {
      display: grid;
      gap: ${sys('space-2')};
      margin: 0;
      padding-inline-start: ${sys('space-4')};
    }
    .saved {
      margin: 0;
      font-size: ${sys('font-size-small')};
      color: var(--imi-request-form-muted-color, ${sys('color-on-surface-muted')});
    }
    .sent {
      padding: ${sys('space-4')};
      border-inline-start: 4px solid var(--imi-request-form-accent-color, ${sys('color-primary')});
      background: var(--imi-request-form-section-background, ${sys('color-surface')});
    }
  `,
];
