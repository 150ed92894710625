import { configureLocalization, type LocaleModule } from '@lit/localize';
import { allLocales, sourceLocale, targetLocales } from '../../locales/generated/locale-codes.js';

/** The 26 locales of the UI: the 24 official EU languages plus Icelandic and Norwegian Bokmål. */
export const locales = allLocales;
export type LocaleCode = (typeof allLocales)[number];
type TargetLocale = (typeof targetLocales)[number];

// Literal specifiers, so that every bundler and the test server see each locale module (a template literal is not followed).
const loaders: Record<TargetLocale, () => Promise<LocaleModule>> = {
  bg: () => import('../../locales/generated/bg.js'),
  cs: () => import('../../locales/generated/cs.js'),
  da: () => import('../../locales/generated/da.js'),
  de: () => import('../../locales/generated/de.js'),
  el: () => import('../../locales/generated/el.js'),
  es: () => import('../../locales/generated/es.js'),
  et: () => import('../../locales/generated/et.js'),
  fi: () => import('../../locales/generated/fi.js'),
  fr: () => import('../../locales/generated/fr.js'),
  ga: () => import('../../locales/generated/ga.js'),
  hr: () => import('../../locales/generated/hr.js'),
  hu: () => import('../../locales/generated/hu.js'),
  it: () => import('../../locales/generated/it.js'),
  lt: () => import('../../locales/generated/lt.js'),
  lv: () => import('../../locales/generated/lv.js'),
  mt: () => import('../../locales/generated/mt.js'),
  nl: () => import('../../locales/generated/nl.js'),
  pl: () => import('../../locales/generated/pl.js'),
  pt: () => import('../../locales/generated/pt.js'),
  ro: () => import('../../locales/generated/ro.js'),
  sk: () => import('../../locales/generated/sk.js'),
  sl: () => import('../../locales/generated/sl.js'),
  sv: () => import('../../locales/generated/sv.js'),
  is: () => import('../../locales/generated/is.js'),
  nb: () => import('../../locales/generated/nb.js'),
};

type Localization = ReturnType<typeof configureLocalization>;
const key = Symbol.for('imi-network.localization');
const registry = globalThis as typeof globalThis & { [key]?: Localization };

// @lit/localize may be configured once per page; a second copy of the widgets reuses the first configuration.
const localization = (registry[key] ??= configureLocalization({
  sourceLocale,
  targetLocales,
  loadLocale: (locale) => loaders[locale as TargetLocale](),
}));

export const getLocale = (): LocaleCode => localization.getLocale() as LocaleCode;
export const setLocale = (locale: LocaleCode): Promise<void> => localization.setLocale(locale);

const aliases: Record<string, LocaleCode> = { no: 'nb', nn: 'nb' };
const supported = new Set<string>(allLocales);

/** Maps a BCP 47 tag to a UI locale: `de-AT` → `de`, `no`/`nn` → `nb`; undefined when the language is not one of the 26. */
export function normalizeLocale(tag: string | null | undefined): LocaleCode | undefined {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
  if (!primary) return undefined;
  if (supported.has(primary)) return primary as LocaleCode;
  return aliases[primary];
}

/**
 * The UI locale of an element: its own `lang`, else the closest ancestor's `lang` (across shadow roots), else
 * `<html lang>`, else English. A language the UI is not translated into also gives English.
 */
export function resolveLocale(element: Element): LocaleCode {
  let node: Element | null = element;
  while (node) {
    const lang = node.getAttribute('lang');
    if (lang) return normalizeLocale(lang) ?? sourceLocale;
    node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host ?? null);
  }
  return sourceLocale;
}
