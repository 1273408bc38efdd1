import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { Database } from './database.js';
import { testDatabase } from '../../test/helpers/database.js';
import { createDemoCouncil } from '../demo/demo.js';
import { findTemplate } from '../protocol/templates/index.js';
import type { Council } from './schema.js';
import { TENANT_TABLES } from './migrations/index.js';

/** Tables the demo council leaves empty; every other table has rows to hide. */
const EMPTY_IN_DEMO = new Set(['sessions', 'officer_tasks', 'mourning_days', 'calendar_feeds', 'jobs', 'account_links', 'training_reminders', 'training_plans', 'interest_nil_returns', 'induction_reminders', 'two_step_secrets', 'two_step_recovery_codes', 'two_step_challenges', 'subject_access_reminders', 'retention_holds']);

describe('tenant isolation in the database', () => {
  let db: Database;
  let a: Council;
  let b: Council;
  before(async () => {
    db = await testDatabase();
    a = await createDemoCouncil(db, findTemplate('ilminster')!, { slug: 'ilminster' });
    b = await createDemoCouncil(db, findTemplate('ledbury')!, { slug: 'ledbury' });
  });
  after(() => db.close());

  it('forces row-level security on every table with a council_id, with a policy for the application role', async () => {
    const { rows } = await db.system((trx) =>
      sql<{ table: string; rls: boolean; forced: boolean; policies: number }>`
        select c.relname as table, c.relrowsecurity as rls, c.relforcerowsecurity as forced,
               (select count(*) from pg_policy p where p.polrelid = c.oid and exists (
                  select 1 from unnest(p.polroles) r join pg_roles pr on pr.oid = r where pr.rolname = 'concord_app'))::int as policies
        from pg_class c join information_schema.columns col on col.table_name = c.relname and col.column_name = 'council_id'
        where c.relkind = 'r' and col.table_schema = 'public'
        order by 1`.execute(trx),
    );
    assert.deepEqual(rows.map((r) => r.table).sort(), [...TENANT_TABLES].sort(), 'every table with a council_id is listed here');
    for (const r of rows) {
      assert.equal(r.rls && r.forced, true, `${r.table} forces row-level security`);
      assert.ok(r.policies >= 1, `${r.table} has a policy for concord_app`);
    }
  });

  it('runs requests as a role that is neither superuser, owner, nor able to bypass row-level security', async () => {
    const { rows } = await db.tenant(a.id, (trx) =>
      sql<{ who: string; superuser: boolean; bypass: boolean; owns: number }>`
        select current_user as who, r.rolsuper as superuser, r.rolbypassrls as bypass,
               (select count(*) from pg_tables t where t.schemaname = 'public' and t.tableowner = current_user)::int as owns
        from pg_roles r where r.rolname = current_user`.execute(trx),
    );
    assert.deepEqual(rows[0], { who: 'concord_app', superuser: false, bypass: false, owns: 0 });
  });

  for (const table of TENANT_TABLES) {
    it(`council A cannot read council B's ${table}, even by asking for B's id`, async () => {
      const total = await db.system((trx) => sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where council_id = ${b.id}`.execute(trx));
      assert.ok(total.rows[0]!.n > 0 || EMPTY_IN_DEMO.has(table), `B has ${table} rows to hide (or list the table in EMPTY_IN_DEMO)`);
      const seen = await db.tenant(a.id, (trx) => sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where council_id = ${b.id}`.execute(trx));
      assert.equal(seen.rows[0]!.n, 0);
      const foreign = await db.tenant(a.id, (trx) => sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where council_id <> ${a.id}`.execute(trx));
      assert.equal(foreign.rows[0]!.n, 0);
    });
  }

  it('sees only its own council row', async () => {
    const rows = await db.tenant(a.id, (trx) => trx.selectFrom('councils').select('slug').execute());
    assert.deepEqual(rows, [{ slug: 'ilminster' }]);
  });

  it('refuses to write a row into another council', async () => {
    await assert.rejects(
      db.tenant(a.id, (trx) =>
        trx.insertInto('people').values({ council_id: b.id, name: 'Intruder', email: 'x@example.org', role: 'councillor', password_hash: null, council_office: null, term_starts: null, term_ends: null }).execute(),
      ),
      /row-level security/,
    );
  });

  it('cannot change or delete another council’s rows: they are invisible', async () => {
    const updated = await db.tenant(a.id, (trx) => trx.updateTable('people').set({ name: 'Changed' }).where('council_id', '=', b.id).executeTakeFirst());
    assert.equal(Number(updated.numUpdatedRows), 0);
    const deleted = await db.tenant(a.id, (trx) => trx.deleteFrom('committee_members').where('council_id', '=', b.id).executeTakeFirst());
    assert.equal(Number(deleted.numDeletedRows), 0);
    const names = await db.tenant(b.id, (trx) => trx.selectFrom('people').select('name').where('name', '=', 'Changed').execute());
    assert.equal(names.length, 0);
  });

  it('sees nothing at all without a council set', async () => {
    const { rows } = await db.kysely.transaction().execute(async (trx) => {
      await sql`set local role concord_app`.execute(trx);
      return sql<{ n: number }>`select count(*)::int as n from people`.execute(trx);
    });
    assert.equal(rows[0]!.n, 0);
  });

  it('keeps the audit log append-only, even for the owner', async () => {
    await assert.rejects(db.tenant(a.id, (trx) => sql`update audit_log set action = 'x'`.execute(trx)), /permission denied/);
    await assert.rejects(db.system((trx) => sql`delete from audit_log`.execute(trx)), /append-only/);
    await assert.rejects(db.system((trx) => sql`update audit_log set action = 'x'`.execute(trx)), /append-only/);
  });

  it('does not leak a council setting from one transaction into the next on the same connection', async () => {
    await db.tenant(a.id, async () => undefined);
    const { rows } = await db.system((trx) => sql<{ v: string | null }>`select nullif(current_setting('app.council_id', true), '') as v`.execute(trx));
    assert.equal(rows[0]!.v, null);
  });
});
