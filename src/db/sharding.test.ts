import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase, type Database, type Trx } from './database.js';
import { testDatabase } from '../../test/helpers/database.js';

/**
 * Every table holding a council's rows (found by its council_id column, not by a list) can be
 * distributed by council_id (decision 0024):
 * 1. its primary key begins with council_id, and every unique index holds council_id;
 * 2. every foreign key to another council's table carries council_id on both sides, and one
 *    that sets null on delete never sets council_id;
 * 3. every such foreign key is served by an index that begins with council_id and its columns.
 * Each broken rule is named, table and constraint, so a new table that forgets one fails here.
 */
async function shardingProblems(trx: Trx): Promise<string[]> {
  const { rows: keys } = await sql<{ problem: string }>`
    with tenant as (
      select c.oid, c.relname, a.attnum as council
      from pg_class c join pg_attribute a on a.attrelid = c.oid and a.attname = 'council_id' and not a.attisdropped
      where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') and c.relname <> 'councils'
    )
    select t.relname || ': no primary key' as problem
    from tenant t where not exists (select 1 from pg_index i where i.indrelid = t.oid and i.indisprimary)
    union all
    select t.relname || ': primary key (' || (
             select string_agg(a.attname, ', ' order by k.n) from unnest(i.indkey::int2[]) with ordinality k(attnum, n)
             join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum) || ') does not begin with council_id'
    from tenant t join pg_index i on i.indrelid = t.oid and i.indisprimary
    where i.indkey[0] <> t.council
    union all
    select t.relname || ': unique index ' || i.indexrelid::regclass::text || ' does not hold council_id'
    from tenant t join pg_index i on i.indrelid = t.oid and i.indisunique and not i.indisprimary
    where not (t.council = any (i.indkey::int2[]))`.execute(trx);

  const { rows: links } = await sql<{ problem: string }>`
    with tenant as (
      select c.oid, c.relname, a.attnum as council
      from pg_class c join pg_attribute a on a.attrelid = c.oid and a.attname = 'council_id' and not a.attisdropped
      where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') and c.relname <> 'councils'
    ),
    link as (
      select f.oid, f.conname, child.relname as child, child.oid as child_oid, child.council as child_council,
             parent.relname as parent, parent.council as parent_council, f.conkey, f.confkey, f.confdeltype, f.confdelsetcols,
             (select string_agg(a.attname, ', ' order by k.n) from unnest(f.conkey) with ordinality k(attnum, n)
                join pg_attribute a on a.attrelid = f.conrelid and a.attnum = k.attnum) as columns
      from pg_constraint f
      join tenant child on child.oid = f.conrelid
      join tenant parent on parent.oid = f.confrelid
      where f.contype = 'f'
    )
    select l.child || '.' || l.conname || ': foreign key (' || l.columns || ') to ' || l.parent || ' does not carry council_id on both sides' as problem
    from link l
    where not exists (
      select 1 from generate_subscripts(l.conkey, 1) k where l.conkey[k] = l.child_council and l.confkey[k] = l.parent_council)
    union all
    select l.child || '.' || l.conname || ': sets council_id to null or its default on delete'
    from link l
    where l.confdeltype in ('n', 'd') and (l.confdelsetcols is null or l.child_council = any (l.confdelsetcols))
      and l.child_council = any (l.conkey)
    union all
    select l.child || '.' || l.conname || ': no index begins with council_id and (' || l.columns || ')'
    from link l
    where not exists (
      select 1 from pg_index i
      where i.indrelid = l.child_oid and i.indpred is null and i.indexprs is null
        and i.indkey[0] = l.child_council
        and i.indnatts >= cardinality(l.conkey)
        and (select array_agg(x order by x) from unnest((i.indkey::int2[])[0:cardinality(l.conkey) - 1]) x)
          = (select array_agg(x order by x) from unnest(l.conkey) x))`.execute(trx);

  return [...keys, ...links].map((r) => r.problem).sort();
}

