import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestLogin, databaseUrl, TEST_LOGIN } from '../../test/helpers/database-copy.js';
import { testDatabase } from '../../test/helpers/database.js';
import { openDatabase, type Database, type Trx } from '../db/database.js';
import { createDemoCouncil } from '../demo/demo.js';
import { findTemplate } from '../protocol/templates/index.js';
import { audit } from './audit.js';

const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

/** What someone who could run SQL on a request's connection tries, to get at the audit log. */
function refusesTheOwnersRights(name: string, open: () => Promise<{ requests: Database; councilId: string; close: () => Promise<void> }>) {
  describe(name, () => {
    let requests: Database;
    let councilId: string;
    let close: () => Promise<void>;
    before(async () => {
      ({ requests, councilId, close } = await open());
    });
    after(() => close());

    const inTenant = (statement: string) => requests.tenant(councilId, (trx) => sql.raw(statement).execute(trx));
    const inSystem = (statement: string) => requests.system((trx) => sql.raw(statement).execute(trx));

    it('serves requests as concord_app, and RESET ROLE returns to the login, which is not the owner', async () => {
      const who = async (trx: Trx) =>
        (await sql<{ who: string; superuser: boolean; owns: number }>`
          select current_user as who, r.rolsuper as superuser,
                 (select count(*) from pg_tables t where t.schemaname = 'public' and t.tableowner = current_user)::int as owns
          from pg_roles r where r.rolname = current_user`.execute(trx)).rows[0];
      assert.deepEqual(await requests.tenant(councilId, who), { who: 'concord_app', superuser: false, owns: 0 });
      const reset = await requests.tenant(councilId, async (trx) => {
        await sql`reset role`.execute(trx);
        return who(trx);
      });
      assert.equal(reset!.superuser, false);
      assert.equal(reset!.owns, 0);
      assert.notEqual(reset!.who, 'postgres');
    });

    it('cannot delete or change audit entries, as the application role or after RESET ROLE', async () => {
      for (const run of [inTenant, inSystem]) {
        await assert.rejects(run('delete from audit_log'), /permission denied/);
        await assert.rejects(run('update audit_log set action = $$x$$'), /permission denied/);
        await assert.rejects(run('reset role; delete from audit_log'), /permission denied/);
        await assert.rejects(run('reset role; update audit_log set action = $$x$$'), /permission denied/);
        await assert.rejects(run('reset role; truncate audit_log'), /permission denied|must be owner/);
      }
    });

    it('inherits nothing after RESET ROLE: not even another council’s rows', async () => {
      await assert.rejects(inTenant('reset role; select count(*) from people'), /permission denied/);
    });

    it('cannot become the owner, switch off the guards, or replace the hash function', async () => {
      await assert.rejects(inTenant('set role postgres'), /permission denied|does not exist/);
      await assert.rejects(inTenant('reset role; alter table audit_log disable trigger audit_no_update'), /must be owner|permission denied/);
      await assert.rejects(
        inTenant('reset role; create or replace function audit_row_hash(r audit_log) returns text language sql as $$ select r.hash $$'),
        /must be owner|permission denied/,
      );
      await assert.rejects(inSystem('alter table audit_log disable trigger user'), /must be owner|permission denied/);
    });

    it('still writes audit entries, sealed, and refuses migrations', async () => {
      await requests.tenant(councilId, (trx) => audit(trx, { councilId, actorId: null, action: 'test.written', entityType: 'test' }));
      await assert.rejects(requests.migrate(), /run as the owner/);
    });
  });
}

/** A database with a council, and its request handle from `forRequests()`. */
async function sessionLogin() {
  const db = await testDatabase();
  const council = await createDemoCouncil(db, findTemplate('model')!);
  const requests = await db.forRequests();
  assert.equal(requests.login, 'requests');
  return { requests, councilId: council.id, close: () => db.close() };
}

refusesTheOwnersRights(
  TEST_DATABASE_URL ? 'requests on a superuser connection, as session authorization concord_app_login' : 'requests on PGlite, as session authorization concord_app_login',
  sessionLogin,
);

if (!TEST_DATABASE_URL) {
  describe('the limit of a login on PGlite (docs/decisions/0009)', () => {
    it('stays the login through RESET ROLE and RESET SESSION AUTHORIZATION, but SQL naming the superuser still becomes it', async () => {
      const { requests, councilId, close } = await sessionLogin();
      try {
        const who = await requests.tenant(councilId, async (trx) => {
          await sql`reset role; reset session authorization`.execute(trx);
          const still = (await sql<{ who: string }>`select session_user as who`.execute(trx)).rows[0]!.who;
          await sql`set session authorization postgres`.execute(trx);
          return [still, (await sql<{ who: string }>`select current_user as who`.execute(trx)).rows[0]!.who];
        });
        // PGlite's single session begins as its superuser and so may name it again: no role can
        // stop that. What it then does to the audit log, the key outside the database finds.
        assert.deepEqual(who, ['concord_app_login', 'postgres']);
      } finally {
        await close();
      }
    });
  });
}

if (TEST_DATABASE_URL) {
  const LOGIN = TEST_LOGIN;


  refusesTheOwnersRights('requests on PostgreSQL through DATABASE_APP_URL, a login that is a member of concord_app_login', async () => {
    const db = await testDatabase();
    const council = await createDemoCouncil(db, findTemplate('model')!);
    await createTestLogin(TEST_DATABASE_URL);
    const requests = await openDatabase({ url: databaseUrl(TEST_DATABASE_URL, db.target), appUrl: databaseUrl(TEST_DATABASE_URL, db.target, LOGIN) }).then((owner) => owner.forRequests());
    return {
      requests,
      councilId: council.id,
      async close() {
        await requests.close();
        await db.close();
      },
    };
  });

  describe('the login behind DATABASE_APP_URL', () => {
    let db: Database & { target: string };
    before(async () => {
      db = await testDatabase();
      await createTestLogin(TEST_DATABASE_URL);
    });
    after(() => db.close());

    it('cannot take back the owner’s session authorization, as a superuser connection could', async () => {
      const requests = await openDatabase({ url: databaseUrl(TEST_DATABASE_URL, db.target), appUrl: databaseUrl(TEST_DATABASE_URL, db.target, LOGIN) }).then((owner) => owner.forRequests());
      try {
        await assert.rejects(requests.system((trx) => sql`set session authorization postgres`.execute(trx)), /permission denied/);
        const { rows } = await requests.system(async (trx) => {
          await sql`reset session authorization`.execute(trx);
          return sql<{ who: string }>`select session_user as who`.execute(trx);
        });
        assert.deepEqual(rows, [{ who: LOGIN }]);
      } finally {
        await requests.close();
      }
    });

    it('is refused when it could become the owner', async () => {
      const url = databaseUrl(TEST_DATABASE_URL, db.target);
      const owner = await openDatabase({ url, appUrl: url });
      await assert.rejects(owner.forRequests(), /logs in as postgres which is a superuser/);
      await owner.close();
    });
  });
}
