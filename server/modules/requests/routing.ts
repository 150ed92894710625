import type { EntityManager } from '@mikro-orm/postgresql';
import { problems } from '../../http/problem.js';
import { audit } from '../audit/service.js';
import type { AuthUser } from '../identity/service.js';
import type { RoutingBody } from './schemas.js';

interface RuleRow { id: number; country_code: string; authority_id: string | null; area_code: string | null; approve_requests: boolean; approve_replies: boolean; updated_at: Date }

const view = (r: RuleRow) => ({
  id: r.id, country: r.country_code, authorityId: r.authority_id, area: r.area_code,
  approveRequests: r.approve_requests, approveReplies: r.approve_replies, updatedAt: r.updated_at,
});

/** A state's routing (SPEC §5.2): its own rule and its overrides per authority and area, broadest first. */
export async function listRouting(em: EntityManager, country: string) {
  const rows = await em.execute<RuleRow[]>(
    `select * from routing_rule where country_code = ? order by authority_id nulls first, area_code nulls first`, [country]);
  return { items: rows.map(view), nextCursor: null };
}

/**
 * Sets the routing of a state, or an override for one of its authorities and/or one area; `inherit` removes an
 * override so the broader rule applies again.
 */
export async function setRouting(em: EntityManager, user: AuthUser, body: RoutingBody, ip: string | null) {
  if (body.authorityId) {
    const [a] = await em.execute<{ country_code: string }[]>('select country_code from authority where id = ?', [body.authorityId]);
    if (!a || a.country_code !== body.country) throw problems.invalid([{ path: 'authorityId', in: 'body', message: `No authority with this id in ${body.country}` }]);
  }
  if (body.area) {
    const [area] = await em.execute('select 1 from legislative_area where code = ?', [body.area]);
    if (!area) throw problems.invalid([{ path: 'area', in: 'body', message: `No legislative area ${body.area}` }]);
  }
  const scope = [body.country, body.authorityId ?? null, body.area ?? null];
  if (body.inherit) {
    await em.execute('delete from routing_rule where country_code = ? and authority_id is not distinct from ? and area_code is not distinct from ?', scope);
  } else {
    await em.execute(
      `insert into routing_rule (country_code, authority_id, area_code, approve_requests, approve_replies, updated_by, updated_at)
       values (?, ?, ?, ?, ?, ?, now())
       on conflict on constraint routing_rule_scope_unique
       do update set approve_requests = excluded.approve_requests, approve_replies = excluded.approve_replies, updated_by = excluded.updated_by, updated_at = now()`,
      [...scope, body.approveRequests, body.approveReplies, user.id],
    );
  }
  audit(em, { action: 'routing.set', actorId: user.id, actorEmail: user.email, authorityId: user.authorityId, record: { type: 'country', id: body.country }, fields: [body.inherit ? 'inherit' : 'routing', ...(body.authorityId ? [`authority:${body.authorityId}`] : []), ...(body.area ? [`area:${body.area}`] : [])], ip });
  await em.flush();
  return listRouting(em, body.country);
}
