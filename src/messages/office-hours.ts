import type { Locale } from '../i18n/messages.js';
import { formatClock } from '../i18n/format.js';
import { addDays, longDay, type IsoDate } from '../calendar/dates.js';
import type { Nation, OfficeHours } from '../protocol/types.js';
import { isWorkingDay } from '../enquiries/working-days.js';
import { londonInstant, londonWallClock } from '../calendar/london.js';

// Callers have imported these from here; they live with the other London-time conversions.
export { londonInstant, londonWallClock };

/**
 * A council's office hours as instants (SPEC R9, Brackley 8): the office is open on its
 * office days, between its opening and closing time in Europe/London, except on the bank
 * holidays of the council's nation. Pure functions of the instant asked about, so the same
 * answer comes in tests, on a server in another time zone, and either side of a clock change.
 */
export interface OfficeCalendar {
  nation: Nation;
  hours: OfficeHours;
}

/** The calendar of a council, from its nation and settings. */
export function officeCalendar(council: { nation: Nation; settings: { officeHours: OfficeHours } }): OfficeCalendar {
  return { nation: council.nation, hours: council.settings.officeHours };
}

/** "09:30" → 570. */
function minutesOf(time: string): number {
  const [h = '0', m = '0'] = time.split(':');
  return Number(h) * 60 + Number(m);
}

/** A day the office opens: one of its days, and not a bank holiday in its nation. */
function opensOn(day: IsoDate, cal: OfficeCalendar): boolean {
  return isWorkingDay(day, { nation: cal.nation, officeDays: cal.hours.days });
}

/** Is the office open at `at`? From its opening time (included) to its closing time (not). */
export function isOfficeOpen(at: Date, cal: OfficeCalendar): boolean {
  const { date, minutes } = londonWallClock(at);
  return opensOn(date, cal) && minutes >= minutesOf(cal.hours.opens) && minutes < minutesOf(cal.hours.closes);
}

/** Days looked ahead for an opening: more than a year, so any real calendar has one. */
const HORIZON_DAYS = 400;

/**
 * The first time the office opens at or after `at`: today's opening if it is still to come,
 * otherwise the opening of the next day the office opens. Friday evening gives Monday
 * morning; a bank holiday Monday gives Tuesday.
 */
export function nextOpening(at: Date, cal: OfficeCalendar): Date {
  const today = londonWallClock(at).date;
  for (let i = 0; i <= HORIZON_DAYS; i++) {
    const day = addDays(today, i);
    if (!opensOn(day, cal)) continue;
    const opening = londonInstant(day, cal.hours.opens);
    if (opening.getTime() >= at.getTime()) return opening;
  }
  throw new RangeError('the office has no opening day in its calendar');
}

/**
 * An instant as a sender is told it, in London time: day "Monday 23 November 2026" and time
 * "9:00am"; the catalogue puts them together ("held until {day} at {time}").
 */
export function londonDayAndTime(at: Date, locale: Locale = 'en'): { day: string; time: string } {
  const { date, minutes } = londonWallClock(at);
  return { day: longDay(date, locale), time: formatClock(Math.floor(minutes / 60), minutes % 60, locale) };
}
