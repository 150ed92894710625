import type { Browser, Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { requestClient } from '../server/request-client.js';
import { startTestApp, type TestApp } from '../server/support.js';
import { administratorOfOwn, consoleShell as shell, consoleSignIn, launchChromium, requestView, until, waitForStatus } from './portal-driver.js';

/**
 * The strict Content-Security-Policy of the demo portal and the console does not break them: Chromium reports every
 * violation as a `securitypolicyviolation` event (bubbling and composed, from shadow roots too, where the recorder also
 * listens) and as a console message; neither appears while the pages sign in and show every widget.
 */
let app: TestApp;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
const consoleViolations: string[] = [];

interface Violation { directive: string; blocked: string; sample: string; source: string }

/** Installed before any script of the page: records violations at the document and at every shadow root. */
function recordViolations() {
  const seen = new WeakSet<Event>();
  const found: Violation[] = [];
  (window as unknown as { cspViolations: Violation[] }).cspViolations = found;
  const record = (event: Event) => {
    if (seen.has(event)) return;
    seen.add(event);
    const e = event as SecurityPolicyViolationEvent;
    found.push({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample, source: `${e.sourceFile}:${e.lineNumber}` });
  };
  document.addEventListener('securitypolicyviolation', record, true);
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit) {
    const root = attachShadow.call(this, init);
    root.addEventListener('securitypolicyviolation', record, true);
    return root;
  };
}

const violations = () => page.evaluate(() => (window as unknown as { cspViolations: Violation[] }).cspViolations);

beforeAll(async () => {
  app = await startTestApp();
  browser = await launchChromium();
}, 60_000);

/** Each test in a fresh browser context: the portal's sign-in sets the console's session cookie too. */
beforeEach(async () => {
  pageErrors.length = 0;
  consoleViolations.length = 0;
  const context = await browser.createBrowserContext();
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) consoleViolations.push(message.text());
  });
  await page.evaluateOnNewDocument(recordViolations);
  page.setDefaultTimeout(15_000);
  await page.setViewport({ width: 1100, height: 900 });
});
afterEach(async () => {
  await page?.browserContext().close();
});
afterAll(async () => {
  await browser?.close();
  if (app) await app.close();
});

async function expectNoViolations(where: string) {
  expect(await violations(), where).toEqual([]);
  expect(consoleViolations, where).toEqual([]);
  expect(pageErrors, where).toEqual([]);
}

const portal = 'imi-demo-portal';

async function portalPage(hash: string, shows: string) {
  await page.locator(`${portal} >>> nav.pages a[href="${hash}"]`).click();
  await until(() => page.$(shows), 15_000, shows);
}

