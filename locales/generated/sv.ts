
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    import {html} from 'lit';
    import {str} from '@lit/localize';

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      'h07000d83291c7f4f': html`Behörig för: ${0} — träff: ${1}`,
'h5c8f7d4ab4045a76': html`Träff i regionen: ${0}`,
'h673f7e51291f7181': html`Behörig för: ${0}`,
'h7e7b28499b48c7a8': html`Träff i det officiella namnet: ${0}`,
'h9e7e70bc0d449751': html`Träff i orten: ${0}`,
'he5cc7376319b8805': html`Träff i namnet: ${0}`,
's052403aa72f58906': `Alla länder`,
's1b3a53446bd2ebfe': `Logga in igen för att söka i katalogen.`,
's1fef5d42afc8b79f': `Alla yrken`,
's24d433ab121d8fb7': `Välj en myndighet i sökresultaten för att se dess uppgifter.`,
's264c646aba19651d': `Lokal dataadministratör`,
's2a839a2292bee438': `Demonstration av IMI Network-widgetarna`,
's2c8189544e3ea679': `Försök igen`,
's2d6c36ef90fd1da5': str`Ingen myndighet hittades för ”${0}”.`,
's2f88b7664294cc33': `Det finns fler resultat.`,
's30cbf38ce20b2b09': `Inloggningen misslyckades.`,
's45ee1d374a1606b3': `Din session har gått ut. Logga in igen.`,
's5e27738a2e8eb763': `Logga in`,
's5fc59dcbf0409346': `Handläggare av förfrågningar`,
's643c86f3f0713801': `Behörighetsområden`,
's6ebc9bd6feae62a3': `Läser in…`,
's70d94df2e4b82f43': `Arbetsspråk`,
's7cfe12cd14df9950': `Logga ut`,
's7fd88abceeb27ab0': `Läs in fler resultat`,
's812dd882f17cd0ed': `Kommissionens administratör`,
's82665b2ffabc9c0a': `Webbplats`,
's863b56fce94a02a6': str`Hittade myndigheter: ${0}`,
's8e7258c871aaa410': `E-post`,
's9726612ddbcfe919': `Myndighetsportal`,
's9cf7402fe920f7d1': `Land`,
's9cfa7823fc62aba3': `Söker…`,
'sa5418dff4f5e3140': `Skriv minst 2 tecken: ett yrke, ett nyckelord, ett namn eller en ort, på valfritt språk.`,
'sa8beb6b1182241ac': `Filter`,
'saec89b76e501a8af': `Hitta en behörig myndighet`,
'sba26f9e01bddf769': `Myndighetsportal — demo av IMI Network`,
'sbccf27a52d84a5c1': `Välj ett demokonto`,
'sc3314ff407716cf0': `Uppgifter om myndigheten`,
'sc7079bab6ba40919': `Sökningen misslyckades.`,
'sc8aa534c8450ad43': str`Inloggad som ${0} (${1})`,
'sc97bf0e8e9fe06b3': str`Lösenordet för alla demokonton är ${0}.`,
'scda89f4773806646': `Uppgifterna kunde inte läsas in.`,
'sd00cc27eb62405b3': `Sök behöriga myndigheter`,
'sd039ecf6bd44e8c4': `Andra handläggare av förfrågningar`,
'sd3dd3e07af92d400': str`Vald: ${0}`,
'sd69bc1bb271deb8d': `Demokonto`,
'sd8d798619e6080df': `Yrke`,
'se0dd7d5001d16249': `Servern kan inte nås. Kontrollera anslutningen och försök igen.`,
'se711220b24772417': `Telefon`,
'seb0f62979cf02a00': `Nationell IMI-samordnare`,
'sec7498111bf40e3b': `Alla lagstiftningsområden`,
'sefcf950b3cc4fc3b': `Språk`,
'sf6e1665c7022a1f8': `Lösenord`,
'sf6fd13a7406e71ef': `Lagstiftningsområde`,
'sfcdd8e672c75b713': `Adress`,
    };
  