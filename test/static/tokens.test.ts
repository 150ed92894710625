import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CSSResult } from 'lit';
import { describe, expect, it } from 'vitest';
import { systemTokenDefaults } from '../../components/core/tokens.js';

/**
 * The design tokens (SPEC §7, STYLE.md): every custom property a widget's styles read is either a system token that
 * exists (`--imi-sys-*`) or one of the widget's own component tokens documented with `@cssprop`; every documented
 * component token is read by its styles, and every system token by some widget. A renamed or forgotten token fails here.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const widgets = [
  { tag: 'authority-search', source: 'components/authority-search/authority-search.ts', styles: 'components/authority-search/authority-search.styles.ts' },
  { tag: 'inbox', source: 'components/inbox/inbox.ts', styles: 'components/inbox/inbox.styles.ts' },
  { tag: 'deadline-monitor', source: 'components/deadline-monitor/deadline-monitor.ts', styles: 'components/deadline-monitor/deadline-monitor.styles.ts' },
  { tag: 'request-form', source: 'components/request-form/request-form.ts', styles: 'components/request-form/request-form.styles.ts' },
  { tag: 'answer-input', source: 'components/request-form/answer-input.ts', styles: 'components/request-form/answer-input.styles.ts' },
  { tag: 'request-view', source: 'components/request-view/request-view.ts', styles: 'components/request-view/request-view.styles.ts' },
];

type Styles = CSSResult | Styles[];
const cssText = (styles: Styles): string => (Array.isArray(styles) ? styles.map(cssText).join('\n') : styles.cssText);

/** The custom properties a stylesheet reads with `var()`. */
const read = (css: string) => new Set([...css.matchAll(/var\(\s*(--imi-[a-z0-9-]+)/g)].map(([, name]) => name));

async function widgetTokens(widget: (typeof widgets)[number]) {
  const module = (await import(`${root}${widget.styles}`)) as Record<string, Styles>;
  const used = read(Object.values(module).map(cssText).join('\n'));
  const documented = new Set([...readFileSync(`${root}${widget.source}`, 'utf8').matchAll(/@cssprop\s+(--imi-[a-z0-9-]+)/g)].map(([, name]) => name));
  return { used, documented };
}

describe('design tokens', () => {
  it.each(widgets)('<imi-$tag> reads only documented component tokens and existing system tokens, and documents none it does not read', async (widget) => {
    const { used, documented } = await widgetTokens(widget);
    const own = `--imi-${widget.tag}-`;
    const undefinedSystem = [...used].filter((name) => name.startsWith('--imi-sys-') && !(name.slice('--imi-sys-'.length) in systemTokenDefaults));
    const undocumented = [...used].filter((name) => !name.startsWith('--imi-sys-') && !documented.has(name));
    const foreign = [...used].filter((name) => !name.startsWith('--imi-sys-') && !name.startsWith(own));
    const unused = [...documented].filter((name) => !used.has(name));
    expect({ undefinedSystem, undocumented, foreign, unused }).toEqual({ undefinedSystem: [], undocumented: [], foreign: [], unused: [] });
    expect(documented.size).toBeGreaterThan(0);
  });

  it('uses every system token in some widget', async () => {
    const used = new Set<string>();
    for (const widget of widgets) for (const name of (await widgetTokens(widget)).used) used.add(name);
    const unused = Object.keys(systemTokenDefaults).filter((name) => !used.has(`--imi-sys-${name}`));
    expect(unused).toEqual([]);
  });
});
