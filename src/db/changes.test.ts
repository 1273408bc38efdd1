import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { testDatabase, type TestDatabase } from '../../test/helpers/database.js';
import { createCouncil } from '../councils/create.js';
import { findTemplate } from '../protocol/templates/index.js';
import { ANY_TABLE, listenForChanges, type Change, type ChangeListener } from './changes.js';
import { onCommittedWrites, WRITE_CHECK, WRITTEN_HERE } from './commits.js';

/** Asks again until `check` holds, a bounded number of times; the message says what never came. */
async function eventually(what: string, check: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (check()) return;
    await sleep(25);
  }
  assert.fail(`${what}: still not seen after 200 tries`);
}

describe('changes told by the database, heard by every process', () => {
  let db: TestDatabase;
  let listener: ChangeListener;
  let councilId: string;
  const heard: Change[] = [];
  /** Whether each change heard was said to come from this process's own connections. */
  const own: boolean[] = [];
  let missed = 0;
  /** What the triggers told, without the word every committed write sends. */
  const ofTables = () => heard.filter((change) => change.table !== ANY_TABLE);

  before(async () => {
    db = await testDatabase();
    councilId = (await createCouncil(db, { template: findTemplate('model')!, name: 'Wells City Council', slug: 'wells' })).id;
    listener = await listenForChanges(
      db,
      {
        onChange: (change, fromHere) => {
          heard.push(change);
          own.push(fromHere);
        },
        onMissed: () => missed++,
      },
      { retryMs: 10 },
    );
  });
  after(async () => {
    await listener?.close();
    await db?.close();
  });

  it('tells of a council changed, once the change commits, naming the council', async () => {
    heard.length = 0;
    await db.system(async (trx) => {
      await trx.updateTable('councils').set({ name: 'City of Wells' }).where('id', '=', councilId).execute();
      await trx.updateTable('councils').set({ hostnames: ['concord.wells.example'] }).where('id', '=', councilId).execute();
    });
    await eventually('a notification of the council changed', () => ofTables().length > 0);
    assert.deepEqual(ofTables(), [{ table: 'councils', council: councilId }], 'two changes in one transaction are told once');
  });

  it('tells nothing of a change rolled back', async () => {
    heard.length = 0;
    await assert.rejects(
      db.system(async (trx) => {
        await trx.updateTable('councils').set({ name: 'Never Wells' }).where('id', '=', councilId).execute();
        throw new Error('changed my mind');
      }),
      /changed my mind/,
    );
    // A change committed after it is heard; the one rolled back before it never is.
    await db.system((trx) => trx.updateTable('protocol_versions').set({ is_current: true }).where('council_id', '=', councilId).where('is_current', '=', true).execute());
    await eventually('a notification of the protocol version changed', () => ofTables().length > 0);
    assert.deepEqual(ofTables(), [{ table: 'protocol_versions', council: councilId }]);
  });

  it('says every cache must be forgotten when the listening connection was lost, and hears again', { skip: process.env.TEST_DATABASE_URL ? false : 'PostgreSQL only: PGlite has no connection to lose' }, async () => {
    await db.system((trx) => sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query = 'listen concord_changes'`.execute(trx));
    await eventually('the listener telling that changes may have been missed', () => missed > 0);
    heard.length = 0;
    await db.system((trx) => trx.updateTable('councils').set({ name: 'Wells' }).where('id', '=', councilId).execute());
    await eventually('a notification heard on the new connection', () => heard.length > 0);
  });

  it('tells of every committed write, naming its council, and of none that only read or was undone', async () => {
    const told: (string | null)[] = [];
    const stop = onCommittedWrites((council) => told.push(council));
    try {
      heard.length = 0;
      await db.tenant(councilId, (trx) => trx.selectFrom('people').select('id').execute());
      await assert.rejects(
        db.tenant(councilId, async (trx) => {
          await trx.updateTable('people').set({ name: 'Nobody' }).where('council_id', '=', councilId).execute();
          throw new Error('undone');
        }),
        /undone/,
      );
      assert.deepEqual(told, [], 'a read, and a write rolled back, are not told in this process');
      await db.tenant(councilId, (trx) => trx.updateTable('councils').set({ settings: sql`settings` }).where('id', '=', councilId).execute());
      assert.deepEqual(told, [councilId], 'told here as soon as the commit returns');
      await db.system((trx) => trx.updateTable('councils').set({ settings: sql`settings` }).where('id', '=', councilId).execute());
      assert.deepEqual(told, [councilId, null], 'work across councils names none');
      await eventually('every process told of both writes', () => heard.filter((c) => c.table === ANY_TABLE).length >= 2);
      assert.deepEqual(
        heard.filter((c) => c.table === ANY_TABLE),
        [
          { table: ANY_TABLE, council: councilId },
          { table: ANY_TABLE, council: null },
        ],
      );
    } finally {
      stop();
    }
  });

  it('marks a write this process told as it committed, and no trigger’s word nor another process’s write', async () => {
    heard.length = 0;
    own.length = 0;
    await db.system((trx) => trx.updateTable('councils').set({ name: 'Wells, here' }).where('id', '=', councilId).execute());
    await eventually('this process’s change heard', () => heard.length >= 2);
    const told = heard.map((change, i) => [change.table, own[i]]).sort();
    assert.deepEqual(told, [[ANY_TABLE, true], ['councils', false]], JSON.stringify(heard));
    if (!process.env.TEST_DATABASE_URL) return; // one process alone serves an embedded database
    heard.length = 0;
    own.length = 0;
    // Another process: a connection of its own, writing as Concord writes, through the same check.
    const elsewhere = new pg.Client({ connectionString: Object.assign(new URL(process.env.TEST_DATABASE_URL), { pathname: `/${db.target}` }).toString() });
    await elsewhere.connect();
    try {
      await elsewhere.query('begin');
      await elsewhere.query('update councils set name = $1 where id = $2', ['Wells, elsewhere', councilId]);
      await elsewhere.query(WRITE_CHECK.replaceAll(WRITTEN_HERE, randomUUID()));
      await elsewhere.query('commit');
    } finally {
      await elsewhere.end();
    }
    await eventually('the other process’s change heard', () => heard.length >= 2);
    assert.deepEqual(own, [false, false], JSON.stringify(heard));
  });
});
