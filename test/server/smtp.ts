import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** An e-mail as the test relay received it: `from` and `to` are the SMTP envelope, the rest the parsed message. */
export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html?: string;
}

interface Waiter {
  predicate: (mail: ReceivedMail) => boolean;
  resolve: (mail: ReceivedMail) => void;
}

/** An SMTP relay on a free loopback port that keeps every message it accepts, for tests of what the server sends. */
export async function startTestSmtp(): Promise<{
  url: string;
  messages: ReceivedMail[];
  waitFor(predicate: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}> {
  const messages: ReceivedMail[] = [];
  const waiters = new Set<Waiter>();

  const receive = (mail: ReceivedMail) => {
    messages.push(mail);
    for (const waiter of waiters) {
      if (waiter.predicate(mail)) {
        waiters.delete(waiter);
        waiter.resolve(mail);
      }
    }
  };

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // A client that leaves its pooled connection open must not hold the test run up for the default 30 seconds.
    closeTimeout: 1_000,
    onData(stream, session, callback) {
      simpleParser(stream).then((parsed) => {
        const { mailFrom, rcptTo } = session.envelope;
        receive({
          from: mailFrom ? mailFrom.address : '',
          to: rcptTo.map((recipient) => recipient.address),
          subject: parsed.subject ?? '',
          text: parsed.text ?? '',
          ...(parsed.html ? { html: parsed.html } : {}),
        });
        callback();
      }, callback);
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.server.address() as AddressInfo;

  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    waitFor(predicate, timeoutMs = 5_000) {
      const arrived = messages.find(predicate);
      if (arrived) return Promise.resolve(arrived);
      return new Promise((resolve, reject) => {
        const waiter: Waiter = {
          predicate,
          resolve: (mail) => {
            clearTimeout(timer);
            resolve(mail);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          const subjects = messages.map((mail) => JSON.stringify(mail.subject)).join(', ') || 'none';
          reject(new Error(`No matching e-mail within ${timeoutMs} ms; received: ${subjects}`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    close: () => new Promise<void>((resolve) => server.close(resolve)),
  };
}
