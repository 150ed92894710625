import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../console/pages/routing.js';
import type { ImiConsoleRouting } from '../../console/pages/routing.js';
import type { Me } from '../../server/modules/identity/schemas.js';
import { configureImi } from '../../components/core/context.js';
import { installFetchStub, type FetchStub } from '../fixtures/directory-api.js';

const user = { id: '00000000-0000-4000-8000-000000000b01', locale: 'en', dataProtectionAdmin: false, totpEnabled: true, mfa: true };
const admin: Me = { user: { ...user, email: 'admin@imi.test', name: 'Anna Admin', commissionAdmin: true }, authority: null, roles: [], coordinator: null };
const nimicAuthority = { id: '00000000-0000-4000-8000-00000000c201', country: 'CZ', officialName: 'Ministerstvo průmyslu a obchodu', designation: 'Czech IMI coordination' };
const nimic: Me = {
  user: { ...user, email: 'nimic.cz@imi.test', name: 'Nikola Nimic', commissionAdmin: false, totpEnabled: false, mfa: false },
  authority: nimicAuthority, roles: [{ area: 'PQ', role: 'lda' }], coordinator: { kind: 'NIMIC', scope: { country: 'CZ' } },
};

const health = { id: '00000000-0000-4000-8000-00000000c202', designation: 'Ministry of Health', officialName: 'Ministerstvo zdravotnictví' };
const brno = {
  id: '00000000-0000-4000-8000-00000000c203', country: 'CZ', officialName: 'Krajský úřad Jihomoravského kraje', designation: 'South Moravian Regional Authority',
  city: 'Brno', region: 'Jihomoravský kraj', areas: ['PQ'], score: 1, match: null,
};

interface Rule { id: number; country: string; authorityId: string | null; area: string | null; approveRequests: boolean; approveReplies: boolean; updatedAt: string }
const rule = (id: number, country: string, authorityId: string | null, area: string | null, approveRequests: boolean, approveReplies: boolean): Rule =>
  ({ id, country, authorityId, area, approveRequests, approveReplies, updatedAt: '2026-11-20T10:00:00.000Z' });

const states = {
  CZ: {
    country: 'CZ', name: 'Czechia',
    nimic: { id: nimicAuthority.id, designation: 'Czech IMI coordination', officialName: nimicAuthority.officialName, email: 'koordinace-imi@cz.imi.test', phone: '+420 224 851 111', status: 'active' },
    coordinators: [{ id: '00000000-0000-4000-8000-00000000c204', kind: 'SDIMIC', designation: 'South Moravian coordination', officialName: 'Koordinace JMK', region: 'Jihomoravský kraj', areas: ['PQ', 'SERVICES'], status: 'active' }],
  },
  SK: {
    country: 'SK', name: 'Slovakia',
    nimic: { id: '00000000-0000-4000-8000-00000000c301', designation: 'Slovak IMI coordination', officialName: 'Úrad vlády SR', email: 'imi@sk.imi.test', phone: null, status: 'active' },
    coordinators: [],
  },
};

let rules: Record<string, Rule[]>;
let providers: Record<string, unknown[]>;
/** Answers the next write instead of the stub's normal behaviour (a refusal the server would give). */
let refuseNext: { status: number; body: unknown; before?: () => void } | undefined;
let stub: FetchStub;

const answer = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } });

