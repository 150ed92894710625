// Directory search benchmark: p50/p95 latency of GET /api/v1/authorities under 1 and 32 concurrent clients on a
// directory of 130 000 authorities, next to the raw SQL of the same query measured in the same run.
//   npm run bench                         (starts its own PostgreSQL with scripts/pg.sh)
//   BENCH_DATABASE_URL=postgresql://… npm run bench
//   BENCH_AUTHORITIES=130000 BENCH_REQUESTS=1600
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { sessionSettings } from '../../server/db/mikro-orm.config.js';
import { directorySql, type DirectoryQuery } from '../../server/modules/authorities/service.js';
import { generateDirectory } from './generate-directory.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const authorities = Number(process.env.BENCH_AUTHORITIES ?? 130_000);
const requests = Number(process.env.BENCH_REQUESTS ?? 1600);
const queries: Omit<DirectoryQuery, 'limit'>[] = [
  { q: 'Krankenschwester' }, { q: 'infirmière' }, { q: 'pielęgniarka' }, { q: 'sairaanhoitaja' },
  { q: 'architect' }, { q: 'Apotheker' }, { q: 'kranken' }, { q: 'hairdress' },
  { q: 'Handwerkskammer' }, { q: 'Gewerbeamt Munchen' }, { q: 'nurse', country: 'FR' }, { q: 'electrician', area: 'SERVICES' },
  { q: 'médecin', country: 'BE', area: 'PQ' }, { country: 'IT' }, { q: 'Landesamt Berln' }, { q: 'tandläkare' },
];

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const port = (probe.address() as { port: number }).port;
      probe.close(() => resolve(port));
    });
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function measure(clients: number, total: number, run: (i: number) => Promise<void>) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, async () => {
    while (next < total) {
      const i = next++;
      const t = performance.now();
      await run(i);
      latencies.push(performance.now() - t);
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p95: percentile(latencies, 95), rps: total / seconds };
}

let ownPg = false;
let server: ChildProcess | undefined;
const pgEnv = { ...process.env, PGPORT: '54340', PGBASE: '/tmp/imi-bench-pg' };
async function main() {
  let url = process.env.BENCH_DATABASE_URL;
  if (!url) {
    const started = spawnSync('scripts/pg.sh', ['start'], { cwd: root, env: pgEnv, encoding: 'utf8' });
    if (started.status !== 0) throw new Error(`scripts/pg.sh start failed: ${started.stderr}`);
    url = started.stdout.trim();
    ownPg = true;
  }
  const port = await freePort();
  server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root, stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DATABASE_URL: url, PORT: String(port), IMI_DEMO: 'true', LOG_LEVEL: 'warn', NODE_ENV: 'test' },
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if ((await fetch(`${base}/ready`).catch(() => null))?.ok) break;
    if (i > 600) throw new Error('server did not become ready');
    await new Promise((r) => setTimeout(r, 100));
  }
  const sqlPool = new pg.Pool({ connectionString: url, max: 32 });
  sqlPool.on('connect', (client) => void client.query(sessionSettings));
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
  server?.kill('SIGTERM');
  if (ownPg && !process.env.BENCH_KEEP_DB) spawnSync('scripts/pg.sh', ['stop'], { cwd: root, env: pgEnv });
}
