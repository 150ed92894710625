/** Returns the bearer token to send, or nothing when the user is not signed in. Called before every request. */
export type AccessTokenCallback = () => string | null | undefined | Promise<string | null | undefined>;

export interface ImiApiOptions {
  /** Base address of the REST API, e.g. `/api/v1` or `https://imi.example.eu/api/v1`. */
  apiBase: string;
  getAccessToken?: AccessTokenCallback;
  /** Locale of the reference data in answers, sent as `?lang=` and `Accept-Language`. */
  locale?: string;
  /** Headers added to every call, e.g. the console's `X-CSRF-Token` beside its session cookie. */
  requestHeaders?: () => Record<string, string>;
}

/** An RFC 9457 problem as the server describes errors. */
export interface ProblemDetails {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  errors?: { path: string; in?: string; message: string }[];
}

/** A failed call: the server's problem, or status 0 when the server could not be reached. */
export class ApiError extends Error implements ProblemDetails {
  readonly type?: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly errors?: ProblemDetails['errors'];
  /** Seconds the server asks to wait before trying again (its `Retry-After` header), when it says so. */
  readonly retryAfter?: number;

  constructor(problem: ProblemDetails, options: { retryAfter?: number } = {}) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    this.name = 'ApiError';
    this.type = problem.type;
    this.title = problem.title;
    this.status = problem.status;
    this.detail = problem.detail;
    this.errors = problem.errors;
    this.retryAfter = options.retryAfter;
  }

  get problem(): ProblemDetails {
    return { type: this.type, title: this.title, status: this.status, detail: this.detail, errors: this.errors };
  }
}

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

export interface RequestOptions {
  signal?: AbortSignal;
  /** Extra request headers, e.g. `Idempotency-Key`. */
  headers?: Record<string, string>;
}

export interface UploadOptions extends RequestOptions {
  /** Called as the file goes out, with the bytes sent so far and the total. */
  onProgress?: (loaded: number, total: number) => void;
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** The one client through which IMI elements talk to the server. */
export class ImiApi {
  constructor(private readonly options: ImiApiOptions) {}

  get<T>(path: string, query: Query = {}, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('GET', path, query, undefined, options);
  }

  post<T>(path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('POST', path, {}, body, options);
  }

  patch<T>(path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('PATCH', path, {}, body, options);
  }

  put<T>(path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('PUT', path, {}, body, options);
  }

  delete<T>(path: string, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('DELETE', path, {}, undefined, options);
  }

  /** Fetches a file (e.g. an attachment) with the same authorisation as every other call. */
  async download(path: string, options: RequestOptions = {}): Promise<Blob> {
    const { url, headers } = await this.prepare(path, {}, options);
    headers.set('Accept', '*/*');
    let response: Response;
    try {
      response = await fetch(url, { headers, signal: options.signal });
    } catch (error) {
      if (isAbortError(error)) throw error;
      throw new ApiError({ status: 0, title: error instanceof Error ? error.message : String(error) });
    }
    if (!response.ok) throw new ApiError(await readProblem(response), { retryAfter: readRetryAfter(response) });
    return response.blob();
  }

  /**
   * Opens a stream of Server-Sent Events and returns the response once its headers arrived; the caller reads its body.
   * fetch, not `EventSource`, because `EventSource` cannot send the `Authorization` header.
   */
  async stream(path: string, query: Query = {}, options: RequestOptions = {}): Promise<Response> {
    const { url, headers } = await this.prepare(path, query, options);
    headers.set('Accept', 'text/event-stream');
    let response: Response;
    try {
      response = await fetch(url, { headers, cache: 'no-store', signal: options.signal });
    } catch (error) {
      if (isAbortError(error)) throw error;
      throw new ApiError({ status: 0, title: error instanceof Error ? error.message : String(error) });
    }
    if (!response.ok) throw new ApiError(await readProblem(response), { retryAfter: readRetryAfter(response) });
    return response;
  }

