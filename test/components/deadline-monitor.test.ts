import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import '../../components/deadline-monitor/define.js';
import type { ImiDeadlineMonitor } from '../../components/deadline-monitor/deadline-monitor.js';
import { configureImi } from '../../components/core/context.js';
import type { AuthRequiredDetail, RequestOpenDetail } from '../../components/core/events.js';
import { installFetchStub, type FetchStub } from '../fixtures/directory-api.js';
import { deadlinesApi, longWordDeadlines, manyDeadlines, noDeadlines, sampleDeadlines, type DeadlinesApiOptions } from '../fixtures/deadlines-api.js';

const token = 'monitor-token-9a2f';
let stub: FetchStub | undefined;
let options: DeadlinesApiOptions = {};

async function render(template: TemplateResult = html`<imi-deadline-monitor></imi-deadline-monitor>`, ready = true): Promise<ImiDeadlineMonitor> {
  stub = installFetchStub((request) => deadlinesApi({ token, ...options })(request));
  const element = await fixture<ImiDeadlineMonitor>(template);
  await element.localeReady;
  await element.updateComplete;
  if (ready) await waitUntil(() => root(element).querySelector('.sections'), 'the deadlines did not load');
  return element;
}

const root = (element: ImiDeadlineMonitor) => element.shadowRoot!;
const section = (element: ImiDeadlineMonitor, key: string) => root(element).querySelector<HTMLElement>(`[data-section="${key}"]`)!;
const items = (element: ImiDeadlineMonitor, key: string) => [...section(element, key).querySelectorAll<HTMLElement>('[part~="item"]')];
const indicator = (element: ImiDeadlineMonitor, key: string) => root(element).querySelector<HTMLElement>(`[data-indicator="${key}"]`)!;
const clean = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const button = (element: ImiDeadlineMonitor, label: string) => [...root(element).querySelectorAll('button')].find((b) => b.textContent?.trim() === label);

async function press(element: ImiDeadlineMonitor, key: string): Promise<void> {
  (root(element).activeElement as HTMLElement).dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true }));
  await element.updateComplete;
}

beforeEach(() => {
  options = {};
  configureImi({ apiBase: '/api/v1', locale: undefined, getAccessToken: () => token });
});

afterEach(() => {
  stub?.restore();
  stub = undefined;
});

