import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import '../components/deadline-monitor/define.js';
import { configureImi } from '../components/core/context.js';
import { installFetchStub, type FetchStub } from '../test/fixtures/directory-api.js';
import { deadlinesApi, kpis, longWordDeadlines, manyDeadlines, noDeadlines, type DeadlinesApiOptions } from '../test/fixtures/deadlines-api.js';

interface Args {
  /** The `lang` attribute of the widget; empty to follow the toolbar's language. */
  lang: string;
  scope: '' | 'authority' | 'coordination' | 'network';
  country: string;
  area: string;
  /** How the stand-in API answers. */
  api: DeadlinesApiOptions;
}

let stub: FetchStub | undefined;

const meta: Meta<Args> = {
  title: 'Widgets/Deadline monitor',
  component: 'imi-deadline-monitor',
  args: { lang: '', scope: '', country: '', area: '', api: {} },
  argTypes: {
    lang: { control: 'text' },
    scope: { control: 'inline-radio', options: ['', 'authority', 'coordination', 'network'] },
    api: { control: false },
  },
  // The stories run without a server: `fetch` answers from sample deadlines and indicators.
  loaders: [
    async ({ args }) => {
      stub?.restore();
      stub = installFetchStub(deadlinesApi(args.api));
      configureImi({ apiBase: '/api/v1', getAccessToken: () => 'storybook-token', locale: undefined });
      return {};
    },
  ],
  render: ({ lang, scope, country, area }) => html`
    <imi-deadline-monitor
      lang=${lang || nothing}
      scope=${scope || nothing}
      country=${country || nothing}
      area=${area || nothing}
      @imi-request-open=${(event: CustomEvent) => console.info('imi-request-open', event.detail)}
    ></imi-deadline-monitor>
  `,
};

export default meta;
type Story = StoryObj<Args>;

/** An authority's deadlines, and indicators in each of the three states plus one without data. */
export const Authority: Story = { args: { scope: 'authority' } };

/** A coordinator's view of the authorities it coordinates, for one area. */
export const Coordination: Story = { args: { scope: 'coordination', area: 'PQ' } };

/** Everything on target. */
export const AllOnTarget: Story = { args: { api: { kpis: kpis({ accepted: 96, average: 9.5, onTime: 91, timeliness: 1.2, effort: 0 }) } } };

/** Loading. */
export const Loading: Story = { args: { api: { pending: true } } };

/** Nothing needs attention. */
export const Empty: Story = { args: { api: { deadlines: noDeadlines() } } };

/** The server answered with a problem; Retry loads again. */
export const ServerError: Story = {
  args: { api: { failure: { status: 500, title: 'Internal Server Error', detail: 'The statistics are being recomputed. Try again in a minute.' } } },
};

/** The server could not be reached at all. */
export const Offline: Story = { args: { api: { failure: 'network' } } };

/** Full lists (100 each, as the server sends) with larger counts behind them. */
export const ManyRows: Story = { args: { scope: 'network', api: { deadlines: manyDeadlines() } } };

/** German UI with long compound designations. */
export const LongGermanWords: Story = { args: { lang: 'de', api: { deadlines: longWordDeadlines() } } };

/** Finnish UI with long compound designations. */
export const LongFinnishWords: Story = { args: { lang: 'fi', api: { deadlines: longWordDeadlines() } } };

/** The narrowest supported width, 320 px. */
export const Narrow: Story = {
  args: { lang: 'fi', api: { deadlines: longWordDeadlines() } },
  decorators: [(story) => html`<div class="narrow">${story()}</div><style>.narrow { width: 320px; }</style>`],
};
