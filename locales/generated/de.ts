
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    import {html} from 'lit';
    import {str} from '@lit/localize';

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      'h07000d83291c7f4f': html`Zuständig für: ${0} — Treffer: ${1}`,
'h5c8f7d4ab4045a76': html`Treffer in der Region: ${0}`,
'h673f7e51291f7181': html`Zuständig für: ${0}`,
'h7e7b28499b48c7a8': html`Treffer in der amtlichen Bezeichnung: ${0}`,
'h9e7e70bc0d449751': html`Treffer im Ort: ${0}`,
'he5cc7376319b8805': html`Treffer im Namen: ${0}`,
's052403aa72f58906': `Alle Länder`,
's1b3a53446bd2ebfe': `Bitte melden Sie sich erneut an, um das Verzeichnis zu durchsuchen.`,
's1fef5d42afc8b79f': `Alle Berufe`,
's24d433ab121d8fb7': `Wählen Sie eine Behörde in den Suchergebnissen aus, um ihre Angaben zu sehen.`,
's264c646aba19651d': `Lokaler Datenadministrator`,
's2a839a2292bee438': `Demonstration der IMI-Network-Widgets`,
's2c8189544e3ea679': `Erneut versuchen`,
's2d6c36ef90fd1da5': str`Keine Behörde gefunden für „${0}“.`,
's2f88b7664294cc33': `Weitere Ergebnisse sind verfügbar.`,
's30cbf38ce20b2b09': `Die Anmeldung ist fehlgeschlagen.`,
's45ee1d374a1606b3': `Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.`,
's5e27738a2e8eb763': `Anmelden`,
's5fc59dcbf0409346': `Anfragenbearbeiter`,
's643c86f3f0713801': `Zuständigkeiten`,
's6ebc9bd6feae62a3': `Wird geladen…`,
's70d94df2e4b82f43': `Arbeitssprachen`,
's7cfe12cd14df9950': `Abmelden`,
's7fd88abceeb27ab0': `Weitere Ergebnisse laden`,
's812dd882f17cd0ed': `Administrator der Kommission`,
's82665b2ffabc9c0a': `Website`,
's863b56fce94a02a6': str`Gefundene Behörden: ${0}`,
's8e7258c871aaa410': `E-Mail`,
's9726612ddbcfe919': `Behördenportal`,
's9cf7402fe920f7d1': `Land`,
's9cfa7823fc62aba3': `Suche läuft…`,
'sa5418dff4f5e3140': `Geben Sie mindestens 2 Zeichen ein: einen Beruf, ein Stichwort, einen Namen oder einen Ort, in einer beliebigen Sprache.`,
'sa8beb6b1182241ac': `Filter`,
'saec89b76e501a8af': `Zuständige Behörde finden`,
'sba26f9e01bddf769': `Behördenportal — IMI-Network-Demo`,
'sbccf27a52d84a5c1': `Demo-Konto auswählen`,
'sc3314ff407716cf0': `Angaben zur Behörde`,
'sc7079bab6ba40919': `Die Suche ist fehlgeschlagen.`,
'sc8aa534c8450ad43': str`Angemeldet als ${0} (${1})`,
'sc97bf0e8e9fe06b3': str`Das Passwort aller Demo-Konten lautet ${0}.`,
'scda89f4773806646': `Die Angaben konnten nicht geladen werden.`,
'sd00cc27eb62405b3': `Zuständige Behörden suchen`,
'sd039ecf6bd44e8c4': `Zweiter Anfragenbearbeiter`,
'sd3dd3e07af92d400': str`Ausgewählt: ${0}`,
'sd69bc1bb271deb8d': `Demo-Konto`,
'sd8d798619e6080df': `Beruf`,
'se0dd7d5001d16249': `Der Server ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.`,
'se711220b24772417': `Telefon`,
'seb0f62979cf02a00': `Nationaler IMI-Koordinator`,
'sec7498111bf40e3b': `Alle Rechtsbereiche`,
'sefcf950b3cc4fc3b': `Sprache`,
'sf6e1665c7022a1f8': `Passwort`,
'sf6fd13a7406e71ef': `Rechtsbereich`,
'sfcdd8e672c75b713': `Anschrift`,
    };
  