// Directory search benchmark: p50/p95 latency of GET /api/v1/authorities under 1 and 32 concurrent clients on a
// directory of 130 000 authorities, next to the raw SQL of the same query measured in the same run.
//   npm run bench                         (starts its own PostgreSQL with scripts/pg.sh)
//   BENCH_DATABASE_URL=postgresql://… npm run bench
//   BENCH_AUTHORITIES=130000 BENCH_REQUESTS=1600
import { directorySql, type DirectoryQuery } from '../../server/modules/authorities/service.js';
import { generateDirectory } from './generate-directory.js';
import { measure, startBenchServer, type BenchServer } from './measure.js';

const authorities = Number(process.env.BENCH_AUTHORITIES ?? 130_000);
const requests = Number(process.env.BENCH_REQUESTS ?? 1600);
const queries: Omit<DirectoryQuery, 'limit'>[] = [
  { q: 'Krankenschwester' }, { q: 'infirmière' }, { q: 'pielęgniarka' }, { q: 'sairaanhoitaja' },
  { q: 'architect' }, { q: 'Apotheker' }, { q: 'kranken' }, { q: 'hairdress' },
  { q: 'Handwerkskammer' }, { q: 'Gewerbeamt Munchen' }, { q: 'nurse', country: 'FR' }, { q: 'electrician', area: 'SERVICES' },
  { q: 'médecin', country: 'BE', area: 'PQ' }, { country: 'IT' }, { q: 'Landesamt Berln' }, { q: 'tandläkare' },
];

let bench: BenchServer | undefined;
async function main() {
  bench = await startBenchServer(54340, '/tmp/imi-bench-pg');
  const { base, sqlPool } = bench;
  const existing = Number((await sqlPool.query(`select count(*) as n from authority`)).rows[0].n);
  if (existing < authorities) {
    console.log(`Generating ${authorities - existing} authorities …`);
    const client = await sqlPool.connect();
    const t = performance.now();
    await generateDirectory(client, authorities - existing, console.log);
    client.release();
    console.log(`  done in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  const total = Number((await sqlPool.query(`select count(*) as n from authority`)).rows[0].n);

  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: 'handler.de@imi.test', password: 'demo-password' }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const urls = queries.map((q) => `${base}/api/v1/authorities?${new URLSearchParams({ ...q, limit: '20', lang: 'en' } as Record<string, string>)}`);
  const statements = queries.map((q) => directorySql({ ...q, limit: 20 }, {}).statement.numbered());
  const api = async (i: number) => {
    const response = await fetch(urls[i % urls.length], { headers: { Authorization: `Bearer ${accessToken}` } });
    if (!response.ok) throw new Error(`${urls[i % urls.length]}: ${response.status}`);
    await response.arrayBuffer();
  };
  const sql = async (i: number) => {
    await sqlPool.query(statements[i % statements.length]);
  };
  await measure(8, 200, api);
  await measure(8, 200, sql);

  const rows: string[][] = [];
  for (const clients of [1, 32]) {
    const n = clients === 1 ? Math.min(requests, 400) : requests;
    const a = await measure(clients, n, api);
    const s = await measure(clients, n, sql);
    rows.push([String(clients), a.p50.toFixed(1), a.p95.toFixed(1), a.rps.toFixed(0), s.p50.toFixed(1), s.p95.toFixed(1), s.rps.toFixed(0), (a.p95 / s.p95).toFixed(2)]);
  }
  await sqlPool.end();
  console.log(`\nDirectory search on ${total} authorities (${queries.length} queries in rotation, real PostgreSQL, ${process.env.BENCH_NOTE ?? 'this machine'})`);
  const header = ['clients', 'API p50 ms', 'API p95 ms', 'API req/s', 'SQL p50 ms', 'SQL p95 ms', 'SQL q/s', 'API/SQL p95'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padStart(widths[i])).join(' | ')} |`;
  console.log([line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n'));
  console.log('Target: API p95 < 25 ms at 32 clients, API/SQL < 2.');
}

try {
  await main();
} finally {
  bench?.stop();
}
