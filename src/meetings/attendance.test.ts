import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestContext } from '../../test/helpers/app.js';
import { TestClient } from '../../test/helpers/client.js';
import type { DemoKey } from '../demo/demo.js';

async function signedIn(ctx: TestContext, key: DemoKey) {
  const client = new TestClient(ctx.app);
  await client.signIn(ctx.emailOf(key));
  return client;
}
const meetingOn = (ctx: TestContext, date: string) =>
  ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('meetings').select('id').where('meeting_date', '=', date).where('committee_id', 'is', null).executeTakeFirstOrThrow());

describe('meetings: who attended', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await testApp({ template: 'ilminster' });
  });
  after(() => ctx.close());

  it('shows the recorded attendance in the minutes, under each heading', async () => {
    const last = await meetingOn(ctx, '2026-10-22');
    const councillor = await signedIn(ctx, 'independent');
    const minutes = await councillor.get(`/meetings/${last.id}/minutes`);
    const text = minutes.text('[data-testid="minutes-attendance"]');
    assert.match(text, /^Present.*Jo Evans.*Apologies\s*Hannah Price\s*In attendance\s*Alex Morgan/);
    assert.doesNotMatch(text, /Dan Clarke/, 'a councillor whose term had ended by then was not a member');
  });

  it('lets the Clerk record it, every member accounted for, and replaces what was there', async () => {
    const last = await meetingOn(ctx, '2026-10-22');
    const clerk = await signedIn(ctx, 'clerk');
    const form = await clerk.get(`/meetings/${last.id}/attendance`);
    const memberFields = [...new Set(form.$('input[type="radio"]').map((_, el) => form.$(el).attr('name')).get())];
    const members = (['chair', 'vice', 'riverside', 'market', 'independent'] as const).map((k) => `member-${ctx.people[k]}`);
    assert.deepEqual([...memberFields].sort(), [...members].sort(), 'a choice for each councillor in term on the day, and no one else');
    const fields: Record<string, string | string[]> = Object.fromEntries(memberFields.map((name) => [name, 'present']));
    fields[`member-${ctx.people.riverside}`] = 'absent';
    fields.officers = [ctx.people.clerk, ctx.people.officer];
    const res = await clerk.post(`/meetings/${last.id}/attendance`, fields);
    assert.equal(res.status, 303);
    const api = (await clerk.api('GET', `/api/v1/meetings/${last.id}/attendance`)).json();
    assert.equal(api.members.find((m: { id: string }) => m.id === ctx.people.riverside).status, 'absent');
    assert.equal(api.members.find((m: { id: string }) => m.id === ctx.people.market).status, 'present');
    assert.deepEqual(api.officersInAttendance.map((o: { name: string }) => o.name).sort(), ['Alex Morgan', 'Sam Patel']);
    const audit = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('audit_log').select('data').where('action', '=', 'meeting.attendance_recorded').execute());
    assert.equal(audit.length, 1);
  });

  it('names each member left out, and keeps what was chosen', async () => {
    const last = await meetingOn(ctx, '2026-10-22');
    const clerk = await signedIn(ctx, 'clerk');
    await clerk.get(`/meetings/${last.id}/attendance`);
    const page = await clerk.post(`/meetings/${last.id}/attendance`, { [`member-${ctx.people.chair}`]: 'apologies' });
    assert.equal(page.status, 400);
    assert.ok(page.errors().includes('Select whether Owen Hughes was present, sent apologies or was absent'), page.errors().join(' | '));
    assert.ok(!page.errors().some((e) => e.includes('Jo Evans')), 'the member given a status is not named');
    assert.equal(page.$(`input[name="member-${ctx.people.chair}"][value="apologies"]`).attr('checked'), 'checked');
    const unchanged = (await clerk.api('GET', `/api/v1/meetings/${last.id}/attendance`)).json();
    assert.equal(unchanged.members.find((m: { id: string }) => m.id === ctx.people.chair).status, 'present', 'nothing was stored');
  });

  it('refuses a meeting not yet held, and a councillor, with the clause', async () => {
    const next = await meetingOn(ctx, '2026-12-08');
    const clerk = await signedIn(ctx, 'clerk');
    const early = await clerk.api('POST', `/api/v1/meetings/${next.id}/attendance`, { members: {}, officers: [] });
    assert.equal(early.statusCode, 400);
    assert.equal(early.json().error.fields[0].field, 'meetingId');
    const last = await meetingOn(ctx, '2026-10-22');
    const chair = await signedIn(ctx, 'chair');
    const refused = await chair.api('POST', `/api/v1/meetings/${last.id}/attendance`, { members: {}, officers: [] });
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.json().error.id, 'day_to_day_running');
    const page = await chair.get(`/meetings/${last.id}/attendance`);
    assert.equal(page.$('form[action$="/attendance"]').length, 0, 'a councillor reads it, with no form');
    assert.match(page.text('[data-testid="attendance"]'), /Jo Evans\s*Present/);
  });
});
