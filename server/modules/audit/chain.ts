import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { parseCsv } from '../../http/csv.js';
import { exportColumns, exportLine, type AuditRow } from './service.js';

/**
 * Checking the audit log's hash chain. The database chains every entry as it is inserted (trigger `audit_entry_chain`):
 * hash = SHA-256(previous hash ‖ canonical form of the entry), the canonical form being what the SQL function
 * `audit_entry_payload` gives for the row. Verification walks the chain in order and recomputes every hash here, from
 * the rows as they are stored now, so any change made behind the triggers' back shows up.
 */

/** Why an entry breaks the chain. */
export const chainProblems = {
  /** The entry's content is no longer what was hashed when it was written. */
  altered: 'Its content was changed after it was written',
  /** Places in the chain are empty: entries were removed. */
  missing: 'Entries are missing: they were removed from the log',
  /** The entry does not follow the one before it: it was inserted, moved, or the one before it was rewritten. */
  'broken-link': 'It does not follow the entry before it: an entry was inserted, reordered or rewritten',
  /** The head (last place and hash the database recorded) does not match the last entry. */
  'head-mismatch': 'The end of the chain does not match the last entry',
} as const;
export type ChainProblemReason = keyof typeof chainProblems;

export interface ChainProblem {
  /** The place in the chain: of the faulty entry, or the first empty place. */
  chainSeq: number;
  /** The faulty entry; null where the entry is missing. */
  id: string | null;
  reason: ChainProblemReason;
  detail: string;
}

export interface ChainReport {
  /** Entries checked: all of them up to the head when the chain is valid, else those before the first problem. */
  entries: number;
  valid: boolean;
  /** The last place and hash of the chain as the database records them when verification starts. */
  headSeq: number;
  headHash: string;
  firstProblem: ChainProblem | null;
  ms: number;
}

interface ChainRow {
  chain_seq: string;
  id: string;
  prev_hash: Buffer;
  hash: Buffer;
  payload: Buffer;
}

/** The hash before the first entry. */
export const genesisHash = Buffer.alloc(32);

/** Rows read per query: large enough that the round trips cost little, small enough to keep memory flat on any log. */
const verifyBatch = 5_000;

/**
 * Verifies the whole chain, reading it in `chain_seq` order by keyset pagination (constant memory, however long the log),
 * and reports the first entry that does not match. Entries written while it runs are left for the next run: only the
 * chain up to the head read at the start is checked, and every entry up to that head was committed with it.
 */
export async function verifyAuditChain(em: EntityManager, options: { batch?: number } = {}): Promise<ChainReport> {
  const started = performance.now();
  const [head = { seq: '0', hash: genesisHash }] = await em.execute<{ seq: string; hash: Buffer }[]>('select seq, hash from audit_chain_head where id');
  const headSeq = Number(head.seq);
  const report = (entries: number, firstProblem: ChainProblem | null): ChainReport => ({
    entries, valid: !firstProblem, headSeq, headHash: head.hash.toString('hex'), firstProblem, ms: Math.round(performance.now() - started),
  });
  let running = genesisHash;
  let expected = 1;
  for (;;) {
    const rows = await em.execute<ChainRow[]>(
      `select e.chain_seq, e.id, e.prev_hash, e.hash, audit_entry_payload(e) as payload from audit_entry e
        where e.chain_seq >= ? and e.chain_seq <= ? order by e.chain_seq limit ?`,
      [expected, headSeq, options.batch ?? verifyBatch],
    );
    for (const row of rows) {
      const seq = Number(row.chain_seq);
      const id = String(row.id);
      if (seq !== expected) {
        return report(expected - 1, { chainSeq: expected, id: null, reason: 'missing', detail: `${gap(expected, seq - 1)} missing; the chain goes on with entry ${seq} (id ${id}).` });
      }
      if (!row.prev_hash.equals(running)) {
        return report(expected - 1, { chainSeq: seq, id, reason: 'broken-link', detail: `Entry ${seq} (id ${id}) names a previous hash that is not the hash of entry ${seq - 1}.` });
      }
      const hash = createHash('sha256').update(running).update(row.payload).digest();
      if (!hash.equals(row.hash)) {
        return report(expected - 1, { chainSeq: seq, id, reason: 'altered', detail: `Entry ${seq} (id ${id}) no longer has the content it was written with.` });
      }
      running = hash;
      expected++;
    }
    if (!rows.length || expected > headSeq) break;
  }
  if (expected - 1 < headSeq) {
    return report(expected - 1, { chainSeq: expected, id: null, reason: 'missing', detail: `${gap(expected, headSeq)} missing: the newest entries were removed.` });
  }
  if (!running.equals(head.hash)) {
    return report(expected - 1, { chainSeq: headSeq, id: null, reason: 'head-mismatch', detail: `The head of the chain does not record the hash of entry ${headSeq}.` });
  }
  // Entries written since the start follow the head they moved; one beyond the head (read in the same snapshot), before
  // the first place, or in a log whose head is gone, was added behind the chain's back.
  const [{ outside }] = await em.execute<{ outside: string | null }[]>(
    `select min(e.chain_seq) as outside from audit_entry e where e.chain_seq < 1
       or e.chain_seq > coalesce((select h.seq from audit_chain_head h where h.id), 0)`,
  );
  if (outside !== null) {
    return report(headSeq, { chainSeq: Number(outside), id: null, reason: 'head-mismatch', detail: `The entry at place ${outside} lies outside the chain, which runs from 1 to its head: it was added behind the chain's back.` });
  }
  return report(headSeq, null);
}

