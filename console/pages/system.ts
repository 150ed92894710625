import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import type { SystemView } from '../../server/modules/admin/system.js';
import { getLocale } from '../../components/core/localization.js';
import { ConsolePage } from '../console-page.js';
import type { Wire } from '../forms.js';
import { consoleStyles } from '../styles.js';

/**
 * @summary System health for Commission administrators: version, database and migrations, the scheduler's last sweep,
 * and e-mails waiting to be sent.
 */
@localized()
export class ImiConsoleSystem extends ConsolePage {
  static override styles = consoleStyles;

  @state() private status?: Wire<SystemView>;

  protected async load(signal: AbortSignal): Promise<void> {
    this.status = await this.api().get<Wire<SystemView>>('/admin/system', {}, { signal });
  }

  protected override render() {
    return this.whenLoaded(() => {
      const s = this.status!;
      const number = new Intl.NumberFormat(getLocale());
      const dateTime = (iso: string | null) => (iso ? new Intl.DateTimeFormat(getLocale(), { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(iso)) : '—');
      const megabytes = new Intl.NumberFormat(getLocale(), { maximumFractionDigits: 1 }).format(s.database.sizeBytes / 1_048_576);
      const sweep = s.scheduler.lastSweep;
      const row = (label: string, value: unknown) => html`<tr><th scope="row">${label}</th><td>${value}</td></tr>`;
      return html`
        <section aria-labelledby="system-server">
          <h3 id="system-server">${msg('Server')}</h3>
          <table>
            ${row(msg('Version'), s.version)}
            ${row(msg('Runtime'), `Node.js ${s.node}`)}
            ${row(msg('Running since'), dateTime(s.startedAt))}
          </table>
        </section>
        <section aria-labelledby="system-database">
          <h3 id="system-database">${msg('Database')}</h3>
          <table>
            ${row(msg('Kind'), s.database.kind === 'embedded' ? msg('Embedded (for trying out, one instance)') : msg('PostgreSQL server'))}
            ${row(msg('Server version'), s.database.serverVersion)}
            ${row(msg('Response time'), `${number.format(s.database.latencyMs)} ms`)}
            ${row(msg('Size'), `${megabytes} MB`)}
            ${row(msg('Migrations applied'), html`${number.format(s.database.migrations.applied)} <span class="muted">(${s.database.migrations.latest ?? '—'})</span>`)}
          </table>
        </section>
        <section aria-labelledby="system-scheduler">
          <h3 id="system-scheduler">${msg('Scheduler')}</h3>
          <table>
            ${row(msg('Runs in this instance'), s.scheduler.enabledHere ? msg('Yes') : msg('No'))}
            ${row(msg('Last sweep'), sweep ? html`${dateTime(sweep.startedAt)} <span class="muted">(${sweep.instance})</span>` : msg('No sweep yet'))}
            ${sweep
              ? html`
                  ${row(msg('Result of the last sweep'), sweep.error
                    ? html`<span class="error">${msg('Failed:')} ${sweep.error}</span>`
                    : sweep.finishedAt ? msg('Finished') : msg('Running'))}
                  ${row(msg('Reminders recorded'), number.format(sweep.reminders))}
                  ${row(msg('E-mails sent'), number.format(sweep.emails + sweep.digests))}
                `
              : nothing}
            ${row(msg('Sweeps in the last hour'), number.format(s.scheduler.sweepsLastHour))}
            ${row(msg('Failed sweeps in the last day'), number.format(s.scheduler.failuresLastDay))}
          </table>
        </section>
        <section aria-labelledby="system-mail">
          <h3 id="system-mail">${msg('E-mail')}</h3>
          <table>
            ${row(msg('Waiting to be sent'), number.format(s.notifications.waiting))}
            ${row(msg('Failed at least once, to be retried'), number.format(s.notifications.failing))}
          </table>
        </section>
      `;
    });
  }
}

ImiConsoleSystem.define('imi-console-system');

declare global {
  interface HTMLElementTagNameMap {
    'imi-console-system': ImiConsoleSystem;
  }
}
