import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { testDatabase, type TestDatabase } from '../../test/helpers/database.js';
import { createCouncil } from '../councils/create.js';
import { findTemplate } from '../protocol/templates/index.js';
import { listenForChanges, type Change, type ChangeListener } from './changes.js';

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
  let missed = 0;

  before(async () => {
    db = await testDatabase();
    councilId = (await createCouncil(db, { template: findTemplate('model')!, name: 'Wells City Council', slug: 'wells' })).id;
    listener = await listenForChanges(db, { onChange: (change) => heard.push(change), onMissed: () => missed++ }, { retryMs: 10 });
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
    await eventually('a notification of the council changed', () => heard.length > 0);
    assert.deepEqual(heard, [{ table: 'councils', council: councilId }], 'two changes in one transaction are told once');
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
    await eventually('a notification of the protocol version changed', () => heard.length > 0);
    assert.deepEqual(heard, [{ table: 'protocol_versions', council: councilId }]);
  });

  it('says every cache must be forgotten when the listening connection was lost, and hears again', { skip: process.env.TEST_DATABASE_URL ? false : 'PostgreSQL only: PGlite has no connection to lose' }, async () => {
    await db.system((trx) => sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query = 'listen concord_changes'`.execute(trx));
    await eventually('the listener telling that changes may have been missed', () => missed > 0);
    heard.length = 0;
    await db.system((trx) => trx.updateTable('councils').set({ name: 'Wells' }).where('id', '=', councilId).execute());
    await eventually('a notification heard on the new connection', () => heard.length > 0);
  });
});
