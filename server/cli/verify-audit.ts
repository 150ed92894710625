/**
 * `npm run audit:verify [-- --export <file.csv>]`: checks the audit log's hash chain, for a data-protection officer
 * or an operator, straight against the database the server uses (DATABASE_URL, or the embedded database in
 * IMI_DATA_DIR — stop the server first: the embedded database opens in one process only). With `--export`, also
 * checks a CSV file exported from the log: every line must still be the entry at its place in the chain.
 * Reads only; applies no migrations. Exit status 0 when everything matches, 1 when not, 2 when it could not check.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { MikroORM } from '@mikro-orm/postgresql';
import { ConfigError, loadConfig } from '../config.js';
import { ormConfig } from '../db/mikro-orm.config.js';
import { checkAuditExport, verifyAuditChain } from '../modules/audit/chain.js';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { export: { type: 'string' }, json: { type: 'boolean', default: false } } });
  const config = loadConfig();
  // Loaded only when needed: the embedded database's module is large, and an operator usually checks a PostgreSQL server.
  const embedded = config.databaseUrl ? null : await (await import('../db/embedded-pg.js')).startEmbeddedPg({ dataDir: resolve(config.dataDir), maxConnections: 2 });
  const orm = await MikroORM.init(ormConfig(config.databaseUrl ?? embedded!.url, { poolMax: 1 }));
  try {
    const em = orm.em.fork();
    const chain = await verifyAuditChain(em);
    const file = values.export ? await checkAuditExport(em, await readFile(values.export, 'utf8')) : null;
    if (values.json) {
      console.log(JSON.stringify({ chain, export: file }, null, 2));
    } else {
      console.log(chain.valid
        ? `The audit log is intact: ${chain.entries} entries, chained up to entry ${chain.headSeq} with hash ${chain.headHash} (${chain.ms} ms).`
        : `The audit log does not verify (${chain.firstProblem!.reason}): ${chain.firstProblem!.detail} The ${chain.entries} entries before are intact.`);
      if (file) {
        console.log(file.problems.length
          ? `The export ${values.export} does not match the log:\n${file.problems.slice(0, 20).map((p) => `  line ${p.line}: ${p.message}`).join('\n')}`
            + (file.problems.length > 20 ? `\n  … and ${file.problems.length - 20} more` : '')
          : `The export ${values.export} matches the log: all ${file.lines} lines are entries of the chain, unchanged.`);
      }
    }
    return chain.valid && (!file || (file.lines > 0 && !file.problems.length)) ? 0 : 1;
  } finally {
    await orm.close(true);
    await embedded?.stop();
  }
}

main().then((code) => process.exit(code), (error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : `Could not check the audit log: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
});
