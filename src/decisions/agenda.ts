import type { Trx } from '../db/database.js';
import type { Principal } from '../policy/principal.js';
import { inEachLanguage, type Translate } from '../i18n/messages.js';
import { addItem, type Counting, type MeetingRow } from '../meetings/service.js';
import { longDate } from '../web/render.js';
import { reportText, type ActionReport } from './report.js';

/**
 * Put a body's action report on the agenda of its next meeting: an item, with the report
 * as of today as its paper, so members read progress before they meet (Ilminster 2.4).
 * The agenda's usual locks apply: once the summons can no longer be reissued in time,
 * nothing more can be added.
 */
export async function putReportOnAgenda(trx: Trx, by: Principal, meeting: MeetingRow, report: ActionReport, today: string, counting: Counting, languages: readonly Translate[]) {
  // In each of the council's languages, as its standard business is.
  const inEach = (text: (t: Translate) => string, between?: string) => inEachLanguage(languages, text, between);
  const title = inEach((t) => t('report.actions.itemTitle'));
  const details = inEach((t) => t('report.actions.itemDetails', { date: longDate(today, t.locale) }));
  const item = await addItem(trx, by, meeting, { title, details, confidential: false, confidentialReason: '', matterId: null }, today, counting);
  const body = inEach((t) => reportText(report, t), '\n\n— — —\n\n');
  await trx
    .insertInto('agenda_papers')
    .values({ council_id: by.councilId, meeting_id: meeting.id, agenda_item_id: item.id, request_id: null, title: inEach((t) => t('report.actions.paperTitle', { date: longDate(today, t.locale) })), body, created_by: by.personId })
    .execute();
  return item;
}
