// Retention benchmark: the time the retention job takes to erase the personal data of many formally closed requests,
// each with a data subject, free texts, personal answers, timeline texts, an idempotency key and two attachments.
//   BENCH_DATABASE_URL=postgresql://… node --import tsx test/bench/retention.ts
//   BENCH_RETENTION_ROWS=10000 IMI_RETENTION_BATCH=500
// The database is migrated and seeded if needed; the requests it adds stay behind, erased.
import { MikroORM } from '@mikro-orm/postgresql';
import { ormConfig } from '../../server/db/mikro-orm.config.js';
import { seed } from '../../server/db/seeders/index.js';
import { runRetention } from '../../server/modules/data-protection/retention.js';

const url = process.env.BENCH_DATABASE_URL;
const rows = Number(process.env.BENCH_RETENTION_ROWS ?? 10_000);
const batchSize = Number(process.env.IMI_RETENTION_BATCH ?? 500);
const fileBytes = 20_000;

async function main() {
  if (!url) throw new Error('Set BENCH_DATABASE_URL to a PostgreSQL database the benchmark may write to.');
  const orm = await MikroORM.init(ormConfig(url, { poolMax: 4 }));
  await orm.getMigrator().up();
  await seed(orm.em, { demoPassword: 'demo-password' });
  const em = orm.em.fork();
  const closedAt = new Date(Date.now() - 1000);
  const tag = `bench-${Date.now()}`;
  const started = performance.now();
  await em.execute(
    `with parties as (
       select (select authority_id from app_user where email = 'handler.cz@imi.test') as requester,
              (select authority_id from app_user where email = 'handler.sk@imi.test') as responder,
              (select id from app_user where email = 'handler.cz@imi.test') as handler,
              (select id from question_set where area_code = 'PQ' order by version desc limit 1) as set_id
     )
     insert into request (id, case_number, area_code, question_set_id, requester_id, responder_id, status, questions, answers, subject, subject_name,
                          free_text, free_text_lang, reply_text, reply_text_lang, created_by, created_at, updated_at, sent_at, accepted_at, answered_at, closed_at)
     select gen_random_uuid(), ? || '-' || n, 'PQ', set_id, requester, responder, 'CLOSED',
            '{PQ-001-profession-title,PQ-039-sanction-details}',
            jsonb_build_object('PQ-001-profession-title', 'Nurse', 'PQ-039-sanction-details', 'Sanction of person ' || n),
            jsonb_build_object('firstName', 'First' || n, 'lastName', 'Last' || n), 'last' || n || ' first' || n,
            'Free text about person ' || n, 'en', 'Reply about person ' || n, 'en', handler, ?, ?, ?, ?, ?, ?
       from parties, generate_series(1, ?) n`,
    [tag, closedAt, closedAt, closedAt, closedAt, closedAt, closedAt, rows]);
  await em.execute(
    `insert into request_event (request_id, at, kind, actor_name, text, text_lang, data)
     select r.id, r.closed_at, k.kind, 'Bench handler', 'A message naming ' || r.subject_name, 'en', '{}'
       from request r cross join (values ('message'), ('close')) k(kind) where r.case_number like ? || '-%'`, [tag]);
  await em.execute(
    `insert into attachment (id, request_id, authority_id, uploaded_by, name, media_type, size, sha256, content, created_at, released_at)
     select gen_random_uuid(), r.id, r.requester_id, r.created_by, 'file-' || f || '.pdf', 'application/pdf', ?, '', convert_to(repeat('x', ?), 'UTF8'), r.closed_at, r.closed_at
       from request r cross join generate_series(1, 2) f where r.case_number like ? || '-%'`, [fileBytes, fileBytes, tag]);
  await em.execute(
    `insert into idempotency_key (user_id, key, request_id, body_hash, created_at)
     select r.created_by, r.case_number, r.id, '', r.closed_at from request r where r.case_number like ? || '-%'`, [tag]);
  console.log(`generated ${rows} closed requests (2 attachments of ${fileBytes} bytes each) in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const asOf = new Date(closedAt.getTime());
  asOf.setUTCFullYear(asOf.getUTCFullYear() + 3);
  const clock = { now: () => new Date(asOf.getTime() + 1000) };
  const run = await runRetention(orm.em, clock, { batchSize, instance: 'bench', trigger: 'manual' });
  const ms = new Date(run.finishedAt!).getTime() - new Date(run.startedAt).getTime();
  console.log(`retention run ${run.status}: ${run.requestsDeleted} requests, ${run.attachmentsDeleted} attachments, ${(run.bytesDeleted / 1_048_576).toFixed(1)} MB erased`
    + ` in ${(ms / 1000).toFixed(1)} s (batches of ${batchSize}; ${Math.round(run.requestsDeleted / (ms / 1000))} requests/s)`);
  const again = await runRetention(orm.em, clock, { batchSize, instance: 'bench', trigger: 'manual' });
  console.log(`second run at the same time: ${again.requestsDeleted} requests erased in ${new Date(again.finishedAt!).getTime() - new Date(again.startedAt).getTime()} ms`);
  await orm.close(true);
}

await main();
