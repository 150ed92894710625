
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    import {html} from 'lit';
    import {str} from '@lit/localize';

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      'h07000d83291c7f4f': html`Competente para: ${0} — correspondência: ${1}`,
'h5c8f7d4ab4045a76': html`Correspondência na região: ${0}`,
'h673f7e51291f7181': html`Competente para: ${0}`,
'h7e7b28499b48c7a8': html`Correspondência no nome oficial: ${0}`,
'h9e7e70bc0d449751': html`Correspondência na cidade: ${0}`,
'he5cc7376319b8805': html`Correspondência no nome: ${0}`,
's052403aa72f58906': `Todos os países`,
's1b3a53446bd2ebfe': `Inicie sessão novamente para pesquisar no diretório.`,
's1fef5d42afc8b79f': `Todas as profissões`,
's24d433ab121d8fb7': `Selecione uma autoridade nos resultados da pesquisa para ver os seus dados.`,
's264c646aba19651d': `Administrador local de dados`,
's2a839a2292bee438': `Demonstração dos widgets do IMI Network`,
's2c8189544e3ea679': `Tentar novamente`,
's2d6c36ef90fd1da5': str`Nenhuma autoridade encontrada para «${0}».`,
's2f88b7664294cc33': `Há mais resultados disponíveis.`,
's30cbf38ce20b2b09': `Não foi possível iniciar sessão.`,
's45ee1d374a1606b3': `A sua sessão expirou. Inicie sessão novamente.`,
's5e27738a2e8eb763': `Iniciar sessão`,
's5fc59dcbf0409346': `Gestor de pedidos`,
's643c86f3f0713801': `Competências`,
's6ebc9bd6feae62a3': `A carregar…`,
's70d94df2e4b82f43': `Línguas de trabalho`,
's7cfe12cd14df9950': `Terminar sessão`,
's7fd88abceeb27ab0': `Carregar mais resultados`,
's812dd882f17cd0ed': `Administrador da Comissão`,
's82665b2ffabc9c0a': `Sítio web`,
's863b56fce94a02a6': str`Autoridades encontradas: ${0}`,
's8e7258c871aaa410': `Correio eletrónico`,
's9726612ddbcfe919': `Portal das autoridades públicas`,
's9cf7402fe920f7d1': `País`,
's9cfa7823fc62aba3': `A pesquisar…`,
'sa5418dff4f5e3140': `Escreva pelo menos 2 carateres: uma profissão, uma palavra-chave, um nome ou uma cidade, em qualquer língua.`,
'sa8beb6b1182241ac': `Filtros`,
'saec89b76e501a8af': `Encontrar uma autoridade competente`,
'sba26f9e01bddf769': `Portal das autoridades públicas — demonstração do IMI Network`,
'sbccf27a52d84a5c1': `Escolha uma conta de demonstração`,
'sc3314ff407716cf0': `Dados da autoridade`,
'sc7079bab6ba40919': `A pesquisa falhou.`,
'sc8aa534c8450ad43': str`Sessão iniciada como ${0} (${1})`,
'sc97bf0e8e9fe06b3': str`A palavra-passe de todas as contas de demonstração é ${0}.`,
'scda89f4773806646': `Não foi possível carregar os dados.`,
'sd00cc27eb62405b3': `Pesquisar autoridades competentes`,
'sd039ecf6bd44e8c4': `Segundo gestor de pedidos`,
'sd3dd3e07af92d400': str`Selecionada: ${0}`,
'sd69bc1bb271deb8d': `Conta de demonstração`,
'sd8d798619e6080df': `Profissão`,
'se0dd7d5001d16249': `Não foi possível contactar o servidor. Verifique a sua ligação e tente novamente.`,
'se711220b24772417': `Telefone`,
'seb0f62979cf02a00': `Coordenador nacional do IMI`,
'sec7498111bf40e3b': `Todos os domínios legislativos`,
'sefcf950b3cc4fc3b': `Língua`,
'sf6e1665c7022a1f8': `Palavra-passe`,
'sf6fd13a7406e71ef': `Domínio legislativo`,
'sfcdd8e672c75b713': `Endereço`,
    };
  