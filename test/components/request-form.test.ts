import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { TemplateResult } from 'lit';
import '../../components/request-form/define.js';
import type { ImiAnswerInput } from '../../components/request-form/answer-input.js';
import type { ImiRequestForm } from '../../components/request-form/request-form.js';
import { configureImi } from '../../components/core/context.js';
import type { FetchStub } from '../fixtures/directory-api.js';
import { nurseAuthorities } from '../fixtures/directory-api.js';
import { allQuestions, installRequestsStub, requestsApi, roleRequests, type RequestsApi, type RequestsApiOptions } from '../fixtures/requests-api.js';

const token = 'form-token-51c2';
let stub: FetchStub | undefined;
let api: RequestsApi;

function useApi(options: RequestsApiOptions = {}): RequestsApi {
  api = requestsApi({ token, ...options });
  return api;
}

async function render(template: TemplateResult = html`<imi-request-form area="PQ" autosave-delay="50"></imi-request-form>`): Promise<ImiRequestForm> {
  stub?.restore();
  stub = installRequestsStub((request) => api.handle(request));
  const element = await fixture<ImiRequestForm>(template);
  await element.localeReady;
  await waitUntil(() => root(element).querySelector('form') || root(element).querySelector('.problem, .state:not([aria-busy])'), 'the form did not load');
  await waitUntil(() => !root(element).querySelector('[aria-busy="true"]'), 'the questions did not load');
  await element.updateComplete;
  return element;
}

const root = (element: HTMLElement) => element.shadowRoot!;
const field = <T extends HTMLElement = HTMLInputElement>(element: HTMLElement, id: string) => root(element).querySelector<T>(`#${id}`)!;
const button = (element: HTMLElement, text: string) => [...root(element).querySelectorAll('button')].find((b) => b.textContent?.trim() === text)!;
const liveRegion = (element: HTMLElement) => root(element).querySelector<HTMLElement>('[role="status"]')!;
const focused = (element: HTMLElement) => root(element).activeElement;

function type(control: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string): void {
  control.value = value;
  control.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  control.dispatchEvent(new Event('change', { bubbles: true }));
}

function check(element: HTMLElement, code: string): void {
  field(element, `q-${code}`).click();
}

async function chooseRecipient(element: ImiRequestForm): Promise<void> {
  const search = field(element, 'recipient-search');
  search.dispatchEvent(new CustomEvent('imi-authority-select', { detail: { authority: nurseAuthorities[1] }, bubbles: true, composed: true }));
  await element.updateComplete;
}

async function fillRequired(element: ImiRequestForm): Promise<void> {
  check(element, 'PQ-001-profession-title');
  check(element, 'PQ-005-identity-match');
  type(field(element, 'first-name'), 'Ana');
  type(field(element, 'last-name'), 'Ferreira');
  await element.updateComplete;
}

beforeEach(() => {
  useApi();
  configureImi({ apiBase: '/api/v1', locale: undefined, getAccessToken: () => token });
});

afterEach(() => {
  stub?.restore();
  stub = undefined;
});

