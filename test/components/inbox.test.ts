import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import '../../components/inbox/define.js';
import type { ImiInbox } from '../../components/inbox/inbox.js';
import { configureImi } from '../../components/core/context.js';
import type { AuthRequiredDetail, RequestOpenDetail } from '../../components/core/events.js';
import { installFetchStub, type FetchStub } from '../fixtures/directory-api.js';
import { inboxApi, longWordRequests, manyRequests, requestSummary, sampleRequests, type InboxApi, type InboxApiOptions } from '../fixtures/inbox-api.js';

const token = 'inbox-token-5c1e';
let stub: FetchStub | undefined;
let api: InboxApi;

function useApi(options: InboxApiOptions = {}): InboxApi {
  api = inboxApi({ token, ...options });
  return api;
}

async function render(template: TemplateResult = html`<imi-inbox></imi-inbox>`, ready = true): Promise<ImiInbox> {
  stub = installFetchStub((request) => api.handle(request));
  const element = await fixture<ImiInbox>(template);
  await element.localeReady;
  await element.updateComplete;
  if (ready) await waitUntil(() => rows(element).length > 0 || text(element).includes('No '), 'the list did not load');
  return element;
}

const root = (element: ImiInbox) => element.shadowRoot!;
const text = (element: ImiInbox) => root(element).textContent?.replace(/\s+/g, ' ') ?? '';
const rows = (element: ImiInbox) => [...root(element).querySelectorAll<HTMLElement>('.body [role="row"]')];
const rowText = (row: HTMLElement) => row.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const focused = (element: ImiInbox) => root(element).activeElement as HTMLElement | null;
const button = (element: ImiInbox, label: string) => [...root(element).querySelectorAll('button')].find((b) => b.textContent?.trim() === label);
const liveText = (element: ImiInbox) => root(element).querySelector('[role="status"]')?.textContent ?? '';
const listCalls = () => stub!.calls.map((request) => new URL(request.url)).filter((url) => url.pathname.endsWith('/requests'));
const lastQuery = () => listCalls().at(-1)!.searchParams;

async function press(element: ImiInbox, key: string, init: KeyboardEventInit = {}): Promise<KeyboardEvent> {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true, ...init });
  focused(element)!.dispatchEvent(event);
  await element.updateComplete;
  return event;
}

function choose(element: ImiInbox, id: string, value: string): void {
  const select = root(element).querySelector<HTMLSelectElement>(`select#${id}`)!;
  select.value = value;
  select.dispatchEvent(new Event('change'));
}

// The virtualizer sets the size of rows it has just measured within the browser's resize-observer pass; Chromium then
// reports the benign "ResizeObserver loop completed with undelivered notifications" on window.onerror.
setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach);

beforeEach(() => {
  useApi();
  configureImi({ apiBase: '/api/v1', locale: undefined, getAccessToken: () => token });
});

afterEach(() => {
  stub?.restore();
  stub = undefined;
});

