import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestContext } from '../../test/helpers/app.js';
import { TestClient } from '../../test/helpers/client.js';
import { BackupScheduler, scheduledBackupName } from './schedule.js';

/** Nine days after the demo council was made: long enough without a backup to be warned. */
const LATER = new Date(Date.now() + 9 * 86_400_000);

describe('scheduled backups and the Clerk’s reminder', () => {
  let ctx: TestContext;
  let dir: string;
  before(async () => {
    ctx = await testApp({ now: () => LATER });
    dir = await mkdtemp(join(tmpdir(), 'concord-scheduled-'));
  });
  after(async () => {
    await ctx.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('warns the Clerk, and only the Clerk, when the council has never been backed up', async () => {
    const clerk = new TestClient(ctx.app);
    await clerk.signIn(ctx.emailOf('clerk'));
    const home = await clerk.get('/');
    assert.match(home.text('[data-testid="stale-backup"]'), /No recent backup .*This council has not been backed up yet\./);
    const councillor = new TestClient(ctx.app);
    await councillor.signIn(ctx.emailOf('riverside'));
    assert.equal((await councillor.get('/')).$('[data-testid="stale-backup"]').length, 0);
  });

  it('backs up when the newest backup is older than the setting, keeps the last few, and the warning goes', async () => {
    const day = 86_400_000;
    const at = (daysBefore: number, hours = 0) => new Date(LATER.getTime() - daysBefore * day + hours * 3_600_000);
    let now = at(10);
    const scheduler = new BackupScheduler({ db: ctx.db, dir, everyHours: 24, keep: 2, now: () => now });
    const files = async () => (await readdir(dir)).filter((f) => f.endsWith('.backup.gz')).sort();
    // A file's time is the clock's, as it would be had the days really passed.
    const stamp = async () => utimes(join(dir, scheduledBackupName(now)), now, now);

    assert.ok(await scheduler.runIfDue(), 'the first look makes a backup');
    await stamp();
    now = at(10, 11);
    assert.equal(await scheduler.runIfDue(), undefined, 'not due eleven hours later');
    const made: string[] = [];
    for (const daysBefore of [9, 8, 1]) {
      now = at(daysBefore);
      assert.ok(await scheduler.runIfDue(), `due ${daysBefore} days before`);
      await stamp();
      made.push(scheduledBackupName(now));
    }
    assert.deepEqual(await files(), made.slice(-2), 'the last two kept');

    const council = await ctx.db.system((trx) => trx.selectFrom('councils').select('backed_up_at').where('id', '=', ctx.council.id).executeTakeFirstOrThrow());
    assert.equal(new Date(council.backed_up_at!).toISOString(), at(1).toISOString());
    const clerk = new TestClient(ctx.app);
    await clerk.signIn(ctx.emailOf('clerk'));
    ctx.app.concord.councils.invalidate();
    assert.equal((await clerk.get('/')).$('[data-testid="stale-backup"]').length, 0, 'backed up yesterday: no warning');
  });
});
