import { z } from 'zod';
import type { Api } from '../../http/api.js';
import { problems } from '../../http/problem.js';
import type { Logger } from '../../logger.js';
import { localeCodes } from '../reference/locales.js';
import { idParams } from '../requests/schemas.js';
import type { TranslationProvider } from './provider.js';
import { translateText } from './service.js';

const translationBody = z.object({
  field: z.enum(['freeText', 'replyText', 'event']),
  eventId: z.string().regex(/^\d{1,18}$/, 'The id of a step of the timeline').optional(),
  to: z.enum(localeCodes),
}).strict().superRefine((body, ctx) => {
  if (body.field === 'event' && body.eventId === undefined) ctx.addIssue({ code: 'custom', path: ['eventId'], message: 'Required to translate the text of a timeline step' });
  if (body.field !== 'event' && body.eventId !== undefined) ctx.addIssue({ code: 'custom', path: ['eventId'], message: 'Only for field event' });
});

const text = z.object({ text: z.string(), lang: z.string().nullable() });
const translationView = z.object({
  original: text,
  translation: z.object({ text: z.string(), lang: z.string(), machine: z.literal(true), provider: z.string(), cached: z.boolean() }),
});

const availability = z.object({ available: z.boolean(), provider: z.string().nullable() });

/**
 * Machine translation of free texts (SPEC §5.5), with `provider` null where none is configured: then the widgets learn
 * from `GET /machine-translation` that the feature is off, and translating answers 404.
 */
export function translationRoutes(api: Api, deps: { provider: TranslationProvider | null; logger: Logger }): void {
  const tags = ['Requests'];
  api.route({
    method: 'get', path: '/machine-translation', operationId: 'machineTranslation', tags, access: 'public', response: availability,
    summary: 'Whether free texts can be machine-translated here, and by which provider',
    handler: async () => ({ available: deps.provider !== null, provider: deps.provider?.name ?? null }),
  });
  api.route({
    method: 'post', path: '/requests/{id}/translations', operationId: 'translateRequestText', tags, access: 'signed-in', params: idParams,
    body: translationBody, response: translationView,
    summary: 'Machine-translate a free text of a request (its free text, reply text or a timeline step\'s text), shown next to the original',
    description: 'The same need to know as the request view applies, and the read is audited (`request.machine-translate`): the text goes to the '
      + 'configured provider unless it was translated into that language before. 404 when no provider is configured; 503 when it fails or does not answer in time.',
    handler: ({ em, user, params, body, ip }) => {
      if (!deps.provider) throw problems.notFound('Machine translation is not configured on this server.');
      return translateText(em, deps.provider, deps.logger, user!, params.id, body, ip);
    },
  });
}
