import fc from 'fast-check';
import { fits, fuzzText, fuzzValue, valid, type JsonSchema } from './schema.js';

/** One operation of the OpenAPI document, as the fuzz needs it. */
export interface Operation {
  method: string;
  /** The templated path, e.g. `/api/v1/requests/{id}/send`. */
  path: string;
  key: string;
  parameters: { name: string; in: 'path' | 'query'; required: boolean; schema: JsonSchema }[];
  /** The JSON body's schema, when the operation takes one. */
  jsonBody?: JsonSchema;
  /** The media type of a raw upload (a file, a CSV), when the operation takes one. */
  rawBody?: string;
  signedIn: boolean;
}

interface DocOperation {
  parameters?: { name: string; in: string; required?: boolean; schema: JsonSchema }[];
  requestBody?: { content: Record<string, { schema?: JsonSchema }> };
  security?: unknown[];
}

export function operationsOf(doc: { paths: Record<string, Record<string, DocOperation>> }): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => {
    const content = op.requestBody?.content ?? {};
    const rawType = Object.keys(content).find((t) => t !== 'application/json');
    return {
      method: method.toUpperCase(),
      path,
      key: `${method.toUpperCase()} ${path}`,
      parameters: (op.parameters ?? []).filter((p) => p.in === 'path' || p.in === 'query')
        .map((p) => ({ name: p.name, in: p.in as 'path' | 'query', required: Boolean(p.required), schema: p.schema ?? {} })),
      jsonBody: content['application/json']?.schema,
      rawBody: rawType,
      signedIn: Boolean(op.security?.length),
    };
  }));
}

/**
 * How far a request of the fuzz may get without harming the shared test database:
 * - `read`: a GET; it may succeed on any record (reads change nothing but the audit of personal-data reads).
 * - `owned`: it may succeed, but real ids in its path are only those of records this test made for itself (its draft
 *   requests, its authority, its user), or it has no ids and cannot succeed on malformed input by design (sign-in,
 *   activation and registration need secrets the fuzz does not know; sign-out ends a session of the fuzz's own, which
 *   it then replaces; starting or confirming a second factor is undone after the run).
 * - `refused`: every other change. A well-formed call could change shared data (import a question set, route a
 *   state's requests, create an authority, run the retention job …), so only requests that break the schema for certain
 *   are sent, and they must be refused. New endpoints fall here until someone decides otherwise.
 */
export type Safety = 'read' | 'owned' | 'refused';

const ownedPaths = [/^\/api\/v1\/requests\/\{id\}(\/|$)/, /^\/api\/v1\/authorities\/\{id\}(\/|$)/, /^\/api\/v1\/users\/\{id\}(\/|$)/, /^\/api\/v1\/admin\/users\/\{id\}$/];
const withoutIds = new Set(['POST /api/v1/auth/login', 'POST /api/v1/auth/logout', 'POST /api/v1/auth/activate', 'POST /api/v1/registrations',
  'POST /api/v1/me/password', 'POST /api/v1/me/totp', 'POST /api/v1/me/totp/confirm']);

export function safetyOf(operation: Operation): Safety {
  if (operation.method === 'GET') return 'read';
  if (withoutIds.has(operation.key) || ownedPaths.some((p) => p.test(operation.path))) return 'owned';
  return 'refused';
}

/** The kind of record a path parameter names: the path segment before it (`requests`, `authorities`, `states` …). */
export function recordKind(path: string, parameter: string): string {
  const segments = path.split('/');
  const at = segments.indexOf(`{${parameter}}`);
  return at > 0 ? segments[at - 1] : parameter;
}

/** Real ids by record kind: `shared` ones (seeded, of any authority) and `owned` ones (made by the fuzz). */
export type RealIds = Record<string, { shared: string[]; owned: string[] }>;

export interface Role {
  name: string;
  /** The bearer token; absent for the anonymous caller. */
  token?: string;
}

/** A request of the fuzz, with what it is expected to get. */
export interface FuzzRequest {
  operation: string;
  role: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  /** Why the request breaks the schema for certain (so it must be refused), or null where it may be fine. */
  broken: string | null;
}

const JSON_TYPES = ['application/json', 'application/json-patch+json', 'application/vnd.api+json', 'application/csp-report', 'application/reports+json', 'application/scim+json'];
const bodyLimit = 64 * 1024;

interface Body { contentType?: string; text?: string; bytes?: Uint8Array; note: string }

