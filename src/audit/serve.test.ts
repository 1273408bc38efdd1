import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { testDatabase } from '../../test/helpers/database.js';
import { databaseUrl } from '../../test/helpers/database-copy.js';
import { main } from '../cli/main.js';
import { loadConfig } from '../config/config.js';
import { startServer, type Started } from '../server.js';
import { audit } from './audit.js';
import { checkpointFile } from './checkpoints.js';

const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

describe('concord serve: requests without the owner’s rights, the log sealed on a timer and at shutdown', () => {
  let dir: string;
  let env: Record<string, string>;
  let server: Started;
  let dropDatabase: (() => Promise<void>) | undefined;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'concord-serve-'));
    env = { CONCORD_DATA: dir, PORT: '0', LOG_LEVEL: 'silent', AUDIT_SEAL_SECONDS: '1' };
    if (TEST_DATABASE_URL) {
      // A migrated database of its own on the server, given to Concord as its owner's DATABASE_URL.
      const db = await testDatabase();
      await db.kysely.destroy();
      env.DATABASE_URL = databaseUrl(TEST_DATABASE_URL, db.target);
      dropDatabase = () => db.close();
    }
    server = await startServer(loadConfig(env), { demo: true, print: () => undefined });
  });
  after(async () => {
    await dropDatabase?.();
    await rm(dir, { recursive: true, force: true });
  });

  it('makes the audit key on first start, readable by Concord’s user alone', async () => {
    assert.equal((await stat(join(dir, 'keys', 'audit.key'))).mode & 0o777, 0o600);
  });

  it('serves requests through a login that RESET ROLE cannot turn into the owner', async () => {
    assert.equal(server.db.login, 'requests');
    const council = await server.db.system((trx) => trx.selectFrom('councils').select('id').executeTakeFirstOrThrow());
    const after = await server.db.tenant(council.id, async (trx) => {
      await sql`reset role`.execute(trx);
      return (await sql<{ who: string }>`select current_user as who`.execute(trx)).rows[0]!.who;
    });
    assert.equal(after, 'concord_app_login');
    const res = await fetch(`${server.url}/sign-in`);
    assert.equal(res.status, 200);
  });

  it('seals a council’s log within the interval once it has grown, and again at shutdown', async () => {
    const council = await server.db.system((trx) => trx.selectFrom('councils').select('id').executeTakeFirstOrThrow());
    const file = checkpointFile(join(dir, 'audit'), council.id);
    const sealedAtStart = (await readFile(file, 'utf8')).trim().split('\n');
    const write = () => server.db.tenant(council.id, (trx) => audit(trx, { councilId: council.id, actorId: null, action: 'test.noted', entityType: 'test' }));
    await write();
    const deadline = Date.now() + 10_000;
    let lines = sealedAtStart;
    while (lines.length === sealedAtStart.length && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      lines = (await readFile(file, 'utf8')).trim().split('\n');
    }
    assert.equal(lines.length, sealedAtStart.length + 1, 'a checkpoint within AUDIT_SEAL_SECONDS');
    await write();
    await server.stop();
    const last = JSON.parse((await readFile(file, 'utf8')).trim().split('\n').at(-1)!) as { seq: number };
    const out: string[] = [];
    const code = await main(['audit', 'verify'], env, { log: (l) => out.push(l), error: (l) => out.push(l) });
    assert.equal(code, 0, out.join('\n'));
    assert.match(out.join('\n'), new RegExp(`demo: intact, ${last.seq} entries, sealed to entry ${last.seq}`));
  });
});
