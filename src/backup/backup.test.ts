import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { audit, verifyAuditChains } from '../audit/audit.js';
import { createCouncil } from '../councils/create.js';
import { openDatabase, type Database, type Trx } from '../db/database.js';
import { findTemplate } from '../protocol/templates/index.js';
import { testApp, type TestContext } from '../../test/helpers/app.js';
import { TEST_AUDIT_KEY } from '../../test/helpers/audit.js';
import { emptyDatabase } from '../../test/helpers/database-copy.js';
import { writeBackup } from './backup.js';
import { restoreBackup } from './restore.js';

/**
 * Each table's rows as the database writes them, one text per row, sorted: what two databases
 * must share for one to be a restore of the other. Read independently of the backup's own code.
 */
async function rowsByTable(db: Database, councilId?: string): Promise<Map<string, string[]>> {
  return db.system(async (trx: Trx) => {
    await sql`set local timezone = 'UTC'`.execute(trx);
    const { rows: tables } = await sql<{ name: string; council: boolean }>`
      select c.relname as name, exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'council_id') as council
      from pg_class c where c.relnamespace = 'public'::regnamespace and c.relkind = 'r'
        and c.relname not like 'kysely%' and c.relname not in ('sessions', 'sign_in_failures')`.execute(trx);
    const out = new Map<string, string[]>();
    for (const t of tables) {
      if (councilId && !t.council && t.name !== 'councils') continue;
      const where = !councilId ? sql`` : t.name === 'councils' ? sql`where id = ${councilId}` : sql`where council_id = ${councilId}`;
      const { rows } = await sql<{ row: string }>`select to_jsonb(t)::text as row from ${sql.table(t.name)} t ${where}`.execute(trx);
      out.set(t.name, rows.map((r) => r.row).sort());
    }
    return out;
  });
}

