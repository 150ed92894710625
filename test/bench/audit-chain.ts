// Audit chain benchmark: what the hash chain costs a write, and how long checking it takes.
//  - inserts of audit entries, one per transaction, from 1 and 8 concurrent connections: into the log as it is (every
//    insert chained by the trigger, serialised on the chain's head) and into a copy of the table without the chain (the
//    log as it was before it);
//  - the whole chain checked by verifyAuditChain (as GET /api/v1/admin/audit/verify does) at BENCH_AUDIT_ROWS entries.
//   BENCH_DATABASE_URL=postgresql://app@127.0.0.1:54329/app node --import tsx test/bench/audit-chain.ts
//   BENCH_AUDIT_ROWS=100000 BENCH_AUDIT_INSERTS=4000
// It works in a database of its own on that server (imi_audit_bench), created for the run and dropped after it.
import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { ormConfig, sessionSettings } from '../../server/db/mikro-orm.config.js';
import { verifyAuditChain } from '../../server/modules/audit/chain.js';
import { measure } from './measure.js';

const rows = Number(process.env.BENCH_AUDIT_ROWS ?? 100_000);
const inserts = Number(process.env.BENCH_AUDIT_INSERTS ?? 4000);
const database = 'imi_audit_bench';

const insertEntry = (table: string) => `insert into ${table} (at, actor_id, actor_email, authority_id, action, record_type, record_id, fields, purpose, ip)
  values (now(), gen_random_uuid(), 'bench.handler@imi.test', gen_random_uuid(), 'request.read-personal', 'request', $1, '{subject,freeText}', null, '10.0.0.1')`;

async function main() {
  const serverUrl = process.env.BENCH_DATABASE_URL;
  if (!serverUrl) throw new Error('Set BENCH_DATABASE_URL to a PostgreSQL server the benchmark may create a database on');
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${database}`);
  await admin.query(`create database ${database}`);
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  const orm = await MikroORM.init(ormConfig(url.toString(), { poolMax: 2 }));
  const pool = new pg.Pool({ connectionString: url.toString(), max: 8 });
  pool.on('connect', (client) => void client.query(sessionSettings));
  try {
    await orm.getMigrator().up();
    await pool.query(`create table audit_entry_unchained (like audit_entry including defaults including indexes);
      alter table audit_entry_unchained drop column chain_seq, drop column prev_hash, drop column hash`);

    console.log(`Inserts of one audit entry per transaction (${inserts} per run):\n`);
    console.log('| table | connections | p50 ms | p95 ms | entries/s |');
    console.log('|---|---|---|---|---|');
    for (const clients of [1, 8]) {
      for (const [label, table] of [['without the chain', 'audit_entry_unchained'], ['with the chain', 'audit_entry']]) {
        const result = await measure(clients, inserts, async (i) => void await pool.query(insertEntry(table), [`bench-${i}`]));
        console.log(`| ${label} | ${clients} | ${result.p50.toFixed(2)} | ${result.p95.toFixed(2)} | ${Math.round(result.rps)} |`);
      }
    }

    // In statements of 1 000: one transaction writing n entries moves the head n times, and each move reads past the
    // versions of the head the transaction left before it, so a single huge statement would cost O(n²).
    const existing = Number((await pool.query('select count(*) as n from audit_entry')).rows[0].n);
    let t = performance.now();
    for (let from = existing; from < rows; from += 1000) {
      await pool.query(`insert into audit_entry (at, actor_id, actor_email, action, record_type, record_id, fields, purpose, ip)
        select now() - n * interval '1 second', gen_random_uuid(), 'bench' || n % 1000 || '@imi.test', 'request.read-personal', 'request', 'bench-' || n,
          '{subject,freeText}', case when n % 10 = 0 then 'proof of an exchange' end, '10.0.0.1'
        from generate_series($1::int, $2::int) n`, [from + 1, Math.min(rows, from + 1000)]);
    }
    console.log(`\n${rows - existing} entries more, 1 000 per statement: ${((performance.now() - t) / 1000).toFixed(1)} s`);
    await pool.query('vacuum analyze audit_entry');

    for (const run of ['first run', 'second run']) {
      t = performance.now();
      const report = await verifyAuditChain(orm.em.fork());
      console.log(`Verification (${run}): ${report.entries} entries, valid ${report.valid}, ${((performance.now() - t) / 1000).toFixed(2)} s`);
    }
  } finally {
    await pool.end();
    await orm.close(true);
    if (!process.env.BENCH_KEEP_DB) await admin.query(`drop database if exists ${database}`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
