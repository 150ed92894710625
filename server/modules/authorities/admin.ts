import { ref } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { claimVersion } from '../../db/sql.js';
import { problems, type FieldError } from '../../http/problem.js';
import { invitationLocale, invitationMail } from '../../i18n/mail.js';
import { audit } from '../audit/service.js';
import type { AuthUser } from '../identity/service.js';
import { hashPassword, newToken, passwordProblem, tokenHash } from '../identity/service.js';
import { createUser, type Links } from '../identity/users.js';
import { sendAfterChange } from '../notifications/mailer.js';
import { RoleGrant, User } from '../identity/entities.js';
import type { LocaleCode } from '../reference/locales.js';
import { vocabularyIds } from '../reference/service.js';
import type { Translations } from '../reference/entities.js';
import { Authority, AuthorityArea, Competence, Coordination, Invitation, type CoordinationRelation, type CoordinatorKind, type IAuthority } from './entities.js';
import { authorityDetail, searchFields } from './service.js';

export interface CompetenceInput {
  area: string;
  professions?: string[];
  keywords?: string[];
}

export interface AuthorityFields {
  officialName: string;
  officialNameLang: string;
  designation?: Translations;
  description?: Translations;
  region?: string | null;
  city?: string | null;
  address?: string | null;
  postalCode?: string | null;
  email?: string | null;
  phone?: string | null;
  website?: string | null;
  languages: string[];
  competences?: CompetenceInput[];
}

const INVITATION_DAYS = 14;

async function requireCountry(em: EntityManager, country: string, path = 'country'): Promise<void> {
  const rows = await em.execute<{ code: string }[]>('select code from country where code = ?', [country]);
  if (!rows.length) throw problems.invalid([{ path, in: 'body', message: `Not one of the 30 EEA states: ${country}` }]);
}

async function requireAreas(em: EntityManager, areas: string[], path: string): Promise<void> {
  const known = new Set((await em.execute<{ code: string }[]>('select code from legislative_area')).map((r) => r.code));
  const wrong = areas.findIndex((a) => !known.has(a));
  if (wrong >= 0) throw problems.invalid([{ path: `${path}.${wrong}`, in: 'body', message: `Unknown legislative area ${areas[wrong]}` }]);
}

/** Resolves competence codes to ids, naming every unknown code or area the authority does not take part in. */
async function resolveCompetences(em: EntityManager, competences: CompetenceInput[], areas: string[]) {
  const known = await vocabularyIds(em);
  const errors: FieldError[] = [];
  const rows: { area: string; refKind: 'profession' | 'keyword'; refId: number }[] = [];
  competences.forEach((c, i) => {
    if (!areas.includes(c.area)) errors.push({ path: `competences.${i}.area`, in: 'body', message: `The authority does not take part in ${c.area}` });
    for (const refKind of ['profession', 'keyword'] as const) {
      (c[`${refKind}s`] ?? []).forEach((code, j) => {
        const refId = known[refKind].get(code);
        if (refId === undefined) errors.push({ path: `competences.${i}.${refKind}s.${j}`, in: 'body', message: `Unknown ${refKind} ${code}` });
        else rows.push({ area: c.area, refKind, refId });
      });
    }
  });
  if (errors.length) throw problems.invalid(errors);
  return rows;
}

function fieldsOf(input: AuthorityFields) {
  const designation = input.designation ?? {};
  return {
    officialName: input.officialName,
    officialNameLang: input.officialNameLang,
    designation,
    description: input.description ?? {},
    region: input.region ?? null,
    city: input.city ?? null,
    address: input.address ?? null,
    postalCode: input.postalCode ?? null,
    email: input.email ?? null,
    phone: input.phone ?? null,
    website: input.website ?? null,
    languages: input.languages,
    ...searchFields({ officialName: input.officialName, designation, city: input.city, region: input.region }),
  };
}

