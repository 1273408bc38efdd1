import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { testApp, type TestContext } from '../../test/helpers/app.js';
import { TEST_AUDIT_KEY } from '../../test/helpers/audit.js';
import { TestClient } from '../../test/helpers/client.js';
import { audit, verifyAuditChains } from './audit.js';
import { AuditKey } from './keys.js';

describe('the audit log: sealed with a key the database never holds, and chained per council', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await testApp();
  });
  after(() => ctx.close());

  it('records changes made through the pages, in order, each sealed and linked to the one before', async () => {
    const client = new TestClient(ctx.app);
    await client.signIn(ctx.emailOf('clerk'));
    const resolution = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('resolutions').select('id').where('minute_number', '=', '26/46').executeTakeFirstOrThrow());
    const created = await client.api('POST', '/api/v1/tasks', { title: 'Order grit bins', resolutionId: resolution.id, assignedTo: ctx.people.officer });
    assert.equal(created.statusCode, 201);
    const rows = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('audit_log').select(['seq', 'action', 'prev_hash', 'hash', 'mac']).orderBy('seq').execute());
    assert.deepEqual(rows.map((r) => r.seq), rows.map((_, i) => i + 1), 'sequence numbers run 1, 2, 3 … with no gap');
    assert.deepEqual(rows.slice(-2).map((r) => r.action), ['sign_in', 'officer_task.created']);
    assert.equal(rows[0]!.prev_hash, '0'.repeat(64));
    for (let i = 1; i < rows.length; i++) assert.equal(rows[i]!.prev_hash, rows[i - 1]!.hash);
    assert.ok(rows.every((r) => /^[0-9a-f]{64}$/.test(r.mac ?? '')), 'every entry carries its seal');
    const [report] = await verifyAuditChains(ctx.db, TEST_AUDIT_KEY);
    assert.equal(report!.entries, rows.length);
    assert.equal(report!.brokenAt, undefined);
  });

  it('seals data of every shape so that it verifies as stored: key order, nesting, numbers, Welsh and odd characters', async () => {
    const data = { z: 1, a: [3, { y: 'ŵ', b: null }], 'é': 1e21, n: 0.1 + 0.2, big: 2 ** 60, s: 'line\nbreak "quoted" \u2028 😀', t: true, empty: {} };
    await ctx.db.tenant(ctx.council.id, (trx) => audit(trx, { councilId: ctx.council.id, actorId: ctx.people.clerk, action: 'test.shapes', entityType: 'test', entityId: 'Ŵ', data }));
    const [report] = await verifyAuditChains(ctx.db, TEST_AUDIT_KEY);
    assert.equal(report!.brokenAt, undefined);
  });

  it('gives concurrent writers to one council consecutive numbers, none lost', async () => {
    const before = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('audit_log').select(sql<number>`max(seq)`.as('n')).executeTakeFirstOrThrow());
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        ctx.db.tenant(ctx.council.id, (trx) => audit(trx, { councilId: ctx.council.id, actorId: null, action: 'test.concurrent', entityType: 'test', entityId: String(i) })),
      ),
    );
    const rows = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('audit_log').select('seq').where('seq', '>', before.n).orderBy('seq').execute());
    assert.deepEqual(rows.map((r) => r.seq), Array.from({ length: 8 }, (_, i) => before.n + i + 1));
    const [report] = await verifyAuditChains(ctx.db, TEST_AUDIT_KEY);
    assert.equal(report!.brokenAt, undefined);
  });

  it('rolls an entry back with the change it records', async () => {
    const count = () => ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('audit_log').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow());
    const was = await count();
    await assert.rejects(
      ctx.db.tenant(ctx.council.id, async (trx) => {
        await audit(trx, { councilId: ctx.council.id, actorId: null, action: 'test.undone', entityType: 'test' });
        throw new Error('the change fails');
      }),
      /the change fails/,
    );
    assert.deepEqual(await count(), was);
  });

  it('refuses, even from the owner, an entry without a seal or out of its place', async () => {
    const row = { council_id: ctx.council.id, actor_id: null, action: 'forged', entity_type: 'test', entity_id: null, data: '{}' };
    await assert.rejects(ctx.db.system((trx) => trx.insertInto('audit_log').values({ ...row, seq: 10_000, mac: 'f'.repeat(64) }).execute()), /comes after entry/);
    await assert.rejects(
      ctx.db.system((trx) => sql`insert into audit_log (council_id, action, entity_type, seq) values (${ctx.council.id}, 'forged', 'test', 1)`.execute(trx)),
      /must carry its seal/,
    );
  });

  it('does not write an entry in a transaction that no database holding the key began', async () => {
    await assert.rejects(
      ctx.db.kysely.transaction().execute((trx) => audit(trx, { councilId: ctx.council.id, actorId: null, action: 'x', entityType: 'x' })),
      /without the audit key/,
    );
  });

  it('finds every seal wrong under another key', async () => {
    const other = AuditKey.fromSecret(Buffer.alloc(32, 1));
    const [report] = await verifyAuditChains(ctx.db, other);
    assert.deepEqual(report!.brokenAt, { seq: 1, reason: 'content_changed' });
  });
});