function jsonBodies(schema: JsonSchema | undefined): fc.Arbitrary<Body> {
  const fitting = schema ? valid(schema) : fc.constant({});
  const json = (contentType = 'application/json') => (value: unknown): Body => ({ contentType, text: JSON.stringify(value), note: 'json' });
  return fc.oneof(
    { weight: schema ? 16 : 2, arbitrary: (schema ? fuzzValue(schema) : fc.constant({})).map(json()) },
    { weight: 1, arbitrary: fc.constantFrom('{"broken": ', '{', '}', '{"a":1,}', "{'a':1}", '{"a":NaN}', '{"a":Infinity}', '{"a":1e999999}', '{"a":01}', '{"a":"\\x00"}', '{"a":"\\ud800"}', 'nul', '\u0000', '\uFEFF{}', '{"a":1}{"b":2}', '{"a":1} trailing', '[1,]', '{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"polluted":true}}}')
      .map((text) => ({ contentType: 'application/json', text, note: 'broken json' })) },
    { weight: 1, arbitrary: fc.constantFrom('[]', '"text"', '42', 'null', 'true', '[{}]', '  ', '-0', '[[[]]]').map((text) => ({ contentType: 'application/json', text, note: 'not an object' })) },
    { weight: 1, arbitrary: fc.constantFrom<Body>({ contentType: 'application/json', text: '', note: 'empty' }, { note: 'no body' }) },
    { weight: 1, arbitrary: fc.tuple(fitting, fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/octet-stream', 'application/json; charset=utf-16', 'application/json; charset=bogus', 'application/vnd.api+json', 'APPLICATION/JSON', 'application/json;', 'json', ''))
      .map(([value, contentType]) => ({ contentType, text: JSON.stringify(value), note: `content type ${JSON.stringify(contentType)}` })) },
    { weight: 1, arbitrary: fc.constantFrom(70_000, 200_000).map((n) => ({ contentType: 'application/json', text: JSON.stringify({ padding: 'x'.repeat(n) }), note: `${n} bytes` })) },
    { weight: 1, arbitrary: fc.constantFrom(500, 5_000, 20_000).chain((depth) => fc.constantFrom(
      { contentType: 'application/json', text: '['.repeat(depth) + ']'.repeat(depth), note: `arrays nested ${depth} deep` },
      { contentType: 'application/json', text: '{"a":'.repeat(depth) + '1' + '}'.repeat(depth), note: `objects nested ${depth} deep` },
    )) },
  );
}

function rawBodies(mediaType: string): fc.Arbitrary<Body> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.uint8Array({ maxLength: 2048 }).map((bytes) => ({ contentType: mediaType, bytes, note: `${bytes.length} random bytes` })) },
    { weight: 2, arbitrary: fc.constantFrom('%PDF-1.4 fuzz', 'code,name\n', 'a;b;c\n"unterminated', '\u0000\u0000', 'x'.repeat(5000), '\uFEFFcode,country\n"', '=cmd|\' /C calc\'!A0')
      .map((text) => ({ contentType: mediaType, text, note: 'text' })) },
    { weight: 1, arbitrary: fc.constantFrom('application/json', 'text/html', 'application/x-msdownload', '', 'image/svg+xml', 'multipart/form-data; boundary=x')
      .map((contentType) => ({ contentType, text: '{"a":', note: `content type ${JSON.stringify(contentType)}` })) },
    { weight: 1, arbitrary: fc.constant<Body>({ note: 'no body' }) },
  );
}

const parseJson = (text: string): { ok: true; value: unknown } | { ok: false } => {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
};