async function consoleApi(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const path = url.pathname;
  const country = url.searchParams.get('country') ?? '';
  if (path === '/api/v1/countries') {
    return answer({ items: [{ code: 'CZ', name: 'Czechia', languages: ['cs'], euMember: true }, { code: 'DE', name: 'Germany', languages: ['de'], euMember: true }, { code: 'SK', name: 'Slovakia', languages: ['sk'], euMember: true }], nextCursor: null });
  }
  if (path === '/api/v1/legislative-areas') {
    const area = (code: string, name: string) => ({ code, name, legalBasis: '', legalBasisTitle: '', replyPeriodDays: 14, blockingMonths: 6, opensAt: null });
    return answer({ items: [area('PQ', 'Professional qualifications'), area('SERVICES', 'Services')], nextCursor: null });
  }
  const state = /^\/api\/v1\/admin\/states\/([A-Z]{2})$/.exec(path);
  if (state) return answer(states[state[1] as keyof typeof states]);
  if (path === `/api/v1/authorities/${health.id}`) return answer({ ...health, country: 'CZ' });
  if (path === '/api/v1/authorities') return answer({ items: [brno], nextCursor: null });
  if (path === '/api/v1/admin/routing' && request.method === 'GET') return answer({ items: rules[country] ?? [], nextCursor: null });
  if (path === '/api/v1/admin/identity-providers' && request.method === 'GET') return answer({ items: providers[country] ?? [], nextCursor: null });
  if (refuseNext && request.method !== 'GET') {
    const refusal = refuseNext;
    refuseNext = undefined;
    refusal.before?.();
    return answer(refusal.body, refusal.status);
  }
  if (path === '/api/v1/admin/routing' && request.method === 'PUT') {
    const body = (await request.clone().json()) as Omit<Rule, 'id' | 'updatedAt'> & { inherit?: boolean };
    const same = (r: Rule) => r.authorityId === (body.authorityId ?? null) && r.area === (body.area ?? null);
    const kept = (rules[body.country] ?? []).filter((r) => !same(r));
    rules[body.country] = body.inherit ? kept : [...kept, rule(99, body.country, body.authorityId ?? null, body.area ?? null, body.approveRequests, body.approveReplies)];
    return answer({ items: rules[body.country], nextCursor: null });
  }
  if (path === '/api/v1/admin/identity-providers' && request.method === 'POST') {
    const body = (await request.clone().json()) as { country: string; issuer: string; audience: string; userClaim: string; jwks: { keys: { kid?: string; kty: string }[] } };
    return answer({ id: 7, country: body.country, issuer: body.issuer, audience: body.audience, userClaim: body.userClaim, keys: body.jwks.keys.length, keyIds: body.jwks.keys.map((k) => ({ kid: k.kid ?? null, kty: k.kty, alg: null, use: null })), version: 1 });
  }
  return answer({ title: 'Not found', status: 404 }, 404);
}

