import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import '../components/inbox/define.js';
import { configureImi } from '../components/core/context.js';
import { installFetchStub, type FetchStub } from '../test/fixtures/directory-api.js';
import { inboxApi, longWordRequests, manyRequests, type InboxApiOptions } from '../test/fixtures/inbox-api.js';

interface Args {
  /** The `lang` attribute of the widget; empty to follow the toolbar's language. */
  lang: string;
  box: 'incoming' | 'outgoing' | 'coordination';
  sort: 'deadline' | 'updated';
  pageSize: number;
  /** How the stand-in API answers. */
  api: InboxApiOptions;
}

let stub: FetchStub | undefined;

const meta: Meta<Args> = {
  title: 'Widgets/Inbox',
  component: 'imi-inbox',
  args: { lang: '', box: 'incoming', sort: 'deadline', pageSize: 25, api: {} },
  argTypes: {
    lang: { control: 'text' },
    box: { control: 'inline-radio', options: ['incoming', 'outgoing', 'coordination'] },
    sort: { control: 'inline-radio', options: ['deadline', 'updated'] },
    api: { control: false },
  },
  // The stories run without a server: `fetch` answers from sample requests, and `/events` stays open without events.
  loaders: [
    async ({ args }) => {
      stub?.restore();
      const api = inboxApi({ delayMs: 150, ...args.api });
      stub = installFetchStub((request) => api.handle(request));
      configureImi({ apiBase: '/api/v1', getAccessToken: () => 'storybook-token', locale: undefined });
      return {};
    },
  ],
  render: ({ lang, box, sort, pageSize }) => html`
    <imi-inbox
      lang=${lang || nothing}
      box=${box}
      sort=${sort}
      page-size=${pageSize}
      @imi-request-open=${(event: CustomEvent) => console.info('imi-request-open', event.detail)}
    ></imi-inbox>
  `,
};

export default meta;
type Story = StoryObj<Args>;

/** Incoming requests by deadline: overdue, due soon, later, unread and closed ones. */
export const Incoming: Story = {};

/** Requests the user's authority sent. */
export const Outgoing: Story = { args: { box: 'outgoing' } };

/** Requests between other authorities that the user's authority coordinates. */
export const Coordination: Story = { args: { box: 'coordination' } };

/** Latest change first. */
export const ByLatestChange: Story = { args: { sort: 'updated' } };

/** The list is loading: marked busy, with “Loading requests…”. */
export const Loading: Story = { args: { api: { pending: true } } };

/** Nothing in the box. */
export const Empty: Story = { args: { api: { requests: [] } } };

/** The server answered with a problem; Retry loads again. */
export const ServerError: Story = {
  args: { api: { failure: { status: 503, title: 'Service unavailable', detail: 'The database is being maintained. Try again in a minute.' } } },
};

/** The server could not be reached at all. */
export const Offline: Story = { args: { api: { failure: 'network' } } };

/** 500 requests: pages of 100 with “Load more”. */
export const ManyRows: Story = { args: { pageSize: 100, api: { requests: manyRequests(500) } } };

/** German UI with long compound designations, which wrap instead of overflowing. */
export const LongGermanWords: Story = { args: { lang: 'de', api: { requests: longWordRequests() } } };

/** Finnish UI with long compound designations. */
export const LongFinnishWords: Story = { args: { lang: 'fi', api: { requests: longWordRequests() } } };

/** The narrowest supported width, 320 px: each request becomes a card. */
export const Narrow: Story = {
  args: { lang: 'de', api: { requests: longWordRequests() } },
  decorators: [(story) => html`<div class="narrow">${story()}</div><style>.narrow { width: 320px; }</style>`],
};
