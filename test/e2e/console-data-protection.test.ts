import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purposeLabels } from '../../server/modules/data-protection/access.js';
import { requestClient, validAnswers, type View } from '../server/request-client.js';
import { startTestApp, type TestApp } from '../server/support.js';
import { administratorOfOwn, consoleShell as shell, consoleSignIn, consoleSignOut, launchChromium, seriousAxeViolations, until } from './portal-driver.js';

/**
 * The console's Data protection page end to end, against the real server: the data-protection administrator finds a
 * data subject's blocked request, reads its data under a grant that states the purpose (and the audit log has the
 * reading), and runs the retention job; a local data administrator sees only the data subjects' requests; a user with
 * no data-protection duty gets “Not available”, and the server refuses the page's calls to them too.
 */
let app: TestApp;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

/**
 * A data-protection administrator of this test's own, with its own authenticator secret: a TOTP code is single-use,
 * and other tests sign the demo one in within the same 30 seconds.
 */
const dpoEmail = 'dpo.e2e@imi.test';
const dpoName = 'Data protection E2E';
let dpoCode: () => string;
/** A user of an authority with no data-protection duty: only the basic role, which handles and administers nothing. */
const basicEmail = 'basic.e2e@imi.test';
const requester = 'handler.mt@imi.test';
const responder = 'handler.cy@imi.test';
const lda = 'lda.mt@imi.test';

/** The data subject of the blocked request: a name no other test uses. */
const marker = `Dpe${Date.now().toString(36)}`;
const subject = { firstName: `${marker}Maria`, lastName: `${marker}Borg` };
const justification = `The person asked for a copy of their data (${marker}).`;
let blocked: View;

beforeAll(async () => {
  app = await startTestApp();
  const em = app.orm.em.fork();
  dpoCode = await administratorOfOwn(app, dpoEmail, dpoName, 'data-protection');
  await em.execute(
    `insert into app_user (id, email, name, locale, password_hash, authority_id, commission_admin, data_protection_admin, totp_enabled, active, version, created_at)
       select gen_random_uuid(), ?, 'Basic user E2E', 'en', password_hash, authority_id, false, false, false, true, 1, now() from app_user where email = ?
     on conflict (email) do nothing`,
    [basicEmail, lda],
  );
  await em.execute(
    `insert into role_grant (user_id, area_code, role) select id, 'PQ', 'basic-user' from app_user where email = ? on conflict do nothing`, [basicEmail]);

  // A request between two demo authorities, made, answered and closed through the API, then moved 7 months back: its
  // area (PQ) blocks personal data 6 months after closure, and the server judges that with the system clock.
  const rc = await requestClient(app);
  let r = await rc.draft(requester, responder, { subject: { ...subject, dateOfBirth: '1988-11-05', nationality: 'MT' }, freeText: `${marker} free text` });
  r = await rc.step(requester, r, 'send');
  r = await rc.step(responder, r, 'accept');
  r = await rc.step(responder, r, 'reply', { answers: validAnswers, freeText: `${marker} reply` });
  blocked = await rc.step(requester, r, 'close');
  await em.execute(
    `update request set created_at = created_at - interval '7 months', updated_at = updated_at - interval '7 months',
       sent_at = sent_at - interval '7 months', accepted_at = accepted_at - interval '7 months',
       first_answered_at = first_answered_at - interval '7 months', answered_at = answered_at - interval '7 months',
       closed_at = closed_at - interval '7 months'
     where id = ?`, [blocked.id]);
  await em.execute(`update request_event set at = at - interval '7 months' where request_id = ?`, [blocked.id]);
  const seen = await rc.view(requester, blocked.id);
  expect((seen.body as View & { dataProtection: { blocked: boolean } }).dataProtection.blocked).toBe(true);

  browser = await launchChromium();
  page = await browser.newPage();
  // The checks inject axe as a script of the test's own; the pages' Content-Security-Policy is proven by csp.test.ts.
  await page.setBypassCSP(true);
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  page.setDefaultTimeout(15_000);
  await page.setViewport({ width: 1100, height: 900 });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  if (app) await app.close();
});

const dp = `${shell} >>> imi-console-data-protection`;

const signIn = (email: string, totp?: () => string) => consoleSignIn(page, app.base, email, totp);
const signOut = () => consoleSignOut(page);

const text = (selector: string) => page.$eval(selector, (el) => (el as HTMLElement).innerText);
const menu = () => page.$$eval(`${shell} >>> nav a`, (links) => links.map((a) => a.textContent?.trim() ?? ''));

/** Waits until the element's text contains `expected`. */
const untilText = (selector: string, expected: string, what: string, timeoutMs = 10_000) =>
  until(async () => ((await page.$(selector)) && (await text(selector)).includes(expected) ? true : null), timeoutMs, what);