describe('<imi-request-form>', () => {
  it('is accessible with the questions of the current set loaded', async () => {
    const element = await render();
    await expect(element).to.be.accessible();
  });

  it('offers the current question set of the area and its questions by group', async () => {
    const element = await render();
    const set = field<HTMLSelectElement>(element, 'question-set');
    expect(set.options).to.have.length(1);
    expect(set.selectedOptions[0].textContent?.trim()).to.equal('Professional qualifications (version 2)');
    const legends = [...root(element).querySelectorAll('fieldset.group legend')].map((legend) => legend.textContent?.trim());
    expect(legends).to.deep.equal(['Identification of the profession', 'The professional', 'Sanctions', 'Copies of documents']);
    const label = root(element).querySelector('label[for="q-PQ-005-identity-match"]')!;
    expect(label.textContent).to.contain('personal data');
  });

  it('narrows the questions with the search within the set and announces how many are shown', async () => {
    const element = await render();
    type(field(element, 'question-search'), 'sanction');
    await element.updateComplete;
    expect(root(element).querySelectorAll('.question')).to.have.length(1);
    expect(liveRegion(element).textContent).to.equal('Questions shown: 1');
    type(field(element, 'question-search'), 'zzzz');
    await element.updateComplete;
    expect(root(element).textContent).to.contain('No question matches “zzzz”.');
  });

  it('marks the data-subject section as personal data', async () => {
    const element = await render();
    const personal = root(element).querySelector('fieldset.personal')!;
    expect(personal.querySelector('legend')?.textContent).to.equal('The person concerned (personal data)');
    expect(personal.getAttribute('aria-describedby')).to.equal('personal-hint');
  });

  it('checks the fields needed to save, links each message to its field and focuses the first', async () => {
    const element = await render();
    button(element, 'Save draft').click();
    await waitUntil(() => root(element).querySelector('.summary'));
    await element.updateComplete;
    expect(api.writes()).to.have.length(0);
    const firstName = field(element, 'first-name');
    expect(firstName.getAttribute('aria-invalid')).to.equal('true');
    expect(firstName.getAttribute('aria-describedby')).to.equal('first-name-error');
    expect(field(element, 'first-name-error').textContent).to.equal('Enter the first name.');
    expect(field(element, 'last-name-error').textContent).to.equal('Enter the last name.');
    expect(field(element, 'question-search-error').textContent).to.equal('Choose at least one question.');
    expect(focused(element) === field(element, 'q-PQ-001-profession-title'), 'the first question has the focus').to.equal(true);
    expect(liveRegion(element).textContent).to.equal('Check the marked fields: 3 to correct.');
    await expect(element).to.be.accessible();

    type(firstName, 'Ana');
    await element.updateComplete;
    expect(firstName.getAttribute('aria-invalid')).to.equal('false');
  });

  it('saves a draft with an Idempotency-Key and fires imi-request-saved with the request', async () => {
    const element = await render();
    await fillRequired(element);
    type(field(element, 'date-of-birth'), '1988-03-14');
    type(field<HTMLSelectElement>(element, 'nationality'), 'PT');
    type(field<HTMLTextAreaElement>(element, 'free-text'), 'Diplom aus Lyon.');
    type(field<HTMLSelectElement>(element, 'free-text-lang'), 'de');
    await chooseRecipient(element);
    const saved = oneEvent(element, 'imi-request-saved');
    button(element, 'Save draft').click();
    const event = await saved;
    const [create] = api.writes();
    expect(create.method).to.equal('POST');
    expect(create.path).to.equal('/requests');
    expect(create.headers.get('Idempotency-Key')).to.match(/^[0-9a-f-]{36}$/);
    expect(create.body).to.deep.equal({
      area: 'PQ', questionSetId: 3, questions: ['PQ-001-profession-title', 'PQ-005-identity-match'],
      subject: { firstName: 'Ana', lastName: 'Ferreira', dateOfBirth: '1988-03-14', nationality: 'PT' },
      responderAuthorityId: nurseAuthorities[1].id, replyBy: null, freeText: 'Diplom aus Lyon.', freeTextLang: 'de',
    });
    expect(event.detail.request.status).to.equal('DRAFT');
    expect(event.detail.request.id).to.equal(element.requestId);
    expect(event.bubbles && event.composed).to.equal(true);
    expect(liveRegion(element).textContent).to.equal('Draft saved.');
  });

  it('autosaves after the first save with a PATCH carrying the version', async () => {
    const element = await render();
    await fillRequired(element);
    button(element, 'Save draft').click();
    await oneEvent(element, 'imi-request-saved');
    type(field(element, 'last-name'), 'Ferreira da Silva');
    const autosaved = await oneEvent(element, 'imi-request-saved');
    const patch = api.writes()[1];
    expect(patch.method).to.equal('PATCH');
    expect(patch.path).to.equal(`/requests/${element.requestId}`);
    expect((patch.body as { version: number }).version).to.equal(1);
    expect((patch.body as { subject: { lastName: string } }).subject.lastName).to.equal('Ferreira da Silva');
    expect(autosaved.detail.request.version).to.equal(2);
    expect(liveRegion(element).textContent).to.equal('Draft saved automatically.');
  });

  it('shows the server’s field errors at their fields, in the user’s language, and focuses the first', async () => {
    const element = await render();
    await fillRequired(element);
    api.options.rejectNextWrite = [
      { path: 'subject.dateOfBirth', in: 'body', message: 'Not a calendar date' },
      { path: 'questions.1', in: 'body', message: 'No question X in version 2' },
      { path: 'profession', in: 'body', message: 'Unknown profession' },
    ];
    button(element, 'Save draft').click();
    await waitUntil(() => root(element).querySelector('.summary'));
    await element.updateComplete;
    expect(field(element, 'date-of-birth-error').textContent).to.equal('Enter a valid date of birth.');
    expect(field(element, 'date-of-birth').getAttribute('aria-describedby')).to.equal('date-of-birth-error');
    expect(field(element, 'question-search-error').textContent).to.equal('Choose at least one question.');
    expect(root(element).querySelector('.summary')!.textContent).to.contain('Unknown profession');
    expect(focused(element) === field(element, 'q-PQ-001-profession-title'), 'the first question has the focus').to.equal(true);
  });

  it('requires the recipient to send', async () => {
    const element = await render();
    await fillRequired(element);
    button(element, 'Send').click();
    await waitUntil(() => root(element).querySelector('#recipient-search-error'));
    expect(field(element, 'recipient-search-error').textContent).to.equal('Choose the authority to ask, in another state.');
    expect(api.writes()).to.have.length(0);
  });

  it('saves and sends, fires imi-request-sent and announces the resulting status', async () => {
    const element = await render();
    await fillRequired(element);
    await chooseRecipient(element);
    const sent = oneEvent(element, 'imi-request-sent');
    button(element, 'Send').click();
    const event = await sent;
    const [create, send] = api.writes();
    expect(create.path).to.equal('/requests');
    expect(send.path).to.equal(`/requests/${event.detail.request.id}/send`);
    expect(send.body).to.deep.equal({ version: 1 });
    expect(event.detail.request.status).to.equal('AWAITING_ACCEPTANCE');
    await element.updateComplete;
    expect(liveRegion(element).textContent).to.contain('was sent to the responding authority. Status: Awaiting acceptance.');
  });

  it('says when a sent request went to the request coordinator for approval', async () => {
    useApi({ approveRequests: true });
    const element = await render();
    await fillRequired(element);
    await chooseRecipient(element);
    button(element, 'Send').click();
    const event = await oneEvent(element, 'imi-request-sent');
    expect(event.detail.request.status).to.equal('AWAITING_APPROVAL');
    await element.updateComplete;
    expect(root(element).querySelector('.sent')!.textContent).to.contain('sent to your request coordinator for approval');
  });

  it('resumes a draft from its request-id', async () => {
    const draft = { ...roleRequests.draft(), questions: allQuestions.slice(0, 2), replyBy: '2027-01-15' };
    useApi({ requests: [draft] });
    const element = await render(html`<imi-request-form request-id=${draft.id}></imi-request-form>`);
    expect(field(element, 'first-name').value).to.equal('Ana');
    expect(field(element, 'date-of-birth').value).to.equal('1988-03-14');
    expect(field<HTMLSelectElement>(element, 'nationality').value).to.equal('PT');
    expect(field(element, 'reply-by').value).to.equal('2027-01-15');
    expect(field(element, 'q-PQ-001-profession-title').checked).to.equal(true);
    expect(field(element, 'q-PQ-004-recognition-regime').checked).to.equal(false);
    expect(field<HTMLTextAreaElement>(element, 'free-text').value).to.equal(draft.freeText!.text);
    expect(field<HTMLSelectElement>(element, 'area').disabled).to.equal(true);
  });

  it('reloads the draft and tells the user when someone else changed it (409)', async () => {
    const draft = roleRequests.draft();
    useApi({ requests: [draft] });
    const element = await render(html`<imi-request-form request-id=${draft.id}></imi-request-form>`);
    api.store.get(draft.id)!.version = 5;
    api.store.get(draft.id)!.subject!.firstName = 'Maria';
    type(field(element, 'first-name'), 'Anna');
    button(element, 'Save draft').click();
    await waitUntil(() => liveRegion(element).textContent?.includes('Someone else changed this draft'));
    await element.updateComplete;
    expect(field(element, 'first-name').value).to.equal('Maria');
    expect(root(element).querySelector('.summary')!.textContent).to.contain('The latest version is shown');
  });

  it('uploads attachments with progress after saving the draft', async () => {
    const element = await render();
    await fillRequired(element);
    const input = field(element, 'files');
    const transfer = new DataTransfer();
    transfer.items.add(new File(['%PDF-1.7 diploma'], 'diploma.pdf', { type: 'application/pdf' }));
    input.files = transfer.files;
    input.dispatchEvent(new Event('change'));
    await waitUntil(() => root(element).querySelector('progress'), 'no progress shown');
    expect(root(element).querySelector(`label[for="${root(element).querySelector('progress')!.id}"]`)?.textContent).to.equal('Uploading diploma.pdf');
    await waitUntil(() => liveRegion(element).textContent === 'diploma.pdf was attached.');
    const upload = api.writes().find((call) => call.path.endsWith('/attachments'))!;
    expect(upload.query.get('name')).to.equal('diploma.pdf');
    expect(upload.headers.get('Authorization')).to.equal(`Bearer ${token}`);
    expect(root(element).querySelector('.files')!.textContent).to.contain('diploma.pdf');
  });

  it('fires imi-auth-required on 401', async () => {
    configureImi({ getAccessToken: () => 'expired' });
    stub = installRequestsStub((request) => api.handle(request));
    const element = await fixture<ImiRequestForm>(html`<imi-request-form area="PQ"></imi-request-form>`);
    const event = await oneEvent(element, 'imi-auth-required');
    expect(event.detail.problem.status).to.equal(401);
    await waitUntil(() => root(element).querySelector('.problem'));
    expect(root(element).querySelector('.problem')!.textContent).to.contain('Please sign in again');
  });

  it('shows the error state with Retry when the form cannot load', async () => {
    const element = await render(html`<imi-request-form request-id="10000000-0000-4000-8000-000000000999"></imi-request-form>`);
    expect(root(element).querySelector('.problem')!.textContent).to.contain('The server refused the request.');
    await expect(element).to.be.accessible();
  });

  it('is operated with the keyboard: Space checks a question, Enter on a summary link focuses its field', async () => {
    const element = await render();
    field(element, 'q-PQ-002-profession-regulated').focus();
    await sendKeys({ press: 'Space' });
    await element.updateComplete;
    expect(field(element, 'q-PQ-002-profession-regulated').checked).to.equal(true);
    button(element, 'Save draft').focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => root(element).querySelector('.summary a'));
    root(element).querySelector<HTMLAnchorElement>('.summary a[href="#last-name"]')!.focus();
    await sendKeys({ press: 'Enter' });
    expect(focused(element) === field(element, 'last-name'), 'the last name has the focus').to.equal(true);
  });

  it('keeps long German words inside 320 px', async () => {
    useApi({ germanTexts: true });
    const wrapper = await fixture<HTMLElement>(html`<div style="width: 320px"></div>`);
    stub = installRequestsStub((request) => api.handle(request));
    const element = document.createElement('imi-request-form');
    element.area = 'PQ';
    wrapper.append(element);
    await waitUntil(() => root(element).querySelector('fieldset.group'));
    expect(element.scrollWidth).to.be.at.most(320);
  });

  it('switches to the language of its lang attribute at run time, loads its reference data again in it and keeps what was entered', async () => {
    const element = await render();
    const visible = () => ({
      heading: root(element).querySelector('#area-title')?.textContent,
      firstName: root(element).querySelector('label[for="first-name"]')?.textContent?.trim(),
      actions: [...root(element).querySelectorAll('.actions button')].map((b) => b.textContent?.trim()),
      area: root(element).querySelector<HTMLSelectElement>('#area')?.selectedOptions[0]?.textContent,
      finland: root(element).querySelector('#nationality option[value="FI"]')?.textContent,
    });
    expect(visible()).to.deep.equal({
      heading: 'Legislative area and questions', firstName: 'First name (required)', actions: ['Save draft', 'Send'],
      area: 'Professional qualifications', finland: 'Finland',
    });
    check(element, 'PQ-005-identity-match');
    type(field(element, 'first-name'), 'Ana');
    type(field<HTMLSelectElement>(element, 'nationality'), 'FI');
    await element.updateComplete;
    const before = api.log.length;

    element.lang = 'de';
    await waitUntil(() => visible().area === 'Berufsqualifikationen', 'the legislative areas were not loaded in German');
    expect(visible()).to.deep.equal({
      heading: 'Rechtsbereich und Fragen', firstName: 'Vorname (Pflichtfeld)', actions: ['Entwurf speichern', 'Senden'],
      area: 'Berufsqualifikationen', finland: 'Finnland',
    });
    expect(field(element, 'first-name').value).to.equal('Ana');
    expect(field<HTMLSelectElement>(element, 'nationality').value).to.equal('FI');
    expect(field(element, 'q-PQ-005-identity-match').checked).to.equal(true);
    const reloads = api.log.slice(before);
    expect(reloads.map((call) => call.path)).to.include.members(['/legislative-areas', '/countries', '/question-sets', '/question-sets/3']);
    for (const call of reloads) {
      expect(call.query.get('lang'), `lang of ${call.path}`).to.equal('de');
      expect(call.headers.get('Accept-Language'), `Accept-Language of ${call.path}`).to.equal('de');
    }
  });
});

