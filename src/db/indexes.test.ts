import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testApp, type TestContext } from '../../test/helpers/app.js';

/**
 * Every table holding a council's rows can be read by council, and every link between two of
 * them can be followed both ways, through an index: the lookups a page makes then cost the
 * same with ten thousand councils on the server as with one. A new table that forgets its
 * indexes fails here, naming itself.
 */
let ctx: TestContext;
before(async () => (ctx = await testApp()));
after(() => ctx?.close());

describe('the schema’s indexes', () => {
  it('start with council_id on every table that holds a council’s rows', async () => {
    const { rows } = await ctx.db.system((trx) =>
      sql<{ tab: string }>`
        select c.relname as tab
        from pg_class c
        join pg_attribute a on a.attrelid = c.oid and a.attname = 'council_id' and not a.attisdropped
        where c.relkind = 'r' and c.relnamespace = 'public'::regnamespace
          and not exists (select 1 from pg_index i where i.indrelid = c.oid and i.indkey[0] = a.attnum)
        order by 1`.execute(trx),
    );
    assert.deepEqual(rows.map((r) => r.tab), []);
  });

  // Since 0029 a key between two councils' tables is (council_id, x_id), and its index is held
  // by src/db/sharding.test.ts; this still covers a one-column key to any other table.
  it('cover every foreign key of such a table, alone or after council_id', async () => {
    const { rows } = await ctx.db.system((trx) =>
      sql<{ key: string }>`
        select c.relname || '.' || k.attname as key
        from pg_constraint f
        join pg_class c on c.oid = f.conrelid
        join pg_attribute k on k.attrelid = c.oid and k.attnum = f.conkey[1]
        join pg_attribute cid on cid.attrelid = c.oid and cid.attname = 'council_id' and not cid.attisdropped
        where f.contype = 'f' and cardinality(f.conkey) = 1 and c.relnamespace = 'public'::regnamespace
          and k.attname <> 'council_id'
          and not exists (
            select 1 from pg_index i
            where i.indrelid = c.oid
              and (i.indkey[0] = k.attnum or (i.indkey[0] = cid.attnum and i.indnatts > 1 and i.indkey[1] = k.attnum))
          )
        group by 1 order by 1`.execute(trx),
    );
    assert.deepEqual(rows.map((r) => r.key), []);
  });
});
