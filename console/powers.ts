import { msg } from '@lit/localize';
import type { Me } from '../server/modules/identity/schemas.js';

/** The pages of the console, each at `#/<id>`. */
export const consolePages = ['overview', 'routing', 'authorities', 'areas', 'professions', 'users', 'audit', 'data-protection', 'system'] as const;
export type ConsolePageId = (typeof consolePages)[number];

/** Commission powers count only in a sign-in confirmed by the second factor. */
export const hasCommissionPowers = (me: Me | undefined): boolean => Boolean(me?.user.commissionAdmin && me.user.mfa);

/** A local data administrator of its own authority: what every registry power but the Commission's needs. */
export const administersOwnAuthority = (me: Me | undefined): boolean => Boolean(me?.authority && me.roles.some((role) => role.role === 'lda'));

/** The data-protection administrator's powers, like the Commission's, count only in a sign-in confirmed by the second factor. */
export const hasDataProtectionPowers = (me: Me | undefined): boolean => Boolean(me?.user.dataProtectionAdmin && me.user.mfa);

/** Users of an authority who handle requests in some area, or administer it, record and answer its data subjects' requests. */
export const handlesSubjectRequests = (me: Me | undefined): boolean =>
  Boolean(me?.authority && me.roles.some((role) => role.role === 'request-handler' || role.role === 'lda'));

/**
 * Who sees which page. The server decides every call on its own (the policy module); this only keeps the navigation
 * to the pages that would work for the user. Commission powers count only in a sign-in confirmed by a second factor.
 */
const visibleTo: Record<ConsolePageId, (me: Me) => boolean> = {
  overview: (me) => hasCommissionPowers(me) || Boolean(me.coordinator),
  routing: (me) => hasCommissionPowers(me) || me.coordinator?.kind === 'NIMIC',
  authorities: (me) => hasCommissionPowers(me) || Boolean(me.coordinator) || administersOwnAuthority(me),
  areas: (me) => hasCommissionPowers(me),
  professions: (me) => hasCommissionPowers(me),
  users: (me) => hasCommissionPowers(me) || Boolean(me.coordinator) || administersOwnAuthority(me),
  audit: (me) => (me.user.commissionAdmin || me.user.dataProtectionAdmin) && me.user.mfa,
  'data-protection': (me) => hasDataProtectionPowers(me) || hasCommissionPowers(me) || handlesSubjectRequests(me),
  system: (me) => hasCommissionPowers(me),
};

export function pagesFor(me: Me): ConsolePageId[] {
  return consolePages.filter((page) => visibleTo[page](me));
}

/** Whether the user holds powers that count only after a second factor, and has not confirmed one in this sign-in. */
export function needsSecondFactor(me: Me): boolean {
  return (me.user.commissionAdmin || me.user.dataProtectionAdmin) && !me.user.mfa;
}

export function pageTitle(page: ConsolePageId): string {
  switch (page) {
    case 'overview':
      return msg('Network overview');
    case 'routing':
      return msg('States and routing');
    case 'authorities':
      return msg('Authorities');
    case 'areas':
      return msg('Legislative areas and question sets');
    case 'professions':
      return msg('Professions');
    case 'users':
      return msg('Users and roles');
    case 'audit':
      return msg('Audit log');
    case 'data-protection':
      return msg('Data protection');
    case 'system':
      return msg('System');
  }
}
