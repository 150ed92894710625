import { css, unsafeCSS, type CSSResult } from 'lit';
import { sys, type SystemToken } from './tokens.js';

/** The component tokens every form-bearing widget documents, with the system token each falls back to. */
const formTokens = {
  'text-color': 'color-on-surface',
  'muted-color': 'color-on-surface-muted',
  'accent-color': 'color-primary',
  'on-accent-color': 'color-on-primary',
  'field-background': 'color-surface',
  'border-color': 'color-outline',
  'error-color': 'color-error',
  'error-background': 'color-error-container',
  radius: 'radius-small',
  gap: 'space-4',
} as const satisfies Record<string, SystemToken>;

/**
 * Fields, buttons, hints, errors and states shared by the request form and the request view, read through the
 * widget's own tokens (`--imi-<component>-*`), which fall back to the system tokens.
 */
export function formStyles(component: string): CSSResult {
  const token = (name: keyof typeof formTokens) => unsafeCSS(`var(--imi-${component}-${name}, ${sys(formTokens[name]).cssText})`);
  return css`
    :host {
      display: block;
      max-width: 100%;
      min-width: 0;
      overflow-wrap: anywhere;
      hyphens: auto;
      color: ${token('text-color')};
    }
    h2,
    h3 {
      margin: 0 0 ${sys('space-3')};
      font-size: 1.125rem;
      line-height: 1.3;
      color: ${token('accent-color')};
    }
    h3 {
      font-size: 1rem;
    }
    section,
    fieldset {
      min-width: 0;
    }
    fieldset {
      margin: 0;
      border: 1px solid ${token('border-color')};
      border-radius: ${token('radius')};
      padding: ${sys('space-3')};
    }
    legend {
      padding: 0 ${sys('space-1')};
      font-weight: ${sys('font-weight-strong')};
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: ${sys('space-3')} ${token('gap')};
    }
    .row > .field {
      flex: 1 1 14rem;
    }
    .field {
      display: flex;
      flex-direction: column;
      gap: ${sys('space-1')};
      min-width: 0;
      margin-bottom: ${sys('space-3')};
    }
    .field.narrow {
      max-width: 24rem;
    }
    label,
    .label {
      font-weight: ${sys('font-weight-strong')};
    }
    .required,
    .hint,
    .tag {
      font-weight: normal;
      font-size: ${sys('font-size-small')};
      color: ${token('muted-color')};
    }
    .hint {
      margin: 0;
    }
    .tag {
      display: inline-block;
      margin-inline-start: ${sys('space-1')};
      padding: 0 ${sys('space-1')};
      border: 1px solid ${token('border-color')};
      border-radius: ${token('radius')};
    }
    input:not([type='checkbox'], [type='radio']),
    select,
    textarea,
    button {
      font: inherit;
      color: inherit;
      max-width: 100%;
    }
    input:not([type='checkbox'], [type='radio'], [type='file']),
    select,
    textarea {
      width: 100%;
      min-height: 2.75rem;
      padding: ${sys('space-2')} ${sys('space-3')};
      background: ${token('field-background')};
      border: 2px solid ${token('border-color')};
      border-radius: ${token('radius')};
    }
    input[type='checkbox'],
    input[type='radio'] {
      flex: none;
      width: 1.5rem;
      height: 1.5rem;
      margin: 0;
      accent-color: ${token('accent-color')};
    }
    input[type='file'] {
      min-height: 2.75rem;
      max-width: 100%;
    }
    [aria-invalid='true'] {
      border-color: ${token('error-color')} !important;
    }
    .choice {
      display: flex;
      align-items: flex-start;
      gap: ${sys('space-2')};
      min-height: 2.75rem;
      min-width: 0;
      padding: ${sys('space-2')} 0;
      font-weight: normal;
      cursor: pointer;
    }
    .error {
      margin: ${sys('space-1')} 0 0;
      font-weight: ${sys('font-weight-strong')};
      color: ${token('error-color')};
    }
    button {
      min-height: 2.75rem;
      min-width: 2.75rem;
      padding: ${sys('space-2')} ${sys('space-4')};
      color: ${token('accent-color')};
      background: ${token('field-background')};
      border: 2px solid ${token('accent-color')};
      border-radius: ${token('radius')};
      cursor: pointer;
    }
    button.primary {
      color: ${token('on-accent-color')};
      background: ${token('accent-color')};
    }
    button.small {
      min-height: 2rem;
      padding: ${sys('space-1')} ${sys('space-3')};
      font-size: ${sys('font-size-small')};
    }
    button:disabled {
      cursor: not-allowed;
      opacity: 0.6;
    }
    button.link {
      min-height: 1.5rem;
      padding: 0;
      border: 0;
      background: none;
      text-decoration: underline;
    }
    a {
      color: ${token('accent-color')};
    }
    :focus-visible {
      outline: ${sys('focus-ring-width')} solid ${sys('color-focus')};
      outline-offset: ${sys('focus-ring-offset')};
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: ${sys('space-3')};
    }
    .state {
      margin: 0;
      padding: ${sys('space-3')} 0;
    }
    .problem,
    .summary {
      display: grid;
      gap: ${sys('space-2')};
      justify-items: start;
      padding: ${sys('space-3')};
      color: ${token('text-color')};
      background: ${token('error-background')};
      border-inline-start: 4px solid ${token('error-color')};
      border-radius: ${token('radius')};
    }
    .problem p,
    .summary h2,
    .summary ul {
      margin: 0;
    }
    .summary h2,
    .problem .title {
      font-weight: ${sys('font-weight-strong')};
      color: ${token('error-color')};
    }
    .summary a {
      color: ${token('error-color')};
      font-weight: ${sys('font-weight-strong')};
    }
    progress {
      width: 100%;
      max-width: 24rem;
    }
  `;
}
