import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../console/pages/overview.js';
import type { ImiConsoleOverview } from '../../console/pages/overview.js';
import type { ImiDeadlineMonitor } from '../../components/deadline-monitor/deadline-monitor.js';
import type { Me } from '../../server/modules/identity/schemas.js';
import { configureImi } from '../../components/core/context.js';
import { installFetchStub, type FetchStub } from '../fixtures/directory-api.js';
import { deadlinesApi } from '../fixtures/deadlines-api.js';

type Status = 'green' | 'yellow' | 'red' | null;
const person = { id: '00000000-0000-4000-8000-000000000b01', email: 'x@imi.test', name: 'X', locale: 'en', commissionAdmin: false, dataProtectionAdmin: false, totpEnabled: false, mfa: false };
const admin: Me = { user: { ...person, commissionAdmin: true, totpEnabled: true, mfa: true }, authority: null, roles: [], coordinator: null };
const nimic: Me = {
  user: person, authority: { id: '00000000-0000-4000-8000-000000000a01', country: 'FR', officialName: 'Ministère de l’Intérieur', designation: 'Ministry of the Interior' },
  roles: [{ area: 'PQ', role: 'lda' }], coordinator: { kind: 'NIMIC', scope: { country: 'FR' } },
};

const codes = ['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IS', 'IE', 'IT', 'LV', 'LI', 'LT', 'LU', 'MT', 'NL', 'NO', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE'];
const names = new Intl.DisplayNames(['en'], { type: 'region' });
const share = (value: number | null, status: Status) => ({ value, status, numerator: 0, denominator: value === null ? 0 : 10 });

/** France on target in acceptance but slow to answer; Germany below target; Malta without data; the rest alike. */
function figures(country: string) {
  const kpis = {
    FR: { accepted: share(85.5, 'green'), average: { value: 19.2, status: 'yellow' as Status, count: 30 }, onTime: share(52, 'red'), negative: share(3.1, 'green') },
    DE: { accepted: share(41, 'red'), average: { value: 31, status: 'red' as Status, count: 12 }, onTime: share(70, 'yellow'), negative: share(20, 'red') },
    MT: { accepted: share(null, null), average: { value: null, status: null, count: 0 }, onTime: share(null, null), negative: share(null, null) },
  }[country] ?? { accepted: share(90, 'green'), average: { value: 10, status: 'green' as Status, count: 5 }, onTime: share(90, 'green'), negative: share(0, 'green') };
  return {
    open: country === 'FR' ? 1234 : 7, overdue: country === 'FR' ? 3 : 1, awaitingAcceptanceOver7Days: country === 'FR' ? 2 : 0,
    kpis: { acceptedWithin7Days: kpis.accepted, averageDaysToAnswer: kpis.average, answeredByAgreedDate: kpis.onTime, negativeRatings: { timeliness: kpis.negative, effort: kpis.negative } },
  };
}
const months = ['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11'];
const requestsPerMonth = months.map((month, i) => ({ month, count: i === 11 ? 12_345 : 100 * i }));

function networkOverview() {
  return {
    scope: { kind: 'network', authority: null, authorities: null, country: null }, area: null,
    period: { from: '2025-11-29T00:00:00.000Z', to: '2026-11-29T00:00:00.000Z' }, today: '2026-11-29',
    states: codes.map((country) => ({ country, name: names.of(country)!, ...figures(country) })).sort((a, b) => a.name.localeCompare(b.name)),
    network: { ...figures('XX'), open: 1437, overdue: 32, awaitingAcceptanceOver7Days: 2 },
    requestsPerMonth,
  };
}
function stateOverview() {
  return {
    ...networkOverview(), scope: { kind: 'state', authority: null, authorities: null, country: 'FR' },
    states: [{ country: 'FR', name: 'France', ...figures('FR') }], network: null,
  };
}

let stub: FetchStub | undefined;
let overview: () => Response;
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } });
const monitor = deadlinesApi();

