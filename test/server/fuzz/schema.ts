import fc from 'fast-check';

/**
 * The part of JSON Schema that the OpenAPI document uses (zod's output): enough to generate values that fit a schema,
 * values that do not, values exactly at its limits, and to tell which is which.
 */
export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
  description?: string;
}

/**
 * Where a value travels: in a JSON body it keeps its JSON type; in a query string or a path it is text that the
 * server's schema may convert (`z.coerce.number()`, comma-separated lists, trimmed text where empty means absent).
 */
export type Carrier = 'json' | 'text';

const types = (schema: JsonSchema): string[] | undefined =>
  schema.type === undefined ? undefined : Array.isArray(schema.type) ? schema.type : [schema.type];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function jsonTypeFits(type: string, value: unknown): boolean {
  switch (type) {
    case 'string': return typeof value === 'string';
    case 'integer': return typeof value === 'number' && Number.isInteger(value);
    case 'number': return typeof value === 'number' && Number.isFinite(value);
    case 'boolean': return typeof value === 'boolean';
    case 'null': return value === null;
    case 'array': return Array.isArray(value);
    case 'object': return isObject(value);
    default: return true;
  }
}

/**
 * Whether `value` fits `schema`, judged leniently: where the server might accept a value the document cannot describe
 * (e-mail and URI syntax, trimming, number coercion in a query), the value counts as fitting. So "does not fit" is
 * certain — the server must refuse it — while "fits" only means it may be accepted.
 */
export function fits(schema: JsonSchema, value: unknown, carrier: Carrier = 'json'): boolean {
  if (schema.anyOf && !schema.anyOf.some((s) => fits(s, value, carrier))) return false;
  if (schema.oneOf && !schema.oneOf.some((s) => fits(s, value, carrier))) return false;
  if (schema.allOf && !schema.allOf.every((s) => fits(s, value, carrier))) return false;
  if (carrier === 'text') return textFits(schema, value);
  if (schema.enum && !schema.enum.some((e) => e === value)) return false;
  if ('const' in schema && schema.const !== value) return false;
  const allowed = types(schema);
  if (allowed && !allowed.some((t) => jsonTypeFits(t, value))) return false;
  if (typeof value === 'string') return stringFits(schema, value);
  if (typeof value === 'number') return numberFits(schema, value);
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) return false;
    if (schema.maxItems !== undefined && value.length > schema.maxItems) return false;
    return !schema.items || value.every((item) => fits(schema.items!, item));
  }
  if (isObject(value)) {
    for (const key of schema.required ?? []) if (value[key] === undefined) return false;
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined) continue;
      const property = schema.properties && Object.hasOwn(schema.properties, key) ? schema.properties[key] : undefined;
      if (property) {
        if (!fits(property, item)) return false;
      } else {
        if (schema.additionalProperties === false) return false;
        if (isObject(schema.additionalProperties) && !fits(schema.additionalProperties, item)) return false;
        if (schema.propertyNames && !fits(schema.propertyNames, key)) return false;
      }
    }
  }
  return true;
}

function stringFits(schema: JsonSchema, value: string): boolean {
  const trimmed = value.trim();
  // Lenient on both counts: code points (JSON Schema) may be fewer than UTF-16 units (zod), and text may be trimmed.
  if (schema.maxLength !== undefined && [...trimmed].length > schema.maxLength) return false;
  if (schema.minLength !== undefined && value.length < schema.minLength) return false;
  if (schema.pattern) {
    const pattern = new RegExp(schema.pattern);
    if (!pattern.test(value) && !pattern.test(trimmed)) return false;
  }
  return true;
}

function numberFits(schema: JsonSchema, value: number): boolean {
  if (schema.minimum !== undefined && value < schema.minimum) return false;
  if (schema.maximum !== undefined && value > schema.maximum) return false;
  if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum) return false;
  if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum) return false;
  return true;
}

