import { createServer, type AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer } from '../../server/modules/notifications/mailer.js';
import { startTestSmtp } from './smtp.js';

const silent = pino({ level: 'silent' });

/** A loopback port nothing listens on: bound by the system, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
beforeAll(async () => {
  smtp = await startTestSmtp();
});
afterAll(async () => {
  if (smtp) await smtp.close();
});

describe('mailer over SMTP', () => {
  it('delivers subject, text and HTML with non-Latin characters intact', async () => {
    const mailer = createMailer({ smtpUrl: smtp.url, from: 'IMI Network <no-reply@imi.test>', logger: silent });
    try {
      await mailer.send({
        to: 'handler.el@imi.test',
        subject: 'Πρόσκληση στο δίκτυο IMI – Einladung für Jürgen Größe',
        text: 'Καλώς ήρθατε! Bitte bestätigen Sie Ihre Anmeldung: https://imi.test/invite/abc',
        html: '<p>Καλώς ήρθατε! <a href="https://imi.test/invite/abc">Anmeldung bestätigen</a></p>',
      });
    } finally {
      await mailer.close();
    }
    const received = await smtp.waitFor((mail) => mail.to.includes('handler.el@imi.test'));
    expect(received.from).toBe('no-reply@imi.test');
    expect(received.subject).toBe('Πρόσκληση στο δίκτυο IMI – Einladung für Jürgen Größe');
    expect(received.text).toBe('Καλώς ήρθατε! Bitte bestätigen Sie Ihre Anmeldung: https://imi.test/invite/abc');
    expect(received.html).toContain('<a href="https://imi.test/invite/abc">Anmeldung bestätigen</a>');
  });

  it('rejects with the relay address and the cause, without the credentials, when the relay is unreachable', async () => {
    const port = await closedPort();
    const mailer = createMailer({ smtpUrl: `smtp://imi-relay:s3cret-pass@127.0.0.1:${port}`, from: 'no-reply@imi.test', logger: silent });
    try {
      const sending = mailer.send({ to: 'handler.de@imi.test', subject: 'Test', text: 'Test' });
      await expect(sending).rejects.toThrow(new RegExp(`^Sending e-mail through 127\\.0\\.0\\.1:${port} failed: .*ECONNREFUSED`));
      await expect(sending).rejects.not.toThrow(/s3cret-pass|imi-relay/);
    } finally {
      await mailer.close();
    }
  });

  it('refuses a URL that is not smtp:// or smtps:// without quoting it', () => {
    expect(() => createMailer({ smtpUrl: 'http://imi-relay:s3cret-pass@mail.imi.test', from: 'no-reply@imi.test', logger: silent })).toThrow(
      'SMTP_URL must start with smtp:// or smtps://',
    );
    expect(() => createMailer({ smtpUrl: 'smtp://imi-relay:s3cret-pass@[mail.imi.test', from: 'no-reply@imi.test', logger: silent })).toThrow(
      /^SMTP_URL is not a valid URL$/,
    );
  });
});

describe('mailer without SMTP_URL', () => {
  it('writes the e-mail to the log instead of sending it', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    const mailer = createMailer({ from: 'no-reply@imi.test', logger });
    await mailer.send({ to: 'lda.it@imi.test', subject: 'Invito alla rete IMI', text: 'Link: https://imi.test/invite/xyz', html: '<p>Link</p>' });
    await mailer.close();

    expect(lines).toHaveLength(1);
    const record = JSON.parse(lines[0]) as { level: number; msg: string; mail: unknown };
    expect(record.level).toBe(30);
    expect(record.msg).toBe('e-mail not sent: no SMTP_URL; content follows');
    expect(record.mail).toEqual({ to: 'lda.it@imi.test', subject: 'Invito alla rete IMI', text: 'Link: https://imi.test/invite/xyz' });
  });
});