/** Adds an authority with its areas, competences and coordinator relations (validating, access and request). */
async function insertAuthority(
  em: EntityManager,
  country: string,
  coordinatorKind: CoordinatorKind,
  status: IAuthority['status'],
  input: AuthorityFields,
  areas: string[],
  coordinatorId: string | null,
) {
  await requireCountry(em, country);
  await requireAreas(em, areas, 'areas');
  if (coordinatorKind === 'NIMIC' && (await em.count(Authority, { country, coordinatorKind: 'NIMIC', status: { $ne: 'rejected' } }))) {
    throw problems.conflict(`${country} has its national IMI coordinator already.`);
  }
  const competences = await resolveCompetences(em, input.competences ?? [], areas);
  const authority = em.create(Authority, { country, coordinatorKind, status, ...fieldsOf(input) });
  for (const area of areas) {
    em.create(AuthorityArea, { authority, area });
    if (coordinatorId) {
      for (const relation of ['validating', 'access', 'request'] as const) em.create(Coordination, { authority, area, coordinator: coordinatorId, relation });
    }
  }
  await em.flush();
  // Competences after the authority row exists: their trigger copies its status, country and name.
  for (const c of competences) em.create(Competence, { authority, area: c.area, refKind: c.refKind, refId: c.refId });
  return authority;
}

/** A coordinator registers an authority directly (or the Commission a NIMIC); its first LDA gets a first sign-in link. */
export async function createAuthority(
  em: EntityManager,
  links: Links,
  actor: AuthUser,
  input: AuthorityFields & { country: string; coordinatorKind: CoordinatorKind; areas: string[]; lda: { email: string; name: string; locale?: string } },
  lang: LocaleCode,
  ip: string | null,
) {
  const authority = await insertAuthority(em, input.country, input.coordinatorKind, 'active', input, input.areas, actor.authorityId);
  audit(em, { action: 'authority.create', actorId: actor.id, actorEmail: actor.email, authorityId: actor.authorityId, record: { type: 'authority', id: authority.id }, ip });
  await createUser(em, links, actor, authority.id, { ...input.lda, roles: input.areas.map((area) => ({ area, role: 'lda' as const })) }, ip);
  return authorityDetail(em, authority.id, lang);
}

/** A coordinator invites an authority by e-mail to register itself; the link works once, for 14 days. */
export async function invite(em: EntityManager, links: Links, actor: AuthUser, input: { email: string; country: string; areas: string[] }, ip: string | null) {
  await requireCountry(em, input.country);
  await requireAreas(em, input.areas, 'areas');
  const { token, hash } = newToken();
  const invitation = em.create(Invitation, {
    tokenHash: hash, email: input.email.trim().toLowerCase(), country: input.country, areas: input.areas,
    coordinator: actor.authorityId!, invitedBy: actor.id, expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000),
  });
  audit(em, { action: 'authority.invite', actorId: actor.id, actorEmail: actor.email, authorityId: actor.authorityId, record: { type: 'invitation', id: invitation.id }, ip });
  await em.flush();
  const [country] = await em.execute<{ languages: string[] }[]>('select languages from country where code = ?', [input.country]);
  const locale = invitationLocale(country.languages, actor.locale);
  await sendAfterChange(links.mailer, {
    to: invitation.email,
    ...invitationMail(locale, input.areas, `${links.publicUrl}/#/register/${token}`, INVITATION_DAYS, invitation.expiresAt),
  }, 'The invitation is saved; send a new one');
  return { id: invitation.id, email: invitation.email, country: input.country, areas: input.areas, expiresAt: invitation.expiresAt };
}

/** The invitee registers its authority (pending validation) and becomes its first local data administrator. */
export async function register(
  em: EntityManager,
  input: AuthorityFields & { token: string; lda: { name: string; password: string; locale?: string } },
  lang: LocaleCode,
  ip: string | null,
) {
  const invitation = await em.findOne(Invitation, { tokenHash: tokenHash(input.token), usedAt: null, expiresAt: { $gt: new Date() } });
  if (!invitation) throw problems.invalid([{ path: 'token', in: 'body', message: 'This invitation is not valid any more; ask your coordinator for a new one' }]);
  const password = passwordProblem(input.lda.password, invitation.email);
  if (password) throw problems.invalid([{ path: 'lda.password', in: 'body', message: password }]);
  if (await em.count(User, { email: invitation.email })) throw problems.conflict('An account with the invited e-mail address exists already.');
  const authority = await insertAuthority(em, invitation.country.code, 'NONE', 'pending-validation', input, invitation.areas, invitation.coordinator.id);
  const user = em.create(User, {
    email: invitation.email, name: input.lda.name, locale: input.lda.locale ?? 'en', authority, passwordHash: await hashPassword(input.lda.password),
  });
  for (const area of invitation.areas) em.create(RoleGrant, { user, area, role: 'lda' });
  invitation.usedAt = new Date();
  invitation.authority = ref(authority);
  audit(em, { action: 'authority.register', actorId: user.id, actorEmail: user.email, authorityId: authority.id, record: { type: 'authority', id: authority.id }, ip });
  await em.flush();
  return authorityDetail(em, authority.id, lang);
}

