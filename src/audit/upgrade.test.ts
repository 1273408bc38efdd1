import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Migrator, sql } from 'kysely';
import { rechain, TEST_AUDIT_KEY, withoutGuards } from '../../test/helpers/audit.js';
import { admin, databaseUrl } from '../../test/helpers/database-copy.js';
import { openDatabase, type Database } from '../db/database.js';
import { migrations } from '../db/migrations/index.js';
import { audit, verifyAuditChains } from './audit.js';
import { AuditSealer } from './checkpoints.js';

/**
 * A database whose log was begun before 0014_audit_anchor: its first entries have no seal,
 * only the database's chain. Concord checks that chain itself, and the first sealed entry
 * covers the last of them.
 */
describe('a log begun before the audit key', () => {
  let db: Database;
  let dir: string;
  let drop: () => Promise<void>;
  let councilId: string;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'concord-upgrade-'));
    const url = process.env.TEST_DATABASE_URL;
    if (url) {
      const name = `concord_upgrade_${process.pid}_${randomBytes(3).toString('hex')}`;
      await admin(url, `create database ${name}`);
      db = await openDatabase({ url: databaseUrl(url, name) }, { auditKey: TEST_AUDIT_KEY });
      drop = () => admin(url, `drop database if exists ${name} with (force)`);
    } else {
      db = await openDatabase({ dataDir: join(dir, 'pglite') }, { auditKey: TEST_AUDIT_KEY });
      drop = async () => undefined;
    }
    const { error } = await new Migrator({ db: db.kysely, provider: { getMigrations: async () => migrations } }).migrateTo('0013_meeting_papers');
    if (error) throw error as Error;
    councilId = await db.system(async (trx) => {
      const council = await trx
        .insertInto('councils')
        .values({ slug: 'old-parish', name: 'Old Parish Council', kind: 'parish', nation: 'england', template_key: 'model', terminology: '{}', settings: '{}' })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (let i = 1; i <= 5; i++) {
        // As Concord wrote entries then: the trigger numbered, stamped and hashed them.
        await sql`insert into audit_log (council_id, action, entity_type, data) values (${council.id}, 'person.created', 'person', ${JSON.stringify({ n: i, 'naïve': [i] })})`.execute(trx);
      }
      return council.id;
    });
    await db.migrate();
    await db.tenant(councilId, async (trx) => {
      for (let i = 1; i <= 3; i++) await audit(trx, { councilId, actorId: null, action: 'sign_in', entityType: 'person', entityId: String(i) });
    });
  });
  after(async () => {
    await db.close();
    await drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('verifies the old entries by their chain and the new by their seals, and seals them all', async () => {
    const checkpoints = join(dir, 'audit');
    await new AuditSealer({ db, key: TEST_AUDIT_KEY, dir: checkpoints }).seal();
    const [report] = await verifyAuditChains(db, TEST_AUDIT_KEY, checkpoints);
    assert.deepEqual(report, { councilId, councilSlug: 'old-parish', entries: 8, sealedTo: 8, checkpoints: 1 });
  });

  it('finds an old entry changed', async () => {
    await db.system((trx) => withoutGuards(trx, () => sql`update audit_log set data = '{"n": 30}' where council_id = ${councilId} and seq = 3`.execute(trx)));
    const [report] = await verifyAuditChains(db, TEST_AUDIT_KEY);
    assert.deepEqual(report!.brokenAt, { seq: 3, reason: 'content_changed' });
  });

  it('finds old entries rewritten with their chain at the first sealed entry, which covers them', async () => {
    await db.system((trx) => withoutGuards(trx, () => rechain(trx, councilId, 3)));
    const [report] = await verifyAuditChains(db, TEST_AUDIT_KEY);
    assert.deepEqual(report!.brokenAt, { seq: 6, reason: 'content_changed', detail: 'or entries 1 to 5, written before the audit key, were rewritten' });
  });
});
