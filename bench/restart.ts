/**
 * Concord through a PostgreSQL restart under load, as a council's server would live through one.
 *
 *   npm run bench:restart
 *
 * It makes a PostgreSQL server of its own in a temporary folder (never the shared one, which
 * other work uses), starts `concord serve --demo` on it with requests logging in as
 * concord_app_login, and keeps a few clients asking for a councillor's home page and an API read.
 * Meanwhile the server is restarted (`pg_ctl restart -m fast`), then stopped, left down for 3 s,
 * and started. For each, it counts the answers: 200, 503 with Retry-After, anything else; the time
 * from the server being back to the first 200; and whether every request after that succeeded.
 * Last it queues a job and waits for the job runner to take it, so a loop that died is seen.
 * Exits 1 if anything but a 200 or a 503 with Retry-After was answered (or no answer came), if
 * requests did not recover, if the job runner did not, or if Concord ended before it was told to.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createCluster, freePort, type Cluster } from '../test/helpers/throwaway-cluster.js';
import { databaseUrl } from '../test/helpers/database-copy.js';
import { signIn, table } from './http.js';

const CLIENTS = 4;
const STEADY_MS = 4000;
const DOWN_MS = 3000;
/** How long requests may take to come back once the server is back before the bench calls it a failure. */
const RECOVERY_LIMIT_MS = 15_000;
/** The job runner looks every 10 s (src/server.ts); one round and some. */
const JOB_LIMIT_MS = 25_000;
const bin = fileURLToPath(new URL('../bin/concord.mjs', import.meta.url));

interface Answer {
  client: number;
  path: string;
  started: number;
  ended: number;
  /** 0: no answer (refused, reset, timed out). */
  status: number;
  retryAfter: string | null;
  error?: string;
}

interface Concord {
  child: ChildProcess;
  base: string;
  stderr: () => string;
  /** Its log (JSON lines) and what it prints. */
  log: () => string;
  exited: Promise<number | null>;
}