describe('strict Content-Security-Policy in Chromium', () => {
  it('lets the demo portal sign in and show every widget without a single violation', async () => {
    const c = await requestClient(app);
    const sent = await c.step('handler.fr@imi.test', await c.draft('handler.fr@imi.test', 'handler.es@imi.test'), 'send');

    const response = await page.goto(`${app.base}/`, { waitUntil: 'networkidle0', timeout: 60_000 });
    expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self' 'nonce-/);
    await page.locator(`${portal} >>> input[name=email]`).fill('handler.fr@imi.test');
    await page.locator(`${portal} >>> input[name=password]`).fill('demo-password');
    await page.keyboard.press('Enter');
    await until(() => page.$(`${portal} >>> nav.pages`), 15_000, 'the signed-in portal');

    await portalPage('#/inbox', `${portal} >>> imi-inbox >>> table, ${portal} >>> imi-inbox >>> [role=status]`);
    await portalPage('#/search', `${portal} >>> imi-authority-search >>> input[role=combobox]`);
    const input = `${portal} >>> imi-authority-search >>> input[role=combobox]`;
    await page.focus(input);
    await page.keyboard.type('Krankenschwester');
    await until(() => page.$(`${portal} >>> imi-authority-search >>> [role=option]`), 15_000, 'search results');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await until(() => page.$(`${portal} >>> section[aria-labelledby=detail-heading] h3`), 15_000, 'the authority');
    await portalPage('#/new', `${portal} >>> imi-request-form >>> form`);
    await portalPage('#/deadlines', `${portal} >>> imi-deadline-monitor >>> h2, ${portal} >>> imi-deadline-monitor >>> h3`);

    await page.evaluate((id) => { location.hash = `#/requests/${id}`; }, sent.id);
    await waitForStatus(page, 'AWAITING_ACCEPTANCE');
    expect(await page.$eval(`${requestView} >>> .badge`, (el) => (el as HTMLElement).innerText)).toBeTruthy();
    await expectNoViolations('demo portal');
  }, 120_000);

  it('lets the console sign in and show every page of a Commission administrator and of a NIMIC without a single violation', async () => {
    // A Commission administrator of this test's own: TOTP codes are single-use, and other tests sign the demo one in.
    const administrator = 'commission.csp@imi.test';
    const code = await administratorOfOwn(app, administrator, 'Commission CSP', 'commission');
    for (const [email, totp] of [[administrator, code], ['nimic.ee@imi.test', undefined]] as const) {
      await page.deleteCookie(...(await page.cookies(app.base)));
      const response = await consoleSignIn(page, app.base, email, totp);
      expect(response?.headers()['content-security-policy']).toMatch(/style-src 'self' 'nonce-/);
      // The page's own style element (nonce) applies: the body has no margin.
      expect(await page.evaluate(() => getComputedStyle(document.body).margin)).toBe('0px');

      const pages = await page.$$eval(`${shell} >>> nav a[href^="#/"]`, (links) => links.map((a) => a.getAttribute('href')!.slice(2)));
      expect(pages.length, email).toBeGreaterThan(totp ? 5 : 1);
      for (const id of pages) {
        await page.locator(`${shell} >>> nav a[href="#/${id}"]`).click();
        await until(() => page.$(`${shell} >>> imi-console-${id}`), 15_000, `the ${id} page`);
        // Let the page load its data and render it.
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      await expectNoViolations(`console, ${email}`);
    }
  }, 180_000);

  it('lets the API documentation render under its own policy without a violation', async () => {
    await page.goto(`${app.base}/api/docs`, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await until(() => page.$('#swagger-ui .information-container'), 120_000, 'the API documentation');
    expect(await page.$eval('#swagger-ui', (el) => (el as HTMLElement).innerText)).toContain('IMI Network API');
    // An operation opened shows its parameters and answers (rendered with styles of its own).
    await page.locator('#swagger-ui .opblock-summary').click();
    await until(() => page.$('#swagger-ui .opblock-body .responses-wrapper'), 30_000, 'an opened operation');
    await expectNoViolations('API documentation');
  }, 180_000);

  it('would notice a violation: inline style attributes (also in a shadow root) and an inline script are blocked and recorded', async () => {
    await page.goto(`${app.base}/`, { waitUntil: 'domcontentloaded' });
    await page.evaluate(() => {
      document.body.insertAdjacentHTML('beforeend', '<p id="inline" style="color: rgb(255, 0, 0)">x</p>');
      const host = document.createElement('div');
      document.body.append(host);
      host.attachShadow({ mode: 'open' }).innerHTML = '<p style="color: rgb(255, 0, 0)">y</p>';
      const script = document.createElement('script');
      script.textContent = 'document.title = "changed"';
      document.body.append(script);
    });
    await until(async () => ((await violations()).length >= 3 ? true : null), 5_000, 'the violations');
    expect((await violations()).map((v) => v.directive).sort()).toEqual(['script-src-elem', 'style-src-attr', 'style-src-attr']);
    expect(await page.$eval('#inline', (el) => getComputedStyle(el).color)).not.toBe('rgb(255, 0, 0)');
    expect(await page.title()).not.toBe('changed');
  });
});
