import type { Browser, BrowserContext, JSHandle, KeyInput, Page, Viewport } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocaleCode } from '../../components/core/localization.js';
import type { RequestView } from '../../components/core/types.js';
import type { ImiAnswerInput } from '../../components/request-form/answer-input.js';
import { startTestApp, type TestApp } from '../server/support.js';
import { launchChromium, requestView, sentRequestLink, seriousAxeViolations, until, waitForStatus } from './portal-driver.js';

/**
 * The acceptance criterion of the widgets (SPEC §7): a person can do a whole exchange on the demo page with the keyboard
 * alone, in any of the 26 languages, with no serious axe violations, at 320 px width and at 200 % zoom.
 *
 * Every step is a key press: Tab to reach a control (which proves it can be reached), arrows in selects, radio groups
 * and the results of the authority search, Space and Enter to operate, and typing. Nothing is clicked, filled or
 * focused by the test. Only the address bar is used directly, to open the request as its e-mail links to it.
 */


interface Setting {
  name: string;
  locale: LocaleCode;
  viewport: Viewport;
}

const settings: Setting[] = [
  { name: 'on a 320 px wide screen, in Finnish', locale: 'fi', viewport: { width: 320, height: 800 } },
  // Browser zoom at 200 % in a 1280 × 900 window (the reference of WCAG 1.4.4 and 1.4.10) lays the page out in a
  // viewport of 640 × 450 CSS px with two device pixels per CSS pixel: window.innerWidth is 640, media queries match at
  // 640 px and devicePixelRatio is 2. That is exactly this viewport. CSS `zoom: 2` on <html> in a 1280 px viewport is
  // not the same: media queries and innerWidth still see 1280 px, so the page would keep its wide layout squeezed into
  // half the room, which no zooming browser shows, and offsetWidth and getBoundingClientRect then disagree by the factor.
  { name: 'at 200 % zoom of a 1280 × 900 window, in German', locale: 'de', viewport: { width: 640, height: 450, deviceScaleFactor: 2 } },
];

const questions = ['PQ-001-profession-title', 'PQ-007-legally-established', 'PQ-034-disciplinary-sanctions'];
const replyText = 'Infirmière diplômée d’État';

let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  app = await startTestApp();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  if (app) await app.close();
});

/** Whether the focused element is the one sought: `host` is the local name of its shadow host ('' in the document). */
type FocusPredicate<A extends unknown[]> = (element: Element, host: string, ...args: A) => boolean;

interface Focus {
  /** Where the focus is, for the failure messages: the shadow hosts down to the focused element. */
  label: string;
  matched: boolean;
  /** Whether the focused element is in view with a focus ring (WCAG 2.4.7 and 2.4.11). */
  shown: boolean;
  /** For a select: the values of its options and the index of the chosen one. */
  options: string[] | null;
  selectedIndex: number;
}

/**
 * Focus predicates. They run in the page, so they use nothing but their arguments. `inWidget`: the focused element
 * matches `selector` inside the shadow root of the element `tag`.
 */
function inWidget(element: Element, host: string, tag: string, selector: string): boolean {
  return host === tag && element.matches(selector);
}

/** The focus is on the input of the answer to the question `code` (inside its `imi-answer-input`). */
function answerTo(element: Element, host: string, code: string): boolean {
  return host === 'imi-answer-input' && ((element.getRootNode() as ShadowRoot).host as ImiAnswerInput).question?.code === code;
}

/** The focus is in the form of the action opened in the request view (possibly inside an answer input). */
function inActionForm(element: Element): boolean {
  for (let node: Element | null = element; node; node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host ?? null)) {
    if (node.id === 'action-form') return true;
  }
  return false;
}

/** Runs in the page: the deeply focused element, followed through the shadow roots, and whether `test` accepts it. */
function inspectFocus(test: FocusPredicate<unknown[]> | undefined, args: unknown[]): Focus {
  let element = document.activeElement;
  const hosts: string[] = [];
  while (element?.shadowRoot?.activeElement) {
    hosts.push(element.localName);
    element = element.shadowRoot.activeElement;
  }
  if (!element || element === document.body) return { label: '(nothing)', matched: false, shown: false, options: null, selectedIndex: -1 };
  const root = element.getRootNode();
  const host = root instanceof ShadowRoot ? root.host.localName : '';
  const attributes = ['name', 'type', 'value', 'href', 'role', 'data-action']
    .filter((name) => element.hasAttribute(name))
    .map((name) => `[${name}=${element.getAttribute(name)}]`);
  const own = `${element.localName}${element.id ? `#${element.id}` : ''}${[...element.classList].map((name) => `.${name}`).join('')}${attributes.join('')}`;
  const style = getComputedStyle(element);
  const box = element.getBoundingClientRect();
  const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
  const inView = box.bottom > 0 && box.right > 0 && box.top < innerHeight && box.left < innerWidth;
  const select = element instanceof HTMLSelectElement ? element : null;
  return {
    label: [...hosts, own].join(' › '),
    matched: Boolean(test?.(element, host, ...args)),
    shown: ring && inView,
    options: select ? [...select.options].map((option) => option.value) : null,
    selectedIndex: select?.selectedIndex ?? -1,
  };
}