/** A query or path value: text (or, for a repeated query key, a list of texts). */
function textFits(schema: JsonSchema, value: unknown): boolean {
  // A repeated key reaches the schema as an array: some schemas take the first, so it is not certainly wrong.
  if (Array.isArray(value)) return true;
  if (typeof value !== 'string') return true;
  const allowed = types(schema);
  if (schema.enum) {
    if (schema.enum.includes(value) || schema.enum.includes(value.trim())) return true;
    return value.trim() === '' && !allowed?.includes('array');
  }
  if (allowed?.includes('array')) {
    const parts = value.split(',').map((p) => p.trim()).filter(Boolean);
    if (schema.maxItems !== undefined && parts.length > schema.maxItems) return false;
    return !schema.items || parts.every((p) => textFits(schema.items!, p));
  }
  if (allowed && allowed.every((t) => t === 'integer' || t === 'number')) {
    if (value.trim() === '') return true;
    const n = Number(value);
    if (Number.isNaN(n)) return false;
    if (allowed.every((t) => t === 'integer') && !Number.isInteger(n)) return false;
    return numberFits(schema, n);
  }
  if (allowed?.includes('string') || !allowed) return value.trim() === '' || stringFits(schema, value);
  return true;
}

/** Text that often breaks code that never met it: control characters, null bytes, surrogates, direction marks. */
export const awkwardTexts = [
  '\u0000', 'a\u0000b', '\u0000'.repeat(3), '\uD800', 'x\uDFFFy', '\u202Eevil', '\u200B', 'e\u0301', '\uFEFF', '𝕏𝕐', '👩‍👩‍👧‍👦',
  'Ω≈ç√', '\t\n\r', ' ', '   padded   ', "'; drop table request; --", '" or 1=1 --', '%00', '%', '%%', '%zz', '../../etc/passwd',
  '<script>alert(1)</script>', '${7*7}', '{{7*7}}', '\\', '\\u0000', 'null', 'undefined', 'NaN', 'Infinity', '-Infinity', '-0', '0x1F',
  '1e309', '9'.repeat(40), '-1', 'true', '[]', '{}', '\u0085', '\u2028', 'ǅ', 'İ', 'ß', '🇨🇿',
];

/** Text that no database column can hold: a null character, half a surrogate pair. */
export const unstorableTexts = ['\u0000', 'a\u0000b', 'Name\u0000', '\uD800', 'x\uDFFFy', 'Name\uDBFF'];

/** Numbers at the edges of what JSON, JavaScript and PostgreSQL hold. */
export const awkwardNumbers = [
  0, -0, -1, 1, 0.5, -0.5, 1e-7, 2 ** 31 - 1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, 2 ** 53 + 2, -(2 ** 53), 1e20, 1e308, -1e308,
  Number.MAX_VALUE, Number.MIN_VALUE, 99_999_999_999_999,
];

/**
 * Arbitraries are built once per schema and depth: the builders call one another for every member of nested schemas,
 * which without this would build the same arbitraries (and parse the same patterns) over and over.
 */
const built = new WeakMap<JsonSchema, Map<string, fc.Arbitrary<unknown>>>();
function memo(kind: string, build: (schema: JsonSchema, depth: number) => fc.Arbitrary<unknown>) {
  return (schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> => {
    const level = Math.min(depth, 6);
    let byKind = built.get(schema);
    if (!byKind) built.set(schema, (byKind = new Map()));
    const key = `${kind}:${level}`;
    let arbitrary = byKind.get(key);
    if (!arbitrary) byKind.set(key, (arbitrary = build(schema, level)));
    return arbitrary;
  };
}

/** Values that fit the schema. */
export const valid = memo('valid', buildValid);
/** Values exactly at a limit of the schema: shortest and longest text, smallest and largest number, fewest and most items. */
export const atLimit = memo('atLimit', buildAtLimit);
/** Values that do not fit the schema (checked by `fits`): wrong types, one past each limit, broken formats. */
export const invalid = memo('invalid', buildInvalid);
/** Anything a field may be sent as, weighted towards fitting values so that the rest of the request is reached. */
export const fuzzValue = memo('fuzzValue', buildFuzzValue);

const safeString = (min: number, max: number) =>
  fc.string({ minLength: min, maxLength: max, unit: fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCXYZ0123456789-_ .'.split('')) }, { weight: 1, arbitrary: fc.constantFrom('é', 'ß', 'Ж', '中', '😀', 'ł', 'ř') }) });

function stringArb(schema: JsonSchema, depth: number): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? Math.max(min, 40);
  if (schema.format === 'uuid') return fc.uuid().filter((s) => fits(schema, s));
  if (schema.format === 'email') {
    return fc.tuple(fc.stringMatching(/^[a-z][a-z0-9.]{0,20}$/), fc.constantFrom('fuzz.example', 'cz.fuzz.example', 'x.invalid'))
      .map(([local, domain]) => `${local}@${domain}`).filter((s) => s.length >= min && s.length <= max && fits(schema, s));
  }
  if (schema.format === 'uri') return fc.webUrl().filter((s) => s.length >= min && s.length <= max && fits(schema, s));
  if (schema.pattern) {
    const pattern = new RegExp(schema.pattern);
    return fc.stringMatching(pattern).filter((s) => s.length >= min && s.length <= max && fits(schema, s));
  }
  const cap = Math.min(max, min + (depth > 2 ? 8 : 30));
  return safeString(Math.max(min, 1), Math.max(cap, Math.max(min, 1))).filter((s) => s.trim().length > 0 || min === 0);
}

function numberArb(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1_000_000);
  const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : 1_000_000);
  const small = fc.integer({ min: Math.max(min, -5), max: Math.max(Math.min(max, 5), Math.max(min, -5)) });
  const any = integer ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
  return fc.oneof(small, any);
}

