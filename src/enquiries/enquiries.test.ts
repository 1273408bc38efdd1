import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FIXED_NOW, testApp, type TestContext } from '../../test/helpers/app.js';
import { createJobRunner } from '../capabilities/registry.js';
import type { MailMessage } from '../notifications/mailer.js';
import { TestClient } from '../../test/helpers/client.js';
import { buildReport, median, percentile, type ReportEnquiry } from './report.js';

describe('the report’s statistics', () => {
  it('takes the median as the middle value, or the mean of the two middle values', () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([8, 1, 3, 2]), 2.5);
    assert.equal(median([]), null);
  });

  it('takes percentiles by the nearest-rank method: the value at rank ⌈p/100 × n⌉', () => {
    assert.equal(percentile([15, 20, 35, 40, 50], 30), 20, 'rank ⌈1.5⌉ = 2');
    assert.equal(percentile([15, 20, 35, 40, 50], 100), 50);
    assert.equal(percentile([10, 1, 4, 2, 3], 90), 10, 'rank ⌈4.5⌉ = 5');
    assert.equal(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90), 9, 'rank 9 exactly: no interpolation');
    assert.equal(percentile([7], 90), 7);
    assert.equal(percentile([], 90), null);
  });

  it('counts an unanswered enquiry as late only once it is past due, and keeps to the period', () => {
    const base = { councillorId: 'a', councillorName: 'A', office: null, groups: [] } as const;
    const rows: ReportEnquiry[] = [
      { ...base, receivedOn: '2025-11-03', dueOn: '2025-11-10', answeredOn: null },
      { ...base, receivedOn: '2025-11-24', dueOn: '2025-12-01', answeredOn: null },
      { ...base, receivedOn: '2025-12-03', dueOn: '2025-12-10', answeredOn: '2025-12-04' },
    ];
    const r = buildReport(rows, { from: '2025-11-01', to: '2025-11-30', margin: 2, today: '2025-11-26', cal: { nation: 'england', officeDays: [1, 2, 3, 4, 5] }, officeLabel: () => 'none', noGroupLabel: 'none' });
    assert.deepEqual(r.overall, { received: 2, answered: 0, onTime: 0, late: 1, median: null, p90: null, onTimeShare: 0 });
  });
});

