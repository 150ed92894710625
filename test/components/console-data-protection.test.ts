import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../console/pages/data-protection.js';
import type { ImiConsoleDataProtection } from '../../console/pages/data-protection.js';
import type { Me } from '../../server/modules/identity/schemas.js';
import { configureImi } from '../../components/core/context.js';
import { installFetchStub, type FetchStub } from '../fixtures/directory-api.js';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const authority = { id: id(0xa01), country: 'FR', officialName: 'Ordre national des infirmiers', designation: 'National Order of Nurses' };
const user = (n: number, email: string, name: string, powers: Partial<Me['user']> = {}) => ({
  id: id(n), email, name, locale: 'en', commissionAdmin: false, dataProtectionAdmin: false, totpEnabled: true, mfa: true, ...powers,
});
const dpo: Me = { user: user(0xb01, 'dpo@imi.test', 'Dora Protection', { dataProtectionAdmin: true }), authority: null, roles: [], coordinator: null };
const admin: Me = { user: user(0xb02, 'admin@imi.test', 'Anna Admin', { commissionAdmin: true }), authority: null, roles: [], coordinator: null };
const lda: Me = { user: user(0xb03, 'lda.fr@imi.test', 'Léa Lda', { totpEnabled: false, mfa: false }), authority, roles: [{ area: 'PQ', role: 'lda' }], coordinator: null };
const handler: Me = {
  user: user(0xb04, 'handler.fr@imi.test', 'Hugo Handler', { totpEnabled: false, mfa: false }), authority, roles: [{ area: 'PQ', role: 'request-handler' }], coordinator: null,
};

const hour = 3_600_000;
const at = (offset: number) => new Date(Date.now() + offset).toISOString();
const day = (offsetDays: number) => {
  const date = new Date(Date.now() + offsetDays * 24 * hour);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
};

const summary = { blocked: 1204, deletionDueWithin30Days: 17, deleted: 311, activeGrants: 2, openSubjectRequests: 3, overdueSubjectRequests: 1 };

const run = (n: number, extra: Record<string, unknown> = {}) => ({
  id: n, trigger: 'schedule', startedBy: null, instance: 'imi-1:4242', asOf: '2026-11-29T02:00:00.000Z', startedAt: '2026-11-29T02:00:00.000Z',
  finishedAt: '2026-11-29T02:00:04.000Z', status: 'completed', newlyBlocked: 12, requestsDeleted: 3, attachmentsDeleted: 5, bytesDeleted: 3_355_443, error: null, ...extra,
});

const grant = (n: number, extra: Record<string, unknown> = {}) => ({
  id: id(0xd00 + n), requestId: id(0xe01), caseNumber: 'PQ-2026-000042', area: 'PQ', purpose: 'proof-of-exchange',
  justification: 'Court case 4 C 12/26 asks for proof of the exchange.', dataSubjectRequestId: null,
  grantedTo: { id: dpo.user.id, name: dpo.user.name, email: dpo.user.email }, grantedAt: at(-hour), expiresAt: at(23 * hour), ...extra,
});

type Dsr = Record<string, unknown> & { id: string; kind: string; version: number; actions: unknown[]; status: string; subject: { firstName: string; lastName: string; dateOfBirth?: string } };
const dsr = (n: number, extra: Partial<Dsr> = {}): Dsr => ({
  id: id(0xc00 + n), kind: 'access', subject: { firstName: 'Ana', lastName: 'Ferreira', dateOfBirth: '1988-03-14' }, receivedOn: day(-33), dueOn: day(-3),
  status: 'open', details: 'Asked by letter of 20 October.', outcome: null, authority: null, recordedBy: { id: dpo.user.id, name: dpo.user.name },
  recordedAt: at(-33 * 24 * hour), completedAt: null, overdue: true, daysLeft: -3, actions: [], version: 1, ...extra,
});

const party = (designation: string) => ({ id: id(0xa02), country: 'DE', officialName: designation, designation });
const matches = () => [
  { requestId: id(0xe01), caseNumber: 'PQ-2026-000042', area: 'PQ', status: 'CLOSED', requester: party('Landesamt Berlin'), responder: party('ARS Île-de-France'),
    sentAt: '2025-01-10T10:00:00.000Z', closedAt: '2025-03-10T10:00:00.000Z', blocked: true, personalDataDeleted: false },
  { requestId: id(0xe02), caseNumber: 'PQ-2026-000077', area: 'PQ', status: 'ANSWERED', requester: party('Landesamt Berlin'), responder: null,
    sentAt: '2026-10-01T10:00:00.000Z', closedAt: null, blocked: false, personalDataDeleted: false },
  { requestId: id(0xe03), caseNumber: 'PQ-2022-000003', area: 'PQ', status: 'CLOSED', requester: party('Landesamt Berlin'), responder: party('ARS Île-de-France'),
    sentAt: '2022-01-10T10:00:00.000Z', closedAt: '2022-03-10T10:00:00.000Z', blocked: true, personalDataDeleted: true },
];