describe('<imi-answer-input>', () => {
  const questionOf = (code: string) => allQuestions.find((question) => question.code === code)!;

  async function answer(code: string, value?: unknown): Promise<{ form: HTMLFormElement; input: ImiAnswerInput }> {
    const form = await fixture<HTMLFormElement>(html`<form><imi-answer-input .question=${questionOf(code)} .value=${value}></imi-answer-input></form>`);
    const input = form.querySelector('imi-answer-input')!;
    await input.updateComplete;
    return { form, input };
  }

  it('is accessible for every answer type', async () => {
    const form = await fixture<HTMLFormElement>(html`<form>
      ${allQuestions.map((question) => html`<imi-answer-input .question=${question} request-id="r1"></imi-answer-input>`)}
    </form>`);
    await expect(form).to.be.accessible();
  });

  it('renders yes/no and yes/no/unknown as radio groups in a fieldset and submits the code', async () => {
    const { form, input } = await answer('PQ-005-identity-match');
    const radios = [...root(input).querySelectorAll<HTMLInputElement>('input[type="radio"]')];
    expect(root(input).querySelector('fieldset legend')!.textContent).to.contain('Do the identity details match');
    expect(radios.map((radio) => radio.parentElement!.textContent!.trim())).to.deep.equal(['Yes', 'No', 'Unknown']);
    expect(input.validity.valueMissing).to.equal(true);
    expect(input.validationMessage).to.equal('Answer this question.');
    radios[2].click();
    await input.updateComplete;
    expect(input.value).to.equal('unknown');
    expect(input.checkValidity()).to.equal(true);
    expect(new FormData(form).get('PQ-005-identity-match')).to.equal('unknown');
    const yesNo = await answer('PQ-002-profession-regulated', 'no');
    expect(root(yesNo.input).querySelectorAll('input[type="radio"]')).to.have.length(2);
    expect(new FormData(yesNo.form).get('PQ-002-profession-regulated')).to.equal('no');
  });

  it('renders single choice with the option labels and submits the option code', async () => {
    const { form, input } = await answer('PQ-004-recognition-regime');
    const radios = [...root(input).querySelectorAll<HTMLInputElement>('input[type="radio"]')];
    expect(radios[1].parentElement!.textContent!.trim()).to.equal('Automatic recognition');
    expect(input.checkValidity()).to.equal(true);
    radios[1].click();
    await input.updateComplete;
    expect(new FormData(form).get('PQ-004-recognition-regime')).to.equal('automatic-recognition');
  });

  it('renders multiple choice as checkboxes and submits every chosen code in option order', async () => {
    const { form, input } = await answer('PQ-035-sanction-kinds');
    const boxes = [...root(input).querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];
    expect(boxes).to.have.length(3);
    boxes[2].click();
    boxes[0].click();
    await input.updateComplete;
    expect(input.value).to.deep.equal(['warning', 'removal']);
    expect(new FormData(form).getAll('PQ-035-sanction-kinds')).to.deep.equal(['warning', 'removal']);
  });

  it('renders date and number inputs with labels and submits their values', async () => {
    const date = await answer('PQ-012-award-date', '2014-06-30');
    const dateInput = root(date.input).querySelector<HTMLInputElement>('input[type="date"]')!;
    expect(root(date.input).querySelector('label[for="control"]')!.textContent).to.contain('On what date');
    expect(dateInput.value).to.equal('2014-06-30');
    expect(new FormData(date.form).get('PQ-012-award-date')).to.equal('2014-06-30');

    const number = await answer('PQ-026-experience-years');
    const numberInput = root(number.input).querySelector<HTMLInputElement>('input[type="number"]')!;
    numberInput.value = '7.5';
    numberInput.dispatchEvent(new Event('change'));
    await number.input.updateComplete;
    expect(number.input.value).to.equal(7.5);
    expect(new FormData(number.form).get('PQ-026-experience-years')).to.equal('7.5');
  });

  it('renders text as a required textarea', async () => {
    const { form, input } = await answer('PQ-001-profession-title');
    const textarea = root(input).querySelector('textarea')!;
    expect(textarea.required).to.equal(true);
    expect(form.checkValidity()).to.equal(false);
    textarea.value = 'Infirmière';
    textarea.dispatchEvent(new Event('input'));
    await input.updateComplete;
    expect(form.checkValidity()).to.equal(true);
    expect(new FormData(form).get('PQ-001-profession-title')).to.equal('Infirmière');
  });

  it('renders attachment as a file input that uploads to the request and answers with the attachment id', async () => {
    stub = installRequestsStub((request) => api.handle(request));
    const draft = roleRequests.responderAccepted();
    useApi({ requests: [draft] });
    const form = await fixture<HTMLFormElement>(html`<form><imi-answer-input .question=${questionOf('PQ-045-copy-qualification')} request-id=${draft.id}></imi-answer-input></form>`);
    const input = form.querySelector('imi-answer-input')!;
    await input.updateComplete;
    const file = root(input).querySelector<HTMLInputElement>('input[type="file"]')!;
    expect(root(input).querySelector('label[for="control"]')).to.exist;
    const transfer = new DataTransfer();
    transfer.items.add(new File(['%PDF-1.7'], 'copy.pdf', { type: 'application/pdf' }));
    file.files = transfer.files;
    file.dispatchEvent(new Event('change'));
    await oneEvent(input, 'change');
    expect(input.value).to.match(/^10000000-/);
    expect(new FormData(form).get('PQ-045-copy-qualification')).to.equal(input.value);
    expect(root(input).textContent).to.contain('Attached: copy.pdf');
  });

  it('shows an error linked to its controls and reports it as the validity', async () => {
    const { input } = await answer('PQ-026-experience-years');
    input.error = 'Check this answer.';
    await input.updateComplete;
    const control = root(input).querySelector('input')!;
    expect(control.getAttribute('aria-invalid')).to.equal('true');
    expect(control.getAttribute('aria-describedby')).to.equal('error');
    expect(root(input).querySelector('#error')!.textContent).to.equal('Check this answer.');
    expect(input.validity.customError).to.equal(true);
  });

  it('resets to its first value and restores a saved state', async () => {
    const { form, input } = await answer('PQ-002-profession-regulated', 'yes');
    root(input).querySelectorAll<HTMLInputElement>('input[type="radio"]')[1].click();
    await input.updateComplete;
    expect(input.value).to.equal('no');
    form.reset();
    await input.updateComplete;
    expect(input.value).to.equal('yes');
    input.formStateRestoreCallback('no');
    expect(input.value).to.equal('no');
    const multi = await answer('PQ-035-sanction-kinds');
    const state = new FormData();
    state.append('PQ-035-sanction-kinds', 'warning');
    multi.input.formStateRestoreCallback(state);
    expect(multi.input.value).to.deep.equal(['warning']);
  });
});
