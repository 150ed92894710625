
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    import {html} from 'lit';
    import {str} from '@lit/localize';

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      'h07000d83291c7f4f': html`Pristojen za: ${0} — ujemanje: ${1}`,
'h5c8f7d4ab4045a76': html`Ujemanje v regiji: ${0}`,
'h673f7e51291f7181': html`Pristojen za: ${0}`,
'h7e7b28499b48c7a8': html`Ujemanje v uradnem imenu: ${0}`,
'h9e7e70bc0d449751': html`Ujemanje v kraju: ${0}`,
'he5cc7376319b8805': html`Ujemanje v imenu: ${0}`,
's052403aa72f58906': `Vse države`,
's1b3a53446bd2ebfe': `Za iskanje po imeniku se znova prijavite.`,
's1fef5d42afc8b79f': `Vsi poklici`,
's24d433ab121d8fb7': `Izberite organ med rezultati iskanja, da si ogledate njegove podatke.`,
's264c646aba19651d': `Lokalni skrbnik podatkov`,
's2a839a2292bee438': `Predstavitev gradnikov IMI Network`,
's2c8189544e3ea679': `Poskusi znova`,
's2d6c36ef90fd1da5': str`Za »${0}« ni bil najden noben organ.`,
's2f88b7664294cc33': `Na voljo je več rezultatov.`,
's30cbf38ce20b2b09': `Prijava ni uspela.`,
's45ee1d374a1606b3': `Vaša seja je potekla. Znova se prijavite.`,
's5e27738a2e8eb763': `Prijava`,
's5fc59dcbf0409346': `Obdelovalec zahtevkov`,
's643c86f3f0713801': `Pristojnosti`,
's6ebc9bd6feae62a3': `Nalaganje …`,
's70d94df2e4b82f43': `Delovni jeziki`,
's7cfe12cd14df9950': `Odjava`,
's7fd88abceeb27ab0': `Naloži več rezultatov`,
's812dd882f17cd0ed': `Skrbnik Komisije`,
's82665b2ffabc9c0a': `Spletno mesto`,
's863b56fce94a02a6': str`Najdeni organi: ${0}`,
's8e7258c871aaa410': `E-pošta`,
's9726612ddbcfe919': `Portal javnih organov`,
's9cf7402fe920f7d1': `Država`,
's9cfa7823fc62aba3': `Iskanje …`,
'sa5418dff4f5e3140': `Vnesite vsaj 2 znaka: poklic, ključno besedo, ime ali kraj, v katerem koli jeziku.`,
'sa8beb6b1182241ac': `Filtri`,
'saec89b76e501a8af': `Poiščite pristojni organ`,
'sba26f9e01bddf769': `Portal javnih organov — predstavitev IMI Network`,
'sbccf27a52d84a5c1': `Izberite predstavitveni račun`,
'sc3314ff407716cf0': `Podatki o organu`,
'sc7079bab6ba40919': `Iskanje ni uspelo.`,
'sc8aa534c8450ad43': str`Prijavljeni ste kot ${0} (${1})`,
'sc97bf0e8e9fe06b3': str`Geslo vseh predstavitvenih računov je ${0}.`,
'scda89f4773806646': `Podatkov ni bilo mogoče naložiti.`,
'sd00cc27eb62405b3': `Iskanje pristojnih organov`,
'sd039ecf6bd44e8c4': `Drugi obdelovalec zahtevkov`,
'sd3dd3e07af92d400': str`Izbrano: ${0}`,
'sd69bc1bb271deb8d': `Predstavitveni račun`,
'sd8d798619e6080df': `Poklic`,
'se0dd7d5001d16249': `Strežnik ni dosegljiv. Preverite povezavo in poskusite znova.`,
'se711220b24772417': `Telefon`,
'seb0f62979cf02a00': `Nacionalni koordinator IMI`,
'sec7498111bf40e3b': `Vsa zakonodajna področja`,
'sefcf950b3cc4fc3b': `Jezik`,
'sf6e1665c7022a1f8': `Geslo`,
'sf6fd13a7406e71ef': `Zakonodajno področje`,
'sfcdd8e672c75b713': `Naslov`,
    };
  