
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    import {html} from 'lit';
    import {str} from '@lit/localize';

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      'h07000d83291c7f4f': html`Kompetenti għal: ${0} — tqabbil: ${1}`,
'h5c8f7d4ab4045a76': html`Tqabbil fir-reġjun: ${0}`,
'h673f7e51291f7181': html`Kompetenti għal: ${0}`,
'h7e7b28499b48c7a8': html`Tqabbil fl-isem uffiċjali: ${0}`,
'h9e7e70bc0d449751': html`Tqabbil fil-belt: ${0}`,
'he5cc7376319b8805': html`Tqabbil fl-isem: ${0}`,
's052403aa72f58906': `Il-pajjiżi kollha`,
's1b3a53446bd2ebfe': `Jekk jogħġbok erġa’ idħol biex tfittex fid-direttorju.`,
's1fef5d42afc8b79f': `Il-professjonijiet kollha`,
's24d433ab121d8fb7': `Agħżel awtorità mir-riżultati tat-tfittxija biex tara d-dettalji tagħha.`,
's264c646aba19651d': `Amministratur lokali tad-data`,
's2a839a2292bee438': `Dimostrazzjoni tal-widgets tal-IMI Network`,
's2c8189544e3ea679': `Erġa’ pprova`,
's2d6c36ef90fd1da5': str`Ma nstabet l-ebda awtorità għal “${0}”.`,
's2f88b7664294cc33': `Hemm aktar riżultati disponibbli.`,
's30cbf38ce20b2b09': `Id-dħul ma rnexxiex.`,
's45ee1d374a1606b3': `Is-sessjoni tiegħek skadiet. Jekk jogħġbok erġa’ idħol.`,
's5e27738a2e8eb763': `Idħol`,
's5fc59dcbf0409346': `Maniġer tat-talbiet`,
's643c86f3f0713801': `Kompetenzi`,
's6ebc9bd6feae62a3': `Qed jittella’…`,
's70d94df2e4b82f43': `Lingwi tax-xogħol`,
's7cfe12cd14df9950': `Oħroġ`,
's7fd88abceeb27ab0': `Tella’ aktar riżultati`,
's812dd882f17cd0ed': `Amministratur tal-Kummissjoni`,
's82665b2ffabc9c0a': `Sit web`,
's863b56fce94a02a6': str`Awtoritajiet li nstabu: ${0}`,
's8e7258c871aaa410': `Posta elettronika`,
's9726612ddbcfe919': `Portal tal-awtoritajiet pubbliċi`,
's9cf7402fe920f7d1': `Pajjiż`,
's9cfa7823fc62aba3': `Qed infittex…`,
'sa5418dff4f5e3140': `Ikteb mill-inqas 2 karattri: professjoni, kelma ewlenija, isem jew belt, bi kwalunkwe lingwa.`,
'sa8beb6b1182241ac': `Filtri`,
'saec89b76e501a8af': `Sib awtorità kompetenti`,
'sba26f9e01bddf769': `Portal tal-awtoritajiet pubbliċi — demo tal-IMI Network`,
'sbccf27a52d84a5c1': `Agħżel kont ta’ demo`,
'sc3314ff407716cf0': `Dettalji tal-awtorità`,
'sc7079bab6ba40919': `It-tfittxija ma rnexxietx.`,
'sc8aa534c8450ad43': str`Dħalt bħala ${0} (${1})`,
'sc97bf0e8e9fe06b3': str`Il-password tal-kontijiet kollha ta’ demo hija ${0}.`,
'scda89f4773806646': `Id-dettalji ma setgħux jittellgħu.`,
'sd00cc27eb62405b3': `Fittex awtoritajiet kompetenti`,
'sd039ecf6bd44e8c4': `It-tieni maniġer tat-talbiet`,
'sd3dd3e07af92d400': str`Magħżula: ${0}`,
'sd69bc1bb271deb8d': `Kont ta’ demo`,
'sd8d798619e6080df': `Professjoni`,
'se0dd7d5001d16249': `Ma jistax jintlaħaq is-server. Iċċekkja l-konnessjoni tiegħek u erġa’ pprova.`,
'se711220b24772417': `Telefon`,
'seb0f62979cf02a00': `Koordinatur nazzjonali tal-IMI`,
'sec7498111bf40e3b': `L-oqsma leġiżlattivi kollha`,
'sefcf950b3cc4fc3b': `Lingwa`,
'sf6e1665c7022a1f8': `Password`,
'sf6fd13a7406e71ef': `Qasam leġiżlattiv`,
'sfcdd8e672c75b713': `Indirizz`,
    };
  