import { z } from 'zod';
import type { Trx } from '../db/database.js';
import type { Council } from '../db/schema.js';
import { audit } from '../audit/audit.js';
import type { ClauseIndex } from '../policy/decide.js';
import type { RuleId } from '../protocol/types.js';
import type { Principal } from '../policy/principal.js';
import { loadPrincipal } from '../auth/principal.js';
import { councilNameIn, type Locale, type Translate } from '../i18n/messages.js';
import { councilLanguages } from '../protocol/types.js';
import { inRecipientsLanguages } from '../notifications/delivery.js';
import { tidyAddress } from '../setup/people/service.js';
import { DomainError, InvalidInputError } from '../web/errors.js';
import { labelled } from '../web/form.js';
import { id, isoDate } from '../web/schemas.js';
import type { PdfBlock, PdfSpec } from '../web/pdf.js';
import { bodyName, listItems, longDay, meetingDates, refusedUnder, summonsPapers, type Counting, type MeetingRow } from './service.js';

/*
 * The summons on paper (LGA 1972 Sch. 12 paras 10(2)(b) and 26(2)(b)): a member who has not
 * agreed to receive it electronically is sent it by post to their residence, at least three
 * clear days before the meeting. The Clerk prints the pack (a letter a member, with the papers
 * that member may receive) and records the day each letter went in the post.
 */

export const postedInput = z.object({
  personIds: labelled(z.array(id('validation.invalid')).min(1, 'meetings.post.error.choose').max(200, 'validation.tooLong').describe('The members whose letters were posted'), 'meetings.post.who'),
  postedOn: labelled(isoDate.describe('The day the letters went in the post, YYYY-MM-DD'), 'meetings.post.postedOn.legend'),
});
export type PostedInput = z.infer<typeof postedInput>;

export interface PostalSummons {
  messageId: string;
  personId: string;
  name: string;
  postalAddress: string;
  postedOn: string | null;
}

/**
 * The letters of the meeting's latest summons: each member's latest message for the meeting,
 * where it went on paper. A member who has since agreed to email keeps the letter they were sent.
 */
export async function postalSummonses(trx: Trx, meetingId: string): Promise<PostalSummons[]> {
  return (await postalSummonsesOf(trx, [meetingId])).get(meetingId) ?? [];
}

/** The letters of several meetings, by meeting, in one statement (the Clerk's home page asks for every meeting issued). */
export async function postalSummonsesOf(trx: Trx, meetingIds: readonly string[]): Promise<Map<string, PostalSummons[]>> {
  const byMeeting = new Map<string, PostalSummons[]>();
  if (meetingIds.length === 0) return byMeeting;
  const rows = await trx
    .selectFrom('outbox_messages as o')
    .innerJoin('people as p', 'p.id', 'o.recipient_id')
    // A letter posted went to the name and address recorded as it was posted; one not yet
    // posted goes to the member's as they are now.
    .select((eb) => ['o.id', 'o.meeting_id', 'o.recipient_id', 'o.channel', 'o.posted_on', 'o.created_at', eb.fn.coalesce('o.recipient_name', 'p.name').as('name'), eb.fn.coalesce('o.recipient_postal_address', 'p.postal_address').as('postal_address')])
    .where('o.meeting_id', 'in', meetingIds)
    .orderBy('o.created_at', 'desc')
    .orderBy('o.id')
    .execute();
  // Each member's latest message for the meeting says how the summons reached them.
  const latest = new Map<string, (typeof rows)[number]>();
  for (const row of rows) {
    const key = `${row.meeting_id}:${row.recipient_id}`;
    if (!latest.has(key)) latest.set(key, row);
  }
  for (const r of latest.values()) {
    if (r.channel !== 'post') continue;
    const letters = byMeeting.get(r.meeting_id!) ?? [];
    letters.push({ messageId: r.id, personId: r.recipient_id!, name: r.name, postalAddress: r.postal_address, postedOn: r.posted_on });
    byMeeting.set(r.meeting_id!, letters);
  }
  for (const letters of byMeeting.values()) letters.sort((a, b) => a.name.localeCompare(b.name));
  return byMeeting;
}

function checkIssued(meeting: MeetingRow): asserts meeting is MeetingRow & { summons_issued_on: string } {
  if (meeting.summons_issued_on === null) throw new DomainError('summons_not_issued', 'meetings.post.error.notIssued', {}, { status: 409, field: 'postedOn' });
}

/**
 * Record that letters went in the post on a day. The day counts as the day of issue for those
 * members: after the latest day three clear days allow, refused (unless the meeting was accepted
 * at short notice); not before the summons was issued, nor in the future.
 */
