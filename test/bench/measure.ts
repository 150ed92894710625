import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { sessionSettings } from '../../server/db/mikro-orm.config.js';

/** A free loopback port for a server the benchmark starts. */
export function freePort(): Promise<number> {
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

/** Runs `total` calls of `run` from `clients` concurrent clients: p50 and p95 latency in ms, and calls per second. */
export async function measure(clients: number, total: number, run: (i: number) => Promise<void>) {
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

export interface BenchServer {
  url: string;
  base: string;
  /** Connections for the raw-SQL floor, with the server's own session settings. */
  sqlPool: pg.Pool;
  stop(): void;
}

/**
 * A PostgreSQL for the benchmark (its own throw-away one on `pgPort` in `pgBase`, or `BENCH_DATABASE_URL`) and the real server on
 * it, started as a process; the server migrates and seeds the demo network itself, as in production.
 */
export async function startBenchServer(pgPort: number, pgBase: string): Promise<BenchServer> {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const pgEnv = { ...process.env, PGPORT: String(pgPort), PGBASE: pgBase };
  let url = process.env.BENCH_DATABASE_URL;
  const ownPg = !url;
  if (!url) {
    const started = spawnSync('scripts/pg.sh', ['start'], { cwd: root, env: pgEnv, encoding: 'utf8' });
    if (started.status !== 0) throw new Error(`scripts/pg.sh start failed: ${started.stderr}`);
    url = started.stdout.trim();
  }
  const port = await freePort();
  const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root, stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DATABASE_URL: url, HOST: '127.0.0.1', PORT: String(port), IMI_DEMO: 'true', LOG_LEVEL: 'warn', NODE_ENV: 'test', IMI_SCHEDULER: 'false' },
  });
  const stop = () => {
    server.kill('SIGTERM');
    if (ownPg && !process.env.BENCH_KEEP_DB) spawnSync('scripts/pg.sh', ['stop'], { cwd: root, env: pgEnv });
  };
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if ((await fetch(`${base}/ready`).catch(() => null))?.ok) break;
    if (i > 600) {
      stop();
      throw new Error('server did not become ready');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const sqlPool = new pg.Pool({ connectionString: url, max: 32 });
  sqlPool.on('connect', (client) => void client.query(sessionSettings));
  return { url, base, sqlPool, stop };
}
