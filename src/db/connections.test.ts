import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import { sql } from 'kysely';
import { testDatabase } from '../../test/helpers/database.js';
import { createDemoCouncil } from '../demo/demo.js';
import { findTemplate } from '../protocol/templates/index.js';
import { onCommittedWrites, WRITE_CHECK } from './commits.js';
import { StatementNames, wrapConnections } from './connections.js';

/** A pool of one connection that records what reaches the server, message by message. */
function recordingPool(answer: (text: string) => unknown = () => ({ command: 'SELECT', rowCount: 1, rows: [{ ok: 1 }] })) {
  const sent: Array<{ text: string; parameters: readonly unknown[] }> = [];
  let releases = 0;
  const client = {
    query: async (text: string, parameters: readonly unknown[]) => {
      sent.push({ text, parameters });
      return answer(text);
    },
    release: () => void releases++,
  } as unknown as PostgresPoolClient;
  const pool: PostgresPool = { connect: async () => client, end: async () => undefined };
  return { pool: wrapConnections(pool), sent, releases: () => releases };
}

describe('a transaction’s begin travels with its first statement', () => {
  it('sends begin and a statement without parameters as one message', async () => {
    const { pool, sent } = recordingPool();
    const client = await pool.connect();
    await client.query('begin', []);
    assert.equal(sent.length, 0, 'begin waits for the statement after it');
    const result = await client.query("select set_config('app.council_id', 'x', true)", []);
    await client.query('select 1 where $1', [true]);
    await client.query('commit', []);
    assert.deepEqual(sent.map((m) => m.text), ["begin;\nselect set_config('app.council_id', 'x', true)", 'select 1 where $1', `${WRITE_CHECK};\ncommit`]);
    assert.deepEqual(result.rows, [{ ok: 1 }], 'the statement’s own result comes back');
  });

  it('asks, with the commit, whether the transaction wrote, and tells this process only if it did', async () => {
    let wrote = false;
    const { pool, sent } = recordingPool((text) =>
      text.endsWith('commit') ? [{ command: 'SELECT', rowCount: 1, rows: [{ wrote, council: 'c-1' }] }, { command: 'SELECT', rowCount: 0, rows: [] }, { command: 'COMMIT', rowCount: 0, rows: [] }] : { command: 'SELECT', rowCount: 0, rows: [] },
    );
    const told: (string | null)[] = [];
    const stop = onCommittedWrites((council) => told.push(council));
    try {
      const client = await pool.connect();
      for (const writes of [false, true]) {
        wrote = writes;
        await client.query('begin', []);
        await client.query('select 1', []);
        const answer = await client.query('commit', []);
        assert.equal(answer.command, 'COMMIT', 'Kysely gets the commit’s own answer');
      }
      assert.deepEqual(told, ['c-1'], 'only the transaction that wrote is told');
      await client.query('begin', []);
      await client.query('select 1', []);
      await client.query('rollback', []);
      assert.equal(sent[sent.length - 1]!.text, 'rollback', 'a rollback asks nothing');
      assert.deepEqual(told, ['c-1']);
    } finally {
      stop();
    }
  });

  it('asks the same of a transaction begun with its isolation named, and a listener that fails changes no commit', async () => {
    const { pool, sent } = recordingPool((text) =>
      text.endsWith('commit') ? [{ command: 'SELECT', rowCount: 1, rows: [{ wrote: true, council: 'c-2' }] }, { command: 'SELECT', rowCount: 0, rows: [] }, { command: 'COMMIT', rowCount: 0, rows: [] }] : { command: 'SELECT', rowCount: 0, rows: [] },
    );
    const told: (string | null)[] = [];
    const stopFailing = onCommittedWrites(() => {
      throw new Error('a listener that fails');
    });
    const stop = onCommittedWrites((council) => told.push(council));
    try {
      const client = await pool.connect();
      await client.query('start transaction isolation level serializable', []);
      await client.query('update x set y = 1', []);
      const answer = await client.query('commit', []);
      assert.equal(answer.command, 'COMMIT');
      assert.equal(sent[sent.length - 1]!.text, `${WRITE_CHECK};\ncommit`);
      assert.deepEqual(told, ['c-2'], 'every other listener is told');
    } finally {
      stopFailing();
      stop();
    }
  });

  it('ends a transaction that has already failed as before: its commit rolls it back without an error', async () => {
    const { pool, sent } = recordingPool((text) => {
      if (text.endsWith('commit') && text !== 'commit') throw Object.assign(new Error('current transaction is aborted'), { code: '25P02' });
      return { command: text === 'commit' ? 'ROLLBACK' : 'SELECT', rowCount: 0, rows: [] };
    });
    const client = await pool.connect();
    await client.query('begin', []);
    await client.query('select 1', []);
    const answer = await client.query('commit', []);
    assert.equal(answer.command, 'ROLLBACK');
    assert.deepEqual(sent.map((m) => m.text).slice(-2), [`${WRITE_CHECK};\ncommit`, 'commit']);
  });

  it('sends begin on its own before a statement with parameters, which cannot share a message', async () => {
    const { pool, sent } = recordingPool();
    const client = await pool.connect();
    await client.query('begin', []);
    await client.query('select $1::int', [1]);
    await client.query('rollback', []);
    assert.deepEqual(sent.map((m) => m.text), ['begin', 'select $1::int', 'rollback']);
  });

  it('sends nothing for a transaction that ends before any statement', async () => {
    const { pool, sent, releases } = recordingPool();
    const client = await pool.connect();
    await client.query('begin', []);
    await client.query('commit', []);
    client.release();
    assert.deepEqual(sent, []);
    assert.equal(releases(), 1);
  });

  it('answers with the last result where the server answers each statement of a message', async () => {
    const { pool } = recordingPool((text) => (text.startsWith('begin;') ? [{ command: 'BEGIN', rows: [] }, { command: 'SELECT', rowCount: 1, rows: [{ n: 2 }] }] : { rows: [] }));
    const client = await pool.connect();
    await client.query('begin', []);
    assert.deepEqual((await client.query('select 2 as n', [])).rows, [{ n: 2 }]);
  });

  it('runs statements asked for at once one after another, in the order asked, whatever the first’s end', async () => {
    let running = 0;
    let most = 0;
    const order: string[] = [];
    const client = {
      query: async (text: string) => {
        running++;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, text === 'a' ? 20 : 1));
        running--;
        order.push(text);
        if (text === 'a') throw new Error('a failed');
        return { rows: [] };
      },
      release: () => undefined,
    } as unknown as PostgresPoolClient;
    const pool = wrapConnections({ connect: async () => client, end: async () => undefined });
    const connection = await pool.connect();
    const results = await Promise.allSettled(['a', 'b', 'c'].map((text) => connection.query(text, [1])));
    assert.deepEqual(order, ['a', 'b', 'c']);
    assert.equal(most, 1, 'no two statements at once on one connection');
    assert.deepEqual(results.map((r) => r.status), ['rejected', 'fulfilled', 'fulfilled']);
  });

  it('keeps a council’s context for its transaction, and no longer, on the real database', async () => {
    const db = await testDatabase();
    try {
      const councilId = '00000000-0000-4000-8000-000000000001';
      // The setting is local to a transaction: a second statement sees it only if begin ran first.
      const inside = await db.tenant(councilId, (trx) => sql<{ council: string }>`select current_setting('app.council_id', true) as council`.execute(trx));
      assert.equal(inside.rows[0]?.council, councilId);
      const after = await db.system((trx) => sql<{ council: string }>`select current_setting('app.council_id', true) as council`.execute(trx));
      assert.equal(after.rows[0]?.council, '');
    } finally {
      await db.close();
    }
  });
});

