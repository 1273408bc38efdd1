/**
 * How much Concord costs over rendering its own templates.
 *
 *   npm run bench                       (embedded PGlite, a fresh database)
 *   BENCH_DATABASE_URL=postgres://… npm run bench   (a fresh database on that server)
 *
 * Starts Concord with the Ilminster demo council on 127.0.0.1, signs a councillor in, and
 * beside it a bare Fastify app that renders the same sign-in template with the same
 * Nunjucks environment and a fixed context. autocannon (in a child process, so the load
 * does not share the servers' event loop) measures each endpoint for a few seconds, in
 * interleaved rounds; the table gives medians and each endpoint's ratio to the bare route.
 * Only 127.0.0.1 is ever loaded, and the whole run is bounded in time.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { availableParallelism, loadavg } from 'node:os';
import * as cheerio from 'cheerio';
import Fastify, { type FastifyInstance } from 'fastify';
import { DEMO_PASSWORD } from '../src/demo/demo.js';
import { councilTranslator } from '../src/capabilities/registry.js';
import { createViews } from '../src/web/render.js';
import { testServer, type TestServer } from '../test/helpers/server.js';

const CONNECTIONS = 10;
const DURATION_S = 5;
const WARMUP_S = 1;
const ROUNDS = 3;
/** Past this, something is stuck: stop rather than run on. */
const WATCHDOG_MS = (ROUNDS * 4 * (DURATION_S + 5) + 4 * (WARMUP_S + 5) + 120) * 1000;

const require = createRequire(import.meta.url);
const autocannonCli = require.resolve('autocannon/autocannon.js');

interface Target {
  name: string;
  url: string;
  headers: Record<string, string>;
}

interface Result {
  reqPerSec: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

// The test helpers choose the database from TEST_DATABASE_URL; the bench's own name for it wins.
if (process.env.BENCH_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;

const watchdog = setTimeout(() => {
  console.error(`bench: still running after ${WATCHDOG_MS / 1000} s; stopping.`);
  process.exit(2);
}, WATCHDOG_MS);
watchdog.unref();

/** One autocannon run against 127.0.0.1, in a child process; its JSON summary. */
function load(target: Target, seconds: number): Promise<Result> {
  const url = new URL(target.url);
  if (url.hostname !== '127.0.0.1') throw new Error(`bench: refusing to load ${url.host}; only 127.0.0.1`);
  const args = [autocannonCli, '-c', String(CONNECTIONS), '-d', String(seconds), '-j', '-n'];
  for (const [k, v] of Object.entries(target.headers)) args.push('-H', `${k}:${v}`);
  args.push(target.url);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), (seconds + 30) * 1000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const line = out.trim().split('\n').at(-1) ?? '';
      try {
        const json = JSON.parse(line) as { requests: { average: number }; latency: { p99: number }; non2xx: number; errors: number; timeouts: number };
        resolve({ reqPerSec: json.requests.average, p99Ms: json.latency.p99, non2xx: json.non2xx, errors: json.errors + json.timeouts });
      } catch {
        reject(new Error(`autocannon exited ${code} without results for ${target.name}: ${err.trim() || out.trim()}`));
      }
    });
  });
}

/** Sign in through the real form, as a browser would; the cookies that make up the session. */
async function signIn(baseURL: string, email: string): Promise<string> {
  const form = await fetch(`${baseURL}/sign-in`);
  const csrfCookie = cookiePairs(form.headers);
  const token = cheerio.load(await form.text())('input[name="_csrf"]').val();
  if (typeof token !== 'string') throw new Error('bench: no CSRF token on the sign-in page');
  const res = await fetch(`${baseURL}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie },
    body: new URLSearchParams({ _csrf: token, email, password: DEMO_PASSWORD, next: '/' }).toString(),
  });
  const session = cookiePairs(res.headers);
  if (res.status !== 303 || !session.includes('concord_session=')) throw new Error(`bench: signing in as ${email} answered ${res.status}`);
  return `${csrfCookie}; ${session}`;
}

function cookiePairs(headers: Headers): string {
  return headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/** Fastify and the sign-in template, nothing else: the floor Concord's pages stand on. */
async function bareSignIn(concord: TestServer): Promise<{ app: FastifyInstance; url: string }> {
  const { council } = concord;
  const views = createViews();
  const t = councilTranslator(council);
  // The same rows the real page lists, read once.
  const demo = await concord.db.tenant(council.id, (trx) =>
    trx.selectFrom('people').select(['name', 'email', 'role', 'council_office', 'job_title']).where('active', '=', true).orderBy('role').orderBy('name').execute(),
  );
  const context = {
    t,
    locale: 'en',
    council,
    principal: undefined,
    base: '',
    csrfToken: 'a-fixed-token-of-the-usual-length-for-the-bench-xx',
    flash: undefined,
    title: t('signIn.title', { councilName: council.name }),
    demo,
    demoPassword: DEMO_PASSWORD,
    next: '/',
  };
  const app = Fastify({ logger: false });
  app.get('/sign-in', async (_req, reply) => reply.header('content-type', 'text/html; charset=utf-8').send(views.render('auth/views/sign-in.njk', context)));
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}/sign-in` };
}

