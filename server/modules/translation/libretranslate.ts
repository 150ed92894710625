import type { MachineTranslationConfig } from '../../config.js';
import { readJson, TranslationUnavailable, type TranslationProvider } from './provider.js';

/**
 * LibreTranslate names languages by ISO 639-1 code as we do, Norwegian Bokmål included (`nb`); texts stored under an
 * older or broader code go by the one it knows.
 */
const libreCodes: Record<string, string> = { no: 'nb', nn: 'nb' };

/**
 * A LibreTranslate-compatible HTTP API (libretranslate.com, a self-hosted LibreTranslate, or any service speaking its
 * protocol): `POST {url}/translate` with `{q, source, target, format: 'text', api_key}`, where `q` may be an array and
 * `source` 'auto'; the answer is `{translatedText}`, a string or an array as `q` was, or `{error}` with an HTTP error.
 */
export function libreTranslateProvider(config: MachineTranslationConfig): TranslationProvider {
  return {
    name: 'libretranslate',
    async translate(texts, from, to, signal) {
      const response = await fetch(`${config.url}/translate`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({
          q: texts,
          source: from ? libreCodes[from] ?? from : 'auto',
          target: libreCodes[to] ?? to,
          format: 'text',
          ...(config.apiKey ? { api_key: config.apiKey } : {}),
        }),
        signal,
      });
      const body = await readJson(response);
      const translated = (body as { translatedText?: unknown } | null)?.translatedText;
      const list = typeof translated === 'string' ? [translated] : translated;
      if (!Array.isArray(list) || list.length !== texts.length || !list.every((t) => typeof t === 'string')) {
        throw new TranslationUnavailable('answered without a translatedText for every text');
      }
      return list as string[];
    },
  };
}