const blockedData = (g: ReturnType<typeof grant>) => ({
  grant: g,
  request: {
    id: g.requestId, caseNumber: g.caseNumber, area: 'PQ', status: 'CLOSED', requester: party('Landesamt Berlin'), responder: party('ARS Île-de-France'),
    sentAt: '2025-01-10T10:00:00.000Z', closedAt: '2025-03-10T10:00:00.000Z',
    subject: { firstName: 'Ana', lastName: 'Ferreira', dateOfBirth: '1988-03-14', nationality: 'PT' },
    answers: [{ question: 'PQ-012-award-date', text: 'On what date was the qualification awarded?', value: '2014-06-30' }],
    freeText: { text: 'Die Antragstellerin hat ihr Diplom in Lyon erworben.', lang: 'de' }, replyText: null,
    timeline: [{ at: '2025-01-10T10:00:00.000Z', kind: 'send', actorName: 'Jana Schulz', text: null },
      { at: '2025-01-12T10:00:00.000Z', kind: 'message', actorName: 'Luc Martin', text: 'Nous vérifions le registre.' }],
    attachments: [{ id: id(0xf01), name: 'diploma.pdf', mediaType: 'application/pdf', size: 184_320 }],
  },
});

const answer = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } });

/** The server's state in one test, and answers it gives instead of the usual ones. */
interface World {
  me: Me;
  runs: ReturnType<typeof run>[];
  grants: ReturnType<typeof grant>[];
  dsrs: Dsr[];
  /** Answers the next `POST /data-protection/access-grants` with this problem. */
  grantFailure?: { status: number; body: Record<string, unknown> };
  /** Someone else changes the data subject's request before the next PATCH, which then answers 409. */
  conflictNext?: boolean;
  recordFailure?: Record<string, unknown>;
}

let world: World;
let stub: FetchStub;
let clicked: { href: string; download: string }[];
const originalClick = HTMLAnchorElement.prototype.click;

function act(record: Dsr, kind: string, requestId: string | null, caseNumber: string | null, extra: Record<string, unknown> = {}): void {
  record.actions = [...record.actions, { at: new Date().toISOString(), kind, requestId, caseNumber, blocked: false, fields: [], by: { id: world.me.user.id, name: world.me.user.name }, ...extra }];
}

