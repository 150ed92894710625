import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problem, startTestApp, type TestApp } from './support.js';

/**
 * Bad input, generated from the OpenAPI document: for every operation, every constrained query and path parameter
 * gets a value its schema forbids, and every body is sent broken, empty and of the wrong type. Each must be refused
 * with a 400 problem naming the field — never a 5xx, never accepted.
 */
interface Schema { type?: string | string[]; enum?: unknown[]; pattern?: string; format?: string; maxLength?: number; minimum?: number; maximum?: number }
interface Parameter { name: string; in: 'query' | 'path'; schema: Schema }
interface Operation { parameters?: Parameter[]; requestBody?: { content: { 'application/json'?: { schema: { required?: string[]; type?: string; properties?: Record<string, Schema> } } } } }

/** A number past what the database's integer columns hold: it must be refused as input, not fail in the database. */
const HUGE = 99_999_999_999_999;

function invalid(schema: Schema): string[] {
  if (schema.enum) return ['not-one-of-them'];
  if (schema.type === 'integer' || schema.type === 'number') return ['abc', String(HUGE)];
  if (schema.format === 'uuid') return ['not-a-uuid'];
  if (schema.pattern) return ['!!'];
  if (schema.maxLength !== undefined) return ['x'.repeat(schema.maxLength + 1)];
  return [];
}

let app: TestApp;
let token: string;
let operations: { method: string; path: string; operation: Operation }[];
beforeAll(async () => {
  app = await startTestApp();
  token = await app.session('admin@imi.test', { mfa: true });
  const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, Operation>> };
  operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })));
});
afterAll(async () => {
  if (app) await app.close();
});

/** The path with an id of the right form, so that only the part under test is wrong. */
const validPath = (path: string) => path.replace('{id}', path.startsWith('/api/v1/question-sets') ? '1' : '00000000-0000-4000-8000-000000000000');

describe('bad input to every endpoint', () => {
  it('refuses every forbidden query or path value with a 400 naming the parameter', async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const { method, path, operation } of operations) {
      for (const parameter of operation.parameters ?? []) for (const value of invalid(parameter.schema)) {
        const url = parameter.in === 'path'
          ? path.replace(`{${parameter.name}}`, encodeURIComponent(value))
          : `${validPath(path)}?${parameter.name}=${encodeURIComponent(value)}`;
        const response = await app.request(url, { method, token, body: method === 'GET' ? undefined : {} });
        checked++;
        const fields = response.status === 400 ? ((await problem(response)).errors ?? []).map((e) => e.path) : [];
        if (response.status !== 400 || !fields.includes(parameter.name)) wrong.push(`${method} ${path} ${parameter.in} ${parameter.name}=${value.slice(0, 20)}: ${response.status} ${fields.join(',')}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(20);
  });

  it('refuses broken, empty and wrongly typed bodies with a 400 problem, naming each missing field', async () => {
    const wrong: string[] = [];
    for (const { method, path, operation } of operations) {
      const schema = operation.requestBody?.content['application/json']?.schema;
      if (!schema) continue;
      const url = validPath(path);
      for (const body of ['{"broken": ', '[]', '"text"', '42']) {
        const response = await app.request(url, { method, token, body });
        if (response.status !== 400) wrong.push(`${method} ${path} body ${body}: ${response.status}`);
        else await problem(response);
      }
      const integers = Object.entries(schema.properties ?? {}).filter(([, p]) => p.type === 'integer').map(([name]) => name);
      if (integers.length) {
        const response = await app.request(url, { method, token, body: Object.fromEntries(integers.map((name) => [name, HUGE])) });
        const fields = response.status === 400 ? ((await problem(response)).errors ?? []).map((e) => e.path) : [];
        const unnamed = integers.filter((f) => !fields.includes(f));
        if (response.status !== 400 || unnamed.length) wrong.push(`${method} ${path} huge numbers: ${response.status}, not named: ${unnamed.join(',')}`);
      }
      const required = schema.required ?? [];
      if (required.length) {
        const response = await app.request(url, { method, token, body: {} });
        const fields = response.status === 400 ? ((await problem(response)).errors ?? []).map((e) => e.path) : [];
        const missing = required.filter((f) => !fields.includes(f));
        if (response.status !== 400 || missing.length) wrong.push(`${method} ${path} {}: ${response.status}, not named: ${missing.join(',')}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
