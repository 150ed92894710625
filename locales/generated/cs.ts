
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    import {html} from 'lit';
    import {str} from '@lit/localize';

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      'h07000d83291c7f4f': html`Příslušný pro: ${0} — shoda: ${1}`,
'h5c8f7d4ab4045a76': html`Shoda v regionu: ${0}`,
'h673f7e51291f7181': html`Příslušný pro: ${0}`,
'h7e7b28499b48c7a8': html`Shoda v úředním názvu: ${0}`,
'h9e7e70bc0d449751': html`Shoda ve městě: ${0}`,
'he5cc7376319b8805': html`Shoda v názvu: ${0}`,
's052403aa72f58906': `Všechny země`,
's1b3a53446bd2ebfe': `Pro vyhledávání v adresáři se znovu přihlaste.`,
's1fef5d42afc8b79f': `Všechna povolání`,
's24d433ab121d8fb7': `Vyberte orgán ve výsledcích vyhledávání a zobrazte jeho údaje.`,
's264c646aba19651d': `Místní správce údajů`,
's2a839a2292bee438': `Ukázka widgetů IMI Network`,
's2c8189544e3ea679': `Zkusit znovu`,
's2d6c36ef90fd1da5': str`Pro „${0}“ nebyl nalezen žádný orgán.`,
's2f88b7664294cc33': `K dispozici jsou další výsledky.`,
's30cbf38ce20b2b09': `Přihlášení se nezdařilo.`,
's45ee1d374a1606b3': `Vaše relace vypršela. Přihlaste se prosím znovu.`,
's5e27738a2e8eb763': `Přihlásit se`,
's5fc59dcbf0409346': `Zpracovatel žádostí`,
's643c86f3f0713801': `Působnost`,
's6ebc9bd6feae62a3': `Načítání…`,
's70d94df2e4b82f43': `Pracovní jazyky`,
's7cfe12cd14df9950': `Odhlásit se`,
's7fd88abceeb27ab0': `Načíst další výsledky`,
's812dd882f17cd0ed': `Správce Komise`,
's82665b2ffabc9c0a': `Webové stránky`,
's863b56fce94a02a6': str`Nalezené orgány: ${0}`,
's8e7258c871aaa410': `E-mail`,
's9726612ddbcfe919': `Portál orgánů veřejné správy`,
's9cf7402fe920f7d1': `Země`,
's9cfa7823fc62aba3': `Vyhledávání…`,
'sa5418dff4f5e3140': `Zadejte alespoň 2 znaky: povolání, klíčové slovo, název nebo město, v libovolném jazyce.`,
'sa8beb6b1182241ac': `Filtry`,
'saec89b76e501a8af': `Najít příslušný orgán`,
'sba26f9e01bddf769': `Portál orgánů veřejné správy — ukázka IMI Network`,
'sbccf27a52d84a5c1': `Vyberte ukázkový účet`,
'sc3314ff407716cf0': `Údaje o orgánu`,
'sc7079bab6ba40919': `Vyhledávání se nezdařilo.`,
'sc8aa534c8450ad43': str`Přihlášený uživatel: ${0} (${1})`,
'sc97bf0e8e9fe06b3': str`Heslo všech ukázkových účtů je ${0}.`,
'scda89f4773806646': `Údaje se nepodařilo načíst.`,
'sd00cc27eb62405b3': `Vyhledat příslušné orgány`,
'sd039ecf6bd44e8c4': `Druhý zpracovatel žádostí`,
'sd3dd3e07af92d400': str`Vybráno: ${0}`,
'sd69bc1bb271deb8d': `Ukázkový účet`,
'sd8d798619e6080df': `Povolání`,
'se0dd7d5001d16249': `Server není dostupný. Zkontrolujte připojení a zkuste to znovu.`,
'se711220b24772417': `Telefon`,
'seb0f62979cf02a00': `Národní koordinátor IMI`,
'sec7498111bf40e3b': `Všechny legislativní oblasti`,
'sefcf950b3cc4fc3b': `Jazyk`,
'sf6e1665c7022a1f8': `Heslo`,
'sf6fd13a7406e71ef': `Legislativní oblast`,
'sfcdd8e672c75b713': `Adresa`,
    };
  