/** Runs in the page: what reaches beyond the right edge of the viewport, the page itself or any element in any shadow root. */
function overflowProblems(): string[] {
  const root = document.documentElement;
  const problems: string[] = [];
  if (root.scrollWidth > root.clientWidth + 1) problems.push(`the page scrolls sideways: ${root.scrollWidth} px of content in ${root.clientWidth} px`);
  const edge = root.clientWidth + 1;
  const visit = (scope: Document | ShadowRoot, hosts: string[]) => {
    for (const element of scope.querySelectorAll('*')) {
      const box = element.getBoundingClientRect();
      if (box.width > 0 && box.height > 0 && box.right > edge) {
        const own = `${element.localName}${element.id ? `#${element.id}` : ''}${[...element.classList].map((name) => `.${name}`).join('')}`;
        const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 60);
        problems.push(`${[...hosts, own].join(' › ')} reaches ${Math.round(box.right)} px: “${text}”`);
      }
      if (element.shadowRoot) visit(element.shadowRoot, [...hosts, element.localName]);
    }
  };
  visit(document, []);
  return problems;
}

/** Runs in the page: whether nothing in the page or its shadow roots is still loading (`aria-busy`). */
function settled(): boolean {
  const busy = (scope: Document | ShadowRoot): boolean =>
    Boolean(scope.querySelector('[aria-busy="true"]')) || [...scope.querySelectorAll('*')].some((element) => element.shadowRoot && busy(element.shadowRoot));
  return !busy(document);
}

/** One person at the demo portal, in a browser profile of their own, using nothing but the keyboard. */
class KeyboardUser {
  readonly pageErrors: string[] = [];

  private constructor(
    readonly page: Page,
    private readonly context: BrowserContext,
    private readonly setting: Setting,
  ) {
    page.on('pageerror', (error) => this.pageErrors.push(String(error)));
  }

  /** Opens `link` in a fresh browser profile, chooses the language with the portal's own switcher and signs in. */
  static async signIn(email: string, link: string, setting: Setting): Promise<KeyboardUser> {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    // The checkpoints inject axe as a script of the test's own; the pages' Content-Security-Policy is proven by csp.test.ts.
    await page.setBypassCSP(true);
    page.setDefaultTimeout(10_000);
    await page.setViewport(setting.viewport);
    const user = new KeyboardUser(page, context, setting);
    // The live-update stream keeps a connection open, so the page never goes network-idle once signed in. The first
    // visit waits for the server to bundle the widgets.
    await page.goto(link, { waitUntil: 'domcontentloaded', timeout: 30_000 });
    await until(() => page.$('imi-demo-portal >>> input[name=email]'), 30_000, 'the sign-in form');

    await user.tabTo('the language switcher', inWidget, 'imi-demo-portal', 'header select');
    await user.choose(setting.locale);
    // Arrowing through the languages changes nothing yet (WCAG 3.2.2, on input); Enter applies the choice.
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await user.press('Enter');
    await page.$eval('imi-demo-portal', (portal) => portal.localeReady);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(setting.locale);

    await user.tabTo('the e-mail field', inWidget, 'imi-demo-portal', 'input[name=email]');
    await user.type(email);
    await user.tabTo('the password field', inWidget, 'imi-demo-portal', 'input[name=password]');
    await user.type('demo-password');
    await user.press('Enter');
    await until(() => page.$('imi-demo-portal >>> nav.pages'), 10_000, 'the signed-in portal').catch(async (error: Error) => {
      const alert = await page.$eval('imi-demo-portal >>> [role=alert]', (element) => element.textContent?.trim()).catch(() => undefined);
      throw alert ? new Error(`${error.message}; the sign-in form says: ${alert}`) : error;
    });
    return user;
  }

  async close(): Promise<void> {
    expect(this.pageErrors, 'errors in the page').toEqual([]);
    await this.context.close();
  }

