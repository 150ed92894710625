import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseCsv } from '../../server/http/csv.js';
import { checkAuditExport, verifyAuditChain, type ChainReport } from '../../server/modules/audit/chain.js';
import { exportColumns } from '../../server/modules/audit/service.js';
import { problem, startTestApp, type TestApp } from './support.js';

let app: TestApp;
let admin: string;
let scratch: string;
beforeAll(async () => {
  app = await startTestApp();
  admin = await app.session('admin@imi.test', { mfa: true });
  scratch = await mkdtemp(join(tmpdir(), 'imi-audit-chain-'));
});
afterAll(async () => {
  if (app) await app.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

async function verify(): Promise<ChainReport> {
  const response = await app.request('/api/v1/admin/audit/verify', { token: admin });
  expect(response.status).toBe(200);
  return (await response.json()) as ChainReport;
}

interface StoredEntry { chain_seq: string; id: string; action: string; prev_hash: string; hash: string }
const entries = (em: EntityManager, where = 'true') =>
  em.execute<StoredEntry[]>(`select chain_seq, id, action, encode(prev_hash, 'hex') as prev_hash, encode(hash, 'hex') as hash from audit_entry where ${where} order by chain_seq`);

/** Runs `tamper` as the tables' owner with the log's triggers off, checks the chain, and rolls everything back. */
async function verifiedAfter(tamper: (em: EntityManager) => Promise<unknown>): Promise<ChainReport> {
  let report: ChainReport | undefined;
  await app.orm.em.fork().transactional(async (em) => {
    await em.execute('alter table audit_entry disable trigger user');
    await tamper(em);
    await em.execute('alter table audit_entry enable trigger user');
    report = await verifyAuditChain(em);
    throw new RolledBack();
  }).catch((error: unknown) => {
    if (!(error instanceof RolledBack)) throw error;
  });
  return report!;
}
class RolledBack extends Error {}

/** Starting the command-line verifier compiles the server's modules: seconds on a busy machine. */
const commandTimeout = 120_000;

/** The command-line verifier on the test database: its exit status and what it prints. */
async function verifyCommand(...args: string[]): Promise<{ code: number; out: string }> {
  const run = promisify(execFile)(process.execPath, ['--import', 'tsx', 'server/cli/verify-audit.ts', ...args], {
    env: { ...process.env, DATABASE_URL: inject('databaseUrl'), LOG_LEVEL: 'silent' },
  });
  try {
    return { code: 0, out: (await run).stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, out: failed.stdout + failed.stderr };
  }
}

describe('the audit log\'s hash chain', () => {
  it('chains the entries the API writes, each to the one before, and the check of the chain is itself logged', async () => {
    const before = await verify();
    expect(before).toMatchObject({ valid: true, firstProblem: null });
    expect((await app.request('/api/v1/auth/login', { method: 'POST', body: { email: 'lda.sk@imi.test', password: 'wrong password' } })).status).toBe(401);
    await app.login('lda.sk@imi.test');
    const after = await verify();
    expect(after).toMatchObject({ valid: true, firstProblem: null });
    // The two sign-ins and the first check were appended: the chain grew by three, and checks every entry up to its head.
    expect(after.headSeq).toBe(before.headSeq + 3);
    expect(after.entries).toBe(after.headSeq);
    expect(after.headHash).toMatch(/^[0-9a-f]{64}$/);
    expect(after.headHash).not.toBe(before.headHash);
    const em = app.orm.em.fork();
    const written = await entries(em, `chain_seq > ${before.headSeq} and chain_seq <= ${after.headSeq}`);
    expect(written.map((e) => e.action)).toEqual(['audit.verify', 'auth.sign-in-failed', 'auth.sign-in']);
    expect(written.map((e) => Number(e.chain_seq))).toEqual([before.headSeq + 1, before.headSeq + 2, before.headSeq + 3]);
    expect(written[0].prev_hash).toBe(before.headHash);
    expect(written[1].prev_hash).toBe(written[0].hash);
    expect(written[2].hash).toBe(after.headHash);
    const [checked] = await em.execute<{ fields: string[] }[]>(`select fields from audit_entry where chain_seq = ?`, [after.headSeq + 1]);
    expect(checked.fields).toEqual(['valid=true', `headSeq=${after.headSeq}`]);
  });

  it('stays gap-free and valid while many transactions on different connections write at once, some rolled back', async () => {
    const { headSeq } = await verify();
    const writers = 8;
    const perWriter = 5;
    const results = await Promise.allSettled(Array.from({ length: writers }, (_, w) => app.orm.em.fork().transactional(async (em) => {
      for (let i = 0; i < perWriter; i++) {
        await em.execute(`insert into audit_entry (at, actor_email, action, record_type, record_id) values (now(), 'chain.writer@imi.test', 'chain.concurrent', 'writer', ?)`, [`${w}-${i}`]);
        // Hold the chain's head a moment, so that the other writers queue behind it and must read the head this one leaves.
        await em.execute('select pg_sleep(0.005)');
      }
      if (w % 4 === 3) throw new Error('rolled back on purpose');
    })));
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(2);
    const report = await verify();
    expect(report).toMatchObject({ valid: true, firstProblem: null });
    const committed = await entries(app.orm.em.fork(), `chain_seq > ${headSeq} and action = 'chain.concurrent'`);
    expect(committed).toHaveLength((writers - 2) * perWriter);
    // The committed entries hold the places after the check's own entry, one after the other: the rolled-back ones left no hole.
    expect(committed.map((e) => Number(e.chain_seq))).toEqual(committed.map((_, i) => headSeq + 2 + i));
  });

  it('cannot be rewritten or bypassed by the application: updates and deletes fail, and the chain columns are the database\'s', async () => {
    const em = app.orm.em.fork();
    const [last] = await em.execute<{ chain_seq: string }[]>('select max(chain_seq) as chain_seq from audit_entry');
    await expect(em.execute(`update audit_entry set purpose = 'rewritten' where chain_seq = ?`, [last.chain_seq])).rejects.toThrow(/append-only/);
    await expect(em.execute(`delete from audit_entry where chain_seq = ?`, [last.chain_seq])).rejects.toThrow(/append-only/);
    await expect(em.execute(`update audit_chain_head set seq = 1`)).rejects.toThrow(/moved only by inserts/);
    await expect(em.execute(`delete from audit_chain_head`)).rejects.toThrow(/moved only by inserts/);
    await expect(em.execute(`truncate audit_chain_head`)).rejects.toThrow(/moved only by inserts/);
    // An insert that names its own place and hash gets the next place and the true hash.
    await em.execute(`insert into audit_entry (at, action, chain_seq, prev_hash, hash) values (now(), 'chain.forged', 1, '\\x00', '\\x00')`);
    const [forged] = await entries(em, `action = 'chain.forged'`);
    expect(Number(forged.chain_seq)).toBe(Number(last.chain_seq) + 1);
    expect(forged.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await verify()).toMatchObject({ valid: true });
  });

  it('names the first entry changed behind the triggers\' back, in the API and on the command line, and is valid again once it is restored', async () => {
    const em = app.orm.em.fork();
    await em.execute(`insert into audit_entry (at, actor_email, action, record_type, record_id, fields, purpose) values (now(), 'chain.tamper@imi.test', 'request.read-personal', 'request', 'chain-1', '{subject}', 'proof of an exchange')`);
    const [target] = await entries(em, `actor_email = 'chain.tamper@imi.test'`);
    const rewrite = (purpose: string) => em.execute(
      `alter table audit_entry disable trigger user; update audit_entry set purpose = '${purpose}' where id = ${Number(target.id)}; alter table audit_entry enable trigger user`,
    );
    await rewrite('routine check');
    try {
      const report = await verify();
      expect(report.valid).toBe(false);
      expect(report.firstProblem).toMatchObject({ chainSeq: Number(target.chain_seq), id: target.id, reason: 'altered' });
      expect(report.entries).toBe(Number(target.chain_seq) - 1);
      const command = await verifyCommand();
      expect(command.code).toBe(1);
      expect(command.out).toContain(`Entry ${target.chain_seq} (id ${target.id}) no longer has the content it was written with`);
    } finally {
      await rewrite('proof of an exchange');
    }
    expect(await verify()).toMatchObject({ valid: true, firstProblem: null });
  }, commandTimeout);

  it('detects a deleted entry as a gap, the newest entries removed, reordered entries and entries added behind the head', async () => {
    const em = app.orm.em.fork();
    await em.execute(`insert into audit_entry (at, action, record_id) select now(), 'chain.sample', 'sample-' || n from generate_series(1, 4) n`);
    const sample = await entries(em, `action = 'chain.sample'`);
    const [a, b, c] = sample.map((e) => Number(e.chain_seq));

    const deleted = await verifiedAfter((tx) => tx.execute(`delete from audit_entry where chain_seq = ?`, [b]));
    expect(deleted).toMatchObject({ valid: false, entries: b - 1, firstProblem: { chainSeq: b, id: null, reason: 'missing' } });
    expect(deleted.firstProblem!.detail).toContain(`Entry ${b} is missing; the chain goes on with entry ${c}`);

    const newest = await verifiedAfter((tx) => tx.execute('delete from audit_entry where chain_seq > (select max(chain_seq) - 2 from audit_entry)'));
    expect(newest.firstProblem).toMatchObject({ chainSeq: newest.headSeq - 1, reason: 'missing' });
    expect(newest.firstProblem!.detail).toContain('the newest entries were removed');

    const swapped = await verifiedAfter(async (tx) => {
      await tx.execute(`update audit_entry set chain_seq = -1 where chain_seq = ?`, [a]);
      await tx.execute(`update audit_entry set chain_seq = ? where chain_seq = ?`, [a, b]);
      await tx.execute(`update audit_entry set chain_seq = ? where chain_seq = -1`, [b]);
    });
    expect(swapped.firstProblem).toMatchObject({ chainSeq: a, id: sample[1].id, reason: 'broken-link' });

    // Rewriting an entry together with its own hash breaks the link of the next one.
    const rehashed = await verifiedAfter(async (tx) => {
      await tx.execute(`update audit_entry set record_id = 'rewritten' where chain_seq = ?`, [a]);
      await tx.execute(`update audit_entry e set hash = sha256(e.prev_hash || audit_entry_payload(e)) where chain_seq = ?`, [a]);
    });
    expect(rehashed.firstProblem).toMatchObject({ chainSeq: b, id: sample[1].id, reason: 'broken-link' });

    const added = await verifiedAfter((tx) => tx.execute(`insert into audit_entry (at, action, chain_seq, prev_hash, hash) select now(), 'chain.smuggled', seq + 1, hash, hash from audit_chain_head`));
    expect(added.firstProblem).toMatchObject({ chainSeq: added.headSeq + 1, reason: 'head-mismatch' });
    const beforeFirst = await verifiedAfter((tx) => tx.execute(`insert into audit_entry (at, action, chain_seq, prev_hash, hash) values (now(), 'chain.smuggled', 0, '\\x00', '\\x00')`));
    expect(beforeFirst.firstProblem).toMatchObject({ chainSeq: 0, reason: 'head-mismatch' });

    expect(await verify()).toMatchObject({ valid: true });
  });

  it('checks any stretch of the chain in small batches as well as in one', async () => {
    const em = app.orm.em.fork();
    const whole = await verifyAuditChain(em);
    const batched = await verifyAuditChain(em, { batch: 7 });
    expect(batched).toMatchObject({ valid: true, entries: whole.entries, headSeq: whole.headSeq, headHash: whole.headHash });
    const deleted = await verifiedAfter((tx) => tx.execute('delete from audit_entry where chain_seq = 12'));
    expect(deleted.firstProblem).toMatchObject({ chainSeq: 12, reason: 'missing' });
  });

  it('puts each entry\'s place and hash in the CSV export, so a kept file can be checked against the log', async () => {
    const em = app.orm.em.fork();
    await em.execute(`insert into audit_entry (at, actor_email, action, record_type, record_id, fields, purpose) values
      (now(), 'chain.export@imi.test', 'request.read-personal', 'request', 'chain-exp-1', '{subject,freeText}', '=data subject rights, "quoted"'),
      (now(), 'chain.export@imi.test', 'request.read-personal', 'request', 'chain-exp-2', null, null)`);
    const response = await app.request('/api/v1/admin/audit/export?actor=chain.export@imi.test', { token: admin });
    expect(response.status).toBe(200);
    const csv = await response.text();
    const [header, ...rows] = parseCsv(csv).records.map((r) => r.fields);
    expect(header).toEqual(exportColumns);
    expect(header.slice(-2)).toEqual(['chain_seq', 'hash']);
    const stored = await entries(em, `actor_email = 'chain.export@imi.test'`);
    expect(rows.map((r) => [r[11], r[12]]).sort()).toEqual(stored.map((e) => [e.chain_seq, e.hash]).sort());

    expect(await checkAuditExport(em, csv)).toEqual({ lines: 2, problems: [] });
    const file = join(scratch, 'export.csv');
    await writeFile(file, csv);
    const command = await verifyCommand('--export', file);
    expect(command).toMatchObject({ code: 0 });
    expect(command.out).toContain('all 2 lines are entries of the chain, unchanged');

    const edited = csv.replace('chain-exp-2', 'chain-exp-9');
    const check = await checkAuditExport(em, edited);
    expect(check.problems).toEqual([{ line: 1 + rows.findIndex((r) => r[7] === 'chain-exp-2') + 1, chainSeq: expect.any(String), message: expect.stringContaining('in record_id') }]);
    expect((await checkAuditExport(em, 'at,action\r\n')).problems[0].message).toContain('Not an export of the audit log');
  }, commandTimeout);

  it('is verified only by those who may read the log', async () => {
    expect((await app.request('/api/v1/admin/audit/verify')).status).toBe(401);
    for (const token of [await app.login('nimic.de@imi.test'), await app.session('admin@imi.test', { mfa: false })]) {
      const refused = await app.request('/api/v1/admin/audit/verify', { token });
      expect(refused.status).toBe(403);
      await problem(refused);
    }
  });
});
