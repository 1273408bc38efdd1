import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CATALOGUES, councilTranslator } from '../capabilities/registry.js';
import { Secret, TOTP } from 'otpauth';
import { FIXED_NOW, testApp, type DemoKey, type TestContext } from '../../test/helpers/app.js';
import { TestClient, type Page } from '../../test/helpers/client.js';

const en = CATALOGUES.en;
const cy = CATALOGUES.cy;
const PLURAL_FORMS = ['zero', 'one', 'two', 'few', 'many'] as const;
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
/** A message about a number of things: it has a count in it. */
const COUNTED = /\{(count|days|total|read|overdue)\}/;

describe('the Welsh catalogue', () => {
  it('has every English key, with the same placeholders', () => {
    const missing = Object.keys(en).filter((key) => !(key in cy));
    assert.deepEqual(missing, []);
    const different = Object.keys(en).filter((key) => key in cy && placeholders(en[key]!).join() !== placeholders(cy[key]!).join());
    assert.deepEqual(different, []);
  });

  it('has nothing the English lacks, but the plural forms', () => {
    const extra = Object.keys(cy).filter((key) => !(key in en) && !PLURAL_FORMS.some((form) => key.endsWith(`.${form}`) && key.slice(0, -form.length - 1) in en));
    assert.deepEqual(extra, []);
  });

  it('has every Welsh plural form where a count is used', () => {
    const lacking: string[] = [];
    for (const [key, text] of Object.entries(en)) {
      if (/\.(zero|one|two|few|many)$/.test(key) || !COUNTED.test(text)) continue;
      for (const form of PLURAL_FORMS) if (!(`${key}.${form}` in cy)) lacking.push(`${key}.${form}`);
    }
    assert.deepEqual(lacking, []);
  });

  it('never puts an article or a mutating word before the Clerk’s title, so that “Clerc y Dref” reads correctly', () => {
    // The title may carry its own article ("Clerc y Dref") and cannot mutate, so it stands in
    // brackets after a fixed noun ("i’r swyddog priodol ({clerk})"), after "fel", or alone
    // (docs/glossary-cy.md, "Terminology placeholders and mutation").
    const mutating = /(?<!\p{L})(?:y|yr|i|at|o|gan|dan|am|ar|ei|dy|wrth|heb|hyd|drwy|trwy|tan|gyda|â|a|ac|neu|yn|yng|ym)\s+\{clerk\}|['’]r\s+\{clerk\}/iu;
    const offending = Object.entries(cy).filter(([, text]) => mutating.test(text)).map(([key, text]) => `${key}: ${text}`);
    assert.deepEqual(offending, []);
    // Nor after any other word: the title stands alone, in brackets, or after "fel".
    const placed = Object.entries(cy)
      .filter(([, text]) => text !== '{clerk}' && [...text.matchAll(/\{clerk\}/g)].some((m) => !/(?:\(|(?<!\p{L})fel\s)$/iu.test(text.slice(0, m.index))))
      .map(([key, text]) => `${key}: ${text}`);
    assert.deepEqual(placed, []);
    // Nor the protocol's name after "o", which would mutate it ("o Brotocol …").
    assert.deepEqual(Object.entries(cy).filter(([, text]) => /(?<!\p{L})o\s+\{protocol\}/iu.test(text)).map(([key]) => key), []);

    const crickhowell = { name: 'Crickhowell Town Council', terminology: { clerk: 'Town Clerk', chair: 'Mayor', viceChair: 'Deputy Mayor', council: 'Town Council', welsh: { clerk: 'Clerc y Dref', chair: 'Maer', viceChair: 'Dirprwy Faer', council: 'Cyngor Tref', councilName: 'Cyngor Tref Crucywel' } } };
    const t = councilTranslator(crickhowell, 'cy');
    assert.match(t('dispensations.new.lead'), /yn ysgrifenedig i’r swyddog priodol \(Clerc y Dref\)/);
    assert.match(t('training.request.lead'), /^Dywedwch wrth bennaeth y staff \(Clerc y Dref\) pa hyfforddiant/);
    assert.equal(t('training.audience.clerk'), 'Clerc y Dref');
    const doubled = Object.keys(cy).map((key) => t(key)).filter((text) => /(?<!\p{L})(?:y|yr)\s+Clerc y Dref|['’]r\s+Clerc y Dref/iu.test(text));
    assert.deepEqual(doubled, []);
  });
});

/**
 * English text that must not appear on a Welsh page: each catalogue message that differs in
 * Welsh, as a whole text, or the fixed words of a message with placeholders.
 */
function englishMarkers(): { whole: Set<string>; parts: string[] } {
  const whole = new Set<string>();
  const parts: string[] = [];
  for (const [key, text] of Object.entries(en)) {
    if (cy[key] === text) continue;
    if (!/\{\w+\}/.test(text)) {
      if (/[A-Za-z]{3,}/.test(text)) whole.add(text.trim());
    } else {
      for (const part of text.split(/\{\w+\}/)) if (part.trim().length >= 18) parts.push(part.trim());
    }
  }
  return { whole, parts };
}

function englishOn(page: Page, markers: ReturnType<typeof englishMarkers>): string[] {
  const found: string[] = [];
  // Text in another language is marked with its own lang attribute, and is allowed.
  page.$('[lang]:not(html)').remove();
  page.$('script, style').remove();
  page.$('body *').each((_, el) => {
    const own = page
      .$(el)
      .contents()
      .filter((_, n) => n.nodeType === 3)
      .text()
      .replace(/\s+/g, ' ')
      .trim();
    if (own && markers.whole.has(own)) found.push(own);
  });
  const all = page.$('body').text().replace(/\s+/g, ' ');
  for (const part of markers.parts) if (all.includes(part)) found.push(part);
  for (const attr of ['aria-label', 'placeholder', 'title', 'alt']) {
    page.$(`[${attr}]`).each((_, el) => {
      const value = page.$(el).attr(attr)?.trim();
      if (value && markers.whole.has(value)) found.push(`${attr}: ${value}`);
    });
  }
  return [...new Set(found)];
}

describe('pages in Welsh (Crickhowell Town Council)', () => {
  let ctx: TestContext;
  const markers = englishMarkers();
  before(async () => {
    ctx = await testApp({ template: 'crickhowell' });
  });
  after(() => ctx.close());

  const pages = ['/', '/protocol', '/meetings', '/documents', '/interests', '/enquiries', '/enquiries/new', '/bulletins', '/messages', '/decisions', '/tasks', '/account'];
  const roles: DemoKey[] = ['clerk', 'officer', 'independent'];

  for (const role of roles) {
    it(`shows ${role}’s pages with no English from the catalogue, and lang="cy"`, async () => {
      const client = new TestClient(ctx.app);
      await client.signIn(ctx.emailOf(role));
      await client.get('/?lang=cy');
      const offenders: string[] = [];
      for (const path of pages) {
        const page = await client.get(path);
        if (page.status >= 300) continue;
        assert.equal(page.$('html').attr('lang'), 'cy', path);
        offenders.push(...englishOn(page, markers).map((text) => `${path}: ${text}`));
      }
      assert.deepEqual(offenders, []);
    });
  }

  it('shows the sign-in page and the public information in Welsh, signed out', async () => {
    const client = new TestClient(ctx.app);
    const offenders: string[] = [];
    for (const path of ['/sign-in?lang=cy', '/protocol', '/accessibility', '/public', '/meetings/public', '/meetings/past', '/interests/register']) {
      const page = await client.get(path);
      assert.equal(page.$('html').attr('lang'), 'cy', path);
      offenders.push(...englishOn(page, markers).map((text) => `${path}: ${text}`));
      // The council is named by its Welsh name wherever a page names it (the protocol's approval
      // record keeps each approver's name as it was recorded).
      if (path !== '/protocol') assert.doesNotMatch(page.text('main'), /Crickhowell Town Council/, path);
    }
    assert.deepEqual(offenders, []);
    const signIn = await client.get('/sign-in?lang=cy');
    assert.match(signIn.text('title'), /Cyngor Tref Crucywel/);
  });

  it('names the council in Welsh in an email to a member who reads Welsh, and in English to one who does not', async () => {
    await ctx.db.tenant(ctx.council.id, (trx) => trx.updateTable('people').set({ locale: 'cy' }).where('id', '=', ctx.people.independent).execute());
    const officer = new TestClient(ctx.app);
    await officer.signIn(ctx.emailOf('officer'));
    assert.equal((await officer.api('POST', '/api/v1/bulletins', { title: 'Biniau', body: 'Mae’r casgliadau’n symud i ddydd Mawrth.', audience: 'all' })).statusCode, 201);
    const subjects = await ctx.db.tenant(ctx.council.id, (trx) =>
      trx.selectFrom('outbox_messages').select(['recipient_id', 'subject']).where('subject', 'like', '%Biniau%').where('recipient_id', 'in', [ctx.people.independent, ctx.people.chair]).execute(),
    );
    const subjectOf = (id: string) => subjects.find((m) => m.recipient_id === id)?.subject;
    assert.equal(subjectOf(ctx.people.independent), 'Bwletin Cyngor Tref Crucywel: Biniau');
    assert.equal(subjectOf(ctx.people.chair), 'Crickhowell Town Council bulletin: Biniau');
  });

  it('shows two-step sign-in in Welsh: setting it up, the recovery codes and the code after the password', async () => {
    const client = new TestClient(ctx.app);
    await client.signIn(ctx.emailOf('officer'));
    await client.get('/?lang=cy');
    await client.get('/account');
    await client.post('/account/two-step', {});
    const offenders: string[] = [];
    const check = (label: string, page: Page) => {
      assert.equal(page.$('html').attr('lang'), 'cy', label);
      offenders.push(...englishOn(page, markers).map((text) => `${label}: ${text}`));
    };
    const setup = await client.get('/account/two-step');
    check('set-up', setup);
    const secret = setup.text('[data-testid="two-step-secret"]').replace(/\s/g, '');
    const totp = new TOTP({ secret: Secret.fromBase32(secret) });
    check('wrong code', await client.post('/account/two-step/confirm', { code: String((Number(totp.generate({ timestamp: FIXED_NOW.getTime() })) + 1) % 1_000_000).padStart(6, '0') }));
    const codes = await client.post('/account/two-step/confirm', { code: totp.generate({ timestamp: FIXED_NOW.getTime() }) });
    assert.equal(codes.$('[data-testid="recovery-codes"] li').length, 10);
    check('recovery codes', codes);
    check('turned on', await client.get('/account/two-step'));
    const again = new TestClient(ctx.app);
    await again.get('/sign-in?lang=cy');
    const code = await again.signIn(ctx.emailOf('officer'));
    check('code step', code);
    assert.deepEqual(offenders, []);
  });

  it('refuses an instruction in Welsh, citing the council’s clause in Welsh', async () => {
    const client = new TestClient(ctx.app);
    await client.signIn(ctx.emailOf('chair'));
    const page = await client.get('/tasks/new?lang=cy');
    assert.equal(page.status, 403);
    const refusal = page.text('[data-testid="refusal"]');
    assert.match(refusal, /Protocol Cyngor Tref Crucywel/);
    assert.equal(page.$('[data-testid="refusal"] [lang="en"]').length, 0, 'the clause is in Welsh');
    const api = await client.api('GET', '/api/v1/session');
    assert.equal(api.statusCode, 200);
  });
});
