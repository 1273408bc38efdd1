import { bankHolidayOn } from '../calendar/bank-holidays.js';
import { addDays, isoWeekday, type IsoDate } from '../calendar/dates.js';
import type { Nation } from '../protocol/types.js';

/** A council's working calendar: its nation's bank holidays, and the weekdays its office is open. */
export interface WorkingCalendar {
  nation: Nation;
  /** ISO weekdays the office is open (1 = Monday ... 7 = Sunday). Monday to Friday if empty. */
  officeDays: readonly number[];
}

const WEEKDAYS = [1, 2, 3, 4, 5] as const;

/** A working day: an office day that is not a bank holiday actually taken off in the council's nation. */
export function isWorkingDay(day: IsoDate, cal: WorkingCalendar): boolean {
  const days = cal.officeDays.length > 0 ? cal.officeDays : WEEKDAYS;
  return days.includes(isoWeekday(day)) && bankHolidayOn(cal.nation, day) === undefined;
}

/**
 * The `n`th working day after `start`. The day an enquiry arrives does not count, whether or
 * not it is a working day: one working day after a Friday is the Monday, or the Tuesday when
 * the Monday is a bank holiday. `n` of 0 gives `start` itself.
 */
export function addWorkingDays(start: IsoDate, n: number, cal: WorkingCalendar): IsoDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number of at least 0, not ${n}`);
  let day = start;
  let counted = 0;
  while (counted < n) {
    day = addDays(day, 1);
    if (isWorkingDay(day, cal)) counted += 1;
  }
  return day;
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(from: IsoDate, to: IsoDate, cal: WorkingCalendar): number {
  let n = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (isWorkingDay(day, cal)) n += 1;
  return n;
}

/** A council's working calendar from its nation and settings (office days from its office hours). */
export function workingCalendar(council: { nation: Nation; settings: { officeHours?: { days?: readonly number[] } } }): WorkingCalendar {
  return { nation: council.nation, officeDays: council.settings.officeHours?.days ?? WEEKDAYS };
}

/** The last working day before `day`. */
export function previousWorkingDay(day: IsoDate, cal: WorkingCalendar): IsoDate {
  let d = addDays(day, -1);
  while (!isWorkingDay(d, cal)) d = addDays(d, -1);
  return d;
}

export { londonInstant } from '../calendar/london.js';
