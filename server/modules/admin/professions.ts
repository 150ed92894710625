import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import type { Api } from '../../http/api.js';
import { parseCsv } from '../../http/csv.js';
import { Problem, problems } from '../../http/problem.js';
import { pgArray } from '../../db/sql.js';
import { audit } from '../audit/service.js';
import type { AuthUser } from '../identity/service.js';
import { isLocale } from '../reference/locales.js';
import { refreshProfessionTerms } from '../reference/search-terms.js';
import { readBody } from '../requests/attachments.js';

/** The columns an import file may have, in any order; only `code` is required. */
export const importColumns = ['code', 'sector', 'sectoral', 'locale', 'name', 'country', 'national_title', 'lang'] as const;
type Column = (typeof importColumns)[number];

/** Limits of one import: the file's size, its rows, and the row errors listed (all are counted). */
export const importLimits = { bytes: 5 * 1_048_576, rows: 20_000, listedErrors: 500 };

const formatDescription = `The body is a CSV file (UTF-8, a byte order mark allowed; comma- or semicolon-separated; quoted fields as in RFC 4180). Its first row names the columns, in any order:

- \`code\` (required on every row): the profession's code, lower-case letters, digits and hyphens, e.g. \`general-care-nurse\`.
- \`locale\` and \`name\`: the generic profession's name in one of the 26 locales.
- \`sector\` (a sector code, e.g. \`health\`) and \`sectoral\` (\`true\` or \`false\`: a sectoral profession with automatic recognition).
- \`country\` and \`national_title\`: the title of the national regulated profession in an EEA state (ISO code, e.g. \`CZ\`); \`lang\`, the title's language, defaults to the state's first language.

Each row says something about one profession: a name, a national title, its sector, or several of these. A new code creates a profession, which needs its sector and its English name. Names replace the name in their locale; for each profession and state the file names, its national titles in the file replace the stored ones.

\`dryRun=true\` (the default) checks the file and reports what an import would create and change, writing nothing. \`dryRun=false\` imports it in one transaction and updates the directory's search terms. Any error — reported with its line and column — means nothing is written. At most ${importLimits.rows} rows and ${importLimits.bytes / 1_048_576} MB.`;

const importQuery = z.object({
  dryRun: z.enum(['true', 'false'], { error: 'true or false' }).default('true').transform((v) => v === 'true')
    .describe('true (default): check and report only; false: import'),
});

const importError = z.object({ line: z.number().int(), column: z.string().nullable(), message: z.string() });
export const importReport = z.object({
  dryRun: z.boolean(),
  /** Whether this call wrote the changes: a real run without errors. */
  applied: z.boolean(),
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  errors: z.array(importError),
  errorCount: z.number().int(),
  changes: z.array(z.object({ code: z.string(), change: z.enum(['created', 'updated']), fields: z.array(z.string()) })),
});
export type ImportReport = z.infer<typeof importReport>;
type ImportError = z.infer<typeof importError>;

interface Plan {
  code: string;
  line: number;
  sector?: { value: string; line: number };
  sectoral?: { value: boolean; line: number };
  names: Map<string, { name: string; line: number }>;
  titles: Map<string, Map<string, { title: string; lang: string }>>;
}

interface Stored {
  id: number;
  code: string;
  sector_code: string;
  sectoral: boolean;
  names: Record<string, string>;
}

const codePattern = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const booleans: Record<string, boolean> = { true: true, false: false, yes: true, no: false, '1': true, '0': false };
const clean = (value: string) => value.normalize('NFC').trim();

