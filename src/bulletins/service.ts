import { z } from 'zod';
import type { Trx } from '../db/database.js';
import type { Council, CouncilOffice } from '../db/schema.js';
import { audit } from '../audit/audit.js';
import { queueEmail, type RecipientTranslator } from '../notifications/delivery.js';
import { londonDate, type Principal } from '../policy/principal.js';
import { InvalidInputError, NotFoundError } from '../web/errors.js';
import { labelled } from '../web/form.js';
import { requiredText } from '../web/schemas.js';

export const OFFICES = ['chair', 'vice_chair'] as const satisfies readonly CouncilOffice[];

export const bulletinInput = z
  .object({
    title: labelled(requiredText(200), 'bulletins.field.title'),
    body: labelled(requiredText(20000).describe('The bulletin, in plain text; a blank line starts a new paragraph'), 'bulletins.field.body'),
    audience: labelled(z.enum(['all', 'chosen'], 'validation.choose').describe('Every councillor, or the councillors of the chosen committees and offices'), 'bulletins.field.audience', { blankIsMissing: true }),
    committeeIds: labelled(z.array(z.uuid('validation.invalid')).default([]).describe('With audience "chosen": the committees whose members receive it'), 'bulletins.field.committees'),
    offices: labelled(z.array(z.enum(OFFICES, 'validation.invalid')).default([]).describe('With audience "chosen": the council offices whose holders receive it'), 'bulletins.field.offices'),
  })
  .superRefine((value, ctx) => {
    if (value.audience === 'chosen' && value.committeeIds.length === 0 && value.offices.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['committeeIds'], message: 'bulletins.error.noAudience' });
    }
  });
export type BulletinInput = z.infer<typeof bulletinInput>;

/** Bulletins are for councillors: they receive them, and read those sent to them first; officers write them. */
export function receivesBulletins(by: Pick<Principal, 'role'>): boolean {
  return by.role === 'councillor';
}

/** Who a bulletin is for, as chosen: everyone, or the members of some committees and/or the holders of some offices. */
export interface Audience {
  all: boolean;
  committeeIds: readonly string[];
  offices: readonly CouncilOffice[];
}

/**
 * The councillors an audience reaches on `day`: active, in their term of office that day,
 * and (unless it is everyone) on one of the chosen committees or holding one of the chosen
 * offices. A former councillor still listed on a committee is not reached.
 */
export function resolveRecipients(trx: Trx, audience: Audience, day: string) {
  let q = trx
    .selectFrom('people as p')
    .select(['p.id', 'p.name', 'p.email'])
    .where('p.role', '=', 'councillor')
    .where('p.active', '=', true)
    .where((eb) => eb.or([eb('p.term_starts', 'is', null), eb('p.term_starts', '<=', day)]))
    .where((eb) => eb.or([eb('p.term_ends', 'is', null), eb('p.term_ends', '>=', day)]));
  if (!audience.all) {
    const { committeeIds, offices } = audience;
    q = q.where((eb) => {
      const reasons = [];
      if (committeeIds.length > 0) {
        reasons.push(eb.exists(eb.selectFrom('committee_members as m').select('m.person_id').whereRef('m.person_id', '=', 'p.id').where('m.committee_id', 'in', [...committeeIds])));
      }
      if (offices.length > 0) reasons.push(eb('p.council_office', 'in', [...offices]));
      // An audience with nothing chosen reaches no one, never everyone.
      return reasons.length > 0 ? eb.or(reasons) : eb.val(false);
    });
  }
  return q.orderBy('p.name').execute();
}

/** The committees a bulletin can be addressed to, by name. */
export function listCommittees(trx: Trx) {
  return trx.selectFrom('committees').select(['id', 'name']).orderBy('name').execute();
}

const BULLETIN_COLUMNS = [
  'b.id',
  'b.title',
  'b.body',
  'b.audience_all',
  'b.audience_committee_ids',
  'b.audience_committee_names',
  'b.audience_offices',
  'b.published_at',
  'b.author_id',
  'a.name as author_name',
] as const;

/**
 * Publish a bulletin: its recipients are fixed now (the councillors the audience reaches
 * today), and each is emailed through the outbox in this same transaction, so a published
 * bulletin is always sent, even across a restart, and never sent for one that failed.
 */
