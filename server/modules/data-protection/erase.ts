import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArray } from '../../db/sql.js';

export interface Erased {
  /** Requests whose personal data were removed now (not those removed before). */
  requests: number;
  attachments: number;
  /** Bytes of attachment content removed. */
  bytes: number;
}

/**
 * Removes the personal data of requests physically (SPEC §5.4), in the caller's transaction: the data subject, the
 * personal answers (those whose question is marked personal, or that the question set no longer knows), the free texts
 * and their languages, the texts of the timeline, the attachments with their content, the machine translations of the
 * texts, and the idempotency keys that point at them. Nothing else holds personal values of a request: notifications,
 * reminders and the audit log keep only ids, kinds, dates and field names. The skeleton stays — dates, states, parties, area, case number, questions, the
 * non-personal answers and ratings — so the indicators and the overview count the same afterwards. Erasing a request
 * twice changes nothing more; `at` is kept as its deletion time the first time.
 */
export async function erasePersonalData(em: EntityManager, requestIds: string[], at: Date): Promise<Erased> {
  if (!requestIds.length) return { requests: 0, attachments: 0, bytes: 0 };
  const ids = pgArray(requestIds);
  const [files] = await em.execute<{ n: number; bytes: string }[]>(
    `with gone as (delete from attachment where request_id = any(?::uuid[]) returning size)
     select count(*)::int as n, coalesce(sum(size), 0)::bigint as bytes from gone`, [ids]);
  await em.execute('delete from idempotency_key where request_id = any(?::uuid[])', [ids]);
  await em.execute('delete from mt_cache where request_id = any(?::uuid[])', [ids]);
  await em.execute(
    'update request_event set text = null, text_lang = null where request_id = any(?::uuid[]) and (text is not null or text_lang is not null)', [ids]);
  // The codes of the questions that are not personal, once per question set rather than once per request.
  const requests = await em.execute<{ id: string; first: boolean }[]>(
    `with erased as (
       select id, question_set_id, personal_data_deleted_at is null as first from request where id = any(?::uuid[]) for update
     ),
     skeleton as (
       select s.id, coalesce(array_agg(q ->> 'code') filter (where (q ->> 'personal')::boolean is not true), '{}') as codes
         from question_set s cross join lateral jsonb_path_query(s.definition, '$.groups[*].questions[*]') q
        where s.id in (select question_set_id from erased) group by s.id
     )
     update request r set
       subject = null, subject_name = null, free_text = null, free_text_lang = null, reply_text = null, reply_text_lang = null,
       answers = coalesce((select jsonb_object_agg(a.key, a.value) from jsonb_each(r.answers) a where a.key = any(k.codes)), '{}'::jsonb),
       personal_data_deleted_at = coalesce(r.personal_data_deleted_at, ?)
     from erased e left join skeleton k on k.id = e.question_set_id
     where e.id = r.id
     returning r.id, e.first`,
    [ids, at],
  );
  return { requests: requests.filter((r) => r.first).length, attachments: files.n, bytes: Number(files.bytes) };
}
