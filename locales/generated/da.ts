
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    import {html} from 'lit';
    import {str} from '@lit/localize';

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      'h07000d83291c7f4f': html`Kompetent for: ${0} — fundet via ${1}`,
'h5c8f7d4ab4045a76': html`Fundet i regionen: ${0}`,
'h673f7e51291f7181': html`Kompetent for: ${0}`,
'h7e7b28499b48c7a8': html`Fundet i det officielle navn: ${0}`,
'h9e7e70bc0d449751': html`Fundet i byen: ${0}`,
'he5cc7376319b8805': html`Fundet i navnet: ${0}`,
's052403aa72f58906': `Alle lande`,
's1b3a53446bd2ebfe': `Log ind igen for at søge i kataloget.`,
's1fef5d42afc8b79f': `Alle erhverv`,
's24d433ab121d8fb7': `Vælg en myndighed i søgeresultaterne for at se dens oplysninger.`,
's264c646aba19651d': `Lokal dataadministrator`,
's2a839a2292bee438': `Demonstration af IMI Network-widgets`,
's2c8189544e3ea679': `Prøv igen`,
's2d6c36ef90fd1da5': str`Ingen myndighed fundet for »${0}«.`,
's2f88b7664294cc33': `Der er flere resultater.`,
's30cbf38ce20b2b09': `Login mislykkedes.`,
's45ee1d374a1606b3': `Din session er udløbet. Log ind igen.`,
's5e27738a2e8eb763': `Log ind`,
's5fc59dcbf0409346': `Sagsbehandler for anmodninger`,
's643c86f3f0713801': `Kompetencer`,
's6ebc9bd6feae62a3': `Indlæser…`,
's70d94df2e4b82f43': `Arbejdssprog`,
's7cfe12cd14df9950': `Log ud`,
's7fd88abceeb27ab0': `Indlæs flere resultater`,
's812dd882f17cd0ed': `Kommissionens administrator`,
's82665b2ffabc9c0a': `Websted`,
's863b56fce94a02a6': str`Fundne myndigheder: ${0}`,
's8e7258c871aaa410': `E-mail`,
's9726612ddbcfe919': `Myndighedsportal`,
's9cf7402fe920f7d1': `Land`,
's9cfa7823fc62aba3': `Søger…`,
'sa5418dff4f5e3140': `Skriv mindst 2 tegn: et erhverv, et nøgleord, et navn eller en by, på et hvilket som helst sprog.`,
'sa8beb6b1182241ac': `Filtre`,
'saec89b76e501a8af': `Find en kompetent myndighed`,
'sba26f9e01bddf769': `Myndighedsportal — demo af IMI Network`,
'sbccf27a52d84a5c1': `Vælg en demokonto`,
'sc3314ff407716cf0': `Oplysninger om myndigheden`,
'sc7079bab6ba40919': `Søgningen mislykkedes.`,
'sc8aa534c8450ad43': str`Logget ind som ${0} (${1})`,
'sc97bf0e8e9fe06b3': str`Adgangskoden til alle demokonti er ${0}.`,
'scda89f4773806646': `Oplysningerne kunne ikke indlæses.`,
'sd00cc27eb62405b3': `Søg efter kompetente myndigheder`,
'sd039ecf6bd44e8c4': `Anden sagsbehandler for anmodninger`,
'sd3dd3e07af92d400': str`Valgt: ${0}`,
'sd69bc1bb271deb8d': `Demokonto`,
'sd8d798619e6080df': `Erhverv`,
'se0dd7d5001d16249': `Serveren kan ikke nås. Kontrollér din forbindelse, og prøv igen.`,
'se711220b24772417': `Telefon`,
'seb0f62979cf02a00': `National IMI-koordinator`,
'sec7498111bf40e3b': `Alle lovgivningsområder`,
'sefcf950b3cc4fc3b': `Sprog`,
'sf6e1665c7022a1f8': `Adgangskode`,
'sf6fd13a7406e71ef': `Lovgivningsområde`,
'sfcdd8e672c75b713': `Adresse`,
    };
  