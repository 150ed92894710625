import { pgArray } from '../../db/sql.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { notificationKinds, type NotificationKind, type NotificationMode } from './entities.js';

/** Who is told of a request's step: the handlers of an authority, its request coordinators, or named users. */
export type Audience =
  | { handlersOf: string; area: string; allocatedTo?: string[] }
  | { coordinatorsOf: string; area: string }
  | { referralHandlersOf: string; area: string }
  | { users: string[] };

function audienceSql(audience: Audience): { text: string; params: unknown[] } {
  const withRole = (role: string) =>
    `select u.id from app_user u where u.active and u.authority_id = ? and exists (select 1 from role_grant g where g.user_id = u.id and g.area_code = ? and g.role = '${role}')`;
  if ('users' in audience) return { text: 'select u.id from app_user u where u.active and u.id = any(?::uuid[])', params: [pgArray(audience.users)] };
  if ('handlersOf' in audience) {
    // Where the request is allocated, only the handlers it is allocated to are told.
    const allocated = audience.allocatedTo?.length ? ' and u.id = any(?::uuid[])' : '';
    return { text: withRole('request-handler') + allocated, params: [audience.handlersOf, audience.area, ...(allocated ? [pgArray(audience.allocatedTo!)] : [])] };
  }
  if ('referralHandlersOf' in audience) return { text: withRole('referral-handler'), params: [audience.referralHandlersOf, audience.area] };
  return {
    text: `select u.id from app_user u join coordination c on c.coordinator_id = u.authority_id and c.authority_id = ? and c.area_code = ? and c.relation = 'request'
            where u.active and exists (select 1 from role_grant g where g.user_id = u.id and g.area_code = c.area_code and g.role = 'referral-handler')`,
    params: [audience.coordinatorsOf, audience.area],
  };
}

/**
 * Records a notification for every user of the audience (but the one who acted), in the mode each chose for the kind
 * (actionable kinds e-mailed at once unless the user chose the digest; the others listed only). Returns the ids of those
 * to e-mail at once, for delivery once the change is committed.
 */
export async function notify(
  em: EntityManager,
  kind: NotificationKind,
  request: { id: string },
  audience: Audience,
  actorId: string | null,
): Promise<string[]> {
  const who = audienceSql(audience);
  const defaultMode: NotificationMode = notificationKinds[kind].actionable ? 'immediate' : 'off';
  const rows = await em.execute<{ id: string; mode: NotificationMode }[]>(
    `with audience as (${who.text}),
          chosen as (
            select a.id as user_id, coalesce(p.mode, ?) as mode
              from audience a left join notification_preference p on p.user_id = a.id and p.kind = ?
             where a.id is distinct from ?::uuid
          )
     insert into notification (user_id, kind, request_id, mode, created_at)
     select user_id, ?, ?, mode, now() from chosen
     returning id, mode`,
    [...who.params, defaultMode, kind, actorId, kind, request.id],
  );
  return rows.filter((r) => r.mode === 'immediate').map((r) => String(r.id));
}
