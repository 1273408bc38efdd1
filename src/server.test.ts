import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from './config/config.js';
import { startServer } from './server.js';

describe('npm start: the embedded demo', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'concord-start-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('creates the demo council on first run, prints where to go and who can sign in, and reuses it next time', async () => {
    const config = loadConfig({ CONCORD_DATA: dir, PORT: '0', LOG_LEVEL: 'silent' });
    const first: string[] = [];
    const one = await startServer(config, { demo: true, print: (l) => first.push(l) });
    const res = await fetch(`${one.url}/sign-in`);
    assert.equal(res.status, 200);
    assert.match(await res.text(), /Demo accounts/);
    await one.stop();
    assert.match(first[0]!, /^Concord is running at http:\/\/localhost:\d+$/);
    assert.ok(first.includes('Council: Ilminster Town Council  (demo, created now)'));
    assert.ok(first.some((l) => /clerk@example\.org\s+Alex Morgan, the Clerk/.test(l)));
    assert.ok(first.some((l) => /former@example\.org\s+Dan Clarke, councillor, term ended/.test(l)));

    const second: string[] = [];
    const two = await startServer(config, { demo: true, print: (l) => second.push(l) });
    const councils = await two.db.system((trx) => trx.selectFrom('councils').select('name').execute());
    await two.stop();
    assert.equal(councils.length, 1, 'no second demo council');
    assert.ok(second.includes('Council: Ilminster Town Council'), 'the existing council is reused');
  });
});