describe('statements prepared by name', () => {
  it('names a statement the second time it is asked for, and no more than the most it may', () => {
    const names = new StatementNames(2, 2);
    assert.equal(names.nameFor('select $1'), undefined, 'once is not enough');
    const first = names.nameFor('select $1');
    assert.ok(first);
    assert.equal(names.nameFor('select $1'), first, 'the same name every time after');
    names.nameFor('select $2');
    const second = names.nameFor('select $2');
    assert.ok(second && second !== first);
    names.nameFor('select $3');
    assert.equal(names.nameFor('select $3'), undefined, 'two are named already');
  });

  it('gives a statement a new name once its plan no longer fits its result', () => {
    const names = new StatementNames(5, 1);
    const before = names.nameFor('select * from t where id = $1');
    names.retire('select * from t where id = $1');
    const after = names.nameFor('select * from t where id = $1');
    assert.ok(before && after && before !== after);
  });

  it('sends a named statement with its values, and one without parameters as it is', async () => {
    const sent: unknown[] = [];
    const client = { query: async (q: unknown, values?: unknown) => (sent.push(values === undefined ? q : [q, values]), { rows: [] }), release: () => undefined } as unknown as PostgresPoolClient;
    const pool = wrapConnections({ connect: async () => client, end: async () => undefined }, new StatementNames(10, 1));
    const connection = await pool.connect();
    await connection.query('select $1::int', [7]);
    await connection.query('select 1', []);
    assert.deepEqual(sent, [{ name: 'concord_0', text: 'select $1::int', values: [7] }, ['select 1', []]]);
  });

  it('reads each council’s own rows from a statement prepared while another council was reading', async () => {
    const db = await testDatabase();
    try {
      const a = await createDemoCouncil(db, findTemplate('ilminster')!, { slug: 'ilminster' });
      const b = await createDemoCouncil(db, findTemplate('ledbury')!, { slug: 'ledbury' });
      const councilsSeen = (councilId: string) =>
        db.tenant(councilId, (trx) => trx.selectFrom('people').select('council_id').distinct().where('active', '=', true).execute());
      // Enough times for the plan to be prepared, and for PostgreSQL to settle on a generic plan.
      for (let i = 0; i < 8; i++) assert.deepEqual(await councilsSeen(a.id), [{ council_id: a.id }]);
      assert.deepEqual(await councilsSeen(b.id), [{ council_id: b.id }]);
      assert.deepEqual(await councilsSeen(a.id), [{ council_id: a.id }]);
    } finally {
      await db.close();
    }
  });
});