const gap = (from: number, to: number) => (from === to ? `Entry ${from} is` : `Entries ${from}–${to} are`);

export interface ExportCheck {
  /** Lines of the file checked. */
  lines: number;
  problems: { line: number; chainSeq: string | null; message: string }[];
}

/** Columns not compared: the authority's name is looked up at export time and changes when the authority is renamed. */
const unhashedColumns = new Set(['authority_name']);

/**
 * Checks a CSV file exported from the log (`GET /admin/audit/export`) against the database: every line must be the
 * entry at its place in the chain, with the same hash and the same content. A file kept since an export thus proves
 * that those entries were not rewritten since, even together with the whole chain after them; and an edited file does not pass.
 */
export async function checkAuditExport(em: EntityManager, csv: string): Promise<ExportCheck> {
  const parsed = parseCsv(csv);
  const problems: ExportCheck['problems'] = parsed.errors.map((e) => ({ line: e.line, chainSeq: null, message: e.message }));
  const [header, ...records] = parsed.records;
  if (!header || header.fields.join(',') !== exportColumns.join(',')) {
    return { lines: 0, problems: [{ line: 1, chainSeq: null, message: `Not an export of the audit log: the first line must name the columns ${exportColumns.join(', ')}` }] };
  }
  const seqColumn = exportColumns.indexOf('chain_seq');
  for (let start = 0; start < records.length; start += verifyBatch) {
    const batch = records.slice(start, start + verifyBatch);
    const places = batch.map((r) => r.fields[seqColumn]).filter((s) => /^\d{1,18}$/.test(s));
    const rows = await em.execute<AuditRow[]>(
      `select e.*, (select a.official_name from authority a where a.id = e.authority_id) as authority_name
        from audit_entry e where e.chain_seq = any(?::bigint[])`,
      [`{${places.join(',')}}`],
    );
    const stored = new Map(rows.map((r) => [String(r.chain_seq), parseCsv(exportLine(r)).records[0].fields]));
    for (const record of batch) {
      const seq = record.fields[seqColumn] ?? '';
      const expected = stored.get(seq);
      if (!expected) {
        problems.push({ line: record.line, chainSeq: seq || null, message: `There is no entry ${seq || '(no chain_seq)'} in the log` });
        continue;
      }
      const differing = exportColumns.filter((column, i) => !unhashedColumns.has(column) && (record.fields[i] ?? '') !== expected[i]);
      if (differing.length) problems.push({ line: record.line, chainSeq: seq, message: `Differs from entry ${seq} of the log in ${differing.join(', ')}` });
    }
  }
  return { lines: records.length, problems };
}