  async press(key: KeyInput, times = 1): Promise<void> {
    for (let i = 0; i < times; i++) await this.page.keyboard.press(key);
  }

  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text);
  }

  /**
   * Presses Tab until the focused element (followed through the shadow roots) satisfies `predicate`, which runs in the
   * page with `args`; fails naming the places the focus went through when it is not reached in 200 presses.
   */
  tabTo<A extends unknown[]>(description: string, predicate: FocusPredicate<A>, ...args: A): Promise<void> {
    return this.moveFocus('Tab', 200, description, predicate, args);
  }

  /** Presses ArrowDown (in a radio group: moves to the next radio and checks it) until the focus satisfies `predicate`. */
  arrowTo<A extends unknown[]>(description: string, predicate: FocusPredicate<A>, ...args: A): Promise<void> {
    return this.moveFocus('ArrowDown', 10, description, predicate, args);
  }

  /** Fails unless the page itself has put the focus where `predicate` wants it. */
  expectFocus<A extends unknown[]>(description: string, predicate: FocusPredicate<A>, ...args: A): Promise<void> {
    return this.moveFocus('Tab', 0, description, predicate, args);
  }

  private async moveFocus<A extends unknown[]>(key: KeyInput, maxPresses: number, description: string, predicate: FocusPredicate<A>, args: A): Promise<void> {
    const test = (await this.page.evaluateHandle(`(${predicate.toString()})`)) as JSHandle<FocusPredicate<unknown[]>>;
    const visited: string[] = [];
    try {
      for (let presses = 0; ; presses++) {
        const focus = await this.page.evaluate(inspectFocus, test, args);
        if (focus.matched) {
          expect.soft(focus.shown, `${description} is in view and shows a focus ring`).toBe(true);
          return;
        }
        if (!visited.includes(focus.label)) visited.push(focus.label);
        if (presses === maxPresses) {
          throw new Error(maxPresses
            ? `${description} cannot be reached with the ${key} key; in ${maxPresses} presses the focus went through\n  ${visited.join('\n  ')}`
            : `the focus is not on ${description} but on ${focus.label}`);
        }
        await this.page.keyboard.press(key);
      }
    } finally {
      await test.dispose();
    }
  }

  /** Chooses the option with `value` in the focused select with the arrow keys, as the keyboard does without opening it. */
  async choose(value: string): Promise<void> {
    const focus = await this.page.evaluate(inspectFocus, undefined, []);
    const target = focus.options?.indexOf(value) ?? -1;
    if (target < 0) throw new Error(`the focused ${focus.label} is not a select with the option ${value}`);
    const steps = target - focus.selectedIndex;
    await this.press(steps > 0 ? 'ArrowDown' : 'ArrowUp', Math.abs(steps));
    const chosen = await this.page.evaluate(inspectFocus, undefined, []);
    expect(chosen.options?.[chosen.selectedIndex], `the option chosen in ${chosen.label}`).toBe(value);
  }

  /** Opens the form of an allowed action of the request view, lets `fill` fill it, submits it and waits for the new status. */
  async act(action: string, expected: string, fill?: () => Promise<void>): Promise<void> {
    await this.tabTo(`the ${action} button`, inWidget, 'imi-request-view', `[data-action="${action}"]`);
    await this.press('Enter');
    await until(() => this.page.$(`${requestView} >>> #action-form`), 10_000, `the form of ${action}`);
    await this.expectFocus(`the form of ${action}`, inActionForm);
    await fill?.();
    await this.tabTo(`the submit button of ${action}`, inWidget, 'imi-request-view', '#action-form button[type=submit]');
    await this.press('Space');
    await waitForStatus(this.page, expected);
  }

  /** The checks of each main step, once it has loaded: no serious or critical axe violation, and nothing beyond the right edge. */
  async checkpoint(step: string): Promise<void> {
    await until(() => this.page.evaluate(settled), 10_000, `${step} loaded`);
    expect.soft(await seriousAxeViolations(this.page), `serious axe violations ${this.setting.name}, at ${step}`).toEqual([]);
    expect.soft(await this.page.evaluate(overflowProblems), `content beyond the right edge ${this.setting.name}, at ${step}`).toEqual([]);
  }

  viewText(): Promise<string> {
    return this.page.$eval(requestView, (view) => view.shadowRoot!.textContent ?? '');
  }
}

