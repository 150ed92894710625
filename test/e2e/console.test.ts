import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSmtp } from '../server/smtp.js';
import { startTestApp, type TestApp } from '../server/support.js';
import { administratorOfOwn, consoleShell as shell, consoleSignIn, consoleSignOut, launchChromium, until } from './portal-driver.js';

/**
 * The console end to end, against the real server: the Commission administrator imports a new legislative area with
 * its question set and reads its translation completeness; a NIMIC invites an authority and validates its registration.
 */
let app: TestApp;
let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

/**
 * A Commission administrator of this test's own, with its own authenticator secret: a TOTP code is single-use, and
 * second-factor.test.ts signs the demo administrator in within the same 30 seconds.
 */
const administrator = 'commission.e2e@imi.test';
let administratorCode: () => string;

beforeAll(async () => {
  smtp = await startTestSmtp();
  app = await startTestApp({ smtpUrl: smtp.url });
  administratorCode = await administratorOfOwn(app, administrator, 'Commission E2E', 'commission');
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  page.setDefaultTimeout(15_000);
  await page.setViewport({ width: 1100, height: 900 });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  if (app) await app.close();
  if (smtp) await smtp.close();
});


const signIn = (email: string, totp?: () => string) => consoleSignIn(page, app.base, email, totp);
const signOut = () => consoleSignOut(page);

async function open(pageId: string): Promise<string> {
  await page.locator(`${shell} >>> nav a[href="#/${pageId}"]`).click();
  const element = `${shell} >>> imi-console-${pageId}`;
  await until(() => page.$(element), 10_000, `the ${pageId} page`);
  return element;
}

const text = (selector: string) => page.$eval(selector, (el) => (el as HTMLElement).innerText);

const newArea = {
  area: 'CONSOLE_TEST',
  version: 1,
  name: { en: 'Recognition of driving instructors', fr: 'Reconnaissance des moniteurs d’auto-école' },
  groups: [{
    code: 'general', title: { en: 'General', fr: 'Généralités' }, questions: [
      { code: 'DI-1', text: { en: 'Is the instructor licensed?', fr: 'Le moniteur est-il titulaire d’une autorisation ?' }, answerType: 'yes-no', required: true },
      { code: 'DI-2', text: { en: 'Since when?' }, answerType: 'date' },
    ],
  }],
  areaDefinition: {
    legalBasis: 'Directive (EU) 2026/1', names: { en: 'Driving instructors', fr: 'Moniteurs d’auto-école' },
    legalBasisTitle: { en: 'A directive on driving instructors' }, replyPeriodDays: 20, blockingMonths: 6,
  },
};

describe('admin console, end to end in Chromium against the real server', () => {
  it('lets the Commission administrator import a new legislative area and read its translation completeness', async () => {
    await signIn(administrator, administratorCode);
    const areas = await open('areas');
    await until(() => page.$(`${areas} >>> #import-file`), 15_000, 'the import form');
    await page.$eval(`${areas} >>> #import-file`, (el, json) => {
      const area = el as HTMLTextAreaElement;
      area.value = json;
      area.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    }, JSON.stringify(newArea, null, 2));
    const importButton = await until(async () => {
      const buttons = await page.$$(`${areas} >>> section[aria-labelledby="areas-import"] button.primary`);
      return buttons[0] ?? null;
    });
    await importButton.click();
    const importSection = `${areas} >>> section[aria-labelledby="areas-import"]`;
    await until(async () => ((await text(`${importSection} [role="status"]`)).includes('was created') ? true : null), 20_000, 'the import result')
      .catch(async (error) => {
        throw new Error(`${(error as Error).message}: ${await text(importSection)}`);
      });

    // The new area is listed, and the completeness matrix shows English and French complete, German missing.
    await until(async () => ((await text(`${areas} >>> section[aria-labelledby="areas-list"]`)).includes('CONSOLE_TEST') ? true : null), 10_000, 'the new area in the list');
    await page.locator(`${areas} >>> #matrix-area`).fill('CONSOLE_TEST');
    await page.locator(`${areas} >>> section[aria-labelledby="areas-translations"] form button[type="submit"]`).click();
    await until(() => page.$(`${areas} >>> table.matrix tr[data-locale="de"]`), 15_000, 'the completeness matrix');
    const rows = await page.$$eval(`${areas} >>> table.matrix tbody tr`, (trs) =>
      trs.map((tr) => ({ locale: tr.getAttribute('data-locale'), translated: (tr.children[1] as HTMLElement).innerText.trim(), status: (tr.children[3] as HTMLElement).innerText.trim() })));
    expect(rows).toHaveLength(26);
    const row = (locale: string) => rows.find((r) => r.locale === locale)!;
    expect(row('en').status).toBe('Complete');
    expect(row('de').status).toMatch(/^\d+ missing$/);
    // English has every text; French lacks only the second question.
    const [translatedEn, total] = row('en').translated.split(' / ');
    expect(translatedEn).toBe(total);
    expect(row('fr').status).toBe('1 missing');
    expect(pageErrors).toEqual([]);
    await signOut();
  }, 120_000);

  it('lets a NIMIC invite an authority and validate its registration', async () => {
    await signIn('nimic.ee@imi.test');
    const authorities = await open('authorities');
    const viewButton = async (label: string) =>
      until(async () => {
        for (const button of await page.$$(`${authorities} >>> #views button`)) {
          if ((await button.evaluate((b) => b.textContent?.trim())) === label) return button;
        }
        return null;
      }, 10_000, `the ${label} view`);
    await (await viewButton('Invitations')).click();
    await page.locator(`${authorities} >>> #invite-email`).fill('registry@driving.ee.imi.test');
    await page.locator(`${authorities} >>> input[name="invite-area"][value="PQ"]`).click();
    await page.locator(`${authorities} >>> section[aria-labelledby="invite-heading"] button[type="submit"]`).click();
    const mail = await smtp.waitFor((m) => m.to.includes('registry@driving.ee.imi.test'));
    await until(async () => ((await text(`${authorities} >>> section[aria-labelledby="invitations-heading"]`)).includes('registry@driving.ee.imi.test') ? true : null), 10_000, 'the invitation in the list');

    // The invited authority registers itself through the link in the e-mail.
    const token = /#\/register\/([A-Za-z0-9_-]+)/.exec(mail.text)![1];
    const registered = await app.request('/api/v1/registrations', {
      method: 'POST',
      body: {
        token, officialName: 'Transpordiamet, juhiõpetajate register', officialNameLang: 'et', designation: { en: 'Transport Administration, register of driving instructors' },
        city: 'Tallinn', languages: ['et', 'en'], competences: [{ area: 'PQ', professions: [], keywords: [] }],
        lda: { name: 'Kati Kask', password: 'a long enough passphrase' },
      },
    });
    expect(registered.status).toBe(201);
    const { id } = (await registered.json()) as { id: string };

    await (await viewButton('Validation queue')).click();
    const approve = `${authorities} >>> button[aria-describedby="queued-${id}"]`;
    await until(() => page.$(approve), 10_000, 'the registration in the validation queue');
    await page.locator(approve).click();
    await until(async () => ((await page.$(approve)) ? null : true), 10_000, 'the queue without the validated authority');

    const nimic = await app.login('nimic.ee@imi.test');
    const detail = (await (await app.request(`/api/v1/authorities/${id}`, { token: nimic })).json()) as { status: string };
    expect(detail.status).toBe('active');
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
