import { ApiError, isAbortError, type ImiApi } from './api.js';
import type { RequestStatus } from './types.js';

/** A `request` event of `GET /events`: a request the user may see changed. It carries no personal data. */
export interface RequestChange {
  requestId: string;
  caseNumber: string;
  kind: string;
  status: RequestStatus;
  version: number;
  area: string;
  at: string;
}

export interface RequestChangeOptions {
  /** Called for every change. */
  onChange: (change: RequestChange) => void;
  /** Called when the server refuses the stream with 401; the stream is not reopened. */
  onUnauthorized: (error: ApiError) => void;
  /** Aborting it closes the stream for good. */
  signal: AbortSignal;
  /** First wait before reconnecting, in milliseconds; doubled after each failure up to `maxDelayMs`. */
  initialDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * Follows `GET /events` until `signal` aborts: reads the stream with fetch (the call needs the `Authorization` header),
 * and reconnects after a loss with exponential backoff and jitter, starting from the server's `retry:` hint. A stream
 * that delivered data resets the backoff. `api` is called for each connection, so a new token is used.
 */
export async function followRequestChanges(api: () => ImiApi, options: RequestChangeOptions): Promise<void> {
  const { signal } = options;
  const maxDelay = options.maxDelayMs ?? 30_000;
  let baseDelay = options.initialDelayMs ?? 1_000;
  let delay = baseDelay;
  while (!signal.aborted) {
    try {
      const response = await api().stream('/events', {}, { signal });
      const hint = await readEvents(response, signal, options.onChange, () => (delay = baseDelay));
      if (hint !== undefined) delay = baseDelay = Math.min(hint, maxDelay);
    } catch (error) {
      if (isAbortError(error) || signal.aborted) return;
      if (error instanceof ApiError && error.status === 401) {
        options.onUnauthorized(error);
        return;
      }
    }
    await pause(delay * (0.8 + Math.random() * 0.4), signal);
    delay = Math.min(delay * 2, maxDelay);
  }
}

/** Parses the Server-Sent Events of one connection; returns the last `retry:` hint once the stream ends. */
async function readEvents(response: Response, signal: AbortSignal, onChange: (change: RequestChange) => void, onData: () => void): Promise<number | undefined> {
  if (!response.body) return undefined;
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const cancel = () => void reader.cancel().catch(() => undefined);
  signal.addEventListener('abort', cancel, { once: true });
  let buffer = '';
  let event = 'message';
  let data: string[] = [];
  let retry: number | undefined;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done || signal.aborted) return retry;
      onData();
      buffer += value;
      const lines = buffer.split(/\r\n|\r|\n/);
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (line === '') {
          if (event === 'request' && data.length) {
            const change = parseChange(data.join('\n'));
            if (change) onChange(change);
          }
          event = 'message';
          data = [];
          continue;
        }
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event = text;
        else if (field === 'data') data.push(text);
        else if (field === 'retry' && /^\d+$/.test(text)) retry = Number(text);
      }
    }
  } finally {
    signal.removeEventListener('abort', cancel);
  }
}

function parseChange(text: string): RequestChange | undefined {
  try {
    const change = JSON.parse(text) as Partial<RequestChange>;
    return typeof change.requestId === 'string' ? (change as RequestChange) : undefined;
  } catch {
    return undefined;
  }
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
