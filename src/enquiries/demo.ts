import type { Trx } from '../db/database.js';
import type { Nation, TemplateSettings } from '../protocol/types.js';
import { addDays } from '../calendar/dates.js';
import { londonDate } from '../policy/principal.js';
import { addWorkingDays, workingCalendar } from './working-days.js';
import { DEFAULT_RESPONSE_DAYS } from './service.js';
import { followUpTimes } from './followups.js';

interface DemoEnquiry {
  from: string;
  subject: string;
  body: string;
  kind?: 'enquiry' | 'complaint';
  /** Calendar days before today it arrived. */
  ago: number;
  /** Working days it took to answer; unanswered if absent. */
  answeredAfter?: number;
  answer?: string;
}

const ENQUIRIES: readonly DemoEnquiry[] = [
  { from: 'chair', subject: 'Bench on Market Square', body: 'A resident reports that the bench by the war memorial has a broken slat. Can it be repaired?', ago: 70, answeredAfter: 2, answer: 'Thank you. The contractor repaired the bench on Thursday.' },
  { from: 'riverside', subject: 'Streetlight on Mill Lane', body: 'The streetlight outside number 12 Mill Lane has been out for a week.', ago: 60, answeredAfter: 3, answer: 'Reported to the county council’s highways team, reference HW-55120.' },
  { from: 'market', subject: 'Allotment waiting list', body: 'How many people are on the allotment waiting list, and how long is the wait?', ago: 50, answeredAfter: 9, answer: 'There are 14 people on the list; the wait is about two years.' },
  { from: 'market', subject: 'Grass cutting in the cemetery', kind: 'complaint', body: 'Residents say the grass in the cemetery was not cut before Remembrance Sunday.', ago: 40, answeredAfter: 8, answer: 'The cut was delayed by rain; it was done on Monday. We have asked the contractor to plan earlier next year.' },
  { from: 'vice', subject: 'Christmas lights switch-on', body: 'What time does the switch-on start, and is the road closure agreed?', ago: 25, answeredAfter: 4, answer: 'It starts at 5pm; the road closure is agreed with the county council.' },
  { from: 'independent', subject: 'Dog bins on the recreation ground', body: 'Could another dog bin be put near the north gate of the recreation ground?', ago: 20, answeredAfter: 5, answer: 'Yes: one has been ordered and will be fitted this month.' },
  { from: 'riverside', subject: 'Flooding at the ford', body: 'Is the ford signed as closed after the recent rain?', ago: 14 },
  { from: 'chair', subject: 'Room booking for the annual parish meeting', body: 'Has the hall been booked for the annual parish meeting in April?', ago: 2 },
];

/** A few enquiries from the demo councillors: some answered on time, some late, some still open. */
export async function seedDemoEnquiries(
  trx: Trx,
  council: { id: string; nation: Nation; settings: Partial<TemplateSettings> },
  id: (key: string) => string,
  today: string,
): Promise<void> {
  const cal = workingCalendar({ nation: council.nation, settings: council.settings });
  const days = council.settings.enquiryResponseDays ?? DEFAULT_RESPONSE_DAYS;
  const counters = new Map<number, number>();
  for (const e of [...ENQUIRIES].sort((a, b) => b.ago - a.ago)) {
    const received = addDays(today, -e.ago);
    const year = Number(received.slice(0, 4));
    const number = (counters.get(year) ?? 0) + 1;
    counters.set(year, number);
    const answered = e.answeredAfter === undefined ? null : addWorkingDays(received, e.answeredAfter, cal);
    const answeredAt = answered && answered <= today ? `${answered}T14:00:00Z` : null;
    const dueOn = addWorkingDays(received, days, cal);
    // An open enquiry whose follow-ups are past has had them: the officers reminded, the Clerk told.
    const followUps = followUpTimes(council, new Date(`${received}T10:00:00Z`), dueOn);
    const followedUp = (at: Date) => (!answeredAt && londonDate(at) < today ? at : null);
    const row = await trx
      .insertInto('enquiries')
      .values({
        council_id: council.id,
        reference: `ENQ-${year}-${String(number).padStart(4, '0')}`,
        ref_year: year,
        ref_number: number,
        councillor_id: id(e.from),
        subject: e.subject,
        body: e.body,
        kind: e.kind ?? 'enquiry',
        status: answeredAt ? 'answered' : 'open',
        received_at: `${received}T10:00:00Z`,
        due_on: dueOn,
        answered_at: answeredAt,
        reminded_at: followedUp(followUps.remindAt),
        escalated_at: followedUp(followUps.escalateAt),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (answeredAt && e.answer) {
      await trx.insertInto('enquiry_messages').values({ council_id: council.id, enquiry_id: row.id, author_id: id('officer'), body: e.answer, created_at: answeredAt }).execute();
    }
  }
}
