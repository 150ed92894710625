import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { movableClock } from '../../server/clock.js';
import { erasePersonalData } from '../../server/modules/data-protection/erase.js';
import { requestClient, validAnswers, type View } from './request-client.js';
import { problem, startTestApp, type TestApp } from './support.js';

/**
 * Machine translation of free texts (SPEC §5.5) against in-process servers speaking each provider's protocol: a
 * LibreTranslate-compatible API and an eTranslation-style asynchronous one. The providers fail, refuse and stall on
 * demand; the request view must not notice.
 */
interface Call { method: string; path: string; headers: IncomingMessage['headers']; body: Record<string, unknown> | null }
type Mode = 'ok' | 'http-error' | 'json-error' | 'stall';

/** A small HTTP server that records every call and answers through `answer`. */
async function fakeProvider(answer: (call: Call, res: ServerResponse) => void) {
  const calls: Call[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const call = { method: req.method!, path: req.url!, headers: req.headers, body: raw ? JSON.parse(raw) : null };
      calls.push(call);
      answer(call, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

const send = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
};

let libreMode: Mode = 'ok';
let etMode: Mode = 'ok';
const pending = new Map<string, { text: string; target: string; polls: number }>();
let libre: Awaited<ReturnType<typeof fakeProvider>>;
let etranslation: Awaited<ReturnType<typeof fakeProvider>>;
const clock = movableClock();
let app: TestApp;
let etApp: TestApp;
let plainApp: TestApp;
let rc: Awaited<ReturnType<typeof requestClient>>;
let request: View;
let messageEventId: string;
const requester = 'handler.lt@imi.test';
const responder = 'handler.lv@imi.test';
const marker = `Mt${Date.now().toString(36)}`;
const freeText = `${marker} Die Antragstellerin arbeitete zuletzt in Porto.`;
const libreTimeoutMs = 600;
const etTimeoutMs = 1500;

const translate = (target: TestApp, email: string, id: string, body: unknown) =>
  rc.token(email).then((token) => target.request(`/api/v1/requests/${id}/translations`, { method: 'POST', token, body }));
const libreCalls = () => libre.calls.filter((c) => c.path === '/translate');

beforeAll(async () => {
  libre = await fakeProvider((call, res) => {
    if (libreMode === 'stall') return; // never answers
    if (libreMode === 'http-error') return send(res, 500, { error: 'Internal error' });
    if (libreMode === 'json-error') return send(res, 400, { error: 'Invalid API key' });
    const { q, target } = call.body as { q: string[]; target: string };
    send(res, 200, { translatedText: q.map((text) => `[${target}] ${text}`) });
  });
  etranslation = await fakeProvider((call, res) => {
    if (call.method === 'POST' && call.path === '/translate') {
      if (etMode === 'json-error') return send(res, 200, -20001);
      const body = call.body as { textToTranslate: string; targetLanguages: string[] };
      const id = String(1000 + pending.size);
      pending.set(id, { text: body.textToTranslate, target: body.targetLanguages[0], polls: 0 });
      return send(res, 200, Number(id));
    }
    const match = /^\/translate\/(\d+)\/([A-Z]+)$/.exec(call.path);
    const job = match && pending.get(match[1]);
    if (!job || job.target !== match[2]) return send(res, 404, { error: 'No such request' });
    // Two polls find it pending, like a translation that takes a moment; a stalled one stays pending.
    if (etMode === 'stall' || ++job.polls <= 2) return send(res, 202, { status: 'pending' });
    send(res, 200, { translatedText: `<${job.target}> ${job.text}` });
  });
  app = await startTestApp({ clock, machineTranslation: { provider: 'libretranslate', url: libre.url, apiKey: 'libre-key', user: undefined, timeoutMs: libreTimeoutMs } });
  etApp = await startTestApp({ clock, machineTranslation: { provider: 'etranslation', url: etranslation.url, apiKey: 'et-secret', user: 'IMI-Network', timeoutMs: etTimeoutMs } });
  plainApp = await startTestApp({ clock });
  rc = await requestClient(app);
  let r = await rc.draft(requester, responder, { freeText, freeTextLang: 'de' });
  r = await rc.step(requester, r, 'send');
  r = await rc.step(responder, r, 'accept');
  request = await rc.step(responder, r, 'message', { text: `${marker} Le diplôme est en cours de vérification.`, lang: 'fr' });
  const timeline = await rc.call<{ items: { id: string; kind: string; text?: { text: string } | null }[] }>(requester, 'GET', `/requests/${request.id}/timeline`);
  messageEventId = timeline.body.items.find((i) => i.text?.text.startsWith(marker))!.id;
});

afterAll(async () => {
  await Promise.all([app?.close(), etApp?.close(), plainApp?.close()]);
  await Promise.all([libre?.close(), etranslation?.close()]);
});

describe('availability', () => {
  it('tells the widgets whether machine translation is configured', async () => {
    expect(await (await app.request('/api/v1/machine-translation')).json()).toEqual({ available: true, provider: 'libretranslate' });
    expect(await (await etApp.request('/api/v1/machine-translation')).json()).toEqual({ available: true, provider: 'etranslation' });
    expect(await (await plainApp.request('/api/v1/machine-translation')).json()).toEqual({ available: false, provider: null });
  });

  it('answers 404 without a provider', async () => {
    const refused = await translate(plainApp, requester, request.id, { field: 'freeText', to: 'en' });
    expect(refused.status).toBe(404);
    expect((await problem(refused)).detail).toMatch(/not configured/);
  });
});

describe('LibreTranslate-compatible provider', () => {
  it('translates the free text, keeps the original with its language, and audits the disclosure', async () => {
    const before = libreCalls().length;
    const answer = await translate(app, requester, request.id, { field: 'freeText', to: 'en' });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({
      original: { text: freeText, lang: 'de' },
      translation: { text: `[en] ${freeText}`, lang: 'en', machine: true, provider: 'libretranslate', cached: false },
    });
    expect(libreCalls().length).toBe(before + 1);
    expect(libreCalls().at(-1)!.body).toEqual({ q: [freeText], source: 'de', target: 'en', format: 'text', api_key: 'libre-key' });
    const [logged] = await app.orm.em.fork().execute<{ fields: string[]; purpose: string; actor_email: string }[]>(
      `select fields, purpose, actor_email from audit_entry where action = 'request.machine-translate' and record_id = ? order by id desc limit 1`, [request.id]);
    expect(logged).toMatchObject({ fields: ['freeText'], actor_email: requester });
    expect(logged.purpose).toMatch(/handling the request.*libretranslate/);
  });

  it('answers a second request for the same text and language from the cache, without calling the provider', async () => {
    const before = libreCalls().length;
    const again = await translate(app, responder, request.id, { field: 'freeText', to: 'en' });
    expect(again.status).toBe(200);
    expect((await again.json()).translation).toMatchObject({ text: `[en] ${freeText}`, cached: true });
    expect(libreCalls().length).toBe(before);
    const other = await translate(app, responder, request.id, { field: 'freeText', to: 'lv' });
    expect((await other.json()).translation.text).toBe(`[lv] ${freeText}`);
    expect(libreCalls().length).toBe(before + 1);
  });

  it('translates the text of a timeline step', async () => {
    const answer = await translate(app, requester, request.id, { field: 'event', eventId: messageEventId, to: 'nb' });
    expect(answer.status).toBe(200);
    const body = await answer.json();
    expect(body.original).toEqual({ text: `${marker} Le diplôme est en cours de vérification.`, lang: 'fr' });
    expect(body.translation.text).toBe(`[nb] ${marker} Le diplôme est en cours de vérification.`);
    expect(libreCalls().at(-1)!.body).toMatchObject({ source: 'fr', target: 'nb' });
  });

  it('answers 503 when the provider fails or refuses, and the request view still works', async () => {
    for (const mode of ['http-error', 'json-error'] as const) {
      libreMode = mode;
      const refused = await translate(app, requester, request.id, { field: 'freeText', to: 'it' });
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('5');
      expect((await problem(refused)).detail).toMatch(/machine-translation service is not available/);
    }
    const seen = await rc.call(requester, 'GET', `/requests/${request.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.freeText).toEqual({ text: freeText, lang: 'de' });
    libreMode = 'ok';
    // Nothing was cached for the failed language: it is translated once the provider is back.
    const later = await translate(app, requester, request.id, { field: 'freeText', to: 'it' });
    expect((await later.json()).translation).toMatchObject({ text: `[it] ${freeText}`, cached: false });
  });

  it('answers 503 when the provider does not answer in time', async () => {
    libreMode = 'stall';
    try {
      const started = performance.now();
      const refused = await translate(app, requester, request.id, { field: 'freeText', to: 'pl' });
      const ms = performance.now() - started;
      expect(refused.status).toBe(503);
      expect(ms).toBeGreaterThanOrEqual(libreTimeoutMs - 50);
      expect(ms).toBeLessThan(libreTimeoutMs + 1500);
      expect((await rc.call(responder, 'GET', `/requests/${request.id}`)).status).toBe(200);
    } finally {
      libreMode = 'ok';
    }
  });

  it('refuses users outside the request, and bad input, naming the field', async () => {
    expect((await translate(app, 'handler.de@imi.test', request.id, { field: 'freeText', to: 'en' })).status).toBe(404);
    const cases: [unknown, string][] = [
      [{ field: 'freeText', to: 'xx' }, 'to'],
      [{ field: 'event', to: 'en' }, 'eventId'],
      [{ field: 'subject', to: 'en' }, 'field'],
      [{ field: 'freeText', to: 'de' }, 'to'],
    ];
    for (const [body, field] of cases) {
      const refused = await translate(app, requester, request.id, body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect((await problem(refused)).errors?.map((e) => e.path)).toContain(field);
    }
    const unknownEvent = await translate(app, requester, request.id, { field: 'event', eventId: '999999999', to: 'en' });
    expect(unknownEvent.status).toBe(404);
  });
});

describe('eTranslation-style provider', () => {
  it('submits the text, polls for the result and caches it', async () => {
    const answer = await translate(etApp, requester, request.id, { field: 'freeText', to: 'en' });
    expect(answer.status).toBe(200);
    expect((await answer.json()).translation).toEqual({ text: `<EN> ${freeText}`, lang: 'en', machine: true, provider: 'etranslation', cached: false });
    const submitted = etranslation.calls.filter((c) => c.method === 'POST');
    expect(submitted.at(-1)!.body).toMatchObject({ sourceLanguage: 'DE', targetLanguages: ['EN'], textToTranslate: freeText, callerInformation: { application: 'IMI-Network' } });
    expect(submitted.at(-1)!.headers.authorization).toBe(`Basic ${Buffer.from('IMI-Network:et-secret').toString('base64')}`);
    expect(etranslation.calls.filter((c) => c.method === 'GET').length).toBe(3);
    const before = etranslation.calls.length;
    expect((await (await translate(etApp, requester, request.id, { field: 'freeText', to: 'en' })).json()).translation.cached).toBe(true);
    expect(etranslation.calls.length).toBe(before);
  });

  it('answers 503 on an error code, and within the bounded wait when the result never comes', async () => {
    etMode = 'json-error';
    expect((await translate(etApp, requester, request.id, { field: 'freeText', to: 'fi' })).status).toBe(503);
    etMode = 'stall';
    try {
      const started = performance.now();
      const refused = await translate(etApp, requester, request.id, { field: 'freeText', to: 'fi' });
      expect(refused.status).toBe(503);
      expect(performance.now() - started).toBeLessThan(etTimeoutMs + 1500);
    } finally {
      etMode = 'ok';
    }
  });
});

describe('personal data', () => {
  it('erases the cached translations with the request\'s personal data', async () => {
    let r = await rc.draft(requester, responder, { freeText: `${marker} erase me`, freeTextLang: 'de' });
    r = await rc.step(requester, r, 'send');
    expect((await translate(app, requester, r.id, { field: 'freeText', to: 'en' })).status).toBe(200);
    const em = app.orm.em.fork();
    const cached = (id: string) => em.execute<{ n: number }[]>('select count(*)::int as n from mt_cache where request_id = ?', [id]).then(([row]) => row.n);
    expect(await cached(r.id)).toBe(1);
    const kept = await cached(request.id);
    await em.transactional((tx) => erasePersonalData(tx, [r.id], new Date()));
    expect(await cached(r.id)).toBe(0);
    expect(await cached(request.id)).toBe(kept);
  });

  it('refuses to translate a request whose personal data are blocked', async () => {
    let r = await rc.draft(requester, responder, { freeText: `${marker} closed`, freeTextLang: 'de' });
    r = await rc.step(requester, r, 'send');
    r = await rc.step(responder, r, 'accept');
    r = await rc.step(responder, r, 'reply', { answers: validAnswers });
    r = await rc.step(requester, r, 'close');
    expect((await translate(app, requester, r.id, { field: 'freeText', to: 'en' })).status).toBe(200);
    const before = libreCalls().length;
    const now = clock.now();
    clock.set(new Date(now.getTime() + 400 * 86_400_000));
    try {
      const refused = await translate(app, requester, r.id, { field: 'freeText', to: 'fr' });
      expect(refused.status).toBe(403);
      expect((await problem(refused)).detail).toMatch(/blocked/);
      expect(libreCalls().length).toBe(before);
    } finally {
      clock.set(now);
    }
  });
});