describe('backups and restoring them', () => {
  let ctx: TestContext;
  let folder: string;
  let second: { id: string; slug: string };

  before(async () => {
    ctx = await testApp();
    folder = await mkdtemp(join(tmpdir(), 'concord-backup-'));
    const council = await createCouncil(ctx.db, { template: findTemplate('ledbury')!, name: 'Second Town Council' });
    second = { id: council.id, slug: council.slug };
  });
  after(async () => {
    await ctx.close();
    await rm(folder, { recursive: true, force: true });
  });

  /** Writes in two councils, one after another, until told to stop: people using Concord meanwhile. */
  function keepWriting(): { stop(): Promise<number> } {
    let running = true;
    let written = 0;
    const loop = (async () => {
      for (let i = 0; running; i++) {
        const councilId = i % 2 ? ctx.council.id : second.id;
        await ctx.db.tenant(councilId, async (trx) => {
          await trx.insertInto('external_contacts').values({ council_id: councilId, name: `Contact ${i}`, kind: 'other', email: `c${i}@example.org` }).execute();
          await audit(trx, { councilId, actorId: null, action: 'contact.added', entityType: 'external_contact', entityId: String(i), data: { i } });
        });
        written++;
        // Requests arrive as I/O; on PGlite, whose answers are promises alone, a loop that
        // never waited for I/O would starve the backup's own file writes.
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    return {
      async stop() {
        running = false;
        await loop;
        return written;
      },
    };
  }

  it('backs up the whole deployment while people write, and restores every row into an empty database, with the audit log intact', async () => {
    const before = await rowsByTable(ctx.db);
    const writer = keepWriting();
    const file = join(folder, 'deployment.concord.gz');
    const result = await writeBackup(ctx.db, file);
    const written = await writer.stop();
    assert.ok(written > 0, 'writes went on during the backup');
    assert.equal(result.scope.kind, 'deployment');
    assert.deepEqual(result.councils.sort(), [ctx.council.slug, second.slug].sort());
    const afterwards = await rowsByTable(ctx.db);

    const empty = await emptyDatabase(join(folder, 'whole'));
    const target = await openDatabase(empty.target, { auditKey: TEST_AUDIT_KEY });
    try {
      const restored = await restoreBackup(target, file);
      assert.deepEqual(Object.keys(restored.tables).sort(), [...before.keys()].sort(), 'every table is in the backup');
      const got = await rowsByTable(target);
      for (const [table, rows] of got) {
        const then = new Set(before.get(table));
        const now = new Set(afterwards.get(table));
        // Everything there before the backup began is restored, and nothing that never was.
        for (const row of then) assert.ok(rows.includes(row), `${table}: a row from before the backup is missing`);
        for (const row of rows) assert.ok(now.has(row), `${table}: a restored row differs from the original`);
        assert.equal(rows.length, restored.tables[table]!.rows, `${table}: the count the backup recorded`);
      }
      for (const table of ['people', 'meetings', 'audit_log', 'document_files']) assert.ok(got.get(table)!.length > 0, `the demo council's ${table} came back`);
      const reports = await verifyAuditChains(target, TEST_AUDIT_KEY);
      assert.equal(reports.length, 2);
      for (const r of reports) assert.equal(r.brokenAt, undefined, `${r.councilSlug}: the audit log verifies after the restore`);
      // The restored database takes new work: its sequences moved past the restored rows.
      await target.tenant(ctx.council.id, (trx) => audit(trx, { councilId: ctx.council.id, actorId: null, action: 'restore.checked', entityType: 'council', entityId: null, data: {} }));
      await target.system((trx) => trx.selectFrom('officer_tasks').select('reference').execute());
    } finally {
      await target.close();
      await empty.remove();
    }
  });

  it('restores one council into a deployment that holds another, leaving that one untouched', async () => {
    const file = join(folder, 'second.concord.gz');
    const result = await writeBackup(ctx.db, file, { council: second.slug });
    assert.equal(result.scope.kind, 'council');
    const original = await rowsByTable(ctx.db, second.id);

    const empty = await emptyDatabase(join(folder, 'other'));
    const target = await openDatabase(empty.target, { auditKey: TEST_AUDIT_KEY });
    try {
      await target.migrate();
      const other = await createCouncil(target, { template: findTemplate('crickhowell')!, name: 'Other Community Council' });
      const othersBefore = await rowsByTable(target, other.id);
      await restoreBackup(target, file);
      assert.deepEqual(await rowsByTable(target, second.id), original, "the council's rows, exactly");
      assert.deepEqual(await rowsByTable(target, other.id), othersBefore, 'the other council is as it was');
      const councils = await target.system((trx) => trx.selectFrom('councils').select('slug').orderBy('slug').execute());
      assert.deepEqual(councils.map((c) => c.slug).sort(), ['other-community-council', second.slug].sort());

      await assert.rejects(restoreBackup(target, file), /already holds the council "second-town-council"\. Nothing was restored/);
    } finally {
      await target.close();
      await empty.remove();
    }
  });

  it('refuses a whole-deployment backup into a database in use, a cut-short file and a file that is not a backup, restoring nothing', async () => {
    const file = join(folder, 'refusals.concord.gz');
    await writeBackup(ctx.db, file);
    await assert.rejects(restoreBackup(ctx.db, file), /backup of a whole deployment, and this database already holds 2 council\(s\)/);

    const lines = gunzipSync(await readFile(file)).toString('utf8').split('\n');
    const cut = join(folder, 'cut.concord.gz');
    await writeFile(cut, gzipSync(lines.slice(0, -3).join('\n')));
    const empty = await emptyDatabase(join(folder, 'cut'));
    const target = await openDatabase(empty.target, { auditKey: TEST_AUDIT_KEY });
    try {
      await assert.rejects(restoreBackup(target, cut), /not whole\. Nothing was restored/);
      const councils = await target.system((trx) => trx.selectFrom('councils').select('id').execute());
      assert.equal(councils.length, 0, 'the failed restore left nothing behind');
      const junk = join(folder, 'junk.gz');
      await writeFile(junk, gzipSync('{"hello":"world"}\n'));
      await assert.rejects(restoreBackup(target, junk), /is not a Concord backup/);
    } finally {
      await target.close();
      await empty.remove();
    }
  });

  it('names a council that is not there', async () => {
    await assert.rejects(writeBackup(ctx.db, join(folder, 'x.gz'), { council: 'atlantis' }), /There is no council "atlantis" here/);
  });
});
