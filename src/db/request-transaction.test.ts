import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testApp, type TestContext } from '../../test/helpers/app.js';
import { TestClient } from '../../test/helpers/client.js';
import { admin } from '../../test/helpers/database-copy.js';
import { onCommittedWrites } from './commits.js';
import { RequestTransaction, RequestWorkLostError } from './request-transaction.js';
import { databaseUnavailable } from '../web/unavailable.js';

/**
 * A request's pieces of work share one transaction, yet each keeps the meaning it had as a
 * transaction of its own: a failed piece undoes only itself, what went before is kept, and the
 * whole is durable before the answer leaves. A deadlock would hang a test, so each has a limit.
 */
const LIMIT = { timeout: 60_000 };

describe('one transaction for a request’s work', () => {
  let ctx: TestContext;

  before(async () => {
    ctx = await testApp();
  });
  after(async () => {
    await ctx?.close();
  });

  const nameOf = (id: string) => ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('people').select('name').where('id', '=', id).executeTakeFirstOrThrow()).then((r) => r.name);
  const rename = (id: string, name: string) => (trx: Parameters<Parameters<RequestTransaction['run']>[0]>[0]) => trx.updateTable('people').set({ name }).where('id', '=', id).execute();

  it('undoes a failed piece alone and keeps the pieces before and after it', LIMIT, async () => {
    const work = new RequestTransaction(ctx.db, ctx.council.id);
    const [a, b, c] = [ctx.people.riverside, ctx.people.market, ctx.people.independent];
    await work.run(rename(a, 'Kept before'));
    await assert.rejects(
      work.run(async (trx) => {
        await rename(b, 'Undone')(trx);
        throw new Error('the route refused after writing');
      }),
      /the route refused/,
    );
    // A database error aborts a PostgreSQL transaction: the piece's savepoint makes it usable again.
    await assert.rejects(work.run((trx) => sql`select 1 / 0`.execute(trx)), /division by zero/);
    await work.run(rename(c, 'Kept after'));
    await work.commit();
    assert.equal(await nameOf(a), 'Kept before');
    assert.notEqual(await nameOf(b), 'Undone');
    assert.equal(await nameOf(c), 'Kept after');
  });

  it('says whether it holds writes not yet committed, and whether it has committed any', LIMIT, async () => {
    const work = new RequestTransaction(ctx.db, ctx.council.id);
    await work.read((trx) => trx.selectFrom('people').select('id').execute());
    assert.deepEqual([work.holdsWrites, work.committedWrites], [false, false], 'a read holds nothing');
    await work.run(rename(ctx.people.riverside, 'Written'));
    assert.deepEqual([work.holdsWrites, work.committedWrites], [true, false], 'written, not yet committed');
    await work.commit();
    assert.deepEqual([work.holdsWrites, work.committedWrites], [false, true]);
    const undone = new RequestTransaction(ctx.db, ctx.council.id);
    await assert.rejects(undone.run(async (trx) => {
      await rename(ctx.people.market, 'Undone')(trx);
      throw new Error('refused after writing');
    }));
    await undone.commit();
    assert.deepEqual([undone.holdsWrites, undone.committedWrites], [false, false], 'work undone was never committed');
    // A route's work is run as writing whether or not it writes; the database says whether it did.
    const readOnly = new RequestTransaction(ctx.db, ctx.council.id);
    await readOnly.run((trx) => trx.selectFrom('people').select('id').execute());
    assert.equal(readOnly.holdsWrites, true, 'what it may have written is not read from memory');
    await readOnly.commit();
    assert.equal(readOnly.committedWrites, false, 'work run as writing that only read has written nothing');
  });

  it('says its kept work was undone only when it was: not for a read, a failed piece alone, or a commit', LIMIT, async () => {
    let undone = 0;
    const work = new RequestTransaction(ctx.db, ctx.council.id, () => undone++);
    await work.read((trx) => trx.selectFrom('people').select('id').execute());
    await work.run(rename(ctx.people.riverside, 'Kept'));
    await assert.rejects(work.run(() => Promise.reject(new Error('refused'))), /refused/);
    await work.commit();
    assert.equal(undone, 0);
  });

  it('undoes a first piece that fails and begins again for the next', LIMIT, async () => {
    const work = new RequestTransaction(ctx.db, ctx.council.id);
    const a = ctx.people.chair;
    const before = await nameOf(a);
    await assert.rejects(
      work.run(async (trx) => {
        await rename(a, 'Never kept')(trx);
        await sql`select 1 / 0`.execute(trx);
      }),
      /division by zero/,
    );
    assert.equal(await work.read((trx) => trx.selectFrom('people').select('name').where('id', '=', a).executeTakeFirstOrThrow().then((r) => r.name)), before);
    await work.commit();
    assert.equal(await nameOf(a), before);
  });

  it('runs pieces asked for at once one after another, and a piece within a piece in the same transaction', LIMIT, async () => {
    const work = new RequestTransaction(ctx.db, ctx.council.id);
    const pids = await Promise.all(
      Array.from({ length: 4 }, () => work.read((trx) => sql<{ pid: number; tx: string }>`select pg_backend_pid() as pid, txid_current()::text as tx`.execute(trx).then((r) => r.rows[0]!.tx))),
    );
    assert.equal(new Set(pids).size, 1, 'every piece ran in the one transaction');
    const nested = await work.run(async (trx) => {
      const outer = (await sql<{ tx: string }>`select txid_current()::text as tx`.execute(trx)).rows[0]!.tx;
      const inner = await work.read((inner) => sql<{ tx: string }>`select txid_current()::text as tx`.execute(inner).then((r) => r.rows[0]!.tx));
      return { outer, inner };
    });
    assert.equal(nested.inner, nested.outer);
    await work.commit();
  });

  it('waits, before a piece ends, for work that joined it, and undoes the two together when the joined work fails', LIMIT, async () => {
    const [a, b] = [ctx.people.riverside, ctx.people.market];
    const [nameA, nameB] = [await nameOf(a), await nameOf(b)];
    // Work asked for while a piece runs, but not awaited by it: it joins the piece.
    const work = new RequestTransaction(ctx.db, ctx.council.id);
    let joined: Promise<unknown> | undefined;
    const piece = work.read(async (trx) => {
      await trx.selectFrom('people').select('id').execute();
      joined = work.run(async (inner) => {
        await new Promise((resolve) => setTimeout(resolve, 50));
        await rename(a, 'Joined, then failed')(inner);
        throw new Error('the joined work failed after writing');
      });
      return 'read';
    });
    await assert.rejects(piece, /the joined work failed/, 'the piece fails with the work that joined it');
    await assert.rejects(joined!, /the joined work failed/);
    await work.run(rename(b, 'Written after'));
    await work.commit();
    assert.equal(await nameOf(a), nameA, 'nothing of the failed joined work is committed');
    assert.equal(await nameOf(b), 'Written after');
    await ctx.db.tenant(ctx.council.id, rename(b, nameB));

    // A write that joined a read makes the piece a writing one: it is kept, committed and said.
    const writing = new RequestTransaction(ctx.db, ctx.council.id);
    await writing.read(async (trx) => {
      await trx.selectFrom('people').select('id').execute();
      void writing.run(rename(a, 'Joined and kept'));
      return undefined;
    });
    assert.equal(writing.holdsWrites, true);
    await writing.commit();
    assert.equal(writing.committedWrites, true);
    assert.equal(await nameOf(a), 'Joined and kept');
    await ctx.db.tenant(ctx.council.id, rename(a, nameA));
  });

  it('leaves nothing of a failed piece’s joined work to the piece after it', LIMIT, async () => {
    const work = new RequestTransaction(ctx.db, ctx.council.id);
    let joined: Promise<unknown> | undefined;
    await assert.rejects(
      work.read(async () => {
        joined = work.read(() => Promise.reject(new Error('the joined work failed')));
        await joined.catch(() => undefined);
        throw new Error('the piece failed of itself');
      }),
      /the piece failed of itself/,
    );
    await assert.rejects(joined!, /the joined work failed/);
    const riverside = ctx.people.riverside;
    assert.equal(await work.read((trx) => trx.selectFrom('people').select('id').where('id', '=', riverside).executeTakeFirstOrThrow().then((r) => r.id)), riverside, 'the next piece is not failed by the last one’s joined work');
    await work.commit();
  });

  it('lets other work go ahead while it is held between pieces, and keeps what it had done', LIMIT, async () => {
    const work = new RequestTransaction(ctx.db, ctx.council.id);
    const a = ctx.people.vice;
    await work.run(rename(a, 'Renamed while held'));
    // On the embedded database the one session is held: the transaction ends for the one waiting.
    const seen = await ctx.db.system((trx) => trx.selectFrom('people').select('name').where('id', '=', a).executeTakeFirstOrThrow());
    if (ctx.db.driver === 'pglite') assert.equal(seen.name, 'Renamed while held');
    await work.run(rename(a, 'Renamed again'));
    await work.commit();
    assert.equal(await nameOf(a), 'Renamed again');
  });

  it('waits, when it commits, for an end begun because other work wanted the connection', LIMIT, async () => {
    const work = new RequestTransaction(ctx.db, ctx.council.id);
    await work.run(rename(ctx.people.vice, 'Ended for another'));
    // On the embedded database this begins the transaction's end at once, outside the request.
    const other = ctx.db.system((trx) => trx.selectFrom('people').select('name').where('id', '=', ctx.people.vice).executeTakeFirstOrThrow());
    await work.commit();
    assert.equal(work.committedWrites, true, 'the commit returned before the write it reports was made');
    // On PostgreSQL the other work had a connection of its own, and may have read before the commit.
    if (ctx.db.driver === 'pglite') assert.equal((await other).name, 'Ended for another');
    else await other;
  });

  it('after the response has closed, keeps what was done and runs later work on its own', LIMIT, async () => {
    const work = new RequestTransaction(ctx.db, ctx.council.id);
    const a = ctx.people.officer;
    await work.run(rename(a, 'Before the close'));
    await work.close();
    assert.equal(await nameOf(a), 'Before the close');
    await work.run(rename(a, 'After the close'));
    assert.equal(await nameOf(a), 'After the close');
  });

  it('answers a page with one transaction, and a write is kept before its answer arrives', LIMIT, async () => {
    // A council that runs in Welsh too, so that a switch of language is remembered.
    await ctx.db.system((trx) => trx.updateTable('councils').set({ settings: sql`settings || '{"languages":["en","cy"]}'::jsonb` }).where('id', '=', ctx.council.id).execute());
    ctx.app.concord.councils.invalidate();
    const client = new TestClient(ctx.app);
    assert.equal((await client.signIn(ctx.emailOf('riverside'))).status, 200);
    const page = await client.get('/?lang=cy');
    assert.equal(page.status, 200);
    // The language asked for is remembered on the person's account, in the request's transaction.
    const row = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('people').select('locale').where('id', '=', ctx.people.riverside).executeTakeFirstOrThrow());
    assert.equal(row.locale, 'cy');
  });
});