async function dataProtectionApi(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const path = url.pathname.replace('/api/v1', '');
  const body = request.method === 'GET' ? undefined : ((await request.clone().json()) as Record<string, unknown>);
  if (path === '/data-protection/summary') return answer(summary);
  if (path === '/data-protection/retention-runs') {
    if (request.method === 'POST') {
      const started = run(world.runs.length + 1, { trigger: 'manual', startedBy: { id: dpo.user.id, name: dpo.user.name }, newlyBlocked: 4, requestsDeleted: 2, attachmentsDeleted: 7, bytesDeleted: 1536 });
      world.runs = [started, ...world.runs];
      return answer(started, 201);
    }
    return url.searchParams.get('cursor') === 'runs-2'
      ? answer({ items: world.runs.slice(2), nextCursor: null })
      : answer({ items: world.runs.slice(0, 2), nextCursor: world.runs.length > 2 ? 'runs-2' : null });
  }
  if (path === '/data-protection/access-grants') {
    if (request.method === 'POST') {
      if (world.grantFailure) return answer(world.grantFailure.body, world.grantFailure.status);
      const created = grant(world.grants.length + 10, { requestId: body!.requestId, purpose: body!.purpose, justification: body!.justification, dataSubjectRequestId: body!.dataSubjectRequestId ?? null, grantedAt: at(0), expiresAt: at(24 * hour) });
      world.grants = [created, ...world.grants];
      return answer(created, 201);
    }
    const active = url.searchParams.get('active') === 'true';
    return answer({ items: world.grants.filter((g) => (Date.parse(g.expiresAt) > Date.now()) === active), nextCursor: null });
  }
  const grantData = /^\/data-protection\/access-grants\/([\w-]+)\/data$/.exec(path);
  if (grantData) {
    const found = world.grants.find((g) => g.id === grantData[1])!;
    if (Date.parse(found.expiresAt) <= Date.now()) return answer({ title: 'Forbidden', status: 403, detail: 'The access expired.' }, 403);
    return answer(blockedData(found));
  }
  if (/^\/data-protection\/access-grants\/[\w-]+\/attachments\/[\w-]+$/.test(path)) {
    return new Response('%PDF-1.7', { status: 200, headers: { 'Content-Type': 'application/pdf' } });
  }
  if (path === '/data-subject-requests') {
    if (request.method === 'POST') {
      if (world.recordFailure) return answer(world.recordFailure, 400);
      const created = dsr(world.dsrs.length + 20, {
        kind: body!.kind as string, subject: body!.subject as Dsr['subject'], receivedOn: body!.receivedOn, dueOn: day(30), details: body!.details ?? null, daysLeft: 30, overdue: false,
        authority: world.me.authority ? { id: world.me.authority.id, name: world.me.authority.officialName } : null, recordedBy: { id: world.me.user.id, name: world.me.user.name },
      });
      world.dsrs = [...world.dsrs, created];
      return answer(created, 201);
    }
    const status = url.searchParams.get('status');
    return answer({ items: world.dsrs.filter((d) => status === 'all' || d.status === status), nextCursor: null });
  }
  const one = /^\/data-subject-requests\/([\w-]+)(\/[a-z]+)?$/.exec(path);
  const record = one && world.dsrs.find((d) => d.id === one[1]);
  if (one && record) {
    const [, , sub] = one;
    if (!sub && request.method === 'GET') return answer(record);
    if (!sub && request.method === 'PATCH') {
      if (world.conflictNext) {
        world.conflictNext = false;
        record.version += 1;
        record.details = 'Asked by letter of 20 October; identity proven by passport.';
        return answer({ title: 'Conflict', status: 409, detail: 'The data subject request was changed meanwhile.' }, 409);
      }
      if (body!.version !== record.version) return answer({ title: 'Conflict', status: 409 }, 409);
      Object.assign(record, { status: body!.status, outcome: body!.outcome, version: record.version + 1, completedAt: at(0), overdue: false });
      return answer(record);
    }
    if (sub === '/matches') {
      act(record, 'search', null, null);
      return answer({ items: matches() });
    }
    if (sub === '/export') {
      act(record, 'export', null, null);
      return new Response(JSON.stringify({ subject: record.subject, requests: [] }), { status: 200, headers: { 'Content-Type': 'application/json' } });
    }
    if (sub === '/corrections') {
      const match = matches().find((m) => m.requestId === body!.requestId)!;
      act(record, 'correction', match.requestId, match.caseNumber, { blocked: match.blocked, fields: Object.keys(body!.subject as object).map((f) => `subject.${f}`) });
      return answer(record);
    }
    if (sub === '/erasures') {
      const match = matches().find((m) => m.requestId === body!.requestId)!;
      act(record, 'erasure', match.requestId, match.caseNumber, { blocked: match.blocked, fields: ['subject', 'freeText', 'attachments'] });
      return answer(record);
    }
  }
  return answer({ title: 'Not found', status: 404, detail: `No route for ${request.method} ${path}` }, 404);
}

type Page = ImiConsoleDataProtection;
const root = (element: Page) => element.shadowRoot!;
const $ = <T extends HTMLElement = HTMLInputElement>(element: Page, selector: string) => root(element).querySelector<T>(selector)!;
const clean = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const buttons = (element: Page, label: string) => [...root(element).querySelectorAll('button')].filter((b) => clean(b) === label);
const button = (element: Page, label: string) => buttons(element, label)[0];
const headings = (element: Page) => [...root(element).querySelectorAll('h3')].map(clean);
const rows = (table: Element | undefined) => [...(table?.querySelectorAll('tbody tr') ?? [])].map((tr) => [...tr.querySelectorAll('th, td')].map(clean));
const table = (element: Page, caption: string) => [...root(element).querySelectorAll('table')].find((t) => clean(t.querySelector('caption')).startsWith(caption))!;
const announcement = (element: Page) => clean($(element, '.status[role="status"]'));
const calls = (method: string, path: string) => stub.calls.filter((c) => c.method === method && new URL(c.url).pathname === `/api/v1${path}`);
const sent = async (method: string, path: string) => (await calls(method, path).at(-1)!.clone().json()) as Record<string, unknown>;

function type(element: Page, selector: string, value: string): void {
  const control = $<HTMLInputElement>(element, selector);
  control.value = value;
  control.dispatchEvent(new Event('input'));
  control.dispatchEvent(new Event('change'));
}

async function render(me: Me, setup: Partial<World> = {}): Promise<Page> {
  world = {
    me, runs: [run(3), run(2, { status: 'failed', error: 'Storage unreachable', newlyBlocked: 0, requestsDeleted: 0, attachmentsDeleted: 0, bytesDeleted: 0 }), run(1)],
    grants: [grant(1), grant(2, { caseNumber: 'PQ-2025-000901', purpose: 'data-subject-rights', expiresAt: at(-2 * hour), grantedAt: at(-26 * hour) })],
    dsrs: [
      dsr(1),
      dsr(2, { kind: 'correction', subject: { firstName: 'Jonas', lastName: 'Berg' }, dueOn: day(12), daysLeft: 12, overdue: false, authority: { id: authority.id, name: authority.officialName } }),
      dsr(3, { kind: 'deletion', subject: { firstName: 'Marie', lastName: 'Dubois' }, dueOn: day(0), daysLeft: 0, overdue: false }),
      dsr(4, { status: 'completed', subject: { firstName: 'Old', lastName: 'Case' }, outcome: 'Sent the data.', overdue: false, daysLeft: -40 }),
    ],
    ...setup,
  };
  stub = installFetchStub(dataProtectionApi);
  const element = await fixture<Page>(html`<imi-console-data-protection .me=${me}></imi-console-data-protection>`);
  await element.localeReady;
  await waitUntil(() => root(element).querySelector('section') && !root(element).querySelector('p.state[role="status"]'), 'the page did not load');
  return element;
}