export async function markPosted(trx: Trx, by: Principal, council: Pick<Council, 'nation'>, meeting: MeetingRow, input: PostedInput, options: { today: string; now: Date; counting: Counting }) {
  checkIssued(meeting);
  const { postedOn } = input;
  if (postedOn > options.today) throw new InvalidInputError([{ field: 'postedOn', key: 'meetings.post.error.future' }]);
  if (postedOn < meeting.summons_issued_on) throw new InvalidInputError([{ field: 'postedOn', key: 'meetings.post.error.beforeIssue', vars: { date: { day: meeting.summons_issued_on } } }]);
  const { summons } = meetingDates(meeting.meeting_date, options.counting);
  if (postedOn > summons.latestIssueDate && meeting.short_notice_reason === null) {
    // The paragraph of Sch. 12 that applies in the council's nation, as the scheduling refusal names it.
    throw new DomainError('summons_too_late', council.nation === 'wales' ? 'meetings.post.error.tooLate.wales' : 'meetings.post.error.tooLate.england', { date: { day: summons.latestIssueDate }, meeting: { day: meeting.meeting_date }, posted: { day: postedOn } }, { status: 409, field: 'postedOn' });
  }
  const letters = await postalSummonses(trx, meeting.id);
  const chosen = letters.filter((l) => input.personIds.includes(l.personId));
  if (chosen.length !== new Set(input.personIds).size) throw new InvalidInputError([{ field: 'personIds', key: 'meetings.post.error.notPostal' }]);
  // Each letter keeps the name and address it was posted to, whatever the member's record says
  // later (ticked again to correct the day, it keeps the first: the letters read them back).
  for (const letter of chosen) {
    await trx
      .updateTable('outbox_messages')
      .set({ posted_on: postedOn, posted_by: by.personId, sent_at: options.now, recipient_name: letter.name, recipient_postal_address: letter.postalAddress })
      .where('id', '=', letter.messageId)
      .execute();
  }
  await audit(trx, {
    councilId: by.councilId,
    actorId: by.personId,
    action: 'summons.posted',
    entityType: 'meeting',
    entityId: meeting.id,
    data: { postedOn, personIds: chosen.map((l) => l.personId), latestIssueDate: summons.latestIssueDate },
  });
  return chosen.map((l) => ({ personId: l.personId, name: l.name, postedOn }));
}

/** A member records where their own letters go (the Clerk does it on their record under People). */
export async function setOwnPostalAddress(trx: Trx, by: Principal, address: string): Promise<void> {
  const tidy = tidyAddress(address);
  const before = await trx.selectFrom('people').select('postal_address').where('id', '=', by.personId).executeTakeFirst();
  if (!before || before.postal_address === tidy) return;
  await trx.updateTable('people').set({ postal_address: tidy }).where('id', '=', by.personId).execute();
  await audit(trx, { councilId: by.councilId, actorId: by.personId, action: 'person.address_updated', entityType: 'person', entityId: by.personId, data: {} });
}

// ---------------------------------------------------------------- the pack

interface LetterText {
  t: Translate;
  body: string;
}

/**
 * The pack to print: one letter a member who receives the summons by post, each starting on its
 * own page with their name and address, in their language (or Welsh and English, where the
 * council sends it bilingually). Each letter carries the papers that member may receive, decided
 * as the meeting page decides them for that member; no links.
 */
