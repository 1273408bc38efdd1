/**
 * Builds a PostgreSQL database holding the Ilminster demo council and 10,000 more like it, for
 * `npm run bench` to measure the same pages at 1 and at 10,001 councils.
 *
 *   npm run bench:big                    (postgres://postgres@127.0.0.1:5432/, 10,000 copies)
 *   BENCH_DATABASE_URL=… BENCH_COUNCILS=2000 npm run bench:big
 *
 * The database is `concord_bench_big` on that server, dropped and made again. The demo council
 * is made by Concord itself (migrations and the demo seed); the others are copies of its rows
 * made by SQL, each with its own ids (a uuid made from the original and the copy's number, so
 * links between rows stay inside the copy), slug and name. Tables with nothing per council
 * (the jobs queue, sessions, the audit log's chain) are not copied.
 */
import pg from 'pg';
import { testApp } from '../test/helpers/app.js';
import { databaseUrl } from '../test/helpers/database-copy.js';

import { BIG_DATABASE } from './names.js';
const server = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const copies = Number(process.env.BENCH_COUNCILS ?? 10_000);
/** Not copied: work and state that belong to a running server, not to a council's records. */
const SKIP = new Set(['sessions', 'jobs', 'audit_log', 'audit_anchors', 'sign_in_attempts', 'outbox_messages']);

async function main(): Promise<void> {
  const started = Date.now();
  // The demo council, made by Concord on a fresh copy of the seeded template.
  process.env.TEST_DATABASE_URL = server;
  const ctx = await testApp({ template: 'ilminster' });
  const source = (ctx.db as unknown as { target: string }).target;
  await ctx.stopApp();
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`drop database if exists ${BIG_DATABASE} with (force)`);
  // The copy is the test's own: its connections are closed before it is used as a template.
  await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [source]);
  await admin.query(`create database ${BIG_DATABASE} template ${source}`);
  await admin.end();
  await ctx.db.close().catch(() => undefined);

  const db = new pg.Client({ connectionString: databaseUrl(server, BIG_DATABASE) });
  await db.connect();
  const { rows: councils } = await db.query<{ id: string }>('select id from councils');
  if (councils.length !== 1) throw new Error(`expected one demo council, found ${councils.length}`);
  const demo = councils[0]!.id;
  // Each copy: its own id, slug and name, no host names, not a demo.
  const councilColumns = await columns(db, 'councils');
  const copied: Record<string, string> = { id: 'md5($1::text || n)::uuid', slug: `slug || '-' || n`, name: `name || ' ' || n`, hostnames: `'{}'`, is_demo: 'false' };
  await db.query(
    `insert into councils (${councilColumns.map((c) => c.name).join(', ')}) select ${councilColumns.map((c) => copied[c.name] ?? c.name).join(', ')} from councils, generate_series(1, $2::int) n where id = $1::uuid`,
    [demo, copies],
  );

  const tables = await tenantTablesInOrder(db);
  let rows = 0;
  const skipped: string[] = [];
  for (const table of tables) {
    if (SKIP.has(table)) continue;
    const cols = (await columns(db, table)).filter((c) => !c.generated);
    const list = cols.map((c) => `"${c.name}"`);
    const values = cols.map((c) => (c.name === 'council_id' ? `md5($1::text || n)::uuid` : c.type === 'uuid' ? `case when "${c.name}" is null then null else md5("${c.name}"::text || n)::uuid end` : `"${c.name}"`));
    try {
      const result = await db.query(`insert into ${table} (${list.join(', ')}) select ${values.join(', ')} from ${table}, generate_series(1, $2::int) n where council_id = $1::uuid`, [demo, copies]);
      rows += result.rowCount ?? 0;
    } catch (error) {
      skipped.push(`${table} (${(error as Error).message})`);
    }
  }
  await db.query('analyze');
  const total = await db.query<{ n: string }>(`select sum(n_live_tup)::text as n from pg_stat_user_tables`);
  await db.end();
  console.log(`${BIG_DATABASE}: ${copies.toLocaleString('en-GB')} copies of the demo council, ${rows.toLocaleString('en-GB')} rows copied (${Number(total.rows[0]?.n ?? 0).toLocaleString('en-GB')} in all), in ${Math.round((Date.now() - started) / 1000)} s.`);
  if (skipped.length) console.log(`Not copied: ${skipped.join('; ')}`);
}

async function columns(db: pg.Client, table: string): Promise<{ name: string; type: string; generated: boolean }[]> {
  const { rows } = await db.query<{ column_name: string; data_type: string; is_generated: string; is_identity: string; column_default: string | null }>(
    `select column_name, data_type, is_generated, is_identity, column_default from information_schema.columns where table_schema = 'public' and table_name = $1 order by ordinal_position`,
    [table],
  );
  return rows.map((r) => ({ name: r.column_name, type: r.data_type, generated: r.is_generated === 'ALWAYS' || r.is_identity === 'YES' || (r.column_default ?? '').startsWith('nextval(') }));
}

/** Tables with a council_id, each after the tables its foreign keys point at. */
async function tenantTablesInOrder(db: pg.Client): Promise<string[]> {
  const { rows: tables } = await db.query<{ table_name: string }>(
    `select table_name from information_schema.columns where table_schema = 'public' and column_name = 'council_id' and table_name <> 'councils'
       and table_name in (select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE')`,
  );
  const { rows: links } = await db.query<{ from: string; to: string }>(
    `select c.conrelid::regclass::text as from, c.confrelid::regclass::text as to from pg_constraint c where c.contype = 'f' and c.connamespace = 'public'::regnamespace`,
  );
  const names = new Set(tables.map((t) => t.table_name));
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (table: string) => {
    if (ordered.includes(table) || visiting.has(table)) return;
    visiting.add(table);
    for (const link of links) if (link.from === table && link.to !== table && names.has(link.to)) visit(link.to);
    visiting.delete(table);
    ordered.push(table);
  };
  for (const table of [...names].sort()) visit(table);
  return ordered;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
