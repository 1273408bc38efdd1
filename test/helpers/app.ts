import type { FastifyInstance } from 'fastify';
import { buildApp, followDatabaseChanges, type Services } from '../../src/app.js';
import type { ChangeListener } from '../../src/db/changes.js';
import { testConfig, type Config } from '../../src/config/config.js';
import { join } from 'node:path';
import { openDatabase, type Database } from '../../src/db/database.js';
import type { Council } from '../../src/db/schema.js';
import { createDemoCouncil, DEMO_PEOPLE, type DemoKey } from '../../src/demo/demo.js';
import { findTemplate } from '../../src/protocol/templates/index.js';
import { testDatabase } from './database.js';
import { londonDate } from '../../src/policy/principal.js';

export type { DemoKey };

export interface TestContext {
  app: FastifyInstance;
  db: Database;
  council: Council;
  /** Demo people's ids by key: clerk, officer, chair, vice, riverside, market, independent, former. */
  people: Record<DemoKey, string>;
  emailOf(key: DemoKey): string;
  /** Stops the app, and its listening for changes, leaving the database open. */
  stopApp(): Promise<void>;
  close(): Promise<void>;
}

/** 2026-11-22 at noon, London: the demo's councillors are in term, the former one is not. */
export const FIXED_NOW = new Date('2026-11-22T12:00:00Z');

/**
 * An app on a fresh database with a demo council from `template`, at a fixed time. The
 * demo council is made once per template and day, and copied (see `testDatabase`).
 */
export async function testApp(options: { template?: string; now?: () => Date; config?: Partial<Config> } = {}): Promise<TestContext> {
  const template = findTemplate(options.template ?? 'ilminster');
  if (!template) throw new Error(`no template ${options.template}`);
  const now = options.now ?? (() => FIXED_NOW);
  const today = londonDate(now());
  const db = await testDatabase({ name: `demo ${template.key} ${today}`, fill: (db) => createDemoCouncil(db, template, { today }).then(() => undefined) });
  const councils = await db.system((trx) => trx.selectFrom('councils').selectAll().execute());
  if (councils.length !== 1) throw new Error(`the demo database holds ${councils.length} councils, not one`);
  const council = councils[0]!;
  const rows = await db.tenant(council.id, (trx) => trx.selectFrom('people').select(['id', 'email']).execute());
  const people = {} as Record<DemoKey, string>;
  for (const p of DEMO_PEOPLE) people[p.key] = rows.find((r) => r.email === p.email)!.id;
  const { app, stop: stopApp } = await listeningApp({ config: testConfig(options.config), db, clock: now }).catch(async (error: unknown) => {
    await db.close().catch(() => undefined);
    throw error;
  });
  return {
    app,
    db,
    council,
    people,
    emailOf: (key) => DEMO_PEOPLE.find((p) => p.key === key)!.email,
    stopApp,
    async close() {
      await stopApp();
      await db.close();
    },
  };
}

/**
 * An app as `concord serve` starts one, listening for other processes' changes (on PostgreSQL,
 * nothing is remembered until it does). `stop` ends both, once however often it is called: a
 * listener left open would keep a test's process from ending, so none is left on a failure either.
 */
export async function listeningApp(services: Services): Promise<{ app: FastifyInstance; stop: () => Promise<void> }> {
  const app = await buildApp(services);
  let changes: ChangeListener;
  try {
    await app.ready();
    changes = await followDatabaseChanges(app);
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
  let stopped = false;
  return {
    app,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await changes.close();
      await app.close();
    },
  };
}

/**
 * Stop the test's Concord as a crash would (the app closes, the database connection goes)
 * and open the same database again, as a new process would. The caller closes what it gets.
 */
export async function restartDatabase(ctx: TestContext): Promise<Database> {
  await ctx.stopApp();
  const original = ctx.db as Database & { target: string };
  await original.kysely.destroy();
  const url = process.env.TEST_DATABASE_URL;
  return openDatabase(url ? { url: Object.assign(new URL(url), { pathname: `/${original.target}` }).toString() } : { dataDir: join(original.target, 'pglite') });
}