/** What the body parser makes of a body, and whether the result breaks the operation's schema for certain. */
function bodyBroken(operation: Operation, body: Body): string | null {
  const size = body.text !== undefined ? Buffer.byteLength(body.text) : body.bytes?.length ?? 0;
  const type = (body.contentType ?? '').split(';')[0].trim().toLowerCase();
  const params = (body.contentType ?? '').split(';').slice(1).map((p) => p.trim()).filter(Boolean);
  const isJson = JSON_TYPES.includes(type);
  if (isJson && params.length) return null; // a charset the parser may or may not know: not certain either way
  if (isJson && operation.method !== 'GET') {
    if (size > bodyLimit) return 'body over the size limit';
    const text = body.text ?? (body.bytes ? Buffer.from(body.bytes).toString('utf8') : '');
    if (text !== '') {
      if (!/^[\x20\x09\x0a\x0d]*[[{]/.test(text)) return 'JSON body that is not an object or array';
      const parsed = parseJson(text);
      if (!parsed.ok) return 'body that is not JSON';
      if (operation.jsonBody && !fits(operation.jsonBody, parsed.value)) return 'body that breaks the schema';
      return null;
    }
  }
  if (operation.rawBody) return null;
  if (operation.jsonBody && !fits(operation.jsonBody, {})) return 'no JSON body where one is required';
  return null;
}

/** Text values for a parameter; ids of real records where the path names a kind the fuzz knows. */
function parameterValues(operation: Operation, parameter: Operation['parameters'][number], ids: RealIds): fc.Arbitrary<string> {
  const texts = fuzzText(parameter.schema);
  if (parameter.in !== 'path') return texts;
  const known = ids[recordKind(operation.path, parameter.name)];
  const real = known ? (safetyOf(operation) === 'owned' ? known.owned : [...known.owned, ...known.shared]) : [];
  return real.length ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...real) }, { weight: 2, arbitrary: texts }) : texts;
}

/** Percent-encodes text for a URL; a lone surrogate (no UTF-8 form) goes as the bytes a careless client would send. */
function safeEncode(text: string): string {
  return text.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]|[\s\S]/g, (c) => {
    try {
      return encodeURIComponent(c);
    } catch {
      return '%ED%A0%80';
    }
  });
}

function headerValues(role: Role): fc.Arbitrary<Record<string, string>> {
  const address = fc.oneof(
    { weight: 8, arbitrary: fc.tuple(fc.constantFrom('198.51.100', '203.0.113'), fc.integer({ min: 1, max: 254 })).map(([net, host]) => `${net}.${host}`) },
    { weight: 1, arbitrary: fc.constantFrom('unknown', '', ' , ', '2001:db8::1', '::ffff:198.51.100.9', '198.51.100.1, 203.0.113.2', '999.999.999.999', 'x'.repeat(60), '2001:db8:0:0:0:0:0:1%eth0-with-a-long-zone-name', '<script>') },
  );
  // `<token>` stands for the role's session, put in when the request is sent (the fuzz renews a session it ended).
  const authorization = role.token
    ? fc.oneof({ weight: 12, arbitrary: fc.constant('Bearer <token>') }, { weight: 1, arbitrary: fc.constantFrom('bearer <token>', 'Bearer  <token>', 'Bearer <token>x', 'Token <token>') })
    : fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom('Bearer ', 'Bearer x', `Bearer ${'a'.repeat(2000)}`, 'Basic YWRtaW46YWRtaW4=', 'Bearer null', 'Bearer ../../', 'Bearer \u00e9') });
  const cookie = fc.oneof({ weight: 8, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom('imi_session=garbage', 'imi_session=', 'imi_session=a; imi_session=b', 'imi_csrf=x; imi_session=y') });
  const language = fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom('de', 'zz', '*', 'de;q=abc, *;q=-1', 'x'.repeat(500), 'cs-CZ,cs;q=0.9', ',,,;') });
  const idempotency = fc.oneof({ weight: 8, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom('fuzz-key', '', 'k'.repeat(201), 'k'.repeat(200), '\u00ff') });
  return fc.record({ address, authorization, cookie, language, idempotency }).map(({ address, authorization, cookie, language, idempotency }) => {
    const headers: Record<string, string> = { 'X-Forwarded-For': address };
    if (authorization !== undefined) headers.Authorization = authorization;
    if (cookie !== undefined) headers.Cookie = cookie;
    if (language !== undefined) headers['Accept-Language'] = language;
    if (idempotency !== undefined) headers['Idempotency-Key'] = idempotency;
    return headers;
  });
}

/** URLs longer than this would meet Node's own limit on the request head (431), which is not the app's answer. */
const urlLimit = 12_000;