async function openSubjectRequest(element: Page, name: string): Promise<void> {
  const opener = [...root(element).querySelectorAll<HTMLButtonElement>('[data-open]')].find((b) => clean(b) === name)!;
  opener.click();
  await waitUntil(() => root(element).querySelector('#detail-heading'), 'the data subject request did not open');
}

async function findMatches(element: Page): Promise<HTMLTableElement> {
  button(element, 'Find the requests').click();
  await waitUntil(() => root(element).querySelector('tr[data-match]'), 'no matches shown');
  return table(element, 'Requests holding data of') as HTMLTableElement;
}

describe('<imi-console-data-protection>', () => {
  beforeEach(() => {
    configureImi({ apiBase: '/api/v1', locale: undefined, getAccessToken: () => null });
    clicked = [];
    HTMLAnchorElement.prototype.click = function click(this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download });
    };
  });
  afterEach(() => {
    stub?.restore();
    HTMLAnchorElement.prototype.click = originalClick;
  });

  it('is accessible', async () => {
    const element = await render(dpo);
    await expect(element).to.be.accessible();
  });

  it('shows the data-protection administrator every section: summary, runs, access to blocked data and data subjects’ requests', async () => {
    const element = await render(dpo);
    expect(headings(element)).to.deep.equal(['Summary', 'Retention runs', 'Access to blocked data', 'Data subjects’ requests']);
    const cards = Object.fromEntries([...root(element).querySelectorAll('.cards > div')].map((card) => [clean(card.querySelector('dt')), clean(card.querySelector('dd'))]));
    expect(cards).to.deep.equal({
      'Requests with blocked personal data': '1,204', 'Personal data due for deletion within 30 days': '17', 'Requests whose personal data were deleted': '311',
      'Active accesses to blocked data': '2', 'Open data subjects’ requests': '3', 'Overdue data subjects’ requests': '1',
    });
    expect(button(element, 'Run now')).to.exist;
    expect($(element, '#grant-requestId')).to.exist;
  });

  it('shows the Commission administrator the summary and the runs only, without running the job', async () => {
    const element = await render(admin);
    expect(headings(element)).to.deep.equal(['Summary', 'Retention runs']);
    expect(button(element, 'Run now')).to.equal(undefined);
    expect(calls('GET', '/data-protection/access-grants')).to.have.length(0);
    expect(calls('GET', '/data-subject-requests')).to.have.length(0);
    expect(rows(table(element, 'Retention runs'))).to.have.length(2);
  });

  for (const [role, me] of [['local data administrator', lda], ['request handler', handler]] as const) {
    it(`shows the ${role} of an authority only its data subjects’ requests`, async () => {
      const element = await render(me);
      expect(headings(element)).to.deep.equal(['Data subjects’ requests']);
      expect(clean($(element, 'section'))).to.contain('You see the requests recorded by your authority.');
      expect(stub.calls.map((c) => new URL(c.url).pathname)).to.deep.equal(['/api/v1/data-subject-requests']);
      expect($(element, '#record-kind')).to.exist;
    });
  }

  it('lists the retention runs with their figures, the deleted bytes in the user’s units, and loads more', async () => {
    const element = await render(admin);
    const [newest, failed] = rows(table(element, 'Retention runs'));
    expect(newest.slice(1)).to.deep.equal(['Scheduled', '—imi-1:4242', newest[3], 'Finished', '12', '3', '5', '3.2 MB', '—']);
    expect(failed.slice(4)).to.deep.equal(['Failed', '0', '0', '0', '0 byte', 'Storage unreachable']);
    button(element, 'Load more').click();
    await waitUntil(() => rows(table(element, 'Retention runs')).length === 3, 'the next page did not show');
    expect(new URL(calls('GET', '/data-protection/retention-runs').at(-1)!.url).searchParams.get('cursor')).to.equal('runs-2');
    expect(button(element, 'Load more')).to.equal(undefined);
  });

  it('runs the retention job only after a confirmation, and announces the result', async () => {
    const element = await render(dpo);
    button(element, 'Run now').click();
    await element.updateComplete;
    expect(clean($(element, '#run-confirm-text'))).to.contain('This cannot be undone.');
    await waitUntil(() => root(element).activeElement?.id === 'run-confirm', 'the focus is not on the confirmation');
    button(element, 'Cancel').click();
    await element.updateComplete;
    expect(calls('POST', '/data-protection/retention-runs')).to.have.length(0);
    await waitUntil(() => root(element).activeElement?.id === 'run-now', 'the focus did not go back to “Run now”');

    button(element, 'Run now').click();
    await element.updateComplete;
    button(element, 'Run and delete').click();
    await waitUntil(() => announcement(element), 'nothing announced');
    expect(calls('POST', '/data-protection/retention-runs')).to.have.length(1);
    expect(announcement(element)).to.equal('The retention run finished: 4 newly blocked, 2 requests and 7 attachments deleted (1.5 kB).');
    expect(rows(table(element, 'Retention runs'))[0].slice(1, 3)).to.deep.equal(['Manual', 'Dora Protectionimi-1:4242']);
    await waitUntil(() => calls('GET', '/data-protection/summary').length === 2, 'the summary was not loaded again');
  });

  it('asks for the request, the purpose and a justification before granting access', async () => {
    const element = await render(dpo);
    button(element, 'Grant access').click();
    await element.updateComplete;
    expect(clean($(element, '#grant-requestId-error'))).to.equal('Enter the id of the request.');
    expect(clean($(element, '#grant-purpose-error'))).to.equal('Choose the purpose.');
    expect(clean($(element, '#grant-justification-error'))).to.equal('Give a justification of at least 10 characters.');
    expect($(element, '#grant-requestId').getAttribute('aria-describedby')).to.equal('grant-requestId-hint grant-requestId-error');
    expect(root(element).activeElement?.id).to.equal('grant-requestId');
    expect(calls('POST', '/data-protection/access-grants')).to.have.length(0);
  });

  it('shows the server’s field errors (400) and a request that is not blocked (409) at the fields', async () => {
    const element = await render(dpo, {
      grantFailure: { status: 400, body: { title: 'Invalid request', status: 400, errors: [{ path: 'justification', in: 'body', message: 'At most 1000 characters' }] } },
    });
    type(element, '#grant-requestId', id(0xe02));
    $(element, 'input[name="grant-purpose"][value="proof-of-exchange"]').click();
    type(element, '#grant-justification', 'Proof for the court case 4 C 12/26.');
    button(element, 'Grant access').click();
    await waitUntil(() => root(element).querySelector('#grant-justification-error'), 'no field error');
    expect(clean($(element, '#grant-justification-error'))).to.equal('At most 1000 characters');
    expect($(element, '#grant-justification').getAttribute('aria-invalid')).to.equal('true');
    expect(await sent('POST', '/data-protection/access-grants')).to.deep.equal({ requestId: id(0xe02), purpose: 'proof-of-exchange', justification: 'Proof for the court case 4 C 12/26.' });

    world.grantFailure = { status: 409, body: { title: 'Conflict', status: 409, detail: 'Request PQ-2026-000077 is not formally closed, so it is not blocked: its parties see it and handle requests about its data.' } };
    button(element, 'Grant access').click();
    await waitUntil(() => root(element).querySelector('#grant-requestId-error'), 'the conflict is not shown at the request');
    expect(clean($(element, '#grant-requestId-error'))).to.contain('is not formally closed, so it is not blocked');
    expect(root(element).querySelector('#grant-justification-error')).to.equal(null);
    await waitUntil(() => root(element).activeElement?.id === 'grant-requestId');
  });

  it('grants access for a data subject’s rights to one of the open requests, and lists it as active', async () => {
    const element = await render(dpo);
    type(element, '#grant-requestId', id(0xe01));
    $(element, 'input[name="grant-purpose"][value="data-subject-rights"]').click();
    await waitUntil(() => root(element).querySelectorAll('#grant-dsr option').length === 4, 'the open data subjects’ requests are not offered');
    type(element, '#grant-dsr', id(0xc02));
    type(element, '#grant-justification', 'Jonas Berg asks for a correction of his name.');
    button(element, 'Grant access').click();
    await waitUntil(() => announcement(element), 'nothing announced');
    expect(await sent('POST', '/data-protection/access-grants')).to.deep.equal({
      requestId: id(0xe01), purpose: 'data-subject-rights', justification: 'Jonas Berg asks for a correction of his name.', dataSubjectRequestId: id(0xc02),
    });
    expect(announcement(element)).to.match(/^Access to the blocked data of request PQ-2026-000042 is granted until /);
    await waitUntil(() => rows(table(element, 'Active access grants')).length === 2);
    expect(rows(table(element, 'Active access grants'))[0].slice(1, 4)).to.deep.equal(['A data subject’s rights', 'Jonas Berg asks for a correction of his name.', 'Dora Protection']);
    expect($(element, '#grant-requestId').value).to.equal('');
  });

  it('shows when each access expires, relative to now, and lists the expired ones apart', async () => {
    const element = await render(dpo);
    const [active] = rows(table(element, 'Active access grants'));
    expect(active[5]).to.equal('in 23 hours');
    type(element, '#grant-filter', 'false');
    await waitUntil(() => table(element, 'Expired access grants'), 'the expired grants did not show');
    expect(new URL(calls('GET', '/data-protection/access-grants').at(-1)!.url).searchParams.get('active')).to.equal('false');
    const [expired] = rows(table(element, 'Expired access grants'));
    expect(expired.slice(0, 2)).to.deep.equal(['PQ-2025-000901PQ', 'A data subject’s rights']);
    expect(expired[5]).to.equal('2 hours ago');
    expect(expired[6]).to.equal('—');
  });

  it('shows the blocked data under an active grant, marked as such, with the attachments to download', async () => {
    const element = await render(dpo);
    $<HTMLButtonElement>(element, `[data-grant="${id(0xd01)}"]`).click();
    await waitUntil(() => root(element).querySelector('#blocked-heading'), 'the blocked data did not open');
    await waitUntil(() => root(element).activeElement?.id === 'blocked-heading');
    expect(clean($(element, '#blocked-heading'))).to.equal('Blocked data of request PQ-2026-000042');
    await expect(element).to.be.accessible();
    const note = clean($(element, '[role="note"]'));
    expect(note).to.match(/^Blocked data, read for this purpose: Proof of an exchange\. Your access ends in 23 hours \(.+\)\. Every reading is recorded in the audit log\.$/);
    const article = clean($(element, 'article'));
    for (const shown of ['Ana Ferreira', 'March 14, 1988', 'Portugal', 'On what date was the qualification awarded?', '2014-06-30',
      'Die Antragstellerin hat ihr Diplom in Lyon erworben.', 'Nous vérifions le registre.', 'Sent', 'diploma.pdf']) {
      expect(article, shown).to.contain(shown);
    }
    const link = $<HTMLAnchorElement>(element, 'article a');
    expect(new URL(link.href).pathname).to.equal(`/api/v1/data-protection/access-grants/${id(0xd01)}/attachments/${id(0xf01)}`);
    link.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    await waitUntil(() => clicked.length === 1, 'no download offered');
    expect(clicked[0].download).to.equal('diploma.pdf');
    expect(calls('GET', `/data-protection/access-grants/${id(0xd01)}/attachments/${id(0xf01)}`)).to.have.length(1);

    button(element, 'Back to the access grants').click();
    await waitUntil(() => root(element).activeElement?.getAttribute('data-grant') === id(0xd01), 'the focus did not return to the grant');
  });

  it('lists the open data subjects’ requests with the days left or overdue, and filters by status', async () => {
    const element = await render(dpo);
    const list = rows(table(element, 'Data subjects’ requests'));
    expect(list.map((row) => [row[0], row[1], row[4], row[5]])).to.deep.equal([
      ['Ana Ferreira March 14, 1988', 'Access', '▲ 3 days overdue', 'Open'],
      ['Jonas Berg', 'Correction', '12 days left', 'Open'],
      ['Marie Dubois', 'Deletion', 'Due today', 'Open'],
    ]);
    expect(list[1][6]).to.equal('Dora ProtectionOrdre national des infirmiers');
    expect(list[0][6]).to.equal('Dora ProtectionData-protection administrator');
    type(element, '#subject-status', 'all');
    await waitUntil(() => rows(table(element, 'Data subjects’ requests')).length === 4, 'the filter did not apply');
    expect(new URL(calls('GET', '/data-subject-requests').at(-1)!.url).searchParams.get('status')).to.equal('all');
    expect(rows(table(element, 'Data subjects’ requests'))[3].slice(4, 6)).to.deep.equal(['—', 'Completed']);
  });

  it('says “1 day overdue” in the singular, and the days in the user’s language', async () => {
    const dsrs = () => [dsr(1, { daysLeft: -1 }), dsr(2, { daysLeft: 1, overdue: false }), dsr(3, { daysLeft: 5, overdue: false })];
    const element = await render(handler, { dsrs: dsrs() });
    expect(rows(table(element, 'Data subjects’ requests')).map((row) => row[4])).to.deep.equal(['▲ 1 day overdue', '1 day left', '5 days left']);
    element.remove();
    stub.restore();

    configureImi({ apiBase: '/api/v1', locale: 'de', getAccessToken: () => null });
    const german = await render(handler, { dsrs: dsrs() });
    await waitUntil(() => headings(german)[0] === 'Anträge betroffener Personen', 'the page is not in German');
    await waitUntil(() => rows(table(german, 'Anträge betroffener Personen')).length === 3, 'the list did not load in German');
    expect(rows(table(german, 'Anträge betroffener Personen')).map((row) => row[4])).to.deep.equal(['▲ 1 Tag überfällig', 'Noch 1 Tag', 'Noch 5 Tage']);
    expect(new URL(calls('GET', '/data-subject-requests').at(-1)!.url).searchParams.get('lang')).to.equal('de');
  });

  it('records a data subject’s request and opens it; the server’s field errors show at the fields', async () => {
    const element = await render(lda, { recordFailure: { title: 'Invalid request', status: 400, errors: [{ path: 'receivedOn', in: 'body', message: 'At most a year back' }] } });
    expect($(element, '#record-receivedOn').value).to.equal(day(0));
    button(element, 'Record the request').click();
    await element.updateComplete;
    expect(clean($(element, '#record-kind-error'))).to.equal('Choose the kind of request.');
    expect(clean($(element, '#record-firstName-error'))).to.equal('Enter the first name.');
    expect(root(element).activeElement?.id).to.equal('record-kind');

    type(element, '#record-kind', 'correction');
    type(element, '#record-firstName', 'Zoé');
    type(element, '#record-lastName', 'Lefèvre');
    type(element, '#record-dateOfBirth', '1990-05-02');
    type(element, '#record-receivedOn', '2024-01-02');
    type(element, '#record-details', 'Asks to correct her date of birth.');
    button(element, 'Record the request').click();
    await waitUntil(() => root(element).querySelector('#record-receivedOn-error'), 'no field error');
    expect(clean($(element, '#record-receivedOn-error'))).to.equal('At most a year back');
    expect($(element, '#record-receivedOn').getAttribute('aria-describedby')).to.contain('record-receivedOn-error');

    world.recordFailure = undefined;
    type(element, '#record-receivedOn', day(-1));
    button(element, 'Record the request').click();
    await waitUntil(() => root(element).querySelector('#detail-heading'), 'the new request did not open');
    expect(await sent('POST', '/data-subject-requests')).to.deep.equal({
      kind: 'correction', subject: { firstName: 'Zoé', lastName: 'Lefèvre', dateOfBirth: '1990-05-02' }, receivedOn: day(-1), details: 'Asks to correct her date of birth.',
    });
    expect(clean($(element, '#detail-heading'))).to.equal('Request of Zoé Lefèvre (Correction)');
    expect(announcement(element)).to.match(/^The request of Zoé Lefèvre is recorded\. It is due on .+\.$/);
  });

  it('finds the requests holding the person’s data, with blocked and deleted ones marked, and records the search', async () => {
    const element = await render(dpo);
    await openSubjectRequest(element, 'Ana Ferreira');
    expect(clean($(element, '#history-heading ~ p'))).to.equal('Nothing done yet.');
    const found = await findMatches(element);
    expect(rows(found).map((row) => [row[0], row[2], row[6]])).to.deep.equal([
      ['PQ-2026-000042', 'Closed', '■ Blocked'], ['PQ-2026-000077', 'Answered', 'Not blocked'], ['PQ-2022-000003', 'Closed', '✕ Deleted'],
    ]);
    await waitUntil(() => rows(table(element, 'Actions for this data subject’s request')).length === 1, 'the search is not in the history');
    await expect(element).to.be.accessible();
    expect(rows(table(element, 'Actions for this data subject’s request'))[0].slice(1)).to.deep.equal(['Search', '—', 'No', '—', 'Dora Protection']);
  });

  it('exports what the network holds on the person as a JSON download', async () => {
    const element = await render(handler);
    await openSubjectRequest(element, 'Jonas Berg');
    button(element, 'Export as JSON').click();
    await waitUntil(() => clicked.length === 1, 'no download offered');
    const name = `imi-data-subject-request-${id(0xc02).slice(0, 8)}-${day(0)}.json`;
    expect(clicked[0].download).to.equal(name);
    expect(clicked[0].href).to.match(/^blob:/);
    expect(calls('GET', `/data-subject-requests/${id(0xc02)}/export`)).to.have.length(1);
    await waitUntil(() => clean($(element, '#matches-heading ~ p[role="status"]')) === `Downloaded ${name}.`);
  });

  it('records a correction of the person’s data in a request found', async () => {
    const element = await render(handler);
    await openSubjectRequest(element, 'Jonas Berg');
    await findMatches(element);
    expect(root(element).querySelector(`[data-correct="${id(0xe01)}"]`), 'a handler corrects no blocked request').to.equal(null);
    expect(root(element).querySelector('[data-erase]')).to.equal(null);
    $<HTMLButtonElement>(element, `[data-correct="${id(0xe02)}"]`).click();
    await waitUntil(() => root(element).activeElement?.id === 'correction-firstName', 'the correction form did not take the focus');
    button(element, 'Save the correction').click();
    await element.updateComplete;
    expect(clean($(element, '#correction-firstName-error'))).to.equal('Fill in at least one field.');
    type(element, '#correction-lastName', 'Bergström');
    type(element, '#correction-nationality', 'se');
    button(element, 'Save the correction').click();
    await waitUntil(() => announcement(element), 'nothing announced');
    expect(await sent('POST', `/data-subject-requests/${id(0xc02)}/corrections`)).to.deep.equal({ requestId: id(0xe02), subject: { lastName: 'Bergström', nationality: 'SE' } });
    expect(announcement(element)).to.equal('The correction of request PQ-2026-000077 is saved.');
    expect(rows(table(element, 'Actions for this data subject’s request')).at(-1)!.slice(1, 5)).to.deep.equal(['Correction', 'PQ-2026-000077', 'No', 'subject.lastName, subject.nationality']);
  });

  it('lets the data-protection administrator erase the person’s data from a closed request, after a confirmation', async () => {
    const element = await render(dpo);
    await openSubjectRequest(element, 'Marie Dubois');
    await findMatches(element);
    expect(root(element).querySelector(`[data-erase="${id(0xe02)}"]`), 'an open request is not erased').to.equal(null);
    $<HTMLButtonElement>(element, `[data-erase="${id(0xe01)}"]`).click();
    await waitUntil(() => root(element).activeElement?.id === 'erase-confirm', 'the confirmation did not take the focus');
    expect(clean($(element, '#erase-text'))).to.equal(
      'Erase the personal data of Marie Dubois from request PQ-2026-000042? The request keeps only its dates, states and parties. This cannot be undone.');
    expect(calls('POST', `/data-subject-requests/${id(0xc03)}/erasures`)).to.have.length(0);
    button(element, 'Erase for good').click();
    await waitUntil(() => announcement(element), 'nothing announced');
    expect(await sent('POST', `/data-subject-requests/${id(0xc03)}/erasures`)).to.deep.equal({ requestId: id(0xe01) });
    expect(announcement(element)).to.equal('The personal data of Marie Dubois are erased from request PQ-2026-000042.');
    expect(rows(table(element, 'Requests holding data of'))[0][6]).to.equal('✕ Deleted');
    expect(rows(table(element, 'Actions for this data subject’s request')).at(-1)!.slice(1, 3)).to.deep.equal(['Erasure', 'PQ-2026-000042']);
  });

  it('completes a request with its outcome; a change by someone else meanwhile reloads it and says so', async () => {
    const element = await render(lda, { conflictNext: true });
    await openSubjectRequest(element, 'Jonas Berg');
    $(element, 'input[name="decision-status"][value="completed"]').click();
    button(element, 'Save the decision').click();
    await element.updateComplete;
    expect(clean($(element, '#decision-outcome-error'))).to.equal('Describe the outcome.');
    type(element, '#decision-outcome', 'The name is corrected in request PQ-2026-000077.');
    button(element, 'Save the decision').click();
    await waitUntil(() => announcement(element), 'the conflict is not announced');
    expect(announcement(element)).to.equal('Someone else changed this data subject’s request meanwhile. The page now shows the current data: make your change again.');
    expect(clean($(element, 'dl.facts'))).to.contain('identity proven by passport');
    expect(await sent('PATCH', `/data-subject-requests/${id(0xc02)}`)).to.deep.equal({ version: 1, status: 'completed', outcome: 'The name is corrected in request PQ-2026-000077.' });

    button(element, 'Save the decision').click();
    await waitUntil(() => announcement(element) === 'The data subject’s request is completed.', 'the decision was not saved');
    expect((await sent('PATCH', `/data-subject-requests/${id(0xc02)}`)).version).to.equal(2);
    expect(root(element).querySelector('#decision-heading'), 'a completed request takes no decision').to.equal(null);
    expect(clean($(element, 'dl.facts'))).to.contain('The name is corrected in request PQ-2026-000077.');
    button(element, 'Back to the list').click();
    await waitUntil(() => rows(table(element, 'Data subjects’ requests')).length === 2, 'the completed request is still listed as open');
  });

  it('fits a 320 px wide screen: nothing sticks out sideways but the tables, which scroll in their own box', async () => {
    await setViewport({ width: 320, height: 640 });
    try {
      const element = await render(dpo);
      const check = () => {
        expect(document.documentElement.scrollWidth).to.be.at.most(320);
        for (const node of root(element).querySelectorAll('*')) {
          if (node.closest('.table-wrap') && !node.classList.contains('table-wrap')) continue;
          expect(node.getBoundingClientRect().right, node.outerHTML.slice(0, 80)).to.be.at.most(321);
        }
      };
      check();
      await openSubjectRequest(element, 'Ana Ferreira');
      await findMatches(element);
      check();
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });
});