export async function publishBulletin(
  trx: Trx,
  council: Council,
  by: Principal,
  input: BulletinInput,
  now: Date,
  textFor: RecipientTranslator,
  link: (path: string) => string,
) {
  const audience: Audience = input.audience === 'all' ? { all: true, committeeIds: [], offices: [] } : { all: false, committeeIds: [...new Set(input.committeeIds)], offices: [...new Set(input.offices)] };
  const committees = audience.committeeIds.length ? await trx.selectFrom('committees').select(['id', 'name']).where('id', 'in', [...audience.committeeIds]).execute() : [];
  if (committees.length !== audience.committeeIds.length) throw new InvalidInputError([{ field: 'committeeIds', key: 'bulletins.error.committeeUnknown' }]);
  const names = new Map(committees.map((c) => [c.id, c.name]));
  const recipients = await resolveRecipients(trx, audience, londonDate(now));
  if (recipients.length === 0) throw new InvalidInputError([{ field: audience.all ? 'audience' : 'committeeIds', key: 'bulletins.error.nobody' }]);

  const bulletin = await trx
    .insertInto('bulletins')
    .values({
      council_id: council.id,
      title: input.title,
      body: input.body,
      audience_all: audience.all,
      audience_committee_ids: [...audience.committeeIds],
      audience_committee_names: audience.committeeIds.map((id) => names.get(id) ?? ''),
      audience_offices: [...audience.offices],
      author_id: by.personId,
      published_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('bulletin_recipients')
    .values(recipients.map((r) => ({ council_id: council.id, bulletin_id: bulletin.id, person_id: r.id })))
    .execute();

  const vars = { title: input.title, body: input.body, author: by.name, link: link(`/bulletins/${bulletin.id}`) };
  for (const r of recipients) {
    const t = textFor(r);
    await queueEmail(trx, council.id, { to: r, subject: t('bulletins.email.subject', vars), body: t('bulletins.email.body', vars), link: vars.link });
  }
  await audit(trx, {
    councilId: council.id,
    actorId: by.personId,
    action: 'bulletin.published',
    entityType: 'bulletin',
    entityId: bulletin.id,
    data: { title: input.title, audience, recipients: recipients.length },
  });
  return getBulletin(trx, bulletin.id);
}

async function getBulletin(trx: Trx, id: string) {
  const bulletin = await trx.selectFrom('bulletins as b').innerJoin('people as a', 'a.id', 'b.author_id').select([...BULLETIN_COLUMNS]).where('b.id', '=', id).executeTakeFirst();
  if (!bulletin) throw new NotFoundError();
  return bulletin;
}
export type BulletinRow = Awaited<ReturnType<typeof getBulletin>>;

/**
 * The archive: every published bulletin, the newest first, with what this person needs
 * beside each: whether it was sent to them and when they read it, and how many it went to
 * and have read (shown only to officers).
 */
export function listBulletins(trx: Trx, viewer: Principal) {
  return trx
    .selectFrom('bulletins as b')
    .innerJoin('people as a', 'a.id', 'b.author_id')
    .leftJoin('bulletin_recipients as mine', (j) => j.onRef('mine.bulletin_id', '=', 'b.id').on('mine.person_id', '=', viewer.personId))
    .select([...BULLETIN_COLUMNS])
    .select((eb) => [
      eb('mine.person_id', 'is not', null).as('sent_to_viewer'),
      'mine.read_at as viewer_read_at',
      eb.selectFrom('bulletin_recipients as r').select((e) => e.fn.countAll<string>().as('n')).whereRef('r.bulletin_id', '=', 'b.id').as('recipient_count'),
      eb.selectFrom('bulletin_recipients as r').select((e) => e.fn.countAll<string>().as('n')).whereRef('r.bulletin_id', '=', 'b.id').where('r.read_at', 'is not', null).as('read_count'),
    ])
    .orderBy('b.published_at', 'desc')
    .orderBy('b.id')
    .execute();
}
export type ListedBulletin = Awaited<ReturnType<typeof listBulletins>>[number];

/** A councillor's own bulletins: the unread first, then the newest. */
export async function listInbox(trx: Trx, viewer: Principal) {
  const sent = (await listBulletins(trx, viewer)).filter((b) => b.sent_to_viewer);
  return [...sent.filter((b) => !b.viewer_read_at), ...sent.filter((b) => b.viewer_read_at)];
}

/** How many bulletins sent to this person they have not opened yet. */
export async function countUnread(trx: Trx, personId: string): Promise<number> {
  const row = await trx
    .selectFrom('bulletin_recipients')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('person_id', '=', personId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Open a bulletin. For one of its recipients, the first opening is the read receipt; later
 * openings leave it as it was. Anyone else (an officer, or a councillor reading the archive)
 * leaves no receipt and is not counted.
 */
export async function openBulletin(trx: Trx, viewer: Principal, id: string, now: Date) {
  const bulletin = await getBulletin(trx, id);
  await trx.updateTable('bulletin_recipients').set({ read_at: now }).where('bulletin_id', '=', id).where('person_id', '=', viewer.personId).where('read_at', 'is', null).execute();
  const mine = await trx.selectFrom('bulletin_recipients').select('read_at').where('bulletin_id', '=', id).where('person_id', '=', viewer.personId).executeTakeFirst();
  return { bulletin, sentToViewer: mine !== undefined, readAt: mine?.read_at ?? null };
}

/** Who a bulletin went to and when each first read it: those yet to read it first, then by name. */
export async function listReceipts(trx: Trx, id: string) {
  await getBulletin(trx, id);
  const rows = await trx
    .selectFrom('bulletin_recipients as r')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .select(['r.person_id', 'p.name', 'r.read_at'])
    .where('r.bulletin_id', '=', id)
    .orderBy('p.name')
    .execute();
  return [...rows.filter((r) => !r.read_at), ...rows.filter((r) => r.read_at)];
}