type Transition = { from: IAuthority['status'][]; to: IAuthority['status']; action: string };
const transitions = {
  approve: { from: ['pending-validation'], to: 'active', action: 'authority.validate' },
  reject: { from: ['pending-validation'], to: 'rejected', action: 'authority.reject' },
  suspend: { from: ['active'], to: 'suspended', action: 'authority.suspend' },
  reactivate: { from: ['suspended'], to: 'active', action: 'authority.reactivate' },
} satisfies Record<string, Transition>;

/** Validation, rejection, suspension and reactivation by the authority's coordinator. */
export async function changeStatus(
  em: EntityManager,
  actor: AuthUser,
  id: string,
  change: keyof typeof transitions,
  input: { version: number; reason?: string },
  lang: LocaleCode,
  ip: string | null,
) {
  const transition: Transition = transitions[change];
  const authority = await em.findOneOrFail(Authority, id);
  if (!transition.from.includes(authority.status)) {
    throw problems.conflict(`The authority is ${authority.status}; this needs it to be ${transition.from.join(' or ')}.`);
  }
  await claimVersion(em, 'authority', id, input.version);
  await em.nativeUpdate(Authority, { id }, { status: transition.to, statusReason: input.reason ?? null });
  audit(em, { action: transition.action, actorId: actor.id, actorEmail: actor.email, authorityId: actor.authorityId, record: { type: 'authority', id }, fields: ['status'], purpose: input.reason, ip });
  await em.flush();
  return authorityDetail(em, id, lang);
}

/** The access coordinator lets an authority take part in one more legislative area. */
export async function grantArea(em: EntityManager, actor: AuthUser, id: string, input: { version: number; area: string }, lang: LocaleCode, ip: string | null) {
  await requireAreas(em, [input.area], 'area');
  await claimVersion(em, 'authority', id, input.version);
  await em.execute('insert into authority_area (authority_id, area_code, allocation) values (?, ?, false) on conflict do nothing', [id, input.area]);
  if (actor.authorityId) {
    await em.execute(
      `insert into coordination (authority_id, area_code, coordinator_id, relation) values (?, ?, ?, 'access') on conflict do nothing`,
      [id, input.area, actor.authorityId],
    );
  }
  audit(em, { action: 'authority.grant-area', actorId: actor.id, actorEmail: actor.email, authorityId: actor.authorityId, record: { type: 'authority', id }, fields: [`areas.${input.area}`], ip });
  await em.flush();
  return authorityDetail(em, id, lang);
}

/** The authority's LDA or coordinator edits its data; competences, when given, replace those of their areas. */
export async function updateAuthority(em: EntityManager, actor: AuthUser, id: string, input: Partial<AuthorityFields> & { version: number }, lang: LocaleCode, ip: string | null) {
  const authority = await em.findOneOrFail(Authority, id);
  const { version: _version, competences: _competences, ...given } = input;
  const merged: AuthorityFields = {
    officialName: authority.officialName, officialNameLang: authority.officialNameLang, designation: authority.designation,
    description: authority.description, region: authority.region, city: authority.city, address: authority.address,
    postalCode: authority.postalCode, email: authority.email, phone: authority.phone, website: authority.website,
    languages: authority.languages,
    ...Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined)),
  };
  const areas = (await em.execute<{ area_code: string }[]>('select area_code from authority_area where authority_id = ?', [id])).map((r) => r.area_code);
  const competences = input.competences ? await resolveCompetences(em, input.competences, areas) : null;
  await claimVersion(em, 'authority', id, input.version);
  await em.nativeUpdate(Authority, { id }, fieldsOf(merged));
  if (input.competences && competences) {
    const touched = [...new Set(input.competences.map((c) => c.area))];
    await em.nativeDelete(Competence, { authority: id, area: { $in: touched } });
    for (const c of competences) em.create(Competence, { authority: id, area: c.area, refKind: c.refKind, refId: c.refId });
  }
  const fields = Object.keys(input).filter((k) => k !== 'version');
  audit(em, { action: 'authority.update', actorId: actor.id, actorEmail: actor.email, authorityId: actor.authorityId, record: { type: 'authority', id }, fields, ip });
  await em.flush();
  return authorityDetail(em, id, lang);
}