/** The header row's column names, or the errors that make the file unreadable. */
function readHeader(fields: string[]): { columns: (Column | null)[]; errors: ImportError[] } {
  const names = fields.map((f) => clean(f).toLowerCase().replace(/[\s-]+/g, '_'));
  const errors: ImportError[] = [];
  const seen = new Set<string>();
  const columns = names.map((name, index) => {
    if (!(importColumns as readonly string[]).includes(name)) {
      errors.push({ line: 1, column: name || `#${index + 1}`, message: `Not a column of the import format; use ${importColumns.join(', ')}` });
      return null;
    }
    if (seen.has(name)) errors.push({ line: 1, column: name, message: 'This column is named twice' });
    seen.add(name);
    return name as Column;
  });
  if (!seen.has('code')) errors.push({ line: 1, column: 'code', message: 'The header needs the column code' });
  for (const [a, b] of [['locale', 'name'], ['name', 'locale'], ['country', 'national_title'], ['national_title', 'country'], ['lang', 'national_title']] as const) {
    if (seen.has(a) && !seen.has(b)) errors.push({ line: 1, column: b, message: `The header needs the column ${b} beside ${a}` });
  }
  return { columns, errors };
}

/**
 * Checks an import file against the stored professions and works out what it would change. Every problem is reported
 * with its line and column; the file is read to its end so that one run lists them all.
 */
async function planImport(em: EntityManager, text: string) {
  const errors: ImportError[] = [];
  const parsed = parseCsv(text);
  const [header, ...records] = parsed.records;
  if (!header) return { rows: 0, errors: [...parsed.errors.map((e) => ({ line: e.line, column: null, message: e.message })), { line: 1, column: null, message: 'The file has no header row' }], plans: [] };
  const { columns, errors: headerErrors } = readHeader(header.fields);
  const columnAt = (field: number) => columns[field - 1] ?? null;
  errors.push(...parsed.errors.map((e) => ({ line: e.line, column: columnAt(e.field), message: e.message })));
  if (headerErrors.length) return { rows: records.length, errors: [...headerErrors, ...errors], plans: [] };
  if (records.length > importLimits.rows) {
    return { rows: records.length, errors: [{ line: 1, column: null, message: `A file may have at most ${importLimits.rows} rows; split it` }], plans: [] };
  }

  const sectors = new Set((await em.execute<{ code: string }[]>('select code from sector')).map((s) => s.code));
  const countries = new Map((await em.execute<{ code: string; languages: string[] }[]>('select code, languages from country')).map((c) => [c.code, c.languages]));
  const plans = new Map<string, Plan>();
  for (const record of records) {
    const { line } = record;
    if (record.fields.length !== columns.length) {
      errors.push({ line, column: null, message: `This row has ${record.fields.length} fields where the header has ${columns.length}` });
      continue;
    }
    const cell = (column: Column) => {
      const index = columns.indexOf(column);
      return index < 0 ? '' : clean(record.fields[index]);
    };
    const fail = (column: Column, message: string) => errors.push({ line, column, message });
    const code = cell('code');
    const validCode = code.length <= 80 && codePattern.test(code);
    if (!code) fail('code', 'Required');
    else if (!validCode) fail('code', 'A code of lower-case letters, digits and hyphens, e.g. general-care-nurse');
    const plan: Plan | null = validCode ? (plans.get(code) ?? { code, line, names: new Map(), titles: new Map() }) : null;
    let said = false;

    const sector = cell('sector');
    if (sector) {
      said = true;
      if (!sectors.has(sector)) fail('sector', `Not a sector; use one of ${[...sectors].sort().join(', ')}`);
      else if (plan?.sector && plan.sector.value !== sector) fail('sector', `Line ${plan.sector.line} gives the sector ${plan.sector.value}`);
      else if (plan) plan.sector ??= { value: sector, line };
    }
    const sectoral = cell('sectoral').toLowerCase();
    if (sectoral) {
      said = true;
      const value = booleans[sectoral];
      if (value === undefined) fail('sectoral', 'true or false');
      else if (plan?.sectoral && plan.sectoral.value !== value) fail('sectoral', `Line ${plan.sectoral.line} says ${plan.sectoral.value}`);
      else if (plan) plan.sectoral ??= { value, line };
    }

    const locale = cell('locale').toLowerCase();
    const name = cell('name');
    if (locale || name) {
      said = true;
      if (!locale) fail('locale', 'Required with a name');
      else if (!isLocale(locale)) fail('locale', 'Not one of the 26 locales, e.g. en, de, fr');
      if (!name) fail('name', 'Required with a locale');
      else if (name.length > 300) fail('name', 'At most 300 characters');
      const earlier = plan?.names.get(locale);
      if (earlier && earlier.name !== name) fail('name', `Line ${earlier.line} gives another name in ${locale}`);
      else if (plan && locale && name && isLocale(locale)) plan.names.set(locale, { name, line });
    }

    const country = cell('country').toUpperCase();
    const title = cell('national_title');
    const lang = cell('lang').toLowerCase();
    if (country || title || lang) {
      said = true;
      const languages = countries.get(country);
      if (!country) fail('country', 'Required with a national title');
      else if (!languages) fail('country', 'Not an EEA state; use its ISO code, e.g. CZ');
      if (!title) fail('national_title', 'Required with a country');
      else if (title.length > 300) fail('national_title', 'At most 300 characters');
      if (lang && !isLocale(lang)) fail('lang', 'Not one of the 26 locales, e.g. cs, de, fr');
      const titleLang = lang || languages?.[0];
      if (plan && languages && title && titleLang && isLocale(titleLang)) {
        const titles = plan.titles.get(country) ?? new Map<string, { title: string; lang: string }>();
        const earlier = titles.get(title);
        if (earlier && earlier.lang !== titleLang) fail('lang', `This title is given for ${country} in ${earlier.lang} already`);
        else titles.set(title, { title, lang: titleLang });
        plan.titles.set(country, titles);
      }
    }
    if (!said) errors.push({ line, column: null, message: 'This row gives nothing for the profession: fill locale and name, country and national_title, sector or sectoral' });
    if (plan && !plans.has(plan.code)) plans.set(plan.code, plan);
  }
  return { rows: records.length, errors, plans: [...plans.values()] };
}

