/**
 * How much Concord costs over rendering its own templates, on both databases side by side.
 *
 *   npm run bench          (PGlite, and PostgreSQL at BENCH_DATABASE_URL or 127.0.0.1:5432 when it answers)
 *   npm run bench:big      (once: builds the 10,001-council database the bench then measures too)
 *
 * For each database it starts Concord with a fresh copy of the Ilminster demo council on
 * 127.0.0.1 and signs a councillor in. Each page is asked for once while its template's context is
 * captured; a bare Fastify app then serves the same template with that same context (and each API
 * read's same JSON), which is the floor Concord's page stands on. autocannon (in a child process)
 * measures every target in interleaved rounds, so load on the machine touches them all alike.
 * Printed per page: requests per second against the bare route, p99, the render time of its
 * template alone, and the transactions and statements one request costs: read afresh after a
 * write to the council, and asked again with nothing written (decisions/0028). Where `concord_bench_big`
 * exists, the same pages at 10,001 councils are set beside the same pages at one.
 * It runs compiled by the compiler of `concord serve`'s bundle (scripts/run-compiled.mjs): through
 * tsx, every function Concord makes is named as it is made, which a council's server never pays.
 */
import type { AddressInfo } from 'node:net';
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import Fastify, { type FastifyInstance } from 'fastify';
import nunjucks from 'nunjucks';
import { sql } from 'kysely';
import { seen } from './seen-render.js';
import pg from 'pg';
import { testConfig } from '../src/config/config.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { createViews } from '../src/web/render.js';
import { FIXED_NOW, listeningApp, testApp } from '../test/helpers/app.js';
import { databaseUrl } from '../test/helpers/database-copy.js';
import { counted, type CountedDatabase } from '../test/helpers/statements.js';
import { BIG_DATABASE } from './names.js';
import { load, median, signIn, table, type Result, type Target } from './http.js';

const DURATION_S = 3;
const WARMUP_S = 1;
const ROUNDS = 3;
const RENDERS = 300;
const POSTGRES = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** What is measured on each database: the page, who asks, and whether it is an API read. */
const PAGES = [
  { name: 'sign-in page (signed out)', path: '/sign-in', as: undefined, api: false },
  { name: 'home page (councillor)', path: '/', as: 'chair@example.org', api: false },
  { name: 'meetings list (councillor)', path: '/meetings', as: 'chair@example.org', api: false },
  { name: 'API: meetings (councillor)', path: '/api/v1/meetings', as: 'chair@example.org', api: true },
] as const;


interface Side {
  label: string;
  base: string;
  app: FastifyInstance;
  count: CountedDatabase;
  /** A write to the demo council, so that the next request reads afresh what it had remembered. */
  touch(): Promise<void>;
  close(): Promise<void>;
}

interface Page {
  side: Side;
  name: string;
  concord: Target;
  bare?: Target;
  renderMs?: number;
  /** Read afresh, after a write to the council; and asked again, with nothing written since. */
  cost: { afresh: { transactions: number; statements: number }; again: { transactions: number; statements: number } };
}

async function postgresAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

async function bigExists(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    const found = await client.query('select 1 from pg_database where datname = $1', [BIG_DATABASE]);
    await client.end();
    return found.rowCount === 1;
  } catch {
    return false;
  }
}

/** Concord on `db`, listening, with its statements counted; the demo council's address. */
async function serve(label: string, db: Database, close: () => Promise<void>): Promise<Side> {
  const count = counted(db);
  const { app, stop } = await listeningApp({ config: testConfig(), db: count.db, clock: () => FIXED_NOW });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  const demo = await db.system((trx) => trx.selectFrom('councils').select(['id', 'slug']).where('is_demo', '=', true).orderBy('created_at').executeTakeFirstOrThrow());
  return {
    label,
    base: `http://127.0.0.1:${port}/c/${demo.slug}`,
    app,
    count,
    async touch() {
      await db.tenant(demo.id, (trx) => trx.updateTable('people').set({ locale: sql`locale` }).where('council_id', '=', demo.id).execute());
    },
    async close() {
      await stop();
      await close();
    },
  };
}