async function serve(env: Record<string, string>, demo: boolean): Promise<Concord> {
  const port = await freePort();
  const child = spawn(process.execPath, [bin, 'serve', ...(demo ? ['--demo'] : [])], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`concord serve exited ${child.exitCode}: ${stderr}`);
    const ok = await fetch(`${base}/healthz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return { child, base, stderr: () => stderr, log: () => stdout, exited };
    await sleep(50);
  }
  child.kill('SIGKILL');
  throw new Error(`concord serve did not answer /healthz in 120 s: ${stderr}`);
}

/** Clients asking, one request after another each, until `stop()`; every answer kept. */
function steadyLoad(base: string, cookie: string, clients: number) {
  const answers: Answer[] = [];
  let going = true;
  const paths = ['/', '/api/v1/meetings'];
  const loops = Array.from({ length: clients }, async (_, client) => {
    for (let i = client; going; i++) {
      const path = paths[i % paths.length]!;
      const started = performance.now();
      try {
        const res = await fetch(`${base}${path}`, { headers: { cookie }, redirect: 'manual', signal: AbortSignal.timeout(10_000) });
        await res.arrayBuffer();
        answers.push({ client, path, started, ended: performance.now(), status: res.status, retryAfter: res.headers.get('retry-after') });
      } catch (error) {
        answers.push({ client, path, started, ended: performance.now(), status: 0, retryAfter: null, error: (error as Error).message });
        await sleep(100);
      }
    }
  });
  return {
    answers,
    async stop() {
      going = false;
      await Promise.all(loops);
    },
  };
}

interface Event {
  name: string;
  /** When the server began to go away. */
  down: number;
  /** When it accepted connections again. */
  back: number;
}

interface Outcome {
  cells: string[];
  wrong: string[];
}

/** What the requests of one event saw, from its start until the next event begins (or the load ends). */
function judge(event: Event, until: number, answers: Answer[]): Outcome {
  // Each answer belongs to the event in whose time it came back.
  const during = answers.filter((a) => a.ended >= event.down && a.ended < until);
  const ok = during.filter((a) => a.status === 200).length;
  const clean503 = during.filter((a) => a.status === 503 && a.retryAfter).length;
  const other = during.filter((a) => !(a.status === 200 || (a.status === 503 && a.retryAfter)));
  const first = during.filter((a) => a.started >= event.back && a.status === 200).sort((a, b) => a.ended - b.ended)[0];
  const after = first ? during.filter((a) => a.started >= first.ended) : [];
  const afterFailed = after.filter((a) => a.status !== 200);
  const wrong: string[] = [];
  if (other.length) {
    const kinds = new Map<string, number>();
    for (const a of other) {
      const key = a.status === 0 ? `no answer (${a.error})` : a.status === 503 ? '503 without Retry-After' : String(a.status);
      kinds.set(`${a.path} ${key}`, (kinds.get(`${a.path} ${key}`) ?? 0) + 1);
    }
    wrong.push(`${event.name}: ${[...kinds].map(([k, n]) => `${n}× ${k}`).join('; ')}`);
  }
  if (!first || first.ended - event.back > RECOVERY_LIMIT_MS) wrong.push(`${event.name}: no 200 within ${RECOVERY_LIMIT_MS / 1000} s of the server being back`);
  if (afterFailed.length) wrong.push(`${event.name}: ${afterFailed.length} of ${after.length} requests failed after the first 200: ${afterFailed.map((a) => `${a.path} ${a.status} asked ${Math.round(a.started - event.back)} ms after the server was back`).join('; ')}`);
  return {
    cells: [
      event.name,
      `${((event.back - event.down) / 1000).toFixed(1)} s`,
      String(ok),
      String(clean503),
      String(other.length),
      first ? `${Math.round(first.ended - event.back)} ms` : 'never',
      `${after.length - afterFailed.length} / ${after.length}`,
    ],
    wrong,
  };
}

async function main(): Promise<void> {
  const started = Date.now();
  const folder = await mkdtemp(join(tmpdir(), 'concord-bench-restart-'));
  let cluster: Cluster | undefined;
  let concord: Concord | undefined;
  const wrong: string[] = [];
  try {
    cluster = await createCluster();
    const owner = databaseUrl(cluster.url, 'concord');
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query('create database concord');
    await admin.end();
    const env = { CONCORD_DATA: folder, DATABASE_URL: owner };

    // First start: migrations and the demo council, as the owner. Then requests get their own
    // login, as the README asks of a council's server, so both of its pools are tried.
    const first = await serve(env, true);
    first.child.kill('SIGTERM');
    await first.exited;
    const setup = new pg.Client({ connectionString: owner });
    await setup.connect();
    await setup.query(`alter role concord_app_login login password 'bench'`);
    const { rows } = await setup.query<{ id: string }>('select id from councils where is_demo order by created_at limit 1');
    const councilId = rows[0]!.id;
    await setup.end();
    concord = await serve({ ...env, DATABASE_APP_URL: databaseUrl(cluster.url, 'concord', 'concord_app_login') }, false);
    const running = concord;
    let ended: number | null | undefined;
    void running.exited.then((code) => (ended = code));

    console.log(`Concord through PostgreSQL restarts: ${CLIENTS} clients (a councillor's home page and an API read, in turn); load average ${loadavg()[0]!.toFixed(2)}.`);
    const cookie = await signIn(running.base, 'chair@example.org');
    const load = steadyLoad(running.base, cookie, CLIENTS);
    const events: Event[] = [];
    await sleep(STEADY_MS);

    let down = performance.now();
    await cluster.restart();
    events.push({ name: 'pg_ctl restart -m fast', down, back: performance.now() });
    await sleep(STEADY_MS);

    down = performance.now();
    await cluster.stop();
    await sleep(DOWN_MS);
    await cluster.start();
    events.push({ name: `stop, ${DOWN_MS / 1000} s down, start`, down, back: performance.now() });
    await sleep(STEADY_MS);

    // The job runner's loop must have lived through both: a job it cannot run (no such kind)
    // is still claimed, which counts an attempt.
    const probe = new pg.Client({ connectionString: owner });
    await probe.connect();
    const queued = await probe.query<{ id: string }>(`insert into jobs (council_id, kind, payload, run_at, max_attempts) values ($1, 'bench.probe', '{}', now(), 1) returning id`, [councilId]);
    const jobId = queued.rows[0]!.id;
    const queuedAt = performance.now();
    let claimedMs: number | undefined;
    while (performance.now() - queuedAt < JOB_LIMIT_MS) {
      const { rows: job } = await probe.query<{ attempts: number }>('select attempts from jobs where id = $1', [jobId]);
      if (job[0]!.attempts > 0) {
        claimedMs = performance.now() - queuedAt;
        break;
      }
      await sleep(250);
    }
    await probe.query('delete from jobs where id = $1', [jobId]);
    await probe.end();
    const endOfLoad = performance.now();
    await load.stop();

    const outcomes = events.map((e, i) => judge(e, events[i + 1]?.down ?? endOfLoad, load.answers));
    const steady = load.answers.filter((a) => a.ended < events[0]!.down);
    for (const o of outcomes) wrong.push(...o.wrong);
    if (steady.some((a) => a.status !== 200)) wrong.push(`before any restart: ${steady.filter((a) => a.status !== 200).length} requests were not 200`);
    if (claimedMs === undefined) wrong.push(`the job runner did not take a job queued after the restarts within ${JOB_LIMIT_MS / 1000} s`);
    if (ended !== undefined) wrong.push(`concord serve ended by itself (exit ${ended})`);
    const errors = running
      .log()
      .split('\n')
      .filter((line) => /"level":(50|60)/.test(line));
    if (errors.length) wrong.push(`${errors.length} error lines in Concord's log, the first: ${errors[0]!.slice(0, 400)}`);
    // Anything but its own JSON log lines: a warning from Node (an unhandled rejection), a stack.
    const stray = running
      .stderr()
      .split('\n')
      .filter((line) => line.trim() && !line.startsWith('{'));
    // A deprecation is noted, not failed: pg warns (once) when a query is queued behind another on
    // one connection, which a transaction's Promise.all of three reads does, and its rollback after a
    // read lost to the restart may do; the answers are still right.
    const deprecations = stray.filter((line) => /DeprecationWarning|--trace-deprecation/.test(line));
    const unexpected = stray.filter((line) => !deprecations.includes(line));
    if (unexpected.length) wrong.push(`${unexpected.length} lines on Concord's stderr that are not its log, the first: ${unexpected[0]!.slice(0, 400)}`);
    if (process.env.BENCH_LOG) await writeFile(process.env.BENCH_LOG, running.log() + running.stderr());

    console.log('');
    console.log(`Before the first restart: ${steady.length} requests, ${steady.filter((a) => a.status === 200).length} answered 200.`);
    console.log(table(['event', 'server away', '200', '503 + Retry-After', 'anything else', 'server back to first 200', '200s after the first'], outcomes.map((o) => o.cells)));
    if (deprecations.length) console.log(`Noted, not failed: ${deprecations[0]!.slice(0, 300)}`);
    console.log(`Job runner: ${claimedMs === undefined ? 'did not take' : `took a job queued after the restarts in ${(claimedMs / 1000).toFixed(1)} s (it looks every 10 s)`}.`);

    running.child.kill('SIGTERM');
    const code = await running.exited;
    if (code !== 0 && ended === undefined) wrong.push(`concord serve exited ${code} when told to stop`);
    concord = undefined;
    console.log(`Took ${Math.round((Date.now() - started) / 1000)} s; load average ${loadavg()[0]!.toFixed(2)} at the end.`);
  } finally {
    if (concord?.child.exitCode === null) concord.child.kill('SIGKILL');
    await cluster?.destroy();
    await rm(folder, { recursive: true, force: true });
  }
  if (wrong.length) {
    console.log('');
    console.log('Wrong:');
    for (const w of wrong) console.log(`  ${w}`);
    process.exitCode = 1;
  }
}

const watchdog = setTimeout(() => {
  console.error('bench: still running after 5 minutes; stopping.');
  process.exit(2);
}, 5 * 60_000);
watchdog.unref();

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
