import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * No user-visible text outside `msg()`: every `html` template of the widgets, the console and the demo portal is read
 * with the TypeScript parser, and its literal parts — text between tags, and the attributes a user reads or hears
 * (aria-label, title, placeholder, alt, label …) — must hold no letters. Text that is not language (symbols, digits,
 * punctuation, entities) is allowed; so are the product's own name and e-mail addresses. A template passed whole to
 * `msg()` is a message itself.
 */
const roots = ['components', 'console', 'demo'];
const spokenAttributes = ['aria-label', 'aria-description', 'aria-roledescription', 'aria-valuetext', 'aria-placeholder', 'title', 'placeholder', 'alt', 'label'];
/** What is the same in every locale: the product's name, and e-mail addresses (the demo accounts). */
const untranslatable = /\bIMI( Network)?\b|[\w.+-]+@[\w.-]+/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !entry.name.endsWith('.styles.ts') ? [path] : [];
  });
}

/** The literal parts of every html`…` template of a file, with the line each starts on. */
function templates(file: string): { line: number; parts: string[] }[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: { line: number; parts: string[] }[] = [];
  const visit = (node: ts.Node) => {
    // msg(html`…`) is itself a message, translated with its markup.
    const inMessage = node.parent !== undefined && ts.isCallExpression(node.parent) && node.parent.expression.getText(source) === 'msg';
    if (ts.isTaggedTemplateExpression(node) && node.tag.getText(source) === 'html' && !inMessage) {
      const t = node.template;
      const parts = ts.isNoSubstitutionTemplateLiteral(t) ? [t.rawText ?? t.text] : [t.head.rawText ?? t.head.text, ...t.templateSpans.map((s) => s.literal.rawText ?? s.literal.text)];
      found.push({ line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1, parts });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const hasLanguage = (text: string) => /\p{L}{2,}/u.test(text.replace(/&[a-z]+;|&#\d+;/gi, '').replace(untranslatable, ''));

/** What a user would read in a template: its text between tags, and its spoken attributes' literal values. */
export function literalText(parts: string[]): string[] {
  // Expressions become a marker that holds no letters; comments go.
  const markup = parts.join('\u0001').replace(/<!--[\s\S]*?-->/g, '');
  const problems: string[] = [];
  const tag = /<\/?[a-zA-Z][^>]*>/g;
  for (const match of markup.matchAll(tag)) {
    for (const name of spokenAttributes) {
      const value = new RegExp(`\\s[.?]?${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>"']+))`).exec(match[0]);
      const text = value ? value[1] ?? value[2] ?? value[3] : null;
      if (text && hasLanguage(text)) problems.push(`${name}="${text}"`);
    }
  }
  for (const text of markup.split(tag)) {
    if (hasLanguage(text)) problems.push(text.replace(/\u0001/g, '${…}').trim());
  }
  return problems;
}

describe('user-visible text', () => {
  it('would notice literal text and spoken attributes, and let expressions, symbols and the product name pass', () => {
    expect(literalText(['<p>Hello ', '</p>'])).toEqual(['Hello ${…}']);
    expect(literalText(['<button aria-label="Close">×</button>'])).toEqual(['aria-label="Close"']);
    expect(literalText(['<p>', ' · ', ' (IMI)</p>', '<input placeholder=', '>', ' (admin@imi.test)'])).toEqual([]);
  });

  it('is only ever written through msg() in the widgets, the console and the demo portal', () => {
    const files = roots.flatMap((root) => sourceFiles(root));
    expect(files.length).toBeGreaterThan(20);
    const all = files.flatMap((file) => templates(file).map((t) => ({ file, ...t })));
    expect(all.length, 'templates read').toBeGreaterThan(200);
    const found = all.flatMap(({ file, line, parts }) => literalText(parts).map((text) => `${file}:${line}: ${text}`));
    expect(found).toEqual([]);
  });
});