describe('enquiries', () => {
  let ctx: TestContext;
  let tomsEnquiry: string;
  before(async () => {
    ctx = await testApp({ template: 'ilminster', config: { publicUrl: 'https://concord.ilminster.example/' } });
  });
  after(() => ctx.close());

  it('lets a councillor send an enquiry, with a reference and a due date five working days on', async () => {
    const client = new TestClient(ctx.app);
    await client.signIn(ctx.emailOf('riverside'));
    const form = await client.get('/enquiries/new');
    assert.equal(form.status, 200);
    const sent = await client.post('/enquiries/new', { kind: 'enquiry', subject: 'Potholes on Bay Hill', body: 'Residents report three potholes near the school.' });
    assert.equal(sent.status, 303);
    tomsEnquiry = sent.location!.split('/').pop()!;
    const page = await client.get(`/enquiries/${tomsEnquiry}`);
    assert.match(page.text('h1'), /Potholes on Bay Hill/);
    assert.match(page.text('.govuk-caption-l'), /^ENQ-2026-\d{4}$/);
    // Sunday 22 November 2026: Mon 23 … Fri 27 are the five working days.
    assert.match(page.text('.govuk-summary-list'), /Friday 27 November 2026|27 November 2026/);
    assert.equal(page.text('[data-testid="status"]'), 'Open');
    assert.match(page.text('.govuk-notification-banner'), /ENQ-2026-\d{4} has been sent/);
    const list = await client.get('/enquiries');
    assert.match(list.text('[data-testid="enquiries"]'), /Potholes on Bay Hill/);
    assert.doesNotMatch(list.text('[data-testid="enquiries"]'), /Bench on Market Square/, 'only their own');
  });

  it('acknowledges the enquiry by email, through a durable job', async () => {
    const sent: MailMessage[] = [];
    const runner = createJobRunner({ db: ctx.db, mailer: { send: async (m) => void sent.push(m) }, clock: () => new Date(FIXED_NOW.getTime() + 60_000) });
    await runner.runDue(new Date(FIXED_NOW.getTime() + 60_000));
    const ack = sent.find((m) => m.to === ctx.emailOf('riverside'));
    assert.ok(ack, `an acknowledgement went to the councillor (sent: ${sent.map((m) => m.to).join(', ')})`);
    assert.match(ack.subject, /^Ilminster Town Council: enquiry ENQ-2026-\d{4} received$/);
    assert.match(ack.text, /“Potholes on Bay Hill”.*by 27 November 2026/);
    await runner.runDue(new Date(FIXED_NOW.getTime() + 120_000));
    assert.equal(sent.filter((m) => m.to === ctx.emailOf('riverside')).length, 1, 'sent once');
  });

  it('links the acknowledgement to the enquiry’s page, says first what it is, and sends an HTML part with the same words, escaped', async () => {
    const client = new TestClient(ctx.app);
    await client.signIn(ctx.emailOf('riverside'));
    const made = await client.post('/enquiries/new', { kind: 'enquiry', subject: '<script>alert(1)</script> & bins', body: 'The bins by the <b>park</b> are full.' });
    assert.equal(made.status, 303);
    const id = made.location!.split('/').pop()!;
    const sent: MailMessage[] = [];
    const at = new Date(FIXED_NOW.getTime() + 180_000);
    await createJobRunner({ db: ctx.db, mailer: { send: async (m) => void sent.push(m) }, clock: () => at }).runDue(at);
    const ack = sent.find((m) => m.to === ctx.emailOf('riverside') && m.text.includes('bins'));
    assert.ok(ack, 'the acknowledgement was sent');
    const link = `https://concord.ilminster.example/enquiries/${id}`;
    assert.match(ack.text.split('\n')[0]!, /^Your enquiry ENQ-2026-\d{4} has been received\. Follow it/, 'the first line says what it is and what to do');
    assert.ok(ack.text.includes(link), `the text links to the enquiry (${ack.text})`);
    assert.equal((await client.get(new URL(link).pathname)).status, 200, 'the link opens the enquiry');

    assert.ok(ack.html, 'an HTML part is sent');
    assert.ok(ack.html.includes(`<a href="${link}"`), 'the HTML part links to the same page');
    assert.doesNotMatch(ack.html, /<script|<b>/, 'nothing the councillor wrote becomes markup');
    assert.ok(ack.html.includes('&lt;script&gt;alert(1)&lt;/script&gt; &amp; bins'), 'the subject is shown, escaped');
    assert.doesNotMatch(ack.html, /<img|<h\d/, 'plain: no images, no headings');
    const paragraphs = ack.text.split(/\n\s*\n/).length;
    assert.equal(ack.html.match(/<p /g)?.length, paragraphs, 'one paragraph for each of the text’s');
  });

  it('shows a councillor their own enquiries only: another’s is not found, on the page and in the API', async () => {
    const client = new TestClient(ctx.app);
    await client.signIn(ctx.emailOf('market'));
    assert.equal((await client.get(`/enquiries/${tomsEnquiry}`)).status, 404);
    const res = await client.api('GET', `/api/v1/enquiries/${tomsEnquiry}`);
    assert.equal(res.statusCode, 404);
    const mine = await client.api('GET', '/api/v1/enquiries');
    assert.ok(mine.json().enquiries.length > 0);
    assert.ok(mine.json().enquiries.every((e: { councillorId: string }) => e.councillorId === ctx.people.market));
  });

  it('gives officers the queue ordered by due date, overdue ones flagged', async () => {
    const client = new TestClient(ctx.app);
    await client.signIn(ctx.emailOf('officer'));
    const res = await client.api('GET', '/api/v1/enquiries');
    const due = res.json().enquiries.map((e: { dueOn: string }) => e.dueOn);
    assert.deepEqual(due, [...due].sort());
    assert.ok(res.json().enquiries.some((e: { councillorId: string }) => e.councillorId === ctx.people.riverside));
    const page = await client.get('/enquiries');
    assert.ok(page.$('[data-testid="overdue"]').length >= 1, 'the demo’s unanswered enquiry from two weeks ago is overdue');
    assert.equal(page.$('[data-testid="new-enquiry"]').length, 0);
  });

  it('puts open enquiries at the top of the officers’ page, and can show the open ones only', async () => {
    const client = new TestClient(ctx.app);
    await client.signIn(ctx.emailOf('officer'));
    const statuses = (page: Awaited<ReturnType<typeof client.get>>) =>
      page.$('[data-testid="enquiries"] tbody tr').map((_, tr) => page.$(tr).find('td').last().find('.govuk-tag').first().text().trim()).get();
    const all = await client.get('/enquiries');
    const shown = statuses(all);
    assert.ok(shown.includes('Open') && shown.some((s) => s !== 'Open'), `the demo has open and answered enquiries: ${shown.join(', ')}`);
    assert.deepEqual(shown, [...shown.filter((s) => s === 'Open'), ...shown.filter((s) => s !== 'Open')], 'open first');
    const href = all.$('[data-testid="open-only"]').attr('href')!;
    const open = await client.get(href);
    assert.equal(open.status, 200);
    assert.deepEqual([...new Set(statuses(open))], ['Open']);
  });

  it('puts an officer’s reply in the councillor’s thread and marks it answered', async () => {
    const officer = new TestClient(ctx.app);
    await officer.signIn(ctx.emailOf('officer'));
    await officer.get(`/enquiries/${tomsEnquiry}`);
    const replied = await officer.post(`/enquiries/${tomsEnquiry}/reply`, { body: 'Reported to the county council; repairs are booked.', status: 'answered' });
    assert.equal(replied.status, 303);
    const councillor = new TestClient(ctx.app);
    await councillor.signIn(ctx.emailOf('riverside'));
    const page = await councillor.get(`/enquiries/${tomsEnquiry}`);
    assert.match(page.text('[data-testid="thread"]'), /Residents report three potholes.*Sam Patel, Assistant Clerk.*repairs are booked/);
    assert.equal(page.text('[data-testid="status"]'), 'Answered');
    assert.equal(page.$(`form[action="/enquiries/${tomsEnquiry}/reply"]`).length, 0, 'no reply form for the councillor');
    const api = await councillor.api('GET', `/api/v1/enquiries/${tomsEnquiry}`);
    assert.equal(api.json().status, 'answered');
    assert.ok(api.json().answeredAt);
    const audit = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('audit_log').select('action').where('entity_id', '=', tomsEnquiry).execute());
    assert.deepEqual(audit.map((a) => a.action).sort(), ['enquiry.created', 'enquiry.replied']);
  });

  it('refuses a councillor’s reply with the clause, and stores nothing', async () => {
    const client = new TestClient(ctx.app);
    await client.signIn(ctx.emailOf('riverside'));
    const res = await client.api('POST', `/api/v1/enquiries/${tomsEnquiry}/replies`, { body: 'Answering myself', status: 'closed' });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().error.id, 'day_to_day_running');
  });

  it('names the missing fields of an enquiry', async () => {
    const client = new TestClient(ctx.app);
    await client.signIn(ctx.emailOf('chair'));
    await client.get('/enquiries/new');
    const page = await client.post('/enquiries/new', { subject: '', body: '' });
    assert.equal(page.status, 400);
    assert.deepEqual(page.errors(), ['Enter subject', 'Enter your enquiry']);
  });

  it('keeps the enquiry form for councillors', async () => {
    const client = new TestClient(ctx.app);
    await client.signIn(ctx.emailOf('officer'));
    assert.equal((await client.get('/enquiries/new')).status, 404);
  });

  it('offers each person what the rules allow: the report to the Clerk, the reply form to officers', async () => {
    const view = async (key: 'clerk' | 'officer' | 'riverside') => {
      const client = new TestClient(ctx.app);
      await client.signIn(ctx.emailOf(key));
      const list = await client.get('/enquiries');
      const thread = await client.get(`/enquiries/${tomsEnquiry}`);
      return { report: list.$('[data-testid="report-link"]').length, send: list.$('[data-testid="new-enquiry"]').length, reply: thread.$(`form[action="/enquiries/${tomsEnquiry}/reply"]`).length };
    };
    assert.deepEqual(await view('clerk'), { report: 1, send: 0, reply: 1 });
    assert.deepEqual(await view('officer'), { report: 0, send: 0, reply: 1 });
    assert.deepEqual(await view('riverside'), { report: 0, send: 1, reply: 0 });
  });

  it('refuses a councillor’s reply on the page too, naming the clause', async () => {
    const client = new TestClient(ctx.app);
    await client.signIn(ctx.emailOf('riverside'));
    await client.get(`/enquiries/${tomsEnquiry}`);
    const page = await client.post(`/enquiries/${tomsEnquiry}/reply`, { body: 'Answering myself', status: 'closed' });
    assert.equal(page.status, 403);
    assert.equal(page.$('[data-testid="refusal"]').attr('data-error-id'), 'day_to_day_running');
    assert.match(page.text('[data-testid="refusal"]'), /Refused under clause/);
  });
});

