import assert from 'node:assert/strict';
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../config/config.js';
import { AuditKey, loadAuditKey } from './keys.js';

describe('the audit key', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'concord-keys-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('is made on first start in the data folder, readable by its owner alone, with the public key beside it', async () => {
    const config = loadConfig({ CONCORD_DATA: dir });
    const key = await loadAuditKey(config, { create: true });
    const file = join(dir, 'keys', 'audit.key');
    assert.equal((await stat(file)).mode & 0o777, 0o600);
    assert.equal((await stat(join(dir, 'keys'))).mode & 0o777, 0o700);
    assert.match(await readFile(join(dir, 'keys', 'audit.pub'), 'utf8'), /^-----BEGIN PUBLIC KEY-----/);
    const again = await loadAuditKey(config, { create: true });
    assert.equal(again.mac('x'), key.mac('x'), 'the same key next time');
    assert.equal(again.fingerprint(), key.fingerprint());
  });

  it('gives the same seals and signatures from the same secret, given as AUDIT_KEY or in AUDIT_KEY_FILE', async () => {
    const secret = Buffer.alloc(32, 9).toString('base64');
    const file = join(dir, 'elsewhere.key');
    await writeFile(file, `${secret}\n`, { mode: 0o600 });
    const fromValue = await loadAuditKey(loadConfig({ CONCORD_DATA: dir, AUDIT_KEY: secret }), { create: false });
    const fromFile = await loadAuditKey(loadConfig({ CONCORD_DATA: dir, AUDIT_KEY_FILE: file }), { create: false });
    assert.equal(fromValue.mac('entry'), fromFile.mac('entry'));
    const signature = fromValue.sign('checkpoint');
    assert.equal(fromFile.verifySignature('checkpoint', signature), true);
    assert.equal(fromFile.verifySignature('checkpoint!', signature), false);
    assert.equal(AuditKey.fromSecret(Buffer.alloc(32, 8)).verifySignature('checkpoint', signature), false);
  });

  it('refuses a key file others can read, and a missing one when it must not make one', async () => {
    const file = join(dir, 'open.key');
    await writeFile(file, `${Buffer.alloc(32, 1).toString('base64')}\n`);
    await chmod(file, 0o644);
    await assert.rejects(loadAuditKey(loadConfig({ CONCORD_DATA: dir, AUDIT_KEY_FILE: file }), { create: true }), (e) => e instanceof ConfigError && /can be read by other users.*chmod 600/.test(e.message));
    await assert.rejects(loadAuditKey(loadConfig({ CONCORD_DATA: join(dir, 'empty') }), { create: false }), /There is no audit key/);
    await assert.rejects(loadAuditKey(loadConfig({ CONCORD_DATA: dir, AUDIT_KEY_FILE: join(dir, 'none.key') }), { create: true }), /There is no audit key/, 'a named file is never made up');
  });

  it('is checked at start-up with the other settings', () => {
    assert.throws(() => loadConfig({ AUDIT_KEY: 'short' }), /AUDIT_KEY: must be at least 32 bytes in base64/);
    assert.throws(() => loadConfig({ AUDIT_KEY: Buffer.alloc(32).toString('base64'), AUDIT_KEY_FILE: '/k' }), /set AUDIT_KEY or AUDIT_KEY_FILE, not both/);
    assert.throws(() => loadConfig({ AUDIT_SEAL_SECONDS: '600' }), /AUDIT_SEAL_SECONDS/);
    assert.throws(() => loadConfig({ DATABASE_APP_URL: 'postgres://app@db/concord' }), /DATABASE_APP_URL: needs DATABASE_URL/);
    const config = loadConfig({ CONCORD_DATA: '/srv/concord', DATABASE_URL: 'postgres://owner@db/concord', DATABASE_APP_URL: 'postgres://concord_app_login@db/concord' });
    assert.deepEqual(config.database, { url: 'postgres://owner@db/concord', appUrl: 'postgres://concord_app_login@db/concord' });
    assert.equal(config.auditCheckpoints, '/srv/concord/audit');
    assert.equal(config.auditSealSeconds, 60);
    assert.equal(config.auditEmailHours, 0);
  });
});
