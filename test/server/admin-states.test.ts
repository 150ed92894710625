import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportJWK, generateKeyPair } from 'jose';
import { problem, startTestApp, type TestApp } from './support.js';

interface StateView {
  country: string;
  name: string;
  nimic: { id: string; designation: string; officialName: string; email: string | null; phone: string | null; status: string } | null;
  coordinators: { id: string; kind: string; designation: string; officialName: string; region: string | null; areas: string[]; status: string }[];
}

let app: TestApp;
let admin: string;
beforeAll(async () => {
  app = await startTestApp();
  admin = await app.session('admin@imi.test', { mfa: true });
});
afterAll(async () => {
  if (app) await app.close();
});

const state = async (country: string, token: string, lang = 'en') => {
  const response = await app.request(`/api/v1/admin/states/${country}?lang=${lang}`, { token });
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as StateView;
};

describe('GET /admin/states/{country}', () => {
  it('names the state\'s NIMIC with its contact data, and lists the coordinators its NIMIC registers with their reach', async () => {
    const before = await state('LV', admin);
    expect(before).toMatchObject({ country: 'LV', name: 'Latvia', coordinators: [] });
    expect(before.nimic).toMatchObject({ status: 'active', email: expect.stringMatching(/@lv\.imi\.test$/) });
    expect(before.nimic!.designation).not.toBe('');

    const nimic = await app.login('nimic.lv@imi.test');
    const created = await app.request('/api/v1/authorities', {
      method: 'POST', token: nimic,
      body: {
        officialName: 'Kurzemes reģionālā koordinācija', officialNameLang: 'lv', designation: { en: 'Courland regional coordination' },
        languages: ['lv'], country: 'LV', coordinatorKind: 'SDIMIC', region: 'Kurzeme', areas: ['SERVICES', 'PQ'],
        lda: { email: 'sdimic@lv.imi.test', name: 'Reģionālā koordinatore' },
      },
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const { id } = (await created.json()) as { id: string };

    const after = await state('LV', nimic);
    expect(after.nimic!.id).toBe(before.nimic!.id);
    expect(after.coordinators).toEqual([{
      id, kind: 'SDIMIC', designation: 'Courland regional coordination', officialName: 'Kurzemes reģionālā koordinācija',
      region: 'Kurzeme', areas: ['PQ', 'SERVICES'], status: 'active',
    }]);
  });

  it('names the state in the language asked for', async () => {
    expect((await state('DE', admin, 'fr')).name).toBe('Allemagne');
  });

  it('is refused to the NIMIC of another state, to authorities and to an administrator without the second factor', async () => {
    expect((await app.request('/api/v1/admin/states/LV', { token: await app.login('nimic.ee@imi.test') })).status).toBe(403);
    expect((await app.request('/api/v1/admin/states/LV', { token: await app.login('lda.lv@imi.test') })).status).toBe(403);
    expect((await app.request('/api/v1/admin/states/LV', { token: await app.login('handler.lv@imi.test') })).status).toBe(403);
    expect((await app.request('/api/v1/admin/states/LV', { token: await app.session('admin@imi.test', { mfa: false }) })).status).toBe(403);
    expect((await app.request('/api/v1/admin/states/LV')).status).toBe(401);
  });

  it('answers a code that is no EEA state, or not in capitals, with a 400 naming the country', async () => {
    for (const code of ['ZZ', 'lv', 'LVA']) {
      const response = await app.request(`/api/v1/admin/states/${code}`, { token: admin });
      expect(response.status, code).toBe(400);
      expect((await problem(response)).errors?.map((e) => e.path)).toEqual(['country']);
    }
  });
});

describe('the identity providers of a state', () => {
  it('show each key by its id, type, algorithm and use, never its material', async () => {
    const pair = await generateKeyPair('ES256');
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'lv-2026', alg: 'ES256', use: 'sig' };
    const nimic = await app.login('nimic.lv@imi.test');
    const body = { country: 'LV', issuer: 'https://idp.portal.lv.imi.test', audience: 'imi-network', jwks: { keys: [jwk, { ...jwk, kid: undefined, alg: undefined, use: undefined }] } };
    const saved = await app.request('/api/v1/admin/identity-providers', { method: 'POST', token: nimic, body });
    expect(saved.status, await saved.clone().text()).toBe(200);
    const listed = (await (await app.request('/api/v1/admin/identity-providers?country=LV', { token: nimic })).json()) as { items: Record<string, unknown>[] };
    expect(listed.items).toHaveLength(1);
    expect(listed.items[0]).toMatchObject({ keys: 2, keyIds: [{ kid: 'lv-2026', kty: 'EC', alg: 'ES256', use: 'sig' }, { kid: null, kty: 'EC', alg: null, use: null }] });
    expect(JSON.stringify(listed)).not.toContain(jwk.x!);
  });
});