async function embedded(): Promise<Side> {
  delete process.env.TEST_DATABASE_URL;
  const ctx = await testApp({ template: 'ilminster' });
  await ctx.stopApp();
  return serve('PGlite', ctx.db, () => ctx.db.close());
}

async function postgres(): Promise<Side> {
  process.env.TEST_DATABASE_URL = POSTGRES;
  const ctx = await testApp({ template: 'ilminster' });
  await ctx.stopApp();
  return serve('PostgreSQL', ctx.db, () => ctx.db.close());
}

async function big(): Promise<Side> {
  const db = await openDatabase({ url: databaseUrl(POSTGRES, BIG_DATABASE) });
  const councils = await db.system((trx) => trx.selectFrom('councils').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow());
  return serve(`PostgreSQL, ${Number(councils.n).toLocaleString('en-GB')} councils`, db, () => db.close());
}

/** Ask for each page once to warm it, then once counted, capturing what it rendered. */
async function pagesOf(side: Side, bare: FastifyInstance, withBare: boolean): Promise<Page[]> {
  const cookies = new Map<string, string>();
  const pages: Page[] = [];
  for (const page of PAGES) {
    if (page.as && !cookies.has(page.as)) cookies.set(page.as, await signIn(side.base, page.as));
    const headers: Record<string, string> = page.as ? { cookie: cookies.get(page.as)! } : {};
    const url = `${side.base}${page.path}`;
    const first = await fetch(url, { headers, redirect: 'manual' });
    if (first.status !== 200) throw new Error(`bench: ${side.label} ${page.path} answered ${first.status}`);
    await first.arrayBuffer();
    await side.touch();
    side.count.reset();
    await (await fetch(url, { headers, redirect: 'manual' })).arrayBuffer();
    const afresh = side.count.read();
    seen.template = undefined;
    side.count.reset();
    const res = await fetch(url, { headers, redirect: 'manual' });
    const body = await res.text();
    const cost = { afresh, again: side.count.read() };
    const measured: Page = { side, name: page.name, concord: { name: `${side.label}: ${page.name}`, url, headers }, cost };
    if (withBare) {
      const route = `/bare/${pages.length}/${side.label.replace(/\W+/g, '-')}`;
      if (page.api) {
        const json: unknown = JSON.parse(body);
        bare.get(route, async () => json);
      } else {
        const { template, context } = seen;
        if (!template || !context) throw new Error(`bench: ${page.path} rendered no template`);
        const views = createViews();
        bare.get(route, async (_req, reply) => reply.header('content-type', 'text/html; charset=utf-8').send(views.render(template, context)));
        measured.renderMs = renderTime(views, template, context);
      }
      measured.bare = { name: `${side.label}: bare route for ${page.name}`, url: route, headers: {} };
    }
    pages.push(measured);
  }
  return pages;
}

/** Milliseconds to render the template once, Nunjucks alone, after warming. */
function renderTime(views: nunjucks.Environment, template: string, context: object): number {
  for (let i = 0; i < 20; i++) views.render(template, context);
  const start = performance.now();
  for (let i = 0; i < RENDERS; i++) views.render(template, context);
  return (performance.now() - start) / RENDERS;
}

