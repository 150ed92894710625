import type pg from 'pg';
import { loadDemoNetwork } from '../../server/db/seeders/demo.js';
import { states } from '../../server/db/seeders/reference.js';
import type { QuestionSetDefinition } from '../../server/modules/questions/entities.js';
import { fold } from '../../server/modules/reference/fold.js';

/**
 * Traffic of a state, in millions of inhabitants (2024): requests follow the movement of professionals and providers,
 * which grows with a state's size. The square root below flattens it, so that small states still exchange requests.
 */
const population: Record<string, number> = {
  AT: 9.1, BE: 11.8, BG: 6.4, CY: 0.9, CZ: 10.9, DE: 84.5, DK: 5.9, EE: 1.4, ES: 48.6, FI: 5.6, FR: 68.4, GR: 10.4, HR: 3.9,
  HU: 9.6, IE: 5.3, IS: 0.4, IT: 59.0, LI: 0.04, LT: 2.9, LU: 0.67, LV: 1.9, MT: 0.56, NL: 17.9, NO: 5.5, PL: 36.6,
  PT: 10.6, RO: 19.0, SE: 10.6, SI: 2.1, SK: 5.4,
};

/**
 * Share of a state's requests per demo authority: the first authority (health professions, where most PQ requests
 * are) and the second carry most of them, so the demo handlers' inboxes are the big ones; the NIMIC rarely exchanges.
 */
const weightByKey: Record<string, number> = { nimic: 0.04, ca1: 0.4, ca2: 0.24, ca3: 0.14, ca4: 0.1, ca5: 0.08, ca6: 0.06 };

/** Picks are made through tables of this many slots per choice, each authority holding slots in proportion to its weight. */
const SLOTS = 4096;
const TEMPLATES = 64;
const FIRST_NAMES = ['Anna', 'Jan', 'Marie', 'Luca', 'Sofía', 'João', 'Zoë', 'Mikkel', 'Agnieszka', 'Łukasz', 'Björn', 'Élodie',
  'Jürgen', 'Ioana', 'Dimitris', 'Sinéad', 'Tõnu', 'Ľubomír', 'Ilze', 'Gediminas', 'Ágnes', 'Matteo', 'Noémie', 'Pekka',
  'Ružica', 'Nikolai', 'Åsa', 'Carmen', 'Thomas', 'Eleni', 'Kristján', 'Søren', 'Marta', 'Paolo', 'Zsófia', 'Andrej',
  'Leonor', 'Maximilian', 'Chiara', 'Oisín'];
const LAST_NAMES = ['Müller', 'Dubois', 'Rossi', 'García', 'Nowak', 'Silva', 'Jansen', 'Nielsen', 'Kowalski', 'Popescu',
  'Papadopoulos', 'Horváth', 'Novák', 'Virtanen', 'Andersson', 'Murphy', 'Peeters', 'Borg', 'Kask', 'Bērziņš',
  'Kazlauskas', 'Schmidt', 'Lefèvre', 'Fernández', 'Wiśniewski', 'Costa', 'De Vries', 'Hansen', 'Georgiou', 'Kovačić',
  'Dvořák', 'Hämäläinen', 'Johansson', 'Ó Briain', 'Gauci', 'Tamm', 'Ozoliņš', 'Krüger', 'Ferreira', 'Đorđević'];

interface Slot { area: string; country: string; slot: number; authority: string }

/** Spreads `SLOTS` slots over weighted items by largest remainder, each item keeping at least one. */
function slots<T>(items: { item: T; weight: number }[]): T[] {
  const total = items.reduce((sum, x) => sum + x.weight, 0);
  const shares = items.map((x) => ({ ...x, exact: (x.weight / total) * (SLOTS - items.length) }));
  const counts = shares.map((x) => 1 + Math.floor(x.exact));
  const order = shares.map((x, i) => i).sort((a, b) => (shares[b].exact % 1) - (shares[a].exact % 1));
  for (let i = 0; counts.reduce((a, b) => a + b, 0) < SLOTS; i++) counts[order[i]]++;
  return shares.flatMap((x, i) => Array<T>(counts[i]).fill(x.item));
}

