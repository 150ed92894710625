import type { z } from 'zod';
import type { deadlineView, kpiTrend, kpiView } from '../../server/modules/deadlines/routes.js';
import type { attachmentView, requestSummary, requestView, timelineItem } from '../../server/modules/requests/schemas.js';
import type { getQuestionSet } from '../../server/modules/questions/service.js';

/**
 * The shapes the widgets receive, taken from the server's own schemas (`import type`: erased from the bundles). Dates
 * arrive as ISO strings in JSON.
 */
type Json<T> = T extends Date ? string : T extends (infer U)[] ? Json<U>[] : T extends object ? { [K in keyof T]: Json<T[K]> } : T;

export type RequestView = Json<z.output<typeof requestView>>;
export type RequestSummary = Json<z.output<typeof requestSummary>>;
export type TimelineItem = Json<z.output<typeof timelineItem>>;
export type AttachmentView = Json<z.output<typeof attachmentView>>;
export type DeadlineList = Json<z.output<typeof deadlineView>>;
export type Kpis = Json<z.output<typeof kpiView>>;
export type QuestionSet = Json<Awaited<ReturnType<typeof getQuestionSet>>>;
export type RequestAction = RequestView['allowedActions'][number];
export type RequestStatus = RequestView['status'];
export type KpiTrend = Json<z.output<typeof kpiTrend>>;
