import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/request-view/define.js';
import type { ImiAnswerInput } from '../../components/request-form/answer-input.js';
import type { ImiRequestView } from '../../components/request-view/request-view.js';
import { configureImi } from '../../components/core/context.js';
import type { RequestView } from '../../components/core/types.js';
import { nurseAuthorities, type FetchStub } from '../fixtures/directory-api.js';
import { installRequestsStub, longWordsRequest, requestsApi, roleRequests, sampleRequest, type RequestsApi, type RequestsApiOptions } from '../fixtures/requests-api.js';

const token = 'view-token-8e03';
let stub: FetchStub | undefined;
let api: RequestsApi;

function useApi(request: RequestView, options: RequestsApiOptions = {}): RequestsApi {
  api = requestsApi({ token, requests: [request], ...options });
  return api;
}

/** `intercept` answers the calls it knows (returning a response) before the requests API does. */
async function render(request: RequestView, options: RequestsApiOptions = {}, intercept?: (call: Request) => Promise<Response> | undefined): Promise<ImiRequestView> {
  useApi(request, options);
  stub?.restore();
  stub = installRequestsStub((call) => intercept?.(call) ?? api.handle(call));
  const element = await fixture<ImiRequestView>(html`<imi-request-view request-id=${request.id}></imi-request-view>`);
  await element.localeReady;
  await waitUntil(() => root(element).querySelector('article, .problem'), 'the request did not load');
  await element.updateComplete;
  return element;
}

const root = (element: HTMLElement) => element.shadowRoot!;
const $ = <T extends HTMLElement = HTMLInputElement>(element: HTMLElement, selector: string) => root(element).querySelector<T>(selector)!;
const actionButtons = (element: HTMLElement) => [...root(element).querySelectorAll<HTMLButtonElement>('[data-action]')];
const liveRegion = (element: HTMLElement) => $(element, '[role="status"]');
const text = (node: Element | null) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

function type(control: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string): void {
  control.value = value;
  control.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  control.dispatchEvent(new Event('change', { bubbles: true }));
}

async function open(element: ImiRequestView, action: string): Promise<HTMLFormElement> {
  $(element, `[data-action="${action}"]`).click();
  await element.updateComplete;
  return $<HTMLFormElement>(element, '.action-form');
}

async function submit(element: ImiRequestView, action: string): Promise<CustomEvent> {
  const done = oneEvent(element, 'imi-request-action');
  $<HTMLFormElement>(element, '.action-form').requestSubmit();
  const event = await done;
  expect(event.detail.action).to.equal(action);
  return event;
}

function chooseAuthority(element: ImiRequestView): void {
  $(element, 'imi-authority-search').dispatchEvent(
    new CustomEvent('imi-authority-select', { detail: { authority: nurseAuthorities[3] }, bubbles: true, composed: true }),
  );
}

const lastWrite = () => api.writes().at(-1)!;

beforeEach(() => {
  configureImi({ apiBase: '/api/v1', locale: undefined, getAccessToken: () => token });
});

afterEach(() => {
  stub?.restore();
  stub = undefined;
});

