
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    import {html} from 'lit';
    import {str} from '@lit/localize';

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      'h07000d83291c7f4f': html`Pädev: ${0} — vaste: ${1}`,
'h5c8f7d4ab4045a76': html`Vaste piirkonnas: ${0}`,
'h673f7e51291f7181': html`Pädev: ${0}`,
'h7e7b28499b48c7a8': html`Vaste ametlikus nimes: ${0}`,
'h9e7e70bc0d449751': html`Vaste linnas: ${0}`,
'he5cc7376319b8805': html`Vaste nimes: ${0}`,
's052403aa72f58906': `Kõik riigid`,
's1b3a53446bd2ebfe': `Kataloogist otsimiseks logige uuesti sisse.`,
's1fef5d42afc8b79f': `Kõik kutsealad`,
's24d433ab121d8fb7': `Andmete nägemiseks valige otsingutulemustest asutus.`,
's264c646aba19651d': `Kohalik andmehaldur`,
's2a839a2292bee438': `IMI Networki vidinate tutvustus`,
's2c8189544e3ea679': `Proovi uuesti`,
's2d6c36ef90fd1da5': str`Päringule „${0}“ ei leitud ühtegi asutust.`,
's2f88b7664294cc33': `Saadaval on rohkem tulemusi.`,
's30cbf38ce20b2b09': `Sisselogimine ebaõnnestus.`,
's45ee1d374a1606b3': `Teie seanss on aegunud. Logige uuesti sisse.`,
's5e27738a2e8eb763': `Logi sisse`,
's5fc59dcbf0409346': `Päringute menetleja`,
's643c86f3f0713801': `Pädevus`,
's6ebc9bd6feae62a3': `Laadimine…`,
's70d94df2e4b82f43': `Töökeeled`,
's7cfe12cd14df9950': `Logi välja`,
's7fd88abceeb27ab0': `Laadi rohkem tulemusi`,
's812dd882f17cd0ed': `Komisjoni administraator`,
's82665b2ffabc9c0a': `Veebisait`,
's863b56fce94a02a6': str`Leitud asutused: ${0}`,
's8e7258c871aaa410': `E-post`,
's9726612ddbcfe919': `Ametiasutuste portaal`,
's9cf7402fe920f7d1': `Riik`,
's9cfa7823fc62aba3': `Otsimine…`,
'sa5418dff4f5e3140': `Sisestage vähemalt 2 tähemärki: kutseala, märksõna, nimi või linn, mis tahes keeles.`,
'sa8beb6b1182241ac': `Filtrid`,
'saec89b76e501a8af': `Leia pädev asutus`,
'sba26f9e01bddf769': `Ametiasutuste portaal — IMI Networki demo`,
'sbccf27a52d84a5c1': `Valige demokonto`,
'sc3314ff407716cf0': `Asutuse andmed`,
'sc7079bab6ba40919': `Otsing ebaõnnestus.`,
'sc8aa534c8450ad43': str`Sisse logitud: ${0} (${1})`,
'sc97bf0e8e9fe06b3': str`Kõigi demokontode parool on ${0}.`,
'scda89f4773806646': `Andmeid ei õnnestunud laadida.`,
'sd00cc27eb62405b3': `Otsi pädevaid asutusi`,
'sd039ecf6bd44e8c4': `Teine päringute menetleja`,
'sd3dd3e07af92d400': str`Valitud: ${0}`,
'sd69bc1bb271deb8d': `Demokonto`,
'sd8d798619e6080df': `Kutseala`,
'se0dd7d5001d16249': `Serveriga ei saa ühendust. Kontrollige ühendust ja proovige uuesti.`,
'se711220b24772417': `Telefon`,
'seb0f62979cf02a00': `Riiklik IMI koordinaator`,
'sec7498111bf40e3b': `Kõik õigusvaldkonnad`,
'sefcf950b3cc4fc3b': `Keel`,
'sf6e1665c7022a1f8': `Parool`,
'sf6fd13a7406e71ef': `Õigusvaldkond`,
'sfcdd8e672c75b713': `Aadress`,
    };
  