import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import type { ApiError } from '../components/core/api.js';
import type { Page } from './forms.js';

/**
 * A cursor-paginated list on a console page (SPEC §6: `{items, nextCursor}`): its first page, the pages “Load more”
 * appends, and a failure to load more, shown beside the button without losing what is shown.
 */
export class CursorList<T> implements ReactiveController {
  items: T[] = [];
  nextCursor: string | null = null;
  private busy = false;
  private problem?: ApiError;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** Fetches the page after `cursor` (the first without one) with the list's current filters. */
    private readonly fetchPage: (cursor: string | undefined, signal?: AbortSignal) => Promise<Page<T>>,
    /** Turns a failure into the page's ApiError (and tells the host page when the user must sign in again). */
    private readonly failure: (error: unknown) => ApiError,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Replaces the list with its first page. */
  async first(signal?: AbortSignal): Promise<void> {
    const page = await this.fetchPage(undefined, signal);
    this.set(page.items, page.nextCursor);
  }

  clear(): void {
    this.set([], null);
  }

  async more(): Promise<void> {
    if (!this.nextCursor || this.busy) return;
    this.busy = true;
    this.problem = undefined;
    this.host.requestUpdate();
    try {
      const page = await this.fetchPage(this.nextCursor);
      this.items = [...this.items, ...page.items];
      this.nextCursor = page.nextCursor;
    } catch (error) {
      this.problem = this.failure(error);
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  /** The problem of the last “Load more”, and the button while there are more pages. */
  renderMore(renderProblem: (error: ApiError) => TemplateResult): TemplateResult {
    return html`
      ${this.problem ? renderProblem(this.problem) : nothing}
      ${this.nextCursor ? html`
        <p><button type="button" ?disabled=${this.busy} @click=${() => void this.more()}>${this.busy ? msg('Loading…') : msg('Load more')}</button></p>
      ` : nothing}
    `;
  }

  private set(items: T[], nextCursor: string | null): void {
    this.items = items;
    this.nextCursor = nextCursor;
    this.problem = undefined;
    this.host.requestUpdate();
  }
}
