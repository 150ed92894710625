import { existsSync } from 'node:fs';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../server/support.js';

const chrome = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => p && existsSync(p));

let app: TestApp;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!chrome) throw new Error('Chromium is needed: set CHROME_PATH or install chromium');
  app = await startTestApp();
  browser = await puppeteer.launch({
    executablePath: chrome,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-default-apps', '--disable-extensions'],
  });
  page = await browser.newPage();
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  page.setDefaultTimeout(10_000);
  await page.setViewport({ width: 1024, height: 900 });
});
afterAll(async () => {
  await browser?.close();
  if (app) await app.close();
});

/** Polls until `probe` finds something: elements inside shadow roots appear after sign-in and after each search. */
async function until<T>(probe: () => Promise<T | null>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found) return found;
    if (Date.now() > deadline) throw new Error('the page did not show what was expected in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function shadowText(selector: string): Promise<string> {
  return page.$eval(selector, (el) => (el as HTMLElement).innerText);
}

describe('demo national portal, end to end in Chromium against the real server', () => {
  it('signs in as a demo handler and finds the nursing authorities from a German word, by keyboard alone', async () => {
    await page.goto(`${app.base}/`, { waitUntil: 'networkidle0' });
    await page.locator('imi-demo-portal >>> input[name=email]').fill('handler.fr@imi.test');
    await page.locator('imi-demo-portal >>> input[name=password]').fill('demo-password');
    await page.keyboard.press('Enter');

    const input = 'imi-demo-portal >>> imi-authority-search >>> input[role=combobox]';
    await until(() => page.$(input));
    await page.focus(input);
    await page.keyboard.type('Krankenschwester');
    const option = 'imi-demo-portal >>> imi-authority-search >>> [role=option]';
    await until(() => page.$(option));
    const first = await shadowText(option);
    expect(first).toContain('Krankenschwester');

    await page.keyboard.press('ArrowDown');
    const active = await page.$eval(input, (el) => el.getAttribute('aria-activedescendant'));
    expect(active).toBeTruthy();
    expect(await page.$eval(input, (el) => el.getAttribute('aria-expanded'))).toBe('true');
    await page.keyboard.press('Enter');

    await until(() => page.$('imi-demo-portal >>> section[aria-labelledby=detail-heading] h3'));
    const details = await shadowText('imi-demo-portal >>> section[aria-labelledby=detail-heading]');
    expect(details).toMatch(/@[a-z]{2}\.imi\.test/);
    expect(details.toLowerCase()).toMatch(/nurse|infirmi/);
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