function buildValid(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants?.length) return fc.oneof(...variants.map((s) => valid(s, depth)));
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  if ('const' in schema) return fc.constant(schema.const);
  const type = types(schema)?.[0];
  switch (type) {
    case 'string': return stringArb(schema, depth);
    case 'integer': return numberArb(schema, true);
    case 'number': return numberArb(schema, false);
    case 'boolean': return fc.boolean();
    case 'null': return fc.constant(null);
    case 'array': {
      const min = schema.minItems ?? 0;
      const max = Math.min(schema.maxItems ?? min + 3, min + (depth > 2 ? 1 : 3));
      return fc.array(schema.items ? valid(schema.items, depth + 1) : fc.string(), { minLength: min, maxLength: max });
    }
    case 'object': return objectArb(schema, depth, (s) => valid(s, depth + 1));
    default: return fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null));
  }
}

function objectArb(schema: JsonSchema, depth: number, value: (s: JsonSchema) => fc.Arbitrary<unknown>): fc.Arbitrary<Record<string, unknown>> {
  const properties = schema.properties ?? {};
  const required = schema.required ?? [];
  const record = fc.record(Object.fromEntries(Object.entries(properties).map(([k, s]) => [k, value(s)])), { requiredKeys: required.filter((k) => k in properties) });
  const keys = schema.propertyNames && (schema.propertyNames.enum?.length || schema.propertyNames.pattern) ? valid(schema.propertyNames) as fc.Arbitrary<string> : fc.string({ minLength: 1, maxLength: 12 });
  const extra = isObject(schema.additionalProperties) && depth < 4
    ? fc.dictionary(keys, value(schema.additionalProperties), { minKeys: Object.keys(properties).length ? 0 : 1, maxKeys: 3 })
    : fc.constant({});
  return fc.tuple(record, extra).map(([r, e]) => ({ ...e, ...r }));
}

function buildAtLimit(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants?.length) return fc.oneof(...variants.map((s) => atLimit(s, depth)));
  const type = types(schema)?.[0];
  const options: fc.Arbitrary<unknown>[] = [];
  if (type === 'string' && !schema.pattern && !schema.enum && !schema.format) {
    const min = Math.max(schema.minLength ?? 0, 1);
    options.push(fc.constant('m'.repeat(min)));
    if (schema.maxLength !== undefined) {
      options.push(fc.constant('M'.repeat(schema.maxLength)));
      // At the limit in code points, past it in UTF-16 units: the two ways of counting must agree on the answer.
      if (schema.maxLength <= 5000) options.push(fc.constant('😀'.repeat(schema.maxLength)));
      options.push(fc.constant('é'.repeat(schema.maxLength)));
    }
  }
  if (type === 'integer' || type === 'number') {
    for (const n of [schema.minimum, schema.maximum]) if (n !== undefined) options.push(fc.constant(n));
  }
  if (type === 'array' && schema.items) {
    const item = valid(schema.items, depth + 1);
    if (schema.minItems !== undefined) options.push(fc.array(item, { minLength: schema.minItems, maxLength: schema.minItems }));
    if (schema.maxItems !== undefined && schema.maxItems <= 600) options.push(fc.array(item, { minLength: schema.maxItems, maxLength: schema.maxItems }));
  }
  if (type === 'object') options.push(objectArb(schema, depth, (s) => fc.oneof(atLimit(s, depth + 1), valid(s, depth + 1))));
  return options.length ? fc.oneof(...options) : valid(schema, depth);
}