export async function listCoordinators(em: EntityManager, id: string) {
  const rows = await em.execute<{ area_code: string; relation: string; coordinator_id: string; official_name: string; coordinator_kind: string }[]>(
    `select c.area_code, c.relation, c.coordinator_id, a.official_name, a.coordinator_kind
       from coordination c join authority a on a.id = c.coordinator_id
      where c.authority_id = ? order by c.area_code, c.relation, a.sort_name`, [id]);
  return {
    items: rows.map((r) => ({ area: r.area_code, relation: r.relation as CoordinationRelation, coordinator: { id: r.coordinator_id, officialName: r.official_name, kind: r.coordinator_kind as CoordinatorKind } })),
    nextCursor: null,
  };
}

/**
 * Names a coordinator of the same state as request coordinator or linked observer of an authority in one of its areas,
 * or removes such a relation. The validating and access relations follow registration and area grants.
 */
export async function setCoordinator(
  em: EntityManager,
  actor: AuthUser,
  id: string,
  input: { area: string; coordinatorId: string; relation: 'request' | 'observer'; present: boolean },
  ip: string | null,
) {
  const [target] = await em.execute<{ country_code: string }[]>('select country_code from authority where id = ?', [id]);
  const [coordinator] = await em.execute<{ country_code: string; coordinator_kind: CoordinatorKind; status: string }[]>(
    'select country_code, coordinator_kind, status from authority where id = ?', [input.coordinatorId]);
  if (!coordinator || coordinator.coordinator_kind === 'NONE' || coordinator.status !== 'active' || coordinator.country_code !== target.country_code) {
    throw problems.invalid([{ path: 'coordinatorId', in: 'body', message: 'Not an active coordinator of the authority\'s state' }]);
  }
  const areas = (await em.execute<{ area_code: string }[]>('select area_code from authority_area where authority_id = ?', [id])).map((r) => r.area_code);
  if (!areas.includes(input.area)) throw problems.invalid([{ path: 'area', in: 'body', message: `The authority does not take part in ${input.area}` }]);
  if (input.present) {
    await em.execute(`insert into coordination (authority_id, area_code, coordinator_id, relation) values (?, ?, ?, ?) on conflict do nothing`, [id, input.area, input.coordinatorId, input.relation]);
  } else {
    await em.execute('delete from coordination where authority_id = ? and area_code = ? and coordinator_id = ? and relation = ?', [id, input.area, input.coordinatorId, input.relation]);
  }
  audit(em, {
    action: input.present ? 'authority.add-coordinator' : 'authority.remove-coordinator', actorId: actor.id, actorEmail: actor.email,
    authorityId: actor.authorityId, record: { type: 'authority', id }, fields: [`coordinators.${input.area}.${input.relation}`], ip,
  });
  await em.flush();
  return listCoordinators(em, id);
}

/**
 * Switches allocation on or off for the authority in an area (its LDA or coordinator): with it on, its allocators
 * assign incoming requests to handlers, and only those handlers act on them.
 */
export async function setAllocation(em: EntityManager, actor: AuthUser, id: string, input: { version: number; area: string; allocation: boolean }, lang: LocaleCode, ip: string | null) {
  const [row] = await em.execute<{ n: string }[]>('select count(*) as n from authority_area where authority_id = ? and area_code = ?', [id, input.area]);
  if (Number(row.n) === 0) throw problems.invalid([{ path: 'area', in: 'body', message: `The authority does not take part in ${input.area}` }]);
  await claimVersion(em, 'authority', id, input.version);
  await em.execute('update authority_area set allocation = ? where authority_id = ? and area_code = ?', [input.allocation, id, input.area]);
  audit(em, { action: 'authority.allocation', actorId: actor.id, actorEmail: actor.email, authorityId: actor.authorityId, record: { type: 'authority', id }, fields: [`areas.${input.area}.allocation`], ip });
  await em.flush();
  return authorityDetail(em, id, lang);
}
