/** What the end-to-end tests share: Chromium, waiting for the page, and reading the state of the demo portal. */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { generateTotpSecret, totpCode } from '../../server/modules/identity/totp.js';
import type { TestApp } from '../server/support.js';

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

const axeScript = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Runs in the page: the serious and critical violations axe finds, across the open shadow roots. */
async function axeViolationsInPage(): Promise<string[]> {
  const { axe } = window as unknown as { axe: typeof import('axe-core') };
  const { violations } = await axe.run(document, { resultTypes: ['violations'] });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => {
      const where = violation.nodes.map((node) => node.target.map((part) => [part].flat().join(' >>> ')).join(' ')).join('; ');
      return `${violation.impact} ${violation.id}: ${violation.help} — ${where}`;
    });
}

/**
 * The serious and critical axe violations of the page as it is now. axe is injected as a script of the test's own, so
 * the page must have been opened with `page.setBypassCSP(true)` (the pages' own policy is proven by csp.test.ts).
 */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axeScript });
  return page.evaluate(axeViolationsInPage);
}

export const consoleShell = 'imi-console';

/** Opens the console and signs in with the demo password and, where the account has one, an authenticator code. */
export async function consoleSignIn(page: Page, base: string, email: string, totp?: () => string) {
  const response = await page.goto(`${base}/console/`, { waitUntil: 'domcontentloaded', timeout: 60_000 });
  await page.locator(`${consoleShell} >>> #sign-in-email`).fill(email);
  await page.locator(`${consoleShell} >>> #sign-in-password`).fill('demo-password');
  await page.keyboard.press('Enter');
  if (totp) {
    await page.locator(`${consoleShell} >>> #sign-in-totp`).fill(totp());
    await page.keyboard.press('Enter');
  }
  await until(() => page.$(`${consoleShell} >>> nav`), 15_000, 'the console menu');
  return response;
}

export async function consoleSignOut(page: Page): Promise<void> {
  await page.locator(`${consoleShell} >>> header button`).click();
  await until(() => page.$(`${consoleShell} >>> #sign-in-email`), 10_000, 'the sign-in form');
}

/**
 * An administrator of a test's own, with the demo password and an authenticator secret of its own: a TOTP code is
 * single-use per 30 s, and other test files sign the demo administrators in. Returns a source of its current codes.
 */
export async function administratorOfOwn(app: TestApp, email: string, name: string, powers: 'commission' | 'data-protection'): Promise<() => string> {
  const secret = generateTotpSecret();
  await app.orm.em.fork().execute(
    `insert into app_user (id, email, name, locale, password_hash, commission_admin, data_protection_admin, totp_secret, totp_enabled, active, version, created_at)
       select gen_random_uuid(), ?, ?, 'en', password_hash, ?, ?, ?, true, true, 1, now() from app_user where email = 'admin@imi.test'
     on conflict (email) do update set totp_secret = excluded.totp_secret, totp_last_step = null`,
    [email, name, powers === 'commission', powers === 'data-protection', secret],
  );
  return () => totpCode(secret);
}
