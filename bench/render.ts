/**
 * What rendering a page's template costs, Nunjucks alone, Concord's views beside Nunjucks as it
 * comes (createViews({ plain: true })), with the same captured context.
 *
 *   npm run bench:render            (PGlite; a few seconds)
 *   PROFILE=out.cpuprofile npm run bench:render    (and a CPU profile of the renders)
 *
 * Each page is asked for once through Concord while its template's context is captured; both
 * environments then render it in interleaved batches. Printed per page: the mean milliseconds
 * of a render over all batches (as bench/run.ts measures it, collections included) and the CPU
 * milliseconds of the median batch, which other work on the machine disturbs less.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { seen, stopSeeing } from './seen-render.js';
import { createViews } from '../src/web/render.js';
import { testApp } from '../test/helpers/app.js';
import { TestClient } from '../test/helpers/client.js';
import { table } from './http.js';

const RENDERS = Number(process.env.RENDERS ?? 2000);
const BATCH = 100;

const PAGES = [
  { name: 'home page (councillor)', path: '/', as: 'chair' },
  { name: 'home page (clerk)', path: '/', as: 'clerk' },
  { name: 'meetings list (councillor)', path: '/meetings', as: 'chair' },
  { name: 'sign-in page (signed out)', path: '/sign-in', as: undefined },
] as const;


interface Captured {
  name: string;
  template: string;
  context: object;
}

async function capture(): Promise<Captured[]> {
  delete process.env.TEST_DATABASE_URL;
  const ctx = await testApp({ template: 'ilminster' });
  try {
    const captured: Captured[] = [];
    for (const page of PAGES) {
      const client = new TestClient(ctx.app, `/c/${ctx.council.slug}`);
      if (page.as) await client.signIn(ctx.emailOf(page.as));
      seen.template = undefined;
      const res = await client.get(page.path);
      if (res.status !== 200 || !seen.template || !seen.context) throw new Error(`bench: ${page.path} answered ${res.status}`);
      captured.push({ name: page.name, template: seen.template, context: seen.context });
    }
    return captured;
  } finally {
    await ctx.close();
    stopSeeing();
  }
}

async function main(): Promise<void> {
  const pages = await capture();
  const concord = createViews();
  const plain = createViews({ plain: true });
  const session = new Session();
  if (process.env.PROFILE) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  const rows: string[][] = [];
  for (const page of pages) {
    const times = { concord: { wall: 0, cpu: [] as number[] }, plain: { wall: 0, cpu: [] as number[] } };
    for (const views of [concord, plain]) for (let i = 0; i < 20; i++) views.render(page.template, page.context);
    for (let round = 0; round < RENDERS / BATCH; round++) {
      for (const [which, views] of [['concord', concord], ['plain', plain]] as const) {
        const start = performance.now();
        const cpu = process.cpuUsage();
        for (let i = 0; i < BATCH; i++) views.render(page.template, page.context);
        const used = process.cpuUsage(cpu);
        times[which].wall += performance.now() - start;
        times[which].cpu.push((used.user + used.system) / 1000 / BATCH);
      }
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1]!;
    rows.push([
      page.name,
      (times.concord.wall / RENDERS).toFixed(3),
      median(times.concord.cpu).toFixed(3),
      (times.plain.wall / RENDERS).toFixed(3),
      median(times.plain.cpu).toFixed(3),
    ]);
  }
  if (process.env.PROFILE) {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(process.env.PROFILE, JSON.stringify(profile));
  }
  console.log(`Render bench: ${RENDERS} renders a page each way, in batches of ${BATCH}; load average ${loadavg()[0]!.toFixed(2)}.`);
  console.log(table(['page', 'Concord ms', 'Concord cpu ms', 'plain Nunjucks ms', 'plain cpu ms'], rows));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
