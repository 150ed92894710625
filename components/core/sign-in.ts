import { msg, str } from '@lit/localize';
import { ApiError } from './api.js';
import { getLocale, type LocaleCode } from './localization.js';

/** Each language named in itself, for language switchers. */
export const nativeNames: Record<LocaleCode, string> = {
  bg: 'Български', cs: 'Čeština', da: 'Dansk', de: 'Deutsch', el: 'Ελληνικά', en: 'English', es: 'Español',
  et: 'Eesti', fi: 'Suomi', fr: 'Français', ga: 'Gaeilge', hr: 'Hrvatski', hu: 'Magyar', it: 'Italiano',
  lt: 'Lietuvių', lv: 'Latviešu', mt: 'Malti', nl: 'Nederlands', pl: 'Polski', pt: 'Português', ro: 'Română',
  sk: 'Slovenčina', sl: 'Slovenščina', sv: 'Svenska', is: 'Íslenska', nb: 'Norsk bokmål',
};

export type FieldErrors<F extends string> = Partial<Record<F, string>>;

/** The server's message for each of `fields` named in a 400 problem (the first one per field). */
export function fieldErrorsOf<F extends string>(error: unknown, fields: readonly F[]): FieldErrors<F> {
  const found: FieldErrors<F> = {};
  if (!(error instanceof ApiError)) return found;
  for (const { path, message } of error.errors ?? []) {
    const field = fields.find((name) => name === path);
    if (field && !found[field]) found[field] = message;
  }
  return found;
}

/** What to tell a user whose sign-ins the server throttled (429), with the wait it asked for. */
export function tooManySignIns(retryAfterSeconds: number | undefined): string {
  if (retryAfterSeconds === undefined) return msg('Too many failed sign-ins. Wait a few minutes before you try again.');
  // A bare number, not Intl's unit format: the browsers lack the unit names of some of the 26 languages (ga, is, mt).
  const minutes = new Intl.NumberFormat(getLocale()).format(Math.max(1, Math.ceil(retryAfterSeconds / 60)));
  return msg(str`Too many failed sign-ins. Time to wait before you try again, in minutes: ${minutes}.`);
}

export const signInFields = ['email', 'password', 'totp'] as const;
export type SignInField = (typeof signInFields)[number];

/** What a refused sign-in means for the form: ask for the authenticator code, mark fields, or say why. */
export type SignInFailure =
  | { kind: 'ask-code' }
  | { kind: 'fields'; errors: FieldErrors<SignInField>; first: SignInField }
  | { kind: 'message'; message: string };

/** `codeAsked`: whether the form already shows the field for the authenticator code. */
export function signInFailure(error: unknown, codeAsked: boolean): SignInFailure {
  if (error instanceof ApiError && error.status === 429) return { kind: 'message', message: tooManySignIns(error.retryAfter) };
  const errors = fieldErrorsOf(error, signInFields);
  // Not a mistake of the user: the account has a second factor, so the form asks for it.
  if (errors.totp && !codeAsked) return { kind: 'ask-code' };
  const first = signInFields.find((field) => errors[field]);
  if (first) return { kind: 'fields', errors, first };
  return { kind: 'message', message: error instanceof ApiError && error.detail ? error.detail : msg('Sign-in failed.') };
}

/**
 * Event handlers for a page's language switcher (a native select) that change the language only once the user has
 * chosen (WCAG 3.2.2, on input): a pick with the pointer applies at once, but arrowing through a closed select — where
 * Chromium fires `change` on every step — applies on Enter or when the focus leaves the select.
 */
export function languageSwitcher(apply: (locale: string) => void) {
  let browsingByKeyboard = false;
  let pending: string | undefined;
  const commit = () => {
    if (pending !== undefined) apply(pending);
    pending = undefined;
    browsingByKeyboard = false;
  };
  return {
    keydown: (event: KeyboardEvent) => {
      if (event.key === 'Enter') commit();
      else if (event.key !== 'Tab') browsingByKeyboard = true;
    },
    pointerdown: () => {
      browsingByKeyboard = false;
    },
    change: (event: Event) => {
      pending = (event.target as HTMLSelectElement).value;
      if (!browsingByKeyboard) commit();
    },
    blur: commit,
  };
}
