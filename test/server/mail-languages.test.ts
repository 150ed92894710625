import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invitationLocale, mailLocale, mailTemplates, type PluralForms } from '../../server/i18n/mail.js';
import { deliverDigests } from '../../server/modules/notifications/delivery.js';
import { localeCodes } from '../../server/modules/reference/locales.js';
import { createLogger } from '../../server/logger.js';
import { createMailer, type Mailer } from '../../server/modules/notifications/mailer.js';
import { requestClient } from './request-client.js';
import { startTestSmtp, type ReceivedMail } from './smtp.js';
import { startTestApp, type TestApp } from './support.js';

/**
 * E-mails in the recipient's language: every locale has every template, translated, and what arrives through the relay
 * is written in the language of the account that receives it, with the locale's plural forms and dates.
 */

type Template = string | PluralForms | Record<string, string> | ((...args: string[]) => string);
/** Arguments no translation contains by itself, so a template that drops one shows. */
const samples = ['‹A1›', '‹B2›', '‹C3›'];
const rendered = (template: Template): string =>
  typeof template === 'function' ? template(...samples) : typeof template === 'string' ? template : JSON.stringify(template);

describe('catalogue', () => {
  const en = mailTemplates.en as unknown as Record<string, Template>;

  it.each(localeCodes.filter((code) => code !== 'en'))('%s has every template, translated, with every argument', (code) => {
    const t = mailTemplates[code] as unknown as Record<string, Template> | undefined;
    expect(t, code).toBeDefined();
    for (const [key, english] of Object.entries(en)) {
      const own = t![key];
      expect(typeof own, `${code}.${key}`).toBe(typeof english);
      if (typeof english === 'function') {
        const text = rendered(own);
        expect(text, `${code}.${key}`).not.toBe(rendered(english));
        // Each argument the English template shows (case number, link, name, areas, count, date) is shown too.
        for (const [i, sample] of samples.slice(0, english.length).entries()) expect(text, `${code}.${key} argument ${i + 1}`).toContain(sample);
      } else if (typeof english === 'string') {
        expect(own, `${code}.${key}`).not.toBe(english);
        expect((own as string).trim(), `${code}.${key}`).not.toBe('');
      } else if (key === 'subjects') {
        const subjects = own as Record<string, string>;
        for (const [kind, subject] of Object.entries(english)) {
          expect(subjects[kind], `${code}.subjects.${kind}`).toBeTruthy();
          expect(subjects[kind], `${code}.subjects.${kind}`).not.toBe(subject);
        }
        expect(Object.keys(subjects).sort()).toEqual(Object.keys(english).sort());
      } else {
        // A counted noun has a form for each plural category the language distinguishes in whole numbers.
        const forms = own as PluralForms;
        expect(forms.other, `${code}.${key}`).not.toBe((english as PluralForms).other);
        const categories = new Set([0, 1, 2, 3, 5, 11, 21, 22, 25, 100, 101, 102, 1_000_000].map((n) => new Intl.PluralRules(code).select(n)));
        for (const category of categories) expect(forms[category], `${code}.${key}.${category}`).toMatch(/#/);
      }
    }
  });

  it('writes to an account in its own locale, English when it has none of the 26', () => {
    expect(mailLocale('de')).toBe('de');
    expect(mailLocale('pt-PT')).toBe('pt');
    expect(mailLocale('xx')).toBe('en');
    expect(mailLocale(null)).toBe('en');
  });

  it('writes an invitation in the inviter’s language when the invited country speaks it, else in the country’s first', () => {
    expect(invitationLocale(['nl', 'fr', 'de'], 'fr')).toBe('fr');
    expect(invitationLocale(['nl', 'fr', 'de'], 'fi')).toBe('nl');
    expect(invitationLocale(['fr', 'de'], 'en')).toBe('fr');
    expect(invitationLocale(['lb'], 'de')).toBe('en');
  });
});

describe('through the relay', () => {
  let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
  let app: TestApp;
  let c: Awaited<ReturnType<typeof requestClient>>;
  let mailer: Mailer;
  const logger = createLogger('silent');
  const activateToken = (mail: ReceivedMail) => /http:\/\/imi\.test\/#\/activate\/([A-Za-z0-9_-]+)/.exec(mail.text)![1];
  const password = 'ein langes Kennwort 2026';
  const lda = 'lda@sprachen.at.imi.test';
  const german = 'handler.de@sprachen.at.imi.test';
  const finnish = 'handler.fi@sprachen.at.imi.test';

  async function activate(email: string): Promise<void> {
    const mail = await smtp.waitFor((m) => m.to.includes(email));
    const done = await app.request('/api/v1/auth/activate', { method: 'POST', body: { token: activateToken(mail), password } });
    expect(done.status).toBe(200);
  }
  const signIn = async (email: string) => {
    const response = await app.request('/api/v1/auth/login', { method: 'POST', body: { email, password } });
    expect(response.status).toBe(200);
    return ((await response.json()) as { accessToken: string }).accessToken;
  };

  beforeAll(async () => {
    smtp = await startTestSmtp();
    app = await startTestApp({ smtpUrl: smtp.url });
    c = await requestClient(app);
    mailer = createMailer({ smtpUrl: smtp.url, from: 'IMI Network <no-reply@imi.test>', logger });
  });
  afterAll(async () => {
    await mailer?.close();
    await app?.close();
    await smtp?.close();
  });

  it('sends first sign-in links in the language of the new account', async () => {
    const nimic = await app.login('nimic.at@imi.test');
    const created = await app.request('/api/v1/authorities', {
      method: 'POST', token: nimic, body: {
        officialName: 'Sprachenkammer Kärnten', officialNameLang: 'de', designation: { de: 'Sprachenkammer', en: 'Chamber of Languages' },
        city: 'Klagenfurt', languages: ['de', 'fi'], country: 'AT', areas: ['PQ'],
        competences: [{ area: 'PQ', professions: ['architect'] }],
        lda: { email: lda, name: 'Lena Lang', locale: 'de' },
      },
    });
    expect(created.status).toBe(201);
    const authority = (await created.json()) as { id: string };
    const welcome = await smtp.waitFor((m) => m.to.includes(lda));
    expect(welcome.subject).toBe('Ihr Konto in IMI Network');
    expect(welcome.text).toMatch(/^Guten Tag Lena Lang,\n\nfür Sie wurde ein Konto in IMI Network angelegt\./);
    expect(welcome.text).toMatch(/innerhalb von 7 Tagen \(bis \d{1,2}\. (Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember) \d{4}\)/);
    await activate(lda);

    const admin = await signIn(lda);
    for (const [email, name, locale] of [[german, 'Hans Huber', 'de'], [finnish, 'Aino Virtanen', 'fi']]) {
      const user = await app.request(`/api/v1/authorities/${authority.id}/users`, {
        method: 'POST', token: admin, body: { email, name, locale, roles: [{ area: 'PQ', role: 'request-handler' }] },
      });
      expect(user.status).toBe(201);
    }
    const finnishWelcome = await smtp.waitFor((m) => m.to.includes(finnish));
    expect(finnishWelcome.subject).toBe('IMI Network -tilisi');
    expect(finnishWelcome.text).toContain('Aseta salasanasi 7 päivän kuluessa');
    await activate(german);
    await activate(finnish);
  });

  it('notifies each handler of the same request in that handler’s language, without personal data', async () => {
    const sent = await c.step('handler.cy@imi.test', await c.draft('handler.cy@imi.test', lda), 'send');
    const link = `http://imi.test/#/requests/${sent.id}`;
    const toGerman = await smtp.waitFor((m) => m.to.includes(german) && m.subject.includes(sent.caseNumber));
    expect(toGerman.to).toEqual([german]);
    expect(toGerman.subject).toBe(`[IMI] ${sent.caseNumber}: Neue Anfrage zu beantworten`);
    expect(toGerman.text).toContain(`Neue Anfrage zu beantworten: Anfrage ${sent.caseNumber}.\n\nIn IMI öffnen: ${link}`);
    expect(toGerman.text).toContain('Diese Nachricht enthält keine personenbezogenen Daten');
    const toFinnish = await smtp.waitFor((m) => m.to.includes(finnish) && m.subject.includes(sent.caseNumber));
    expect(toFinnish.to).toEqual([finnish]);
    expect(toFinnish.subject).toBe(`[IMI] ${sent.caseNumber}: Uusi vastattava pyyntö`);
    expect(toFinnish.text).toContain(`Avaa se IMI:ssä: ${link}`);
    expect(toFinnish.text).toContain('Tämä viesti ei sisällä henkilötietoja');
    for (const mail of [toGerman, toFinnish]) {
      expect(mail.text).not.toContain('Ferreira');
      expect(mail.text).not.toContain('Hello');
    }
  });

  it('counts the items of a digest with the plural forms of the recipient’s language', async () => {
    for (const email of [german, finnish]) {
      const chosen = await app.request('/api/v1/me/notification-preferences', {
        method: 'PUT', token: await signIn(email), body: { preferences: [{ kind: 'request-received', mode: 'digest' }] },
      });
      expect(chosen.status).toBe(200);
    }
    const deps = { mailer, publicUrl: 'http://imi.test', logger };
    const digestsTo = (email: string) => smtp.messages.filter((m) => m.to.includes(email) && /Zusammenfassung|koosteesi/.test(m.subject));
    const day = (n: number) => new Date(Date.now() + n * 86_400_000);

    const one = await c.step('handler.cy@imi.test', await c.draft('handler.cy@imi.test', lda), 'send');
    await deliverDigests(app.orm.em, deps, new Date(day(1).toISOString().slice(0, 10) + 'T07:01:00Z'));
    expect(digestsTo(german).map((m) => m.subject)).toEqual(['[IMI] Ihre tägliche Zusammenfassung: 1 Benachrichtigung']);
    expect(digestsTo(finnish).map((m) => m.subject)).toEqual(['[IMI] Päivittäinen koosteesi: 1 ilmoitus']);
    expect(digestsTo(german)[0].text).toContain(`- ${one.caseNumber}: Neue Anfrage zu beantworten\n  http://imi.test/#/requests/${one.id}`);

    const two = [
      await c.step('handler.cy@imi.test', await c.draft('handler.cy@imi.test', lda), 'send'),
      await c.step('handler.cy@imi.test', await c.draft('handler.cy@imi.test', lda), 'send'),
    ];
    await deliverDigests(app.orm.em, deps, new Date(day(2).toISOString().slice(0, 10) + 'T07:01:00Z'));
    expect(digestsTo(german).map((m) => m.subject)[1]).toBe('[IMI] Ihre tägliche Zusammenfassung: 2 Benachrichtigungen');
    const finnishDigest = digestsTo(finnish)[1];
    expect(finnishDigest.subject).toBe('[IMI] Päivittäinen koosteesi: 2 ilmoitusta');
    expect(finnishDigest.text).toMatch(/^Mitä IMI:ssä on tapahtunut edellisen koosteesi jälkeen:/);
    for (const request of two) expect(finnishDigest.text).toContain(`- ${request.caseNumber}: Uusi vastattava pyyntö`);
  });

  it('writes an invitation in the inviting coordinator’s language, an official language of the invited country', async () => {
    const invited = await app.request('/api/v1/authorities/invitations', {
      method: 'POST', token: await app.login('nimic.at@imi.test'), body: { email: 'einladung@sprachen.at.imi.test', country: 'AT', areas: ['PQ'] },
    });
    expect(invited.status).toBe(201);
    const mail = await smtp.waitFor((m) => m.to.includes('einladung@sprachen.at.imi.test'));
    expect(mail.subject).toBe('Einladung zur Registrierung Ihrer Behörde in IMI Network');
    expect(mail.text).toContain('Ihre Behörde ist eingeladen, für PQ am IMI Network, dem Binnenmarkt-Informationssystem, teilzunehmen.');
    expect(mail.text).toMatch(/innerhalb von 14 Tagen \(bis \d{1,2}\. [A-Z][a-zä]+ \d{4}\)/);
    expect(mail.text).toMatch(/http:\/\/imi\.test\/#\/register\/[A-Za-z0-9_-]+/);

    const finnishInvitation = await app.request('/api/v1/authorities/invitations', {
      method: 'POST', token: await app.login('nimic.fi@imi.test'), body: { email: 'kutsu@kielet.fi.imi.test', country: 'FI', areas: ['PQ'] },
    });
    expect(finnishInvitation.status).toBe(201);
    const kutsu = await smtp.waitFor((m) => m.to.includes('kutsu@kielet.fi.imi.test'));
    expect(kutsu.subject).toBe('Kutsu rekisteröidä viranomaisesi IMI Networkiin');
    expect(kutsu.text).toContain('Rekisteröi se 14 päivän kuluessa');
  });
});
