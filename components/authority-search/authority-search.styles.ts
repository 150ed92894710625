import { css } from 'lit';
import { baseStyles, sys } from '../core/tokens.js';

export const authoritySearchStyles = [
  baseStyles,
  css`
    :host {
      display: block;
      max-width: 100%;
      min-width: 0;
      overflow-wrap: anywhere;
      hyphens: auto;
      color: var(--imi-authority-search-text-color, ${sys('color-on-surface')});
    }

    .filters {
      display: flex;
      flex-wrap: wrap;
      gap: var(--imi-authority-search-gap, ${sys('space-3')});
      margin: 0 0 var(--imi-authority-search-gap, ${sys('space-3')});
    }
    .filter {
      display: flex;
      flex: 1 1 12rem;
      flex-direction: column;
      gap: ${sys('space-1')};
      min-width: 0;
    }

    label,
    .label {
      font-weight: ${sys('font-weight-strong')};
    }
    .hint {
      margin: ${sys('space-1')} 0 ${sys('space-2')};
      font-size: ${sys('font-size-small')};
      color: var(--imi-authority-search-muted-color, ${sys('color-on-surface-muted')});
    }

    input,
    select,
    button {
      font: inherit;
      color: inherit;
      max-width: 100%;
    }
    input,
    select {
      width: 100%;
      min-height: 2.75rem;
      padding: ${sys('space-2')} ${sys('space-3')};
      background: var(--imi-authority-search-field-background, ${sys('color-surface')});
      border: 2px solid var(--imi-authority-search-border-color, ${sys('color-outline')});
      border-radius: var(--imi-authority-search-radius, ${sys('radius-small')});
    }
    input:focus-visible,
    select:focus-visible,
    button:focus-visible {
      outline: ${sys('focus-ring-width')} solid var(--imi-authority-search-focus-color, ${sys('color-focus')});
      outline-offset: ${sys('focus-ring-offset')};
    }

    .results {
      margin-top: ${sys('space-2')};
      background: var(--imi-authority-search-results-background, ${sys('color-surface')});
      border: 1px solid var(--imi-authority-search-border-color, ${sys('color-outline')});
      border-radius: var(--imi-authority-search-radius, ${sys('radius-small')});
    }
    [role='listbox'] {
      margin: 0;
      padding: 0;
      list-style: none;
      max-height: var(--imi-authority-search-results-max-height, none);
      overflow-y: auto;
    }
    [role='option'] {
      display: grid;
      gap: 0.125rem;
      padding: ${sys('space-2')} ${sys('space-3')};
      border-inline-start: 4px solid transparent;
      cursor: pointer;
    }
    [role='option'] + [role='option'] {
      border-top: 1px solid var(--imi-authority-search-divider-color, ${sys('color-surface-variant')});
    }
    [role='option']:hover {
      background: var(--imi-authority-search-option-hover-background, ${sys('color-surface-variant')});
    }
    [role='option'][aria-selected='true'] {
      background: var(--imi-authority-search-option-active-background, ${sys('color-primary-container')});
      border-inline-start-color: var(--imi-authority-search-accent-color, ${sys('color-primary')});
    }
    .designation {
      font-weight: ${sys('font-weight-strong')};
      color: var(--imi-authority-search-accent-color, ${sys('color-primary')});
    }
    .official,
    .place,
    .reason {
      font-size: ${sys('font-size-small')};
    }
    .place,
    .reason {
      color: var(--imi-authority-search-muted-color, ${sys('color-on-surface-muted')});
    }
    .reason mark {
      background: none;
      color: inherit;
      font-weight: ${sys('font-weight-strong')};
    }

    .message {
      margin: 0;
      padding: ${sys('space-2')} ${sys('space-3')};
    }
    .error {
      display: grid;
      gap: ${sys('space-2')};
      justify-items: start;
      padding: ${sys('space-3')};
      color: var(--imi-authority-search-error-color, ${sys('color-error')});
      background: var(--imi-authority-search-error-background, ${sys('color-error-container')});
      border-inline-start: 4px solid var(--imi-authority-search-error-color, ${sys('color-error')});
    }
    .error p {
      margin: 0;
    }
    .error .title {
      font-weight: ${sys('font-weight-strong')};
    }

    button {
      min-height: 2.75rem;
      padding: ${sys('space-2')} ${sys('space-4')};
      color: var(--imi-authority-search-accent-color, ${sys('color-primary')});
      background: var(--imi-authority-search-field-background, ${sys('color-surface')});
      border: 2px solid var(--imi-authority-search-accent-color, ${sys('color-primary')});
      border-radius: var(--imi-authority-search-radius, ${sys('radius-small')});
      cursor: pointer;
    }
    button:hover {
      background: var(--imi-authority-search-option-active-background, ${sys('color-primary-container')});
    }
    .more {
      display: block;
      margin: ${sys('space-2')} ${sys('space-3')} ${sys('space-3')};
    }
  `,
];
