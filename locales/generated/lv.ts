
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    import {html} from 'lit';
    import {str} from '@lit/localize';

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      'h07000d83291c7f4f': html`Kompetenta attiecībā uz: ${0} — atbilstība: ${1}`,
'h5c8f7d4ab4045a76': html`Atbilstība reģionā: ${0}`,
'h673f7e51291f7181': html`Kompetenta attiecībā uz: ${0}`,
'h7e7b28499b48c7a8': html`Atbilstība oficiālajā nosaukumā: ${0}`,
'h9e7e70bc0d449751': html`Atbilstība pilsētā: ${0}`,
'he5cc7376319b8805': html`Atbilstība nosaukumā: ${0}`,
's052403aa72f58906': `Visas valstis`,
's1b3a53446bd2ebfe': `Lai meklētu katalogā, piesakieties vēlreiz.`,
's1fef5d42afc8b79f': `Visas profesijas`,
's24d433ab121d8fb7': `Lai skatītu iestādes datus, atlasiet to meklēšanas rezultātos.`,
's264c646aba19651d': `Vietējais datu administrators`,
's2a839a2292bee438': `IMI Network logrīku demonstrācija`,
's2c8189544e3ea679': `Mēģināt vēlreiz`,
's2d6c36ef90fd1da5': str`Vaicājumam “${0}” netika atrasta neviena iestāde.`,
's2f88b7664294cc33': `Ir pieejami vēl rezultāti.`,
's30cbf38ce20b2b09': `Pieteikšanās neizdevās.`,
's45ee1d374a1606b3': `Jūsu sesija ir beigusies. Lūdzu, piesakieties vēlreiz.`,
's5e27738a2e8eb763': `Pieteikties`,
's5fc59dcbf0409346': `Pieprasījumu apstrādātājs`,
's643c86f3f0713801': `Kompetences`,
's6ebc9bd6feae62a3': `Ielādē…`,
's70d94df2e4b82f43': `Darba valodas`,
's7cfe12cd14df9950': `Atteikties`,
's7fd88abceeb27ab0': `Ielādēt vairāk rezultātu`,
's812dd882f17cd0ed': `Komisijas administrators`,
's82665b2ffabc9c0a': `Tīmekļvietne`,
's863b56fce94a02a6': str`Atrastās iestādes: ${0}`,
's8e7258c871aaa410': `E-pasts`,
's9726612ddbcfe919': `Publisko iestāžu portāls`,
's9cf7402fe920f7d1': `Valsts`,
's9cfa7823fc62aba3': `Meklē…`,
'sa5418dff4f5e3140': `Ievadiet vismaz 2 rakstzīmes: profesiju, atslēgvārdu, nosaukumu vai pilsētu jebkurā valodā.`,
'sa8beb6b1182241ac': `Filtri`,
'saec89b76e501a8af': `Atrast kompetento iestādi`,
'sba26f9e01bddf769': `Publisko iestāžu portāls — IMI Network demonstrācija`,
'sbccf27a52d84a5c1': `Izvēlieties demonstrācijas kontu`,
'sc3314ff407716cf0': `Iestādes dati`,
'sc7079bab6ba40919': `Meklēšana neizdevās.`,
'sc8aa534c8450ad43': str`Pieteicies lietotājs: ${0} (${1})`,
'sc97bf0e8e9fe06b3': str`Visu demonstrācijas kontu parole ir ${0}.`,
'scda89f4773806646': `Datus neizdevās ielādēt.`,
'sd00cc27eb62405b3': `Meklēt kompetentās iestādes`,
'sd039ecf6bd44e8c4': `Otrais pieprasījumu apstrādātājs`,
'sd3dd3e07af92d400': str`Atlasīts: ${0}`,
'sd69bc1bb271deb8d': `Demonstrācijas konts`,
'sd8d798619e6080df': `Profesija`,
'se0dd7d5001d16249': `Serveris nav sasniedzams. Pārbaudiet savienojumu un mēģiniet vēlreiz.`,
'se711220b24772417': `Tālrunis`,
'seb0f62979cf02a00': `Valsts IMI koordinators`,
'sec7498111bf40e3b': `Visas likumdošanas jomas`,
'sefcf950b3cc4fc3b': `Valoda`,
'sf6e1665c7022a1f8': `Parole`,
'sf6fd13a7406e71ef': `Likumdošanas joma`,
'sfcdd8e672c75b713': `Adrese`,
    };
  