/**
 * Clicks the element once it is shown. Puppeteer's locators notice a new element only on a change of the document
 * itself, not inside the shadow roots where the console renders, so an element that appears later is waited for here.
 */
async function click(selector: string, what: string): Promise<void> {
  await (await until(() => page.$(selector), 10_000, what)).click();
}

/** The button inside `scope` whose text is `label`. */
const button = (scope: string, label: string) =>
  until(async () => {
    for (const candidate of await page.$$(`${scope} button`)) {
      if ((await candidate.evaluate((b) => b.textContent?.trim())) === label) return candidate;
    }
    return null;
  }, 10_000, `the “${label}” button`);

/** Opens the Data protection page from the menu and waits until it has loaded. */
async function openDataProtection(): Promise<void> {
  await click(`${shell} >>> nav a[href="#/data-protection"]`, 'Data protection in the menu');
  await until(() => page.$(`${dp} >>> #subjects-heading`), 15_000, 'the data-protection page');
}

async function expectNoSeriousAxeViolations(where: string): Promise<void> {
  expect(await seriousAxeViolations(page), `serious axe violations ${where}`).toEqual([]);
}

describe('the console’s data-protection page, end to end in Chromium against the real server', () => {
  it('lets the data-protection administrator find a data subject’s blocked request, read it under a grant and run the retention job', async () => {
    const dpoToken = await app.session(dpoEmail, { mfa: true });
    await signIn(dpoEmail, dpoCode);
    expect(await menu()).toContain('Data protection');
    await openDataProtection();

    // The summary shows the server's figures, the blocked request among them.
    const figures = (await (await app.request('/api/v1/data-protection/summary', { token: dpoToken })).json()) as Record<string, number>;
    expect(figures.blocked).toBeGreaterThanOrEqual(1);
    const cards = await page.$$eval(`${dp} >>> dl.cards > div`, (divs) =>
      divs.map((div) => [div.querySelector('dt')!.textContent!.trim(), div.querySelector('dd')!.textContent!.trim()]));
    expect(Object.fromEntries(cards)).toEqual({
      'Requests with blocked personal data': figures.blocked.toLocaleString('en'),
      'Personal data due for deletion within 30 days': figures.deletionDueWithin30Days.toLocaleString('en'),
      'Requests whose personal data were deleted': figures.deleted.toLocaleString('en'),
      'Active accesses to blocked data': figures.activeGrants.toLocaleString('en'),
      'Open data subjects’ requests': figures.openSubjectRequests.toLocaleString('en'),
      'Overdue data subjects’ requests': figures.overdueSubjectRequests.toLocaleString('en'),
    });

    // The person asks for their data: the request is recorded, then opened from the list.
    await page.locator(`${dp} >>> #record-kind`).fill('access');
    await page.locator(`${dp} >>> #record-firstName`).fill(subject.firstName);
    await page.locator(`${dp} >>> #record-lastName`).fill(subject.lastName);
    await (await button(`${dp} >>> form[aria-labelledby="record-heading"]`, 'Record the request')).click();
    await untilText(`${dp} >>> #detail-heading`, `Request of ${subject.firstName} ${subject.lastName} (Access)`, 'the recorded request');
    const [dsr] = await app.orm.em.fork().execute<{ id: string }[]>(
      `select id from data_subject_request where subject->>'lastName' = ? and kind = 'access'`, [subject.lastName]);
    expect(dsr).toBeDefined();
    await click(`${dp} >>> #back-to-subjects`, 'the way back to the list');
    await click(`${dp} >>> button[data-open="${dsr.id}"]`, 'the recorded request in the list');
    await untilText(`${dp} >>> #detail-heading`, `${subject.firstName} ${subject.lastName}`, 'the opened request');

    // The search finds the blocked request, marked as such.
    await click(`${dp} >>> #find-matches`, 'the search button');
    const match = `${dp} >>> tr[data-match="${blocked.id}"]`;
    await until(() => page.$(match), 15_000, 'the blocked request among the matches');
    const row = await text(match);
    expect(row).toContain(blocked.caseNumber);
    expect(await text(`${match} .badge-blocked`)).toContain('Blocked');

    // Access to its blocked data, for this data subject's request, with a justification.
    await (await button(match, 'Request access')).click();
    await until(async () => ((await page.$eval(`${dp} >>> #grant-dsr`, (s) => (s as HTMLSelectElement).value).catch(() => '')) === dsr.id ? true : null),
      10_000, 'the data subject’s request chosen for the access');
    expect(await page.$eval(`${dp} >>> #grant-requestId`, (i) => (i as HTMLInputElement).value)).toBe(blocked.id);
    expect(await page.$eval(`${dp} >>> input[name="grant-purpose"][value="data-subject-rights"]`, (i) => (i as HTMLInputElement).checked)).toBe(true);
    await page.locator(`${dp} >>> #grant-justification`).fill(justification);
    await (await button(`${dp} >>> form[aria-labelledby="grant-heading"]`, 'Grant access')).click();
    await untilText(`${dp} >>> .status.notice`, `Access to the blocked data of request ${blocked.caseNumber} is granted`, 'the granted access');

    // Reading the data under the grant: the person's name, shown as blocked data.
    const [grant] = await app.orm.em.fork().execute<{ id: string }[]>(
      `select g.id from blocked_access_grant g join app_user u on u.id = g.granted_to_id where g.request_id = ? and u.email = ?`, [blocked.id, dpoEmail]);
    await click(`${dp} >>> button[data-grant="${grant.id}"]`, 'the new grant');
    await untilText(`${dp} >>> #blocked-heading`, `Blocked data of request ${blocked.caseNumber}`, 'the blocked data');
    const article = await text(`${dp} >>> article[aria-labelledby="blocked-heading"]`);
    expect(await text(`${dp} >>> .blocked-note`)).toContain('Blocked data, read for this purpose: A data subject’s rights.');
    expect(article).toContain(`${subject.firstName} ${subject.lastName}`);
    expect(article).toContain(`${marker} free text`);

    // The reading is in the audit log, with its purpose, for the administrator who read it.
    const reads = await app.orm.em.fork().execute<{ actor_email: string; purpose: string; fields: string[] }[]>(
      `select actor_email, purpose, fields from audit_entry where action = 'request.read-blocked' and record_id = ?`, [blocked.id]);
    expect(reads).toHaveLength(1);
    expect(reads[0].actor_email).toBe(dpoEmail);
    expect(reads[0].purpose).toBe(`${purposeLabels['data-subject-rights']}: ${justification}`);
    expect(reads[0].fields).toContain('subject');
    await expectNoSeriousAxeViolations('with the blocked data and the matches shown');

    // The retention job, run now after a confirmation, appears as the newest run, finished.
    await click(`${dp} >>> #back-to-grants`, 'the way back to the grants');
    await click(`${dp} >>> #run-now`, '“Run now”');
    await click(`${dp} >>> #run-confirm`, 'the confirmation of the run');
    await untilText(`${dp} >>> .status.notice`, 'The retention run finished', 'the finished retention run', 30_000);
    const [run] = await app.orm.em.fork().execute<{ id: string; status: string }[]>(
      `select r.id, r.status from retention_run r join app_user u on u.id = r.started_by_id where u.email = ? order by r.id desc limit 1`, [dpoEmail]);
    expect(run.status).toBe('completed');
    const newest = await page.$$eval(`${dp} >>> tr[data-run]`, (rows) => rows.map((tr) => ({ id: tr.getAttribute('data-run'), cells: [...tr.children].map((td) => (td as HTMLElement).innerText.trim()) })));
    expect(newest[0].id).toBe(String(run.id));
    expect(newest[0].cells[1]).toBe('Manual');
    expect(newest[0].cells[2]).toContain(dpoName);
    expect(newest[0].cells[4]).toBe('Finished');
    await expectNoSeriousAxeViolations('after the retention run');
    expect(pageErrors).toEqual([]);
    await signOut();
  }, 90_000);

  it('shows a local data administrator only the data subjects’ requests, and the server refuses it the retention runs', async () => {
    await signIn(lda);
    expect(await menu()).toContain('Data protection');
    await openDataProtection();
    expect(await text(`${dp} >>> section[aria-labelledby="subjects-heading"]`)).toContain('You see the requests recorded by your authority.');
    for (const absent of ['#summary-heading', '#runs-heading', '#run-now', '#access-heading']) expect(await page.$(`${dp} >>> ${absent}`), absent).toBeNull();
    const token = await app.login(lda);
    expect((await app.request('/api/v1/data-protection/retention-runs', { token })).status).toBe(403);
    expect(pageErrors).toEqual([]);
    await signOut();
  }, 60_000);

  it('shows “Not available” to a user with no data-protection duty, and the server refuses the page’s calls', async () => {
    await signIn(basicEmail);
    expect(await menu()).not.toContain('Data protection');
    await page.evaluate(() => (location.hash = '#/data-protection'));
    await untilText(`${shell} >>> main h2`, 'Not available', 'the “Not available” page');
    expect(await text(`${shell} >>> main [role="alert"]`)).toContain('Your account has no access to this page.');
    expect(await page.$(dp)).toBeNull();
    const token = await app.login(basicEmail);
    expect((await app.request('/api/v1/data-protection/retention-runs', { token })).status).toBe(403);
    expect((await app.request('/api/v1/data-subject-requests', { token })).status).toBe(403);
    expect(pageErrors).toEqual([]);
    await signOut();
  }, 60_000);
});