const probes: unknown[] = [null, true, 0, 1.5, -1, '', 'text', [], {}, ...awkwardNumbers, ...awkwardTexts];

/** A text of `length` characters that no pattern of ours accepts in full. */
const filler = (length: number) => 'x'.repeat(length);

function buildInvalid(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  // A schema that takes anything (the document's stand-in for what JSON Schema cannot express) has no wrong value.
  if (probes.every((v) => fits(schema, v))) return valid(schema, depth);
  const type = types(schema)?.[0] ?? schema.anyOf?.map((s) => types(s)?.[0]).find((t) => t && t !== 'null');
  const candidates: fc.Arbitrary<unknown>[] = [
    fc.constantFrom<unknown>(null, true, false, 0, -1, 1.5, '', 'text', [], {}, [null], { '': null }),
    fc.constantFrom<unknown>(...awkwardNumbers),
    fc.constantFrom<unknown>(...awkwardTexts),
  ];
  const limits = schema.anyOf?.find((s) => types(s)?.[0] === type) ?? schema;
  if (type === 'string') {
    if (limits.maxLength !== undefined) candidates.push(fc.constantFrom(filler(limits.maxLength + 1), '😀'.repeat(limits.maxLength + 1)));
    if (limits.minLength) candidates.push(fc.constant(filler(limits.minLength - 1)));
    if (limits.pattern || limits.format === 'uuid') {
      candidates.push(fc.constantFrom(
        'not-a-uuid', '00000000-0000-4000-8000-00000000000', '00000000-0000-4000-8000-0000000000000', 'g0000000-0000-4000-8000-000000000000',
        '{00000000-0000-4000-8000-000000000000}', '00000000000040008000000000000000', 'cz', 'C', 'CZE', '2026-13-45', '2026-02-30', '31.12.2026',
        '2026-1-1', ' 2026-01-01', 'PQ ', 'p-q', 'x'.repeat(81),
      ));
    }
    if (limits.enum) candidates.push(fc.constantFrom(...limits.enum.flatMap((e) => (typeof e === 'string' ? [e.toUpperCase(), e.toLowerCase(), `${e}x`, `${e},${e}`] : []))));
  }
  if (type === 'integer' || type === 'number') {
    if (limits.minimum !== undefined) candidates.push(fc.constant(limits.minimum - 1));
    if (limits.maximum !== undefined) candidates.push(fc.constant(limits.maximum + 1));
    candidates.push(fc.constantFrom('1', '0x10', 'NaN', '1e3'));
  }
  if (type === 'array') {
    if (limits.maxItems !== undefined && limits.maxItems < 600 && limits.items) {
      candidates.push(fc.array(valid(limits.items, depth + 1), { minLength: limits.maxItems + 1, maxLength: limits.maxItems + 1 }));
    }
    if (limits.items && depth < 4) candidates.push(fc.array(invalid(limits.items, depth + 1), { minLength: 1, maxLength: 3 }));
  }
  if (type === 'object' && depth < 4) {
    const properties = Object.entries(limits.properties ?? {});
    if (properties.length) {
      // One property made wrong, or a required one left out, the rest fitting.
      candidates.push(fc.tuple(valid(limits, depth + 1) as fc.Arbitrary<Record<string, unknown>>, fc.constantFrom(...properties.map(([k]) => k)), fc.boolean())
        .chain(([base, key, drop]) => drop && limits.required?.includes(key)
          ? fc.constant(Object.fromEntries(Object.entries(base).filter(([k]) => k !== key)))
          : invalid(limits.properties![key], depth + 1).map((bad) => ({ ...base, [key]: bad }))));
    }
  }
  return fc.oneof(...candidates).filter((v) => !fits(schema, v));
}

function buildFuzzValue(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 5, arbitrary: depth > 3 ? valid(schema, depth) : fuzzStructure(schema, depth) },
    { weight: 2, arbitrary: atLimit(schema, depth) },
    { weight: 1, arbitrary: invalid(schema, depth) },
    { weight: 1, arbitrary: types(schema)?.[0] === 'string' || schema.anyOf?.some((s) => types(s)?.[0] === 'string') ? awkwardFitting(schema) : valid(schema, depth) },
  );
}

