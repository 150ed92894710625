import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInLimits } from '../../server/modules/identity/service.js';
import { problem, startTestApp, type TestApp } from './support.js';

interface AuditItem { at: string; actor: { id: string | null; email: string | null } | null; action: string; ip: string | null; authority: string | null }

let app: TestApp;
let admin: string;
beforeAll(async () => {
  app = await startTestApp();
  admin = await app.session('admin@imi.test', { mfa: true });
});
afterAll(async () => {
  if (app) await app.close();
});

function signIn(email: string, password: string, address: string) {
  return app.request('/api/v1/auth/login', { method: 'POST', body: { email, password }, headers: { 'X-Forwarded-For': address } });
}

async function auditOf(query: string): Promise<AuditItem[]> {
  const response = await app.request(`/api/v1/admin/audit?${query}`, { token: admin });
  expect(response.status, query).toBe(200);
  return ((await response.json()) as { items: AuditItem[] }).items;
}

describe('audit log', () => {
  it('records sign-ins, failed sign-ins and sign-outs with the account and the address', async () => {
    expect((await signIn('lda.ro@imi.test', 'not-the-password', '127.0.0.21')).status).toBe(401);
    const ok = await signIn('lda.ro@imi.test', 'demo-password', '127.0.0.21');
    const { accessToken } = (await ok.json()) as { accessToken: string };
    await app.request('/api/v1/auth/logout', { method: 'POST', token: accessToken });
    const entries = await auditOf('actor=lda.ro@imi.test');
    expect(entries.map((e) => e.action)).toEqual(['auth.sign-out', 'auth.sign-in', 'auth.sign-in-failed']);
    expect(entries[1]).toMatchObject({ ip: '127.0.0.21', actor: { email: 'lda.ro@imi.test' } });
    expect(entries[1].authority).toBeTruthy();
    const failed = await auditOf('actor=lda.ro@imi.test&action=auth.sign-in-failed');
    expect(failed).toHaveLength(1);
  });

  it('is readable only by Commission administrators', async () => {
    expect((await app.request('/api/v1/admin/audit')).status).toBe(401);
    const nimic = await app.login('nimic.de@imi.test');
    const refused = await app.request('/api/v1/admin/audit', { token: nimic });
    expect(refused.status).toBe(403);
    await problem(refused);
  });

  it('cannot be changed or erased, not even by the application\'s own database role', async () => {
    const em = app.orm.em.fork();
    await expect(em.execute(`update audit_entry set action = 'nothing'`)).rejects.toThrow(/append-only/);
    await expect(em.execute(`delete from audit_entry`)).rejects.toThrow(/append-only/);
    await expect(em.execute(`truncate audit_entry`)).rejects.toThrow(/append-only/);
    expect((await auditOf('limit=1')).length).toBe(1);
  });

  it('pages newest first and filters by period', async () => {
    const all = await auditOf('limit=100');
    const first = await app.request('/api/v1/admin/audit?limit=2', { token: admin });
    const page1 = (await first.json()) as { items: AuditItem[]; nextCursor: string };
    const page2 = await auditOf(`limit=2&cursor=${page1.nextCursor}`);
    expect([...page1.items, ...page2].map((e) => e.at)).toEqual(all.slice(0, 4).map((e) => e.at));
    expect(await auditOf(`from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).toEqual([]);
  });

  it('names the field of a bad filter', async () => {
    const dashes = await app.request(`/api/v1/admin/audit?actor=${'-'.repeat(36)}`, { token: admin });
    expect(dashes.status).toBe(200);
    expect(((await dashes.json()) as { items: unknown[] }).items).toEqual([]);
    const forgedCursor = Buffer.from(JSON.stringify(['not a date', '1'])).toString('base64url');
    for (const [query, field] of [['from=yesterday', 'from'], ['authorityId=42', 'authorityId'], ['action=DROP%20TABLE', 'action'], ['limit=0', 'limit'], [`cursor=${forgedCursor}`, 'cursor']]) {
      const response = await app.request(`/api/v1/admin/audit?${query}`, { token: admin });
      expect(response.status, query).toBe(400);
      expect((await problem(response)).errors?.[0].path).toBe(field);
    }
  });
});

describe('sign-in throttling', () => {
  it(`refuses an account after ${signInLimits.perAccount} failures, even with the right password, and says when to retry`, async () => {
    for (let i = 0; i < signInLimits.perAccount; i++) {
      expect((await signIn('handler2.lv@imi.test', `wrong-${i}`, `127.0.1.${i}`)).status).toBe(401);
    }
    const refused = await signIn('handler2.lv@imi.test', 'demo-password', '127.0.1.99');
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(signInLimits.windowSeconds);
    expect((await problem(refused)).status).toBe(429);
    expect((await signIn('handler.lv@imi.test', 'demo-password', '127.0.1.99')).status).toBe(200);
    expect((await auditOf('actor=handler2.lv@imi.test&action=auth.sign-in-throttled')).length).toBe(1);
  });

  it(`refuses an address after ${signInLimits.perAddress} failures, whatever account it tries`, async () => {
    for (let i = 0; i < signInLimits.perAddress; i++) {
      expect((await signIn(`nobody-${i}@imi.test`, 'guess', '127.0.2.7')).status).toBe(401);
    }
    expect((await signIn('handler.mt@imi.test', 'demo-password', '127.0.2.7')).status).toBe(429);
    expect((await signIn('handler.mt@imi.test', 'demo-password', '127.0.2.8')).status).toBe(200);
  });

  it('counts an account\'s failures only since its last successful sign-in', async () => {
    for (let i = 0; i < signInLimits.perAccount - 1; i++) await signIn('handler2.mt@imi.test', 'wrong', '127.0.3.1');
    expect((await signIn('handler2.mt@imi.test', 'demo-password', '127.0.3.1')).status).toBe(200);
    for (let i = 0; i < signInLimits.perAccount - 1; i++) await signIn('handler2.mt@imi.test', 'wrong', '127.0.3.1');
    expect((await signIn('handler2.mt@imi.test', 'demo-password', '127.0.3.1')).status).toBe(200);
  });
});
