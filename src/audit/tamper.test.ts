import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { databaseVouches, rechain, TEST_AUDIT_KEY, TEST_AUDIT_SECRET, withoutGuards } from '../../test/helpers/audit.js';
import { copyDatabase } from '../../test/helpers/database-copy.js';
import { testDatabase } from '../../test/helpers/database.js';
import { main } from '../cli/main.js';
import { openDatabase, type Database } from '../db/database.js';
import { createDemoCouncil } from '../demo/demo.js';
import { findTemplate } from '../protocol/templates/index.js';
import { audit } from './audit.js';
import { AuditSealer } from './checkpoints.js';

/**
 * Each way someone with the owner's rights could rewrite the audit log, done to a copy of a
 * sealed database; `concord audit verify` must name the first entry affected and exit 1.
 */
describe('audit verify against an owner who rewrites the log', () => {
  let base: Database & { target: string };
  let folder: string;
  let ilminster: string;
  let entries: number;
  let n = 0;

  before(async () => {
    base = await testDatabase();
    ilminster = (await createDemoCouncil(base, findTemplate('ilminster')!, { slug: 'ilminster' })).id;
    await createDemoCouncil(base, findTemplate('ledbury')!, { slug: 'ledbury' });
    await base.tenant(ilminster, async (trx) => {
      for (let i = 1; i <= 10; i++) await audit(trx, { councilId: ilminster, actorId: null, action: 'document.viewed', entityType: 'document', entityId: `doc-${i}`, data: { page: i } });
    });
    entries = await base.tenant(ilminster, async (trx) => (await trx.selectFrom('audit_log').select(sql<number>`max(seq)`.as('n')).executeTakeFirstOrThrow()).n);
    folder = await mkdtemp(join(tmpdir(), 'concord-tamper-'));
    // What a council keeps beside its database: the key, and the checkpoints sealed until now.
    await mkdir(join(folder, 'keys'), { mode: 0o700 });
    await writeFile(join(folder, 'keys', 'audit.key'), `${TEST_AUDIT_SECRET}\n`, { mode: 0o600 });
    await new AuditSealer({ db: base, key: TEST_AUDIT_KEY, dir: join(folder, 'audit') }).seal();
    await base.kysely.destroy();
  });
  after(async () => {
    await base.close();
    await rm(folder, { recursive: true, force: true });
  });

  /** Copy the sealed database, let the owner change it, and run `concord audit verify` on the copy. */
  async function verifyAfter(change: (owner: Database) => Promise<void>) {
    const scenario = join(folder, `scenario-${++n}`);
    await mkdir(scenario);
    const copy = await copyDatabase(base, scenario);
    try {
      const owner = await openDatabase(copy.target, { auditKey: TEST_AUDIT_KEY });
      try {
        await change(owner);
      } finally {
        await owner.close();
      }
      const out: string[] = [];
      const err: string[] = [];
      const env = { ...copy.env, LOG_LEVEL: 'silent', AUDIT_KEY_FILE: join(folder, 'keys', 'audit.key'), AUDIT_CHECKPOINTS: join(folder, 'audit') };
      const code = await main(['audit', 'verify'], env, { log: (l) => out.push(l), error: (l) => err.push(l) });
      return { code, out: out.join('\n'), err: err.join('\n') };
    } finally {
      await copy.remove();
      await rm(scenario, { recursive: true, force: true });
    }
  }

  it('finds an untouched copy intact and sealed to its last entry', async () => {
    const r = await verifyAfter(async () => undefined);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, new RegExp(`ilminster: intact, ${entries} entries, sealed to entry ${entries}`));
    assert.match(r.out, /ledbury: intact, \d+ entries, sealed to entry \d+/);
  });

  it('finds the last entries deleted, against the checkpoint', async () => {
    const r = await verifyAfter((owner) =>
      owner.system((trx) => withoutGuards(trx, () => sql`delete from audit_log where council_id = ${ilminster} and seq > ${entries - 3}`.execute(trx))),
    );
    assert.equal(r.code, 1);
    assert.match(r.err, new RegExp(`ilminster: BROKEN at entry ${entries - 2} \\(missing: the log was cut short; the checkpoint of \\S+ sealed ${entries} entries\\), of ${entries - 3} entries`));
    assert.match(r.out, /ledbury: intact/, 'the other council is unaffected');
  });

  it('finds every entry of a council deleted', async () => {
    const r = await verifyAfter((owner) => owner.system((trx) => withoutGuards(trx, () => sql`delete from audit_log where council_id = ${ilminster}`.execute(trx))));
    assert.equal(r.code, 1);
    assert.match(r.err, new RegExp(`ilminster: BROKEN at entry 1 \\(missing: the log was cut short; the checkpoint of \\S+ sealed ${entries} entries\\), of 0 entries`));
  });

  it('finds an entry edited and the chain recomputed with the database’s own hash function', async () => {
    const r = await verifyAfter((owner) => owner.system(async (trx) => {
      await withoutGuards(trx, async () => {
        await sql`update audit_log set data = '{"page": 99}' where council_id = ${ilminster} and seq = ${entries - 5}`.execute(trx);
        await rechain(trx, ilminster, entries - 5);
      });
      assert.equal(await databaseVouches(trx, ilminster), true, 'the database’s own check finds nothing wrong');
    }));
    assert.equal(r.code, 1);
    assert.match(r.err, new RegExp(`ilminster: BROKEN at entry ${entries - 5} \\(content changed: its seal does not match\\)`));
  });

  it('finds a back-dated entry inserted and the chain recomputed', async () => {
    const k = entries - 4;
    const r = await verifyAfter((owner) => owner.system(async (trx) => {
      await withoutGuards(trx, async () => {
        // Make room at k, then write the forged entry there, dated a year earlier, with a seal copied from another.
        await sql`update audit_log set seq = -seq where council_id = ${ilminster} and seq >= ${k}`.execute(trx);
        await sql`update audit_log set seq = -seq + 1 where council_id = ${ilminster} and seq < 0`.execute(trx);
        await sql`
          insert into audit_log (council_id, seq, at, actor_id, action, entity_type, entity_id, data, prev_hash, hash, mac)
          select council_id, ${k}, at - interval '1 year', actor_id, 'protocol.adopted', 'council', council_id::text, '{}', '', '', mac
          from audit_log where council_id = ${ilminster} and seq = ${k - 1}`.execute(trx);
        await rechain(trx, ilminster, k);
      });
      assert.equal(await databaseVouches(trx, ilminster), true, 'the database’s own check finds nothing wrong');
    }));
    assert.equal(r.code, 1);
    assert.match(r.err, new RegExp(`ilminster: BROKEN at entry ${k} \\(inserted: it was not in the log Concord sealed; entry ${k + 1} was sealed as entry ${k}\\), of ${entries + 1} entries`));
  });

  it('finds an entry edited behind a replaced audit_row_hash that vouches for whatever is stored', async () => {
    const r = await verifyAfter((owner) => owner.system(async (trx) => {
      await sql`
        create or replace function audit_row_hash(r audit_log) returns text language sql immutable as
          $$ select coalesce(r.hash, encode(sha256(convert_to(r.data::text, 'UTF8')), 'hex')) $$`.execute(trx);
      await withoutGuards(trx, () => sql`update audit_log set actor_id = null, data = '{"page": 0}' where council_id = ${ilminster} and seq = 2`.execute(trx));
      assert.equal(await databaseVouches(trx, ilminster), true, 'the replaced function vouches for the edit');
    }));
    assert.equal(r.code, 1);
    assert.match(r.err, /ilminster: BROKEN at entry 2 \(content changed: its seal does not match\)/);
  });

  it('finds the first entry hashed by a replaced audit_row_hash, though Concord sealed it', async () => {
    const r = await verifyAfter(async (owner) => {
      await owner.system((trx) => sql`create or replace function audit_row_hash(r audit_log) returns text language sql immutable as $$ select md5(r.data::text) $$`.execute(trx));
      await owner.tenant(ilminster, (t) => audit(t, { councilId: ilminster, actorId: null, action: 'document.viewed', entityType: 'document', entityId: 'after' }));
    });
    assert.equal(r.code, 1);
    assert.match(r.err, new RegExp(`ilminster: BROKEN at entry ${entries + 1} \\(the database's hash is wrong`));
  });
});
