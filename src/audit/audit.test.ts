import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { testApp, type TestContext } from '../../test/helpers/app.js';
import { TestClient } from '../../test/helpers/client.js';
import { verifyAuditChains } from './audit.js';

describe('the audit log: append-only and hash-chained per council', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await testApp();
  });
  after(() => ctx.close());

  it('records changes made through the pages, in order, each linked to the one before', async () => {
    const client = new TestClient(ctx.app);
    await client.signIn(ctx.emailOf('clerk'));
    const resolution = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('resolutions').select('id').where('minute_number', '=', '26/46').executeTakeFirstOrThrow());
    const created = await client.api('POST', '/api/v1/tasks', { title: 'Order grit bins', resolutionId: resolution.id, assignedTo: ctx.people.officer });
    assert.equal(created.statusCode, 201);
    const rows = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('audit_log').select(['seq', 'action', 'prev_hash', 'hash']).orderBy('seq').execute());
    assert.deepEqual(rows.map((r) => r.seq), rows.map((_, i) => i + 1), 'sequence numbers run 1, 2, 3 … with no gap');
    assert.deepEqual(rows.slice(-2).map((r) => r.action), ['sign_in', 'officer_task.created']);
    assert.equal(rows[0]!.prev_hash, '0'.repeat(64));
    for (let i = 1; i < rows.length; i++) assert.equal(rows[i]!.prev_hash, rows[i - 1]!.hash);
    const [report] = await verifyAuditChains(ctx.db);
    assert.equal(report!.entries, rows.length);
    assert.equal(report!.brokenAt, undefined);
  });

  it('finds the first entry whose content was changed behind Concord’s back', async () => {
    // Only someone with the database owner's rights and the will to switch off the guard can do this.
    await ctx.db.system(async (trx) => {
      await sql`alter table audit_log disable trigger audit_no_update`.execute(trx);
      await sql`update audit_log set data = '{"title":"forged"}' where council_id = ${ctx.council.id} and seq = 2`.execute(trx);
      await sql`alter table audit_log enable trigger audit_no_update`.execute(trx);
    });
    const [report] = await verifyAuditChains(ctx.db);
    assert.deepEqual(report!.brokenAt, { seq: 2, reason: 'content_changed' });
  });

  it('finds an entry that was removed', async () => {
    await ctx.db.system(async (trx) => {
      await sql`alter table audit_log disable trigger audit_no_update`.execute(trx);
      await sql`update audit_log set data = '{"title":"forged"}' where false`.execute(trx);
      await sql`delete from audit_log where council_id = ${ctx.council.id} and seq = 1`.execute(trx);
      await sql`alter table audit_log enable trigger audit_no_update`.execute(trx);
    });
    const [report] = await verifyAuditChains(ctx.db);
    assert.deepEqual(report!.brokenAt, { seq: 2, reason: 'sequence_gap' });
  });
});
