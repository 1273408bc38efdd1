import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isRemembered, RememberedReads } from './remembered-reads.js';

/** A read that counts how often it reached the database, answering with that count. */
function counter() {
  let loads = 0;
  return { load: async () => ++loads, loads: () => loads };
}

describe('what was read of a council, kept until it changes', () => {
  it('answers again from what it read, until a write to that council, and only that council', async () => {
    const reads = new RememberedReads(() => 0);
    const a = counter();
    const b = counter();
    assert.equal(await reads.read('council-a', 'home', a.load), 1);
    assert.equal(await reads.read('council-a', 'home', a.load), 1, 'nothing written: the same answer, not read again');
    assert.equal(await reads.read('council-b', 'home', b.load), 1);
    reads.changed('council-a');
    assert.equal(await reads.read('council-a', 'home', a.load), 2, 'written to: read afresh');
    assert.equal(await reads.read('council-b', 'home', b.load), 1, 'another council’s write changes nothing here');
    reads.changed(null);
    assert.equal(await reads.read('council-b', 'home', b.load), 2, 'a write to any council, or everything forgotten: read afresh');
  });

  it('does not keep a read that a write overtook while it ran', async () => {
    const reads = new RememberedReads(() => 0);
    let loads = 0;
    const overtaken = async () => {
      loads++;
      // The read saw the rows before the write that commits now; it must not outlive it.
      reads.changed('council-a');
      return 'before the write';
    };
    assert.equal(await reads.read('council-a', 'home', overtaken), 'before the write');
    assert.equal(await reads.read('council-a', 'home', async () => 'after the write'), 'after the write');
    assert.equal(loads, 1);
  });

  it('keeps only what is worth keeping, and nothing longer than its age limit', async () => {
    let now = 0;
    const reads = new RememberedReads(() => now, 1_000);
    const missing = counter();
    const notFound = () => missing.load().then(() => undefined);
    await reads.read('council-a', 'session', notFound, (found) => found !== undefined);
    await reads.read('council-a', 'session', notFound, (found) => found !== undefined);
    assert.equal(missing.loads(), 2, 'a session not found is looked for every time');
    const kept = counter();
    await reads.read('council-a', 'home', kept.load);
    now = 1_000;
    await reads.read('council-a', 'home', kept.load);
    assert.equal(kept.loads(), 1, 'within the age limit');
    now = 1_001;
    await reads.read('council-a', 'home', kept.load);
    assert.equal(kept.loads(), 2, 'past it, read again though nothing was heard');
  });

  it('holds no more than its most, the oldest going first', async () => {
    const reads = new RememberedReads(() => 0, 60_000, 2);
    const first = counter();
    await reads.read('council-a', 'one', first.load);
    await reads.read('council-a', 'two', async () => 2);
    await reads.read('council-a', 'three', async () => 3);
    assert.equal(reads.size, 2);
    await reads.read('council-a', 'one', first.load);
    assert.equal(first.loads(), 2, 'the oldest was let go');
  });

  it('says which answers were kept, so that what is made of one (its JSON) can be made once', async () => {
    const reads = new RememberedReads(() => 0);
    const kept = await reads.read('council-a', 'list', async () => ({ meetings: [] }));
    const refused = await reads.read('council-a', 'none', async () => ({ found: false }), () => false);
    assert.equal(isRemembered(kept), true);
    assert.equal(isRemembered(refused), false);
    assert.equal(isRemembered({ meetings: [] }), false, 'an equal object read afresh is not the one kept');
    assert.equal(isRemembered(null), false);
  });

  it('answers nothing from memory, and keeps nothing, while writes are not being heard', async () => {
    const reads = new RememberedReads(() => 0);
    const home = counter();
    await reads.read('council-a', 'home', home.load);
    reads.follow(false);
    await reads.read('council-a', 'home', home.load);
    await reads.read('council-a', 'home', home.load);
    assert.equal(home.loads(), 3, 'read afresh each time');
    assert.equal(reads.size, 0, 'and nothing kept');
    reads.follow(true);
    await reads.read('council-a', 'home', home.load);
    await reads.read('council-a', 'home', home.load);
    assert.equal(home.loads(), 4, 'heard again: kept again');
  });
});
