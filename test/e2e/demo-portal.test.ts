import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../server/support.js';
import { launchChromium, requestView as view, sentRequestLink, until, waitForStatus } from './portal-driver.js';

let app: TestApp;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  app = await startTestApp();
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  page.setDefaultTimeout(10_000);
  await page.setViewport({ width: 1024, height: 900 });
});
afterAll(async () => {
  await browser?.close();
  if (app) await app.close();
});

async function shadowText(selector: string): Promise<string> {
  return page.$eval(selector, (el) => (el as HTMLElement).innerText);
}

describe('demo national portal, end to end in Chromium against the real server', () => {
  it('signs in as a demo handler and finds the nursing authorities from a German word, by keyboard alone', async () => {
    // The first visit waits for the server to bundle the widgets.
    await page.goto(`${app.base}/`, { waitUntil: 'networkidle0', timeout: 30_000 });
    await page.locator('imi-demo-portal >>> input[name=email]').fill('handler.fr@imi.test');
    await page.locator('imi-demo-portal >>> input[name=password]').fill('demo-password');
    await page.keyboard.press('Enter');

    await until(() => page.$('imi-demo-portal >>> nav.pages'));
    await page.locator('imi-demo-portal >>> nav.pages a[href="#/search"]').click();
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

  /** Signs in afresh as a demo account, on the page at `hash` (an e-mailed link opens a request this way). */
  async function signInAs(email: string, hash = '#/inbox'): Promise<void> {
    await page.evaluate(() => sessionStorage.clear());
    // The live-update stream keeps a connection open, so the page never goes network-idle once signed in.
    await page.goto(`${app.base}/${hash}`, { waitUntil: 'domcontentloaded' });
    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.locator('imi-demo-portal >>> input[name=email]').fill(email);
    await page.locator('imi-demo-portal >>> input[name=password]').fill('demo-password');
    await page.keyboard.press('Enter');
    await until(() => page.$('imi-demo-portal >>> nav.pages'));
  }

  /** Opens the form of an allowed action in the request view, lets `fill` fill it, submits it and waits for the new status. */
  async function act(action: string, expected: string, fill?: () => Promise<void>): Promise<void> {
    await page.locator(`${view} >>> [data-action="${action}"]`).click();
    await until(() => page.$(`${view} >>> #action-form`));
    await fill?.();
    await page.locator(`${view} >>> #action-form button[type=submit]`).click();
    await waitForStatus(page, expected);
  }

  it('runs a whole exchange between two states: send, accept, reply, close', async () => {
    // A Portuguese handler asks a French regional health agency about a nurse.
    await signInAs('handler.pt@imi.test');
    await page.locator('imi-demo-portal >>> nav.pages a[href="#/new"]').click();
    const form = 'imi-demo-portal >>> imi-request-form';
    await until(() => page.$(`${form} >>> #area option[value=PQ]`));
    await page.locator(`${form} >>> #area`).fill('PQ');
    // The choice stays while the form settles (its texts may still be loading when it first shows).
    await until(() => page.$(`${form} >>> #q-PQ-001-profession-title`), 30_000);
    for (const code of ['PQ-001-profession-title', 'PQ-007-legally-established', 'PQ-034-disciplinary-sanctions']) {
      await page.locator(`${form} >>> #q-${code}`).click();
    }
    await page.locator(`${form} >>> #first-name`).fill('Ana');
    await page.locator(`${form} >>> #last-name`).fill('Ferreira');
    const recipient = `${form} >>> imi-authority-search >>> input[role=combobox]`;
    await page.focus(recipient);
    await page.keyboard.type('Auvergne-Rhône-Alpes');
    await until(() => page.$(`${form} >>> imi-authority-search >>> [role=option]`));
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await until(() => page.$(`${form} >>> #recipient-chosen`));
    await page.locator(`${form} >>> button.primary`).click();
    const hash = await sentRequestLink(page);
    await waitForStatus(page, 'AWAITING_ACCEPTANCE');

    // The French handler opens the e-mailed link, accepts, and replies.
    await signInAs('handler.fr@imi.test', hash);
    await waitForStatus(page, 'AWAITING_ACCEPTANCE');
    expect(await page.$eval(view, (el) => el.shadowRoot!.textContent ?? '')).not.toContain('Ferreira');
    await act('accept', 'ACCEPTED');
    expect(await page.$eval(view, (el) => el.shadowRoot!.textContent ?? '')).toContain('Ferreira');
    await act('reply', 'ANSWERED', async () => {
      const answers = await page.$$(`${view} >>> imi-answer-input`);
      expect(answers).toHaveLength(3);
      await answers[0].evaluate((el) => (el.shadowRoot!.querySelector('textarea') as HTMLTextAreaElement).focus());
      await page.keyboard.type('Infirmière diplômée d’État');
      await answers[1].evaluate((el) => (el.shadowRoot!.querySelector('input[value=yes]') as HTMLInputElement).click());
      await answers[2].evaluate((el) => (el.shadowRoot!.querySelector('input[value=no]') as HTMLInputElement).click());
    });

    // Back in Portugal, the handler reads the reply and closes the request.
    await signInAs('handler.pt@imi.test', hash);
    await waitForStatus(page, 'ANSWERED');
    expect(await page.$eval(view, (el) => el.shadowRoot!.textContent ?? '')).toContain('Infirmière diplômée d’État');
    await act('close', 'CLOSED');
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
