import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../server/http/csv.js';
import { exportColumns } from '../../server/modules/audit/service.js';
import { problem, startTestApp, type TestApp } from './support.js';

let app: TestApp;
let admin: string;
beforeAll(async () => {
  app = await startTestApp();
  admin = await app.session('admin@imi.test', { mfa: true });
  // Entries as a data-protection administrator's stated purposes might read: some would run as spreadsheet formulas.
  await app.orm.em.fork().execute(
    `insert into audit_entry (at, actor_email, action, record_type, record_id, fields, purpose, ip) values
       (now() - interval '2 minutes', 'dpo.export@imi.test', 'request.read-personal', 'request', 'exp-1', '{subject,freeText}', '=HYPERLINK("http://evil.test","proof")', '10.0.0.1'),
       (now() - interval '2 minutes', 'dpo.export@imi.test', 'request.read-personal', 'request', 'exp-2', '{subject}', '+1 proof of an exchange, "quoted"', '10.0.0.1'),
       (now() - interval '2 minutes', 'dpo.export@imi.test', 'request.read-personal', 'request', 'exp-3', '{subject}', '-2 data subject rights', '10.0.0.1'),
       (now() - interval '2 minutes', 'dpo.export@imi.test', 'request.read-personal', 'request', 'exp-4', '{subject}', '@SUM(1;2), data subject rights', '10.0.0.1'),
       (now() - interval '2 minutes', 'dpo.export@imi.test', 'auth.sign-in', null, null, null, null, '10.0.0.1')`);
});
afterAll(async () => {
  if (app) await app.close();
});

async function exportOf(query: string, token = admin) {
  const response = await app.request(`/api/v1/admin/audit/export?${query}`, { token });
  expect(response.status, query).toBe(200);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  const [header, ...rows] = parseCsv(text).records.map((r) => r.fields);
  return { response, text, header, rows: rows.map((fields) => Object.fromEntries(exportColumns.map((c, i) => [c, fields[i]]))) };
}

