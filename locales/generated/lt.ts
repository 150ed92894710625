
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    import {html} from 'lit';
    import {str} from '@lit/localize';

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      'h07000d83291c7f4f': html`Kompetentinga: ${0} — atitiktis: ${1}`,
'h5c8f7d4ab4045a76': html`Atitiktis regione: ${0}`,
'h673f7e51291f7181': html`Kompetentinga: ${0}`,
'h7e7b28499b48c7a8': html`Atitiktis oficialiame pavadinime: ${0}`,
'h9e7e70bc0d449751': html`Atitiktis mieste: ${0}`,
'he5cc7376319b8805': html`Atitiktis pavadinime: ${0}`,
's052403aa72f58906': `Visos šalys`,
's1b3a53446bd2ebfe': `Norėdami ieškoti kataloge, prisijunkite iš naujo.`,
's1fef5d42afc8b79f': `Visos profesijos`,
's24d433ab121d8fb7': `Pasirinkite instituciją paieškos rezultatuose, kad pamatytumėte jos duomenis.`,
's264c646aba19651d': `Vietos duomenų administratorius`,
's2a839a2292bee438': `IMI Network valdiklių demonstracija`,
's2c8189544e3ea679': `Bandyti dar kartą`,
's2d6c36ef90fd1da5': str`Pagal „${0}“ nerasta jokios institucijos.`,
's2f88b7664294cc33': `Yra daugiau rezultatų.`,
's30cbf38ce20b2b09': `Prisijungti nepavyko.`,
's45ee1d374a1606b3': `Jūsų sesija baigėsi. Prisijunkite iš naujo.`,
's5e27738a2e8eb763': `Prisijungti`,
's5fc59dcbf0409346': `Prašymų tvarkytojas`,
's643c86f3f0713801': `Kompetencija`,
's6ebc9bd6feae62a3': `Įkeliama…`,
's70d94df2e4b82f43': `Darbo kalbos`,
's7cfe12cd14df9950': `Atsijungti`,
's7fd88abceeb27ab0': `Įkelti daugiau rezultatų`,
's812dd882f17cd0ed': `Komisijos administratorius`,
's82665b2ffabc9c0a': `Svetainė`,
's863b56fce94a02a6': str`Rastos institucijos: ${0}`,
's8e7258c871aaa410': `El. paštas`,
's9726612ddbcfe919': `Valdžios institucijų portalas`,
's9cf7402fe920f7d1': `Šalis`,
's9cfa7823fc62aba3': `Ieškoma…`,
'sa5418dff4f5e3140': `Įveskite bent 2 simbolius: profesiją, raktažodį, pavadinimą arba miestą bet kuria kalba.`,
'sa8beb6b1182241ac': `Filtrai`,
'saec89b76e501a8af': `Rasti kompetentingą instituciją`,
'sba26f9e01bddf769': `Valdžios institucijų portalas — IMI Network demonstracija`,
'sbccf27a52d84a5c1': `Pasirinkite demonstracinę paskyrą`,
'sc3314ff407716cf0': `Institucijos duomenys`,
'sc7079bab6ba40919': `Paieška nepavyko.`,
'sc8aa534c8450ad43': str`Prisijungęs naudotojas: ${0} (${1})`,
'sc97bf0e8e9fe06b3': str`Visų demonstracinių paskyrų slaptažodis yra ${0}.`,
'scda89f4773806646': `Nepavyko įkelti duomenų.`,
'sd00cc27eb62405b3': `Ieškoti kompetentingų institucijų`,
'sd039ecf6bd44e8c4': `Antrasis prašymų tvarkytojas`,
'sd3dd3e07af92d400': str`Pasirinkta: ${0}`,
'sd69bc1bb271deb8d': `Demonstracinė paskyra`,
'sd8d798619e6080df': `Profesija`,
'se0dd7d5001d16249': `Nepavyko pasiekti serverio. Patikrinkite ryšį ir bandykite dar kartą.`,
'se711220b24772417': `Telefonas`,
'seb0f62979cf02a00': `Nacionalinis IMI koordinatorius`,
'sec7498111bf40e3b': `Visos teisėkūros sritys`,
'sefcf950b3cc4fc3b': `Kalba`,
'sf6e1665c7022a1f8': `Slaptažodis`,
'sf6fd13a7406e71ef': `Teisėkūros sritis`,
'sfcdd8e672c75b713': `Adresas`,
    };
  