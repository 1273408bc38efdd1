import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { openDatabase } from '../db/database.js';
import { main } from './main.js';

/** Runs the CLI in-process and collects what it prints. */
async function run(args: string[], env: Record<string, string | undefined>) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, env, { log: (l) => out.push(l), error: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('the concord command line', () => {
  let dir: string;
  let env: Record<string, string>;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'concord-cli-'));
    env = { CONCORD_DATA: dir, LOG_LEVEL: 'silent' };
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('lists the six templates', async () => {
    const r = await run(['templates'], env);
    assert.equal(r.code, 0);
    for (const key of ['model', 'crickhowell', 'mumbles', 'brackley', 'ilminster', 'ledbury']) assert.match(r.out, new RegExp(`^${key} `, 'm'));
  });

  it('refuses an unknown template, naming the ones there are', async () => {
    const r = await run(['init', '--template', 'camelot'], env);
    assert.equal(r.code, 2);
    assert.match(r.err, /no template called "camelot".*model, crickhowell, mumbles, brackley, ilminster, ledbury/);
  });

  it('creates a council with its Clerk, and says how to sign in', async () => {
    const r = await run(['init', '--template', 'ledbury', '--council-name', 'Ledbury Town Council', '--clerk-name', 'Pat Jones', '--clerk-email', 'clerk@ledbury.example'], env);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Created Ledbury Town Council \(ledbury template\), slug "ledbury-town-council"/);
    assert.match(r.out, /The Town Clerk, Pat Jones, signs in as clerk@ledbury\.example with the password: \S{12,}/);
    const again = await run(['init', '--template', 'ledbury', '--council-name', 'Ledbury Town Council'], env);
    assert.equal(again.code, 2);
    assert.match(again.err, /already exists/);
  });

  it('verifies the audit log with the key init made, and reports the first entry changed', async () => {
    const ok = await run(['audit', 'verify'], env);
    assert.equal(ok.code, 0, ok.err);
    assert.match(ok.out, /ledbury-town-council: intact, \d+ entries, no checkpoint yet/);

    const db = await openDatabase({ dataDir: join(dir, 'pglite') });
    await db.system(async (trx) => {
      await sql`alter table audit_log disable trigger audit_no_update`.execute(trx);
      await sql`update audit_log set action = 'forged' where seq = 1`.execute(trx);
      await sql`alter table audit_log enable trigger audit_no_update`.execute(trx);
    });
    await db.close();
    const broken = await run(['audit', 'verify'], env);
    assert.equal(broken.code, 1);
    assert.match(broken.err, /ledbury-town-council: BROKEN at entry 1 \(content changed: its seal does not match\)/);
  });

  it('will not verify without the key, rather than make a new one', async () => {
    const r = await run(['audit', 'verify'], { ...env, AUDIT_KEY_FILE: join(dir, 'nowhere', 'audit.key') });
    assert.equal(r.code, 1);
    assert.match(r.err, /There is no audit key at .*nowhere\/audit\.key/);
  });

  it('says clearly when the PostgreSQL server cannot be reached', async () => {
    const r = await run(['migrate'], { ...env, DATABASE_URL: 'postgres://nobody:secret@127.0.0.1:1/concord' });
    assert.equal(r.code, 1);
    assert.match(r.err, /Cannot reach the PostgreSQL server at postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/concord/);
    assert.doesNotMatch(r.err, /secret/, 'the password is not printed');
  });

  it('gives up on a server that accepts the connection and never answers, and says so', async () => {
    // A host that takes the connection and then says nothing (a proxy with nothing behind it).
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => void sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = silent.address() as AddressInfo;
      const r = await run(['migrate'], { ...env, DATABASE_URL: `postgres://nobody@127.0.0.1:${port}/concord` });
      assert.equal(r.code, 1);
      assert.match(r.err, /Cannot reach the PostgreSQL server at .*: .*timeout/);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('says clearly when the data folder cannot be written', async () => {
    const file = join(dir, 'a-file');
    await writeFile(file, 'not a folder');
    const r = await run(['migrate'], { ...env, CONCORD_DATA: join(file, 'data') });
    assert.equal(r.code, 1);
    assert.match(r.err, /data folder .* cannot be written to/);
  });

  it('names the setting that is wrong', async () => {
    const r = await run(['migrate'], { ...env, PORT: 'eighty', DATABASE_URL: 'mysql://x' });
    assert.equal(r.code, 1);
    assert.match(r.err, /PORT:/);
    assert.match(r.err, /DATABASE_URL: must start with postgres:\/\//);
  });

  it('explains its usage for an unknown command', async () => {
    const r = await run(['frobnicate'], env);
    assert.equal(r.code, 2);
    assert.match(r.err, /Usage: concord <command>/);
  });
});

describe('backing up and restoring from the command line', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'concord-cli-backup-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('backs up a deployment, restores it into a new data folder with the same key, and checks its audit log', async () => {
    const source = { CONCORD_DATA: join(dir, 'a'), LOG_LEVEL: 'silent' };
    const made = await run(['init', '--template', 'crickhowell', '--clerk-name', 'Rhian Evans', '--clerk-email', 'clerk@crickhowell.example'], source);
    assert.equal(made.code, 0, made.err);

    const backup = await run(['backup'], source);
    assert.equal(backup.code, 0, backup.err);
    const file = /to (\S+\.backup\.gz)$/m.exec(backup.out)?.[1];
    assert.ok(file, backup.out);
    assert.match(backup.out, /Backed up the whole deployment \(1 council\): \d+ rows in \d+ tables/);
    assert.ok(file.startsWith(join(dir, 'a', 'backups')), 'into the data folder’s backups by default');

    const withoutKey = await run(['restore', file], { CONCORD_DATA: join(dir, 'b'), LOG_LEVEL: 'silent' });
    assert.equal(withoutKey.code, 1);
    assert.match(withoutKey.err, /There is no audit key/);

    const restored = await run(['restore', file], { CONCORD_DATA: join(dir, 'c'), AUDIT_KEY_FILE: join(dir, 'a', 'keys', 'audit.key'), LOG_LEVEL: 'silent' });
    assert.equal(restored.code, 0, restored.err);
    assert.match(restored.out, /Restored the whole deployment .* each count and checksum as backed up/);
    assert.match(restored.out, /crickhowell-town-council: audit log intact, \d+ entries/);
    const verify = await run(['audit', 'verify'], { CONCORD_DATA: join(dir, 'c'), AUDIT_KEY_FILE: join(dir, 'a', 'keys', 'audit.key'), LOG_LEVEL: 'silent' });
    assert.equal(verify.code, 0, verify.err);

    const again = await run(['restore', file], { CONCORD_DATA: join(dir, 'c'), AUDIT_KEY_FILE: join(dir, 'a', 'keys', 'audit.key'), LOG_LEVEL: 'silent' });
    assert.equal(again.code, 1);
    assert.match(again.err, /already holds 1 council/);
  });

  it('will not open the embedded database while Concord serves from it', async () => {
    const data = join(dir, 'a');
    await writeFile(join(data, 'serving.pid'), String(process.ppid));
    const r = await run(['backup'], { CONCORD_DATA: data, LOG_LEVEL: 'silent' });
    assert.equal(r.code, 2);
    assert.match(r.err, new RegExp(`Concord \\(process ${process.ppid}\\) is serving from .*backs itself up into`));
    await rm(join(data, 'serving.pid'));
  });

  it('says plainly when its port is taken, and ends', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as AddressInfo;
    try {
      const r = await run(['serve'], { CONCORD_DATA: join(dir, 'port'), PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent', BACKUP_HOURS: '0' });
      assert.equal(r.code, 1);
      assert.equal(r.err, `Concord cannot listen on 127.0.0.1:${port}: another program is using that port. Stop it, or choose another port with PORT.`);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});
