
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    import {html} from 'lit';
    import {str} from '@lit/localize';

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      'h07000d83291c7f4f': html`Príslušný pre: ${0} — zhoda: ${1}`,
'h5c8f7d4ab4045a76': html`Zhoda v regióne: ${0}`,
'h673f7e51291f7181': html`Príslušný pre: ${0}`,
'h7e7b28499b48c7a8': html`Zhoda v úradnom názve: ${0}`,
'h9e7e70bc0d449751': html`Zhoda v meste: ${0}`,
'he5cc7376319b8805': html`Zhoda v názve: ${0}`,
's052403aa72f58906': `Všetky krajiny`,
's1b3a53446bd2ebfe': `Ak chcete vyhľadávať v adresári, znova sa prihláste.`,
's1fef5d42afc8b79f': `Všetky povolania`,
's24d433ab121d8fb7': `Vyberte orgán vo výsledkoch vyhľadávania a zobrazte jeho údaje.`,
's264c646aba19651d': `Miestny správca údajov`,
's2a839a2292bee438': `Ukážka miniaplikácií IMI Network`,
's2c8189544e3ea679': `Skúsiť znova`,
's2d6c36ef90fd1da5': str`Pre „${0}“ sa nenašiel žiadny orgán.`,
's2f88b7664294cc33': `K dispozícii sú ďalšie výsledky.`,
's30cbf38ce20b2b09': `Prihlásenie zlyhalo.`,
's45ee1d374a1606b3': `Vaša relácia vypršala. Prihláste sa znova.`,
's5e27738a2e8eb763': `Prihlásiť sa`,
's5fc59dcbf0409346': `Spracovateľ žiadostí`,
's643c86f3f0713801': `Pôsobnosť`,
's6ebc9bd6feae62a3': `Načítava sa…`,
's70d94df2e4b82f43': `Pracovné jazyky`,
's7cfe12cd14df9950': `Odhlásiť sa`,
's7fd88abceeb27ab0': `Načítať ďalšie výsledky`,
's812dd882f17cd0ed': `Správca Komisie`,
's82665b2ffabc9c0a': `Webová stránka`,
's863b56fce94a02a6': str`Nájdené orgány: ${0}`,
's8e7258c871aaa410': `E-mail`,
's9726612ddbcfe919': `Portál orgánov verejnej moci`,
's9cf7402fe920f7d1': `Krajina`,
's9cfa7823fc62aba3': `Vyhľadáva sa…`,
'sa5418dff4f5e3140': `Zadajte aspoň 2 znaky: povolanie, kľúčové slovo, názov alebo mesto, v ľubovoľnom jazyku.`,
'sa8beb6b1182241ac': `Filtre`,
'saec89b76e501a8af': `Nájsť príslušný orgán`,
'sba26f9e01bddf769': `Portál orgánov verejnej moci — ukážka IMI Network`,
'sbccf27a52d84a5c1': `Vyberte ukážkový účet`,
'sc3314ff407716cf0': `Údaje o orgáne`,
'sc7079bab6ba40919': `Vyhľadávanie zlyhalo.`,
'sc8aa534c8450ad43': str`Prihlásený používateľ: ${0} (${1})`,
'sc97bf0e8e9fe06b3': str`Heslo všetkých ukážkových účtov je ${0}.`,
'scda89f4773806646': `Údaje sa nepodarilo načítať.`,
'sd00cc27eb62405b3': `Vyhľadať príslušné orgány`,
'sd039ecf6bd44e8c4': `Druhý spracovateľ žiadostí`,
'sd3dd3e07af92d400': str`Vybraté: ${0}`,
'sd69bc1bb271deb8d': `Ukážkový účet`,
'sd8d798619e6080df': `Povolanie`,
'se0dd7d5001d16249': `Server nie je dostupný. Skontrolujte pripojenie a skúste to znova.`,
'se711220b24772417': `Telefón`,
'seb0f62979cf02a00': `Národný koordinátor IMI`,
'sec7498111bf40e3b': `Všetky legislatívne oblasti`,
'sefcf950b3cc4fc3b': `Jazyk`,
'sf6e1665c7022a1f8': `Heslo`,
'sf6fd13a7406e71ef': `Legislatívna oblasť`,
'sfcdd8e672c75b713': `Adresa`,
    };
  