describe('<imi-deadline-monitor>', () => {
  it('is accessible', async () => {
    const element = await render();
    await expect(element).to.be.accessible();
  });

  it('lists overdue, due-soon and long-awaiting requests with their counts', async () => {
    const element = await render();
    expect(clean(section(element, 'overdue').querySelector('h3'))).to.equal('Overdue 2');
    expect(clean(section(element, 'dueSoon').querySelector('h3'))).to.equal('Due soon 2');
    expect(clean(section(element, 'awaitingAcceptance').querySelector('h3'))).to.equal('Awaiting acceptance for more than 7 days 1');

    const [first] = items(element, 'overdue');
    expect(clean(first)).to.contain('IMI-2026-000001');
    expect(clean(first)).to.contain('5 days overdue');
    expect(clean(first)).to.contain('Escalated');
    expect(clean(first)).to.contain('From: National Supervisory Authority for Welfare and Health (FI)');
    expect(clean(items(element, 'dueSoon')[0])).to.contain('today');
    expect(clean(items(element, 'dueSoon')[1])).to.contain('in 2 days');
    expect(clean(items(element, 'awaitingAcceptance')[0])).to.contain('Acceptance due 4 days ago');
  });

  it('moves through a list with the arrow keys, Home and End, and opens a request with Enter', async () => {
    const element = await render();
    const list = items(element, 'overdue');
    expect(list.filter((item) => item.tabIndex === 0)).to.have.length(1);
    list[0].focus();
    await press(element, 'ArrowDown');
    expect(root(element).activeElement).to.equal(list[1]);
    await press(element, 'ArrowDown');
    expect(root(element).activeElement).to.equal(list[1]);
    await press(element, 'Home');
    expect(root(element).activeElement).to.equal(list[0]);
    await press(element, 'End');
    expect(root(element).activeElement).to.equal(list[1]);
    expect(list[1].tabIndex).to.equal(0);
    expect(list[0].tabIndex).to.equal(-1);

    const opened = oneEvent(element, 'imi-request-open');
    await press(element, 'Enter');
    const event = (await opened) as CustomEvent<RequestOpenDetail>;
    expect(event.detail.id).to.equal(sampleDeadlines().overdue[1].id);
    expect(event.bubbles && event.composed).to.equal(true);
  });

  it('opens a request on click', async () => {
    const element = await render();
    const opened = oneEvent(element, 'imi-request-open');
    items(element, 'awaitingAcceptance')[0].click();
    expect(((await opened) as CustomEvent<RequestOpenDetail>).detail.id).to.equal(sampleDeadlines().awaitingAcceptance[0].id);
  });

  it('shows each indicator against the scoreboard thresholds in text and shape', async () => {
    const element = await render();
    const status = (key: string) => clean(indicator(element, key).querySelector('.status'));
    expect(clean(indicator(element, 'acceptedWithin7Days').querySelector('.value'))).to.equal('85.5%');
    expect(status('acceptedWithin7Days')).to.equal('●On target');
    expect(clean(indicator(element, 'averageDaysToAnswer').querySelector('.value'))).to.equal('19.2 days');
    expect(status('averageDaysToAnswer')).to.equal('▲Watch');
    expect(status('answeredByAgreedDate')).to.equal('■Below target');
    expect(status('negativeTimeliness')).to.equal('●On target');
    expect(status('negativeEffort')).to.equal('–Not enough data');
    expect(clean(indicator(element, 'negativeEffort').querySelector('.value'))).to.equal('No data');
    expect(clean(indicator(element, 'averageDaysToAnswer').querySelector('.target'))).to.equal('Target: under 16 days; watch up to 25 days');
    expect(indicator(element, 'answeredByAgreedDate').querySelector('.status .icon')?.getAttribute('aria-hidden')).to.equal('true');
  });

  it('draws a line chart per indicator with a table of its months', async () => {
    const element = await render();
    const card = indicator(element, 'answeredByAgreedDate');
    const chart = card.querySelector('svg')!;
    expect(chart.getAttribute('role')).to.equal('img');
    expect(chart.getAttribute('aria-label')).to.match(/^Answered by the agreed date, \w+ \d{4} to \w+ \d{4}$/);
    expect(chart.querySelectorAll('polyline'), 'a month without data breaks the line').to.have.length(2);
    expect(chart.querySelectorAll('circle')).to.have.length(11);
    const rows = card.querySelectorAll('tbody tr');
    expect(rows).to.have.length(12);
    const cells = (row: Element) => [...row.querySelectorAll('td')].map((cell) => clean(cell));
    expect(cells(rows[0])).to.deep.equal(['50%', 'Below target']);
    expect(cells(rows[4])).to.deep.equal(['No data', 'Not enough data']);
    expect(cells(rows[11])).to.deep.equal(['72%', 'Watch']);
    expect(clean(card.querySelector('summary'))).to.equal('Numbers by month');
    expect(root(element).querySelectorAll('svg.chart')).to.have.length(5);
  });

  it('asks for the scope, country, area and authority it is given', async () => {
    const element = await render(html`<imi-deadline-monitor scope="coordination" country="FI" area="PQ" authority="00000000-0000-4000-8000-000000000004"></imi-deadline-monitor>`);
    const urls = stub!.calls.map((request) => new URL(request.url));
    const deadlines = urls.find((url) => url.pathname.endsWith('/deadlines'))!.searchParams;
    expect([deadlines.get('scope'), deadlines.get('country'), deadlines.get('area')]).to.deep.equal(['coordination', 'FI', 'PQ']);
    for (const path of ['/stats/kpis', '/stats/kpis/trend']) {
      const query = urls.find((url) => url.pathname.endsWith(path))!.searchParams;
      expect([query.get('country'), query.get('area'), query.get('authority')]).to.deep.equal(['FI', 'PQ', '00000000-0000-4000-8000-000000000004']);
    }
    const before = stub!.calls.length;
    element.area = 'SERVICES';
    await waitUntil(() => stub!.calls.length === before + 3);
    expect(new URL(stub!.calls.at(-3)!.url).searchParams.get('area')).to.equal('SERVICES');
  });

  it('shows the loading state and then says when nothing needs attention', async () => {
    options = { pending: true };
    const element = await render(html`<imi-deadline-monitor></imi-deadline-monitor>`, false);
    await waitUntil(() => clean(root(element).querySelector('.message')) === 'Loading deadlines and indicators…');
    expect(root(element).querySelector('.content')?.getAttribute('aria-busy')).to.equal('true');

    options = { deadlines: noDeadlines() };
    await element.load();
    expect(clean(section(element, 'overdue'))).to.contain('No overdue replies.');
    expect(clean(section(element, 'dueSoon'))).to.contain('No deadlines due soon.');
    await expect(element).to.be.accessible();
  });

  it('shows the problem with its detail and loads again on Retry', async () => {
    options = { failure: { status: 500, title: 'Internal Server Error', detail: 'The statistics are being recomputed.' } };
    const element = await render(html`<imi-deadline-monitor></imi-deadline-monitor>`, false);
    await waitUntil(() => button(element, 'Retry'));
    expect(clean(root(element).querySelector('.error'))).to.contain('The deadlines and indicators could not be loaded.');
    expect(clean(root(element).querySelector('.error'))).to.contain('The statistics are being recomputed.');
    await expect(element).to.be.accessible();

    options = {};
    button(element, 'Retry')!.click();
    await waitUntil(() => root(element).querySelector('.sections'));
    expect(button(element, 'Retry')).to.equal(undefined);
  });

  it('fires imi-auth-required on 401', async () => {
    configureImi({ getAccessToken: () => 'expired' });
    stub = installFetchStub((request) => deadlinesApi({ token })(request));
    const element = document.createElement('imi-deadline-monitor');
    const required = oneEvent(element, 'imi-auth-required');
    document.body.append(element);
    expect(((await required) as CustomEvent<AuthRequiredDetail>).detail.problem.status).to.equal(401);
    await waitUntil(() => clean(root(element).querySelector('.error')).includes('Please sign in again to see the deadlines.'));
    element.remove();
  });

  it('renders 300 requests in its lists and says when more exist', async function () {
    this.timeout(20_000);
    options = { deadlines: manyDeadlines() };
    const started = performance.now();
    const element = await render();
    console.log(`imi-deadline-monitor: 300 rows and 5 charts rendered in ${(performance.now() - started).toFixed(1)} ms`);
    expect(items(element, 'overdue')).to.have.length(100);
    expect(clean(section(element, 'overdue').querySelector('.more'))).to.equal('Showing 100 of 240.');
    expect(clean(section(element, 'overdue').querySelector('h3'))).to.equal('Overdue 240');
  });

  it('keeps long German and Finnish designations within 320 px', async () => {
    options = { deadlines: longWordDeadlines() };
    const element = await render(html`<imi-deadline-monitor style="width: 320px" lang="fi"></imi-deadline-monitor>`);
    expect(element.scrollWidth).to.be.at.most(320);
    for (const item of root(element).querySelectorAll<HTMLElement>('[part~="item"], [part~="indicator"]')) {
      expect(item.scrollWidth).to.be.at.most(item.clientWidth + 1);
    }
  });

  it('switches to the language of its lang attribute at run time and loads its lists and indicators again in it', async () => {
    const element = await render();
    const visible = () => ({
      overdue: clean(section(element, 'overdue').querySelector('h3')),
      dueSoon: clean(section(element, 'dueSoon').querySelector('h3')),
      indicators: clean(root(element).querySelector('#indicators-heading')),
      mostOverdue: clean(items(element, 'overdue')[0].querySelector('.when')),
      requester: clean(items(element, 'overdue')[0].querySelector('.parties > span')),
      dueInTwoDays: clean(items(element, 'dueSoon')[1].querySelector('.when')),
      averageTimeToAnswer: clean(indicator(element, 'averageDaysToAnswer').querySelector('.value')),
    });
    expect(visible()).to.deep.equal({
      overdue: 'Overdue 2', dueSoon: 'Due soon 2', indicators: 'Single Market Scoreboard indicators', mostOverdue: '▲5 days overdue',
      requester: 'From: National Supervisory Authority for Welfare and Health (FI)', dueInTwoDays: 'in 2 days', averageTimeToAnswer: '19.2 days',
    });
    const before = stub!.calls.length;

    element.lang = 'de';
    await waitUntil(() => stub!.calls.length >= before + 3, 'the deadlines and indicators were not loaded again');
    await waitUntil(() => root(element).querySelector('.content')?.getAttribute('aria-busy') === 'false', 'the monitor did not finish loading');
    expect(visible()).to.deep.equal({
      overdue: 'Überfällig 2', dueSoon: 'Bald fällig 2', indicators: 'Indikatoren des Binnenmarktanzeigers', mostOverdue: '▲5 Tage überfällig',
      requester: 'Von: National Supervisory Authority for Welfare and Health (FI)', dueInTwoDays: 'übermorgen', averageTimeToAnswer: '19,2 Tage',
    });
    const reloads = stub!.calls.slice(before).map((request) => ({ url: new URL(request.url), language: request.headers.get('Accept-Language') }));
    expect(reloads.map(({ url }) => url.pathname.replace(/^.*\/api\/v1/, ''))).to.have.members(['/deadlines', '/stats/kpis', '/stats/kpis/trend']);
    for (const { url, language } of reloads) {
      expect(url.searchParams.get('lang'), `lang of ${url.pathname}`).to.equal('de');
      expect(language, `Accept-Language of ${url.pathname}`).to.equal('de');
    }
  });
});
