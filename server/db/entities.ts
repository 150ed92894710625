import { AuditChainHead, AuditEntry } from '../modules/audit/entities.js';
import { Authority, AuthorityArea, Competence, Coordination, Invitation } from '../modules/authorities/entities.js';
import { IdentityProviderConfig, OneTimeToken, RoleGrant, Session, User } from '../modules/identity/entities.js';
import { DigestRun, Reminder, SweepRun } from '../modules/deadlines/entities.js';
import { BlockedAccessGrant, RetentionRun } from '../modules/data-protection/entities.js';
import { DataSubjectRequest, DataSubjectRequestAction } from '../modules/data-protection/subject-request-entities.js';
import { Notification, NotificationPreference } from '../modules/notifications/entities.js';
import { QuestionSet } from '../modules/questions/entities.js';
import { Attachment, IdempotencyKey, Request, RequestEvent, RoutingRule } from '../modules/requests/entities.js';
import {
  Country, Keyword, LegislativeArea, Locale, NationalProfession, Profession, SearchTerm, Sector, SeedRun,
} from '../modules/reference/entities.js';

export const entities = [
  Locale, Country, LegislativeArea, Sector, Profession, NationalProfession, Keyword, SearchTerm, SeedRun,
  Authority, AuthorityArea, Competence, Coordination, Invitation,
  User, RoleGrant, Session, OneTimeToken, IdentityProviderConfig,
  AuditEntry, AuditChainHead,
  QuestionSet,
  Request, RequestEvent, Attachment, IdempotencyKey, RoutingRule,
  Notification, NotificationPreference,
  Reminder, DigestRun, SweepRun,
  BlockedAccessGrant, RetentionRun,
  DataSubjectRequest, DataSubjectRequestAction,
];
