/**
 * Folds text for language-independent matching: lower case, no diacritics, letters that Unicode does not decompose
 * mapped to their base (ł → l, ß → ss, ø → o …), punctuation to spaces. The same function folds the stored search texts
 * and the user's query, so the database compares like with like on both PostgreSQL and the embedded database without
 * relying on the unaccent extension.
 */
const SPECIAL: Record<string, string> = {
  ß: 'ss', ẞ: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ħ: 'h', ŀ: 'l', ŋ: 'n', ς: 'σ',
};

export function fold(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[ßẞæœøłđðþıħŀŋς]/g, (c) => SPECIAL[c] ?? c)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The words of a folded query as a PostgreSQL `simple` tsquery with prefix matching on every word. */
export function prefixTsQuery(folded: string): string {
  return folded
    .split(' ')
    .filter(Boolean)
    .map((word) => `${word}:*`)
    .join(' & ');
}