describe('a whole exchange on the demo portal with the keyboard alone', () => {
  for (const setting of settings) {
    it(`sends, accepts, replies and closes ${setting.name}`, async () => {
      // A Portuguese handler asks a French regional health agency about a nurse.
      const requester = await KeyboardUser.signIn('handler.pt@imi.test', `${app.base}/`, setting);
      await requester.checkpoint('the inbox after signing in');
      await requester.tabTo('the link to a new request', inWidget, 'imi-demo-portal', 'nav.pages a[href="#/new"]');
      await requester.press('Enter');
      const form = 'imi-demo-portal >>> imi-request-form';
      await until(() => requester.page.$(`${form} >>> #area option[value=PQ]`), 30_000, 'the request form');
      await requester.tabTo('the legislative area', inWidget, 'imi-request-form', '#area');
      await requester.choose('PQ');
      await until(() => requester.page.$(`${form} >>> #q-${questions[0]}`), 30_000, 'the questions of the set');
      for (const code of questions) {
        await requester.tabTo(`the question ${code}`, inWidget, 'imi-request-form', `#q-${code}`);
        await requester.press('Space');
      }
      await requester.tabTo('the first name', inWidget, 'imi-request-form', '#first-name');
      await requester.type('Ana');
      await requester.tabTo('the last name', inWidget, 'imi-request-form', '#last-name');
      await requester.type('Ferreira');
      await requester.tabTo('the search for the authority to ask', inWidget, 'imi-authority-search', '[role=combobox]');
      await requester.type('Auvergne-Rhône-Alpes');
      await until(() => requester.page.$(`${form} >>> imi-authority-search >>> .results[aria-busy=false] [role=option]`), 10_000, 'the authorities found');
      await requester.press('ArrowDown');
      await requester.press('Enter');
      await until(() => requester.page.$(`${form} >>> #recipient-chosen`), 10_000, 'the chosen authority');
      await requester.checkpoint('the filled request form');
      await requester.tabTo('the Send button', inWidget, 'imi-request-form', 'button.primary');
      await requester.press('Enter');
      const link = `${app.base}/${await sentRequestLink(requester.page)}`;
      await waitForStatus(requester.page, 'AWAITING_ACCEPTANCE');
      await requester.close();

      // The French handler opens the e-mailed link, accepts, and replies.
      const responder = await KeyboardUser.signIn('handler.fr@imi.test', link, setting);
      await waitForStatus(responder.page, 'AWAITING_ACCEPTANCE');
      expect(await responder.viewText()).not.toContain('Ferreira');
      await responder.checkpoint('the request before acceptance');
      await responder.act('accept', 'ACCEPTED');
      expect(await responder.viewText()).toContain('Ferreira');
      await responder.act('reply', 'ANSWERED', async () => {
        await responder.expectFocus(`the answer to ${questions[0]}`, answerTo, questions[0]);
        await responder.type(replyText);
        // Tab enters a radio group on its first radio, Space chooses it (yes), an arrow moves on and chooses (no).
        await responder.tabTo(`the answer to ${questions[1]}`, answerTo, questions[1]);
        await responder.press('Space');
        await responder.tabTo(`the answer to ${questions[2]}`, answerTo, questions[2]);
        await responder.press('ArrowDown');
        await responder.checkpoint('the reply form');
      });
      await responder.close();

      // Back in Portugal, the handler reads the reply, rates it and closes the request.
      const closer = await KeyboardUser.signIn('handler.pt@imi.test', link, setting);
      await waitForStatus(closer.page, 'ANSWERED');
      expect(await closer.viewText()).toContain(replyText);
      await closer.act('close', 'CLOSED', async () => {
        await closer.expectFocus('the chosen rating of timeliness', inWidget, 'imi-request-view', 'input[name=timeliness]:checked');
        await closer.arrowTo('a positive rating of timeliness', inWidget, 'imi-request-view', 'input[name=timeliness][value=positive]:checked');
        await closer.tabTo('the rating of effort', inWidget, 'imi-request-view', 'input[name=effort]');
        await closer.arrowTo('a negative rating of effort', inWidget, 'imi-request-view', 'input[name=effort][value=negative]:checked');
        await closer.checkpoint('the closing form');
      });
      await closer.checkpoint('the closed request');
      await closer.close();

      // What the keys entered is what the server holds.
      const id = link.split('/').at(-1)!;
      const response = await app.request(`/api/v1/requests/${id}`, { token: await app.login('handler.pt@imi.test') });
      const request = (await response.json()) as RequestView;
      expect(request.status).toBe('CLOSED');
      expect(request.questions.map((question) => question.code)).toEqual(questions);
      expect(request.subject).toMatchObject({ firstName: 'Ana', lastName: 'Ferreira' });
      expect(request.responder?.country).toBe('FR');
      expect(request.answers).toEqual([
        { question: questions[0], value: replyText },
        { question: questions[1], value: 'yes' },
        { question: questions[2], value: 'no' },
      ]);
      expect(request.rating).toEqual({ timeliness: 'positive', effort: 'negative' });
    }, 120_000);
  }
});
