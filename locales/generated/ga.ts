
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    import {html} from 'lit';
    import {str} from '@lit/localize';

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      'h07000d83291c7f4f': html`Inniúil i leith: ${0} — meaitseáil: ${1}`,
'h5c8f7d4ab4045a76': html`Meaitseáil sa réigiún: ${0}`,
'h673f7e51291f7181': html`Inniúil i leith: ${0}`,
'h7e7b28499b48c7a8': html`Meaitseáil san ainm oifigiúil: ${0}`,
'h9e7e70bc0d449751': html`Meaitseáil sa chathair: ${0}`,
'he5cc7376319b8805': html`Meaitseáil san ainm: ${0}`,
's052403aa72f58906': `Gach tír`,
's1b3a53446bd2ebfe': `Sínigh isteach arís chun an t-eolaire a chuardach.`,
's1fef5d42afc8b79f': `Gach gairm`,
's24d433ab121d8fb7': `Roghnaigh údarás sna torthaí cuardaigh chun a shonraí a fheiceáil.`,
's264c646aba19651d': `Riarthóir áitiúil sonraí`,
's2a839a2292bee438': `Taispeántas ar ghiuirléidí IMI Network`,
's2c8189544e3ea679': `Bain triail eile as`,
's2d6c36ef90fd1da5': str`Níor aimsíodh aon údarás do “${0}”.`,
's2f88b7664294cc33': `Tá tuilleadh torthaí ar fáil.`,
's30cbf38ce20b2b09': `Theip ar shíniú isteach.`,
's45ee1d374a1606b3': `Tá do sheisiún imithe in éag. Sínigh isteach arís.`,
's5e27738a2e8eb763': `Sínigh isteach`,
's5fc59dcbf0409346': `Láimhseálaí iarratas`,
's643c86f3f0713801': `Inniúlachtaí`,
's6ebc9bd6feae62a3': `Á luchtú…`,
's70d94df2e4b82f43': `Teangacha oibre`,
's7cfe12cd14df9950': `Sínigh amach`,
's7fd88abceeb27ab0': `Luchtaigh tuilleadh torthaí`,
's812dd882f17cd0ed': `Riarthóir an Choimisiúin`,
's82665b2ffabc9c0a': `Suíomh gréasáin`,
's863b56fce94a02a6': str`Údaráis a aimsíodh: ${0}`,
's8e7258c871aaa410': `Ríomhphost`,
's9726612ddbcfe919': `Tairseach na n-údarás poiblí`,
's9cf7402fe920f7d1': `Tír`,
's9cfa7823fc62aba3': `Á chuardach…`,
'sa5418dff4f5e3140': `Clóscríobh 2 charachtar ar a laghad: gairm, eochairfhocal, ainm nó cathair, in aon teanga.`,
'sa8beb6b1182241ac': `Scagairí`,
'saec89b76e501a8af': `Aimsigh údarás inniúil`,
'sba26f9e01bddf769': `Tairseach na n-údarás poiblí — taispeántas IMI Network`,
'sbccf27a52d84a5c1': `Roghnaigh cuntas taispeána`,
'sc3314ff407716cf0': `Sonraí an údaráis`,
'sc7079bab6ba40919': `Theip ar an gcuardach.`,
'sc8aa534c8450ad43': str`Sínithe isteach mar ${0} (${1})`,
'sc97bf0e8e9fe06b3': str`Is é ${0} pasfhocal gach cuntais taispeána.`,
'scda89f4773806646': `Níorbh fhéidir na sonraí a luchtú.`,
'sd00cc27eb62405b3': `Cuardaigh údaráis inniúla`,
'sd039ecf6bd44e8c4': `Dara láimhseálaí iarratas`,
'sd3dd3e07af92d400': str`Roghnaithe: ${0}`,
'sd69bc1bb271deb8d': `Cuntas taispeána`,
'sd8d798619e6080df': `Gairm`,
'se0dd7d5001d16249': `Ní féidir teacht ar an bhfreastalaí. Seiceáil do cheangal agus bain triail eile as.`,
'se711220b24772417': `Teileafón`,
'seb0f62979cf02a00': `Comhordaitheoir náisiúnta IMI`,
'sec7498111bf40e3b': `Gach réimse reachtaíochta`,
'sefcf950b3cc4fc3b': `Teanga`,
'sf6e1665c7022a1f8': `Pasfhocal`,
'sf6fd13a7406e71ef': `Réimse reachtaíochta`,
'sfcdd8e672c75b713': `Seoladh`,
    };
  