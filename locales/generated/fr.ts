
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    import {html} from 'lit';
    import {str} from '@lit/localize';

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      'h07000d83291c7f4f': html`Compétente pour : ${0} — correspondance : ${1}`,
'h5c8f7d4ab4045a76': html`Correspondance dans la région : ${0}`,
'h673f7e51291f7181': html`Compétente pour : ${0}`,
'h7e7b28499b48c7a8': html`Correspondance dans le nom officiel : ${0}`,
'h9e7e70bc0d449751': html`Correspondance dans la ville : ${0}`,
'he5cc7376319b8805': html`Correspondance dans le nom : ${0}`,
's052403aa72f58906': `Tous les pays`,
's1b3a53446bd2ebfe': `Veuillez vous reconnecter pour effectuer une recherche dans l’annuaire.`,
's1fef5d42afc8b79f': `Toutes les professions`,
's24d433ab121d8fb7': `Sélectionnez une autorité dans les résultats de recherche pour afficher ses informations.`,
's264c646aba19651d': `Administrateur de données local`,
's2a839a2292bee438': `Démonstration des widgets IMI Network`,
's2c8189544e3ea679': `Réessayer`,
's2d6c36ef90fd1da5': str`Aucune autorité trouvée pour « ${0} ».`,
's2f88b7664294cc33': `D’autres résultats sont disponibles.`,
's30cbf38ce20b2b09': `La connexion a échoué.`,
's45ee1d374a1606b3': `Votre session a expiré. Veuillez vous reconnecter.`,
's5e27738a2e8eb763': `Se connecter`,
's5fc59dcbf0409346': `Gestionnaire de demandes`,
's643c86f3f0713801': `Compétences`,
's6ebc9bd6feae62a3': `Chargement…`,
's70d94df2e4b82f43': `Langues de travail`,
's7cfe12cd14df9950': `Se déconnecter`,
's7fd88abceeb27ab0': `Afficher plus de résultats`,
's812dd882f17cd0ed': `Administrateur de la Commission`,
's82665b2ffabc9c0a': `Site web`,
's863b56fce94a02a6': str`Autorités trouvées : ${0}`,
's8e7258c871aaa410': `Courriel`,
's9726612ddbcfe919': `Portail des autorités publiques`,
's9cf7402fe920f7d1': `Pays`,
's9cfa7823fc62aba3': `Recherche en cours…`,
'sa5418dff4f5e3140': `Saisissez au moins 2 caractères : une profession, un mot-clé, un nom ou une ville, dans n’importe quelle langue.`,
'sa8beb6b1182241ac': `Filtres`,
'saec89b76e501a8af': `Trouver une autorité compétente`,
'sba26f9e01bddf769': `Portail des autorités publiques — démo IMI Network`,
'sbccf27a52d84a5c1': `Choisissez un compte de démonstration`,
'sc3314ff407716cf0': `Informations sur l’autorité`,
'sc7079bab6ba40919': `La recherche a échoué.`,
'sc8aa534c8450ad43': str`Connecté en tant que ${0} (${1})`,
'sc97bf0e8e9fe06b3': str`Le mot de passe de tous les comptes de démonstration est ${0}.`,
'scda89f4773806646': `Les informations n’ont pas pu être chargées.`,
'sd00cc27eb62405b3': `Rechercher des autorités compétentes`,
'sd039ecf6bd44e8c4': `Second gestionnaire de demandes`,
'sd3dd3e07af92d400': str`Sélectionnée : ${0}`,
'sd69bc1bb271deb8d': `Compte de démonstration`,
'sd8d798619e6080df': `Profession`,
'se0dd7d5001d16249': `Le serveur est injoignable. Vérifiez votre connexion et réessayez.`,
'se711220b24772417': `Téléphone`,
'seb0f62979cf02a00': `Coordinateur IMI national`,
'sec7498111bf40e3b': `Tous les domaines législatifs`,
'sefcf950b3cc4fc3b': `Langue`,
'sf6e1665c7022a1f8': `Mot de passe`,
'sf6fd13a7406e71ef': `Domaine législatif`,
'sfcdd8e672c75b713': `Adresse`,
    };
  