export async function summonsPack(
  trx: Trx,
  council: Council,
  meeting: MeetingRow,
  options: {
    clauses: ClauseIndex;
    /** The protocol's clauses in a language, for the refusals a letter in that language names. */
    clausesIn: (locale: Locale) => Promise<ClauseIndex>;
    today: string;
    translate: (locale: Locale) => Translate;
    locale: Locale;
    language: string;
    signedBy: string;
  },
): Promise<PdfSpec> {
  checkIssued(meeting);
  const letters = await postalSummonses(trx, meeting.id);
  const items = await listItems(trx, meeting.id);
  const papersOf = await summonsPapers(trx, meeting, items, options.clauses, options.today);
  const bodies = new Map((await trx.selectFrom('agenda_papers').select(['id', 'body']).where('meeting_id', '=', meeting.id).execute()).map((p) => [p.id, p.body]));
  const people = new Map(
    letters.length
      ? (await trx.selectFrom('people').select(['id', 'name', 'role', 'term_starts', 'term_ends', 'council_office']).where('id', 'in', letters.map((l) => l.personId)).execute()).map((p) => [p.id, p])
      : [],
  );
  const bilingual = council.settings.bilingualSummons === true && councilLanguages(council).includes('cy');
  const textFor = await inRecipientsLanguages(trx, council, options.translate, '');
  const languagesFor = (personId: string): LetterText[] =>
    (bilingual ? [options.translate('cy'), options.translate('en')] : [textFor({ id: personId })]).map((t) => ({ t, body: bodyName(meeting, t) }));
  const both = (texts: LetterText[], key: string, vars?: Parameters<Translate>[1]) => texts.map(({ t }) => t(key, vars)).join(' / ');
  // A paper withheld from the member is named in their letter with the clause that withholds it, as on the meeting page.
  const withheldLine = async (texts: LetterText[], number: number, title: string, ruleId: RuleId, reader: Principal) => {
    const lines: string[] = [];
    for (const { t } of texts) {
      // The clause the meeting page would cite to this member, in this language.
      lines.push(`${t('meetings.post.letter.paper', { number, title })}. ${refusedUnder(t, await options.clausesIn(t.locale), ruleId, reader)}`.trimEnd());
    }
    return lines.join(' / ');
  };

  const blocks: PdfBlock[] = [];
  for (const letter of letters) {
    const person = people.get(letter.personId);
    // Everything of theirs the rules read (the committees they chair, their groups), as when they sign in.
    const principal = person && (await loadPrincipal(trx, person.id));
    if (!person || !principal) continue;
    if (blocks.length > 0) blocks.push({ kind: 'pageBreak' });
    const texts = languagesFor(letter.personId);
    // Whose letter it is: the council's name, in the letter's language or languages.
    blocks.push({ kind: 'paragraph', text: [...new Set(texts.map(({ t }) => councilNameIn(t, council)))].join(' / ') });
    // A paragraph a line: the address as it goes on the envelope.
    for (const line of [letter.name, ...letter.postalAddress.split('\n').filter((l) => l !== '')]) blocks.push({ kind: 'paragraph', text: line });
    if (letter.postalAddress === '') blocks.push({ kind: 'paragraph', text: both(texts, 'meetings.post.letter.noAddress') });
    blocks.push({ kind: 'paragraph', text: texts.map(({ t }) => longDay(meeting.summons_issued_on, t.locale)).join(' / ') });
    for (const { t, body } of texts) {
      blocks.push({ kind: 'heading', level: 2, text: t('meetings.summons.subject', { body, date: { day: meeting.meeting_date } }) });
      blocks.push({ kind: 'paragraph', text: t('meetings.summons.greeting') });
      blocks.push({ kind: 'paragraph', text: t('meetings.summons.lead', { body, when: `${longDay(meeting.meeting_date, t.locale)}, ${meeting.starts_at}`, venue: meeting.venue }) });
      // An item taken in private is named in general terms; what it says is not in the letter.
      blocks.push({ kind: 'list', ordered: true, items: items.map((i) => ({ label: String(i.position), text: i.confidential ? t('meetings.item.confidentialPublicTitle', { title: i.title }) : i.title })) });
    }
    const theirs: PdfBlock[] = [];
    const enclosed: string[] = [];
    const withheld: string[] = [];
    // The papers the meeting page gives this member; one withheld is named with its clause.
    for (const answer of await papersOf(principal)) {
      const { paper, item } = answer;
      if (answer.access === 'withheld') {
        withheld.push(await withheldLine(texts, item.position, paper.title, answer.refusal.ruleId, principal));
        continue;
      }
      if (paper.document_id) enclosed.push(`${item.position}. ${paper.title}`);
      else {
        theirs.push({ kind: 'heading', level: 3, text: both(texts, 'meetings.post.letter.paper', { number: item.position, title: paper.title }) });
        theirs.push({ kind: 'paragraph', text: bodies.get(paper.id) ?? '' });
      }
    }
    if (enclosed.length) {
      blocks.push({ kind: 'heading', level: 3, text: both(texts, 'meetings.post.letter.enclosed') });
      blocks.push({ kind: 'list', items: enclosed });
    }
    if (withheld.length) {
      blocks.push({ kind: 'heading', level: 3, text: both(texts, 'meetings.post.letter.withheld') });
      blocks.push({ kind: 'list', items: withheld });
    }
    blocks.push({ kind: 'paragraph', text: options.signedBy }, { kind: 'paragraph', text: both(texts, 'roles.clerk') });
    if (theirs.length) blocks.push({ kind: 'heading', level: 2, text: both(texts, 'meetings.post.letter.papers') }, ...theirs);
  }
  const t = options.translate(options.locale);
  return {
    title: t('meetings.post.pack.title', { body: bodyName(meeting, t), date: { day: meeting.meeting_date } }),
    author: council.name,
    language: options.language,
    blocks,
  };
}
