import nodemailer from 'nodemailer';
import { Problem } from '../../http/problem.js';
import type { Logger } from '../../logger.js';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
  close(): Promise<void>;
}

/**
 * How long to wait for the relay to accept, greet and answer. Nodemailer waits two minutes by default, which would hold
 * a request that sends an invitation far longer than its user would.
 */
const relayTimeouts = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/**
 * Sends e-mail through the relay named by `smtpUrl` (`smtp://user:pass@host:587`, `smtps://…`), or, without one, writes
 * each e-mail to the log so that a demo without a relay still shows its invitation links.
 */
export function createMailer(options: { smtpUrl?: string; from: string; logger: Logger }): Mailer {
  return options.smtpUrl ? smtpMailer(options.smtpUrl, options.from, options.logger) : loggingMailer(options.logger);
}

function smtpMailer(smtpUrl: string, from: string, logger: Logger): Mailer {
  const relay = relayAddress(smtpUrl);
  const transport = nodemailer.createTransport({ url: smtpUrl, pool: true, ...relayTimeouts });
  return {
    async send(mail) {
      try {
        const info = await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
        logger.debug({ messageId: info.messageId, relay }, 'e-mail sent');
      } catch (error) {
        // Nodemailer's messages carry the socket error or the relay's reply, never the credentials of the URL.
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`Sending e-mail through ${relay} failed: ${reason}`, { cause: error });
      }
    },
    async close() {
      transport.close();
    },
  };
}

/** The relay's host and port for messages: the URL without its credentials. */
function relayAddress(smtpUrl: string): string {
  let url: URL;
  try {
    url = new URL(smtpUrl);
  } catch {
    // The parser's own error quotes the input, credentials included.
    throw new Error('SMTP_URL is not a valid URL');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new Error('SMTP_URL must start with smtp:// or smtps://');
  return url.host;
}

function loggingMailer(logger: Logger): Mailer {
  return {
    async send({ to, subject, text }) {
      logger.info({ mail: { to, subject, text } }, 'e-mail not sent: no SMTP_URL; content follows');
    },
    async close() {},
  };
}

/**
 * Sends an e-mail that follows a change already saved. When the relay fails, the change stands and the client learns
 * exactly that (502, with what to do), rather than a bare server error.
 */
export async function sendAfterChange(mailer: Mailer, mail: Mail, whatStands: string): Promise<void> {
  try {
    await mailer.send(mail);
  } catch {
    throw new Problem(502, 'E-mail not sent', `${whatStands}, but the e-mail to ${mail.to} could not be sent. Try again later.`);
  }
}