async function render(me: Me = admin): Promise<ImiConsoleOverview> {
  stub = installFetchStub(async (request) => {
    const path = new URL(request.url).pathname;
    if (path === '/api/v1/legislative-areas') return json({ items: [{ code: 'PQ', name: 'Professional qualifications' }, { code: 'SERVICES', name: 'Services' }], nextCursor: null });
    if (path === '/api/v1/admin/overview') return overview();
    return monitor(request);
  });
  const element = await fixture<ImiConsoleOverview>(html`<imi-console-overview .me=${me}></imi-console-overview>`);
  await element.localeReady;
  await waitUntil(() => root(element).querySelector('table, .problem'), 'the overview did not load');
  return element;
}

const root = (element: ImiConsoleOverview) => element.shadowRoot!;
const $ = <T extends Element = HTMLElement>(element: ImiConsoleOverview, selector: string) => root(element).querySelector<T>(selector)!;
const $$ = (element: ImiConsoleOverview, selector: string) => [...root(element).querySelectorAll<HTMLElement>(selector)];
const clean = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const cells = (row: Element) => [...row.querySelectorAll('th, td')].map(clean);
const overviewCalls = () => stub!.calls.map((r) => new URL(r.url)).filter((url) => url.pathname === '/api/v1/admin/overview');

async function choose(element: ImiConsoleOverview, selector: string, value: string): Promise<void> {
  const control = $<HTMLSelectElement | HTMLInputElement>(element, selector);
  control.value = value;
  control.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  control.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  await element.updateComplete;
}

beforeEach(() => {
  overview = () => json(networkOverview());
  configureImi({ apiBase: '/api/v1', locale: undefined, getAccessToken: () => null });
});

afterEach(() => {
  stub?.restore();
  stub = undefined;
});

