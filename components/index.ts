import { ImiProvider } from './core/provider.js';
import './authority-search/define.js';
import './request-form/define.js';
import './inbox/define.js';
import './request-view/define.js';
import './deadline-monitor/define.js';

ImiProvider.define('imi-provider');

export { ImiProvider } from './core/provider.js';
export { ImiAuthoritySearch } from './authority-search/authority-search.js';
export { ImiRequestForm } from './request-form/request-form.js';
export { ImiAnswerInput } from './request-form/answer-input.js';
export { ImiInbox } from './inbox/inbox.js';
export { ImiRequestView } from './request-view/request-view.js';
export { ImiDeadlineMonitor } from './deadline-monitor/deadline-monitor.js';
export { ImiApi, ApiError, type ImiApiOptions, type ProblemDetails, type AccessTokenCallback } from './core/api.js';
export { configureImi, getImiConfig, imiContext, type ImiConfig } from './core/context.js';
export { getLocale, setLocale, locales, normalizeLocale, resolveLocale, type LocaleCode } from './core/localization.js';
export type {
  AuthoritySelectDetail, AuthRequiredDetail, RequestActionDetail, RequestOpenDetail, RequestSavedDetail, RequestSentDetail,
} from './core/events.js';
export type { RequestSummary, RequestView, TimelineItem, AttachmentView, DeadlineList, Kpis, KpiTrend, QuestionSet } from './core/types.js';
