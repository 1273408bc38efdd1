import type { Council } from '../db/schema.js';
import { londonInstant, previousWorkingDay, workingCalendar } from '../enquiries/working-days.js';

/** Working days before a due date on which a reminder goes (the week before, in office days). */
export const REMINDER_WORKING_DAYS = 5;
const DEFAULT_OPENING = '09:00';

/**
 * When a reminder about something due on `dueOn` is sent: at the office's opening, on the
 * council's fifth working day before it (its nation's bank holidays and its office days
 * left out), or at once when that moment has passed but the date has not.
 * Undefined when the date itself has passed: that is overdue, shown to the Clerk instead.
 */
export function reminderTime(council: Pick<Council, 'nation' | 'settings'>, dueOn: string, now: Date, today: string): Date | undefined {
  if (dueOn < today) return undefined;
  const cal = workingCalendar(council);
  let day = dueOn;
  for (let i = 0; i < REMINDER_WORKING_DAYS; i++) day = previousWorkingDay(day, cal);
  const at = londonInstant(day, council.settings.officeHours?.opens ?? DEFAULT_OPENING);
  return at > now ? at : now;
}