async function main(): Promise<void> {
  const started = Date.now();
  const sides: Side[] = [await embedded()];
  if (await postgresAnswers()) sides.push(await postgres());
  else console.log(`PostgreSQL at ${new URL(POSTGRES).host} does not answer: PGlite only.`);
  const withBig = sides.length > 1 && (await bigExists());
  if (withBig) sides.push(await big());
  else if (sides.length > 1) console.log(`No ${BIG_DATABASE} database: run \`npm run bench:big\` once to measure 10,001 councils too.`);

  const bare = Fastify({ logger: false });
  const pages: Page[] = [];
  try {
    for (const side of sides) pages.push(...(await pagesOf(side, bare, !side.label.includes('councils'))));
    await bare.listen({ host: '127.0.0.1', port: 0 });
    const bareAddress = `http://127.0.0.1:${(bare.server.address() as AddressInfo).port}`;
    for (const page of pages) if (page.bare) page.bare.url = `${bareAddress}${page.bare.url}`;

    const targets = pages.flatMap((p) => (p.bare ? [p.concord, p.bare] : [p.concord]));
    console.log(`Concord bench: ${sides.map((s) => s.label).join(' | ')}; 10 connections, ${DURATION_S} s a run, ${ROUNDS} interleaved rounds, medians.`);
    console.log(`Machine: ${availableParallelism()} cores, load average ${loadavg()[0]!.toFixed(2)} at the start${loadavg()[0]! > 1 ? ' (other work is running: expect lower, noisier numbers)' : ''}.`);
    for (const target of targets) await load(target, WARMUP_S);
    const results = new Map<string, Result[]>(targets.map((t) => [t.name, []]));
    for (let round = 0; round < ROUNDS; round++) {
      const order = targets.map((_, i) => targets[(i + round * 3) % targets.length]!);
      for (const target of order) {
        const result = await load(target, DURATION_S);
        results.get(target.name)!.push(result);
        process.stderr.write(`  round ${round + 1}: ${target.name}: ${Math.round(result.reqPerSec)} req/s, p99 ${result.p99Ms} ms\n`);
      }
    }
    const summary = (t: Target) => {
      const runs = results.get(t.name)!;
      return { reqPerSec: median(runs.map((r) => r.reqPerSec)), p99Ms: median(runs.map((r) => r.p99Ms)), failures: runs.reduce((n, r) => n + r.non2xx + r.errors, 0) };
    };
    const rows = pages.map((p) => {
      const own = summary(p.concord);
      const floor = p.bare ? summary(p.bare) : undefined;
      const one = pages.find((q) => q.name === p.name && q.side.label === 'PostgreSQL');
      const vs = floor ? `${(own.reqPerSec / floor.reqPerSec).toFixed(2)}× bare` : one ? `${(own.reqPerSec / summary(one.concord).reqPerSec).toFixed(2)}× 1 council` : '';
      return {
        cells: [
          `${p.side.label}: ${p.name}`,
          Math.round(own.reqPerSec).toLocaleString('en-GB'),
          floor ? Math.round(floor.reqPerSec).toLocaleString('en-GB') : '',
          vs,
          String(own.p99Ms),
          p.renderMs === undefined ? '' : p.renderMs.toFixed(2),
          `${p.cost.afresh.transactions} / ${p.cost.afresh.statements} · ${p.cost.again.transactions} / ${p.cost.again.statements}`,
          String(own.failures + (floor?.failures ?? 0)),
        ],
        failures: own.failures + (floor?.failures ?? 0),
      };
    });
    console.log('');
    console.log(table(['page', 'req/s', 'bare req/s', 'ratio', 'p99 ms', 'render ms', 'transactions / statements: afresh · again', 'non-2xx/errors'], rows.map((r) => r.cells)));
    console.log('');
    console.log('render ms: the page’s template rendered by Nunjucks alone with the page’s own context. The API’s bare route sends the same JSON.');
    console.log(`Took ${Math.round((Date.now() - started) / 1000)} s; load average ${loadavg()[0]!.toFixed(2)} at the end.`);
    if (rows.some((r) => r.failures > 0)) process.exitCode = 1;
  } finally {
    await bare.close();
    for (const side of sides) await side.close();
  }
}

const watchdog = setTimeout(() => {
  console.error('bench: still running after 20 minutes; stopping.');
  process.exit(2);
}, 20 * 60_000);
watchdog.unref();

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