const root = (element: ImiConsoleRouting) => element.shadowRoot!;
const $ = <T extends Element = HTMLInputElement>(element: ImiConsoleRouting, selector: string) => root(element).querySelector<T>(selector)!;
const text = (node: Node | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const writes = () => stub.calls.filter((r) => r.method !== 'GET');
const lastBody = async () => (await writes().at(-1)!.clone().json()) as Record<string, unknown>;
const routingReads = () => stub.calls.filter((r) => r.method === 'GET' && new URL(r.url).pathname === '/api/v1/admin/routing');

/** The routing table's row for an authority (or “All authorities”) and an area (or “All areas”). */
function row(element: ImiConsoleRouting, who: string, area: string): HTMLTableRowElement | undefined {
  return [...root(element).querySelectorAll<HTMLTableRowElement>('tbody tr')].find(
    (tr) => text(tr.querySelector('th')) === who && text(tr.querySelector('td')).startsWith(area),
  );
}
const routingSelect = (element: ImiConsoleRouting, who: string, area: string) => row(element, who, area)?.querySelector('select');

function choose(select: HTMLSelectElement, value: string): void {
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}
function type(field: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}
const button = (scope: ParentNode, name: string) =>
  [...scope.querySelectorAll('button')].find((b) => (b.getAttribute('aria-label') ?? text(b)) === name)!;

async function render(me: Me): Promise<ImiConsoleRouting> {
  stub = installFetchStub(consoleApi);
  const element = await fixture<ImiConsoleRouting>(html`<imi-console-routing .me=${me}></imi-console-routing>`);
  await element.localeReady;
  await waitUntil(() => root(element).querySelector('table, #state'), 'the page did not load');
  return element;
}

async function renderState(me: Me, country = 'CZ'): Promise<ImiConsoleRouting> {
  const element = await render(me);
  if (me === admin) choose($<HTMLSelectElement>(element, '#state'), country);
  await waitUntil(() => routingSelect(element, 'All authorities', 'All areas'), 'the routing did not load');
  return element;
}

/** The error shown at a field, found through its aria-describedby. */
function errorAt(element: ImiConsoleRouting, field: Element): string {
  expect(field.getAttribute('aria-invalid')).to.equal('true');
  const ids = (field.getAttribute('aria-describedby') ?? '').split(' ');
  return ids.map((id) => root(element).getElementById(id)).filter((node) => node?.classList.contains('error')).map(text).join(' ');
}

beforeEach(() => {
  configureImi({ apiBase: '/api/v1', locale: undefined, getAccessToken: () => null });
  rules = {
    CZ: [rule(1, 'CZ', null, 'PQ', true, false), rule(2, 'CZ', health.id, 'SERVICES', false, true)],
    SK: [rule(3, 'SK', null, null, true, true)],
  };
  providers = {
    CZ: [{ id: 1, country: 'CZ', issuer: 'https://idp.portal.cz.example', audience: 'imi-network', userClaim: 'email', keys: 2, keyIds: [{ kid: 'cz-2026', kty: 'EC', alg: 'ES256', use: 'sig' }, { kid: null, kty: 'RSA', alg: null, use: null }], version: 3 }],
  };
  refuseNext = undefined;
});
afterEach(() => stub?.restore());

describe('imi-console-routing', () => {
  it('is accessible', async () => {
    const element = await renderState(nimic);
    await expect(element).to.be.accessible();
  });

  it('shows a NIMIC its own state only: no state to choose, and every call about it', async () => {
    const element = await renderState(nimic);
    expect(root(element).querySelector('#state')).to.equal(null);
    expect(text(root(element))).to.contain('State: Czechia');
    expect(stub.calls.map((r) => new URL(r.url).pathname)).not.to.include('/api/v1/countries');
    const stateCalls = stub.calls.map((r) => new URL(r.url)).filter((u) => u.pathname.startsWith('/api/v1/admin/'));
    expect(stateCalls.map((u) => `${u.pathname}?${u.searchParams.get('country') ?? ''}`).sort()).to.deep.equal([
      '/api/v1/admin/identity-providers?CZ', '/api/v1/admin/routing?CZ', '/api/v1/admin/states/CZ?',
    ]);
  });

  it('lets the Commission choose a state and shows its NIMIC, coordinators, routing and identity provider', async () => {
    const element = await render(admin);
    expect([...$<HTMLSelectElement>(element, '#state').options].map((o) => o.value)).to.deep.equal(['', 'CZ', 'DE', 'SK']);
    expect(text(root(element))).to.contain('Choose a state to see');

    choose($<HTMLSelectElement>(element, '#state'), 'CZ');
    await waitUntil(() => routingSelect(element, 'All authorities', 'All areas'), 'Czechia did not load');
    const page = text(root(element));
    expect(page).to.contain('koordinace-imi@cz.imi.test');
    expect(page).to.contain('SDIMIC (regional)');
    expect(text(row(element, 'South Moravian coordination Koordinace JMK', 'SDIMIC'))).to.contain('Jihomoravský kraj');
    expect(routingSelect(element, 'All authorities', 'All areas')!.value).to.equal('direct');
    expect(routingSelect(element, 'All authorities', 'Professional qualifications')!.value).to.equal('requests');
    expect(routingSelect(element, 'All authorities', 'Services')!.value).to.equal('inherit');
    expect(routingSelect(element, 'Ministry of Health', 'Services')!.value).to.equal('replies');
    const provider = text(row(element, 'https://idp.portal.cz.example', 'imi-network'));
    expect(provider).to.contain('cz-2026 EC · ES256 · sig');
    expect(provider).to.contain('(no key id) RSA');
    await expect(element).to.be.accessible();

    choose($<HTMLSelectElement>(element, '#state'), 'SK');
    await waitUntil(() => text(root(element)).includes('Slovak IMI coordination') && routingSelect(element, 'All authorities', 'All areas'), 'Slovakia did not load');
    expect(routingSelect(element, 'All authorities', 'All areas')!.value).to.equal('both');
    expect(row(element, 'Ministry of Health', 'Services')).to.equal(undefined);
    expect(text(root(element))).to.contain('No identity provider is trusted for this state.');
    expect(text(root(element))).to.contain('No other coordinators');
  });

  it('saves a routing with the state, the scope and the approvals it means', async () => {
    const element = await renderState(admin);
    const pq = routingSelect(element, 'All authorities', 'Professional qualifications')!;
    const save = button(row(element, 'All authorities', 'Professional qualifications')!, 'Save routing for All authorities, Professional qualifications (PQ)');
    expect(save.disabled).to.equal(true);
    choose(pq, 'both');
    await element.updateComplete;
    save.click();
    await waitUntil(() => writes().length === 1 && text($(element, '#notice')) === 'Routing saved.', 'the routing was not saved');
    expect(writes()[0].method).to.equal('PUT');
    expect(await lastBody()).to.deep.equal({ country: 'CZ', area: 'PQ', approveRequests: true, approveReplies: true });
    expect(routingSelect(element, 'All authorities', 'Professional qualifications')!.value).to.equal('both');

    choose(routingSelect(element, 'All authorities', 'Professional qualifications')!, 'inherit');
    await element.updateComplete;
    button(row(element, 'All authorities', 'Professional qualifications')!, 'Save routing for All authorities, Professional qualifications (PQ)').click();
    await waitUntil(() => writes().length === 2);
    expect(await lastBody()).to.deep.equal({ country: 'CZ', area: 'PQ', inherit: true });

    button(row(element, 'Ministry of Health', 'Services')!, 'Remove override for Ministry of Health, Services (SERVICES)').click();
    await waitUntil(() => !row(element, 'Ministry of Health', 'Services'), 'the override stayed');
    expect(await lastBody()).to.deep.equal({ country: 'CZ', authorityId: health.id, area: 'SERVICES', inherit: true });
    expect(text($(element, '#notice'))).to.equal('Override removed.');
  });

  it('adds an override for an authority of the state found with the authority search', async () => {
    const element = await renderState(nimic);
    const form = $<HTMLFormElement>(element, 'form[aria-labelledby="override-heading"]');
    form.requestSubmit();
    await element.updateComplete;
    expect(text(form.querySelector('#override-authorityId-error'))).to.equal('Choose an authority from the search results.');
    expect(writes()).to.have.length(0);

    const search = form.querySelector('imi-authority-search')!;
    type(search.shadowRoot!.querySelector<HTMLInputElement>('input[role="combobox"]')!, 'Brno');
    await waitUntil(() => search.shadowRoot!.querySelector('[role="option"]'), 'the search did not answer');
    expect(stub.searches().at(-1)!.searchParams.get('country')).to.equal('CZ');
    search.shadowRoot!.querySelector<HTMLElement>('[role="option"]')!.click();
    choose(form.querySelector<HTMLSelectElement>('#override-area')!, 'PQ');
    choose(form.querySelector<HTMLSelectElement>('#override-routing')!, 'both');
    await element.updateComplete;
    form.requestSubmit();
    await waitUntil(() => row(element, brno.designation, 'Professional qualifications'), 'the override did not show');
    expect(await lastBody()).to.deep.equal({ country: 'CZ', authorityId: brno.id, area: 'PQ', approveRequests: true, approveReplies: true });
    expect(routingSelect(element, brno.designation, 'Professional qualifications')!.value).to.equal('both');
    expect(text($(element, '#notice'))).to.equal('Override saved.');
    await waitUntil(() => form.querySelector('imi-authority-search')!.shadowRoot?.querySelector<HTMLInputElement>('input[role="combobox"]')?.value === '', 'the search kept the authority added');
  });

  it('shows the server\'s refusals at the fields they name, and JSON mistakes before sending', async () => {
    const element = await renderState(nimic);
    const override = $<HTMLFormElement>(element, 'form[aria-labelledby="override-heading"]');
    const search = override.querySelector('imi-authority-search')!;
    type(search.shadowRoot!.querySelector<HTMLInputElement>('input[role="combobox"]')!, 'Brno');
    await waitUntil(() => search.shadowRoot!.querySelector('[role="option"]'));
    search.shadowRoot!.querySelector<HTMLElement>('[role="option"]')!.click();
    refuseNext = { status: 400, body: { title: 'Invalid request', status: 400, errors: [{ path: 'area', in: 'body', message: 'No legislative area PQ' }] } };
    choose(override.querySelector<HTMLSelectElement>('#override-area')!, 'PQ');
    override.requestSubmit();
    await waitUntil(() => override.querySelector('#override-area-error'), 'the area error did not show');
    expect(errorAt(element, override.querySelector('#override-area')!)).to.equal('No legislative area PQ');

    const jwks = $<HTMLTextAreaElement>(element, '#idp-jwks');
    type($(element, '#idp-issuer'), 'https://idp.portal.cz.example/v2');
    type($(element, '#idp-audience'), 'imi-network');
    type(jwks, '{"keys": [{"kty": "EC",}]}');
    const providerForm = $<HTMLFormElement>(element, 'form[aria-labelledby="idp-form-heading"]');
    providerForm.requestSubmit();
    await element.updateComplete;
    expect(errorAt(element, jwks)).to.match(/^This is not valid JSON: see line 1, column 2\d\.$/);
    expect(writes()).to.have.length(1);

    type(jwks, '{"keys": [{"kty": "EC", "kid": "cz-2027"}]}');
    await element.updateComplete;
    expect(jwks.hasAttribute('aria-invalid')).to.equal(false);
    refuseNext = {
      status: 400,
      body: { title: 'Invalid request', status: 400, errors: [{ path: 'jwks', in: 'body', message: 'Not a usable key set' }, { path: 'audience', in: 'body', message: 'Too long' }] },
    };
    providerForm.requestSubmit();
    await waitUntil(() => writes().length === 2 && jwks.getAttribute('aria-invalid') === 'true', 'the server errors did not show');
    expect(await lastBody()).to.deep.equal({ country: 'CZ', issuer: 'https://idp.portal.cz.example/v2', audience: 'imi-network', userClaim: 'email', jwks: { keys: [{ kty: 'EC', kid: 'cz-2027' }] } });
    expect(errorAt(element, jwks)).to.equal('Not a usable key set');
    expect(errorAt(element, $(element, '#idp-audience'))).to.equal('Too long');
    expect(root(element).activeElement).to.equal($(element, '#idp-audience'));

    providerForm.requestSubmit();
    await waitUntil(() => text($(element, '#notice')).startsWith('Identity provider saved'), 'the provider was not saved');
    expect(text(row(element, 'https://idp.portal.cz.example/v2', 'imi-network'))).to.contain('cz-2027 EC');
  });

  it('edits a provider under its own issuer', async () => {
    const element = await renderState(nimic);
    button(root(element), 'Edit https://idp.portal.cz.example').click();
    await element.updateComplete;
    expect($(element, '#idp-issuer').readOnly).to.equal(true);
    expect($(element, '#idp-issuer').value).to.equal('https://idp.portal.cz.example');
    choose($<HTMLSelectElement>(element, '#idp-userClaim'), 'sub');
    type($<HTMLTextAreaElement>(element, '#idp-jwks'), '{"keys": [{"kty": "RSA", "kid": "cz-rsa"}]}');
    $<HTMLFormElement>(element, 'form[aria-labelledby="idp-form-heading"]').requestSubmit();
    await waitUntil(() => writes().length === 1);
    expect(await lastBody()).to.deep.equal({ country: 'CZ', issuer: 'https://idp.portal.cz.example', audience: 'imi-network', userClaim: 'sub', jwks: { keys: [{ kty: 'RSA', kid: 'cz-rsa' }] } });
  });

  it('says at the issuer when it is trusted for another state', async () => {
    const element = await renderState(nimic);
    type($(element, '#idp-issuer'), 'https://idp.portal.sk.example');
    type($(element, '#idp-audience'), 'imi-network');
    type($<HTMLTextAreaElement>(element, '#idp-jwks'), '{"keys": [{"kty": "EC"}]}');
    refuseNext = { status: 409, body: { title: 'Conflict', status: 409, detail: 'This issuer is registered for another state.' } };
    $<HTMLFormElement>(element, 'form[aria-labelledby="idp-form-heading"]').requestSubmit();
    await waitUntil(() => $(element, '#idp-issuer').getAttribute('aria-invalid') === 'true', 'the conflict was not shown');
    expect(errorAt(element, $(element, '#idp-issuer'))).to.equal('This issuer is registered for another state.');
    expect($(element, '#idp-audience').value).to.equal('imi-network');
  });

  it('fits 320 px: only the tables scroll sideways', async () => {
    await setViewport({ width: 320, height: 640 });
    try {
      const element = await renderState(admin);
      expect(element.scrollWidth).to.be.at.most(element.clientWidth);
      const wide = [...root(element).querySelectorAll<HTMLElement>('form, .toolbar, p, h3, h4, .field')].filter((node) => node.scrollWidth > node.clientWidth + 1);
      expect(wide.map((node) => node.id || node.className || node.tagName)).to.deep.equal([]);
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('on a conflict, loads the current settings again and tells the user', async () => {
    const element = await renderState(admin);
    const readsBefore = routingReads().length;
    choose(routingSelect(element, 'All authorities', 'All areas')!, 'requests');
    await element.updateComplete;
    // Meanwhile another coordinator chose replies via the coordinator for the whole state.
    refuseNext = { status: 409, body: { title: 'Conflict', status: 409, detail: 'The routing changed.' }, before: () => rules.CZ.push(rule(5, 'CZ', null, null, false, true)) };
    button(row(element, 'All authorities', 'All areas')!, 'Save routing for All authorities, All areas').click();
    await waitUntil(() => text($(element, '#notice')).includes('changed meanwhile'), 'the conflict was not told');
    expect(routingReads().length).to.equal(readsBefore + 1);
    await waitUntil(() => routingSelect(element, 'All authorities', 'All areas'));
    expect(routingSelect(element, 'All authorities', 'All areas')!.value).to.equal('replies');
    expect(text($(element, '#notice'))).to.contain('The routing changed.');
    expect(root(element).activeElement).to.equal($(element, '#notice'));
  });
});
