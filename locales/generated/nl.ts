
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    import {html} from 'lit';
    import {str} from '@lit/localize';

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      'h07000d83291c7f4f': html`Bevoegd voor: ${0} — gevonden via ${1}`,
'h5c8f7d4ab4045a76': html`Overeenkomst in de regio: ${0}`,
'h673f7e51291f7181': html`Bevoegd voor: ${0}`,
'h7e7b28499b48c7a8': html`Overeenkomst in de officiële naam: ${0}`,
'h9e7e70bc0d449751': html`Overeenkomst in de plaats: ${0}`,
'he5cc7376319b8805': html`Overeenkomst in de naam: ${0}`,
's052403aa72f58906': `Alle landen`,
's1b3a53446bd2ebfe': `Meld u opnieuw aan om in de gids te zoeken.`,
's1fef5d42afc8b79f': `Alle beroepen`,
's24d433ab121d8fb7': `Selecteer een autoriteit in de zoekresultaten om de gegevens te bekijken.`,
's264c646aba19651d': `Lokale gegevensbeheerder`,
's2a839a2292bee438': `Demonstratie van de IMI Network-widgets`,
's2c8189544e3ea679': `Opnieuw proberen`,
's2d6c36ef90fd1da5': str`Geen autoriteit gevonden voor ‘${0}’.`,
's2f88b7664294cc33': `Er zijn meer resultaten beschikbaar.`,
's30cbf38ce20b2b09': `Aanmelden mislukt.`,
's45ee1d374a1606b3': `Uw sessie is verlopen. Meld u opnieuw aan.`,
's5e27738a2e8eb763': `Aanmelden`,
's5fc59dcbf0409346': `Verzoekbehandelaar`,
's643c86f3f0713801': `Bevoegdheden`,
's6ebc9bd6feae62a3': `Bezig met laden…`,
's70d94df2e4b82f43': `Werktalen`,
's7cfe12cd14df9950': `Afmelden`,
's7fd88abceeb27ab0': `Meer resultaten laden`,
's812dd882f17cd0ed': `Beheerder van de Commissie`,
's82665b2ffabc9c0a': `Website`,
's863b56fce94a02a6': str`Gevonden autoriteiten: ${0}`,
's8e7258c871aaa410': `E-mail`,
's9726612ddbcfe919': `Portaal voor overheidsinstanties`,
's9cf7402fe920f7d1': `Land`,
's9cfa7823fc62aba3': `Bezig met zoeken…`,
'sa5418dff4f5e3140': `Typ minstens 2 tekens: een beroep, een trefwoord, een naam of een plaats, in elke taal.`,
'sa8beb6b1182241ac': `Filters`,
'saec89b76e501a8af': `Een bevoegde autoriteit vinden`,
'sba26f9e01bddf769': `Portaal voor overheidsinstanties — demo van IMI Network`,
'sbccf27a52d84a5c1': `Kies een demoaccount`,
'sc3314ff407716cf0': `Gegevens van de autoriteit`,
'sc7079bab6ba40919': `Het zoeken is mislukt.`,
'sc8aa534c8450ad43': str`Aangemeld als ${0} (${1})`,
'sc97bf0e8e9fe06b3': str`Het wachtwoord van alle demoaccounts is ${0}.`,
'scda89f4773806646': `De gegevens konden niet worden geladen.`,
'sd00cc27eb62405b3': `Bevoegde autoriteiten zoeken`,
'sd039ecf6bd44e8c4': `Tweede verzoekbehandelaar`,
'sd3dd3e07af92d400': str`Geselecteerd: ${0}`,
'sd69bc1bb271deb8d': `Demoaccount`,
'sd8d798619e6080df': `Beroep`,
'se0dd7d5001d16249': `De server is niet bereikbaar. Controleer uw verbinding en probeer het opnieuw.`,
'se711220b24772417': `Telefoon`,
'seb0f62979cf02a00': `Nationale IMI-coördinator`,
'sec7498111bf40e3b': `Alle wetgevingsgebieden`,
'sefcf950b3cc4fc3b': `Taal`,
'sf6e1665c7022a1f8': `Wachtwoord`,
'sf6fd13a7406e71ef': `Wetgevingsgebied`,
'sfcdd8e672c75b713': `Adres`,
    };
  