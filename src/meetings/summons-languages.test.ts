import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { testApp, type TestContext } from '../../test/helpers/app.js';
import { TestClient } from '../../test/helpers/client.js';
import { readPdf } from '../../test/helpers/pdf.js';

/** A summons in Wales: each member's in their own language, or both languages in one message. */
describe('the summons in each member’s language (Crickhowell Town Council)', () => {
  let ctx: TestContext;
  let clerk: TestClient;
  const outboxOf = (meetingId: string) =>
    ctx.db.tenant(ctx.council.id, (trx) =>
      trx.selectFrom('outbox_messages as o').innerJoin('people as p', 'p.id', 'o.recipient_id').select(['p.name', 'o.subject', 'o.body']).where('o.meeting_id', '=', meetingId).orderBy('p.name').execute(),
    );
  const meetingWithItem = async (date: string) => {
    const res = await clerk.api('POST', '/api/v1/meetings', { committeeId: null, kind: 'ordinary', meetingDate: date, startsAt: '19:00', venue: 'Clarence Hall' });
    assert.equal(res.statusCode, 201, res.body);
    const item = await clerk.api('POST', `/api/v1/meetings/${res.json().id}/items`, { title: 'Christmas lights', details: 'To agree the switch-on.' });
    assert.equal(item.statusCode, 201, item.body);
    return res.json().id as string;
  };

  before(async () => {
    ctx = await testApp({ template: 'crickhowell' });
    clerk = new TestClient(ctx.app);
    await clerk.signIn(ctx.emailOf('clerk'));
    // Tom Baker reads Concord in Welsh; everyone else has not chosen (the council's default, English).
    await ctx.db.tenant(ctx.council.id, (trx) => trx.updateTable('people').set({ locale: 'cy' }).where('id', '=', ctx.people.riverside).execute());
  });
  after(() => ctx.close());

  it('writes each member’s summons in their own language', async () => {
    const meetingId = await meetingWithItem('2026-12-10');
    const issued = await clerk.api('POST', `/api/v1/meetings/${meetingId}/summons`);
    assert.equal(issued.statusCode, 200, issued.body);
    const outbox = await outboxOf(meetingId);
    const tom = outbox.find((o) => o.name === 'Tom Baker')!;
    const owen = outbox.find((o) => o.name === 'Owen Hughes')!;
    assert.equal(tom.subject, 'Gwŷs: Cyngor Tref llawn, Dydd Iau 10 Rhagfyr 2026');
    // After the standard items the agenda starts with, in the council’s own languages (English first here, then Welsh).
    assert.match(tom.body, /1\. Apologies for absence \/ Ymddiheuriadau am absenoldeb\n[^]*6\. Christmas lights/);
    assert.match(owen.body, /1\. Apologies for absence \/ Ymddiheuriadau am absenoldeb\n/);
    assert.equal(owen.subject, 'Summons: Full Town Council, Thursday 10 December 2026');
    // His summons is in English: Welsh only in the standard business's second half, after " / ".
    const english = owen.body.split('\n').map((line) => line.split(' / ')[0]).join('\n');
    assert.doesNotMatch(english, /Gwŷs|Fe’ch gwysir|Rhagfyr|Dydd /);
  });

  it('sends Welsh and English in one message to everyone, where the council asks for a bilingual summons', async () => {
    await ctx.db.system((trx) => sql`update councils set settings = settings || '{"bilingualSummons": true}'::jsonb where id = ${ctx.council.id}`.execute(trx));
    ctx.app.concord.councils.invalidate();
    const meetingId = await meetingWithItem('2026-12-17');
    const issued = await clerk.api('POST', `/api/v1/meetings/${meetingId}/summons`);
    assert.equal(issued.statusCode, 200, issued.body);
    for (const message of await outboxOf(meetingId)) {
      assert.equal(message.subject, 'Gwŷs: Cyngor Tref llawn, Dydd Iau 17 Rhagfyr 2026 / Summons: Full Town Council, Thursday 17 December 2026', message.name);
      assert.ok(message.body.indexOf('Rhagfyr') < message.body.indexOf('December'), 'Welsh first');
    }
  });

  it('publishes the agenda PDF in the reader’s language, with its language set', async () => {
    const meetingId = await meetingWithItem('2027-01-14');
    assert.equal((await clerk.api('POST', `/api/v1/meetings/${meetingId}/summons`)).statusCode, 200);
    const visitor = new TestClient(ctx.app);
    await visitor.get('/sign-in?lang=cy');
    const res = await ctx.app.inject({ method: 'GET', url: `/meetings/${meetingId}/agenda.pdf`, headers: { cookie: `concord_lang=${visitor.cookie('concord_lang')}` } });
    assert.equal(res.statusCode, 200);
    const agenda = await readPdf(res.rawPayload);
    assert.equal(agenda.language, 'cy-GB');
    assert.match(agenda.title ?? '', /Ionawr 2027/);
    assert.deepEqual(agenda.textsOf('H1'), [agenda.title]);
    assert.deepEqual(agenda.textsOf('H2'), ['Y busnes i’w drafod']);
    assert.match(agenda.text, /Dydd Iau 14 Ionawr 2027/);
    // The standard items first, then the one added: a numbered list, in order.
    const items = agenda.textsOf('LI');
    assert.match(items[0]!, /^1\. /);
    assert.equal(items.at(-1), `${items.length}. Christmas lights To agree the switch-on.`);
    assert.deepEqual(agenda.untagged, []);
  });
});