/** A database of its own, empty, on the same server as the others: for migrating part of the way. */
async function emptyDatabase(): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return openDatabase({ memory: true });
  const name = `concord_test_shard_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`).finally(() => admin.end());
  const target = new URL(url);
  target.pathname = `/${name}`;
  const db = await openDatabase({ url: target.toString() });
  return {
    ...db,
    async close() {
      await db.close();
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`).finally(() => cleanup.end());
    },
  };
}

describe('ready to shard by council', () => {
  let db: Database;
  before(async () => (db = await testDatabase()));
  after(() => db?.close());

  it('holds every table with a council_id to the three rules', async () => {
    const { rows } = await db.system((trx) =>
      sql<{ n: number }>`select count(*)::int as n from information_schema.columns
        where table_schema = 'public' and column_name = 'council_id' and table_name <> 'councils'`.execute(trx),
    );
    assert.ok(rows[0]!.n > 70, 'the rules are checked on the whole schema');
    assert.deepEqual(await db.system(shardingProblems), []);
  });

  it('names each table and constraint of the schema as it was before migration 0029', async () => {
    const before = await emptyDatabase();
    try {
      await before.migrate('0028_declarations');
      const problems = await before.system(shardingProblems);
      for (const expected of [
        'people: primary key (id) does not begin with council_id',
        'committee_members: primary key (committee_id, person_id) does not begin with council_id',
        'protocol_clauses: unique index protocol_clauses_version_id_number_key does not hold council_id',
        'committees.committees_chair_id_fkey: foreign key (chair_id) to people does not carry council_id on both sides',
        'officer_reports.officer_reports_agenda_item_id_fkey: foreign key (agenda_item_id) to agenda_items does not carry council_id on both sides',
        'meeting_declarations.meeting_declarations_person_id_fkey: no index begins with council_id and (person_id)',
      ]) {
        assert.ok(problems.includes(expected), `reported: ${expected}`);
      }
      // Every table but the one whose key already began with council_id is named for its key.
      const unkeyed = new Set(problems.filter((p) => p.includes('primary key')).map((p) => p.split(':')[0]));
      assert.ok(unkeyed.size > 70, `${unkeyed.size} tables reported for their primary key`);
      assert.ok(!unkeyed.has('conduct_acknowledgements'));
    } finally {
      await before.close();
    }
  });

  it('names a foreign key that would empty council_id on delete', async () => {
    const refused = new Error('rolled back');
    await assert.rejects(
      db.system(async (trx) => {
        await sql`
          create table shard_probe_parent (council_id uuid not null references councils(id), id uuid, primary key (council_id, id));
          create table shard_probe_child (
            council_id uuid references councils(id), id uuid, parent_id uuid,
            primary key (council_id, id),
            constraint shard_probe_link foreign key (council_id, parent_id) references shard_probe_parent on delete set null
          );
          create index shard_probe_child_parent on shard_probe_child (council_id, parent_id);`.execute(trx);
        assert.deepEqual(await shardingProblems(trx), ['shard_probe_child.shard_probe_link: sets council_id to null or its default on delete']);
        throw refused;
      }),
      (error) => error === refused,
    );
  });
});

describe('a row cannot point into another council', () => {
  let db: Database;
  const a = randomUUID();
  const b = randomUUID();
  const clerkA = randomUUID();
  const clerkB = randomUUID();
  const meetingA = randomUUID();
  const itemA = randomUUID();

  before(async () => {
    db = await testDatabase();
    await db.system(async (trx) => {
      for (const [id, slug] of [[a, `shard-a-${a.slice(0, 8)}`], [b, `shard-b-${b.slice(0, 8)}`]] as const) {
        await sql`insert into councils (id, slug, name, kind, nation, template_key, terminology, settings)
          values (${id}, ${slug}, ${slug}, 'parish', 'england', 'model', '{}', '{}')`.execute(trx);
      }
      await sql`insert into people (id, council_id, name, email, role) values
        (${clerkA}, ${a}, 'Clerk A', 'a@example.org', 'clerk'), (${clerkB}, ${b}, 'Clerk B', 'b@example.org', 'clerk')`.execute(trx);
      await sql`insert into meetings (id, council_id, kind, meeting_date, starts_at, venue) values (${meetingA}, ${a}, 'ordinary', '2026-01-12', '19:00', 'Hall')`.execute(trx);
      await sql`insert into agenda_items (id, council_id, meeting_id, position, title) values (${itemA}, ${a}, ${meetingA}, 1, 'Item')`.execute(trx);
    });
  });
  after(() => db?.close());

  const committee = (council: string, chair: string) =>
    db.system((trx) => sql`insert into committees (council_id, name, chair_id) values (${council}, ${`Committee ${randomUUID()}`}, ${chair})`.execute(trx));

  it('refuses, even to the owner, a committee chaired by another council’s member', async () => {
    await assert.rejects(committee(b, clerkA), (error: Error & { code?: string }) => error.code === '23503' && /committees_chair_id_fkey/.test(error.message));
    await committee(b, clerkB); // the same row within its own council goes in
  });

  it('refuses an officer’s report on another council’s agenda item', async () => {
    const report = (council: string, author: string) =>
      db.system((trx) =>
        sql`insert into officer_reports (council_id, author_id, agenda_item_id, title, body, recommendation, issued_at, updated_at)
          values (${council}, ${author}, ${itemA}, 'Report', 'Body', 'Note', now(), now())`.execute(trx),
      );
    await assert.rejects(report(b, clerkB), (error: Error & { code?: string }) => error.code === '23503');
    await report(a, clerkA);
  });

  it('keeps council_id when the item a report was on is removed (set null empties the item alone)', async () => {
    await db.system((trx) => sql`delete from agenda_items where council_id = ${a} and id = ${itemA}`.execute(trx));
    const { rows } = await db.system((trx) =>
      sql<{ council_id: string; agenda_item_id: string | null }>`select council_id, agenda_item_id from officer_reports where council_id = ${a}`.execute(trx),
    );
    assert.deepEqual(rows, [{ council_id: a, agenda_item_id: null }]);
  });
});
