import { z } from 'zod';
import type { Api } from '../../http/api.js';
import { page, pageQuery, text } from '../../http/schemas.js';
import { searchAudit } from './service.js';

const auditQuery = z.object({
  actor: text(254).describe('User id or e-mail address'),
  authorityId: z.string().uuid('Not an authority id').optional(),
  requestId: text(80),
  action: z.string().regex(/^[a-z-]+(\.[a-z-]+)*$/, 'An action like auth.sign-in').max(60).optional(),
  from: z.coerce.date({ error: 'A date or date-time, e.g. 2026-01-31' }).optional(),
  to: z.coerce.date({ error: 'A date or date-time, e.g. 2026-01-31' }).optional(),
  ...pageQuery,
});

const auditItem = z.object({
  id: z.string(),
  at: z.date(),
  actor: z.object({ id: z.string().nullable(), email: z.string().nullable() }).nullable(),
  authority: z.string().nullable(),
  action: z.string(),
  record: z.object({ type: z.string(), id: z.string() }).nullable(),
  fields: z.array(z.string()),
  purpose: z.string().nullable(),
  ip: z.string().nullable(),
});

export function auditRoutes(api: Api): void {
  api.route({
    method: 'get', path: '/admin/audit', operationId: 'searchAudit', tags: ['Administration'], access: { action: 'audit:read' },
    query: auditQuery, response: page(auditItem),
    summary: 'Search the append-only audit log, newest first',
    handler: ({ em, query }) => searchAudit(em, query),
  });
}
