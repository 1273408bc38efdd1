import type { Trx } from '../db/database.js';
import { addDays } from '../calendar/dates.js';
import { resolveRecipients, type Audience } from './service.js';

interface DemoBulletin {
  from: 'clerk' | 'officer';
  title: string;
  body: string;
  /** Everyone, or the council's first committee (by name). */
  to: 'all' | 'first-committee';
  /** Calendar days before today it was published. */
  ago: number;
  /** Recipients (demo keys) who have opened it, and how many hours after publication. */
  readBy: Partial<Record<string, number>>;
}

const BULLETINS: readonly DemoBulletin[] = [
  {
    from: 'clerk',
    title: 'Winter gritting and the salt bins',
    body: 'The county council grits the main roads through the town from December. The council’s own salt bins have been refilled this week.\n\nIf residents tell you a bin is empty or damaged, please raise an enquiry with its location so that the officers can deal with it.',
    to: 'all',
    ago: 9,
    readBy: { chair: 2, riverside: 26 },
  },
  {
    from: 'officer',
    title: 'Budget papers for the next committee meeting',
    body: 'The draft budget figures for next year are now in the document library. They are the officers’ first estimates, for the committee to discuss; questions in advance help us bring answers to the meeting.',
    to: 'first-committee',
    ago: 3,
    readBy: { independent: 5 },
  },
];

/** Two bulletins, one to every councillor and one to a committee, some of them read. */
export async function seedDemoBulletins(trx: Trx, councilId: string, id: (key: string) => string, today: string): Promise<void> {
  const committee = await trx.selectFrom('committees').select(['id', 'name']).orderBy('name').executeTakeFirst();
  for (const b of BULLETINS) {
    let audience: Audience;
    if (b.to === 'all') audience = { all: true, committeeIds: [], offices: [] };
    else if (committee) audience = { all: false, committeeIds: [committee.id], offices: [] };
    else continue; // a council without committees gets only the bulletin to everyone
    const day = addDays(today, -b.ago);
    const publishedAt = new Date(`${day}T10:00:00Z`);
    const recipients = await resolveRecipients(trx, audience, day);
    if (recipients.length === 0) continue;
    const row = await trx
      .insertInto('bulletins')
      .values({
        council_id: councilId,
        title: b.title,
        body: b.body,
        audience_all: audience.all,
        audience_committee_ids: [...audience.committeeIds],
        audience_committee_names: committee && !audience.all ? [committee.name] : [],
        audience_offices: [],
        author_id: id(b.from),
        published_at: publishedAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const readAt = new Map(Object.entries(b.readBy).map(([key, hours]) => [id(key), new Date(publishedAt.getTime() + (hours ?? 0) * 3_600_000)]));
    await trx
      .insertInto('bulletin_recipients')
      .values(recipients.map((r) => ({ council_id: councilId, bulletin_id: row.id, person_id: r.id, read_at: readAt.get(r.id) ?? null })))
      .execute();
  }
}