describe('<imi-console-overview>', () => {
  it('is accessible', async function () {
    // A full page: 30 states in a table and on the map, and the deadline monitor; axe takes its time on a busy machine.
    this.timeout(60_000);
    const element = await render();
    await waitUntil(() => $<ImiDeadlineMonitor>(element, 'imi-deadline-monitor').shadowRoot?.querySelector('.sections'), 'the trends did not load');
    await expect(element).to.be.accessible();
  });

  it('shows every state in a table with its counts, and each indicator’s value and status in words and shape', async () => {
    const element = await render();
    expect($$(element, 'tbody tr[data-country]')).to.have.length(30);
    expect(cells($(element, 'tr[data-country="FR"]'))).to.deep.equal([
      'France (FR)', '1,234', '3', '2', '85.5% ● On target', '19.2 days ▲ Watch', '52% ■ Below target', '3.1% ● On target', '3.1% ● On target',
    ]);
    expect(cells($(element, 'tr[data-country="MT"]')).slice(4)).to.deep.equal(Array(5).fill('No data – Not enough data'));
    expect(cells($(element, 'tfoot tr')).slice(0, 4)).to.deep.equal(['Whole network', '1,437', '32', '2']);
    expect(clean($(element, '[role="status"]'))).to.equal('The whole network, 30 states. Open: 1,437. Overdue: 32. Awaiting acceptance for more than 7 days: 2.');
  });

  it('shows the states on a tile map by the indicator the user picks', async () => {
    const element = await render();
    const tile = (country: string) => $(element, `.tile[data-country="${country}"]`);
    expect($$(element, '.map .tile')).to.have.length(30);
    expect(tile('FR').classList.contains('green')).to.equal(true);
    expect(clean(tile('FR'))).to.equal('FR France: 85.5% ● On target');
    expect(tile('DE').classList.contains('red')).to.equal(true);
    expect(clean(tile('MT'))).to.equal('MT Malta: No data – Not enough data');

    await choose(element, '#map-indicator', 'averageDaysToAnswer');
    expect(clean(tile('FR'))).to.equal('FR France: 19.2 days ▲ Watch');
    expect(tile('FR').classList.contains('yellow')).to.equal(true);
    expect(clean($(element, '#map-heading ~ .hint'))).to.equal('Target: under 16 days; watch up to 25 days');
  });

  it('charts the requests per month, with the numbers as a table', async () => {
    const element = await render();
    expect($$(element, 'svg.bars rect')).to.have.length(12);
    expect($(element, 'svg.bars').getAttribute('aria-label')).to.equal('Requests sent per month, December 2025 to November 2026');
    const rows = $$(element, 'table.per-month tbody tr').map(cells);
    expect(rows[0]).to.deep.equal(['December 2025', '0']);
    expect(rows[1]).to.deep.equal(['January 2026', '100']);
    expect(rows[11]).to.deep.equal(['November 2026', '12,345']);
  });

  it('embeds the deadline monitor for the network, narrowed to the state the user picks', async () => {
    const element = await render();
    const trends = $<ImiDeadlineMonitor>(element, 'imi-deadline-monitor');
    expect(trends.scope).to.equal('network');
    expect(trends.country).to.equal('');
    await choose(element, '#trend-country', 'DE');
    expect(trends.country).to.equal('DE');
    await waitUntil(() => stub!.calls.some((r) => new URL(r.url).pathname === '/api/v1/stats/kpis/trend' && new URL(r.url).searchParams.get('country') === 'DE'), 'the trend was not asked for Germany');
  });

  it('sends the chosen area and period, and shows a refused filter at its field', async () => {
    const element = await render();
    await choose(element, '#filter-area', 'PQ');
    await choose(element, '#filter-from', '2026-03-01');
    await choose(element, '#filter-to', '2026-02-01');
    overview = () => json({ title: 'Invalid request', status: 400, errors: [{ path: 'from', in: 'query', message: 'The period starts after it ends' }] }, 400);
    $<HTMLFormElement>(element, 'form').requestSubmit();
    await waitUntil(() => root(element).querySelector('#filter-from-error'), 'the error was not shown');
    const sent = overviewCalls().at(-1)!;
    expect(Object.fromEntries(sent.searchParams)).to.include({ area: 'PQ', from: '2026-03-01', to: '2026-02-01' });
    const from = $<HTMLInputElement>(element, '#filter-from');
    expect(from.getAttribute('aria-invalid')).to.equal('true');
    expect(from.getAttribute('aria-describedby')).to.contain('filter-from-error');
    expect(clean($(element, '#filter-from-error'))).to.equal('The period starts after it ends');
    expect(root(element).activeElement).to.equal(from);
    // The figures already shown stay.
    expect($$(element, 'tbody tr[data-country]')).to.have.length(30);

    overview = () => json({ ...networkOverview(), area: 'PQ' });
    await choose(element, '#filter-to', '2026-04-30');
    $<HTMLFormElement>(element, 'form').requestSubmit();
    await waitUntil(() => !root(element).querySelector('#filter-from-error'), 'the error stayed');
    expect(Object.fromEntries(overviewCalls().at(-1)!.searchParams)).to.include({ area: 'PQ', from: '2026-03-01', to: '2026-04-30' });
    expect(clean($(element, 'caption#states-caption'))).to.match(/^Professional qualifications; indicators for requests sent from/);
    expect($<ImiDeadlineMonitor>(element, 'imi-deadline-monitor').area).to.equal('PQ');
  });

  it('shows a coordinator its own state only, without the map and the network', async () => {
    overview = () => json(stateOverview());
    const element = await render(nimic);
    expect($$(element, 'tbody tr[data-country]').map((row) => row.dataset.country)).to.deep.equal(['FR']);
    expect(root(element).querySelector('tfoot')).to.equal(null);
    expect(root(element).querySelector('.map')).to.equal(null);
    expect(root(element).querySelector('#trend-country')).to.equal(null);
    expect($<ImiDeadlineMonitor>(element, 'imi-deadline-monitor').scope).to.equal('');
    expect(clean($(element, '[role="status"]'))).to.equal('Your scope. Open: 1,234. Overdue: 3. Awaiting acceptance for more than 7 days: 2.');
  });

  it('says so when the server refuses the page', async () => {
    overview = () => json({ title: 'Forbidden', status: 403, detail: 'You may not do this.' }, 403);
    const element = await render(nimic);
    expect(clean($(element, '.problem'))).to.contain('You may not see this page.');
  });
});
