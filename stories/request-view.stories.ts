import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import '../components/request-view/define.js';
import { configureImi } from '../components/core/context.js';
import type { RequestView } from '../components/core/types.js';
import type { FetchStub } from '../test/fixtures/directory-api.js';
import { installRequestsStub, longWordsRequest, requestsApi, roleRequests, type RequestsApiOptions } from '../test/fixtures/requests-api.js';

interface Args {
  /** The `lang` attribute of the widget; empty to follow the toolbar's language. */
  lang: string;
  /** The request as the server shows it to the user of the story. */
  request?: RequestView;
  /** How the stand-in API answers. */
  api: RequestsApiOptions;
}

let stub: FetchStub | undefined;

const meta: Meta<Args> = {
  title: 'Widgets/Request view',
  component: 'imi-request-view',
  args: { lang: '', request: roleRequests.requesterAnswered(), api: {} },
  argTypes: { request: { control: false }, api: { control: false } },
  // The stories run without a server: `fetch` answers from the sample request.
  loaders: [
    async ({ args }) => {
      stub?.restore();
      const api = requestsApi({ delayMs: 150, requests: args.request ? [args.request] : [], ...args.api });
      stub = installRequestsStub((request) => api.handle(request));
      configureImi({ apiBase: '/api/v1', getAccessToken: () => 'storybook-token', locale: undefined });
      return {};
    },
  ],
  render: ({ lang, request }) => html`
    <imi-request-view
      lang=${lang || nothing}
      request-id=${request?.id || nothing}
      @imi-request-action=${(event: CustomEvent) => console.info('imi-request-action', event.detail)}
      @imi-request-open=${(event: CustomEvent) => console.info('imi-request-open', event.detail)}
    ></imi-request-view>
  `,
};

export default meta;
type Story = StoryObj<Args>;

/** The requesting handler reviews a reply: close, ask for clarification, refer, message, reuse. */
export const RequesterReviewsReply: Story = {};

/** No request chosen. */
export const Empty: Story = { args: { request: undefined } };

/** The request is loading. */
export const Loading: Story = { args: { api: { pendingLoad: true } } };

/** The request could not be loaded. */
export const LoadError: Story = { args: { api: { loadFailure: { status: 503, title: 'Service unavailable' } } } };

/** The timeline could not be loaded; the rest shows. */
export const TimelineError: Story = { args: { api: { timelineFailure: { status: 500, title: 'Internal error' } } } };

/** The requesting handler waits for acceptance and may withdraw. */
export const RequesterWaiting: Story = { args: { request: roleRequests.requesterWaiting() } };

/** The responding handler before acceptance: no personal data, accept / forward / split. */
export const ResponderAwaitingAcceptance: Story = { args: { request: roleRequests.responderAwaitingAcceptance() } };

/** The responding handler after acceptance: reply with an answer input per question. */
export const ResponderReplies: Story = { args: { request: roleRequests.responderAccepted() } };

/** The responding handler asked for clarification. */
export const ResponderClarifies: Story = { args: { request: roleRequests.responderClarification() } };

/** The request coordinator approves or sends back. */
export const CoordinatorApproval: Story = { args: { request: roleRequests.coordinatorApproval() } };

/** The coordinator a referral went to resolves it. */
export const ReferralCoordinator: Story = { args: { request: roleRequests.referralCoordinator() } };

/** The allocator assigns handlers. */
export const Allocator: Story = { args: { request: roleRequests.allocator() } };

/** A closed request, reusable as a new draft. */
export const Closed: Story = { args: { request: roleRequests.closed() } };

/** German UI with long German and Finnish words. */
export const LongGermanAndFinnishWords: Story = { args: { lang: 'de', request: longWordsRequest() } };

/** Finnish UI at the narrowest supported width, 320 px. */
export const NarrowFinnish: Story = {
  args: { lang: 'fi', request: longWordsRequest() },
  decorators: [(story) => html`<div class="narrow">${story()}</div><style>.narrow { width: 320px; }</style>`],
};
