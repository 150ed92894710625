import { readdirSync } from 'node:fs';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Authority, AuthorityArea, Competence, Coordination, type CoordinatorKind, type IAuthority } from '../../modules/authorities/entities.js';
import { searchFields } from '../../modules/authorities/service.js';
import { RoleGrant, User, type UserRole } from '../../modules/identity/entities.js';
import { hashPassword } from '../../modules/identity/service.js';
import type { Translations } from '../../modules/reference/entities.js';
import { vocabularyIds } from '../../modules/reference/service.js';
import { readSeed, states } from './reference.js';

export interface DemoAuthorityData {
  key: string;
  coordinatorKind: CoordinatorKind;
  officialName: string;
  officialNameLang: string;
  designation: Translations;
  description: Translations;
  region?: string;
  city?: string;
  address?: string;
  postalCode?: string;
  email?: string;
  phone?: string;
  website?: string;
  languages: string[];
  areas: Record<string, { professions?: string[]; keywords?: string[] }>;
}

export interface DemoStateData {
  country: string;
  authorities: DemoAuthorityData[];
}

export function loadDemoNetwork(): DemoStateData[] {
  return readdirSync(new URL('../seed-data/demo-network/', import.meta.url))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => readSeed<DemoStateData>(`demo-network/${f}`));
}

/**
 * The demo Commission administrator's second factor (administrator powers need one): add it to an authenticator app.
 * Demo data only, like the demo password.
 */
export const DEMO_ADMIN_TOTP_SECRET = 'JBSWY3DPEHPK3PXPIMIDEMOADMIN2345';

/** The demo data-protection administrator's second factor: its powers need one too. Demo data only. */
export const DEMO_DPO_TOTP_SECRET = 'JBSWY3DPEHPK3PXPIMIDEMODPO234567';

/**
 * The demo data-protection administrator (SPEC §5.4): no authority, so it sees no request; it reads blocked data only
 * under a grant stating a purpose. Added to a demo network seeded before it existed, too.
 */
async function seedDemoDpo(em: EntityManager, passwordHash: () => Promise<string>): Promise<number> {
  if (await em.count(User, { email: 'dpo@imi.test' })) return 0;
  em.create(User, {
    email: 'dpo@imi.test', name: 'Data-protection administrator', passwordHash: await passwordHash(), dataProtectionAdmin: true, locale: 'en',
    totpSecret: DEMO_DPO_TOTP_SECRET, totpEnabled: true,
  });
  await em.flush();
  return 1;
}

/** The demo accounts of SPEC §9 for one state: which authority (by key) and which roles in which areas. */
interface DemoAccount {
  email: string;
  name: string;
  /** The demo authority it belongs to. */
  key: string;
  /** Granted in every area of that authority. */
  roles: UserRole[];
}

function demoAccounts(cc: string): DemoAccount[] {
  const c = cc.toLowerCase();
  return [
    { email: `nimic.${c}@imi.test`, name: `National IMI coordinator ${cc}`, key: 'nimic', roles: ['request-handler', 'referral-handler', 'lda'] },
    { email: `handler.${c}@imi.test`, name: `Request handler ${cc}`, key: 'ca1', roles: ['request-handler'] },
    { email: `handler2.${c}@imi.test`, name: `Request handler 2 ${cc}`, key: 'ca2', roles: ['request-handler'] },
    { email: `lda.${c}@imi.test`, name: `Local data administrator ${cc}`, key: 'ca1', roles: ['lda', 'basic-user'] },
  ];
}

/**
 * Seeds the demo network (SPEC §9) into a database that has no authorities yet: every state's NIMIC and competent
 * authorities with their competences, and the demo accounts, all sharing the demo password.
 */
export async function seedDemo(em: EntityManager, password: string): Promise<{ authorities: number; users: number } | null> {
  const fork = em.fork();
  if ((await fork.count(Authority, {})) > 0) {
    await seedDemoDpo(fork, () => hashPassword(password));
    return null;
  }
  const network = loadDemoNetwork();
  const passwordHash = await hashPassword(password);
  let authorities = 0;
  let users = 0;
  await fork.transactional(async (tx) => {
    const refIds = await vocabularyIds(tx);
    const areaCodes = new Set((await tx.execute<{ code: string }[]>('select code from legislative_area')).map((r) => r.code));
    for (const state of network) {
      if (!states[state.country]) throw new Error(`demo-network: unknown state ${state.country}`);
      const byKey = new Map<string, IAuthority>();
      for (const a of state.authorities) {
        const authority = tx.create(Authority, {
          country: state.country, officialName: a.officialName, officialNameLang: a.officialNameLang,
          designation: a.designation, description: a.description, region: a.region, city: a.city, address: a.address,
          postalCode: a.postalCode, email: a.email, phone: a.phone, website: a.website, languages: a.languages,
          coordinatorKind: a.coordinatorKind, status: 'active', ...searchFields(a),
        });
        byKey.set(a.key, authority);
        authorities++;
        for (const [area, competences] of Object.entries(a.areas)) {
          if (!areaCodes.has(area)) throw new Error(`demo-network/${state.country}: unknown area ${area}`);
          tx.create(AuthorityArea, { authority, area });
          for (const refKind of ['profession', 'keyword'] as const) {
            for (const code of competences[`${refKind}s`] ?? []) {
              const refId = refIds[refKind].get(code);
              if (!refId) throw new Error(`demo-network/${state.country}/${a.key}: unknown ${refKind} ${code}`);
              tx.create(Competence, { authority, area, refKind, refId });
            }
          }
        }
      }
      // The NIMIC validated every authority of its state and is its access and request coordinator in each area.
      const nimic = byKey.get('nimic');
      for (const a of state.authorities) {
        if (!nimic || a.key === 'nimic') continue;
        for (const area of Object.keys(a.areas)) {
          for (const relation of ['validating', 'access', 'request'] as const) tx.create(Coordination, { authority: byKey.get(a.key)!, area, coordinator: nimic, relation });
        }
      }
      const areasOf = (key: string) => Object.keys(state.authorities.find((a) => a.key === key)?.areas ?? {});
      for (const account of demoAccounts(state.country)) {
        const authority = byKey.get(account.key);
        if (!authority) throw new Error(`demo-network/${state.country}: no authority ${account.key}`);
        const user = tx.create(User, {
          email: account.email, name: account.name, passwordHash, authority, locale: states[state.country].languages[0],
        });
        users++;
        for (const area of areasOf(account.key)) for (const role of account.roles) tx.create(RoleGrant, { user, area, role });
      }
    }
    tx.create(User, {
      email: 'admin@imi.test', name: 'Commission administrator', passwordHash, commissionAdmin: true, locale: 'en',
      totpSecret: DEMO_ADMIN_TOTP_SECRET, totpEnabled: true,
    });
    users++;
    users += await seedDemoDpo(tx, async () => passwordHash);
  });
  return { authorities, users };
}
