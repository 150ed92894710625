import { setTimeout as sleep } from 'node:timers/promises';
import type { MachineTranslationConfig } from '../../config.js';
import { readJson, TranslationUnavailable, type TranslationProvider } from './provider.js';

/**
 * An eTranslation-style asynchronous API, after the European Commission's eTranslation service: the client submits a
 * translation request and gets a request id back at once; the translation is ready later. eTranslation itself
 * delivers it to a callback address, which an instance behind a firewall cannot offer, so this adapter speaks the
 * shape of a relay that keeps the result to be fetched:
 *
 * - `POST {url}/translate` with eTranslation's request body (`callerInformation`, `sourceLanguage`, `targetLanguages`,
 *   `textToTranslate`, `domain`, `externalReference`, language codes in upper case) answers the request id, a number;
 *   a negative number is eTranslation's error code.
 * - `GET {url}/translate/{requestId}/{TARGET}` answers 202 while the translation is pending, then 200
 *   `{translatedText}`, or `{error}`.
 *
 * Credentials go as HTTP Basic (`MT_USER`, `MT_API_KEY`). Each text is its own request, all submitted at once; the
 * wait is bounded by the caller's signal (MT_TIMEOUT_MS), polling first quickly, then once a second.
 */
export function eTranslationProvider(config: MachineTranslationConfig): TranslationProvider {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (config.user || config.apiKey) headers.Authorization = `Basic ${Buffer.from(`${config.user ?? ''}:${config.apiKey ?? ''}`).toString('base64')}`;
  const target = (to: string) => to.toUpperCase();

  async function submit(text: string, from: string | null, to: string, signal: AbortSignal): Promise<string> {
    const response = await fetch(`${config.url}/translate`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        priority: 0,
        externalReference: crypto.randomUUID(),
        callerInformation: { application: config.user ?? 'imi-network', username: config.user ?? 'imi-network' },
        sourceLanguage: from ? from.toUpperCase() : 'AUTO',
        targetLanguages: [target(to)],
        domain: 'GEN',
        textToTranslate: text,
      }),
      signal,
    });
    const id = await readJson(response);
    if (typeof id !== 'number' && !(typeof id === 'string' && /^-?\d+$/.test(id))) throw new TranslationUnavailable('answered without a request id');
    if (Number(id) < 0) throw new TranslationUnavailable(`refused the request with error code ${id}`);
    return String(id);
  }

  async function result(id: string, to: string, signal: AbortSignal): Promise<string> {
    for (let attempt = 0; ; attempt++) {
      const response = await fetch(`${config.url}/translate/${encodeURIComponent(id)}/${target(to)}`, { headers, signal });
      if (response.status === 202) {
        await response.body?.cancel();
        await sleep(Math.min(1000, 100 * 2 ** attempt), undefined, { signal });
        continue;
      }
      const body = await readJson(response);
      const translated = (body as { translatedText?: unknown } | null)?.translatedText;
      if (typeof translated !== 'string') throw new TranslationUnavailable('answered without a translatedText');
      return translated;
    }
  }

  return {
    name: 'etranslation',
    translate(texts, from, to, signal) {
      return Promise.all(texts.map(async (text) => result(await submit(text, from, to, signal), to, signal)));
    },
  };
}