/** A valid answer to each kind of question, as the reply action checks them. */
function answerOf(question: QuestionSetDefinition['groups'][number]['questions'][number], pick: number): unknown {
  const options = question.options.map((o) => o.code);
  switch (question.answerType) {
    case 'yes-no': return pick % 4 === 0 ? 'no' : 'yes';
    case 'yes-no-unknown': return ['yes', 'yes', 'no', 'unknown'][pick % 4];
    case 'single-choice': return options[pick % options.length];
    case 'multi-choice': return [options[pick % options.length]];
    case 'date': return `${2000 + (pick % 24)}-0${1 + (pick % 9)}-1${pick % 10}`;
    case 'number': return 1 + (pick % 12);
    case 'text': return 'Confirmed in the national register.';
    case 'attachment': throw new Error('attachment questions are not generated');
  }
}

/**
 * Requests a set of questions is asked in: its required questions first (every real request asks some), then
 * optional ones, two to six in all; attachment questions are left out since no files are generated.
 */
function templates(set: { id: number; area: string; definition: QuestionSetDefinition }) {
  const questions = set.definition.groups.flatMap((g) => g.questions).filter((q) => q.answerType !== 'attachment');
  const required = questions.filter((q) => q.required);
  const optional = questions.filter((q) => !q.required);
  return Array.from({ length: TEMPLATES }, (_, t) => {
    const chosen = [
      ...Array.from({ length: 1 + (t % 3) }, (_, i) => required[(t * 7 + i * 5) % required.length]),
      ...Array.from({ length: 1 + ((t >> 2) % 4) }, (_, i) => optional[(t * 11 + i * 13) % optional.length]),
    ].filter((q, i, all) => all.indexOf(q) === i);
    return {
      area: set.area, t, setId: set.id, questions: chosen.map((q) => q.code),
      answers: JSON.stringify(Object.fromEntries(chosen.map((q, i) => [q.code, answerOf(q, t + i)]))),
    };
  });
}

/** A uniform number in [0, 1) drawn from the row number `g`: the same row always gets the same draws. */
const u = (salt: number) => `((hashint8extended(g, ${salt}) & 2147483647)::float8 / 2147483648)`;