describe('<imi-inbox>', () => {
  it('is accessible with a list of requests', async () => {
    const element = await render();
    await expect(element).to.be.accessible();
  });

  it('shows case number, state, the other authority and the deadline of each incoming request, by deadline', async () => {
    const element = await render();
    expect(lastQuery().get('box')).to.equal('incoming');
    expect(lastQuery().get('sort')).to.equal('deadline');
    const [closed, overdue, soon, later] = rows(element);
    expect(rows(element)).to.have.length(4);
    expect(overdue.querySelector('.case')?.textContent).to.equal('IMI-2026-000001');
    expect(overdue.querySelector('.status')?.textContent).to.equal('Accepted');
    expect(overdue.querySelector('.authority')?.textContent?.replace(/\s+/g, ' ')).to.equal('Supreme Chamber of Nurses and Midwives (PL)');
    expect(soon.querySelector('.status')?.textContent).to.equal('Awaiting acceptance');
    expect(later.querySelector('.status')?.textContent).to.equal('Clarification requested');
    expect(closed.querySelector('.status')?.textContent).to.equal('Closed');
    expect(root(element).querySelector('[role="grid"]')?.getAttribute('aria-rowcount')).to.equal('5');
  });

  it('marks overdue and due-soon requests with a badge in text and shape, and unread ones', async () => {
    const element = await render();
    const [closed, overdue, soon, later] = rows(element);
    const badge = (row: HTMLElement) => row.querySelector<HTMLElement>('[part~="badge"]');

    expect(badge(overdue)?.textContent?.trim()).to.equal('▲Overdue');
    expect(badge(overdue)?.querySelector('.icon')?.getAttribute('aria-hidden')).to.equal('true');
    expect(rowText(overdue)).to.contain('5 days overdue');
    expect(badge(soon)?.textContent?.trim()).to.equal('◆Due soon');
    expect(rowText(soon)).to.contain('in 2 days');
    expect(badge(later)).to.equal(null);
    expect(rowText(later)).to.contain('in 12 days');
    expect(badge(closed), 'a closed request is not overdue').to.equal(null);
    expect(getComputedStyle(badge(overdue)!).borderRadius).to.equal('0px');
    expect(getComputedStyle(badge(soon)!).borderStyle).to.equal('dashed');

    expect(overdue.classList.contains('unread')).to.equal(true);
    expect(rowText(overdue)).to.contain('Unread');
    expect(soon.classList.contains('unread')).to.equal(false);
    expect(rowText(soon)).not.to.contain('Unread');
  });

  it('moves between requests and cells with the arrow keys, Home, End and PageDown', async () => {
    useApi({ requests: manyRequests(30) });
    const element = await render(html`<imi-inbox page-size="30"></imi-inbox>`);
    const cells = root(element).querySelectorAll('[role="gridcell"][tabindex="0"]');
    expect(cells, 'one Tab stop').to.have.length(1);
    (cells[0] as HTMLElement).focus();
    const position = () => [Number(focused(element)!.dataset.row), Number(focused(element)!.dataset.column)];

    expect((await press(element, 'ArrowDown')).defaultPrevented).to.equal(true);
    expect(position()).to.deep.equal([1, 0]);
    await press(element, 'ArrowRight');
    expect(position()).to.deep.equal([1, 1]);
    await press(element, 'ArrowDown');
    expect(position()).to.deep.equal([2, 1]);
    await press(element, 'End');
    expect(position()).to.deep.equal([2, 3]);
    await press(element, 'Home');
    expect(position()).to.deep.equal([2, 0]);
    await press(element, 'PageDown');
    expect(position()).to.deep.equal([12, 0]);
    // The last request may not be rendered yet: it is scrolled into the DOM first, then focused.
    await press(element, 'End', { ctrlKey: true });
    await waitUntil(() => focused(element)?.dataset.row === '29', 'Ctrl+End did not reach the last request');
    expect(position()).to.deep.equal([29, 0]);
    expect(focused(element)!.closest('[role="row"]')!.getAttribute('aria-rowindex')).to.equal('31');
    await press(element, 'ArrowDown');
    expect(position()).to.deep.equal([29, 0]);
    await press(element, 'Home', { ctrlKey: true });
    await waitUntil(() => focused(element)?.dataset.row === '0', 'Ctrl+Home did not reach the first request');
    expect(position()).to.deep.equal([0, 0]);
    await press(element, 'ArrowUp');
    expect(position()).to.deep.equal([0, 0]);
    expect(root(element).querySelectorAll('[role="gridcell"][tabindex="0"]')).to.have.length(1);
  });

  it('opens the focused request with Enter and fires imi-request-open with its id and summary', async () => {
    const element = await render();
    root(element).querySelector<HTMLElement>('[role="gridcell"][tabindex="0"]')!.focus();
    await press(element, 'ArrowDown');
    const opened = oneEvent(element, 'imi-request-open');
    await press(element, 'Enter');
    const event = (await opened) as CustomEvent<RequestOpenDetail>;
    const second = api.requests.find((request) => request.id === rows(element)[1].dataset.id)!;
    expect(event.detail.id).to.equal(second.id);
    expect(event.detail.request).to.deep.equal(second);
    expect(event.bubbles && event.composed).to.equal(true);
  });

  it('opens a request on click, and no longer marks it unread', async () => {
    const element = await render();
    const opened = oneEvent(element, 'imi-request-open');
    const overdue = rows(element)[1];
    expect(overdue.classList.contains('unread')).to.equal(true);
    overdue.querySelector<HTMLElement>('.status')!.click();
    expect(((await opened) as CustomEvent<RequestOpenDetail>).detail.id).to.equal(api.requests[0].id);
    await waitUntil(() => !overdue.classList.contains('unread'), 'the opened request stayed marked unread');
  });

  it('switches boxes and names the other authority of each', async () => {
    const element = await render();
    const outgoing = button(element, 'Outgoing')!;
    expect(outgoing.getAttribute('aria-pressed')).to.equal('false');
    outgoing.click();
    await waitUntil(() => lastQuery().get('box') === 'outgoing' && rows(element).length === 2);
    expect(outgoing.getAttribute('aria-pressed')).to.equal('true');
    expect(element.getAttribute('box')).to.equal('outgoing');
    expect(root(element).querySelectorAll('[role="columnheader"]')[2].textContent).to.equal('To');

    button(element, 'Coordination')!.click();
    await waitUntil(() => lastQuery().get('box') === 'coordination' && rows(element).length === 1);
    expect(rowText(rows(element)[0])).to.contain('Federal Ministry of Social Affairs (AT)→to National Order of Nurses (FR)');
  });

  it('sends the filters and the sort order as query parameters', async () => {
    const element = await render(html`<imi-inbox area="PQ"></imi-inbox>`);
    expect(lastQuery().get('area')).to.equal('PQ');
    await waitUntil(() => root(element).querySelector<HTMLSelectElement>('select#area')!.options.length === 3);

    choose(element, 'status', 'ACCEPTED');
    await waitUntil(() => lastQuery().get('status') === 'ACCEPTED');
    await waitUntil(() => rows(element).length === 1);
    choose(element, 'overdue', 'true');
    await waitUntil(() => lastQuery().get('overdue') === 'true');
    choose(element, 'area', 'SERVICES');
    await waitUntil(() => lastQuery().get('area') === 'SERVICES');
    await waitUntil(() => text(element).includes('No request matches these filters.'));
    choose(element, 'area', '');
    choose(element, 'status', '');
    choose(element, 'overdue', '');
    choose(element, 'sort', 'updated');
    await waitUntil(() => lastQuery().get('sort') === 'updated' && !lastQuery().has('area') && !lastQuery().has('status'));

    const search = root(element).querySelector<HTMLInputElement>('input#q')!;
    search.value = 'imi-2026-000003';
    search.dispatchEvent(new InputEvent('input'));
    search.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    await waitUntil(() => lastQuery().get('q') === 'imi-2026-000003' && rows(element).length === 1);
    expect(rows(element)[0].querySelector('.case')?.textContent).to.equal('IMI-2026-000003');
    expect(lastQuery().get('box')).to.equal('incoming');
  });

  it('loads further pages with the cursor on “Load more” and moves the focus to the first new request', async () => {
    useApi({ requests: manyRequests(25) });
    const element = await render(html`<imi-inbox page-size="10"></imi-inbox>`);
    expect(rows(element)).to.have.length(10);
    expect(root(element).querySelector('[role="grid"]')?.getAttribute('aria-rowcount')).to.equal('-1');
    expect(root(element).querySelector('[role="status"]')?.textContent).to.equal('Requests shown: 10. More requests are available.');

    button(element, 'Load more')!.click();
    await waitUntil(() => liveText(element) === 'Requests shown: 20. More requests are available.', 'the second page did not load');
    expect(lastQuery().get('cursor')).to.equal('10');
    expect(lastQuery().get('limit')).to.equal('10');
    await waitUntil(() => focused(element)?.dataset.row === '10', 'the focus did not move to the first new request');
    expect(focused(element)!.closest('[role="row"]')!.getAttribute('aria-rowindex')).to.equal('12');

    button(element, 'Load more')!.click();
    await waitUntil(() => liveText(element) === 'Requests shown: 25', 'the last page did not load');
    expect(button(element, 'Load more')).to.equal(undefined);
    expect(root(element).querySelector('[role="grid"]')?.getAttribute('aria-rowcount')).to.equal('26');
  });

  it('re-renders a listed request when the server reports a change', async () => {
    const element = await render();
    await waitUntil(() => api.events.open === 1, 'the event stream did not open');
    const before = rows(element)[2];
    expect(before.querySelector('.status')?.textContent).to.equal('Awaiting acceptance');
    expect(before.classList.contains('unread')).to.equal(false);

    const changed = api.requests[1];
    api.requests[1] = { ...changed, status: 'ACCEPTED', version: 2, unread: true };
    api.events.push({ requestId: changed.id, caseNumber: changed.caseNumber, kind: 'accept', status: 'ACCEPTED', version: 2, area: 'PQ', at: new Date().toISOString() });
    await waitUntil(() => before.querySelector('.status')?.textContent === 'Accepted', 'the row did not change');
    expect(rows(element)[2], 'the row is kept, not rebuilt').to.equal(before);
    expect(before.classList.contains('unread')).to.equal(true);
    expect(stub!.calls.at(-1)!.headers.get('Authorization')).to.equal(`Bearer ${token}`);
  });

  it('reconnects after the stream is lost and closes it when removed from the page', async () => {
    const element = await render();
    await waitUntil(() => api.events.open === 1);
    api.events.drop();
    await waitUntil(() => api.events.opened === 2 && api.events.open === 1, 'it did not reconnect');
    const events = stub!.calls.filter((request) => request.url.includes('/events'));
    expect(events.every((request) => request.headers.get('Accept') === 'text/event-stream')).to.equal(true);

    element.remove();
    await waitUntil(() => api.events.open === 0, 'the stream stayed open');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(api.events.opened).to.equal(2);
  });

  it('shows the loading state, then the empty state', async () => {
    useApi({ pending: true });
    const element = await render(html`<imi-inbox></imi-inbox>`, false);
    await waitUntil(() => text(element).includes('Loading requests…'));
    expect(root(element).querySelector('.list')?.getAttribute('aria-busy')).to.equal('true');

    useApi({ requests: [] });
    button(element, 'Outgoing')!.click();
    await waitUntil(() => text(element).includes('No outgoing requests.'));
    expect(root(element).querySelector('.list')?.getAttribute('aria-busy')).to.equal('false');
    await expect(element).to.be.accessible();
  });

  it('shows the problem with its detail and loads again on Retry', async () => {
    useApi({ failure: { status: 503, title: 'Service unavailable', detail: 'The database is being maintained.' } });
    const element = await render(html`<imi-inbox></imi-inbox>`, false);
    await waitUntil(() => button(element, 'Retry'));
    expect(text(element)).to.contain('The requests could not be loaded.');
    expect(text(element)).to.contain('The database is being maintained.');
    await expect(element).to.be.accessible();

    api.options.failure = undefined;
    button(element, 'Retry')!.click();
    await waitUntil(() => rows(element).length === 4);
    expect(button(element, 'Retry')).to.equal(undefined);
  });

  it('fires imi-auth-required on 401', async () => {
    configureImi({ getAccessToken: () => 'expired' });
    stub = installFetchStub((request) => api.handle(request));
    const element = document.createElement('imi-inbox');
    const required = oneEvent(element, 'imi-auth-required');
    document.body.append(element);
    const event = (await required) as CustomEvent<AuthRequiredDetail>;
    expect(event.detail.problem.status).to.equal(401);
    await waitUntil(() => text(element).includes('Please sign in again to see your requests.'));
    element.remove();
  });

  it('keeps 500 requests quick: only those near the viewport are in the DOM, each with its row number', async function () {
    this.timeout(30_000);
    useApi({ requests: manyRequests(500) });
    const element = await render(html`<imi-inbox page-size="100"></imi-inbox>`);
    for (let page = 2; page <= 5; page++) {
      button(element, 'Load more')!.click();
      await waitUntil(() => liveText(element).startsWith(`Requests shown: ${page * 100}`), `page ${page} did not load`, { timeout: 5000 });
    }
    const inDom = rows(element);
    expect(inDom.length, 'rows in the DOM').to.be.within(5, 100);
    expect(root(element).querySelector('[role="grid"]')?.getAttribute('aria-rowcount')).to.equal('501');
    for (const row of inDom) expect(row.getAttribute('aria-rowindex')).to.equal(String(Number(row.dataset.index) + 2));

    // A full update of the 500-request list (what a new page or a live change costs).
    const started = performance.now();
    element.requestUpdate();
    await element.updateComplete;
    const updated = performance.now();
    await waitUntil(() => api.events.open === 1);
    // The request holding the focus (the first of the last page) stays rendered while the list scrolls.
    await waitUntil(() => focused(element)?.dataset.row === '400', 'the focus did not move to the last page');
    const changed = focused(element)!.closest<HTMLElement>('[role="row"]')!;
    const request = api.requests.find((item) => item.id === changed.dataset.id)!;
    Object.assign(request, { status: 'WITHDRAWN', version: 2 });
    const pushed = performance.now();
    api.events.push({ requestId: request.id, caseNumber: request.caseNumber, kind: 'withdraw', status: 'WITHDRAWN', version: 2, area: 'PQ', at: new Date().toISOString() });
    await waitUntil(() => rows(element).find((row) => row.dataset.id === request.id)?.querySelector('.status')?.textContent === 'Withdrawn', 'the live change did not show', { timeout: 5000 });
    const refreshed = performance.now();
    console.log(
      `imi-inbox, 500 requests: ${inDom.length} rows in the DOM; one full update ${(updated - started).toFixed(1)} ms; ` +
        `live change to re-rendered row (debounce 250 ms + 5 calls) ${(refreshed - pushed).toFixed(1)} ms`,
    );

    root(element).querySelector<HTMLElement>('[role="gridcell"][tabindex="0"]')!.focus();
    await press(element, 'End', { ctrlKey: true });
    await waitUntil(() => focused(element)?.dataset.row === '499', 'Ctrl+End did not reach request 500');
    expect(focused(element)!.closest('[role="row"]')!.getAttribute('aria-rowindex')).to.equal('501');
  });

  it('keeps one Tab stop: the grid itself while the active request is scrolled out of the DOM, handing the focus back', async function () {
    this.timeout(20_000);
    useApi({ requests: manyRequests(300) });
    const element = await render(html`<imi-inbox page-size="100"></imi-inbox>`);
    const grid = root(element).querySelector<HTMLElement>('[role="grid"]')!;
    expect(grid.hasAttribute('tabindex'), 'no own Tab stop while the active cell is rendered').to.equal(false);
    const first = rows(element)[0];
    expect(first.dataset.index).to.equal('0');

    // Scroll far down: the first request leaves the DOM, the grid takes the Tab stop.
    window.scrollTo(0, document.documentElement.scrollHeight);
    await waitUntil(() => !first.isConnected || !rows(element).some((row) => row.dataset.index === '0'), 'the first request stayed in the DOM');
    await waitUntil(() => grid.getAttribute('tabindex') === '0', 'the grid did not take the Tab stop');
    expect(root(element).querySelectorAll('[role="gridcell"][tabindex="0"]')).to.have.length(0);

    grid.focus();
    await waitUntil(() => focused(element)?.dataset.row === '0', 'the focus did not go back to the active request');
    expect(grid.hasAttribute('tabindex')).to.equal(false);
    window.scrollTo(0, 0);
  });

  it('keeps long German and Finnish designations within 320 px', async () => {
    useApi({ requests: longWordRequests() });
    const element = await render(html`<imi-inbox style="width: 320px" lang="de"></imi-inbox>`);
    expect(element.scrollWidth).to.be.at.most(320);
    for (const row of rows(element)) expect(row.scrollWidth).to.be.at.most(row.clientWidth + 1);
  });

  it('lists requests without a deadline', async () => {
    useApi({ requests: [requestSummary(90, { status: 'ACCEPTED', dueIn: null }), ...sampleRequests()] });
    const element = await render();
    expect(rowText(rows(element).at(-1)!)).to.contain('No deadline');
  });
});
