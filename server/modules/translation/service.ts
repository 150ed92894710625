import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { problems } from '../../http/problem.js';
import type { Logger } from '../../logger.js';
import { audit } from '../audit/service.js';
import type { AuthUser } from '../identity/service.js';
import { openRequest } from '../requests/access.js';
import { replyReleased } from '../requests/service.js';
import { TranslationUnavailable, type TranslationProvider } from './provider.js';

export type TranslatableField = 'freeText' | 'replyText' | 'event';

export interface TranslationInput {
  field: TranslatableField;
  /** The timeline step whose text to translate, for `event`. */
  eventId?: string;
  to: string;
}

export interface TranslationView {
  original: { text: string; lang: string | null };
  translation: { text: string; lang: string; machine: true; provider: string; cached: boolean };
}

/** The name of a field in the audit log, as the request view and the timeline log their reads. */
const auditField: Record<TranslatableField, string> = { freeText: 'freeText', replyText: 'replyText', event: 'timeline.text' };

/**
 * A free text of a request, machine-translated into `to` (SPEC §5.5), next to its original. The same checks as the
 * request view decide whether the user may read the text (need to know, blocking, the reply before its release); the
 * read is audited as the disclosure to the provider it may be. A text translated before into the same language is
 * answered from the cache without calling the provider.
 */
export async function translateText(
  em: EntityManager, provider: TranslationProvider, logger: Logger, user: AuthUser, id: string, input: TranslationInput, ip: string | null,
): Promise<TranslationView> {
  const { facts, standing: s } = await openRequest(em, user, id);
  if (s.blocked) throw problems.forbidden('The personal data of this request are blocked: they are no longer read or translated.');
  if (!s.personal) throw problems.forbidden('This text is personal data outside your need to know.');
  const seesReply = s.responderSide || replyReleased.includes(facts.status) || !s.requesterSide;

  let original: { text: string | null; lang: string | null } | undefined;
  if (input.field === 'event') {
    [original] = await em.execute<{ text: string | null; lang: string | null }[]>(
      'select text, text_lang as lang from request_event where id = ? and request_id = ?', [input.eventId!, id]);
  } else {
    const [row] = await em.execute<{ free_text: string | null; free_text_lang: string | null; reply_text: string | null; reply_text_lang: string | null }[]>(
      'select free_text, free_text_lang, reply_text, reply_text_lang from request where id = ?', [id]);
    original = input.field === 'freeText'
      ? { text: row.free_text, lang: row.free_text_lang }
      : { text: seesReply ? row.reply_text : null, lang: row.reply_text_lang };
  }
  if (!original?.text) throw problems.notFound('This request has no such text to translate.');
  const text = original.text;
  if (original.lang === input.to) {
    throw problems.invalid([{ path: 'to', in: 'body', message: 'The text is already in this language' }]);
  }

  const hash = createHash('sha256').update(text).digest('hex');
  const key = [id, hash, original.lang ?? '', input.to, provider.name];
  const [cached] = await em.execute<{ translation: string }[]>(
    'select translation from mt_cache where request_id = ? and text_hash = ? and source_lang = ? and target_lang = ? and provider = ?', key);
  audit(em, {
    action: 'request.machine-translate', actorId: user.id, actorEmail: user.email, authorityId: user.authorityId, record: { type: 'request', id },
    fields: [auditField[input.field]], purpose: `${s.purpose}; translated by ${provider.name}${cached ? ' (from the cache)' : ''}`, ip,
  });
  await em.flush();
  const view = (translated: string, fromCache: boolean): TranslationView => ({
    original: { text, lang: original.lang },
    translation: { text: translated, lang: input.to, machine: true, provider: provider.name, cached: fromCache },
  });
  if (cached) return view(cached.translation, true);

  let translated: string;
  try {
    [translated] = await provider.translate([text], original.lang, input.to, new AbortController().signal);
  } catch (error) {
    if (!(error instanceof TranslationUnavailable)) throw error;
    logger.warn({ provider: provider.name, reason: error.reason, timedOut: error.timedOut }, 'machine translation unavailable');
    throw problems.unavailable('The machine-translation service is not available at the moment. The original text stays as it is; try again later.');
  }
  await em.execute(
    `insert into mt_cache (request_id, text_hash, source_lang, target_lang, provider, translation) values (?, ?, ?, ?, ?, ?)
     on conflict do nothing`, [...key, translated]);
  return view(translated, false);
}