/** What the generator draws from: the demo authorities, their handlers, the question sets and the professions. */
async function plan(client: pg.ClientBase) {
  const network = loadDemoNetwork();
  const authorities = (await client.query<{ id: string; country_code: string; official_name: string; area_code: string }>(
    `select a.id, a.country_code, a.official_name, x.area_code from authority a join authority_area x on x.authority_id = a.id where a.status = 'active'`)).rows;
  const users = (await client.query<{ id: string; name: string; authority_id: string; area_code: string }>(
    `select u.id, u.name, u.authority_id, g.area_code from app_user u join role_grant g on g.user_id = u.id and g.role = 'request-handler' where u.active`)).rows;
  const sets = (await client.query<{ id: number; area_code: string; definition: QuestionSetDefinition }>(
    `select distinct on (area_code) id, area_code, definition from question_set order by area_code, version desc`)).rows;
  const professions = (await client.query<{ ref_id: number }>(`select distinct ref_id from competence where area_code = 'PQ' and ref_kind = 'profession' order by 1`)).rows.map((r) => r.ref_id);

  // Only the demo network takes part: a directory generated by the search benchmark may share the database.
  const keyOf = new Map(network.flatMap((s) => s.authorities.map((a) => [`${s.country}:${a.officialName}`, a.key] as const)));
  const demo = authorities.flatMap((a) => {
    const key = keyOf.get(`${a.country_code}:${a.official_name}`);
    return key ? [{ ...a, key }] : [];
  });
  const nimicOf = new Map(demo.filter((a) => a.key === 'nimic').map((a) => [a.country_code, a.id]));
  const handlerOf = new Map(users.map((x) => [`${x.authority_id}:${x.area_code}`, x]));
  const areas: string[] = ['PQ', 'SERVICES'];
  if (!areas.every((area) => sets.some((s) => s.area_code === area)) || !demo.length) throw new Error('generate-requests needs the demo network and the PQ and SERVICES question sets');
  const weight = (a: (typeof demo)[number]) => Math.sqrt(population[a.country_code] ?? 1) * (weightByKey[a.key] ?? 0.05);

  const requesterSlots: Slot[] = [];
  const responderSlots: Slot[] = [];
  for (const area of areas) {
    const inArea = demo.filter((a) => a.area_code === area);
    slots(inArea.map((a) => ({ item: a, weight: weight(a) }))).forEach((a, slot) => requesterSlots.push({ area, country: a.country_code, slot, authority: a.id }));
    // The responder is drawn among the other states' authorities: requests go across borders.
    for (const country of new Set(inArea.map((a) => a.country_code))) {
      slots(inArea.filter((a) => a.country_code !== country).map((a) => ({ item: a.id, weight: weight(a) })))
        .forEach((authority, slot) => responderSlots.push({ area, country, slot, authority }));
    }
  }
  const parties = demo.map((a) => {
    const handler = handlerOf.get(`${a.id}:${a.area_code}`);
    return { id: a.id, area: a.area_code, country: a.country_code, lang: states[a.country_code]?.languages[0] ?? 'en', nimic: nimicOf.get(a.country_code) ?? null, user: handler?.id ?? null, userName: handler?.name ?? null };
  });
  const names = FIRST_NAMES.flatMap((first) => LAST_NAMES.map((last) => ({ first, last, folded: fold(`${last} ${first}`) })));
  const asked = sets.filter((s) => areas.includes(s.area_code)).flatMap((s) => templates({ id: s.id, area: s.area_code, definition: s.definition }));
  return { parties, requesterSlots, responderSlots, names, asked, professions };
}

/**
 * Adds requests number `from` to `to - 1` of a generated history of `to` requests between the demo authorities, from
 * 2008 to now, with set-based SQL in batches: who asks whom (across borders, weighted by state and authority), the area
 * (PQ 80 %, SERVICES), questions from the area's question set with valid answers once replied, the data subject, every
 * step's timestamp in order, and the state those steps reached by now (mostly CLOSED; the recent ones open in every
 * state; a few abandoned drafts, withdrawn and stuck requests). Each request gets its `create` step and its latest step
 * on the timeline, and the notifications the server would have written for the demo users of both sides.
 */
