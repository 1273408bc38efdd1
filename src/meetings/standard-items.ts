import type { Trx } from '../db/database.js';
import { inEachLanguage, type Translate } from '../i18n/messages.js';
import { longDay } from '../calendar/dates.js';

/**
 * The business nearly every meeting of a local council opens with, in the order councils
 * usually take it. A council keeps its own list (the `standardItems` setting); a new meeting's
 * agenda starts with those items, which the Clerk may reorder or remove until the summons.
 */
export const STANDARD_ITEMS = ['apologies', 'declarations', 'minutes', 'publicParticipation', 'actionReport'] as const;
export type StandardItem = (typeof STANDARD_ITEMS)[number];

export function standardItemsOf(settings: { standardItems?: readonly string[] }): StandardItem[] {
  const chosen = settings.standardItems ?? STANDARD_ITEMS;
  return STANDARD_ITEMS.filter((key) => chosen.includes(key));
}

/**
 * The items' titles and details in the council's languages, its default first: a council that
 * works in Welsh and English has its standard business in both, as it publishes its agendas (an
 * item the Clerk writes is in the words they write it in). The minutes name the body's last meeting.
 */
export async function standardItemTexts(trx: Trx, keys: readonly StandardItem[], meeting: { committee_id: string | null; meeting_date: string }, languages: readonly Translate[]) {
  let previous = trx.selectFrom('meetings').select('meeting_date').where('meeting_date', '<', meeting.meeting_date);
  previous = meeting.committee_id ? previous.where('committee_id', '=', meeting.committee_id) : previous.where('committee_id', 'is', null);
  const last = await previous.orderBy('meeting_date', 'desc').limit(1).executeTakeFirst();
  const inEach = (text: (t: Translate) => string) => inEachLanguage(languages, text);
  return keys.map((key) => ({
    title: inEach((t) => (key === 'minutes' && last ? t('meetings.standard.minutesOf', { date: longDay(last.meeting_date, t.locale) }) : t(`meetings.standard.${key}`))),
    details: inEach((t) => t(`meetings.standard.${key}.details`)),
  }));
}
