/** The 26 locales of IMI Network: the 24 official EU languages plus Icelandic and Norwegian Bokmål. */
export const localeCodes = [
  'bg', 'cs', 'da', 'de', 'el', 'en', 'es', 'et', 'fi', 'fr', 'ga', 'hr', 'hu',
  'it', 'lt', 'lv', 'mt', 'nl', 'pl', 'pt', 'ro', 'sk', 'sl', 'sv', 'is', 'nb',
] as const;
export type LocaleCode = (typeof localeCodes)[number];

const supported = new Set<string>(localeCodes);
const aliases: Record<string, LocaleCode> = { no: 'nb', nn: 'nb', gsw: 'de' };

export function isLocale(code: string): code is LocaleCode {
  return supported.has(code);
}

/** Picks the best supported locale from an Accept-Language header, honouring q-values; English when none fits. */
export function negotiateLocale(header: string | undefined): LocaleCode {
  if (!header) return 'en';
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.trim().toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1, index };
    })
    .filter((r) => r.tag && r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    const primary = tag.split('-')[0];
    if (isLocale(primary)) return primary;
    if (aliases[primary]) return aliases[primary];
  }
  return 'en';
}

/** A translated text in the wanted locale, else English, else any text there is. */
export function translate(texts: Record<string, string> | null | undefined, lang: string): { text: string; locale: string } | null {
  if (!texts) return null;
  if (texts[lang]) return { text: texts[lang], locale: lang };
  if (texts.en) return { text: texts.en, locale: 'en' };
  const first = Object.entries(texts).find(([, text]) => text);
  return first ? { text: first[1], locale: first[0] } : null;
}
