
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    import {html} from 'lit';
    import {str} from '@lit/localize';

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      'h07000d83291c7f4f': html`Competente para: ${0} — coincidencia: ${1}`,
'h5c8f7d4ab4045a76': html`Coincidencia en la región: ${0}`,
'h673f7e51291f7181': html`Competente para: ${0}`,
'h7e7b28499b48c7a8': html`Coincidencia en el nombre oficial: ${0}`,
'h9e7e70bc0d449751': html`Coincidencia en la ciudad: ${0}`,
'he5cc7376319b8805': html`Coincidencia en el nombre: ${0}`,
's052403aa72f58906': `Todos los países`,
's1b3a53446bd2ebfe': `Vuelva a iniciar sesión para buscar en el directorio.`,
's1fef5d42afc8b79f': `Todas las profesiones`,
's24d433ab121d8fb7': `Seleccione una autoridad en los resultados de búsqueda para ver sus datos.`,
's264c646aba19651d': `Administrador local de datos`,
's2a839a2292bee438': `Demostración de los widgets de IMI Network`,
's2c8189544e3ea679': `Reintentar`,
's2d6c36ef90fd1da5': str`No se ha encontrado ninguna autoridad para «${0}».`,
's2f88b7664294cc33': `Hay más resultados disponibles.`,
's30cbf38ce20b2b09': `No se ha podido iniciar sesión.`,
's45ee1d374a1606b3': `Su sesión ha caducado. Vuelva a iniciar sesión.`,
's5e27738a2e8eb763': `Iniciar sesión`,
's5fc59dcbf0409346': `Gestor de solicitudes`,
's643c86f3f0713801': `Competencias`,
's6ebc9bd6feae62a3': `Cargando…`,
's70d94df2e4b82f43': `Lenguas de trabajo`,
's7cfe12cd14df9950': `Cerrar sesión`,
's7fd88abceeb27ab0': `Cargar más resultados`,
's812dd882f17cd0ed': `Administrador de la Comisión`,
's82665b2ffabc9c0a': `Sitio web`,
's863b56fce94a02a6': str`Autoridades encontradas: ${0}`,
's8e7258c871aaa410': `Correo electrónico`,
's9726612ddbcfe919': `Portal de las autoridades públicas`,
's9cf7402fe920f7d1': `País`,
's9cfa7823fc62aba3': `Buscando…`,
'sa5418dff4f5e3140': `Escriba al menos 2 caracteres: una profesión, una palabra clave, un nombre o una ciudad, en cualquier idioma.`,
'sa8beb6b1182241ac': `Filtros`,
'saec89b76e501a8af': `Buscar una autoridad competente`,
'sba26f9e01bddf769': `Portal de las autoridades públicas — demostración de IMI Network`,
'sbccf27a52d84a5c1': `Elija una cuenta de demostración`,
'sc3314ff407716cf0': `Datos de la autoridad`,
'sc7079bab6ba40919': `La búsqueda ha fallado.`,
'sc8aa534c8450ad43': str`Sesión iniciada como ${0} (${1})`,
'sc97bf0e8e9fe06b3': str`La contraseña de todas las cuentas de demostración es ${0}.`,
'scda89f4773806646': `No se han podido cargar los datos.`,
'sd00cc27eb62405b3': `Buscar autoridades competentes`,
'sd039ecf6bd44e8c4': `Segundo gestor de solicitudes`,
'sd3dd3e07af92d400': str`Seleccionada: ${0}`,
'sd69bc1bb271deb8d': `Cuenta de demostración`,
'sd8d798619e6080df': `Profesión`,
'se0dd7d5001d16249': `No se puede acceder al servidor. Compruebe su conexión e inténtelo de nuevo.`,
'se711220b24772417': `Teléfono`,
'seb0f62979cf02a00': `Coordinador nacional de IMI`,
'sec7498111bf40e3b': `Todos los ámbitos legislativos`,
'sefcf950b3cc4fc3b': `Idioma`,
'sf6e1665c7022a1f8': `Contraseña`,
'sf6fd13a7406e71ef': `Ámbito legislativo`,
'sfcdd8e672c75b713': `Dirección`,
    };
  