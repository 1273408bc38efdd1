import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestContext } from '../../test/helpers/app.js';
import { TestClient } from '../../test/helpers/client.js';
import { SESSION_COOKIE } from '../auth/routes.js';

/**
 * What a process remembers of a council is forgotten when it hears of a write; a write made
 * through another process is heard when its notification arrives (decisions/0028). The browser
 * that wrote must not be answered from memory meanwhile: its next page, asked for at once,
 * may reach a process that has not heard yet. Here the process is made deaf to writes, as such
 * a process is for that moment.
 */
describe('reading one’s own writes, whichever process answers', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await testApp();
  });
  after(async () => ctx?.close());

  it('answers the browser that has just written afresh, and others from memory until the write is heard', async () => {
    const clerk = new TestClient(ctx.app);
    await clerk.signIn(ctx.emailOf('clerk'));
    const session = `${SESSION_COOKIE}=${clerk.cookie(SESSION_COOKIE)}`;
    const venues = async (cookie: string) => {
      const res = await ctx.app.inject({ method: 'GET', url: '/api/v1/meetings', headers: { cookie } });
      assert.equal(res.statusCode, 200, res.body);
      return res.json<{ meetings: { venue: string }[] }>().meetings.map((m) => m.venue);
    };
    assert.ok(!(await venues(session)).includes('Minster Rooms'));
    const reads = ctx.app.concord.reads;
    const heard = reads.changed.bind(reads);
    reads.changed = () => undefined;
    try {
      const scheduled = await clerk.api('POST', '/api/v1/meetings', { committeeId: null, kind: 'ordinary', meetingDate: '2027-03-09', startsAt: '19:00', venue: 'Minster Rooms' });
      assert.equal(scheduled.statusCode, 201, scheduled.body);
      const wrote = String(scheduled.headers['set-cookie'] ?? '');
      assert.match(wrote, /concord_wrote=1; Max-Age=5; Path=\/; HttpOnly; SameSite=Lax/);
      assert.ok(!(await venues(session)).includes('Minster Rooms'), 'unheard, the write is not yet seen from memory');
      assert.ok((await venues(`${session}; concord_wrote=1`)).includes('Minster Rooms'), 'the browser that wrote reads afresh');
      const refused = await clerk.api('POST', '/api/v1/meetings', { committeeId: null, kind: 'ordinary', meetingDate: 'soon', startsAt: '19:00', venue: 'Minster Rooms' });
      assert.equal(refused.statusCode, 400);
      assert.doesNotMatch(String(refused.headers['set-cookie'] ?? ''), /concord_wrote/, 'a request refused wrote nothing');
      const read = await ctx.app.inject({ method: 'GET', url: '/api/v1/meetings', headers: { cookie: session } });
      assert.equal(read.headers['set-cookie'], undefined, 'a read says nothing of having written');
    } finally {
      reads.changed = heard;
    }
  });

  // One process alone serves an embedded database, and hears every sign-out as it commits.
  it('reads afresh, before a GET writes, a session answered from memory, and stops if it has ended', { skip: process.env.TEST_DATABASE_URL ? false : 'PostgreSQL only: set TEST_DATABASE_URL' }, async () => {
    const councillor = new TestClient(ctx.app);
    await councillor.signIn(ctx.emailOf('riverside'));
    councillor.passTime(5);
    const token = councillor.cookie(SESSION_COOKIE)!;
    assert.equal((await councillor.get('/account/my-data.json')).status, 200);
    const session = () => ctx.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie: `${SESSION_COOKIE}=${token}` } }).then((r) => r.json<{ person: { name: string } | null }>().person);
    assert.ok(await session(), 'signed in, and the session remembered again after the export was recorded');
    const reads = ctx.app.concord.reads;
    const heard = reads.changed.bind(reads);
    reads.changed = () => undefined;
    try {
      // Signed out through another process, whose notification has not arrived.
      await ctx.db.tenant(ctx.council.id, (trx) => trx.deleteFrom('sessions').where('person_id', '=', ctx.people.riverside).execute());
      assert.ok(await session(), 'a read alone may still be answered from memory, until the sign-out is heard');
      const exported = await ctx.app.inject({ method: 'GET', url: '/account/my-data.json', headers: { cookie: `${SESSION_COOKIE}=${token}` } });
      assert.notEqual(exported.statusCode, 200, 'the export, which is recorded, is not made for a session that has ended');
      const recorded = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('audit_log').select('id').where('action', '=', 'privacy.own_data_downloaded').where('actor_id', '=', ctx.people.riverside).execute());
      assert.equal(recorded.length, 1, 'only the export made while signed in is recorded');
    } finally {
      reads.changed = heard;
    }
  });
});
