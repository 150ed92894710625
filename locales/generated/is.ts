
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    import {html} from 'lit';
    import {str} from '@lit/localize';

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      'h07000d83291c7f4f': html`Lögbært fyrir: ${0} — samsvörun: ${1}`,
'h5c8f7d4ab4045a76': html`Samsvörun í landshluta: ${0}`,
'h673f7e51291f7181': html`Lögbært fyrir: ${0}`,
'h7e7b28499b48c7a8': html`Samsvörun í opinberu heiti: ${0}`,
'h9e7e70bc0d449751': html`Samsvörun í bæ: ${0}`,
'he5cc7376319b8805': html`Samsvörun í heiti: ${0}`,
's052403aa72f58906': `Öll lönd`,
's1b3a53446bd2ebfe': `Skráðu þig inn aftur til að leita í skránni.`,
's1fef5d42afc8b79f': `Allar starfsgreinar`,
's24d433ab121d8fb7': `Veldu yfirvald í leitarniðurstöðunum til að sjá upplýsingar um það.`,
's264c646aba19651d': `Staðbundinn gagnastjóri`,
's2a839a2292bee438': `Kynning á viðmótshlutum IMI Network`,
's2c8189544e3ea679': `Reyna aftur`,
's2d6c36ef90fd1da5': str`Ekkert yfirvald fannst fyrir „${0}“.`,
's2f88b7664294cc33': `Fleiri niðurstöður eru í boði.`,
's30cbf38ce20b2b09': `Innskráning mistókst.`,
's45ee1d374a1606b3': `Lotan þín er útrunnin. Skráðu þig inn aftur.`,
's5e27738a2e8eb763': `Skrá inn`,
's5fc59dcbf0409346': `Meðhöndlari beiðna`,
's643c86f3f0713801': `Valdsvið`,
's6ebc9bd6feae62a3': `Hleður…`,
's70d94df2e4b82f43': `Vinnutungumál`,
's7cfe12cd14df9950': `Skrá út`,
's7fd88abceeb27ab0': `Hlaða fleiri niðurstöðum`,
's812dd882f17cd0ed': `Kerfisstjóri framkvæmdastjórnarinnar`,
's82665b2ffabc9c0a': `Vefsvæði`,
's863b56fce94a02a6': str`Yfirvöld sem fundust: ${0}`,
's8e7258c871aaa410': `Netfang`,
's9726612ddbcfe919': `Gátt opinberra stofnana`,
's9cf7402fe920f7d1': `Land`,
's9cfa7823fc62aba3': `Leitar…`,
'sa5418dff4f5e3140': `Sláðu inn að minnsta kosti 2 stafi: starfsgrein, leitarorð, heiti eða bæ, á hvaða tungumáli sem er.`,
'sa8beb6b1182241ac': `Síur`,
'saec89b76e501a8af': `Finna lögbært yfirvald`,
'sba26f9e01bddf769': `Gátt opinberra stofnana — kynning á IMI Network`,
'sbccf27a52d84a5c1': `Veldu kynningaraðgang`,
'sc3314ff407716cf0': `Upplýsingar um yfirvaldið`,
'sc7079bab6ba40919': `Leitin mistókst.`,
'sc8aa534c8450ad43': str`Innskráning: ${0} (${1})`,
'sc97bf0e8e9fe06b3': str`Lykilorð allra kynningaraðganga er ${0}.`,
'scda89f4773806646': `Ekki tókst að hlaða upplýsingunum.`,
'sd00cc27eb62405b3': `Leita að lögbærum yfirvöldum`,
'sd039ecf6bd44e8c4': `Annar meðhöndlari beiðna`,
'sd3dd3e07af92d400': str`Valið: ${0}`,
'sd69bc1bb271deb8d': `Kynningaraðgangur`,
'sd8d798619e6080df': `Starfsgrein`,
'se0dd7d5001d16249': `Ekki næst samband við netþjóninn. Athugaðu tenginguna og reyndu aftur.`,
'se711220b24772417': `Sími`,
'seb0f62979cf02a00': `Landsbundinn IMI-samræmingaraðili`,
'sec7498111bf40e3b': `Öll löggjafarsvið`,
'sefcf950b3cc4fc3b': `Tungumál`,
'sf6e1665c7022a1f8': `Lykilorð`,
'sf6fd13a7406e71ef': `Löggjafarsvið`,
'sfcdd8e672c75b713': `Heimilisfang`,
    };
  