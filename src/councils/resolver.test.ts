import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, type TestContext } from '../../test/helpers/app.js';
import type { Database } from '../db/database.js';
import { CouncilResolver } from './resolver.js';

/** The test's database, counting the statements the resolver runs through it. */
function counting(db: Database): { db: Database; reads: () => number } {
  let reads = 0;
  const counted = Object.create(db) as Database;
  counted.system = ((fn: Parameters<Database['system']>[0]) => {
    reads++;
    return db.system(fn);
  }) as Database['system'];
  return { db: counted, reads: () => reads };
}

let ctx: TestContext;
before(async () => (ctx = await testApp()));
after(() => ctx?.close());

describe('finding the council a request is for', () => {
  it('reads the councils once for many requests at the same moment', async () => {
    const { db, reads } = counting(ctx.db);
    const resolver = new CouncilResolver(db);
    const found = await Promise.all(Array.from({ length: 20 }, () => resolver.resolve('localhost', undefined)));
    assert.ok(found.every((c) => c?.id === ctx.council.id));
    assert.equal(reads(), 1);
  });

  it('answers an unknown slug with one small lookup each, never a reload of every council', async () => {
    const { db, reads } = counting(ctx.db);
    const resolver = new CouncilResolver(db);
    assert.equal((await resolver.resolve(undefined, ctx.council.slug))?.id, ctx.council.id);
    for (const slug of ['nowhere', 'no-such-council', 'nowhere']) assert.equal(await resolver.resolve(undefined, slug), undefined);
    assert.equal(reads(), 4, 'the first load, then one indexed lookup per unknown slug');
  });

  it('keeps answering from what it knows while a reload is due, and sees a change made here at once', async () => {
    const { db, reads } = counting(ctx.db);
    const resolver = new CouncilResolver(db, 0); // every request finds the maps out of date
    await resolver.resolve(undefined, ctx.council.slug);
    const before = reads();
    assert.equal((await resolver.resolve(undefined, ctx.council.slug))?.name, ctx.council.name, 'answered from the old maps');
    await ctx.db.system((trx) => trx.updateTable('councils').set({ name: 'Renamed Town Council' }).where('id', '=', ctx.council.id).execute());
    resolver.invalidate();
    assert.equal((await resolver.resolve(undefined, ctx.council.slug))?.name, 'Renamed Town Council');
    assert.ok(reads() > before);
    await ctx.db.system((trx) => trx.updateTable('councils').set({ name: ctx.council.name }).where('id', '=', ctx.council.id).execute());
  });
});