/** Checks a CSV file of professions and, unless it is a dry run or has errors, imports it in one transaction. */
export async function importProfessions(em: EntityManager, actor: AuthUser, text: string, dryRun: boolean, ip: string | null): Promise<ImportReport> {
  return em.transactional(async (tx) => {
    const { rows, errors, plans } = await planImport(tx, text);
    const stored = new Map((plans.length
      ? await tx.execute<Stored[]>('select id, code, sector_code, sectoral, names from profession where code = any(?::text[])', [pgArray(plans.map((p) => p.code))])
      : []).map((p) => [p.code, p]));
    const storedTitles = new Map<string, string[]>();
    if (stored.size) {
      const titles = await tx.execute<{ profession_id: number; country_code: string; title: string; lang: string }[]>(
        'select profession_id, country_code, title, lang from national_profession where profession_id = any(?::int[])', [pgArray([...stored.values()].map((p) => p.id))]);
      for (const t of titles) {
        const key = `${t.profession_id}:${t.country_code}`;
        storedTitles.set(key, [...(storedTitles.get(key) ?? []), `${t.title}\u0000${t.lang}`]);
      }
    }

    const changes: ImportReport['changes'] = [];
    let unchanged = 0;
    for (const plan of plans) {
      const current = stored.get(plan.code);
      if (!current) {
        if (!plan.sector) errors.push({ line: plan.line, column: 'sector', message: `${plan.code} is a new profession: give its sector` });
        if (!plan.names.has('en')) errors.push({ line: plan.line, column: 'name', message: `${plan.code} is a new profession: give its English name (locale en)` });
        changes.push({ code: plan.code, change: 'created', fields: ['sector', 'sectoral', ...[...plan.names.keys()].map((l) => `names.${l}`), ...[...plan.titles.keys()].map((c) => `nationalTitles.${c}`)] });
        continue;
      }
      const fields: string[] = [];
      if (plan.sector && plan.sector.value !== current.sector_code) fields.push('sector');
      if (plan.sectoral && plan.sectoral.value !== current.sectoral) fields.push('sectoral');
      for (const [locale, { name }] of plan.names) if (current.names[locale] !== name) fields.push(`names.${locale}`);
      for (const [country, titles] of plan.titles) {
        const before = (storedTitles.get(`${current.id}:${country}`) ?? []).sort().join('\n');
        const after = [...titles.values()].map((t) => `${t.title}\u0000${t.lang}`).sort().join('\n');
        if (before !== after) fields.push(`nationalTitles.${country}`);
      }
      if (fields.length) changes.push({ code: plan.code, change: 'updated', fields });
      else unchanged++;
    }

    errors.sort((a, b) => a.line - b.line);
    const applied = !dryRun && errors.length === 0;
    const report: ImportReport = {
      dryRun, applied, rows,
      created: changes.filter((c) => c.change === 'created').length,
      updated: changes.filter((c) => c.change === 'updated').length,
      unchanged,
      errors: errors.slice(0, importLimits.listedErrors),
      errorCount: errors.length,
      changes,
    };
    if (!applied) return report;

    const touched: number[] = [];
    for (const change of changes) {
      const plan = plans.find((p) => p.code === change.code)!;
      const current = stored.get(change.code);
      const names = { ...current?.names, ...Object.fromEntries([...plan.names].map(([locale, { name }]) => [locale, name])) };
      let id: number;
      if (current) {
        id = current.id;
        await tx.execute('update profession set sector_code = ?, sectoral = ?, names = ?::jsonb, version = version + 1 where id = ?',
          [plan.sector?.value ?? current.sector_code, plan.sectoral?.value ?? current.sectoral, JSON.stringify(names), id]);
      } else {
        const [created] = await tx.execute<{ id: number }[]>(
          `insert into profession (code, sector_code, sectoral, names, terms, version) values (?, ?, ?, ?::jsonb, '{}'::jsonb, 1) returning id`,
          [plan.code, plan.sector!.value, plan.sectoral?.value ?? false, JSON.stringify(names)]);
        id = created.id;
      }
      for (const [country, titles] of plan.titles) {
        await tx.execute('delete from national_profession where profession_id = ? and country_code = ?', [id, country]);
        for (const t of titles.values()) {
          await tx.execute('insert into national_profession (country_code, profession_id, title, lang) values (?, ?, ?, ?)', [country, id, t.title, t.lang]);
        }
      }
      touched.push(id);
      audit(tx, {
        action: 'profession.import', actorId: actor.id, actorEmail: actor.email, authorityId: actor.authorityId,
        record: { type: 'profession', id: change.code }, fields: change.fields, ip,
      });
    }
    await refreshProfessionTerms(tx, touched);
    return report;
  });
}

export function professionRoutes(api: Api): void {
  api.route({
    method: 'post', path: '/admin/professions/import', operationId: 'importProfessions', tags: ['Administration'],
    access: { action: 'reference:manage' }, query: importQuery, rawBody: 'text/csv', response: importReport,
    summary: 'Check or import regulated professions from CSV: names in the 26 locales, sector, national titles (Commission administrators)',
    description: formatDescription,
    handler: async ({ em, user, query, ip, ctx }) => {
      if (!ctx.is('text/csv', 'text/plain')) {
        throw new Problem(415, 'Unsupported media type', 'Send the file as the request body with Content-Type: text/csv.');
      }
      const length = ctx.get('Content-Length');
      const data = await readBody(ctx.req, importLimits.bytes, length ? Number(length) : undefined);
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(data);
      } catch {
        throw problems.invalid([{ path: 'body', in: 'body', message: 'The file is not UTF-8 text; save it as “CSV UTF-8”' }]);
      }
      if (!text.trim()) throw problems.invalid([{ path: 'body', in: 'body', message: 'The file is empty' }]);
      return importProfessions(em, user!, text, query.dryRun, ip);
    },
  });
}
