import { z } from 'zod';
import type { Api } from '../../http/api.js';
import { problems, type FieldError } from '../../http/problem.js';
import { notificationKinds, notificationModes, type NotificationKind, type NotificationMode } from './entities.js';

const kinds = Object.keys(notificationKinds) as NotificationKind[];
const preferenceList = z.object({
  items: z.array(z.object({ kind: z.enum(kinds), actionable: z.boolean(), mode: z.enum(notificationModes) })),
});
const preferenceBody = z.object({
  preferences: z.array(z.object({ kind: z.enum(kinds), mode: z.enum(notificationModes) })).min(1).max(kinds.length),
});

export function notificationRoutes(api: Api): void {
  const tags = ['Notifications'];
  const list = async (em: Parameters<Parameters<Api['route']>[0]['handler']>[0]['em'], userId: string) => {
    const rows = await em.execute<{ kind: NotificationKind; mode: NotificationMode }[]>('select kind, mode from notification_preference where user_id = ?', [userId]);
    const chosen = new Map(rows.map((r) => [r.kind, r.mode]));
    return {
      items: kinds.map((kind) => ({
        kind, actionable: notificationKinds[kind].actionable,
        mode: chosen.get(kind) ?? (notificationKinds[kind].actionable ? 'immediate' : 'off') as NotificationMode,
      })),
    };
  };
  api.route({
    method: 'get', path: '/me/notification-preferences', operationId: 'notificationPreferences', tags, access: 'signed-in', response: preferenceList,
    summary: 'How you are told of each kind of event: immediate e-mail, daily digest, or in the application only',
    handler: ({ em, user }) => list(em, user!.id),
  });
  api.route({
    method: 'put', path: '/me/notification-preferences', operationId: 'setNotificationPreferences', tags, access: 'signed-in', body: preferenceBody, response: preferenceList,
    summary: 'Choose immediate e-mail, daily digest or off per kind; actionable kinds cannot be switched off',
    handler: async ({ em, user, body }) => {
      const errors: FieldError[] = body.preferences.flatMap((p, i) =>
        p.mode === 'off' && notificationKinds[p.kind].actionable
          ? [{ path: `preferences.${i}.mode`, in: 'body' as const, message: `${p.kind} asks you to act: choose immediate or digest` }]
          : []);
      if (errors.length) throw problems.invalid(errors);
      for (const p of body.preferences) {
        await em.execute(
          'insert into notification_preference (user_id, kind, mode) values (?, ?, ?) on conflict (user_id, kind) do update set mode = excluded.mode',
          [user!.id, p.kind, p.mode]);
      }
      return list(em, user!.id);
    },
  });
}
