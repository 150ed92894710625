import { css, unsafeCSS, type CSSResult } from 'lit';

/**
 * System tokens (`--imi-sys-*`): the page may set any of them on an ancestor of the widgets; the values below are the
 * defaults. They meet WCAG 2.2 AA on the default surface `#ffffff`: text colours at least 4.5:1, borders and the focus
 * ring at least 3:1, and a focus ring 3px wide.
 *
 * Widgets read them only through their component tokens (`--imi-<component>-*`), which fall back to these.
 */
export const systemTokenDefaults = {
  'color-surface': '#ffffff',
  'color-surface-variant': '#f3f4f6',
  'color-on-surface': '#1b1d21', // 16.8:1 on the surface
  'color-on-surface-muted': '#4b5260', // 7.8:1 on the surface, 6.7:1 on the primary container
  'color-primary': '#1d4f91', // 8.1:1 on the surface
  'color-on-primary': '#ffffff',
  'color-primary-container': '#e6eef9', // the primary colour on it: 7.0:1, the text colour 14.4:1
  'color-outline': '#6b7280', // 4.8:1 on the surface
  'color-error': '#b3261e', // 6.5:1 on the surface, 5.7:1 on the error container
  'color-error-container': '#fdecea',
  'color-focus': '#0b3d91', // 10.0:1 on the surface
  'font-family': 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif',
  'font-size': '1rem',
  'font-size-small': '0.875rem',
  'font-line-height': '1.5',
  'font-weight-strong': '600',
  'space-1': '0.25rem',
  'space-2': '0.5rem',
  'space-3': '0.75rem',
  'space-4': '1rem',
  'radius-small': '0.25rem',
  'radius-medium': '0.5rem',
  'focus-ring-width': '3px',
  'focus-ring-offset': '2px',
} as const;

export type SystemToken = keyof typeof systemTokenDefaults;

/** `var(--imi-sys-<name>, <default>)`, for use inside static `css` templates. */
export function sys(name: SystemToken): CSSResult {
  return unsafeCSS(`var(--imi-sys-${name}, ${systemTokenDefaults[name]})`);
}

/** Styles every IMI element shares: box sizing, the base font, the visible focus indicator and the hidden-text helper. */
export const baseStyles = css`
  :host {
    box-sizing: border-box;
    font-family: ${sys('font-family')};
    font-size: ${sys('font-size')};
    line-height: ${sys('font-line-height')};
    color: ${sys('color-on-surface')};
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  [hidden] {
    display: none !important;
  }
  :focus-visible {
    outline: ${sys('focus-ring-width')} solid ${sys('color-focus')};
    outline-offset: ${sys('focus-ring-offset')};
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
`;
