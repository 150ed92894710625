
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    import {html} from 'lit';
    import {str} from '@lit/localize';

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      'h07000d83291c7f4f': html`Competentă pentru: ${0} — potrivire: ${1}`,
'h5c8f7d4ab4045a76': html`Potrivire în regiune: ${0}`,
'h673f7e51291f7181': html`Competentă pentru: ${0}`,
'h7e7b28499b48c7a8': html`Potrivire în denumirea oficială: ${0}`,
'h9e7e70bc0d449751': html`Potrivire în oraș: ${0}`,
'he5cc7376319b8805': html`Potrivire în denumire: ${0}`,
's052403aa72f58906': `Toate țările`,
's1b3a53446bd2ebfe': `Conectați-vă din nou pentru a căuta în registru.`,
's1fef5d42afc8b79f': `Toate profesiile`,
's24d433ab121d8fb7': `Selectați o autoritate din rezultatele căutării pentru a-i vedea detaliile.`,
's264c646aba19651d': `Administrator local de date`,
's2a839a2292bee438': `Demonstrație a widgeturilor IMI Network`,
's2c8189544e3ea679': `Reîncercați`,
's2d6c36ef90fd1da5': str`Nu s-a găsit nicio autoritate pentru „${0}”.`,
's2f88b7664294cc33': `Sunt disponibile mai multe rezultate.`,
's30cbf38ce20b2b09': `Conectarea a eșuat.`,
's45ee1d374a1606b3': `Sesiunea a expirat. Conectați-vă din nou.`,
's5e27738a2e8eb763': `Conectare`,
's5fc59dcbf0409346': `Operator de cereri`,
's643c86f3f0713801': `Competențe`,
's6ebc9bd6feae62a3': `Se încarcă…`,
's70d94df2e4b82f43': `Limbi de lucru`,
's7cfe12cd14df9950': `Deconectare`,
's7fd88abceeb27ab0': `Încărcați mai multe rezultate`,
's812dd882f17cd0ed': `Administrator al Comisiei`,
's82665b2ffabc9c0a': `Site web`,
's863b56fce94a02a6': str`Autorități găsite: ${0}`,
's8e7258c871aaa410': `E-mail`,
's9726612ddbcfe919': `Portalul autorităților publice`,
's9cf7402fe920f7d1': `Țară`,
's9cfa7823fc62aba3': `Se caută…`,
'sa5418dff4f5e3140': `Introduceți cel puțin 2 caractere: o profesie, un cuvânt-cheie, un nume sau un oraș, în orice limbă.`,
'sa8beb6b1182241ac': `Filtre`,
'saec89b76e501a8af': `Găsiți o autoritate competentă`,
'sba26f9e01bddf769': `Portalul autorităților publice — demonstrație IMI Network`,
'sbccf27a52d84a5c1': `Alegeți un cont demonstrativ`,
'sc3314ff407716cf0': `Detaliile autorității`,
'sc7079bab6ba40919': `Căutarea a eșuat.`,
'sc8aa534c8450ad43': str`Conectat ca ${0} (${1})`,
'sc97bf0e8e9fe06b3': str`Parola tuturor conturilor demonstrative este ${0}.`,
'scda89f4773806646': `Datele nu au putut fi încărcate.`,
'sd00cc27eb62405b3': `Căutați autorități competente`,
'sd039ecf6bd44e8c4': `Al doilea operator de cereri`,
'sd3dd3e07af92d400': str`Selectată: ${0}`,
'sd69bc1bb271deb8d': `Cont demonstrativ`,
'sd8d798619e6080df': `Profesie`,
'se0dd7d5001d16249': `Serverul nu poate fi accesat. Verificați conexiunea și încercați din nou.`,
'se711220b24772417': `Telefon`,
'seb0f62979cf02a00': `Coordonator național IMI`,
'sec7498111bf40e3b': `Toate domeniile legislative`,
'sefcf950b3cc4fc3b': `Limbă`,
'sf6e1665c7022a1f8': `Parolă`,
'sf6fd13a7406e71ef': `Domeniu legislativ`,
'sfcdd8e672c75b713': `Adresă`,
    };
  