import type { Api } from '../../http/api.js';
import * as s from './schemas.js';
import { listAreas, listCountries, listKeywords, listLocales, listProfessions } from './service.js';

export function referenceRoutes(api: Api): void {
  const tags = ['Reference data'];
  api.route({
    method: 'get', path: '/countries', operationId: 'listCountries', tags, access: 'public', response: s.countryList,
    summary: 'The 30 EEA states, named in the requested locale, with their official languages',
    handler: ({ em, lang }) => listCountries(em, lang),
  });
  api.route({
    method: 'get', path: '/locales', operationId: 'listLocales', tags, access: 'public', response: s.localeList,
    summary: 'The 26 locales of the network',
    handler: ({ em, lang }) => listLocales(em, lang),
  });
  api.route({
    method: 'get', path: '/legislative-areas', operationId: 'listLegislativeAreas', tags, access: 'public', response: s.areaList,
    summary: 'Legislative areas with their legal basis, reply period and blocking period',
    handler: ({ em, lang }) => listAreas(em, lang),
  });
  api.route({
    method: 'get', path: '/professions', operationId: 'listProfessions', tags, access: 'public', query: s.professionQuery, response: s.professionList,
    summary: 'Generic regulated professions; `q` matches names and titles in any of the 26 languages',
    handler: ({ em, lang, query }) => listProfessions(em, query, lang),
  });
  api.route({
    method: 'get', path: '/keywords', operationId: 'listKeywords', tags, access: 'public', query: s.keywordQuery, response: s.keywordList,
    summary: 'Keywords and service activities; `q` matches in any of the 26 languages',
    handler: ({ em, lang, query }) => listKeywords(em, query, lang),
  });
}
