
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    import {html} from 'lit';
    import {str} from '@lit/localize';

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      'h07000d83291c7f4f': html`Toimivaltainen: ${0} — osuma: ${1}`,
'h5c8f7d4ab4045a76': html`Osuma alueessa: ${0}`,
'h673f7e51291f7181': html`Toimivaltainen: ${0}`,
'h7e7b28499b48c7a8': html`Osuma virallisessa nimessä: ${0}`,
'h9e7e70bc0d449751': html`Osuma paikkakunnassa: ${0}`,
'he5cc7376319b8805': html`Osuma nimessä: ${0}`,
's052403aa72f58906': `Kaikki maat`,
's1b3a53446bd2ebfe': `Kirjaudu uudelleen sisään, jotta voit hakea hakemistosta.`,
's1fef5d42afc8b79f': `Kaikki ammatit`,
's24d433ab121d8fb7': `Valitse viranomainen hakutuloksista nähdäksesi sen tiedot.`,
's264c646aba19651d': `Paikallinen tietojen ylläpitäjä`,
's2a839a2292bee438': `IMI Network -pienoissovellusten esittely`,
's2c8189544e3ea679': `Yritä uudelleen`,
's2d6c36ef90fd1da5': str`Haulla ”${0}” ei löytynyt viranomaisia.`,
's2f88b7664294cc33': `Tuloksia on lisää.`,
's30cbf38ce20b2b09': `Kirjautuminen epäonnistui.`,
's45ee1d374a1606b3': `Istuntosi on vanhentunut. Kirjaudu uudelleen sisään.`,
's5e27738a2e8eb763': `Kirjaudu sisään`,
's5fc59dcbf0409346': `Pyyntöjen käsittelijä`,
's643c86f3f0713801': `Toimivalta`,
's6ebc9bd6feae62a3': `Ladataan…`,
's70d94df2e4b82f43': `Työkielet`,
's7cfe12cd14df9950': `Kirjaudu ulos`,
's7fd88abceeb27ab0': `Lataa lisää tuloksia`,
's812dd882f17cd0ed': `Komission ylläpitäjä`,
's82665b2ffabc9c0a': `Verkkosivusto`,
's863b56fce94a02a6': str`Löydetyt viranomaiset: ${0}`,
's8e7258c871aaa410': `Sähköposti`,
's9726612ddbcfe919': `Viranomaisportaali`,
's9cf7402fe920f7d1': `Maa`,
's9cfa7823fc62aba3': `Haetaan…`,
'sa5418dff4f5e3140': `Kirjoita vähintään 2 merkkiä: ammatti, hakusana, nimi tai paikkakunta millä tahansa kielellä.`,
'sa8beb6b1182241ac': `Suodattimet`,
'saec89b76e501a8af': `Etsi toimivaltainen viranomainen`,
'sba26f9e01bddf769': `Viranomaisportaali — IMI Network -esittely`,
'sbccf27a52d84a5c1': `Valitse esittelytili`,
'sc3314ff407716cf0': `Viranomaisen tiedot`,
'sc7079bab6ba40919': `Haku epäonnistui.`,
'sc8aa534c8450ad43': str`Kirjautunut: ${0} (${1})`,
'sc97bf0e8e9fe06b3': str`Kaikkien esittelytilien salasana on ${0}.`,
'scda89f4773806646': `Tietoja ei voitu ladata.`,
'sd00cc27eb62405b3': `Hae toimivaltaisia viranomaisia`,
'sd039ecf6bd44e8c4': `Toinen pyyntöjen käsittelijä`,
'sd3dd3e07af92d400': str`Valittu: ${0}`,
'sd69bc1bb271deb8d': `Esittelytili`,
'sd8d798619e6080df': `Ammatti`,
'se0dd7d5001d16249': `Palvelimeen ei saada yhteyttä. Tarkista yhteys ja yritä uudelleen.`,
'se711220b24772417': `Puhelin`,
'seb0f62979cf02a00': `Kansallinen IMI-koordinaattori`,
'sec7498111bf40e3b': `Kaikki lainsäädäntöalueet`,
'sefcf950b3cc4fc3b': `Kieli`,
'sf6e1665c7022a1f8': `Salasana`,
'sf6fd13a7406e71ef': `Lainsäädäntöalue`,
'sfcdd8e672c75b713': `Osoite`,
    };
  