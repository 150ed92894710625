
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    import {html} from 'lit';
    import {str} from '@lit/localize';

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      'h07000d83291c7f4f': html`Illetékes: ${0} — egyezés: ${1}`,
'h5c8f7d4ab4045a76': html`Egyezés a régióban: ${0}`,
'h673f7e51291f7181': html`Illetékes: ${0}`,
'h7e7b28499b48c7a8': html`Egyezés a hivatalos névben: ${0}`,
'h9e7e70bc0d449751': html`Egyezés a településben: ${0}`,
'he5cc7376319b8805': html`Egyezés a névben: ${0}`,
's052403aa72f58906': `Minden ország`,
's1b3a53446bd2ebfe': `A címjegyzékben való kereséshez jelentkezzen be újra.`,
's1fef5d42afc8b79f': `Minden szakma`,
's24d433ab121d8fb7': `Az adatok megtekintéséhez válasszon egy hatóságot a találatok közül.`,
's264c646aba19651d': `Helyi adatadminisztrátor`,
's2a839a2292bee438': `Az IMI Network widgetek bemutatója`,
's2c8189544e3ea679': `Újra`,
's2d6c36ef90fd1da5': str`Nem található hatóság erre: „${0}”.`,
's2f88b7664294cc33': `További találatok érhetők el.`,
's30cbf38ce20b2b09': `A bejelentkezés sikertelen.`,
's45ee1d374a1606b3': `A munkamenet lejárt. Jelentkezzen be újra.`,
's5e27738a2e8eb763': `Bejelentkezés`,
's5fc59dcbf0409346': `Megkeresések kezelője`,
's643c86f3f0713801': `Hatáskörök`,
's6ebc9bd6feae62a3': `Betöltés…`,
's70d94df2e4b82f43': `Munkanyelvek`,
's7cfe12cd14df9950': `Kijelentkezés`,
's7fd88abceeb27ab0': `További találatok betöltése`,
's812dd882f17cd0ed': `Bizottsági adminisztrátor`,
's82665b2ffabc9c0a': `Weboldal`,
's863b56fce94a02a6': str`Talált hatóságok: ${0}`,
's8e7258c871aaa410': `E-mail`,
's9726612ddbcfe919': `Hatósági portál`,
's9cf7402fe920f7d1': `Ország`,
's9cfa7823fc62aba3': `Keresés…`,
'sa5418dff4f5e3140': `Írjon be legalább 2 karaktert: egy szakmát, kulcsszót, nevet vagy települést, bármely nyelven.`,
'sa8beb6b1182241ac': `Szűrők`,
'saec89b76e501a8af': `Illetékes hatóság keresése`,
'sba26f9e01bddf769': `Hatósági portál — IMI Network bemutató`,
'sbccf27a52d84a5c1': `Válasszon bemutató fiókot`,
'sc3314ff407716cf0': `A hatóság adatai`,
'sc7079bab6ba40919': `A keresés sikertelen.`,
'sc8aa534c8450ad43': str`Bejelentkezve: ${0} (${1})`,
'sc97bf0e8e9fe06b3': str`Minden bemutató fiók jelszava: ${0}.`,
'scda89f4773806646': `Az adatokat nem sikerült betölteni.`,
'sd00cc27eb62405b3': `Illetékes hatóságok keresése`,
'sd039ecf6bd44e8c4': `Megkeresések második kezelője`,
'sd3dd3e07af92d400': str`Kiválasztva: ${0}`,
'sd69bc1bb271deb8d': `Bemutató fiók`,
'sd8d798619e6080df': `Szakma`,
'se0dd7d5001d16249': `A kiszolgáló nem érhető el. Ellenőrizze a kapcsolatot, és próbálja újra.`,
'se711220b24772417': `Telefon`,
'seb0f62979cf02a00': `Nemzeti IMI-koordinátor`,
'sec7498111bf40e3b': `Minden jogterület`,
'sefcf950b3cc4fc3b': `Nyelv`,
'sf6e1665c7022a1f8': `Jelszó`,
'sf6fd13a7406e71ef': `Jogterület`,
'sfcdd8e672c75b713': `Cím`,
    };
  