/** What the end-to-end tests share: Chromium, waiting for the page, and reading the state of the demo portal. */
import { existsSync } from 'node:fs';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

const chrome = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => p && existsSync(p));

export async function launchChromium(): Promise<Browser> {
  if (!chrome) throw new Error('Chromium is needed: set CHROME_PATH or install chromium');
  return puppeteer.launch({
    executablePath: chrome,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-default-apps', '--disable-extensions'],
  });
}

/** Polls until `probe` finds something: elements inside shadow roots appear after sign-in and after each search. */
export async function until<T>(probe: () => Promise<T | null>, timeoutMs = 10_000, expected = 'what was expected'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`the page did not show ${expected} in time`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export const requestView = 'imi-demo-portal >>> imi-request-view';

/** The status of the request shown (`AWAITING_ACCEPTANCE`, …), whatever the language of the page; '' while none is shown. */
function requestStatus(page: Page): Promise<string> {
  return page.$eval(`${requestView} >>> .badge`, (el) => el.getAttribute('data-status') ?? '').catch(() => '');
}

export async function waitForStatus(page: Page, status: string, timeoutMs = 15_000): Promise<void> {
  await until(async () => ((await requestStatus(page)) === status ? true : null), timeoutMs, `the request with status ${status}`);
}

/** Once the request form has sent the request, the portal shows it at its own address, the one the e-mails link to. */
export async function sentRequestLink(page: Page): Promise<string> {
  const link = /^#\/requests\/[0-9a-f-]{36}$/;
  return until(async () => {
    const hash = await page.evaluate(() => location.hash);
    return link.test(hash) ? hash : null;
  }, 15_000, 'the sent request');
}