/** Objects and arrays whose members are each fuzzed, with an extra member now and then. */
function fuzzStructure(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  const type = types(schema)?.[0];
  if (type === 'object' && schema.properties) {
    const properties = Object.entries(schema.properties);
    const required = new Set(schema.required ?? []);
    const member = (name: string, s: JsonSchema) => required.has(name)
      ? fc.oneof({ weight: 12, arbitrary: fuzzValue(s, depth + 1) }, { weight: 1, arbitrary: fc.constant(undefined) })
      : fc.oneof({ weight: 2, arbitrary: fuzzValue(s, depth + 1) }, { weight: 1, arbitrary: fc.constant(undefined) });
    const extras = fc.oneof(
      { weight: 6, arbitrary: fc.constant({}) },
      { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'version', 'status', 'x\u0000', 'Ω', 'admin'), fc.jsonValue({ maxDepth: 2 }), { minKeys: 1, maxKeys: 2 }) },
    );
    return fc.tuple(fc.tuple(...properties.map(([name, s]) => member(name, s))), extras).map(([values, extra]) => {
      const out: Record<string, unknown> = { ...(extra as Record<string, unknown>) };
      properties.forEach(([name], i) => { if (values[i] !== undefined) out[name] = values[i]; });
      return out;
    });
  }
  if (type === 'array' && schema.items) {
    const min = schema.minItems ?? 0;
    return fc.array(fuzzValue(schema.items, depth + 1), { minLength: min, maxLength: Math.min(schema.maxItems ?? min + 3, min + 3) });
  }
  return valid(schema, depth);
}

/** Awkward text cut to fit the schema's length limits (it may still break a pattern or a format). */
function awkwardFitting(schema: JsonSchema): fc.Arbitrary<unknown> {
  const limits = schema.anyOf?.find((s) => types(s)?.[0] === 'string') ?? schema;
  const max = limits.maxLength ?? 200;
  const min = limits.minLength ?? 0;
  const awkward = fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...awkwardTexts) }, { weight: 1, arbitrary: fc.constantFrom(...unstorableTexts) });
  return fc.tuple(awkward, fc.constantFrom('', 'Name', 'a')).map(([awkward, plain]) => {
    let text = plain + awkward;
    while (text.length < min) text += 'a';
    return text.slice(0, max);
  });
}

/** A value as a query string or a path carries it. */
export function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(asText).join(',');
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Texts for a query or path parameter: fitting ones, ones at the limits, and ones the schema forbids. */
export function fuzzText(schema: JsonSchema): fc.Arbitrary<string> {
  const limits = schema.anyOf?.find((s) => types(s)?.[0] !== 'null') ?? schema;
  const type = types(limits)?.[0];
  const pastLimits: string[] = [];
  if (limits.maxLength !== undefined) pastLimits.push(filler(limits.maxLength + 1));
  if (limits.minLength) pastLimits.push(filler(limits.minLength - 1));
  if (limits.minimum !== undefined) pastLimits.push(String(limits.minimum - 1), String(limits.minimum - 0.5));
  if (limits.maximum !== undefined) pastLimits.push(String(limits.maximum + 1), String(limits.maximum) + '0');
  if (type === 'array' && limits.maxItems !== undefined && limits.items) {
    pastLimits.push(Array.from({ length: limits.maxItems + 1 }, (_, i) => asText(limits.items!.enum?.[i % limits.items!.enum.length] ?? '00000000-0000-4000-8000-000000000000')).join(','));
  }
  const wrong = fc.constantFrom(
    'abc', '', ' ', ',', ',,', '-1', '0', '1.5', '1e400', '0x10', '٣', 'NaN', 'Infinity', '99999999999999999999', 'true', 'null', '[]', '{}',
    '00000000-0000-4000-8000-00000000000z', '2026-02-30', '2026-13-01T25:61:00Z', 'now', '..', '.', '%', ...awkwardTexts,
  );
  return fc.oneof(
    { weight: 4, arbitrary: valid(schema).map(asText) },
    { weight: 2, arbitrary: atLimit(schema).map(asText) },
    { weight: 2, arbitrary: pastLimits.length ? fc.constantFrom(...pastLimits) : wrong },
    { weight: 3, arbitrary: wrong },
    { weight: 1, arbitrary: fc.constantFrom(...unstorableTexts) },
  );
}
