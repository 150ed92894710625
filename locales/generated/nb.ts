
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    import {html} from 'lit';
    import {str} from '@lit/localize';

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      'h07000d83291c7f4f': html`Kompetent for: ${0} — treff: ${1}`,
'h5c8f7d4ab4045a76': html`Treff i regionen: ${0}`,
'h673f7e51291f7181': html`Kompetent for: ${0}`,
'h7e7b28499b48c7a8': html`Treff i det offisielle navnet: ${0}`,
'h9e7e70bc0d449751': html`Treff i stedet: ${0}`,
'he5cc7376319b8805': html`Treff i navnet: ${0}`,
's052403aa72f58906': `Alle land`,
's1b3a53446bd2ebfe': `Logg inn på nytt for å søke i katalogen.`,
's1fef5d42afc8b79f': `Alle yrker`,
's24d433ab121d8fb7': `Velg en myndighet i søkeresultatene for å se opplysningene.`,
's264c646aba19651d': `Lokal dataadministrator`,
's2a839a2292bee438': `Demonstrasjon av IMI Network-komponentene`,
's2c8189544e3ea679': `Prøv igjen`,
's2d6c36ef90fd1da5': str`Fant ingen myndighet for «${0}».`,
's2f88b7664294cc33': `Flere resultater er tilgjengelige.`,
's30cbf38ce20b2b09': `Innloggingen mislyktes.`,
's45ee1d374a1606b3': `Økten din er utløpt. Logg inn på nytt.`,
's5e27738a2e8eb763': `Logg inn`,
's5fc59dcbf0409346': `Saksbehandler for forespørsler`,
's643c86f3f0713801': `Kompetanseområder`,
's6ebc9bd6feae62a3': `Laster inn …`,
's70d94df2e4b82f43': `Arbeidsspråk`,
's7cfe12cd14df9950': `Logg ut`,
's7fd88abceeb27ab0': `Last inn flere resultater`,
's812dd882f17cd0ed': `Kommisjonens administrator`,
's82665b2ffabc9c0a': `Nettsted`,
's863b56fce94a02a6': str`Myndigheter funnet: ${0}`,
's8e7258c871aaa410': `E-post`,
's9726612ddbcfe919': `Myndighetsportal`,
's9cf7402fe920f7d1': `Land`,
's9cfa7823fc62aba3': `Søker …`,
'sa5418dff4f5e3140': `Skriv minst 2 tegn: et yrke, et stikkord, et navn eller et sted, på hvilket som helst språk.`,
'sa8beb6b1182241ac': `Filtre`,
'saec89b76e501a8af': `Finn en kompetent myndighet`,
'sba26f9e01bddf769': `Myndighetsportal — demo av IMI Network`,
'sbccf27a52d84a5c1': `Velg en demokonto`,
'sc3314ff407716cf0': `Opplysninger om myndigheten`,
'sc7079bab6ba40919': `Søket mislyktes.`,
'sc8aa534c8450ad43': str`Logget inn som ${0} (${1})`,
'sc97bf0e8e9fe06b3': str`Passordet til alle demokontoene er ${0}.`,
'scda89f4773806646': `Opplysningene kunne ikke lastes inn.`,
'sd00cc27eb62405b3': `Søk etter kompetente myndigheter`,
'sd039ecf6bd44e8c4': `Andre saksbehandler for forespørsler`,
'sd3dd3e07af92d400': str`Valgt: ${0}`,
'sd69bc1bb271deb8d': `Demokonto`,
'sd8d798619e6080df': `Yrke`,
'se0dd7d5001d16249': `Får ikke kontakt med serveren. Kontroller tilkoblingen og prøv igjen.`,
'se711220b24772417': `Telefon`,
'seb0f62979cf02a00': `Nasjonal IMI-koordinator`,
'sec7498111bf40e3b': `Alle regelverksområder`,
'sefcf950b3cc4fc3b': `Språk`,
'sf6e1665c7022a1f8': `Passord`,
'sf6fd13a7406e71ef': `Regelverksområde`,
'sfcdd8e672c75b713': `Adresse`,
    };
  