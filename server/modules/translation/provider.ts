import type { MachineTranslationConfig } from '../../config.js';
import { eTranslationProvider } from './etranslation.js';
import { libreTranslateProvider } from './libretranslate.js';

/**
 * A machine-translation service (SPEC §5.5). `translate` returns one translation per text, in order; `from` is the
 * texts' language where known (null lets the provider detect it), `to` one of the network's locale codes. It rejects
 * with a `TranslationUnavailable` when the provider fails, refuses or does not answer before `signal` aborts.
 */
export interface TranslationProvider {
  readonly name: string;
  translate(texts: string[], from: string | null, to: string, signal: AbortSignal): Promise<string[]>;
}

/**
 * The provider could not translate: down, overloaded, refusing the key or the language, or too slow. `reason` is a
 * short description fit for the log; it never holds the texts.
 */
export class TranslationUnavailable extends Error {
  constructor(readonly reason: string, readonly timedOut = false) {
    super(reason);
  }
}

/** The provider the configuration names, with its timeout applied to every call. */
export function createTranslationProvider(config: MachineTranslationConfig): TranslationProvider {
  const provider = config.provider === 'etranslation' ? eTranslationProvider(config) : libreTranslateProvider(config);
  return {
    name: provider.name,
    async translate(texts, from, to, signal) {
      const bounded = AbortSignal.any([signal, AbortSignal.timeout(config.timeoutMs)]);
      try {
        return await provider.translate(texts, from, to, bounded);
      } catch (error) {
        throw unavailable(error, bounded, config.timeoutMs);
      }
    },
  };
}

/** Any failure of a call as a `TranslationUnavailable`: a timeout, a refused connection, an answer we cannot read. */
export function unavailable(error: unknown, signal: AbortSignal, timeoutMs: number): TranslationUnavailable {
  if (error instanceof TranslationUnavailable) return error;
  if (signal.aborted) return new TranslationUnavailable(`no answer within ${timeoutMs} ms`, true);
  const cause = (error as { cause?: { code?: string } }).cause?.code;
  return new TranslationUnavailable(cause ? `not reachable (${cause})` : `failed (${(error as Error).name ?? 'error'})`);
}

/** Reads a provider's JSON answer, turning an HTTP error or an `{error}` body into a `TranslationUnavailable`. */
export async function readJson(response: Response): Promise<unknown> {
  const raw = await response.text();
  let body: unknown;
  try {
    body = raw ? JSON.parse(raw) : null;
  } catch {
    throw new TranslationUnavailable(`answered HTTP ${response.status} with a body that is not JSON`);
  }
  const error = body && typeof body === 'object' && 'error' in body ? (body as { error: unknown }).error : undefined;
  if (!response.ok || error !== undefined) {
    const said = typeof error === 'string' ? `: ${error.slice(0, 200)}` : '';
    throw new TranslationUnavailable(`answered HTTP ${response.status}${said}`);
  }
  return body;
}
