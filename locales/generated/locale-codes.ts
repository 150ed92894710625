// Do not modify this file by hand!
// Re-generate this file by running lit-localize.

/**
 * The locale code that templates in this source code are written in.
 */
export const sourceLocale = `en`;

/**
 * The other locale codes that this application is localized into. Sorted
 * lexicographically.
 */
export const targetLocales = [
  `bg`,
  `cs`,
  `da`,
  `de`,
  `el`,
  `es`,
  `et`,
  `fi`,
  `fr`,
  `ga`,
  `hr`,
  `hu`,
  `is`,
  `it`,
  `lt`,
  `lv`,
  `mt`,
  `nb`,
  `nl`,
  `pl`,
  `pt`,
  `ro`,
  `sk`,
  `sl`,
  `sv`,
] as const;

/**
 * All valid project locale codes. Sorted lexicographically.
 */
export const allLocales = [
  `bg`,
  `cs`,
  `da`,
  `de`,
  `el`,
  `en`,
  `es`,
  `et`,
  `fi`,
  `fr`,
  `ga`,
  `hr`,
  `hu`,
  `is`,
  `it`,
  `lt`,
  `lv`,
  `mt`,
  `nb`,
  `nl`,
  `pl`,
  `pt`,
  `ro`,
  `sk`,
  `sl`,
  `sv`,
] as const;