describe('the equal-treatment report', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await testApp({ template: 'ilminster' });
    // Known data, November 2025 (England, Mon–Fri): all received Mon 3 Nov, due Mon 10 Nov.
    const answers: [key: 'chair' | 'market' | 'independent', answered: string | null][] = [
      ['chair', '2025-11-04'], // 1 working day
      ['chair', '2025-11-05'], // 2
      ['chair', '2025-11-06'], // 3
      ['market', '2025-11-07'], // 4
      ['market', '2025-11-17'], // 10: late
      ['independent', null], // unanswered, past due: late
    ];
    await ctx.db.tenant(ctx.council.id, async (trx) => {
      for (const [i, [key, answered]] of answers.entries()) {
        await trx
          .insertInto('enquiries')
          .values({
            council_id: ctx.council.id,
            reference: `ENQ-2025-${String(i + 1).padStart(4, '0')}`,
            ref_year: 2025,
            ref_number: i + 1,
            councillor_id: ctx.people[key],
            subject: `Test ${i + 1}`,
            body: 'Known data',
            status: answered ? 'answered' : 'open',
            received_at: '2025-11-03T10:00:00Z',
            due_on: '2025-11-10',
            answered_at: answered ? `${answered}T15:00:00Z` : null,
          })
          .execute();
      }
    });
  });
  after(() => ctx.close());
  const period = 'from=2025-11-01&to=2025-11-30';

  it('refuses a councillor the report, naming the clause', async () => {
    const client = new TestClient(ctx.app);
    await client.signIn(ctx.emailOf('chair'));
    const page = await client.get(`/reports/equal-treatment?${period}`);
    assert.equal(page.status, 403);
    assert.equal(page.$('[data-testid="refusal"]').attr('data-error-id'), 'day_to_day_running');
    assert.match(page.text('[data-testid="refusal"]'), /Refused under clause/);
    assert.equal((await client.get(`/reports/equal-treatment.csv?${period}`)).status, 403);
  });

  it('refuses an officer other than the Clerk', async () => {
    const client = new TestClient(ctx.app);
    await client.signIn(ctx.emailOf('officer'));
    const page = await client.get(`/reports/equal-treatment?${period}`);
    assert.equal(page.status, 403);
    assert.equal(page.$('[data-testid="refusal"]').attr('data-error-id'), 'clerk_manages_staff');
  });

  it('computes median, 90th percentile and on-time share from known data, and flags the group beyond the margin', async () => {
    const client = new TestClient(ctx.app);
    await client.signIn(ctx.emailOf('clerk'));
    const page = await client.get(`/reports/equal-treatment?${period}`);
    assert.equal(page.status, 200);
    // Times 1, 2, 3, 4, 10: median 3; 90th percentile rank ⌈4.5⌉ = 5 → 10; on time 4 of 6 (one late answer, one unanswered past due).
    assert.equal(page.text('[data-testid="overall"]'), '6 enquiries received, 5 answered. Median 3 working days, 90th percentile 10, 66.7% on time.');
    const rows = (testid: string) =>
      page
        .$(`[data-testid="${testid}"] tbody tr`)
        .map((_, tr) => page.$(tr).find('th, td').map((__, c) => page.$(c).text().replace(/\s+/g, ' ').trim()).get().join(' | ').trim())
        .get();
    assert.deepEqual(rows('table-group'), [
      'Market Ward Independents | 2 | 2 | 7 | 10 | 50% | Differs',
      'No group | 1 | 0 | – | – | 0% |',
      'Riverside Group | 3 | 3 | 2 | 3 | 100% |',
    ]);
    assert.deepEqual(rows('table-councillor'), ['Hannah Price | 2 | 2 | 7 | 10 | 50% | Differs', 'Jo Evans | 3 | 3 | 2 | 3 | 100% |', 'Owen Hughes | 1 | 0 | – | – | 0% |']);
    const office = rows('table-office');
    assert.equal(office.length, 2);
    assert.ok(office.includes('No office | 3 | 2 | 7 | 10 | 33.3% | Differs'), office.join('\n'));
    assert.equal(page.$('[data-testid="chart-group"] meter').length, 3);
    assert.equal(page.$('[data-testid="chart-group"] meter').first().attr('value'), '7');
    assert.equal(page.$('[data-testid="flag-warning"]').length, 1);
  });

  it('exports the same figures as CSV', async () => {
    const client = new TestClient(ctx.app);
    await client.signIn(ctx.emailOf('clerk'));
    const csv = await client.get(`/reports/equal-treatment.csv?${period}`);
    assert.equal(csv.status, 200);
    assert.match(String(csv.res.headers['content-type']), /^text\/csv/);
    const lines = csv.res.body.trim().split('\r\n');
    assert.equal(lines[0], '"breakdown","name","received","answered","on time","late","median working days","90th percentile working days","on time %","flagged"');
    assert.match(lines[1]!, /^"council","[^"]+","6","5","4","2","3","10","66.7","no"$/);
    assert.ok(lines.includes('"group","Market Ward Independents","2","2","1","1","7","10","50","yes"'));
    assert.ok(lines.includes('"group","No group","1","0","0","1","","","0","no"'));
    assert.ok(lines.includes('"councillor","Jo Evans","3","3","3","0","2","3","100","no"'));
  });

  it('rejects a period that ends before it starts', async () => {
    const client = new TestClient(ctx.app);
    await client.signIn(ctx.emailOf('clerk'));
    const bad = await client.get('/reports/equal-treatment?from=2025-12-01&to=2025-11-01');
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.errors(), ['The end of the period must be on or after its start']);
  });

  it('asks for the period with GOV.UK date inputs, not the browser’s own date picker', async () => {
    const client = new TestClient(ctx.app);
    await client.signIn(ctx.emailOf('clerk'));
    const page = await client.get('/reports/equal-treatment?from-day=1&from-month=12&from-year=2025&to-day=30&to-month=11&to-year=2026');
    assert.equal(page.status, 200);
    assert.equal(page.$('input[type="date"]').length, 0);
    assert.deepEqual(
      ['from-day', 'from-month', 'from-year', 'to-day', 'to-month', 'to-year'].map((name) => page.$(`input[name="${name}"]`).val()),
      ['1', '12', '2025', '30', '11', '2026'],
    );
    assert.match(page.$('[data-testid="csv-link"]').attr('href') ?? '', /from=2025-12-01&to=2026-11-30/);
    const impossible = await client.get('/reports/equal-treatment?from-day=31&from-month=2&from-year=2026&to-day=1&to-month=3&to-year=2026');
    assert.equal(impossible.status, 400);
    assert.deepEqual(impossible.errors(), ['Received from must be a real date']);
  });

  it('flags by the council’s margin, a setting on the council profile, and not by one in the address', async () => {
    const client = new TestClient(ctx.app);
    await client.signIn(ctx.emailOf('clerk'));
    const chosen = await client.get(`/reports/equal-treatment?${period}&margin=9`);
    assert.equal(chosen.$('[data-testid="flag-warning"]').length, 1, 'the default margin of 2 still applies');
    assert.match(chosen.text('[data-testid="margin"]'), /more than 2 working days/);

    const { id, slug, timeZone, ...profile } = (await client.api('GET', '/api/v1/council')).json();
    assert.ok(id && slug && timeZone);
    assert.equal(profile.equalTreatmentMarginDays, 2);
    const saved = await client.api('PUT', '/api/v1/council', { ...profile, equalTreatmentMarginDays: 5 });
    assert.equal(saved.statusCode, 200, saved.body);
    const wide = await client.get(`/reports/equal-treatment?${period}`);
    assert.equal(wide.$('[data-testid="flag-warning"]').length, 0, 'Market Ward Independents, 4 days from the median, is within 5');
    assert.match(wide.text('[data-testid="margin"]'), /more than 5 working days/);
    assert.ok(!(await client.get(`/reports/equal-treatment.csv?${period}`)).res.body.includes('"yes"'));

    const page = await client.get('/setup/profile');
    assert.equal(page.$('#equalTreatmentMarginDays').val(), '5');
    const form: Record<string, string | string[]> = {
      name: profile.name,
      kind: profile.kind,
      nation: profile.nation,
      principalAuthority: profile.principalAuthority,
      'terminology.clerk': profile.terminology.clerk,
      'terminology.chair': profile.terminology.chair,
      'terminology.viceChair': profile.terminology.viceChair,
      'terminology.council': profile.terminology.council,
      'officeHours.days': profile.officeHours.days.map(String),
      'officeHours.opens': profile.officeHours.opens,
      'officeHours.closes': profile.officeHours.closes,
      enquiryResponseDays: '7',
      agendaNoticeDays: String(profile.agendaNoticeDays),
    };
    const narrow = await client.post('/setup/profile', { ...form, equalTreatmentMarginDays: '1' });
    assert.equal(narrow.status, 303);
    const flagged = await client.get(`/reports/equal-treatment?${period}`);
    assert.equal(flagged.$('[data-testid="flag-warning"]').length, 1);
    assert.match(flagged.text('[data-testid="flag-warning"]'), /more than 1 working days/);
    assert.equal((await client.api('GET', '/api/v1/council')).json().enquiryResponseDays, 7, 'the response target is edited on the same form');
  });

  it('refuses a margin that is not a whole number from 0 to 20, naming the field, and keeps the one set', async () => {
    const client = new TestClient(ctx.app);
    await client.signIn(ctx.emailOf('clerk'));
    const { id, slug, timeZone, ...profile } = (await client.api('GET', '/api/v1/council')).json();
    assert.ok(id && slug && timeZone);
    const before = profile.equalTreatmentMarginDays;
    const api = await client.api('PUT', '/api/v1/council', { ...profile, equalTreatmentMarginDays: 21 });
    assert.equal(api.statusCode, 400);
    assert.deepEqual(api.json().error.fields.map((f: { field: string }) => f.field), ['equalTreatmentMarginDays']);

    const page = await client.get('/setup/profile');
    const form: Record<string, string | string[]> = {};
    page.$('[data-testid="profile-form"] input[type="text"], [data-testid="profile-form"] input:not([type])').each((_, el) => {
      const name = page.$(el).attr('name');
      if (name) form[name] = String(page.$(el).val() ?? '');
    });
    form.kind = String(page.$('input[name="kind"]:checked').val());
    form.nation = String(page.$('input[name="nation"]:checked').val());
    form['officeHours.days'] = page.$('input[name="officeHours.days"]:checked').map((_, el) => String(page.$(el).val())).get();
    for (const bad of ['1.5', 'two', '']) {
      const res = await client.post('/setup/profile', { ...form, equalTreatmentMarginDays: bad });
      assert.equal(res.status, 400, `"${bad}" is refused`);
      assert.deepEqual(res.errors(), ['Margin for the equal-treatment report must be a whole number from 0 to 20']);
      assert.equal(res.$('.govuk-error-summary a').attr('href'), '#equalTreatmentMarginDays');
    }
    assert.equal((await client.api('GET', '/api/v1/council')).json().equalTreatmentMarginDays, before);
  });
});