describe('<imi-request-view>', () => {
  it('is accessible', async () => {
    const element = await render(roleRequests.requesterAnswered());
    await expect(element).to.be.accessible();
  });

  it('is accessible with an action form open', async () => {
    const element = await render(roleRequests.responderAccepted());
    await open(element, 'reply');
    await expect(element).to.be.accessible();
  });

  it('shows the header: case number, status, dates and parties', async () => {
    const element = await render(roleRequests.requesterAnswered());
    const header = $(element, 'header');
    expect(text(header.querySelector('h2'))).to.equal('Request PQ-2026-000042');
    expect(text(header.querySelector('.badge'))).to.equal('Answered');
    expect(text(header)).to.contain('April 1, 2026');
    expect(text(header)).to.contain('March 20, 2026');
    expect(text(header)).to.contain(nurseAuthorities[0].designation);
    expect(text(header)).to.contain(nurseAuthorities[1].designation);
  });

  it('shows the answers in the user’s language, choice answers as option labels', async () => {
    const element = await render(roleRequests.requesterAnswered());
    const answers = [...root(element).querySelectorAll('.qa li')].map((item) => text(item.querySelector('.answer')));
    expect(answers).to.deep.equal([
      'Infirmière diplômée d’État', 'Yes', 'Automatic recognition', 'Unknown', 'June 30, 2014', '7.5', 'Warning and Suspension',
      'copie-diplome.pdf (2.3 MB)',
    ]);
    expect($(element, '.qa .question').getAttribute('lang')).to.equal('en');
  });

  it('marks free texts with their original language', async () => {
    const element = await render(roleRequests.requesterAnswered());
    const [free, reply] = [...root(element).querySelectorAll('.text .original')];
    expect(free.getAttribute('lang')).to.equal('de');
    expect(reply.getAttribute('lang')).to.equal('fr');
    expect(text(root(element).querySelector('.text .hint'))).to.equal('Original language: German');
  });

  it('lists the timeline with its messages and their language, and the attachments with download links', async () => {
    const element = await render(roleRequests.requesterAnswered());
    const steps = [...root(element).querySelectorAll('.timeline > li')];
    expect(steps.map((step) => text(step.querySelector('strong')))).to.deep.equal(['Draft created', 'Sent', 'Accepted', 'Message']);
    const message = steps[3].querySelector('.original')!;
    expect(message.textContent).to.equal('Nous vérifions le registre.');
    expect(message.getAttribute('lang')).to.equal('fr');
    expect(steps[3].querySelector('time')!.getAttribute('datetime')).to.equal('2026-03-05T10:00:00.000Z');
    const link = root(element).querySelector<HTMLAnchorElement>('section a[download="diploma.pdf"]')!;
    expect(link.getAttribute('href')).to.match(/\/api\/v1\/attachments\/10000000-0000-4000-8000-000000000900$/);
  });

  it('downloads an attachment with the bearer token', async () => {
    const element = await render(roleRequests.requesterAnswered());
    root(element).querySelector<HTMLAnchorElement>('a[download="diploma.pdf"]')!.click();
    await waitUntil(() => api.log.some((call) => call.path.startsWith('/attachments/')));
    const call = api.log.find((item) => item.path.startsWith('/attachments/'))!;
    expect(call.headers.get('Authorization')).to.equal(`Bearer ${token}`);
  });

  it('explains the hidden personal data before acceptance', async () => {
    const element = await render(roleRequests.responderAwaitingAcceptance());
    expect(text($(element, '.redacted-note'))).to.equal('Personal data are shown once your authority accepts the request.');
    expect(text(root(element).querySelector('section[aria-labelledby="subject-title"]'))).to.contain('Hidden: personal data');
    expect(root(element).querySelectorAll('.text .original')).to.have.length(0);
  });

  it('shows the parent and the split children and opens them', async () => {
    const element = await render(sampleRequest({
      parent: { id: 'p-1', caseNumber: 'PQ-2026-000040' },
      children: [{ id: 'c-1', status: 'ACCEPTED', responder: { id: 'x', country: 'FR', officialName: 'X', designation: 'Ordre national des infirmiers' } }],
    }));
    const linked = $(element, 'section[aria-labelledby="linked-title"]');
    expect(text(linked)).to.contain('Request PQ-2026-000040');
    expect(text(linked)).to.contain('Ordre national des infirmiers — Accepted');
    const opened = oneEvent(element, 'imi-request-open');
    [...linked.querySelectorAll('button')][1].click();
    expect((await opened).detail.id).to.equal('c-1');
  });

  it('shows a button for each allowed action and only those', async () => {
    for (const make of Object.values(roleRequests)) {
      const request = make();
      const element = await render(request);
      expect(actionButtons(element).map((button) => button.dataset.action)).to.deep.equal(request.allowedActions);
      stub?.restore();
    }
    const element = await render(sampleRequest({ allowedActions: [] }));
    expect(root(element).querySelector('[part="actions"]') === null, 'the element is gone').to.equal(true);
  });

  it('accepts with a number of days and the version, fires imi-request-action and announces the new status', async () => {
    const element = await render(roleRequests.responderAwaitingAcceptance());
    await open(element, 'accept');
    type($(element, '#accept-days'), '14');
    const event = await submit(element, 'accept');
    expect(lastWrite().path).to.equal(`/requests/${event.detail.request.id}/accept`);
    expect(lastWrite().body).to.deep.equal({ version: 2, days: 14 });
    expect(event.detail.request.status).to.equal('ACCEPTED');
    await element.updateComplete;
    expect(liveRegion(element).textContent).to.equal('Done: Accept. The request is now: Accepted.');
    expect(text($(element, '.badge'))).to.equal('Accepted');
  });

  it('accepts with a date, and refuses days and a date together', async () => {
    const element = await render(roleRequests.responderAwaitingAcceptance());
    await open(element, 'accept');
    type($(element, '#accept-days'), '14');
    type($(element, '#accept-date'), '2026-12-01');
    $<HTMLFormElement>(element, '.action-form').requestSubmit();
    await element.updateComplete;
    expect(text($(element, '#days-error'))).to.equal('Give either a number of days or a date, not both.');
    expect(api.writes()).to.have.length(0);
    type($(element, '#accept-days'), '');
    await submit(element, 'accept');
    expect(lastWrite().body).to.deep.equal({ version: 2, replyBy: '2026-12-01' });
  });

  it('forwards to the authority chosen in the embedded search, with a comment', async () => {
    const element = await render(roleRequests.responderAwaitingAcceptance());
    await open(element, 'forward');
    chooseAuthority(element);
    type($<HTMLTextAreaElement>(element, '#field-comment'), 'Zuständig ist die Kammer.');
    await submit(element, 'forward');
    expect(lastWrite().body).to.deep.equal({ version: 2, toAuthorityId: nurseAuthorities[3].id, comment: 'Zuständig ist die Kammer.' });
  });

  it('splits the chosen questions to another authority', async () => {
    const element = await render(roleRequests.responderAccepted());
    await open(element, 'split');
    const boxes = [...root(element).querySelectorAll<HTMLInputElement>('.action-form input[type="checkbox"]')];
    boxes[6].click();
    boxes[1].click();
    chooseAuthority(element);
    await submit(element, 'split');
    expect(lastWrite().body).to.deep.equal({ version: 3, questions: ['PQ-002-profession-regulated', 'PQ-035-sanction-kinds'], toAuthorityId: nurseAuthorities[3].id });
  });

  it('replies with an answer input per question', async () => {
    const element = await render(roleRequests.responderAccepted());
    await open(element, 'reply');
    const inputs = [...root(element).querySelectorAll<ImiAnswerInput>('imi-answer-input')];
    expect(inputs.map((input) => input.question!.answerType)).to.deep.equal(['text', 'yes-no', 'single-choice', 'yes-no-unknown', 'date', 'number', 'multi-choice', 'attachment']);
    $<HTMLFormElement>(element, '.action-form').requestSubmit();
    await element.updateComplete;
    expect(inputs[0].error).to.equal('Answer this question.');
    expect(api.writes()).to.have.length(0);

    inputs[0].value = 'Infirmière';
    inputs[1].value = 'yes';
    inputs[3].value = 'no';
    inputs[6].value = ['suspension'];
    type($<HTMLTextAreaElement>(element, '#field-text'), 'Voir pièce jointe.');
    type($<HTMLSelectElement>(element, '#field-lang'), 'fr');
    const event = await submit(element, 'reply');
    expect(lastWrite().body).to.deep.equal({
      version: 3,
      answers: [
        { question: 'PQ-001-profession-title', value: 'Infirmière' },
        { question: 'PQ-002-profession-regulated', value: 'yes' },
        { question: 'PQ-005-identity-match', value: 'no' },
        { question: 'PQ-035-sanction-kinds', value: ['suspension'] },
      ],
      freeText: 'Voir pièce jointe.',
      freeTextLang: 'fr',
    });
    expect(event.detail.request.status).to.equal('ANSWERED');
  });

  it('puts the server’s answer errors at their answer inputs', async () => {
    const element = await render(roleRequests.responderAccepted());
    await open(element, 'reply');
    const inputs = [...root(element).querySelectorAll<ImiAnswerInput>('imi-answer-input')];
    inputs[0].value = 'x';
    inputs[1].value = 'yes';
    inputs[3].value = 'no';
    api.options.rejectNextWrite = [{ path: 'answers.2.value', in: 'body', message: 'Answer PQ-005 with yes, no or unknown' }];
    $<HTMLFormElement>(element, '.action-form').requestSubmit();
    await waitUntil(() => inputs[3].error);
    expect(inputs[3].error).to.equal('Check this answer.');
    expect(inputs[0].error).to.equal('');
    expect(liveRegion(element).textContent).to.equal('Check the marked fields: 1 to correct.');
  });

  it('closes with ratings', async () => {
    const element = await render(roleRequests.requesterAnswered());
    await open(element, 'close');
    $(element, 'input[name="timeliness"][value="positive"]').click();
    $<HTMLFormElement>(element, '.action-form').requestSubmit();
    await element.updateComplete;
    expect(text($(element, '#rating-error'))).to.equal('Rate both timeliness and effort, or neither.');
    $(element, 'input[name="effort"][value="negative"]').click();
    await submit(element, 'close');
    expect(lastWrite().body).to.deep.equal({ version: 4, rating: { timeliness: 'positive', effort: 'negative' } });
  });

  it('asks a reason to withdraw and to send back, linked to the field', async () => {
    const element = await render(roleRequests.requesterWaiting());
    await open(element, 'withdraw');
    $<HTMLFormElement>(element, '.action-form').requestSubmit();
    await element.updateComplete;
    const reason = $<HTMLTextAreaElement>(element, '#field-reason');
    expect(reason.getAttribute('aria-invalid')).to.equal('true');
    expect(reason.getAttribute('aria-describedby')).to.equal('reason-error');
    expect(text($(element, '#reason-error'))).to.equal('Give the reason.');
    expect(root(element).activeElement === reason, 'the reason has the focus').to.equal(true);
    type(reason, 'Die Person hat den Antrag zurückgezogen.');
    await submit(element, 'withdraw');
    expect(lastWrite().body).to.deep.equal({ version: 2, reason: 'Die Person hat den Antrag zurückgezogen.' });

    const coordinator = await render(roleRequests.coordinatorApproval());
    await open(coordinator, 'reject-approval');
    type($<HTMLTextAreaElement>(coordinator, '#field-reason'), 'Bitte Geburtsdatum ergänzen.');
    await submit(coordinator, 'reject-approval');
    expect(lastWrite().body).to.deep.equal({ version: 2, reason: 'Bitte Geburtsdatum ergänzen.' });
  });

  it('approves with the version only', async () => {
    const element = await render(roleRequests.coordinatorApproval());
    await open(element, 'approve');
    await submit(element, 'approve');
    expect(lastWrite().path).to.match(/\/approve$/);
    expect(lastWrite().body).to.deep.equal({ version: 2 });
  });

  for (const [action, make] of [
    ['request-clarification', roleRequests.requesterAnswered],
    ['refer', roleRequests.requesterAnswered],
    ['message', roleRequests.requesterAnswered],
    ['answer-clarification', roleRequests.responderClarification],
  ] as const) {
    it(`sends the text and its language for ${action}`, async () => {
      const request = make();
      const element = await render(request);
      await open(element, action);
      type($<HTMLTextAreaElement>(element, '#field-text'), 'Bitte bestätigen Sie das Datum.');
      type($<HTMLSelectElement>(element, '#field-lang'), 'de');
      await submit(element, action);
      expect(lastWrite().path).to.equal(`/requests/${request.id}/${action}`);
      expect(lastWrite().body).to.deep.equal({ version: request.version, text: 'Bitte bestätigen Sie das Datum.', lang: 'de' });
    });
  }

  it('resolves a referral with its outcome and explanation', async () => {
    const element = await render(roleRequests.referralCoordinator());
    await open(element, 'resolve-referral');
    $(element, 'input[name="outcome"][value="reply-again"]').click();
    type($<HTMLTextAreaElement>(element, '#field-text'), 'Please answer question 5 again.');
    type($<HTMLSelectElement>(element, '#field-lang'), 'en');
    const event = await submit(element, 'resolve-referral');
    expect(lastWrite().body).to.deep.equal({ version: 6, outcome: 'reply-again', text: 'Please answer question 5 again.', lang: 'en' });
    expect(event.detail.request.status).to.equal('ACCEPTED');
  });

  it('allocates to the user ids typed in', async () => {
    const element = await render(roleRequests.allocator());
    await open(element, 'allocate');
    const ids = ['20000000-0000-4000-8000-000000000001', '20000000-0000-4000-8000-000000000002'];
    type($(element, '#user-ids'), 'not-an-id');
    $<HTMLFormElement>(element, '.action-form').requestSubmit();
    await element.updateComplete;
    expect(text($(element, '#userIds-error'))).to.equal('Enter one or more user ids, separated by commas or spaces.');
    type($(element, '#user-ids'), `${ids[0]}, ${ids[1]}`);
    await submit(element, 'allocate');
    expect(lastWrite().body).to.deep.equal({ version: 2, userIds: ids });
  });

  it('reuses the request as a new draft', async () => {
    const element = await render(roleRequests.closed());
    await open(element, 'reuse');
    const event = await submit(element, 'reuse');
    expect(event.detail.request.status).to.equal('DRAFT');
    expect(lastWrite().body).to.deep.equal({ version: 7 });
    await element.updateComplete;
    expect(liveRegion(element).textContent).to.contain('A new draft was made from this request');
  });

  it('reloads the request and tells the user when someone else changed it (409)', async () => {
    const request = roleRequests.responderAwaitingAcceptance();
    const element = await render(request);
    const current = api.store.get(request.id)!;
    current.version = 3;
    current.status = 'ACCEPTED';
    current.allowedActions = ['reply'];
    await open(element, 'accept');
    $<HTMLFormElement>(element, '.action-form').requestSubmit();
    await waitUntil(() => liveRegion(element).textContent?.includes('Someone else changed this request'));
    await element.updateComplete;
    expect(text($(element, '.notice'))).to.equal('Someone else changed this request in the meantime. It has been reloaded: check it and try again.');
    expect(text($(element, '.badge'))).to.equal('Accepted');
    expect(actionButtons(element).map((button) => button.dataset.action)).to.deep.equal(['reply']);
    expect(root(element).querySelector('.action-form') === null, 'the element is gone').to.equal(true);
    expect(root(element).activeElement === $(element, '.notice'), 'the notice has the focus').to.equal(true);
  });

  it('fires imi-auth-required on 401', async () => {
    configureImi({ getAccessToken: () => 'expired' });
    const request = roleRequests.requesterAnswered();
    useApi(request);
    stub = installRequestsStub((call) => api.handle(call));
    const element = await fixture<ImiRequestView>(html`<imi-request-view request-id=${request.id}></imi-request-view>`);
    const event = await oneEvent(element, 'imi-auth-required');
    expect(event.detail.problem.status).to.equal(401);
    await waitUntil(() => root(element).querySelector('.problem'));
    expect(text($(element, '.problem'))).to.contain('Please sign in again');
  });

  it('shows the empty, loading and error states', async () => {
    const empty = await fixture<ImiRequestView>(html`<imi-request-view></imi-request-view>`);
    await empty.updateComplete;
    expect(text($(empty, '.state'))).to.equal('No request chosen.');

    const request = roleRequests.requesterAnswered();
    useApi(request, { pendingLoad: true });
    stub = installRequestsStub((call) => api.handle(call));
    const loading = await fixture<ImiRequestView>(html`<imi-request-view request-id=${request.id}></imi-request-view>`);
    await waitUntil(() => root(loading).querySelector('[aria-busy="true"]'));
    expect(text($(loading, '.state'))).to.equal('Loading the request…');
    stub.restore();

    const failed = await render(request, { loadFailure: { status: 503, title: 'Service unavailable' } });
    expect(text($(failed, '.problem'))).to.contain('The server refused the request.');
    await expect(failed).to.be.accessible();
  });

  it('is operated with the keyboard: Enter opens an action form, Escape closes it and returns the focus', async () => {
    const element = await render(roleRequests.requesterWaiting());
    const withdraw = $<HTMLButtonElement>(element, '[data-action="withdraw"]');
    withdraw.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => root(element).activeElement?.id === 'field-reason');
    expect(withdraw.getAttribute('aria-expanded')).to.equal('true');
    await sendKeys({ type: 'Umzug' });
    await sendKeys({ press: 'Escape' });
    await element.updateComplete;
    await waitUntil(() => root(element).activeElement === withdraw);
    expect(root(element).querySelector('.action-form') === null, 'the element is gone').to.equal(true);
    expect(withdraw.getAttribute('aria-expanded')).to.equal('false');
  });

  describe('blocked and deleted personal data', () => {
    const personal = ['PQ-005-identity-match', 'PQ-012-award-date', 'PQ-026-experience-years', 'PQ-035-sanction-kinds', 'PQ-045-copy-qualification'];
    /** A closed request as everybody sees it once its personal data are blocked (or deleted): the skeleton only. */
    const protectedRequest = (dataProtection: Partial<RequestView['dataProtection']>) => sampleRequest({
      status: 'CLOSED', version: 7, allowedActions: ['reuse'], closedAt: '2026-03-10T10:00:00.000Z',
      subject: undefined, freeText: undefined, replyText: undefined, attachments: undefined,
      answers: sampleRequest().answers.filter((answer) => !personal.includes(answer.question)),
      redacted: ['subject', 'freeText', 'replyText', 'attachments', ...personal.map((code) => `answers.${code}`)],
      dataProtection: {
        closedAt: '2026-03-10T10:00:00.000Z', blockedFrom: '2026-09-10T10:00:00.000Z', blocked: true, deletionDue: '2029-03-10T10:00:00.000Z',
        personalDataDeletedAt: null, ...dataProtection,
      },
    });
    const note = (element: HTMLElement) => text(root(element).querySelector('[role="note"]'));
    const hiddenAnswers = (element: HTMLElement) => [...root(element).querySelectorAll('.qa .redacted')].map(text);

    it('says since when the personal data are blocked and when they will be deleted, without showing them as missing', async () => {
      const element = await render(protectedRequest({}));
      expect(note(element)).to.equal(
        'The personal data of this request are blocked since September 10, 2026: nobody sees them any more. Only its dates, states, parties and non-personal answers remain visible. They will be deleted on March 10, 2029.',
      );
      expect(root(element).querySelector('#subject-title'), 'no empty section on the person').to.equal(null);
      expect(root(element).querySelector('#attachments-title'), 'no empty attachments section').to.equal(null);
      expect(root(element).querySelector('#redacted-note'), 'not called a need-to-know restriction').to.equal(null);
      expect(root(element).textContent).not.to.contain('Hidden: personal data');
      expect(hiddenAnswers(element)).to.deep.equal(Array(personal.length).fill('Blocked: personal data'));
      expect(text($(element, '.qa li .answer'))).to.equal('Infirmière diplômée d’État');
      await expect(element).to.be.accessible();
    });

    it('says when the personal data were deleted', async () => {
      const element = await render(protectedRequest({ personalDataDeletedAt: '2029-03-11T02:00:00.000Z' }));
      expect(note(element)).to.equal(
        'The personal data of this request were deleted on March 11, 2029. Only its dates, states, parties and non-personal answers remain.',
      );
      expect(hiddenAnswers(element)).to.deep.equal(Array(personal.length).fill('Deleted: personal data'));
      expect(root(element).querySelector('#subject-title')).to.equal(null);
    });

    it('says when the personal data of a closed request will be blocked, and still shows them until then', async () => {
      const closed = roleRequests.closed();
      const element = await render({
        ...closed, closedAt: '2026-03-10T10:00:00.000Z',
        dataProtection: { closedAt: '2026-03-10T10:00:00.000Z', blockedFrom: '2026-09-10T10:00:00.000Z', blocked: false, deletionDue: '2029-03-10T10:00:00.000Z', personalDataDeletedAt: null },
      });
      expect(note(element)).to.equal('Personal data will be blocked on September 10, 2026; from then on nobody sees them.');
      expect(text(root(element).querySelector('[aria-labelledby="subject-title"] dd'))).to.equal('Ana Ferreira');
      expect(root(element).querySelectorAll('.files li').length).to.be.greaterThan(0);
    });

    it('says nothing about blocking while the request is open', async () => {
      const element = await render(roleRequests.requesterAnswered());
      expect(root(element).querySelector('[role="note"]')).to.equal(null);
    });
  });

  it('keeps long German and Finnish words inside 320 px', async () => {
    useApi(longWordsRequest());
    stub = installRequestsStub((call) => api.handle(call));
    const wrapper = await fixture<HTMLElement>(html`<div style="width: 320px"><imi-request-view request-id=${longWordsRequest().id}></imi-request-view></div>`);
    const element = wrapper.querySelector('imi-request-view')!;
    await waitUntil(() => root(element).querySelector('article'));
    expect(element.scrollWidth).to.be.at.most(320);
  });

  it('switches to the language of its lang attribute at run time, loads the request again in it and formats its dates for it', async () => {
    const request = roleRequests.requesterAnswered();
    const element = await render(request);
    const fact = (selector: string) => [...root(element).querySelectorAll(`${selector} > *`)].map(text);
    const visible = () => ({
      heading: text(root(element).querySelector('header h2')),
      status: text(root(element).querySelector('.badge')),
      questions: text(root(element).querySelector('#questions-title')),
      close: text(root(element).querySelector('[data-action="close"]')),
      replyBy: fact('header dl > div:nth-child(5)'),
      dateOfBirth: fact('[aria-labelledby="subject-title"] dl > div:nth-child(2)'),
      answers: [...root(element).querySelectorAll('.qa li')].slice(1, 6).map((item) => text(item.querySelector('.answer'))),
    });
    const firstStep = () => text(root(element).querySelector('.timeline time'));
    expect(visible()).to.deep.equal({
      heading: 'Request PQ-2026-000042', status: 'Answered', questions: 'Questions and answers', close: 'Accept the reply and close',
      replyBy: ['Reply requested by', 'April 1, 2026'], dateOfBirth: ['Date of birth', 'March 14, 1988'],
      answers: ['Yes', 'Automatic recognition', 'Unknown', 'June 30, 2014', '7.5'],
    });
    const englishStep = firstStep();
    const before = api.log.length;

    element.lang = 'fi';
    await waitUntil(() => visible().heading === 'Pyyntö PQ-2026-000042', 'the view is not in Finnish');
    await waitUntil(() => api.log.slice(before).some((call) => call.path === `/requests/${request.id}/timeline`), 'the request was not loaded again');
    await element.updateComplete;
    expect(visible()).to.deep.equal({
      heading: 'Pyyntö PQ-2026-000042', status: 'Vastattu', questions: 'Kysymykset ja vastaukset', close: 'Hyväksy vastaus ja sulje pyyntö',
      replyBy: ['Vastausta pyydetään viimeistään', '1. huhtikuuta 2026'], dateOfBirth: ['Syntymäaika', '14. maaliskuuta 1988'],
      answers: ['Kyllä', 'Automatic recognition', 'Ei tiedossa', '30. kesäkuuta 2014', '7,5'],
    });
    const finnishStep = firstStep();
    expect(finnishStep).not.to.equal(englishStep);
    expect(finnishStep).to.equal(new Intl.DateTimeFormat('fi', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(api.timelines.get(request.id)![0].at)));
    expect(finnishStep).to.match(/^\d{1,2}\.\d{1,2}\.\d{4} klo \d{1,2}\.\d{2}$/);
    const reloads = api.log.slice(before);
    expect(reloads.map((call) => call.path)).to.include.members([`/requests/${request.id}`, `/requests/${request.id}/timeline`]);
    for (const call of reloads) {
      expect(call.query.get('lang'), `lang of ${call.path}`).to.equal('fi');
      expect(call.headers.get('Accept-Language'), `Accept-Language of ${call.path}`).to.equal('fi');
    }
  });

  describe('machine translation', () => {
    const reply = (body: unknown, status = 200) =>
      Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status < 400 ? 'application/json' : 'application/problem+json' } }));
    /** A server with a provider: translations of `texts`, or the problem `failure`. */
    function translationServer(failure?: { status: number; title: string; detail: string }) {
      const asked: Record<string, unknown>[] = [];
      const intercept = (call: Request) => {
        const path = new URL(call.url).pathname;
        if (path.endsWith('/machine-translation')) return reply({ available: true, provider: 'libretranslate' });
        if (!path.endsWith('/translations')) return undefined;
        return call.json().then((body: { field: string; to: string }) => {
          asked.push(body);
          if (failure) return reply({ type: 'about:blank', ...failure }, failure.status);
          const original = body.field === 'event' ? { text: 'Nous vérifions le registre.', lang: 'fr' } : { text: 'Die Antragstellerin hat ihr Diplom in Lyon erworben.', lang: 'de' };
          const translated = body.field === 'event' ? 'We are checking the register.' : 'The applicant obtained her diploma in Lyon.';
          return reply({ original, translation: { text: translated, lang: body.to, machine: true, provider: 'libretranslate' } });
        });
      };
      return { asked, intercept };
    }
    const translateButtons = (element: HTMLElement) => [...root(element).querySelectorAll<HTMLButtonElement>('[data-translate]')];

    it('offers no translate button where the server has no provider', async () => {
      const element = await render(roleRequests.requesterAnswered());
      expect(root(element).querySelectorAll('.text .original').length).to.equal(2);
      expect(translateButtons(element)).to.have.length(0);
    });

    it('offers a translate button for each text in another language than the page', async () => {
      const element = await render(roleRequests.requesterAnswered(), {}, translationServer().intercept);
      expect(translateButtons(element).map((b) => b.dataset.translate)).to.deep.equal(['freeText', 'replyText', 'event:4']);
      expect(text(translateButtons(element)[0])).to.equal('Translate into English');
    });

    it('shows the machine translation marked as such, next to the original with its language', async () => {
      const server = translationServer();
      const element = await render(roleRequests.requesterAnswered(), {}, server.intercept);
      translateButtons(element)[0].click();
      await waitUntil(() => root(element).querySelector('.translation'), 'no translation shown');
      expect(server.asked).to.deep.equal([{ field: 'freeText', to: 'en' }]);
      const block = root(element).querySelector('.text')!;
      expect(block.querySelector('.original')!.getAttribute('lang')).to.equal('de');
      expect(text(block.querySelector('.original'))).to.equal('Die Antragstellerin hat ihr Diplom in Lyon erworben.');
      expect(text(block.querySelector('.translation .tag'))).to.equal('Machine translation');
      expect(text(block.querySelector('.hint'))).to.equal('Original language: German');
      const translated = block.querySelector('.translated')!;
      expect(text(translated)).to.equal('The applicant obtained her diploma in Lyon.');
      expect(translated.getAttribute('lang')).to.equal('en');
      expect(block.querySelector('[data-translate]')).to.equal(null);
      await expect(element).to.be.accessible();
    });

    it('translates the text of a timeline step', async () => {
      const server = translationServer();
      const element = await render(roleRequests.requesterAnswered(), {}, server.intercept);
      $(element, '[data-translate="event:4"]').click();
      await waitUntil(() => root(element).querySelector('.timeline .translated'), 'no translation shown');
      expect(server.asked).to.deep.equal([{ field: 'event', eventId: '4', to: 'en' }]);
      const step = root(element).querySelectorAll('.timeline > li')[3];
      expect(text(step.querySelector('.original'))).to.equal('Nous vérifions le registre.');
      expect(text(step.querySelector('.translated'))).to.equal('We are checking the register.');
      expect(text(step.querySelector('.translation .hint'))).to.equal('Machine translation Original language: French');
    });

    it('says politely that the provider is unavailable, and the view stays usable', async () => {
      const server = translationServer({ status: 503, title: 'Service unavailable', detail: 'The machine-translation service is not available at the moment.' });
      const element = await render(roleRequests.requesterAnswered(), {}, server.intercept);
      translateButtons(element)[1].click();
      await waitUntil(() => root(element).querySelector('.translate-error'), 'no error shown');
      expect(text(root(element).querySelector('.translate-error'))).to.equal(
        'The translation service is not available at the moment. The original text is shown; try again later.');
      expect(root(element).querySelector('.translation')).to.equal(null);
      expect(text(root(element).querySelectorAll('.text .original')[1])).to.equal('Le diplôme est authentique.');
      expect(translateButtons(element).every((b) => !b.disabled)).to.equal(true);
      expect(actionButtons(element).length).to.be.greaterThan(0);
    });
  });
});
