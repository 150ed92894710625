import { Readable } from 'node:stream';
import { z } from 'zod';
import type { Api } from '../../http/api.js';
import { page, pageQuery, text } from '../../http/schemas.js';
import { chainProblems, verifyAuditChain } from './chain.js';
import { audit, exportAudit, exportColumns, exportLimit, searchAudit } from './service.js';

const date = z.coerce.date({ error: 'A date or date-time, e.g. 2026-01-31' }).optional();
const auditFilters = z.object({
  actor: text(254).describe('User id or e-mail address'),
  authorityId: z.string().uuid('Not an authority id').optional(),
  requestId: text(80).describe('A request: its entries only'),
  record: text(80).describe('Any record by its id (a request, user, authority, profession …)'),
  action: z.string().regex(/^[a-z-]+(\.[a-z-]+)*$/, 'An action like auth.sign-in, or a family like auth').max(60).optional()
    .describe('An action (auth.sign-in), or a family of actions (auth: every auth.*)'),
  purpose: text(200).describe('Words of the stated purpose, case-insensitive'),
  from: date.describe('From this time on (included)'),
  to: date.describe('Before this time (excluded)'),
});

const auditItem = z.object({
  id: z.string(),
  at: z.date(),
  actor: z.object({ id: z.string().nullable(), email: z.string().nullable() }).nullable(),
  authority: z.string().nullable(),
  /** The authority's official name, for reading the log without looking ids up. */
  authorityName: z.string().nullable(),
  action: z.string(),
  record: z.object({ type: z.string(), id: z.string() }).nullable(),
  fields: z.array(z.string()),
  purpose: z.string().nullable(),
  ip: z.string().nullable(),
});

const chainReport = z.object({
  entries: z.number().int().describe('Entries checked: all of them when the chain is valid, else those before the first problem'),
  valid: z.boolean(),
  headSeq: z.number().int().describe('The last place of the chain when the check started'),
  headHash: z.string().describe('Its hash (hex): note it down, and a later check proves nothing before it was rewritten'),
  firstProblem: z.object({
    chainSeq: z.number().int(),
    id: z.string().nullable().describe('The faulty entry; null where entries are missing'),
    reason: z.enum(Object.keys(chainProblems) as [keyof typeof chainProblems]),
    detail: z.string(),
  }).nullable(),
  ms: z.number().int().describe('Time the check took, in milliseconds'),
});

export function auditRoutes(api: Api): void {
  api.route({
    method: 'get', path: '/admin/audit', operationId: 'searchAudit', tags: ['Administration'], access: { action: 'audit:read' },
    query: auditFilters.extend(pageQuery), response: page(auditItem),
    summary: 'Search the append-only audit log, newest first',
    handler: ({ em, query }) => searchAudit(em, query),
  });
  api.route({
    method: 'get', path: '/admin/audit/export', operationId: 'exportAudit', tags: ['Administration'], access: { action: 'audit:read' },
    query: auditFilters, response: z.object({ filename: z.string(), truncated: z.boolean(), lines: z.custom<AsyncIterable<string>>() }),
    summary: 'The audit log as a CSV file, with the filters of the search (audited)',
    description: `Columns: ${exportColumns.join(', ')}; times in UTC (ISO 8601), fields separated by "; ". UTF-8 with a byte order mark, comma-separated, CRLF. `
      + `A cell that a spreadsheet would run as a formula (starting with = + - @) gets a leading apostrophe. At most ${exportLimit} entries, newest first; `
      + 'when more match, the header `Imi-Export-Truncated: true` says so: narrow the period to export the rest. The export itself is recorded in the log with its filters.',
    handler: ({ em, user, query, ip }) => exportAudit(em, user!, query, ip, new Date()),
    send: {
      mediaType: 'text/csv',
      write: (ctx, file) => {
        ctx.type = 'text/csv; charset=utf-8';
        ctx.set('Content-Disposition', `attachment; filename="${file.filename}"`);
        ctx.set('Cache-Control', 'private, no-store');
        ctx.set('Imi-Export-Truncated', String(file.truncated));
        ctx.body = Readable.from(file.lines);
      },
    },
  });
  api.route({
    method: 'get', path: '/admin/audit/verify', operationId: 'verifyAudit', tags: ['Administration'], access: { action: 'audit:read' },
    response: chainReport,
    summary: 'Check the audit log\'s hash chain from its first entry to its last (audited)',
    description: 'Every entry is chained to the one before it: its hash is SHA-256 of the previous hash followed by the entry\'s canonical form. '
      + 'The check recomputes every hash and reports the first entry that does not match: `altered` (content changed), `missing` (entries removed), '
      + '`broken-link` (an entry inserted or moved) or `head-mismatch` (the end of the chain disagrees with the last entry). The check itself is recorded in the log.',
    handler: async ({ em, user, ip }) => {
      const report = await verifyAuditChain(em);
      audit(em, { action: 'audit.verify', actorId: user!.id, actorEmail: user!.email, authorityId: user!.authorityId, fields: [`valid=${report.valid}`, `headSeq=${report.headSeq}`], ip });
      await em.flush();
      return report;
    },
  });
}
