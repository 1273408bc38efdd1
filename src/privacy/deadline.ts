import { addDays, type IsoDate } from '../calendar/dates.js';
import { isWorkingDay } from '../enquiries/working-days.js';
import type { Nation } from '../protocol/types.js';

/** A subject access request is answered within one calendar month of receipt (UK GDPR art. 12(3)). */
export const RESPONSE_MONTHS = 1;
/** A complex request may take up to two further months, if the person is told within the first. */
export const EXTENSION_MONTHS = 2;

/**
 * The same date `months` calendar months later, counted the ICO's way: the corresponding
 * calendar date, or the last day of that month when it has none (31 January → 28 February,
 * or 29 in a leap year). Counting from the day of receipt itself, as the ICO does.
 */
export function addCalendarMonths(iso: IsoDate, months: number): IsoDate {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  const d = Math.min(day, lastDay);
  return `${String(targetYear).padStart(4, '0')}-${String(targetMonth).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * When a request received on `receivedOn` is due: a month, or three when it is extended. A
 * date falling on a weekend or a bank holiday (of the council's nation) gives until the next
 * working day, as the ICO's guidance says.
 */
export function sarDeadline(receivedOn: IsoDate, extended: boolean, nation: Nation): IsoDate {
  let day = addCalendarMonths(receivedOn, RESPONSE_MONTHS + (extended ? EXTENSION_MONTHS : 0));
  while (!isWorkingDay(day, { nation, officeDays: [] })) day = addDays(day, 1);
  return day;
}