const url = process.env.TEST_DATABASE_URL;

describe('a request whose work cannot be committed (PostgreSQL)', { skip: url ? false : 'PostgreSQL only: set TEST_DATABASE_URL' }, () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await testApp();
  });
  after(async () => {
    await ctx?.close();
  });

  it('is reported lost, as the database being away, never as done', LIMIT, async () => {
    let undone = 0;
    const work = new RequestTransaction(ctx.db, ctx.council.id, () => undone++);
    const pid = await work.run(async (trx) => {
      await trx.updateTable('people').set({ name: 'Not kept' }).where('id', '=', ctx.people.market).execute();
      return (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)).rows[0]!.pid;
    });
    await admin(url!, `select pg_terminate_backend(${Number(pid)})`);
    const told: (string | null)[] = [];
    const stopHearing = onCommittedWrites((council) => told.push(council));
    const lost = await work.commit().then(
      () => undefined,
      (error: unknown) => error,
    );
    stopHearing();
    // Whether a commit whose answer is lost committed is unknown: every council is read afresh.
    assert.deepEqual(told, [null]);
    assert.equal(work.committedWrites, false);
    assert.ok(lost instanceof RequestWorkLostError, `commit after the connection ended: ${String(lost)}`);
    assert.ok(databaseUnavailable(lost), 'answered as the database being away (503)');
    assert.ok(undone > 0, 'what was read in it, which saw the write, is to be read again');

    // Lost between two pieces: the next piece's savepoint cannot be undone either.
    let undoneAgain = 0;
    const again = new RequestTransaction(ctx.db, ctx.council.id, () => undoneAgain++);
    const pidAgain = await again.run(async (trx) => {
      await trx.updateTable('people').set({ name: 'Not kept either' }).where('id', '=', ctx.people.market).execute();
      return (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)).rows[0]!.pid;
    });
    // The connection goes while the next piece runs, inside its savepoint: the piece fails, and
    // undoing it alone fails too.
    await assert.rejects(
      again.run(async () => {
        await admin(url!, `select pg_terminate_backend(${Number(pidAgain)})`);
        throw new Error('a piece that fails');
      }),
    );
    assert.ok(undoneAgain > 0, 'told when the savepoint could not be undone');
    await again.commit().catch(() => undefined);
    const name = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('people').select('name').where('id', '=', ctx.people.market).executeTakeFirstOrThrow());
    assert.notEqual(name.name, 'Not kept');
  });
});
