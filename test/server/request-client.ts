import { expect } from 'vitest';
import type { TestApp } from './support.js';

/** A request as the API returns it, with the fields the tests look at. */
export interface View {
  id: string; caseNumber: string; status: string; version: number; allowedActions: string[]; redacted: string[];
  subject?: { firstName: string; lastName: string }; freeText?: { text: string; lang: string } | null; answers: { question: string; value: unknown }[];
  questions: { code: string; text: string; personal: boolean }[]; replyBy: string | null; committedReplyBy: string | null;
  responder: { id: string } | null; parent: { id: string; caseNumber: string } | null; children: { id: string; status: string }[];
  attachments?: { id: string; name: string; mediaType: string; released: boolean }[];
  allocatedTo: string[];
}

export const questions = ['PQ-001-profession-title', 'PQ-007-legally-established', 'PQ-034-disciplinary-sanctions', 'PQ-040-good-character'];
export const validAnswers = [
  { question: 'PQ-001-profession-title', value: 'Infirmière diplômée d\'État' },
  { question: 'PQ-007-legally-established', value: 'yes' },
  { question: 'PQ-034-disciplinary-sanctions', value: 'no' },
];

/** Demo users acting on requests through the API: sign-ins are kept per account. */
export async function requestClient(app: TestApp) {
  const [set] = await app.orm.em.fork().execute<{ id: number }[]>(`select id from question_set where area_code = 'PQ' order by version desc limit 1`);
  const tokens = new Map<string, string>();
  const token = async (email: string) => {
    if (!tokens.has(email)) tokens.set(email, await app.login(email));
    return tokens.get(email)!;
  };
  const call = async <T = View>(email: string, method: string, path: string, body?: unknown, headers?: Record<string, string>) => {
    const response = await app.request(`/api/v1${path}`, { method, token: await token(email), body, headers });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  };
  const authorityOf = async (email: string) => {
    const [row] = await app.orm.em.fork().execute<{ authority_id: string }[]>('select authority_id from app_user where email = ?', [email]);
    return row.authority_id;
  };
  const draftBody = async (responder: string | null, extra: Record<string, unknown> = {}) => ({
    area: 'PQ', questionSetId: set.id, responderAuthorityId: responder ? await authorityOf(responder) : null, questions,
    subject: { firstName: 'Ana', lastName: 'Ferreira', dateOfBirth: '1990-04-02', nationality: 'PT' },
    freeText: 'Die Antragstellerin arbeitete zuletzt in Porto.', freeTextLang: 'de', ...extra,
  });
  return {
    questionSetId: set.id,
    token,
    call,
    authorityOf,
    draftBody,
    /** A new draft from the requester's handler to the responder's authority. */
    async draft(requester: string, responder: string, extra: Record<string, unknown> = {}) {
      const created = await call(requester, 'POST', '/requests', await draftBody(responder, extra));
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      return created.body;
    },
    /** Takes an action from the version last seen and expects it to succeed. */
    async step(email: string, request: View, action: string, body: Record<string, unknown> = {}) {
      const done = await call(email, 'POST', `/requests/${request.id}/${action}`, { version: request.version, ...body });
      expect(done.status, `${action} by ${email}: ${JSON.stringify(done.body)}`).toBe(200);
      return done.body;
    },
    view: (email: string, id: string) => call(email, 'GET', `/requests/${id}`),
  };
}
