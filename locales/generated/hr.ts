
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    import {html} from 'lit';
    import {str} from '@lit/localize';

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      'h07000d83291c7f4f': html`Nadležno za: ${0} — podudaranje: ${1}`,
'h5c8f7d4ab4045a76': html`Podudaranje u regiji: ${0}`,
'h673f7e51291f7181': html`Nadležno za: ${0}`,
'h7e7b28499b48c7a8': html`Podudaranje u službenom nazivu: ${0}`,
'h9e7e70bc0d449751': html`Podudaranje u gradu: ${0}`,
'he5cc7376319b8805': html`Podudaranje u nazivu: ${0}`,
's052403aa72f58906': `Sve države`,
's1b3a53446bd2ebfe': `Ponovno se prijavite kako biste pretraživali imenik.`,
's1fef5d42afc8b79f': `Sva zanimanja`,
's24d433ab121d8fb7': `Odaberite tijelo u rezultatima pretraživanja kako biste vidjeli njegove podatke.`,
's264c646aba19651d': `Lokalni administrator podataka`,
's2a839a2292bee438': `Demonstracija widgeta sustava IMI Network`,
's2c8189544e3ea679': `Pokušaj ponovno`,
's2d6c36ef90fd1da5': str`Nije pronađeno nijedno tijelo za „${0}”.`,
's2f88b7664294cc33': `Dostupno je još rezultata.`,
's30cbf38ce20b2b09': `Prijava nije uspjela.`,
's45ee1d374a1606b3': `Vaša je sesija istekla. Ponovno se prijavite.`,
's5e27738a2e8eb763': `Prijava`,
's5fc59dcbf0409346': `Obrađivač zahtjeva`,
's643c86f3f0713801': `Nadležnosti`,
's6ebc9bd6feae62a3': `Učitavanje…`,
's70d94df2e4b82f43': `Radni jezici`,
's7cfe12cd14df9950': `Odjava`,
's7fd88abceeb27ab0': `Učitaj još rezultata`,
's812dd882f17cd0ed': `Administrator Komisije`,
's82665b2ffabc9c0a': `Mrežna stranica`,
's863b56fce94a02a6': str`Pronađena tijela: ${0}`,
's8e7258c871aaa410': `E-pošta`,
's9726612ddbcfe919': `Portal tijela javne vlasti`,
's9cf7402fe920f7d1': `Država`,
's9cfa7823fc62aba3': `Pretraživanje…`,
'sa5418dff4f5e3140': `Upišite najmanje 2 znaka: zanimanje, ključnu riječ, naziv ili grad, na bilo kojem jeziku.`,
'sa8beb6b1182241ac': `Filtri`,
'saec89b76e501a8af': `Pronađite nadležno tijelo`,
'sba26f9e01bddf769': `Portal tijela javne vlasti — demonstracija sustava IMI Network`,
'sbccf27a52d84a5c1': `Odaberite demonstracijski račun`,
'sc3314ff407716cf0': `Podaci o tijelu`,
'sc7079bab6ba40919': `Pretraživanje nije uspjelo.`,
'sc8aa534c8450ad43': str`Prijavljeni ste kao ${0} (${1})`,
'sc97bf0e8e9fe06b3': str`Lozinka svih demonstracijskih računa je ${0}.`,
'scda89f4773806646': `Podatke nije bilo moguće učitati.`,
'sd00cc27eb62405b3': `Pretraži nadležna tijela`,
'sd039ecf6bd44e8c4': `Drugi obrađivač zahtjeva`,
'sd3dd3e07af92d400': str`Odabrano: ${0}`,
'sd69bc1bb271deb8d': `Demonstracijski račun`,
'sd8d798619e6080df': `Zanimanje`,
'se0dd7d5001d16249': `Poslužitelj nije dostupan. Provjerite vezu i pokušajte ponovno.`,
'se711220b24772417': `Telefon`,
'seb0f62979cf02a00': `Nacionalni koordinator IMI-ja`,
'sec7498111bf40e3b': `Sva zakonodavna područja`,
'sefcf950b3cc4fc3b': `Jezik`,
'sf6e1665c7022a1f8': `Lozinka`,
'sf6fd13a7406e71ef': `Zakonodavno područje`,
'sfcdd8e672c75b713': `Adresa`,
    };
  