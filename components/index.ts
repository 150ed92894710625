import { ImiProvider } from './core/provider.js';
import './authority-search/define.js';

ImiProvider.define('imi-provider');

export { ImiProvider } from './core/provider.js';
export { ImiAuthoritySearch } from './authority-search/authority-search.js';
export { ImiApi, ApiError, type ImiApiOptions, type ProblemDetails, type AccessTokenCallback } from './core/api.js';
export { configureImi, getImiConfig, imiContext, type ImiConfig } from './core/context.js';
export { getLocale, setLocale, locales, normalizeLocale, resolveLocale, type LocaleCode } from './core/localization.js';
export type { AuthoritySelectDetail, AuthRequiredDetail } from './core/events.js';
