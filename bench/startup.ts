/**
 * Start-up time and memory of `concord serve`, as a council's server runs it, on each database.
 *
 *   npm run bench   (runs this after the pages; PostgreSQL at BENCH_DATABASE_URL or 127.0.0.1:5432 when it answers)
 *
 * The first start creates the demo council; then three starts on the existing data are timed from
 * the process's launch to the first 200 from /healthz. Memory is the server process's resident
 * set (VmRSS) when idle after start, and after 30 s of load on a councillor's home page; then
 * where it is, from the process's own metrics (so the measured starts have METRICS=true): V8's
 * heap, memory outside it (buffers, and on the embedded database PGlite's WebAssembly memory,
 * whose share is PGlite's own figure), and the rest (code, the runtime, native allocations).
 * BENCH_DATABASES=pglite (or postgres) measures one of the two.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { databaseUrl } from '../test/helpers/database-copy.js';
import { freePort } from '../test/helpers/throwaway-cluster.js';
import { load, median, signIn, table } from './http.js';

const POSTGRES = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const LOAD_S = 30;
const STARTS = 3;
const bin = fileURLToPath(new URL('../bin/concord.mjs', import.meta.url));


interface Running {
  child: ChildProcess;
  port: number;
  /** Milliseconds from launch to the first 200 from /healthz. */
  readyMs: number;
}

async function start(env: Record<string, string>, demo: boolean): Promise<Running> {
  const port = await freePort();
  const launched = performance.now();
  const child = spawn(process.execPath, [bin, 'serve', ...(demo ? ['--demo'] : [])], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', METRICS: 'true' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const deadline = launched + 120_000;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`concord serve exited ${child.exitCode}: ${stderr}`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return { child, port, readyMs: performance.now() - launched };
    await new Promise((r) => setTimeout(r, 25));
  }
  child.kill('SIGKILL');
  throw new Error(`concord serve did not answer /healthz in 120 s: ${stderr}`);
}

async function stop(running: Running): Promise<void> {
  const exited = new Promise((resolve) => running.child.once('exit', resolve));
  running.child.kill('SIGTERM');
  await exited;
}

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return Math.round(kb / 1024);
}

/** Megabytes of the process's own gauges in /metrics (prom-client's default ones). */
async function metricsMb(port: number): Promise<{ heap: number; heapUsed: number; external: number }> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const gauge = (name: string) => Math.round(Number(new RegExp(`^concord_process_${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text)?.[1] ?? NaN) / 1048576);
  return { heap: gauge('nodejs_heap_size_total_bytes'), heapUsed: gauge('nodejs_heap_size_used_bytes'), external: gauge('nodejs_external_memory_bytes') };
}

async function measure(label: string, env: Record<string, string>): Promise<string[]> {
  await stop(await start(env, true));
  const times: number[] = [];
  let idle = 0;
  let loaded = 0;
  let where = '';
  let rate = 0;
  for (let i = 0; i < STARTS; i++) {
    const running = await start(env, false);
    times.push(running.readyMs);
    if (i === STARTS - 1) {
      await new Promise((r) => setTimeout(r, 2000));
      idle = await rssMb(running.child.pid!);
      const base = `http://127.0.0.1:${running.port}`;
      const cookie = await signIn(base, 'chair@example.org');
      rate = (await load({ name: `${label}: home`, url: `${base}/`, headers: { cookie } }, LOAD_S)).reqPerSec;
      loaded = await rssMb(running.child.pid!);
      const m = await metricsMb(running.port);
      where = `heap ${m.heap} (${m.heapUsed} used), external ${m.external}, rest ${loaded - m.heap - m.external}`;
    }
    await stop(running);
  }
  return [label, `${(median(times) / 1000).toFixed(2)} s`, times.map((t) => (t / 1000).toFixed(2)).join(', '), `${idle} MB`, `${loaded} MB`, where, String(Math.round(rate))];
}

async function main(): Promise<void> {
  const rows: string[][] = [];
  const folder = await mkdtemp(join(tmpdir(), 'concord-bench-start-'));
  const name = `concord_bench_start_${process.pid}`;
  let admin: pg.Client | undefined;
  try {
    console.log(`Start-up and memory: ${STARTS} starts each on existing data, then ${LOAD_S} s of load on a councillor's home page; load average ${loadavg()[0]!.toFixed(2)}.`);
    const only = process.env.BENCH_DATABASES;
    if (only !== 'postgres') rows.push(await measure('PGlite (embedded)', { CONCORD_DATA: join(folder, 'embedded') }));
    admin = new pg.Client({ connectionString: POSTGRES, connectionTimeoutMillis: 2000 });
    const reachable = only !== 'pglite' && await admin.connect().then(
      () => true,
      () => false,
    );
    if (reachable) {
      await admin.query(`create database ${name}`);
      rows.push(await measure('PostgreSQL', { CONCORD_DATA: join(folder, 'postgres'), DATABASE_URL: databaseUrl(POSTGRES, name) }));
    }
    console.log('');
    console.log(table(['database', 'start to serving (median)', 'each start', 'RSS idle', `RSS after ${LOAD_S} s of load`, 'of which, MB', 'req/s under load'], rows));
    console.log('External memory includes PGlite’s WebAssembly memory on the embedded database (at least 128 MB: the size its module asks for).');
  } finally {
    if (admin) {
      await admin.query(`drop database if exists ${name} with (force)`).catch(() => undefined);
      await admin.end().catch(() => undefined);
    }
    await rm(folder, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