/** Each target answers 200 once before it is measured; the page sizes show the pages compare. */
async function check(target: Target): Promise<number> {
  const res = await fetch(target.url, { headers: target.headers, redirect: 'manual' });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`bench: ${target.name} answered ${res.status}, not 200`);
  return Buffer.byteLength(body);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

async function main(): Promise<void> {
  const started = Date.now();
  const database = process.env.TEST_DATABASE_URL ? `PostgreSQL (${new URL(process.env.TEST_DATABASE_URL).host})` : 'PGlite (embedded)';
  const concord = await testServer({ template: 'ilminster' });
  const bare = await bareSignIn(concord);
  try {
    const cookie = await signIn(concord.baseURL, 'chair@example.org');
    const targets: Target[] = [
      { name: 'bare Fastify: sign-in template', url: bare.url, headers: {} },
      { name: 'GET /sign-in (signed out)', url: `${concord.baseURL}/sign-in`, headers: {} },
      { name: 'GET / (councillor)', url: `${concord.baseURL}/`, headers: { cookie } },
      { name: 'GET /api/v1/protocol (councillor)', url: `${concord.baseURL}/api/v1/protocol`, headers: { cookie } },
    ];
    const sizes = await Promise.all(targets.map(check));
    console.log(`Concord bench: ${database}, ${CONNECTIONS} connections, ${DURATION_S} s a run, ${ROUNDS} interleaved rounds, medians.`);
    const [load1] = loadavg();
    console.log(`Machine: ${availableParallelism()} cores, load average ${load1!.toFixed(2)} at the start${load1! > 1 ? ' (other work is running: expect lower, noisier numbers)' : ''}.`);
    console.log(`Response sizes: ${targets.map((t, i) => `${t.name} ${sizes[i]} B`).join('; ')}`);

    for (const target of targets) await load(target, WARMUP_S);

    const results = new Map<string, Result[]>(targets.map((t) => [t.name, []]));
    for (let round = 0; round < ROUNDS; round++) {
      // Each round starts with a different target, so no one target always runs first or last.
      const order = targets.map((_, i) => targets[(i + round) % targets.length]!);
      for (const target of order) {
        const result = await load(target, DURATION_S);
        results.get(target.name)!.push(result);
        process.stderr.write(`  round ${round + 1}: ${target.name}: ${Math.round(result.reqPerSec)} req/s, p99 ${result.p99Ms} ms\n`);
      }
    }

    const rows = targets.map((t) => {
      const runs = results.get(t.name)!;
      return {
        name: t.name,
        reqPerSec: median(runs.map((r) => r.reqPerSec)),
        p99Ms: median(runs.map((r) => r.p99Ms)),
        failures: runs.reduce((n, r) => n + r.non2xx + r.errors, 0),
      };
    });
    const base = rows[0]!;
    const header = ['endpoint', 'req/s', 'p99 ms', 'req/s vs bare', 'p99 vs bare', 'non-2xx/errors'];
    const table = rows.map((r) => [
      r.name,
      Math.round(r.reqPerSec).toLocaleString('en-GB'),
      String(r.p99Ms),
      `${(r.reqPerSec / base.reqPerSec).toFixed(2)}×`,
      base.p99Ms > 0 ? `${(r.p99Ms / base.p99Ms).toFixed(2)}×` : 'n/a',
      String(r.failures),
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
    const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
    console.log('');
    console.log(line(header));
    console.log(`|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
    for (const row of table) console.log(line(row));
    console.log('');
    console.log(`Took ${Math.round((Date.now() - started) / 1000)} s; load average ${loadavg()[0]!.toFixed(2)} at the end.`);
    if (rows.some((r) => r.failures > 0)) process.exitCode = 1;
  } finally {
    await bare.app.close();
    await concord.close();
    clearTimeout(watchdog);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
