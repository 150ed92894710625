import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import '../components/request-form/define.js';
import { configureImi } from '../components/core/context.js';
import type { FetchStub } from '../test/fixtures/directory-api.js';
import { allQuestions, installRequestsStub, requestsApi, roleRequests, type RequestsApiOptions } from '../test/fixtures/requests-api.js';

interface Args {
  /** The `lang` attribute of the widget; empty to follow the toolbar's language. */
  lang: string;
  /** The draft to resume; empty for a new request. */
  requestId: string;
  area: string;
  /** How the stand-in API answers. */
  api: RequestsApiOptions;
}

let stub: FetchStub | undefined;
const draft = { ...roleRequests.draft(), questions: allQuestions.slice(0, 4), replyBy: '2027-01-15' };

const meta: Meta<Args> = {
  title: 'Widgets/Request form',
  component: 'imi-request-form',
  args: { lang: '', requestId: '', area: 'PQ', api: {} },
  argTypes: { api: { control: false } },
  // The stories run without a server: `fetch` and uploads answer from the sample data.
  loaders: [
    async ({ args }) => {
      stub?.restore();
      const api = requestsApi({ delayMs: 150, requests: [draft], ...args.api });
      stub = installRequestsStub((request) => api.handle(request));
      configureImi({ apiBase: '/api/v1', getAccessToken: () => 'storybook-token', locale: undefined });
      return {};
    },
  ],
  render: ({ lang, requestId, area }) => html`
    <imi-request-form
      lang=${lang || nothing}
      request-id=${requestId || nothing}
      area=${area || nothing}
      @imi-request-saved=${(event: CustomEvent) => console.info('imi-request-saved', event.detail)}
      @imi-request-sent=${(event: CustomEvent) => console.info('imi-request-sent', event.detail)}
    ></imi-request-form>
  `,
};

export default meta;
type Story = StoryObj<Args>;

/** A new request for the professional-qualifications area. */
export const NewRequest: Story = {};

/** The form waits for the draft. */
export const Loading: Story = { args: { requestId: draft.id, api: { pendingLoad: true } } };

/** No area chosen yet: no questions to show. */
export const Empty: Story = { args: { area: '' } };

/** The area has no question set. */
export const NoQuestionSets: Story = { args: { api: { noQuestionSets: true } } };

/** The draft could not be loaded. */
export const LoadError: Story = { args: { requestId: draft.id, api: { loadFailure: { status: 503, title: 'Service unavailable' } } } };

/** A draft resumed from its id; edits are saved automatically. */
export const ResumeDraft: Story = { args: { requestId: draft.id } };

/** The next save is refused with field errors, shown at their fields. */
export const ServerValidation: Story = {
  args: {
    requestId: draft.id,
    api: { rejectNextWrite: [{ path: 'subject.dateOfBirth', in: 'body', message: 'Not a calendar date' }, { path: 'replyBy', in: 'body', message: 'Choose a date after today' }] },
  },
};

/** Sending goes to the request coordinator first. */
export const SendForApproval: Story = { args: { requestId: draft.id, api: { approveRequests: true } } };

/** German UI with long compound words in the question texts. */
export const LongGermanWords: Story = { args: { lang: 'de', api: { germanTexts: true } } };

/** Finnish UI. */
export const Finnish: Story = { args: { lang: 'fi' } };

/** The narrowest supported width, 320 px. */
export const Narrow: Story = {
  args: { lang: 'de', api: { germanTexts: true } },
  decorators: [(story) => html`<div class="narrow">${story()}</div><style>.narrow { width: 320px; }</style>`],
};