describe('GET /admin/audit/export', () => {
  it('answers a CSV file named after the day, with a header and one line per entry, newest first', async () => {
    const { response, text, header, rows } = await exportOf('actor=dpo.export@imi.test');
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="imi-audit-${new Date().toISOString().slice(0, 10)}.csv"`);
    expect(response.headers.get('imi-export-truncated')).toBe('false');
    expect(text.startsWith('\uFEFFat,actor_email,')).toBe(true);
    expect(text).toContain('\r\n');
    expect(header).toEqual(exportColumns);
    expect(rows).toHaveLength(5);
    expect(rows.map((r) => r.record_id).sort()).toEqual(['', 'exp-1', 'exp-2', 'exp-3', 'exp-4']);
    const first = rows.find((r) => r.record_id === 'exp-1')!;
    expect(first).toMatchObject({ actor_email: 'dpo.export@imi.test', action: 'request.read-personal', record_type: 'request', fields: 'subject; freeText', ip: '10.0.0.1' });
    expect(new Date(first.at).toISOString()).toBe(first.at);
  });

  it('defuses cells a spreadsheet would run as a formula, and quotes commas and quotes', async () => {
    const { text, rows } = await exportOf('actor=dpo.export@imi.test&action=request');
    const purposes = Object.fromEntries(rows.map((r) => [r.record_id, r.purpose]));
    expect(purposes).toEqual({
      'exp-1': '\'=HYPERLINK("http://evil.test","proof")',
      'exp-2': '\'+1 proof of an exchange, "quoted"',
      'exp-3': '\'-2 data subject rights',
      'exp-4': '\'@SUM(1;2), data subject rights',
    });
    expect(text).toContain('"\'=HYPERLINK(""http://evil.test"",""proof"")"');
    expect(text).not.toMatch(/(^|,)[=+\-@]/m);
  });

  it('applies the search filters: action or family, record, purpose and period', async () => {
    expect((await exportOf('actor=dpo.export@imi.test&action=auth.sign-in')).rows.map((r) => r.action)).toEqual(['auth.sign-in']);
    expect((await exportOf('actor=dpo.export@imi.test&action=request')).rows).toHaveLength(4);
    expect((await exportOf('record=exp-3')).rows.map((r) => r.record_id)).toEqual(['exp-3']);
    expect((await exportOf('actor=dpo.export@imi.test&purpose=DATA%20SUBJECT')).rows.map((r) => r.record_id).sort()).toEqual(['exp-3', 'exp-4']);
    const later = encodeURIComponent(new Date(Date.now() - 60_000).toISOString());
    expect((await exportOf(`actor=dpo.export@imi.test&from=${later}`)).rows).toEqual([]);
    expect((await exportOf(`actor=dpo.export@imi.test&to=${later}`)).rows).toHaveLength(5);
  });

  it('reads a large log in batches, without repeats or gaps, even among entries of the same instant', async () => {
    await app.orm.em.fork().execute(
      `insert into audit_entry (at, actor_email, action, record_type, record_id)
       select timestamptz '2026-01-15 10:00:00.123456+00', 'bulk.export@imi.test', 'user.update', 'user', 'bulk-' || n from generate_series(1, 2500) n`);
    const { rows } = await exportOf('actor=bulk.export@imi.test');
    expect(rows).toHaveLength(2500);
    expect(new Set(rows.map((r) => r.record_id)).size).toBe(2500);
    expect(rows[0].at).toBe('2026-01-15T10:00:00.123Z');
  });

  it('is recorded in the audit log itself, with its filters', async () => {
    await exportOf('record=exp-2&purpose=proof');
    const response = await app.request('/api/v1/admin/audit?action=audit.export&limit=1', { token: admin });
    const [entry] = ((await response.json()) as { items: { actor: { email: string }; fields: string[] }[] }).items;
    expect(entry.actor.email).toBe('admin@imi.test');
    expect(entry.fields.sort()).toEqual(['purpose=proof', 'record=exp-2']);
  });

  it('is for those who may read the log: Commission and data-protection administrators with their second factor', async () => {
    await app.orm.em.fork().execute(`update app_user set data_protection_admin = true where email = 'handler2.lu@imi.test'`);
    const dpo = await app.session('handler2.lu@imi.test', { mfa: true });
    expect((await exportOf('record=exp-1', dpo)).rows).toHaveLength(1);
    expect((await app.request('/api/v1/admin/audit/export')).status).toBe(401);
    for (const token of [await app.login('nimic.fr@imi.test'), await app.login('handler.fr@imi.test'), await app.session('admin@imi.test', { mfa: false })]) {
      const refused = await app.request('/api/v1/admin/audit/export', { token });
      expect(refused.status).toBe(403);
      await problem(refused);
    }
  });

  it('names the field of a bad filter', async () => {
    for (const [query, field] of [['from=yesterday', 'from'], ['authorityId=42', 'authorityId'], ['action=DROP%20TABLE', 'action'], [`purpose=${'x'.repeat(201)}`, 'purpose']]) {
      const response = await app.request(`/api/v1/admin/audit/export?${query}`, { token: admin });
      expect(response.status, query).toBe(400);
      expect((await problem(response)).errors?.[0].path).toBe(field);
    }
  });
});

describe('GET /admin/audit filters', () => {
  it('searches by purpose words, by any record and by a family of actions', async () => {
    const search = async (query: string) => {
      const response = await app.request(`/api/v1/admin/audit?${query}`, { token: admin });
      expect(response.status).toBe(200);
      return ((await response.json()) as { items: { record: { id: string } | null; action: string }[] }).items;
    };
    expect((await search('purpose=HYPERLINK')).map((i) => i.record?.id)).toEqual(['exp-1']);
    expect((await search('record=exp-4')).map((i) => i.record?.id)).toEqual(['exp-4']);
    expect((await search('actor=dpo.export@imi.test&action=auth')).map((i) => i.action)).toEqual(['auth.sign-in']);
  });
});