export async function generateRequests(client: pg.ClientBase, from: number, to: number, log: (line: string) => void = () => {}): Promise<void> {
  const { parties, requesterSlots, responderSlots, names, asked, professions } = await plan(client);
  // One transaction: the foreign keys of the tables filled are dropped and added back, so that they are checked once
  // for the whole load instead of row by row (which took half the time), and a failed run leaves everything as it was.
  await client.query('begin');
  try {
    const foreignKeys = (await client.query<{ table: string; name: string; definition: string }>(
      `select conrelid::regclass::text as table, conname as name, pg_get_constraintdef(oid) as definition
         from pg_constraint where contype = 'f' and conrelid in ('request'::regclass, 'request_event'::regclass, 'notification'::regclass)`)).rows;
    for (const fk of foreignKeys) await client.query(`alter table ${fk.table} drop constraint ${fk.name}`);
    await client.query(
      `create temp table gen_party on commit drop as select * from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::uuid[], $7::text[])
         as t(id, area, country, lang, nimic, "user", user_name)`,
      [parties.map((p) => p.id), parties.map((p) => p.area), parties.map((p) => p.country), parties.map((p) => p.lang), parties.map((p) => p.nimic), parties.map((p) => p.user), parties.map((p) => p.userName)],
    );
    await client.query(`create temp table gen_requester on commit drop as select * from unnest($1::text[], $2::text[], $3::int[], $4::uuid[]) as t(area, country, slot, authority_id)`,
      [requesterSlots.map((s) => s.area), requesterSlots.map((s) => s.country), requesterSlots.map((s) => s.slot), requesterSlots.map((s) => s.authority)]);
    await client.query(`create temp table gen_responder on commit drop as select * from unnest($1::text[], $2::text[], $3::int[], $4::uuid[]) as t(area, from_country, slot, authority_id)`,
      [responderSlots.map((s) => s.area), responderSlots.map((s) => s.country), responderSlots.map((s) => s.slot), responderSlots.map((s) => s.authority)]);
    await client.query(`create temp table gen_template on commit drop as select area, t, set_id, questions::text[] as questions, answers::jsonb as answers
         from unnest($1::text[], $2::int[], $3::int[], $4::text[], $5::text[]) as x(area, t, set_id, questions, answers)`,
      [asked.map((x) => x.area), asked.map((x) => x.t), asked.map((x) => x.setId), asked.map((x) => `{${x.questions.join(',')}}`), asked.map((x) => x.answers)]);
    await client.query(`create temp table gen_name on commit drop as select (n - 1)::int as i, first_name, last_name, folded from unnest($1::text[], $2::text[], $3::text[]) with ordinality as t(first_name, last_name, folded, n)`,
      [names.map((n) => n.first), names.map((n) => n.last), names.map((n) => n.folded)]);
    await client.query(`create temp table gen_handler on commit drop as select distinct "user" as user_id, id as authority_id, area from gen_party where "user" is not null`);
    await client.query(`analyze gen_party, gen_requester, gen_responder, gen_template, gen_name, gen_handler`);

    // The history runs from 2008 to now, growing linearly (the row's time is the square root of its rank), so that the
    // case numbers, drawn in row order, rise with time like the real ones. `now` is fixed per run so that batches agree.
    const [{ now }] = (await client.query<{ now: Date }>(`select date_trunc('second', now()) as now`)).rows;
    const batch = 100_000;
    // A batch's rows are sorted by rank before they draw their case numbers: in memory, not spilled to disk. The joins go
    // in the order written: the planner cannot estimate the random draws, and would pair every requester slot with the
    // responder slots of all 30 states before knowing the requester's.
    await client.query(`set local work_mem = '256MB'`);
    await client.query('set local join_collapse_limit = 1');
    for (let start = from; start < to; start += batch) {
      const t = performance.now();
      const end = Math.min(to, start + batch);
      await client.query(
        `with base as (
           select g,
                  '2008-01-07 08:00Z'::timestamptz + ($4::timestamptz - '2008-01-07 08:00Z'::timestamptz - interval '2 days') * sqrt((g + ${u(1)}) / $3::float8) as created_at,
                  case when ${u(2)} < 0.8 then 'PQ' else 'SERVICES' end as area,
                  floor(${u(3)} * ${SLOTS})::int as requester_slot, floor(${u(4)} * ${SLOTS})::int as responder_slot,
                  floor(${u(5)} * ${TEMPLATES})::int as template, floor(${u(6)} * ${names.length})::int as name,
                  ${u(7)} as fate, ${u(8)} as u8, ${u(9)} as u9, ${u(10)} as u10, ${u(11)} as u11, ${u(12)} as u12,
                  ${u(13)} as u13, ${u(14)} as u14, ${u(15)} as u15, ${u(16)} as u16, ${u(17)} as u17
             from generate_series($1::bigint, $2::bigint - 1) g
         ),
         -- Who asks whom, what, and about whom; and how long each step took. A few requests were routed through the
         -- request coordinators, went through a clarification or a referral, or stopped for good. Authorities without a
         -- demo account create theirs through a stand-in user id of their own.
         picked as materialized (
           select b.*, q.id as requester_id, q.country as requester_country, q.lang, q.nimic as requester_nimic,
                  coalesce(q."user", md5(q.id::text)::uuid) as created_by,
                  case when b.fate < 0.003 and b.u17 < 0.1 then null else s.id end as responder_id, s.nimic as responder_nimic,
                  s.country as responder_country,
                  t.set_id, t.questions, t.answers, n.first_name, n.last_name, n.folded, a.reply_period_days,
                  b.fate < 0.003 as abandoned, b.fate >= 0.003 and b.fate < 0.018 as withdrawn,
                  b.fate >= 0.018 and b.fate < 0.0195 as stuck_acceptance, b.fate >= 0.0195 and b.fate < 0.021 as stuck_reply,
                  b.u15 < 0.04 as routed, b.u15 >= 0.96 as routed_reply, b.u11 < 0.05 as clarified, b.u11 >= 0.05 and b.u11 < 0.06 as referred,
                  interval '1 hour' + interval '3 days' * b.u8 ^ 2 as draft_d,
                  interval '2 hours' + interval '12 days' * b.u9 ^ 2 as accept_d,
                  interval '1 day' + interval '45 days' * b.u10 ^ 1.5 as answer_d,
                  case when b.u11 < 0.06 then interval '2 days' + interval '20 days' * b.u12 else interval '0' end as detour_d,
                  interval '1 hour' + interval '25 days' * b.u13 ^ 2 as close_d
             from base b
             join gen_requester rs on rs.area = b.area and rs.slot = b.requester_slot
             join gen_party q on q.id = rs.authority_id and q.area = b.area
             join gen_responder ss on ss.area = b.area and ss.from_country = rs.country and ss.slot = b.responder_slot
             join gen_party s on s.id = ss.authority_id and s.area = b.area
             join gen_template t on t.area = b.area and t.t = b.template
             join gen_name n on n.i = b.name
             join legislative_area a on a.code = b.area
         ),
         -- The moment of each step, had the request gone all the way; 'infinity' where it stopped.
         timeline as materialized (
           select p.*,
                  created_at + draft_d * case when routed then 0.5 else 1 end as submitted_at,
                  created_at + draft_d as t_sent,
                  case when stuck_acceptance then 'infinity' else created_at + draft_d + accept_d end as t_accepted,
                  case when stuck_acceptance or stuck_reply then 'infinity' else created_at + draft_d + accept_d + answer_d * case when routed_reply then 0.8 else 1 end end as t_reply,
                  case when stuck_acceptance or stuck_reply then 'infinity' else created_at + draft_d + accept_d + answer_d end as t_first,
                  case when stuck_acceptance or stuck_reply then 'infinity' else created_at + draft_d + accept_d + answer_d + detour_d end as t_detour,
                  case when stuck_acceptance or stuck_reply then 'infinity' else created_at + draft_d + accept_d + answer_d + detour_d + close_d end as t_closed,
                  case when withdrawn then created_at + draft_d + (accept_d + answer_d) * 0.9 * u16 end as t_withdrawn
             from picked p
         ),
         reached as (
           select t.*,
                  case
                    when abandoned or responder_id is null or $4 < submitted_at then 'DRAFT'
                    when $4 < t_sent then 'AWAITING_APPROVAL'
                    when withdrawn and $4 >= t_withdrawn then 'WITHDRAWN'
                    when $4 < t_accepted then 'AWAITING_ACCEPTANCE'
                    when $4 < t_reply then 'ACCEPTED'
                    when $4 < t_first then 'AWAITING_REPLY_APPROVAL'
                    when $4 < t_first + detour_d * 0.5 then 'ANSWERED'
                    when $4 < t_detour and clarified then 'CLARIFICATION_REQUESTED'
                    when $4 < t_detour and referred then 'REFERRED'
                    when $4 < t_closed then 'ANSWERED'
                    else 'CLOSED'
                  end as status
             from timeline t
         ),
         dated as materialized (
           select r.*,
                  status not in ('DRAFT', 'AWAITING_APPROVAL') as sent,
                  status not in ('DRAFT', 'AWAITING_APPROVAL', 'AWAITING_ACCEPTANCE') and t_accepted < coalesce(t_withdrawn, 'infinity') as accepted,
                  status in ('AWAITING_REPLY_APPROVAL', 'ANSWERED', 'CLARIFICATION_REQUESTED', 'REFERRED', 'CLOSED') as replied,
                  status in ('ANSWERED', 'CLARIFICATION_REQUESTED', 'REFERRED', 'CLOSED') as answered,
                  (clarified or referred) and $4 >= t_detour and status in ('ANSWERED', 'CLOSED') as detour_done,
                  ((case when status = 'DRAFT' and u14 < 0.7 then null else submitted_at end) at time zone 'UTC')::date
                    + reply_period_days + case when u14 < 0.2 then (7 + floor(u13 * 24))::int else 0 end as reply_by
             from reached r
         ),
         inserted as (
           insert into request (id, case_number, area_code, question_set_id, requester_id, responder_id, status, questions, answers,
                                subject, subject_name, profession_id, free_text, free_text_lang, reply_text, reply_text_lang,
                                reply_by, committed_reply_by, created_by, referral_coordinator_id, coordinators,
                                sent_at, accepted_at, first_answered_at, answered_at, closed_at, withdrawn_at,
                                rating_timeliness, rating_effort, version, created_at, updated_at)
           select gen_random_uuid(),
                  area || '-' || to_char(created_at at time zone 'UTC', 'YYYY') || '-' || lpad(nextval('request_case_seq')::text, 6, '0'),
                  area, set_id, requester_id, responder_id, status, questions, case when replied then answers else '{}' end,
                  jsonb_build_object('firstName', first_name, 'lastName', last_name, 'dateOfBirth', to_char(date '1950-01-01' + floor(u12 * 18000)::int, 'YYYY-MM-DD'),
                                     'nationality', responder_country),
                  folded,
                  case when area = 'PQ' then ($5::int[])[1 + floor(u17 * cardinality($5::int[]))::int] end,
                  case when u16 < 0.25 then 'The professional applied for recognition on ' || to_char(created_at, 'DD.MM.YYYY') || '; please confirm the documents enclosed.' end,
                  case when u16 < 0.25 then lang end,
                  case when answered and u13 < 0.2 then 'See the answers; the register extract is available on request.' end,
                  case when answered and u13 < 0.2 then 'en' end,
                  reply_by,
                  case when accepted then case when u9 < 0.7 then reply_by else (t_accepted at time zone 'UTC')::date + 10 + floor(u10 * 30)::int end end,
                  created_by,
                  case when referred and status in ('REFERRED', 'ANSWERED', 'CLOSED') and $4 >= t_first + detour_d * 0.5 then requester_nimic end,
                  array_remove(array[case when (routed and sent) or (referred and detour_done) then requester_nimic end,
                                     case when routed_reply and answered then responder_nimic end], null),
                  case when sent then t_sent end,
                  case when accepted then t_accepted end,
                  case when answered then t_first end,
                  case when answered then case when clarified and detour_done then t_detour else t_first end end,
                  case when status = 'CLOSED' then t_closed end,
                  case when status = 'WITHDRAWN' then t_withdrawn end,
                  case when status = 'CLOSED' and u14 < 0.3 then case when u12 < 0.85 then 'positive' else 'negative' end end,
                  case when status = 'CLOSED' and u14 < 0.3 then case when u13 < 0.9 then 'positive' else 'negative' end end,
                  1 + (case when status <> 'DRAFT' then 1 else 0 end) + (case when routed and sent then 1 else 0 end) + (case when accepted then 1 else 0 end)
                    + (case when replied then 1 else 0 end) + (case when routed_reply and answered then 1 else 0 end)
                    + (case when detour_done or status in ('CLARIFICATION_REQUESTED', 'REFERRED') then 1 else 0 end) + (case when detour_done then 1 else 0 end)
                    + (case when status in ('CLOSED', 'WITHDRAWN') then 1 else 0 end),
                  created_at,
                  case status
                    when 'DRAFT' then created_at when 'AWAITING_APPROVAL' then submitted_at when 'AWAITING_ACCEPTANCE' then t_sent
                    when 'WITHDRAWN' then t_withdrawn when 'ACCEPTED' then t_accepted when 'AWAITING_REPLY_APPROVAL' then t_reply
                    when 'CLARIFICATION_REQUESTED' then t_first + detour_d * 0.5 when 'REFERRED' then t_first + detour_d * 0.5
                    when 'CLOSED' then t_closed
                    else case when detour_done then t_detour else t_first end
                  end
             from dated
            order by g
           returning id, area_code, requester_id, responder_id, status, created_by, created_at, updated_at, sent_at, accepted_at,
                     first_answered_at, closed_at, withdrawn_at
         ),
         events as (
           insert into request_event (request_id, at, kind, actor_id, actor_name, authority_id, from_status, to_status, text, text_lang, data)
           select i.id, i.created_at, 'create', i.created_by, q.user_name, i.requester_id, null, 'DRAFT', null, null, '{}'::jsonb
             from inserted i join gen_party q on q.id = i.requester_id and q.area = i.area_code
           union all
           select i.id, i.updated_at, step.kind, case when step.responder then s."user" else i.created_by end,
                  case when step.responder then s.user_name else q.user_name end,
                  case when step.responder then i.responder_id else i.requester_id end,
                  step.from_status, i.status, case when i.status = 'WITHDRAWN' then 'Sent to the wrong authority.' end,
                  case when i.status = 'WITHDRAWN' then 'en' end, '{}'::jsonb
             from inserted i
             join gen_party q on q.id = i.requester_id and q.area = i.area_code
             left join gen_party s on s.id = i.responder_id and s.area = i.area_code
             cross join lateral (
               select * from (values
                 ('AWAITING_APPROVAL', 'send', 'DRAFT', false), ('AWAITING_ACCEPTANCE', 'send', 'DRAFT', false),
                 ('ACCEPTED', 'accept', 'AWAITING_ACCEPTANCE', true), ('AWAITING_REPLY_APPROVAL', 'reply', 'ACCEPTED', true),
                 ('ANSWERED', 'reply', 'ACCEPTED', true), ('CLARIFICATION_REQUESTED', 'request-clarification', 'ANSWERED', false),
                 ('REFERRED', 'refer', 'ANSWERED', false), ('CLOSED', 'close', 'ANSWERED', false),
                 ('WITHDRAWN', 'withdraw', case when i.accepted_at is null then 'AWAITING_ACCEPTANCE' else 'ACCEPTED' end, false)
               ) as v(status, kind, from_status, responder) where v.status = i.status
             ) step
         ),
         -- What the server tells the handlers of each side: the request received, accepted, answered, closed or withdrawn.
         -- Recent ones are partly unread; the older ones were read within hours.
         notices as materialized (
           select i.id, i.area_code, n.*
             from inserted i
             cross join lateral (values
               (i.responder_id, 'request-received', 'immediate', i.sent_at),
               (i.requester_id, 'request-accepted', 'off', i.accepted_at),
               (i.requester_id, 'reply-received', 'immediate', i.first_answered_at),
               (i.responder_id, 'request-closed', 'off', i.closed_at),
               (i.responder_id, 'request-withdrawn', 'off', case when i.sent_at is not null then i.withdrawn_at end)
             ) as n(authority_id, kind, mode, at)
            where n.at is not null
         )
         insert into notification (user_id, kind, request_id, mode, created_at, emailed_at, read_at)
         select h.user_id, n.kind, n.id, n.mode, n.at, case when n.mode = 'immediate' then n.at + interval '1 minute' end,
                case when n.at < $4::timestamptz - interval '10 days' or hashtext(n.id::text || n.kind) & 3 <> 0
                     then least(n.at + interval '3 hours', $4::timestamptz) end
           from notices n join gen_handler h on h.authority_id = n.authority_id and h.area = n.area_code`,
        [start, end, to, now, professions],
      );
      log(`  generated ${end} / ${to} requests (${((performance.now() - t) / 1000).toFixed(1)} s for this batch)`);
    }
    for (const fk of foreignKeys) await client.query(`alter table ${fk.table} add constraint ${fk.name} ${fk.definition}`);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback');
    throw error;
  }
  // Fresh statistics and a set visibility map, as the tables would have in steady state.
  await client.query('vacuum analyze request, request_event, notification');
}
