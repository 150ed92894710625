import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const config = JSON.parse(readFileSync(`${root}lit-localize.json`, 'utf8')) as {
  sourceLocale: string;
  targetLocales: string[];
  interchange: { xliffDir: string };
  output: { outputDir: string };
};
const xliffDir = `${root}${config.interchange.xliffDir.replace(/^\.\//, '')}`;
const generatedDir = `${root}${config.output.outputDir.replace(/^\.\//, '')}`;

/** The 24 official EU languages other than English, plus Icelandic and Norwegian Bokmål (SPEC §5.5). */
const requiredLocales = ['bg', 'cs', 'da', 'de', 'el', 'es', 'et', 'fi', 'fr', 'ga', 'hr', 'hu', 'it', 'lt', 'lv', 'mt', 'nl', 'pl', 'pt', 'ro', 'sk', 'sl', 'sv', 'is', 'nb'];

interface Unit {
  id: string;
  source: string;
  target: string | null;
}

function units(xliff: string): Unit[] {
  return [...xliff.matchAll(/<trans-unit\b[^>]*\bid="([^"]+)"[^>]*>([\s\S]*?)<\/trans-unit>/g)].map(([, id, body]) => ({
    id,
    source: /<source>([\s\S]*?)<\/source>/.exec(body)?.[1] ?? '',
    target: /<target(?:\s[^>]*)?>([\s\S]*?)<\/target>/.exec(body)?.[1] ?? null,
  }));
}

/** The placeholders of a message (`<x id="0" equiv-text="${name}"/>`), sorted, so a translation may reorder them. */
function placeholders(text: string): string[] {
  return [...text.matchAll(/<x\b[^>]*\/>/g)].map(([x]) => x.replace(/\s+/g, ' ')).sort();
}

function visibleText(text: string): string {
  return text.replace(/<x\b[^>]*\/>/g, '').trim();
}

describe('translations', () => {
  it('configures every required locale', () => {
    expect([...config.targetLocales].sort()).toEqual([...requiredLocales].sort());
    expect(config.sourceLocale).toBe('en');
  });

  it('has an XLIFF file for every target locale', () => {
    const files = readdirSync(xliffDir).filter((file) => file.endsWith('.xlf'));
    const missing = requiredLocales.filter((locale) => !files.includes(`${locale}.xlf`));
    expect(missing, `missing XLIFF files: ${missing.join(', ')}`).toEqual([]);
  });

  // Every message extracted into any of the files: each file must carry all of them.
  const reference = [
    ...new Map(
      readdirSync(xliffDir)
        .filter((file) => file.endsWith('.xlf'))
        .flatMap((file) => units(readFileSync(`${xliffDir}${file}`, 'utf8')))
        .map((unit) => [unit.id, unit]),
    ).values(),
  ];

  it('extracts the messages of the widgets', () => {
    expect(reference.length).toBeGreaterThan(0);
  });

  describe.each(requiredLocales)('%s', (locale) => {
    const path = `${xliffDir}${locale}.xlf`;
    const found = existsSync(path) ? units(readFileSync(path, 'utf8')) : [];

    it('translates every message', () => {
      const ids = new Set(found.map((unit) => unit.id));
      const absent = reference.filter((unit) => !ids.has(unit.id)).map((unit) => unit.id);
      expect(absent, `messages missing from ${locale}.xlf`).toEqual([]);
      const untranslated = found.filter((unit) => unit.target === null || visibleText(unit.target) === '').map((unit) => `${unit.id}: ${unit.source}`);
      expect(untranslated, `messages without a translation in ${locale}.xlf`).toEqual([]);
    });

    it('keeps the placeholders of every message', () => {
      const broken = found
        .filter((unit) => unit.target !== null && placeholders(unit.source).join() !== placeholders(unit.target).join())
        .map((unit) => `${unit.id}: ${unit.target}`);
      expect(broken, `placeholders changed in ${locale}.xlf`).toEqual([]);
    });

    it('has a generated locale module', () => {
      expect(existsSync(`${generatedDir}/${locale}.ts`), `run npx lit-localize build: ${locale}.ts is missing`).toBe(true);
    });
  });
});
