import type { Api } from '../../http/api.js';
import * as s from './schemas.js';
import { authorityDetail, searchAuthorities } from './service.js';

export function authorityRoutes(api: Api): void {
  const tags = ['Directory'];
  api.route({
    method: 'get', path: '/authorities', operationId: 'searchAuthorities', tags, auth: 'required',
    query: s.directoryQuery, response: s.authorityList,
    summary: 'Find active competent authorities',
    description: 'A term in any of the 26 languages finds the authorities competent for the matching profession or keyword, whatever language their own data are in. Accent- and case-insensitive, prefix matching for type-ahead, typo-tolerant for names; ranked; each item says what matched.',
    handler: ({ em, lang, query }) => searchAuthorities(em, query, lang),
  });
  api.route({
    method: 'get', path: '/authorities/{id}', operationId: 'getAuthority', tags, auth: 'required',
    params: s.idParams, response: s.authorityDetailSchema,
    summary: 'One authority with its contact data and competences per legislative area',
    handler: ({ em, lang, params }) => authorityDetail(em, params.id, lang),
  });
}
