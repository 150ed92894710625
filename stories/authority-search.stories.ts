import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import '../components/index.js';
import type { ImiAuthoritySearch } from '../components/authority-search/authority-search.js';
import { configureImi } from '../components/core/context.js';
import {
  directoryApi,
  installFetchStub,
  longWordAuthorities,
  manyAuthorities,
  type DirectoryApiOptions,
  type FetchStub,
} from '../test/fixtures/directory-api.js';

interface Args {
  /** The `lang` attribute of the widget; empty to follow the toolbar's language. */
  lang: string;
  /** Text typed into the search field when the story opens. */
  query: string;
  hideFilters: boolean;
  label: string;
  /** How the stand-in API answers. */
  api: DirectoryApiOptions;
}

let stub: FetchStub | undefined;

function typeInto(canvas: HTMLElement, text: string): Promise<void> {
  const element = canvas.querySelector<ImiAuthoritySearch>('imi-authority-search');
  if (!element || !text) return Promise.resolve();
  return element.updateComplete.then(() => {
    const input = element.shadowRoot!.querySelector<HTMLInputElement>('input')!;
    input.focus();
    input.value = text;
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  });
}

const meta: Meta<Args> = {
  title: 'Widgets/Authority search',
  component: 'imi-authority-search',
  args: { lang: '', query: '', hideFilters: false, label: '', api: {} },
  argTypes: {
    lang: { control: 'text' },
    query: { control: 'text' },
    api: { control: false },
  },
  // The stories run without a server: `fetch` answers from the sample directory.
  loaders: [
    async ({ args }) => {
      stub?.restore();
      stub = installFetchStub(directoryApi({ delayMs: 150, ...args.api }));
      configureImi({ apiBase: '/api/v1', getAccessToken: () => 'storybook-token', locale: undefined });
      return {};
    },
  ],
  render: ({ lang, hideFilters, label }) => html`
    <imi-authority-search
      lang=${lang || nothing}
      label=${label || nothing}
      ?hide-filters=${hideFilters}
      @imi-authority-select=${(event: CustomEvent) => console.info('imi-authority-select', event.detail)}
    ></imi-authority-search>
  `,
  play: async ({ canvasElement, args }) => typeInto(canvasElement, args.query),
};

export default meta;
type Story = StoryObj<Args>;

/** Before typing: the label and the hint. */
export const Idle: Story = {};

/** The search is under way: the results are marked busy and "Searching…" is announced. */
export const Loading: Story = { args: { query: 'Krankenschwester', api: { pendingSearch: true } } };

/** A term in German finds authorities of every state competent for general care nurses, and says why. */
export const Results: Story = { args: { query: 'Krankenschwester' } };

/** More results than one page: "Load more results" fetches the next page with the cursor. */
export const ManyResults: Story = { args: { query: 'doctor', api: { authorities: manyAuthorities } } };

/** Nothing matched. */
export const Empty: Story = { args: { query: 'xyzzy', api: { authorities: [] } } };

/** The server answered with a problem; Retry searches again. */
export const ServerError: Story = {
  args: { query: 'nurse', api: { searchFailure: { status: 503, title: 'Service unavailable', detail: 'The directory is being updated. Try again in a minute.' } } },
};

/** The server could not be reached at all. */
export const Offline: Story = { args: { query: 'nurse', api: { searchFailure: 'network' } } };

/** German UI with long compound words, which wrap instead of overflowing. */
export const LongGermanWords: Story = { args: { lang: 'de', query: 'Krankenpflegerin', api: { authorities: longWordAuthorities } } };

/** Finnish UI with long compound words. */
export const LongFinnishWords: Story = { args: { lang: 'fi', query: 'sairaanhoitaja', api: { authorities: longWordAuthorities } } };

/** The narrowest supported width, 320 px. */
export const Narrow: Story = {
  args: { lang: 'de', query: 'Krankenpflegerin', api: { authorities: longWordAuthorities } },
  decorators: [(story) => html`<div class="narrow">${story()}</div><style>.narrow { width: 320px; }</style>`],
};

export const French: Story = { args: { lang: 'fr', query: 'infirmière' } };
export const Polish: Story = { args: { lang: 'pl', query: 'pielęgniarka' } };
export const Greek: Story = { args: { lang: 'el', query: 'νοσηλευτής' } };
export const Irish: Story = { args: { lang: 'ga', query: 'altra' } };

/** Embedded with fixed filters and its own label. */
export const WithoutFilters: Story = { args: { hideFilters: true, label: 'Find the authority that issued the diploma', query: 'nurse' } };