  /**
   * POSTs a file as the raw request body and reports its progress. XMLHttpRequest, because fetch reports no upload
   * progress (a streamed fetch body needs HTTP/2 in Chromium).
   */
  async upload<T>(path: string, query: Query, file: Blob, options: UploadOptions = {}): Promise<T> {
    const { url, headers } = await this.prepare(path, query, options);
    headers.set('Content-Type', file.type || 'application/octet-stream');
    return new Promise<T>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      const abort = () => xhr.abort();
      options.signal?.addEventListener('abort', abort);
      const done = () => options.signal?.removeEventListener('abort', abort);
      xhr.open('POST', url.href);
      headers.forEach((value, name) => xhr.setRequestHeader(name, value));
      xhr.upload.onprogress = (event) => options.onProgress?.(event.loaded, event.lengthComputable ? event.total : file.size);
      xhr.onload = () => {
        done();
        const response = new Response(xhr.status === 204 ? null : xhr.responseText, {
          status: xhr.status,
          statusText: xhr.statusText,
          headers: { 'Content-Type': xhr.getResponseHeader('Content-Type') ?? '', 'Retry-After': xhr.getResponseHeader('Retry-After') ?? '' },
        });
        if (!response.ok) {
          void readProblem(response).then((problem) => reject(new ApiError(problem, { retryAfter: readRetryAfter(response) })));
          return;
        }
        resolve((xhr.status === 204 ? undefined : JSON.parse(xhr.responseText)) as T);
      };
      xhr.onerror = () => {
        done();
        reject(new ApiError({ status: 0, title: 'Network error' }));
      };
      xhr.onabort = () => {
        done();
        reject(new DOMException('The upload was aborted.', 'AbortError'));
      };
      xhr.send(file);
    });
  }

  private async prepare(path: string, query: Query, options: RequestOptions): Promise<{ url: URL; headers: Headers }> {
    const url = new URL(`${this.options.apiBase.replace(/\/+$/, '')}${path}`, globalThis.location?.href);
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined && value !== null && value !== '') url.searchParams.set(name, String(value));
    }
    const headers = new Headers({ Accept: 'application/json, application/problem+json', ...this.options.requestHeaders?.(), ...options.headers });
    const { locale } = this.options;
    if (locale) {
      url.searchParams.set('lang', locale);
      headers.set('Accept-Language', locale);
    }
    const token = await this.options.getAccessToken?.();
    if (token) headers.set('Authorization', `Bearer ${token}`);
    return { url, headers };
  }

  private async request<T>(method: string, path: string, query: Query, body: unknown, options: RequestOptions): Promise<T> {
    const { url, headers } = await this.prepare(path, query, options);
    if (body !== undefined) headers.set('Content-Type', 'application/json');

    let response: Response;
    try {
      response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: options.signal });
    } catch (error) {
      if (isAbortError(error)) throw error;
      throw new ApiError({ status: 0, title: error instanceof Error ? error.message : String(error) });
    }
    if (!response.ok) throw new ApiError(await readProblem(response), { retryAfter: readRetryAfter(response) });
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }
}

/** `Retry-After` in seconds: the header holds either a number of seconds or an HTTP date. */
function readRetryAfter(response: Response): number | undefined {
  const value = response.headers.get('Retry-After')?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

async function readProblem(response: Response): Promise<ProblemDetails> {
  const fallback: ProblemDetails = { status: response.status, title: response.statusText || `HTTP ${response.status}` };
  if (!/json/.test(response.headers.get('Content-Type') ?? '')) return fallback;
  try {
    const problem = (await response.json()) as Partial<ProblemDetails>;
    return {
      type: problem.type,
      title: typeof problem.title === 'string' ? problem.title : fallback.title,
      status: response.status,
      detail: typeof problem.detail === 'string' ? problem.detail : undefined,
      errors: Array.isArray(problem.errors) ? problem.errors : undefined,
    };
  } catch {
    return fallback;
  }
}
