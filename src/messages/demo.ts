import type { Trx } from '../db/database.js';
import type { Nation, TemplateSettings } from '../protocol/types.js';
import { addDays } from '../calendar/dates.js';
import { isWorkingDay } from '../enquiries/working-days.js';
import { londonInstant, nextOpening, type OfficeCalendar } from './office-hours.js';

const DEFAULT_HOURS = { days: [1, 2, 3, 4, 5], opens: '09:00', closes: '17:00' } as const;

/** The office day `n` or more calendar days before `today`. */
function officeDayBefore(today: string, n: number, cal: OfficeCalendar): string {
  let day = addDays(today, -n);
  while (!isWorkingDay(day, { nation: cal.nation, officeDays: cal.hours.days })) day = addDays(day, -1);
  return day;
}

/**
 * A few messages to staff already delivered (one in office hours, one held overnight, one
 * urgent out of hours with its reason) and one report of contact through a personal
 * account, so the inbox, the sent page, the Clerk's urgent list and the reports page have
 * something to show. Nothing goes to the outbox: demo data sends no email.
 */
export async function seedDemoMessages(
  trx: Trx,
  council: { id: string; nation: Nation; settings: Partial<TemplateSettings> },
  id: (key: string) => string,
  today: string,
): Promise<void> {
  const cal: OfficeCalendar = { nation: council.nation, hours: council.settings.officeHours ?? DEFAULT_HOURS };
  const inHours = londonInstant(officeDayBefore(today, 5, cal), '10:15');
  const evening = londonInstant(officeDayBefore(today, 3, cal), '20:30');
  const urgentAt = londonInstant(addDays(today, -8), '21:40');
  const rows = [
    {
      sender_id: id('chair'),
      recipient_id: null,
      subject: 'Hall booking for the Remembrance lunch',
      body: 'Could the office confirm that the hall is booked for the lunch after the Remembrance service, and for how many?',
      urgent: false,
      urgent_reason: null,
      out_of_hours: false,
      sent_at: inHours,
      deliver_at: inHours,
      delivered_at: inHours,
      read_at: new Date(inHours.getTime() + 3_600_000),
    },
    {
      sender_id: id('market'),
      recipient_id: id('officer'),
      subject: 'Litter bin on Church Street',
      body: 'The litter bin outside the post office on Church Street is overflowing again. Is it on the contractor’s round?',
      urgent: false,
      urgent_reason: null,
      out_of_hours: true,
      sent_at: evening,
      deliver_at: nextOpening(evening, cal),
      delivered_at: nextOpening(evening, cal),
      read_at: null,
    },
    {
      sender_id: id('riverside'),
      recipient_id: null,
      subject: 'Fallen tree on the school footpath',
      body: 'A tree has come down across the footpath from Mill Lane to the primary school.',
      urgent: true,
      urgent_reason: 'The tree blocks the footpath children use to walk to school tomorrow morning.',
      out_of_hours: true,
      sent_at: urgentAt,
      deliver_at: urgentAt,
      delivered_at: urgentAt,
      read_at: new Date(urgentAt.getTime() + 11 * 3_600_000),
    },
  ];
  for (const r of rows) await trx.insertInto('staff_messages').values({ council_id: council.id, status: 'delivered', ...r }).execute();

  const clerk = await trx.selectFrom('people').select('id').where('role', '=', 'clerk').executeTakeFirst();
  if (!clerk) return;
  const reportedOn = officeDayBefore(today, 4, cal);
  const report = await trx
    .insertInto('contact_reports')
    .values({
      council_id: council.id,
      reporter_id: id('officer'),
      councillor_id: id('independent'),
      occurred_on: addDays(reportedOn, -2),
      channel: 'social_media',
      summary: 'Sent me a direct message on my personal social media account in the evening, asking when the allotment rents are due.',
      concerns_clerk: false,
      created_at: londonInstant(reportedOn, '09:30'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.insertInto('contact_report_recipients').values({ council_id: council.id, report_id: report.id, person_id: clerk.id }).execute();
}
