
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    import {html} from 'lit';
    import {str} from '@lit/localize';

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      'h07000d83291c7f4f': html`Competente per: ${0} — corrispondenza: ${1}`,
'h5c8f7d4ab4045a76': html`Corrispondenza nella regione: ${0}`,
'h673f7e51291f7181': html`Competente per: ${0}`,
'h7e7b28499b48c7a8': html`Corrispondenza nel nome ufficiale: ${0}`,
'h9e7e70bc0d449751': html`Corrispondenza nella città: ${0}`,
'he5cc7376319b8805': html`Corrispondenza nel nome: ${0}`,
's052403aa72f58906': `Tutti i paesi`,
's1b3a53446bd2ebfe': `Accedi di nuovo per effettuare ricerche nell’elenco.`,
's1fef5d42afc8b79f': `Tutte le professioni`,
's24d433ab121d8fb7': `Seleziona un’autorità nei risultati della ricerca per vederne i dettagli.`,
's264c646aba19651d': `Amministratore locale dei dati`,
's2a839a2292bee438': `Dimostrazione dei widget di IMI Network`,
's2c8189544e3ea679': `Riprova`,
's2d6c36ef90fd1da5': str`Nessuna autorità trovata per «${0}».`,
's2f88b7664294cc33': `Sono disponibili altri risultati.`,
's30cbf38ce20b2b09': `Accesso non riuscito.`,
's45ee1d374a1606b3': `La sessione è scaduta. Accedi di nuovo.`,
's5e27738a2e8eb763': `Accedi`,
's5fc59dcbf0409346': `Gestore delle richieste`,
's643c86f3f0713801': `Competenze`,
's6ebc9bd6feae62a3': `Caricamento…`,
's70d94df2e4b82f43': `Lingue di lavoro`,
's7cfe12cd14df9950': `Esci`,
's7fd88abceeb27ab0': `Carica altri risultati`,
's812dd882f17cd0ed': `Amministratore della Commissione`,
's82665b2ffabc9c0a': `Sito web`,
's863b56fce94a02a6': str`Autorità trovate: ${0}`,
's8e7258c871aaa410': `E-mail`,
's9726612ddbcfe919': `Portale delle autorità pubbliche`,
's9cf7402fe920f7d1': `Paese`,
's9cfa7823fc62aba3': `Ricerca in corso…`,
'sa5418dff4f5e3140': `Digita almeno 2 caratteri: una professione, una parola chiave, un nome o una città, in qualsiasi lingua.`,
'sa8beb6b1182241ac': `Filtri`,
'saec89b76e501a8af': `Trova un’autorità competente`,
'sba26f9e01bddf769': `Portale delle autorità pubbliche — demo di IMI Network`,
'sbccf27a52d84a5c1': `Scegli un account dimostrativo`,
'sc3314ff407716cf0': `Dettagli dell’autorità`,
'sc7079bab6ba40919': `La ricerca non è riuscita.`,
'sc8aa534c8450ad43': str`Accesso effettuato come ${0} (${1})`,
'sc97bf0e8e9fe06b3': str`La password di tutti gli account dimostrativi è ${0}.`,
'scda89f4773806646': `Impossibile caricare i dettagli.`,
'sd00cc27eb62405b3': `Cerca autorità competenti`,
'sd039ecf6bd44e8c4': `Secondo gestore delle richieste`,
'sd3dd3e07af92d400': str`Selezionata: ${0}`,
'sd69bc1bb271deb8d': `Account dimostrativo`,
'sd8d798619e6080df': `Professione`,
'se0dd7d5001d16249': `Impossibile raggiungere il server. Controlla la connessione e riprova.`,
'se711220b24772417': `Telefono`,
'seb0f62979cf02a00': `Coordinatore IMI nazionale`,
'sec7498111bf40e3b': `Tutti i settori legislativi`,
'sefcf950b3cc4fc3b': `Lingua`,
'sf6e1665c7022a1f8': `Password`,
'sf6fd13a7406e71ef': `Settore legislativo`,
'sfcdd8e672c75b713': `Indirizzo`,
    };
  