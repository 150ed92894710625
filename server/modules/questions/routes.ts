import { z } from 'zod';
import type { Api } from '../../http/api.js';
import { numericId, text } from '../../http/schemas.js';
import * as s from './schemas.js';
import { exportQuestionSet, getQuestionSet, importQuestionSet, listQuestionSets } from './service.js';

const idParams = z.object({ id: numericId('Not a question set id') });

export function questionRoutes(api: Api): void {
  const tags = ['Question sets'];
  api.route({
    method: 'get', path: '/question-sets', operationId: 'listQuestionSets', tags, access: 'public',
    query: z.object({ area: text(40) }), response: s.questionSetList,
    summary: 'The agreed question sets, newest version of each area first, with their translation completeness',
    handler: ({ em, query, lang }) => listQuestionSets(em, query.area, lang),
  });
  api.route({
    method: 'get', path: '/question-sets/{id}', operationId: 'getQuestionSet', tags, access: 'public', params: idParams,
    response: s.questionSetView,
    summary: 'One question set in the requested language: groups, questions, answer types and options (answers are option codes)',
    handler: ({ em, params, lang }) => getQuestionSet(em, params.id, lang),
  });
  api.route({
    method: 'get', path: '/question-sets/{id}/export', operationId: 'exportQuestionSet', tags, access: 'public', params: idParams,
    response: s.questionSetFile,
    summary: 'One question set in its import format, every locale included',
    handler: ({ em, params }) => exportQuestionSet(em, params.id),
  });
  api.route({
    method: 'post', path: '/admin/question-sets', operationId: 'importQuestionSet', tags, body: s.questionSetFile, status: 201,
    access: { action: 'reference:manage' }, response: s.questionSetSummary,
    summary: 'Import the next version of an area\'s question set, or a new area with its first set (Commission administrators)',
    description: 'Invalid files are refused with one error per wrong field, e.g. `groups.2.questions.4.options` or `name.en`. Versions are never changed: import a higher version number.',
    handler: ({ em, body, user, lang, ip }) => importQuestionSet(em, user, body, lang, ip),
  });
}