/** Requests of one operation by one role: malformed and boundary values in the path, the query, the body and the headers. */
export function requestsOf(operation: Operation, role: Role, ids: RealIds): fc.Arbitrary<FuzzRequest> {
  const pathParameters = operation.parameters.filter((p) => p.in === 'path');
  const queryParameters = operation.parameters.filter((p) => p.in === 'query');
  const path = fc.tuple(...pathParameters.map((p) => parameterValues(operation, p, ids)));
  const query = fc.tuple(...queryParameters.map((p) => fc.oneof(
    { weight: p.name === 'lang' ? 8 : p.required ? 1 : 3, arbitrary: fc.constant(undefined) },
    { weight: p.required ? 8 : 3, arbitrary: parameterValues(operation, p, ids) },
  )));
  const extraQuery = fc.oneof(
    { weight: 8, arbitrary: fc.constant<[string, string][]>([]) },
    { weight: 1, arbitrary: fc.constantFrom<[string, string][]>([['unknown', '1']], [['__proto__', 'x']], [['limit', '1'], ['limit', '2']], [['lang', 'de'], ['lang', 'zz']], [['q', 'a'], ['q', 'b']], [['', '']]) },
  );
  const body: fc.Arbitrary<Body> = operation.method === 'GET'
    ? fc.constant({ note: 'no body' })
    : operation.rawBody
      ? rawBodies(operation.rawBody)
      : operation.jsonBody
        ? jsonBodies(operation.jsonBody)
        : fc.oneof({ weight: 6, arbitrary: fc.constant<Body>({ note: 'no body' }) }, { weight: 2, arbitrary: jsonBodies(undefined) });
  const arbitrary = fc.record({ path, query, extraQuery, body, headers: headerValues(role) }).map(({ path, query, extraQuery, body, headers }) => {
    let url = operation.path;
    pathParameters.forEach((p, i) => { url = url.replace(`{${p.name}}`, safeEncode(path[i])); });
    const pairs: [string, string][] = [];
    queryParameters.forEach((p, i) => { if (query[i] !== undefined) pairs.push([p.name, query[i]!]); });
    pairs.push(...extraQuery);
    if (pairs.length) url += '?' + pairs.map(([k, v]) => `${safeEncode(k)}=${safeEncode(v)}`).join('&');
    const sentHeaders = { ...headers };
    if (body.contentType !== undefined && (body.text !== undefined || body.bytes !== undefined)) sentHeaders['Content-Type'] = body.contentType;
    const request: FuzzRequest = {
      operation: operation.key,
      role: role.name,
      method: operation.method,
      url,
      headers: sentHeaders,
      body: body.text ?? body.bytes,
      broken: brokenBy(operation, pathParameters.map((p, i) => [p, path[i]] as const), pairs, body),
    };
    return Object.assign(request, { [fc.toStringMethod]: () => describe(request, body.note) });
  });
  const short = arbitrary.filter((r) => r.url.length <= urlLimit);
  return safetyOf(operation) === 'refused' ? short.filter((r) => r.broken !== null) : short;
}

/** Why the request breaks the schema for certain, or null. */
function brokenBy(operation: Operation, path: readonly (readonly [Operation['parameters'][number], string])[], pairs: [string, string][], body: Body): string | null {
  for (const [parameter, value] of path) {
    // An empty or dot segment makes another address, which may be another operation's: not certain either way.
    if (value.trim() === '' || value === '.' || value === '..' || value.includes('/')) return null;
    if (!fits(parameter.schema, value, 'text')) return `path ${parameter.name}`;
  }
  const byName = new Map<string, string[]>();
  for (const [name, value] of pairs) byName.set(name, [...(byName.get(name) ?? []), value]);
  for (const parameter of operation.parameters.filter((p) => p.in === 'query')) {
    const values = byName.get(parameter.name);
    if (!values) {
      if (parameter.required) return `query ${parameter.name} missing`;
      continue;
    }
    // The language is read by hand from the first value; every other parameter by its schema.
    const value = parameter.name === 'lang' ? values[0] : values.length === 1 ? values[0] : values;
    if (!fits(parameter.schema, value, 'text')) return `query ${parameter.name}`;
  }
  return bodyBroken(operation, body);
}

const preview = (text: string, max = 300) => (text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text);

/** How a failing request is shown: method, address, role, headers and body, short enough to read. */
export function describe(request: FuzzRequest, note: string): string {
  const body = request.body === undefined ? 'no body'
    : typeof request.body === 'string' ? `body (${note}): ${preview(JSON.stringify(request.body))}` : `body: ${request.body.length} bytes`;
  const headers = Object.entries(request.headers).map(([k, v]) => `${k}: ${preview(v, 80)}`).join('; ');
  return `${request.method} ${preview(request.url, 400)} as ${request.role} — ${body} — headers ${headers}${request.broken ? ` — breaks the schema: ${request.broken}` : ''}`;
}
